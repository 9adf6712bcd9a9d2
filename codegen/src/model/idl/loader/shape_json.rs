//! One IDL shape statement → its JSON AST node: members, properties and traits resolved in
//! the file's scope; a member whose target is elided is left for [`super::mixins`].

use super::LResult;
use super::scope::Scope;
use crate::model::idl::ast::{MemberDef, Raw, ShapeDef};
use crate::model::idl::node::Node;

/// A member whose target comes from a mixin or a resource, resolved after every shape exists.
pub(super) struct Elision {
    pub(super) file: usize,
    pub(super) shape: String,
    pub(super) member: String,
    pub(super) offset: usize,
    pub(super) traits: Vec<(String, Node)>,
    pub(super) resource: Option<String>,
    pub(super) mixins: Vec<String>,
}

pub(super) fn member_node(target: String, traits: Vec<(String, Node)>) -> Node {
    let mut m = vec![("target".to_string(), Node::String(target))];
    if !traits.is_empty() {
        m.push(("traits".into(), Node::Object(traits)));
    }
    Node::Object(m)
}

pub(super) fn build_shape(
    scope: &Scope<'_>,
    id: &str,
    s: &ShapeDef,
    elisions: &mut Vec<Elision>,
) -> LResult<Node> {
    let mut out = vec![("type".to_string(), Node::str(s.kind))];
    let mixins: Vec<String> = s.mixins.iter().map(|m| scope.target(m)).collect();
    if !mixins.is_empty() {
        out.push((
            "mixins".into(),
            Node::Array(mixins.iter().map(|m| Node::target(m.clone())).collect()),
        ));
    }
    let resource = s.for_resource.as_ref().map(|r| scope.target(r));
    match s.kind {
        "list" | "set" | "map" | "structure" | "union" | "enum" | "intEnum" => {
            let mut members = Vec::new();
            for m in &s.members {
                members.push(build_member(
                    scope, id, m, s.kind, &resource, &mixins, elisions,
                )?);
            }
            match s.kind {
                "list" | "set" | "map" => {
                    let names: &[&str] = if s.kind == "map" {
                        &["key", "value"]
                    } else {
                        &["member"]
                    };
                    for (name, _) in &members {
                        if !names.contains(&name.as_str()) {
                            return Err(scope.err(
                                s.offset,
                                format!("a {} cannot have a member named `{name}`", s.kind),
                            ));
                        }
                    }
                    for name in names {
                        if !members.iter().any(|(n, _)| n == name) && mixins.is_empty() {
                            return Err(scope
                                .err(s.offset, format!("a {} needs a `{name}` member", s.kind)));
                        }
                    }
                    out.extend(members);
                }
                _ => out.push(("members".into(), Node::Object(members))),
            }
        }
        "service" | "resource" | "operation" => {
            for (k, v) in &s.props {
                out.push((k.clone(), entity_prop(scope, s, k, v)?));
            }
        }
        _ => {}
    }
    let traits = scope.traits(&s.traits)?;
    if !traits.is_empty() {
        out.push(("traits".into(), Node::Object(traits)));
    }
    Ok(Node::Object(out))
}

fn build_member(
    scope: &Scope<'_>,
    shape: &str,
    m: &MemberDef,
    shape_kind: &str,
    resource: &Option<String>,
    mixins: &[String],
    elisions: &mut Vec<Elision>,
) -> LResult<(String, Node)> {
    let mut traits = scope.traits(&m.traits)?;
    let is_enum = m
        .target
        .as_ref()
        .is_some_and(|t| t.text == "smithy.api#Unit");
    if is_enum
        && shape_kind == "enum"
        && mixins.is_empty()
        && !traits.iter().any(|(k, _)| k == "smithy.api#enumValue")
    {
        // An enum member without a value has its name as value.
        traits.push(("smithy.api#enumValue".into(), Node::String(m.name.clone())));
    }
    match &m.target {
        Some(t) => Ok((m.name.clone(), member_node(scope.target(t), traits))),
        None => {
            elisions.push(Elision {
                file: scope.file,
                shape: shape.to_string(),
                member: m.name.clone(),
                offset: m.offset,
                traits,
                resource: resource.clone(),
                mixins: mixins.to_vec(),
            });
            Ok((m.name.clone(), Node::Null))
        }
    }
}

fn refs(scope: &Scope<'_>, s: &ShapeDef, key: &str, v: &Raw) -> LResult<Node> {
    let one = |r: &Raw| match r {
        Raw::Id(r) => Ok(Node::target(scope.target(r))),
        _ => Err(scope.err(
            s.offset,
            format!("`{key}` of {} must list shape IDs", s.name),
        )),
    };
    match v {
        Raw::Array(items) => Ok(Node::Array(items.iter().map(one).collect::<LResult<_>>()?)),
        Raw::Plain(Node::Array(a)) if a.is_empty() => Ok(Node::Array(Vec::new())),
        _ => Err(scope.err(
            s.offset,
            format!("`{key}` of {} must be an array of shape IDs", s.name),
        )),
    }
}

fn entity_prop(scope: &Scope<'_>, s: &ShapeDef, key: &str, v: &Raw) -> LResult<Node> {
    let bad =
        |what: &str| Err(scope.err(s.offset, format!("`{key}` of {} must be {what}", s.name)));
    match key {
        "version" => match v {
            Raw::Plain(Node::String(x)) => Ok(Node::String(x.clone())),
            _ => bad("a string"),
        },
        "operations" | "resources" | "errors" | "collectionOperations" => refs(scope, s, key, v),
        "input" | "output" | "create" | "put" | "read" | "update" | "delete" | "list" => match v {
            Raw::Id(r) => Ok(Node::target(scope.target(r))),
            _ => bad("a shape ID"),
        },
        "rename" => match scope.value(v) {
            Node::Object(kv) if kv.iter().all(|(_, x)| x.as_str().is_some()) => {
                Ok(Node::Object(kv))
            }
            _ => bad("an object of strings"),
        },
        "identifiers" | "properties" => {
            let kv: Vec<(String, &Raw)> = match v {
                Raw::Object(kv) => kv.iter().map(|(k, v)| (k.clone(), v)).collect(),
                Raw::Plain(Node::Object(kv)) if kv.is_empty() => Vec::new(),
                _ => return bad("an object of shape IDs"),
            };
            let mut out = Vec::new();
            for (k, r) in kv {
                match r {
                    Raw::Id(r) => out.push((k, Node::target(scope.target(r)))),
                    _ => return bad("an object of shape IDs"),
                }
            }
            Ok(Node::Object(out))
        }
        _ => bad("a known property"),
    }
}
