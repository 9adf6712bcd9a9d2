//! Tracing without the `tracing` feature: the same functions as `trace.rs`, doing nothing and
//! holding nothing, so the calls compile away and the crate has no tracing dependency.

use ::std::future::Future;

/// No span.
pub(crate) struct Span;

/// No span.
#[inline(always)]
pub(crate) fn operation(_service: &'static str, _operation: &'static str) -> Span {
    Span
}

/// No span.
#[inline(always)]
pub(crate) fn attempt(_number: u32) -> Span {
    Span
}

impl Span {
    /// `future` itself.
    #[inline(always)]
    pub(crate) fn instrument<F: Future>(&self, future: F) -> F {
        future
    }

    /// Nothing.
    #[inline(always)]
    pub(crate) fn record_response(&self, _response: &super::http::HttpResponse) {}

    /// Nothing.
    #[inline(always)]
    pub(crate) fn record_attempts(&self, _attempts: u32) {}

    /// Nothing.
    #[inline(always)]
    pub(crate) fn retry_decision(
        &self,
        _retry: bool,
        _reason: &'static str,
        _delay: ::std::option::Option<::std::time::Duration>,
    ) {
    }
}
