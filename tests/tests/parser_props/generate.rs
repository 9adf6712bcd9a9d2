//! Random responses: bodies (random bytes, mutations of valid success and error bodies, deep
//! nesting, huge numbers, wrong types) and headers.

use super::*;

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
pub(crate) fn error_body(rng: &mut Rng, code: &str, message: &str) -> String {
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
pub(crate) fn mutate(rng: &mut Rng, mut body: Vec<u8>) -> Vec<u8> {
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
                body[i] = rng.next_u64() as u8;
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

pub(crate) fn body(rng: &mut Rng) -> Vec<u8> {
    match rng.below(12) {
        0 => {
            let len = rng.below(257);
            rng.bytes(len)
        }
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
        6 => {
            let len = rng.below(41);
            String::from_utf8_lossy(&rng.bytes(len)).into_owned()
        }
        7 => "😹#💥:🙀".to_string(),
        8 => "\u{0}\u{7f}\u{feff}\u{fffd}".to_string(),
        9 => "x".repeat(rng.below(10_000)),
        10 => format!("{}:{}", "é".repeat(rng.below(5)), "#".repeat(rng.below(5))),
        _ => format!("Unknown{}Exception", rng.below(1000)),
    }
}

pub(crate) fn headers(rng: &mut Rng) -> Vec<(String, String)> {
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
