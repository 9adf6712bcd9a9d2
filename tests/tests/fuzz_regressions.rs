//! Replays fuzz inputs through the code paths and invariants of the fuzz targets in `fuzz/`:
//! every file under `tests/fixtures/fuzz/<target>/` (crashes the fuzzer found, and copies of the
//! seeds) plus the seeds built into the harness. A missing or empty directory is fine.
//!
//! The harness (input decoding and invariants) is `fuzz/src/lib.rs`, included here as a module
//! so that the test and the fuzzer run the same code.

use std::path::{Path, PathBuf};

#[path = "../../fuzz/src/lib.rs"]
mod harness;

/// The files under `tests/fixtures/fuzz/<target>/`, sorted; none when the directory is missing.
fn fixture_files(target: &str) -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures/fuzz")
        .join(target);
    let Ok(entries) = std::fs::read_dir(&dir) else {
        return Vec::new();
    };
    let mut files: Vec<PathBuf> = entries
        .map(|e| e.expect("read fixture directory entry").path())
        .filter(|p| p.is_file())
        .collect();
    files.sort();
    files
}

/// Runs `check` on every fixture file of `target` and on `builtin` inputs, naming the input
/// that panicked.
fn replay(target: &str, builtin: Vec<(String, Vec<u8>)>, check: fn(&[u8])) -> usize {
    let mut cases = builtin;
    for path in fixture_files(target) {
        let data = std::fs::read(&path).expect("read fixture");
        cases.push((path.display().to_string(), data));
    }
    for (name, data) in &cases {
        if std::panic::catch_unwind(|| check(data)).is_err() {
            panic!("{target}: input {name} broke an invariant (see the panic above)");
        }
    }
    cases.len()
}

#[test]
fn response_parser_inputs() {
    let n = replay(
        "response_parser",
        harness::response_seeds(),
        harness::check_response,
    );
    assert!(n > 0);
}

#[test]
fn error_identifier_inputs() {
    let n = replay(
        "error_identifier",
        harness::error_seeds(),
        harness::check_error,
    );
    assert!(n > 0);
}

#[test]
fn model_loader_inputs() {
    let models = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../models/gamesparks-get-stage-deployment.json");
    let model = std::fs::read(models).expect("read the service model");
    let n = replay(
        "model_loader",
        vec![("models/gamesparks-get-stage-deployment.json".into(), model)],
        harness::check_model,
    );
    assert!(n > 0);
}

/// The committed seed copies are what the harness encodes (regenerate with
/// `cargo run --manifest-path fuzz/Cargo.toml --example make_seeds -- fuzz/seeds tests/fixtures/fuzz`).
#[test]
fn seed_copies_match_the_harness() {
    for (target, seeds) in [
        ("response_parser", harness::response_seeds()),
        ("error_identifier", harness::error_seeds()),
    ] {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("fixtures/fuzz")
            .join(target);
        for (name, data) in seeds {
            let path = dir.join(format!("{name}.bin"));
            if let Ok(on_disk) = std::fs::read(&path) {
                assert_eq!(on_disk, data, "{} is stale", path.display());
            }
        }
    }
}

/// The seeds decode to the responses they were written from.
#[test]
fn seeds_decode_as_encoded() {
    let r = harness::decode_response(&harness::encode_response(
        418,
        &[("x-amzn-errortype", "A#B:c"), ("X-Custom", "v")],
        b"{}",
    ));
    assert_eq!(r.status, 418);
    assert_eq!(
        r.headers,
        vec![
            ("x-amzn-errortype".to_string(), "A#B:c".to_string()),
            ("X-Custom".to_string(), "v".to_string()),
        ]
    );
    assert_eq!(r.body.bytes(), Some(&b"{}"[..]));
    for &status in harness::REALISTIC_STATUSES {
        assert_eq!(
            harness::decode_response(&harness::encode_response(status, &[], b"")).status,
            status
        );
    }

    let e = harness::decode_error(&harness::encode_error(
        503,
        Some("ThrottlingException"),
        Some("id-1"),
        b"x",
    ));
    assert_eq!(e.status, 503);
    assert_eq!(e.header("x-amzn-errortype"), Some("ThrottlingException"));
    assert_eq!(e.header("x-amzn-requestid"), Some("id-1"));
    assert_eq!(e.body.bytes(), Some(&b"x"[..]));
    // Any bytes decode, including none.
    assert_eq!(harness::decode_error(&[]).status, 400);
    assert_eq!(harness::decode_response(&[]).status, 200);

    assert_eq!(
        harness::sanitize_error_type("aws.gamesparks#ValidationException:http://x#y"),
        "ValidationException"
    );
    assert_eq!(harness::MODELED_ERRORS.len(), 5);
    assert_eq!(
        harness::HEADER_NAMES.len(),
        usize::from(harness::CUSTOM_HEADER)
    );
}

#[test]
fn idl_parser_inputs() {
    let seeds = Path::new(env!("CARGO_MANIFEST_DIR")).join("../fuzz/seeds/idl_parser");
    let mut builtin = Vec::new();
    for entry in std::fs::read_dir(&seeds).expect("read the idl_parser seeds") {
        let path = entry.expect("seed entry").path();
        builtin.push((
            path.display().to_string(),
            std::fs::read(&path).expect("read seed"),
        ));
    }
    builtin.sort();
    let n = replay("idl_parser", builtin, harness::check_idl);
    assert!(n >= 3, "the seeds and the kept crash inputs ran: {n}");
}
