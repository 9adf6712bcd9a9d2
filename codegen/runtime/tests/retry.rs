//! Tests of `retry.rs`, compiled as its `tests` module.

use super::*;

#[test]
fn starts_full_with_the_sdk_figures() {
    let q = RetryQuota::default();
    assert_eq!(q.available(), 500);
    assert_eq!(q.acquire(false), Some(5));
    assert_eq!(q.available(), 495);
    assert_eq!(q.acquire(true), Some(10));
    assert_eq!(q.available(), 485);
}

#[test]
fn refuses_when_it_cannot_pay_and_takes_nothing() {
    let q = RetryQuota::new(12);
    assert_eq!(q.acquire(true), Some(10));
    assert_eq!(q.acquire(false), None, "2 tokens cannot pay 5");
    assert_eq!(q.available(), 2);
    assert_eq!(q.acquire(true), None);
    assert_eq!(q.available(), 2);
    let q = RetryQuota::new(5);
    assert_eq!(q.acquire(false), Some(5), "exactly enough pays");
    assert_eq!(q.available(), 0);
    assert_eq!(q.acquire(false), None);
}

#[test]
fn success_refunds_the_last_retry_or_adds_one() {
    let q = RetryQuota::default();
    assert_eq!(q.acquire(true), Some(10));
    let last = q.acquire(false);
    assert_eq!(q.available(), 485);
    q.release(last);
    assert_eq!(q.available(), 490, "the last retry's 5 come back");
    q.release(None);
    assert_eq!(q.available(), 491, "a first-attempt success adds 1");
}

#[test]
fn never_holds_more_than_its_capacity() {
    let q = RetryQuota::default();
    q.release(None);
    assert_eq!(q.available(), 500);
    q.acquire(false);
    q.release(Some(10));
    assert_eq!(q.available(), 500);
}

#[test]
fn drains_exactly_under_contention() {
    let q = ::std::sync::Arc::new(RetryQuota::default());
    let handles: Vec<_> = (0..4)
        .map(|_| {
            let q = q.clone();
            ::std::thread::spawn(move || (0..100).filter(|_| q.acquire(false).is_some()).count())
        })
        .collect();
    let granted: usize = handles.into_iter().map(|h| h.join().unwrap()).sum();
    assert_eq!(granted, 100, "500 tokens pay exactly 100 retries");
    assert_eq!(q.available(), 0);
}
