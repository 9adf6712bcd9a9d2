//! The endpoint parameters an operation sets: `@staticContextParams`, `@contextParam` on its
//! input members and `@operationContextParams` paths, typed against the lowered input.

use crate::error::{ErrorKind, Result};
use crate::ir::endpoint::{BindingValue, EndpointRules, ParamBinding, ParamType, PathStep};
use crate::ir::{FieldAccess, FieldDef, NamedKind, Presence, StructDef, TypeDef, TypeRef};
use crate::model::rules::{self as m, JmesStep};
use crate::model::traits::{TraitView, ids};
use crate::model::{Shape, ShapeId};

/// The bindings of one operation, most specific first (static, then context, then path).
pub(crate) fn operation_bindings(
    rules: &EndpointRules,
    index: &crate::index::ShapeIndex,
    id: &ShapeId,
    op: &Shape,
    input: &StructDef,
    types: &[TypeDef],
) -> Result<Vec<ParamBinding>> {
    let t = TraitView::new(id, &op.traits);
    let param = |name: &str| rules.params.iter().position(|p| p.name == name);
    let invalid = |trait_id: &str, reason: String| ErrorKind::InvalidTrait {
        id: id.clone(),
        trait_id: trait_id.to_string(),
        reason,
    };
    let mut out = Vec::new();
    for (name, value) in t.static_context_params()? {
        // A binding to a parameter the rule set does not have cannot change anything.
        let Some(i) = param(&name) else { continue };
        let ty = model_type(rules.params[i].ty);
        let value = m::param_value(&value, ty).ok_or_else(|| {
            invalid(
                ids::STATIC_CONTEXT_PARAMS,
                format!("`{name}`'s value does not have the parameter's type"),
            )
        })?;
        out.push(ParamBinding {
            param: i,
            value: BindingValue::Static(super::endpoint::param_value(value)),
        });
    }
    if let Some(input_id) = &op.refs.input {
        let shape = index.shape(input_id)?;
        for f in &input.fields {
            let Some(member) = shape.member(&f.member) else {
                continue;
            };
            let member_id = input_id.with_member(&member.name);
            let view = TraitView::new(&member_id, &member.traits);
            let Some(name) = view.context_param()? else {
                continue;
            };
            let Some(i) = param(name) else { continue };
            if !fits(&f.ty, rules.params[i].ty) {
                return Err(invalid(
                    ids::CONTEXT_PARAM,
                    format!(
                        "member `{}` does not have the type of parameter `{name}`",
                        f.member
                    ),
                ));
            }
            out.push(ParamBinding {
                param: i,
                value: BindingValue::Field {
                    access: access(f),
                    ty: f.ty.clone(),
                    required: view.flag(ids::REQUIRED)?,
                },
            });
        }
    }
    for (name, path) in t.operation_context_params()? {
        let Some(i) = param(&name) else { continue };
        let fail = |why: String| {
            invalid(
                ids::OPERATION_CONTEXT_PARAMS,
                format!("`{name}` path `{path}`: {why}"),
            )
        };
        let steps = m::jmespath(&path).map_err(&fail)?;
        let (typed, end, many) = typed_path(&steps, input, types).map_err(&fail)?;
        let ok = match rules.params[i].ty {
            ParamType::StringArray => many && is_string(&end),
            ty => !many && fits(&end, ty),
        };
        if !ok {
            return Err(fail(format!(
                "it does not give the parameter's type ({:?})",
                rules.params[i].ty
            )));
        }
        out.push(ParamBinding {
            param: i,
            value: BindingValue::Path(typed),
        });
    }
    Ok(out)
}

fn model_type(t: ParamType) -> m::ParamType {
    match t {
        ParamType::String => m::ParamType::String,
        ParamType::Bool => m::ParamType::Boolean,
        ParamType::StringArray => m::ParamType::StringArray,
    }
}

fn access(f: &FieldDef) -> FieldAccess {
    FieldAccess {
        member: f.member.clone(),
        field: f.name.clone(),
        optional: f.presence == Presence::Optional,
        boxed: matches!(f.ty, TypeRef::Boxed(_)),
    }
}

fn unboxed(t: &TypeRef) -> &TypeRef {
    match t {
        TypeRef::Boxed(inner) => unboxed(inner),
        other => other,
    }
}

/// A string or a string enum.
fn is_string(t: &TypeRef) -> bool {
    match unboxed(t) {
        TypeRef::String => true,
        TypeRef::Named(n) => n.kind == NamedKind::Enum,
        _ => false,
    }
}

/// Whether a member of type `t` can give a parameter of type `ty`.
fn fits(t: &TypeRef, ty: ParamType) -> bool {
    match (unboxed(t), ty) {
        (TypeRef::Bool, ParamType::Bool) => true,
        (
            TypeRef::List {
                item,
                sparse: false,
                ..
            },
            ParamType::StringArray,
        ) => is_string(item),
        (other, ParamType::String) => is_string(other),
        _ => false,
    }
}

/// Types a path against the input: the typed steps, the type at the end, and whether a
/// projection makes it a list of such values.
fn typed_path(
    steps: &[JmesStep],
    input: &StructDef,
    types: &[TypeDef],
) -> std::result::Result<(Vec<PathStep>, TypeRef, bool), String> {
    typed_from(steps, None, input, types)
}

/// [`typed_path`] from a value of type `start` (`None`: the input).
fn typed_from(
    steps: &[JmesStep],
    start: Option<TypeRef>,
    input: &StructDef,
    types: &[TypeDef],
) -> std::result::Result<(Vec<PathStep>, TypeRef, bool), String> {
    let mut out = Vec::new();
    let mut current = start;
    let mut many = false;
    let mut selected = false;
    for step in steps {
        if selected && *step != JmesStep::Flatten {
            return Err("only `[]` may follow a multi-select list".into());
        }
        match step {
            JmesStep::Field(name) => match current.as_ref().map(unboxed) {
                Some(TypeRef::Named(n)) if n.kind == NamedKind::Union => {
                    let u = types
                        .iter()
                        .find_map(|d| match d {
                            TypeDef::Union(u) if u.name == n.name => Some(u),
                            _ => None,
                        })
                        .ok_or_else(|| format!("no union `{}`", n.name))?;
                    let v = u
                        .variants
                        .iter()
                        .find(|v| &v.wire == name)
                        .ok_or_else(|| format!("`{}` has no member `{name}`", u.name))?;
                    let ty =
                        v.ty.clone()
                            .ok_or_else(|| format!("`{name}` is a unit variant"))?;
                    out.push(PathStep::Variant {
                        union: n.clone(),
                        variant: v.name.clone(),
                        ty: ty.clone(),
                    });
                    current = Some(ty);
                }
                other => {
                    let s = match other {
                        None => input,
                        Some(TypeRef::Named(n)) if n.kind == NamedKind::Struct => types
                            .iter()
                            .find_map(|d| match d {
                                TypeDef::Struct(s) if s.name == n.name => Some(s),
                                _ => None,
                            })
                            .ok_or_else(|| format!("no structure `{}`", n.name))?,
                        Some(other) => {
                            return Err(format!("`{name}` of {other:?}, which is not a structure"));
                        }
                    };
                    let f = s
                        .fields
                        .iter()
                        .find(|f| &f.member == name)
                        .ok_or_else(|| format!("`{}` has no member `{name}`", s.name))?;
                    out.push(PathStep::Field(access(f), f.ty.clone()));
                    current = Some(f.ty.clone());
                }
            },
            JmesStep::Flatten if selected => {}
            JmesStep::Each | JmesStep::Flatten => match current.as_ref().map(unboxed) {
                Some(TypeRef::List {
                    item,
                    sparse: false,
                    ..
                }) if !many => {
                    out.push(PathStep::Each);
                    current = Some((**item).clone());
                    many = true;
                }
                _ => return Err("`[*]` or `[]` on something that is not a list, or twice".into()),
            },
            JmesStep::Values => match current.as_ref().map(unboxed) {
                Some(TypeRef::Map {
                    value,
                    sparse: false,
                    ..
                }) if !many => {
                    out.push(PathStep::Values);
                    current = Some((**value).clone());
                    many = true;
                }
                _ => return Err("`*` on something that is not a map, or twice".into()),
            },
            JmesStep::Keys => match current.as_ref().map(unboxed) {
                Some(TypeRef::Map { key, .. }) if !many => {
                    out.push(PathStep::Keys);
                    current = Some((**key).clone());
                    many = true;
                }
                _ => return Err("`keys()` of something that is not a map".into()),
            },
            JmesStep::MultiSelect(branches) => {
                let mut typed = Vec::new();
                let mut end = None;
                for b in branches {
                    let (steps, ty, branch_many) = typed_from(b, current.clone(), input, types)?;
                    if branch_many || !is_string(&ty) {
                        return Err("each path of a multi-select list must give one string".into());
                    }
                    typed.push(steps);
                    end = Some(ty);
                }
                out.push(PathStep::MultiSelect(typed));
                current = Some(end.ok_or("an empty multi-select list")?);
                many = true;
                selected = true;
            }
        }
    }
    let end = current.ok_or("an empty path")?;
    Ok((out, end, many))
}
