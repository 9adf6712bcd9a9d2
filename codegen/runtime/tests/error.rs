//! Tests of `error.rs`, compiled as its `tests` module.

use super::*;

#[test]
fn classification() {
    assert_eq!(
        classify(Some("SlowDown"), Some(400)),
        Some(RetryKind::Throttling)
    );
    assert_eq!(classify(None, Some(429)), Some(RetryKind::Throttling));
    assert_eq!(classify(None, Some(503)), Some(RetryKind::Transient));
    assert_eq!(classify(Some("Nope"), Some(400)), None);
    assert_eq!(classify(None, Some(501)), None);
}

#[test]
fn display_names_everything() {
    let e = Unhandled::new()
        .with_code("Boom")
        .with_message("it broke")
        .with_status(503)
        .with_request_id("abc");
    assert_eq!(e.to_string(), "Boom: it broke (HTTP 503, request id abc)");
    assert_eq!(Unhandled::new().to_string(), "unhandled error");
}
