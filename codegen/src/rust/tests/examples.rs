//! Tests of `examples.rs`, compiled as its `tests` module.

use super::*;

fn gamesparks() -> Ir {
    let opts = crate::Options {
        crate_name: "my-games".into(),
        model_file: "models/gamesparks-get-stage-deployment.json".into(),
        operations: None,
        service: None,
        partitions: None,
    };
    crate::lower_ir(
        include_str!("../../../../models/gamesparks-get-stage-deployment.json"),
        &opts,
    )
    .unwrap()
}

#[test]
fn the_crate_example_sets_required_members_with_literals() {
    let text = crate_example(&gamesparks());
    assert!(text.starts_with("# Example\n"), "{text}");
    for part in [
        "use my_games::{Client, Config};",
        "    .get_stage_deployment()\n    .game_name(\"example\")\n    .stage_name(\"example\")\n    .send();",
        "match my_games::http::block_on(call)",
        "HttpResponse::new(200, \"{}\")",
    ] {
        assert!(text.contains(part), "{part:?} in {text}");
    }
    assert!(
        !text.contains("deployment_id"),
        "optional members are left out"
    );
    assert!(text.ends_with("```"));
}

#[test]
fn an_operation_without_literal_members_is_not_called() {
    let mut ir = gamesparks();
    for op in &mut ir.operations {
        for f in &mut op.input.fields {
            if matches!(f.presence, Presence::Required { .. }) {
                f.ty = TypeRef::Blob;
            }
        }
    }
    let text = crate_example(&ir);
    assert!(text.contains("# let _ = client;"), "{text}");
    assert!(!text.contains(".send()"), "{text}");
}

#[test]
fn literals_for_simple_types_only() {
    assert_eq!(literal(&TypeRef::String), Some("\"example\""));
    assert_eq!(literal(&TypeRef::Long), Some("1"));
    assert_eq!(literal(&TypeRef::Double), Some("1.0"));
    assert_eq!(
        literal(&TypeRef::Boxed(Box::new(TypeRef::Bool))),
        Some("true")
    );
    assert_eq!(literal(&TypeRef::Blob), None);
}

#[test]
fn the_client_example_clones() {
    let text = client_example(&gamesparks());
    assert!(text.contains("let for_a_task = client.clone();"), "{text}");
    assert!(
        text.contains("use my_games::config::Credentials;"),
        "{text}"
    );
}
