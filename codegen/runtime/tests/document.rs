//! Tests of `document.rs`, compiled as its `tests` module.

use super::Document;

#[test]
fn any_json_roundtrips() {
    let text = r#"{"a":[1,-2,3.5,"x",null,true],"b":{}}"#;
    let doc: Document = ::serde_json::from_str(text).unwrap();
    assert_eq!(::serde_json::to_string(&doc).unwrap(), text);
}
