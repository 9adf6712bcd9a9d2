//! Runs the `get_stage_deployment` example of the gamesparks crate as a process against a scripted
//! HTTP server on the loopback interface.
//!
//! The example is built with the same cargo that runs the tests (`cargo build --example ... -p
//! gamesparks --message-format=json`); its path is read from cargo's JSON messages, so a
//! `CARGO_TARGET_DIR` (inherited from the environment) is respected. Each run gets a clean
//! environment: only the variables a test sets, and `HOME` pointing to an empty directory, so
//! no real AWS configuration or proxy setting can leak in.

use std::io::Read as _;
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use example_bin::example_path;
use server::{Reply, Server};

#[path = "support/example_bin.rs"]
mod example_bin;

const SEED: &str = r#"{"StageDeployment":{"Created":"2015-01-01T00:00:00Z","DeploymentAction":"DEPLOY","DeploymentId":"string","DeploymentResult":{"Message":"string","ResultCode":"SUCCESS"},"DeploymentState":"PENDING","LastUpdated":"2015-01-01T00:00:00Z","SnapshotId":"string"}}"#;

/// The longest one run of the example may take.
const RUN_LIMIT: Duration = Duration::from_secs(20);

// ---------------------------------------------------------------------------------------------
// A minimal scripted server: one request per connection, then close
// ---------------------------------------------------------------------------------------------

mod server {
    use std::io::{ErrorKind, Read, Write};
    use std::net::{Shutdown, SocketAddr, TcpListener, TcpStream};
    use std::sync::atomic::{AtomicBool, Ordering};
    use std::sync::{Arc, Mutex};
    use std::thread::JoinHandle;
    use std::time::{Duration, Instant};

    /// Only a backstop for a test that hangs: the server normally stops when dropped. Long,
    /// because the first test to run the example builds it while the others' servers wait
    /// (40 s and more on a loaded 2-core machine).
    const LIFETIME: Duration = Duration::from_secs(600);
    const POLL: Duration = Duration::from_millis(20);

    #[derive(Debug, Clone)]
    pub struct Request {
        pub method: String,
        pub target: String,
        pub headers: Vec<(String, String)>,
    }

    impl Request {
        pub fn header(&self, name: &str) -> Option<&str> {
            self.headers
                .iter()
                .find(|(k, _)| k.eq_ignore_ascii_case(name))
                .map(|(_, v)| v.as_str())
        }
    }

    #[derive(Debug, Clone)]
    pub struct Reply {
        pub status: u16,
        pub headers: Vec<(String, String)>,
        pub body: String,
    }

    impl Reply {
        pub fn json(status: u16, body: &str) -> Self {
            Reply {
                status,
                headers: vec![("Content-Type".into(), "application/json".into())],
                body: body.into(),
            }
        }
        pub fn header(mut self, name: &str, value: &str) -> Self {
            self.headers.push((name.into(), value.into()));
            self
        }
    }

    struct State {
        script: Vec<Reply>,
        requests: Mutex<Vec<Request>>,
        stop: AtomicBool,
        deadline: Instant,
    }

    impl State {
        fn done(&self) -> bool {
            self.stop.load(Ordering::SeqCst) || Instant::now() >= self.deadline
        }
    }

    /// Answers request `n` with `script[n]` (the last entry repeats); stops when dropped or after
    /// [`LIFETIME`].
    pub struct Server {
        addr: SocketAddr,
        state: Arc<State>,
        thread: Option<JoinHandle<()>>,
    }

    impl Server {
        pub fn start(script: Vec<Reply>) -> Server {
            let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
            listener.set_nonblocking(true).expect("non-blocking");
            let addr = listener.local_addr().expect("address");
            let state = Arc::new(State {
                script,
                requests: Mutex::new(Vec::new()),
                stop: AtomicBool::new(false),
                deadline: Instant::now() + LIFETIME,
            });
            let thread_state = state.clone();
            let thread = std::thread::spawn(move || {
                while !thread_state.done() {
                    match listener.accept() {
                        Ok((stream, _)) => serve(stream, &thread_state),
                        Err(_) => std::thread::sleep(POLL / 4),
                    }
                }
            });
            Server {
                addr,
                state,
                thread: Some(thread),
            }
        }

        pub fn url(&self) -> String {
            format!("http://{}", self.addr)
        }

        pub fn requests(&self) -> Vec<Request> {
            self.state.requests.lock().unwrap().clone()
        }
    }

    impl Drop for Server {
        fn drop(&mut self) {
            self.state.stop.store(true, Ordering::SeqCst);
            if let Some(thread) = self.thread.take() {
                let _ = thread.join();
            }
        }
    }

    /// Reads one request (head and content-length body), answers it and closes.
    fn serve(mut stream: TcpStream, state: &State) {
        if stream.set_nonblocking(false).is_err() || stream.set_read_timeout(Some(POLL)).is_err() {
            return;
        }
        let mut buf = Vec::new();
        let mut chunk = [0u8; 4096];
        let head_end = loop {
            if let Some(i) = buf.windows(4).position(|w| w == b"\r\n\r\n") {
                break i;
            }
            if state.done() || buf.len() > 1 << 20 {
                return;
            }
            match stream.read(&mut chunk) {
                Ok(0) => return,
                Ok(n) => buf.extend_from_slice(&chunk[..n]),
                Err(e) if matches!(e.kind(), ErrorKind::WouldBlock | ErrorKind::TimedOut) => {}
                Err(_) => return,
            }
        };
        let head = String::from_utf8_lossy(&buf[..head_end]).into_owned();
        let mut lines = head.split("\r\n");
        let mut first = lines.next().unwrap_or_default().split(' ');
        let method = first.next().unwrap_or_default().to_string();
        let target = first.next().unwrap_or_default().to_string();
        let headers: Vec<(String, String)> = lines
            .filter_map(|l| l.split_once(':'))
            .map(|(k, v)| (k.to_string(), v.trim().to_string()))
            .collect();
        let index = {
            let mut requests = state.requests.lock().unwrap();
            requests.push(Request {
                method,
                target,
                headers,
            });
            requests.len() - 1
        };
        let reply = &state.script[index.min(state.script.len() - 1)];
        let mut out = format!("HTTP/1.1 {} Status\r\n", reply.status);
        for (k, v) in &reply.headers {
            out.push_str(&format!("{k}: {v}\r\n"));
        }
        out.push_str(&format!(
            "Content-Length: {}\r\nConnection: close\r\n\r\n{}",
            reply.body.len(),
            reply.body
        ));
        let _ = stream.set_write_timeout(Some(Duration::from_secs(5)));
        let _ = stream.write_all(out.as_bytes());
        let _ = stream.shutdown(Shutdown::Both);
    }
}

// ---------------------------------------------------------------------------------------------
// Building and running the example
// ---------------------------------------------------------------------------------------------

/// An empty directory, removed when dropped.
struct TempHome(PathBuf);

impl TempHome {
    fn new() -> Self {
        static COUNTER: AtomicUsize = AtomicUsize::new(0);
        let dir = std::env::temp_dir().join(format!(
            "gamesparks-example-test-{}-{}",
            std::process::id(),
            COUNTER.fetch_add(1, Ordering::SeqCst)
        ));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("create a temporary HOME");
        TempHome(dir)
    }
}

impl Drop for TempHome {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

struct Run {
    code: Option<i32>,
    stdout: String,
    stderr: String,
}

/// Runs the example with `args` in a clean environment: `HOME` is `home`, plus `env`.
fn run(args: &[&str], env: &[(&str, &str)], home: &TempHome) -> Run {
    let mut child = Command::new(example_path())
        .args(args)
        .env_clear()
        .env("HOME", &home.0)
        .envs(env.iter().copied())
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start the example");
    let started = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().expect("wait for the example") {
            break status;
        }
        if started.elapsed() > RUN_LIMIT {
            let _ = child.kill();
            let _ = child.wait();
            panic!("the example ran longer than {RUN_LIMIT:?} with {args:?}");
        }
        std::thread::sleep(Duration::from_millis(10));
    };
    let mut stdout = String::new();
    let mut stderr = String::new();
    child
        .stdout
        .take()
        .unwrap()
        .read_to_string(&mut stdout)
        .unwrap();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut stderr)
        .unwrap();
    Run {
        code: status.code(),
        stdout,
        stderr,
    }
}

const STATIC_KEYS: [(&str, &str); 2] = [
    ("AWS_ACCESS_KEY_ID", "EXAMPLEKEY"),
    ("AWS_SECRET_ACCESS_KEY", "EXAMPLESECRET"),
];

fn credential_scope(authorization: &str) -> Vec<String> {
    let credential = authorization
        .split(", ")
        .next()
        .and_then(|first| first.strip_prefix("AWS4-HMAC-SHA256 Credential="))
        .unwrap_or_else(|| panic!("unexpected Authorization {authorization}"));
    credential.split('/').map(str::to_string).collect()
}

// ---------------------------------------------------------------------------------------------
// Tests
// ---------------------------------------------------------------------------------------------

#[test]
fn success_prints_the_output_as_pretty_json() {
    let server = Server::start(vec![
        Reply::json(200, SEED).header("x-amzn-RequestId", "req-ok"),
    ]);
    let home = TempHome::new();
    let url = server.url();
    let args = [
        "--game-name",
        "my game",
        "--stage-name",
        "dev",
        "--deployment-id",
        "d-1",
        "--region",
        "eu-west-1",
        "--endpoint-url",
        &url,
    ];
    let run = run(&args, &STATIC_KEYS, &home);
    assert_eq!(run.code, Some(0), "stderr: {}", run.stderr);
    assert_eq!(run.stderr, "");
    let printed: serde_json::Value = serde_json::from_str(&run.stdout).expect("stdout is JSON");
    let seed: serde_json::Value = serde_json::from_str(SEED).unwrap();
    assert_eq!(printed, seed);
    assert!(
        run.stdout.contains("\n  \"StageDeployment\": {\n"),
        "pretty-printed: {}",
        run.stdout
    );

    let requests = server.requests();
    assert_eq!(requests.len(), 1);
    let request = &requests[0];
    assert_eq!(request.method, "GET");
    assert_eq!(
        request.target,
        "/game/my%20game/stage/dev/deployment?DeploymentId=d-1"
    );
    let scope = credential_scope(request.header("authorization").expect("signed"));
    assert_eq!(scope[0], "EXAMPLEKEY", "credentials from the environment");
    assert_eq!(
        &scope[2..],
        ["eu-west-1", "gamesparks", "aws4_request"],
        "--region is used for signing"
    );
    assert_eq!(request.header("x-amz-security-token"), None);
}

#[test]
fn equals_sign_flags_session_token_and_region_from_the_environment() {
    let server = Server::start(vec![Reply::json(200, SEED)]);
    let home = TempHome::new();
    let endpoint = format!("--endpoint-url={}", server.url());
    let env = [
        STATIC_KEYS[0],
        STATIC_KEYS[1],
        ("AWS_SESSION_TOKEN", "EXAMPLETOKEN"),
        ("AWS_REGION", "ap-south-1"),
    ];
    let run = run(&["--game-name=g", "--stage-name=s", &endpoint], &env, &home);
    assert_eq!(run.code, Some(0), "stderr: {}", run.stderr);
    let requests = server.requests();
    assert_eq!(requests.len(), 1);
    assert_eq!(requests[0].target, "/game/g/stage/s/deployment");
    assert_eq!(
        requests[0].header("x-amz-security-token"),
        Some("EXAMPLETOKEN")
    );
    let scope = credential_scope(requests[0].header("authorization").unwrap());
    assert_eq!(scope[2], "ap-south-1", "AWS_REGION is used");
}

#[test]
fn credentials_and_region_from_the_shared_files_in_home() {
    let server = Server::start(vec![Reply::json(200, SEED)]);
    let home = TempHome::new();
    let aws = home.0.join(".aws");
    std::fs::create_dir_all(&aws).unwrap();
    std::fs::write(
        aws.join("credentials"),
        "[default]\naws_access_key_id = FILEKEY\naws_secret_access_key = FILESECRET\n",
    )
    .unwrap();
    std::fs::write(aws.join("config"), "[default]\nregion = sa-east-1\n").unwrap();
    let url = server.url();
    let run = run(
        &[
            "--game-name",
            "g",
            "--stage-name",
            "s",
            "--endpoint-url",
            &url,
        ],
        &[],
        &home,
    );
    assert_eq!(run.code, Some(0), "stderr: {}", run.stderr);
    let requests = server.requests();
    assert_eq!(requests.len(), 1);
    let scope = credential_scope(requests[0].header("authorization").unwrap());
    assert_eq!(scope[0], "FILEKEY");
    assert_eq!(scope[2], "sa-east-1");
}

#[test]
fn service_error_is_reported_on_stderr_with_exit_code_1() {
    let server = Server::start(vec![
        Reply::json(400, r#"{"message":"Stage name is invalid"}"#)
            .header(
                "X-Amzn-Errortype",
                "ValidationException:http://internal.amazon.com/coral/com.amazon.coral.validate/",
            )
            .header("x-amzn-RequestId", "req-400"),
    ]);
    let home = TempHome::new();
    let url = server.url();
    let run = run(
        &[
            "--game-name",
            "g",
            "--stage-name",
            "s",
            "--region",
            "us-east-1",
            "--endpoint-url",
            &url,
        ],
        &STATIC_KEYS,
        &home,
    );
    assert_eq!(
        run.code,
        Some(1),
        "stdout: {} stderr: {}",
        run.stdout,
        run.stderr
    );
    assert_eq!(run.stdout, "");
    let lines: Vec<&str> = run.stderr.lines().collect();
    assert_eq!(
        lines,
        [
            "error: service",
            "code: ValidationException",
            "message: Stage name is invalid",
            "status: 400",
            "request-id: req-400",
            "attempts: 1",
        ]
    );
    assert_eq!(
        server.requests().len(),
        1,
        "a validation error is not retried"
    );
}

#[test]
fn missing_credentials_are_a_construction_error_without_a_request() {
    let server = Server::start(vec![Reply::json(200, SEED)]);
    let home = TempHome::new();
    let url = server.url();
    let run = run(
        &[
            "--game-name",
            "g",
            "--stage-name",
            "s",
            "--region",
            "us-east-1",
            "--endpoint-url",
            &url,
        ],
        // Off EC2: no instance metadata to ask.
        &[("AWS_EC2_METADATA_DISABLED", "true")],
        &home,
    );
    assert_eq!(run.code, Some(1), "stderr: {}", run.stderr);
    let lines: Vec<&str> = run.stderr.lines().collect();
    assert_eq!(lines.len(), 6, "{}", run.stderr);
    assert_eq!(lines[0], "error: construction");
    assert_eq!(lines[1], "code: -");
    assert!(
        lines[2].starts_with("message: no credentials"),
        "{}",
        lines[2]
    );
    assert_eq!(&lines[3..], ["status: -", "request-id: -", "attempts: 0"]);
    assert!(server.requests().is_empty());
}

#[test]
fn usage_errors_exit_with_2() {
    let home = TempHome::new();
    let cases: &[&[&str]] = &[
        &[],
        &["--game-name", "g"],
        &["--stage-name", "s"],
        &["--game-name", "g", "--stage-name"],
        &["--game-name", "g", "--stage-name", "s", "--bogus", "x"],
        &["--game-name", "g", "--stage-name", "s", "extra"],
        &["--game-name", "g", "--game-name", "h", "--stage-name", "s"],
    ];
    for args in cases {
        let run = run(args, &STATIC_KEYS, &home);
        assert_eq!(run.code, Some(2), "{args:?}: {}", run.stderr);
        assert_eq!(run.stdout, "", "{args:?}");
        assert!(
            run.stderr.starts_with("error: "),
            "{args:?}: {}",
            run.stderr
        );
        assert!(
            run.stderr.contains("usage: get_stage_deployment"),
            "{args:?}: {}",
            run.stderr
        );
    }
}

#[test]
fn help_prints_usage_and_exits_0() {
    let home = TempHome::new();
    for flag in ["--help", "-h"] {
        let run = run(&[flag], &[], &home);
        assert_eq!(run.code, Some(0));
        assert!(
            run.stdout.starts_with("usage: get_stage_deployment"),
            "{}",
            run.stdout
        );
        assert_eq!(run.stderr, "");
    }
}

#[test]
fn timeout_flags_bound_a_server_that_never_answers() {
    // Accepts connections and never answers.
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let url = format!("http://{}", listener.local_addr().expect("address"));
    std::thread::spawn(move || {
        let mut held = Vec::new();
        for stream in listener.incoming().flatten() {
            held.push(stream);
        }
    });
    let home = TempHome::new();
    let args = [
        "--game-name",
        "g",
        "--stage-name",
        "s",
        "--region",
        "us-east-1",
        "--endpoint-url",
        url.as_str(),
        "--connect-timeout",
        "0.5",
        "--read-timeout",
        "0.4",
    ];
    let started = Instant::now();
    let run = run(&args, &STATIC_KEYS, &home);
    let elapsed = started.elapsed();
    assert_eq!(run.code, Some(1), "{}", run.stderr);
    assert!(run.stderr.starts_with("error: timeout"), "{}", run.stderr);
    // Three attempts of 0.4 s, the backoff between them, and the process start.
    assert!(elapsed < Duration::from_secs(8), "took {elapsed:?}");
}

#[test]
fn bad_timeout_values_are_usage_errors() {
    let home = TempHome::new();
    for (flag, value) in [
        ("--read-timeout", "soon"),
        ("--read-timeout", "0"),
        ("--connect-timeout", "-1"),
        ("--connect-timeout", "NaN"),
        ("--read-timeout", "1e30"),
    ] {
        let args = ["--game-name", "g", "--stage-name", "s", flag, value];
        let run = run(&args, &STATIC_KEYS, &home);
        assert_eq!(run.code, Some(2), "{flag} {value}: {}", run.stderr);
        assert!(run.stderr.contains(flag), "{flag} {value}: {}", run.stderr);
    }
}
