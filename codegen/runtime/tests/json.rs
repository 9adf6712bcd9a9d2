//! Tests of `json.rs`, compiled as its `tests` module.

use super::super::http::HttpResponse;
use super::*;

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
