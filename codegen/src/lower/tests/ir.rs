//! Small inline models lowered to the IR: the names, presence, bindings and error facts the
//! emitters read, checked at the IR rather than in generated text.

use serde_json::{Value, json};

use crate::ir::{
    DefaultValue, EnumRepr, HttpBinding, Ir, Marker, OperationDef, Pagination, PathPart, Presence,
    RetryClass, StructDef, TypeDef, TypeRef,
};
use crate::{Options, lower_ir};

/// A restJson1 service `ex#Svc` (with `service_traits` added) bound to `operations`, and
/// `shapes`. `json!` objects sort their keys, so members are in name order.
fn model(service_traits: Value, operations: &[&str], shapes: Value) -> String {
    let mut traits = json!({"aws.protocols#restJson1": {}});
    if let (Some(t), Some(extra)) = (traits.as_object_mut(), service_traits.as_object()) {
        t.extend(extra.clone());
    }
    let ops: Vec<Value> = operations
        .iter()
        .map(|o| json!({ "target": format!("ex#{o}") }))
        .collect();
    let mut all = json!({"ex#Svc": {"type": "service", "version": "2024-01-01",
        "operations": ops, "traits": traits}});
    if let (Some(a), Some(s)) = (all.as_object_mut(), shapes.as_object()) {
        a.extend(s.clone());
    }
    json!({"smithy": "2.0", "shapes": all}).to_string()
}

fn lower(json: &str) -> Result<Ir, String> {
    let opts = Options {
        crate_name: "ex".into(),
        model_file: "ex.json".into(),
        operations: None,
        service: None,
        partitions: None,
    };
    lower_ir(json, &opts).map_err(|e| e.to_string())
}

/// An operation `name` with `http`, its input and output structures (`None` for Unit) and
/// its errors.
fn operation(name: &str, http: Value, input: Option<Value>, output: Option<Value>) -> Value {
    let mut shapes = json!({});
    let mut op = json!({"type": "operation", "traits": {"smithy.api#http": http}});
    for (key, members) in [("input", input), ("output", output)] {
        let target = match members {
            Some(members) => {
                let id = format!(
                    "ex#{name}{}",
                    if key == "input" {
                        "Request"
                    } else {
                        "Response"
                    }
                );
                shapes[&id] = json!({"type": "structure", "members": members});
                id
            }
            None => "smithy.api#Unit".to_string(),
        };
        op[key] = json!({ "target": target });
    }
    shapes[format!("ex#{name}")] = op;
    shapes
}

fn merge(mut a: Value, b: Value) -> Value {
    if let (Some(a), Some(b)) = (a.as_object_mut(), b.as_object()) {
        a.extend(b.clone());
    }
    a
}

fn post() -> Value {
    json!({"method": "POST", "uri": "/", "code": 200})
}

fn op<'a>(ir: &'a Ir, name: &str) -> &'a OperationDef {
    ir.operations
        .iter()
        .find(|o| o.name == name)
        .unwrap_or_else(|| panic!("no operation {name}"))
}

fn named_struct<'a>(ir: &'a Ir, name: &str) -> &'a StructDef {
    ir.types
        .iter()
        .find_map(|t| match t {
            TypeDef::Struct(s) if s.name == name => Some(s),
            _ => None,
        })
        .unwrap_or_else(|| panic!("no structure {name}"))
}

#[test]
fn operations_name_their_input_output_error_and_builders() {
    let shapes = operation(
        "getGame",
        post(),
        Some(json!({"id": {"target": "smithy.api#String"}})),
        None,
    );
    let ir = lower(&model(json!({}), &["getGame"], shapes)).unwrap();
    let op = op(&ir, "GetGame");
    assert_eq!(op.module, "get_game");
    assert_eq!(op.wire_name, "getGame");
    assert_eq!(op.fluent_builder, "GetGameFluentBuilder");
    assert_eq!(
        (op.input.name.as_str(), op.input.builder.as_str()),
        ("GetGameInput", "GetGameInputBuilder")
    );
    assert_eq!(op.input.shape_id, "ex#getGameRequest");
    // A Unit output is still a structure of its own, with no fields.
    assert_eq!(op.output.name, "GetGameOutput");
    assert_eq!(op.output.shape_id, "smithy.api#Unit");
    assert!(op.output.fields.is_empty());
    assert_eq!(op.error.name, "GetGameError");
    // Inputs and outputs live in the operation's module, not in `types`.
    assert!(ir.types.is_empty(), "{:?}", ir.types);
}

#[test]
fn members_are_required_defaulted_or_optional() {
    let shapes = merge(
        operation(
            "Put",
            post(),
            Some(json!({"Item": {"target": "ex#Item"}})),
            None,
        ),
        json!({"ex#Item": {"type": "structure", "members": {
            "gameName": {"target": "smithy.api#String", "traits": {"smithy.api#required": {}}},
            "count": {"target": "smithy.api#Integer", "traits": {"smithy.api#default": 5}},
            "both": {"target": "smithy.api#Integer",
                "traits": {"smithy.api#required": {}, "smithy.api#default": 0}},
            "loose": {"target": "smithy.api#String",
                "traits": {"smithy.api#required": {}, "smithy.api#clientOptional": {}}},
            "plain": {"target": "smithy.api#String"}
        }}}),
    );
    let ir = lower(&model(json!({}), &["Put"], shapes)).unwrap();
    let item = named_struct(&ir, "Item");
    let presence = |member: &str| {
        item.fields
            .iter()
            .find(|f| f.member == member)
            .map(|f| f.presence.clone())
            .unwrap_or_else(|| panic!("no member {member}"))
    };
    assert_eq!(
        presence("gameName"),
        Presence::Required {
            marker: "MissingGameName".into(),
            state: "TGameName".into()
        }
    );
    assert_eq!(presence("count"), Presence::Default(DefaultValue::Int(5)));
    assert_eq!(presence("both"), Presence::Default(DefaultValue::Int(0)));
    assert_eq!(presence("loose"), Presence::Optional);
    assert_eq!(presence("plain"), Presence::Optional);
    assert_eq!(
        ir.markers,
        [Marker {
            name: "MissingGameName".into(),
            member: "GameName".into()
        }]
    );
}

#[test]
fn input_structures_make_required_members_optional() {
    let shapes = operation(
        "Put",
        post(),
        Some(json!({"Name": {"target": "smithy.api#String",
            "traits": {"smithy.api#required": {}}}})),
        None,
    );
    let with_input = merge(
        shapes.clone(),
        json!({"ex#PutRequest": {"type": "structure", "traits": {"smithy.api#input": {}},
            "members": {"Name": {"target": "smithy.api#String",
                "traits": {"smithy.api#required": {}}}}}}),
    );
    let plain = lower(&model(json!({}), &["Put"], shapes)).unwrap();
    assert!(matches!(
        op(&plain, "Put").input.fields[0].presence,
        Presence::Required { .. }
    ));
    let input = lower(&model(json!({}), &["Put"], with_input)).unwrap();
    assert_eq!(
        op(&input, "Put").input.fields[0].presence,
        Presence::Optional
    );
    assert!(input.markers.is_empty());
}

#[test]
fn keyword_and_reserved_member_names() {
    let shapes = operation(
        "Put",
        post(),
        Some(json!({
            "type": {"target": "smithy.api#String", "traits": {"smithy.api#jsonName": "kind"}},
            "build": {"target": "smithy.api#String"},
            "self": {"target": "smithy.api#String"}
        })),
        None,
    );
    let ir = lower(&model(json!({}), &["Put"], shapes)).unwrap();
    let names: Vec<(&str, &str, &str)> = op(&ir, "Put")
        .input
        .fields
        .iter()
        .map(|f| (f.name.as_str(), f.option_setter.as_str(), f.wire.as_str()))
        .collect();
    assert_eq!(
        names,
        [
            ("build_value", "set_build_value", "build"),
            ("self_", "set_self_", "self"),
            ("r#type", "set_type", "kind"),
        ]
    );
}

#[test]
fn enums_keep_their_values_and_name_their_variants() {
    let shapes = merge(
        operation(
            "Put",
            post(),
            Some(
                json!({"a": {"target": "ex#Status"}, "b": {"target": "ex#Level"},
                "c": {"target": "ex#Legacy"}}),
            ),
            None,
        ),
        json!({
            "ex#Status": {"type": "enum", "members": {
                "IN_PROGRESS": {"target": "smithy.api#Unit",
                    "traits": {"smithy.api#enumValue": "in-progress"}},
                "DONE": {"target": "smithy.api#Unit"}}},
            "ex#Level": {"type": "intEnum", "members": {
                "LOW": {"target": "smithy.api#Unit", "traits": {"smithy.api#enumValue": 1}},
                "HIGH": {"target": "smithy.api#Unit", "traits": {"smithy.api#enumValue": 10}}}},
            "ex#Legacy": {"type": "string", "traits": {"smithy.api#enum": [
                {"value": "nodejs4.3"}, {"value": "x", "name": "EX"}]}}
        }),
    );
    let ir = lower(&model(json!({}), &["Put"], shapes)).unwrap();
    let variants = |name: &str| {
        ir.types
            .iter()
            .find_map(|t| match t {
                TypeDef::Enum(e) if e.name == name => Some((
                    e.repr,
                    e.variants
                        .iter()
                        .map(|v| (v.name.clone(), v.value.clone()))
                        .collect::<Vec<_>>(),
                )),
                _ => None,
            })
            .unwrap_or_else(|| panic!("no enum {name}"))
    };
    let pairs = |p: &[(&str, &str)]| -> Vec<(String, String)> {
        p.iter()
            .map(|(a, b)| (a.to_string(), b.to_string()))
            .collect()
    };
    assert_eq!(
        variants("Status"),
        (
            EnumRepr::String,
            pairs(&[("Done", "DONE"), ("InProgress", "in-progress")])
        )
    );
    assert_eq!(
        variants("Level"),
        (EnumRepr::Int, pairs(&[("High", "10"), ("Low", "1")]))
    );
    assert_eq!(
        variants("Legacy"),
        (
            EnumRepr::String,
            pairs(&[("Nodejs43", "nodejs4.3"), ("Ex", "x")])
        )
    );
}

#[test]
fn http_bindings_of_an_operation() {
    let shapes = operation(
        "GetGame",
        json!({"method": "GET", "uri": "/games/{GameId}/files/{Path+}?list&v=2", "code": 202}),
        Some(json!({
            "GameId": {"target": "smithy.api#String",
                "traits": {"smithy.api#httpLabel": {}, "smithy.api#required": {}}},
            "Path": {"target": "smithy.api#String",
                "traits": {"smithy.api#httpLabel": {}, "smithy.api#required": {}}},
            "Max": {"target": "smithy.api#Integer", "traits": {"smithy.api#httpQuery": "max"}},
            "Token": {"target": "smithy.api#String",
                "traits": {"smithy.api#httpHeader": "X-Token"}},
            "Meta": {"target": "ex#Meta", "traits": {"smithy.api#httpPrefixHeaders": "x-meta-"}},
            "Note": {"target": "smithy.api#String"}
        })),
        Some(json!({"Status": {"target": "smithy.api#Integer",
            "traits": {"smithy.api#httpResponseCode": {}}}})),
    );
    let shapes = merge(
        shapes,
        json!({"ex#Meta": {"type": "map", "key": {"target": "smithy.api#String"},
            "value": {"target": "smithy.api#String"}}}),
    );
    let ir = lower(&model(json!({}), &["GetGame"], shapes)).unwrap();
    let op = op(&ir, "GetGame");
    assert_eq!((op.http.method.as_str(), op.http.code), ("GET", 202));
    assert_eq!(
        op.http.path,
        [
            PathPart::Literal("/games/".into()),
            PathPart::Label {
                field: "game_id".into(),
                member: "GameId".into(),
                greedy: false,
                empty_as: None
            },
            PathPart::Literal("/files/".into()),
            PathPart::Label {
                field: "path".into(),
                member: "Path".into(),
                greedy: true,
                empty_as: None
            },
        ]
    );
    assert_eq!(
        op.http.query,
        [
            ("list".to_string(), None),
            ("v".to_string(), Some("2".to_string()))
        ]
    );
    let bindings: Vec<(&str, &HttpBinding)> = op
        .input
        .fields
        .iter()
        .map(|f| (f.name.as_str(), &f.http))
        .collect();
    assert_eq!(
        bindings,
        [
            ("game_id", &HttpBinding::Label),
            ("max", &HttpBinding::Query("max".into())),
            // `meta` is a method of every structure.
            ("meta_value", &HttpBinding::PrefixHeaders("x-meta-".into())),
            ("note", &HttpBinding::Body),
            ("path", &HttpBinding::Label),
            ("token", &HttpBinding::Header("X-Token".into())),
        ]
    );
    assert_eq!(op.output.fields[0].http, HttpBinding::ResponseCode);
}

#[test]
fn errors_carry_fault_status_and_retry_class() {
    let mut shapes = operation("Put", post(), None, None);
    shapes["ex#Put"]["errors"] = json!([{"target": "ex#Busy"}, {"target": "ex#ThrottlingException"},
        {"target": "ex#BadInput"}]);
    let shapes = merge(
        shapes,
        json!({
            "ex#Busy": {"type": "structure", "members": {
                "message": {"target": "smithy.api#String"}},
                "traits": {"smithy.api#error": "server", "smithy.api#httpError": 503,
                    "smithy.api#retryable": {}}},
            "ex#ThrottlingException": {"type": "structure", "members": {},
                "traits": {"smithy.api#error": "client"}},
            "ex#BadInput": {"type": "structure", "members": {
                "Message": {"target": "smithy.api#String"}},
                "traits": {"smithy.api#error": "client", "smithy.api#httpError": 400}}
        }),
    );
    let ir = lower(&model(json!({}), &["Put"], shapes)).unwrap();
    // Errors are their own list, sorted, and never in `types`.
    let names: Vec<&str> = ir.errors.iter().map(|e| e.name.as_str()).collect();
    assert_eq!(names, ["BadInput", "Busy", "ThrottlingException"]);
    assert!(ir.types.is_empty());
    let info = |name: &str| {
        let e = ir.errors.iter().find(|e| e.name == name).unwrap();
        let i = e.error.clone().unwrap();
        (i.server_fault, i.http_status, i.retry, i.message_field)
    };
    assert_eq!(
        info("Busy"),
        (
            true,
            Some(503),
            Some(RetryClass::Transient),
            Some("message".into())
        )
    );
    // Throttling by its name alone.
    assert_eq!(
        info("ThrottlingException"),
        (false, None, Some(RetryClass::Throttling), None)
    );
    assert_eq!(
        info("BadInput"),
        (false, Some(400), None, Some("message".into()))
    );
    let variants: Vec<(&str, &str, &str)> = op(&ir, "Put")
        .error
        .variants
        .iter()
        .map(|v| (v.name.as_str(), v.is_fn.as_str(), v.code.as_str()))
        .collect();
    assert_eq!(
        variants,
        [
            ("BadInput", "is_bad_input", "BadInput"),
            ("Busy", "is_busy", "Busy"),
            (
                "ThrottlingException",
                "is_throttling_exception",
                "ThrottlingException"
            ),
        ]
    );
}

#[test]
fn paginated_operations_get_a_paginator() {
    let mut shapes = operation(
        "ListGames",
        post(),
        Some(json!({"NextToken": {"target": "smithy.api#String"},
            "MaxResults": {"target": "smithy.api#Integer"}})),
        Some(json!({"NextToken": {"target": "smithy.api#String"},
            "Games": {"target": "ex#Games"}})),
    );
    shapes["ex#ListGames"]["traits"]["smithy.api#paginated"] = json!({"inputToken": "NextToken",
        "outputToken": "NextToken", "pageSize": "MaxResults", "items": "Games"});
    let shapes = merge(
        shapes,
        json!({"ex#Games": {"type": "list", "member": {"target": "smithy.api#String"}}}),
    );
    let ir = lower(&model(json!({}), &["ListGames"], shapes)).unwrap();
    let Pagination::Paginator(p) = &op(&ir, "ListGames").pagination else {
        panic!("{:?}", op(&ir, "ListGames").pagination);
    };
    assert_eq!(
        (p.name.as_str(), p.pages.as_str()),
        ("ListGamesPaginator", "ListGamesPages")
    );
    assert_eq!(
        (p.input_token.field.as_str(), p.input_token.optional),
        ("next_token", true)
    );
    assert_eq!(p.output_token.text, "NextToken");
    assert_eq!(p.token_ty, TypeRef::String);
    assert!(p.token_can_be_empty);
    let size = p.page_size.as_ref().unwrap();
    assert_eq!(
        (size.field.field.as_str(), &size.ty),
        ("max_results", &TypeRef::Integer)
    );
    let items = p.items.as_ref().unwrap();
    assert_eq!(
        (
            items.name.as_str(),
            items.stream.as_str(),
            items.path.text.as_str()
        ),
        ("ListGamesPaginatorItems", "ListGamesItems", "Games")
    );
    assert!(matches!(items.collection, TypeRef::List { .. }));
}

#[test]
fn paginators_with_bad_tokens_are_errors_or_skipped() {
    let paged = |output_token: Value, token_path: &str| {
        let mut shapes = operation(
            "ListGames",
            post(),
            Some(json!({"NextToken": {"target": "smithy.api#String"}})),
            Some(json!({ "NextToken": output_token })),
        );
        shapes["ex#ListGames"]["traits"]["smithy.api#paginated"] =
            json!({"inputToken": "NextToken", "outputToken": token_path});
        lower(&model(json!({}), &["ListGames"], shapes))
    };
    // A token path that names no member is a model error.
    let err = paged(json!({"target": "smithy.api#String"}), "Nope").unwrap_err();
    assert!(
        err.contains("ex#ListGames") && err.contains("Nope"),
        "{err}"
    );
    // Tokens of different types cannot be passed along: no paginator, and the docs say why.
    let ir = paged(json!({"target": "smithy.api#Integer"}), "NextToken").unwrap();
    let Pagination::Skipped(why) = &op(&ir, "ListGames").pagination else {
        panic!("{:?}", op(&ir, "ListGames").pagination);
    };
    assert!(why.contains("different types"), "{why}");
}

#[test]
fn unions_name_variants_and_accessors() {
    let shapes = merge(
        operation(
            "Put",
            post(),
            Some(json!({"Choice": {"target": "ex#Choice"}})),
            None,
        ),
        json!({"ex#Choice": {"type": "union", "members": {
            "gameName": {"target": "smithy.api#String"},
            "type": {"target": "smithy.api#Integer"},
            "nothing": {"target": "smithy.api#Unit"}}}}),
    );
    let ir = lower(&model(json!({}), &["Put"], shapes)).unwrap();
    let TypeDef::Union(u) = &ir.types[0] else {
        panic!("{:?}", ir.types);
    };
    let variants: Vec<(&str, &str, &str, bool)> = u
        .variants
        .iter()
        .map(|v| {
            (
                v.name.as_str(),
                v.is_fn.as_str(),
                v.as_fn.as_str(),
                v.ty.is_some(),
            )
        })
        .collect();
    assert_eq!(
        variants,
        [
            ("GameName", "is_game_name", "as_game_name", true),
            ("Nothing", "is_nothing", "as_nothing", false),
            ("Type", "is_type", "as_type", true),
        ]
    );
}

#[test]
fn the_service_reads_its_aws_traits() {
    let shapes = operation("Put", post(), None, None);
    let svc = |traits: Value| lower(&model(traits, &["Put"], shapes.clone()));
    let ir = svc(json!({"aws.api#service": {"sdkId": "Game Sparks"},
        "aws.auth#sigv4": {"name": "gamesparks"}}))
    .unwrap();
    let s = ir.service.unwrap();
    assert_eq!(s.sdk_id, "Game Sparks");
    assert_eq!(s.signing_name.as_deref(), Some("gamesparks"));
    // No endpointPrefix: the signing name stands in.
    assert_eq!(s.endpoint_prefix, "gamesparks");
    // No traits: the shape name, lowercased for the prefix.
    let s = svc(json!({})).unwrap().service.unwrap();
    assert_eq!(
        (s.sdk_id.as_str(), s.endpoint_prefix.as_str()),
        ("Svc", "svc")
    );
    for bad in [
        json!({"aws.api#service": {"sdkId": 1}}),
        json!({"aws.api#service": {"sdkId": ""}}),
        json!({"aws.auth#sigv4": {"name": false}}),
    ] {
        let err = svc(bad.clone()).map(|_| ()).unwrap_err();
        assert!(
            err.starts_with("ex.json: ") && err.contains("ex#Svc"),
            "{bad}: {err}"
        );
    }
}
