//! Tests of `sigv4.rs`, compiled as its `tests` module.

use super::*;

fn s(x: &str) -> ::std::string::String {
    x.to_owned()
}

/// The credentials of the AWS SigV4 test suite.
fn suite_creds() -> SigningCredentials<'static> {
    SigningCredentials {
        access_key_id: "AKIDEXAMPLE",
        secret_access_key: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
        session_token: None,
    }
}

fn suite_params() -> SigningParams<'static> {
    SigningParams {
        region: "us-east-1",
        service: "service",
        amz_date: "20150830T123600Z",
        content_sha256_header: false,
        normalize_path: true,
        double_encode: true,
    }
}

#[test]
fn sha256_known_answers() {
    assert_eq!(
        sha256_hex(b""),
        "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
    );
    assert_eq!(
        sha256_hex(b"abc"),
        "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
    );
}

#[test]
fn hmac_rfc4231_case_2() {
    let mac = hmac_sha256(b"Jefe", b"what do ya want for nothing?");
    assert_eq!(
        hex_lower(&mac),
        "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"
    );
}

#[test]
fn amz_date_formats() {
    assert_eq!(amz_date(1_440_938_160), "20150830T123600Z");
    assert_eq!(amz_date(0), "19700101T000000Z");
    assert_eq!(amz_date(-1), "19691231T235959Z");
    assert_eq!(amz_date(951_782_400), "20000229T000000Z");
    assert_eq!(amz_date(253_402_300_799), "99991231T235959Z");
    // Extremes do not panic.
    let _ = amz_date(i64::MAX);
    let _ = amz_date(i64::MIN);
}

#[test]
fn get_vanilla() {
    let headers = [(s("Host"), s("example.amazonaws.com"))];
    let (added, sig) = sign(
        "GET",
        "/",
        "",
        &headers,
        b"",
        &suite_creds(),
        &suite_params(),
    );
    assert_eq!(
        sig.canonical_request,
        "GET\n/\n\nhost:example.amazonaws.com\nx-amz-date:20150830T123600Z\n\n\
         host;x-amz-date\ne3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
    );
    assert_eq!(
        sig.string_to_sign,
        "AWS4-HMAC-SHA256\n20150830T123600Z\n20150830/us-east-1/service/aws4_request\n\
         bb579772317eb040ac9ed261061d46c1f17a8133879d6129b6e1c25292927e63"
    );
    assert_eq!(
        sig.signature,
        "5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31"
    );
    let authorization = "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders=host;x-amz-date, Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31";
    assert_eq!(sig.authorization, authorization);
    assert_eq!(
        added,
        vec![
            (s("X-Amz-Date"), s("20150830T123600Z")),
            (s("Authorization"), s(authorization)),
        ]
    );
}

#[test]
fn unsigned_payload_is_the_last_canonical_line() {
    let headers = [(s("Host"), s("example.amazonaws.com"))];
    let (_, sig) = sign_with_payload_hash(
        "PUT",
        "/",
        "",
        &headers,
        UNSIGNED_PAYLOAD,
        &suite_creds(),
        &suite_params(),
    );
    assert!(sig.canonical_request.ends_with("\nUNSIGNED-PAYLOAD"));
    let (_, hashed) = sign(
        "PUT",
        "/",
        "",
        &headers,
        b"",
        &suite_creds(),
        &suite_params(),
    );
    assert_ne!(sig.signature, hashed.signature);
}

#[test]
fn session_token_and_content_hash_are_added_and_signed() {
    let creds = SigningCredentials {
        session_token: Some("TOKEN"),
        ..suite_creds()
    };
    let params = SigningParams {
        content_sha256_header: true,
        ..suite_params()
    };
    let headers = [(s("Host"), s("example.amazonaws.com"))];
    let (added, sig) = sign("POST", "/", "", &headers, b"abc", &creds, &params);
    let names: ::std::vec::Vec<&str> = added.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(
        names,
        [
            "X-Amz-Date",
            "X-Amz-Security-Token",
            "x-amz-content-sha256",
            "Authorization"
        ]
    );
    assert!(
        sig.authorization
            .contains("SignedHeaders=host;x-amz-content-sha256;x-amz-date;x-amz-security-token,")
    );
    assert!(
        sig.canonical_request
            .ends_with("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    );
}

#[test]
fn present_headers_are_not_added_twice() {
    let headers = [
        (s("host"), s("example.amazonaws.com")),
        (s("x-amz-date"), s("20150830T123600Z")),
    ];
    let (added, sig) = sign(
        "GET",
        "/",
        "",
        &headers,
        b"",
        &suite_creds(),
        &suite_params(),
    );
    assert_eq!(added.len(), 1);
    assert_eq!(
        sig.signature,
        "5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31"
    );
}

#[test]
fn path_normalization() {
    let table = [
        ("", "/"),
        ("/", "/"),
        ("//", "/"),
        ("//..", "/"),
        ("/..", "/"),
        ("/../..", "/"),
        (".", "/"),
        ("a", "/a"),
        ("/example/..", "/"),
        ("/example1/example2/../..", "/"),
        ("/a/b/..", "/a/"),
        ("/a/b/.", "/a/b/"),
        ("/./example", "/example"),
        ("/example/./", "/example/"),
        ("//example//", "/example/"),
        ("/a//b///c", "/a/b/c"),
        ("/a/../b/", "/b/"),
        ("/a/.../b", "/a/.../b"),
        ("/a/..b/c", "/a/..b/c"),
    ];
    for (input, expected) in table {
        assert_eq!(normalize_path(input), expected, "normalizing {input:?}");
    }
}

#[test]
fn canonical_uri_encodes_again() {
    assert_eq!(
        canonical_uri("/game/a%20b/stage/x", true, true),
        "/game/a%2520b/stage/x"
    );
    assert_eq!(
        canonical_uri("/example space/", false, true),
        "/example%20space/"
    );
    assert_eq!(canonical_uri("/\u{1234}", true, true), "/%E1%88%B4");
    assert_eq!(
        canonical_uri("/test/@connections/JBDvjfGEIAMCERw%3D", true, true),
        "/test/%40connections/JBDvjfGEIAMCERw%253D"
    );
    assert_eq!(canonical_uri("//example//", false, true), "//example//");
    assert_eq!(canonical_uri("", false, true), "/");
    // S3 (`disableDoubleEncoding`): the path as sent.
    assert_eq!(canonical_uri("/a%20b//c", false, false), "/a%20b//c");
    assert_eq!(canonical_uri("", false, false), "/");
}

#[test]
fn canonical_query_rules() {
    assert_eq!(canonical_query(""), "");
    assert_eq!(
        canonical_query("Param-3=Value3&Param=Value2&%E1%88%B4=Value1"),
        "%E1%88%B4=Value1&Param=Value2&Param-3=Value3"
    );
    assert_eq!(canonical_query("b=2&a&a=1&&c="), "a=&a=1&b=2&c=");
    assert_eq!(canonical_query("k=a b+c/d"), "k=a%20b%2Bc%2Fd");
    assert_eq!(canonical_query("k=%7e%zz%"), "k=~%25zz%25");
    assert_eq!(canonical_query("k=x=y"), "k=x%3Dy");
}

#[test]
fn canonical_header_rules() {
    let headers = [
        (s("My-Header1"), s("  value4 ")),
        (s("host"), s("h")),
        (s("my-header1"), s("a \t  b\n c")),
        (s("My-Header2"), s("\"a   b   c\"")),
    ];
    let (canonical, signed) = canonical_headers(headers.iter());
    assert_eq!(
        canonical,
        "host:h\nmy-header1:value4,a b c\nmy-header2:\"a b c\"\n"
    );
    assert_eq!(signed, "host;my-header1;my-header2");
}

#[test]
fn weird_inputs_do_not_panic() {
    let paths = [
        "",
        "/",
        "//..",
        "%",
        "%zz",
        "/%",
        "/%e",
        "/%E1%88",
        "/..%2F..",
        "/\u{e9}t\u{e9}/\u{1F600}",
        "no-leading-slash",
        "/a/./../../b/.",
    ];
    let queries = [
        "",
        "&",
        "=",
        "==",
        "%",
        "%zz",
        "a=%",
        "%=%",
        "\u{e9}=\u{1F600}",
        "&&&a&&",
    ];
    let headers: [::std::vec::Vec<(::std::string::String, ::std::string::String)>; 3] = [
        vec![],
        vec![(s(""), s("")), (s(" "), s("\t\r\n"))],
        vec![
            (s("\u{c9}t\u{e9}"), s("\u{1F600}  \u{e9}")),
            (s("x-amz-date"), s("bad")),
        ],
    ];
    let creds = SigningCredentials {
        access_key_id: "",
        secret_access_key: "\u{e9}",
        session_token: Some(" \u{e9} "),
    };
    for amz in [
        "",
        "2",
        "\u{e9}\u{e9}\u{e9}\u{e9}\u{e9}",
        "20150830T123600Z",
    ] {
        for normalize in [false, true] {
            let params = SigningParams {
                region: "\u{e9}",
                service: "",
                amz_date: amz,
                content_sha256_header: normalize,
                normalize_path: normalize,
                double_encode: !normalize,
            };
            for path in paths {
                for query in queries {
                    for h in &headers {
                        let (added, sig) = sign("", path, query, h, b"\xff", &creds, &params);
                        assert!(!added.is_empty());
                        assert_eq!(sig.signature.len(), 64);
                    }
                }
            }
        }
    }
}

#[test]
fn huge_inputs_do_not_panic() {
    let huge = "x \t".repeat(300_000);
    let headers = [(s("Host"), huge.clone()), (s("X-Big"), huge.clone())];
    let creds = SigningCredentials {
        access_key_id: &huge,
        secret_access_key: &huge,
        session_token: Some(&huge),
    };
    let params = SigningParams {
        region: &huge,
        service: &huge,
        amz_date: &huge,
        content_sha256_header: true,
        normalize_path: true,
        double_encode: true,
    };
    let path = "/%zz/..".repeat(100_000);
    let query = "a=%&b".repeat(100_000);
    let (added, sig) = sign(
        &huge,
        &path,
        &query,
        &headers,
        huge.as_bytes(),
        &creds,
        &params,
    );
    assert_eq!(added.len(), 4);
    assert_eq!(sig.signature.len(), 64);
}

/// The cached key is the one derived afresh, whatever order secrets and scopes come in.
#[test]
fn cached_signing_keys_match_fresh_ones() {
    let uses = [
        ("secret-a", "20150830", "us-east-1", "iam"),
        ("secret-a", "20150830", "us-east-1", "iam"),
        ("secret-b", "20150830", "us-east-1", "iam"),
        ("secret-a", "20150831", "us-east-1", "iam"),
        ("secret-a", "20150831", "eu-west-1", "iam"),
        ("secret-a", "20150831", "eu-west-1", "sts"),
        ("secret-a", "20150830", "us-east-1", "iam"),
    ];
    let mut seen = ::std::collections::BTreeSet::new();
    for (secret, date, region, service) in uses {
        let fresh = HmacKey::new(&derive_signing_key(secret, date, region, service));
        let mac = signing_key(secret, date, region, service).mac(b"string to sign");
        assert_eq!(
            mac,
            fresh.mac(b"string to sign"),
            "{secret} {date} {region} {service}"
        );
        seen.insert(mac);
    }
    assert_eq!(
        seen.len(),
        5,
        "each of the five secret and scope pairs signs differently"
    );
}
