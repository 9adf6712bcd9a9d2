//! Malformed models give a clear error naming the file and the shape, never a panic, and
//! the xtask leaves nothing behind. The cases are described in `tests/fixtures/bad/README.md`.

use std::path::Path;

use codegen::Options;

/// (file, text the error must contain: the shape ID and the reason).
const CASES: &[(&str, &[&str])] = &[
    ("invalid_json.json", &["invalid JSON", "line 31"]),
    (
        "dangling_target.json",
        &[
            "example.bad#DoThingInput$missing",
            "`example.bad#Missing` does not exist",
        ],
    ),
    (
        "unknown_shape_type.json",
        &["example.bad#Gadget", "unknown shape type `widget`"],
    ),
    (
        "wrong_trait_type.json",
        &[
            "example.bad#DoThingInput$name",
            "smithy.api#required",
            "found a string",
        ],
    ),
    (
        "name_collision.json",
        &[
            "example.bad#Collide",
            "`fooBar` and `foo_bar` both become the Rust name `foo_bar`",
        ],
    ),
    (
        "member_targets_operation.json",
        &["example.bad#DoThingInput$op", "`operation`"],
    ),
    (
        "enum_variant_collision.json",
        &[
            "example.bad#Kind",
            "`a-b` and `a_b` both become the Rust name `AB`",
        ],
    ),
    (
        "missing_service_operation.json",
        &[
            "example.bad#BadService",
            "`example.bad#Missing` does not exist",
        ],
    ),
    ("bad_shape_id.json", &["invalid shape ID `NoNamespace`"]),
    (
        "label_targets_structure.json",
        &["example.bad#DoThingInput$thing", "@httpLabel cannot carry"],
    ),
    (
        "unsupported_protocol.json",
        &["unsupported: protocol smithy.protocols#rpcv2Cbor (service example.bad#BadService)"],
    ),
    (
        "operation_without_http.json",
        &["example.bad#DoThing", "needs an @http trait"],
    ),
    (
        "bad_sdk_id.json",
        &[
            "example.bad#BadService",
            "aws.api#service",
            "`sdkId` must be a non-empty string, found a number",
        ],
    ),
    (
        "bad_sigv4_name.json",
        &[
            "example.bad#BadService",
            "aws.auth#sigv4",
            "`name` must be a non-empty string, found an empty string",
        ],
    ),
    (
        "unsupported_two_services.json",
        &[
            "unsupported: more than one service in a model file",
            "(example.bad#BadService, example.bad#OtherService)",
        ],
    ),
];

#[test]
fn every_bad_model_gets_its_error() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/bad");
    for (file, needles) in CASES {
        let json = std::fs::read_to_string(dir.join(file)).unwrap();
        let opts = Options {
            crate_name: "bad".into(),
            model_file: format!("tests/fixtures/bad/{file}"),
            operations: None,
            service: None,
            partitions: None,
        };
        let err = codegen::generate(&json, &opts).expect_err(file).to_string();
        assert!(
            err.starts_with(&format!("tests/fixtures/bad/{file}: ")),
            "{file}: {err}"
        );
        for needle in *needles {
            assert!(
                err.contains(needle),
                "{file}: error `{err}` lacks `{needle}`"
            );
        }
    }
}

/// The model that was the `unsupported:` bigDecimal fixture before big numbers were supported
/// (with the `@http` trait every restJson1 operation now needs).
#[test]
fn a_big_decimal_member_generates() {
    let json = r#"{
        "smithy": "2.0",
        "shapes": {
            "example.bad#BadService": {"type": "service", "version": "2024-01-01",
                "traits": {"aws.protocols#restJson1": {}},
                "operations": [{"target": "example.bad#DoThing"}]},
            "example.bad#DoThing": {"type": "operation",
                "input": {"target": "example.bad#DoThingInput"},
                "output": {"target": "smithy.api#Unit"},
                "traits": {"smithy.api#http": {"method": "POST", "uri": "/", "code": 200}}},
            "example.bad#DoThingInput": {"type": "structure",
                "members": {"amount": {"target": "smithy.api#BigDecimal"}}}
        }
    }"#;
    let opts = Options {
        crate_name: "big".into(),
        model_file: "big.json".into(),
        operations: None,
        service: None,
        partitions: None,
    };
    let files = codegen::generate(json, &opts).unwrap();
    let text = |path: &str| files.0.get(path).unwrap_or_else(|| panic!("{path}"));
    assert!(
        text("src/operation/do_thing.rs").contains("amount: Option<crate::primitives::BigDecimal>"),
        "{}",
        text("src/operation/do_thing.rs")
    );
    assert!(text("src/primitives.rs").contains("BigDecimal"));
    assert!(text("src/rt/big_number.rs").contains("pub struct"));
    assert!(text("Cargo.toml").contains(r#"features = ["raw_value"]"#));
}

#[test]
fn every_bad_fixture_is_in_the_table() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/bad");
    for entry in std::fs::read_dir(dir).unwrap() {
        let name = entry.unwrap().file_name().to_string_lossy().into_owned();
        if name.ends_with(".json") {
            assert!(
                CASES.iter().any(|(f, _)| *f == name),
                "{name} has no expected error"
            );
        }
    }
}

#[test]
fn truncations_are_errors_and_garbage_never_panics() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap();
    let json =
        std::fs::read_to_string(root.join("models/gamesparks-get-stage-deployment.json")).unwrap();
    let opts = Options {
        crate_name: "x".into(),
        model_file: "m.json".into(),
        operations: None,
        service: None,
        partitions: None,
    };
    // Every prefix at a stride is an error: a cut JSON document does not parse. The one
    // exception would be a cut that drops only the trailing newline, which leaves the whole
    // document; the stride must not land there, or the test would prove nothing about it.
    let whole = json.trim_end().len();
    let cuts: Vec<usize> = (0..json.len()).step_by(97).collect();
    assert!(
        cuts.len() > 100 && cuts.iter().all(|&c| c < whole),
        "{whole}"
    );
    for cut in cuts {
        let err = codegen::generate(&json[..cut], &opts)
            .map(|_| ())
            .expect_err(&format!("a model cut at byte {cut} generated"))
            .to_string();
        assert!(err.starts_with("m.json: "), "cut at byte {cut}: {err}");
    }
    // Single-byte corruptions: each must be Ok or Err, never a panic.
    let bytes = json.as_bytes();
    let mut seed: u64 = 0x9E37_79B9_7F4A_7C15;
    for _ in 0..300 {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        let mut mutated = bytes.to_vec();
        let at = (seed % mutated.len() as u64) as usize;
        mutated[at] = b"{}[]\":,#$0aZ \\"[(seed >> 32) as usize % 14];
        if let Ok(text) = String::from_utf8(mutated) {
            let _ = codegen::generate(&text, &opts);
        }
    }
}
