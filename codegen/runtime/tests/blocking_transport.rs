//! Tests of `blocking_transport.rs`, compiled as its `tests` module: TLS against a loopback
//! server with a test CA (`tls/`: a CA and a certificate for `localhost`, `service.test` and
//! 127.0.0.1, valid 2020 to 2120), pooling, tunnels and proxies, and how failures are
//! classified. Timeouts and streaming are tested through generated crates in `tests/`.

use ::std::io::{BufRead as _, BufReader, Read, Write};
use ::std::net::{TcpListener, TcpStream};
use ::std::sync::Arc;
use ::std::sync::atomic::{AtomicUsize, Ordering};
use ::std::time::Duration;

use super::super::exec::block_on;
use super::super::http::{HttpClient as _, HttpRequest, HttpResponse};
use super::*;

const CA: &[u8] = include_bytes!("tls/ca.der");
const CERT: &[u8] = include_bytes!("tls/server.der");
const KEY: &[u8] = include_bytes!("tls/server.key.der");

fn provider() -> Arc<::rustls::crypto::CryptoProvider> {
    Arc::new(::rustls::crypto::ring::default_provider())
}

/// A client that trusts the test CA, with the proxies `vars` name.
fn client(vars: &[(&str, &str)]) -> BlockingClient {
    let mut roots = ::rustls::RootCertStore::empty();
    roots
        .add(::rustls::pki_types::CertificateDer::from(CA))
        .expect("test CA");
    let config = ::rustls::ClientConfig::builder_with_provider(provider())
        .with_safe_default_protocol_versions()
        .expect("versions")
        .with_root_certificates(roots)
        .with_no_client_auth();
    let vars: Vec<(String, String)> = vars
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
    BlockingClient {
        inner: Arc::new(Inner {
            tls: Ok(Arc::new(config)),
            proxies: Proxies::from_lookup(|name| {
                vars.iter().find(|(k, _)| k == name).map(|(_, v)| v.clone())
            }),
            pool: Mutex::new(Vec::new()),
        }),
    }
}

fn server_tls() -> Arc<::rustls::ServerConfig> {
    let key = ::rustls::pki_types::PrivateKeyDer::Pkcs8(KEY.to_vec().into());
    let config = ::rustls::ServerConfig::builder_with_provider(provider())
        .with_safe_default_protocol_versions()
        .expect("versions")
        .with_no_client_auth()
        .with_single_cert(vec![CERT.to_vec().into()], key)
        .expect("test certificate");
    Arc::new(config)
}

/// A loopback server answering every request on a connection with `200` and the request's
/// first line as the body, keeping the connection open (unless `close_after_one`); over TLS
/// when `tls` is set. It counts connections and keeps each request head.
struct Server {
    port: u16,
    connections: Arc<AtomicUsize>,
    heads: Arc<Mutex<Vec<String>>>,
}

impl Server {
    fn start(tls: bool, close_after_one: bool) -> Server {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
        let port = listener.local_addr().expect("address").port();
        let connections = Arc::new(AtomicUsize::new(0));
        let heads = Arc::new(Mutex::new(Vec::new()));
        let (count, seen) = (Arc::clone(&connections), Arc::clone(&heads));
        let config = tls.then(server_tls);
        ::std::thread::spawn(move || {
            for stream in listener.incoming() {
                let Ok(stream) = stream else { return };
                count.fetch_add(1, Ordering::SeqCst);
                let (seen, config) = (Arc::clone(&seen), config.clone());
                ::std::thread::spawn(move || match config {
                    Some(config) => {
                        let Ok(conn) = ::rustls::ServerConnection::new(config) else {
                            return;
                        };
                        serve(
                            ::rustls::StreamOwned::new(conn, stream),
                            &seen,
                            close_after_one,
                        );
                    }
                    None => serve(stream, &seen, close_after_one),
                });
            }
        });
        Server {
            port,
            connections,
            heads,
        }
    }

    fn connections(&self) -> usize {
        self.connections.load(Ordering::SeqCst)
    }
}

/// Answers requests on one connection until it closes.
fn serve(stream: impl Read + Write, seen: &Mutex<Vec<String>>, close_after_one: bool) {
    let mut reader = BufReader::new(stream);
    loop {
        let mut head = String::new();
        let mut length = 0usize;
        loop {
            let mut line = String::new();
            match reader.read_line(&mut line) {
                Ok(0) | Err(_) => return,
                Ok(_) => {}
            }
            if let Some(v) = line.to_ascii_lowercase().strip_prefix("content-length:") {
                length = v.trim().parse().unwrap_or(0);
            }
            head.push_str(&line);
            if line == "\r\n" {
                break;
            }
        }
        let mut body = vec![0u8; length];
        if reader.read_exact(&mut body).is_err() {
            return;
        }
        let first = head.lines().next().unwrap_or_default().to_string();
        seen.lock().expect("lock").push(head);
        let connection = if close_after_one {
            "close"
        } else {
            "keep-alive"
        };
        let response = format!(
            "HTTP/1.1 200 OK\r\nconnection: {connection}\r\ncontent-length: {}\r\n\r\n{first}",
            first.len()
        );
        let stream = reader.get_mut();
        if stream
            .write_all(response.as_bytes())
            .and_then(|()| stream.flush())
            .is_err()
            || close_after_one
        {
            return;
        }
    }
}

fn get(client: &BlockingClient, url: &str) -> Result<HttpResponse, TransportError> {
    let request = HttpRequest {
        method: "GET".into(),
        url: url.into(),
        headers: vec![("x-test".into(), "1".into())],
        body: Body::empty(),
    };
    block_on(client.send(request, Timeouts::default()))
}

fn text(response: HttpResponse) -> String {
    let bytes = block_on(response.body.collect()).expect("body");
    String::from_utf8(bytes).expect("UTF-8")
}

#[test]
fn tls_requests_verify_the_server_and_share_a_connection() {
    let server = Server::start(true, false);
    let client = client(&[]);
    for url in [
        format!("https://127.0.0.1:{}/a?b=c", server.port),
        format!("https://127.0.0.1:{}/second", server.port),
    ] {
        let response = get(&client, &url).expect("call");
        assert_eq!(response.status, 200);
        assert!(text(response).starts_with("GET /"));
    }
    // A clone shares the pool.
    let response = get(
        &client.clone(),
        &format!("https://127.0.0.1:{}/", server.port),
    );
    assert_eq!(response.map(text).ok().as_deref(), Some("GET / HTTP/1.1"));
    assert_eq!(server.connections(), 1);
    // Another host name is another connection, verified by name.
    let response = get(&client, &format!("https://localhost:{}/", server.port));
    assert_eq!(response.map(|r| r.status).ok(), Some(200));
    assert_eq!(server.connections(), 2);
    let heads = server.heads.lock().expect("lock").clone();
    assert!(
        heads[0].contains(&format!("host: 127.0.0.1:{}\r\n", server.port)),
        "{heads:?}"
    );
    assert!(heads[0].contains("x-test: 1\r\n"));
    // An empty GET carries no content-length.
    assert!(
        !heads[0].to_ascii_lowercase().contains("content-length"),
        "{heads:?}"
    );
}

#[test]
fn closed_connections_are_not_reused() {
    let server = Server::start(false, true);
    let client = client(&[]);
    for _ in 0..3 {
        let response = get(&client, &format!("http://127.0.0.1:{}/", server.port));
        assert_eq!(response.map(|r| r.status).ok(), Some(200));
    }
    assert_eq!(server.connections(), 3);
}

#[test]
fn a_pooled_connection_the_server_dropped_is_replaced() {
    // The server answers with keep-alive but then closes each connection after one request.
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
    let port = listener.local_addr().expect("address").port();
    let connections = Arc::new(AtomicUsize::new(0));
    let count = Arc::clone(&connections);
    ::std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { return };
            count.fetch_add(1, Ordering::SeqCst);
            let mut buf = [0u8; 4096];
            let _ = stream.read(&mut buf);
            let _ = stream.write_all(b"HTTP/1.1 200 OK\r\ncontent-length: 2\r\n\r\nok");
        }
    });
    let client = client(&[]);
    for _ in 0..3 {
        let response = get(&client, &format!("http://127.0.0.1:{port}/"));
        assert_eq!(response.map(text).ok().as_deref(), Some("ok"));
        // Let the close arrive before the next request looks at the pool.
        ::std::thread::sleep(Duration::from_millis(50));
    }
    assert_eq!(connections.load(Ordering::SeqCst), 3);
}

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
fn http_goes_to_the_proxy_with_the_whole_url() {
    let proxy = Server::start(false, false);
    let client = client(&[("HTTP_PROXY", &format!("u:p@127.0.0.1:{}", proxy.port))]);
    let response = get(&client, "http://service.test:8080/p?q=1").expect("call");
    assert_eq!(
        text(response),
        "GET http://service.test:8080/p?q=1 HTTP/1.1"
    );
    let heads = proxy.heads.lock().expect("lock").clone();
    assert!(
        heads[0].contains("host: service.test:8080\r\n"),
        "{heads:?}"
    );
    assert!(
        heads[0].contains("proxy-authorization: Basic dTpw\r\n"),
        "{heads:?}"
    );
}

#[test]
fn a_proxy_that_refuses_the_tunnel_is_a_connect_error() {
    let proxy = Server::start(false, false);
    let client = client(&[("HTTPS_PROXY", &format!("127.0.0.1:{}", proxy.port))]);
    // The test server answers CONNECT like any request, with a body: not a tunnel.
    let result = get(&client, "https://service.test/");
    assert_eq!(result.err().map(|e| e.kind()), Some(Kind::Connect));
    let unusable = self::client(&[("HTTPS_PROXY", "socks5://127.0.0.1:1")]);
    let error = get(&unusable, "https://service.test/").expect_err("an error");
    assert_eq!(error.kind(), Kind::Connect);
    assert!(error.to_string().contains("socks5"), "{error}");
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
    let unknown = get(&client, "http://no-such-host.invalid/");
    assert_eq!(unknown.err().map(|e| e.kind()), Some(Kind::Connect));
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

#[test]
fn malformed_responses_are_typed_errors() {
    for reply in [
        &b"SSH-2.0-OpenSSH_9.6\r\n"[..],
        b"HTTP/1.1 200 OK\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\nhello",
        b"HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nshort",
        b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n",
    ] {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
        let port = listener.local_addr().expect("address").port();
        let sent = reply.to_vec();
        ::std::thread::spawn(move || {
            if let Ok((mut stream, _)) = listener.accept() {
                let mut buf = [0u8; 4096];
                let _ = stream.read(&mut buf);
                let _ = stream.write_all(&sent);
            }
        });
        // A bad head or small body fails the call; a streamed body fails when it is read.
        let failed = match get(&client(&[]), &format!("http://127.0.0.1:{port}/")) {
            Err(error) => matches!(error.kind(), Kind::Other | Kind::Io),
            Ok(response) => block_on(response.body.collect()).is_err(),
        };
        assert!(failed, "{:?}", String::from_utf8_lossy(reply));
    }
}

#[test]
fn empty_body_omitted_only_for_bodiless_methods() {
    for method in ["GET", "DELETE", "HEAD", "get"] {
        assert!(omit_empty_body(method), "{method}");
    }
    for method in ["POST", "PUT", "PATCH", "post"] {
        assert!(!omit_empty_body(method), "{method}");
    }
}

#[test]
fn the_default_tls_configuration_builds() {
    let config = default_tls().expect("TLS");
    assert!(config.alpn_protocols.is_empty());
    assert!(format!("{:?}", BlockingClient::new()).starts_with("BlockingClient"));
}
