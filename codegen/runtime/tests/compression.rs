//! Tests of `compression.rs`, compiled as its `tests` module.

use super::super::http::Body;
use super::*;

fn parts(body: &[u8], headers: &[(&str, &str)]) -> RequestParts {
    RequestParts {
        host_prefix: String::new(),
        endpoint: None,
        method: "POST",
        path: "/".into(),
        query: String::new(),
        headers: headers
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect(),
        body: Body::from(body.to_vec()),
    }
}

fn config(b: super::super::config::ConfigBuilder) -> Config {
    b.ignore_environment().build()
}

fn encoding(p: &RequestParts) -> Option<&str> {
    p.headers
        .iter()
        .find(|(k, _)| k.eq_ignore_ascii_case("content-encoding"))
        .map(|(_, v)| v.as_str())
}

#[test]
fn small_bodies_and_disabled_clients_send_as_is() {
    let mut p = parts(&[b'a'; 100], &[]);
    gzip_request(&mut p, &config(Config::builder())).unwrap();
    assert_eq!(p.body.bytes(), Some(&[b'a'; 100][..]));
    assert_eq!(encoding(&p), None);
    let mut p = parts(&[b'a'; 20_000], &[]);
    gzip_request(
        &mut p,
        &config(Config::builder().disable_request_compression(true)),
    )
    .unwrap();
    assert_eq!(p.body.bytes().map(<[u8]>::len), Some(20_000));
}

#[test]
fn large_bodies_are_gzipped_after_the_inputs_encoding() {
    let data = b"{\"k\":\"value\"}".repeat(1000);
    let mut p = parts(&data, &[("Content-Encoding", "custom")]);
    gzip_request(&mut p, &config(Config::builder())).unwrap();
    assert_eq!(encoding(&p), Some("custom, gzip"));
    let sent = p.body.bytes().unwrap();
    assert_eq!(&sent[..2], &[0x1f, 0x8b], "a gzip member");
    let mut plain = Vec::new();
    std::io::Read::read_to_end(&mut flate2::read::GzDecoder::new(sent), &mut plain).unwrap();
    assert_eq!(plain, data);
    let mut p = parts(b"xy", &[]);
    gzip_request(
        &mut p,
        &config(Config::builder().request_min_compression_size_bytes(0)),
    )
    .unwrap();
    assert_eq!(encoding(&p), Some("gzip"));
}

#[test]
fn an_out_of_range_minimum_fails_the_call() {
    let mut p = parts(b"xy", &[]);
    let err = gzip_request(
        &mut p,
        &config(Config::builder().request_min_compression_size_bytes(20_000_000)),
    )
    .unwrap_err();
    assert!(err.contains("20000000"), "{err}");
}
