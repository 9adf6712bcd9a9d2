//! Tracing, with the `tracing` feature: one `operation` span per call and one `attempt` span
//! per attempt inside it, and an event for each retry decision. Without the feature the crate
//! uses `trace_off.rs` instead, whose functions do nothing and hold nothing.
//!
//! Spans are at `INFO`, the retry decisions at `DEBUG`, all with the target `<crate>::rt::trace`
//! (the module path). Fields:
//!
//! - `operation` span: `service` (the signing name), `operation` (the Smithy name), `attempts`
//!   (so far) and `status` (the last HTTP status, if a response came).
//! - `attempt` span: `attempt` (1-based), then `status` and `request_id` when the response head
//!   arrives.
//! - retry decision event, in the attempt's span: `retry` (true or false), `reason`
//!   (`throttling`, `transient`, `timeout`, `connection`, `io`, `not retryable`, `attempts
//!   exhausted`, `body not replayable`) and, when retrying, `delay_ms`.

use ::std::future::Future;

/// An operation or attempt span.
pub(crate) struct Span(::tracing::Span);

/// The span of one call.
pub(crate) fn operation(service: &'static str, operation: &'static str) -> Span {
    Span(::tracing::info_span!(
        "operation",
        service,
        operation,
        attempts = ::tracing::field::Empty,
        status = ::tracing::field::Empty,
    ))
}

/// The span of one attempt; a child of the operation's span when entered inside it.
pub(crate) fn attempt(number: u32) -> Span {
    Span(::tracing::info_span!(
        "attempt",
        attempt = number,
        status = ::tracing::field::Empty,
        request_id = ::tracing::field::Empty,
    ))
}

impl Span {
    /// Runs `future` inside the span: the span is entered on each poll.
    pub(crate) fn instrument<F: Future>(&self, future: F) -> impl Future<Output = F::Output> {
        ::tracing::Instrument::instrument(future, self.0.clone())
    }

    /// Records a response head's status and request id (an operation span has no
    /// `request_id` field, so only its status changes).
    pub(crate) fn record_response(&self, response: &super::http::HttpResponse) {
        self.0.record("status", response.status);
        if let Some(id) = super::protocol::request_id(response) {
            self.0.record("request_id", id.as_str());
        }
    }

    /// Records how many attempts an operation has made so far.
    pub(crate) fn record_attempts(&self, attempts: u32) {
        self.0.record("attempts", attempts);
    }

    /// Records the retry decision after a failed attempt (inside the attempt's span).
    pub(crate) fn retry_decision(
        &self,
        retry: bool,
        reason: &'static str,
        delay: ::std::option::Option<::std::time::Duration>,
    ) {
        let _entered = self.0.enter();
        match delay {
            Some(delay) => ::tracing::debug!(
                retry,
                reason,
                delay_ms = u64::try_from(delay.as_millis()).unwrap_or(u64::MAX),
                "retrying"
            ),
            None => ::tracing::debug!(retry, reason, "not retrying"),
        }
    }
}
