//! End-to-end tests of the generated GameSparks client over real HTTP on the loopback interface.
//!
//! A small scripted HTTP/1.1 server (below, in `server`) records every request it receives and
//! answers from a script. The client runs with its default transport (ureq), so these tests cover
//! the whole path: serialization, endpoint, signing, the wire, response parsing and retries.
//!
//! The last tests use an in-memory transport instead, to check endpoint resolution without
//! touching the network.

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use gamesparks::config::{Credentials, RetryConfig};
use gamesparks::error::SdkError;
use gamesparks::http::{
    BoxFuture, HttpClient, HttpRequest, HttpResponse, Timeouts, TransportError,
};
use gamesparks::operation::get_stage_deployment::{
    GetStageDeploymentError, GetStageDeploymentOutput,
};
use gamesparks::types::{DeploymentAction, DeploymentState, ResultCode};
use gamesparks::{Client, Config};
use server::{Reply, Request, Server};
use sigv4_check::{parse_authorization, recompute_signature};

const SEED: &str = r#"{"StageDeployment":{"Created":"2015-01-01T00:00:00Z","DeploymentAction":"DEPLOY","DeploymentId":"string","DeploymentResult":{"Message":"string","ResultCode":"SUCCESS"},"DeploymentState":"PENDING","LastUpdated":"2015-01-01T00:00:00Z","SnapshotId":"string"}}"#;

const AKID: &str = "AKID";
const SECRET: &str = "SECRET";
const TOKEN: &str = "TOKEN";

type CallResult = Result<GetStageDeploymentOutput, SdkError<GetStageDeploymentError>>;

// ---------------------------------------------------------------------------------------------
// The scripted test server
// ---------------------------------------------------------------------------------------------

#[path = "support/server.rs"]
mod server;
#[path = "support/sigv4_check.rs"]
mod sigv4_check;

// ---------------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------------

/// A config for `server`: explicit credentials (with or without a session token), no environment,
/// millisecond backoff and short timeouts.
fn config_for(server: &Server, token: bool, retry: RetryConfig) -> Config {
    let token = token.then(|| TOKEN.to_string());
    Config::builder()
        .region("us-east-1")
        .endpoint_url(server.url())
        .credentials(Credentials::new(AKID, SECRET, token))
        .retry_config(
            retry
                .with_initial_backoff(Duration::from_millis(1))
                .with_max_backoff(Duration::from_millis(5)),
        )
        .read_timeout(Duration::from_secs(5))
        .connect_timeout(Duration::from_secs(5))
        .ignore_environment()
        .build()
}

fn client_for(server: &Server) -> Client {
    Client::new(config_for(server, true, RetryConfig::disabled()))
}

fn call(client: &Client) -> CallResult {
    gamesparks::http::block_on(
        client
            .get_stage_deployment()
            .game_name("g")
            .stage_name("s")
            .deployment_id("d")
            .send(),
    )
}

/// Asserts the seed response's values.
fn assert_seed_output(output: &GetStageDeploymentOutput) {
    let jan1: gamesparks::primitives::DateTime = "2015-01-01T00:00:00Z".parse().unwrap();
    let details = output.stage_deployment().expect("StageDeployment");
    assert_eq!(details.deployment_id(), Some("string"));
    assert_eq!(details.snapshot_id(), Some("string"));
    assert_eq!(details.deployment_action(), Some(&DeploymentAction::Deploy));
    assert_eq!(details.deployment_state(), Some(&DeploymentState::Pending));
    assert_eq!(details.created(), Some(&jan1));
    assert_eq!(details.last_updated(), Some(&jan1));
    let result = details.deployment_result().expect("DeploymentResult");
    assert_eq!(result.result_code(), Some(&ResultCode::Success));
    assert_eq!(result.message(), Some("string"));
}

/// The service error inside `result`, with its status and request id; panics otherwise.
fn service_error(result: CallResult) -> (GetStageDeploymentError, u16, Option<String>) {
    match result {
        Err(SdkError::Service(e)) => (e.error, e.status, e.request_id),
        other => panic!("expected a service error, got {other:?}"),
    }
}

/// Checks everything about a received `GetStageDeployment` request but its path and query:
/// method, no body, headers, and a signature that verifies against what arrived.
fn assert_signed_get(request: &Request, port: u16, with_token: bool) {
    assert_eq!(request.method, "GET");
    assert_eq!(request.version, "HTTP/1.1");
    assert!(
        request.body.is_empty(),
        "a GET without a modeled body sends none"
    );
    // restJson1: an operation without a body member sends no body and no Content-Type; a GET
    // without a body has no Content-Length either (nor chunked framing).
    assert_eq!(request.header("content-type"), None, "{request:#?}");
    assert_eq!(request.header("content-length"), None, "{request:#?}");
    assert_eq!(request.header("transfer-encoding"), None, "{request:#?}");
    assert_eq!(
        request.header("host"),
        Some(format!("127.0.0.1:{port}").as_str())
    );

    let amz_date = request.header("x-amz-date").expect("X-Amz-Date");
    assert_eq!(
        amz_date.len(),
        16,
        "X-Amz-Date is YYYYMMDD'T'HHMMSS'Z': {amz_date}"
    );
    assert!(
        amz_date.bytes().enumerate().all(|(i, b)| match i {
            8 => b == b'T',
            15 => b == b'Z',
            _ => b.is_ascii_digit(),
        }),
        "X-Amz-Date format: {amz_date}"
    );
    let signed_at = chrono::NaiveDateTime::parse_from_str(amz_date, "%Y%m%dT%H%M%SZ")
        .expect("a valid date")
        .and_utc();
    let now = chrono::DateTime::<chrono::Utc>::from(std::time::SystemTime::now());
    let skew = (now - signed_at).num_seconds().abs();
    assert!(skew < 300, "X-Amz-Date {amz_date} is {skew} s from now");

    let auth_value = request.header("authorization").expect("Authorization");
    let auth = parse_authorization(auth_value);
    assert_eq!(auth.access_key, AKID);
    assert_eq!(
        auth.date,
        &amz_date[..8],
        "the scope date is the signing date"
    );
    assert_eq!(auth.region, "us-east-1");
    assert_eq!(auth.service, "gamesparks");
    assert_eq!(auth.terminator, "aws4_request");
    assert_eq!(auth.signature.len(), 64, "{auth_value}");
    assert!(
        auth.signature
            .bytes()
            .all(|b| b.is_ascii_hexdigit() && !b.is_ascii_uppercase()),
        "{auth_value}"
    );
    let mut sorted = auth.signed_headers.clone();
    sorted.sort();
    sorted.dedup();
    assert_eq!(
        sorted, auth.signed_headers,
        "signed headers are sorted, unique: {auth_value}"
    );
    assert!(
        auth.signed_headers
            .iter()
            .all(|h| *h == h.to_ascii_lowercase()),
        "{auth_value}"
    );
    assert!(
        auth.signed_headers.contains(&"host".to_string()),
        "{auth_value}"
    );
    assert!(
        auth.signed_headers.contains(&"x-amz-date".to_string()),
        "{auth_value}"
    );

    let token = request.header("x-amz-security-token");
    if with_token {
        assert_eq!(token, Some(TOKEN));
        assert!(
            auth.signed_headers
                .contains(&"x-amz-security-token".to_string()),
            "{auth_value}"
        );
    } else {
        assert_eq!(token, None);
        assert!(
            !auth
                .signed_headers
                .contains(&"x-amz-security-token".to_string()),
            "{auth_value}"
        );
    }

    let expected = recompute_signature(request, SECRET, &auth);
    assert_eq!(
        auth.signature, expected,
        "the signature verifies against the received request: {request:#?}"
    );
}

// ---------------------------------------------------------------------------------------------
// The independent verifier itself
// ---------------------------------------------------------------------------------------------

/// The verifier above reproduces the `get-vanilla` case of the AWS SigV4 test suite, so a
/// signature it accepts is a correct one rather than merely one consistent with the client.
#[test]
fn signature_verifier_matches_the_aws_get_vanilla_vector() {
    let headers = vec![
        ("Host".to_string(), "example.amazonaws.com".to_string()),
        ("X-Amz-Date".to_string(), "20150830T123600Z".to_string()),
    ];
    let auth = parse_authorization(
        "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders=host;x-amz-date, Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31",
    );
    let request = Request {
        method: "GET".into(),
        target: "/".into(),
        version: "HTTP/1.1".into(),
        headers,
        body: Vec::new(),
        connection: 0,
    };
    let signature =
        recompute_signature(&request, "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", &auth);
    assert_eq!(signature, auth.signature);
}

// ---------------------------------------------------------------------------------------------
// The request on the wire
// ---------------------------------------------------------------------------------------------

#[test]
fn seed_response_gives_the_expected_output_and_the_request_is_signed() {
    let server = Server::start(vec![
        Reply::json(200, SEED).header("x-amzn-RequestId", "req-seed"),
    ]);
    let output = call(&client_for(&server)).expect("success");
    assert_seed_output(&output);

    let request = server.single_request();
    assert_eq!(request.path(), "/game/g/stage/s/deployment");
    assert_eq!(request.query(), Some("DeploymentId=d"));
    assert_signed_get(&request, server.port(), true);
    let auth = parse_authorization(request.header("authorization").unwrap());
    assert_eq!(
        auth.signed_headers,
        ["host", "x-amz-date", "x-amz-security-token"]
    );
}

#[test]
fn without_a_session_token_no_security_token_header_is_sent() {
    let server = Server::start(vec![Reply::json(200, SEED)]);
    let client = Client::new(config_for(&server, false, RetryConfig::disabled()));
    assert_seed_output(&call(&client).expect("success"));
    let request = server.single_request();
    assert_signed_get(&request, server.port(), false);
    let auth = parse_authorization(request.header("authorization").unwrap());
    assert_eq!(auth.signed_headers, ["host", "x-amz-date"]);
}

#[test]
fn without_a_deployment_id_there_is_no_query() {
    let server = Server::start(vec![Reply::json(200, SEED)]);
    let client = client_for(&server);
    let result = gamesparks::http::block_on(
        client
            .get_stage_deployment()
            .game_name("g")
            .stage_name("s")
            .send(),
    );
    assert_seed_output(&result.expect("success"));
    let request = server.single_request();
    assert_eq!(request.target, "/game/g/stage/s/deployment");
    assert_signed_get(&request, server.port(), true);
}

#[test]
fn endpoint_base_path_is_kept_and_a_trailing_slash_dropped() {
    let server = Server::start(vec![Reply::json(200, SEED)]);
    let config = Config::builder()
        .region("us-east-1")
        .endpoint_url(format!("{}/prefix/", server.url()))
        .credentials(Credentials::new(AKID, SECRET, Some(TOKEN.into())))
        .retry_config(RetryConfig::disabled())
        .read_timeout(Duration::from_secs(5))
        .ignore_environment()
        .build();
    let result = call(&Client::new(config));
    assert_seed_output(&result.expect("success"));
    let request = server.single_request();
    assert_eq!(
        request.target,
        "/prefix/game/g/stage/s/deployment?DeploymentId=d"
    );
    assert_signed_get(&request, server.port(), true);
}

#[test]
fn success_with_an_empty_body_or_empty_object_has_no_details() {
    let server = Server::start(vec![
        Reply::new(200, ""),
        Reply::json(200, "{}"),
        Reply::json(200, " \r\n "),
    ]);
    let client = client_for(&server);
    for _ in 0..3 {
        let output = call(&client).expect("an empty success body reads as {}");
        assert!(output.stage_deployment().is_none());
    }
    assert_eq!(server.request_count(), 3);
}

#[test]
fn unknown_enum_values_and_members_arrive_intact() {
    let body = r#"{"Extra":[1,{"a":null}],"StageDeployment":{"DeploymentAction":"REDEPLOY","DeploymentState":"SOMETHING_NEW","DeploymentResult":{"ResultCode":"NEW_CODE","Other":true},"Created":"2020-02-29T23:59:59.123Z"}}"#;
    let server = Server::start(vec![Reply::json(200, body)]);
    let output = call(&client_for(&server)).expect("success");
    let details = output.stage_deployment().unwrap();
    assert_eq!(
        details.deployment_action(),
        Some(&DeploymentAction::Unknown("REDEPLOY".into()))
    );
    assert_eq!(
        details.deployment_state(),
        Some(&DeploymentState::Unknown("SOMETHING_NEW".into()))
    );
    assert_eq!(
        details.deployment_result().unwrap().result_code(),
        Some(&ResultCode::Unknown("NEW_CODE".into()))
    );
    let created: gamesparks::primitives::DateTime = "2020-02-29T23:59:59.123Z".parse().unwrap();
    assert_eq!(details.created(), Some(&created));
}

#[test]
fn chunked_and_close_delimited_success_bodies_are_read() {
    let half = SEED.len() / 2;
    let chunked = format!(
        "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n{:x}\r\n{}\r\n{:x}\r\n{}\r\n0\r\n\r\n",
        half,
        &SEED[..half],
        SEED.len() - half,
        &SEED[half..]
    );
    let close_delimited = format!(
        "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nConnection: close\r\n\r\n{SEED}"
    );
    let server = Server::start(vec![
        Reply::Raw(chunked.into_bytes()),
        Reply::Raw(close_delimited.into_bytes()),
    ]);
    let client = client_for(&server);
    assert_seed_output(&call(&client).expect("chunked"));
    assert_seed_output(&call(&client).expect("close-delimited"));
    assert_eq!(server.request_count(), 2);
}

#[test]
fn debug_output_does_not_leak_the_secret_or_token() {
    let server = Server::start(vec![
        Reply::json(400, "{}").header("X-Amzn-Errortype", "ValidationException"),
    ]);
    let client = client_for(&server);
    let err = call(&client).unwrap_err();
    for text in [
        format!("{:?}", client.config()),
        format!("{client:?}"),
        format!("{err:?}"),
        err.to_string(),
    ] {
        assert!(
            text.contains(AKID) || !text.contains("Credentials"),
            "{text}"
        );
        assert!(!text.contains(SECRET), "the secret leaks: {text}");
        assert!(!text.contains(TOKEN), "the token leaks: {text}");
    }
}

// ---------------------------------------------------------------------------------------------
// Modeled errors, in each of the three identification forms
// ---------------------------------------------------------------------------------------------

const MODELED: [(&str, u16); 5] = [
    ("ValidationException", 400),
    ("AccessDeniedException", 403),
    ("ResourceNotFoundException", 404),
    ("ThrottlingException", 429),
    ("InternalServerException", 500),
];

fn variant_code(error: &GetStageDeploymentError) -> &'static str {
    match error {
        GetStageDeploymentError::ValidationException(_) => "ValidationException",
        GetStageDeploymentError::AccessDeniedException(_) => "AccessDeniedException",
        GetStageDeploymentError::ResourceNotFoundException(_) => "ResourceNotFoundException",
        GetStageDeploymentError::ThrottlingException(_) => "ThrottlingException",
        GetStageDeploymentError::InternalServerException(_) => "InternalServerException",
        GetStageDeploymentError::Unhandled(_) => "Unhandled",
    }
}

#[test]
fn modeled_errors_are_identified_from_header_code_and_type() {
    // (form, reply) for each error; the message says which form it came from.
    let mut cases = Vec::new();
    for (code, status) in MODELED {
        let header_form = Reply::json(status, &format!(r#"{{"message":"{code} via header"}}"#))
            .header(
                "X-Amzn-Errortype",
                &format!("{code}:http://internal.amazon.com/coral/com.amazon.coral.validate/"),
            )
            .header("x-amzn-RequestId", &format!("rid-{code}-header"));
        let code_form = Reply::json(
            status,
            &format!(r#"{{"code":"{code}","message":"{code} via code"}}"#),
        )
        .header("x-amzn-RequestId", &format!("rid-{code}-code"));
        let type_form = Reply::json(
            status,
            &format!(r#"{{"__type":"aws.gamesparks#{code}:http://internal.amazon.com/coral/com.amazon.coral.validate/","Message":"{code} via type"}}"#),
        )
        .header("x-amzn-RequestId", &format!("rid-{code}-type"));
        cases.push((code, status, "header", header_form));
        cases.push((code, status, "code", code_form));
        cases.push((code, status, "type", type_form));
    }
    let server = Server::start(cases.iter().map(|c| c.3.clone()).collect());
    let client = client_for(&server);
    for (code, status, form, _) in &cases {
        let (error, got_status, request_id) = service_error(call(&client));
        assert_eq!(
            variant_code(&error),
            *code,
            "{form} form of {code}: {error:?}"
        );
        assert_eq!(error.code(), Some(*code));
        assert_eq!(
            error.message(),
            Some(format!("{code} via {form}").as_str()),
            "{form} form of {code}"
        );
        assert_eq!(got_status, *status);
        assert_eq!(
            request_id.as_deref(),
            Some(format!("rid-{code}-{form}").as_str())
        );
        let expected_retry = match *code {
            "ThrottlingException" => Some(gamesparks::error::RetryKind::Throttling),
            "InternalServerException" => Some(gamesparks::error::RetryKind::Transient),
            _ => None,
        };
        assert_eq!(error.retry_kind(), expected_retry, "{code}");
    }
    assert_eq!(
        server.request_count(),
        cases.len(),
        "one request per case: retries are off"
    );
}

#[test]
fn errortype_header_wins_over_body_code_and_body_code_over_type() {
    let server = Server::start(vec![
        Reply::json(400, r#"{"code":"AccessDeniedException","__type":"ResourceNotFoundException","message":"m"}"#)
            .header("x-amzn-errortype", "ValidationException"),
        Reply::json(400, r#"{"__type":"ResourceNotFoundException","code":"AccessDeniedException","message":"m"}"#),
        Reply::json(400, r#"{"__type":"aws.gamesparks#ThrottlingException","message":"m"}"#),
    ]);
    let client = client_for(&server);
    assert!(service_error(call(&client)).0.is_validation_exception());
    assert!(service_error(call(&client)).0.is_access_denied_exception());
    assert!(service_error(call(&client)).0.is_throttling_exception());
}

#[test]
fn unknown_error_code_is_unhandled_with_code_message_status_and_request_id() {
    let server = Server::start(vec![
        Reply::json(
            409,
            r#"{"__type":"aws.gamesparks#ConflictingThingException","message":"it conflicts"}"#,
        )
        .header("x-amzn-RequestId", "req-409"),
    ]);
    let result = call(&client_for(&server));
    let rendered = format!("{}", result.as_ref().unwrap_err());
    let (error, status, request_id) = service_error(result);
    let GetStageDeploymentError::Unhandled(unhandled) = &error else {
        panic!("expected Unhandled, got {error:?}");
    };
    assert_eq!(unhandled.code(), Some("ConflictingThingException"));
    assert_eq!(unhandled.message(), Some("it conflicts"));
    assert_eq!(unhandled.status(), Some(409));
    assert_eq!(unhandled.request_id(), Some("req-409"));
    assert_eq!(error.code(), Some("ConflictingThingException"));
    assert_eq!(error.retry_kind(), None);
    assert_eq!((status, request_id.as_deref()), (409, Some("req-409")));
    for part in [
        "ConflictingThingException",
        "it conflicts",
        "HTTP 409",
        "req-409",
    ] {
        assert!(rendered.contains(part), "{rendered:?} lacks {part:?}");
    }
}

#[test]
fn service_error_display_has_code_message_status_and_request_id() {
    let server = Server::start(vec![
        Reply::json(400, r#"{"message":"GameName is too long"}"#)
            .header(
                "X-Amzn-Errortype",
                "ValidationException:http://internal.amazon.com/",
            )
            .header("x-amzn-RequestId", "req-display"),
    ]);
    let err = call(&client_for(&server)).unwrap_err();
    assert_eq!(err.kind_name(), "service");
    assert_eq!(err.status(), Some(400));
    assert_eq!(err.request_id(), Some("req-display"));
    assert!(
        err.as_service_error()
            .is_some_and(GetStageDeploymentError::is_validation_exception)
    );
    let rendered = err.to_string();
    for part in [
        "ValidationException",
        "GameName is too long",
        "HTTP 400",
        "req-display",
    ] {
        assert!(rendered.contains(part), "{rendered:?} lacks {part:?}");
    }
    assert_eq!(
        rendered,
        "service error: ValidationException: GameName is too long (HTTP 400, request id req-display)"
    );
    // The std::error::Error chain reaches the modeled error.
    let source = std::error::Error::source(&err).expect("a source");
    assert_eq!(
        source.to_string(),
        "ValidationException: GameName is too long"
    );
}

// ---------------------------------------------------------------------------------------------
// Unreadable and broken responses
// ---------------------------------------------------------------------------------------------

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

// ---------------------------------------------------------------------------------------------
// Retries
// ---------------------------------------------------------------------------------------------

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

// ---------------------------------------------------------------------------------------------
// Labels and query values through the client
// ---------------------------------------------------------------------------------------------

fn target_for(game: &str, stage: &str, deployment: Option<&str>) -> Request {
    let server = Server::start(vec![Reply::json(200, SEED)]);
    let client = client_for(&server);
    let builder = client
        .get_stage_deployment()
        .game_name(game)
        .stage_name(stage);
    let result = gamesparks::http::block_on(
        builder
            .set_deployment_id(deployment.map(str::to_string))
            .send(),
    );
    assert_seed_output(&result.unwrap_or_else(|e| panic!("{game:?}/{stage:?}: {e:?}")));
    let request = server.single_request();
    assert_signed_get(&request, server.port(), true);
    request
}

#[test]
fn reserved_characters_and_emoji_in_labels_are_percent_encoded() {
    let game = " %:/?#[]@!$&'()*+,;=😹";
    let encoded = "%20%25%3A%2F%3F%23%5B%5D%40%21%24%26%27%28%29%2A%2B%2C%3B%3D%F0%9F%98%B9";
    let request = target_for(game, game, Some("d"));
    assert_eq!(
        request.path(),
        format!("/game/{encoded}/stage/{encoded}/deployment")
    );
    assert_eq!(request.query(), Some("DeploymentId=d"));
}

#[test]
fn dot_segment_labels_are_refused_before_anything_is_sent() {
    for label in [".", ".."] {
        let server = Server::start(vec![Reply::json(200, SEED)]);
        let client = client_for(&server);
        let result = gamesparks::http::block_on(
            client
                .get_stage_deployment()
                .game_name(label)
                .stage_name("s")
                .send(),
        );
        match result {
            Err(SdkError::Construction(e)) => {
                let text = e.to_string();
                assert!(
                    text.contains("`GameName`") && text.contains("`..`"),
                    "{text}"
                );
            }
            other => panic!("{label:?}: {other:?}"),
        }
        assert_eq!(server.request_count(), 0, "{label:?} reached the server");
    }
}

#[test]
fn labels_with_dots_that_are_not_dot_segments_arrive_as_signed() {
    // assert_signed_get (in target_for) recomputes the signature over the path as received.
    for (label, path) in [
        ("...", "/game/.../stage/s/deployment"),
        (".a", "/game/.a/stage/s/deployment"),
        ("../x", "/game/..%2Fx/stage/s/deployment"),
    ] {
        let request = target_for(label, "s", None);
        assert_eq!(request.path(), path, "{label:?}");
    }
}

#[test]
fn non_ascii_labels_are_utf8_percent_encoded() {
    let request = target_for("Spiel-ü-名前", "stage_1.~x", None);
    assert_eq!(
        request.target,
        "/game/Spiel-%C3%BC-%E5%90%8D%E5%89%8D/stage/stage_1.~x/deployment"
    );
}

#[test]
fn query_values_are_percent_encoded() {
    let request = target_for("g", "s", Some("a b&c=d+e/f?#%"));
    assert_eq!(
        request.query(),
        Some("DeploymentId=a%20b%26c%3Dd%2Be%2Ff%3F%23%25")
    );
    let request = target_for("g", "s", Some("ü😹"));
    assert_eq!(request.query(), Some("DeploymentId=%C3%BC%F0%9F%98%B9"));
}

#[test]
fn empty_deployment_id_is_sent_as_an_empty_value() {
    let request = target_for("g", "s", Some(""));
    assert_eq!(request.target, "/game/g/stage/s/deployment?DeploymentId=");
}

#[test]
fn empty_labels_fail_construction_without_any_request() {
    let server = Server::start(vec![Reply::json(200, SEED)]);
    let client = client_for(&server);
    let cases = [
        ("", "s", "GameName"),
        ("g", "", "StageName"),
        ("", "", "GameName"),
    ];
    for (game, stage, member) in cases {
        let result = gamesparks::http::block_on(
            client
                .get_stage_deployment()
                .game_name(game)
                .stage_name(stage)
                .send(),
        );
        let err = result.unwrap_err();
        let SdkError::Construction(construction) = &err else {
            panic!("expected a construction error, got {err:?}");
        };
        assert!(construction.message().contains(member), "{construction}");
        assert_eq!(err.kind_name(), "construction");
        assert_eq!((err.status(), err.request_id()), (None, None));
    }
    // Give a stray connection a moment to show up before checking nothing arrived.
    std::thread::sleep(Duration::from_millis(50));
    assert_eq!(server.request_count(), 0);
    assert_eq!(server.connection_count(), 0);
}

#[test]
fn bad_endpoint_url_fails_construction() {
    for url in ["127.0.0.1:1", "ftp://127.0.0.1", "http://"] {
        let config = Config::builder()
            .endpoint_url(url)
            .credentials(Credentials::new(AKID, SECRET, None))
            .ignore_environment()
            .build();
        let err = call(&Client::new(config)).unwrap_err();
        assert!(matches!(err, SdkError::Construction(_)), "{url}: {err:?}");
    }
}

/// An endpoint URL with a query, a fragment, user info, no host or a space in the host would
/// corrupt the request line or leak into the signed `host` header: each is a construction error.
#[test]
fn endpoint_urls_with_query_fragment_userinfo_or_no_host_fail_construction() {
    for url in [
        "http://127.0.0.1:8080?x=1",
        "http://127.0.0.1:8080/base?x=1",
        "http://127.0.0.1:8080#frag",
        "http://user:pw@127.0.0.1:8080",
        "http:///x",
        "http://bad host",
    ] {
        let recorder = Recorder::default();
        let config = Config::builder()
            .region("us-east-1")
            .endpoint_url(url)
            .credentials(Credentials::new(AKID, SECRET, None))
            .http_client(recorder.clone())
            .ignore_environment()
            .build();
        let result = call(&Client::new(config));
        let sent = recorder
            .requests
            .lock()
            .unwrap()
            .first()
            .map(|(r, _)| format!("{r:?}"));
        assert!(
            matches!(result, Err(SdkError::Construction(_))),
            "{url}: expected a construction error, got {result:?}; sent {sent:?}"
        );
        assert!(sent.is_none(), "{url}: nothing should be sent: {sent:?}");
    }
}

#[test]
fn missing_credentials_fail_construction() {
    let config = Config::builder()
        .region("us-east-1")
        .endpoint_url("http://127.0.0.1:9")
        .ignore_environment()
        .build();
    let err = call(&Client::new(config)).unwrap_err();
    assert!(matches!(err, SdkError::Construction(_)), "{err:?}");
}

// ---------------------------------------------------------------------------------------------
// Endpoint resolution, with an in-memory transport
// ---------------------------------------------------------------------------------------------

/// Records requests and answers each with the seed response.
#[derive(Debug, Clone, Default)]
struct Recorder {
    requests: Arc<Mutex<Vec<(HttpRequest, Timeouts)>>>,
}

impl HttpClient for Recorder {
    fn send(
        &self,
        request: HttpRequest,
        timeouts: Timeouts,
    ) -> BoxFuture<'_, Result<HttpResponse, TransportError>> {
        self.requests.lock().unwrap().push((request, timeouts));
        Box::pin(async { Ok(HttpResponse::new(200, SEED)) })
    }
}

fn url_for(region: &str, fips: bool, dual_stack: bool) -> String {
    let recorder = Recorder::default();
    let config = Config::builder()
        .region(region)
        .use_fips(fips)
        .use_dual_stack(dual_stack)
        .credentials(Credentials::new(AKID, SECRET, None))
        .http_client(recorder.clone())
        .read_timeout(Duration::from_millis(1234))
        .ignore_environment()
        .build();
    assert_seed_output(&call(&Client::new(config)).expect("in-memory success"));
    let requests = recorder.requests.lock().unwrap();
    assert_eq!(requests.len(), 1);
    let (request, timeouts) = &requests[0];
    assert_eq!(timeouts.read, Some(Duration::from_millis(1234)));
    let host = request.url.split('/').nth(2).unwrap();
    assert_eq!(
        request.header("host"),
        Some(host),
        "the signed host matches the URL"
    );
    let auth = parse_authorization(request.header("authorization").unwrap());
    assert_eq!(auth.region, region, "signed for the client's region");
    request.url.clone()
}

#[test]
fn default_endpoint_is_regional() {
    assert_eq!(
        url_for("us-west-2", false, false),
        "https://gamesparks.us-west-2.amazonaws.com/game/g/stage/s/deployment?DeploymentId=d"
    );
}

#[test]
fn fips_endpoint() {
    assert_eq!(
        url_for("us-west-2", true, false),
        "https://gamesparks-fips.us-west-2.amazonaws.com/game/g/stage/s/deployment?DeploymentId=d"
    );
}

#[test]
fn dual_stack_endpoint() {
    assert_eq!(
        url_for("us-west-2", false, true),
        "https://gamesparks.us-west-2.api.aws/game/g/stage/s/deployment?DeploymentId=d"
    );
    assert_eq!(
        url_for("us-west-2", true, true),
        "https://gamesparks-fips.us-west-2.api.aws/game/g/stage/s/deployment?DeploymentId=d"
    );
}

#[test]
fn china_regions_use_the_china_suffix() {
    assert_eq!(
        url_for("cn-north-1", false, false),
        "https://gamesparks.cn-north-1.amazonaws.com.cn/game/g/stage/s/deployment?DeploymentId=d"
    );
}

#[test]
fn endpoint_url_wins_over_fips_and_dual_stack() {
    let recorder = Recorder::default();
    let config = Config::builder()
        .region("us-west-2")
        .endpoint_url("https://example.com:8443/base")
        .use_fips(true)
        .use_dual_stack(true)
        .credentials(Credentials::new(AKID, SECRET, None))
        .http_client(recorder.clone())
        .ignore_environment()
        .build();
    call(&Client::new(config)).expect("in-memory success");
    let requests = recorder.requests.lock().unwrap();
    assert_eq!(
        requests[0].0.url,
        "https://example.com:8443/base/game/g/stage/s/deployment?DeploymentId=d"
    );
    assert_eq!(requests[0].0.header("host"), Some("example.com:8443"));
}

#[test]
fn no_region_and_no_endpoint_fails_construction_without_a_request() {
    let recorder = Recorder::default();
    let config = Config::builder()
        .credentials(Credentials::new(AKID, SECRET, None))
        .http_client(recorder.clone())
        .ignore_environment()
        .build();
    let err = call(&Client::new(config)).unwrap_err();
    assert!(matches!(err, SdkError::Construction(_)), "{err:?}");
    assert!(recorder.requests.lock().unwrap().is_empty());
}

// ---------------------------------------------------------------------------------------------
// Paginators, on the `pager` test service (models/pager.json)
// ---------------------------------------------------------------------------------------------

mod paging {
    use std::collections::{BTreeMap, BTreeSet};

    use pager::error::SdkError;
    use pager::operation::list_things::ListThingsError;

    use super::server::{Reply, Request, Server};
    use super::*;

    /// More pages than any script here has: a paginator that does not stop is caught.
    const LIMIT: usize = 10;

    fn pager_client(server: &Server) -> pager::Client {
        let config = pager::Config::builder()
            .region("us-east-1")
            .endpoint_url(server.url())
            .credentials(pager::config::Credentials::new(AKID, SECRET, None))
            .retry_config(pager::config::RetryConfig::disabled())
            .read_timeout(Duration::from_secs(5))
            .connect_timeout(Duration::from_secs(5))
            .ignore_environment()
            .build();
        pager::Client::new(config)
    }

    fn things(token: Option<&str>, names: &[&str]) -> Reply {
        let things: Vec<_> = names
            .iter()
            .map(|n| serde_json::json!({ "Name": n }))
            .collect();
        let mut body = serde_json::json!({ "Things": things });
        if let Some(t) = token {
            body["NextToken"] = t.into();
        }
        Reply::json(200, &body.to_string())
    }

    /// The query parameters of a request, as `k=v` strings.
    fn query(request: &Request) -> BTreeSet<String> {
        request
            .query()
            .unwrap_or("")
            .split('&')
            .filter(|p| !p.is_empty())
            .map(str::to_string)
            .collect()
    }

    fn names(page: &pager::operation::list_things::ListThingsOutput) -> Vec<String> {
        page.things()
            .unwrap_or_default()
            .iter()
            .map(|t| t.name().to_string())
            .collect()
    }

    #[test]
    fn pages_follow_the_token_send_the_page_size_and_stop_on_a_repeated_token() {
        let server = Server::start(vec![
            things(Some("t1"), &["a", "b"]),
            things(Some("t2"), &["c"]),
            // The token just sent comes back: a tail-style API; stop rather than loop.
            things(Some("t2"), &["d"]),
        ]);
        let client = pager_client(&server);
        let mut pages = client
            .list_things()
            .prefix("p")
            .into_paginator()
            .page_size(2)
            .send();
        let mut got = Vec::new();
        while let Some(page) = pager::http::block_on(pages.next()) {
            got.push(names(&page.expect("a page")));
            assert!(got.len() <= LIMIT, "the paginator did not stop");
        }
        assert_eq!(got, [vec!["a", "b"], vec!["c"], vec!["d"]]);
        assert!(pager::http::block_on(pages.next()).is_none());
        let requests = server.requests();
        assert_eq!(requests.len(), 3);
        let q: Vec<_> = requests.iter().map(query).collect();
        let want = |extra: &[&str]| -> BTreeSet<String> {
            ["maxResults=2", "prefix=p"]
                .iter()
                .chain(extra)
                .map(|s| s.to_string())
                .collect()
        };
        assert_eq!(q[0], want(&[]));
        assert_eq!(q[1], want(&["nextToken=t1"]));
        assert_eq!(q[2], want(&["nextToken=t2"]));
        for r in &requests {
            assert_eq!((r.method.as_str(), r.path()), ("GET", "/things"));
            assert!(r.header("authorization").is_some(), "every page is signed");
        }
    }

    #[test]
    fn an_empty_or_missing_token_ends_paging() {
        for last in [things(Some(""), &["b"]), things(None, &["b"])] {
            let server = Server::start(vec![things(Some("t1"), &["a"]), last]);
            let client = pager_client(&server);
            let mut pages = client.list_things().into_paginator().send();
            let mut got = Vec::new();
            while let Some(page) = pager::http::block_on(pages.next()) {
                got.push(names(&page.expect("a page")));
                assert!(got.len() <= LIMIT, "the paginator did not stop");
            }
            assert_eq!(got, [vec!["a"], vec!["b"]]);
            assert_eq!(server.request_count(), 2);
            // No page size set: none is sent.
            assert_eq!(query(&server.requests()[0]), BTreeSet::new());
        }
    }

    #[test]
    fn items_flatten_the_pages_including_empty_ones() {
        let server = Server::start(vec![
            things(Some("t1"), &["a", "b"]),
            things(Some("t2"), &[]),
            things(None, &["c"]),
        ]);
        let client = pager_client(&server);
        // The page size may also come from the fluent builder's own setter.
        let mut items = client
            .list_things()
            .max_results(5)
            .into_paginator()
            .items()
            .send();
        let mut got = Vec::new();
        while let Some(item) = pager::http::block_on(items.next()) {
            got.push(item.expect("an item").name().to_string());
            assert!(got.len() <= LIMIT, "the paginator did not stop");
        }
        assert_eq!(got, ["a", "b", "c"]);
        let requests = server.requests();
        assert_eq!(requests.len(), 3);
        assert!(query(&requests[0]).contains("maxResults=5"));
        assert!(query(&requests[2]).contains("nextToken=t2"));
    }

    #[test]
    fn an_error_on_page_two_is_yielded_and_then_paging_ends() {
        let bad = Reply::json(400, r#"{"Message":"no"}"#).header("X-Amzn-Errortype", "BadRequest");
        let server = Server::start(vec![
            things(Some("t1"), &["a"]),
            bad.clone(),
            things(None, &["z"]),
        ]);
        let client = pager_client(&server);
        let mut pages = client.list_things().into_paginator().send();
        let first = pager::http::block_on(pages.next()).expect("page 1");
        assert_eq!(names(&first.expect("page 1 succeeds")), ["a"]);
        match pager::http::block_on(pages.next()) {
            Some(Err(SdkError::Service(e))) => {
                assert!(
                    matches!(e.error, ListThingsError::BadRequest(_)),
                    "{:?}",
                    e.error
                );
                assert_eq!(e.status, 400);
            }
            other => panic!("expected the page-2 error, got {other:?}"),
        }
        assert!(pager::http::block_on(pages.next()).is_none());
        assert_eq!(server.request_count(), 2);

        // The item paginator yields the items before the error, then the error, then ends.
        let server = Server::start(vec![
            things(Some("t1"), &["a", "b"]),
            bad,
            things(None, &["z"]),
        ]);
        let client = pager_client(&server);
        let mut items = client.list_things().into_paginator().items().send();
        let mut got = Vec::new();
        while let Some(item) = pager::http::block_on(items.next()) {
            got.push(item.map(|t| t.name().to_string()).map_err(|e| e.status()));
            assert!(got.len() <= LIMIT, "the paginator did not stop");
        }
        assert_eq!(got, [Ok("a".into()), Ok("b".into()), Err(Some(400))]);
        assert_eq!(server.request_count(), 2);
    }

    #[test]
    fn a_nested_output_token_feeds_a_body_input_token_and_map_items_flatten() {
        let server = Server::start(vec![
            Reply::json(
                200,
                r#"{"Result":{"NextMarker":"m1","Entries":{"a":1,"b":2}}}"#,
            ),
            Reply::json(200, r#"{"Result":{"NextMarker":"m2","Entries":{}}}"#),
            Reply::json(200, r#"{"Result":{"Entries":{"c":3}}}"#),
        ]);
        let client = pager_client(&server);
        let mut items = client
            .list_entries()
            .table("tbl")
            .into_paginator()
            .page_size(7)
            .items()
            .send();
        let mut got = BTreeMap::new();
        while let Some(item) = pager::http::block_on(items.next()) {
            let (k, v) = item.expect("an entry");
            got.insert(k, v);
            assert!(got.len() <= LIMIT, "the paginator did not stop");
        }
        assert_eq!(
            got,
            BTreeMap::from([("a".into(), 1), ("b".into(), 2), ("c".into(), 3)])
        );
        let bodies: Vec<serde_json::Value> = server
            .requests()
            .iter()
            .map(|r| {
                assert_eq!((r.method.as_str(), r.path()), ("POST", "/entries/tbl"));
                serde_json::from_slice(&r.body).expect("a JSON body")
            })
            .collect();
        assert_eq!(
            bodies,
            [
                serde_json::json!({"Limit": 7}),
                serde_json::json!({"Marker": "m1", "Limit": 7}),
                serde_json::json!({"Marker": "m2", "Limit": 7}),
            ]
        );
        // A missing `Result` is a last page with no items.
        let server = Server::start(vec![Reply::json(200, "{}")]);
        let client = pager_client(&server);
        let mut items = client
            .list_entries()
            .table("t")
            .into_paginator()
            .items()
            .send();
        assert!(pager::http::block_on(items.next()).is_none());
        assert_eq!(server.request_count(), 1);
    }
}
