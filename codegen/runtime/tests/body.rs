//! Tests of `body.rs`, compiled as its `tests` module.

use super::super::exec::block_on;
use super::*;
use ::std::sync::Arc;

#[test]
fn bodies_can_cross_threads_and_be_shared() {
    fn check<T: Send + Sync + Unpin + 'static>() {}
    check::<Body>();
    check::<BodyReader>();
    check::<BodySender>();
}

#[test]
fn bytes_are_replayable_and_known() {
    let body = Body::from("hello");
    assert_eq!(body.bytes(), Some(&b"hello"[..]));
    assert_eq!(body.content_length(), Some(5));
    assert!(body.is_replayable());
    let copy = body.try_clone().expect("bytes clone");
    assert_eq!(block_on(copy.collect()).expect("collect"), b"hello");
    assert_eq!(block_on(body.collect()).expect("collect"), b"hello");
    assert_eq!(block_on(Body::empty().next()).map(|r| r.is_ok()), None);
}

#[test]
fn reader_is_read_once_in_chunks() {
    let data: Vec<u8> = (0..200_000u32).map(|i| (i % 251) as u8).collect();
    let mut body = Body::from_reader(::std::io::Cursor::new(data.clone()));
    assert!(!body.is_replayable());
    assert!(body.try_clone().is_none());
    assert_eq!(body.content_length(), None);
    assert_eq!(body.bytes(), None);
    let mut got = Vec::new();
    let mut chunks = 0;
    while let Some(chunk) = block_on(body.next()) {
        let chunk = chunk.expect("chunk");
        assert!(chunk.len() <= CHUNK);
        got.extend(chunk);
        chunks += 1;
    }
    assert_eq!(got, data);
    assert!(chunks >= 4, "{chunks} chunks");
}

#[test]
fn reader_with_length_stops_there() {
    let body = Body::from_reader_with_length(::std::io::Cursor::new(vec![7u8; 10]), 4);
    assert_eq!(body.content_length(), Some(4));
    assert_eq!(block_on(body.collect()).expect("collect"), vec![7u8; 4]);
}

#[test]
fn file_replays_from_its_start() {
    let path = ::std::env::temp_dir().join(format!("body-test-{}", ::std::process::id()));
    ::std::fs::write(&path, b"0123456789").expect("write");
    let mut file = ::std::fs::File::open(&path).expect("open");
    file.seek(::std::io::SeekFrom::Start(3)).expect("seek");
    let body = Body::from_file(file).expect("file body");
    assert_eq!(body.content_length(), Some(7));
    assert!(body.is_replayable());
    let first = body.try_clone().expect("clone");
    assert_eq!(block_on(first.collect()).expect("collect"), b"3456789");
    let mut again = String::new();
    body.into_reader().read_to_string(&mut again).expect("read");
    assert_eq!(again, "3456789");
    let whole = Body::from_path(&path).expect("path body");
    assert_eq!(block_on(whole.collect()).expect("collect"), b"0123456789");
    let _ = ::std::fs::remove_file(&path);
    assert!(Body::from_path(&path).is_err());
}

#[test]
fn channel_applies_back_pressure() {
    let (tx, body) = Body::channel(2, Some(30));
    assert_eq!(body.content_length(), Some(30));
    let sent = Arc::new(::std::sync::atomic::AtomicUsize::new(0));
    let counter = sent.clone();
    let producer = ::std::thread::spawn(move || {
        for i in 0..3u8 {
            tx.send(vec![i; 10]).expect("send");
            counter.fetch_add(1, ::std::sync::atomic::Ordering::SeqCst);
        }
    });
    // The third send waits until the reader takes a chunk.
    ::std::thread::sleep(::std::time::Duration::from_millis(50));
    assert_eq!(sent.load(::std::sync::atomic::Ordering::SeqCst), 2);
    let got = block_on(body.collect()).expect("collect");
    producer.join().expect("producer");
    assert_eq!(got.len(), 30);
    assert_eq!(&got[20..], &[2u8; 10]);
}

#[test]
fn a_full_channel_gives_up_at_the_deadline() {
    let (tx, body) = Body::channel(1, None);
    let now = ::std::time::Instant::now();
    assert_eq!(tx.send_until(vec![1], Some(now)), Ok(true));
    // The queue is full and nobody reads: the second chunk waits only until the deadline.
    let deadline = now + ::std::time::Duration::from_millis(100);
    assert_eq!(tx.send_until(vec![2], Some(deadline)), Ok(false));
    assert!(::std::time::Instant::now() >= deadline);
    tx.fail(::std::io::Error::from(::std::io::ErrorKind::TimedOut));
    let error = block_on(body.collect()).expect_err("the body failed");
    assert_eq!(error.kind(), ::std::io::ErrorKind::TimedOut);
}

#[test]
fn channel_error_and_close() {
    let (tx, mut body) = Body::channel(4, None);
    tx.send(b"ab".to_vec()).expect("send");
    tx.fail(::std::io::Error::other("boom"));
    assert_eq!(
        block_on(body.next()).map(|r| r.ok()),
        Some(Some(b"ab".to_vec()))
    );
    let err = block_on(body.next()).and_then(|r| r.err()).expect("error");
    assert_eq!(err.to_string(), "boom");
    assert!(block_on(body.next()).is_none());

    let (tx, body) = Body::channel(1, None);
    drop(body);
    assert_eq!(tx.send(vec![1]), Err(BodyClosed));
}

#[test]
fn channel_reads_blocking() {
    let (tx, body) = Body::channel(1, None);
    let producer = ::std::thread::spawn(move || {
        for _ in 0..5 {
            tx.send(b"xyz".to_vec()).expect("send");
        }
    });
    let mut text = String::new();
    body.into_reader().read_to_string(&mut text).expect("read");
    producer.join().expect("producer");
    assert_eq!(text, "xyz".repeat(5));
}

#[test]
fn limit_is_enforced() {
    let err = block_on(Body::from(vec![0u8; 10]).collect_limited(9)).expect_err("too large");
    assert!(is_too_large(&err));
    assert!(!is_too_large(&::std::io::Error::other("x")));
    let reader = Body::from_reader(::std::io::Cursor::new(vec![0u8; 200_000]));
    assert!(block_on(reader.collect_limited(100_000)).is_err());
    let ok = Body::from_reader(::std::io::Cursor::new(vec![0u8; 100]));
    assert_eq!(block_on(ok.collect_limited(100)).expect("fits").len(), 100);
}
