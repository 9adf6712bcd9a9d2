//! HTTP message bodies: bytes in memory, a file, a reader, or a stream of chunks arriving from
//! another thread with back-pressure. The same type is a request body, a response body and a
//! `@streaming` blob member (`primitives::ByteStream`).

use ::std::io::{Read as _, Seek as _};
use ::std::sync::Mutex;
use ::std::task::{Context, Poll, Waker};

use super::body_channel::{self, ChannelReceiver};
pub use super::body_channel::{BodyClosed, BodySender};

/// How many bytes a file or reader yields per chunk.
const CHUNK: usize = 64 * 1024;

/// A message body: bytes in memory, a file, a reader, or a stream fed by the transport.
///
/// Bytes and files can be sent again, so requests with them are retried; a reader or a stream
/// is read once. A streaming response is read incrementally with [`Body::next`], gathered with
/// [`Body::collect`], or read through [`std::io::Read`] with [`Body::into_reader`].
pub struct Body {
    inner: Inner,
}

enum Inner {
    /// Bytes in memory (empty for no body).
    Bytes(::std::vec::Vec<u8>),
    /// `len` bytes of a file from offset `start`.
    File {
        file: ::std::fs::File,
        start: u64,
        len: u64,
    },
    /// A reader, read once.
    Reader {
        reader: Mutex<::std::boxed::Box<dyn ::std::io::Read + Send>>,
        len: ::std::option::Option<u64>,
    },
    /// Chunks sent by a [`BodySender`].
    Channel {
        rx: ChannelReceiver,
        len: ::std::option::Option<u64>,
    },
    /// Chunks polled from an async source (the `hyper` transport's response body). The mutex
    /// only makes the body `Sync`; it is reached through `get_mut`.
    Source {
        source: Mutex<::std::boxed::Box<dyn ChunkSource>>,
        len: ::std::option::Option<u64>,
    },
}

/// An async source of body chunks, polled by [`Body::next`].
pub(crate) trait ChunkSource: Send {
    /// The next chunk, `None` at the end.
    fn poll_chunk(
        &mut self,
        cx: &mut Context<'_>,
    ) -> Poll<::std::option::Option<::std::io::Result<::std::vec::Vec<u8>>>>;
}

impl Body {
    /// No body.
    pub fn empty() -> Self {
        Body {
            inner: Inner::Bytes(::std::vec::Vec::new()),
        }
    }

    /// A body of static bytes.
    pub fn from_static(bytes: &'static [u8]) -> Self {
        Body::from(bytes.to_vec())
    }

    /// The whole file at `path`, read while it is sent. The length is taken now; the body can be
    /// sent again (it is re-read from the start), so requests with it are retried.
    pub fn from_path(
        path: impl ::std::convert::AsRef<::std::path::Path>,
    ) -> ::std::io::Result<Self> {
        Self::from_file(::std::fs::File::open(path)?)
    }

    /// The rest of an open file, from its current position to its current end. The body can be
    /// sent again: each send seeks back to that position.
    pub fn from_file(mut file: ::std::fs::File) -> ::std::io::Result<Self> {
        let start = file.stream_position()?;
        let end = file.metadata()?.len();
        Ok(Body {
            inner: Inner::File {
                file,
                start,
                len: end.saturating_sub(start),
            },
        })
    }

    /// A reader of unknown length, read once while the request is sent: a request with it is
    /// not retried, and it is signed with `UNSIGNED-PAYLOAD`.
    pub fn from_reader(reader: impl ::std::io::Read + Send + 'static) -> Self {
        Body {
            inner: Inner::Reader {
                reader: Mutex::new(::std::boxed::Box::new(reader)),
                len: None,
            },
        }
    }

    /// A reader that yields exactly `len` bytes, sent with that `content-length`.
    pub fn from_reader_with_length(
        reader: impl ::std::io::Read + Send + 'static,
        len: u64,
    ) -> Self {
        Body {
            inner: Inner::Reader {
                reader: Mutex::new(::std::boxed::Box::new(reader.take(len))),
                len: Some(len),
            },
        }
    }

    /// A body fed chunk by chunk from another thread, and the sender that feeds it. At most
    /// `capacity` chunks (at least one) wait in between: [`BodySender::send`] blocks until the
    /// reader catches up, so a fast producer never fills memory. `len` is the total length
    /// when known (a response's `content-length`).
    pub fn channel(capacity: usize, len: ::std::option::Option<u64>) -> (BodySender, Body) {
        let (sender, rx) = body_channel::pair(capacity);
        (
            sender,
            Body {
                inner: Inner::Channel { rx, len },
            },
        )
    }

    /// A body polled from an async source; dropping the body drops the source.
    pub(crate) fn from_source(
        source: impl ChunkSource + 'static,
        len: ::std::option::Option<u64>,
    ) -> Self {
        Body {
            inner: Inner::Source {
                source: Mutex::new(::std::boxed::Box::new(source)),
                len,
            },
        }
    }

    /// The bytes, when the body is in memory (not a file, reader or stream).
    pub fn bytes(&self) -> ::std::option::Option<&[u8]> {
        match &self.inner {
            Inner::Bytes(b) => Some(b),
            _ => None,
        }
    }

    /// The length in bytes, when known.
    pub fn content_length(&self) -> ::std::option::Option<u64> {
        match &self.inner {
            Inner::Bytes(b) => u64::try_from(b.len()).ok(),
            Inner::File { len, .. } => Some(*len),
            Inner::Reader { len, .. } | Inner::Channel { len, .. } | Inner::Source { len, .. } => {
                *len
            }
        }
    }

    /// Whether the body can be sent again (bytes or a file), so a request with it is retried.
    pub fn is_replayable(&self) -> bool {
        matches!(self.inner, Inner::Bytes(_) | Inner::File { .. })
    }

    /// A copy to send again, for bytes and files (which share the open file); `None` for a
    /// reader or a stream, which can be read only once.
    pub fn try_clone(&self) -> ::std::option::Option<Body> {
        let inner = match &self.inner {
            Inner::Bytes(b) => Inner::Bytes(b.clone()),
            Inner::File { file, start, len } => Inner::File {
                file: file.try_clone().ok()?,
                start: *start,
                len: *len,
            },
            Inner::Reader { .. } | Inner::Channel { .. } | Inner::Source { .. } => return None,
        };
        Some(Body { inner })
    }

    /// The next chunk, or `None` at the end. A stream from the transport is awaited; a file or
    /// reader is read on the calling thread.
    pub async fn next(&mut self) -> ::std::option::Option<::std::io::Result<::std::vec::Vec<u8>>> {
        ::std::future::poll_fn(|cx| self.poll_next(cx)).await
    }

    /// Reads the whole body into memory.
    pub async fn collect(self) -> ::std::io::Result<::std::vec::Vec<u8>> {
        self.collect_limited(u64::MAX).await
    }

    /// Reads the whole body into memory, failing once it grows past `limit` bytes (an error
    /// for which [`is_too_large`] holds).
    pub(crate) async fn collect_limited(
        mut self,
        limit: u64,
    ) -> ::std::io::Result<::std::vec::Vec<u8>> {
        let too_large =
            || ::std::io::Error::new(::std::io::ErrorKind::InvalidData, TooLarge(limit));
        if let Inner::Bytes(b) = &mut self.inner {
            return if u64::try_from(b.len()).is_ok_and(|n| n <= limit) {
                Ok(::std::mem::take(b))
            } else {
                Err(too_large())
            };
        }
        let mut out = ::std::vec::Vec::new();
        while let Some(chunk) = self.next().await {
            let chunk = chunk?;
            let total = out.len().checked_add(chunk.len());
            if total
                .and_then(|n| u64::try_from(n).ok())
                .is_none_or(|n| n > limit)
            {
                return Err(too_large());
            }
            if out.is_empty() {
                out = chunk;
            } else {
                out.extend_from_slice(&chunk);
            }
        }
        Ok(out)
    }

    /// A blocking [`std::io::Read`] over the body. Reading a stream from the transport blocks
    /// the thread until data arrives, so use it off the async executor (or with
    /// `http::block_on`).
    pub fn into_reader(self) -> BodyReader {
        BodyReader {
            body: self,
            pending: ::std::vec::Vec::new(),
            pos: 0,
        }
    }

    pub(crate) fn poll_next(
        &mut self,
        cx: &mut Context<'_>,
    ) -> Poll<::std::option::Option<::std::io::Result<::std::vec::Vec<u8>>>> {
        match &mut self.inner {
            Inner::Bytes(b) if b.is_empty() => Poll::Ready(None),
            Inner::Bytes(b) => Poll::Ready(Some(Ok(::std::mem::take(b)))),
            Inner::File { file, start, len } => {
                let opened = file.seek(::std::io::SeekFrom::Start(*start));
                let len = *len;
                match opened.and_then(|_| file.try_clone()) {
                    Ok(f) => {
                        self.inner = Inner::Reader {
                            reader: Mutex::new(::std::boxed::Box::new(f.take(len))),
                            len: Some(len),
                        };
                        self.poll_next(cx)
                    }
                    Err(e) => {
                        self.inner = Inner::Bytes(::std::vec::Vec::new());
                        Poll::Ready(Some(Err(e)))
                    }
                }
            }
            Inner::Reader { reader, .. } => {
                let mut buf = vec![0u8; CHUNK];
                let read = match reader.get_mut() {
                    Ok(r) => read_retrying(r.as_mut(), &mut buf),
                    Err(_) => Err(::std::io::Error::other("the body reader panicked")),
                };
                match read {
                    Ok(0) => {
                        self.inner = Inner::Bytes(::std::vec::Vec::new());
                        Poll::Ready(None)
                    }
                    Ok(n) => {
                        buf.truncate(n);
                        Poll::Ready(Some(Ok(buf)))
                    }
                    Err(e) => {
                        self.inner = Inner::Bytes(::std::vec::Vec::new());
                        Poll::Ready(Some(Err(e)))
                    }
                }
            }
            Inner::Channel { rx, .. } => rx.poll_recv(cx),
            Inner::Source { source, .. } => match source.get_mut() {
                Ok(source) => source.poll_chunk(cx),
                Err(_) => Poll::Ready(Some(Err(::std::io::Error::other(
                    "the body source panicked",
                )))),
            },
        }
    }

    /// The next chunk, blocking the thread while a stream waits for data.
    fn next_blocking(&mut self) -> ::std::option::Option<::std::io::Result<::std::vec::Vec<u8>>> {
        match &self.inner {
            Inner::Channel { rx, .. } => return rx.recv_blocking(),
            Inner::Source { .. } => {
                return super::exec::block_on(::std::future::poll_fn(|cx| self.poll_next(cx)));
            }
            _ => {}
        }
        // Bytes, files and readers never return `Pending`.
        match self.poll_next(&mut Context::from_waker(Waker::noop())) {
            Poll::Ready(next) => next,
            Poll::Pending => None,
        }
    }
}

/// The error of [`Body::collect_limited`] past its limit.
#[derive(Debug)]
struct TooLarge(u64);

impl ::std::fmt::Display for TooLarge {
    fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
        write!(f, "the body is larger than {} bytes", self.0)
    }
}

impl ::std::error::Error for TooLarge {}

/// Whether `error` is [`Body::collect_limited`]'s "past the limit".
pub(crate) fn is_too_large(error: &::std::io::Error) -> bool {
    error.get_ref().is_some_and(|e| e.is::<TooLarge>())
}

/// Reads once, retrying on `Interrupted`.
fn read_retrying(reader: &mut dyn ::std::io::Read, buf: &mut [u8]) -> ::std::io::Result<usize> {
    loop {
        match reader.read(buf) {
            Err(e) if e.kind() == ::std::io::ErrorKind::Interrupted => {}
            other => return other,
        }
    }
}

impl ::std::default::Default for Body {
    fn default() -> Self {
        Body::empty()
    }
}

impl ::std::fmt::Debug for Body {
    fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
        let kind = match &self.inner {
            Inner::Bytes(_) => "bytes",
            Inner::File { .. } => "file",
            Inner::Reader { .. } => "reader",
            Inner::Channel { .. } | Inner::Source { .. } => "stream",
        };
        f.debug_struct("Body")
            .field("kind", &kind)
            .field("content_length", &self.content_length())
            .finish()
    }
}

impl ::std::convert::From<::std::vec::Vec<u8>> for Body {
    fn from(bytes: ::std::vec::Vec<u8>) -> Self {
        Body {
            inner: Inner::Bytes(bytes),
        }
    }
}

impl ::std::convert::From<&[u8]> for Body {
    fn from(bytes: &[u8]) -> Self {
        Body::from(bytes.to_vec())
    }
}

impl<const N: usize> ::std::convert::From<&[u8; N]> for Body {
    fn from(bytes: &[u8; N]) -> Self {
        Body::from(bytes.to_vec())
    }
}

impl ::std::convert::From<::std::string::String> for Body {
    fn from(text: ::std::string::String) -> Self {
        Body::from(text.into_bytes())
    }
}

impl ::std::convert::From<&str> for Body {
    fn from(text: &str) -> Self {
        Body::from(text.as_bytes().to_vec())
    }
}

/// A blocking reader over a [`Body`], from [`Body::into_reader`].
#[derive(Debug)]
pub struct BodyReader {
    body: Body,
    pending: ::std::vec::Vec<u8>,
    pos: usize,
}

impl ::std::io::Read for BodyReader {
    fn read(&mut self, buf: &mut [u8]) -> ::std::io::Result<usize> {
        if buf.is_empty() {
            return Ok(0);
        }
        while self.pos >= self.pending.len() {
            match self.body.next_blocking() {
                None => return Ok(0),
                Some(Err(e)) => return Err(e),
                Some(Ok(chunk)) => {
                    self.pending = chunk;
                    self.pos = 0;
                }
            }
        }
        let rest = self.pending.get(self.pos..).unwrap_or_default();
        let n = rest.len().min(buf.len());
        buf[..n].copy_from_slice(&rest[..n]);
        self.pos += n;
        Ok(n)
    }
}

#[cfg(test)]
#[path = "tests/body.rs"]
mod tests;
