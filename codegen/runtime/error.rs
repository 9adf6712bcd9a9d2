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

/// Why a call failed. Each kind says what happened; `Display` includes the service's code,
/// message, HTTP status and request id when there are any.
#[derive(Debug)]
pub enum SdkError<E> {
    /// The request could not be built: an empty label, no region, no credentials, a bad endpoint.
    Construction(ConstructionError),
    /// The request could not be sent or the response not received.
    Transport(super::http::TransportError),
    /// A connect or read time limit passed.
    Timeout(super::http::TransportError),
    /// A response arrived but could not be read.
    Response(ResponseError),
    /// The service answered with an error.
    Service(ServiceError<E>),
    /// The attempt failed with a retryable error (inside), but the request body is a reader
    /// that cannot be sent again, so it was not retried.
    BodyNotReplayable(::std::boxed::Box<SdkError<E>>),
}

impl<E> SdkError<E> {
    /// The operation's error, if the service returned one.
    pub fn as_service_error(&self) -> ::std::option::Option<&E> {
        match self {
            SdkError::Service(e) => Some(&e.error),
            SdkError::BodyNotReplayable(e) => e.as_service_error(),
            _ => None,
        }
    }
    /// The operation's error, if the service returned one.
    pub fn into_service_error(self) -> ::std::option::Option<E> {
        match self {
            SdkError::Service(e) => Some(e.error),
            SdkError::BodyNotReplayable(e) => e.into_service_error(),
            _ => None,
        }
    }
    /// The HTTP status of the response, when one arrived.
    pub fn status(&self) -> ::std::option::Option<u16> {
        match self {
            SdkError::Service(e) => Some(e.status),
            SdkError::Response(e) => Some(e.status),
            SdkError::BodyNotReplayable(e) => e.status(),
            _ => None,
        }
    }
    /// The request id of the response, when one arrived.
    pub fn request_id(&self) -> ::std::option::Option<&str> {
        match self {
            SdkError::Service(e) => e.request_id.as_deref(),
            SdkError::Response(e) => e.request_id.as_deref(),
            SdkError::BodyNotReplayable(e) => e.request_id(),
            _ => None,
        }
    }
    /// A short name for the kind: `construction`, `transport`, `timeout`, `response`, `service`
    /// or `body_not_replayable`.
    pub fn kind_name(&self) -> &'static str {
        match self {
            SdkError::Construction(_) => "construction",
            SdkError::Transport(_) => "transport",
            SdkError::Timeout(_) => "timeout",
            SdkError::Response(_) => "response",
            SdkError::Service(_) => "service",
            SdkError::BodyNotReplayable(_) => "body_not_replayable",
        }
    }
}

fn write_meta(
    f: &mut ::std::fmt::Formatter<'_>,
    status: u16,
    request_id: ::std::option::Option<&str>,
) -> ::std::fmt::Result {
    write!(f, " (HTTP {status}")?;
    if let Some(id) = request_id {
        write!(f, ", request id {id}")?;
    }
    f.write_str(")")
}

impl<E: ::std::fmt::Display> ::std::fmt::Display for SdkError<E> {
    fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
        match self {
            SdkError::Construction(e) => write!(f, "failed to build the request: {e}"),
            SdkError::Transport(e) => write!(f, "the request failed in transit: {e}"),
            SdkError::Timeout(e) => write!(f, "the request {e}"),
            SdkError::Response(e) => {
                write!(f, "failed to read the response: {}", e.message)?;
                write_meta(f, e.status, e.request_id.as_deref())
            }
            SdkError::Service(e) => {
                write!(f, "service error: {}", e.error)?;
                write_meta(f, e.status, e.request_id.as_deref())
            }
            SdkError::BodyNotReplayable(e) => write!(
                f,
                "not retried, because the request body could not be replayed (a reader can be sent only once): {e}"
            ),
        }
    }
}

impl<E: ::std::error::Error + 'static> ::std::error::Error for SdkError<E> {
    fn source(&self) -> ::std::option::Option<&(dyn ::std::error::Error + 'static)> {
        match self {
            SdkError::Construction(e) => Some(e),
            SdkError::Transport(e) | SdkError::Timeout(e) => Some(e),
            SdkError::Response(_) => None,
            SdkError::Service(e) => Some(&e.error),
            SdkError::BodyNotReplayable(e) => Some(e.as_ref()),
        }
    }
}

/// Why a request could not be built.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConstructionError {
    message: ::std::string::String,
}

impl ConstructionError {
    /// An error with this description.
    pub fn new(message: impl ::std::convert::Into<::std::string::String>) -> Self {
        ConstructionError {
            message: message.into(),
        }
    }
    /// The description.
    pub fn message(&self) -> &str {
        &self.message
    }
}

impl ::std::fmt::Display for ConstructionError {
    fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
        f.write_str(&self.message)
    }
}

impl ::std::error::Error for ConstructionError {}

/// A response that could not be read: a success status with a malformed body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResponseError {
    /// The HTTP status.
    pub status: u16,
    /// The request id, if any.
    pub request_id: ::std::option::Option<::std::string::String>,
    /// What was wrong.
    pub message: ::std::string::String,
}

/// An error the service returned, with the response's status and request id.
#[derive(Debug, Clone, PartialEq)]
pub struct ServiceError<E> {
    /// The operation's error.
    pub error: E,
    /// The HTTP status.
    pub status: u16,
    /// The request id, if any.
    pub request_id: ::std::option::Option<::std::string::String>,
}

#[cfg(test)]
#[path = "tests/error.rs"]
mod tests;
