//! Runs the `get_stage_deployment` example of the gamesparks crate as a process against a scripted
//! HTTP server on the loopback interface.
//!
//! The example is built with the same cargo that runs the tests (`cargo build --example ... -p
//! gamesparks --message-format=json`); its path is read from cargo's JSON messages, so a
//! `CARGO_TARGET_DIR` (inherited from the environment) is respected. Each run gets a clean
//! environment: only the variables a test sets, and `HOME` pointing to an empty directory, so
//! no real AWS configuration or proxy setting can leak in.

use std::io::Read as _;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use tests::example_bin::{call_args, example_path};
use tests::server::{Reply, Server};
use tests::temp_dir::TempDir;

const SEED: &str = r#"{"StageDeployment":{"Created":"2015-01-01T00:00:00Z","DeploymentAction":"DEPLOY","DeploymentId":"string","DeploymentResult":{"Message":"string","ResultCode":"SUCCESS"},"DeploymentState":"PENDING","LastUpdated":"2015-01-01T00:00:00Z","SnapshotId":"string"}}"#;

/// The longest one run of the example may take.
const RUN_LIMIT: Duration = Duration::from_secs(20);

// ---------------------------------------------------------------------------------------------
// Building and running the example
// ---------------------------------------------------------------------------------------------

struct Run {
    code: Option<i32>,
    stdout: String,
    stderr: String,
}

/// Runs the example with `args` in a clean environment: `HOME` is `home`, plus `env`.
/// An empty home directory for one run, removed when dropped.
fn temp_home() -> TempDir {
    TempDir::new("gamesparks-example-test")
}

fn run(args: &[&str], env: &[(&str, &str)], home: &TempDir) -> Run {
    let mut child = Command::new(example_path())
        .args(args)
        .env_clear()
        .env("HOME", &**home)
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
    let home = temp_home();
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
    let home = temp_home();
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
    let home = temp_home();
    let aws = home.join(".aws");
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
    let home = temp_home();
    let url = server.url();
    let run = run(&call_args(&url), &STATIC_KEYS, &home);
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
    let home = temp_home();
    let url = server.url();
    let run = run(
        &call_args(&url),
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
    let home = temp_home();
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
    let home = temp_home();
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
    let home = temp_home();
    let mut args = call_args(&url);
    args.extend(["--connect-timeout", "0.5", "--read-timeout", "0.4"]);
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
    let home = temp_home();
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
