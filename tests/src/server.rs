//! A scripted HTTP/1.1 server on the loopback interface for the end-to-end tests: it records
//! every request it receives and answers each from a script.

use std::io::{ErrorKind, Read, Write};
use std::net::{Shutdown, SocketAddr, TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

/// The longest a server lives, whatever the test does: a backstop for a hung test (the server
/// stops when dropped), long enough for builds that run while it waits on a loaded machine.
const LIFETIME: Duration = Duration::from_secs(600);
/// How often blocked reads and the accept loop look at the stop flag.
const POLL: Duration = Duration::from_millis(20);
/// The largest request head or body the server accepts.
const MAX_REQUEST: usize = 1 << 20;

/// A request as it arrived on the wire.
#[derive(Debug, Clone)]
pub struct Request {
    pub method: String,
    /// The raw request target: path and query, exactly as sent.
    pub target: String,
    pub version: String,
    /// Header names and values, in the order received.
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
    /// Which connection (0-based, in accept order) carried the request.
    pub connection: usize,
}

impl Request {
    /// The raw path, without the query.
    pub fn path(&self) -> &str {
        self.target
            .split_once('?')
            .map_or(self.target.as_str(), |(p, _)| p)
    }
    /// The raw query, if the target has a `?`.
    pub fn query(&self) -> Option<&str> {
        self.target.split_once('?').map(|(_, q)| q)
    }
    /// Every value of a header, matched case-insensitively.
    pub fn header_all(&self, name: &str) -> Vec<&str> {
        self.headers
            .iter()
            .filter(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
            .collect()
    }
    /// The only value of a header; panics if it appears more than once.
    pub fn header(&self, name: &str) -> Option<&str> {
        let all = self.header_all(name);
        assert!(
            all.len() <= 1,
            "header {name} sent {} times: {all:?}",
            all.len()
        );
        all.first().copied()
    }
}

/// One scripted answer.
#[derive(Debug, Clone)]
pub enum Reply {
    /// A complete response. `Content-Length` is added unless given; `Connection: close` is
    /// added (and the connection closed) unless `keep_alive`.
    Respond {
        status: u16,
        headers: Vec<(String, String)>,
        body: Vec<u8>,
        keep_alive: bool,
    },
    /// These bytes as they are, then close the connection.
    Raw(Vec<u8>),
    /// Never answer; close when the client goes away or the server stops.
    Hang,
    /// These bytes (say, a head and part of a body), then nothing more, as `Hang`.
    Stall(Vec<u8>),
    /// `head` at once, then `rest` one byte at a time, `interval` apart (a server that
    /// dribbles), then close.
    Dribble {
        head: Vec<u8>,
        rest: Vec<u8>,
        interval: Duration,
    },
}

impl Reply {
    /// A response with this status and body, closing the connection.
    pub fn new(status: u16, body: impl Into<Vec<u8>>) -> Self {
        Reply::Respond {
            status,
            headers: Vec::new(),
            body: body.into(),
            keep_alive: false,
        }
    }
    /// A JSON response.
    pub fn json(status: u16, body: &str) -> Self {
        Self::new(status, body).header("Content-Type", "application/json")
    }
    /// Adds a header to a `Respond`.
    pub fn header(mut self, name: &str, value: &str) -> Self {
        if let Reply::Respond { headers, .. } = &mut self {
            headers.push((name.into(), value.into()));
        }
        self
    }
    /// A 200 JSON response whose head (announcing all of `body`) comes at once, then the body
    /// a byte every `interval`: a server that dribbles.
    pub fn dribble_json(body: &str, interval: Duration) -> Self {
        Reply::Dribble {
            head: format!(
                "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n",
                body.len()
            )
            .into_bytes(),
            rest: body.as_bytes().to_vec(),
            interval,
        }
    }
    /// Keeps the connection open after a `Respond`.
    pub fn keep_alive(mut self) -> Self {
        if let Reply::Respond { keep_alive, .. } = &mut self {
            *keep_alive = true;
        }
        self
    }
}

struct State {
    script: Vec<Reply>,
    requests: Mutex<Vec<Request>>,
    connections: AtomicUsize,
    /// Connections the client closed while the server held them open (`Hang`, `Stall`).
    client_closes: AtomicUsize,
    stop: AtomicBool,
    deadline: Instant,
}

impl State {
    fn done(&self) -> bool {
        self.stop.load(Ordering::SeqCst) || Instant::now() >= self.deadline
    }
}

/// A server on `127.0.0.1`, answering request `n` with `script[n]` (the last entry repeats).
/// It stops when dropped, or after [`LIFETIME`] at the latest.
pub struct Server {
    addr: SocketAddr,
    state: Arc<State>,
    accept: Option<JoinHandle<()>>,
}

impl Server {
    pub fn start(script: Vec<Reply>) -> Server {
        assert!(!script.is_empty(), "the script needs at least one reply");
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind 127.0.0.1:0");
        listener
            .set_nonblocking(true)
            .expect("non-blocking listener");
        let addr = listener.local_addr().expect("local address");
        let state = Arc::new(State {
            script,
            requests: Mutex::new(Vec::new()),
            connections: AtomicUsize::new(0),
            client_closes: AtomicUsize::new(0),
            stop: AtomicBool::new(false),
            deadline: Instant::now() + LIFETIME,
        });
        let accept_state = state.clone();
        let accept = std::thread::Builder::new()
            .name("test-server".into())
            .spawn(move || accept_loop(&listener, &accept_state))
            .expect("spawn the server thread");
        Server {
            addr,
            state,
            accept: Some(accept),
        }
    }

    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    pub fn port(&self) -> u16 {
        self.addr.port()
    }

    pub fn requests(&self) -> Vec<Request> {
        self.state.requests.lock().unwrap().clone()
    }

    pub fn request_count(&self) -> usize {
        self.state.requests.lock().unwrap().len()
    }

    pub fn connection_count(&self) -> usize {
        self.state.connections.load(Ordering::SeqCst)
    }

    /// How many connections the client closed while the server was holding them open.
    pub fn client_closes(&self) -> usize {
        self.state.client_closes.load(Ordering::SeqCst)
    }

    /// The only request received; panics unless exactly one arrived.
    pub fn single_request(&self) -> Request {
        let requests = self.requests();
        assert_eq!(requests.len(), 1, "expected one request, got {requests:#?}");
        requests.into_iter().next().unwrap()
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.state.stop.store(true, Ordering::SeqCst);
        if let Some(handle) = self.accept.take() {
            let _ = handle.join();
        }
    }
}

fn accept_loop(listener: &TcpListener, state: &Arc<State>) {
    let mut handles = Vec::new();
    while !state.done() {
        match listener.accept() {
            Ok((stream, _)) => {
                let id = state.connections.fetch_add(1, Ordering::SeqCst);
                let state = state.clone();
                let spawned = std::thread::Builder::new()
                    .name(format!("test-conn-{id}"))
                    .spawn(move || serve_connection(stream, &state, id));
                if let Ok(handle) = spawned {
                    handles.push(handle);
                }
            }
            Err(e) if e.kind() == ErrorKind::WouldBlock => std::thread::sleep(POLL / 4),
            Err(_) => std::thread::sleep(POLL / 4),
        }
    }
    for handle in handles {
        let _ = handle.join();
    }
}

fn serve_connection(mut stream: TcpStream, state: &State, connection: usize) {
    if stream.set_nonblocking(false).is_err() || stream.set_read_timeout(Some(POLL)).is_err() {
        return;
    }
    let _ = stream.set_write_timeout(Some(Duration::from_secs(5)));
    let mut buf = Vec::new();
    while let Some(request) = read_request(&mut stream, &mut buf, state, connection) {
        let index = {
            let mut requests = state.requests.lock().unwrap();
            requests.push(request);
            requests.len() - 1
        };
        let reply = state.script[index.min(state.script.len() - 1)].clone();
        match reply {
            Reply::Respond {
                status,
                headers,
                body,
                keep_alive,
            } => {
                let mut out = format!("HTTP/1.1 {status} {}\r\n", reason(status)).into_bytes();
                let has = |n: &str| headers.iter().any(|(k, _)| k.eq_ignore_ascii_case(n));
                let add_length = !has("content-length");
                let add_close = !keep_alive && !has("connection");
                for (k, v) in &headers {
                    out.extend_from_slice(format!("{k}: {v}\r\n").as_bytes());
                }
                if add_length {
                    out.extend_from_slice(format!("Content-Length: {}\r\n", body.len()).as_bytes());
                }
                if add_close {
                    out.extend_from_slice(b"Connection: close\r\n");
                }
                out.extend_from_slice(b"\r\n");
                out.extend_from_slice(&body);
                if stream
                    .write_all(&out)
                    .and_then(|()| stream.flush())
                    .is_err()
                {
                    return;
                }
                if !keep_alive {
                    let _ = stream.shutdown(Shutdown::Both);
                    return;
                }
            }
            Reply::Raw(bytes) => {
                let _ = stream.write_all(&bytes).and_then(|()| stream.flush());
                let _ = stream.shutdown(Shutdown::Both);
                return;
            }
            Reply::Dribble {
                head,
                rest,
                interval,
            } => {
                if stream
                    .write_all(&head)
                    .and_then(|()| stream.flush())
                    .is_err()
                {
                    return;
                }
                for byte in rest {
                    std::thread::sleep(interval);
                    let sent = stream.write_all(&[byte]).and_then(|()| stream.flush());
                    if state.done() || sent.is_err() {
                        return;
                    }
                }
                let _ = stream.shutdown(Shutdown::Both);
                return;
            }
            Reply::Hang => return hold(&mut stream, state),
            Reply::Stall(bytes) => {
                if stream
                    .write_all(&bytes)
                    .and_then(|()| stream.flush())
                    .is_ok()
                {
                    hold(&mut stream, state);
                }
                return;
            }
        }
    }
}

/// Keeps the connection open without answering until the client closes it (counted) or the
/// server stops.
fn hold(stream: &mut TcpStream, state: &State) {
    let mut scratch = [0u8; 1024];
    while !state.done() {
        match stream.read(&mut scratch) {
            Ok(0) => {
                state.client_closes.fetch_add(1, Ordering::SeqCst);
                return;
            }
            Ok(_) => {}
            Err(e) if is_timeout(&e) => {}
            Err(_) => {
                state.client_closes.fetch_add(1, Ordering::SeqCst);
                return;
            }
        }
    }
}

fn is_timeout(e: &std::io::Error) -> bool {
    matches!(e.kind(), ErrorKind::WouldBlock | ErrorKind::TimedOut)
}

/// Reads bytes until `buf` holds `want` bytes (or the head end, when `want` is `None`).
/// Returns false on EOF, error, or when the server stops.
fn fill(stream: &mut TcpStream, buf: &mut Vec<u8>, want: Option<usize>, state: &State) -> bool {
    let mut chunk = [0u8; 4096];
    loop {
        let satisfied = match want {
            Some(n) => buf.len() >= n,
            None => find_head_end(buf).is_some(),
        };
        if satisfied {
            return true;
        }
        if buf.len() > MAX_REQUEST || state.done() {
            return false;
        }
        match stream.read(&mut chunk) {
            Ok(0) => return false,
            Ok(n) => buf.extend_from_slice(&chunk[..n]),
            Err(e) if is_timeout(&e) => {}
            Err(_) => return false,
        }
    }
}

fn find_head_end(buf: &[u8]) -> Option<usize> {
    buf.windows(4).position(|w| w == b"\r\n\r\n")
}

fn read_request(
    stream: &mut TcpStream,
    buf: &mut Vec<u8>,
    state: &State,
    connection: usize,
) -> Option<Request> {
    if !fill(stream, buf, None, state) {
        return None;
    }
    let head_end = find_head_end(buf)?;
    let head = String::from_utf8_lossy(&buf[..head_end]).into_owned();
    let mut lines = head.split("\r\n");
    let mut request_line = lines.next()?.splitn(3, ' ');
    let method = request_line.next()?.to_string();
    let target = request_line.next()?.to_string();
    let version = request_line.next().unwrap_or_default().to_string();
    let headers: Vec<(String, String)> = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.to_string(), v.trim().to_string()))
        .collect();
    let length = headers
        .iter()
        .find(|(k, _)| k.eq_ignore_ascii_case("content-length"))
        .and_then(|(_, v)| v.parse::<usize>().ok())
        .unwrap_or(0);
    let body_start = head_end + 4;
    if length > MAX_REQUEST || !fill(stream, buf, Some(body_start + length), state) {
        return None;
    }
    let body = buf[body_start..body_start + length].to_vec();
    buf.drain(..body_start + length);
    Some(Request {
        method,
        target,
        version,
        headers,
        body,
        connection,
    })
}

fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        400 => "Bad Request",
        403 => "Forbidden",
        404 => "Not Found",
        409 => "Conflict",
        429 => "Too Many Requests",
        500 => "Internal Server Error",
        503 => "Service Unavailable",
        _ => "Status",
    }
}
