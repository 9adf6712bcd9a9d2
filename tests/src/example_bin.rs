//! Builds the gamesparks crate's `get_stage_deployment` example with the cargo that runs the
//! tests, once per test binary (`example.rs`, `example_output.rs`, and `credentials_chain.rs`
//! through `chain_env`).

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::OnceLock;

/// The arguments of one GetStageDeployment call to `endpoint_url` (game `g`, stage `s`,
/// region `us-east-1`).
pub fn call_args(endpoint_url: &str) -> Vec<&str> {
    vec![
        "--game-name",
        "g",
        "--stage-name",
        "s",
        "--region",
        "us-east-1",
        "--endpoint-url",
        endpoint_url,
    ]
}

/// Builds the example once and returns the path of its executable.
pub fn example_path() -> &'static Path {
    static PATH: OnceLock<PathBuf> = OnceLock::new();
    PATH.get_or_init(|| {
        let workspace = Path::new(env!("CARGO_MANIFEST_DIR"))
            .parent()
            .expect("the workspace root");
        let mut cargo = Command::new(env!("CARGO"));
        // Cargo describes this test's package in the environment (CARGO_MANIFEST_DIR, ...); some
        // build scripts (ring's) rerun when those change, so the nested build would rebuild the
        // dependencies, and the next `cargo test` again. Pass on only what configures cargo.
        for (name, _) in std::env::vars_os() {
            let name = name.to_string_lossy();
            let set_for_tests = [
                "CARGO_MANIFEST_",
                "CARGO_PKG_",
                "CARGO_BIN_",
                "CARGO_CRATE_",
                "CARGO_PRIMARY_",
                "CARGO_TARGET_TMPDIR",
                "CARGO_RUSTC_CURRENT_DIR",
                "OUT_DIR",
            ]
            .iter()
            .any(|prefix| name.starts_with(prefix));
            if set_for_tests {
                cargo.env_remove(name.as_ref());
            }
        }
        let output = cargo
            .args([
                "build",
                "--example",
                "get_stage_deployment",
                "-p",
                "gamesparks",
                "--message-format=json-render-diagnostics",
            ])
            .current_dir(workspace)
            .stderr(Stdio::inherit())
            .output()
            .expect("run cargo build");
        assert!(
            output.status.success(),
            "cargo build --example get_stage_deployment failed"
        );
        let stdout = String::from_utf8_lossy(&output.stdout);
        let executable = stdout
            .lines()
            .filter_map(|line| serde_json::from_str::<serde_json::Value>(line).ok())
            .filter(|m| {
                m["reason"] == "compiler-artifact" && m["target"]["name"] == "get_stage_deployment"
            })
            .find_map(|m| m["executable"].as_str().map(PathBuf::from))
            .expect("cargo reports the example's executable");
        assert!(executable.is_file(), "{}", executable.display());
        executable
    })
}
