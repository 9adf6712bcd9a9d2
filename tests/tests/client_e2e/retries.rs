//! The standard retry mode over loopback: what is retried, how often, on which connection.

use super::*;

fn standard(server: &Server) -> Client {
    Client::new(config_for(server, true, RetryConfig::standard()))
}

#[test]
fn throttled_then_ok_succeeds_on_the_second_request() {
    let server = Server::start(vec![
        Reply::json(429, r#"{"message":"slow down"}"#)
            .header("X-Amzn-Errortype", "ThrottlingException"),
        Reply::json(200, SEED),
    ]);
    assert_seed_output(&call(&standard(&server)).expect("success after a retry"));
    let requests = server.requests();
    assert_eq!(requests.len(), 2);
    for request in &requests {
        assert_eq!(request.target, "/game/g/stage/s/deployment?DeploymentId=d");
        assert_signed_get(request, server.port(), true);
    }
}

#[test]
fn three_500s_with_three_attempts_give_three_requests_then_the_error() {
    let server = Server::start(vec![
        Reply::json(500, r#"{"message":"boom"}"#)
            .header("X-Amzn-Errortype", "InternalServerException"),
    ]);
    let (error, status, _) = service_error(call(&standard(&server)));
    assert!(error.is_internal_server_exception(), "{error:?}");
    assert_eq!(error.message(), Some("boom"));
    assert_eq!(status, 500);
    assert_eq!(server.request_count(), 3);
}

#[test]
fn more_attempts_are_honoured() {
    let server = Server::start(vec![Reply::new(503, "")]);
    let client = Client::new(config_for(
        &server,
        true,
        RetryConfig::standard().with_max_attempts(5),
    ));
    let (_, status, _) = service_error(call(&client));
    assert_eq!(status, 503);
    assert_eq!(server.request_count(), 5);
}

#[test]
fn a_400_is_not_retried() {
    let server = Server::start(vec![
        Reply::json(400, r#"{"message":"bad"}"#).header("X-Amzn-Errortype", "ValidationException"),
        Reply::json(200, SEED),
    ]);
    assert!(
        service_error(call(&standard(&server)))
            .0
            .is_validation_exception()
    );
    assert_eq!(server.request_count(), 1);
}

#[test]
fn non_retryable_modeled_errors_are_sent_once() {
    for (code, status) in [
        ("AccessDeniedException", 403),
        ("ResourceNotFoundException", 404),
    ] {
        let server = Server::start(vec![
            Reply::json(status, r#"{"message":"no"}"#).header("X-Amzn-Errortype", code),
            Reply::json(200, SEED),
        ]);
        let (error, _, _) = service_error(call(&standard(&server)));
        assert_eq!(error.code(), Some(code));
        assert_eq!(server.request_count(), 1, "{code}");
    }
}

#[test]
fn max_attempts_one_sends_one_request_for_a_500() {
    let server = Server::start(vec![
        Reply::json(500, r#"{"message":"boom"}"#)
            .header("X-Amzn-Errortype", "InternalServerException"),
        Reply::json(200, SEED),
    ]);
    let client = Client::new(config_for(
        &server,
        true,
        RetryConfig::standard().with_max_attempts(1),
    ));
    assert!(
        service_error(call(&client))
            .0
            .is_internal_server_exception()
    );
    assert_eq!(server.request_count(), 1);
}

#[test]
fn retries_work_over_a_kept_alive_connection() {
    let server = Server::start(vec![
        Reply::new(500, "").keep_alive(),
        Reply::json(429, "{}").keep_alive(),
        Reply::json(200, SEED).keep_alive(),
    ]);
    assert_seed_output(&call(&standard(&server)).expect("third attempt succeeds"));
    let requests = server.requests();
    assert!(
        requests.iter().all(|r| r.connection == 0),
        "the pooled connection is reused: {requests:#?}"
    );
    assert_eq!(requests.len(), 3);
    for request in &requests {
        assert_signed_get(request, server.port(), true);
    }
}
