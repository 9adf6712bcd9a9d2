//! Executor-independent async plumbing: a one-shot channel whose receiver is a future, a
//! thread-based sleep, and `block_on` for synchronous callers. The default transport runs
//! blocking I/O on a helper thread and completes a future through this channel, so the client
//! works under any async runtime (or none) without pulling one in.

use ::std::future::Future;
use ::std::pin::Pin;
use ::std::sync::{Arc, Mutex};
use ::std::task::{Context, Poll, Wake, Waker};

struct Slot<T> {
    value: ::std::option::Option<T>,
    waker: ::std::option::Option<Waker>,
    closed: bool,
}

/// The sending half of a one-shot channel.
pub(crate) struct Sender<T>(Arc<Mutex<Slot<T>>>);

/// The receiving half: a future of the value, or `None` if the sender was dropped unused.
pub(crate) struct Receiver<T>(Arc<Mutex<Slot<T>>>);

/// A one-shot channel.
pub(crate) fn oneshot<T>() -> (Sender<T>, Receiver<T>) {
    let slot = Arc::new(Mutex::new(Slot {
        value: None,
        waker: None,
        closed: false,
    }));
    (Sender(slot.clone()), Receiver(slot))
}

impl<T> Sender<T> {
    /// Delivers the value and wakes the receiver.
    pub(crate) fn send(self, value: T) {
        let waker = match self.0.lock() {
            Ok(mut slot) => {
                slot.value = Some(value);
                slot.waker.take()
            }
            Err(_) => None,
        };
        if let Some(w) = waker {
            w.wake();
        }
    }
}

impl<T> Drop for Sender<T> {
    fn drop(&mut self) {
        let waker = match self.0.lock() {
            Ok(mut slot) => {
                slot.closed = true;
                slot.waker.take()
            }
            Err(_) => None,
        };
        if let Some(w) = waker {
            w.wake();
        }
    }
}

impl<T> Future for Receiver<T> {
    type Output = ::std::option::Option<T>;
    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let Ok(mut slot) = self.0.lock() else {
            return Poll::Ready(None);
        };
        if let Some(v) = slot.value.take() {
            return Poll::Ready(Some(v));
        }
        if slot.closed {
            return Poll::Ready(None);
        }
        slot.waker = Some(cx.waker().clone());
        Poll::Pending
    }
}

/// Sleeps on a helper thread.
#[derive(Debug, Clone, Copy, Default)]
pub struct ThreadSleep;

impl super::http::Sleep for ThreadSleep {
    fn sleep(&self, duration: ::std::time::Duration) -> super::http::BoxFuture<'static, ()> {
        let (tx, rx) = oneshot::<()>();
        let spawned = ::std::thread::Builder::new()
            .name("sleep".into())
            .spawn(move || {
                ::std::thread::sleep(duration);
                tx.send(());
            });
        ::std::boxed::Box::pin(async move {
            if spawned.is_ok() {
                let _ = rx.await;
            }
        })
    }
}

struct ThreadWaker(::std::thread::Thread);

impl Wake for ThreadWaker {
    fn wake(self: Arc<Self>) {
        self.0.unpark();
    }
}

/// Runs a future to completion on the current thread. For synchronous programs and tests; in
/// async code, `.await` the future instead.
pub fn block_on<F: Future>(future: F) -> F::Output {
    let mut future = ::std::pin::pin!(future);
    let waker = Waker::from(Arc::new(ThreadWaker(::std::thread::current())));
    let mut cx = Context::from_waker(&waker);
    loop {
        if let Poll::Ready(v) = future.as_mut().poll(&mut cx) {
            return v;
        }
        ::std::thread::park();
    }
}

#[cfg(test)]
#[path = "tests/exec.rs"]
mod tests;
