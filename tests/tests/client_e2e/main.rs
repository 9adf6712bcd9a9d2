//! End-to-end tests of the generated GameSparks client over real HTTP on the loopback interface.
//!
//! A small scripted HTTP/1.1 server (`tests::server`) records every request it receives and
//! answers from a script. The client runs with its default transport (`blocking`), so these tests cover
//! the whole path: serialization, endpoint, signing, the wire, response parsing and retries.
//! One module per subject; `endpoints` uses an in-memory transport instead, to check endpoint
//! resolution without touching the network. The helpers below are shared by the modules.

mod broken_responses;
mod endpoints;
mod labels_and_query;
mod modeled_errors;
mod paging;
mod retries;
mod wire;

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
use tests::server::{Reply, Request, Server};
use tests::sigv4_check::{parse_authorization, recompute_signature};

const SEED: &str = r#"{"StageDeployment":{"Created":"2015-01-01T00:00:00Z","DeploymentAction":"DEPLOY","DeploymentId":"string","DeploymentResult":{"Message":"string","ResultCode":"SUCCESS"},"DeploymentState":"PENDING","LastUpdated":"2015-01-01T00:00:00Z","SnapshotId":"string"}}"#;

const AKID: &str = "AKID";
const SECRET: &str = "SECRET";
const TOKEN: &str = "TOKEN";

type CallResult = Result<GetStageDeploymentOutput, SdkError<GetStageDeploymentError>>;

// ---------------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------------

/// An in-memory transport: records requests and answers each with the seed response.
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
