//! HTTP/1.1 on the wire (RFC 9112) for the blocking transport: the request's URL and head,
//! and the response head (the bodies are `http1_body.rs`). Every read is bounded, so a hostile
//! server cannot make the client buffer without limit; malformed input is an
//! [`ErrorKind::InvalidData`] error. The transport supplies the streams, deadlines and pool.

use ::std::io::{BufRead, ErrorKind};

/// The most a response head (status line and headers, or a trailer section) may take.
pub(crate) const MAX_HEAD: usize = 64 * 1024;
/// The most header lines one response head may carry.
const MAX_HEADERS: usize = 256;
/// The most interim (1xx) responses skipped before the final one.
const MAX_INTERIM: usize = 16;

/// Where a request goes: an `http` or `https` URL taken apart.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Target {
    /// Whether the scheme is `https`.
    pub(crate) tls: bool,
    /// The host as written in the URL, lowercased, an IPv6 address in brackets.
    pub(crate) host: ::std::string::String,
    /// The port, the scheme's default when the URL names none.
    pub(crate) port: u16,
    /// The path and query (never the fragment), at least `/`.
    pub(crate) path: ::std::string::String,
}

impl Target {
    /// Parses an absolute `http` or `https` URL. User information in the URL is refused: a
    /// signed request carries its credentials in headers.
    pub(crate) fn parse(url: &str) -> ::std::result::Result<Target, ::std::string::String> {
        let (tls, rest) = match url.split_once("://") {
            Some((scheme, rest)) if scheme.eq_ignore_ascii_case("https") => (true, rest),
            Some((scheme, rest)) if scheme.eq_ignore_ascii_case("http") => (false, rest),
            _ => return Err(::std::format!("{url:?} is not an http or https URL")),
        };
        let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
        let (authority, tail) = rest.split_at(end);
        if authority.contains('@') {
            return Err(::std::format!("{url:?} carries user information"));
        }
        let (host, port) = split_host_port(authority)
            .ok_or_else(|| ::std::format!("{url:?} has no valid host and port"))?;
        let tail = tail.split('#').next().unwrap_or_default();
        if tail.bytes().any(|b| b <= b' ' || b == 0x7f) {
            return Err(::std::format!(
                "{url:?} has a space or control character in its path"
            ));
        }
        let path = if tail.starts_with('/') {
            tail.to_string()
        } else {
            ::std::format!("/{tail}")
        };
        Ok(Target {
            tls,
            host: host.to_ascii_lowercase(),
            port: port.unwrap_or(if tls { 443 } else { 80 }),
            path,
        })
    }

    /// The `host` header's value: the host, with the port unless it is the scheme's default.
    pub(crate) fn authority(&self) -> ::std::string::String {
        if self.port == if self.tls { 443 } else { 80 } {
            self.host.clone()
        } else {
            ::std::format!("{}:{}", self.host, self.port)
        }
    }

    /// The host to resolve and to name in TLS: without an IPv6 address's brackets.
    pub(crate) fn bare_host(&self) -> &str {
        bare(&self.host)
    }
}

/// `host` without the brackets of an IPv6 address.
pub(crate) fn bare(host: &str) -> &str {
    host.strip_prefix('[')
        .and_then(|h| h.strip_suffix(']'))
        .unwrap_or(host)
}

/// Splits `host[:port]` (an IPv6 address in brackets); `None` when the host is empty or holds
/// characters no host name has, or the port is not a number.
pub(crate) fn split_host_port(authority: &str) -> ::std::option::Option<(&str, Option<u16>)> {
    let (host, port) = if authority.starts_with('[') {
        let close = authority.find(']')?;
        let (host, after) = authority.split_at(close + 1);
        match after {
            "" => (host, None),
            _ => (host, Some(after.strip_prefix(':')?)),
        }
    } else {
        match authority.rsplit_once(':') {
            Some((host, port)) => (host, Some(port)),
            None => (authority, None),
        }
    };
    let valid = |b: u8| b.is_ascii_alphanumeric() || b"-._~%!$&'()*+,;=:[]".contains(&b);
    if host.is_empty() || !host.bytes().all(valid) {
        return None;
    }
    let port = match port {
        None | Some("") => None,
        Some(p) => Some(p.parse::<u16>().ok()?),
    };
    Some((host, port))
}

/// Writes a request line and headers. `target` is the request-target: the path (origin form),
/// `host:port` for `CONNECT`, or the whole URL for a proxy. A method that is not a token or a
/// header with a line break (which would smuggle a second request) is refused.
pub(crate) fn write_head(
    out: &mut ::std::vec::Vec<u8>,
    method: &str,
    target: &str,
    headers: &[(::std::string::String, ::std::string::String)],
) -> ::std::result::Result<(), ::std::string::String> {
    if method.is_empty() || !method.bytes().all(is_token) {
        return Err(::std::format!("invalid method {method:?}"));
    }
    out.extend_from_slice(method.as_bytes());
    out.push(b' ');
    out.extend_from_slice(target.as_bytes());
    out.extend_from_slice(b" HTTP/1.1\r\n");
    for (name, value) in headers {
        if name.is_empty() || !name.bytes().all(is_token) {
            return Err(::std::format!("invalid header name {name:?}"));
        }
        if value.bytes().any(|b| b == b'\r' || b == b'\n' || b == 0) {
            return Err(::std::format!(
                "header {name} has a line break in its value"
            ));
        }
        out.extend_from_slice(name.as_bytes());
        out.extend_from_slice(b": ");
        out.extend_from_slice(value.as_bytes());
        out.extend_from_slice(b"\r\n");
    }
    out.extend_from_slice(b"\r\n");
    Ok(())
}

/// Whether `b` may appear in a method or header name (RFC 9110 `tchar`).
fn is_token(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b)
}

/// A response's status line and headers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Head {
    pub(crate) status: u16,
    /// Whether the response is HTTP/1.1 (or a later 1.x), not 1.0.
    pub(crate) http11: bool,
    /// The headers in order, names as sent; values not UTF-8 are read lossily.
    pub(crate) headers: ::std::vec::Vec<(::std::string::String, ::std::string::String)>,
}

impl Head {
    /// Every value of the header `name`, in order.
    pub(crate) fn values<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a str> + 'a {
        self.headers
            .iter()
            .filter(move |(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    /// Whether a comma-separated header lists `token`.
    fn lists(&self, name: &str, token: &str) -> bool {
        self.values(name)
            .flat_map(|v| v.split(','))
            .any(|t| t.trim().eq_ignore_ascii_case(token))
    }

    /// Whether the connection stays open after this response: HTTP/1.1 without
    /// `connection: close` (an HTTP/1.0 server's connection is never kept), and not both
    /// `transfer-encoding` and `content-length`, which may be an attempt at response splitting
    /// (RFC 9112, section 6.3).
    pub(crate) fn keeps_alive(&self) -> bool {
        self.http11
            && !self.lists("connection", "close")
            && !(self.values("transfer-encoding").next().is_some()
                && self.values("content-length").next().is_some())
    }
}

/// Reads the final response head, skipping interim (1xx) responses. A connection that ends
/// (or is reset) before any byte of a response arrives is an error for which
/// [`is_no_response`] holds, so the caller knows the server read nothing of the exchange it
/// answered; a connection that ends later is [`ErrorKind::UnexpectedEof`]; anything
/// malformed is [`ErrorKind::InvalidData`].
pub(crate) fn read_response_head<R: BufRead>(reader: &mut R) -> ::std::io::Result<Head> {
    loop {
        match reader.fill_buf() {
            Ok([]) => return Err(no_response("the connection closed")),
            Ok(_) => break,
            Err(e) if e.kind() == ErrorKind::Interrupted => {}
            Err(e)
                if matches!(
                    e.kind(),
                    ErrorKind::ConnectionReset | ErrorKind::ConnectionAborted
                ) =>
            {
                return Err(no_response(&e.to_string()));
            }
            Err(e) => return Err(e),
        }
    }
    for _ in 0..=MAX_INTERIM {
        let head = read_head(reader)?;
        match head.status {
            101 => return Err(invalid("the server switched protocols unasked")),
            100..=199 => continue,
            _ => return Ok(head),
        }
    }
    Err(invalid("too many interim responses"))
}

/// Marks the error of a connection that ended before any byte of a response.
#[derive(Debug)]
struct NoResponse(::std::string::String);

impl ::std::fmt::Display for NoResponse {
    fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
        write!(f, "{} before a response arrived", self.0)
    }
}

impl ::std::error::Error for NoResponse {}

fn no_response(what: &str) -> ::std::io::Error {
    ::std::io::Error::new(ErrorKind::UnexpectedEof, NoResponse(what.to_string()))
}

/// Whether `error` is [`read_response_head`]'s report of a connection that ended before any
/// byte of a response.
pub(crate) fn is_no_response(error: &::std::io::Error) -> bool {
    error.get_ref().is_some_and(|e| e.is::<NoResponse>())
}

/// Reads one status line and its headers.
fn read_head<R: BufRead>(reader: &mut R) -> ::std::io::Result<Head> {
    let mut budget = MAX_HEAD;
    let mut line = ::std::vec::Vec::new();
    // A client ignores empty lines before the status line (RFC 9112, section 2.2).
    loop {
        if read_line(reader, &mut line, &mut budget)? == 0 {
            return Err(truncated("a response"));
        }
        if !line.is_empty() {
            break;
        }
    }
    let (status, http11) = parse_status_line(&line)?;
    let mut headers: ::std::vec::Vec<(::std::string::String, ::std::string::String)> =
        ::std::vec::Vec::new();
    loop {
        if read_line(reader, &mut line, &mut budget)? == 0 {
            return Err(truncated("the response head"));
        }
        if line.is_empty() {
            return Ok(Head {
                status,
                http11,
                headers,
            });
        }
        if line[0] == b' ' || line[0] == b'\t' {
            // An obsolete line folding continues the previous value (RFC 9112, 5.2).
            let (_, value) = headers
                .last_mut()
                .ok_or_else(|| invalid("a folded line before any header"))?;
            value.push(' ');
            value.push_str(::std::string::String::from_utf8_lossy(&line).trim());
            continue;
        }
        if headers.len() == MAX_HEADERS {
            return Err(invalid("too many response headers"));
        }
        let colon = line
            .iter()
            .position(|&b| b == b':')
            .ok_or_else(|| invalid("a header line without a colon"))?;
        let (name, value) = line.split_at(colon);
        if name.is_empty() || !name.iter().all(|&b| is_token(b)) {
            return Err(invalid("an invalid header name"));
        }
        let value = ::std::string::String::from_utf8_lossy(&value[1..]);
        headers.push((
            ::std::string::String::from_utf8_lossy(name).into_owned(),
            value.trim_matches([' ', '\t']).to_string(),
        ));
    }
}

/// `HTTP/1.x NNN reason`: the status and whether the version is 1.1 or later.
fn parse_status_line(line: &[u8]) -> ::std::io::Result<(u16, bool)> {
    let bad = || invalid("a malformed status line");
    let rest = line.strip_prefix(b"HTTP/1.").ok_or_else(bad)?;
    let (&minor, rest) = rest.split_first().ok_or_else(bad)?;
    if !minor.is_ascii_digit() {
        return Err(bad());
    }
    let rest = rest.strip_prefix(b" ").ok_or_else(bad)?;
    let digits = rest.get(..3).ok_or_else(bad)?;
    if !digits.iter().all(u8::is_ascii_digit) || rest.get(3).is_some_and(|&b| b != b' ') {
        return Err(bad());
    }
    let status = digits
        .iter()
        .fold(0u16, |n, d| n * 10 + u16::from(d - b'0'));
    if status < 100 {
        return Err(bad());
    }
    Ok((status, minor != b'0'))
}

/// Reads one line into `line` without its `\n` or `\r\n`, taking its length from `budget`.
/// Returns the bytes consumed: 0 only at the end of the stream.
pub(crate) fn read_line<R: BufRead>(
    reader: &mut R,
    line: &mut ::std::vec::Vec<u8>,
    budget: &mut usize,
) -> ::std::io::Result<usize> {
    line.clear();
    let mut consumed = 0;
    loop {
        let available = match reader.fill_buf() {
            Ok(available) => available,
            Err(e) if e.kind() == ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if available.is_empty() {
            return if consumed == 0 {
                Ok(0)
            } else {
                Err(truncated("a line"))
            };
        }
        let (take, done) = match available.iter().position(|&b| b == b'\n') {
            Some(i) => (i + 1, true),
            None => (available.len(), false),
        };
        if take > *budget {
            return Err(invalid("a response line or head too long"));
        }
        *budget -= take;
        line.extend_from_slice(&available[..take]);
        reader.consume(take);
        consumed += take;
        if done {
            line.pop();
            if line.last() == Some(&b'\r') {
                line.pop();
            }
            return Ok(consumed);
        }
    }
}

pub(crate) fn invalid(what: &str) -> ::std::io::Error {
    ::std::io::Error::new(
        ErrorKind::InvalidData,
        ::std::format!("malformed HTTP response: {what}"),
    )
}

pub(crate) fn truncated(what: &str) -> ::std::io::Error {
    ::std::io::Error::new(
        ErrorKind::UnexpectedEof,
        ::std::format!("the connection closed in the middle of {what}"),
    )
}

#[cfg(test)]
#[path = "tests/http1.rs"]
pub(crate) mod tests;
