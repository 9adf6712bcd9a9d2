//! trybuild UI tests for the generated `gamesparks` and `pager` crates.
//!
//! `ui/pass/*.rs` are programs written as a user of the crate would; they must build and run.
//! `ui/fail/*.rs` must fail to compile with the errors recorded in their `.stderr` files. Compiler
//! diagnostics change between releases, so the compile-fail cases only run on the toolchain the
//! `.stderr` files were recorded with.
//!
//! Re-record after an intended change: `TRYBUILD=overwrite cargo test -p tests --test ui`.

use std::process::Command;

/// The compiler release the `.stderr` files were recorded with.
const STDERR_RUSTC: &str = "rustc 1.95.";

/// `rustc --version` of the compiler trybuild will use (`$RUSTC`, else `rustc`), if it runs.
fn rustc_version() -> Option<String> {
    let rustc = std::env::var_os("RUSTC").unwrap_or_else(|| "rustc".into());
    let out = Command::new(&rustc).arg("--version").output().ok()?;
    if !out.status.success() {
        return None;
    }
    Some(String::from_utf8_lossy(&out.stdout).trim().to_owned())
}

#[test]
fn ui() {
    let t = trybuild::TestCases::new();
    t.pass("ui/pass/*.rs");
    match rustc_version() {
        Some(version) if version.starts_with(STDERR_RUSTC) => t.compile_fail("ui/fail/*.rs"),
        other => eprintln!(
            "note: skipping ui/fail compile-fail cases: their .stderr files were recorded with \
             {STDERR_RUSTC}x, but the compiler is {}",
            other
                .as_deref()
                .unwrap_or("unknown (`rustc --version` failed)")
        ),
    }
}
