//! Tests of `endpoint.rs`, compiled as its `tests` module.

use super::*;

#[test]
fn builder_accessors_and_test_json() {
    let e = Endpoint::new("https://a")
        .with_header("h", "1")
        .with_header("h", "2")
        .with_property("p", true)
        .with_property("q", ::serde_json::json!({"k": ["v", 1]}));
    assert_eq!(e.url(), "https://a");
    assert_eq!(
        e.headers().collect::<Vec<_>>(),
        [("h", &["1".to_string(), "2".to_string()][..])]
    );
    assert_eq!(
        e.property("q")
            .and_then(|q| q.get("k"))
            .and_then(Property::as_array)
            .map(<[_]>::len),
        Some(2)
    );
    assert_eq!(
        ::serde_json::to_value(&e).unwrap(),
        ::serde_json::json!({"url": "https://a", "headers": {"h": ["1", "2"]}, "properties": {"p": true, "q": {"k": ["v", 1]}}})
    );
    assert_eq!(
        ::serde_json::to_value(Endpoint::new("https://b")).unwrap(),
        ::serde_json::json!({"url": "https://b"})
    );
    assert_eq!(ResolveEndpointError::message("m").to_string(), "m");
}

#[test]
fn auth_schemes_adjust_signing_or_refuse() {
    let schemes = |v: ::serde_json::Value| {
        Endpoint::new("https://x.example/p/").with_property("authSchemes", v)
    };
    let r = into_resolved(schemes(::serde_json::json!([
        {"name": "sigv4a", "signingRegionSet": ["*"]},
        {"name": "sigv4", "signingName": "s3", "signingRegion": "us-west-2", "disableDoubleEncoding": true, "disableNormalizePath": true}
    ])))
    .unwrap();
    assert_eq!(r.url, "https://x.example/p");
    assert_eq!(
        (r.signing_name.as_deref(), r.signing_region.as_deref()),
        (Some("s3"), Some("us-west-2"))
    );
    assert!(!r.double_encode && !r.normalize_path);
    let err = into_resolved(schemes(::serde_json::json!([{"name": "sigv4a"}]))).unwrap_err();
    assert!(err.contains("`sigv4a`"), "{err}");
    let plain = into_resolved(Endpoint::new("http://h:1").with_header("a", "b")).unwrap();
    assert!(plain.double_encode && plain.normalize_path && plain.signing_region.is_none());
    assert_eq!(plain.headers, [("a".to_string(), "b".to_string())]);
    assert!(into_resolved(Endpoint::new("ftp://x")).is_err());
}
