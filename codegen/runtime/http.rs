//! The HTTP boundary: plain request and response values, and the transport trait the client
//! is generic over, so users can bring their own HTTP stack and tests can answer in memory.

pub use super::body::Body;

/// A request ready to send: method, absolute URL, headers and body.
#[derive(Debug)]
pub struct HttpRequest {
    /// The method, e.g. `GET`.
    pub method: ::std::string::String,
    /// The absolute URL, e.g. `https://gamesparks.us-east-1.amazonaws.com/game/g/stage/s/deployment`.
    pub url: ::std::string::String,
    /// Header names and values, in the order they are sent.
    pub headers: ::std::vec::Vec<(::std::string::String, ::std::string::String)>,
    /// The body: bytes in memory, a file or a reader ([`Body::empty`] for none).
    pub body: Body,
}

impl HttpRequest {
    /// The first value of a header, matched case-insensitively.
    pub fn header(&self, name: &str) -> ::std::option::Option<&str> {
        header(&self.headers, name)
    }
}

/// A response as received.
#[derive(Debug, Default)]
pub struct HttpResponse {
    /// The status code.
    pub status: u16,
    /// Header names and values, as received.
    pub headers: ::std::vec::Vec<(::std::string::String, ::std::string::String)>,
    /// The body: bytes in memory, or a stream still arriving from the transport.
    pub body: Body,
}

impl HttpResponse {
    /// A response with a status and body and no headers.
    pub fn new(status: u16, body: impl ::std::convert::Into<Body>) -> Self {
        HttpResponse {
            status,
            headers: ::std::vec::Vec::new(),
            body: body.into(),
        }
    }

    /// Adds a header.
    pub fn with_header(
        mut self,
        name: impl ::std::convert::Into<::std::string::String>,
        value: impl ::std::convert::Into<::std::string::String>,
    ) -> Self {
        self.headers.push((name.into(), value.into()));
        self
    }

    /// The first value of a header, matched case-insensitively.
    pub fn header(&self, name: &str) -> ::std::option::Option<&str> {
        header(&self.headers, name)
    }

    /// A copy, when the body can be copied (bytes or a file; not a stream).
    pub fn try_clone(&self) -> ::std::option::Option<Self> {
        Some(HttpResponse {
            status: self.status,
            headers: self.headers.clone(),
            body: self.body.try_clone()?,
        })
    }
}

fn header<'a>(
    headers: &'a [(::std::string::String, ::std::string::String)],
    name: &str,
) -> ::std::option::Option<&'a str> {
    headers
        .iter()
        .find(|(k, _)| k.eq_ignore_ascii_case(name))
        .map(|(_, v)| v.as_str())
}

/// Time limits for one attempt (each retry gets them afresh).
///
/// [`Timeouts::default()`] is what a [`Config`](crate::config::Config) uses unless told otherwise:
/// 3.1 s to connect and 60 s to read, as the AWS SDKs do. Both limits are deadlines, not idle
/// timeouts: a server that answers a byte a second is cut off like one that never answers.
///
/// - `connect`: establishing the connection, from name resolution to the end of the TLS
///   handshake. `None`: no limit of its own (`read` still applies).
/// - `read`: the whole attempt, from its start until the last byte of the response body:
///   connecting, sending the request, waiting for the response head, and receiving (or
///   streaming) the body. A streamed body that is still being read when the time is up fails
///   with a [`std::io::ErrorKind::TimedOut`] error. `None`: no limit, so a server that accepts
///   the connection and never answers holds the call (and, with the `ureq` transport, its
///   thread) until the process ends; a caller that sets it must bound the call otherwise.
///
/// A custom [`HttpClient`] should honour both; the built-in transports do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Timeouts {
    /// Limit for establishing the connection (name resolution, TCP and TLS).
    pub connect: ::std::option::Option<::std::time::Duration>,
    /// Limit for the whole attempt, until the response body has been received.
    pub read: ::std::option::Option<::std::time::Duration>,
}

impl Timeouts {
    /// The default connect timeout, 3.1 s, as the AWS SDKs use.
    pub const DEFAULT_CONNECT: ::std::time::Duration = ::std::time::Duration::from_millis(3100);
    /// The default read timeout, 60 s, as botocore uses.
    pub const DEFAULT_READ: ::std::time::Duration = ::std::time::Duration::from_secs(60);

    /// No limits at all: see the type's docs for what `read: None` means.
    pub const fn none() -> Self {
        Timeouts {
            connect: None,
            read: None,
        }
    }
}

impl ::std::default::Default for Timeouts {
    /// [`Timeouts::DEFAULT_CONNECT`] and [`Timeouts::DEFAULT_READ`].
    fn default() -> Self {
        Timeouts {
            connect: Some(Self::DEFAULT_CONNECT),
            read: Some(Self::DEFAULT_READ),
        }
    }
}

/// What kind of transport failure happened.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TransportErrorKind {
    /// The connection could not be made (DNS, refused, TLS).
    Connect,
    /// A time limit passed.
    Timeout,
    /// The connection broke while sending or receiving.
    Io,
    /// Anything else the transport reports.
    Other,
}

/// A failure below HTTP: nothing usable came back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TransportError {
    kind: TransportErrorKind,
    message: ::std::string::String,
    attempts: u32,
}

impl TransportError {
    /// A transport error of `kind`.
    pub fn new(
        kind: TransportErrorKind,
        message: impl ::std::convert::Into<::std::string::String>,
    ) -> Self {
        TransportError {
            kind,
            message: message.into(),
            attempts: 1,
        }
    }
    /// The kind of failure.
    pub fn kind(&self) -> TransportErrorKind {
        self.kind
    }
    /// The transport's description.
    pub fn message(&self) -> &str {
        &self.message
    }
    /// How many attempts the call made, this one included (1 until the client records it).
    pub fn attempts(&self) -> u32 {
        self.attempts
    }
    pub(crate) fn set_attempts(&mut self, attempts: u32) {
        self.attempts = attempts;
    }
}

impl ::std::fmt::Display for TransportError {
    fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
        let kind = match self.kind {
            TransportErrorKind::Connect => "connection failed",
            TransportErrorKind::Timeout => "timed out",
            TransportErrorKind::Io => "I/O error",
            TransportErrorKind::Other => "transport error",
        };
        write!(f, "{kind}: {}", super::error::Escaped(&self.message))
    }
}

impl ::std::error::Error for TransportError {}

/// A boxed, sendable future.
pub type BoxFuture<'a, T> =
    ::std::pin::Pin<::std::boxed::Box<dyn ::std::future::Future<Output = T> + Send + 'a>>;

/// Sends one HTTP request. Implement this to use your own HTTP stack, or to answer from memory
/// in tests; give it to the client with
/// [`ConfigBuilder::http_client`](crate::config::ConfigBuilder::http_client).
///
/// # The contract
///
/// - **Every response is `Ok`**, whatever its status: a 4xx or 5xx is returned as
///   `Ok(HttpResponse)`, and the client reads the service's error from it and decides whether
///   to retry. `Err` is for a request that got no response: [`TransportErrorKind::Connect`]
///   (name resolution, refused, TLS), [`TransportErrorKind::Timeout`] or
///   [`TransportErrorKind::Io`] (the connection broke), which the client retries, or
///   [`TransportErrorKind::Other`], which it does not.
/// - **Redirects are not followed.** A 3xx is returned as it is: following it would send a
///   signed request to a URL it was not signed for.
/// - **The request is sent as given.** The method, the URL's path and query and the headers
///   are covered by the SigV4 signature (`host`, `x-amz-date`, `authorization`, the body's
///   `content-type`, …): do not rewrite, re-encode, merge or remove any of them. Adding a
///   header the request does not have (`content-length`, `user-agent`) is fine; asking for a
///   compressed response is not, unless the body returned is decompressed.
/// - **Timeouts.** `timeouts.connect` bounds making the connection (name resolution, TCP,
///   TLS); `timeouts.read` is a deadline for the whole attempt, until the last byte of the
///   response body, as [`Timeouts`] says. `None` means no limit of its own. A limit that passes
///   before the head arrives is `Err` with [`TransportErrorKind::Timeout`]; one that passes
///   while a streamed body is read fails that read with [`std::io::ErrorKind::TimedOut`].
/// - **Bodies.** The request's [`Body`] is bytes, a file or a reader; a reader can be read
///   once only ([`Body::into_reader`], or [`Body::next`] chunk by chunk), and
///   [`Body::content_length`] gives the length when it is known. Return once the response's
///   head has arrived: its body may be bytes already read or a [`Body::channel`] the transport
///   keeps feeding. The client reads at most 64 MiB of a body into memory and streams
///   `@streaming` payloads.
/// - **Cancellation.** Dropping the returned future cancels the call (a caller's timeout, a
///   `select!`): the request should stop, or at least not outlive its timeouts. Do not block
///   the thread that polls the future; run blocking I/O elsewhere.
///
/// # Example
///
/// A client that answers every request from memory with a 404 and keeps the URLs it was
/// asked for:
///
/// ```
/// use std::sync::Mutex;
/// use your_crate::http::{
///     Body, BoxFuture, HttpClient, HttpRequest, HttpResponse, Timeouts, TransportError,
/// };
///
/// #[derive(Debug, Default)]
/// struct NotFound {
///     urls: Mutex<Vec<String>>,
/// }
///
/// impl HttpClient for NotFound {
///     fn send(
///         &self,
///         request: HttpRequest,
///         _timeouts: Timeouts,
///     ) -> BoxFuture<'_, Result<HttpResponse, TransportError>> {
///         if let Ok(mut urls) = self.urls.lock() {
///             urls.push(request.url);
///         }
///         // A 4xx is a response like any other: `Ok`.
///         Box::pin(async {
///             Ok(HttpResponse::new(404, r#"{"message":"no such thing"}"#)
///                 .with_header("content-type", "application/json"))
///         })
///     }
/// }
///
/// let client = NotFound::default();
/// let request = HttpRequest {
///     method: "GET".into(),
///     url: "https://example.com/things/1".into(),
///     headers: vec![("host".into(), "example.com".into())],
///     body: Body::empty(),
/// };
/// let response = your_crate::http::block_on(client.send(request, Timeouts::default()))?;
/// assert_eq!(response.status, 404);
/// assert_eq!(client.urls.into_inner()?, ["https://example.com/things/1"]);
/// # Ok::<(), Box<dyn std::error::Error + Send + Sync>>(())
/// ```
pub trait HttpClient: Send + Sync + ::std::fmt::Debug {
    /// Sends `request`, honouring `timeouts`, and returns the response once its head has
    /// arrived: the body may be bytes already read, or a [`Body::channel`] still being fed.
    fn send(
        &self,
        request: HttpRequest,
        timeouts: Timeouts,
    ) -> BoxFuture<'_, ::std::result::Result<HttpResponse, TransportError>>;
}

/// Sleeps between retries. The default is [`ThreadSleep`](crate::http::ThreadSleep), one
/// shared timer thread, so no async runtime is required; with the `hyper` feature, tokio's
/// timer when the sleep starts inside a tokio runtime.
pub trait Sleep: Send + Sync + ::std::fmt::Debug {
    /// A future that completes after `duration`.
    fn sleep(&self, duration: ::std::time::Duration) -> BoxFuture<'static, ()>;
}
