//! Executor-independent async plumbing: a one-shot channel whose receiver is a future, a
//! sleep on one shared timer thread, and `block_on` for synchronous callers. The default
//! transport runs blocking I/O on a helper thread and completes a future through this channel,
//! so the client works under any async runtime (or none) without pulling one in.

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

/// Sleeps without a thread per sleep: every sleep of the process waits on one shared timer
/// thread, started on first use, which keeps the pending deadlines in order and wakes each
/// future when its time comes. Dropping the future forgets its deadline. If the timer thread
/// cannot be started, the sleep ends at once (the retry comes early rather than never).
#[derive(Debug, Clone, Copy, Default)]
pub struct ThreadSleep;

impl super::http::Sleep for ThreadSleep {
    fn sleep(&self, duration: ::std::time::Duration) -> super::http::BoxFuture<'static, ()> {
        timer(duration)
    }
}

/// A future that completes after `duration`, kept by the shared timer thread.
pub(crate) fn timer(duration: ::std::time::Duration) -> super::http::BoxFuture<'static, ()> {
    ::std::boxed::Box::pin(TimerSleep {
        deadline: ::std::time::Instant::now().checked_add(duration),
        key: None,
    })
}

/// The timer thread's state: pending deadlines (with a sequence number, so equal instants stay
/// distinct) and the waker of each.
struct Timers {
    pending: ::std::collections::BTreeMap<(::std::time::Instant, u64), Waker>,
    next: u64,
    started: bool,
}

struct TimerShared {
    timers: Mutex<Timers>,
    changed: ::std::sync::Condvar,
}

fn timer_shared() -> &'static TimerShared {
    static SHARED: ::std::sync::OnceLock<TimerShared> = ::std::sync::OnceLock::new();
    SHARED.get_or_init(|| TimerShared {
        timers: Mutex::new(Timers {
            pending: ::std::collections::BTreeMap::new(),
            next: 0,
            started: false,
        }),
        changed: ::std::sync::Condvar::new(),
    })
}

/// The timer thread: waits for the earliest deadline (or a new, earlier one), then wakes every
/// future whose deadline has passed.
fn run_timer(shared: &'static TimerShared) {
    let Ok(mut timers) = shared.timers.lock() else {
        return;
    };
    loop {
        let now = ::std::time::Instant::now();
        let mut due = ::std::vec::Vec::new();
        while let Some(entry) = timers.pending.first_entry() {
            if entry.key().0 > now {
                break;
            }
            due.push(entry.remove());
        }
        if !due.is_empty() {
            drop(timers);
            due.into_iter().for_each(Waker::wake);
            timers = match shared.timers.lock() {
                Ok(t) => t,
                Err(_) => return,
            };
            continue;
        }
        let wait = timers
            .pending
            .first_key_value()
            .map(|((at, _), _)| at.saturating_duration_since(now));
        timers = match wait {
            Some(wait) => match shared.changed.wait_timeout(timers, wait) {
                Ok((t, _)) => t,
                Err(_) => return,
            },
            None => match shared.changed.wait(timers) {
                Ok(t) => t,
                Err(_) => return,
            },
        };
    }
}

/// A sleep registered with the shared timer thread.
struct TimerSleep {
    /// `None` when the duration overflows: never ends.
    deadline: ::std::option::Option<::std::time::Instant>,
    /// The registration, once polled.
    key: ::std::option::Option<(::std::time::Instant, u64)>,
}

impl Future for TimerSleep {
    type Output = ();
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        let Some(deadline) = self.deadline else {
            return Poll::Pending;
        };
        if ::std::time::Instant::now() >= deadline {
            return Poll::Ready(());
        }
        let shared = timer_shared();
        let Ok(mut timers) = shared.timers.lock() else {
            return Poll::Ready(());
        };
        if !timers.started {
            let spawned = ::std::thread::Builder::new()
                .name("sleep-timer".into())
                .spawn(move || run_timer(shared));
            if spawned.is_err() {
                return Poll::Ready(());
            }
            timers.started = true;
        }
        let key = match self.key {
            Some(key) => key,
            None => {
                timers.next += 1;
                (deadline, timers.next)
            }
        };
        let earliest = timers
            .pending
            .first_key_value()
            .is_none_or(|(k, _)| key < *k);
        timers.pending.insert(key, cx.waker().clone());
        drop(timers);
        self.key = Some(key);
        if earliest {
            shared.changed.notify_one();
        }
        Poll::Pending
    }
}

impl Drop for TimerSleep {
    fn drop(&mut self) {
        if let Some(key) = self.key
            && let Ok(mut timers) = timer_shared().timers.lock()
        {
            timers.pending.remove(&key);
        }
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
