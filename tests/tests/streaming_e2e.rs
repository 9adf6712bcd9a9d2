//! End-to-end tests of `@streaming` blobs over real HTTP on the loopback interface, with a
//! client generated from the `streaming` fixture (see `build.rs`) and its default transport
//! (ureq): uploads from bytes, a file and a reader; downloads read incrementally; retries that
//! need a replayable body; `@requiresLength`; and the `UNSIGNED-PAYLOAD` signature.

#![allow(
    clippy::mixed_attributes_style,
    reason = "the included client has its module files inlined, outer and inner docs together"
)]
#![allow(
    dead_code,
    reason = "the generated client is included whole; the tests use part of it"
)]

include!(concat!(env!("OUT_DIR"), "/streaming_client.rs"));

mod streaming_support;

use std::io::Read as _;
use std::time::Duration;

use hmac::Mac as _;
use streaming_support::{Answer, Received, Server, pattern, sha256_hex};

use crate::config::{Credentials, RetryConfig};
use crate::error::SdkError;
use crate::http::{BoxFuture, Sleep, block_on};
use crate::primitives::ByteStream;

const SECRET: &str = "SECRET";

/// Retries without waiting.
#[derive(Debug)]
struct NoSleep;

impl Sleep for NoSleep {
    fn sleep(&self, _duration: Duration) -> BoxFuture<'static, ()> {
        Box::pin(async {})
    }
}

fn client(server: &Server) -> Client {
    let config = Config::builder()
        .region("us-east-1")
        .endpoint_url(server.url())
        .credentials(Credentials::new("AKID", SECRET, None))
        .retry_config(RetryConfig::default().with_max_attempts(3))
        .sleep_impl(NoSleep)
        .ignore_environment()
        .build();
    Client::new(config)
}

fn ok(headers: &[(&str, &str)]) -> Answer {
    Answer::Bytes(
        200,
        headers
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect(),
        Vec::new(),
    )
}

fn unavailable() -> Answer {
    Answer::Bytes(
        503,
        vec![("x-amzn-errortype".into(), "ServiceUnavailable".into())],
        b"{}".to_vec(),
    )
}

fn hmac(key: &[u8], data: &[u8]) -> Vec<u8> {
    let mut mac = hmac::Hmac::<sha2::Sha256>::new_from_slice(key).unwrap();
    mac.update(data);
    mac.finalize().into_bytes().to_vec()
}

/// Checks the received request's SigV4 signature independently of the client, with
/// `payload_hash` as the canonical request's last line, and returns that line's header form.
fn assert_signed_with(request: &Received, payload_hash: &str) {
    let auth = request.header("authorization").expect("signed");
    let rest = auth
        .strip_prefix("AWS4-HMAC-SHA256 Credential=")
        .expect("SigV4");
    let (credential, rest) = rest.split_once(", SignedHeaders=").expect("signed headers");
    let (signed, signature) = rest.split_once(", Signature=").expect("signature");
    let scope: Vec<&str> = credential.split('/').collect();
    let mut canonical_headers = String::new();
    for name in signed.split(';') {
        let values: Vec<&str> = request
            .headers
            .iter()
            .filter(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.trim())
            .collect();
        assert!(!values.is_empty(), "signed header {name} was sent");
        canonical_headers.push_str(&format!("{name}:{}\n", values.join(",")));
    }
    let (path, query) = request
        .target
        .split_once('?')
        .unwrap_or((request.target.as_str(), ""));
    let canonical = format!(
        "{}\n{path}\n{query}\n{canonical_headers}\n{signed}\n{payload_hash}",
        request.method
    );
    let amz_date = request.header("x-amz-date").expect("X-Amz-Date");
    let string_to_sign = format!(
        "AWS4-HMAC-SHA256\n{amz_date}\n{}\n{}",
        scope[1..].join("/"),
        sha256_hex(canonical.as_bytes())
    );
    let mut key = hmac(format!("AWS4{SECRET}").as_bytes(), scope[1].as_bytes());
    for part in &scope[2..] {
        key = hmac(&key, part.as_bytes());
    }
    let expected = streaming_support::hex(&hmac(&key, string_to_sign.as_bytes()));
    assert_eq!(
        signature, expected,
        "signature over payload hash {payload_hash}"
    );
    assert_eq!(
        request.header("x-amz-content-sha256"),
        None,
        "not an S3-style signer"
    );
}

fn temp_file(name: &str, data: &[u8]) -> std::path::PathBuf {
    let path = std::env::temp_dir().join(format!("streaming-e2e-{}-{name}", std::process::id()));
    std::fs::write(&path, data).unwrap();
    path
}

fn data(n: usize) -> Vec<u8> {
    (0..n as u64).map(|i| (i * 7 % 256) as u8).collect()
}

#[test]
fn upload_from_bytes_is_hashed_and_signed() {
    let server = Server::start(vec![ok(&[("X-Blob-Size", "5"), ("ETag", "e1")])]);
    let output = block_on(
        client(&server)
            .upload_blob()
            .name("a.b")
            .body(ByteStream::from("hello"))
            .send(),
    )
    .expect("upload");
    assert_eq!(output.size(), Some(5));
    assert_eq!(output.e_tag(), Some("e1"));
    let [request] = server.received().try_into().unwrap();
    assert_eq!(request.method, "PUT");
    assert_eq!(request.target, "/blobs/a.b");
    assert_eq!(request.body_prefix, b"hello");
    assert_eq!(request.header("content-length"), Some("5"));
    assert_eq!(
        request.header("content-type"),
        Some("application/octet-stream")
    );
    assert_signed_with(&request, &sha256_hex(b"hello"));
}

#[test]
fn modeled_content_type_replaces_the_default() {
    let server = Server::start(vec![ok(&[])]);
    block_on(
        client(&server)
            .upload_blob()
            .name("n")
            .content_type("audio/ogg")
            .body(ByteStream::from_static(b"x"))
            .send(),
    )
    .expect("upload");
    let [request] = server.received().try_into().unwrap();
    let types: Vec<&str> = request
        .headers
        .iter()
        .filter(|(k, _)| k.eq_ignore_ascii_case("content-type"))
        .map(|(_, v)| v.as_str())
        .collect();
    assert_eq!(types, ["audio/ogg"]);
}

#[test]
fn upload_from_file_streams_with_its_length_and_unsigned_payload() {
    let bytes = data(3 * 1024 * 1024 + 17);
    let path = temp_file("upload", &bytes);
    let server = Server::start(vec![ok(&[])]);
    let body = ByteStream::from_path(&path).expect("file");
    block_on(client(&server).upload_blob().name("f").body(body).send()).expect("upload");
    let [request] = server.received().try_into().unwrap();
    assert_eq!(request.body_len, bytes.len() as u64);
    assert_eq!(request.body_sha256, Some(sha256_hex(&bytes)));
    assert_eq!(
        request.header("content-length"),
        Some(bytes.len().to_string().as_str())
    );
    assert_eq!(request.header("transfer-encoding"), None);
    assert_signed_with(&request, "UNSIGNED-PAYLOAD");
    std::fs::remove_file(path).unwrap();
}

#[test]
fn upload_from_reader_is_chunked_and_unsigned() {
    let bytes = data(1024 * 1024 + 3);
    let server = Server::start(vec![ok(&[])]);
    let body = ByteStream::from_reader(std::io::Cursor::new(bytes.clone()));
    block_on(client(&server).upload_blob().name("r").body(body).send()).expect("upload");
    let [request] = server.received().try_into().unwrap();
    assert_eq!(request.header("transfer-encoding"), Some("chunked"));
    assert_eq!(request.header("content-length"), None);
    assert_eq!(request.body_len, bytes.len() as u64);
    assert_eq!(request.body_sha256, Some(sha256_hex(&bytes)));
    assert_signed_with(&request, "UNSIGNED-PAYLOAD");
}

#[test]
fn reader_body_is_not_retried() {
    let server = Server::start(vec![unavailable(), ok(&[])]);
    let body = ByteStream::from_reader(std::io::Cursor::new(b"once".to_vec()));
    let err = block_on(client(&server).upload_blob().name("r").body(body).send())
        .expect_err("a 503 that cannot be retried");
    let SdkError::BodyNotReplayable(inner) = &err else {
        panic!("expected BodyNotReplayable, got {err:?}");
    };
    assert!(matches!(**inner, SdkError::Service(_)), "{inner:?}");
    assert_eq!(err.status(), Some(503));
    assert!(err.to_string().contains("could not be replayed"), "{err}");
    assert_eq!(server.received().len(), 1, "sent once");
}

#[test]
fn file_and_bytes_bodies_are_retried_whole() {
    let bytes = data(200_000);
    let path = temp_file("retry", &bytes);
    let server = Server::start(vec![unavailable(), ok(&[])]);
    let body = ByteStream::from_path(&path).expect("file");
    block_on(client(&server).upload_blob().name("f").body(body).send()).expect("retried");
    let received = server.received();
    assert_eq!(received.len(), 2);
    for request in &received {
        assert_eq!(request.body_sha256, Some(sha256_hex(&bytes)));
    }
    std::fs::remove_file(path).unwrap();

    let server = Server::start(vec![unavailable(), unavailable(), ok(&[])]);
    block_on(
        client(&server)
            .upload_blob()
            .name("b")
            .body(ByteStream::from(bytes.clone()))
            .send(),
    )
    .expect("retried");
    let received = server.received();
    assert_eq!(received.len(), 3);
    assert!(received.iter().all(|r| r.body_len == bytes.len() as u64));
}

#[test]
fn requires_length_refuses_an_unknown_length_before_sending() {
    let server = Server::start(vec![ok(&[])]);
    let body = ByteStream::from_reader(std::io::Cursor::new(b"abc".to_vec()));
    let err = block_on(client(&server).upload_sized().name("s").body(body).send())
        .expect_err("no length");
    let SdkError::Construction(e) = &err else {
        panic!("expected a construction error, got {err:?}");
    };
    assert!(e.message().contains("@requiresLength"), "{e}");
    assert!(server.received().is_empty(), "nothing sent");
}

#[test]
fn unsigned_payload_operation_never_hashes_the_body() {
    let server = Server::start(vec![
        Answer::Bytes(204, Vec::new(), Vec::new()),
        Answer::Bytes(204, Vec::new(), Vec::new()),
    ]);
    let client = client(&server);
    let reader = ByteStream::from_reader_with_length(std::io::repeat(b'z'), 1000);
    block_on(client.upload_sized().name("s").body(reader).send()).expect("upload");
    block_on(
        client
            .upload_sized()
            .name("t")
            .body(ByteStream::from("in memory"))
            .send(),
    )
    .expect("upload");
    let [sized, bytes] = server.received().try_into().unwrap();
    assert_eq!(sized.header("content-length"), Some("1000"));
    assert_eq!(sized.body_prefix, vec![b'z'; 1000]);
    assert_signed_with(&sized, "UNSIGNED-PAYLOAD");
    assert_eq!(bytes.body_prefix, b"in memory");
    assert_signed_with(&bytes, "UNSIGNED-PAYLOAD");
}

#[test]
fn download_is_read_incrementally() {
    let n: u64 = 5 * 1024 * 1024 + 11;
    let server = Server::start(vec![Answer::Pattern(n)]);
    let output = block_on(client(&server).download_blob().name("big").send()).expect("download");
    assert_eq!(output.size(), Some(n as i64));
    assert_eq!(output.content_type(), Some("application/octet-stream"));
    assert_eq!(output.body().content_length(), Some(n));
    let mut body = output.into_body();
    let (mut offset, mut chunks) = (0u64, 0);
    while let Some(chunk) = block_on(body.next()) {
        let chunk = chunk.expect("chunk");
        for (i, b) in chunk.iter().enumerate() {
            assert_eq!(*b, pattern(offset + i as u64), "byte {}", offset + i as u64);
        }
        offset += chunk.len() as u64;
        chunks += 1;
    }
    assert_eq!(offset, n);
    assert!(chunks > 10, "arrived in {chunks} chunks");
    let [request] = server.received().try_into().unwrap();
    assert_eq!(request.method, "GET");
    assert_signed_with(&request, &sha256_hex(b""));
}

#[test]
fn download_reads_through_std_io_and_collects() {
    let n: u64 = 700_000;
    let server = Server::start(vec![Answer::Pattern(n), Answer::Pattern(100)]);
    let client = client(&server);
    let output = block_on(client.download_blob().name("a").send()).expect("download");
    let mut all = Vec::new();
    output
        .into_body()
        .into_reader()
        .read_to_end(&mut all)
        .expect("read");
    assert_eq!(all.len() as u64, n);
    assert!(all.iter().enumerate().all(|(i, b)| *b == pattern(i as u64)));
    let small = block_on(client.download_blob().name("b").send()).expect("download");
    let bytes = block_on(small.into_body().collect()).expect("collect");
    assert_eq!(bytes, (0..100).map(pattern).collect::<Vec<u8>>());
}

#[test]
fn download_error_is_read_from_the_body() {
    let server = Server::start(vec![Answer::Bytes(
        404,
        vec![("x-amzn-errortype".into(), "NotFound".into())],
        br#"{"message":"no such blob"}"#.to_vec(),
    )]);
    let err =
        block_on(client(&server).download_blob().name("missing").send()).expect_err("not found");
    let service = err.as_service_error().expect("a service error");
    assert!(service.is_not_found(), "{service:?}");
    assert_eq!(service.message(), Some("no such blob"));
    assert_eq!(err.status(), Some(404));
}

#[test]
fn read_response_hands_over_the_body() {
    let response = crate::http::HttpResponse::new(200, "payload").with_header("X-Blob-Size", "7");
    let output = operation::download_blob::read_response(response).expect("parsed");
    assert_eq!(output.size(), Some(7));
    assert_eq!(output.body().bytes(), Some(&b"payload"[..]));
}

#[test]
fn dropping_a_download_stops_the_transfer() {
    let server = Server::start(vec![Answer::Pattern(1024 * 1024 * 1024)]);
    let output = block_on(client(&server).download_blob().name("huge").send()).expect("download");
    let mut body = output.into_body();
    let first = block_on(body.next()).expect("a chunk").expect("readable");
    assert_eq!(first.first(), Some(&pattern(0)));
    drop(body);
    // The transport thread stops reading and closes the connection, so the server's writes
    // fail and it finishes at once (sending all of 1 GiB takes seconds).
    let start = std::time::Instant::now();
    drop(server);
    assert!(
        start.elapsed() < Duration::from_secs(3),
        "the server was still sending after {:?}",
        start.elapsed()
    );
}

#[test]
fn required_stream_members_use_the_typestate() {
    use crate::operation::upload_sized::UploadSizedInput;
    // `build()` exists only once `name` and `body` are set; the stream moves out again.
    let input = UploadSizedInput::builder()
        .body(ByteStream::from_static(b"abc"))
        .name("n")
        .build();
    assert_eq!(input.name(), "n");
    assert_eq!(input.body().content_length(), Some(3));
    let body = input.into_body();
    assert_eq!(block_on(body.collect()).expect("bytes"), b"abc");
}

#[test]
fn non_streaming_outputs_are_capped_at_64_mib() {
    // UploadBlob's output is read whole (headers only here), so a body past the cap is an error.
    let server = Server::start(vec![Answer::Pattern(64 * 1024 * 1024 + 1)]);
    let config = Config::builder()
        .region("us-east-1")
        .endpoint_url(server.url())
        .credentials(Credentials::new("AKID", SECRET, None))
        .retry_config(RetryConfig::default().with_max_attempts(1))
        .ignore_environment()
        .build();
    let err = block_on(
        Client::new(config)
            .upload_blob()
            .name("n")
            .body(ByteStream::from("x"))
            .send(),
    )
    .expect_err("too large");
    let SdkError::Transport(e) = &err else {
        panic!("expected a transport error, got {err:?}");
    };
    assert_eq!(e.message(), "response body too large");
}
