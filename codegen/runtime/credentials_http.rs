//! What the network credential providers (instance metadata, container, STS, SSO) share: one
//! request through the [`HttpClient`] under a deadline that does not rely on the transport, a
//! response size cap, a few attempts for transient failures, the JSON and timestamp readers for
//! the credentials they return. Text a server sent is shown through `error.rs`'s
//! `escaped_prefix`, the escaping rule of every error message of the crate.
//!
//! Every response is treated as hostile: a body past [`MAX_RESPONSE`] bytes, malformed JSON, a
//! missing field or a server that stops answering becomes a [`CredentialsError`], never a
//! panic or a hang.

use ::std::future::Future;
use ::std::task::Poll;
use ::std::time::{Duration, SystemTime};

use super::config::RetryConfig;
use super::credentials::{Credentials, CredentialsError};
use super::error::{classify, escaped_prefix};
use super::http::{Body, HttpClient, HttpRequest, Timeouts, TransportErrorKind};
use super::retry::Jitter;

/// The largest response body a credential provider reads; credentials are a few KiB at most.
pub(crate) const MAX_RESPONSE: u64 = 64 * 1024;

/// The largest token file (web identity, container authorization, SSO cache) read.
pub(crate) const MAX_TOKEN_FILE: u64 = 64 * 1024;

/// How long a provider may take and how often it tries one request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Limits {
    /// The bound on one whole `provide_credentials` call, every request and retry included.
    pub total: Duration,
    /// The bound on one attempt of one request (connect, send, read the whole response).
    pub attempt: Duration,
    /// Attempts per request (at least 1).
    pub attempts: u32,
}

/// The limit setters of a provider that keeps its [`Limits`] in a `limits` field:
/// `with_timeout`, `with_attempt_timeout` and `with_attempts`, documented with the provider's
/// defaults (`total` and `attempt`, as text).
macro_rules! limit_setters {
    ($total:literal, $attempt:literal) => {
        #[doc = concat!(
            "Bounds the whole call (every request and retry) by `timeout`; ",
            $total,
            " by default."
        )]
        pub fn with_timeout(mut self, timeout: ::std::time::Duration) -> Self {
            self.limits.total = timeout;
            self
        }

        #[doc = concat!("Bounds each attempt of a request by `timeout`; ", $attempt, " by default.")]
        pub fn with_attempt_timeout(mut self, timeout: ::std::time::Duration) -> Self {
            self.limits.attempt = timeout;
            self
        }

        /// Tries each request up to `attempts` times (at least once); 3 by default.
        pub fn with_attempts(mut self, attempts: u32) -> Self {
            self.limits.attempts = attempts.max(1);
            self
        }
    };
}
pub(crate) use limit_setters;

/// A request whose body is in memory, so that it can be sent again.
#[derive(Debug, Clone)]
pub(crate) struct Request {
    pub method: &'static str,
    pub url: String,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

/// A whole response.
#[derive(Debug, Clone)]
pub(crate) struct Response {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Response {
    /// The first value of a header, matched case-insensitively.
    pub(crate) fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

/// Why no response came back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum FetchError {
    /// Nothing answered: the connection failed or timed out before a response head arrived.
    Unreachable(String),
    /// Something answered, but the response could not be read (broken, too slow).
    Failed(String),
    /// The response is larger than [`MAX_RESPONSE`]: not worth another attempt.
    TooLarge(String),
}

impl FetchError {
    pub(crate) fn message(&self) -> &str {
        match self {
            FetchError::Unreachable(m) | FetchError::Failed(m) | FetchError::TooLarge(m) => m,
        }
    }
}

/// Sends `request` once and reads the whole response, all within `timeout` (also passed to the
/// transport as its connect and read timeouts).
pub(crate) async fn fetch_once(
    http: &dyn HttpClient,
    request: &Request,
    timeout: Duration,
) -> Result<Response, FetchError> {
    let http_request = HttpRequest {
        method: request.method.to_owned(),
        url: request.url.clone(),
        headers: request.headers.clone(),
        body: Body::from(request.body.clone()),
    };
    let timeouts = Timeouts {
        connect: Some(timeout),
        read: Some(timeout),
    };
    let exchange = async {
        let response = http.send(http_request, timeouts).await.map_err(|e| {
            let message = format!("{} ({})", request.url, e);
            match e.kind() {
                TransportErrorKind::Connect | TransportErrorKind::Timeout => {
                    FetchError::Unreachable(message)
                }
                TransportErrorKind::Io | TransportErrorKind::Other => FetchError::Failed(message),
            }
        })?;
        let declared = response
            .header("content-length")
            .and_then(|v| v.trim().parse::<u64>().ok());
        if declared.is_some_and(|n| n > MAX_RESPONSE) {
            return Err(FetchError::TooLarge(format!(
                "{}: the response body is larger than {MAX_RESPONSE} bytes",
                request.url
            )));
        }
        let status = response.status;
        let headers = response.headers;
        let body = response
            .body
            .collect_limited(MAX_RESPONSE)
            .await
            .map_err(|e| {
                if super::body::is_too_large(&e) {
                    FetchError::TooLarge(format!(
                        "{}: the response body is larger than {MAX_RESPONSE} bytes",
                        request.url
                    ))
                } else {
                    FetchError::Failed(format!("{}: reading the response: {e}", request.url))
                }
            })?;
        Ok(Response {
            status,
            headers,
            body,
        })
    };
    match with_timeout(timeout, exchange).await {
        Some(result) => result,
        None => Err(FetchError::Unreachable(format!(
            "{}: no complete response within {} ms",
            request.url,
            timeout.as_millis()
        ))),
    }
}

/// The pause before each further attempt of a request: the standard retry mode's exponential
/// backoff with full jitter, from 50 ms up to 1 s.
const BACKOFF: RetryConfig = RetryConfig::standard()
    .with_initial_backoff(Duration::from_millis(50))
    .with_max_backoff(Duration::from_secs(1));

/// Sends `request` up to `limits.attempts` times, while a transport failure (but not an
/// oversize body) or a status that a call would retry (throttling, a server fault: `classify`)
/// comes back, with a short backoff ([`BACKOFF`]) in between. Returns the last outcome; any
/// other status is returned as it is, for the caller to read.
pub(crate) async fn fetch(
    http: &dyn HttpClient,
    request: &Request,
    limits: &Limits,
) -> Result<Response, FetchError> {
    let attempts = limits.attempts.max(1);
    let mut jitter = Jitter::seeded();
    let mut attempt = 1;
    loop {
        let outcome = fetch_once(http, request, limits.attempt).await;
        let retry = match &outcome {
            Ok(response) => classify(None, Some(response.status)).is_some(),
            Err(FetchError::TooLarge(_)) => false,
            Err(_) => true,
        };
        if !retry || attempt >= attempts {
            return outcome;
        }
        sleep(BACKOFF.backoff(attempt, jitter.next())).await;
        attempt += 1;
    }
}

/// Runs `future` to its end, unless `limit` passes first (then `None`). The deadline is kept by
/// the process's shared timer thread (`exec`), so it holds whatever the transport or the
/// executor, and costs no thread of its own.
pub(crate) async fn with_timeout<F: Future>(limit: Duration, future: F) -> Option<F::Output> {
    let mut future = ::std::pin::pin!(future);
    let mut timer = super::exec::timer(limit);
    ::std::future::poll_fn(|cx| {
        if let Poll::Ready(v) = future.as_mut().poll(cx) {
            return Poll::Ready(Some(v));
        }
        match timer.as_mut().poll(cx) {
            Poll::Ready(()) => Poll::Ready(None),
            Poll::Pending => Poll::Pending,
        }
    })
    .await
}

/// Completes after `duration`.
pub(crate) async fn sleep(duration: Duration) {
    super::exec::timer(duration).await;
}

/// A short excerpt of a response body for error messages: at most 200 characters of it, trimmed,
/// as [`escaped_prefix`] shows them (unlike an unhandled error's excerpt, markup is kept, so a
/// credentials error shows what the endpoint really answered).
pub(crate) fn excerpt(body: &[u8]) -> String {
    escaped_prefix(String::from_utf8_lossy(body).trim(), 200)
}

/// Whether a value can go into an HTTP header as it is: printable ASCII and spaces/tabs,
/// nothing that could end the header or start another.
pub(crate) fn is_header_safe(value: &str) -> bool {
    !value.is_empty()
        && value
            .bytes()
            .all(|b| b == b'\t' || (0x20..0x7f).contains(&b))
}

/// Reads a token file: a regular file (a directory or FIFO is refused before it is opened, so
/// nothing blocks), at most [`MAX_TOKEN_FILE`] bytes, UTF-8. Read anew on each call, as the
/// files are rotated under a running process.
pub(crate) fn read_token_file(path: &::std::path::Path) -> Result<String, String> {
    use ::std::io::Read as _;
    let shown = path.display();
    let metadata = ::std::fs::metadata(path).map_err(|e| format!("`{shown}`: {e}"))?;
    if !metadata.is_file() {
        return Err(format!("`{shown}` is not a regular file"));
    }
    let file = ::std::fs::File::open(path).map_err(|e| format!("`{shown}`: {e}"))?;
    let mut bytes = Vec::new();
    file.take(MAX_TOKEN_FILE + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| format!("`{shown}`: {e}"))?;
    if u64::try_from(bytes.len()).is_ok_and(|n| n > MAX_TOKEN_FILE) {
        return Err(format!("`{shown}` is larger than {MAX_TOKEN_FILE} bytes"));
    }
    String::from_utf8(bytes).map_err(|_| format!("`{shown}` is not UTF-8 text"))
}

/// Parses a JSON object, or says why not.
pub(crate) fn parse_json_object(
    body: &[u8],
) -> Result<::serde_json::Map<String, ::serde_json::Value>, String> {
    match ::serde_json::from_slice::<::serde_json::Value>(body) {
        Ok(::serde_json::Value::Object(map)) => Ok(map),
        Ok(_) => Err("the response is not a JSON object".into()),
        Err(e) => Err(format!("the response is not valid JSON ({e})")),
    }
}

/// A non-empty string member of a JSON object.
pub(crate) fn json_str<'a>(
    object: &'a ::serde_json::Map<String, ::serde_json::Value>,
    key: &str,
) -> Option<&'a str> {
    object
        .get(key)
        .and_then(::serde_json::Value::as_str)
        .filter(|s| !s.is_empty())
}

/// Credentials from their parts as a service returned them, checked: the key id, secret and
/// token must be non-empty and header-safe (the token is sent as a header, the others shape
/// the signature). `what` names the source in errors.
pub(crate) fn checked_credentials(
    what: &str,
    access_key_id: Option<&str>,
    secret_access_key: Option<&str>,
    session_token: Option<&str>,
    expiry: Option<SystemTime>,
) -> Result<Credentials, CredentialsError> {
    let field = |value: Option<&str>, name: &str| match value {
        Some(v) if is_header_safe(v) => Ok(v.to_owned()),
        Some(_) => Err(CredentialsError::provider_error(format!(
            "{what}: `{name}` holds characters that cannot be used"
        ))),
        None => Err(CredentialsError::provider_error(format!(
            "{what}: the response has no `{name}`"
        ))),
    };
    let id = field(access_key_id, "access key id")?;
    let secret = field(secret_access_key, "secret access key")?;
    let token = match session_token {
        Some(t) => Some(field(Some(t), "session token")?),
        None => None,
    };
    let credentials = Credentials::new(id, secret, token);
    Ok(match expiry {
        Some(e) => credentials.with_expiry(e),
        None => credentials,
    })
}

/// Parses an RFC 3339 timestamp such as `2024-05-17T15:09:54Z`, `2024-05-17T15:09:54.123Z` or
/// `2024-05-17T17:09:54+02:00`. Also takes a `UTC` suffix in place of `Z` (older AWS CLI SSO
/// caches write one). `None` for anything else.
pub(crate) fn parse_rfc3339(text: &str) -> Option<SystemTime> {
    let b = text.as_bytes();
    let num = |range: ::std::ops::Range<usize>| -> Option<i64> {
        let digits = b.get(range)?;
        if digits.is_empty() || !digits.iter().all(u8::is_ascii_digit) {
            return None;
        }
        ::std::str::from_utf8(digits).ok()?.parse().ok()
    };
    let year = num(0..4)?;
    let month = num(5..7)?;
    let day = num(8..10)?;
    let hour = num(11..13)?;
    let minute = num(14..16)?;
    let second = num(17..19)?;
    if b.get(4) != Some(&b'-')
        || b.get(7) != Some(&b'-')
        || !matches!(b.get(10), Some(b'T' | b't' | b' '))
        || b.get(13) != Some(&b':')
        || b.get(16) != Some(&b':')
    {
        return None;
    }
    let mut pos = 19;
    let mut nanos: u32 = 0;
    if b.get(pos) == Some(&b'.') {
        pos += 1;
        let start = pos;
        while b.get(pos).is_some_and(u8::is_ascii_digit) {
            if pos - start < 9 {
                nanos = nanos * 10 + u32::from(b[pos] - b'0');
            }
            pos += 1;
        }
        if pos == start {
            return None;
        }
        for _ in (pos - start)..9 {
            nanos *= 10;
        }
    }
    let offset = match text.get(pos..)? {
        "Z" | "z" | "UTC" => 0,
        rest if rest.len() == 6 && (rest.starts_with('+') || rest.starts_with('-')) => {
            let h = num(pos + 1..pos + 3)?;
            let m = num(pos + 4..pos + 6)?;
            if b.get(pos + 3) != Some(&b':') || h > 23 || m > 59 {
                return None;
            }
            let magnitude = h * 3600 + m * 60;
            if rest.starts_with('-') {
                -magnitude
            } else {
                magnitude
            }
        }
        _ => return None,
    };
    let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
    let month_days = [
        31,
        if leap { 29 } else { 28 },
        31,
        30,
        31,
        30,
        31,
        31,
        30,
        31,
        30,
        31,
    ];
    let max_day = *month_days.get(usize::try_from(month).ok()?.checked_sub(1)?)?;
    if day < 1 || day > max_day || hour > 23 || minute > 59 || second > 60 {
        return None;
    }
    // Days from 1970-01-01 to the date (the days-from-civil algorithm, March-based years).
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let year_of_era = y - era * 400;
    let month_index = (month + 9) % 12;
    let day_of_year = (153 * month_index + 2) / 5 + day - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    let days = era * 146_097 + day_of_era - 719_468;
    let secs = days * 86_400 + hour * 3600 + minute * 60 + second - offset;
    let base = if secs >= 0 {
        SystemTime::UNIX_EPOCH.checked_add(Duration::from_secs(secs.unsigned_abs()))?
    } else {
        SystemTime::UNIX_EPOCH.checked_sub(Duration::from_secs(secs.unsigned_abs()))?
    };
    base.checked_add(Duration::from_nanos(u64::from(nanos)))
}

/// The DNS suffix of a region's partition: `amazonaws.com`, or China's, or an isolated
/// partition's, judged from the region name.
pub(crate) fn dns_suffix(region: &str) -> &'static str {
    if region.starts_with("cn-") {
        "amazonaws.com.cn"
    } else if region.starts_with("us-isob-") {
        "sc2s.sgov.gov"
    } else if region.starts_with("us-isof-") {
        "csp.hci.ic.gov"
    } else if region.starts_with("us-iso-") {
        "c2s.ic.gov"
    } else if region.starts_with("eu-isoe-") {
        "cloud.adc-e.uk"
    } else {
        "amazonaws.com"
    }
}

/// Whether `region` can be put in a host name: letters, digits and `-`, not at either end.
pub(crate) fn is_valid_region(region: &str) -> bool {
    !region.is_empty()
        && region.len() <= 63
        && region
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !region.starts_with('-')
        && !region.ends_with('-')
}

/// A URL taken apart as far as the providers need: `scheme://authority/path?query`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Url {
    /// `http` or `https`, lowercased.
    pub scheme: String,
    /// The host and port exactly as written (for a `host` header).
    pub authority: String,
    /// The host, without the brackets of an IPv6 address, lowercased.
    pub host: String,
    /// The path and query, `/` when empty.
    pub path_and_query: String,
}

/// Parses an `http` or `https` URL with a host and no user info or fragment.
pub(crate) fn parse_url(url: &str) -> Result<Url, String> {
    let shown = escaped_prefix(url, 200);
    let (scheme, rest) = url
        .split_once("://")
        .ok_or_else(|| format!("`{shown}` is not an http or https URL"))?;
    let scheme = scheme.to_ascii_lowercase();
    if scheme != "http" && scheme != "https" {
        return Err(format!("`{shown}` is not an http or https URL"));
    }
    if !url.bytes().all(|b| (0x21..0x7f).contains(&b)) || url.contains('#') {
        return Err(format!("`{shown}` is not a valid URL"));
    }
    let split = rest.find(['/', '?']).unwrap_or(rest.len());
    let (authority, path) = rest.split_at(split);
    if authority.is_empty() || authority.contains('@') {
        return Err(format!("`{shown}` has no valid host"));
    }
    let host = if let Some(v6) = authority.strip_prefix('[') {
        let (host, after) = v6
            .split_once(']')
            .ok_or_else(|| format!("`{shown}` has no valid host"))?;
        if !(after.is_empty() || after.strip_prefix(':').is_some_and(is_port)) {
            return Err(format!("`{shown}` has no valid port"));
        }
        host.parse::<::std::net::Ipv6Addr>()
            .map_err(|_| format!("`{shown}` has no valid host"))?;
        host.to_ascii_lowercase()
    } else {
        let (host, port) = match authority.split_once(':') {
            Some((h, p)) => (h, Some(p)),
            None => (authority, None),
        };
        if port.is_some_and(|p| !is_port(p)) {
            return Err(format!("`{shown}` has no valid port"));
        }
        if host.is_empty()
            || !host
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'.')
        {
            return Err(format!("`{shown}` has no valid host"));
        }
        host.to_ascii_lowercase()
    };
    let path_and_query = if path.starts_with('/') {
        path.to_owned()
    } else {
        format!("/{path}")
    };
    Ok(Url {
        scheme,
        authority: authority.to_owned(),
        host,
        path_and_query,
    })
}

fn is_port(p: &str) -> bool {
    !p.is_empty()
        && p.len() <= 5
        && p.bytes().all(|b| b.is_ascii_digit())
        && p.parse::<u16>().is_ok()
}

/// An endpoint URL without its trailing `/`s, checked to be an http(s) URL.
pub(crate) fn checked_endpoint(endpoint: &str) -> Result<String, String> {
    let trimmed = endpoint.trim().trim_end_matches('/');
    parse_url(trimmed)?;
    Ok(trimmed.to_owned())
}

#[cfg(test)]
#[path = "tests/credentials_http.rs"]
pub(crate) mod tests;
