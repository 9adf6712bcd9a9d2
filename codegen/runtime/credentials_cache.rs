//! A credentials cache in front of a provider: answers from memory while the credentials are
//! fresh, refreshes them ahead of expiry, and lets one refresh run at a time (callers that
//! arrive meanwhile wait for it). Executor-independent: waiting uses the callers' wakers only.

use ::std::sync::{Arc, Mutex, MutexGuard};
use ::std::task::{Context, Poll, Waker};
use ::std::time::{Duration, SystemTime};

use super::credentials::{Credentials, CredentialsError, ProvideCredentials};

/// How long before expiry credentials are refreshed, as in the AWS SDKs (at most half of their
/// remaining lifetime, for short-lived ones).
pub const DEFAULT_REFRESH_BUFFER: Duration = Duration::from_secs(300);

/// Tells the time; the cache asks it whether credentials are still fresh. Tests inject a fake.
pub trait TimeSource: Send + Sync + ::std::fmt::Debug {
    /// The current time.
    fn now(&self) -> SystemTime;
}

/// The system clock.
#[derive(Debug, Clone, Copy, Default)]
pub struct SystemTimeSource;

impl TimeSource for SystemTimeSource {
    fn now(&self) -> SystemTime {
        SystemTime::now()
    }
}

/// Caches the credentials of a provider. Cheap to clone: clones share the cache.
///
/// - Credentials without an expiry are loaded once and kept.
/// - Credentials with an expiry are refreshed once the time left is under the refresh buffer
///   (5 minutes unless set, or half the lifetime they had when loaded, whichever is
///   smaller). While a refresh runs, callers keep getting the old credentials as long as they
///   have not expired; otherwise they wait for the refresh.
/// - One load runs at a time, driven by the caller that started it; if that caller's future is
///   dropped, a waiting caller starts another.
/// - A failed load is not cached: the callers that waited for it get its error, and the next
///   call tries again. If the old credentials are still valid they are used instead.
#[derive(Clone, Debug)]
pub struct CredentialsCache {
    inner: Arc<Inner>,
}

#[derive(Debug)]
struct Inner {
    provider: Arc<dyn ProvideCredentials>,
    clock: Arc<dyn TimeSource>,
    buffer: Duration,
    state: Mutex<State>,
}

#[derive(Debug, Default)]
struct State {
    cached: ::std::option::Option<Cached>,
    loading: bool,
    /// Bumped when a load ends (or is abandoned).
    generation: u64,
    /// The error of the load that ended at this generation, for the callers that waited for it.
    last_error: ::std::option::Option<(u64, CredentialsError)>,
    waiters: ::std::vec::Vec<Waker>,
}

#[derive(Debug)]
struct Cached {
    credentials: Credentials,
    /// When to load again; `None`: never (no expiry).
    refresh_at: ::std::option::Option<SystemTime>,
}

impl Cached {
    fn fresh(&self, now: SystemTime) -> bool {
        self.refresh_at.is_none_or(|at| now < at)
    }
    fn valid(&self, now: SystemTime) -> bool {
        self.credentials.expiry().is_none_or(|e| now < e)
    }
}

/// What a caller does next.
enum Step {
    Done(::std::result::Result<Credentials, CredentialsError>),
    Load,
    Wait(u64),
}

impl CredentialsCache {
    /// A cache in front of `provider`, on the system clock.
    pub fn new(provider: impl ProvideCredentials + 'static) -> Self {
        Self::from_shared(Arc::new(provider))
    }

    /// A cache in front of a shared provider.
    pub fn from_shared(provider: Arc<dyn ProvideCredentials>) -> Self {
        CredentialsCache {
            inner: Arc::new(Inner {
                provider,
                clock: Arc::new(SystemTimeSource),
                buffer: DEFAULT_REFRESH_BUFFER,
                state: Mutex::new(State::default()),
            }),
        }
    }

    /// The same provider with an empty cache on another clock (for tests).
    pub fn with_time_source(self, clock: impl TimeSource + 'static) -> Self {
        self.rebuild(Arc::new(clock), self.inner.buffer)
    }

    /// The same provider with an empty cache refreshing `buffer` ahead of expiry.
    pub fn with_refresh_buffer(self, buffer: Duration) -> Self {
        self.rebuild(self.inner.clock.clone(), buffer)
    }

    fn rebuild(&self, clock: Arc<dyn TimeSource>, buffer: Duration) -> Self {
        CredentialsCache {
            inner: Arc::new(Inner {
                provider: self.inner.provider.clone(),
                clock,
                buffer,
                state: Mutex::new(State::default()),
            }),
        }
    }

    /// The provider behind the cache.
    pub fn provider(&self) -> &Arc<dyn ProvideCredentials> {
        &self.inner.provider
    }

    /// Fresh credentials, from the cache or a load.
    pub async fn credentials(&self) -> ::std::result::Result<Credentials, CredentialsError> {
        loop {
            match self.next_step() {
                Step::Done(result) => return result,
                Step::Wait(generation) => {
                    Waiting {
                        inner: &self.inner,
                        generation,
                    }
                    .await;
                    let state = self.inner.lock();
                    if let Some((g, e)) = &state.last_error
                        && *g == state.generation
                        && *g > generation
                    {
                        return Err(e.clone());
                    }
                }
                Step::Load => return self.load().await,
            }
        }
    }

    fn next_step(&self) -> Step {
        let now = self.inner.clock.now();
        let mut state = self.inner.lock();
        if let Some(cached) = &state.cached
            && (cached.fresh(now) || (state.loading && cached.valid(now)))
        {
            return Step::Done(Ok(cached.credentials.clone()));
        }
        if state.loading {
            return Step::Wait(state.generation);
        }
        state.loading = true;
        Step::Load
    }

    async fn load(&self) -> ::std::result::Result<Credentials, CredentialsError> {
        let mut guard = LoadGuard {
            inner: &self.inner,
            finished: false,
        };
        let result = self.inner.provider.provide_credentials().await;
        let now = self.inner.clock.now();
        let mut state = self.inner.lock();
        state.loading = false;
        state.generation = state.generation.wrapping_add(1);
        let outcome = match result {
            Ok(credentials) => {
                state.cached = Some(Cached {
                    refresh_at: refresh_at(&credentials, now, self.inner.buffer),
                    credentials: credentials.clone(),
                });
                state.last_error = None;
                Ok(credentials)
            }
            Err(e) => {
                state.last_error = Some((state.generation, e.clone()));
                match &state.cached {
                    Some(old) if old.valid(now) => Ok(old.credentials.clone()),
                    _ => Err(e),
                }
            }
        };
        let waiters = ::std::mem::take(&mut state.waiters);
        drop(state);
        guard.finished = true;
        for w in waiters {
            w.wake();
        }
        outcome
    }
}

impl ProvideCredentials for CredentialsCache {
    fn provide_credentials(
        &self,
    ) -> super::http::BoxFuture<'_, ::std::result::Result<Credentials, CredentialsError>> {
        ::std::boxed::Box::pin(self.credentials())
    }
}

impl Inner {
    fn lock(&self) -> MutexGuard<'_, State> {
        self.state
            .lock()
            .unwrap_or_else(::std::sync::PoisonError::into_inner)
    }
}

/// When credentials loaded at `now` should be loaded again.
fn refresh_at(
    credentials: &Credentials,
    now: SystemTime,
    buffer: Duration,
) -> ::std::option::Option<SystemTime> {
    let expiry = credentials.expiry()?;
    let remaining = expiry.duration_since(now).unwrap_or(Duration::ZERO);
    let margin = buffer.min(remaining / 2);
    Some(expiry.checked_sub(margin).unwrap_or(expiry))
}

/// Ends a load that its caller abandoned (the future was dropped): another caller may start one.
struct LoadGuard<'a> {
    inner: &'a Inner,
    finished: bool,
}

impl Drop for LoadGuard<'_> {
    fn drop(&mut self) {
        if self.finished {
            return;
        }
        let mut state = self.inner.lock();
        state.loading = false;
        state.generation = state.generation.wrapping_add(1);
        let waiters = ::std::mem::take(&mut state.waiters);
        drop(state);
        for w in waiters {
            w.wake();
        }
    }
}

/// Completes when the load running at `generation` ends.
struct Waiting<'a> {
    inner: &'a Inner,
    generation: u64,
}

impl ::std::future::Future for Waiting<'_> {
    type Output = ();
    fn poll(self: ::std::pin::Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        let mut state = self.inner.lock();
        if state.generation != self.generation || !state.loading {
            return Poll::Ready(());
        }
        if !state.waiters.iter().any(|w| w.will_wake(cx.waker())) {
            state.waiters.push(cx.waker().clone());
        }
        Poll::Pending
    }
}

#[cfg(test)]
#[path = "tests/credentials_cache.rs"]
mod tests;
