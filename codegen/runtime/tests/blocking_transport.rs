//! Tests of `blocking_transport.rs`, compiled as its `tests` module: TLS against a loopback
//! server with a test CA (`tls/`: a CA and a certificate for `localhost`, `service.test` and
//! 127.0.0.1, valid 2020 to 2120), pooling, tunnels and proxies, and how failures are
//! classified. Timeouts and streaming are tested through generated crates in `tests/`.

use ::std::io::{BufRead as _, BufReader, Read, Write};
use ::std::net::TcpListener;
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
pub(crate) fn client(vars: &[(&str, &str)]) -> BlockingClient {
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
pub(crate) struct Server {
    pub(crate) port: u16,
    connections: Arc<AtomicUsize>,
    pub(crate) heads: Arc<Mutex<Vec<String>>>,
}

impl Server {
    pub(crate) fn start(tls: bool, close_after_one: bool) -> Server {
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

pub(crate) fn get(client: &BlockingClient, url: &str) -> Result<HttpResponse, TransportError> {
    let request = HttpRequest {
        method: "GET".into(),
        url: url.into(),
        headers: vec![("x-test".into(), "1".into())],
        body: Body::empty(),
    };
    block_on(client.send(request, Timeouts::default()))
}

pub(crate) fn text(response: HttpResponse) -> String {
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

/// A server whose first connection answers one request (keeping the connection), then reads
/// the next request and closes without answering, as a server that timed the idle connection
/// out just as it was reused; later connections answer every request.
fn server_dropping_the_second_request() -> (u16, Arc<AtomicUsize>, Arc<AtomicUsize>) {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
    let port = listener.local_addr().expect("address").port();
    let connections = Arc::new(AtomicUsize::new(0));
    let requests = Arc::new(AtomicUsize::new(0));
    let (count, seen) = (Arc::clone(&connections), Arc::clone(&requests));
    ::std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(stream) = stream else { return };
            let first = count.fetch_add(1, Ordering::SeqCst) == 0;
            let seen = Arc::clone(&seen);
            ::std::thread::spawn(move || {
                let mut reader = BufReader::new(stream);
                for n in 0.. {
                    let mut length = 0usize;
                    loop {
                        let mut line = String::new();
                        if reader.read_line(&mut line).unwrap_or(0) == 0 {
                            return;
                        }
                        if let Some(v) = line.to_ascii_lowercase().strip_prefix("content-length:") {
                            length = v.trim().parse().unwrap_or(0);
                        }
                        if line == "\r\n" {
                            break;
                        }
                    }
                    let mut body = vec![0u8; length];
                    if reader.read_exact(&mut body).is_err() {
                        return;
                    }
                    seen.fetch_add(1, Ordering::SeqCst);
                    if first && n == 1 {
                        return;
                    }
                    let stream = reader.get_mut();
                    if stream
                        .write_all(b"HTTP/1.1 200 OK\r\ncontent-length: 2\r\n\r\nok")
                        .is_err()
                    {
                        return;
                    }
                }
            });
        }
    });
    (port, connections, requests)
}

fn post(client: &BlockingClient, url: &str, body: Body) -> Result<HttpResponse, TransportError> {
    let request = HttpRequest {
        method: "POST".into(),
        url: url.into(),
        headers: Vec::new(),
        body,
    };
    block_on(client.send(request, Timeouts::default()))
}

#[test]
fn a_request_in_memory_is_sent_again_when_a_pooled_connection_was_closed() {
    let (port, connections, requests) = server_dropping_the_second_request();
    let client = client(&[]);
    let url = format!("http://127.0.0.1:{port}/");
    assert_eq!(get(&client, &url).map(text).ok().as_deref(), Some("ok"));
    // The pooled connection looks open; the server closes it on reading the request.
    let response = post(&client, &url, Body::from("payload"));
    assert_eq!(response.map(text).ok().as_deref(), Some("ok"));
    assert_eq!(connections.load(Ordering::SeqCst), 2);
    assert_eq!(requests.load(Ordering::SeqCst), 3);
}

#[test]
fn a_reader_body_is_not_sent_again() {
    let (port, connections, requests) = server_dropping_the_second_request();
    let client = client(&[]);
    let url = format!("http://127.0.0.1:{port}/");
    assert_eq!(get(&client, &url).map(text).ok().as_deref(), Some("ok"));
    let reader = Body::from_reader_with_length(::std::io::Cursor::new(b"payload".to_vec()), 7);
    let error = post(&client, &url, reader).expect_err("the connection was closed");
    // Retried by the caller's policy, which knows whether the body can be read again.
    assert_eq!(error.kind(), Kind::Io, "{error}");
    assert_eq!(connections.load(Ordering::SeqCst), 1);
    assert_eq!(requests.load(Ordering::SeqCst), 2);
}

#[test]
fn a_streamed_body_nobody_reads_frees_its_thread_at_the_deadline() {
    // A chunked body far larger than the channel holds, which the caller keeps but never reads.
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
    let port = listener.local_addr().expect("address").port();
    let closed = Arc::new(AtomicUsize::new(0));
    let seen = Arc::clone(&closed);
    ::std::thread::spawn(move || {
        if let Ok((mut stream, _)) = listener.accept() {
            let mut buf = [0u8; 4096];
            let _ = stream.read(&mut buf);
            let _ = stream.write_all(b"HTTP/1.1 200 OK\r\ntransfer-encoding: chunked\r\n\r\n");
            let chunk = format!("10000\r\n{}\r\n", "x".repeat(0x10000));
            while stream.write_all(chunk.as_bytes()).is_ok() {}
            seen.fetch_add(1, Ordering::SeqCst);
        }
    });
    let request = HttpRequest {
        method: "GET".into(),
        url: format!("http://127.0.0.1:{port}/"),
        headers: Vec::new(),
        body: Body::empty(),
    };
    let timeouts = Timeouts {
        connect: Some(Duration::from_secs(1)),
        read: Some(Duration::from_secs(1)),
    };
    let response = block_on(client(&[]).send(request, timeouts)).expect("the head arrives");
    // Once the deadline passes the helper thread gives up and drops the connection, which the
    // server sees as a failed write.
    let by = ::std::time::Instant::now() + Duration::from_secs(3);
    while closed.load(Ordering::SeqCst) == 0 && ::std::time::Instant::now() < by {
        ::std::thread::sleep(Duration::from_millis(20));
    }
    assert_eq!(
        closed.load(Ordering::SeqCst),
        1,
        "the transfer was still held open"
    );
    drop(response);
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

/// A server that answers its first connection with `reply` (after reading what it is sent)
/// and closes it.
pub(crate) fn one_reply(reply: &[u8]) -> u16 {
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
    port
}

#[test]
fn malformed_responses_are_typed_errors() {
    // Garbage is not retried (`Other`); a body cut short is a broken connection (`Io`).
    let cases: [(&[u8], Kind); 3] = [
        (b"SSH-2.0-OpenSSH_9.6\r\n", Kind::Other),
        (
            b"HTTP/1.1 200 OK\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\nhello",
            Kind::Other,
        ),
        (
            b"HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nshort",
            Kind::Io,
        ),
    ];
    for (reply, kind) in cases {
        let port = one_reply(reply);
        let error = get(&client(&[]), &format!("http://127.0.0.1:{port}/")).expect_err("an error");
        assert_eq!(
            error.kind(),
            kind,
            "{:?}: {error}",
            String::from_utf8_lossy(reply)
        );
    }
    // A streamed body fails when it is read.
    let port = one_reply(b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n");
    let response = get(&client(&[]), &format!("http://127.0.0.1:{port}/")).expect("the head");
    let error = block_on(response.body.collect()).expect_err("a bad chunk");
    assert_eq!(error.kind(), ::std::io::ErrorKind::InvalidData);
}

#[test]
fn the_callers_framing_headers_must_agree_with_the_body() {
    let header = |name: &str, value: &str| vec![(name.to_string(), value.to_string())];
    let refused = [
        (header("content-length", "3"), Body::from("four")),
        (header("content-length", "x"), Body::from("four")),
        (header("transfer-encoding", "chunked"), Body::from("four")),
        (header("transfer-encoding", "gzip"), Body::empty()),
    ];
    for (mut headers, body) in refused {
        let seen = format!("{headers:?}");
        assert!(frame("POST", &mut headers, body).is_err(), "{seen}");
    }
    let mut both = header("content-length", "4");
    both.extend(header("transfer-encoding", "chunked"));
    assert!(frame("POST", &mut both, Body::empty()).is_err());
    // Agreeing headers are kept, missing ones added.
    let mut headers = header("content-length", "4");
    assert!(matches!(
        frame("PUT", &mut headers, Body::from("four")),
        Ok(Payload::Bytes(_))
    ));
    assert_eq!(headers.len(), 1);
    let mut headers = Vec::new();
    assert!(frame("POST", &mut headers, Body::empty()).is_ok());
    assert_eq!(headers, header("content-length", "0"));
    let mut headers = Vec::new();
    assert!(frame("GET", &mut headers, Body::empty()).is_ok());
    assert!(headers.is_empty());
    let reader = || Body::from_reader(::std::io::Cursor::new(b"abc".to_vec()));
    let mut headers = header("content-length", "3");
    assert!(matches!(
        frame("PUT", &mut headers, reader()),
        Ok(Payload::Sized(_, 3))
    ));
    let mut headers = Vec::new();
    assert!(matches!(
        frame("PUT", &mut headers, reader()),
        Ok(Payload::Chunked(_))
    ));
    assert_eq!(headers, header("transfer-encoding", "chunked"));
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
