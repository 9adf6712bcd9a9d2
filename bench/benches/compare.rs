//! Side by side: our generated GameSparks client vs `aws-sdk-gamesparks` 0.33.0 (the anchor),
//! both in this one binary, both answered in memory with the same canned HTTP 200.
//!
//! ```text
//! cargo bench --bench compare -- --warm-up-time 1 --measurement-time 3
//! ```
//!
//! Benchmarks:
//! - `per_call/ours`, `per_call/anchor`: one `GetStageDeployment` call on the seed response —
//!   build the request (game "game", stage "stage", deployment "d-1"), resolve the endpoint,
//!   SigV4-sign with static credentials, send through the in-memory connector, parse.
//! - `per_call/ours_large`, `per_call/anchor_large`: the same on a ~1 MB body of the same shape.
//! - `parse/ours_seed`, `parse/ours_large`: our response reader alone
//!   (`gamesparks::operation::get_stage_deployment::read_response`).
//! - `parse/anchor_seed`, `parse/anchor_large`: the anchor's deserializer is not public
//!   (`protocol_serde` is `pub(crate)`), so its parse cost can only be measured through a full
//!   call. These are therefore full anchor calls on those bodies; compare them with
//!   `per_call/ours` and `per_call/ours_large`, which measure ours the same way. The
//!   `parse/ours_*` numbers have no exact anchor counterpart.
//!
//! Fairness:
//! - Both clients are driven by the same tokio current-thread runtime's `block_on` (ours is
//!   runtime-agnostic; the anchor needs tokio).
//! - Both connectors hand back a fresh owned copy of the body on every call (as a real
//!   transport would), plus the same two headers, and both assert that the request they were
//!   given is signed (an `authorization` header), so neither can skip signing.
//! - Both use static credentials, region `us-east-1` and the default endpoint; nothing reads
//!   the environment on the hot path. The anchor's `Config::builder()` defaults to retries
//!   disabled; ours keeps its default retry config, which costs nothing on the success path.
//! - Clients are built once, outside the timed loop; each iteration is one `send()`.
//! - On glibc, malloc's mmap and trim thresholds are fixed (32 MiB / 128 MiB) before anything
//!   runs. By default glibc serves blocks of 128 KiB and up with fresh `mmap`s and moves that
//!   threshold up as such blocks are freed, so the ~1 MB body copies and ~340 KB strings of
//!   the large benchmarks either page-fault in fresh memory on every call or reuse heap memory
//!   depending on the allocation history: the very same anchor call measured 2.3 ms or 1.3 ms
//!   depending only on which benchmark ran it. Fixed thresholds give every benchmark the
//!   steady state a long-running process reaches anyway. Set `BENCH_DEFAULT_MALLOC=1` to skip.
//!
//! After criterion's own report, a table of median point estimates (read back from
//! criterion's `estimates.json`) is printed for every benchmark this run measured.

use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::SystemTime;

use criterion::{Criterion, Throughput};

/// The seed response body.
const SEED_BODY: &str = r#"{"StageDeployment":{"Created":"2015-01-01T00:00:00Z","DeploymentAction":"DEPLOY","DeploymentId":"string","DeploymentResult":{"Message":"string","ResultCode":"SUCCESS"},"DeploymentState":"PENDING","LastUpdated":"2015-01-01T00:00:00Z","SnapshotId":"string"}}"#;

/// Length of each long string member (`DeploymentId`, `SnapshotId`, `Message`) in the large body.
const LARGE_STRING_LEN: usize = 340 * 1024;

/// Headers both canned responses carry.
const HEADERS: [(&str, &str); 2] = [
    ("content-type", "application/json"),
    ("x-amzn-requestid", "bench"),
];

/// A ~1 MB body of the seed's shape: every free-form string member is `LARGE_STRING_LEN`
/// bytes of printable ASCII that needs no JSON escaping; enums and timestamps keep their
/// seed values (they cannot be long).
fn large_body() -> String {
    let long = |tag: &str| -> String {
        let mut s = String::with_capacity(LARGE_STRING_LEN);
        s.push_str(tag);
        let alphabet = b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_ .:/";
        let mut i = 0usize;
        while s.len() < LARGE_STRING_LEN {
            s.push(alphabet[i % alphabet.len()] as char);
            i = i.wrapping_mul(31).wrapping_add(7);
        }
        s
    };
    let (id, snapshot, message) = (long("d-"), long("s-"), long("m-"));
    format!(
        r#"{{"StageDeployment":{{"Created":"2015-01-01T00:00:00Z","DeploymentAction":"DEPLOY","DeploymentId":"{id}","DeploymentResult":{{"Message":"{message}","ResultCode":"SUCCESS"}},"DeploymentState":"PENDING","LastUpdated":"2015-01-01T00:00:00Z","SnapshotId":"{snapshot}"}}}}"#
    )
}

// ---------------------------------------------------------------------------------------------
// Ours
// ---------------------------------------------------------------------------------------------

/// Our in-memory transport: answers every request with a copy of one response.
#[derive(Debug, Clone)]
struct Canned(Arc<gamesparks::http::HttpResponse>);

impl Canned {
    fn new(body: &[u8]) -> Self {
        let mut response = gamesparks::http::HttpResponse::new(200, body.to_vec());
        for (name, value) in HEADERS {
            response = response.with_header(name, value);
        }
        Canned(Arc::new(response))
    }
}

impl gamesparks::http::HttpClient for Canned {
    fn send(
        &self,
        request: gamesparks::http::HttpRequest,
        _timeouts: gamesparks::http::Timeouts,
    ) -> gamesparks::http::BoxFuture<
        '_,
        Result<gamesparks::http::HttpResponse, gamesparks::http::TransportError>,
    > {
        assert!(
            request.header("authorization").is_some(),
            "ours: unsigned request"
        );
        let response = self.0.try_clone().expect("a bytes body");
        Box::pin(async move { Ok(response) })
    }
}

fn ours_client(body: &[u8]) -> gamesparks::Client {
    let config = gamesparks::Config::builder()
        .region("us-east-1")
        .credentials(gamesparks::config::Credentials::new("AKID", "SECRET", None))
        .http_client(Canned::new(body))
        .ignore_environment()
        .build();
    gamesparks::Client::new(config)
}

async fn ours_call(
    client: &gamesparks::Client,
) -> gamesparks::operation::get_stage_deployment::GetStageDeploymentOutput {
    client
        .get_stage_deployment()
        .game_name("game")
        .stage_name("stage")
        .deployment_id("d-1")
        .send()
        .await
        .expect("ours: call failed")
}

fn ours_response(body: &[u8]) -> gamesparks::http::HttpResponse {
    Canned::new(body).0.try_clone().expect("a bytes body")
}

// ---------------------------------------------------------------------------------------------
// Anchor
// ---------------------------------------------------------------------------------------------

fn anchor_client(body: &[u8]) -> aws_sdk_gamesparks::Client {
    let body: Arc<[u8]> = Arc::from(body);
    // aws-smithy-client 0.56's test connector; `DynConnector` converts into the
    // `HttpConnector` that `config::Builder::http_connector` takes.
    let connector = aws_smithy_client::test_connection::infallible_connection_fn(
        move |request: http::Request<aws_smithy_http::body::SdkBody>| {
            assert!(
                request.headers().contains_key("authorization"),
                "anchor: unsigned request"
            );
            let mut response = http::Response::builder().status(200);
            for (name, value) in HEADERS {
                response = response.header(name, value);
            }
            response.body(body.to_vec()).expect("a valid response")
        },
    );
    let config = aws_sdk_gamesparks::Config::builder()
        .region(aws_sdk_gamesparks::config::Region::new("us-east-1"))
        .credentials_provider(aws_credential_types::Credentials::new(
            "AKID", "SECRET", None, None, "bench",
        ))
        .http_connector(connector)
        .build();
    aws_sdk_gamesparks::Client::from_conf(config)
}

async fn anchor_call(
    client: &aws_sdk_gamesparks::Client,
) -> aws_sdk_gamesparks::operation::get_stage_deployment::GetStageDeploymentOutput {
    client
        .get_stage_deployment()
        .game_name("game")
        .stage_name("stage")
        .deployment_id("d-1")
        .send()
        .await
        .expect("anchor: call failed")
}

// ---------------------------------------------------------------------------------------------
// Sanity checks: both clients really read the canned bodies before anything is timed.
// ---------------------------------------------------------------------------------------------

fn check(rt: &tokio::runtime::Runtime, body: &str) {
    let value: serde_json::Value = serde_json::from_str(body).expect("valid JSON");
    let want = &value["StageDeployment"];
    let want_id = want["DeploymentId"].as_str();
    let want_snapshot = want["SnapshotId"].as_str();
    let want_message = want["DeploymentResult"]["Message"].as_str();

    let ours = rt.block_on(ours_call(&ours_client(body.as_bytes())));
    let d = ours.stage_deployment().expect("ours: StageDeployment");
    assert_eq!(d.deployment_id(), want_id);
    assert_eq!(d.snapshot_id(), want_snapshot);
    assert_eq!(
        d.deployment_result().and_then(|r| r.message()),
        want_message
    );
    assert_eq!(d.deployment_state().map(|s| s.as_str()), Some("PENDING"));
    assert!(d.created().is_some() && d.last_updated().is_some());
    let parsed =
        gamesparks::operation::get_stage_deployment::read_response(&ours_response(body.as_bytes()))
            .expect("ours: read_response");
    assert_eq!(parsed, ours);

    let anchor = rt.block_on(anchor_call(&anchor_client(body.as_bytes())));
    let d = anchor.stage_deployment().expect("anchor: StageDeployment");
    assert_eq!(d.deployment_id(), want_id);
    assert_eq!(d.snapshot_id(), want_snapshot);
    assert_eq!(
        d.deployment_result().and_then(|r| r.message()),
        want_message
    );
    assert_eq!(d.deployment_state().map(|s| s.as_str()), Some("PENDING"));
    assert!(d.created().is_some() && d.last_updated().is_some());
}

// ---------------------------------------------------------------------------------------------
// Benchmarks
// ---------------------------------------------------------------------------------------------

/// Every benchmark, as criterion names it (also the directories under the output directory).
const NAMES: [&str; 8] = [
    "per_call/ours",
    "per_call/anchor",
    "per_call/ours_large",
    "per_call/anchor_large",
    "parse/ours_seed",
    "parse/ours_large",
    "parse/anchor_seed",
    "parse/anchor_large",
];

fn benches(c: &mut Criterion, rt: &tokio::runtime::Runtime) {
    let large = large_body();
    check(rt, SEED_BODY);
    check(rt, &large);

    let ours_seed = ours_client(SEED_BODY.as_bytes());
    let ours_large = ours_client(large.as_bytes());
    let anchor_seed = anchor_client(SEED_BODY.as_bytes());
    let anchor_large = anchor_client(large.as_bytes());

    {
        let mut g = c.benchmark_group("per_call");
        g.bench_function("ours", |b| {
            b.iter(|| black_box(rt.block_on(ours_call(&ours_seed))))
        });
        g.bench_function("anchor", |b| {
            b.iter(|| black_box(rt.block_on(anchor_call(&anchor_seed))))
        });
        g.throughput(Throughput::Bytes(large.len() as u64));
        g.bench_function("ours_large", |b| {
            b.iter(|| black_box(rt.block_on(ours_call(&ours_large))))
        });
        g.bench_function("anchor_large", |b| {
            b.iter(|| black_box(rt.block_on(anchor_call(&anchor_large))))
        });
        g.finish();
    }

    {
        use gamesparks::operation::get_stage_deployment::read_response;
        let seed_response = ours_response(SEED_BODY.as_bytes());
        let large_response = ours_response(large.as_bytes());

        let mut g = c.benchmark_group("parse");
        g.throughput(Throughput::Bytes(SEED_BODY.len() as u64));
        g.bench_function("ours_seed", |b| {
            b.iter(|| black_box(read_response(black_box(&seed_response))))
        });
        // The anchor's deserializer is private: measured through a full call (see the top).
        g.bench_function("anchor_seed", |b| {
            b.iter(|| black_box(rt.block_on(anchor_call(&anchor_seed))))
        });
        g.throughput(Throughput::Bytes(large.len() as u64));
        g.bench_function("ours_large", |b| {
            b.iter(|| black_box(read_response(black_box(&large_response))))
        });
        // The anchor's deserializer is private: measured through a full call (see the top).
        g.bench_function("anchor_large", |b| {
            b.iter(|| black_box(rt.block_on(anchor_call(&anchor_large))))
        });
        g.finish();
    }
}

/// Where criterion writes its results, in criterion's own order of preference:
/// `$CRITERION_HOME`, `$CARGO_TARGET_DIR/criterion`, then `<target dir>/criterion` found from
/// this executable's path (`<target>/release/deps/compare-…`), then `target/criterion`.
fn output_directory() -> PathBuf {
    if let Some(home) = std::env::var_os("CRITERION_HOME") {
        return PathBuf::from(home);
    }
    if let Some(target) = std::env::var_os("CARGO_TARGET_DIR") {
        return PathBuf::from(target).join("criterion");
    }
    std::env::current_exe()
        .ok()
        .and_then(|exe| Some(exe.parent()?.parent()?.parent()?.join("criterion")))
        .unwrap_or_else(|| PathBuf::from("target/criterion"))
}

/// Prints the median point estimate of every benchmark whose results were written by this run.
fn print_medians(dir: &Path, started: SystemTime) {
    let mut rows = Vec::new();
    for name in NAMES {
        let path = dir.join(name).join("new").join("estimates.json");
        let fresh = std::fs::metadata(&path)
            .and_then(|m| m.modified())
            .is_ok_and(|t| t >= started);
        if !fresh {
            continue;
        }
        let Ok(text) = std::fs::read_to_string(&path) else {
            continue;
        };
        let Ok(json) = serde_json::from_str::<serde_json::Value>(&text) else {
            continue;
        };
        let median = &json["median"];
        let (Some(point), Some(lo), Some(hi)) = (
            median["point_estimate"].as_f64(),
            median["confidence_interval"]["lower_bound"].as_f64(),
            median["confidence_interval"]["upper_bound"].as_f64(),
        ) else {
            continue;
        };
        rows.push((name, point, lo, hi));
    }
    if rows.is_empty() {
        return;
    }
    println!("\nmedians (95% CI) — {}", dir.display());
    for (name, point, lo, hi) in rows {
        println!(
            "  {name:<22} {:>12}   [{} {}]",
            format_ns(point),
            format_ns(lo),
            format_ns(hi)
        );
    }
}

fn format_ns(ns: f64) -> String {
    if ns >= 1e6 {
        format!("{:.3} ms", ns / 1e6)
    } else if ns >= 1e3 {
        format!("{:.3} µs", ns / 1e3)
    } else {
        format!("{ns:.1} ns")
    }
}

/// Fixes glibc malloc's mmap and trim thresholds (see the top of this file).
#[cfg(all(target_os = "linux", target_env = "gnu"))]
fn pin_malloc() {
    if std::env::var_os("BENCH_DEFAULT_MALLOC").is_some() {
        eprintln!("BENCH_DEFAULT_MALLOC set: glibc malloc keeps its dynamic thresholds");
        return;
    }
    // SAFETY: `mallopt` only changes allocator tunables; called once, before any other thread
    // exists.
    let ok = unsafe {
        libc::mallopt(libc::M_MMAP_THRESHOLD, 32 << 20) == 1
            && libc::mallopt(libc::M_TRIM_THRESHOLD, 128 << 20) == 1
    };
    assert!(ok, "mallopt failed");
}

#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
fn pin_malloc() {}

fn main() {
    pin_malloc();
    let started = SystemTime::now();
    let dir = output_directory();
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("a tokio runtime");
    let mut c = Criterion::default().configure_from_args();
    benches(&mut c, &rt);
    c.final_summary();
    print_medians(&dir, started);
}
