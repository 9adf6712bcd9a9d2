//! Tests of `blocking_connect.rs`, compiled as its `tests` module: certificates, tunnels,
//! refusing proxies, a dribbled handshake and how connect failures are classified. The
//! servers and clients are `blocking_transport.rs`'s test helpers.

use ::std::io::{BufRead as _, BufReader, Read, Write};
use ::std::net::{TcpListener, TcpStream};
use ::std::sync::{Arc, Mutex};
use ::std::time::Duration;

use super::super::blocking_transport::tests::{Server, client, get, one_reply, text};
use super::super::blocking_transport::{BlockingClient, io_error};
use super::super::exec::block_on;
use super::super::http::{
    Body, HttpClient as _, HttpRequest, Timeouts, TransportErrorKind as Kind,
};

#[test]
fn untrusted_certificates_and_non_tls_servers_fail_to_connect() {
    let server = Server::start(true, false);
    // The bundled webpki roots do not include the test CA.
    let result = get(
        &BlockingClient::new(),
        &format!("https://127.0.0.1:{}/", server.port),
    );
    let error = result.expect_err("an error");
    assert_eq!(error.kind(), Kind::Connect, "{error}");
    assert!(error.to_string().contains("TLS"), "{error}");
    let plain = Server::start(false, false);
    let result = get(&client(&[]), &format!("https://127.0.0.1:{}/", plain.port));
    assert_eq!(result.err().map(|e| e.kind()), Some(Kind::Connect));
}

#[test]
fn https_goes_through_a_connect_tunnel() {
    let server = Server::start(true, false);
    // A proxy that checks its credentials, answers CONNECT, then relays to the server
    // whatever host was asked for (the client never resolves it).
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
    let proxy_port = listener.local_addr().expect("address").port();
    let asked = Arc::new(Mutex::new(Vec::new()));
    let seen = Arc::clone(&asked);
    let upstream = server.port;
    ::std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(stream) = stream else { return };
            let mut reader = BufReader::new(stream);
            let mut head = String::new();
            loop {
                let mut line = String::new();
                if reader.read_line(&mut line).unwrap_or(0) == 0 {
                    return;
                }
                head.push_str(&line);
                if line == "\r\n" {
                    break;
                }
            }
            seen.lock().expect("lock").push(head);
            let mut client_side = reader.into_inner();
            let Ok(mut server_side) = TcpStream::connect(("127.0.0.1", upstream)) else {
                return;
            };
            let _ = client_side.write_all(b"HTTP/1.1 200 Connection established\r\n\r\n");
            let (Ok(mut c2), Ok(mut s2)) = (client_side.try_clone(), server_side.try_clone())
            else {
                return;
            };
            ::std::thread::spawn(move || ::std::io::copy(&mut c2, &mut s2));
            let _ = ::std::io::copy(&mut server_side, &mut client_side);
        }
    });
    let proxy = format!("http://me:secret@127.0.0.1:{proxy_port}");
    let client = client(&[("HTTPS_PROXY", &proxy)]);
    let response = get(&client, "https://service.test/tunnelled").expect("call");
    assert_eq!(text(response), "GET /tunnelled HTTP/1.1");
    let asked = asked.lock().expect("lock").clone();
    assert_eq!(asked.len(), 1);
    assert!(
        asked[0].starts_with("CONNECT service.test:443 HTTP/1.1\r\n"),
        "{asked:?}"
    );
    assert!(
        asked[0].contains("proxy-authorization: Basic bWU6c2VjcmV0\r\n"),
        "{asked:?}"
    );
    let heads = server.heads.lock().expect("lock").clone();
    assert!(heads[0].contains("host: service.test\r\n"), "{heads:?}");
    assert!(!heads[0].contains("proxy-authorization"), "{heads:?}");
}

#[test]
fn a_proxy_that_refuses_the_tunnel_is_a_connect_error() {
    let port =
        one_reply(b"HTTP/1.1 407 Proxy Authentication Required\r\ncontent-length: 0\r\n\r\n");
    let client = client(&[("HTTPS_PROXY", &format!("127.0.0.1:{port}"))]);
    let error = get(&client, "https://service.test/").expect_err("refused");
    assert_eq!(error.kind(), Kind::Connect, "{error}");
    assert!(error.to_string().contains("407"), "{error}");
    // A proxy answering 200 with bytes after its head is not a tunnel either.
    let proxy = Server::start(false, false);
    let client = self::client(&[("HTTPS_PROXY", &format!("127.0.0.1:{}", proxy.port))]);
    let result = get(&client, "https://service.test/");
    assert_eq!(result.err().map(|e| e.kind()), Some(Kind::Connect));
    // A proxy setting that cannot be used fails the request, for good.
    let unusable = self::client(&[("HTTPS_PROXY", "socks5://127.0.0.1:1")]);
    let error = get(&unusable, "https://service.test/").expect_err("an error");
    assert_eq!(error.kind(), Kind::Other);
    assert!(error.to_string().contains("socks5"), "{error}");
}

#[test]
fn a_tls_handshake_dribbled_a_byte_at_a_time_ends_at_the_deadline() {
    // The server reads the ClientHello, then sends the header of a long handshake record and
    // one byte of it every 200 ms: each read gets a byte well within any per-read timeout.
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
    let port = listener.local_addr().expect("address").port();
    ::std::thread::spawn(move || {
        if let Ok((mut stream, _)) = listener.accept() {
            let mut buf = [0u8; 4096];
            let _ = stream.read(&mut buf);
            let _ = stream.write_all(&[0x16, 0x03, 0x03, 0x10, 0x00]);
            for _ in 0..100 {
                ::std::thread::sleep(Duration::from_millis(200));
                if stream.write_all(&[0x02]).is_err() {
                    return;
                }
            }
        }
    });
    let request = HttpRequest {
        method: "GET".into(),
        url: format!("https://127.0.0.1:{port}/"),
        headers: Vec::new(),
        body: Body::empty(),
    };
    let timeouts = Timeouts {
        connect: Some(Duration::from_secs(1)),
        read: Some(Duration::from_secs(5)),
    };
    let start = ::std::time::Instant::now();
    let result = block_on(client(&[]).send(request, timeouts));
    let elapsed = start.elapsed();
    assert_eq!(result.err().map(|e| e.kind()), Some(Kind::Timeout));
    assert!(elapsed < Duration::from_millis(1800), "took {elapsed:?}");
    assert!(
        elapsed >= Duration::from_millis(900),
        "ended early, after {elapsed:?}"
    );
}

#[test]
fn failures_are_classified() {
    let client = client(&[]);
    assert_eq!(
        get(&client, "not a url").err().map(|e| e.kind()),
        Some(Kind::Other)
    );
    assert_eq!(
        get(&client, "ftp://host/").err().map(|e| e.kind()),
        Some(Kind::Other)
    );
    // A port nothing listens on.
    let port = TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .expect("port")
        .port();
    let refused = get(&client, &format!("http://127.0.0.1:{port}/"));
    assert_eq!(refused.err().map(|e| e.kind()), Some(Kind::Connect));
    // A resolver that is slow to say so may run into the connect timeout instead.
    let unknown = get(&client, "http://no-such-host.invalid/");
    let kind = unknown.err().map(|e| e.kind());
    assert!(
        matches!(kind, Some(Kind::Connect | Kind::Timeout)),
        "{kind:?}"
    );
    let bad_method = HttpRequest {
        method: "GE T".into(),
        url: format!("http://127.0.0.1:{port}/"),
        headers: Vec::new(),
        body: Body::empty(),
    };
    let result = block_on(client.send(bad_method, Timeouts::default()));
    assert_eq!(result.err().map(|e| e.kind()), Some(Kind::Other));
    let timeout = ::std::io::Error::from(::std::io::ErrorKind::TimedOut);
    assert_eq!(io_error(&timeout, "x").kind(), Kind::Timeout);
    let reset = ::std::io::Error::from(::std::io::ErrorKind::ConnectionReset);
    assert_eq!(io_error(&reset, "x").kind(), Kind::Io);
    let garbage = ::std::io::Error::from(::std::io::ErrorKind::InvalidData);
    assert_eq!(io_error(&garbage, "x").kind(), Kind::Other);
}
