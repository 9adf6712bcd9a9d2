//! The test file around the cases: a recording `HttpClient`, URL and header helpers, and the
//! body comparisons of `bodies.rs`, written into the file as they are.

/// The test file: the harness (a recording `HttpClient`) and one test per case; with the
/// 1-based line range of each test, to pin compiler errors on their tests.
pub fn test_file(krate: &str, tests: &[(String, String)]) -> (String, Vec<(usize, usize)>) {
    let mut out = HARNESS.replace("KRATE", krate);
    out.push('\n');
    out.push_str(BODIES);
    let mut ranges = Vec::new();
    for (name, body) in tests {
        let start = out.lines().count() + 2;
        out.push_str(&format!("\n#[test]\nfn {name}() {{\n{body}}}\n"));
        ranges.push((start, out.lines().count()));
    }
    (out, ranges)
}

/// Std-only Rust, so the test needs no dev-dependency.
const BODIES: &str = include_str!("bodies.rs");

const HARNESS: &str = r#"//! Smithy HTTP protocol compliance cases, written by `cargo xtask protocol-tests`.
#![allow(clippy::all, unused)]

#[derive(Debug, Clone)]
struct Sent {
    method: String,
    url: String,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
}

/// Keeps every request and answers `200 {}`.
#[derive(Debug, Clone, Default)]
struct Recorder(std::sync::Arc<std::sync::Mutex<Vec<Sent>>>);

impl KRATE::http::HttpClient for Recorder {
    fn send(
        &self,
        request: KRATE::http::HttpRequest,
        _timeouts: KRATE::http::Timeouts,
    ) -> KRATE::http::BoxFuture<'_, Result<KRATE::http::HttpResponse, KRATE::http::TransportError>> {
        let mut headers = request.headers;
        let length = request.body.content_length();
        let mut body = Vec::new();
        match request.body.bytes() {
            Some(b) => body.extend_from_slice(b),
            None => {
                let _ = std::io::Read::read_to_end(&mut request.body.into_reader(), &mut body);
            }
        }
        // What the crate's own transport (`rt/blocking_transport.rs`) adds on the wire: a
        // `content-length` for a body of known length; an empty body is sent only by
        // POST, PUT and PATCH.
        let sends_empty = matches!(request.method.as_str(), "POST" | "PUT" | "PATCH");
        if !headers.iter().any(|(n, _)| n.eq_ignore_ascii_case("content-length"))
            && (!body.is_empty() || sends_empty)
            && let Some(length) = length.or(Some(body.len() as u64))
        {
            headers.push(("content-length".into(), length.to_string()));
        }
        self.0.lock().unwrap().push(Sent {
            method: request.method,
            url: request.url,
            headers,
            body,
        });
        Box::pin(async { Ok(KRATE::http::HttpResponse::new(200, "{}")) })
    }
}

impl Recorder {
    fn client(&self, endpoint: &str, region: &str) -> KRATE::Client {
        KRATE::Client::new(
            KRATE::Config::builder()
                .region(region)
                .endpoint_url(endpoint)
                .credentials(KRATE::config::Credentials::new("AKID", "SECRET", None))
                .retry_config(KRATE::config::RetryConfig::disabled())
                .http_client(self.clone())
                // As the official clients' harnesses do: cases expect this token.
                .idempotency_token_provider("00000000-0000-4000-8000-000000000000")
                .ignore_environment()
                .build(),
        )
    }

    fn request(&self) -> Sent {
        let sent = self.0.lock().unwrap();
        assert_eq!(sent.len(), 1, "one request: {sent:#?}");
        sent[0].clone()
    }
}

fn run<F: std::future::Future>(future: F) -> F::Output {
    KRATE::http::block_on(future)
}

fn after_scheme(url: &str) -> &str {
    url.split_once("://").map_or(url, |(_, rest)| rest)
}

fn host(url: &str) -> &str {
    let rest = after_scheme(url);
    &rest[..rest.find(['/', '?']).unwrap_or(rest.len())]
}

fn path(url: &str) -> &str {
    let rest = after_scheme(url);
    let rest = &rest[rest.find('/').unwrap_or(rest.len())..];
    rest.split_once('?').map_or(rest, |(p, _)| p)
}

fn decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            let hex = std::str::from_utf8(&bytes[i + 1..i + 3]).unwrap_or("");
            if let Ok(b) = u8::from_str_radix(hex, 16) {
                out.push(b);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn query_pairs(url: &str) -> Vec<(String, String)> {
    let query = url.split_once('?').map_or("", |(_, q)| q);
    query
        .split('&')
        .filter(|p| !p.is_empty())
        .map(|p| {
            let (k, v) = p.split_once('=').unwrap_or((p, ""));
            (decode(k), decode(v))
        })
        .collect()
}

fn query_keys(url: &str) -> Vec<String> {
    query_pairs(url).into_iter().map(|(k, _)| k).collect()
}

fn assert_query_has(url: &str, expected: &str) {
    let (k, v) = expected.split_once('=').unwrap_or((expected, ""));
    let pair = (decode(k), decode(v));
    assert!(query_pairs(url).contains(&pair), "query lacks {expected}: {url}");
}

fn header(headers: &[(String, String)], name: &str) -> Option<String> {
    let values: Vec<&str> = headers
        .iter()
        .filter(|(n, _)| n.eq_ignore_ascii_case(name))
        .map(|(_, v)| v.as_str())
        .collect();
    if values.is_empty() { None } else { Some(values.join(", ")) }
}
"#;
