//! Tests of `credentials_http.rs`, compiled as its `tests` module; also the fake transport and
//! the mutation loop the network providers' tests share.

use super::super::exec::block_on;
use super::super::http::{HttpResponse, TransportError};
use super::super::protocol::percent_encode;
use super::*;
use ::std::sync::{Arc, Mutex};
use ::std::time::Instant;

/// The workspace's one test generator (`tests/src/rng.rs`), by a path relative to this file.
/// Each test file that uses it declares it: a golden compiles only some runtime files.
#[path = "../../../tests/src/rng.rs"]
#[allow(dead_code, clippy::duplicate_mod, reason = "one copy per test file")]
mod rng;
use rng::Rng;

/// One scripted answer of [`FakeHttp`].
#[derive(Debug, Clone)]
pub(crate) enum Answer {
    /// A response with these headers and body.
    Reply(u16, Vec<(String, String)>, Vec<u8>),
    /// A transport failure of this kind.
    Fail(TransportErrorKind),
    /// A future that never completes.
    Hang,
}

impl Answer {
    pub(crate) fn ok(body: &str) -> Answer {
        Answer::Reply(200, Vec::new(), body.as_bytes().to_vec())
    }
    pub(crate) fn status(status: u16, body: &str) -> Answer {
        Answer::Reply(status, Vec::new(), body.as_bytes().to_vec())
    }
}

/// A request as the fake transport saw it.
#[derive(Debug, Clone)]
pub(crate) struct Seen {
    pub method: String,
    pub url: String,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
    pub timeouts: Timeouts,
}

impl Seen {
    pub(crate) fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

/// A transport answering request `n` with `script[n]` (the last answer repeats), recording
/// every request.
#[derive(Debug, Default)]
pub(crate) struct FakeHttp {
    script: Vec<Answer>,
    seen: Mutex<Vec<Seen>>,
}

impl FakeHttp {
    pub(crate) fn new(script: Vec<Answer>) -> Arc<FakeHttp> {
        Arc::new(FakeHttp {
            script,
            seen: Mutex::new(Vec::new()),
        })
    }
    pub(crate) fn seen(&self) -> Vec<Seen> {
        self.seen.lock().unwrap().clone()
    }
}

impl HttpClient for FakeHttp {
    fn send(
        &self,
        request: HttpRequest,
        timeouts: Timeouts,
    ) -> super::super::http::BoxFuture<'_, Result<HttpResponse, TransportError>> {
        let index = {
            let mut seen = self.seen.lock().unwrap();
            seen.push(Seen {
                method: request.method.clone(),
                url: request.url.clone(),
                headers: request.headers.clone(),
                body: request.body.bytes().unwrap_or_default().to_vec(),
                timeouts,
            });
            seen.len() - 1
        };
        let answer = self.script[index.min(self.script.len() - 1)].clone();
        Box::pin(async move {
            match answer {
                Answer::Reply(status, headers, body) => Ok(HttpResponse {
                    status,
                    headers,
                    body: Body::from(body),
                }),
                Answer::Fail(kind) => Err(TransportError::new(kind, "scripted failure")),
                Answer::Hang => ::std::future::pending().await,
            }
        })
    }
}

/// Calls `check` on `iterations` mutations of each of `seeds` (fixed-seed xorshift: byte
/// changes, deletions, insertions of markup-significant bytes, duplications, truncations), and
/// on each seed itself.
pub(crate) fn mutations(seeds: &[&[u8]], iterations: usize, mut check: impl FnMut(&[u8])) {
    const TOKENS: &[&[u8]] = &[
        b"<",
        b">",
        b"</",
        b"/>",
        b"&",
        b"&#",
        b"&#x",
        b";",
        b"\"",
        b"{",
        b"}",
        b"[",
        b"]",
        b":",
        b",",
        b"\\",
        b"\\u",
        b"\\ud800",
        b"null",
        b"-1",
        b"1e999",
        b"99999999999999999999",
        b"\xff",
        b"\xc3",
        b"\0",
        b"\r\n",
        b"Z",
        b"T",
        b"+",
    ];
    let mut rng = Rng::new(0x9E37_79B9_7F4A_7C15);
    let mut next = move || rng.next_u64();
    for seed in seeds {
        check(seed);
        for _ in 0..iterations {
            let mut data = seed.to_vec();
            let edits = 1 + next() % 4;
            for _ in 0..edits {
                let len = data.len();
                let at = if len == 0 {
                    0
                } else {
                    usize::try_from(next() % len as u64).unwrap()
                };
                match next() % 6 {
                    0 if len > 0 => data[at] = next() as u8,
                    1 if len > 0 => {
                        let n = usize::try_from(next() % 16).unwrap().min(len - at);
                        data.drain(at..at + n);
                    }
                    2 => {
                        let token = TOKENS[usize::try_from(next() % TOKENS.len() as u64).unwrap()];
                        data.splice(at..at, token.iter().copied());
                    }
                    3 if len > 0 => {
                        let n = usize::try_from(next() % 64).unwrap().min(len - at);
                        let copy = data[at..at + n].to_vec();
                        data.splice(at..at, copy);
                    }
                    4 => data.truncate(at),
                    _ => data.insert(at.min(data.len()), next() as u8),
                }
            }
            check(&data);
        }
    }
}

fn secs(t: SystemTime) -> i64 {
    match t.duration_since(SystemTime::UNIX_EPOCH) {
        Ok(d) => i64::try_from(d.as_secs()).unwrap(),
        Err(e) => -i64::try_from(e.duration().as_secs()).unwrap(),
    }
}

#[test]
fn rfc3339_known_instants() {
    let cases = [
        ("1970-01-01T00:00:00Z", 0),
        ("2017-05-17T15:09:54Z", 1_495_033_794),
        ("2017-05-17T15:09:54.123Z", 1_495_033_794),
        ("2017-05-17T17:09:54+02:00", 1_495_033_794),
        ("2017-05-17T10:09:54-05:00", 1_495_033_794),
        ("2019-11-14T04:05:45UTC", 1_573_704_345),
        ("2000-02-29T00:00:00Z", 951_782_400),
        ("1969-12-31T23:59:59Z", -1),
        ("2100-03-01T00:00:00Z", 4_107_542_400),
    ];
    for (text, want) in cases {
        let got = parse_rfc3339(text).unwrap_or_else(|| panic!("{text} parses"));
        assert_eq!(secs(got), want, "{text}");
    }
    let with_fraction = parse_rfc3339("2017-05-17T15:09:54.5Z").unwrap();
    assert_eq!(
        with_fraction
            .duration_since(SystemTime::UNIX_EPOCH)
            .unwrap()
            .subsec_millis(),
        500
    );
}

#[test]
fn rfc3339_rejects_malformed() {
    for text in [
        "",
        "2017-05-17",
        "2017-05-17T15:09:54",
        "2017-05-17T15:09:54ZZ",
        "2017-02-30T00:00:00Z",
        "2019-02-29T00:00:00Z",
        "2017-13-01T00:00:00Z",
        "2017-05-17T24:00:00Z",
        "2017-05-17T15:60:00Z",
        "2017-05-17T15:09:54.Z",
        "2017-05-17T15:09:54+2:00",
        "2017-05-17T15:09:54+24:00",
        "+017-05-17T15:09:54Z",
        "2017-05-17X15:09:54Z",
        "2017-5-17T15:09:54Z",
        "２017-05-17T15:09:54Z",
    ] {
        assert_eq!(parse_rfc3339(text), None, "{text:?}");
    }
}

#[test]
fn rfc3339_never_panics_on_mutations() {
    mutations(
        &[
            b"2017-05-17T15:09:54.123456789123+02:00",
            b"2019-11-14T04:05:45UTC",
        ],
        3000,
        |bytes| {
            if let Ok(text) = ::std::str::from_utf8(bytes) {
                let _ = parse_rfc3339(text);
            }
        },
    );
}

#[test]
fn header_safety() {
    assert!(is_header_safe("abc/+= XYZ"));
    assert!(!is_header_safe(""));
    assert!(!is_header_safe("a\r\nx-injected: 1"));
    assert!(!is_header_safe("a\0"));
    assert!(!is_header_safe("é"));
}

#[test]
fn percent_encoding() {
    assert_eq!(percent_encode("aZ09-_.~", false), "aZ09-_.~");
    assert_eq!(
        percent_encode("arn:aws:iam::1:role/x y+é", false),
        "arn%3Aaws%3Aiam%3A%3A1%3Arole%2Fx%20y%2B%C3%A9"
    );
}

#[test]
fn urls() {
    let u = parse_url("http://127.0.0.1:8080/creds?x=1").unwrap();
    assert_eq!(
        (
            u.scheme.as_str(),
            u.authority.as_str(),
            u.host.as_str(),
            u.path_and_query.as_str()
        ),
        ("http", "127.0.0.1:8080", "127.0.0.1", "/creds?x=1")
    );
    let u = parse_url("HTTPS://Sts.Example.COM").unwrap();
    assert_eq!(
        (u.scheme.as_str(), u.host.as_str()),
        ("https", "sts.example.com")
    );
    assert_eq!(u.path_and_query, "/");
    let u = parse_url("http://[FD00:EC2::23]:80/v1").unwrap();
    assert_eq!(u.host, "fd00:ec2::23");
    for bad in [
        "ftp://x",
        "x",
        "http://",
        "http://user@host/",
        "http://host:99999/",
        "http://host:/",
        "http://[::1/",
        "http://[zz]/",
        "http://ho st/",
        "http://host/a b",
        "http://host/#frag",
        "http://host\r\n/",
        "http://exa_mple.com/",
    ] {
        assert!(parse_url(bad).is_err(), "{bad:?}");
    }
    assert_eq!(
        checked_endpoint(" http://169.254.169.254/ ").unwrap(),
        "http://169.254.169.254"
    );
}

#[test]
fn urls_never_panic_on_mutations() {
    mutations(
        &[
            b"http://[fd00:ec2::23]:80/v1?a=b",
            b"https://user@host:443/path",
        ],
        3000,
        |bytes| {
            if let Ok(text) = ::std::str::from_utf8(bytes) {
                let _ = parse_url(text);
            }
        },
    );
}

#[test]
fn dns_suffixes_and_regions() {
    assert_eq!(dns_suffix("us-east-1"), "amazonaws.com");
    assert_eq!(dns_suffix("us-gov-west-1"), "amazonaws.com");
    assert_eq!(dns_suffix("cn-north-1"), "amazonaws.com.cn");
    assert_eq!(dns_suffix("us-iso-east-1"), "c2s.ic.gov");
    assert_eq!(dns_suffix("us-isob-east-1"), "sc2s.sgov.gov");
    assert!(is_valid_region("eu-west-3"));
    for bad in ["", "a/b c", "-x", "x-", "US-EAST-1", "é"] {
        assert!(!is_valid_region(bad), "{bad:?}");
    }
}

#[test]
fn token_files() {
    let dir = ::std::env::temp_dir().join(format!("credsnet-token-{}", ::std::process::id()));
    ::std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("token");
    ::std::fs::write(&file, "abc\n").unwrap();
    assert_eq!(read_token_file(&file).unwrap(), "abc\n");
    assert!(
        read_token_file(&dir)
            .unwrap_err()
            .contains("not a regular file")
    );
    assert!(read_token_file(&dir.join("missing")).is_err());
    ::std::fs::write(
        &file,
        vec![b'a'; usize::try_from(MAX_TOKEN_FILE).unwrap() + 1],
    )
    .unwrap();
    assert!(read_token_file(&file).unwrap_err().contains("larger than"));
    ::std::fs::write(&file, b"\xff\xfe").unwrap();
    assert!(read_token_file(&file).unwrap_err().contains("UTF-8"));
    let _ = ::std::fs::remove_dir_all(&dir);
}

#[test]
fn credentials_are_checked() {
    let c = checked_credentials("t", Some("AKID"), Some("secret"), Some("tok"), None).unwrap();
    assert_eq!(c.session_token(), Some("tok"));
    let e = checked_credentials("t", Some("AKID"), None, None, None).unwrap_err();
    assert!(!e.is_not_loaded());
    assert!(e.message().contains("secret access key"), "{}", e.message());
    let e = checked_credentials("t", Some("AKID"), Some("s"), Some("a\nb"), None).unwrap_err();
    assert!(e.message().contains("session token"), "{}", e.message());
}

const LIMITS: Limits = Limits {
    total: Duration::from_secs(5),
    attempt: Duration::from_millis(200),
    attempts: 3,
};

fn get(url: &str) -> Request {
    Request {
        method: "GET",
        url: url.into(),
        headers: Vec::new(),
        body: Vec::new(),
    }
}

#[test]
fn fetch_retries_transient_failures_then_answers() {
    let http = FakeHttp::new(vec![
        Answer::Fail(TransportErrorKind::Connect),
        Answer::status(503, "busy"),
        Answer::ok("done"),
    ]);
    let response = block_on(fetch(&*http, &get("http://x/"), &LIMITS)).unwrap();
    assert_eq!(response.body, b"done");
    let seen = http.seen();
    assert_eq!(seen.len(), 3);
    assert_eq!(seen[0].timeouts.read, Some(Duration::from_millis(200)));
}

#[test]
fn fetch_stops_after_its_attempts_and_on_client_errors() {
    let http = FakeHttp::new(vec![Answer::status(500, "no")]);
    let response = block_on(fetch(&*http, &get("http://x/"), &LIMITS)).unwrap();
    assert_eq!(response.status, 500);
    assert_eq!(http.seen().len(), 3);
    let http = FakeHttp::new(vec![Answer::status(404, "no")]);
    assert_eq!(
        block_on(fetch(&*http, &get("http://x/"), &LIMITS))
            .unwrap()
            .status,
        404
    );
    assert_eq!(http.seen().len(), 1);
    let http = FakeHttp::new(vec![Answer::Fail(TransportErrorKind::Timeout)]);
    let error = block_on(fetch(&*http, &get("http://x/"), &LIMITS)).unwrap_err();
    assert!(matches!(error, FetchError::Unreachable(_)), "{error:?}");
}

#[test]
fn fetch_refuses_large_bodies() {
    let big = vec![b'x'; usize::try_from(MAX_RESPONSE).unwrap() + 1];
    let http = FakeHttp::new(vec![Answer::Reply(200, Vec::new(), big)]);
    let error = block_on(fetch(&*http, &get("http://x/"), &LIMITS)).unwrap_err();
    assert!(error.message().contains("larger than"), "{error:?}");
    assert_eq!(http.seen().len(), 1, "not retried");
    let http = FakeHttp::new(vec![Answer::Reply(
        200,
        vec![("Content-Length".into(), "100000000".into())],
        Vec::new(),
    )]);
    let error = block_on(fetch(&*http, &get("http://x/"), &LIMITS)).unwrap_err();
    assert!(error.message().contains("larger than"), "{error:?}");
}

#[test]
fn a_hanging_transport_is_cut_off_by_the_deadline() {
    let http = FakeHttp::new(vec![Answer::Hang]);
    let start = Instant::now();
    let error = block_on(fetch(&*http, &get("http://x/"), &LIMITS)).unwrap_err();
    let elapsed = start.elapsed();
    assert!(matches!(error, FetchError::Unreachable(_)), "{error:?}");
    assert_eq!(http.seen().len(), 3);
    assert!(elapsed >= Duration::from_millis(600), "{elapsed:?}");
    assert!(elapsed < Duration::from_secs(3), "{elapsed:?}");
}

#[test]
fn with_timeout_returns_early_results_and_cuts_late_ones() {
    assert_eq!(
        block_on(with_timeout(Duration::from_secs(10), async { 7 })),
        Some(7)
    );
    let start = Instant::now();
    let never = block_on(with_timeout(
        Duration::from_millis(50),
        ::std::future::pending::<()>(),
    ));
    assert_eq!(never, None);
    assert!(start.elapsed() < Duration::from_secs(2));
}
