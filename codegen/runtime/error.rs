//! Error support shared by every operation's error enum.

/// How a failed call may be retried, in the AWS standard retry mode's terms.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum RetryKind {
    /// The service asked the caller to slow down (HTTP 429, or a throttling error code).
    Throttling,
    /// A fault that may succeed on retry (a server fault, HTTP 500, 502, 503 or 504).
    Transient,
}

/// Error codes that mean throttling whatever the status, as AWS SDKs treat them.
const THROTTLING_CODES: &[&str] = &[
    "Throttling",
    "ThrottlingException",
    "ThrottledException",
    "RequestThrottledException",
    "TooManyRequestsException",
    "ProvisionedThroughputExceededException",
    "TransactionInProgressException",
    "RequestLimitExceeded",
    "BandwidthLimitExceeded",
    "LimitExceededException",
    "RequestThrottled",
    "SlowDown",
    "PriorRequestNotComplete",
    "EC2ThrottledException",
];

/// Classifies a response by its error code and HTTP status.
pub fn classify(
    code: ::std::option::Option<&str>,
    status: ::std::option::Option<u16>,
) -> ::std::option::Option<RetryKind> {
    if code.is_some_and(|c| THROTTLING_CODES.contains(&c)) || status == Some(429) {
        return Some(RetryKind::Throttling);
    }
    match status {
        Some(500 | 502 | 503 | 504) => Some(RetryKind::Transient),
        _ => None,
    }
}

/// An error response the model does not describe: an unknown code, or a body that could not be
/// read as a modeled error. It keeps everything the response said.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Unhandled {
    code: ::std::option::Option<::std::string::String>,
    message: ::std::option::Option<::std::string::String>,
    status: ::std::option::Option<u16>,
    request_id: ::std::option::Option<::std::string::String>,
}

impl Unhandled {
    /// An empty error; fill it in with the `with_*` methods.
    pub fn new() -> Self {
        Self::default()
    }
    /// Sets the error code.
    pub fn with_code(mut self, code: impl ::std::convert::Into<::std::string::String>) -> Self {
        self.code = Some(code.into());
        self
    }
    /// Sets the message.
    pub fn with_message(
        mut self,
        message: impl ::std::convert::Into<::std::string::String>,
    ) -> Self {
        self.message = Some(message.into());
        self
    }
    /// Sets the HTTP status.
    pub fn with_status(mut self, status: u16) -> Self {
        self.status = Some(status);
        self
    }
    /// Sets the request id (`x-amzn-requestid`).
    pub fn with_request_id(mut self, id: impl ::std::convert::Into<::std::string::String>) -> Self {
        self.request_id = Some(id.into());
        self
    }
    /// The error code, if the response had one.
    pub fn code(&self) -> ::std::option::Option<&str> {
        self.code.as_deref()
    }
    /// The message, if the response had one.
    pub fn message(&self) -> ::std::option::Option<&str> {
        self.message.as_deref()
    }
    /// The HTTP status, when known.
    pub fn status(&self) -> ::std::option::Option<u16> {
        self.status
    }
    /// The request id, when known.
    pub fn request_id(&self) -> ::std::option::Option<&str> {
        self.request_id.as_deref()
    }
    /// Whether and how this error may be retried.
    pub fn retry_kind(&self) -> ::std::option::Option<RetryKind> {
        classify(self.code(), self.status)
    }
}

impl ::std::fmt::Display for Unhandled {
    fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
        f.write_str(self.code.as_deref().unwrap_or("unhandled error"))?;
        if let Some(m) = &self.message {
            write!(f, ": {m}")?;
        }
        let mut sep = " (";
        if let Some(s) = self.status {
            write!(f, "{sep}HTTP {s}")?;
            sep = ", ";
        }
        if let Some(id) = &self.request_id {
            write!(f, "{sep}request id {id}")?;
            sep = ", ";
        }
        if sep == ", " {
            f.write_str(")")?;
        }
        Ok(())
    }
}

impl ::std::error::Error for Unhandled {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classification() {
        assert_eq!(
            classify(Some("SlowDown"), Some(400)),
            Some(RetryKind::Throttling)
        );
        assert_eq!(classify(None, Some(429)), Some(RetryKind::Throttling));
        assert_eq!(classify(None, Some(503)), Some(RetryKind::Transient));
        assert_eq!(classify(Some("Nope"), Some(400)), None);
        assert_eq!(classify(None, Some(501)), None);
    }

    #[test]
    fn display_names_everything() {
        let e = Unhandled::new()
            .with_code("Boom")
            .with_message("it broke")
            .with_status(503)
            .with_request_id("abc");
        assert_eq!(e.to_string(), "Boom: it broke (HTTP 503, request id abc)");
        assert_eq!(Unhandled::new().to_string(), "unhandled error");
    }
}
