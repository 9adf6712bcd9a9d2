//! The async transport, behind the `hyper` feature: hyper 1 through hyper-util's pooled client,
//! rustls (ring provider, bundled webpki roots) through hyper-rustls, on tokio.
//!
//! Each request runs as a task on the tokio runtime the call is polled in (one with I/O and
//! time enabled, as `#[tokio::main]` gives), or, outside any tokio runtime (`http::block_on`,
//! another executor), on a private one-thread runtime started on first use. The future the
//! client returns only waits for that task, so it works under any executor; dropping it aborts
//! the task, which cancels the request and closes its connection. Connections are kept in a
//! pool (idle ones closed after 90 s) and reused.
//!
//! The request is sent as given, as with the ureq transport: no headers of the client's own
//! but `content-length` or `transfer-encoding` from the body, no redirects, and 4xx/5xx
//! statuses are responses. File and reader request bodies are read on the runtime's thread
//! while they are sent.

use ::std::future::Future;
use ::std::pin::Pin;
use ::std::sync::{Arc, Mutex};
use ::std::task::{Context, Poll};
use ::std::time::Duration;

use ::hyper::body::Body as _;

use super::http::{
    Body, BoxFuture, HttpClient, HttpRequest, HttpResponse, Sleep, Timeouts, TransportError,
    TransportErrorKind,
};

type BoxError = ::std::boxed::Box<dyn ::std::error::Error + Send + Sync>;
type Https =
    ::hyper_rustls::HttpsConnector<::hyper_util::client::legacy::connect::HttpConnector>;
type Stream =
    ::hyper_rustls::MaybeHttpsStream<::hyper_util::rt::TokioIo<::tokio::net::TcpStream>>;
type Pooled = ::hyper_util::client::legacy::Client<Connector, RequestBody>;

/// How many pools (one per distinct connect timeout) a client keeps.
const MAX_POOLS: usize = 8;

/// The async transport: hyper 1 with rustls on tokio, with pooled connections.
///
/// Cloning is cheap and clones share the connection pool. See the module docs of the crate's
/// `http` module for the runtime it needs.
#[derive(Clone)]
pub struct HyperClient {
    https: ::std::result::Result<Https, ::std::string::String>,
    pools: Arc<Mutex<::std::vec::Vec<(::std::option::Option<Duration>, Pooled)>>>,
}

impl HyperClient {
    /// A client with its own connection pool. Nothing is started until the first request.
    pub fn new() -> Self {
        let mut http = ::hyper_util::client::legacy::connect::HttpConnector::new();
        http.enforce_http(false);
        http.set_nodelay(true);
        let https = ::hyper_rustls::HttpsConnectorBuilder::new()
            .with_provider_and_webpki_roots(::rustls::crypto::ring::default_provider())
            .map(|b| b.https_or_http().enable_http1().wrap_connector(http))
            .map_err(|e| ::std::format!("TLS setup failed: {e}"));
        HyperClient {
            https,
            pools: Arc::new(Mutex::new(::std::vec::Vec::new())),
        }
    }

    /// The pooled client whose connector has this connect timeout.
    fn pool(
        &self,
        connect: ::std::option::Option<Duration>,
    ) -> ::std::result::Result<Pooled, TransportError> {
        let https = self
            .https
            .clone()
            .map_err(|e| TransportError::new(TransportErrorKind::Other, e))?;
        let Ok(mut pools) = self.pools.lock() else {
            return Err(TransportError::new(
                TransportErrorKind::Other,
                "the connection pool failed",
            ));
        };
        if let Some((_, pool)) = pools.iter().find(|(t, _)| *t == connect) {
            return Ok(pool.clone());
        }
        let pool = ::hyper_util::client::legacy::Client::builder(
            ::hyper_util::rt::TokioExecutor::new(),
        )
        .pool_timer(::hyper_util::rt::TokioTimer::new())
        .pool_idle_timeout(Duration::from_secs(90))
        .build(Connector {
            inner: https,
            timeout: connect,
        });
        if pools.len() >= MAX_POOLS {
            pools.remove(0);
        }
        pools.push((connect, pool.clone()));
        Ok(pool)
    }
}

impl ::std::default::Default for HyperClient {
    fn default() -> Self {
        Self::new()
    }
}

impl ::std::fmt::Debug for HyperClient {
    fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
        f.debug_struct("HyperClient").finish_non_exhaustive()
    }
}

impl HttpClient for HyperClient {
    fn send(
        &self,
        request: HttpRequest,
        timeouts: Timeouts,
    ) -> BoxFuture<'_, ::std::result::Result<HttpResponse, TransportError>> {
        let pool = self.pool(timeouts.connect);
        ::std::boxed::Box::pin(async move {
            let pool = pool?;
            let task = runtime()?.spawn(exchange(pool, request, timeouts.read));
            Task(task).await
        })
    }
}

/// The current tokio runtime, else the private one.
fn runtime() -> ::std::result::Result<::tokio::runtime::Handle, TransportError> {
    if let Ok(handle) = ::tokio::runtime::Handle::try_current() {
        return Ok(handle);
    }
    static PRIVATE: ::std::sync::OnceLock<::std::option::Option<::tokio::runtime::Handle>> =
        ::std::sync::OnceLock::new();
    PRIVATE
        .get_or_init(|| {
            let runtime = ::tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .ok()?;
            let handle = runtime.handle().clone();
            ::std::thread::Builder::new()
                .name("hyper-runtime".into())
                .spawn(move || runtime.block_on(::std::future::pending::<()>()))
                .ok()?;
            Some(handle)
        })
        .clone()
        .ok_or_else(|| {
            TransportError::new(
                TransportErrorKind::Other,
                "could not start the transport's tokio runtime",
            )
        })
}

/// A request's task; dropping it aborts the task, and so the request.
struct Task(::tokio::task::JoinHandle<::std::result::Result<HttpResponse, TransportError>>);

impl Future for Task {
    type Output = ::std::result::Result<HttpResponse, TransportError>;
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        Pin::new(&mut self.0).poll(cx).map(|joined| {
            joined.unwrap_or_else(|e| {
                Err(TransportError::new(
                    TransportErrorKind::Other,
                    ::std::format!("the request task failed: {e}"),
                ))
            })
        })
    }
}

impl Drop for Task {
    fn drop(&mut self) {
        self.0.abort();
    }
}

/// Sends the request and waits for the head, all within `read` of the start; the body is
/// handed over as a stream bounded by the same deadline.
async fn exchange(
    pool: Pooled,
    request: HttpRequest,
    read: ::std::option::Option<Duration>,
) -> ::std::result::Result<HttpResponse, TransportError> {
    let deadline = read.and_then(|d| ::tokio::time::Instant::now().checked_add(d));
    let HttpRequest {
        method,
        url,
        headers,
        body,
    } = request;
    let other = |m: ::std::string::String| TransportError::new(TransportErrorKind::Other, m);
    let mut builder = ::hyper::Request::builder()
        .method(method.as_str())
        .uri(url.as_str());
    for (name, value) in &headers {
        builder = builder.header(name.as_str(), value.as_str());
    }
    let len = body.content_length();
    let request = builder
        .body(RequestBody { body, len })
        .map_err(|e| other(::std::format!("invalid request: {e}")))?;
    let pending = pool.request(request);
    let response = match deadline {
        Some(at) => match ::tokio::time::timeout_at(at, pending).await {
            Ok(response) => response,
            Err(_) => return Err(read_timeout("waiting for the response")),
        },
        None => pending.await,
    }
    .map_err(|e| classify(&e))?;
    let status = response.status().as_u16();
    let headers = response
        .headers()
        .iter()
        .map(|(name, value)| {
            (
                ::std::string::String::from(name.as_str()),
                ::std::string::String::from_utf8_lossy(value.as_bytes()).into_owned(),
            )
        })
        .collect();
    let incoming = response.into_body();
    let len = incoming.size_hint().exact();
    let source = ResponseBody {
        incoming: Some(incoming),
        deadline: deadline.map(|at| ::std::boxed::Box::pin(::tokio::time::sleep_until(at))),
    };
    Ok(HttpResponse {
        status,
        headers,
        body: Body::from_source(source, len),
    })
}

fn read_timeout(phase: &str) -> TransportError {
    TransportError::new(
        TransportErrorKind::Timeout,
        ::std::format!("read timeout: {phase}"),
    )
}

/// Classifies a hyper-util client error: a timeout anywhere in its causes, a connection
/// failure, or an I/O failure on an established connection.
fn classify(error: &::hyper_util::client::legacy::Error) -> TransportError {
    let mut message = ::std::string::ToString::to_string(error);
    let mut timed_out = false;
    let mut cause = ::std::error::Error::source(error);
    while let Some(e) = cause {
        message.push_str(": ");
        message.push_str(&::std::string::ToString::to_string(e));
        if e.downcast_ref::<::std::io::Error>()
            .is_some_and(|io| io.kind() == ::std::io::ErrorKind::TimedOut)
        {
            timed_out = true;
        }
        cause = e.source();
    }
    let kind = if timed_out {
        TransportErrorKind::Timeout
    } else if error.is_connect() {
        TransportErrorKind::Connect
    } else {
        TransportErrorKind::Io
    };
    TransportError::new(kind, message)
}

/// The connector: hyper-rustls over hyper-util's TCP connector, with the connect timeout over
/// name resolution, TCP and TLS together.
#[derive(Clone)]
struct Connector {
    inner: Https,
    timeout: ::std::option::Option<Duration>,
}

impl ::tower_service::Service<::hyper::Uri> for Connector {
    type Response = Stream;
    type Error = BoxError;
    type Future =
        Pin<::std::boxed::Box<dyn Future<Output = ::std::result::Result<Stream, BoxError>> + Send>>;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<::std::result::Result<(), BoxError>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, uri: ::hyper::Uri) -> Self::Future {
        let connecting = self.inner.call(uri);
        let timeout = self.timeout;
        ::std::boxed::Box::pin(async move {
            let Some(limit) = timeout else {
                return connecting.await;
            };
            match ::tokio::time::timeout(limit, connecting).await {
                Ok(connected) => connected,
                Err(_) => Err(::std::boxed::Box::new(::std::io::Error::new(
                    ::std::io::ErrorKind::TimedOut,
                    "connect timeout",
                )) as BoxError),
            }
        })
    }
}

/// A request body for hyper: the chunks of a [`Body`], with its length when known.
struct RequestBody {
    body: Body,
    len: ::std::option::Option<u64>,
}

impl ::hyper::body::Body for RequestBody {
    type Data = ::hyper::body::Bytes;
    type Error = ::std::io::Error;

    fn poll_frame(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<
        ::std::option::Option<
            ::std::result::Result<::hyper::body::Frame<Self::Data>, Self::Error>,
        >,
    > {
        self.get_mut().body.poll_next(cx).map(|chunk| {
            chunk.map(|c| c.map(|bytes| ::hyper::body::Frame::data(bytes.into())))
        })
    }

    fn is_end_stream(&self) -> bool {
        self.len == Some(0)
    }

    fn size_hint(&self) -> ::hyper::body::SizeHint {
        match self.len {
            Some(n) => ::hyper::body::SizeHint::with_exact(n),
            None => ::hyper::body::SizeHint::default(),
        }
    }
}

/// A response body as a [`Body`] source, failing with `TimedOut` once the deadline passes.
struct ResponseBody {
    /// `None` once ended by the deadline: the connection is closed.
    incoming: ::std::option::Option<::hyper::body::Incoming>,
    deadline: ::std::option::Option<Pin<::std::boxed::Box<::tokio::time::Sleep>>>,
}

impl super::body::ChunkSource for ResponseBody {
    fn poll_chunk(
        &mut self,
        cx: &mut Context<'_>,
    ) -> Poll<::std::option::Option<::std::io::Result<::std::vec::Vec<u8>>>> {
        let Some(incoming) = &mut self.incoming else {
            return Poll::Ready(None);
        };
        loop {
            match Pin::new(&mut *incoming).poll_frame(cx) {
                Poll::Ready(Some(Ok(frame))) => match frame.into_data() {
                    Ok(data) if !data.is_empty() => return Poll::Ready(Some(Ok(data.to_vec()))),
                    // Empty data and trailers carry nothing for the body.
                    _ => {}
                },
                Poll::Ready(Some(Err(e))) => {
                    self.incoming = None;
                    let kind = if e.is_timeout() {
                        ::std::io::ErrorKind::TimedOut
                    } else {
                        ::std::io::ErrorKind::Other
                    };
                    return Poll::Ready(Some(Err(::std::io::Error::new(kind, e))));
                }
                Poll::Ready(None) => {
                    self.incoming = None;
                    return Poll::Ready(None);
                }
                Poll::Pending => break,
            }
        }
        if let Some(deadline) = &mut self.deadline
            && deadline.as_mut().poll(cx).is_ready()
        {
            self.incoming = None;
            return Poll::Ready(Some(Err(::std::io::Error::new(
                ::std::io::ErrorKind::TimedOut,
                "read timeout: receiving the response body",
            ))));
        }
        Poll::Pending
    }
}

/// Retry sleeps on tokio's timer when the sleep starts inside a tokio runtime (which must have
/// time enabled), else on the shared timer thread of [`ThreadSleep`](super::exec::ThreadSleep).
#[derive(Debug, Clone, Copy, Default)]
pub struct TokioSleep;

impl Sleep for TokioSleep {
    fn sleep(&self, duration: Duration) -> BoxFuture<'static, ()> {
        if ::tokio::runtime::Handle::try_current().is_ok() {
            ::std::boxed::Box::pin(::tokio::time::sleep(duration))
        } else {
            super::exec::ThreadSleep.sleep(duration)
        }
    }
}
