use super::*;

fn load(files: &[(&str, &str)]) -> Result<serde_json::Value, ErrorKind> {
    let sources: Vec<Source> = files.iter().map(|(p, t)| Source::new(*p, *t)).collect();
    load_sources(&sources).map(|n| n.to_value())
}

#[test]
fn smoke() {
    let v = load(&[("a.smithy", "$version: \"2\"\nnamespace a\nstring S\n")]).unwrap();
    assert_eq!(v, serde_json::json!({"smithy": "2.0", "shapes": {"a#S": {"type": "string"}}}));
}
