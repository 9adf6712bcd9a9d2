//! The channel behind [`Body::channel`](super::body::Body::channel): a bounded queue of
//! chunks between a sending thread and the body's reader, with back-pressure both ways and
//! wake-ups for async readers.

use ::std::sync::{Arc, Condvar, Mutex};
use ::std::task::{Context, Poll, Waker};

/// A sender and receiver around one queue holding at most `capacity` chunks (at least one).
pub(crate) fn pair(capacity: usize) -> (BodySender, ChannelReceiver) {
    let shared = Arc::new(Shared {
        state: Mutex::new(ChannelState {
            chunks: ::std::collections::VecDeque::new(),
            capacity: capacity.max(1),
            sender_done: false,
            receiver_gone: false,
            waker: None,
        }),
        changed: Condvar::new(),
    });
    (BodySender(shared.clone()), ChannelReceiver(shared))
}

struct Shared {
    state: Mutex<ChannelState>,
    /// Signalled whenever a chunk is queued or taken, or either side closes.
    changed: Condvar,
}

struct ChannelState {
    chunks: ::std::collections::VecDeque<::std::io::Result<::std::vec::Vec<u8>>>,
    capacity: usize,
    sender_done: bool,
    receiver_gone: bool,
    waker: ::std::option::Option<Waker>,
}

impl Shared {
    /// Runs `f` on the state, then wakes the other side.
    fn update<T>(&self, f: impl FnOnce(&mut ChannelState) -> T) -> ::std::option::Option<T> {
        let (out, waker) = {
            let mut state = self.state.lock().ok()?;
            let out = f(&mut state);
            (out, state.waker.take())
        };
        self.wake(waker);
        Some(out)
    }

    /// Wakes a blocked thread and the async reader's task, once the lock is released.
    fn wake(&self, waker: ::std::option::Option<Waker>) {
        self.changed.notify_all();
        if let Some(w) = waker {
            w.wake();
        }
    }
}

/// Feeds a [`Body::channel`](super::body::Body::channel) from another thread. Dropping it
/// ends the body.
pub struct BodySender(Arc<Shared>);

/// The body was dropped: nobody reads what is sent any more.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BodyClosed;

impl ::std::fmt::Display for BodyClosed {
    fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
        f.write_str("the body was dropped before it was read to the end")
    }
}

impl ::std::error::Error for BodyClosed {}

impl BodySender {
    /// Queues a chunk, blocking while the queue is full. Fails once the body is dropped, so
    /// the producer can stop.
    pub fn send(&self, chunk: ::std::vec::Vec<u8>) -> ::std::result::Result<(), BodyClosed> {
        self.send_until(chunk, None).map(|_| ())
    }

    /// Like [`BodySender::send`], but waits for room in the queue only until `deadline`:
    /// `Ok(false)` when it passed with the queue still full (the chunk is not queued), so a
    /// producer bound by a deadline is never held by a reader that stopped reading.
    pub fn send_until(
        &self,
        chunk: ::std::vec::Vec<u8>,
        deadline: ::std::option::Option<::std::time::Instant>,
    ) -> ::std::result::Result<bool, BodyClosed> {
        let Ok(mut state) = self.0.state.lock() else {
            return Err(BodyClosed);
        };
        while !state.receiver_gone && state.chunks.len() >= state.capacity {
            state = match deadline {
                None => self.0.changed.wait(state).map_err(|_| BodyClosed)?,
                Some(deadline) => {
                    let left = deadline.saturating_duration_since(::std::time::Instant::now());
                    if left.is_zero() {
                        return Ok(false);
                    }
                    self.0
                        .changed
                        .wait_timeout(state, left)
                        .map_err(|_| BodyClosed)?
                        .0
                }
            };
        }
        if state.receiver_gone {
            return Err(BodyClosed);
        }
        state.chunks.push_back(Ok(chunk));
        let waker = state.waker.take();
        drop(state);
        self.0.wake(waker);
        Ok(true)
    }

    /// Feeds the body from `reader` in chunks of `chunk` bytes until its end (`Ok(true)`) or
    /// until the body is dropped (`Ok(false)`: stop reading). A read error, or `deadline`
    /// passing while the queue is full, is `Err`, for [`BodySender::fail`].
    pub(crate) fn pump(
        &self,
        reader: &mut impl ::std::io::Read,
        chunk: usize,
        deadline: ::std::option::Option<::std::time::Instant>,
    ) -> ::std::io::Result<bool> {
        loop {
            let mut buf = ::std::vec![0u8; chunk];
            match reader.read(&mut buf) {
                Ok(0) => return Ok(true),
                Ok(n) => {
                    buf.truncate(n);
                    match self.send_until(buf, deadline) {
                        Ok(true) => {}
                        Ok(false) => {
                            return Err(::std::io::Error::new(
                                ::std::io::ErrorKind::TimedOut,
                                "the read timeout passed while the body waited to be read",
                            ));
                        }
                        Err(BodyClosed) => return Ok(false),
                    }
                }
                Err(e) if e.kind() == ::std::io::ErrorKind::Interrupted => {}
                Err(e) => return Err(e),
            }
        }
    }

    /// Ends the body with an error, which the reader gets after the chunks already queued.
    pub fn fail(self, error: ::std::io::Error) {
        self.0.update(|s| s.chunks.push_back(Err(error)));
    }
}

impl ::std::fmt::Debug for BodySender {
    fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
        f.write_str("BodySender")
    }
}

impl Drop for BodySender {
    fn drop(&mut self) {
        self.0.update(|s| s.sender_done = true);
    }
}

pub(crate) struct ChannelReceiver(Arc<Shared>);

impl ChannelReceiver {
    pub(crate) fn poll_recv(
        &self,
        cx: &mut Context<'_>,
    ) -> Poll<::std::option::Option<::std::io::Result<::std::vec::Vec<u8>>>> {
        let Ok(mut state) = self.0.state.lock() else {
            return Poll::Ready(Some(Err(::std::io::Error::other("the body stream failed"))));
        };
        if let Some(chunk) = state.chunks.pop_front() {
            drop(state);
            self.0.changed.notify_all();
            return Poll::Ready(Some(chunk));
        }
        if state.sender_done {
            return Poll::Ready(None);
        }
        state.waker = Some(cx.waker().clone());
        Poll::Pending
    }

    pub(crate) fn recv_blocking(
        &self,
    ) -> ::std::option::Option<::std::io::Result<::std::vec::Vec<u8>>> {
        let Ok(mut state) = self.0.state.lock() else {
            return Some(Err(::std::io::Error::other("the body stream failed")));
        };
        loop {
            if let Some(chunk) = state.chunks.pop_front() {
                drop(state);
                self.0.changed.notify_all();
                return Some(chunk);
            }
            if state.sender_done {
                return None;
            }
            state = match self.0.changed.wait(state) {
                Ok(s) => s,
                Err(_) => return Some(Err(::std::io::Error::other("the body stream failed"))),
            };
        }
    }
}

impl Drop for ChannelReceiver {
    fn drop(&mut self) {
        self.0.update(|s| {
            s.receiver_gone = true;
            s.chunks.clear();
        });
    }
}
