//! The standard retry mode through a scripted in-memory transport: the retry quota shared by
//! every call of one configuration, responses too large to read, and the attempt count on the
//! final error.

use std::collections::VecDeque;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use gamesparks::config::{Credentials, RetryConfig};
use gamesparks::error::SdkError;
use gamesparks::http::{
    BoxFuture, HttpClient, HttpRequest, HttpResponse, Sleep, Timeouts, TransportError,
    TransportErrorKind,
};
use gamesparks::operation::get_stage_deployment::{
    GetStageDeploymentError, GetStageDeploymentOutput,
};
use gamesparks::{Client, Config};

type CallResult = Result<GetStageDeploymentOutput, SdkError<GetStageDeploymentError>>;

/// What the transport does for one request.
#[derive(Clone, Copy, Debug)]
enum Step {
    Ok,
    Status500,
    Timeout,
    /// A 200 (or other status) whose body is one byte over the client's 64 MiB limit.
    Huge(u16),
}

/// Answers from a script; when the script runs out, every request gets the `fallback`.
#[derive(Debug, Clone)]
struct Scripted {
    script: Arc<Mutex<VecDeque<Step>>>,
    fallback: Step,
    sent: Arc<Mutex<usize>>,
}

impl Scripted {
    fn new(fallback: Step) -> Self {
        Scripted {
            script: Arc::default(),
            fallback,
            sent: Arc::default(),
        }
    }
    fn then(&self, steps: &[Step]) {
        self.script.lock().unwrap().extend(steps);
    }
    /// Requests sent so far, and resets the count.
    fn take_sent(&self) -> usize {
        std::mem::take(&mut *self.sent.lock().unwrap())
    }
}

impl HttpClient for Scripted {
    fn send(
        &self,
        _request: HttpRequest,
        _timeouts: Timeouts,
    ) -> BoxFuture<'_, Result<HttpResponse, TransportError>> {
        *self.sent.lock().unwrap() += 1;
        let step = self
            .script
            .lock()
            .unwrap()
            .pop_front()
            .unwrap_or(self.fallback);
        Box::pin(async move {
            match step {
                Step::Ok => Ok(HttpResponse::new(200, r#"{"StageDeployment":{}}"#)),
                Step::Status500 => Ok(HttpResponse::new(500, r#"{"message":"boom"}"#)
                    .with_header("x-amzn-requestid", "req-500")),
                Step::Timeout => Err(TransportError::new(TransportErrorKind::Timeout, "read")),
                Step::Huge(status) => Ok(HttpResponse::new(status, vec![0u8; (64 << 20) + 1])),
            }
        })
    }
}

/// Backoff without waiting.
#[derive(Debug)]
struct NoSleep;

impl Sleep for NoSleep {
    fn sleep(&self, _duration: Duration) -> BoxFuture<'static, ()> {
        Box::pin(async {})
    }
}

fn config(transport: &Scripted, max_attempts: u32) -> Config {
    Config::builder()
        .region("us-east-1")
        .credentials(Credentials::new("AKID", "SECRET", None))
        .retry_config(RetryConfig::standard().with_max_attempts(max_attempts))
        .http_client(transport.clone())
        .sleep_impl(NoSleep)
        .ignore_environment()
        .build()
}

fn call(client: &Client) -> CallResult {
    gamesparks::http::block_on(
        client
            .get_stage_deployment()
            .game_name("g")
            .stage_name("s")
            .send(),
    )
}

#[test]
fn the_quota_stops_retries_once_drained_across_clients_of_one_config() {
    let transport = Scripted::new(Step::Status500);
    let config = config(&transport, 3);
    // Two clients of one configuration (one through a clone) draw on one bucket: each failing
    // call retries twice at 5 tokens each, so 50 calls spend the 500 tokens.
    let a = Client::new(config.clone());
    let b = Client::new(config);
    for i in 0..50 {
        let client = if i % 2 == 0 { &a } else { &b };
        let err = call(client).unwrap_err();
        assert_eq!(err.attempts(), 3, "call {i}");
    }
    assert_eq!(transport.take_sent(), 150);
    let err = call(&a).unwrap_err();
    assert_eq!(err.attempts(), 1, "no tokens left: no retry");
    assert_eq!(transport.take_sent(), 1);
    assert_eq!(err.status(), Some(500));
    // Another configuration has its own full bucket.
    let fresh = Client::new(self::config(&transport, 3));
    assert_eq!(call(&fresh).unwrap_err().attempts(), 3);
}

#[test]
fn timeouts_cost_twice_as_much() {
    let transport = Scripted::new(Step::Timeout);
    let client = Client::new(config(&transport, 3));
    for _ in 0..25 {
        let err = call(&client).unwrap_err();
        assert!(matches!(err, SdkError::Timeout(_)), "{err}");
        assert_eq!(err.attempts(), 3);
    }
    assert_eq!(call(&client).unwrap_err().attempts(), 1);
}

#[test]
fn successes_refill_the_quota() {
    let transport = Scripted::new(Step::Status500);
    let client = Client::new(config(&transport, 2));
    // Drain: each call retries once for 5 tokens.
    for _ in 0..100 {
        assert_eq!(call(&client).unwrap_err().attempts(), 2);
    }
    assert_eq!(call(&client).unwrap_err().attempts(), 1, "drained");
    // Five first-attempt successes give back one token each: one retry's worth.
    transport.then(&[Step::Ok; 5]);
    for _ in 0..5 {
        call(&client).expect("success");
    }
    // A success after a retry refunds that retry's cost, so the bucket still pays one retry.
    transport.then(&[Step::Status500, Step::Ok]);
    call(&client).expect("success on the retry");
    transport.take_sent();
    assert_eq!(call(&client).unwrap_err().attempts(), 2, "one retry paid");
    assert_eq!(call(&client).unwrap_err().attempts(), 1, "drained again");
    assert_eq!(transport.take_sent(), 3);
}

#[test]
fn a_response_too_large_is_its_own_kind_and_not_retried() {
    for status in [200, 500] {
        let transport = Scripted::new(Step::Huge(status));
        let client = Client::new(config(&transport, 3));
        let err = call(&client).unwrap_err();
        assert!(matches!(err, SdkError::ResponseTooLarge(_)), "{err:?}");
        assert_eq!(err.kind_name(), "response_too_large");
        assert_eq!(err.status(), Some(status));
        assert_eq!(err.attempts(), 1);
        assert_eq!(transport.take_sent(), 1, "HTTP {status}: not retried");
        let shown = err.to_string();
        assert!(shown.contains("64 MiB"), "{shown}");
    }
}

#[test]
fn the_final_error_says_how_many_attempts_were_made() {
    let transport = Scripted::new(Step::Status500);
    let client = Client::new(config(&transport, 4));
    let err = call(&client).unwrap_err();
    assert_eq!(err.attempts(), 4);
    assert_eq!(
        err.to_string(),
        "service error: unhandled error: boom (HTTP 500, request id req-500, after 4 attempts)"
    );
    let Some(SdkError::Service(e)) = Some(&err) else {
        panic!("{err:?}")
    };
    assert_eq!(e.attempts, 4);
    // Retries that succeed leave no error; one that fails at once says nothing of attempts.
    transport.then(&[Step::Status500, Step::Ok]);
    call(&client).expect("the retry succeeds");
    let client = Client::new(config(&transport, 1));
    let shown = call(&client).unwrap_err().to_string();
    assert!(!shown.contains("attempts"), "{shown}");
}
