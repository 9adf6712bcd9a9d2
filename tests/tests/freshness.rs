//! The committed `generated/` must be exactly what the generator produces from `models/`.

use std::path::Path;

use codegen::{Mode, Options};

#[test]
fn generated_is_fresh() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap();
    let model = "models/gamesparks-get-stage-deployment.json";
    let json = std::fs::read_to_string(root.join(model)).unwrap();
    let opts = Options {
        crate_name: "gamesparks".into(),
        model_file: model.into(),
    };
    let files = codegen::generate(&json, &opts).unwrap();
    let report = files
        .sync(&root.join("generated/gamesparks"), Mode::Check)
        .unwrap();
    assert!(
        report.is_clean(),
        "generated/gamesparks is stale; run `cargo xtask codegen` and commit.\n{}",
        report.diffs.join("\n")
    );
}

#[test]
fn generation_is_deterministic() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap();
    let model = "models/gamesparks-get-stage-deployment.json";
    let json = std::fs::read_to_string(root.join(model)).unwrap();
    let opts = Options {
        crate_name: "gamesparks".into(),
        model_file: model.into(),
    };
    let first = codegen::generate(&json, &opts).unwrap();
    for _ in 0..3 {
        assert_eq!(codegen::generate(&json, &opts).unwrap(), first);
    }
}
