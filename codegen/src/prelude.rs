//! The `smithy.api` prelude shapes that models target without defining.

use std::collections::BTreeMap;

use serde_json::{Value, json};

use crate::model::{IdlVersion, Shape, ShapeId, ShapeKind, Traits};

/// The prelude shapes for a model of `version`. In 1.0 the boxed prelude numbers are nullable
/// and the `Primitive*` ones are not; 2.0 says the same with `@default` on the primitives.
pub fn prelude(version: IdlVersion) -> BTreeMap<ShapeId, Shape> {
    use ShapeKind::*;
    let mut out = BTreeMap::new();
    let mut add = |name: &str, kind: ShapeKind, traits: Traits| {
        out.insert(
            ShapeId::prelude(name),
            Shape {
                kind,
                traits,
                mixins: Vec::new(),
                members: Vec::new(),
                refs: Default::default(),
            },
        );
    };
    let none = Traits::new;
    let boxed = || match version {
        IdlVersion::V1 => one("smithy.api#box", json!({})),
        IdlVersion::V2 => Traits::new(),
    };
    add("String", String, none());
    add("Blob", Blob, none());
    add("BigInteger", BigInteger, none());
    add("BigDecimal", BigDecimal, none());
    add("Timestamp", Timestamp, none());
    add("Document", Document, none());
    add("Unit", Structure, one("smithy.api#unitType", json!({})));
    for (name, kind) in [
        ("Boolean", Boolean),
        ("Byte", Byte),
        ("Short", Short),
        ("Integer", Integer),
        ("Long", Long),
        ("Float", Float),
        ("Double", Double),
    ] {
        add(name, kind, boxed());
        let zero = if kind == Boolean {
            json!(false)
        } else {
            json!(0)
        };
        add(
            &format!("Primitive{name}"),
            kind,
            one("smithy.api#default", zero),
        );
    }
    out
}

fn one(id: &str, v: Value) -> Traits {
    let mut t = Traits::new();
    if let Some(id) = ShapeId::parse(id) {
        t.insert(id, v);
    }
    t
}
