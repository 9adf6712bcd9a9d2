//! `@paginated`: the operation's trait over the service's default, resolved against the
//! operation's input and output into Rust fields and types.
//!
//! A member name or path that does not resolve is a model error naming the operation and the
//! structure. A token whose type differs between input and output (after `Option` and boxing)
//! cannot be carried from one page to the next, so the operation gets no paginator and its docs
//! say why; generation goes on.

use super::LowerCx;
use crate::error::{ErrorKind, Result};
use crate::ir::{
    FieldAccess, FieldDef, ItemsDef, MemberPath, NamedKind, PageSizeDef, Pagination, PaginatorDef,
    Presence, StructDef, TimestampFormat, TypeDef, TypeRef,
};
use crate::model::ShapeId;
use crate::model::traits::{PaginatedTrait, TraitView};
use crate::naming;

/// The operation's pagination, given its traits, its Rust type name, its lowered input and
/// output, and the lowered types (for nested paths).
pub(crate) fn lower_pagination(
    cx: &LowerCx<'_>,
    id: &ShapeId,
    traits: TraitView<'_>,
    op_name: &str,
    input: &StructDef,
    output: &StructDef,
    types: &[TypeDef],
) -> Result<Pagination> {
    let Some(own) = traits.paginated()? else {
        return Ok(Pagination::None);
    };
    let service = match cx.index.service() {
        Some(svc) => {
            let shape = cx.index.shape(svc)?;
            TraitView::new(svc, &shape.traits)
                .paginated()?
                .unwrap_or_default()
        }
        None => PaginatedTrait::default(),
    };
    resolve(
        id,
        op_name,
        &own.merged_over(&service),
        input,
        output,
        types,
    )
}

fn resolve(
    id: &ShapeId,
    op_name: &str,
    p: &PaginatedTrait,
    input: &StructDef,
    output: &StructDef,
    types: &[TypeDef],
) -> Result<Pagination> {
    let invalid = |reason: String| ErrorKind::Invalid {
        id: id.clone(),
        reason: format!("@paginated: {reason}"),
    };
    let input_member = p
        .input_token
        .as_deref()
        .ok_or_else(|| invalid("no `inputToken` on the operation or its service".into()))?;
    let output_path = p
        .output_token
        .as_deref()
        .ok_or_else(|| invalid("no `outputToken` on the operation or its service".into()))?;
    if input.holds_stream || output.holds_stream {
        // Each page re-sends a copy of the input, and a stream can be neither copied nor
        // paged through.
        return Ok(Pagination::Skipped(
            "its input or output is a stream".to_string(),
        ));
    }
    let token_field = input_field(input, input_member, "inputToken").map_err(invalid)?;
    let (output_token, output_ty) =
        resolve_path(output, output_path, "outputToken", types).map_err(invalid)?;
    let input_ty = unboxed(&token_field.ty);
    if rust_shape(input_ty) != rust_shape(&output_ty) {
        return Ok(Pagination::Skipped(format!(
            "the input token `{}` and the output token `{}` have different types, so a token \
             cannot be passed from one page to the next",
            input_member, output_token.text
        )));
    }
    let page_size = match p.page_size.as_deref() {
        None => None,
        Some(member) => {
            let f = input_field(input, member, "pageSize").map_err(invalid)?;
            Some(PageSizeDef {
                field: access(f),
                ty: unboxed(&f.ty).clone(),
            })
        }
    };
    let items = match p.items.as_deref() {
        None => None,
        Some(path) => {
            let (path, ty) = resolve_path(output, path, "items", types).map_err(invalid)?;
            if !matches!(ty, TypeRef::List { .. } | TypeRef::Map { .. }) {
                return Err(invalid(format!(
                    "`items` path `{}` must end at a list or map member",
                    path.text
                )));
            }
            let (name, stream) = naming::item_paginator_names(op_name);
            Some(ItemsDef {
                name,
                stream,
                path,
                collection: ty,
            })
        }
    };
    let (name, pages) = naming::paginator_names(op_name);
    Ok(Pagination::Paginator(Box::new(PaginatorDef {
        name,
        pages,
        input_token: access(token_field),
        token_can_be_empty: matches!(
            output_ty,
            TypeRef::String | TypeRef::Blob | TypeRef::List { .. } | TypeRef::Map { .. }
        ),
        token_ty: output_ty,
        output_token,
        page_size,
        items,
    })))
}

fn input_field<'a>(
    input: &'a StructDef,
    member: &str,
    what: &str,
) -> std::result::Result<&'a FieldDef, String> {
    input
        .fields
        .iter()
        .find(|f| f.member == member)
        .ok_or_else(|| {
            format!(
                "`{what}` `{member}` is not a member of the input structure `{}`",
                input.shape_id
            )
        })
}

/// Follows `path` from `root` through structure members; returns the steps and the type at
/// the end (unboxed).
fn resolve_path(
    root: &StructDef,
    path: &[String],
    what: &str,
    types: &[TypeDef],
) -> std::result::Result<(MemberPath, TypeRef), String> {
    let text = path.join(".");
    let mut current = root;
    let mut steps = Vec::with_capacity(path.len());
    let mut ty = None;
    for (i, member) in path.iter().enumerate() {
        let f = current
            .fields
            .iter()
            .find(|f| &f.member == member)
            .ok_or_else(|| {
                format!(
                    "`{what}` path `{text}`: `{member}` is not a member of `{}`",
                    current.shape_id
                )
            })?;
        steps.push(access(f));
        if i + 1 == path.len() {
            ty = Some(unboxed(&f.ty).clone());
            break;
        }
        current = match unboxed(&f.ty) {
            TypeRef::Named(n) if n.kind == NamedKind::Struct => types
                .iter()
                .find_map(|t| match t {
                    TypeDef::Struct(s) if s.name == n.name => Some(s),
                    _ => None,
                })
                .ok_or_else(|| format!("`{what}` path `{text}`: `{member}` has no structure"))?,
            _ => {
                return Err(format!(
                    "`{what}` path `{text}`: `{member}` of `{}` is not a structure",
                    current.shape_id
                ));
            }
        };
    }
    let ty = ty.ok_or_else(|| format!("`{what}` path is empty"))?;
    Ok((MemberPath { text, steps }, ty))
}

fn access(f: &FieldDef) -> FieldAccess {
    FieldAccess {
        member: f.member.clone(),
        field: f.name.clone(),
        optional: matches!(f.presence, Presence::Optional),
        boxed: matches!(f.ty, TypeRef::Boxed(_)),
    }
}

fn unboxed(ty: &TypeRef) -> &TypeRef {
    match ty {
        TypeRef::Boxed(inner) => unboxed(inner),
        other => other,
    }
}

/// `ty` as a Rust type: timestamp formats (which differ between a query string and a body)
/// and boxes do not change what can be passed along.
fn rust_shape(ty: &TypeRef) -> TypeRef {
    match ty {
        TypeRef::Timestamp(_) => TypeRef::Timestamp(TimestampFormat::DateTime),
        TypeRef::Boxed(inner) => rust_shape(inner),
        TypeRef::List { item, sparse, xml } => TypeRef::List {
            item: Box::new(rust_shape(item)),
            sparse: *sparse,
            xml: xml.clone(),
        },
        TypeRef::Map {
            key,
            value,
            sparse,
            xml,
        } => TypeRef::Map {
            key: Box::new(rust_shape(key)),
            value: Box::new(rust_shape(value)),
            sparse: *sparse,
            xml: xml.clone(),
        },
        other => other.clone(),
    }
}

#[cfg(test)]
mod tests {
    use serde_json::{Value, json};

    use crate::Options;
    use crate::ir::{FieldAccess, OperationDef, Pagination, PaginatorDef, TypeRef};

    /// A service `a#Svc` with the given `@paginated` default, one operation `a#ListX` with
    /// `op_trait`, input `a#In` {NextToken, Marker, MaxResults, Limit: String}, and output
    /// `a#Out` {NextToken, Count: Integer, Page: a#Page {Marker, Items: list, Map: map}}.
    fn model(service: Option<Value>, op_trait: Value) -> String {
        let mut svc_traits = json!({"aws.protocols#restJson1": {}});
        if let Some(s) = service {
            svc_traits["smithy.api#paginated"] = s;
        }
        let s = |t: &str| json!({"target": t});
        json!({"smithy": "2.0", "shapes": {
            "a#Svc": {"type": "service", "operations": [s("a#ListX")], "traits": svc_traits},
            "a#ListX": {"type": "operation", "input": s("a#In"), "output": s("a#Out"),
                "traits": {"smithy.api#paginated": op_trait,
                    "smithy.api#http": {"method": "POST", "uri": "/x"}}},
            "a#In": {"type": "structure", "traits": {"smithy.api#input": {}}, "members": {
                "NextToken": s("smithy.api#String"), "Marker": s("smithy.api#String"),
                "MaxResults": s("smithy.api#Integer"), "Limit": s("smithy.api#String")}},
            "a#Out": {"type": "structure", "members": {
                "NextToken": s("smithy.api#String"), "Count": s("smithy.api#Integer"),
                "Page": {"target": "a#Page", "traits": {"smithy.api#required": {}}}}},
            "a#Page": {"type": "structure", "members": {
                "Marker": s("smithy.api#String"), "Items": s("a#List"), "Map": s("a#Map")}},
            "a#List": {"type": "list", "member": s("smithy.api#Integer")},
            "a#Map": {"type": "map", "key": s("smithy.api#String"), "value": s("smithy.api#Long")}
        }})
        .to_string()
    }

    fn lower(json: &str) -> Result<OperationDef, String> {
        let opts = Options {
            crate_name: "t".into(),
            model_file: "t.json".into(),
            operations: None,
            service: None,
            partitions: None,
        };
        crate::lower_ir(json, &opts)
            .map(|ir| ir.operations[0].clone())
            .map_err(|e| e.to_string())
    }

    fn paginator(json: &str) -> PaginatorDef {
        match lower(json).unwrap().pagination {
            Pagination::Paginator(p) => *p,
            other => panic!("expected a paginator, got {other:?}"),
        }
    }

    fn optional(member: &str, field: &str) -> FieldAccess {
        FieldAccess {
            member: member.into(),
            field: field.into(),
            optional: true,
            boxed: false,
        }
    }

    #[test]
    fn operation_inherits_the_service_default() {
        let p = paginator(&model(
            Some(
                json!({"inputToken": "NextToken", "outputToken": "NextToken", "pageSize": "MaxResults"}),
            ),
            json!({"items": "Page.Items"}),
        ));
        assert_eq!(p.name, "ListXPaginator");
        assert_eq!(p.pages, "ListXPages");
        assert_eq!(p.input_token, optional("NextToken", "next_token"));
        assert_eq!(p.output_token.text, "NextToken");
        assert_eq!(
            p.output_token.steps,
            vec![optional("NextToken", "next_token")]
        );
        assert_eq!(p.token_ty, TypeRef::String);
        assert!(p.token_can_be_empty);
        let ps = p.page_size.unwrap();
        assert_eq!(ps.field, optional("MaxResults", "max_results"));
        assert_eq!(ps.ty, TypeRef::Integer);
        let items = p.items.unwrap();
        assert_eq!(items.name, "ListXPaginatorItems");
        assert_eq!(items.stream, "ListXItems");
        assert!(matches!(items.collection, TypeRef::List { .. }));
    }

    #[test]
    fn operation_settings_win_over_the_service() {
        let p = paginator(&model(
            Some(
                json!({"inputToken": "NextToken", "outputToken": "NextToken", "pageSize": "MaxResults", "items": "Page.Items"}),
            ),
            json!({"inputToken": "Marker", "outputToken": "Page.Marker", "items": "Page.Map"}),
        ));
        assert_eq!(p.input_token.member, "Marker");
        assert_eq!(p.output_token.text, "Page.Marker");
        assert_eq!(
            p.output_token.steps,
            vec![
                FieldAccess {
                    member: "Page".into(),
                    field: "page".into(),
                    optional: false,
                    boxed: false,
                },
                optional("Marker", "marker"),
            ]
        );
        // Not overridden, so inherited.
        assert_eq!(p.page_size.unwrap().field.member, "MaxResults");
        let items = p.items.unwrap();
        assert_eq!(items.path.text, "Page.Map");
        assert!(matches!(items.collection, TypeRef::Map { .. }));
    }

    #[test]
    fn bad_paths_are_model_errors_naming_the_shape() {
        let cases = [
            (
                json!({"inputToken": "Nope", "outputToken": "NextToken"}),
                "a#ListX: @paginated: `inputToken` `Nope` is not a member of the input structure `a#In`",
            ),
            (
                json!({"inputToken": "NextToken", "outputToken": "Page.Nope"}),
                "`outputToken` path `Page.Nope`: `Nope` is not a member of `a#Page`",
            ),
            (
                json!({"inputToken": "NextToken", "outputToken": "Count.Next"}),
                "`outputToken` path `Count.Next`: `Count` of `a#Out` is not a structure",
            ),
            (
                json!({"inputToken": "NextToken", "outputToken": "NextToken", "items": "Count"}),
                "`items` path `Count` must end at a list or map member",
            ),
            (
                json!({"inputToken": "NextToken", "outputToken": "NextToken", "pageSize": "Size"}),
                "`pageSize` `Size` is not a member of the input structure `a#In`",
            ),
            (
                json!({"outputToken": "NextToken"}),
                "a#ListX: @paginated: no `inputToken` on the operation or its service",
            ),
            (
                json!({"inputToken": "NextToken"}),
                "no `outputToken` on the operation or its service",
            ),
        ];
        for (op_trait, want) in cases {
            let err = lower(&model(None, op_trait.clone())).unwrap_err();
            assert!(err.contains(want), "{op_trait}: {err}");
        }
    }

    #[test]
    fn malformed_traits_are_invalid_trait_errors() {
        for (op_trait, want) in [
            (
                json!({"inputToken": 3, "outputToken": "NextToken"}),
                "`inputToken` must be a member name",
            ),
            (
                json!({"inputToken": "a.b", "outputToken": "NextToken"}),
                "`inputToken` must be a member name",
            ),
            (
                json!({"inputToken": "NextToken", "outputToken": "Page..Marker"}),
                "`outputToken` must be a member path",
            ),
            (
                json!({"inputToken": "NextToken", "outputToken": ""}),
                "`outputToken` must be a member path",
            ),
            (
                json!({"inputToken": "NextToken", "outputToken": "NextToken", "size": "x"}),
                "unknown member `size`",
            ),
            (json!("NextToken"), "expected an object"),
        ] {
            let err = lower(&model(None, op_trait.clone())).unwrap_err();
            assert!(
                err.contains("a#ListX: trait `smithy.api#paginated` is invalid")
                    && err.contains(want),
                "{op_trait}: {err}"
            );
        }
        let err = lower(&model(Some(json!({"items": 1})), json!({}))).unwrap_err();
        assert!(err.contains("a#Svc: trait `smithy.api#paginated`"), "{err}");
    }

    #[test]
    fn tokens_of_different_types_skip_the_paginator() {
        let op = lower(&model(
            None,
            json!({"inputToken": "NextToken", "outputToken": "Count"}),
        ))
        .unwrap();
        match op.pagination {
            Pagination::Skipped(reason) => assert!(
                reason.contains("`NextToken`") && reason.contains("`Count`"),
                "{reason}"
            ),
            other => panic!("expected Skipped, got {other:?}"),
        }
    }

    #[test]
    fn integer_tokens_are_never_empty() {
        let json = model(
            None,
            json!({"inputToken": "MaxResults", "outputToken": "Count"}),
        );
        let p = paginator(&json);
        assert_eq!(p.token_ty, TypeRef::Integer);
        assert!(!p.token_can_be_empty);
    }

    #[test]
    fn no_trait_no_paginator_even_with_a_service_default() {
        let json = model(
            Some(json!({"inputToken": "NextToken", "outputToken": "NextToken"})),
            json!({}),
        );
        let mut v: Value = serde_json::from_str(&json).unwrap();
        let op_traits = v["shapes"]["a#ListX"]["traits"].as_object_mut().unwrap();
        assert!(op_traits.remove("smithy.api#paginated").is_some());
        assert_eq!(lower(&v.to_string()).unwrap().pagination, Pagination::None);
        // With an empty `@paginated`, everything comes from the service.
        let p = paginator(&json);
        assert_eq!(p.input_token.member, "NextToken");
        assert!(p.items.is_none() && p.page_size.is_none());
    }
}
