//! Connections for the blocking transport (`blocking_transport.rs`): name lookup, TCP, proxy
//! tunnels and the TLS handshake, each by its deadline, and the connection type whose every
//! socket call is bounded by the attempt's deadline.

use ::std::io::{BufReader, Read, Write};
use ::std::net::{SocketAddr, TcpStream, ToSocketAddrs as _};
use ::std::sync::Arc;
use ::std::time::Instant;

use super::blocking_transport::{Inner, io_error};
use super::http::{Timeouts, TransportError, TransportErrorKind as Kind};
use super::http1::{self, Target};
use super::proxy::Proxy;

/// A TCP socket whose every read and write ends by its deadline: the socket's timeouts are set
/// to what is left of it before each call, so a server that sends a byte just before each
/// timeout (during the TLS handshake, inside a TLS record, anywhere) gains nothing.
pub(crate) struct Socket {
    pub(crate) tcp: TcpStream,
    pub(crate) deadline: ::std::option::Option<Instant>,
}

impl Socket {
    /// Sets the socket's timeouts to what is left until the deadline; an error once it passed.
    fn arm(&self) -> ::std::io::Result<()> {
        let left = match self.deadline {
            None => None,
            Some(deadline) => {
                let left = deadline.saturating_duration_since(Instant::now());
                if left.is_zero() {
                    return Err(timed_out());
                }
                Some(left)
            }
        };
        self.tcp.set_read_timeout(left)?;
        self.tcp.set_write_timeout(left)
    }
}

impl Read for Socket {
    fn read(&mut self, buf: &mut [u8]) -> ::std::io::Result<usize> {
        self.arm()?;
        self.tcp.read(buf).map_err(deadline_error)
    }
}

impl Write for Socket {
    fn write(&mut self, buf: &[u8]) -> ::std::io::Result<usize> {
        self.arm()?;
        self.tcp.write(buf).map_err(deadline_error)
    }

    fn flush(&mut self) -> ::std::io::Result<()> {
        self.tcp.flush()
    }
}

/// A connection, plain or TLS.
pub(crate) struct Conn {
    pub(crate) sock: Socket,
    tls: ::std::option::Option<::std::boxed::Box<::rustls::ClientConnection>>,
}

impl Conn {
    /// Whether a pooled connection still looks open: nothing to read, not even its end.
    pub(crate) fn looks_open(&self) -> bool {
        let tcp = &self.sock.tcp;
        if tcp.set_nonblocking(true).is_err() {
            return false;
        }
        let idle = matches!(
            tcp.peek(&mut [0u8; 1]),
            Err(e) if e.kind() == ::std::io::ErrorKind::WouldBlock
        );
        tcp.set_nonblocking(false).is_ok() && idle
    }

    /// Whether TLS holds nothing more of the peer's: no decrypted bytes past the response, no
    /// records it has not processed, no close_notify.
    pub(crate) fn tls_is_clean(&mut self) -> bool {
        match &mut self.tls {
            None => true,
            Some(tls) => tls.process_new_packets().is_ok_and(|state| {
                state.plaintext_bytes_to_read() == 0 && !state.peer_has_closed()
            }),
        }
    }
}

impl Read for Conn {
    fn read(&mut self, buf: &mut [u8]) -> ::std::io::Result<usize> {
        match &mut self.tls {
            Some(tls) => ::rustls::Stream::new(&mut **tls, &mut self.sock).read(buf),
            None => self.sock.read(buf),
        }
    }
}

impl Write for Conn {
    fn write(&mut self, buf: &[u8]) -> ::std::io::Result<usize> {
        match &mut self.tls {
            Some(tls) => ::rustls::Stream::new(&mut **tls, &mut self.sock).write(buf),
            None => self.sock.write(buf),
        }
    }

    fn flush(&mut self) -> ::std::io::Result<()> {
        match &mut self.tls {
            Some(tls) => ::rustls::Stream::new(&mut **tls, &mut self.sock).flush(),
            None => self.sock.flush(),
        }
    }
}

/// A socket timeout, which the platform reports as `WouldBlock` or `TimedOut`, as `TimedOut`.
pub(crate) fn deadline_error(e: ::std::io::Error) -> ::std::io::Error {
    if e.kind() == ::std::io::ErrorKind::WouldBlock {
        timed_out()
    } else {
        e
    }
}

pub(crate) fn timed_out() -> ::std::io::Error {
    ::std::io::Error::new(::std::io::ErrorKind::TimedOut, "the read timeout passed")
}

/// Opens a connection to `target`, through `proxy` if there is one: resolves the name,
/// connects, tunnels through the proxy for TLS, and completes the TLS handshake, all by the
/// connect deadline (and the read deadline).
pub(crate) fn connect(
    inner: &Inner,
    target: &Target,
    proxy: ::std::option::Option<&Proxy>,
    timeouts: Timeouts,
    deadline: ::std::option::Option<Instant>,
) -> ::std::result::Result<Conn, TransportError> {
    // From now, not from the attempt's start: a pooled connection found broken may have
    // used some of the time.
    let connect_by = match (timeouts.connect.map(|c| Instant::now() + c), deadline) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    };
    let (host, port) = match proxy {
        Some(proxy) => (http1::bare(&proxy.host), proxy.port),
        None => (target.bare_host(), target.port),
    };
    let addresses = resolve(host, port, connect_by)?;
    let tcp = connect_any(host, &addresses, connect_by)?;
    let _ = tcp.set_nodelay(true);
    let mut conn = Conn {
        sock: Socket {
            tcp,
            deadline: connect_by,
        },
        tls: None,
    };
    if target.tls {
        if let Some(proxy) = proxy {
            tunnel(&mut conn, target, proxy)?;
        }
        let config = inner
            .tls
            .clone()
            .map_err(|e| TransportError::new(Kind::Other, e))?;
        handshake(&mut conn, config, target.bare_host())?;
    }
    conn.sock.deadline = deadline;
    Ok(conn)
}

/// The addresses of `host`; the lookup runs on its own thread when there is a deadline, as
/// the standard library's cannot be bounded.
fn resolve(
    host: &str,
    port: u16,
    by: ::std::option::Option<Instant>,
) -> ::std::result::Result<::std::vec::Vec<SocketAddr>, TransportError> {
    if let Ok(ip) = host.parse::<::std::net::IpAddr>() {
        return Ok(::std::vec![SocketAddr::new(ip, port)]);
    }
    let lookup = {
        let host = host.to_string();
        move || {
            (host.as_str(), port)
                .to_socket_addrs()
                .map(::std::iter::Iterator::collect::<::std::vec::Vec<_>>)
        }
    };
    let found = match by {
        None => lookup(),
        Some(by) => {
            let (tx, rx) = ::std::sync::mpsc::channel();
            ::std::thread::Builder::new()
                .name("http-resolve".into())
                .spawn(move || {
                    let _ = tx.send(lookup());
                })
                .map_err(|e| {
                    TransportError::new(
                        Kind::Other,
                        ::std::format!("could not start the name lookup: {e}"),
                    )
                })?;
            let left = by.saturating_duration_since(Instant::now());
            rx.recv_timeout(left).map_err(|_| {
                TransportError::new(
                    Kind::Timeout,
                    ::std::format!("looking up {host} took longer than the connect timeout"),
                )
            })?
        }
    };
    match found {
        Ok(addresses) if !addresses.is_empty() => Ok(addresses),
        Ok(_) => Err(TransportError::new(
            Kind::Connect,
            ::std::format!("{host} has no address"),
        )),
        Err(e) => Err(TransportError::new(
            Kind::Connect,
            ::std::format!("could not look up {host}: {e}"),
        )),
    }
}

/// Connects to the first of `addresses` that answers.
fn connect_any(
    host: &str,
    addresses: &[SocketAddr],
    by: ::std::option::Option<Instant>,
) -> ::std::result::Result<TcpStream, TransportError> {
    let mut last = None;
    for address in addresses {
        let attempt = match by {
            None => TcpStream::connect(address),
            Some(by) => match by.saturating_duration_since(Instant::now()) {
                left if left.is_zero() => Err(timed_out()),
                left => TcpStream::connect_timeout(address, left),
            },
        };
        match attempt {
            Ok(tcp) => return Ok(tcp),
            Err(e) => last = Some(e),
        }
    }
    let error = last.unwrap_or_else(timed_out);
    let kind = match error.kind() {
        ::std::io::ErrorKind::TimedOut | ::std::io::ErrorKind::WouldBlock => Kind::Timeout,
        _ => Kind::Connect,
    };
    Err(TransportError::new(
        kind,
        ::std::format!("could not connect to {host}: {error}"),
    ))
}

/// Asks `proxy` for a tunnel to `target` (`CONNECT`), for TLS end to end.
fn tunnel(
    conn: &mut Conn,
    target: &Target,
    proxy: &Proxy,
) -> ::std::result::Result<(), TransportError> {
    let failed = |e: &::std::io::Error| {
        let kind = if e.kind() == ::std::io::ErrorKind::TimedOut {
            Kind::Timeout
        } else {
            Kind::Connect
        };
        TransportError::new(kind, ::std::format!("the proxy tunnel failed: {e}"))
    };
    let authority = ::std::format!("{}:{}", target.host, target.port);
    let mut headers = ::std::vec![("host".into(), authority.clone())];
    if let Some(authorization) = &proxy.authorization {
        headers.push(("proxy-authorization".into(), authorization.clone()));
    }
    let mut head = ::std::vec::Vec::new();
    http1::write_head(&mut head, "CONNECT", &authority, &headers)
        .map_err(|e| TransportError::new(Kind::Other, e))?;
    conn.write_all(&head)
        .and_then(|()| conn.flush())
        .map_err(|e| failed(&e))?;
    let mut reader = BufReader::new(&mut *conn);
    let response = http1::read_response_head(&mut reader).map_err(|e| failed(&e))?;
    // The proxy speaks no more until the client starts TLS: anything buffered is wrong.
    if !(200..300).contains(&response.status) || !reader.buffer().is_empty() {
        return Err(TransportError::new(
            Kind::Connect,
            ::std::format!(
                "the proxy refused the tunnel to {authority} with status {}",
                response.status
            ),
        ));
    }
    Ok(())
}

/// Completes the TLS handshake with `host` on `conn`.
fn handshake(
    conn: &mut Conn,
    config: Arc<::rustls::ClientConfig>,
    host: &str,
) -> ::std::result::Result<(), TransportError> {
    let failed = |what: ::std::string::String| {
        TransportError::new(
            Kind::Connect,
            ::std::format!("TLS with {host} failed: {what}"),
        )
    };
    // Not a name TLS can verify, or a configuration rustls refuses: no retry would help.
    let unusable = |what: ::std::string::String| {
        TransportError::new(
            Kind::Other,
            ::std::format!("TLS with {host} cannot be set up: {what}"),
        )
    };
    let name = ::rustls::pki_types::ServerName::try_from(host.to_string())
        .map_err(|e| unusable(e.to_string()))?;
    let mut tls =
        ::rustls::ClientConnection::new(config, name).map_err(|e| unusable(e.to_string()))?;
    while tls.is_handshaking() {
        match tls.complete_io(&mut conn.sock) {
            Ok((0, 0)) => return Err(failed("the server closed the connection".into())),
            Ok(_) => {}
            Err(e) if e.kind() == ::std::io::ErrorKind::TimedOut => {
                return Err(io_error(&e, "the TLS handshake"));
            }
            Err(e) => return Err(failed(e.to_string())),
        }
    }
    conn.tls = Some(::std::boxed::Box::new(tls));
    Ok(())
}

#[cfg(test)]
#[path = "tests/blocking_connect.rs"]
mod tests;
