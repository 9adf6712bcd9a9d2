//! The `get_stage_deployment` example when its output cannot be written (a full device, a pipe
//! whose reader is gone) and when the server sends hostile text: it exits with 1 (2 for usage
//! errors) and a message, never panics (exit 101), and never prints the server's control
//! characters raw.

use std::io::Read as _;
use std::process::{Command, Output, Stdio};

use tests::example_bin::{call_args, example_path};
use tests::server::{Reply, Server};

const SEED: &str = r#"{"StageDeployment":{"DeploymentId":"d"}}"#;

/// Where a standard stream of the example goes.
enum Sink {
    /// Captured.
    Piped,
    /// `/dev/full`: every write fails with ENOSPC.
    Full,
    /// A pipe whose read end is already closed: every write fails with EPIPE.
    Broken,
}

impl Sink {
    fn stdio(&self) -> Stdio {
        match self {
            Sink::Piped => Stdio::piped(),
            Sink::Full => std::fs::OpenOptions::new()
                .write(true)
                .open("/dev/full")
                .expect("open /dev/full")
                .into(),
            Sink::Broken => {
                let (reader, writer) = std::io::pipe().expect("a pipe");
                drop(reader);
                writer.into()
            }
        }
    }
}

/// Runs the example with a clean environment (static keys, no home) and the given sinks.
fn run(args: &[&str], stdout: Sink, stderr: Sink) -> Output {
    let child = Command::new(example_path())
        .args(args)
        .env_clear()
        .env("HOME", "/nonexistent-home-for-example-tests")
        .env("AWS_ACCESS_KEY_ID", "AKID")
        .env("AWS_SECRET_ACCESS_KEY", "SECRET")
        .stdin(Stdio::null())
        .stdout(stdout.stdio())
        .stderr(stderr.stdio())
        .spawn()
        .expect("start the example");
    child.wait_with_output().expect("wait for the example")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[test]
fn help_to_a_full_or_closed_stdout_exits_1_with_a_message() {
    for (sink, why) in [(Sink::Full, "No space left"), (Sink::Broken, "Broken pipe")] {
        let out = run(&["--help"], sink, Sink::Piped);
        let stderr = text(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{stderr}");
        assert!(
            stderr.starts_with("error: cannot write to stdout: ") && stderr.contains(why),
            "{stderr}"
        );
        assert!(!stderr.contains("panicked"), "{stderr}");
    }
}

#[test]
fn output_to_a_full_or_closed_stdout_exits_1() {
    for sink in [Sink::Full, Sink::Broken] {
        let server = Server::start(vec![Reply::json(200, SEED)]);
        let url = server.url();
        let out = run(&call_args(&url), sink, Sink::Piped);
        let stderr = text(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{stderr}");
        assert!(
            stderr.starts_with("error: cannot write to stdout"),
            "{stderr}"
        );
        assert_eq!(server.request_count(), 1);
    }
}

#[test]
fn errors_to_a_full_or_closed_stderr_still_exit_1_or_2() {
    for sink in [Sink::Full, Sink::Broken] {
        let out = run(&["--bogus"], Sink::Piped, sink);
        assert_eq!(out.status.code(), Some(2), "a usage error");
        assert!(out.stdout.is_empty());
    }
    for sink in [Sink::Full, Sink::Broken] {
        let server = Server::start(vec![Reply::json(400, r#"{"message":"no"}"#)]);
        let url = server.url();
        let out = run(&call_args(&url), Sink::Piped, sink);
        assert_eq!(out.status.code(), Some(1), "a service error");
        assert!(out.stdout.is_empty());
    }
}

#[test]
fn a_server_message_cannot_forge_lines_or_colour_the_terminal() {
    let server = Server::start(vec![
        Reply::json(
            400,
            r#"{"message":"denied\nrequest-id: FORGED\u001b[31m red"}"#,
        )
        .header("X-Amzn-Errortype", "ValidationException")
        .header("x-amzn-RequestId", "req-real"),
    ]);
    let url = server.url();
    let out = run(&call_args(&url), Sink::Piped, Sink::Piped);
    let stderr = text(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(!stderr.contains('\u{1b}'), "{stderr:?}");
    let lines: Vec<&str> = stderr.lines().collect();
    assert_eq!(
        lines,
        [
            "error: service",
            "code: ValidationException",
            r"message: denied\nrequest-id: FORGED\u{1b}[31m red",
            "status: 400",
            "request-id: req-real",
            "attempts: 1",
        ]
    );
}

#[test]
fn an_html_500_is_reported_once_with_its_excerpt_and_attempts() {
    let page = "<html><head><title>500 Internal Server Error</title></head>\n<body><h1>Internal Server Error</h1></body></html>";
    let server = Server::start(vec![
        Reply::new(500, page).header("Content-Type", "text/html"),
    ]);
    let url = server.url();
    let mut child = Command::new(example_path())
        .args(call_args(&url))
        .env_clear()
        .env("HOME", "/nonexistent-home-for-example-tests")
        .env("AWS_ACCESS_KEY_ID", "AKID")
        .env("AWS_SECRET_ACCESS_KEY", "SECRET")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start the example");
    let status = child.wait().expect("wait");
    let mut stderr = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut stderr)
        .unwrap();
    assert_eq!(status.code(), Some(1), "{stderr}");
    // Three attempts by default, with backoffs of up to 1 s and 2 s between them.
    let attempts = server.request_count();
    assert_eq!(attempts, 3, "a 500 is retried");
    let lines: Vec<&str> = stderr.lines().collect();
    assert_eq!(lines[0], "error: service");
    assert_eq!(lines[1], "code: -");
    assert_eq!(
        lines[2],
        r#"message: unhandled error: text/html body "500 Internal Server Error Internal Server Error""#
    );
    assert_eq!(lines[3], "status: 500");
    assert_eq!(lines[5], format!("attempts: {attempts}"));
    assert_eq!(lines.len(), 6, "{stderr}");
}

#[test]
fn a_bad_region_fails_before_anything_is_sent_even_with_an_endpoint() {
    for region in ["a/b c", "ŭs-east-1", "us-east-1\r\nX-Forged: 1"] {
        let server = Server::start(vec![Reply::json(200, SEED)]);
        let url = server.url();
        let mut args = call_args(&url);
        args[5] = region;
        let out = run(&args, Sink::Piped, Sink::Piped);
        let stderr = text(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{stderr}");
        assert!(stderr.starts_with("error: construction\n"), "{stderr}");
        assert!(stderr.contains("message: invalid region"), "{stderr}");
        assert_eq!(server.request_count(), 0, "{region:?}");
    }
}
