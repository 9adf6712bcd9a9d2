//! Smithy 1.0 files loaded with 2.0 files: their shapes upgraded so the document is 2.0.

use std::collections::{BTreeMap, BTreeSet};

use crate::model::idl::node::Node;
use crate::model::idl::shape_node::push_trait;

/// Smithy 1.0 shapes in a 2.0 document, upgraded as the 1.0 → 2.0 guide does: a `set` is a
/// list with `@uniqueItems`, and a structure member targeting a number or boolean that
/// neither it nor its target boxes gets `@default(0)` (`false`).
pub(super) fn upgrade_v1(
    shapes: &mut [(String, Node)],
    where_: &BTreeMap<String, (usize, usize)>,
    v1: &BTreeSet<String>,
) {
    const NUMERIC: &[&str] = &[
        "boolean", "byte", "short", "integer", "long", "float", "double",
    ];
    let zero = |kind: &str| {
        if kind == "boolean" {
            Node::Bool(false)
        } else {
            Node::Number(0u64.into())
        }
    };
    let mut defaults = Vec::new();
    for (i, (id, shape)) in shapes.iter().enumerate() {
        if !v1.contains(id) || shape.get("type").and_then(Node::as_str) != Some("structure") {
            continue;
        }
        for (name, m) in shape.get("members").map(Node::entries).unwrap_or_default() {
            let traits = m.get("traits");
            let has = |t: &str| traits.and_then(|x| x.get(t)).is_some();
            if has("smithy.api#box") || has("smithy.api#default") {
                continue;
            }
            let Some(target) = m.get("target").and_then(Node::as_str) else {
                continue;
            };
            let kind = if let Some(p) = target.strip_prefix("smithy.api#Primitive") {
                Some(p.to_ascii_lowercase())
            } else {
                where_
                    .get(target)
                    .and_then(|(_, at)| shapes.get(*at))
                    .and_then(|(_, t)| {
                        let boxed = t
                            .get("traits")
                            .and_then(|x| x.get("smithy.api#box"))
                            .is_some();
                        let kind = t.get("type").and_then(Node::as_str)?;
                        (!boxed).then(|| kind.to_string())
                    })
            };
            if let Some(kind) = kind.filter(|k| NUMERIC.contains(&k.as_str())) {
                defaults.push((i, name.clone(), zero(&kind)));
            }
        }
    }
    for (i, name, value) in defaults {
        if let Some(m) = shapes
            .get_mut(i)
            .and_then(|(_, s)| s.get_mut("members"))
            .and_then(|ms| ms.get_mut(&name))
        {
            push_trait(m, "smithy.api#default", value);
        }
    }
    for (id, shape) in shapes.iter_mut() {
        if v1.contains(id) && shape.get("type").and_then(Node::as_str) == Some("set") {
            shape.set("type", Node::str("list"));
            push_trait(shape, "smithy.api#uniqueItems", Node::object());
        }
    }
}
