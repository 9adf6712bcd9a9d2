//! The IDL front end end to end: the GameSparks model written in IDL loads to the same model
//! as its JSON AST and generates the same code; several files load into one model; errors
//! point at the file, line and column.

use std::path::Path;

use codegen::model::idl::{Source, load_sources};
use codegen::{ErrorKind, Options};

fn fixture(rel: &str) -> Source {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures")
        .join(rel);
    let text = std::fs::read_to_string(&path).expect("read fixture");
    Source::new(format!("tests/fixtures/{rel}"), text)
}

fn model_json() -> Source {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../models/gamesparks-get-stage-deployment.json");
    Source::new(
        "models/gamesparks-get-stage-deployment.json",
        std::fs::read_to_string(path).expect("read model"),
    )
}

#[test]
fn gamesparks_idl_loads_to_the_json_model() {
    let idl = load_sources(&[fixture("idl/gamesparks-get-stage-deployment.smithy")]).unwrap();
    let json: serde_json::Value = serde_json::from_str(&model_json().text).unwrap();
    assert_eq!(idl.to_value(), json, "the same JSON AST, trait for trait");
    let from_idl = codegen::model::parse_model(&idl.to_json()).unwrap();
    let from_json = codegen::model::parse_model(&model_json().text).unwrap();
    assert_eq!(from_idl.shapes, from_json.shapes);
    assert_eq!(from_idl.version, from_json.version);
    // Member order is part of the model: the JSON reader keeps it, and so must the IDL.
    let members = |m: &codegen::model::Model| -> Vec<String> {
        m.shapes
            .values()
            .flat_map(|s| s.members.iter().map(|x| x.name.clone()))
            .collect()
    };
    assert_eq!(members(&from_idl), members(&from_json));
}

#[test]
fn gamesparks_idl_generates_the_same_code() {
    let opts = |file: &str| Options {
        crate_name: "gamesparks".into(),
        model_file: file.into(),
        operations: None,
        service: None,
        partitions: None,
    };
    let idl_file = "tests/fixtures/idl/gamesparks-get-stage-deployment.smithy";
    let from_idl = codegen::generate_sources(
        &[fixture("idl/gamesparks-get-stage-deployment.smithy")],
        &opts(idl_file),
    )
    .unwrap();
    let json = model_json();
    let from_json = codegen::generate(&json.text, &opts(&json.path)).unwrap();
    assert_eq!(
        from_idl.0.keys().collect::<Vec<_>>(),
        from_json.0.keys().collect::<Vec<_>>()
    );
    let strip = |text: &str, file: &str| text.replace(file, "MODEL");
    let mut compared = 0;
    for (path, text) in &from_json.0 {
        let other = &from_idl.0[path];
        assert_eq!(
            strip(other, idl_file),
            strip(text, &json.path),
            "{path} differs"
        );
        compared += 1;
    }
    assert!(compared > 10);
    let header = from_idl
        .0
        .get("src/lib.rs")
        .unwrap()
        .lines()
        .next()
        .unwrap()
        .to_string();
    assert!(
        header.contains(idl_file),
        "the header names the IDL file: {header}"
    );
}

#[test]
fn several_files_load_into_one_model() {
    let sources = ["a", "b", "c"].map(|n| fixture(&format!("idl/multi/{n}.smithy")));
    let doc = load_sources(&sources).unwrap().to_value();
    let holder = &doc["shapes"]["example.a#Holder"]["members"];
    assert_eq!(
        holder["local"]["target"], "example.a#Local",
        "same namespace, other file"
    );
    assert_eq!(holder["shared"]["target"], "example.b#Shared", "`use`");
    assert_eq!(holder["text"]["target"], "smithy.api#String", "the prelude");
    assert_eq!(
        doc["metadata"]["suppressions"],
        serde_json::json!([{"id": "A"}, {"id": "B"}]),
        "metadata arrays are concatenated"
    );
    // The elided member inherited from a mixin becomes an `apply`, which the index folds in.
    assert_eq!(
        doc["shapes"]["example.b#Shared$name"]["traits"]["smithy.api#required"],
        serde_json::json!({})
    );
    let model = codegen::model::parse_model(&load_sources(&sources).unwrap().to_json()).unwrap();
    let index = codegen::index::ShapeIndex::build(model).unwrap();
    let shared = index
        .shape(&codegen::model::ShapeId::parse("example.b#Shared").unwrap())
        .unwrap();
    let name = shared.member("name").unwrap();
    assert!(
        name.traits
            .keys()
            .any(|k| k.as_str() == "smithy.api#required")
    );
    // Without b.smithy, `Local` names nothing: it falls into the current namespace and the
    // index reports the dangling target.
    let partial = load_sources(&[sources[0].clone(), sources[2].clone()]).unwrap();
    let model = codegen::model::parse_model(&partial.to_json()).unwrap();
    let err = codegen::index::ShapeIndex::build(model)
        .unwrap_err()
        .to_string();
    assert!(err.contains("example.a#Local"), "{err}");
}

#[test]
fn errors_name_file_line_and_column_with_a_caret() {
    let src = Source::new(
        "bad.smithy",
        "$version: \"2\"\nnamespace a\n\nstructure S {\n    a: String = \n}\n",
    );
    let err = load_sources(&[src]).unwrap_err();
    let ErrorKind::Syntax {
        file, line, column, ..
    } = &err
    else {
        panic!("{err:?}");
    };
    assert_eq!((file.as_str(), *line, *column), ("bad.smithy", 5, 17));
    let text = err.to_string();
    assert_eq!(
        text,
        "bad.smithy:5:17: expected a value, found a line break\n    a: String = \n                ^"
    );

    let src = Source::new("conflict.smithy", "namespace a\nuse b#X\nstring X\n");
    let text = load_sources(&[src]).unwrap_err().to_string();
    assert_eq!(
        text,
        "conflict.smithy:3:8: shape name `X` conflicts with the imported shape `b#X`\nstring X\n       ^"
    );
}

#[test]
fn codegen_takes_several_sources_and_names_the_failing_one() {
    let opts = Options {
        crate_name: "x".into(),
        model_file: "x".into(),
        operations: None,
        service: None,
        partitions: None,
    };
    let err = codegen::generate_sources(
        &[
            model_json(),
            Source::new("extra.smithy", "namespace q\nstring"),
        ],
        &opts,
    )
    .unwrap_err();
    assert!(err.to_string().contains("extra.smithy:2:7"), "{err}");
}
