//! Each fixture model in `tests/fixtures/models/` renders to one golden file in
//! `tests/fixtures/expected/`, and every golden compiles (trybuild `pass`).
//!
//! Re-bless after an intended change: `BLESS=1 cargo test -p tests --test snapshots`.
//!
//! Some goldens are also the libraries of the packages in `tests/fixtures/crates/`, whose
//! wire tests run the generated client (see the README there).

use std::path::{Path, PathBuf};

use codegen::Options;

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures")
}

fn render(name: &str) -> String {
    let path = fixtures().join("models").join(format!("{name}.json"));
    let json = std::fs::read_to_string(&path).unwrap();
    let opts = Options {
        crate_name: name.into(),
        model_file: format!("tests/fixtures/models/{name}.json"),
        operations: None,
        service: None,
        partitions: None,
    };
    let ir = codegen::lower_ir(&json, &opts).unwrap_or_else(|e| panic!("{e}"));
    // The runtime copies are the same in every golden; they are compiled from their sources in
    // codegen/runtime/. rustc resolves those `#[path]`s from tests/fixtures/expected/rt/, which
    // exists for that reason (see its README).
    codegen::render_single_file(&ir, Some("../../../../codegen/runtime"))
        .unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn fixture_names() -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(fixtures().join("models"))
        .unwrap()
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter_map(|n| n.strip_suffix(".json").map(str::to_string))
        .collect();
    names.sort();
    names
}

#[test]
fn snapshots_match() {
    let bless = std::env::var_os("BLESS").is_some();
    let mut stale = Vec::new();
    for name in fixture_names() {
        let got = render(&name);
        let path = fixtures().join("expected").join(format!("{name}.rs"));
        let want = std::fs::read_to_string(&path).unwrap_or_default();
        if got != want {
            if bless {
                std::fs::write(&path, &got).unwrap();
            } else {
                stale.push(name);
            }
        }
    }
    assert!(
        stale.is_empty(),
        "snapshots differ for {stale:?}; inspect, then re-bless with `BLESS=1 cargo test -p tests --test snapshots`"
    );
}

#[test]
fn snapshots_compile() {
    let t = trybuild::TestCases::new();
    t.pass("fixtures/expected/*.rs");
}

/// Builders of structures with `@sensitive` members implement `Debug` by hand, redacting them
/// (the fluent builder derives `Debug` over its input builder, so the golden compiling proves
/// the impl exists; this checks what it prints).
#[test]
fn sensitive_builders_redact_their_members() {
    let golden = render("sensitive");
    for builder in ["PutSecretInputBuilder", "LoginBuilder"] {
        let start = golden
            .find(&format!("debug_struct(\"{builder}\")"))
            .unwrap_or_else(|| panic!("{builder} has no Debug impl"));
        let body = &golden[start..start + golden[start..].find(".finish()").unwrap()];
        assert!(body.contains("*** Sensitive Data Redacted ***"), "{body}");
    }
}
