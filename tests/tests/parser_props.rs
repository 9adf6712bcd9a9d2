//! Property test of the generated client's response handling.
//!
//! Thousands of generated responses (random bytes, mutations of valid success and error bodies,
//! deep nesting, huge numbers, wrong types, odd headers) are fed through the public client with
//! an in-memory transport. Every call must return `Ok` or `Err` — a panic fails the test and
//! names the case — and a few invariants must hold:
//!
//! - a non-2xx status is always `Err(SdkError::Service(..))` with that status and the request id
//!   header, never any other kind of error;
//! - a 200 is `Ok` or `Err(SdkError::Response(..))` with status 200;
//! - a 200 with the valid seed body is `Ok`, whatever the headers;
//! - an `Ok` output written back as JSON reads back equal;
//! - an error identified by a modeled code (in any of the three forms) with a readable body is
//!   that variant with that message; an unknown code is `Unhandled` with the code.
//!
//! The generator is a fixed-seed xorshift, so every run sees the same cases.

use std::collections::VecDeque;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::{Arc, Mutex};

use gamesparks::config::{Credentials, RetryConfig};
use gamesparks::error::SdkError;
use gamesparks::http::{
    BoxFuture, HttpClient, HttpRequest, HttpResponse, Timeouts, TransportError,
};
use gamesparks::operation::get_stage_deployment::{
    GetStageDeploymentError, GetStageDeploymentOutput,
};
use gamesparks::{Client, Config};

const SEED: &str = r#"{"StageDeployment":{"Created":"2015-01-01T00:00:00Z","DeploymentAction":"DEPLOY","DeploymentId":"string","DeploymentResult":{"Message":"string","ResultCode":"SUCCESS"},"DeploymentState":"PENDING","LastUpdated":"2015-01-01T00:00:00Z","SnapshotId":"string"}}"#;

const MODELED: [&str; 5] = [
    "ValidationException",
    "AccessDeniedException",
    "ResourceNotFoundException",
    "ThrottlingException",
    "InternalServerException",
];

const STATUSES: [u16; 18] = [
    200, 200, 200, 200, 400, 401, 402, 403, 404, 429, 500, 503, 201, 204, 302, 418, 502, 599,
];

type CallResult = Result<GetStageDeploymentOutput, SdkError<GetStageDeploymentError>>;

// ---------------------------------------------------------------------------------------------
// Random generation
// ---------------------------------------------------------------------------------------------

/// xorshift64*: small, fast and deterministic.
struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Self {
        Rng(seed | 1)
    }
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    /// A number in `0..n` (`n > 0`).
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    /// True with probability `percent`/100.
    fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }
    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
    fn bytes(&mut self, max_len: usize) -> Vec<u8> {
        let len = self.below(max_len + 1);
        (0..len).map(|_| self.next() as u8).collect()
    }
}

const KEYS: &[&str] = &[
    "StageDeployment",
    "Created",
    "LastUpdated",
    "DeploymentAction",
    "DeploymentId",
    "DeploymentResult",
    "DeploymentState",
    "SnapshotId",
    "ResultCode",
    "Message",
    "message",
    "code",
    "Code",
    "__type",
    "errorMessage",
    "",
    "\\u0000",
    "StageDeployment\\u0000",
];

const STRINGS: &[&str] = &[
    "",
    "string",
    "DEPLOY",
    "UNDEPLOY",
    "PENDING",
    "SUCCESS",
    "2015-01-01T00:00:00Z",
    "2015-13-01T00:00:00Z",
    "2015-02-29T00:00:00Z",
    "9999-12-31T23:59:60Z",
    "+275760-09-13T00:00:00Z",
    "-000001-01-01T00:00:00Z",
    "2015-01-01T00:00:00.99999999999999999999Z",
    "2015-01-01T00:00:00+99:99",
    "2015-01-01T00:00:00-23:59",
    "2015-01-01t00:00:00z",
    "Thu, 01 Jan 2015 00:00:00 GMT",
    "1420070400",
    "NaN",
    "Infinity",
    "\\ud800",
    "\\udc00\\ud800",
    "\\u0000",
    "\\\"",
    "😹",
    "ValidationException",
    "aws.gamesparks#ThrottlingException:http://x",
    "#:#:#",
];

const NUMBERS: &[&str] = &[
    "0",
    "-0",
    "1",
    "-1",
    "1.5",
    "1e999999",
    "-1e999999",
    "1e-400",
    "18446744073709551616",
    "-9223372036854775809",
    "123456789012345678901234567890123456789012345678901234567890",
    "0.000000000000000000000000000000000000000000000000000000001",
    "1420070400",
    "1420070400.123456789",
];

/// A random JSON value, mostly well-formed, built from a vocabulary that hits the real members.
fn json_value(rng: &mut Rng, depth: usize) -> String {
    let kind = if depth >= 6 {
        rng.below(5)
    } else {
        rng.below(8)
    };
    match kind {
        0 => "null".into(),
        1 => rng.pick(&["true", "false"]).to_string(),
        2 => rng.pick(NUMBERS).to_string(),
        3 | 4 => format!("\"{}\"", rng.pick(STRINGS)),
        5 => {
            let n = rng.below(4);
            let items: Vec<String> = (0..n).map(|_| json_value(rng, depth + 1)).collect();
            format!("[{}]", items.join(","))
        }
        _ => {
            let n = rng.below(5);
            let members: Vec<String> = (0..n)
                .map(|_| format!("\"{}\":{}", rng.pick(KEYS), json_value(rng, depth + 1)))
                .collect();
            format!("{{{}}}", members.join(","))
        }
    }
}

/// A valid error body in one of the three identification forms (the header form has no code in
/// the body), with the code and the message.
fn error_body(rng: &mut Rng, code: &str, message: &str) -> String {
    let key = rng.pick(&["message", "Message"]);
    match rng.below(3) {
        0 => format!(r#"{{"{key}":"{message}"}}"#),
        1 => format!(r#"{{"code":"{code}","{key}":"{message}"}}"#),
        _ => format!(
            r#"{{"__type":"aws.gamesparks#{code}:http://internal.amazon.com/","{key}":"{message}"}}"#
        ),
    }
}

/// Mutates bytes: truncation, flips, inserted structural characters, deletions, duplications.
fn mutate(rng: &mut Rng, mut body: Vec<u8>) -> Vec<u8> {
    const INSERTS: &[&[u8]] = &[
        b"\"", b"{", b"}", b"[", b"]", b",", b":", b"\\", b"\\u", b"\xff", b"\x00", b"null",
    ];
    let rounds = 1 + rng.below(4);
    for _ in 0..rounds {
        if body.is_empty() {
            let insert: &[u8] = rng.pick::<&[u8]>(INSERTS);
            body.extend_from_slice(insert);
            continue;
        }
        let at = rng.below(body.len() + 1);
        match rng.below(6) {
            0 => body.truncate(at),
            1 => {
                let i = at.min(body.len() - 1);
                body[i] ^= 1 << rng.below(8);
            }
            2 => {
                let insert = rng.pick(INSERTS);
                body.splice(at..at, insert.iter().copied());
            }
            3 => {
                let end = (at + rng.below(16)).min(body.len());
                body.drain(at..end);
            }
            4 => {
                let end = (at + rng.below(32)).min(body.len());
                let copy = body[at..end].to_vec();
                body.splice(at..at, copy);
            }
            _ => {
                let i = at.min(body.len() - 1);
                body[i] = rng.next() as u8;
            }
        }
    }
    body
}

/// Replaces one value of the seed with a random JSON value of a (likely) wrong type.
fn wrong_type(rng: &mut Rng) -> String {
    let fields = [
        "Created",
        "DeploymentAction",
        "DeploymentId",
        "DeploymentState",
        "LastUpdated",
        "SnapshotId",
        "Message",
        "ResultCode",
    ];
    let field = rng.pick(&fields);
    let value = json_value(rng, 4);
    let mut body = String::new();
    let needle = format!("\"{field}\":");
    let start = SEED.find(&needle).unwrap() + needle.len();
    let end = start + SEED[start..].find([',', '}']).unwrap();
    body.push_str(&SEED[..start]);
    body.push_str(&value);
    body.push_str(&SEED[end..]);
    match rng.below(4) {
        0 => format!(r#"{{"StageDeployment":{}}}"#, json_value(rng, 3)),
        1 => format!(
            r#"{{"StageDeployment":{{"DeploymentResult":{}}}}}"#,
            json_value(rng, 3)
        ),
        _ => body,
    }
}

/// Very deep nesting of arrays and objects, closed or not.
fn deep(rng: &mut Rng) -> Vec<u8> {
    let depth = *rng.pick(&[129usize, 1_000, 10_000, 100_000]);
    let (open, close): (&[u8], &[u8]) = match rng.below(4) {
        0 => (b"[", b"]"),
        1 => (b"{\"a\":", b"}"),
        2 => (b"{\"StageDeployment\":", b"}"),
        _ => (b"{\"message\":[", b"]}"),
    };
    let mut body = Vec::with_capacity(depth * (open.len() + close.len()));
    for _ in 0..depth {
        body.extend_from_slice(open);
    }
    if rng.chance(50) {
        body.extend_from_slice(b"1");
        for _ in 0..depth {
            body.extend_from_slice(close);
        }
    }
    body
}

fn huge_numbers(rng: &mut Rng) -> String {
    let digits: String = (0..1 + rng.below(5_000))
        .map(|_| char::from(b'0' + rng.below(10) as u8))
        .collect();
    let number = match rng.below(4) {
        0 => digits,
        1 => format!("-{digits}"),
        2 => format!(
            "{digits}.{digits}e{}",
            rng.pick(&["999999999", "-999999999", "+1"])
        ),
        _ => rng.pick(NUMBERS).to_string(),
    };
    let key = rng.pick(KEYS);
    match rng.below(3) {
        0 => number,
        1 => format!(r#"{{"StageDeployment":{{"{key}":{number}}}}}"#),
        _ => format!(r#"{{"{key}":{number},"message":{number}}}"#),
    }
}

fn body(rng: &mut Rng) -> Vec<u8> {
    match rng.below(12) {
        0 => rng.bytes(256),
        1 => SEED.as_bytes().to_vec(),
        2 | 3 => mutate(rng, SEED.as_bytes().to_vec()),
        4 => {
            let code = *rng.pick(&MODELED);
            error_body(rng, code, "msg").into_bytes()
        }
        5 => {
            let code = *rng.pick(&MODELED);
            let body = error_body(rng, code, "msg").into_bytes();
            mutate(rng, body)
        }
        6 => deep(rng),
        7 => huge_numbers(rng).into_bytes(),
        8 => wrong_type(rng).into_bytes(),
        9 => json_value(rng, 0).into_bytes(),
        10 => {
            let json = json_value(rng, 0).into_bytes();
            mutate(rng, json)
        }
        _ => Vec::new(),
    }
}

/// A random header value: garbage error types, odd text, text made from random bytes.
fn header_value(rng: &mut Rng) -> String {
    let code = *rng.pick(&MODELED);
    match rng.below(12) {
        0 => code.to_string(),
        1 => format!("{code}:http://internal.amazon.com/coral/"),
        2 => format!("aws.gamesparks#{code}:http://internal.amazon.com/"),
        3 => rng
            .pick(&[
                "",
                " ",
                ":",
                "#",
                "#:",
                ":#",
                "a#b#c:d:e",
                "##ValidationException",
                "ValidationException#",
            ])
            .to_string(),
        4 => format!(" {code} "),
        5 => code.to_lowercase(),
        6 => String::from_utf8_lossy(&rng.bytes(40)).into_owned(),
        7 => "😹#💥:🙀".to_string(),
        8 => "\u{0}\u{7f}\u{feff}\u{fffd}".to_string(),
        9 => "x".repeat(rng.below(10_000)),
        10 => format!("{}:{}", "é".repeat(rng.below(5)), "#".repeat(rng.below(5))),
        _ => format!("Unknown{}Exception", rng.below(1000)),
    }
}

fn headers(rng: &mut Rng) -> Vec<(String, String)> {
    const NAMES: &[&str] = &[
        "X-Amzn-Errortype",
        "x-amzn-errortype",
        "X-AMZN-ERRORTYPE",
        "x-amzn-RequestId",
        "x-amzn-requestid",
        "x-amz-request-id",
        "Content-Type",
        "Content-Length",
        "x-amz-id-2",
        "",
        "😹",
    ];
    let n = rng.below(5);
    (0..n)
        .map(|_| (rng.pick(NAMES).to_string(), header_value(rng)))
        .collect()
}

// ---------------------------------------------------------------------------------------------
// The in-memory transport and the client
// ---------------------------------------------------------------------------------------------

/// Answers each request with the next queued response.
#[derive(Debug, Clone, Default)]
struct Canned {
    responses: Arc<Mutex<VecDeque<HttpResponse>>>,
    sent: Arc<Mutex<usize>>,
}

impl HttpClient for Canned {
    fn send(
        &self,
        _request: HttpRequest,
        _timeouts: Timeouts,
    ) -> BoxFuture<'_, Result<HttpResponse, TransportError>> {
        *self.sent.lock().unwrap() += 1;
        let next = self.responses.lock().unwrap().pop_front();
        Box::pin(async move {
            next.ok_or_else(|| {
                TransportError::new(
                    gamesparks::http::TransportErrorKind::Other,
                    "no response queued",
                )
            })
        })
    }
}

struct Harness {
    client: Client,
    transport: Canned,
}

impl Harness {
    fn new() -> Self {
        let transport = Canned::default();
        let config = Config::builder()
            .region("us-east-1")
            .credentials(Credentials::new("AKID", "SECRET", Some("TOKEN".into())))
            .retry_config(RetryConfig::disabled())
            .http_client(transport.clone())
            .ignore_environment()
            .build();
        Harness {
            client: Client::new(config),
            transport,
        }
    }

    /// Sends one call answered by `response`, turning a panic into a test failure naming `case`.
    fn call(&self, response: HttpResponse, case: &str) -> CallResult {
        self.transport
            .responses
            .lock()
            .unwrap()
            .push_back(response.try_clone().expect("bytes body"));
        let before = *self.transport.sent.lock().unwrap();
        let outcome = catch_unwind(AssertUnwindSafe(|| {
            let result = gamesparks::http::block_on(
                self.client
                    .get_stage_deployment()
                    .game_name("g")
                    .stage_name("s")
                    .deployment_id("d")
                    .send(),
            );
            // Formatting the result must not panic either.
            let _ = match &result {
                Ok(output) => format!("{output:?}"),
                Err(e) => format!("{e} {e:?}"),
            };
            result
        }));
        match outcome {
            Ok(result) => {
                assert_eq!(
                    *self.transport.sent.lock().unwrap(),
                    before + 1,
                    "{case}: exactly one attempt"
                );
                result
            }
            Err(panic) => {
                let message = panic
                    .downcast_ref::<String>()
                    .cloned()
                    .or_else(|| panic.downcast_ref::<&str>().map(|s| s.to_string()))
                    .unwrap_or_default();
                panic!(
                    "{case}: the client panicked ({message}) on status {} headers {:?} body {:?}",
                    response.status,
                    response.headers,
                    String::from_utf8_lossy(
                        &body_of(&response)[..body_of(&response).len().min(300)]
                    )
                );
            }
        }
    }
}

fn expected_request_id(response: &HttpResponse) -> Option<String> {
    response
        .header("x-amzn-requestid")
        .or_else(|| response.header("x-amz-request-id"))
        .map(str::to_string)
}

/// The invariants every response must satisfy.
fn check_invariants(harness: &Harness, response: &HttpResponse, result: &CallResult, case: &str) {
    let request_id = expected_request_id(response);
    if (200..300).contains(&response.status) {
        match result {
            Ok(output) => {
                // Written back as JSON, the output reads back equal.
                let json = serde_json::to_vec(output)
                    .unwrap_or_else(|e| panic!("{case}: serialize {output:?}: {e}"));
                let again = harness.call(
                    HttpResponse::new(200, json.clone()),
                    &format!("{case} (round trip)"),
                );
                match again {
                    Ok(again) => assert_eq!(
                        &again,
                        output,
                        "{case}: round trip via {}",
                        String::from_utf8_lossy(&json)
                    ),
                    Err(e) => panic!(
                        "{case}: written output does not read back: {e:?} from {}",
                        String::from_utf8_lossy(&json)
                    ),
                }
            }
            Err(SdkError::Response(e)) => {
                assert_eq!(e.status, response.status, "{case}");
                assert_eq!(e.request_id, request_id, "{case}");
                assert!(!e.message.is_empty(), "{case}");
            }
            Err(other) => panic!("{case}: a 2xx gave neither Ok nor a response error: {other:?}"),
        }
    } else {
        // Any 2xx is success, as in AWS SDKs; everything else is the service's error.
        let Err(SdkError::Service(e)) = result else {
            panic!(
                "{case}: status {} did not give a service error: {result:?}",
                response.status
            );
        };
        assert_eq!(e.status, response.status, "{case}");
        assert_eq!(e.request_id, request_id, "{case}");
        match &e.error {
            GetStageDeploymentError::Unhandled(u) => {
                assert_eq!(u.status(), Some(response.status), "{case}");
                assert_eq!(u.request_id().map(str::to_string), request_id, "{case}");
                assert!(
                    u.code().is_none_or(|c| !c.is_empty() && !c.contains(':')),
                    "{case}: code {:?}",
                    u.code()
                );
            }
            modeled => {
                let code = modeled.code().expect("modeled errors have a code");
                assert!(MODELED.contains(&code), "{case}: {code}");
            }
        }
    }
}

// ---------------------------------------------------------------------------------------------
// The tests
// ---------------------------------------------------------------------------------------------

#[test]
fn thousands_of_random_and_mutated_responses_never_panic() {
    const CASES: usize = 3_000;
    let harness = Harness::new();
    let mut rng = Rng::new(0x9E37_79B9_7F4A_7C15);
    let (mut ok, mut service, mut response_errors) = (0usize, 0usize, 0usize);
    for i in 0..CASES {
        let status = *rng.pick(&STATUSES);
        let response = HttpResponse {
            status,
            headers: headers(&mut rng),
            body: body(&mut rng).into(),
        };
        let case = format!("case {i}");
        let result = harness.call(response.try_clone().expect("bytes body"), &case);
        check_invariants(&harness, &response, &result, &case);
        match result {
            Ok(_) => ok += 1,
            Err(SdkError::Service(_)) => service += 1,
            Err(_) => response_errors += 1,
        }
    }
    eprintln!(
        "{CASES} cases: {ok} ok, {service} service errors, {response_errors} response errors"
    );
    // The generator must exercise all three outcomes substantially.
    assert!(ok > CASES / 50, "too few successes: {ok}");
    assert!(service > CASES / 5, "too few service errors: {service}");
    assert!(
        response_errors > CASES / 20,
        "too few response errors: {response_errors}"
    );
}

#[test]
fn valid_seed_with_200_is_ok_whatever_the_headers() {
    let harness = Harness::new();
    let mut rng = Rng::new(7);
    let expected = {
        let r = harness.call(HttpResponse::new(200, SEED), "seed");
        r.expect("the seed is a success")
    };
    assert_eq!(
        expected.stage_deployment().unwrap().deployment_id(),
        Some("string")
    );
    for i in 0..300 {
        let response = HttpResponse {
            status: 200,
            headers: headers(&mut rng),
            body: SEED.as_bytes().to_vec().into(),
        };
        let result = harness.call(response, &format!("seed case {i}"));
        assert_eq!(
            result.as_ref().ok(),
            Some(&expected),
            "seed case {i}: {result:?}"
        );
    }
}

#[test]
fn every_status_is_success_or_a_service_error() {
    let harness = Harness::new();
    let mut rng = Rng::new(11);
    for status in 100u16..600 {
        for _ in 0..2 {
            let response = HttpResponse {
                status,
                headers: headers(&mut rng),
                body: body(&mut rng).into(),
            };
            let case = format!("status {status}");
            let result = harness.call(response.try_clone().expect("bytes body"), &case);
            check_invariants(&harness, &response, &result, &case);
        }
    }
}

/// Messages with characters that need JSON escaping, and non-ASCII text.
fn message(rng: &mut Rng) -> (String, String) {
    const PARTS: &[(&str, &str)] = &[
        ("plain", "plain"),
        (" ", " "),
        ("\\\"", "\""),
        ("\\\\", "\\"),
        ("\\n", "\n"),
        ("\\u00fc", "ü"),
        ("ü", "ü"),
        ("名前", "名前"),
        ("\\ud83d\\ude39", "😹"),
        ("😹", "😹"),
        (":", ":"),
        ("#", "#"),
    ];
    let mut json = String::new();
    let mut text = String::new();
    for _ in 0..rng.below(6) {
        let (j, t) = rng.pick(PARTS);
        json.push_str(j);
        text.push_str(t);
    }
    (json, text)
}

#[test]
fn modeled_codes_in_every_form_give_the_variant_and_message() {
    let harness = Harness::new();
    let mut rng = Rng::new(23);
    for i in 0..1_000 {
        let code = *rng.pick(&MODELED);
        let status = *rng.pick(&[400u16, 403, 404, 409, 429, 500, 503]);
        let (json_message, message) = message(&mut rng);
        let key = rng.pick(&["message", "Message"]);
        let mut response = match rng.below(3) {
            0 => {
                let header = match rng.below(3) {
                    0 => code.to_string(),
                    1 => format!(
                        "{code}:http://internal.amazon.com/coral/com.amazon.coral.validate/"
                    ),
                    _ => format!("aws.gamesparks#{code}:http://internal.amazon.com/"),
                };
                let name = rng.pick(&["X-Amzn-Errortype", "x-amzn-errortype", "X-AMZN-ERRORTYPE"]);
                HttpResponse::new(status, format!(r#"{{"{key}":"{json_message}"}}"#))
                    .with_header(*name, header)
            }
            1 => HttpResponse::new(
                status,
                format!(r#"{{"code":"{code}","{key}":"{json_message}"}}"#),
            ),
            _ => {
                let type_ = match rng.below(3) {
                    0 => code.to_string(),
                    1 => format!("aws.gamesparks#{code}"),
                    _ => format!("aws.gamesparks#{code}:http://internal.amazon.com/"),
                };
                HttpResponse::new(
                    status,
                    format!(r#"{{"__type":"{type_}","{key}":"{json_message}"}}"#),
                )
            }
        };
        if rng.chance(50) {
            response = response.with_header("x-amzn-RequestId", format!("rid-{i}"));
        }
        let case = format!("modeled case {i} ({code})");
        let result = harness.call(response.try_clone().expect("bytes body"), &case);
        check_invariants(&harness, &response, &result, &case);
        let Err(SdkError::Service(e)) = result else {
            unreachable!()
        };
        assert_eq!(e.error.code(), Some(code), "{case}: {:?}", e.error);
        assert!(!e.error.is_unhandled(), "{case}: {:?}", e.error);
        assert_eq!(e.error.message(), Some(message.as_str()), "{case}");
    }
}

#[test]
fn unknown_codes_are_unhandled_with_the_sanitized_code() {
    let harness = Harness::new();
    let mut rng = Rng::new(31);
    for i in 0..500 {
        let name = format!("Unknown{}Exception", rng.below(100_000));
        let status = *rng.pick(&[400u16, 403, 404, 409, 429, 500, 503]);
        let (json_message, message) = message(&mut rng);
        let raw = match rng.below(3) {
            0 => name.clone(),
            1 => format!("{name}:http://internal.amazon.com/"),
            _ => format!("com.example#{name}:urn:x"),
        };
        let response = match rng.below(3) {
            0 => HttpResponse::new(status, format!(r#"{{"message":"{json_message}"}}"#))
                .with_header("X-Amzn-Errortype", raw),
            1 => HttpResponse::new(
                status,
                format!(r#"{{"code":"{raw}","message":"{json_message}"}}"#),
            ),
            _ => HttpResponse::new(
                status,
                format!(r#"{{"__type":"{raw}","message":"{json_message}"}}"#),
            ),
        };
        let case = format!("unknown case {i}");
        let result = harness.call(response.try_clone().expect("bytes body"), &case);
        check_invariants(&harness, &response, &result, &case);
        let Err(SdkError::Service(e)) = result else {
            unreachable!()
        };
        let GetStageDeploymentError::Unhandled(u) = &e.error else {
            panic!("{case}: expected Unhandled, got {:?}", e.error);
        };
        assert_eq!(u.code(), Some(name.as_str()), "{case}");
        assert_eq!(u.message(), Some(message.as_str()), "{case}");
        let expected_retry = match status {
            429 => Some(gamesparks::error::RetryKind::Throttling),
            500 | 503 => Some(gamesparks::error::RetryKind::Transient),
            _ => None,
        };
        assert_eq!(u.retry_kind(), expected_retry, "{case}");
    }
}

/// The error identifier on its own: 3000 error responses with random identification forms
/// (header, `code`, `__type`, none), random and mutated bodies and statuses. Each gives a
/// variant; whenever the header names a modeled error and the body is empty, that variant.
#[test]
fn error_identifier_never_panics_and_honours_the_header() {
    use gamesparks::operation::get_stage_deployment::parse_error;
    let mut rng = Rng::new(0xE22);
    for case in 0..3000 {
        let code = if rng.chance(70) {
            rng.pick(&MODELED).to_string()
        } else {
            format!("Other{}", rng.below(5))
        };
        let status = *rng.pick(&[400u16, 403, 404, 429, 500, 502, 503, 504, 418, 599]);
        let mut response = HttpResponse::new(status, Vec::new());
        let header_form = rng.chance(40);
        if header_form {
            let raw = match rng.below(3) {
                0 => code.clone(),
                1 => format!("{code}:http://internal.amazon.com/coral/"),
                _ => format!("aws.gamesparks#{code}:x"),
            };
            response = response.with_header("X-Amzn-Errortype", raw);
        }
        response.body = match rng.below(4) {
            0 => Vec::new().into(),
            1 => error_body(&mut rng, &code, "m").into_bytes().into(),
            2 => {
                let valid = error_body(&mut rng, &code, "m").into_bytes();
                mutate(&mut rng, valid).into()
            }
            _ => body(&mut rng).into(),
        };
        for (k, v) in headers(&mut rng) {
            if !k.eq_ignore_ascii_case("x-amzn-errortype") {
                response.headers.push((k, v));
            }
        }
        let result = catch_unwind(AssertUnwindSafe(|| parse_error(&response)));
        let error =
            result.unwrap_or_else(|_| panic!("case {case}: parse_error panicked on {response:?}"));
        if header_form && body_of(&response).is_empty() && MODELED.contains(&code.as_str()) {
            assert_eq!(error.code(), Some(code.as_str()), "case {case}");
            assert!(!error.is_unhandled(), "case {case}: {error:?}");
        }
        if let GetStageDeploymentError::Unhandled(u) = &error {
            assert_eq!(u.status(), Some(status), "case {case}");
        }
    }
}

/// The bytes of a response body built in memory.
fn body_of(response: &HttpResponse) -> &[u8] {
    response.body.bytes().unwrap_or_default()
}
