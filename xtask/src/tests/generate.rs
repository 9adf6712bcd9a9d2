//! `cargo xtask codegen` end to end, on a model written to a temporary folder.

use std::path::{Path, PathBuf};

use super::cmd as codegen_cmd;

/// Two restJson1 services in one IDL file, each with its own operation.
const TWO_SERVICES: &str = r#"$version: "2"
namespace example.two

use aws.protocols#restJson1

@restJson1
service Alpha {
    version: "2024-01-01"
    operations: [GetAlpha]
}

@restJson1
service Beta {
    version: "2024-01-01"
    operations: [GetBeta]
}

@readonly
@http(method: "GET", uri: "/alpha")
operation GetAlpha {
    output := {
        name: String
    }
}

@readonly
@http(method: "GET", uri: "/beta")
operation GetBeta {
    output := {
        count: Integer
    }
}
"#;

/// A fresh folder under the system's temporary directory, removed when dropped.
struct TempDir(PathBuf);

impl TempDir {
    fn new(name: &str) -> TempDir {
        let dir = std::env::temp_dir().join(format!("xtask-{name}-{}", std::process::id()));
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

fn run(model: &Path, out: &Path, extra: &[&str]) -> anyhow::Result<()> {
    let mut args: Vec<String> = vec![
        "--model".into(),
        model.display().to_string(),
        "--out".into(),
        out.display().to_string(),
        "--crate".into(),
        "two".into(),
    ];
    args.extend(extra.iter().map(|s| s.to_string()));
    codegen_cmd(&args)
}

#[test]
fn service_flag_picks_one_service_of_several() {
    let tmp = TempDir::new("service-flag");
    let model = tmp.0.join("two.smithy");
    std::fs::write(&model, TWO_SERVICES).unwrap();
    let out = tmp.0.join("out");

    run(&model, &out, &["--service", "example.two#Beta"]).unwrap();
    let ops = out.join("src/operation");
    assert!(ops.join("get_beta.rs").exists(), "Beta's operation");
    assert!(!ops.join("get_alpha.rs").exists(), "not Alpha's");

    // Without the flag: an error naming the file and listing both services.
    let err = format!("{:#}", run(&model, &out, &[]).unwrap_err());
    assert!(err.starts_with(&model.display().to_string()), "{err}");
    assert!(
        err.contains("more than one service in a model file (example.two#Alpha, example.two#Beta)")
            && err.contains("--service"),
        "{err}"
    );

    // A shape that is not a service, and an ID that is not absolute.
    let err = format!(
        "{:#}",
        run(&model, &out, &["--service", "example.two#GetAlpha"]).unwrap_err()
    );
    assert!(
        err.starts_with(&model.display().to_string())
            && err.contains("`example.two#GetAlpha` is not a service shape of the model")
            && err.contains("its services: example.two#Alpha, example.two#Beta"),
        "{err}"
    );
    let err = format!(
        "{:#}",
        run(&model, &out, &["--service", "Beta"]).unwrap_err()
    );
    assert!(err.contains("absolute shape ID"), "{err}");
}

#[test]
fn service_flag_goes_with_model() {
    let err = format!(
        "{:#}",
        codegen_cmd(&["--service".into(), "a#B".into()]).unwrap_err()
    );
    assert_eq!(
        err,
        "--service goes with --model and --out (see `cargo xtask codegen --help`)"
    );
}
