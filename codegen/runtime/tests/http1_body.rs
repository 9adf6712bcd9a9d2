//! Tests of `http1_body.rs`, compiled as its `tests` module.

use super::super::credentials_http::tests::mutations;
use super::super::http1::read_response_head;
use super::super::http1::tests::head;
use super::*;

fn framing_of(method: &str, bytes: &[u8]) -> ::std::io::Result<Framing> {
    framing(method, &head(bytes).expect("head"))
}

#[test]
fn framing_follows_rfc_9112() {
    let cl = b"HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\n";
    assert_eq!(framing_of("GET", cl).ok(), Some(Framing::Length(5)));
    assert_eq!(framing_of("HEAD", cl).ok(), Some(Framing::Empty));
    assert_eq!(
        framing_of(
            "GET",
            b"HTTP/1.1 204 No Content\r\nContent-Length: 5\r\n\r\n"
        )
        .ok(),
        Some(Framing::Empty)
    );
    assert_eq!(
        framing_of("GET", b"HTTP/1.1 304 x\r\n\r\n").ok(),
        Some(Framing::Empty)
    );
    assert_eq!(
        framing_of("GET", b"HTTP/1.1 200 OK\r\n\r\n").ok(),
        Some(Framing::UntilClose)
    );
    // Transfer-Encoding wins over Content-Length.
    assert_eq!(
        framing_of(
            "GET",
            b"HTTP/1.1 200 OK\r\nContent-Length: 5\r\nTransfer-Encoding: Chunked\r\n\r\n"
        )
        .ok(),
        Some(Framing::Chunked)
    );
    assert_eq!(
        framing_of("GET", b"HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip\r\n\r\n").ok(),
        Some(Framing::UntilClose)
    );
    assert!(
        framing_of(
            "GET",
            b"HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip, chunked\r\n\r\n"
        )
        .is_err()
    );
    assert_eq!(
        framing_of(
            "GET",
            b"HTTP/1.1 200 OK\r\nContent-Length: 5, 5\r\nContent-Length: 5\r\n\r\n"
        )
        .ok(),
        Some(Framing::Length(5))
    );
    for bad in [
        &b"HTTP/1.1 200 OK\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\n"[..],
        b"HTTP/1.1 200 OK\r\nContent-Length: -1\r\n\r\n",
        b"HTTP/1.1 200 OK\r\nContent-Length: +5\r\n\r\n",
        b"HTTP/1.1 200 OK\r\nContent-Length: \r\n\r\n",
        b"HTTP/1.1 200 OK\r\nContent-Length: 99999999999999999999999\r\n\r\n",
    ] {
        assert!(
            framing_of("GET", bad).is_err(),
            "{}",
            String::from_utf8_lossy(bad)
        );
    }
}

/// Reads a whole body in reads of at most `step` bytes; the reader's state at the end.
fn read_body(bytes: &[u8], framing: Framing, step: usize) -> (::std::io::Result<Vec<u8>>, bool) {
    let mut reader = BodyReader::new(bytes, framing);
    let mut out = Vec::new();
    let mut buf = vec![0u8; step];
    loop {
        match reader.read(&mut buf) {
            Ok(0) => return (Ok(out), reader.is_done()),
            Ok(n) => out.extend_from_slice(&buf[..n]),
            Err(e) => return (Err(e), reader.is_done()),
        }
    }
}

#[test]
fn bodies_are_read_by_their_framing() {
    for step in [1, 3, 1024] {
        let (body, done) = read_body(b"hello, and more", Framing::Length(5), step);
        assert_eq!((body.ok(), done), (Some(b"hello".to_vec()), true));
        let chunked =
            b"5;ext=1\r\nhello\r\n7\r\n, world\r\nA \r\n0123456789\r\n0\r\nTrailer: x\r\n\r\nNEXT";
        let (body, done) = read_body(chunked, Framing::Chunked, step);
        assert_eq!(
            (body.ok(), done),
            (Some(b"hello, world0123456789".to_vec()), true)
        );
        let (body, done) = read_body(b"all of it", Framing::UntilClose, step);
        assert_eq!((body.ok(), done), (Some(b"all of it".to_vec()), true));
        let (body, done) = read_body(b"ignored", Framing::Empty, step);
        assert_eq!((body.ok(), done), (Some(Vec::new()), true));
    }
    // The reader stops at the end of the body: what follows stays for the next response.
    let mut rest: &[u8] = b"0\r\n\r\nHTTP/1.1";
    let mut reader = BodyReader::new(&mut rest, Framing::Chunked);
    assert_eq!(reader.read(&mut [0u8; 8]).ok(), Some(0));
    assert!(reader.is_done());
    assert_eq!(rest, b"HTTP/1.1");
}

#[test]
fn truncated_and_malformed_bodies_are_errors() {
    let cases: &[(&[u8], Framing, ErrorKind)] = &[
        (b"hel", Framing::Length(5), ErrorKind::UnexpectedEof),
        (b"5\r\nhel", Framing::Chunked, ErrorKind::UnexpectedEof),
        (
            b"5\r\nhello\r\n",
            Framing::Chunked,
            ErrorKind::UnexpectedEof,
        ),
        (b"5\r\nhello", Framing::Chunked, ErrorKind::UnexpectedEof),
        (
            b"0\r\nTrailer: x\r\n",
            Framing::Chunked,
            ErrorKind::UnexpectedEof,
        ),
        (
            b"5\r\nhelloX\r\n0\r\n\r\n",
            Framing::Chunked,
            ErrorKind::InvalidData,
        ),
        (b"x\r\nhello\r\n", Framing::Chunked, ErrorKind::InvalidData),
        (b"-5\r\nhello\r\n", Framing::Chunked, ErrorKind::InvalidData),
        (b"\r\nhello\r\n", Framing::Chunked, ErrorKind::InvalidData),
        (
            b"fffffffffffffffff\r\n",
            Framing::Chunked,
            ErrorKind::InvalidData,
        ),
    ];
    for (bytes, framing, kind) in cases {
        let (body, done) = read_body(bytes, *framing, 1024);
        assert_eq!(
            body.as_ref().map_err(|e| e.kind()).err(),
            Some(*kind),
            "{:?}: {body:?}",
            String::from_utf8_lossy(bytes)
        );
        assert!(!done);
    }
    // A huge chunk size is taken at its word, and then the body is short of it.
    let (body, _) = read_body(b"ffffffffffffffff\r\nabc", Framing::Chunked, 1024);
    assert_eq!(
        body.map_err(|e| e.kind()).err(),
        Some(ErrorKind::UnexpectedEof)
    );
    let mut long_line = b"5;".to_vec();
    long_line.extend(std::iter::repeat_n(b'x', MAX_CHUNK_LINE));
    let (body, _) = read_body(&long_line, Framing::Chunked, 1024);
    assert_eq!(
        body.map_err(|e| e.kind()).err(),
        Some(ErrorKind::InvalidData)
    );
}

#[test]
fn hostile_responses_never_panic() {
    let seeds: &[&[u8]] = &[
        b"HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello",
        b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5;a=b\r\nhello\r\n0\r\nT: 1\r\n\r\n",
        b"HTTP/1.1 100 Continue\r\n\r\nHTTP/1.0 404 Not Found\r\nA: 1\r\n b\r\n\r\nbody",
    ];
    let mut read = 0;
    mutations(seeds, 3000, |bytes| {
        let mut input = bytes;
        let Ok(head) = read_response_head(&mut input) else {
            return;
        };
        let Ok(framing) = framing("GET", &head) else {
            return;
        };
        let mut body = Vec::new();
        if BodyReader::new(input, framing)
            .read_to_end(&mut body)
            .is_ok()
        {
            read += 1;
        }
    });
    // Many mutations keep a readable response, so the body readers really ran.
    assert!(
        read > 100,
        "only {read} mutated responses were read to the end"
    );
}

#[test]
fn request_bodies_are_copied_exactly_or_chunked() {
    let mut out = Vec::new();
    copy_exact(&mut out, &mut &b"hello world"[..], 5).expect("copy");
    assert_eq!(out, b"hello");
    let short = copy_exact(&mut Vec::new(), &mut &b"hi"[..], 5);
    assert!(matches!(short, Err(CopyError::Source(e)) if e.kind() == ErrorKind::UnexpectedEof));
    let mut out = Vec::new();
    let data = vec![7u8; 70_000];
    copy_chunked(&mut out, &mut &data[..]).expect("copy");
    // What was written reads back as the same body.
    let (body, done) = read_body(&out, Framing::Chunked, 4096);
    assert_eq!((body.ok(), done), (Some(data), true));
    let mut out = Vec::new();
    copy_chunked(&mut out, &mut &b""[..]).expect("copy");
    assert_eq!(out, b"0\r\n\r\n");
}

#[test]
fn write_failures_are_the_sinks() {
    struct Broken;
    impl Write for Broken {
        fn write(&mut self, _: &[u8]) -> ::std::io::Result<usize> {
            Err(ErrorKind::BrokenPipe.into())
        }
        fn flush(&mut self) -> ::std::io::Result<()> {
            Ok(())
        }
    }
    assert!(matches!(
        copy_exact(&mut Broken, &mut &b"abc"[..], 3),
        Err(CopyError::Sink(_))
    ));
    assert!(matches!(
        copy_chunked(&mut Broken, &mut &b"abc"[..]),
        Err(CopyError::Sink(_))
    ));
}
