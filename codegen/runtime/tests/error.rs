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
fn display_names_code_and_message_and_leaves_status_to_sdk_error() {
    let e = Unhandled::new()
        .with_code("Boom")
        .with_message("it broke")
        .with_status(503)
        .with_request_id("abc");
    assert_eq!(e.to_string(), "Boom: it broke");
    assert_eq!(Unhandled::new().to_string(), "unhandled error");
    assert_eq!(
        Unhandled::new().with_status(503).to_string(),
        "unhandled error (HTTP 503)"
    );
    let sdk: SdkError<Unhandled> = SdkError::Service(ServiceError {
        error: e,
        status: 503,
        request_id: Some("abc".into()),
        attempts: 3,
    });
    assert_eq!(
        sdk.to_string(),
        "service error: Boom: it broke (HTTP 503, request id abc, after 3 attempts)"
    );
    assert_eq!(sdk.attempts(), 3);
}

#[test]
fn without_code_or_message_the_body_is_excerpted() {
    let html = "<html>\n<head><title>500 Internal Server Error</title></head>\n<body>\n<h1>Oops</h1></body></html>";
    let e = Unhandled::new()
        .with_status(500)
        .with_content_type("text/html")
        .with_body(html.as_bytes());
    assert_eq!(e.content_type(), Some("text/html"));
    assert_eq!(e.excerpt(), Some("500 Internal Server Error Oops"));
    assert_eq!(
        e.to_string(),
        "unhandled error: text/html body \"500 Internal Server Error Oops\""
    );
    let sdk: SdkError<Unhandled> = SdkError::Service(ServiceError {
        error: e,
        status: 500,
        request_id: None,
        attempts: 1,
    });
    let shown = sdk.to_string();
    assert_eq!(shown.matches("HTTP 500").count(), 1, "{shown}");
    assert!(!shown.contains("attempts"), "{shown}");
    assert_eq!(
        Unhandled::new().with_body(b"").to_string(),
        "unhandled error: empty body"
    );
    // A code alone is enough: no excerpt.
    assert_eq!(
        Unhandled::new().with_code("X").with_body(b"{}").to_string(),
        "X"
    );
}

#[test]
fn excerpts_are_short_single_lines() {
    let long = "word ".repeat(100);
    let e = excerpt(long.as_bytes(), 200);
    assert!((195..=201).contains(&e.chars().count()), "{e}");
    assert!(e.ends_with('…'));
    // Not markup: `<` is kept; control characters are escaped, whitespace collapsed.
    assert_eq!(excerpt(b"a < b\r\n\tc\x1b[31m", 200), "a < b c\\u{1b}[31m");
    assert_eq!(excerpt(b"\xff\xfeok", 200), "\u{fffd}\u{fffd}ok");
    // Cut at the byte limit of the head: still marked as cut.
    let huge = vec![b'x'; 100 * 1024];
    assert!(excerpt(&huge, 200).ends_with('…'));
    assert_eq!(excerpt(&huge, usize::MAX).chars().count(), 64 * 1024 + 1);
}

#[test]
fn escaped_prefixes_escape_controls_and_cut() {
    assert_eq!(escaped_prefix("ok", 10), "ok");
    assert_eq!(
        escaped_prefix("a\nrequest-id: FORGED\x1b[31m", 100),
        "a\\nrequest-id: FORGED\\u{1b}[31m"
    );
    assert_eq!(escaped_prefix("abcdef", 3), "abc…");
    assert_eq!(escaped_prefix("\u{202e}x", 10), "\\u{202e}x");
}

#[test]
fn server_text_cannot_forge_lines_or_colour() {
    let hostile = "denied\nrequest-id: FORGED\x1b[31m\u{202e}red";
    let e = Unhandled::new()
        .with_code("Bad\nCode")
        .with_message(hostile)
        .with_request_id("id\r\nX: y");
    let sdk: SdkError<Unhandled> = SdkError::Service(ServiceError {
        error: e.clone(),
        status: 400,
        request_id: e.request_id().map(str::to_string),
        attempts: 1,
    });
    for shown in [e.to_string(), sdk.to_string()] {
        assert!(
            !shown.chars().any(|c| c.is_control() || c == '\u{202e}'),
            "{shown:?}"
        );
        assert!(
            shown.contains("denied\\nrequest-id: FORGED\\u{1b}[31m\\u{202e}red"),
            "{shown}"
        );
    }
    assert!(sdk.to_string().contains("request id id\\r\\nX: y"));
    // The accessors keep the text as sent.
    assert_eq!(e.message(), Some(hostile));
    assert_eq!(Escaped("plain \\ text").to_string(), "plain \\ text");
}

#[test]
fn too_large_is_its_own_kind() {
    let e: SdkError<Unhandled> = SdkError::ResponseTooLarge(ResponseError {
        status: 200,
        request_id: None,
        message: "over 64 MiB".into(),
        attempts: 1,
    });
    assert_eq!(e.kind_name(), "response_too_large");
    assert_eq!(e.status(), Some(200));
    assert_eq!(
        e.to_string(),
        "the response is too large: over 64 MiB (HTTP 200)"
    );
}

#[test]
fn attempts_reach_every_kind() {
    use super::super::http::{TransportError, TransportErrorKind};
    let e: SdkError<Unhandled> =
        SdkError::Timeout(TransportError::new(TransportErrorKind::Timeout, "read"));
    assert_eq!(e.attempts(), 1);
    let e = e.with_attempts(4);
    assert_eq!(e.attempts(), 4);
    assert_eq!(
        e.to_string(),
        "the request timed out: read (after 4 attempts)"
    );
    let e: SdkError<Unhandled> = SdkError::BodyNotReplayable(Box::new(SdkError::Transport(
        TransportError::new(TransportErrorKind::Io, "reset"),
    )))
    .with_attempts(2);
    assert_eq!(e.attempts(), 2);
    let e: SdkError<Unhandled> =
        SdkError::Construction(ConstructionError::new("no region")).with_attempts(3);
    assert_eq!(e.attempts(), 0, "nothing was sent");
}
