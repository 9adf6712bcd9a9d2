//! The `tracing` feature: one `operation` span per call, one `attempt` span per attempt
//! inside it (attempt number, status, request id), and an event for each retry decision with
//! its reason. Checked with a small subscriber written here, over loopback with `generated/pager`.

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use tests::server::{Reply, Server};
use tracing::field::{Field, Visit};
use tracing::span::{Attributes, Id, Record};
use tracing::{Event, Metadata, Subscriber};

/// A span as recorded: its name, parent and fields.
#[derive(Debug, Clone, Default)]
struct SpanRecord {
    name: String,
    parent: Option<u64>,
    fields: BTreeMap<String, String>,
}

/// An event: its message, fields and the span it happened in.
#[derive(Debug, Clone)]
struct EventRecord {
    span: Option<u64>,
    level: tracing::Level,
    fields: BTreeMap<String, String>,
}

#[derive(Default)]
struct Log {
    spans: BTreeMap<u64, SpanRecord>,
    events: Vec<EventRecord>,
    /// The entered spans of each thread, innermost last.
    stacks: std::collections::HashMap<std::thread::ThreadId, Vec<u64>>,
}

/// Records what the crate's own module (`pager::rt::trace`) emits; ignores everything else.
#[derive(Clone, Default)]
struct Recorder {
    log: Arc<Mutex<Log>>,
    next: Arc<AtomicU64>,
}

struct Fields<'a>(&'a mut BTreeMap<String, String>);

impl Visit for Fields<'_> {
    fn record_debug(&mut self, field: &Field, value: &dyn std::fmt::Debug) {
        self.0
            .insert(field.name().to_string(), format!("{value:?}"));
    }
    fn record_str(&mut self, field: &Field, value: &str) {
        self.0.insert(field.name().to_string(), value.to_string());
    }
}

impl Subscriber for Recorder {
    fn enabled(&self, metadata: &Metadata<'_>) -> bool {
        metadata.target().starts_with("pager::")
    }
    fn new_span(&self, attrs: &Attributes<'_>) -> Id {
        let id = self.next.fetch_add(1, Ordering::SeqCst) + 1;
        let mut log = self.log.lock().unwrap();
        let parent = match attrs.parent() {
            Some(p) => Some(p.into_u64()),
            None if attrs.is_contextual() => log
                .stacks
                .get(&std::thread::current().id())
                .and_then(|s| s.last().copied()),
            None => None,
        };
        let mut record = SpanRecord {
            name: attrs.metadata().name().to_string(),
            parent,
            ..SpanRecord::default()
        };
        attrs.record(&mut Fields(&mut record.fields));
        log.spans.insert(id, record);
        Id::from_u64(id)
    }
    fn record(&self, span: &Id, values: &Record<'_>) {
        let mut log = self.log.lock().unwrap();
        if let Some(record) = log.spans.get_mut(&span.into_u64()) {
            values.record(&mut Fields(&mut record.fields));
        }
    }
    fn record_follows_from(&self, _span: &Id, _follows: &Id) {}
    fn event(&self, event: &Event<'_>) {
        let mut log = self.log.lock().unwrap();
        let span = log
            .stacks
            .get(&std::thread::current().id())
            .and_then(|s| s.last().copied());
        let mut fields = BTreeMap::new();
        event.record(&mut Fields(&mut fields));
        log.events.push(EventRecord {
            span,
            level: *event.metadata().level(),
            fields,
        });
    }
    fn enter(&self, span: &Id) {
        let mut log = self.log.lock().unwrap();
        log.stacks
            .entry(std::thread::current().id())
            .or_default()
            .push(span.into_u64());
    }
    fn exit(&self, span: &Id) {
        let mut log = self.log.lock().unwrap();
        if let Some(stack) = log.stacks.get_mut(&std::thread::current().id())
            && let Some(i) = stack.iter().rposition(|s| *s == span.into_u64())
        {
            stack.remove(i);
        }
    }
}

fn client(server: &Server, attempts: u32) -> pager::Client {
    let config = pager::Config::builder()
        .region("us-east-1")
        .endpoint_url(server.url())
        .credentials(pager::config::Credentials::new("AKID", "SECRET", None))
        .retry_config(
            pager::config::RetryConfig::standard()
                .with_max_attempts(attempts)
                .with_initial_backoff(Duration::from_millis(1))
                .with_max_backoff(Duration::from_millis(5)),
        )
        .read_timeout(Duration::from_secs(5))
        .http_client(pager::http::BlockingClient::new())
        .ignore_environment()
        .build();
    pager::Client::new(config)
}

fn run(recorder: &Recorder, client: &pager::Client) -> bool {
    tracing::subscriber::with_default(recorder.clone(), || {
        pager::http::block_on(client.list_things().send()).is_ok()
    })
}

#[test]
fn spans_per_operation_and_attempt_and_retry_decisions() {
    let failure = |id: &str| {
        Reply::json(500, r#"{"__type":"InternalError","message":"boom"}"#)
            .header("x-amzn-RequestId", id)
    };
    let server = Server::start(vec![
        failure("req-1"),
        Reply::new(503, "<html>busy</html>").header("x-amzn-RequestId", "req-2"),
        Reply::json(200, r#"{"Things":[]}"#).header("x-amzn-RequestId", "req-3"),
    ]);
    let recorder = Recorder::default();
    assert!(run(&recorder, &client(&server, 3)));
    let log = recorder.log.lock().unwrap();

    let operations: Vec<_> = log
        .spans
        .iter()
        .filter(|(_, s)| s.name == "operation")
        .collect();
    assert_eq!(operations.len(), 1, "{:#?}", log.spans);
    let (&op_id, op) = operations[0];
    assert_eq!(
        op.fields.get("operation").map(String::as_str),
        Some("ListThings")
    );
    assert_eq!(op.fields.get("attempts").map(String::as_str), Some("3"));
    assert_eq!(op.fields.get("status").map(String::as_str), Some("200"));
    assert!(op.fields.contains_key("service"), "{op:?}");

    let attempts: Vec<_> = log
        .spans
        .iter()
        .filter(|(_, s)| s.name == "attempt")
        .collect();
    assert_eq!(attempts.len(), 3, "{:#?}", log.spans);
    for (i, (_, attempt)) in attempts.iter().enumerate() {
        assert_eq!(
            attempt.parent,
            Some(op_id),
            "attempt {i} is not inside the operation"
        );
        assert_eq!(attempt.fields.get("attempt"), Some(&(i + 1).to_string()));
        let status = ["500", "503", "200"][i];
        assert_eq!(
            attempt.fields.get("status").map(String::as_str),
            Some(status)
        );
        let id = format!("req-{}", i + 1);
        assert_eq!(attempt.fields.get("request_id"), Some(&id));
    }

    let decisions: Vec<_> = log
        .events
        .iter()
        .filter(|e| e.fields.contains_key("retry"))
        .collect();
    assert_eq!(decisions.len(), 2, "{:#?}", log.events);
    for (decision, &(&attempt_id, _)) in decisions.iter().zip(&attempts) {
        assert_eq!(decision.span, Some(attempt_id), "{decision:?}");
        assert_eq!(decision.level, tracing::Level::DEBUG);
        assert_eq!(
            decision.fields.get("retry").map(String::as_str),
            Some("true")
        );
        assert_eq!(
            decision.fields.get("reason").map(String::as_str),
            Some("transient")
        );
        assert!(decision.fields.contains_key("delay_ms"), "{decision:?}");
    }
}

#[test]
fn the_last_decision_says_why_there_is_no_retry() {
    let server = Server::start(vec![
        Reply::json(400, r#"{"__type":"BadRequest","message":"no"}"#),
        Reply::new(500, ""),
        Reply::new(429, ""),
    ]);
    let recorder = Recorder::default();
    // A 400 is not retried.
    assert!(!run(&recorder, &client(&server, 3)));
    // Two retryable failures with two attempts allowed: the second is the last.
    assert!(!run(&recorder, &client(&server, 2)));
    let log = recorder.log.lock().unwrap();
    let reasons: Vec<_> = log
        .events
        .iter()
        .filter_map(|e| {
            Some((
                e.fields.get("retry")?.clone(),
                e.fields.get("reason")?.clone(),
            ))
        })
        .collect();
    let expected = [
        ("false", "not retryable"),
        ("true", "transient"),
        ("false", "attempts exhausted"),
    ]
    .map(|(r, why)| (r.to_string(), why.to_string()));
    assert_eq!(reasons, expected);
}

#[test]
fn a_timeout_is_a_reason_too() {
    let server = Server::start(vec![Reply::Hang]);
    let recorder = Recorder::default();
    // The default transport here, hyper (pager is built with the feature), from block_on.
    let config = pager::Config::builder()
        .region("us-east-1")
        .endpoint_url(server.url())
        .credentials(pager::config::Credentials::new("AKID", "SECRET", None))
        .retry_config(
            pager::config::RetryConfig::standard()
                .with_max_attempts(2)
                .with_initial_backoff(Duration::from_millis(1)),
        )
        .read_timeout(Duration::from_millis(200))
        .ignore_environment()
        .build();
    assert!(!run(&recorder, &pager::Client::new(config)));
    let log = recorder.log.lock().unwrap();
    let attempts: Vec<_> = log.spans.values().filter(|s| s.name == "attempt").collect();
    assert_eq!(attempts.len(), 2);
    assert!(
        !attempts[0].fields.contains_key("status"),
        "no response, no status: {attempts:?}"
    );
    let reasons: Vec<_> = log
        .events
        .iter()
        .filter_map(|e| e.fields.get("reason").map(String::as_str))
        .collect();
    assert_eq!(reasons, ["timeout", "attempts exhausted"]);
}
