//! AWS Signature Version 4 request signing, header style (`Authorization` header).
//!
//! The signature is computed in four steps:
//!
//! 1. A *canonical request* is built from the method, the canonical URI, the canonical query
//!    string, the canonical headers, the list of signed header names and the hex SHA-256 of the
//!    payload, one per line.
//! 2. The *string to sign* is `AWS4-HMAC-SHA256`, the `X-Amz-Date` value, the credential scope
//!    (`YYYYMMDD/region/service/aws4_request`) and the hex SHA-256 of the canonical request.
//! 3. The *signing key* is derived by chaining HMAC-SHA256: the key `"AWS4" + secret` signs the
//!    date, the result signs the region, then the service, then the literal `aws4_request`.
//! 4. The *signature* is the hex HMAC-SHA256 of the string to sign under the signing key. It goes
//!    in the `Authorization` header together with the access key id, the scope and the signed
//!    header names.
//!
//! Canonicalization follows the SigV4 rules for every service but S3:
//!
//! - The path is taken as it is sent (already percent-encoded) and encoded once more, byte by
//!   byte, keeping only the unreserved characters `A-Z a-z 0-9 - _ . ~` and the `/` separators.
//!   So `%20` in the sent path becomes `%2520` in the canonical URI. With
//!   [`SigningParams::normalize_path`], `.` and `..` segments are resolved and runs of `/` are
//!   collapsed first (a trailing `/` is kept); an empty path is `/`.
//! - The query is split on `&`; each parameter is split at its first `=` (no `=` means an empty
//!   value); names and values are percent-decoded (a `%` not followed by two hex digits stays a
//!   literal `%`, and `+` stays a literal `+`) and re-encoded with the unreserved set, then
//!   sorted by name and then by value, byte-wise.
//! - Header names are lowercased; values are trimmed and every inner run of whitespace becomes
//!   one space; headers sharing a name are joined with `,` in the order given; the result is
//!   sorted by name. Every header passed in is signed.
//!
//! Nothing here panics, whatever the input: malformed escapes, non-ASCII text, empty paths and
//! odd dates all give some canonical form (which the service may then reject).

use super::sha256::{HmacKey, hmac_sha256, sha256};

/// The algorithm name, first in the string to sign and in the `Authorization` value.
const ALGORITHM: &str = "AWS4-HMAC-SHA256";
/// The last component of every credential scope.
const SCOPE_TERMINATOR: &str = "aws4_request";
/// The header carrying the signing time.
const X_AMZ_DATE: &str = "X-Amz-Date";
/// The header carrying the session token of temporary credentials.
const X_AMZ_SECURITY_TOKEN: &str = "X-Amz-Security-Token";
/// The header carrying the payload hash, for S3-style signing.
const X_AMZ_CONTENT_SHA256: &str = "x-amz-content-sha256";
/// The header carrying the signature.
const AUTHORIZATION: &str = "Authorization";
/// Upper-case hex digits, for percent-encoding.
const HEX_UPPER: &[u8; 16] = b"0123456789ABCDEF";
/// Lower-case hex digits, for hashes and signatures.
const HEX_LOWER: &[u8; 16] = b"0123456789abcdef";

/// Credentials used to sign.
///
/// Deliberately not `Debug`, so that the secret cannot end up in a log by accident.
#[derive(Clone, Copy)]
pub(crate) struct SigningCredentials<'a> {
    /// The access key id, sent in clear in the `Authorization` header.
    pub access_key_id: &'a str,
    /// The secret access key; only its HMAC derivatives leave this module.
    pub secret_access_key: &'a str,
    /// The session token of temporary credentials, sent (and signed) as
    /// `X-Amz-Security-Token`.
    pub session_token: ::std::option::Option<&'a str>,
}

/// What to sign for.
#[derive(Debug, Clone, Copy)]
pub(crate) struct SigningParams<'a> {
    /// The region of the endpoint, e.g. `us-east-1`.
    pub region: &'a str,
    /// The signing name of the service, e.g. `gamesparks`.
    pub service: &'a str,
    /// The signing time as `YYYYMMDD'T'HHMMSS'Z'`, e.g. `20150830T123600Z` (see [`amz_date`]).
    pub amz_date: &'a str,
    /// Whether to add the `x-amz-content-sha256` header (S3 style); false for normal services.
    pub content_sha256_header: bool,
    /// Whether to normalize the URI path (remove dot segments, collapse slashes): true for all
    /// non-S3 services.
    pub normalize_path: bool,
    /// Whether to percent-encode the sent path once more for the canonical URI: true for all
    /// non-S3 services (an endpoint's `disableDoubleEncoding` turns it off).
    pub double_encode: bool,
}

/// The pieces of a signature, for tests and debugging.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Signature {
    /// The canonical request that was hashed.
    pub canonical_request: ::std::string::String,
    /// The string that was signed.
    pub string_to_sign: ::std::string::String,
    /// The hex signature.
    pub signature: ::std::string::String,
    /// The full `Authorization` header value.
    pub authorization: ::std::string::String,
}

/// Signs a request.
///
/// `method` is e.g. `GET`; `path` is the raw (already percent-encoded) path as sent, e.g.
/// `/game/a%20b/stage/x`; `query` is the raw query string without `?`, possibly empty;
/// `headers` are the `(name, value)` pairs as they will be sent, which must include `host` and
/// must not include `authorization` (every header given is signed); `body` is the payload.
///
/// Returns the headers to add to the request, in this order: `X-Amz-Date`,
/// `X-Amz-Security-Token` when the credentials have a session token (it is signed too),
/// `x-amz-content-sha256` when [`SigningParams::content_sha256_header`] is set, and
/// `Authorization`; plus the [`Signature`] pieces.
///
/// A header among the first three that `headers` already has (any case) is not added again: the
/// value in `headers` is the one signed. The caller then keeps it consistent with `params`; in
/// particular the string to sign always uses [`SigningParams::amz_date`].
pub(crate) fn sign(
    method: &str,
    path: &str,
    query: &str,
    headers: &[(::std::string::String, ::std::string::String)],
    body: &[u8],
    creds: &SigningCredentials<'_>,
    params: &SigningParams<'_>,
) -> (
    ::std::vec::Vec<(::std::string::String, ::std::string::String)>,
    Signature,
) {
    sign_with_payload_hash(
        method,
        path,
        query,
        headers,
        &sha256_hex(body),
        creds,
        params,
    )
}

/// The payload hash of a body that is not hashed: a stream, or an operation with
/// `aws.auth#unsignedPayload`.
pub(crate) const UNSIGNED_PAYLOAD: &str = "UNSIGNED-PAYLOAD";

/// [`sign`] with the payload's hash given: the hex SHA-256 of the body, or
/// [`UNSIGNED_PAYLOAD`] for a body that is not hashed.
pub(crate) fn sign_with_payload_hash(
    method: &str,
    path: &str,
    query: &str,
    headers: &[(::std::string::String, ::std::string::String)],
    payload_hash: &str,
    creds: &SigningCredentials<'_>,
    params: &SigningParams<'_>,
) -> (
    ::std::vec::Vec<(::std::string::String, ::std::string::String)>,
    Signature,
) {
    let payload_hash = payload_hash.to_string();
    let has = |name: &str| headers.iter().any(|(n, _)| n.eq_ignore_ascii_case(name));

    let mut added: ::std::vec::Vec<(::std::string::String, ::std::string::String)> =
        ::std::vec::Vec::new();
    if !has(X_AMZ_DATE) {
        added.push((X_AMZ_DATE.into(), params.amz_date.into()));
    }
    let token = creds.session_token.filter(|_| !has(X_AMZ_SECURITY_TOKEN));
    if let ::std::option::Option::Some(token) = token {
        added.push((X_AMZ_SECURITY_TOKEN.into(), token.into()));
    }
    if params.content_sha256_header && !has(X_AMZ_CONTENT_SHA256) {
        added.push((X_AMZ_CONTENT_SHA256.into(), payload_hash.clone()));
    }

    let (canonical_headers, signed_headers) = canonical_headers(headers.iter().chain(&added));
    let canonical_request = format!(
        "{method}\n{uri}\n{query}\n{canonical_headers}\n{signed_headers}\n{payload_hash}",
        uri = canonical_uri(path, params.normalize_path, params.double_encode),
        query = canonical_query(query),
    );

    let date = params.amz_date.get(..8).unwrap_or(params.amz_date);
    let scope = format!(
        "{date}/{region}/{service}/{SCOPE_TERMINATOR}",
        region = params.region,
        service = params.service,
    );
    let string_to_sign = format!(
        "{ALGORITHM}\n{amz_date}\n{scope}\n{hash}",
        amz_date = params.amz_date,
        hash = sha256_hex(canonical_request.as_bytes()),
    );

    let key = signing_key(creds.secret_access_key, date, params.region, params.service);
    let signature = hex_lower(&key.mac(string_to_sign.as_bytes()));
    let authorization = format!(
        "{ALGORITHM} Credential={akid}/{scope}, SignedHeaders={signed_headers}, Signature={signature}",
        akid = creds.access_key_id,
    );
    added.push((AUTHORIZATION.into(), authorization.clone()));

    (
        added,
        Signature {
            canonical_request,
            string_to_sign,
            signature,
            authorization,
        },
    )
}

/// Lower-case hex SHA-256 of `data`.
pub(crate) fn sha256_hex(data: &[u8]) -> ::std::string::String {
    hex_lower(&sha256(data))
}

/// Formats a Unix time (seconds since 1970-01-01T00:00:00Z) as an `X-Amz-Date` value,
/// `YYYYMMDD'T'HHMMSS'Z'`, e.g. `1440938160` → `20150830T123600Z`.
///
/// Uses the proleptic Gregorian calendar through the days-to-civil algorithm (eras of 400
/// years, years starting on March 1st), in 128-bit arithmetic so that every `i64` works:
/// years outside `0..=9999` simply print with more digits or a sign.
pub(crate) fn amz_date(unix_secs: i64) -> ::std::string::String {
    let secs = i128::from(unix_secs);
    let days = secs.div_euclid(86_400);
    let secs_of_day = secs.rem_euclid(86_400);
    let (hour, minute, second) = (
        secs_of_day / 3_600,
        secs_of_day % 3_600 / 60,
        secs_of_day % 60,
    );

    // Shift the epoch to 0000-03-01, the start of a 400-year era.
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let day_of_era = z.rem_euclid(146_097);
    let year_of_era =
        (day_of_era - day_of_era / 1_460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let month_from_march = (5 * day_of_year + 2) / 153;
    let day = day_of_year - (153 * month_from_march + 2) / 5 + 1;
    let month = if month_from_march < 10 {
        month_from_march + 3
    } else {
        month_from_march - 9
    };
    let year = year_of_era + era * 400 + i128::from(month <= 2);

    format!("{year:04}{month:02}{day:02}T{hour:02}{minute:02}{second:02}Z")
}

/// The canonical URI: `path`, normalized if asked, with every byte but the unreserved ones and
/// `/` percent-encoded (so existing escapes are encoded a second time), unless `double_encode`
/// is off, when the path is taken as sent.
fn canonical_uri(path: &str, normalize: bool, double_encode: bool) -> ::std::string::String {
    let path = if normalize {
        normalize_path(path)
    } else if path.is_empty() {
        "/".into()
    } else {
        path.into()
    };
    if !double_encode {
        return path;
    }
    let mut out = ::std::string::String::with_capacity(path.len());
    for &b in path.as_bytes() {
        if b == b'/' {
            out.push('/');
        } else {
            push_encoded(&mut out, b);
        }
    }
    out
}

/// Resolves `.` and `..` segments and collapses runs of `/`, as a path always rooted at `/`.
///
/// `..` above the root stays at the root. The result ends with `/` when the path did (or ended
/// in a `.` or `..` segment, which name a directory), unless it is just `/`.
fn normalize_path(path: &str) -> ::std::string::String {
    let mut segments: ::std::vec::Vec<&str> = ::std::vec::Vec::new();
    let mut trailing_slash = false;
    for segment in path.split('/') {
        trailing_slash = matches!(segment, "" | "." | "..");
        match segment {
            "" | "." => {}
            ".." => {
                segments.pop();
            }
            name => segments.push(name),
        }
    }
    let mut out = ::std::string::String::with_capacity(path.len() + 1);
    for segment in &segments {
        out.push('/');
        out.push_str(segment);
    }
    if trailing_slash || segments.is_empty() {
        out.push('/');
    }
    out
}

/// The canonical query string: parameters decoded, re-encoded with the unreserved set, sorted
/// by name then value, joined with `&`. Empty parameters (as in `a=1&&b=2`) are dropped.
fn canonical_query(query: &str) -> ::std::string::String {
    let mut params: ::std::vec::Vec<(::std::string::String, ::std::string::String)> = query
        .split('&')
        .filter(|param| !param.is_empty())
        .map(|param| {
            let (name, value) = param.split_once('=').unwrap_or((param, ""));
            (reencode(name), reencode(value))
        })
        .collect();
    params.sort();
    let mut out = ::std::string::String::with_capacity(query.len());
    for (i, (name, value)) in params.iter().enumerate() {
        if i > 0 {
            out.push('&');
        }
        out.push_str(name);
        out.push('=');
        out.push_str(value);
    }
    out
}

/// Percent-decodes `s` and encodes the bytes again with the unreserved set.
fn reencode(s: &str) -> ::std::string::String {
    let mut out = ::std::string::String::with_capacity(s.len());
    for b in percent_decode(s) {
        push_encoded(&mut out, b);
    }
    out
}

/// Percent-decodes `s` into bytes. A `%` not followed by two hex digits is kept as a literal
/// `%`; `+` is kept as `+` (it is not form encoding).
fn percent_decode(s: &str) -> ::std::vec::Vec<u8> {
    let bytes = s.as_bytes();
    let mut out = ::std::vec::Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b == b'%' {
            let hi = bytes.get(i + 1).copied().and_then(hex_value);
            let lo = bytes.get(i + 2).copied().and_then(hex_value);
            if let (::std::option::Option::Some(hi), ::std::option::Option::Some(lo)) = (hi, lo) {
                out.push((hi << 4) | lo);
                i += 3;
                continue;
            }
        }
        out.push(b);
        i += 1;
    }
    out
}

/// The value of one hex digit, either case.
fn hex_value(b: u8) -> ::std::option::Option<u8> {
    match b {
        b'0'..=b'9' => ::std::option::Option::Some(b - b'0'),
        b'a'..=b'f' => ::std::option::Option::Some(b - b'a' + 10),
        b'A'..=b'F' => ::std::option::Option::Some(b - b'A' + 10),
        _ => ::std::option::Option::None,
    }
}

/// Appends `b` as itself if unreserved (`A-Z a-z 0-9 - _ . ~`), else as `%XX` (upper case).
fn push_encoded(out: &mut ::std::string::String, b: u8) {
    if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
        out.push(char::from(b));
    } else {
        out.push('%');
        out.push(char::from(HEX_UPPER[usize::from(b >> 4)]));
        out.push(char::from(HEX_UPPER[usize::from(b & 0x0f)]));
    }
}

/// The canonical headers block (each `name:value\n`, sorted by name) and the `;`-joined signed
/// header names.
fn canonical_headers<'h, I>(headers: I) -> (::std::string::String, ::std::string::String)
where
    I: ::std::iter::Iterator<Item = &'h (::std::string::String, ::std::string::String)>,
{
    let mut by_name: ::std::collections::BTreeMap<::std::string::String, ::std::string::String> =
        ::std::collections::BTreeMap::new();
    for (name, value) in headers {
        let value = canonical_header_value(value);
        match by_name.entry(name.to_ascii_lowercase()) {
            ::std::collections::btree_map::Entry::Vacant(entry) => {
                entry.insert(value);
            }
            ::std::collections::btree_map::Entry::Occupied(mut entry) => {
                let joined = entry.get_mut();
                joined.push(',');
                joined.push_str(&value);
            }
        }
    }
    let mut canonical = ::std::string::String::new();
    let mut signed = ::std::string::String::new();
    for (name, value) in &by_name {
        canonical.push_str(name);
        canonical.push(':');
        canonical.push_str(value);
        canonical.push('\n');
        if !signed.is_empty() {
            signed.push(';');
        }
        signed.push_str(name);
    }
    (canonical, signed)
}

/// A header value trimmed, with every inner run of ASCII whitespace replaced by one space.
fn canonical_header_value(value: &str) -> ::std::string::String {
    let mut out = ::std::string::String::with_capacity(value.len());
    for word in value.split_ascii_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// The last signing key derived, and what it was derived from (the secret as its hash). A key
/// holds for a day, a region and a service, so a process making many calls derives it once
/// rather than with four HMACs per request, as the Go and Java SDKs cache it.
static LAST_KEY: ::std::sync::Mutex<::std::option::Option<CachedKey>> =
    ::std::sync::Mutex::new(::std::option::Option::None);

struct CachedKey {
    secret: [u8; 32],
    scope: [::std::string::String; 3],
    key: HmacKey,
}

/// The signing key for `secret`, `date`, `region` and `service`, from [`LAST_KEY`] when it
/// matches.
fn signing_key(secret: &str, date: &str, region: &str, service: &str) -> HmacKey {
    let secret_hash = sha256(secret.as_bytes());
    let scope = [date, region, service];
    // A poisoned lock only loses the cache.
    if let Ok(last) = LAST_KEY.lock()
        && let Some(cached) = last.as_ref()
        && cached.secret == secret_hash
        && cached.scope == scope
    {
        return cached.key.clone();
    }
    let key = HmacKey::new(&derive_signing_key(secret, date, region, service));
    if let Ok(mut last) = LAST_KEY.lock() {
        *last = Some(CachedKey {
            secret: secret_hash,
            scope: scope.map(str::to_string),
            key: key.clone(),
        });
    }
    key
}

/// The signing key: `"AWS4" + secret` HMACs the date, then the region, the service and
/// `aws4_request` in turn.
fn derive_signing_key(secret: &str, date: &str, region: &str, service: &str) -> [u8; 32] {
    let mut seed = ::std::vec::Vec::with_capacity(4 + secret.len());
    seed.extend_from_slice(b"AWS4");
    seed.extend_from_slice(secret.as_bytes());
    let k_date = hmac_sha256(&seed, date.as_bytes());
    let k_region = hmac_sha256(&k_date, region.as_bytes());
    let k_service = hmac_sha256(&k_region, service.as_bytes());
    hmac_sha256(&k_service, SCOPE_TERMINATOR.as_bytes())
}

/// Lower-case hex of `bytes`.
pub(crate) fn hex_lower(bytes: &[u8]) -> ::std::string::String {
    let mut out = ::std::string::String::with_capacity(bytes.len() * 2);
    for &b in bytes {
        out.push(char::from(HEX_LOWER[usize::from(b >> 4)]));
        out.push(char::from(HEX_LOWER[usize::from(b & 0x0f)]));
    }
    out
}

#[cfg(test)]
#[path = "tests/sigv4.rs"]
mod tests;
