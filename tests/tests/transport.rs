//! The three transports against hostile loopback servers: one that accepts and never answers, one
//! that stalls mid-body, one that dribbles a byte a second. Each call must end within the read
//! timeout plus 1 s with a timeout error; a call whose future is dropped must not leave a
//! thread behind past its timeout; the blocking and hyper transports reuse pooled connections.
//!
//! The calls go through `generated/pager` (`ListThings`, a GET), which the tests build with the
//! `hyper`, `ureq` and `tracing` features; each test names its transport explicitly.

use std::sync::{Mutex, MutexGuard};
use std::time::{Duration, Instant};

use pager::error::SdkError;
use pager::http::{BlockingClient, HttpClient, HyperClient, UreqClient, block_on};
use tests::server::{Reply, Server};

const READ: Duration = Duration::from_secs(1);
const SLACK: Duration = Duration::from_secs(1);

/// The tests count threads by name, so they run one at a time.
fn serial() -> MutexGuard<'static, ()> {
    static LOCK: Mutex<()> = Mutex::new(());
    LOCK.lock().unwrap_or_else(|e| e.into_inner())
}

#[derive(Debug, Clone, Copy)]
enum Transport {
    Blocking,
    Ureq,
    Hyper,
}

const ALL: [Transport; 3] = [Transport::Blocking, Transport::Ureq, Transport::Hyper];

/// The helper threads the blocking transports start per request.
const TRANSPORT_THREADS: [&str; 2] = ["http-transport", "ureq-transport"];

fn client(server: &Server, transport: Transport, read: Duration) -> pager::Client {
    let builder = pager::Config::builder()
        .region("us-east-1")
        .endpoint_url(server.url())
        .credentials(pager::config::Credentials::new("AKID", "SECRET", None))
        .retry_config(pager::config::RetryConfig::disabled())
        .read_timeout(read)
        .ignore_environment();
    let builder = match transport {
        Transport::Blocking => builder.http_client(BlockingClient::new()),
        Transport::Ureq => builder.http_client(UreqClient::new()),
        Transport::Hyper => builder.http_client(HyperClient::new()),
    };
    pager::Client::new(builder.build())
}

/// A multi-thread tokio runtime, as `#[tokio::main]` builds.
fn tokio_runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("tokio runtime")
}

/// Runs one call the way a user of `transport` would: the blocking ones from `block_on`, hyper
/// inside a tokio runtime.
fn call(
    client: &pager::Client,
    transport: Transport,
) -> Result<
    pager::operation::list_things::ListThingsOutput,
    SdkError<pager::operation::list_things::ListThingsError>,
> {
    match transport {
        Transport::Blocking | Transport::Ureq => block_on(client.list_things().send()),
        Transport::Hyper => tokio_runtime().block_on(client.list_things().send()),
    }
}

/// Names of this process's threads (`/proc/self/task/*/comm`, cut to 15 bytes by Linux).
fn thread_names() -> Vec<String> {
    let Ok(tasks) = std::fs::read_dir("/proc/self/task") else {
        return Vec::new();
    };
    tasks
        .filter_map(|t| std::fs::read_to_string(t.ok()?.path().join("comm")).ok())
        .map(|n| n.trim().to_string())
        .collect()
}

fn threads_named(name: &str) -> usize {
    thread_names().iter().filter(|n| *n == name).count()
}

fn transport_threads() -> usize {
    TRANSPORT_THREADS.iter().map(|n| threads_named(n)).sum()
}

/// Asserts a timeout error that arrived within the read timeout plus a second (and not before
/// most of it had passed).
fn assert_timed_out<T: std::fmt::Debug, E: std::fmt::Debug>(
    result: Result<T, SdkError<E>>,
    elapsed: Duration,
    read: Duration,
    what: &str,
) {
    assert!(
        matches!(result, Err(SdkError::Timeout(_))),
        "{what}: expected a timeout, got {result:?}"
    );
    assert!(elapsed <= read + SLACK, "{what}: took {elapsed:?}");
    assert!(
        elapsed >= read.mul_f32(0.9),
        "{what}: ended early, after {elapsed:?}"
    );
}

#[test]
fn a_server_that_never_answers_times_out() {
    let _serial = serial();
    for transport in ALL {
        let server = Server::start(vec![Reply::Hang]);
        let client = client(&server, transport, READ);
        let start = Instant::now();
        let result = call(&client, transport);
        assert_timed_out(result, start.elapsed(), READ, &format!("{transport:?}"));
    }
}

#[test]
fn a_body_that_stalls_times_out() {
    let _serial = serial();
    let head = b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"Things\":[";
    for transport in ALL {
        let server = Server::start(vec![Reply::Stall(head.to_vec())]);
        let client = client(&server, transport, READ);
        let start = Instant::now();
        let result = call(&client, transport);
        assert_timed_out(result, start.elapsed(), READ, &format!("{transport:?}"));
    }
}

#[test]
fn a_body_dribbled_a_byte_a_second_times_out() {
    let _serial = serial();
    // A per-read idle timeout would never fire here: a byte comes every second.
    let read = Duration::from_millis(2500);
    let body = format!(
        "{{\"Things\":[{}]}}",
        "{\"Name\":\"x\"},".repeat(9) + "{\"Name\":\"x\"}"
    );
    for transport in ALL {
        let server = Server::start(vec![Reply::dribble_json(&body, Duration::from_secs(1))]);
        let client = client(&server, transport, read);
        let start = Instant::now();
        let result = call(&client, transport);
        assert_timed_out(result, start.elapsed(), read, &format!("{transport:?}"));
    }
}

#[test]
fn hyper_without_a_tokio_runtime_times_out_too() {
    let _serial = serial();
    let server = Server::start(vec![Reply::Hang]);
    let client = client(&server, Transport::Hyper, READ);
    let start = Instant::now();
    let result = block_on(client.list_things().send());
    assert_timed_out(result, start.elapsed(), READ, "hyper from block_on");
}

/// Drops the call's future after 200 ms, as `tokio::time::timeout` does, then checks that the
/// server saw the connection closed and no transport thread is left once the read timeout
/// (plus a second) has passed.
#[test]
fn a_dropped_call_leaves_no_thread_behind() {
    let _serial = serial();
    for transport in ALL {
        let server = Server::start(vec![Reply::Hang]);
        let client = client(&server, transport, READ);
        let runtime = tokio_runtime();
        let start = Instant::now();
        let outcome = runtime.block_on(async {
            tokio::time::timeout(Duration::from_millis(200), client.list_things().send()).await
        });
        assert!(
            outcome.is_err(),
            "{transport:?}: the call was not cut short: {outcome:?}"
        );
        let by = start + READ + SLACK;
        while Instant::now() < by && (transport_threads() > 0 || server.client_closes() == 0) {
            std::thread::sleep(Duration::from_millis(20));
        }
        assert_eq!(
            transport_threads(),
            0,
            "{transport:?}: a transport thread outlived the read timeout: {:?}",
            thread_names()
        );
        assert_eq!(
            server.client_closes(),
            1,
            "{transport:?}: the connection stayed open"
        );
        if let Transport::Hyper = transport {
            // Dropping the future aborts the request at once, not at the read timeout.
            assert!(
                start.elapsed() < READ,
                "hyper: the connection closed only after {:?}",
                start.elapsed()
            );
        }
        drop(runtime);
    }
}

#[test]
fn blocking_reuses_pooled_connections() {
    let _serial = serial();
    let ok = Reply::json(200, r#"{"Things":[{"Name":"a"}]}"#).keep_alive();
    let server = Server::start(vec![ok]);
    let client = client(&server, Transport::Blocking, Duration::from_secs(5));
    for _ in 0..3 {
        let output = block_on(client.list_things().send()).expect("call");
        assert_eq!(output.things().map(<[_]>::len), Some(1));
    }
    // Inside a tokio runtime the pool serves the same connection.
    let output = tokio_runtime()
        .block_on(client.list_things().send())
        .expect("call");
    assert_eq!(output.things().map(<[_]>::len), Some(1));
    assert_eq!(server.request_count(), 4);
    assert_eq!(server.connection_count(), 1, "{:#?}", server.requests());
}

#[test]
fn hyper_reuses_pooled_connections() {
    let _serial = serial();
    let ok = Reply::json(200, r#"{"Things":[{"Name":"a"}]}"#).keep_alive();
    let server = Server::start(vec![ok]);
    let client = client(&server, Transport::Hyper, Duration::from_secs(5));
    let runtime = tokio_runtime();
    for _ in 0..3 {
        let output = runtime.block_on(client.list_things().send()).expect("call");
        assert_eq!(output.things().map(<[_]>::len), Some(1));
    }
    // From another runtime (here, none) the pool still serves the same connection.
    let output = block_on(client.list_things().send()).expect("call");
    assert_eq!(output.things().map(<[_]>::len), Some(1));
    assert_eq!(server.request_count(), 4);
    assert_eq!(server.connection_count(), 1, "{:#?}", server.requests());
}

#[test]
fn hyper_runs_many_calls_on_few_threads() {
    let _serial = serial();
    let ok = Reply::json(200, r#"{"Things":[]}"#).keep_alive();
    let server = Server::start(vec![ok]);
    let client = client(&server, Transport::Hyper, Duration::from_secs(10));
    let runtime = tokio_runtime();
    let before = thread_names().len();
    let results = runtime.block_on(async {
        let calls: Vec<_> = (0..40)
            .map(|_| {
                let client = client.clone();
                tokio::spawn(async move { client.list_things().send().await })
            })
            .collect();
        let mut results = Vec::new();
        for call in calls {
            results.push(call.await.expect("task"));
        }
        results
    });
    assert!(results.iter().all(Result::is_ok), "{results:?}");
    // The server's threads aside, nothing per request: no transport threads at all.
    assert_eq!(transport_threads(), 0);
    assert_eq!(
        threads_named("hyper-runtime"),
        threads_named("hyper-runtime").min(1)
    );
    let client_threads = thread_names()
        .iter()
        .filter(|n| !n.starts_with("test-"))
        .count();
    assert!(client_threads <= before + 8, "{:?}", thread_names());
}

#[test]
fn the_default_transport_with_hyper_enabled_is_hyper() {
    let _serial = serial();
    let config = pager::Config::builder()
        .region("us-east-1")
        .credentials(pager::config::Credentials::new("AKID", "SECRET", None))
        .ignore_environment()
        .build();
    let debug = format!("{config:?}");
    assert!(debug.contains("HyperClient"), "{debug}");
    assert_eq!(config.timeouts(), pager::http::Timeouts::default());
    assert_eq!(config.timeouts().read, Some(Duration::from_secs(60)));
    assert_eq!(config.timeouts().connect, Some(Duration::from_millis(3100)));
    let _: &dyn HttpClient = &HyperClient::default();
}
