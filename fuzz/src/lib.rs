//! Input decoding, invariants and seed inputs shared by the fuzz targets in `fuzz_targets/`
//! and by the regression test `tests/tests/fuzz_regressions.rs`, which includes this file as a
//! module (`#[path]`), so a saved crash replays through exactly the code the fuzzer ran.
//!
//! Each `check_*` function takes the raw fuzz input, must never panic for any bytes, and panics
//! (via `assert!`) only when an invariant of the code under test is broken.

use gamesparks::error::SdkError;
use gamesparks::http::HttpResponse;
use gamesparks::operation::get_stage_deployment::{self, GetStageDeploymentError};

/// The statuses picked when the first status byte has its top bit clear.
pub const REALISTIC_STATUSES: &[u16] = &[
    200, 201, 202, 204, 206, 299, 301, 304, 400, 401, 403, 404, 409, 413, 429, 500, 502, 503, 504,
];

/// Header names picked by the selector byte of a header (`selector % 8`); `7` reads a name from
/// the input instead.
pub const HEADER_NAMES: &[&str] = &[
    "x-amzn-errortype",
    "X-Amzn-Errortype",
    "x-amzn-requestid",
    "x-amz-request-id",
    "content-type",
    "Content-Type",
    "X-Amzn-RequestId",
];

/// The selector value that reads a custom header name from the input.
pub const CUSTOM_HEADER: u8 = 7;

/// The five errors the model gives `GetStageDeployment`.
pub const MODELED_ERRORS: &[&str] = &[
    "ValidationException",
    "AccessDeniedException",
    "ResourceNotFoundException",
    "ThrottlingException",
    "InternalServerException",
];

/// A cursor over fuzz input: reads that run past the end return what is left.
struct Bytes<'a>(&'a [u8]);

impl<'a> Bytes<'a> {
    fn byte(&mut self) -> u8 {
        match self.0.split_first() {
            Some((b, rest)) => {
                self.0 = rest;
                *b
            }
            None => 0,
        }
    }

    fn take(&mut self, n: usize) -> &'a [u8] {
        let (head, rest) = self.0.split_at(n.min(self.0.len()));
        self.0 = rest;
        head
    }

    /// A length byte, then that many bytes, as lossy UTF-8.
    fn text(&mut self) -> String {
        let n = usize::from(self.byte());
        String::from_utf8_lossy(self.take(n)).into_owned()
    }

    fn rest(self) -> Vec<u8> {
        self.0.to_vec()
    }
}

/// Two status bytes: top bit clear picks from [`REALISTIC_STATUSES`], set gives any of 100..=599.
fn decode_status(hi: u8, lo: u8) -> u16 {
    if hi & 0x80 == 0 {
        REALISTIC_STATUSES[usize::from(lo) % REALISTIC_STATUSES.len()]
    } else {
        100 + (u16::from_be_bytes([hi & 0x7f, lo]) % 500)
    }
}

fn encode_status(status: u16) -> [u8; 2] {
    match REALISTIC_STATUSES.iter().position(|&s| s == status) {
        Some(i) => [0, u8::try_from(i).expect("few statuses")],
        None => {
            assert!((100..600).contains(&status), "status {status} out of range");
            let [hi, lo] = (status - 100).to_be_bytes();
            [0x80 | hi, lo]
        }
    }
}

fn push_text(out: &mut Vec<u8>, text: &str) {
    let len = u8::try_from(text.len()).expect("seed header text under 256 bytes");
    out.push(len);
    out.extend_from_slice(text.as_bytes());
}

/// Decodes a `response_parser` input:
///
/// ```text
/// [status hi][status lo][header count, & 7]
///   per header: [selector] ([name len][name] if selector % 8 == 7) [value len][value]
/// [body: the rest]
/// ```
pub fn decode_response(data: &[u8]) -> HttpResponse {
    let mut input = Bytes(data);
    let (hi, lo) = (input.byte(), input.byte());
    let mut response = HttpResponse::new(decode_status(hi, lo), Vec::new());
    let count = input.byte() & 7;
    for _ in 0..count {
        let selector = input.byte() % 8;
        let name = match HEADER_NAMES.get(usize::from(selector)) {
            Some(name) => (*name).to_string(),
            None => input.text(),
        };
        let value = input.text();
        response.headers.push((name, value));
    }
    response.body = input.rest().into();
    response
}

/// Encodes a response in the `response_parser` input format (for seeds).
pub fn encode_response(status: u16, headers: &[(&str, &str)], body: &[u8]) -> Vec<u8> {
    let mut out = encode_status(status).to_vec();
    out.push(u8::try_from(headers.len()).expect("at most 7 headers") & 7);
    assert!(headers.len() <= 7, "at most 7 headers");
    for (name, value) in headers {
        match HEADER_NAMES.iter().position(|n| n == name) {
            Some(i) => out.push(u8::try_from(i).expect("few names")),
            None => {
                out.push(CUSTOM_HEADER);
                push_text(&mut out, name);
            }
        }
        push_text(&mut out, value);
    }
    out.extend_from_slice(body);
    out
}

/// The request id the crate reports for a response.
fn expected_request_id(response: &HttpResponse) -> Option<&str> {
    response
        .header("x-amzn-requestid")
        .or_else(|| response.header("x-amz-request-id"))
}

/// `response_parser`: `read_response` never panics; a success re-serializes and reads back
/// (status 200) to an equal output; errors carry the response's status and request id.
pub fn check_response(data: &[u8]) {
    let response = decode_response(data);
    let success = (200..300).contains(&response.status);
    match get_stage_deployment::read_response(&response) {
        Ok(output) => {
            assert!(success, "status {} gave Ok", response.status);
            let _ = format!("{output:?}");
            let json = serde_json::to_vec(&output).expect("an output serializes");
            let again = get_stage_deployment::read_response(&HttpResponse::new(200, json.clone()))
                .unwrap_or_else(|e| {
                    panic!(
                        "re-serialized output {} does not read back: {e}",
                        String::from_utf8_lossy(&json)
                    )
                });
            assert_eq!(
                output,
                again,
                "round trip through {} changed the output",
                String::from_utf8_lossy(&json)
            );
        }
        Err(err) => {
            let _ = (err.to_string(), format!("{err:?}"), err.kind_name());
            assert_eq!(err.status(), Some(response.status));
            assert_eq!(err.request_id(), expected_request_id(&response));
            match &err {
                SdkError::Service(_) => {
                    assert!(!success, "status {} gave a service error", response.status);
                }
                SdkError::Response(_) => {
                    assert!(
                        success,
                        "status {} gave an unreadable body",
                        response.status
                    );
                }
                other => panic!("read_response gave {}", other.kind_name()),
            }
            if let Some(service) = err.as_service_error() {
                check_error_value(&response, service);
            }
        }
    }
}

/// Decodes an `error_identifier` input:
///
/// ```text
/// [status hi][status lo]      status = 400 + (big-endian u16 % 200)
/// [flags]                     bit 0: X-Amzn-Errortype header; bit 1: spell it lower-case;
///                             bit 2: x-amzn-requestid header
/// ([len][error type])         if bit 0
/// ([len][request id])         if bit 2
/// [body: the rest]
/// ```
pub fn decode_error(data: &[u8]) -> HttpResponse {
    let mut input = Bytes(data);
    let status = 400 + u16::from_be_bytes([input.byte(), input.byte()]) % 200;
    let mut response = HttpResponse::new(status, Vec::new());
    let flags = input.byte();
    if flags & 1 != 0 {
        let name = if flags & 2 != 0 {
            "x-amzn-errortype"
        } else {
            "X-Amzn-Errortype"
        };
        response.headers.push((name.to_string(), input.text()));
    }
    if flags & 4 != 0 {
        response
            .headers
            .push(("x-amzn-requestid".to_string(), input.text()));
    }
    response.body = input.rest().into();
    response
}

/// Encodes an error response in the `error_identifier` input format (for seeds).
pub fn encode_error(
    status: u16,
    error_type: Option<&str>,
    request_id: Option<&str>,
    body: &[u8],
) -> Vec<u8> {
    assert!((400..600).contains(&status), "status {status} out of range");
    let mut out = (status - 400).to_be_bytes().to_vec();
    out.push(u8::from(error_type.is_some()) | (u8::from(request_id.is_some()) << 2));
    if let Some(t) = error_type {
        push_text(&mut out, t);
    }
    if let Some(id) = request_id {
        push_text(&mut out, id);
    }
    out.extend_from_slice(body);
    out
}

/// The shape name in a raw error type, as the protocol asks: everything from the first `:` goes,
/// then only what follows the first `#` stays (surrounding whitespace trimmed, as the runtime
/// does).
pub fn sanitize_error_type(raw: &str) -> &str {
    let raw = raw.split(':').next().unwrap_or(raw);
    let raw = raw.split_once('#').map_or(raw, |(_, name)| name);
    raw.trim()
}

/// Invariants of an error read from `response`, whichever way it was reached.
fn check_error_value(response: &HttpResponse, error: &GetStageDeploymentError) {
    let _ = (
        error.to_string(),
        format!("{error:?}"),
        error.message(),
        error.retry_kind(),
    );
    let Some(raw) = response.header("x-amzn-errortype") else {
        return;
    };
    let name = sanitize_error_type(raw);
    if name.is_empty() {
        return;
    }
    // The header wins over the body: the error is that shape, or `Unhandled` with that code.
    assert_eq!(error.code(), Some(name), "header {raw:?}");
    if MODELED_ERRORS.contains(&name) {
        if response
            .body
            .bytes()
            .unwrap_or_default()
            .iter()
            .all(u8::is_ascii_whitespace)
        {
            assert!(
                !error.is_unhandled(),
                "header {raw:?} with an empty body gave {error:?}"
            );
        }
    } else {
        assert!(error.is_unhandled(), "header {raw:?} gave {error:?}");
    }
}

/// `error_identifier`: `parse_error` never panics, and an error type header naming a modeled
/// error with an empty body gives that variant.
pub fn check_error(data: &[u8]) {
    let response = decode_error(data);
    let error = get_stage_deployment::parse_error(&response);
    check_error_value(&response, &error);
    if let GetStageDeploymentError::Unhandled(u) = &error {
        assert_eq!(u.status(), Some(response.status));
        assert_eq!(u.request_id(), expected_request_id(&response));
    }
}

/// `model_loader`: `codegen::generate` returns `Ok` or `Err` for any text, never panics.
pub fn check_model(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    let opts = codegen::Options {
        crate_name: "fuzz".into(),
        model_file: "fuzz.json".into(),
        operations: None,
        service: None,
        partitions: None,
    };
    if let Err(e) = codegen::generate(&text, &opts) {
        let _ = e.to_string();
    }
}

/// The documented `GetStageDeployment` success body.
pub const SEED_SUCCESS_BODY: &str = r#"{"StageDeployment":{"Created":"2015-01-01T00:00:00Z","DeploymentAction":"DEPLOY","DeploymentId":"string","DeploymentResult":{"Message":"string","ResultCode":"SUCCESS"},"DeploymentState":"PENDING","LastUpdated":"2015-01-01T00:00:00Z","SnapshotId":"string"}}"#;

/// Seed inputs for `response_parser`, by file name.
pub fn response_seeds() -> Vec<(String, Vec<u8>)> {
    let json = ("content-type", "application/json");
    let rid = ("x-amzn-requestid", "6c5b7a1e-0000-4000-8000-000000000001");
    let seeds = vec![
        (
            "success_documented",
            encode_response(200, &[json, rid], SEED_SUCCESS_BODY.as_bytes()),
        ),
        (
            "success_minimal",
            encode_response(
                200,
                &[json],
                br#"{"StageDeployment":{"DeploymentState":"FAILED","Created":"2021-08-17T12:34:56.789Z"}}"#,
            ),
        ),
        ("success_empty_body", encode_response(200, &[], b"")),
        (
            "success_unknown_enum",
            encode_response(
                200,
                &[json],
                br#"{"StageDeployment":{"DeploymentAction":"REDEPLOY","DeploymentResult":{"ResultCode":"UNKNOWN_ERROR"},"Extra":[1,2.5,null,{"a":true}]}}"#,
            ),
        ),
        (
            "error_header_validation",
            encode_response(
                400,
                &[
                    ("X-Amzn-Errortype", "ValidationException:http://internal.amazon.com/"),
                    json,
                    rid,
                ],
                br#"{"message":"1 validation error detected"}"#,
            ),
        ),
        (
            "error_body_code",
            encode_response(
                404,
                &[json, rid],
                br#"{"code":"ResourceNotFoundException","message":"Stage not found"}"#,
            ),
        ),
        (
            "error_body_type",
            encode_response(
                403,
                &[("x-amz-request-id", "req-2")],
                br#"{"__type":"aws.gamesparks#AccessDeniedException","Message":"denied"}"#,
            ),
        ),
        (
            "error_throttling",
            encode_response(
                429,
                &[("x-amzn-errortype", "ThrottlingException")],
                br#"{"message":"Rate exceeded"}"#,
            ),
        ),
        (
            "error_html_502",
            encode_response(
                502,
                &[("Content-Type", "text/html")],
                b"<html><body>Bad Gateway</body></html>",
            ),
        ),
        (
            "error_internal_500",
            encode_response(
                500,
                &[("x-amzn-errortype", "InternalServerException"), rid],
                b"",
            ),
        ),
    ];
    seeds
        .into_iter()
        .map(|(name, data)| (name.to_string(), data))
        .collect()
}

/// Seed inputs for `error_identifier`, by file name.
pub fn error_seeds() -> Vec<(String, Vec<u8>)> {
    let rid = Some("6c5b7a1e-0000-4000-8000-000000000002");
    let mut seeds = Vec::new();
    for (i, name) in MODELED_ERRORS.iter().enumerate() {
        let status = [400, 403, 404, 429, 500][i];
        let label = [
            "validation",
            "access_denied",
            "not_found",
            "throttling",
            "internal",
        ][i];
        seeds.push((
            format!("header_{label}_empty_body"),
            encode_error(status, Some(name), None, b""),
        ));
        seeds.push((
            format!("body_code_{label}"),
            encode_error(
                status,
                None,
                rid,
                format!(r#"{{"code":"{name}","message":"something went wrong"}}"#).as_bytes(),
            ),
        ));
    }
    seeds.push((
        "header_namespaced_with_uri".into(),
        encode_error(
            400,
            Some("aws.gamesparks#ValidationException:http://internal.amazon.com/coral/"),
            rid,
            br#"{"message":"bad input","fieldList":[{"name":"GameName"}]}"#,
        ),
    ));
    seeds.push((
        "body_type_namespaced".into(),
        encode_error(
            403,
            None,
            None,
            br#"{"__type":"aws.gamesparks#AccessDeniedException","Message":"denied"}"#,
        ),
    ));
    seeds.push((
        "header_unmodeled".into(),
        encode_error(
            409,
            Some("ConflictException"),
            rid,
            br#"{"message":"conflict"}"#,
        ),
    ));
    seeds.push((
        "html_body_no_header".into(),
        encode_error(503, None, None, b"<html>Service Unavailable</html>"),
    ));
    seeds
}

/// `idl_parser`: the bytes (lossy UTF-8) as one IDL file. Loading returns `Ok` or `Err`, never
/// panics; a loaded document is valid JSON that the JSON reader accepts or rejects with an
/// error; a syntax error names a line and column inside the file.
pub fn check_idl(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    let source = codegen::model::idl::Source::new("fuzz.smithy", text.as_ref());
    match codegen::model::idl::load_sources(&[source]) {
        Ok(doc) => {
            let json = doc.to_json();
            // Numbers are kept as written, so the text reads back to the very same document
            // (`float-reread-1ulp` was a float serde_json printed and read back differently).
            let back = codegen::model::idl::Node::from_json(&json).expect("valid JSON");
            assert_eq!(back, doc, "JSON text and document agree: {json}");
            if let Ok(model) = codegen::model::parse_model(&json) {
                let _ = codegen::index::ShapeIndex::build(model).map_err(|e| e.to_string());
            }
        }
        Err(codegen::ErrorKind::Syntax { line, column, .. }) => {
            assert!(
                line >= 1 && line <= text.lines().count().max(1) + 1,
                "line {line}"
            );
            assert!(column >= 1, "column {column}");
        }
        Err(e) => {
            let _ = e.to_string();
        }
    }
}
