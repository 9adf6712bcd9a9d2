//! HTTP/1.1 message bodies (RFC 9112, sections 6 and 7) for the blocking transport: how a
//! response body is delimited, a reader that decodes it (length, chunked, until close) with
//! bounded lines, and the request body's copies (exact length, or chunked).

use ::std::io::{BufRead, ErrorKind, Read, Write};

use super::http1::{Head, MAX_HEAD, invalid, read_line, truncated};

/// The most a chunk-size line (with its extensions) may take.
const MAX_CHUNK_LINE: usize = 4 * 1024;

/// How a response body is delimited (RFC 9112, section 6.3).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Framing {
    /// No body: a `HEAD` request's response, or a 204 or 304.
    Empty,
    /// Exactly this many bytes (`content-length`).
    Length(u64),
    /// Chunked transfer coding.
    Chunked,
    /// Everything until the server closes the connection.
    UntilClose,
}

/// How the response to a `method` request with `head` is delimited.
pub(crate) fn framing(method: &str, head: &Head) -> ::std::io::Result<Framing> {
    if method.eq_ignore_ascii_case("HEAD") || matches!(head.status, 204 | 304) {
        return Ok(Framing::Empty);
    }
    let codings: ::std::vec::Vec<&str> = head
        .values("transfer-encoding")
        .flat_map(|v| v.split(','))
        .map(str::trim)
        .filter(|c| !c.is_empty())
        .collect();
    if let Some(last) = codings.last() {
        // Only chunked is ever decoded: no other coding was asked for.
        return if !last.eq_ignore_ascii_case("chunked") {
            Ok(Framing::UntilClose)
        } else if codings.len() == 1 {
            Ok(Framing::Chunked)
        } else {
            Err(invalid("a transfer coding other than chunked"))
        };
    }
    let mut length = None;
    for value in head.values("content-length").flat_map(|v| v.split(',')) {
        let value = value.trim();
        if value.is_empty() || !value.bytes().all(|b| b.is_ascii_digit()) {
            return Err(invalid("an invalid content-length"));
        }
        let n = value
            .parse::<u64>()
            .map_err(|_| invalid("an invalid content-length"))?;
        if length.is_some_and(|l| l != n) {
            return Err(invalid("conflicting content-length values"));
        }
        length = Some(n);
    }
    Ok(length.map_or(Framing::UntilClose, Framing::Length))
}

/// Where a [`BodyReader`] is in the body.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum State {
    /// This many bytes left of a `content-length` body.
    Length(u64),
    /// Before a chunk-size line.
    ChunkSize,
    /// This many bytes left of the current chunk.
    ChunkData(u64),
    /// Before the line break that ends a chunk's data.
    ChunkEnd,
    /// In the trailer section after the last chunk.
    Trailers,
    /// Until the connection closes.
    UntilClose,
    /// The body has been read to its end.
    Done,
}

/// A response body read off the connection according to its [`Framing`].
#[derive(Debug)]
pub(crate) struct BodyReader<R> {
    inner: R,
    state: State,
}

impl<R: BufRead> BodyReader<R> {
    pub(crate) fn new(inner: R, framing: Framing) -> Self {
        let state = match framing {
            Framing::Empty | Framing::Length(0) => State::Done,
            Framing::Length(n) => State::Length(n),
            Framing::Chunked => State::ChunkSize,
            Framing::UntilClose => State::UntilClose,
        };
        BodyReader { inner, state }
    }

    /// Whether the whole body has been read, so the connection is at the next response.
    pub(crate) fn is_done(&self) -> bool {
        self.state == State::Done
    }

    /// The connection, with what it has buffered.
    pub(crate) fn into_inner(self) -> R {
        self.inner
    }

    /// Reads at most `limit` bytes of data into `buf`; an end of the stream is an error.
    fn read_data(&mut self, buf: &mut [u8], limit: u64) -> ::std::io::Result<usize> {
        let take = usize::try_from(limit).unwrap_or(usize::MAX).min(buf.len());
        let n = self.inner.read(&mut buf[..take])?;
        if n == 0 && take > 0 {
            return Err(truncated("the response body"));
        }
        Ok(n)
    }
}

impl<R: BufRead> Read for BodyReader<R> {
    fn read(&mut self, buf: &mut [u8]) -> ::std::io::Result<usize> {
        if buf.is_empty() {
            return Ok(0);
        }
        let mut line = ::std::vec::Vec::new();
        loop {
            match self.state {
                State::Done => return Ok(0),
                State::UntilClose => {
                    let n = self.inner.read(buf)?;
                    if n == 0 {
                        self.state = State::Done;
                    }
                    return Ok(n);
                }
                State::Length(left) => {
                    let n = self.read_data(buf, left)?;
                    let left = left - n as u64;
                    self.state = if left == 0 {
                        State::Done
                    } else {
                        State::Length(left)
                    };
                    return Ok(n);
                }
                State::ChunkData(left) => {
                    let n = self.read_data(buf, left)?;
                    let left = left - n as u64;
                    self.state = if left == 0 {
                        State::ChunkEnd
                    } else {
                        State::ChunkData(left)
                    };
                    return Ok(n);
                }
                State::ChunkSize => {
                    let mut budget = MAX_CHUNK_LINE;
                    if read_line(&mut self.inner, &mut line, &mut budget)? == 0 {
                        return Err(truncated("the chunked body"));
                    }
                    let size = parse_chunk_size(&line)?;
                    self.state = if size == 0 {
                        State::Trailers
                    } else {
                        State::ChunkData(size)
                    };
                }
                State::ChunkEnd => {
                    let mut budget = 2;
                    if read_line(&mut self.inner, &mut line, &mut budget)? == 0 {
                        return Err(truncated("the chunked body"));
                    }
                    if !line.is_empty() {
                        return Err(invalid("a chunk longer than its size"));
                    }
                    self.state = State::ChunkSize;
                }
                State::Trailers => {
                    // Trailers are read and dropped: no modeled member is bound to one.
                    let mut budget = MAX_HEAD;
                    loop {
                        if read_line(&mut self.inner, &mut line, &mut budget)? == 0 {
                            return Err(truncated("the chunked body's trailers"));
                        }
                        if line.is_empty() {
                            break;
                        }
                    }
                    self.state = State::Done;
                }
            }
        }
    }
}

/// The size in a chunk-size line, before any `;` extension.
fn parse_chunk_size(line: &[u8]) -> ::std::io::Result<u64> {
    let size = line.split(|&b| b == b';').next().unwrap_or_default();
    let size = size.trim_ascii();
    if size.is_empty() || size.len() > 16 || !size.iter().all(u8::is_ascii_hexdigit) {
        return Err(invalid("a malformed chunk size"));
    }
    Ok(size.iter().fold(0u64, |n, &d| {
        let digit = (d as char).to_digit(16).unwrap_or_default();
        (n << 4) | u64::from(digit)
    }))
}

/// The error of a request body that ended early or could not be read: it is the caller's,
/// not the connection's.
#[derive(Debug)]
pub(crate) enum CopyError {
    /// Reading the request body failed, or it ended before its declared length.
    Source(::std::io::Error),
    /// Writing to the connection failed.
    Sink(::std::io::Error),
}

/// Sends exactly `length` bytes of `reader`, failing if it ends sooner; bytes past `length`
/// are left unread.
pub(crate) fn copy_exact(
    out: &mut impl Write,
    reader: &mut impl Read,
    length: u64,
) -> ::std::result::Result<(), CopyError> {
    let mut buf = ::std::vec![0u8; 64 * 1024];
    let mut left = length;
    while left > 0 {
        let take = usize::try_from(left).unwrap_or(usize::MAX).min(buf.len());
        let n = match reader.read(&mut buf[..take]) {
            Ok(0) => {
                return Err(CopyError::Source(::std::io::Error::new(
                    ErrorKind::UnexpectedEof,
                    ::std::format!(
                        "the request body ended {left} bytes short of its length {length}"
                    ),
                )));
            }
            Ok(n) => n,
            Err(e) if e.kind() == ErrorKind::Interrupted => continue,
            Err(e) => return Err(CopyError::Source(e)),
        };
        out.write_all(&buf[..n]).map_err(CopyError::Sink)?;
        left -= n as u64;
    }
    Ok(())
}

/// Sends all of `reader` in the chunked transfer coding, ending with the last chunk.
pub(crate) fn copy_chunked(
    out: &mut impl Write,
    reader: &mut impl Read,
) -> ::std::result::Result<(), CopyError> {
    // Room in front of the data for the size line, so each chunk is one write.
    const PREFIX: usize = 10;
    let mut buf = ::std::vec![0u8; PREFIX + 64 * 1024 + 2];
    loop {
        let end = buf.len() - 2;
        let n = match reader.read(&mut buf[PREFIX..end]) {
            Ok(n) => n,
            Err(e) if e.kind() == ErrorKind::Interrupted => continue,
            Err(e) => return Err(CopyError::Source(e)),
        };
        if n == 0 {
            return out.write_all(b"0\r\n\r\n").map_err(CopyError::Sink);
        }
        let size = ::std::format!("{n:x}\r\n");
        let start = PREFIX - size.len();
        buf[start..PREFIX].copy_from_slice(size.as_bytes());
        buf[PREFIX + n..PREFIX + n + 2].copy_from_slice(b"\r\n");
        out.write_all(&buf[start..PREFIX + n + 2])
            .map_err(CopyError::Sink)?;
    }
}

#[cfg(test)]
#[path = "tests/http1_body.rs"]
mod tests;
