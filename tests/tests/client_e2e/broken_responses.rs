//! Unreadable and broken responses: HTML and empty errors, malformed or wrongly typed JSON,
//! truncated bodies, closed and refused connections, timeouts.

use super::*;

#[test]
fn html_503_is_unhandled_with_status_and_request_id() {
    let server = Server::start(vec![
        Reply::new(
            503,
            "<html><body><h1>503 Service Unavailable</h1></body></html>",
        )
        .header("Content-Type", "text/html")
        .header("x-amzn-RequestId", "req-503"),
    ]);
    let err = call(&client_for(&server)).unwrap_err();
    assert_eq!(err.status(), Some(503));
    assert_eq!(err.request_id(), Some("req-503"));
    let (error, status, _) = service_error(Err(err));
    let GetStageDeploymentError::Unhandled(unhandled) = &error else {
        panic!("expected Unhandled, got {error:?}");
    };
    assert_eq!((unhandled.code(), unhandled.message()), (None, None));
    assert_eq!(
        (unhandled.status(), unhandled.request_id()),
        (Some(503), Some("req-503"))
    );
    assert_eq!(status, 503);
    assert_eq!(
        error.retry_kind(),
        Some(gamesparks::error::RetryKind::Transient)
    );
}

#[test]
fn empty_500_is_unhandled_and_transient() {
    let server = Server::start(vec![
        Reply::new(500, "").header("x-amz-request-id", "req-500"),
    ]);
    let (error, status, request_id) = service_error(call(&client_for(&server)));
    let GetStageDeploymentError::Unhandled(unhandled) = &error else {
        panic!("expected Unhandled, got {error:?}");
    };
    assert_eq!(unhandled.code(), None);
    assert_eq!(unhandled.status(), Some(500));
    assert_eq!((status, request_id.as_deref()), (500, Some("req-500")));
    assert_eq!(
        error.retry_kind(),
        Some(gamesparks::error::RetryKind::Transient)
    );
}

#[test]
fn malformed_json_on_200_is_a_response_error() {
    let server = Server::start(vec![
        Reply::json(200, r#"{"StageDeployment":{"DeploymentId":"x",}"#)
            .header("x-amzn-RequestId", "req-bad-json"),
    ]);
    let err = call(&client_for(&server)).unwrap_err();
    let SdkError::Response(response) = &err else {
        panic!("expected a response error, got {err:?}");
    };
    assert_eq!(response.status, 200);
    assert_eq!(response.request_id.as_deref(), Some("req-bad-json"));
    assert_eq!(err.kind_name(), "response");
    assert!(err.to_string().contains("HTTP 200"), "{err}");
    assert_eq!(server.request_count(), 1, "a response error is not retried");
}

#[test]
fn wrong_types_on_200_are_a_response_error() {
    let server = Server::start(vec![
        Reply::json(200, r#"{"StageDeployment":{"Created":1420070400}}"#),
        Reply::json(200, r#"{"StageDeployment":"string"}"#),
        Reply::json(200, r#"[1,2,3]"#),
    ]);
    let client = Client::new(config_for(&server, true, RetryConfig::standard()));
    for _ in 0..3 {
        let err = call(&client).unwrap_err();
        assert!(matches!(err, SdkError::Response(_)), "{err:?}");
    }
    assert_eq!(server.request_count(), 3);
}

#[test]
fn truncated_body_is_a_transport_or_response_error() {
    let mut raw =
        b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 500\r\n\r\n"
            .to_vec();
    raw.extend_from_slice(&SEED.as_bytes()[..40]);
    let server = Server::start(vec![Reply::Raw(raw)]);
    let err = call(&client_for(&server)).unwrap_err();
    assert!(
        matches!(err, SdkError::Transport(_) | SdkError::Response(_)),
        "{err:?}"
    );
    assert_eq!(server.request_count(), 1);
}

#[test]
fn connection_closed_without_a_response_is_a_transport_error() {
    let server = Server::start(vec![Reply::Raw(Vec::new())]);
    let err = call(&client_for(&server)).unwrap_err();
    assert!(matches!(err, SdkError::Transport(_)), "{err:?}");
    assert_eq!(err.kind_name(), "transport");
    assert!(
        err.to_string().starts_with("the request failed in transit"),
        "{err}"
    );
}

#[test]
fn connection_refused_is_a_transport_error() {
    // Bind and drop a listener to get a port nobody listens on.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let config = Config::builder()
        .region("us-east-1")
        .endpoint_url(format!("http://127.0.0.1:{port}"))
        .credentials(Credentials::new(AKID, SECRET, None))
        .retry_config(RetryConfig::disabled())
        .connect_timeout(Duration::from_secs(2))
        .ignore_environment()
        .build();
    let err = call(&Client::new(config)).unwrap_err();
    let SdkError::Transport(transport) = &err else {
        panic!("expected a transport error, got {err:?}");
    };
    assert_eq!(
        transport.kind(),
        gamesparks::http::TransportErrorKind::Connect,
        "{transport}"
    );
}

#[test]
fn a_server_that_never_answers_times_out() {
    let server = Server::start(vec![Reply::Hang]);
    let config = Config::builder()
        .region("us-east-1")
        .endpoint_url(server.url())
        .credentials(Credentials::new(AKID, SECRET, None))
        .retry_config(RetryConfig::disabled())
        .read_timeout(Duration::from_millis(300))
        .connect_timeout(Duration::from_secs(2))
        .ignore_environment()
        .build();
    let started = Instant::now();
    let err = call(&Client::new(config)).unwrap_err();
    let elapsed = started.elapsed();
    assert!(matches!(err, SdkError::Timeout(_)), "{err:?}");
    assert_eq!(err.kind_name(), "timeout");
    assert!(
        elapsed >= Duration::from_millis(250),
        "gave up too early: {elapsed:?}"
    );
    assert!(elapsed < Duration::from_secs(3), "took {elapsed:?}");
    assert_eq!(server.request_count(), 1);
}

#[test]
fn timeouts_are_retried() {
    let server = Server::start(vec![Reply::Hang, Reply::json(200, SEED)]);
    let config = Config::builder()
        .region("us-east-1")
        .endpoint_url(server.url())
        .credentials(Credentials::new(AKID, SECRET, None))
        .retry_config(RetryConfig::standard().with_initial_backoff(Duration::from_millis(1)))
        .read_timeout(Duration::from_millis(300))
        .ignore_environment()
        .build();
    assert_seed_output(&call(&Client::new(config)).expect("second attempt succeeds"));
    assert_eq!(server.request_count(), 2);
}
