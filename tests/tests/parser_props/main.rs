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

mod generate;
mod harness;

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
use generate::{body, error_body, headers, mutate};
use harness::{Harness, check_invariants};
use tests::rng::Rng;

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
