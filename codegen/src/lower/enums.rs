//! `enum`, `intEnum` and strings with the legacy `@enum` trait.

use super::LowerCx;
use crate::error::{ErrorKind, Result};
use crate::ir::{EnumDef, EnumRepr, VariantDef};
use crate::model::traits::{TraitView, ids};
use crate::model::{Shape, ShapeId, ShapeKind};
use crate::naming::{self, Namespace};

/// Lowers an enum shape. Variant names come from member names (2.0), `@enum` names, or values.
pub(crate) fn lower_enum(
    cx: &LowerCx<'_>,
    id: &ShapeId,
    shape: &Shape,
    name: &str,
) -> Result<EnumDef> {
    let t = TraitView::new(id, &shape.traits);
    let mut ns = Namespace::new(id);
    ns.reserve("Unknown", "the generated Unknown variant");
    let mut variants = Vec::new();
    let mut seen_values = Vec::new();
    let mut push =
        |ns: &mut Namespace, smithy: &str, rust: String, value: String, docs| -> Result<()> {
            // A model value named UNKNOWN keeps working beside the catch-all variant.
            let rust = if rust == "Unknown" {
                "UnknownValue".to_string()
            } else {
                rust
            };
            if seen_values.contains(&value) {
                return Err(ErrorKind::Invalid {
                    id: id.clone(),
                    reason: format!("enum value `{value}` appears twice"),
                });
            }
            seen_values.push(value.clone());
            let rust = ns.claim(rust, smithy)?;
            variants.push(VariantDef {
                name: rust,
                value,
                docs,
            });
            Ok(())
        };
    let repr = match shape.kind {
        ShapeKind::String => {
            for v in t.legacy_enum()?.unwrap_or_default() {
                let (smithy, rust) = match &v.name {
                    Some(n) => (n.as_str(), naming::type_name(n)),
                    None => (v.value.as_str(), naming::enum_value_variant(&v.value)),
                };
                let docs = v.documentation.as_deref().and_then(super::to_markdown);
                push(&mut ns, smithy, rust, v.value.clone(), docs)?;
            }
            EnumRepr::String
        }
        ShapeKind::Enum | ShapeKind::IntEnum => {
            let int = shape.kind == ShapeKind::IntEnum;
            for m in &shape.members {
                let member_id = id.with_member(&m.name);
                let mt = TraitView::new(&member_id, &m.traits);
                let bad = |why: &str| ErrorKind::InvalidTrait {
                    id: member_id.clone(),
                    trait_id: ids::ENUM_VALUE.into(),
                    reason: why.into(),
                };
                let value = match (mt.value(ids::ENUM_VALUE), int) {
                    (None, false) => m.name.clone(),
                    (Some(serde_json::Value::String(s)), false) if !s.is_empty() => s.clone(),
                    (Some(v), true) => v
                        .as_i64()
                        .and_then(|n| i32::try_from(n).ok())
                        .ok_or_else(|| bad("expected a 32-bit integer"))?
                        .to_string(),
                    (None, true) => return Err(bad("intEnum members need an integer @enumValue")),
                    (Some(_), false) => return Err(bad("expected a non-empty string")),
                };
                push(
                    &mut ns,
                    &m.name,
                    naming::type_name(&m.name),
                    value,
                    cx.docs(mt)?,
                )?;
            }
            if int { EnumRepr::Int } else { EnumRepr::String }
        }
        _ => {
            return Err(ErrorKind::Invalid {
                id: id.clone(),
                reason: "not an enum".into(),
            });
        }
    };
    Ok(EnumDef {
        shape_id: id.to_string(),
        name: name.to_string(),
        docs: cx.docs(t)?,
        variants,
        repr,
    })
}
