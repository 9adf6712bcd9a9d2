//! Which operations a crate gets: `Options::operations` subsets, and event-stream operations,
//! which are left out with a reason instead of failing the whole service.

use std::path::Path;

use codegen::Options;

fn model() -> String {
    let path =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/subsets/event_stream_service.json");
    std::fs::read_to_string(path).unwrap()
}

fn opts(operations: Option<&[&str]>) -> Options {
    Options {
        crate_name: "shop".into(),
        model_file: "event_stream_service.json".into(),
        operations: operations.map(|ops| ops.iter().map(|s| s.to_string()).collect()),
        service: None,
        partitions: None,
    }
}

fn modules(ir: &codegen::ir::Ir) -> Vec<&str> {
    ir.operations.iter().map(|o| o.module.as_str()).collect()
}

fn type_names(ir: &codegen::ir::Ir) -> Vec<&str> {
    ir.types.iter().map(|t| t.name()).collect()
}

#[test]
fn event_stream_operations_are_left_out_and_listed() {
    let ir = codegen::lower_ir(&model(), &opts(None)).unwrap();
    assert_eq!(modules(&ir), ["get_thing", "list_widgets"]);
    assert_eq!(ir.omitted.len(), 1);
    let omitted = &ir.omitted[0];
    assert_eq!(omitted.name, "SubscribeEvents");
    assert_eq!(omitted.shape_id, "example.subsets#SubscribeEvents");
    assert!(omitted.reason.contains("`events`") && omitted.reason.contains("event stream"));
    // Shapes reached only through the omitted operation are gone too.
    assert!(!type_names(&ir).contains(&"EventStream"));
    assert!(!ir.errors.iter().any(|e| e.name == "Tick"));

    let files = codegen::render(&ir).unwrap();
    let lib = &files.0["src/lib.rs"];
    assert!(lib.contains("# Operations not generated"), "{lib}");
    assert!(lib.contains("`SubscribeEvents`: its output member `events` is an event stream"));
    assert!(!files.0.contains_key("src/operation/subscribe_events.rs"));
}

#[test]
fn a_subset_keeps_only_what_its_operations_need() {
    let ir = codegen::lower_ir(&model(), &opts(Some(&["GetThing"]))).unwrap();
    assert_eq!(modules(&ir), ["get_thing"]);
    assert_eq!(type_names(&ir), ["Thing"]);
    // The service's own errors stay; errors of operations left out go.
    let errors: Vec<&str> = ir.errors.iter().map(|e| e.name.as_str()).collect();
    assert_eq!(errors, ["ServiceFault"]);
    assert!(ir.omitted.is_empty());

    let ir = codegen::lower_ir(
        &model(),
        &opts(Some(&["example.subsets#ListWidgets", "GetThing"])),
    )
    .unwrap();
    assert_eq!(modules(&ir), ["get_thing", "list_widgets"]);
    assert_eq!(type_names(&ir), ["Thing", "Widget"]);
}

#[test]
fn a_subset_naming_an_event_stream_operation_still_leaves_it_out() {
    let ir = codegen::lower_ir(&model(), &opts(Some(&["GetThing", "SubscribeEvents"]))).unwrap();
    assert_eq!(modules(&ir), ["get_thing"]);
    assert_eq!(ir.omitted.len(), 1);
}

#[test]
fn an_unknown_operation_lists_the_real_ones() {
    let err = codegen::lower_ir(&model(), &opts(Some(&["GetThing", "DeleteThing"])))
        .unwrap_err()
        .to_string();
    assert!(err.starts_with("event_stream_service.json: "), "{err}");
    assert!(err.contains("unknown operation `DeleteThing`"), "{err}");
    assert!(
        err.contains("GetThing, ListWidgets, SubscribeEvents"),
        "{err}"
    );
}
