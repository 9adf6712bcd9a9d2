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
