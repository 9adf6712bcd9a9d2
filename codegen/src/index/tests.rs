use super::*;
use crate::model::parse_model;

fn index(json: serde_json::Value) -> Result<ShapeIndex> {
    ShapeIndex::build(parse_model(&json.to_string())?)
}

#[test]
fn one_service_of_several() {
    let json = json!({"smithy": "2.0", "shapes": {
        "a#One": {"type": "service", "operations": [{"target": "a#Op1"}]},
        "a#Two": {"type": "service", "operations": [{"target": "a#Op2"}]},
        "a#Op1": {"type": "operation"},
        "a#Op2": {"type": "operation"},
    }});
    let err = index(json.clone()).err().unwrap().to_string();
    assert!(
        err.contains("more than one service in a model file (a#One, a#Two)"),
        "{err}"
    );
    let model = || parse_model(&json.to_string()).unwrap();
    let two = ShapeId::parse("a#Two").unwrap();
    let ix = ShapeIndex::build_for(model(), Some(&two)).unwrap();
    assert_eq!(ix.service(), Some(&two));
    let ids: Vec<String> = ix.closure().map(|(id, _)| id.to_string()).collect();
    assert!(ids.contains(&"a#Op2".to_string()), "{ids:?}");
    assert!(!ids.contains(&"a#Op1".to_string()), "{ids:?}");
    let op = ShapeId::parse("a#Op1").unwrap();
    let err = ShapeIndex::build_for(model(), Some(&op))
        .err()
        .unwrap()
        .to_string();
    assert_eq!(
        err,
        "`a#Op1` is not a service shape of the model; its services: a#One, a#Two"
    );
}

fn presence(ix: &ShapeIndex, shape: &str, member: &str) -> Presence {
    let id = ShapeId::parse(shape).unwrap();
    let m = ix.shape(&id).unwrap().member(member).unwrap().clone();
    ix.presence(&id, &m).unwrap()
}

#[test]
fn smithy2_nullability() {
    let ix = index(json!({"smithy": "2.0", "shapes": {
        "a#S": {"type": "structure", "members": {
            "req": {"target": "smithy.api#String", "traits": {"smithy.api#required": {}}},
            "def": {"target": "smithy.api#Integer", "traits": {"smithy.api#default": 3}},
            "both": {"target": "smithy.api#String", "traits": {"smithy.api#required": {}, "smithy.api#clientOptional": {}}},
            "nul": {"target": "smithy.api#Integer", "traits": {"smithy.api#default": null}},
            "opt": {"target": "smithy.api#String"}
        }},
        "a#I": {"type": "structure", "traits": {"smithy.api#input": {}}, "members": {
            "req": {"target": "smithy.api#String", "traits": {"smithy.api#required": {}}}
        }}
    }}))
    .unwrap();
    assert_eq!(presence(&ix, "a#S", "req"), Presence::Required);
    assert_eq!(presence(&ix, "a#S", "def"), Presence::Default(json!(3)));
    assert_eq!(presence(&ix, "a#S", "both"), Presence::Optional);
    assert_eq!(presence(&ix, "a#S", "nul"), Presence::Optional);
    assert_eq!(presence(&ix, "a#S", "opt"), Presence::Optional);
    assert_eq!(presence(&ix, "a#I", "req"), Presence::Optional);
}

#[test]
fn smithy1_box_becomes_nullability() {
    let ix = index(json!({"smithy": "1.0", "shapes": {
        "a#Count": {"type": "integer"},
        "a#Boxed": {"type": "integer", "traits": {"smithy.api#box": {}}},
        "a#S": {"type": "structure", "members": {
            "prim": {"target": "smithy.api#PrimitiveInteger"},
            "boxed_prelude": {"target": "smithy.api#Integer"},
            "custom": {"target": "a#Count"},
            "custom_boxed": {"target": "a#Boxed"},
            "member_boxed": {"target": "a#Count", "traits": {"smithy.api#box": {}}},
            "flag": {"target": "smithy.api#PrimitiveBoolean"}
        }},
        "a#Tags": {"type": "set", "member": {"target": "smithy.api#String"}}
    }}))
    .unwrap();
    assert_eq!(presence(&ix, "a#S", "prim"), Presence::Default(json!(0)));
    assert_eq!(presence(&ix, "a#S", "boxed_prelude"), Presence::Optional);
    assert_eq!(presence(&ix, "a#S", "custom"), Presence::Default(json!(0)));
    assert_eq!(presence(&ix, "a#S", "custom_boxed"), Presence::Optional);
    assert_eq!(presence(&ix, "a#S", "member_boxed"), Presence::Optional);
    assert_eq!(
        presence(&ix, "a#S", "flag"),
        Presence::Default(json!(false))
    );
    let tags = ix.shape(&ShapeId::parse("a#Tags").unwrap()).unwrap();
    assert_eq!(tags.kind, ShapeKind::List);
    assert!(tags.traits.keys().any(|k| k.as_str() == ids::UNIQUE_ITEMS));
}

#[test]
fn apply_and_mixins_are_folded_in() {
    let ix = index(json!({"smithy": "2.0", "shapes": {
        "a#Base": {"type": "structure", "traits": {"smithy.api#mixin": {}, "smithy.api#sensitive": {}},
            "members": {"id": {"target": "smithy.api#String"}}},
        "a#S": {"type": "structure", "mixins": [{"target": "a#Base"}],
            "members": {"name": {"target": "smithy.api#String"}}},
        "a#S$name": {"type": "apply", "traits": {"smithy.api#required": {}}},
        "a#S$id": {"type": "apply", "traits": {"smithy.api#documentation": "inherited"}}
    }}))
    .unwrap();
    let s = ix.shape(&ShapeId::parse("a#S").unwrap()).unwrap();
    let names: Vec<&str> = s.members.iter().map(|m| m.name.as_str()).collect();
    assert_eq!(names, ["id", "name"], "mixin members come first");
    assert!(s.traits.keys().any(|k| k.as_str() == ids::SENSITIVE));
    assert!(!s.traits.keys().any(|k| k.as_str() == ids::MIXIN));
    assert_eq!(presence(&ix, "a#S", "name"), Presence::Required);
    let doc = |id: &str, m: &str| {
        let s = ix.shape(&ShapeId::parse(id).unwrap()).unwrap();
        s.member(m)
            .unwrap()
            .traits
            .keys()
            .any(|k| k.as_str() == "smithy.api#documentation")
    };
    assert!(
        doc("a#S", "id"),
        "an apply to an inherited member lands on the copy"
    );
    assert!(!doc("a#Base", "id"), "and not on the mixin");
}

#[test]
fn mixins_merge_member_traits_refs_and_inherited_applies() {
    let ix = index(json!({"smithy": "2.0", "shapes": {
        "a#A1": {"type": "structure", "traits": {"smithy.api#mixin": {}},
            "members": {"a": {"target": "smithy.api#String", "traits": {"smithy.api#private": {}}}}},
        "a#A2": {"type": "structure", "traits": {"smithy.api#mixin": {}},
            "members": {"a": {"target": "smithy.api#String", "traits": {"smithy.api#required": {}}}}},
        "a#Mid": {"type": "structure", "mixins": [{"target": "a#A1"}], "traits": {"smithy.api#mixin": {}}},
        "a#Mid$a": {"type": "apply", "traits": {"smithy.api#documentation": "mid"}},
        "a#S": {"type": "structure", "mixins": [{"target": "a#A2"}, {"target": "a#Mid"}], "members": {}},
        "a#Op": {"type": "operation", "traits": {"smithy.api#mixin": {}}, "errors": [{"target": "a#E"}]},
        "a#Op2": {"type": "operation", "mixins": [{"target": "a#Op"}], "errors": [{"target": "a#E2"}]},
        "a#E": {"type": "structure", "members": {}, "traits": {"smithy.api#error": "client"}},
        "a#E2": {"type": "structure", "members": {}, "traits": {"smithy.api#error": "client"}},
        "a#L": {"type": "list", "traits": {"smithy.api#mixin": {}}, "member": {"target": "smithy.api#String"}},
        "a#L2": {"type": "list", "mixins": [{"target": "a#L"}]}
    }}))
    .unwrap();
    let id = |s: &str| ShapeId::parse(s).unwrap();
    let traits: Vec<&str> = ix
        .shape(&id("a#S"))
        .unwrap()
        .member("a")
        .unwrap()
        .traits
        .keys()
        .map(|k| k.as_str())
        .collect();
    assert_eq!(
        traits,
        [
            "smithy.api#documentation",
            "smithy.api#private",
            "smithy.api#required"
        ]
    );
    assert_eq!(
        ix.shape(&id("a#Op2")).unwrap().refs.errors,
        [id("a#E"), id("a#E2")]
    );
    assert_eq!(ix.shape(&id("a#L2")).unwrap().members.len(), 1);
}

#[test]
fn recursion_boxes_direct_cycles_only() {
    let ix = index(json!({"smithy": "2.0", "shapes": {
        "a#Node": {"type": "structure", "members": {"next": {"target": "a#Node"}}},
        "a#A": {"type": "structure", "members": {"b": {"target": "a#B"}}},
        "a#B": {"type": "structure", "members": {"a": {"target": "a#A"}}},
        "a#Tree": {"type": "structure", "members": {"kids": {"target": "a#Trees"}}},
        "a#Trees": {"type": "list", "member": {"target": "a#Tree"}}
    }}))
    .unwrap();
    for m in ["a#Node$next", "a#A$b", "a#B$a"] {
        assert!(ix.is_boxed(&ShapeId::parse(m).unwrap()), "{m}");
    }
    assert!(!ix.is_boxed(&ShapeId::parse("a#Tree$kids").unwrap()));
}

#[test]
fn reference_errors_name_the_shape() {
    let err = index(json!({"smithy": "2.0", "shapes": {
        "a#S": {"type": "structure", "mixins": [{"target": "a#S"}], "traits": {"smithy.api#mixin": {}}}
    }}))
    .unwrap_err();
    assert_eq!(err.to_string(), "a#S: mixins form a cycle");
    let err = index(json!({"smithy": "2.0", "shapes": {
        "a#Op": {"type": "operation", "errors": [{"target": "a#NotError"}]},
        "a#NotError": {"type": "structure"}
    }}))
    .unwrap_err();
    assert!(
        err.to_string().starts_with("a#Op: target `a#NotError`"),
        "{err}"
    );
    let err = index(json!({"smithy": "2.0", "shapes": {
        "a#S$x": {"type": "apply", "traits": {}}
    }}))
    .unwrap_err();
    assert!(err.to_string().contains("a#S$x"), "{err}");
}
