use super::*;
use serde_json::json;

fn load(files: &[(&str, &str)]) -> Result<serde_json::Value, ErrorKind> {
    let sources: Vec<Source> = files.iter().map(|(p, t)| Source::new(*p, *t)).collect();
    load_sources(&sources).map(|n| n.to_value())
}

fn one(text: &str) -> serde_json::Value {
    load(&[("t.smithy", text)]).unwrap_or_else(|e| panic!("{e}"))
}

fn shapes(text: &str) -> serde_json::Value {
    one(text)["shapes"].clone()
}

fn err(text: &str) -> String {
    load(&[("t.smithy", text)]).unwrap_err().to_string()
}

#[test]
fn smoke() {
    let v = one("$version: \"2\"\nnamespace a\nstring S\n");
    assert_eq!(
        v,
        json!({"smithy": "2.0", "shapes": {"a#S": {"type": "string"}}})
    );
}

#[test]
fn text_blocks_and_escapes_in_trait_values() {
    let s = shapes(
        "$version: \"2\"\nnamespace a\n@documentation(\"\"\"\n    Hello\n      world \\u00e9\n    \"\"\")\nstring S\n@pattern(\"\\uD83D\\uDE00\\t\\\"\")\nstring T\n",
    );
    assert_eq!(
        s["a#S"]["traits"]["smithy.api#documentation"],
        "Hello\n  world é\n"
    );
    assert_eq!(s["a#T"]["traits"]["smithy.api#pattern"], "😀\t\"");
}

#[test]
fn trait_value_forms() {
    let s = shapes(
        "$version: \"2\"\nnamespace a\n@a @b() @c(x: 1, y: [true, null]) @d(\"s\") @e(String) @f(S) @g({k: -1.5e2})\nstring S\n@trait structure a {}\n@trait structure b {}\n@trait structure c {}\n@trait string d\n@trait string e\n@trait string f\n@trait document g\n",
    );
    let t = &s["a#S"]["traits"];
    assert_eq!(t["a#a"], json!({}));
    assert_eq!(t["a#b"], json!({}));
    assert_eq!(t["a#c"], json!({"x": 1, "y": [true, null]}));
    assert_eq!(t["a#d"], "s");
    assert_eq!(
        t["a#e"], "smithy.api#String",
        "an unquoted shape ID that resolves"
    );
    assert_eq!(t["a#f"], "a#S", "one of the file's namespace");
    assert_eq!(t["a#g"], json!({"k": -150.0}));
}

#[test]
fn syntactic_shape_ids_that_name_no_shape_are_errors_unless_suppressed() {
    let e = err("$version: \"2\"\nmetadata foo = [truefalse]\n");
    assert!(
        e.contains("2:17") && e.contains("`truefalse`") && e.contains("`smithy.api#truefalse`"),
        "{e}"
    );
    let e = err("$version: \"2\"\nnamespace a\n@tags([ok, \"fine\"])\nstring S\n");
    assert!(e.contains("3:8") && e.contains("`a#ok`"), "{e}");
    // Keywords are whole words: `[true false]` is two booleans, with or without a comma.
    let v = one("$version: \"2\"\nmetadata foo = [true false,null]\n");
    assert_eq!(v["metadata"]["foo"], json!([true, false, null]));
    // A `*` suppression (from any file) lets them through, resolved into the namespace.
    let v = load(&[
        (
            "a.smithy",
            "$version: \"2\"\nnamespace a\n@tags([ok])\nstring S\n",
        ),
        (
            "b.smithy",
            "$version: \"2\"\nmetadata suppressions = [{id: \"SyntacticShapeIdTarget\", namespace: \"*\"}]\n",
        ),
    ])
    .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        v["shapes"]["a#S"]["traits"]["smithy.api#tags"],
        json!(["a#ok"])
    );
}

#[test]
fn doc_comments_before_traits_only() {
    let s = shapes(
        "$version: \"2\"\nnamespace a\n/// Line one\n///   two\n@sensitive\nstring S\n@sensitive\n/// ignored\nstring T // x\nstring U /// not for the next shape\n\nstring V\n",
    );
    assert_eq!(
        s["a#S"]["traits"]["smithy.api#documentation"],
        "Line one\n  two"
    );
    assert!(s["a#T"]["traits"].get("smithy.api#documentation").is_none());
    assert!(s["a#V"].get("traits").is_none());
}

#[test]
fn members_defaults_enums_and_collections() {
    let s = shapes(
        "$version: \"2\"\nnamespace a\nstructure S {\n  @required a: String = \"x\"\n  b: Integer = 0,\n  c: L\n}\nenum E { A, B = \"bee\"\n}\nintEnum I { ONE = 1\n}\nlist L { member: String }\nmap M { key: String, value: L }\n",
    );
    assert_eq!(
        s["a#S"]["members"]["a"],
        json!({"target": "smithy.api#String", "traits": {"smithy.api#required": {}, "smithy.api#default": "x"}})
    );
    assert_eq!(s["a#S"]["members"]["b"]["traits"]["smithy.api#default"], 0);
    assert_eq!(
        s["a#S"]["members"]["c"]["target"], "a#L",
        "forward reference"
    );
    assert_eq!(
        s["a#E"]["members"]["A"],
        json!({"target": "smithy.api#Unit", "traits": {"smithy.api#enumValue": "A"}})
    );
    assert_eq!(
        s["a#E"]["members"]["B"]["traits"]["smithy.api#enumValue"],
        "bee"
    );
    assert_eq!(
        s["a#I"]["members"]["ONE"]["traits"]["smithy.api#enumValue"],
        1
    );
    assert_eq!(
        s["a#M"],
        json!({"type": "map", "key": {"target": "smithy.api#String"}, "value": {"target": "a#L"}})
    );
}

#[test]
fn mixins_elision_and_inline_io() {
    let s = shapes(
        "$version: \"2\"\n$operationOutputSuffix: \"Response\"\nnamespace a\n@mixin structure M { id: String }\nresource R { identifiers: { rid: String }, properties: { p: Integer } }\nstructure S for R with [M] { $rid, @required $id, $p }\noperation O {\n  input := @sensitive with [M] { x: String }\n  output := {}\n  errors: []\n}\n",
    );
    assert_eq!(s["a#S"]["mixins"], json!([{"target": "a#M"}]));
    assert_eq!(
        s["a#S"]["members"],
        json!({"rid": {"target": "smithy.api#String"}, "p": {"target": "smithy.api#Integer"}})
    );
    assert_eq!(
        s["a#S$id"],
        json!({"type": "apply", "traits": {"smithy.api#required": {}}})
    );
    assert_eq!(s["a#O"]["input"], json!({"target": "a#OInput"}));
    assert_eq!(s["a#O"]["output"], json!({"target": "a#OResponse"}));
    assert_eq!(
        s["a#OInput"]["traits"],
        json!({"smithy.api#sensitive": {}, "smithy.api#input": {}})
    );
    assert_eq!(s["a#OInput"]["mixins"], json!([{"target": "a#M"}]));
    assert_eq!(s["a#OResponse"]["traits"], json!({"smithy.api#output": {}}));
    assert!(
        err("$version: \"2\"\nnamespace a\nstructure S { $nope }\n")
            .contains("elided member `$nope`")
    );
}

#[test]
fn apply_single_and_block_fold_into_local_shapes() {
    let s = shapes(
        "$version: \"2\"\nnamespace a\nstructure S { m: String }\napply S @sensitive\napply S$m {\n  @required\n  @documentation(\"d\")\n}\napply other#X @deprecated\n",
    );
    assert_eq!(s["a#S"]["traits"], json!({"smithy.api#sensitive": {}}));
    assert_eq!(
        s["a#S"]["members"]["m"]["traits"],
        json!({"smithy.api#required": {}, "smithy.api#documentation": "d"})
    );
    assert_eq!(
        s["other#X"],
        json!({"type": "apply", "traits": {"smithy.api#deprecated": {}}})
    );
}

#[test]
fn resolution_order_use_then_namespace_then_prelude() {
    let s = shapes(
        "$version: \"2\"\nnamespace a\nuse b#Imported\nstructure S { x: Imported, y: String, z: Local, w: Missing, v: smithy.api#Integer }\nstring Local\n@trait structure deprecated {}\n@deprecated string D\n",
    );
    let m = &s["a#S"]["members"];
    assert_eq!(m["x"]["target"], "b#Imported");
    assert_eq!(m["y"]["target"], "smithy.api#String");
    assert_eq!(m["z"]["target"], "a#Local");
    assert_eq!(m["w"]["target"], "a#Missing");
    assert_eq!(m["v"]["target"], "smithy.api#Integer");
    assert!(
        s["a#D"]["traits"].get("a#deprecated").is_some(),
        "the namespace wins over the prelude"
    );
}

#[test]
fn version_1_files_stay_1_0_documents() {
    let v = one("namespace a\n@box integer I\nset S { member: I }\n");
    assert_eq!(v["smithy"], "1.0");
    assert_eq!(v["shapes"]["a#S"]["type"], "set");
    for bad in [
        "namespace a\nstructure S { a: String = \"\" }\n",
        "namespace a\nenum E { A }\n",
        "namespace a\n@mixin structure M {}\n",
        "namespace a\noperation O { input := {} }\n",
        "$version: \"2\"\nnamespace a\nset S { member: String }\n",
    ] {
        assert!(load(&[("t.smithy", bad)]).is_err(), "{bad}");
    }
}

#[test]
fn statements_need_their_line_breaks_and_order() {
    for bad in [
        "namespace a string S\n",
        "namespace a\nstring S string T\n",
        "namespace a\nstring\nS\n",
        "namespace a\nmetadata x = 1\n",
        "namespace a\nstring S\nuse b#C\n",
        "$version: \"2\"\n$version: \"2\"\n",
        "$version: \"3\"\n",
        "namespace a\nstructure S { a: String }}\n",
        "namespace a\n@foo\n",
        "namespace a\nstring S with [M]\n",
        "metadata \"\"\"\n  x\"\"\" = 1\n",
    ] {
        assert!(load(&[("t.smithy", bad)]).is_err(), "accepted: {bad:?}");
    }
}

#[test]
fn files_merge_and_conflict() {
    let v = load(&[
        (
            "a.smithy",
            "metadata m = [1]\nmetadata k = \"same\"\nnamespace n\nstring A\n",
        ),
        (
            "b.smithy",
            "metadata m = [2]\nmetadata k = \"same\"\nnamespace n\nstructure B { a: A }\n",
        ),
    ])
    .unwrap();
    assert_eq!(v["metadata"], json!({"m": [1, 2], "k": "same"}));
    assert_eq!(v["shapes"]["n#B"]["members"]["a"]["target"], "n#A");
    let e = load(&[
        ("a.smithy", "metadata k = 1\n"),
        ("b.smithy", "metadata k = 2\n"),
    ])
    .unwrap_err();
    assert!(
        e.to_string()
            .starts_with("b.smithy:1:1: metadata `k` conflicts"),
        "{e}"
    );
    let e = load(&[
        ("a.smithy", "namespace n\nstring A\n"),
        ("b.smithy", "namespace n\ninteger A\n"),
    ])
    .unwrap_err();
    assert!(
        e.to_string().contains("`n#A` is defined more than once"),
        "{e}"
    );
}

#[test]
fn hostile_input_never_panics() {
    let deep = "metadata x = ".to_string() + &"[".repeat(10_000);
    assert!(err(&deep).contains("nested too deeply"));
    for text in [
        "\"",
        "namespace a\nstring S\n@",
        "$",
        "\u{feff}",
        "namespace a\napply",
        "namespace é",
        "@x(\"\\u",
        "namespace a\nstructure S { a: \"é",
    ] {
        let _ = load(&[("t.smithy", text)]);
    }
}

#[test]
fn a_1_0_file_loaded_with_2_0_files_is_upgraded() {
    let v = load(&[
        ("old.smithy", "namespace a\ninteger Count\n@box integer MaybeCount\nset Tags { member: String }\nstructure S { c: Count, m: MaybeCount, @box b: Count, p: PrimitiveBoolean, i: Integer }\n"),
        ("new.smithy", "$version: \"2\"\nnamespace b\nstructure T { c: a#Count }\n"),
    ])
    .unwrap();
    assert_eq!(v["smithy"], "2.0");
    let m = &v["shapes"]["a#S"]["members"];
    assert_eq!(m["c"]["traits"]["smithy.api#default"], 0);
    assert_eq!(m["p"]["traits"]["smithy.api#default"], false);
    for boxed in ["m", "b", "i"] {
        assert!(
            m[boxed]["traits"].get("smithy.api#default").is_none(),
            "{boxed}"
        );
    }
    assert_eq!(v["shapes"]["a#Tags"]["type"], "list");
    assert_eq!(
        v["shapes"]["a#Tags"]["traits"]["smithy.api#uniqueItems"],
        json!({})
    );
    assert!(
        v["shapes"]["b#T"]["members"]["c"].get("traits").is_none(),
        "2.0 shapes are untouched"
    );
}

#[test]
fn semantic_errors_point_at_the_shape() {
    let e = err(
        "$version: \"2\"\nnamespace a\n@mixin structure M { x: String }\n\nstructure S with [M] {\n    x: Integer\n}\n",
    );
    assert!(
        e.starts_with("t.smithy:5:11: a#S$x: member conflicts"),
        "{e}"
    );
    let e = err(
        "$version: \"2\"\nnamespace a\n@mixin list L { member: String }\n\nstructure S with [L] {}\n",
    );
    assert!(
        e.starts_with("t.smithy:5:11: a#S: a structure cannot use the list `a#L`"),
        "{e}"
    );
}
