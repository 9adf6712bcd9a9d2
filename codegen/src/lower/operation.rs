//! Operations: the renamed input and output structures, the error enum and the HTTP binding.

use super::paginator::lower_pagination;
use super::structure::lower_structure;
use super::{LowerCx, protocol};
use crate::error::{ErrorKind, Result};
use crate::ir::{
    ErrorEnumDef, ErrorVariant, HttpBinding, HttpDef, OperationDef, PathPart, Presence, Protocol,
    RequestHook, StructDef, TypeDef, TypeRef,
};
use crate::model::traits::HttpTrait;
use crate::model::traits::{TraitView, ids};
use crate::model::{Shape, ShapeId};
use crate::naming;

/// Lowers one operation bound to the service.
/// `types` are the lowered named types, for `@paginated` paths through nested structures.
pub(crate) fn lower_operation(
    cx: &mut LowerCx<'_>,
    id: &ShapeId,
    types: &[TypeDef],
) -> Result<OperationDef> {
    let shape = cx.index.shape(id)?.clone();
    let t = TraitView::new(id, &shape.traits);
    let name = naming::type_name(id.name());
    let module = naming::module_name(id.name());
    let input = io_struct(cx, shape.refs.input.as_ref(), &naming::input_name(&name))?;
    let output = io_struct(cx, shape.refs.output.as_ref(), &naming::output_name(&name))?;
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
        let query_code = {
            let shape = cx.index.shape(e)?;
            TraitView::new(e, &shape.traits)
                .aws_query_error_code()?
                .map(str::to_string)
        };
        let query = matches!(cx.protocol, Protocol::AwsQuery | Protocol::Ec2Query);
        let code = match &query_code {
            Some(c) if query => c.clone(),
            _ => e.name().to_string(),
        };
        let reported_code = match query_code {
            Some(c) if query || cx.query_compatible => c,
            _ => code.clone(),
        };
        variants.push(ErrorVariant {
            name: ty.name.clone(),
            is_fn: naming::is_error_fn(&ty.name),
            code,
            reported_code,
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
    let http = match t.http()? {
        // The RPC protocols ignore `@http`: every call is `POST /`.
        _ if !protocol::uses_http_bindings(cx.protocol) => HttpDef {
            method: "POST".into(),
            uri: "/".into(),
            code: 200,
            path: vec![PathPart::Literal("/".into())],
            query: Vec::new(),
            host_prefix: match t.endpoint_host_prefix()? {
                Some(p) => host_prefix(id, p, &input)?,
                None => Vec::new(),
            },
        },
        Some(h) => HttpDef {
            host_prefix: match t.endpoint_host_prefix()? {
                Some(p) => host_prefix(id, p, &input)?,
                None => Vec::new(),
            },
            ..http_def(id, h, &input)?
        },
        None => {
            return Err(ErrorKind::Invalid {
                id: id.clone(),
                reason: "restJson1 needs an @http trait on every operation".into(),
            });
        }
    };
    let mut http = http;
    if cx.custom.account_id_dash {
        for part in &mut http.path {
            if let PathPart::Label {
                member, empty_as, ..
            } = part
                && member == "accountId"
            {
                *empty_as = Some("-".into());
            }
        }
    }
    if let (Some(member), Some(_)) = (cx.custom.label_in_endpoint, &cx.endpoint) {
        drop_leading_label(&mut http.path, member);
    }
    let hooks = request_hooks(cx, t, &input)?;
    let endpoint_field = cx
        .custom
        .endpoint_member
        .filter(|(op, _)| *op == id.name())
        .and_then(|(_, member)| {
            input.fields.iter().find(|f| {
                f.member == member && f.ty == TypeRef::String && f.presence == Presence::Optional
            })
        })
        .map(|f| f.name.clone());
    let pagination = lower_pagination(cx, id, t, &name, &input, &output, types)?;
    let endpoint_bindings = match &cx.endpoint {
        Some(rules) => super::endpoint_bindings::operation_bindings(
            rules, cx.index, id, &shape, &input, types,
        )?,
        None => Vec::new(),
    };
    Ok(OperationDef {
        endpoint_bindings,
        shape_id: id.to_string(),
        pagination,
        error: ErrorEnumDef {
            name: naming::error_enum_name(&name),
            variants,
        },
        docs: cx.docs(t)?,
        unsigned_payload: t.flag(ids::UNSIGNED_PAYLOAD)?,
        xml_unwrapped_output: t.flag(ids::S3_UNWRAPPED_XML_OUTPUT)?,
        hooks,
        endpoint_field,
        wire_name: id.name().to_string(),
        fluent_builder: naming::fluent_builder_name(&name),
        input,
        output,
        http,
        module,
        name,
    })
}

/// Compression first, so that checksums cover the bytes sent. Of a `@requestCompression`
/// list only the first encoding this client supports counts; `gzip` is the one there is.
fn request_hooks(
    cx: &mut LowerCx<'_>,
    t: TraitView<'_>,
    input: &StructDef,
) -> Result<Vec<RequestHook>> {
    let mut hooks = Vec::new();
    if t.request_compression()?
        .is_some_and(|e| e.iter().any(|e| e == "gzip"))
    {
        hooks.push(RequestHook::Gzip);
        cx.uses.compression = true;
    }
    if t.flag(ids::HTTP_CHECKSUM_REQUIRED)? {
        hooks.push(RequestHook::ContentMd5);
        cx.uses.checksums = true;
        cx.uses.blobs = true;
    }
    if cx.custom.glacier_checksums && input.fields.iter().any(|f| f.http == HttpBinding::Payload) {
        hooks.push(RequestHook::GlacierTreeHash);
        cx.uses.checksums = true;
        cx.uses.blobs = true;
    }
    Ok(hooks)
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
            holds_stream: false,
            xml_name: name.to_string(),
            xml_namespace: None,
        }),
    }
}

/// Splits the URI pattern and checks that labels and `@httpLabel` members match one to one.
/// Takes a leading `/{member}` out of a path (`/{Bucket}/{Key+}` → `/{Key+}`, `/{Bucket}` →
/// `/`), for a label the endpoint already holds.
fn drop_leading_label(path: &mut Vec<PathPart>, member: &str) {
    let starts = matches!(path.as_slice(), [PathPart::Literal(slash), PathPart::Label { member: m, greedy: false, .. }, ..] if slash == "/" && m == member);
    if !starts {
        return;
    }
    path.remove(1);
    if let Some(PathPart::Literal(next)) = path.get(1).cloned()
        && next.starts_with('/')
    {
        path.remove(0);
    }
}

fn http_def(id: &ShapeId, h: HttpTrait, input: &StructDef) -> Result<HttpDef> {
    let invalid = |reason: String| ErrorKind::Invalid {
        id: id.clone(),
        reason,
    };
    let (path_text, query_text) = match h.uri.split_once('?') {
        Some((p, q)) => (p, Some(q)),
        None => (h.uri.as_str(), None),
    };
    let mut path = Vec::new();
    let mut rest = path_text;
    let mut seen = Vec::new();
    while let Some(open) = rest.find('{') {
        let close = rest[open..]
            .find('}')
            .map(|c| open + c)
            .ok_or_else(|| invalid(format!("unclosed label in URI `{}`", h.uri)))?;
        if open > 0 {
            path.push(PathPart::Literal(rest[..open].to_string()));
        }
        let raw = &rest[open + 1..close];
        let (name, greedy) = match raw.strip_suffix('+') {
            Some(n) => (n, true),
            None => (raw, false),
        };
        let field = input
            .fields
            .iter()
            .find(|f| f.member == name && f.http == HttpBinding::Label)
            .ok_or_else(|| {
                invalid(format!(
                    "URI label `{{{raw}}}` has no @httpLabel input member"
                ))
            })?;
        seen.push(field.member.clone());
        path.push(PathPart::Label {
            field: field.name.clone(),
            member: field.member.clone(),
            greedy,
            empty_as: None,
        });
        rest = &rest[close + 1..];
    }
    if !rest.is_empty() {
        path.push(PathPart::Literal(rest.to_string()));
    }
    if let Some(unbound) = input
        .fields
        .iter()
        .find(|f| f.http == HttpBinding::Label && !seen.contains(&f.member))
    {
        return Err(invalid(format!(
            "@httpLabel member `{}` is not in the URI `{}`",
            unbound.member, h.uri
        )));
    }
    let query = query_text
        .map(|q| {
            q.split('&')
                .filter(|p| !p.is_empty())
                .map(|p| match p.split_once('=') {
                    Some((k, v)) => (k.to_string(), Some(v.to_string())),
                    None => (p.to_string(), None),
                })
                .collect()
        })
        .unwrap_or_default();
    Ok(HttpDef {
        method: h.method,
        uri: h.uri,
        code: h.code,
        path,
        query,
        host_prefix: Vec::new(),
    })
}

/// Splits an `@endpoint` host prefix into literal text and labels, each bound to a string
/// input member of the same name (the `@hostLabel` members).
fn host_prefix(id: &ShapeId, template: &str, input: &StructDef) -> Result<Vec<PathPart>> {
    let invalid = |reason: String| ErrorKind::Invalid {
        id: id.clone(),
        reason,
    };
    let mut parts = Vec::new();
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        let close = rest[open..]
            .find('}')
            .map(|c| open + c)
            .ok_or_else(|| invalid(format!("unclosed label in hostPrefix `{template}`")))?;
        if open > 0 {
            parts.push(PathPart::Literal(rest[..open].to_string()));
        }
        let name = &rest[open + 1..close];
        let field = input
            .fields
            .iter()
            .find(|f| f.member == name && f.ty == TypeRef::String)
            .ok_or_else(|| {
                invalid(format!(
                    "hostPrefix label `{{{name}}}` has no string input member of that name"
                ))
            })?;
        parts.push(PathPart::Label {
            field: field.name.clone(),
            member: field.member.clone(),
            greedy: false,
            empty_as: None,
        });
        rest = &rest[close + 1..];
    }
    if !rest.is_empty() {
        parts.push(PathPart::Literal(rest.to_string()));
    }
    Ok(parts)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lit(s: &str) -> PathPart {
        PathPart::Literal(s.into())
    }

    fn label(m: &str, greedy: bool) -> PathPart {
        PathPart::Label {
            field: m.to_lowercase(),
            member: m.into(),
            greedy,
            empty_as: None,
        }
    }

    #[test]
    fn a_leading_label_the_endpoint_holds_leaves_the_path() {
        let mut p = vec![
            lit("/"),
            label("Bucket", false),
            lit("/"),
            label("Key", true),
        ];
        drop_leading_label(&mut p, "Bucket");
        assert_eq!(p, [lit("/"), label("Key", true)]);
        let mut p = vec![lit("/"), label("Bucket", false)];
        drop_leading_label(&mut p, "Bucket");
        assert_eq!(p, [lit("/")]);
        let mut p = vec![lit("/"), label("Bucket", false), lit("/x")];
        drop_leading_label(&mut p, "Bucket");
        assert_eq!(p, [lit("/x")]);
        // Another label, or the label elsewhere, stays.
        let mut p = vec![lit("/v1/"), label("Bucket", false)];
        drop_leading_label(&mut p, "Bucket");
        assert_eq!(p.len(), 2);
        let mut p = vec![lit("/"), label("Name", false)];
        drop_leading_label(&mut p, "Bucket");
        assert_eq!(p.len(), 2);
    }
}
