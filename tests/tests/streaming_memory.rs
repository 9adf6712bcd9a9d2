//! Downloading or uploading 1 GiB through a generated `@streaming` operation never holds it in
//! memory: the ureq transport hands a response body over in chunks through a bounded channel,
//! and reads a request body while it sends it, so the process's peak resident memory grows by
//! a small, fixed amount. A test binary of its own, so that no other test's allocations count.

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

use std::time::Instant;

use streaming_support::{Answer, Server, pattern};

use crate::config::Credentials;
use crate::http::block_on;
use crate::primitives::ByteStream;

const GIB: u64 = 1024 * 1024 * 1024;

/// The allowed growth of peak resident memory while 1 GiB streams through.
const BOUND: u64 = 64 * 1024 * 1024;

/// `VmHWM` (peak resident set) in bytes, after resetting it to the current resident set when
/// the kernel allows; `None` off Linux.
fn peak_rss(reset: bool) -> Option<u64> {
    if reset {
        // "5" resets the peak to the current RSS (Linux 4.0+); if refused, the peak so far
        // stays the baseline, which only makes the check stricter.
        let _ = std::fs::write("/proc/self/clear_refs", "5");
    }
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kib: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kib * 1024)
}

fn client(server: &Server) -> Client {
    let config = Config::builder()
        .region("us-east-1")
        .endpoint_url(server.url())
        .credentials(Credentials::new("AKID", "SECRET", None))
        .ignore_environment()
        .build();
    Client::new(config)
}

/// Asserts that peak RSS grew by less than [`BOUND`] since `before`, and reports it.
fn assert_bounded(what: &str, before: Option<u64>, elapsed: std::time::Duration) {
    if let (Some(before), Some(after)) = (before, peak_rss(false)) {
        let growth = after.saturating_sub(before);
        eprintln!(
            "{what} in {elapsed:?}; peak RSS {} MiB -> {} MiB (growth {} KiB)",
            before >> 20,
            after >> 20,
            growth >> 10
        );
        assert!(
            growth < BOUND,
            "peak resident memory grew by {growth} bytes: {what}"
        );
    }
}

// One test, not two: run in parallel, each would count the other's memory.
#[test]
fn one_gib_streams_in_bounded_memory() {
    download();
    upload();
}

fn upload() {
    let server = Server::start(vec![Answer::Bytes(204, Vec::new(), Vec::new())]);
    let client = client(&server);
    let before = peak_rss(true);
    let start = Instant::now();
    let body = ByteStream::from_reader_with_length(std::io::repeat(b'u'), GIB);
    block_on(client.upload_sized().name("huge").body(body).send()).expect("upload");
    let elapsed = start.elapsed();
    let [request] = server.received().try_into().unwrap();
    assert_eq!(request.body_len, GIB, "every byte arrived");
    assert_eq!(
        request.header("content-length"),
        Some(GIB.to_string().as_str())
    );
    assert!(request.body_prefix.iter().all(|b| *b == b'u'));
    assert_bounded("1 GiB uploaded from a reader", before, elapsed);
}

fn download() {
    let server = Server::start(vec![Answer::Pattern(GIB)]);
    let client = client(&server);
    let before = peak_rss(true);
    let start = Instant::now();
    let output = block_on(client.download_blob().name("huge").send()).expect("download");
    assert_eq!(output.body().content_length(), Some(GIB));
    let mut body = output.into_body();
    let (mut offset, mut largest) = (0u64, 0usize);
    while let Some(chunk) = block_on(body.next()) {
        let chunk = chunk.expect("chunk");
        // Spot checks keep the test fast in debug builds: the chunk's ends continue the pattern.
        assert_eq!(chunk.first(), Some(&pattern(offset)), "at {offset}");
        let last = offset + chunk.len() as u64 - 1;
        assert_eq!(chunk.last(), Some(&pattern(last)), "at {last}");
        offset += chunk.len() as u64;
        largest = largest.max(chunk.len());
    }
    let elapsed = start.elapsed();
    assert_eq!(offset, GIB, "every byte arrived");
    assert!(largest <= 1024 * 1024, "chunks stay small: {largest}");
    assert_bounded("1 GiB downloaded", before, elapsed);
}
