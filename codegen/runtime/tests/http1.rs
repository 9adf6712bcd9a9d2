//! Tests of `http1.rs`, compiled as its `tests` module.

use super::*;
use ::std::io::Read;

fn target(url: &str) -> Target {
    Target::parse(url).unwrap_or_else(|e| panic!("{url}: {e}"))
}

#[test]
fn urls_are_taken_apart() {
    let t = target("https://Example.com/a/b?c=d#frag");
    assert_eq!(
        (t.tls, t.host.as_str(), t.port, t.path.as_str()),
        (true, "example.com", 443, "/a/b?c=d")
    );
    assert_eq!(t.authority(), "example.com");
    let t = target("http://127.0.0.1:8080");
    assert_eq!((t.tls, t.port, t.path.as_str()), (false, 8080, "/"));
    assert_eq!(t.authority(), "127.0.0.1:8080");
    let t = target("http://host?x=1");
    assert_eq!(t.path, "/?x=1");
    let t = target("https://[::1]:9000/p");
    assert_eq!(
        (t.host.as_str(), t.bare_host(), t.port),
        ("[::1]", "::1", 9000)
    );
    assert_eq!(t.authority(), "[::1]:9000");
    let t = target("https://host:443/");
    assert_eq!(t.authority(), "host");
    assert_eq!(target("HTTP://h:/").port, 80);
}

#[test]
fn bad_urls_are_refused() {
    for url in [
        "ftp://host/",
        "host/path",
        "https://",
        "https:///path",
        "https://user:pw@host/",
        "https://host:99999/",
        "https://host:port/",
        "https://ho st/",
        "https://host/a b",
        "https://host/a\r\nx: y",
        "https://[::1/",
        "https://[::1]x/",
    ] {
        assert!(Target::parse(url).is_err(), "{url} was accepted");
    }
}

#[test]
fn request_heads_are_written_and_injection_refused() {
    let headers = vec![
        ("host".to_string(), "h".to_string()),
        ("x-a".to_string(), "1 2".to_string()),
    ];
    let mut out = Vec::new();
    write_head(&mut out, "GET", "/p?q", &headers).expect("head");
    assert_eq!(out, b"GET /p?q HTTP/1.1\r\nhost: h\r\nx-a: 1 2\r\n\r\n");
    let evil = vec![("x".to_string(), "a\r\nGET / HTTP/1.1".to_string())];
    assert!(write_head(&mut Vec::new(), "GET", "/", &evil).is_err());
    let bad_name = vec![("x y".to_string(), "a".to_string())];
    assert!(write_head(&mut Vec::new(), "GET", "/", &bad_name).is_err());
    assert!(write_head(&mut Vec::new(), "GE T", "/", &[]).is_err());
    assert!(write_head(&mut Vec::new(), "", "/", &[]).is_err());
}

pub(crate) fn head(bytes: &[u8]) -> ::std::io::Result<Head> {
    read_response_head(&mut &bytes[..])
}

#[test]
fn response_heads_are_read() {
    let h = head(b"HTTP/1.1 200 OK\r\nContent-Type: a/b\r\nX-Empty:\r\nX-Pad: \t v \t\r\n\r\nbody")
        .expect("head");
    assert_eq!(h.status, 200);
    assert!(h.http11 && h.keeps_alive());
    assert_eq!(
        h.headers,
        vec![
            ("Content-Type".to_string(), "a/b".to_string()),
            ("X-Empty".to_string(), String::new()),
            ("X-Pad".to_string(), "v".to_string()),
        ]
    );
    // Bare line feeds, a reason-less status line, a folded value, leading empty lines.
    let h = head(b"\r\nHTTP/1.0 404\nA: 1\n  2\n\n").expect("head");
    assert_eq!((h.status, h.http11), (404, false));
    assert!(!h.keeps_alive());
    assert_eq!(h.headers, vec![("A".to_string(), "1 2".to_string())]);
    let h = head(b"HTTP/1.1 500 x\r\nConnection: keep-alive, Close\r\n\r\n").expect("head");
    assert!(!h.keeps_alive());
    // Non-UTF-8 values are read lossily rather than refused.
    let h = head(b"HTTP/1.1 200 OK\r\nX: \xff\r\n\r\n").expect("head");
    assert_eq!(h.headers[0].1, "\u{fffd}");
}

#[test]
fn interim_responses_are_skipped() {
    let h = head(b"HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 103 Early\r\nLink: x\r\n\r\nHTTP/1.1 201 Created\r\n\r\n")
        .expect("head");
    assert_eq!(h.status, 201);
    assert!(h.headers.is_empty());
    let many = b"HTTP/1.1 100 Continue\r\n\r\n".repeat(MAX_INTERIM + 1);
    assert_eq!(
        head(&many).map_err(|e| e.kind()).err(),
        Some(ErrorKind::InvalidData)
    );
    let switched = head(b"HTTP/1.1 101 Switching\r\n\r\n");
    assert_eq!(
        switched.map_err(|e| e.kind()).err(),
        Some(ErrorKind::InvalidData)
    );
}

#[test]
fn malformed_and_truncated_heads_are_errors() {
    let cases: &[(&[u8], ErrorKind)] = &[
        (b"", ErrorKind::UnexpectedEof),
        (b"\r\n\r\n", ErrorKind::UnexpectedEof),
        (b"HTTP/1.1 200 OK\r\nA: 1\r\n", ErrorKind::UnexpectedEof),
        (b"HTTP/1.1 200 OK", ErrorKind::UnexpectedEof),
        (b"HTTP/2 200 OK\r\n\r\n", ErrorKind::InvalidData),
        (b"HTTP/1.1 20 OK\r\n\r\n", ErrorKind::InvalidData),
        (b"HTTP/1.1 2000 OK\r\n\r\n", ErrorKind::InvalidData),
        (b"HTTP/1.1 099 OK\r\n\r\n", ErrorKind::InvalidData),
        (b"HTTP/1.1 abc OK\r\n\r\n", ErrorKind::InvalidData),
        (b"SSH-2.0-OpenSSH\r\n\r\n", ErrorKind::InvalidData),
        (
            b"HTTP/1.1 200 OK\r\nno colon\r\n\r\n",
            ErrorKind::InvalidData,
        ),
        (
            b"HTTP/1.1 200 OK\r\nbad name: 1\r\n\r\n",
            ErrorKind::InvalidData,
        ),
        (b"HTTP/1.1 200 OK\r\n: 1\r\n\r\n", ErrorKind::InvalidData),
        (
            b"HTTP/1.1 200 OK\r\n folded first\r\n\r\n",
            ErrorKind::InvalidData,
        ),
    ];
    for (bytes, kind) in cases {
        let result = head(bytes);
        assert_eq!(
            result.as_ref().map_err(|e| e.kind()).err(),
            Some(*kind),
            "{:?}: {result:?}",
            String::from_utf8_lossy(bytes)
        );
    }
}

#[test]
fn only_a_connection_that_ends_before_any_byte_is_no_response() {
    let none = head(b"").expect_err("no response");
    assert!(is_no_response(&none), "{none}");
    for partial in [
        &b"H"[..],
        b"HTTP/1.1 200 OK\r\n",
        b"HTTP/1.1 100 Continue\r\n\r\n",
        b"\r\n",
    ] {
        let error = head(partial).expect_err("truncated");
        assert_eq!(error.kind(), ErrorKind::UnexpectedEof);
        assert!(
            !is_no_response(&error),
            "{:?}",
            String::from_utf8_lossy(partial)
        );
    }
    // A reset before any byte counts too; other errors do not.
    struct Failing(ErrorKind);
    impl Read for Failing {
        fn read(&mut self, _: &mut [u8]) -> ::std::io::Result<usize> {
            Err(self.0.into())
        }
    }
    let reset = read_response_head(&mut ::std::io::BufReader::new(Failing(
        ErrorKind::ConnectionReset,
    )));
    assert!(reset.is_err_and(|e| is_no_response(&e)));
    let timeout = read_response_head(&mut ::std::io::BufReader::new(Failing(ErrorKind::TimedOut)));
    assert!(timeout.is_err_and(|e| e.kind() == ErrorKind::TimedOut && !is_no_response(&e)));
}

#[test]
fn both_framing_headers_end_reuse() {
    let h = head(b"HTTP/1.1 200 OK\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n")
        .expect("head");
    assert!(!h.keeps_alive());
    let h = head(b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n").expect("head");
    assert!(h.keeps_alive());
}

#[test]
fn heads_are_bounded() {
    let mut long = b"HTTP/1.1 200 OK\r\nX: ".to_vec();
    long.extend(std::iter::repeat_n(b'a', MAX_HEAD));
    long.extend_from_slice(b"\r\n\r\n");
    assert_eq!(
        head(&long).map_err(|e| e.kind()).err(),
        Some(ErrorKind::InvalidData)
    );
    let mut many = b"HTTP/1.1 200 OK\r\n".to_vec();
    for _ in 0..=MAX_HEADERS {
        many.extend_from_slice(b"A: 1\r\n");
    }
    many.extend_from_slice(b"\r\n");
    assert_eq!(
        head(&many).map_err(|e| e.kind()).err(),
        Some(ErrorKind::InvalidData)
    );
    // An endless stream of empty lines is cut off too.
    let blank = b"\r\n".repeat(MAX_HEAD);
    assert!(head(&blank).is_err());
}
