//! The standard retry mode's retry quota, as the AWS SDKs define it: a token bucket shared by
//! every call made with one configuration. Each retry takes tokens from it and a call that
//! succeeds gives some back; when the bucket cannot pay for a retry, the call fails with the
//! error it has instead of retrying. So when a service is failing for every call, retries stop
//! after a burst instead of multiplying the load. Also the jitter source of every backoff.

use ::std::sync::atomic::{AtomicU32, Ordering};

/// The tokens the bucket starts with, and the most it holds.
pub(crate) const INITIAL_RETRY_TOKENS: u32 = 500;
/// What a retry after an error costs.
pub(crate) const RETRY_COST: u32 = 5;
/// What a retry after a timeout costs.
pub(crate) const TIMEOUT_RETRY_COST: u32 = 10;
/// What a call that succeeds at its first attempt gives back.
pub(crate) const NO_RETRY_INCREMENT: u32 = 1;

/// The retry quota's token bucket.
#[derive(Debug)]
pub(crate) struct RetryQuota {
    tokens: AtomicU32,
    capacity: u32,
}

impl Default for RetryQuota {
    fn default() -> Self {
        Self::new(INITIAL_RETRY_TOKENS)
    }
}

impl RetryQuota {
    /// A full bucket of `capacity` tokens.
    pub(crate) fn new(capacity: u32) -> Self {
        RetryQuota {
            tokens: AtomicU32::new(capacity),
            capacity,
        }
    }

    /// The tokens left.
    pub(crate) fn available(&self) -> u32 {
        self.tokens.load(Ordering::Relaxed)
    }

    /// Takes the cost of one retry (more after a timeout) and returns it, or `None`, taking
    /// nothing, when the bucket holds less.
    pub(crate) fn acquire(&self, after_timeout: bool) -> ::std::option::Option<u32> {
        let cost = if after_timeout {
            TIMEOUT_RETRY_COST
        } else {
            RETRY_COST
        };
        self.tokens
            .fetch_update(Ordering::AcqRel, Ordering::Acquire, |t| t.checked_sub(cost))
            .ok()
            .map(|_| cost)
    }

    /// A call succeeded: gives back what its last retry cost, or [`NO_RETRY_INCREMENT`] when
    /// it made none, up to the capacity.
    pub(crate) fn release(&self, last_retry_cost: ::std::option::Option<u32>) {
        let amount = last_retry_cost.unwrap_or(NO_RETRY_INCREMENT);
        let capacity = self.capacity;
        // The closure always returns `Some`, so this cannot fail.
        let _ = self
            .tokens
            .fetch_update(Ordering::AcqRel, Ordering::Acquire, |t| {
                Some(t.saturating_add(amount).min(capacity))
            });
    }
}

/// A small xorshift generator for backoff jitter (calls and the credential providers' requests); quality needs are low and it avoids a dependency.
pub(crate) struct Jitter(u64);

impl Jitter {
    pub(crate) fn seeded() -> Self {
        use ::std::hash::{BuildHasher as _, Hasher as _};
        let nanos = ::std::time::SystemTime::now()
            .duration_since(::std::time::UNIX_EPOCH)
            .map(|d| d.subsec_nanos())
            .unwrap_or(0);
        let mut h = ::std::collections::hash_map::RandomState::new().build_hasher();
        h.write_u32(nanos);
        Jitter(h.finish() | 1)
    }

    /// A value in `[0, 1)`.
    pub(crate) fn next(&mut self) -> f64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 >> 11) as f64 / (1u64 << 53) as f64
    }
}

#[cfg(test)]
#[path = "tests/retry.rs"]
mod tests;
