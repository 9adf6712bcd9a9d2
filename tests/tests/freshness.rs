//! The committed `generated/` must be exactly what the generator produces from `models/`.

use std::path::{Path, PathBuf};

use codegen::{GeneratedFiles, Mode, Options};

const MODEL: &str = "models/gamesparks-get-stage-deployment.json";

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .unwrap()
        .to_path_buf()
}

fn generate() -> GeneratedFiles {
    let json = std::fs::read_to_string(root().join(MODEL)).unwrap();
    let opts = Options {
        crate_name: "gamesparks".into(),
        model_file: MODEL.into(),
        operations: None,
    };
    codegen::generate(&json, &opts).unwrap()
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
