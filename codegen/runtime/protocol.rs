//! Request and response plumbing every protocol shares: the pieces of a request before
//! signing, header checks, host prefixes, idempotency tokens, number text and error metadata.

/// A serialized request, before the endpoint, signing and transport.
#[derive(Debug)]
pub(crate) struct RequestParts {
    /// The expanded `@endpoint` host prefix (e.g. `abc.data.`), or empty.
    pub host_prefix: ::std::string::String,
    /// An endpoint URL the input carries, which replaces the resolved one (Machine Learning's
    /// `Predict` is sent to its `PredictEndpoint`).
    pub endpoint: ::std::option::Option<::std::string::String>,
    /// The method.
    pub method: &'static str,
    /// The encoded path, starting with `/`.
    pub path: ::std::string::String,
    /// The encoded query string, without `?` (may be empty).
    pub query: ::std::string::String,
    /// Headers from the input's `@httpHeader` members and the body's content type.
    pub headers: ::std::vec::Vec<(::std::string::String, ::std::string::String)>,
    /// The body ([`super::http::Body::empty`] for none).
    pub body: super::http::Body,
}

/// Percent-encodes every byte except the unreserved `A-Z a-z 0-9 - . _ ~` (and `/` when
/// `keep_slash`, for greedy labels).
pub(crate) fn percent_encode(value: &str, keep_slash: bool) -> ::std::string::String {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    let mut out = ::std::string::String::with_capacity(value.len());
    for b in value.bytes() {
        let keep = b.is_ascii_alphanumeric()
            || matches!(b, b'-' | b'.' | b'_' | b'~')
            || (keep_slash && b == b'/');
        if keep {
            out.push(char::from(b));
        } else {
            out.push('%');
            out.push(char::from(HEX[usize::from(b >> 4)]));
            out.push(char::from(HEX[usize::from(b & 15)]));
        }
    }
    out
}

/// Appends `key=value` to a query string, both encoded.
pub(crate) fn push_query(query: &mut ::std::string::String, key: &str, value: &str) {
    if !query.is_empty() {
        query.push('&');
    }
    query.push_str(&percent_encode(key, false));
    query.push('=');
    query.push_str(&percent_encode(value, false));
}

/// Checks the serialized headers before anything is signed or sent. A name that is not an
/// HTTP token, or a value with a control character (a line break would let a member's value
/// start a header of its own), is an error naming the header.
pub(crate) fn check_headers(
    headers: &[(::std::string::String, ::std::string::String)],
) -> ::std::result::Result<(), ::std::string::String> {
    for (name, value) in headers {
        let token = !name.is_empty()
            && name
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b));
        if !token {
            return Err(format!(
                "the header name {name:?} is not a valid HTTP header name"
            ));
        }
        if value.chars().any(|c| c.is_control() && c != '\t') {
            return Err(format!(
                "the value of header `{name}` contains a control character, which HTTP cannot carry"
            ));
        }
    }
    Ok(())
}

/// Appends a `@hostLabel` member's value to an `@endpoint` host prefix. The value must be one
/// or more valid DNS labels (letters, digits and `-`, 1 to 63 each, not starting or ending with
/// `-`, separated by `.`), so the request cannot be sent to some other host.
pub(crate) fn push_host_label(
    prefix: &mut ::std::string::String,
    member: &str,
    value: &str,
) -> ::std::result::Result<(), ::std::string::String> {
    let valid_label = |l: &str| {
        (1..=63).contains(&l.len())
            && l.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
            && !l.starts_with('-')
            && !l.ends_with('-')
    };
    if value.is_empty() || !value.split('.').all(valid_label) {
        return Err(format!(
            "the host label `{member}` ({value:?}) is not a valid host name part; it is required to form the endpoint"
        ));
    }
    prefix.push_str(value);
    Ok(())
}

/// Puts an `@endpoint` host prefix in front of the host of a base URL
/// (`https://x.amazonaws.com` + `data.` → `https://data.x.amazonaws.com`).
pub(crate) fn prefix_host(base: &str, prefix: &str) -> ::std::string::String {
    match base.find("://") {
        Some(i) => format!("{}{prefix}{}", &base[..i + 3], &base[i + 3..]),
        None => format!("{prefix}{base}"),
    }
}

/// A float as a label, query or header value: `NaN`, `Infinity` and `-Infinity` by name, and
/// otherwise the shortest text that reads back as the same value of its own width (an `f32`
/// `1.1` is `1.1`, not the `1.100000023841858` of its `f64` widening).
pub(crate) fn float_param<F>(value: F) -> ::std::string::String
where
    F: Copy + ::std::fmt::Display + ::std::convert::Into<f64>,
{
    let wide: f64 = value.into();
    if wide.is_nan() {
        "NaN".into()
    } else if wide.is_infinite() {
        if wide > 0.0 {
            "Infinity".into()
        } else {
            "-Infinity".into()
        }
    } else {
        value.to_string()
    }
}

/// Parses a float from a header, accepting `NaN`, `Infinity` and `-Infinity`.
pub(crate) fn parse_float(text: &str) -> ::std::result::Result<f64, ::std::string::String> {
    match text.trim() {
        "NaN" => Ok(f64::NAN),
        "Infinity" => Ok(f64::INFINITY),
        "-Infinity" => Ok(f64::NEG_INFINITY),
        other => other.parse::<f64>().map_err(|e| e.to_string()),
    }
}

/// A random UUID v4 for an unset `@idempotencyToken` member.
pub(crate) fn idempotency_token() -> ::std::string::String {
    use ::std::hash::{BuildHasher as _, Hasher as _};
    let mut bytes = [0u8; 16];
    for (i, chunk) in bytes.chunks_mut(8).enumerate() {
        let mut h = ::std::collections::hash_map::RandomState::new().build_hasher();
        h.write_usize(i);
        let nanos = ::std::time::SystemTime::now()
            .duration_since(::std::time::UNIX_EPOCH)
            .map(|d| d.as_nanos())
            .unwrap_or(0);
        h.write_u128(nanos);
        chunk.copy_from_slice(&h.finish().to_le_bytes());
    }
    bytes[6] = (bytes[6] & 0x0f) | 0x40;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    let hex: ::std::string::String = bytes.iter().map(|b| format!("{b:02x}")).collect();
    format!(
        "{}-{}-{}-{}-{}",
        &hex[0..8],
        &hex[8..12],
        &hex[12..16],
        &hex[16..20],
        &hex[20..32]
    )
}

/// What an error response says about itself.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct ErrorMeta {
    /// The sanitized error code.
    pub code: ::std::option::Option<::std::string::String>,
    /// The message, from `message` or `Message`.
    pub message: ::std::option::Option<::std::string::String>,
    /// The request id.
    pub request_id: ::std::option::Option<::std::string::String>,
}

impl ErrorMeta {
    /// What an error `response` that matches no modeled error said.
    pub(crate) fn into_unhandled(
        self,
        response: &super::http::HttpResponse,
    ) -> super::error::Unhandled {
        let mut unhandled = unhandled(response);
        if let Some(code) = self.code {
            unhandled = unhandled.with_code(code);
        }
        if let Some(message) = self.message {
            unhandled = unhandled.with_message(message);
        }
        if let Some(id) = self.request_id {
            unhandled = unhandled.with_request_id(id);
        }
        unhandled
    }
}

/// Cuts a raw error type to its shape name: everything from the first `:` goes, then only what
/// follows the first `#` stays (`aws.gamesparks#ValidationException:http://…` → `ValidationException`).
pub(crate) fn sanitize_error_code(raw: &str) -> &str {
    let raw = raw.split(':').next().unwrap_or(raw);
    let raw = raw.split_once('#').map_or(raw, |(_, name)| name);
    raw.trim()
}

/// Whether a response status means success: the modeled `code`, or any other 2xx, as AWS SDKs
/// accept.
pub(crate) fn is_success(status: u16, code: u16) -> bool {
    status == code || (200..300).contains(&status)
}

/// The body of a response read into memory; a body still streaming reads as empty.
pub(crate) fn body_bytes(response: &super::http::HttpResponse) -> &[u8] {
    response.body.bytes().unwrap_or_default()
}

/// The request id header AWS services send.
pub(crate) fn request_id(
    response: &super::http::HttpResponse,
) -> ::std::option::Option<::std::string::String> {
    response
        .header("x-amzn-requestid")
        .or_else(|| response.header("x-amz-request-id"))
        .map(str::to_string)
}

/// The start of an `Unhandled` error for a response: its status, content type and body excerpt.
/// The operation's error parser adds the code, message and request id it finds.
pub(crate) fn unhandled(response: &super::http::HttpResponse) -> super::error::Unhandled {
    let mut unhandled = super::error::Unhandled::new()
        .with_status(response.status)
        .with_body(body_bytes(response));
    if let Some(content_type) = response.header("content-type") {
        unhandled = unhandled.with_content_type(content_type);
    }
    unhandled
}

#[cfg(test)]
#[path = "tests/protocol.rs"]
mod tests;
