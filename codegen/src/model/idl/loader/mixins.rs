//! Mixins, once every shape exists: elided members (`$name`) take their target from a mixin
//! or the `for` resource, mixed-in enum members get their default value, and mixin use is
//! checked (same kind, no conflicting member targets, the operation and resource mixin rules).

use std::collections::{BTreeMap, BTreeSet};

use super::applies::PendingApply;
use super::shape_json::{Elision, member_node};
use super::{LResult, LoadError};
use crate::model::idl::node::Node;
use crate::model::idl::shape_node::push_trait;

/// The target of member `name` in a mixin (or the mixins it uses), with the mixin's ID.
fn mixin_member(
    shapes: &[(String, Node)],
    where_: &BTreeMap<String, (usize, usize)>,
    mixin: &str,
    name: &str,
    depth: usize,
) -> Option<String> {
    if depth > 32 {
        return None;
    }
    let (_, at) = where_.get(mixin)?;
    let shape = &shapes.get(*at)?.1;
    let own = match shape.get("members") {
        Some(ms) => ms.get(name),
        None => shape.get(name),
    };
    if let Some(t) = own.and_then(|m| m.get("target")).and_then(Node::as_str) {
        return Some(t.to_string());
    }
    let mixins = shape
        .get("mixins")
        .map(|m| match m {
            Node::Array(a) => a
                .iter()
                .filter_map(|x| x.get("target").and_then(Node::as_str))
                .map(str::to_string)
                .collect(),
            _ => Vec::new(),
        })
        .unwrap_or_default();
    mixins
        .iter()
        .find_map(|m| mixin_member(shapes, where_, m, name, depth + 1))
}

/// Fills in an elided member: from the resource when no mixin has it, else it stays the
/// mixin's and its own traits become an `apply`.
pub(super) fn resolve_elision(
    shapes: &mut [(String, Node)],
    where_: &BTreeMap<String, (usize, usize)>,
    e: Elision,
    applies: &mut Vec<PendingApply>,
) -> LResult<()> {
    let err = |message: String| LoadError {
        file: e.file,
        offset: e.offset,
        message,
    };
    let from_mixin = e
        .mixins
        .iter()
        .find_map(|m| mixin_member(shapes, where_, m, &e.member, 0));
    let from_resource = e.resource.as_ref().and_then(|r| {
        let (_, at) = where_.get(r)?;
        let res = &shapes.get(*at)?.1;
        if res.get("type").and_then(Node::as_str) != Some("resource") {
            return None;
        }
        ["identifiers", "properties"].iter().find_map(|k| {
            res.get(k)?
                .get(&e.member)?
                .get("target")
                .and_then(Node::as_str)
                .map(str::to_string)
        })
    });
    if let Some(r) = &e.resource {
        let is_resource = where_
            .get(r)
            .and_then(|(_, at)| shapes.get(*at))
            .and_then(|(_, s)| s.get("type"))
            .and_then(Node::as_str)
            == Some("resource");
        if !is_resource {
            return Err(err(format!("{}: `for {r}` must name a resource", e.shape)));
        }
    }
    let Some((_, at)) = where_.get(&e.shape) else {
        return Err(err(format!("{}: shape not found", e.shape)));
    };
    let shape = match shapes.get_mut(*at) {
        Some((_, s)) => s,
        None => return Err(err(format!("{}: shape not found", e.shape))),
    };
    let holder_key = if shape.get("members").is_some() {
        "members"
    } else {
        ""
    };
    match (from_mixin, from_resource) {
        (Some(m), r) => {
            if let Some(r) = r.filter(|r| *r != m) {
                return Err(err(format!(
                    "{}${}: the mixin's member targets `{m}` but the resource's targets `{r}`",
                    e.shape, e.member
                )));
            }
            // Inherited: the member stays the mixin's; its own traits become an `apply`.
            remove_member(shape, holder_key, &e.member);
            if !e.traits.is_empty() {
                applies.push((
                    format!("{}${}", e.shape, e.member),
                    e.traits,
                    e.file,
                    e.offset,
                ));
            }
        }
        (None, Some(t)) => {
            let node = member_node(t, e.traits);
            if holder_key.is_empty() {
                shape.set(&e.member, node);
            } else if let Some(ms) = shape.get_mut("members") {
                ms.set(&e.member, node);
            }
        }
        (None, None) => {
            return Err(err(format!(
                "{}: elided member `${}` is not a member of a mixin or an identifier or property of the resource",
                e.shape, e.member
            )));
        }
    }
    Ok(())
}

fn remove_member(shape: &mut Node, holder: &str, name: &str) {
    let obj = if holder.is_empty() {
        Some(shape)
    } else {
        shape.get_mut(holder)
    };
    if let Some(Node::Object(kv)) = obj {
        kv.retain(|(k, _)| k != name);
    }
}

/// Members of a mixed-in enum get their name as value unless a mixin declares them.
pub(super) fn default_enum_values_with_mixins(
    shapes: &mut [(String, Node)],
    where_: &BTreeMap<String, (usize, usize)>,
) {
    let mut todo = Vec::new();
    for (i, (_, shape)) in shapes.iter().enumerate() {
        if shape.get("type").and_then(Node::as_str) != Some("enum") {
            continue;
        }
        let Some(Node::Array(mixins)) = shape.get("mixins") else {
            continue;
        };
        for (name, m) in shape.get("members").map(Node::entries).unwrap_or_default() {
            let has_value = m
                .get("traits")
                .and_then(|t| t.get("smithy.api#enumValue"))
                .is_some();
            let inherited = mixins
                .iter()
                .filter_map(|x| x.get("target").and_then(Node::as_str))
                .any(|x| mixin_member(shapes, where_, x, name, 0).is_some());
            if !has_value && !inherited {
                todo.push((i, name.clone()));
            }
        }
    }
    for (i, name) in todo {
        if let Some(m) = shapes
            .get_mut(i)
            .and_then(|(_, s)| s.get_mut("members"))
            .and_then(|ms| ms.get_mut(&name))
        {
            push_trait(m, "smithy.api#enumValue", Node::String(name.clone()));
        }
    }
}

/// A member redeclared over a mixin's, or inherited from two mixins, must keep the target.
pub(super) fn check_mixin_members(
    shapes: &[(String, Node)],
    where_: &BTreeMap<String, (usize, usize)>,
    offsets: &BTreeMap<String, usize>,
) -> LResult<()> {
    for (id, shape) in shapes {
        let (file, _) = where_.get(id).copied().unwrap_or((0, 0));
        let offset = offsets.get(id).copied().unwrap_or(0);
        let kind = shape.get("type").and_then(Node::as_str).unwrap_or("");
        let is_mixin = shape
            .get("traits")
            .and_then(|t| t.get("smithy.api#mixin"))
            .is_some();
        let bad = |message: String| {
            Err(LoadError {
                file,
                offset,
                message,
            })
        };
        if is_mixin && kind == "operation" {
            let unit = |k: &str| {
                shape
                    .get(k)
                    .and_then(|t| t.get("target"))
                    .and_then(Node::as_str)
                    .is_none_or(|t| t == "smithy.api#Unit")
            };
            if !unit("input") || !unit("output") {
                return bad(format!(
                    "{id}: an operation mixin must have smithy.api#Unit as input and output"
                ));
            }
        }
        if is_mixin
            && kind == "resource"
            && (shape.get("identifiers").is_some() || shape.get("properties").is_some())
        {
            return bad(format!(
                "{id}: a resource mixin cannot define identifiers or properties"
            ));
        }
        let Some(Node::Array(mixins)) = shape.get("mixins") else {
            continue;
        };
        let mixins: Vec<&str> = mixins
            .iter()
            .filter_map(|m| m.get("target").and_then(Node::as_str))
            .collect();
        for m in &mixins {
            let mixin_kind = where_
                .get(*m)
                .and_then(|(_, at)| shapes.get(*at))
                .and_then(|(_, s)| s.get("type"))
                .and_then(Node::as_str);
            if let Some(mk) = mixin_kind.filter(|mk| *mk != kind) {
                return bad(format!(
                    "{id}: a {kind} cannot use the {mk} `{m}` as a mixin"
                ));
            }
        }
        let names: BTreeSet<String> = mixins
            .iter()
            .filter_map(|m| where_.get(*m).and_then(|(_, at)| shapes.get(*at)))
            .flat_map(|(_, s)| {
                s.get("members")
                    .map(|m| {
                        m.entries()
                            .iter()
                            .map(|(k, _)| k.clone())
                            .collect::<Vec<_>>()
                    })
                    .unwrap_or_default()
            })
            .chain(
                shape
                    .get("members")
                    .map(|m| {
                        m.entries()
                            .iter()
                            .map(|(k, _)| k.clone())
                            .collect::<Vec<_>>()
                    })
                    .unwrap_or_default(),
            )
            .collect();
        for name in names {
            let mut targets: BTreeSet<String> = mixins
                .iter()
                .filter_map(|m| mixin_member(shapes, where_, m, &name, 0))
                .collect();
            if let Some(t) = shape
                .get("members")
                .and_then(|m| m.get(&name))
                .and_then(|m| m.get("target"))
                .and_then(Node::as_str)
            {
                targets.insert(t.to_string());
            }
            if targets.len() > 1 {
                return Err(LoadError {
                    file,
                    offset,
                    message: format!(
                        "{id}${name}: member conflicts with an inherited mixin member (targets {})",
                        targets.into_iter().collect::<Vec<_>>().join(", ")
                    ),
                });
            }
        }
    }
    Ok(())
}
