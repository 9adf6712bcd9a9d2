//! The default transport: HTTP/1.1 over `std::net` and rustls (ring provider, bundled webpki
//! roots), run on a helper thread per request so it works under any async runtime, or none.
//!
//! The request is sent as given: it is already signed, so the client adds no `user-agent`,
//! `accept` or `accept-encoding` header of its own, follows no redirects and does not turn
//! 4xx/5xx statuses into errors. It adds only `host` (from the URL) and `content-length` (from
//! the body, when its length is known; otherwise the body is sent chunked) when the request
//! does not carry them. Proxies named by the usual environment variables are honoured (see
//! `proxy.rs`).
//!
//! Connections are kept for reuse for [`IDLE_FOR`] after a response has been read to its end.
//! A pooled connection is checked before use; one that turns out to be closed anyway, before
//! any of the response arrived, is replaced by a fresh one and the request sent again when its
//! body can be (bytes, not a reader).
//!
//! A file or reader body is read while it is sent, never held in memory. A response body with
//! a known length up to [`SMALL_BODY`] is read on the helper thread before the response is
//! handed over; any other body is streamed: the helper thread keeps reading it into a bounded
//! [`Body::channel`](super::body::Body::channel) and waits whenever the reader falls
//! [`STREAM_CHUNKS`] chunks behind, so at most about 1 MiB is buffered whatever the size.

use ::std::io::{BufReader, Read, Write};
use ::std::sync::{Arc, Mutex};
use ::std::time::{Duration, Instant};

use super::blocking_connect::{Conn, connect};
use super::http::{
    Body, HttpRequest, HttpResponse, Timeouts, TransportError, TransportErrorKind as Kind,
};
use super::http1::{self, Target};
use super::http1_body::{self, BodyReader, CopyError, Framing};
use super::proxy::Proxies;

/// A response body with a `content-length` up to this is read into memory at once.
const SMALL_BODY: u64 = 256 * 1024;

/// The size of each chunk of a streamed response body.
const STREAM_CHUNK: usize = 64 * 1024;

/// How many chunks of a streamed response body may wait for the reader.
const STREAM_CHUNKS: usize = 16;

/// How long an idle connection is kept: less than the 20 s or more after which AWS endpoints
/// close idle connections, so the server seldom closes one just as it is reused.
const IDLE_FOR: Duration = Duration::from_secs(15);

/// Idle connections kept per host, and in all.
const IDLE_PER_HOST: usize = 8;
const IDLE_TOTAL: usize = 64;

/// The name of each request's helper thread.
const THREAD_NAME: &str = "http-transport";

type Outcome = ::std::result::Result<HttpResponse, TransportError>;

/// The default transport: HTTP/1.1 with rustls, blocking I/O on a helper thread per request.
///
/// Cloning is cheap and clones share the connection pool.
#[derive(Clone)]
pub struct BlockingClient {
    inner: Arc<Inner>,
}

pub(crate) struct Inner {
    /// The TLS configuration, or why it could not be built (reported by `https` requests).
    pub(crate) tls: ::std::result::Result<Arc<::rustls::ClientConfig>, ::std::string::String>,
    proxies: Proxies,
    pool: Mutex<::std::vec::Vec<Idle>>,
}

/// A connection waiting in the pool.
struct Idle {
    key: Key,
    conn: Conn,
    since: Instant,
}

/// What a connection can be reused for: the same scheme, host and port (the proxy, if any,
/// follows from these).
#[derive(Debug, Clone, PartialEq, Eq)]
struct Key {
    tls: bool,
    host: ::std::string::String,
    port: u16,
}

impl Key {
    fn of(target: &Target) -> Key {
        Key {
            tls: target.tls,
            host: target.host.clone(),
            port: target.port,
        }
    }
}

impl BlockingClient {
    /// A client that trusts the bundled webpki roots and reads proxies from the environment.
    pub fn new() -> Self {
        Self::build(default_tls().map(Arc::new))
    }

    /// A client that uses `config` for TLS: say, one that trusts a private CA as well. Its
    /// ALPN protocols should be empty or `http/1.1`.
    pub fn with_tls_config(config: Arc<::rustls::ClientConfig>) -> Self {
        Self::build(Ok(config))
    }

    fn build(
        tls: ::std::result::Result<Arc<::rustls::ClientConfig>, ::std::string::String>,
    ) -> Self {
        BlockingClient {
            inner: Arc::new(Inner {
                tls,
                proxies: Proxies::from_env(),
                pool: Mutex::new(::std::vec::Vec::new()),
            }),
        }
    }
}

impl ::std::default::Default for BlockingClient {
    fn default() -> Self {
        Self::new()
    }
}

impl ::std::fmt::Debug for BlockingClient {
    fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
        f.debug_struct("BlockingClient")
            .field("proxies", &self.inner.proxies)
            .finish_non_exhaustive()
    }
}

/// rustls with the ring provider, TLS 1.2 and 1.3, and the bundled webpki roots.
fn default_tls() -> ::std::result::Result<::rustls::ClientConfig, ::std::string::String> {
    let roots = ::rustls::RootCertStore {
        roots: ::webpki_roots::TLS_SERVER_ROOTS.to_vec(),
    };
    let provider = Arc::new(::rustls::crypto::ring::default_provider());
    ::rustls::ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .map(|builder| builder.with_root_certificates(roots).with_no_client_auth())
        .map_err(|e| ::std::format!("could not set up TLS: {e}"))
}

impl super::http::HttpClient for BlockingClient {
    fn send(
        &self,
        request: HttpRequest,
        timeouts: Timeouts,
    ) -> super::http::BoxFuture<'_, Outcome> {
        let (tx, rx) = super::exec::oneshot::<Outcome>();
        let inner = Arc::clone(&self.inner);
        let spawned = ::std::thread::Builder::new()
            .name(THREAD_NAME.into())
            .spawn(move || perform(&inner, request, timeouts, tx));
        ::std::boxed::Box::pin(async move {
            if let Err(e) = spawned {
                return Err(TransportError::new(
                    Kind::Other,
                    ::std::format!("could not start the transport thread: {e}"),
                ));
            }
            match rx.await {
                Some(outcome) => outcome,
                None => Err(TransportError::new(
                    Kind::Other,
                    "the transport thread ended without a result",
                )),
            }
        })
    }
}

/// A response whose head has arrived, with its body still on the connection.
struct Exchange {
    head: http1::Head,
    framing: Framing,
    body: BodyReader<BufReader<Conn>>,
    /// Whether the connection may be pooled once the body has been read.
    reusable: bool,
    /// The attempt's deadline, which also bounds handing a streamed body over.
    deadline: ::std::option::Option<Instant>,
}

/// Sends `request`, blocking the current thread, and delivers the response to `tx` once its
/// head has arrived (and a small body with it); then, for a streamed body, keeps reading it
/// into the body's channel until the end, an error, or the reader dropping the body.
fn perform(
    inner: &Inner,
    request: HttpRequest,
    timeouts: Timeouts,
    tx: super::exec::Sender<Outcome>,
) {
    let target = match Target::parse(&request.url) {
        Ok(target) => target,
        Err(e) => return tx.send(Err(TransportError::new(Kind::Other, e))),
    };
    let exchange = match exchange(inner, &target, request, timeouts) {
        Ok(exchange) => exchange,
        Err(e) => return tx.send(Err(e)),
    };
    let Exchange {
        head,
        framing,
        mut body,
        reusable,
        deadline,
    } = exchange;
    let key = Key::of(&target);
    let length = match framing {
        Framing::Empty => Some(0),
        Framing::Length(n) => Some(n),
        Framing::Chunked | Framing::UntilClose => None,
    };
    if let Some(n) = length.filter(|&n| n <= SMALL_BODY) {
        let mut bytes = ::std::vec::Vec::with_capacity(usize::try_from(n).unwrap_or_default());
        if let Err(e) = body.read_to_end(&mut bytes) {
            return tx.send(Err(io_error(&e, "reading the response body")));
        }
        inner.release(key, body, reusable);
        return tx.send(Ok(HttpResponse {
            status: head.status,
            headers: head.headers,
            body: Body::from(bytes),
        }));
    }
    let (body_tx, stream) = Body::channel(STREAM_CHUNKS, length);
    tx.send(Ok(HttpResponse {
        status: head.status,
        headers: head.headers,
        body: stream,
    }));
    // The connection is pooled only once the body has been read to its end.
    match body_tx.pump(&mut body, STREAM_CHUNK, deadline) {
        Ok(true) => inner.release(key, body, reusable),
        Ok(false) => {}
        Err(e) => body_tx.fail(e),
    }
}

/// Whether a request with an empty body is sent without one (no `content-length: 0`): every
/// method but those that normally carry a body.
fn omit_empty_body(method: &str) -> bool {
    !["POST", "PUT", "PATCH"]
        .iter()
        .any(|m| m.eq_ignore_ascii_case(method))
}

/// Sends the request and reads the response head: on a pooled connection if there is one,
/// else (or if that one turns out closed, when the body can be sent again) on a new one.
fn exchange(
    inner: &Inner,
    target: &Target,
    request: HttpRequest,
    timeouts: Timeouts,
) -> ::std::result::Result<Exchange, TransportError> {
    let start = Instant::now();
    let deadline = timeouts.read.map(|read| start + read);
    let HttpRequest {
        method,
        url: _,
        mut headers,
        body,
    } = request;
    // A proxy setting that cannot be used stays so: no retry would help.
    let proxy = inner
        .proxies
        .for_target(target)
        .map_err(|e| TransportError::new(Kind::Other, e))?;
    let has = |headers: &[(::std::string::String, ::std::string::String)], name: &str| {
        headers.iter().any(|(n, _)| n.eq_ignore_ascii_case(name))
    };
    if !has(&headers, "host") {
        headers.insert(0, ("host".into(), target.authority()));
    }
    // A proxy reached in the clear gets the whole URL, and its credentials with each request.
    let request_target = match proxy {
        Some(proxy) if !target.tls => {
            if let Some(authorization) = &proxy.authorization {
                headers.push(("proxy-authorization".into(), authorization.clone()));
            }
            ::std::format!("http://{}{}", target.authority(), target.path)
        }
        _ => target.path.clone(),
    };
    let mut payload =
        frame(&method, &mut headers, body).map_err(|e| TransportError::new(Kind::Other, e))?;
    let mut head = ::std::vec::Vec::new();
    http1::write_head(&mut head, &method, &request_target, &headers)
        .map_err(|e| TransportError::new(Kind::Other, e))?;
    let key = Key::of(target);
    if let Some(mut conn) = inner.checkout(&key) {
        conn.sock.deadline = deadline;
        match send_on(conn, &method, &head, &mut payload) {
            Ok(exchange) => return Ok(exchange),
            Err(Failure::Stale(_)) if matches!(payload, Payload::Bytes(_)) => {}
            Err(Failure::Stale(e) | Failure::Other(e)) => return Err(e),
        }
    }
    let conn = connect(inner, target, proxy, timeouts, deadline)?;
    send_on(conn, &method, &head, &mut payload).map_err(|(Failure::Stale(e) | Failure::Other(e))| e)
}

/// Decides how the request body is framed, adding `content-length` (or `transfer-encoding:
/// chunked` for a reader of unknown length) unless the caller set it. A caller's framing
/// header must agree with the body, so the connection never goes out of step with the server.
fn frame(
    method: &str,
    headers: &mut ::std::vec::Vec<(::std::string::String, ::std::string::String)>,
    body: Body,
) -> ::std::result::Result<Payload, ::std::string::String> {
    let value = |name: &str| {
        headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.trim().to_string())
    };
    let declared = match value("content-length") {
        None => None,
        Some(v) => Some(
            v.parse::<u64>()
                .map_err(|_| ::std::format!("invalid content-length {v:?}"))?,
        ),
    };
    let chunked = match value("transfer-encoding") {
        None => false,
        Some(v) if v.eq_ignore_ascii_case("chunked") => true,
        Some(v) => return Err(::std::format!("unsupported transfer-encoding {v:?}")),
    };
    if declared.is_some() && chunked {
        return Err("both content-length and transfer-encoding are set".into());
    }
    let length = body.content_length();
    if let (Some(declared), Some(length)) = (declared, length)
        && declared != length
    {
        return Err(::std::format!(
            "content-length {declared} does not match the body's {length} bytes"
        ));
    }
    if body.bytes().is_some() {
        if chunked {
            return Err("a body in memory is sent with its length, not chunked".into());
        }
        let empty = length == Some(0);
        if declared.is_none() && !(empty && omit_empty_body(method)) {
            headers.push(("content-length".into(), length.unwrap_or(0).to_string()));
        }
        return Ok(Payload::Bytes(body));
    }
    let reader = body.into_reader();
    Ok(match declared.or(length) {
        Some(length) if !chunked => {
            if declared.is_none() {
                headers.push(("content-length".into(), length.to_string()));
            }
            Payload::Sized(reader, length)
        }
        _ => {
            if !chunked {
                headers.push(("transfer-encoding".into(), "chunked".into()));
            }
            Payload::Chunked(reader)
        }
    })
}

/// The request body as it is sent.
enum Payload {
    /// A body in memory, which can be sent again.
    Bytes(Body),
    Sized(super::body::BodyReader, u64),
    Chunked(super::body::BodyReader),
}

/// Why an exchange failed: `Stale` when nothing of a response arrived before the connection
/// broke (on a pooled connection, most likely closed by the server while idle).
enum Failure {
    Stale(TransportError),
    Other(TransportError),
}

/// Writes the request on `conn` and reads the response head.
fn send_on(
    mut conn: Conn,
    method: &str,
    head: &[u8],
    payload: &mut Payload,
) -> ::std::result::Result<Exchange, Failure> {
    match write_request(&mut conn, head, payload)
        .and_then(|()| conn.flush().map_err(CopyError::Sink))
    {
        Ok(()) => {}
        // The caller's reader failed: no fault of the connection.
        Err(CopyError::Source(e)) => {
            return Err(Failure::Other(TransportError::new(
                Kind::Other,
                ::std::format!("reading the request body failed: {e}"),
            )));
        }
        Err(CopyError::Sink(e)) => {
            return Err(Failure::Stale(io_error(&e, "sending the request")));
        }
    }
    let mut reader = BufReader::with_capacity(16 * 1024, conn);
    let head = match http1::read_response_head(&mut reader) {
        Ok(head) => head,
        Err(e) if http1::is_no_response(&e) => {
            return Err(Failure::Stale(io_error(&e, "reading the response")));
        }
        Err(e) => return Err(Failure::Other(io_error(&e, "reading the response"))),
    };
    let framing = http1_body::framing(method, &head)
        .map_err(|e| Failure::Other(io_error(&e, "reading the response")))?;
    let reusable = head.keeps_alive() && framing != Framing::UntilClose;
    let deadline = reader.get_ref().sock.deadline;
    Ok(Exchange {
        deadline,
        body: BodyReader::new(reader, framing),
        head,
        framing,
        reusable,
    })
}

/// Writes the request head and body; a small body goes in the same write as the head.
fn write_request(
    conn: &mut Conn,
    head: &[u8],
    payload: &mut Payload,
) -> ::std::result::Result<(), CopyError> {
    match payload {
        Payload::Bytes(body) => {
            let bytes = body.bytes().unwrap_or_default();
            if bytes.len() <= 16 * 1024 {
                let mut message = ::std::vec::Vec::with_capacity(head.len() + bytes.len());
                message.extend_from_slice(head);
                message.extend_from_slice(bytes);
                conn.write_all(&message).map_err(CopyError::Sink)
            } else {
                conn.write_all(head)
                    .and_then(|()| conn.write_all(bytes))
                    .map_err(CopyError::Sink)
            }
        }
        Payload::Sized(reader, length) => {
            conn.write_all(head).map_err(CopyError::Sink)?;
            http1_body::copy_exact(conn, reader, *length)
        }
        Payload::Chunked(reader) => {
            conn.write_all(head).map_err(CopyError::Sink)?;
            http1_body::copy_chunked(conn, reader)
        }
    }
}

impl Inner {
    /// A pooled connection for `key` that still looks open, the most recently used first.
    fn checkout(&self, key: &Key) -> ::std::option::Option<Conn> {
        let mut pool = self
            .pool
            .lock()
            .unwrap_or_else(::std::sync::PoisonError::into_inner);
        pool.retain(|idle| idle.since.elapsed() < IDLE_FOR);
        while let Some(i) = pool.iter().rposition(|idle| idle.key == *key) {
            let idle = pool.remove(i);
            if idle.conn.looks_open() {
                return Some(idle.conn);
            }
        }
        None
    }

    /// Returns a connection whose response has been read to its end to the pool, unless it
    /// cannot be reused.
    fn release(&self, key: Key, body: BodyReader<BufReader<Conn>>, reusable: bool) {
        if !reusable || !body.is_done() {
            return;
        }
        let reader = body.into_inner();
        // Bytes past the response: the server is out of step, so the connection is not kept.
        if !reader.buffer().is_empty() {
            return;
        }
        let mut conn = reader.into_inner();
        if !conn.tls_is_clean() {
            return;
        }
        conn.sock.deadline = None;
        let mut pool = self
            .pool
            .lock()
            .unwrap_or_else(::std::sync::PoisonError::into_inner);
        if pool.iter().filter(|idle| idle.key == key).count() >= IDLE_PER_HOST
            && let Some(i) = pool.iter().position(|idle| idle.key == key)
        {
            pool.remove(i);
        }
        if pool.len() >= IDLE_TOTAL {
            pool.remove(0);
        }
        pool.push(Idle {
            key,
            conn,
            since: Instant::now(),
        });
    }
}

/// Maps an I/O error while `doing` something to a transport error.
pub(crate) fn io_error(error: &::std::io::Error, doing: &str) -> TransportError {
    use ::std::io::ErrorKind as Io;
    let kind = match error.kind() {
        Io::TimedOut | Io::WouldBlock => Kind::Timeout,
        Io::InvalidData => Kind::Other,
        _ => Kind::Io,
    };
    TransportError::new(kind, ::std::format!("{doing}: {error}"))
}

#[cfg(test)]
#[path = "tests/blocking_transport.rs"]
pub(crate) mod tests;
