//! Rule set syntax: templates, paths, rules and the parameter-binding traits.

use serde_json::json;

use super::*;

#[test]
fn templates() {
    assert_eq!(
        template("plain").unwrap(),
        [TemplatePart::Lit("plain".into())]
    );
    assert_eq!(template("").unwrap(), [TemplatePart::Lit(String::new())]);
    assert_eq!(
        template("https://{Region}.{PartitionResult#dnsSuffix}").unwrap(),
        [
            TemplatePart::Lit("https://".into()),
            TemplatePart::Ref("Region".into(), vec![]),
            TemplatePart::Lit(".".into()),
            TemplatePart::Ref(
                "PartitionResult".into(),
                vec![PathStep::Key("dnsSuffix".into())]
            ),
        ]
    );
    assert_eq!(
        template("{{x}}{a#b[1]}é").unwrap(),
        [
            TemplatePart::Lit("{x}".into()),
            TemplatePart::Ref(
                "a".into(),
                vec![PathStep::Key("b".into()), PathStep::Index(1)]
            ),
            TemplatePart::Lit("é".into()),
        ]
    );
    for bad in ["{", "{}", "a}", "{a#}"] {
        assert!(template(bad).is_err(), "{bad}");
    }
}

#[test]
fn attr_paths() {
    assert_eq!(
        attr_path("resourceId[-1]").unwrap(),
        [PathStep::Key("resourceId".into()), PathStep::Index(-1)]
    );
    assert_eq!(attr_path("[0]").unwrap(), [PathStep::Index(0)]);
    assert_eq!(
        attr_path("a.b").unwrap(),
        [PathStep::Key("a".into()), PathStep::Key("b".into())]
    );
    for bad in ["a[x]", "a[1", "", "a..b"] {
        assert!(attr_path(bad).is_err(), "{bad}");
    }
}

#[test]
fn rule_sets() {
    let rs = rule_set(&json!({
        "version": "1.0",
        "parameters": {
            "Region": {"type": "String", "builtIn": "AWS::Region", "documentation": "d"},
            "UseFIPS": {"type": "boolean", "required": true, "default": false, "deprecated": {"message": "m"}}
        },
        "rules": [
            {"type": "tree", "conditions": [{"fn": "aws.partition", "argv": [{"ref": "Region"}], "assign": "P"}],
             "rules": [
                {"type": "endpoint", "conditions": [{"fn": "booleanEquals", "argv": [{"fn": "getAttr", "argv": [{"ref": "P"}, "supportsFIPS"]}, true]}],
                 "endpoint": {"url": "https://x.{Region}", "properties": {"authSchemes": [{"name": "sigv4", "signingRegion": "{Region}"}]}, "headers": {"h": ["v"]}}}
             ]},
            {"type": "error", "conditions": [], "error": "no"}
        ]
    }))
    .unwrap();
    assert_eq!(rs.parameters[0].0, "Region");
    assert_eq!(rs.parameters[1].1.default, Some(ParamValue::Bool(false)));
    assert_eq!(rs.parameters[1].1.deprecated.as_deref(), Some("m"));
    let Rule::Tree(conds, inner) = &rs.rules[0] else {
        panic!()
    };
    assert_eq!(conds[0].assign.as_deref(), Some("P"));
    let Rule::Endpoint(c, e) = &inner[0] else {
        panic!()
    };
    assert!(
        matches!(&c[0].expr, Expr::Call(f, args) if f == "booleanEquals" && matches!(args[0], Expr::GetAttr(..)))
    );
    assert_eq!(e.headers[0].0, "h");
    assert!(
        matches!(&e.properties[0].1, Property::Array(items) if matches!(&items[0], Property::Object(_)))
    );
    for bad in [
        json!({"parameters": {}, "rules": []}),
        json!({"version": "1.0", "parameters": {"A": {"type": "int"}}, "rules": []}),
        json!({"version": "1.0", "parameters": {"A": {"type": "string", "default": true}}, "rules": []}),
        json!({"version": "1.0", "parameters": {}, "rules": [{"type": "nope"}]}),
        json!({"version": "1.0", "parameters": {}, "rules": [{"type": "error", "conditions": [{"argv": []}], "error": "x"}]}),
        json!({"version": "1.0", "parameters": {}, "rules": [{"type": "error", "conditions": [], "error": 1.5}]}),
    ] {
        assert!(rule_set(&bad).is_err(), "{bad}");
    }
}

#[test]
fn tests_and_bindings() {
    let t = endpoint_tests(&json!({"version": "1.0", "testCases": [
        {"params": {"Region": "x"}, "expect": {"error": "e"}},
        {"params": {}, "operationInputs": [{"operationName": "Op", "builtInParams": {"AWS::Region": "r"}}],
         "expect": {"endpoint": {"url": "https://a"}}}
    ]}))
    .unwrap();
    assert_eq!(t[0].expect, Expectation::Error("e".into()));
    assert_eq!(t[1].operation_inputs[0].operation, "Op");
    assert!(endpoint_tests(&json!({"testCases": [{"params": {}}]})).is_err());
    assert_eq!(
        static_context_params(&json!({"A": {"value": true}})).unwrap(),
        [("A".to_string(), json!(true))]
    );
    assert!(client_context_params(&json!({"A": {"type": "int"}})).is_err());
}

#[test]
fn jmespaths() {
    use JmesStep::*;
    let f = |s: &str| Field(s.into());
    assert_eq!(jmespath("a.b").unwrap(), [f("a"), f("b")]);
    assert_eq!(
        jmespath("Delete.Objects[*].Key").unwrap(),
        [f("Delete"), f("Objects"), Each, f("Key")]
    );
    assert_eq!(
        jmespath("keys(RequestItems)").unwrap(),
        [f("RequestItems"), Keys]
    );
    assert_eq!(jmespath("a[].b").unwrap(), [f("a"), Flatten, f("b")]);
    assert_eq!(jmespath("a.*").unwrap(), [f("a"), Values]);
    assert_eq!(
        jmespath("[a, b.c]").unwrap(),
        [MultiSelect(vec![vec![f("a")], vec![f("b"), f("c")]])]
    );
    assert_eq!(
        jmespath("u[*][s, o.k][]").unwrap(),
        [
            f("u"),
            Each,
            MultiSelect(vec![vec![f("s")], vec![f("o"), f("k")]]),
            Flatten
        ]
    );
    for bad in ["", "a.", "a[0]", "length(a)", "a | b", "1a", "a[*][b"] {
        assert!(jmespath(bad).is_err(), "{bad}");
    }
}
