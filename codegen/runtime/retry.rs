//! The standard retry mode's retry quota, as the AWS SDKs define it: a token bucket shared by
//! every call made with one configuration. Each retry takes tokens from it and a call that
//! succeeds gives some back; when the bucket cannot pay for a retry, the call fails with the
//! error it has instead of retrying. So when a service is failing for every call, retries stop
//! after a burst instead of multiplying the load.

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

#[cfg(test)]
#[path = "tests/retry.rs"]
mod tests;
