//! The committed `generated/` must be exactly what the generator produces from `models/`.

use std::path::{Path, PathBuf};

use codegen::{GeneratedFiles, Mode, Options};

const MODEL: &str = "models/gamesparks-get-stage-deployment.json";
/// The paginated test service used by the loopback paginator tests.
const PAGER_MODEL: &str = "models/pager.json";

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .unwrap()
        .to_path_buf()
}

fn generate() -> GeneratedFiles {
    generate_model(MODEL, "gamesparks")
}

fn generate_model(model: &str, crate_name: &str) -> GeneratedFiles {
    let json = std::fs::read_to_string(root().join(model)).unwrap();
    let opts = Options {
        crate_name: crate_name.into(),
        model_file: model.into(),
        operations: None,
        service: None,
        partitions: None,
    };
    codegen::generate(&json, &opts).unwrap()
}

#[test]
fn generated_pager_is_fresh() {
    let report = generate_model(PAGER_MODEL, "pager")
        .sync(&root().join("generated/pager"), Mode::Check)
        .unwrap();
    assert!(
        report.is_clean(),
        "generated/pager is stale; run `cargo xtask codegen` and commit.\n{}",
        report.diffs.join("\n")
    );
}

#[test]
fn generated_is_fresh() {
    let report = generate()
        .sync(&root().join("generated/gamesparks"), Mode::Check)
        .unwrap();
    assert!(
        report.is_clean(),
        "generated/gamesparks is stale; run `cargo xtask codegen` and commit.\n{}",
        report.diffs.join("\n")
    );
}

#[test]
fn generation_is_deterministic() {
    // 20 generations: 10 one after another, then 10 on threads running at the same time.
    let first = generate();
    for _ in 0..9 {
        assert_eq!(generate(), first, "same input must give the same bytes");
    }
    let threads: Vec<_> = (0..10).map(|_| std::thread::spawn(generate)).collect();
    for t in threads {
        assert_eq!(
            t.join().unwrap(),
            first,
            "same input must give the same bytes"
        );
    }
}
