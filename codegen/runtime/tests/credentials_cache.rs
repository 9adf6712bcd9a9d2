//! Tests of `credentials_cache.rs`, compiled as its `tests` module, on a fake clock.

use super::super::exec::{Receiver, Sender, block_on, oneshot};
use super::*;
use ::std::future::Future;
use ::std::sync::atomic::{AtomicUsize, Ordering};
use ::std::time::UNIX_EPOCH;

#[derive(Debug, Clone)]
struct FakeClock(Arc<Mutex<SystemTime>>);

impl FakeClock {
    fn new() -> Self {
        FakeClock(Arc::new(Mutex::new(
            UNIX_EPOCH + Duration::from_secs(1_000_000),
        )))
    }
    fn advance(&self, d: Duration) {
        *self.0.lock().unwrap() += d;
    }
}

impl TimeSource for FakeClock {
    fn now(&self) -> SystemTime {
        *self.0.lock().unwrap()
    }
}

/// Counts loads; each gives credentials valid for `lifetime` from the clock's now (keys
/// numbered by load), or fails when `fail` is set. With a gate, a load waits for it.
struct Counting {
    clock: FakeClock,
    lifetime: Option<Duration>,
    loads: AtomicUsize,
    fail: Mutex<bool>,
    gate: Mutex<Option<Receiver<()>>>,
}

impl Counting {
    fn new(clock: &FakeClock, lifetime: Option<Duration>) -> Arc<Self> {
        Arc::new(Counting {
            clock: clock.clone(),
            lifetime,
            loads: AtomicUsize::new(0),
            fail: Mutex::new(false),
            gate: Mutex::new(None),
        })
    }
    fn loads(&self) -> usize {
        self.loads.load(Ordering::SeqCst)
    }
    fn set_fail(&self, fail: bool) {
        *self.fail.lock().unwrap() = fail;
    }
    fn close_gate(&self) -> Sender<()> {
        let (tx, rx) = oneshot();
        *self.gate.lock().unwrap() = Some(rx);
        tx
    }
}

impl ::std::fmt::Debug for Counting {
    fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
        f.write_str("Counting")
    }
}

impl ProvideCredentials for Counting {
    fn provide_credentials(
        &self,
    ) -> super::super::http::BoxFuture<'_, Result<Credentials, CredentialsError>> {
        let n = self.loads.fetch_add(1, Ordering::SeqCst) + 1;
        let gate = self.gate.lock().unwrap().take();
        Box::pin(async move {
            if let Some(gate) = gate {
                let _ = gate.await;
            }
            if *self.fail.lock().unwrap() {
                return Err(CredentialsError::provider_error(format!("load {n} failed")));
            }
            let c = Credentials::new(format!("K{n}"), "S", None);
            Ok(match self.lifetime {
                Some(l) => c.with_expiry(self.clock.now() + l),
                None => c,
            })
        })
    }
}

fn cache(provider: &Arc<Counting>, clock: &FakeClock) -> CredentialsCache {
    CredentialsCache::from_shared(provider.clone()).with_time_source(clock.clone())
}

fn key(cache: &CredentialsCache) -> String {
    block_on(cache.credentials())
        .unwrap()
        .access_key_id()
        .to_owned()
}

#[test]
fn without_expiry_loads_once() {
    let clock = FakeClock::new();
    let p = Counting::new(&clock, None);
    let c = cache(&p, &clock);
    assert_eq!(key(&c), "K1");
    clock.advance(Duration::from_secs(10 * 365 * 86_400));
    assert_eq!(key(&c), "K1");
    assert_eq!(key(&c.clone()), "K1", "clones share the cache");
    assert_eq!(p.loads(), 1);
}

#[test]
fn refreshes_five_minutes_before_expiry() {
    let clock = FakeClock::new();
    let p = Counting::new(&clock, Some(Duration::from_secs(3600)));
    let c = cache(&p, &clock);
    assert_eq!(key(&c), "K1");
    // 55 min - 1 s: still fresh.
    clock.advance(Duration::from_secs(3600 - 300 - 1));
    assert_eq!(key(&c), "K1");
    assert_eq!(p.loads(), 1);
    // Exactly 5 min before expiry: refreshed.
    clock.advance(Duration::from_secs(1));
    assert_eq!(key(&c), "K2");
    assert_eq!(p.loads(), 2);
    assert_eq!(key(&c), "K2");
    assert_eq!(p.loads(), 2);
}

#[test]
fn short_lived_credentials_refresh_at_half_life() {
    let clock = FakeClock::new();
    let p = Counting::new(&clock, Some(Duration::from_secs(120)));
    let c = cache(&p, &clock);
    assert_eq!(key(&c), "K1");
    clock.advance(Duration::from_secs(59));
    assert_eq!(key(&c), "K1");
    clock.advance(Duration::from_secs(1));
    assert_eq!(key(&c), "K2");
    // A custom buffer.
    let p = Counting::new(&clock, Some(Duration::from_secs(3600)));
    let c = cache(&p, &clock).with_refresh_buffer(Duration::from_secs(10));
    assert_eq!(key(&c), "K1");
    clock.advance(Duration::from_secs(3589));
    assert_eq!(key(&c), "K1");
    clock.advance(Duration::from_secs(1));
    assert_eq!(key(&c), "K2");
}

#[test]
fn errors_are_not_cached() {
    let clock = FakeClock::new();
    let p = Counting::new(&clock, Some(Duration::from_secs(3600)));
    let c = cache(&p, &clock);
    p.set_fail(true);
    assert_eq!(
        block_on(c.credentials()).unwrap_err().message(),
        "load 1 failed"
    );
    assert_eq!(
        block_on(c.credentials()).unwrap_err().message(),
        "load 2 failed"
    );
    p.set_fail(false);
    assert_eq!(key(&c), "K3");
    // A failed refresh while the old credentials are still valid keeps them, and tries again.
    clock.advance(Duration::from_secs(3400));
    p.set_fail(true);
    assert_eq!(key(&c), "K3");
    assert_eq!(key(&c), "K3");
    assert_eq!(p.loads(), 5);
    // Once they expire, the error shows.
    clock.advance(Duration::from_secs(200));
    assert!(block_on(c.credentials()).is_err());
    p.set_fail(false);
    assert_eq!(key(&c), "K7");
}

/// Polls a future once with a waker that counts its wakes.
fn poll_once<F: Future + Unpin>(f: &mut F, wakes: &Arc<WakeCount>) -> Poll<F::Output> {
    let waker = Waker::from(wakes.clone());
    let mut cx = Context::from_waker(&waker);
    ::std::pin::Pin::new(f).poll(&mut cx)
}

#[derive(Default)]
struct WakeCount(AtomicUsize);

impl ::std::task::Wake for WakeCount {
    fn wake(self: Arc<Self>) {
        self.0.fetch_add(1, Ordering::SeqCst);
    }
}

#[test]
fn concurrent_callers_share_one_load() {
    let clock = FakeClock::new();
    let p = Counting::new(&clock, Some(Duration::from_secs(3600)));
    let c = cache(&p, &clock);
    let gate = p.close_gate();
    let mut callers: Vec<_> = (0..5)
        .map(|_| (Box::pin(c.credentials()), Arc::new(WakeCount::default())))
        .collect();
    for (f, wakes) in &mut callers {
        assert!(poll_once(f, wakes).is_pending());
    }
    assert_eq!(p.loads(), 1, "one load in flight");
    gate.send(());
    // The first caller runs the load; the others are woken when it ends.
    let (first, first_wakes) = &mut callers[0];
    assert_eq!(first_wakes.0.load(Ordering::SeqCst), 1);
    assert!(
        matches!(poll_once(first, first_wakes), Poll::Ready(Ok(ref got)) if got.access_key_id() == "K1")
    );
    for (f, wakes) in &mut callers[1..] {
        assert_eq!(wakes.0.load(Ordering::SeqCst), 1, "woken once");
        assert!(
            matches!(poll_once(f, wakes), Poll::Ready(Ok(ref got)) if got.access_key_id() == "K1")
        );
    }
    assert_eq!(p.loads(), 1);
}

#[test]
fn waiters_get_the_error_of_the_load_they_waited_for() {
    let clock = FakeClock::new();
    let p = Counting::new(&clock, Some(Duration::from_secs(3600)));
    let c = cache(&p, &clock);
    p.set_fail(true);
    let gate = p.close_gate();
    let wakes = Arc::new(WakeCount::default());
    let mut first = Box::pin(c.credentials());
    let mut second = Box::pin(c.credentials());
    assert!(poll_once(&mut first, &wakes).is_pending());
    assert!(poll_once(&mut second, &wakes).is_pending());
    gate.send(());
    assert_eq!(block_on(&mut first).unwrap_err().message(), "load 1 failed");
    assert_eq!(
        block_on(&mut second).unwrap_err().message(),
        "load 1 failed"
    );
    assert_eq!(p.loads(), 1);
}

#[test]
fn an_abandoned_load_lets_a_waiter_load() {
    let clock = FakeClock::new();
    let p = Counting::new(&clock, Some(Duration::from_secs(3600)));
    let c = cache(&p, &clock);
    let _gate = p.close_gate();
    let wakes = Arc::new(WakeCount::default());
    let mut loader = Box::pin(c.credentials());
    let mut waiter = Box::pin(c.credentials());
    assert!(poll_once(&mut loader, &wakes).is_pending());
    assert!(poll_once(&mut waiter, &wakes).is_pending());
    drop(loader);
    assert_eq!(wakes.0.load(Ordering::SeqCst), 1, "the waiter is woken");
    assert_eq!(block_on(&mut waiter).unwrap().access_key_id(), "K2");
    assert_eq!(p.loads(), 2);
}

#[test]
fn old_credentials_serve_while_a_refresh_runs() {
    let clock = FakeClock::new();
    let p = Counting::new(&clock, Some(Duration::from_secs(3600)));
    let c = cache(&p, &clock);
    assert_eq!(key(&c), "K1");
    clock.advance(Duration::from_secs(3400));
    let gate = p.close_gate();
    let wakes = Arc::new(WakeCount::default());
    let mut refresher = Box::pin(c.credentials());
    assert!(poll_once(&mut refresher, &wakes).is_pending());
    // Another caller does not wait: K1 is still valid.
    assert_eq!(key(&c), "K1");
    gate.send(());
    assert_eq!(block_on(&mut refresher).unwrap().access_key_id(), "K2");
    assert_eq!(key(&c), "K2");
}

#[test]
fn threads_calling_at_once_see_one_load() {
    let clock = FakeClock::new();
    let p = Counting::new(&clock, Some(Duration::from_secs(3600)));
    let c = cache(&p, &clock);
    let gate = p.close_gate();
    let handles: Vec<_> = (0..8)
        .map(|_| {
            let c = c.clone();
            ::std::thread::spawn(move || key(&c))
        })
        .collect();
    ::std::thread::sleep(Duration::from_millis(50));
    gate.send(());
    for h in handles {
        assert_eq!(h.join().unwrap(), "K1");
    }
    assert_eq!(p.loads(), 1);
}
