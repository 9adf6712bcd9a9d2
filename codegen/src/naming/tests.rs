//! Naming policy: casing, keywords, collisions, and that every name is a valid identifier.

use super::*;

#[test]
fn fresh_locals_avoid_member_names() {
    assert_eq!(fresh_local("k", &["key", "value"]), "k");
    assert_eq!(fresh_local("map", &["map", "map_", "x"]), "map__");
}

#[test]
fn prelude_names_are_plain_unless_mentioned() {
    let mentioned: std::collections::BTreeSet<String> = ["Option", "Foo", "None"]
        .iter()
        .map(|s| s.to_string())
        .collect();
    let plain = plain_prelude_names(&mentioned);
    assert!(!plain.contains(&"Option") && !plain.contains(&"None"));
    assert!(plain.contains(&"String") && plain.contains(&"Some"));
    assert_eq!(plain.len(), PRELUDE_PATHS.len() - 2);
}

#[test]
fn type_names() {
    for (input, want) in [
        ("GetStageDeploymentRequest", "GetStageDeploymentRequest"),
        ("SSEVersion", "SseVersion"),
        ("IPv4Address", "IPv4Address"),
        ("ARN", "Arn"),
        ("IN_PROGRESS", "InProgress"),
        ("NODEJS4_3", "Nodejs43"),
        ("Self", "SelfValue"),
        ("self", "SelfValue"),
        ("crate", "Crate"),
        ("String", "String"),
        ("0_5", "V05"),
        ("", "Value"),
    ] {
        assert_eq!(type_name(input), want, "type_name({input})");
    }
}

#[test]
fn field_names() {
    for (input, want) in [
        ("GameName", "game_name"),
        ("DeploymentId", "deployment_id"),
        ("type", "r#type"),
        ("match", "r#match"),
        ("gen", "r#gen"),
        ("self", "self_"),
        ("Self", "self_"),
        ("crate", "crate_"),
        ("super", "super_"),
        ("fooBar", "foo_bar"),
        ("foo_bar", "foo_bar"),
        ("ARN", "arn"),
        ("v1_2", "v1_2"),
        ("9lives", "v9lives"),
    ] {
        assert_eq!(field_name(input), want, "field_name({input})");
    }
}

#[test]
fn enum_values() {
    for (input, want) in [
        ("nodejs4.3", "Nodejs43"),
        ("0.5", "V05"),
        ("a-b", "AB"),
        ("a_b", "AB"),
        ("lower case", "LowerCase"),
        ("HTTP/2", "Http2"),
        ("*", "Value"),
    ] {
        assert_eq!(
            enum_value_variant(input),
            want,
            "enum_value_variant({input})"
        );
    }
}

/// Awkward Smithy names: every strict, reserved and weak keyword, names `heck` cases to
/// nothing or to a digit, underscores, non-ASCII letters and punctuation.
fn awkward_inputs() -> Vec<String> {
    let mut inputs: Vec<String> = KEYWORDS
        .iter()
        .chain(NOT_RAW)
        .map(|k| k.to_string())
        .collect();
    for k in [
        "self",
        "Self",
        "super",
        "crate",
        "_",
        "dyn",
        "union",
        "macro_rules",
        "static",
    ] {
        inputs.push(k.to_string());
        inputs.push(k.to_uppercase());
        inputs.push(k.to_upper_camel_case());
    }
    for s in [
        "",
        "_",
        "__",
        "___",
        "9lives",
        "0",
        "007",
        "0_5",
        "1a",
        "_1",
        "-",
        "a-b",
        "HTTP/2",
        "nodejs4.3",
        "café",
        "Ünïcödé",
        "日本",
        "ß",
        "a b",
        "*",
        "$",
        "ARN",
        "IPv4",
        "Type",
        "TYPE",
        "type_",
        "r#type",
        "Builder",
        "Unknown",
        "Option",
        "meta",
    ] {
        inputs.push(s.to_string());
    }
    inputs
}

/// Asserts `name` is non-empty, parses as a Rust identifier (`syn` rejects keywords that are
/// not raw), and that [`ident`] makes the same identifier of it.
fn assert_ident(what: &str, input: &str, name: &str) {
    assert!(!name.is_empty(), "{what}({input:?}) is empty");
    let parsed = syn::parse_str::<syn::Ident>(name)
        .unwrap_or_else(|e| panic!("{what}({input:?}) = {name:?} is not an identifier: {e}"));
    assert_eq!(parsed, ident(name), "{what}({input:?}) = {name:?}");
}

#[test]
fn idents_are_valid() {
    for input in awkward_inputs() {
        let s = input.as_str();
        let ty = type_name(s);
        let field = field_name(s);
        let checks: Vec<(&str, String)> = vec![
            ("type_name", ty.clone()),
            ("field_name", field.clone()),
            ("module_name", module_name(s)),
            ("enum_value_variant", enum_value_variant(s)),
            ("builder_name", builder_name(&ty)),
            ("missing_marker", missing_marker(s).0),
            ("state_param", state_param(&field)),
            ("input_name", input_name(&ty)),
            ("output_name", output_name(&ty)),
            ("error_enum_name", error_enum_name(&ty)),
            ("fluent_builder_name", fluent_builder_name(&ty)),
            ("paginator_names", paginator_names(&ty).0),
            ("paginator_names", paginator_names(&ty).1),
            ("item_paginator_names", item_paginator_names(&ty).0),
            ("item_paginator_names", item_paginator_names(&ty).1),
            ("is_error_fn", is_error_fn(&ty)),
            ("union_accessors", union_accessors(&ty).0),
            ("union_accessors", union_accessors(&ty).1),
            ("option_setter", option_setter(&field)),
            ("into_accessor", into_accessor(&field)),
            ("endpoint_setting", endpoint_setting(s)),
            ("endpoint_param", endpoint_param(s)),
            ("endpoint_path_fn", endpoint_path_fn(&field)),
            ("member_slot", member_slot(&field)),
            ("lib_name", lib_name(&field)),
        ];
        for (what, name) in checks {
            assert_ident(what, s, &name);
        }
    }
    assert_ident("endpoint_test_fn", "0", &endpoint_test_fn(0));
    let mut taken = std::collections::BTreeSet::new();
    for module in ["r#type", "get_x", "get_x"] {
        let name = endpoint_call_test_fn(&endpoint_test_fn(3), module, &mut taken);
        assert_ident("endpoint_call_test_fn", module, &name);
    }
    assert!(taken.contains("case_004_get_x_2") && taken.contains("case_004_type"));
    assert_ident("numbered", "EP", &numbered("EP", 12));
    assert_ident("SHARED_ERROR_BUILDER", "", SHARED_ERROR_BUILDER);
}

#[test]
fn markers_and_operation_names() {
    assert_eq!(
        missing_marker("gameName"),
        ("MissingGameName".to_string(), "GameName".to_string())
    );
    assert_eq!(input_name("GetGame"), "GetGameInput");
    assert_eq!(output_name("GetGame"), "GetGameOutput");
    assert_eq!(error_enum_name("GetGame"), "GetGameError");
    assert_eq!(fluent_builder_name("GetGame"), "GetGameFluentBuilder");
    assert_eq!(
        union_accessors("Type"),
        ("is_type".to_string(), "as_type".to_string())
    );
    assert_eq!(state_param("r#type"), "TType");
    assert_eq!(member_slot("r#match"), "m_match");
}

#[test]
fn collisions_are_errors() {
    let scope = ShapeId::parse("a#B").unwrap();
    let mut ns = Namespace::new(&scope);
    ns.claim(field_name("fooBar"), "fooBar").unwrap();
    let err = ns.claim(field_name("foo_bar"), "foo_bar").unwrap_err();
    assert!(
        err.to_string()
            .contains("`fooBar` and `foo_bar` both become"),
        "{err}"
    );
}

#[test]
fn endpoint_names() {
    assert_eq!(
        endpoint_setting("AWS::S3::ForcePathStyle"),
        "force_path_style"
    );
    assert_eq!(endpoint_setting("ForcePathStyle"), "force_path_style");
    assert_eq!(endpoint_setting("AWS::Auth::AccountId"), "account_id");
    assert_eq!(endpoint_setting("useFips"), "use_fips_setting");
    assert_eq!(endpoint_setting("Type"), "r#type");
    assert_eq!(endpoint_param("UseFIPS"), "use_fips");
    assert_eq!(endpoint_param("Build"), "build_param");
    assert_eq!(endpoint_param("type"), "r#type");
    assert_eq!(endpoint_test_fn(0), "case_001");
}
