//! Renders the `streaming` fixture model into `$OUT_DIR/streaming_client.rs`, which the
//! streaming end-to-end tests `include!` at their crate root: those tests need a real client
//! with the ureq transport, and a fixture keeps the model in one place.

use std::path::PathBuf;

fn main() {
    let manifest = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").expect("set by cargo"));
    let model = manifest.join("fixtures/models/streaming.json");
    println!("cargo::rerun-if-changed={}", model.display());
    let json = std::fs::read_to_string(&model).expect("the streaming fixture model");
    let opts = codegen::Options {
        crate_name: "streaming".into(),
        model_file: "tests/fixtures/models/streaming.json".into(),
        operations: None,
    };
    let ir = codegen::lower_ir(&json, &opts).unwrap_or_else(|e| panic!("{e}"));
    // The runtime is inlined as a generated crate has it, without its unit tests (which
    // codegen runs), so a test binary runs only its own tests.
    let single = codegen::render_single_file(&ir, None).unwrap_or_else(|e| panic!("{e}"));
    // `include!` takes items only: drop the program's crate-level comments and attributes
    // (all at column 0, before the first item) and its empty `main`.
    let items: Vec<&str> = single
        .lines()
        .filter(|l| !l.starts_with("//") && !l.starts_with("#!["))
        .filter(|l| *l != "fn main() {}")
        .collect();
    let out = PathBuf::from(std::env::var("OUT_DIR").expect("set by cargo"));
    std::fs::write(out.join("streaming_client.rs"), items.join("\n") + "\n")
        .expect("writing the client");
}
