//! Tests of `exec.rs`, compiled as its `tests` module.

use super::*;

#[test]
fn oneshot_delivers_across_threads() {
    let (tx, rx) = oneshot();
    ::std::thread::spawn(move || tx.send(42));
    assert_eq!(block_on(rx), Some(42));
}

#[test]
fn dropped_sender_closes() {
    let (tx, rx) = oneshot::<u8>();
    drop(tx);
    assert_eq!(block_on(rx), None);
}

#[test]
fn thread_sleep_waits() {
    use super::super::http::Sleep as _;
    let start = ::std::time::Instant::now();
    block_on(ThreadSleep.sleep(::std::time::Duration::from_millis(20)));
    assert!(start.elapsed() >= ::std::time::Duration::from_millis(20));
}

fn thread_count() -> usize {
    ::std::fs::read_dir("/proc/self/task").map_or(0, Iterator::count)
}

#[test]
fn many_sleeps_share_one_thread_and_end_in_order() {
    use super::super::http::Sleep as _;
    use ::std::time::{Duration, Instant};
    // Start the timer thread first, so the count below sees only what the sleeps add.
    block_on(ThreadSleep.sleep(Duration::from_millis(1)));
    let before = thread_count();
    let start = Instant::now();
    let (tx, rx) = ::std::sync::mpsc::channel();
    let mut sleeps: ::std::vec::Vec<_> = (0..200u64)
        .map(|i| {
            let tx = tx.clone();
            let sleep = ThreadSleep.sleep(Duration::from_millis(20 + (i % 10) * 5));
            async move {
                sleep.await;
                let _ = tx.send((i, start.elapsed()));
            }
        })
        .map(::std::boxed::Box::pin)
        .collect();
    // Poll them all on this thread until every one is done.
    let waker = Waker::from(Arc::new(ThreadWaker(::std::thread::current())));
    let mut cx = Context::from_waker(&waker);
    let mut peak = 0;
    while !sleeps.is_empty() {
        sleeps.retain_mut(|s| s.as_mut().poll(&mut cx).is_pending());
        peak = peak.max(thread_count());
        if !sleeps.is_empty() {
            ::std::thread::park_timeout(Duration::from_millis(50));
        }
    }
    drop(tx);
    let done: ::std::vec::Vec<_> = rx.iter().collect();
    assert_eq!(done.len(), 200);
    for (i, elapsed) in done {
        assert!(
            elapsed >= Duration::from_millis(20 + (i % 10) * 5),
            "{i}: {elapsed:?}"
        );
    }
    // Other tests run in parallel threads of their own, so allow for a few of them.
    assert!(peak <= before + 4, "{peak} threads, {before} before");
}

#[test]
fn dropped_sleep_is_forgotten() {
    use super::super::http::Sleep as _;
    use ::std::time::Duration;
    let mut sleep = ThreadSleep.sleep(Duration::from_secs(3600));
    let waker = Waker::noop();
    assert!(
        sleep
            .as_mut()
            .poll(&mut Context::from_waker(waker))
            .is_pending()
    );
    let pending = || timer_shared().timers.lock().map_or(0, |t| t.pending.len());
    let with = pending();
    drop(sleep);
    assert!(
        pending() < with || with == 0,
        "the registration stays after drop"
    );
    // A later, shorter sleep is not held up behind the dropped one.
    let start = ::std::time::Instant::now();
    block_on(ThreadSleep.sleep(Duration::from_millis(10)));
    assert!(start.elapsed() < Duration::from_secs(5));
}

#[test]
fn overflowing_sleep_never_ends() {
    use super::super::http::Sleep as _;
    let mut sleep = ThreadSleep.sleep(::std::time::Duration::MAX);
    assert!(
        sleep
            .as_mut()
            .poll(&mut Context::from_waker(Waker::noop()))
            .is_pending()
    );
}
