//! The default transport: [`ureq`] 3 with rustls (ring provider, bundled webpki roots), run on a
//! helper thread per request so it works under any async runtime, or none.
//!
//! The request is sent as given: it is already signed, so the agent adds no `user-agent`,
//! `accept` or `accept-encoding` header of its own, follows no redirects and does not turn
//! 4xx/5xx statuses into errors. It adds only `host` (from the URL) and `content-length` (from
//! the body, when its length is known; otherwise the body is sent chunked) when the request
//! does not carry them. Proxies named by the usual environment variables (`ALL_PROXY`,
//! `HTTPS_PROXY`, `HTTP_PROXY`, `NO_PROXY`) are honoured.
//!
//! A file or reader body is read while it is sent, never held in memory. A response body with
//! a known length up to [`SMALL_BODY`] is read on the helper thread before the response is
//! handed over; any other body is streamed: the helper thread keeps reading it into a bounded
//! [`Body::channel`](super::body::Body::channel) and waits whenever the reader falls
//! [`STREAM_CHUNKS`] chunks behind, so at most about 1 MiB is buffered whatever the size.

/// A response body with a `content-length` up to this is read into memory at once.
const SMALL_BODY: u64 = 256 * 1024;

/// The size of each chunk of a streamed response body.
const STREAM_CHUNK: usize = 64 * 1024;

/// How many chunks of a streamed response body may wait for the reader.
const STREAM_CHUNKS: usize = 16;

/// The default transport: ureq 3 with rustls, on a helper thread per request so it works under
/// any async runtime.
///
/// Cloning is cheap and clones share the connection pool.
#[derive(Clone, Debug)]
pub struct UreqClient {
    agent: ::ureq::Agent,
}

impl UreqClient {
    /// A client with its own connection pool, configured to send signed requests untouched.
    pub fn new() -> Self {
        let config = ::ureq::Agent::config_builder()
            .http_status_as_error(false)
            .max_redirects(0)
            .user_agent(::ureq::config::AutoHeaderValue::None)
            .accept(::ureq::config::AutoHeaderValue::None)
            .accept_encoding(::ureq::config::AutoHeaderValue::None)
            .build();
        UreqClient {
            agent: ::ureq::Agent::new_with_config(config),
        }
    }
}

impl ::std::default::Default for UreqClient {
    fn default() -> Self {
        Self::new()
    }
}

impl super::http::HttpClient for UreqClient {
    fn send(
        &self,
        request: super::http::HttpRequest,
        timeouts: super::http::Timeouts,
    ) -> super::http::BoxFuture<
        '_,
        ::std::result::Result<super::http::HttpResponse, super::http::TransportError>,
    > {
        type Outcome =
            ::std::result::Result<super::http::HttpResponse, super::http::TransportError>;
        let (tx, rx) = super::exec::oneshot::<Outcome>();
        let agent = self.agent.clone();
        let spawned = ::std::thread::Builder::new()
            .name("ureq-transport".into())
            .spawn(move || perform(&agent, request, timeouts, tx));
        ::std::boxed::Box::pin(async move {
            if let ::std::result::Result::Err(e) = spawned {
                return ::std::result::Result::Err(super::http::TransportError::new(
                    super::http::TransportErrorKind::Other,
                    ::std::format!("could not start the transport thread: {e}"),
                ));
            }
            match rx.await {
                ::std::option::Option::Some(outcome) => outcome,
                ::std::option::Option::None => {
                    ::std::result::Result::Err(super::http::TransportError::new(
                        super::http::TransportErrorKind::Other,
                        "the transport thread ended without a result",
                    ))
                }
            }
        })
    }
}

/// Whether a request with an empty body is sent without one (no `content-length: 0`): every
/// method but those that normally carry a body.
fn omit_empty_body(method: &::ureq::http::Method) -> bool {
    !matches!(
        *method,
        ::ureq::http::Method::POST | ::ureq::http::Method::PUT | ::ureq::http::Method::PATCH
    )
}

/// Sends `request`, blocking the current thread, and delivers the response to `tx` once its
/// head has arrived; then, for a streamed body, keeps reading it into the body's channel until
/// the end, an error, or the reader dropping the body.
fn perform(
    agent: &::ureq::Agent,
    request: super::http::HttpRequest,
    timeouts: super::http::Timeouts,
    tx: super::exec::Sender<
        ::std::result::Result<super::http::HttpResponse, super::http::TransportError>,
    >,
) {
    let response = match send(agent, request, timeouts) {
        Ok(response) => response,
        Err(e) => return tx.send(Err(e)),
    };
    let status = response.status().as_u16();
    let headers: ::std::vec::Vec<(::std::string::String, ::std::string::String)> = response
        .headers()
        .iter()
        .map(|(name, value)| {
            (
                ::std::string::String::from(name.as_str()),
                ::std::string::String::from_utf8_lossy(value.as_bytes()).into_owned(),
            )
        })
        .collect();
    let length = response.body().content_length();
    let mut body = response.into_body();
    if length.is_some_and(|n| n <= SMALL_BODY) {
        let read = body
            .with_config()
            .limit(SMALL_BODY)
            .read_to_vec()
            .map_err(|e| transport_error(&e));
        return tx.send(read.map(|bytes| super::http::HttpResponse {
            status,
            headers,
            body: super::http::Body::from(bytes),
        }));
    }
    let (body_tx, stream) = super::http::Body::channel(STREAM_CHUNKS, length);
    tx.send(Ok(super::http::HttpResponse {
        status,
        headers,
        body: stream,
    }));
    if let Err(e) = body_tx.pump(&mut body.into_reader(), STREAM_CHUNK, None) {
        body_tx.fail(e);
    }
}

/// Sends the request and waits for the response head.
fn send(
    agent: &::ureq::Agent,
    request: super::http::HttpRequest,
    timeouts: super::http::Timeouts,
) -> ::std::result::Result<::ureq::http::Response<::ureq::Body>, super::http::TransportError> {
    let super::http::HttpRequest {
        method,
        url,
        mut headers,
        body,
    } = request;
    let method = ::ureq::http::Method::from_bytes(method.as_bytes()).map_err(|e| {
        super::http::TransportError::new(
            super::http::TransportErrorKind::Other,
            ::std::format!("invalid method {method:?}: {e}"),
        )
    })?;
    let streamed = body.bytes().is_none();
    if streamed
        && let Some(length) = body.content_length()
        && !headers
            .iter()
            .any(|(n, _)| n.eq_ignore_ascii_case("content-length"))
    {
        headers.push(("content-length".into(), length.to_string()));
    }
    let mut builder = ::ureq::http::Request::builder()
        .method(method.clone())
        .uri(url.as_str());
    for (name, value) in &headers {
        builder = builder.header(name.as_str(), value.as_str());
    }
    let response = if streamed {
        let reader = ::ureq::SendBody::from_owned_reader(body.into_reader());
        run(agent, builder, reader, timeouts)
    } else {
        let bytes = body.bytes().unwrap_or_default();
        if bytes.is_empty() && omit_empty_body(&method) {
            run(agent, builder, (), timeouts)
        } else {
            run(agent, builder, bytes, timeouts)
        }
    };
    response.map_err(|e| transport_error(&e))
}

/// Finishes building the request with `body`, applies `timeouts` to it and runs it, returning
/// once the response headers have arrived.
///
/// `connect` bounds name resolution and, separately, connecting (including TLS). `read` is
/// ureq's global timeout: one deadline for the whole exchange, from name resolution to the
/// last byte of the body, which keeps running while the body is streamed. ureq checks it on
/// every read and write, so the helper thread never outlives it, even when the caller has
/// dropped the call's future.
fn run<B: ::ureq::AsSendBody>(
    agent: &::ureq::Agent,
    builder: ::ureq::http::request::Builder,
    body: B,
    timeouts: super::http::Timeouts,
) -> ::std::result::Result<::ureq::http::Response<::ureq::Body>, ::ureq::Error> {
    let request = builder.body(body)?;
    let request = agent
        .configure_request(request)
        .timeout_resolve(timeouts.connect)
        .timeout_connect(timeouts.connect)
        .timeout_global(timeouts.read)
        .build();
    agent.run(request)
}

/// Maps a ureq error to a transport error, keeping ureq's description as the message.
fn transport_error(error: &::ureq::Error) -> super::http::TransportError {
    super::http::TransportError::new(error_kind(error), ::std::format!("{error}"))
}

/// Classifies a ureq error.
fn error_kind(error: &::ureq::Error) -> super::http::TransportErrorKind {
    use super::http::TransportErrorKind as Kind;
    match error {
        ::ureq::Error::Timeout(_) => Kind::Timeout,
        ::ureq::Error::HostNotFound
        | ::ureq::Error::ConnectionFailed
        | ::ureq::Error::ConnectProxyFailed(_)
        | ::ureq::Error::Tls(_)
        | ::ureq::Error::TlsRequired
        | ::ureq::Error::Pem(_)
        | ::ureq::Error::Rustls(_) => Kind::Connect,
        ::ureq::Error::Io(e) => match e.kind() {
            ::std::io::ErrorKind::TimedOut | ::std::io::ErrorKind::WouldBlock => Kind::Timeout,
            ::std::io::ErrorKind::ConnectionRefused
            | ::std::io::ErrorKind::HostUnreachable
            | ::std::io::ErrorKind::NetworkUnreachable
            | ::std::io::ErrorKind::NetworkDown
            | ::std::io::ErrorKind::AddrNotAvailable => Kind::Connect,
            // rustls reports a failed handshake (untrusted certificate, a peer that does not
            // speak TLS, ...) as invalid data; ureq reports malformed HTTP as `Protocol`.
            ::std::io::ErrorKind::InvalidData => Kind::Connect,
            _ if is_lookup_failure(e) => Kind::Connect,
            _ => Kind::Io,
        },
        _ => Kind::Other,
    }
}

/// Whether an I/O error is the standard library's report of a failed name lookup, which has no
/// dedicated error kind.
fn is_lookup_failure(error: &::std::io::Error) -> bool {
    ::std::string::ToString::to_string(error).starts_with("failed to lookup address information")
}

#[cfg(test)]
#[path = "tests/ureq_transport.rs"]
mod tests;
