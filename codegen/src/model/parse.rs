//! JSON text → [`Model`]. Shapes are parsed one at a time so that every error names its shape.

use std::collections::BTreeMap;

use serde::Deserialize;
use serde_json::value::RawValue;

use super::ordered::Ordered;
use super::{IdlVersion, Member, Model, Refs, Shape, ShapeId, ShapeKind, Traits};
use crate::error::{ErrorKind, Result};

#[derive(Deserialize)]
struct RawModel<'a> {
    smithy: String,
    #[serde(borrow, default)]
    shapes: Option<Ordered<&'a RawValue>>,
}

#[derive(Deserialize)]
struct RawRef {
    target: String,
}

#[derive(Deserialize)]
struct RawMember {
    target: String,
    #[serde(default)]
    traits: Option<BTreeMap<String, serde_json::Value>>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct RawShape {
    #[serde(rename = "type")]
    kind: String,
    #[serde(default)]
    traits: Option<BTreeMap<String, serde_json::Value>>,
    #[serde(default)]
    mixins: Vec<RawRef>,
    #[serde(default)]
    members: Option<Ordered<RawMember>>,
    member: Option<RawMember>,
    key: Option<RawMember>,
    value: Option<RawMember>,
    version: Option<String>,
    #[serde(default)]
    operations: Vec<RawRef>,
    #[serde(default)]
    resources: Vec<RawRef>,
    #[serde(default)]
    errors: Vec<RawRef>,
    input: Option<RawRef>,
    output: Option<RawRef>,
    create: Option<RawRef>,
    put: Option<RawRef>,
    read: Option<RawRef>,
    update: Option<RawRef>,
    delete: Option<RawRef>,
    list: Option<RawRef>,
    #[serde(default)]
    collection_operations: Vec<RawRef>,
    #[serde(default)]
    rename: BTreeMap<String, String>,
}

/// Parses a JSON AST document. Accepts Smithy `1.0`, `1` and `2.0`, `2`.
pub fn parse_model(json: &str) -> Result<Model> {
    let raw: RawModel<'_> = serde_json::from_str(json).map_err(|e| match e.classify() {
        // Well-formed JSON of another form.
        serde_json::error::Category::Data => {
            ErrorKind::NotSmithy(if json.trim_start().starts_with('{') {
                e.to_string()
            } else {
                "the document is not a JSON object with a `smithy` version and `shapes`".into()
            })
        }
        _ => ErrorKind::Json(e.to_string()),
    })?;
    let version = match raw.smithy.as_str() {
        "1" | "1.0" => IdlVersion::V1,
        "2" | "2.0" => IdlVersion::V2,
        other => {
            return Err(ErrorKind::NotSmithy(format!(
                "unsupported smithy version `{other}`: expected 1.0 or 2.0"
            )));
        }
    };
    let mut shapes = BTreeMap::new();
    let mut applies = Vec::new();
    for (key, body) in raw.shapes.unwrap_or_default().0 {
        let id = ShapeId::parse(&key).ok_or_else(|| ErrorKind::BadShapeId(key.clone()))?;
        let invalid = |reason: String| ErrorKind::InvalidShape {
            id: key.clone(),
            reason,
        };
        let shape: RawShape =
            serde_json::from_str(body.get()).map_err(|e| invalid(e.to_string()))?;
        if shape.kind == "apply" {
            applies.push((id, traits(&key, shape.traits)?));
            continue;
        }
        if id.member().is_some() {
            return Err(invalid(
                "a shape ID with a member part can only be used with `apply`".into(),
            ));
        }
        let kind = ShapeKind::parse(&shape.kind)
            .ok_or_else(|| invalid(format!("unknown shape type `{}`", shape.kind)))?;
        shapes.insert(id.clone(), convert(&id, kind, shape)?);
    }
    Ok(Model {
        version,
        shapes,
        applies,
    })
}

fn convert(id: &ShapeId, kind: ShapeKind, raw: RawShape) -> Result<Shape> {
    let ctx = id.as_str();
    let mut members = Vec::new();
    let mut push = |name: &str, m: RawMember| -> Result<()> {
        members.push(Member {
            name: name.to_string(),
            target: target(ctx, &m.target)?,
            traits: traits(&format!("{ctx}${name}"), m.traits)?,
        });
        Ok(())
    };
    match kind {
        // With mixins, the collection's members may all come from them.
        ShapeKind::List | ShapeKind::Set => match raw.member {
            Some(m) => push("member", m)?,
            None if !raw.mixins.is_empty() => {}
            None => return Err(missing(ctx, "member")),
        },
        ShapeKind::Map => {
            for (name, m) in [("key", raw.key), ("value", raw.value)] {
                match m {
                    Some(m) => push(name, m)?,
                    None if !raw.mixins.is_empty() => {}
                    None => return Err(missing(ctx, name)),
                }
            }
        }
        _ => {
            for (name, m) in raw.members.unwrap_or_default().0 {
                if !is_member_name(&name) {
                    return Err(ErrorKind::InvalidShape {
                        id: ctx.to_string(),
                        reason: format!("invalid member name `{name}`"),
                    });
                }
                push(&name, m)?;
            }
        }
    }
    let refs = |v: Vec<RawRef>| -> Result<Vec<ShapeId>> {
        v.into_iter().map(|r| target(ctx, &r.target)).collect()
    };
    let one = |r: Option<RawRef>| -> Result<Option<ShapeId>> {
        r.map(|r| target(ctx, &r.target)).transpose()
    };
    let lifecycle_refs = [
        raw.create, raw.put, raw.read, raw.update, raw.delete, raw.list,
    ];
    let mut lifecycle = Vec::new();
    for r in lifecycle_refs.into_iter().flatten() {
        lifecycle.push(target(ctx, &r.target)?);
    }
    lifecycle.extend(refs(raw.collection_operations)?);
    let mut rename = BTreeMap::new();
    for (from, to) in raw.rename {
        rename.insert(target(ctx, &from)?, to);
    }
    Ok(Shape {
        kind,
        traits: traits(ctx, raw.traits)?,
        mixins: refs(raw.mixins)?,
        members,
        refs: Refs {
            version: raw.version,
            operations: refs(raw.operations)?,
            resources: refs(raw.resources)?,
            errors: refs(raw.errors)?,
            input: one(raw.input)?,
            output: one(raw.output)?,
            lifecycle,
            rename,
        },
    })
}

fn missing(ctx: &str, what: &str) -> ErrorKind {
    ErrorKind::InvalidShape {
        id: ctx.to_string(),
        reason: format!("missing `{what}`"),
    }
}

fn is_member_name(s: &str) -> bool {
    ShapeId::parse(&format!("a#{s}")).is_some()
}

fn target(ctx: &str, raw: &str) -> Result<ShapeId> {
    ShapeId::parse(raw)
        .filter(|id| id.member().is_none())
        .ok_or_else(|| ErrorKind::InvalidShape {
            id: ctx.to_string(),
            reason: format!("invalid shape reference `{raw}`"),
        })
}

fn traits(ctx: &str, raw: Option<BTreeMap<String, serde_json::Value>>) -> Result<Traits> {
    raw.unwrap_or_default()
        .into_iter()
        .map(|(k, v)| {
            let id = ShapeId::parse(&k).ok_or_else(|| ErrorKind::InvalidShape {
                id: ctx.to_string(),
                reason: format!("invalid trait ID `{k}`"),
            })?;
            Ok((id, v))
        })
        .collect()
}
