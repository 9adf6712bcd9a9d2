//! An independent SigV4 check for requests received by the loopback server (`server.rs`): the
//! `Authorization` header taken apart, and the signature recomputed from what arrived on the
//! wire.

use hmac::Mac as _;
use sha2::Digest as _;

use crate::server::Request;

pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

pub fn sha256_hex(data: &[u8]) -> String {
    hex(&sha2::Sha256::digest(data))
}

pub fn hmac(key: &[u8], data: &[u8]) -> Vec<u8> {
    let mut mac = hmac::Hmac::<sha2::Sha256>::new_from_slice(key).expect("any key length");
    mac.update(data);
    mac.finalize().into_bytes().to_vec()
}

/// Percent-encodes every byte but `A-Z a-z 0-9 - _ . ~` (and `/` when `keep_slash`).
pub fn uri_encode(bytes: &[u8], keep_slash: bool) -> String {
    let mut out = String::new();
    for &b in bytes {
        if b.is_ascii_alphanumeric()
            || matches!(b, b'-' | b'_' | b'.' | b'~')
            || (keep_slash && b == b'/')
        {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

pub fn percent_decode(s: &str) -> Vec<u8> {
    let bytes = s.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%'
            && let Some(b) = s
                .get(i + 1..i + 3)
                .and_then(|h| u8::from_str_radix(h, 16).ok())
        {
            out.push(b);
            i += 3;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    out
}

/// The pieces of an `Authorization` header.
#[derive(Debug)]
pub struct Authorization {
    pub access_key: String,
    pub date: String,
    pub region: String,
    pub service: String,
    pub terminator: String,
    pub signed_headers: Vec<String>,
    pub signature: String,
}

pub fn parse_authorization(value: &str) -> Authorization {
    let rest = value
        .strip_prefix("AWS4-HMAC-SHA256 ")
        .unwrap_or_else(|| panic!("algorithm prefix missing: {value}"));
    let parts: Vec<&str> = rest.split(", ").collect();
    assert_eq!(parts.len(), 3, "three comma-separated parts: {value}");
    let credential = parts[0].strip_prefix("Credential=").expect("Credential=");
    let signed = parts[1]
        .strip_prefix("SignedHeaders=")
        .expect("SignedHeaders=");
    let signature = parts[2].strip_prefix("Signature=").expect("Signature=");
    let scope: Vec<&str> = credential.split('/').collect();
    assert_eq!(scope.len(), 5, "credential has five parts: {credential}");
    Authorization {
        access_key: scope[0].into(),
        date: scope[1].into(),
        region: scope[2].into(),
        service: scope[3].into(),
        terminator: scope[4].into(),
        signed_headers: signed.split(';').map(str::to_string).collect(),
        signature: signature.into(),
    }
}

/// Recomputes the SigV4 signature of a received request independently of the client, from what
/// actually arrived on the wire (the signing time is its `X-Amz-Date`), and returns it.
pub fn recompute_signature(request: &Request, secret: &str, auth: &Authorization) -> String {
    let (method, raw_path) = (request.method.as_str(), request.path());
    let (raw_query, headers) = (request.query().unwrap_or(""), &request.headers);
    let amz_date = request.header("x-amz-date").expect("X-Amz-Date");
    assert!(
        raw_path.split('/').all(|seg| seg != "." && seg != ".."),
        "dot segments would need normalization: {raw_path}"
    );
    let canonical_uri = uri_encode(raw_path.as_bytes(), true);
    let mut params: Vec<(String, String)> = raw_query
        .split('&')
        .filter(|p| !p.is_empty())
        .map(|p| {
            let (k, v) = p.split_once('=').unwrap_or((p, ""));
            (
                uri_encode(&percent_decode(k), false),
                uri_encode(&percent_decode(v), false),
            )
        })
        .collect();
    params.sort();
    let canonical_query = params
        .iter()
        .map(|(k, v)| format!("{k}={v}"))
        .collect::<Vec<_>>()
        .join("&");
    let mut canonical_headers = String::new();
    for name in &auth.signed_headers {
        let values: Vec<String> = headers
            .iter()
            .filter(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.split_whitespace().collect::<Vec<_>>().join(" "))
            .collect();
        assert!(
            !values.is_empty(),
            "signed header `{name}` was not sent: {headers:?}"
        );
        canonical_headers.push_str(&format!("{name}:{}\n", values.join(",")));
    }
    let canonical_request = format!(
        "{method}\n{canonical_uri}\n{canonical_query}\n{canonical_headers}\n{}\n{}",
        auth.signed_headers.join(";"),
        sha256_hex(&request.body)
    );
    let scope = format!(
        "{}/{}/{}/{}",
        auth.date, auth.region, auth.service, auth.terminator
    );
    let string_to_sign = format!(
        "AWS4-HMAC-SHA256\n{amz_date}\n{scope}\n{}",
        sha256_hex(canonical_request.as_bytes())
    );
    let mut key = hmac(format!("AWS4{secret}").as_bytes(), auth.date.as_bytes());
    key = hmac(&key, auth.region.as_bytes());
    key = hmac(&key, auth.service.as_bytes());
    key = hmac(&key, b"aws4_request");
    hex(&hmac(&key, string_to_sign.as_bytes()))
}
