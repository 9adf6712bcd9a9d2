//! The xtask binary's command line: help, usage errors and model errors, run as a process.

use std::path::PathBuf;
use std::process::{Command, Output, Stdio};

fn xtask(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_xtask"))
        .args(args)
        .env("RUST_BACKTRACE", "full")
        .env("RUST_LIB_BACKTRACE", "1")
        .stdin(Stdio::null())
        .output()
        .expect("run xtask")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

const COMMANDS: &[&str] = &[
    "codegen",
    "idl2json",
    "idl-tests",
    "load-time",
    "protocol-tests",
    "check-agreement",
    "sigv4-vectors",
    "bench",
    "subset-bench",
    "corpus",
    "check-partitions",
    "endpoint-tests",
    "bench-concurrency",
    "bench-features",
    "gen-time",
    "help",
];

#[test]
fn help_lists_every_command_on_its_own_line() {
    for args in [&["help"][..], &["--help"], &["-h"]] {
        let out = xtask(args);
        let stdout = text(&out.stdout);
        assert_eq!(out.status.code(), Some(0), "{args:?}");
        assert!(out.stderr.is_empty(), "{args:?}: {}", text(&out.stderr));
        assert!(stdout.starts_with("usage: cargo xtask COMMAND"), "{stdout}");
        for c in COMMANDS {
            assert!(
                stdout
                    .lines()
                    .any(|l| l.split_whitespace().next() == Some(c)),
                "{c} missing from {stdout}"
            );
        }
    }
}

#[test]
fn command_help_has_a_line_per_option() {
    let expected: &[(&str, &[&str])] = &[
        (
            "codegen",
            &[
                "--check",
                "--model FILE_OR_DIR",
                "--out DIR",
                "--crate NAME",
                "--service SHAPE_ID",
                "--operations A,B",
                "--partitions FILE",
                "--without-trait ID",
            ],
        ),
        (
            "corpus",
            &[
                "--only",
                "--skip",
                "--target-dir",
                "--keep",
                "--no-test",
                "--markdown",
                "--timeout",
            ],
        ),
        (
            "protocol-tests",
            &["--traits", "--with", "--keep", "--target-dir"],
        ),
        ("endpoint-tests", &["--traits", "--keep", "--target-dir"]),
        ("check-agreement", &["--real", "--hand", "--operation"]),
        (
            "bench",
            &[
                "--models",
                "--services-dir",
                "--only services",
                "--skip services",
            ],
        ),
    ];
    for (command, options) in expected {
        for args in [
            vec![*command, "--help"],
            vec![*command, "-h"],
            vec!["help", command],
        ] {
            let out = xtask(&args);
            let stdout = text(&out.stdout);
            assert_eq!(out.status.code(), Some(0), "{args:?}");
            assert!(
                stdout.starts_with(&format!("usage: cargo xtask {command}")),
                "{stdout}"
            );
            for option in *options {
                let lines = stdout
                    .lines()
                    .filter(|l| l.trim_start().starts_with(option))
                    .count();
                assert_eq!(lines, 1, "{option} in {stdout}");
            }
        }
    }
    // Every command has help, even one with no options.
    for c in COMMANDS {
        let out = xtask(&[c, "--help"]);
        assert_eq!(out.status.code(), Some(0), "{c}");
    }
}

#[test]
fn usage_errors_are_one_line_without_a_backtrace() {
    let cases: &[&[&str]] = &[
        &[],
        &["nope"],
        &["help", "nope"],
        &["codegen", "--bogus"],
        &["codegen", "--model"],
        &["codegen", "--model", "x.json"],
        &["codegen", "--operations", "A"],
        &["corpus"],
        &["corpus", "dir", "--timeout", "soon"],
        &["subset-bench"],
        &["check-agreement"],
        &["check-partitions", "--ours", "x"],
        &["endpoint-tests", "--traits"],
        &["endpoint-tests"],
        &["protocol-tests", "--bogus"],
        &["protocol-tests"],
        &["idl2json"],
        &["idl-tests"],
        &["load-time"],
        &["gen-time"],
        &["bench", "--measurement-time", "x"],
        &["bench", "--only", "gamesparks"],
        &["bench", "--build-runs", "0"],
        &["bench", "--build-runs", "many"],
        &["bench", "--only", "services", "--skip", "services"],
    ];
    for args in cases {
        let out = xtask(args);
        let stderr = text(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {stderr}");
        assert_eq!(stderr.lines().count(), 1, "{args:?}: {stderr}");
        assert!(stderr.starts_with("error: "), "{args:?}: {stderr}");
        assert!(
            stderr.contains("--help`)") || stderr.contains("xtask help`)"),
            "{stderr}"
        );
        assert!(!stderr.to_lowercase().contains("backtrace"), "{stderr}");
        assert!(out.stdout.is_empty(), "{args:?}");
    }
}

/// A folder of its own under the system's temporary directory, removed when dropped.
struct TempDir(PathBuf);

impl TempDir {
    fn new(name: &str) -> TempDir {
        let dir = std::env::temp_dir().join(format!("xtask-cli-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        TempDir(dir)
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

#[test]
fn model_errors_name_the_file_and_tell_json_from_smithy() {
    let dir = TempDir::new("models");
    let cases: &[(&str, &str, &str)] = &[
        ("broken.json", r#"{"smithy": "#, "invalid JSON"),
        (
            "other.json",
            r#"{"name": "not a model"}"#,
            "not a Smithy model",
        ),
        ("list.json", "[1, 2]", "not a Smithy model"),
        ("future.json", r#"{"smithy": "3.0"}"#, "not a Smithy model"),
        (
            "empty.json",
            r#"{"smithy":"2.0","shapes":{}}"#,
            "the model has no service and no shapes",
        ),
    ];
    for (name, body, what) in cases {
        let model = dir.0.join(name);
        std::fs::write(&model, body).unwrap();
        let out_dir = dir.0.join(format!("out-{name}"));
        let out = xtask(&[
            "codegen",
            "--model",
            model.to_str().unwrap(),
            "--out",
            out_dir.to_str().unwrap(),
        ]);
        let stderr = text(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{name}: {stderr}");
        assert_eq!(stderr.lines().count(), 1, "{name}: {stderr}");
        assert!(
            stderr.starts_with(&format!("error: {}: {what}", model.display())),
            "{name}: {stderr}"
        );
        if *what != "invalid JSON" {
            assert!(!stderr.contains("invalid JSON"), "{name}: {stderr}");
        }
        assert!(!out_dir.exists(), "{name}: nothing is written");
    }
}

#[test]
fn a_model_without_a_service_warns_that_the_crate_has_no_client() {
    let dir = TempDir::new("types-only");
    let model = dir.0.join("types.json");
    std::fs::write(
        &model,
        r#"{"smithy":"2.0","shapes":{"example.types#Thing":{"type":"structure","members":{}}}}"#,
    )
    .unwrap();
    let out_dir = dir.0.join("types");
    let out = xtask(&[
        "codegen",
        "--model",
        model.to_str().unwrap(),
        "--out",
        out_dir.to_str().unwrap(),
    ]);
    let stderr = text(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    assert!(
        stderr
            .contains("types.json: the model has no service, so the crate has types but no client"),
        "{stderr}"
    );
}

#[test]
fn help_to_a_full_stdout_fails_without_a_panic() {
    let full = std::fs::OpenOptions::new()
        .write(true)
        .open("/dev/full")
        .expect("/dev/full");
    let out = Command::new(env!("CARGO_BIN_EXE_xtask"))
        .arg("--help")
        .stdout(full)
        .output()
        .expect("run xtask");
    let stderr = text(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(stderr.starts_with("error: writing to stdout"), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
}
