//! A `@mediaType` string bound to a header travels base64-encoded, both ways (restJson1
//! protocol tests MediaTypeHeaderInputBase64 and MediaTypeHeaderOutputBase64).

use codegen::Options;

const MODEL: &str = r#"{"smithy": "2.0", "shapes": {
    "ex#Svc": {"type": "service", "version": "1", "operations": [{"target": "ex#Op"}],
        "traits": {"aws.protocols#restJson1": {}, "aws.api#service": {"sdkId": "Ex"},
                   "aws.auth#sigv4": {"name": "ex"}}},
    "ex#Op": {"type": "operation", "input": {"target": "ex#In"}, "output": {"target": "ex#In"},
        "traits": {"smithy.api#http": {"method": "GET", "uri": "/"}}},
    "ex#In": {"type": "structure", "members": {
        "json": {"target": "ex#Json", "traits": {"smithy.api#httpHeader": "X-Json"}}}},
    "ex#Json": {"type": "string", "traits": {"smithy.api#mediaType": "application/json"}}
}}"#;

#[test]
fn media_type_header_strings_are_base64() {
    let opts = Options {
        crate_name: "ex".into(),
        model_file: "ex.json".into(),
        operations: None,
        service: None,
        partitions: None,
    };
    let files = codegen::generate(MODEL, &opts).unwrap();
    assert!(
        files.0.contains_key("src/rt/base64.rs"),
        "{:?}",
        files.0.keys()
    );
    let op = &files.0["src/operation/op.rs"];
    assert!(
        op.contains("crate::rt::base64::encode(value.as_bytes())"),
        "{op}"
    );
    assert!(op.contains("crate::rt::base64::decode(raw.trim())"), "{op}");
}
