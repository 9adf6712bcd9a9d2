//! Operations: the renamed input and output structures, the error enum and the HTTP binding.

use super::LowerCx;
use super::structure::lower_structure;
use crate::error::{ErrorKind, Result};
use crate::ir::{ErrorEnumDef, ErrorVariant, HttpDef, OperationDef, StructDef};
use crate::model::traits::TraitView;
use crate::model::{Shape, ShapeId};
use crate::naming;

/// Lowers one operation bound to the service.
pub(crate) fn lower_operation(cx: &mut LowerCx<'_>, id: &ShapeId) -> Result<OperationDef> {
    let shape = cx.index.shape(id)?.clone();
    let t = TraitView::new(id, &shape.traits);
    let name = naming::type_name(id.name());
    let module = naming::module_name(id.name());
    let input = io_struct(cx, shape.refs.input.as_ref(), &format!("{name}Input"))?;
    let output = io_struct(cx, shape.refs.output.as_ref(), &format!("{name}Output"))?;
    let mut error_ids: Vec<ShapeId> = shape.refs.errors.clone();
    if let Some(svc) = cx.index.service() {
        error_ids.extend(cx.index.shape(svc)?.refs.errors.iter().cloned());
    }
    let mut variants = Vec::new();
    for e in &error_ids {
        let ty = cx
            .named
            .get(e)
            .cloned()
            .ok_or_else(|| ErrorKind::UnknownTarget {
                from: id.clone(),
                target: e.to_string(),
            })?;
        if variants.iter().any(|v: &ErrorVariant| v.name == ty.name) {
            continue;
        }
        variants.push(ErrorVariant {
            name: ty.name.clone(),
            is_fn: naming::is_error_fn(&ty.name),
            code: e.name().to_string(),
            ty,
        });
    }
    variants.sort_by(|a, b| a.name.cmp(&b.name));
    if variants.iter().any(|v| v.name == "Unhandled") {
        return Err(ErrorKind::Unsupported {
            id: id.clone(),
            what: "an error shape named `Unhandled` (the catch-all variant's name)".into(),
        });
    }
    let http = t.http()?.map(|h| HttpDef {
        method: h.method,
        uri: h.uri,
        code: h.code,
    });
    Ok(OperationDef {
        shape_id: id.to_string(),
        error: ErrorEnumDef {
            name: format!("{name}Error"),
            variants,
        },
        docs: cx.docs(t)?,
        input,
        output,
        http,
        module,
        name,
    })
}

fn io_struct(cx: &mut LowerCx<'_>, id: Option<&ShapeId>, name: &str) -> Result<StructDef> {
    match id.filter(|i| i.as_str() != "smithy.api#Unit") {
        Some(id) => {
            let shape: Shape = cx.index.shape(id)?.clone();
            lower_structure(cx, id, &shape, name)
        }
        None => Ok(StructDef {
            shape_id: "smithy.api#Unit".into(),
            name: name.to_string(),
            builder: naming::builder_name(name),
            docs: None,
            fields: Vec::new(),
            error: None,
        }),
    }
}
