use super::super::http::HttpResponse;
use super::*;

#[test]
fn label_escaping_vector() {
    assert_eq!(
        percent_encode(" %:/?#[]@!$&'()*+,;=😹", false),
        "%20%25%3A%2F%3F%23%5B%5D%40%21%24%26%27%28%29%2A%2B%2C%3B%3D%F0%9F%98%B9"
    );
    assert_eq!(percent_encode("a/b c", true), "a/b%20c");
    assert_eq!(percent_encode("AZaz09-._~", false), "AZaz09-._~");
}

#[test]
fn labels_refuse_dot_segments_and_empty_values() {
    let push = |value: &str, greedy: bool| {
        let mut path = ::std::string::String::from("/x/");
        push_label(&mut path, "Key", value, greedy).map(|()| path)
    };
    for bad in [".", "..", ""] {
        assert!(push(bad, false).is_err(), "{bad:?}");
        assert!(push(bad, true).is_err(), "{bad:?} greedy");
    }
    for bad in ["a/../b", "./a", "a/.", "../"] {
        assert!(push(bad, true).is_err(), "{bad:?}");
    }
    // Not dot segments: kept, and in a plain label `/` is encoded so no segment appears.
    assert_eq!(push("...", false).as_deref(), Ok("/x/..."));
    assert_eq!(push(".a", false).as_deref(), Ok("/x/.a"));
    assert_eq!(push("a/../b", false).as_deref(), Ok("/x/a%2F..%2Fb"));
    assert_eq!(push("a/.b/c", true).as_deref(), Ok("/x/a/.b/c"));
    let err = push("..", false).unwrap_err();
    assert!(err.contains("`Key`") && err.contains("`..`"), "{err}");
}

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
fn identification_order() {
    let r = HttpResponse::new(
        400,
        r#"{"code":"FromCode","__type":"ns#FromType","message":"m"}"#,
    )
    .with_header("X-Amzn-Errortype", "FromHeader:http://x");
    assert_eq!(error_meta(&r).code.as_deref(), Some("FromHeader"));
    let r = HttpResponse::new(400, r#"{"code":"FromCode","__type":"ns#FromType"}"#);
    assert_eq!(error_meta(&r).code.as_deref(), Some("FromCode"));
    let r = HttpResponse::new(
        400,
        r#"{"__type":"ns#FromType","Message":"M","nested":{"__type":"x#Nested"}}"#,
    );
    let meta = error_meta(&r);
    assert_eq!(meta.code.as_deref(), Some("FromType"));
    assert_eq!(meta.message.as_deref(), Some("M"));
}

#[test]
fn garbage_bodies_identify_nothing() {
    for body in [
        "",
        "<html>503</html>",
        "{\"code\":",
        "[1,2]",
        "{\"code\":5}",
        "null",
    ] {
        let r = HttpResponse::new(503, body).with_header("x-amzn-RequestId", "rid");
        let meta = error_meta(&r);
        assert_eq!(meta.code, None, "{body}");
        assert_eq!(meta.request_id.as_deref(), Some("rid"));
    }
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
fn repeated_header_lines_join() {
    let r = HttpResponse::new(200, "")
        .with_header("X-List", "a, b")
        .with_header("other", "x")
        .with_header("x-list", "c");
    assert_eq!(header_joined(&r, "X-LIST").as_deref(), Some("a, b, c"));
    assert_eq!(header_joined(&r, "missing"), None);
}

#[test]
fn float_params_print_their_own_width() {
    assert_eq!(float_param(1.1f32), "1.1");
    assert_eq!(float_param(4.1f32), "4.1");
    assert_eq!(float_param(1.1f64), "1.1");
    assert_eq!(float_param(f32::NEG_INFINITY), "-Infinity");
    assert_eq!(float_param(f64::NAN), "NaN");
}

#[test]
fn http_date_lists_split_after_every_date() {
    assert_eq!(
        split_http_date_list("Mon, 16 Dec 2019 23:48:18 GMT, Tue, 17 Dec 2019 23:48:18 GMT"),
        [
            "Mon, 16 Dec 2019 23:48:18 GMT",
            "Tue, 17 Dec 2019 23:48:18 GMT"
        ]
    );
    assert_eq!(
        split_http_date_list("\"Mon, 16 Dec 2019 23:48:18 GMT\""),
        ["Mon, 16 Dec 2019 23:48:18 GMT"]
    );
    // Not dates: left for the timestamp parser to reject.
    assert_eq!(split_http_date_list("Mon"), ["Mon"]);
    assert_eq!(split_http_date_list("x, y"), ["x", "y"]);
}

#[test]
fn header_list_items_keep_their_whitespace_and_quotes() {
    let items = vec![
        " padded ".to_string(),
        "".to_string(),
        "x".to_string(),
        "\\\"".to_string(),
    ];
    let joined = header_list(&items);
    assert_eq!(joined, "\" padded \", , x, \"\\\\\\\"\"");
    assert_eq!(split_header_list(&joined), items);
    // Lenient on what arrives: spaces around items, a quote that never closes.
    assert_eq!(split_header_list(" a ,b"), ["a", "b"]);
    assert_eq!(split_header_list("\"open, x"), ["\"open, x"]);
    assert_eq!(split_header_list("\"a\"\"b\""), ["a\"\"b"]);
}

#[test]
fn header_lists() {
    let items = vec!["a".to_string(), "b,c".to_string(), "d\"e".to_string()];
    let joined = header_list(&items);
    assert_eq!(joined, "a, \"b,c\", \"d\\\"e\"");
    assert_eq!(split_header_list(&joined), items);
}
