//! Tests of `protocol.rs`, compiled as its `tests` module.

use super::*;

#[test]
fn headers_with_bad_names_or_control_characters_are_refused() {
    let h = |n: &str, v: &str| vec![(n.to_string(), v.to_string())];
    assert!(check_headers(&h("x-amz-meta-a", "tab\tand ünïcode")).is_ok());
    assert!(check_headers(&[]).is_ok());
    for (name, value) in [
        ("x-a", "one\r\nx-forged: 1"),
        ("x-a", "nul\0"),
        ("x-a", "del\u{7f}"),
        ("x a", "v"),
        ("x:a", "v"),
        ("", "v"),
        ("x-ü", "v"),
    ] {
        let err = check_headers(&h(name, value)).unwrap_err();
        assert!(err.contains("header"), "{name:?}: {err}");
    }
}

#[test]
fn host_labels_must_be_dns_labels() {
    let push = |v: &str| {
        let mut p = ::std::string::String::from("x-");
        push_host_label(&mut p, "Foo", v).map(|()| p)
    };
    assert_eq!(push("abc").as_deref(), Ok("x-abc"));
    assert_eq!(push("a-1.b2").as_deref(), Ok("x-a-1.b2"));
    for bad in [
        "",
        "a b",
        "a/b",
        "evil.com/x",
        "-a",
        "a-",
        "a..b",
        "a:1",
        "ü",
        &"a".repeat(64),
    ] {
        let err = push(bad).unwrap_err();
        assert!(err.contains("`Foo`"), "{bad:?}: {err}");
    }
    assert_eq!(
        prefix_host("https://svc.us-east-1.amazonaws.com", "abc.data."),
        "https://abc.data.svc.us-east-1.amazonaws.com"
    );
    assert_eq!(
        prefix_host("http://localhost:8080/base", "d."),
        "http://d.localhost:8080/base"
    );
    assert_eq!(prefix_host("https://a.b", ""), "https://a.b");
}

#[test]
fn sanitizes_codes() {
    assert_eq!(
        sanitize_error_code(
            "aws.gamesparks#ValidationException:http://internal.amazon.com/coral/com.amazon.coral.validate/"
        ),
        "ValidationException"
    );
    assert_eq!(sanitize_error_code("FooError"), "FooError");
    assert_eq!(sanitize_error_code("FooError:http://x"), "FooError");
    assert_eq!(sanitize_error_code("ns#FooError"), "FooError");
}

#[test]
fn idempotency_tokens_are_uuid_v4() {
    let a = idempotency_token();
    let b = idempotency_token();
    assert_ne!(a, b);
    assert_eq!(a.len(), 36);
    assert_eq!(&a[14..15], "4");
    assert!(matches!(&a[19..20], "8" | "9" | "a" | "b"), "{a}");
}

#[test]
fn float_params_print_their_own_width() {
    assert_eq!(float_param(1.1f32), "1.1");
    assert_eq!(float_param(4.1f32), "4.1");
    assert_eq!(float_param(1.1f64), "1.1");
    assert_eq!(float_param(f32::NEG_INFINITY), "-Infinity");
    assert_eq!(float_param(f64::NAN), "NaN");
}
