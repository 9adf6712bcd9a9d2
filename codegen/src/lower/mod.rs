//! Model → IR. All trait interpretation happens here; a thin dispatch on shape kind hands each
//! shape to its own lowering function.

mod customize;
mod defaults;
mod docs;
mod endpoint;
mod endpoint_bindings;
mod endpoint_tests;
mod enums;
mod operation;
mod paginator;
mod partitions;
mod protocol;
mod select;
mod structure;
mod types;
mod xml;

use std::collections::{BTreeMap, BTreeSet};

use crate::error::{ErrorKind, Result};
use crate::index::ShapeIndex;
use crate::ir::{
    Ir, Marker, NamedKind, NamedRef, OmittedOperation, Protocol, ServiceDef, TypeDef, Uses,
};
use crate::model::traits::{TraitView, ids};
use crate::model::{Shape, ShapeId, ShapeKind};
use crate::naming::{self, Namespace};

pub(crate) use docs::to_markdown;
pub(crate) use select::select_operations;

/// Settings for one generated crate.
#[derive(Debug, Clone)]
pub struct Options {
    /// The crate name.
    pub crate_name: String,
    /// The model file path shown in headers, e.g. `models/foo.json`.
    pub model_file: String,
    /// Only these operations (Smithy names or shape IDs) and the shapes they need; `None`
    /// for all of the service's.
    pub operations: Option<Vec<String>>,
    /// The service to generate, for a model with several (a shape ID such as
    /// `aws.protocoltests.restjson#RestJson`); `None` when the model has at most one.
    pub service: Option<String>,
    /// The text of a partitions file for `aws.partition`; `None` for the project's own
    /// (`models/partitions.json`, built in).
    pub partitions: Option<String>,
}

/// State shared by the lowering functions.
pub(crate) struct LowerCx<'a> {
    pub index: &'a ShapeIndex,
    /// Rust names of the generated named types, by shape.
    pub named: BTreeMap<ShapeId, NamedRef>,
    /// Typestate markers used by builders.
    pub markers: BTreeSet<Marker>,
    /// Runtime features used.
    pub uses: Uses,
    /// What the service needs beyond its model.
    pub custom: customize::Customizations,
    /// The service's protocol (restJson1's rules for a model without a service).
    pub protocol: Protocol,
    /// `@awsQueryCompatible`: errors report their `@awsQueryError` codes.
    pub query_compatible: bool,
    /// The service's endpoint rules (tests are added after the operations).
    pub endpoint: Option<crate::ir::endpoint::EndpointRules>,
}

impl LowerCx<'_> {
    /// A view of a shape's or member's traits.
    pub fn traits<'b>(&self, id: &'b ShapeId, shape: &'b Shape) -> TraitView<'b> {
        TraitView::new(id, &shape.traits)
    }

    /// Markdown docs from `@documentation`.
    pub fn docs(&self, view: TraitView<'_>) -> Result<Option<String>> {
        Ok(view.documentation()?.and_then(to_markdown))
    }
}

/// Lowers the indexed model into the IR of one crate.
pub fn lower(index: &ShapeIndex, opts: &Options, omitted: Vec<OmittedOperation>) -> Result<Ir> {
    // The protocol is checked first, so a service we cannot speak is reported as such rather
    // than by its first shape that lacks what the protocol needs.
    let mut query_compatible = false;
    let mut endpoint = None;
    let (custom, protocol) = match index.service() {
        Some(id) => {
            let shape = index.shape(id)?;
            let t = TraitView::new(id, &shape.traits);
            let protocol = protocol::detect(index, id, t)?;
            endpoint = endpoint::lower_rules(id, t, opts.partitions.as_deref())?;
            let mut custom = customize::for_service(&sdk_id(id, t)?, shape.refs.version.as_deref());
            if t.flag(ids::AWS_QUERY_COMPATIBLE)? {
                query_compatible = true;
                custom
                    .headers
                    .push(("x-amzn-query-mode".into(), "true".into()));
            }
            (custom, protocol)
        }
        None => (customize::Customizations::default(), Protocol::RestJson1),
    };
    let uses = Uses {
        http_bindings: index.service().is_some() && protocol::uses_http_bindings(protocol),
        json_protocol: index.service().is_some() && protocol::is_json(protocol),
        xml: index.service().is_some() && protocol::is_xml(protocol),
        query: index.service().is_some() && protocol::is_query(protocol),
        xml_writer: index.service().is_some() && protocol == Protocol::RestXml,
        ..Uses::default()
    };
    let named = assign_names(index)?;
    let mut cx = LowerCx {
        index,
        named,
        markers: BTreeSet::new(),
        uses,
        custom,
        protocol,
        query_compatible,
        endpoint,
    };
    let mut types = Vec::new();
    let mut errors = Vec::new();
    let in_types: Vec<(ShapeId, NamedRef)> = cx
        .named
        .iter()
        .map(|(id, r)| (id.clone(), r.clone()))
        .collect();
    for (id, named) in in_types {
        let shape = index.shape(&id)?;
        match named.kind {
            NamedKind::Struct => {
                let def = structure::lower_structure(&mut cx, &id, shape, &named.name)?;
                if def.holds_stream {
                    return Err(unsupported(
                        &id,
                        "a @streaming blob in a structure that is not only an operation input or output",
                    ));
                }
                if def.error.is_some() {
                    errors.push(def);
                } else {
                    types.push(TypeDef::Struct(def));
                }
            }
            NamedKind::Enum | NamedKind::IntEnum => types.push(TypeDef::Enum(enums::lower_enum(
                &cx,
                &id,
                shape,
                &named.name,
            )?)),
            NamedKind::Union => types.push(TypeDef::Union(structure::lower_union(
                &mut cx,
                &id,
                shape,
                &named.name,
            )?)),
        }
    }
    types.sort_by(|a, b| a.name().cmp(b.name()));
    errors.sort_by(|a, b| a.name.cmp(&b.name));
    let service = match index.service() {
        Some(id) => Some(lower_service(&cx, id)?),
        None => None,
    };
    let mut operations = Vec::new();
    let mut modules = Namespace::new(index.service().unwrap_or(&ShapeId::prelude("Unit")));
    let op_ids: Vec<ShapeId> = index
        .closure()
        .filter(|(_, s)| s.kind == ShapeKind::Operation)
        .map(|(id, _)| id.clone())
        .collect();
    if let (None, Some(op)) = (index.service(), op_ids.first()) {
        return Err(ErrorKind::Invalid {
            id: op.clone(),
            reason: "the model has operations but no service, so no protocol to send them with"
                .into(),
        });
    }
    for id in op_ids {
        let op = operation::lower_operation(&mut cx, &id, &types)?;
        modules.claim(op.module.clone(), id.as_str())?;
        operations.push(op);
    }
    operations.sort_by(|a, b| a.module.cmp(&b.module));
    let mut endpoint = cx.endpoint.take();
    if let (Some(rules), Some(id)) = (endpoint.as_mut(), index.service()) {
        let shape = index.shape(id)?;
        let cases = TraitView::new(id, &shape.traits).endpoint_tests()?;
        rules.tests = endpoint_tests::lower_tests(&cases, rules, &operations);
    }
    Ok(Ir {
        crate_name: opts.crate_name.clone(),
        model_file: opts.model_file.clone(),
        service,
        types,
        errors,
        operations,
        markers: cx.markers.into_iter().collect(),
        uses: cx.uses,
        omitted,
        endpoint: endpoint.map(Box::new),
    })
}

fn lower_service(cx: &LowerCx<'_>, id: &ShapeId) -> Result<ServiceDef> {
    let shape = cx.index.shape(id)?;
    let t = cx.traits(id, shape);
    let sdk_id = sdk_id(id, t)?;
    let signing_name = t.sigv4_name()?.map(str::to_string);
    let endpoint_prefix = t
        .aws_service()?
        .and_then(|s| s.endpoint_prefix)
        .or_else(|| signing_name.clone())
        .unwrap_or_else(|| sdk_id.to_ascii_lowercase().replace(' ', "-"));
    Ok(ServiceDef {
        endpoint_prefix,
        shape_id: id.to_string(),
        docs: cx.docs(t)?,
        version: shape.refs.version.clone(),
        sdk_id,
        signing_name,
        protocol: cx.protocol,
        headers: cx.custom.headers.clone(),
        query_compatible: t.flag(ids::AWS_QUERY_COMPATIBLE)?,
        wire_name: id.name().to_string(),
        xml_namespace: xml::namespace(t)?,
        xml_no_error_wrapping: t.rest_xml_no_error_wrapping()?,
    })
}

/// `aws.api#service` sdkId, or the shape name.
fn sdk_id(id: &ShapeId, t: TraitView<'_>) -> Result<String> {
    Ok(t.aws_service()?
        .and_then(|s| s.sdk_id)
        .unwrap_or_else(|| id.name().to_string()))
}

/// Decides which shapes become named Rust types, and their names. Structures used only as
/// operation input or output live in the operation's module instead.
fn assign_names(index: &ShapeIndex) -> Result<BTreeMap<ShapeId, NamedRef>> {
    let mut member_targets = BTreeSet::new();
    let mut renames = BTreeMap::new();
    if let Some(svc) = index.service() {
        renames = index.shape(svc)?.refs.rename.clone();
    }
    let mut io_shapes = BTreeSet::new();
    for (_, shape) in index.closure() {
        for m in &shape.members {
            member_targets.insert(m.target.clone());
        }
        if shape.kind == ShapeKind::Operation {
            io_shapes.extend(shape.refs.input.iter().cloned());
            io_shapes.extend(shape.refs.output.iter().cloned());
        }
    }
    let scope = index
        .service()
        .cloned()
        .unwrap_or_else(|| ShapeId::prelude("Unit"));
    let mut types_ns = Namespace::new(&scope);
    let mut errors_ns = Namespace::new(&scope);
    let mut out = BTreeMap::new();
    for (id, shape) in index.closure() {
        if id.namespace() == "smithy.api" {
            continue;
        }
        let t = TraitView::new(id, &shape.traits);
        let kind = match shape.kind {
            ShapeKind::Structure => {
                if io_shapes.contains(id)
                    && !member_targets.contains(id)
                    && t.error_fault()?.is_none()
                {
                    continue;
                }
                NamedKind::Struct
            }
            ShapeKind::Union => NamedKind::Union,
            ShapeKind::Enum => NamedKind::Enum,
            ShapeKind::IntEnum => NamedKind::IntEnum,
            ShapeKind::String if t.legacy_enum()?.is_some() => NamedKind::Enum,
            _ => continue,
        };
        let smithy_name = renames.get(id).map_or(id.name(), String::as_str);
        let name = naming::type_name(smithy_name);
        let is_error = kind == NamedKind::Struct && t.error_fault()?.is_some();
        let (ns, module) = if is_error {
            (
                &mut errors_ns,
                vec!["types".to_string(), "error".to_string()],
            )
        } else {
            (&mut types_ns, vec!["types".to_string()])
        };
        let name = ns.claim(name, id.as_str())?;
        out.insert(id.clone(), NamedRef { module, name, kind });
    }
    Ok(out)
}

/// The error for a model feature this generator does not support yet.
pub(crate) fn unsupported(id: &ShapeId, what: &str) -> ErrorKind {
    ErrorKind::Unsupported {
        id: id.clone(),
        what: what.to_string(),
    }
}

#[cfg(test)]
#[path = "tests/ir.rs"]
mod tests;
