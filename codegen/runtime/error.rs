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

/// Writes a modeled error as its code, then `: message` when there is one.
pub(crate) fn display_error(
    f: &mut ::std::fmt::Formatter<'_>,
    code: &str,
    message: ::std::option::Option<&str>,
) -> ::std::fmt::Result {
    f.write_str(code)?;
    match message {
        Some(message) => write!(f, ": {}", Escaped(message)),
        None => Ok(()),
    }
}

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
///
/// `Display` shows the code and message, or, when the response had neither, its content type
/// and a short excerpt of its body; the status and request id are shown by [`SdkError`] (an
/// `Unhandled` with nothing but a status shows that). Text from the server is shown with
/// control characters escaped.
///
/// It is one pointer wide, so the operation error enums that hold it stay small.
#[derive(Clone, Default, PartialEq, Eq)]
pub struct Unhandled(::std::boxed::Box<UnhandledFields>);

#[derive(Debug, Clone, Default, PartialEq, Eq)]
struct UnhandledFields {
    code: ::std::option::Option<::std::string::String>,
    message: ::std::option::Option<::std::string::String>,
    status: ::std::option::Option<u16>,
    request_id: ::std::option::Option<::std::string::String>,
    content_type: ::std::option::Option<::std::string::String>,
    excerpt: ::std::option::Option<::std::string::String>,
}

impl ::std::fmt::Debug for Unhandled {
    fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
        let u = &self.0;
        f.debug_struct("Unhandled")
            .field("code", &u.code)
            .field("message", &u.message)
            .field("status", &u.status)
            .field("request_id", &u.request_id)
            .field("content_type", &u.content_type)
            .field("excerpt", &u.excerpt)
            .finish()
    }
}

impl Unhandled {
    /// An empty error; fill it in with the `with_*` methods.
    pub fn new() -> Self {
        Self::default()
    }
    /// Sets the error code.
    pub fn with_code(mut self, code: impl ::std::convert::Into<::std::string::String>) -> Self {
        self.0.code = Some(code.into());
        self
    }
    /// Sets the message.
    pub fn with_message(
        mut self,
        message: impl ::std::convert::Into<::std::string::String>,
    ) -> Self {
        self.0.message = Some(message.into());
        self
    }
    /// Sets the HTTP status.
    pub fn with_status(mut self, status: u16) -> Self {
        self.0.status = Some(status);
        self
    }
    /// Sets the request id (`x-amzn-requestid`).
    pub fn with_request_id(mut self, id: impl ::std::convert::Into<::std::string::String>) -> Self {
        self.0.request_id = Some(id.into());
        self
    }
    /// Sets the response's `Content-Type`.
    pub fn with_content_type(
        mut self,
        content_type: impl ::std::convert::Into<::std::string::String>,
    ) -> Self {
        self.0.content_type = Some(content_type.into());
        self
    }
    /// Sets the body excerpt from the body's bytes: see [`Unhandled::excerpt`].
    pub fn with_body(mut self, body: &[u8]) -> Self {
        self.0.excerpt = Some(excerpt(body, EXCERPT_CHARS));
        self
    }
    /// The error code, if the response had one.
    pub fn code(&self) -> ::std::option::Option<&str> {
        self.0.code.as_deref()
    }
    /// The message, if the response had one.
    pub fn message(&self) -> ::std::option::Option<&str> {
        self.0.message.as_deref()
    }
    /// The HTTP status, when known.
    pub fn status(&self) -> ::std::option::Option<u16> {
        self.0.status
    }
    /// The request id, when known.
    pub fn request_id(&self) -> ::std::option::Option<&str> {
        self.0.request_id.as_deref()
    }
    /// The response's `Content-Type`, when known.
    pub fn content_type(&self) -> ::std::option::Option<&str> {
        self.0.content_type.as_deref()
    }
    /// The start of the body as one line of text: at most 200 characters, invalid UTF-8
    /// replaced, markup tags dropped, runs of whitespace made one space, and any other control
    /// character escaped (`\u{1b}`); empty for an empty body.
    pub fn excerpt(&self) -> ::std::option::Option<&str> {
        self.0.excerpt.as_deref()
    }
    /// Whether and how this error may be retried.
    pub fn retry_kind(&self) -> ::std::option::Option<RetryKind> {
        classify(self.code(), self.0.status)
    }
}

impl ::std::fmt::Display for Unhandled {
    fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
        match &self.0.code {
            Some(code) => write!(f, "{}", Escaped(code))?,
            None => f.write_str("unhandled error")?,
        }
        if let Some(m) = &self.0.message {
            return write!(f, ": {}", Escaped(m));
        }
        if self.0.code.is_some() {
            return Ok(());
        }
        match (&self.0.content_type, self.0.excerpt.as_deref()) {
            (_, Some("")) => f.write_str(": empty body"),
            (Some(t), Some(e)) => write!(f, ": {} body \"{}\"", Escaped(t), Escaped(e)),
            (None, Some(e)) => write!(f, ": body \"{}\"", Escaped(e)),
            (Some(t), None) => write!(f, ": {} body", Escaped(t)),
            // Nothing from the response at all (an error made by hand): the status, if any.
            (None, None) => match self.0.status {
                Some(status) => write!(f, " (HTTP {status})"),
                None => Ok(()),
            },
        }
    }
}

impl ::std::error::Error for Unhandled {}

/// How many characters of an unhandled error's body are kept.
const EXCERPT_CHARS: usize = 200;

/// Shows text from the server with its control characters escaped (`\n`, `\u{1b}`, the line
/// separators and the bidirectional overrides), so it cannot start a line of its own or restyle a terminal.
/// Everything else, backslashes included, is shown as is.
#[derive(Debug, Clone, Copy)]
pub struct Escaped<'a>(pub &'a str);

impl ::std::fmt::Display for Escaped<'_> {
    fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
        let mut rest = self.0;
        while let Some(i) = rest.find(needs_escape) {
            f.write_str(&rest[..i])?;
            let c = rest[i..].chars().next().unwrap_or_default();
            write!(f, "{}", c.escape_default())?;
            rest = &rest[i + c.len_utf8()..];
        }
        f.write_str(rest)
    }
}

/// At most `max_chars` characters of `text` as [`Escaped`] shows them, then `…` when cut: for
/// server text (or configuration) inside a longer message.
pub(crate) fn escaped_prefix(text: &str, max_chars: usize) -> ::std::string::String {
    match text.char_indices().nth(max_chars) {
        Some((cut, _)) => format!("{}…", Escaped(&text[..cut])),
        None => Escaped(text).to_string(),
    }
}

/// Control characters, the line and paragraph separators, and the invisible format characters
/// that reorder text.
fn needs_escape(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{200e}' | '\u{200f}' | '\u{2028}'..='\u{202e}' | '\u{2066}'..='\u{2069}'
        )
}

/// The start of a body as one line: see [`Unhandled::excerpt`]. Ends with `…` when cut.
fn excerpt(body: &[u8], max_chars: usize) -> ::std::string::String {
    // Enough bytes for `max_chars` characters after tags are dropped, within reason.
    let head = &body[..body.len().min(64 * 1024)];
    let text = ::std::string::String::from_utf8_lossy(head);
    // Tags are dropped from markup (HTML or XML) only.
    let markup = text.trim_start().starts_with('<');
    let mut out = ::std::string::String::new();
    let mut chars = 0;
    let mut in_tag = false;
    let mut space = false;
    for c in text.chars() {
        match c {
            '<' if markup => {
                in_tag = true;
                space = !out.is_empty();
                continue;
            }
            '>' if in_tag => {
                in_tag = false;
                continue;
            }
            _ if in_tag => continue,
            c if c.is_whitespace() => {
                space = !out.is_empty();
                continue;
            }
            _ => {}
        }
        if chars + usize::from(space) >= max_chars {
            out.push('…');
            return out;
        }
        if space {
            out.push(' ');
            chars += 1;
            space = false;
        }
        if needs_escape(c) {
            out.extend(c.escape_default());
        } else {
            out.push(c);
        }
        chars += 1;
    }
    if head.len() < body.len() {
        out.push('…');
    }
    out
}

/// Why a call failed. Each kind says what happened; `Display` includes the service's code,
/// message, HTTP status and request id when there are any, and how many attempts were made
/// when there were several. Text from the server is shown with control characters escaped.
///
/// # Example
///
/// Telling the kinds apart. A call returns `SdkError<{Operation}Error>`; this error is made by
/// hand, with [`Unhandled`] as the operation's error:
///
/// ```
/// use your_crate::error::{SdkError, ServiceError, Unhandled};
///
/// fn advice<E: std::fmt::Display>(error: &SdkError<E>) -> String {
///     match error {
///         SdkError::Construction(e) => format!("fix the request: {e}"),
///         SdkError::Timeout(_) | SdkError::Transport(_) => {
///             format!("network trouble, {} attempts", error.attempts())
///         }
///         SdkError::Service(e) if e.status >= 500 => format!("the service failed: {error}"),
///         SdkError::Service(e) => format!("the service refused: {}", e.error),
///         other => other.to_string(),
///     }
/// }
///
/// let error: SdkError<Unhandled> = SdkError::Service(ServiceError {
///     error: Unhandled::new()
///         .with_code("ServiceUnavailable")
///         .with_message("try again\nlater"),
///     status: 503,
///     request_id: Some("req-1".into()),
///     attempts: 3,
/// });
/// assert_eq!(error.status(), Some(503));
/// assert_eq!(error.attempts(), 3);
/// assert_eq!(error.as_service_error().and_then(Unhandled::code), Some("ServiceUnavailable"));
/// // The server's newline is shown escaped, so it cannot start a line of its own.
/// assert_eq!(
///     error.to_string(),
///     r"service error: ServiceUnavailable: try again\nlater (HTTP 503, request id req-1, after 3 attempts)"
/// );
/// assert!(advice(&error).starts_with("the service failed"));
/// ```
#[derive(Debug)]
pub enum SdkError<E> {
    /// The request could not be built: an empty label, no region, no credentials, a bad endpoint.
    /// Nothing was sent.
    Construction(ConstructionError),
    /// The request could not be sent or the response not received.
    Transport(super::http::TransportError),
    /// A connect or read time limit passed.
    Timeout(super::http::TransportError),
    /// A response arrived but could not be read.
    Response(ResponseError),
    /// A response body was longer than the client reads into memory (64 MiB). Not retried.
    ResponseTooLarge(ResponseError),
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
            SdkError::Response(e) | SdkError::ResponseTooLarge(e) => Some(e.status),
            SdkError::BodyNotReplayable(e) => e.status(),
            _ => None,
        }
    }
    /// The request id of the response, when one arrived.
    pub fn request_id(&self) -> ::std::option::Option<&str> {
        match self {
            SdkError::Service(e) => e.request_id.as_deref(),
            SdkError::Response(e) | SdkError::ResponseTooLarge(e) => e.request_id.as_deref(),
            SdkError::BodyNotReplayable(e) => e.request_id(),
            _ => None,
        }
    }
    /// How many attempts were made: 0 when the request could not be built, else 1 plus the
    /// retries.
    pub fn attempts(&self) -> u32 {
        match self {
            SdkError::Construction(_) => 0,
            SdkError::Transport(e) | SdkError::Timeout(e) => e.attempts(),
            SdkError::Response(e) | SdkError::ResponseTooLarge(e) => e.attempts,
            SdkError::Service(e) => e.attempts,
            SdkError::BodyNotReplayable(e) => e.attempts(),
        }
    }
    /// Records how many attempts were made.
    pub(crate) fn with_attempts(mut self, attempts: u32) -> Self {
        self.set_attempts(attempts);
        self
    }
    fn set_attempts(&mut self, attempts: u32) {
        match self {
            SdkError::Construction(_) => {}
            SdkError::Transport(e) | SdkError::Timeout(e) => e.set_attempts(attempts),
            SdkError::Response(e) | SdkError::ResponseTooLarge(e) => e.attempts = attempts,
            SdkError::Service(e) => e.attempts = attempts,
            SdkError::BodyNotReplayable(e) => e.set_attempts(attempts),
        }
    }
    /// A short name for the kind: `construction`, `transport`, `timeout`, `response`,
    /// `response_too_large`, `service` or `body_not_replayable`.
    pub fn kind_name(&self) -> &'static str {
        match self {
            SdkError::Construction(_) => "construction",
            SdkError::Transport(_) => "transport",
            SdkError::Timeout(_) => "timeout",
            SdkError::Response(_) => "response",
            SdkError::ResponseTooLarge(_) => "response_too_large",
            SdkError::Service(_) => "service",
            SdkError::BodyNotReplayable(_) => "body_not_replayable",
        }
    }
}

/// ` (HTTP 500, request id …, after 3 attempts)`, with the parts that are known.
fn write_meta(
    f: &mut ::std::fmt::Formatter<'_>,
    status: ::std::option::Option<u16>,
    request_id: ::std::option::Option<&str>,
    attempts: u32,
) -> ::std::fmt::Result {
    let mut sep = " (";
    if let Some(status) = status {
        write!(f, "{sep}HTTP {status}")?;
        sep = ", ";
    }
    if let Some(id) = request_id {
        write!(f, "{sep}request id {}", Escaped(id))?;
        sep = ", ";
    }
    if attempts > 1 {
        write!(f, "{sep}after {attempts} attempts")?;
        sep = ", ";
    }
    if sep == ", " {
        f.write_str(")")?;
    }
    Ok(())
}

impl<E: ::std::fmt::Display> ::std::fmt::Display for SdkError<E> {
    fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
        match self {
            SdkError::Construction(e) => write!(f, "failed to build the request: {e}"),
            SdkError::Transport(e) => {
                write!(f, "the request failed in transit: {e}")?;
                write_meta(f, None, None, e.attempts())
            }
            SdkError::Timeout(e) => {
                write!(f, "the request {e}")?;
                write_meta(f, None, None, e.attempts())
            }
            SdkError::Response(e) => {
                write!(f, "failed to read the response: {}", Escaped(&e.message))?;
                write_meta(f, Some(e.status), e.request_id.as_deref(), e.attempts)
            }
            SdkError::ResponseTooLarge(e) => {
                write!(f, "the response is too large: {}", Escaped(&e.message))?;
                write_meta(f, Some(e.status), e.request_id.as_deref(), e.attempts)
            }
            SdkError::Service(e) => {
                write!(f, "service error: {}", e.error)?;
                write_meta(f, Some(e.status), e.request_id.as_deref(), e.attempts)
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
            SdkError::Response(_) | SdkError::ResponseTooLarge(_) => None,
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

/// A response that could not be read: a success status with a malformed body, or a body over
/// the size limit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResponseError {
    /// The HTTP status.
    pub status: u16,
    /// The request id, if any.
    pub request_id: ::std::option::Option<::std::string::String>,
    /// What was wrong.
    pub message: ::std::string::String,
    /// How many attempts were made.
    pub attempts: u32,
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
    /// How many attempts were made.
    pub attempts: u32,
}

#[cfg(test)]
#[path = "tests/error.rs"]
mod tests;
