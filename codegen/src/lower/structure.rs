//! Structures (including errors, inputs and outputs) and unions.

use super::defaults::lower_default;
use super::types::member_type;
use super::{LowerCx, enums, protocol};
use crate::error::Result;
use crate::index::Presence as IndexPresence;
use crate::ir::{
    DefaultValue, EnumDef, ErrorInfo, FieldDef, HttpBinding, Marker, NamedKind, Presence,
    RetryClass, StructDef, TypeRef, UnionDef, UnionVariant,
};
use crate::model::traits::{TraitView, ids};
use crate::model::{Shape, ShapeId};
use crate::naming::{self, Namespace};

/// Method names the generator puts on structures and builders; a member that would take one
/// gets a `_value` suffix instead.
const RESERVED_METHODS: &[&str] = &["builder", "build", "retry_kind", "meta"];

/// Error codes that classify as throttling even without `@retryable`.
const THROTTLING_NAMES: &[&str] = &[
    "ThrottlingException",
    "TooManyRequestsException",
    "Throttling",
];

/// Lowers a structure, naming it `name`.
pub(crate) fn lower_structure(
    cx: &mut LowerCx<'_>,
    id: &ShapeId,
    shape: &Shape,
    name: &str,
) -> Result<StructDef> {
    let t = TraitView::new(id, &shape.traits);
    let mut fields_ns = Namespace::new(id);
    let mut setters_ns = Namespace::new(id);
    let mut states_ns = Namespace::new(id);
    let mut fields = Vec::with_capacity(shape.members.len());
    for member in &shape.members {
        let member_id = id.with_member(&member.name);
        let mt = TraitView::new(&member_id, &member.traits);
        let mut rust = naming::field_name(&member.name);
        if RESERVED_METHODS.contains(&rust.as_str()) {
            rust.push_str("_value");
        }
        let rust = fields_ns.claim(rust, &member.name)?;
        let option_setter = setters_ns.claim(naming::option_setter(&rust), &member.name)?;
        setters_ns.claim(rust.clone(), &member.name)?;
        let http = if protocol::uses_http_bindings(cx.protocol) {
            http_binding(mt)?
        } else {
            HttpBinding::Body
        };
        // The protocol's default timestamp format depends on where the member travels.
        let default_format = protocol::default_timestamp_format(cx.protocol, &http);
        let ty = member_type(cx, id, member, default_format)?;
        check_binding(&member_id, &http, &ty)?;
        if matches!(ty, TypeRef::ByteStream { .. }) && http != HttpBinding::Payload {
            return Err(crate::error::ErrorKind::Invalid {
                id: member_id,
                reason: "a member targeting a @streaming blob must be the @httpPayload".into(),
            });
        }
        let into_accessor = match ty {
            TypeRef::ByteStream { .. } => {
                Some(fields_ns.claim(naming::into_accessor(&rust), &member.name)?)
            }
            _ => None,
        };
        let presence = match cx.index.presence(id, member)? {
            // The customization that sends `-` for an empty account ID also fills it in.
            _ if cx.custom.account_id_dash
                && member.name == "accountId"
                && http == HttpBinding::Label
                && ty == TypeRef::String =>
            {
                Presence::Default(DefaultValue::String("-".into()))
            }
            IndexPresence::Required => {
                let (marker, marker_member) = naming::missing_marker(&member.name);
                cx.markers.insert(Marker {
                    name: marker.clone(),
                    member: marker_member,
                });
                let state = states_ns.claim(naming::state_param(&rust), &member.name)?;
                Presence::Required { marker, state }
            }
            IndexPresence::Default(v) => {
                Presence::Default(lower_default(&member_id, &ty, &v, |n| {
                    enum_def_by_name(cx, n)
                })?)
            }
            IndexPresence::Optional => Presence::Optional,
        };
        let target = cx.index.shape(&member.target)?;
        let media_type = TraitView::new(&member.target, &target.traits)
            .string(ids::MEDIA_TYPE)?
            .map(str::to_string);
        if media_type.is_some() && ty == TypeRef::String && matches!(http, HttpBinding::Header(_)) {
            // A `@mediaType` string travels base64-encoded in a header.
            cx.uses.blobs = true;
        }
        let json_name = if protocol::honors_json_name(cx.protocol) {
            mt.string(ids::JSON_NAME)?
        } else {
            None
        };
        let wire = json_name.unwrap_or(&member.name).to_string();
        let xml = if http == HttpBinding::Payload {
            super::xml::payload_root(mt, &member.name, &member.target, target)?
        } else {
            super::xml::member(mt, &member.name)?
        };
        fields.push(FieldDef {
            member: member.name.clone(),
            name: rust,
            option_setter,
            wire,
            wire_aliases: Vec::new(),
            ty,
            presence,
            docs: cx.docs(mt)?,
            sensitive: mt.flag(ids::SENSITIVE)?
                || cx
                    .index
                    .shape(&member.target)
                    .map(|s| s.traits.keys().any(|k| k.as_str() == ids::SENSITIVE))?,
            http,
            idempotency_token: mt.flag(ids::IDEMPOTENCY_TOKEN)?,
            media_type,
            into_accessor,
            xml,
            query_name: super::xml::query_name(cx.protocol, mt, &member.name)?,
        });
    }
    let error = match t.error_fault()? {
        None => None,
        Some(server_fault) => Some(error_info(cx, id, t, server_fault, &fields)?),
    };
    // AWS services send an error's message as `message` or `Message`, whatever the model says.
    if let Some(message) = error.as_ref().and_then(|e| e.message_field.as_ref())
        && let Some(f) = fields.iter_mut().find(|f| &f.name == message)
    {
        let other = swap_first_case(&f.wire);
        if other != f.wire {
            f.wire_aliases.push(other);
        }
    }
    let holds_stream = fields
        .iter()
        .any(|f| matches!(f.ty, TypeRef::ByteStream { .. }));
    Ok(StructDef {
        shape_id: id.to_string(),
        name: name.to_string(),
        builder: naming::builder_name(name),
        docs: cx.docs(t)?,
        fields,
        error,
        holds_stream,
        xml_name: t.string(ids::XML_NAME)?.unwrap_or(id.name()).to_string(),
        xml_namespace: super::xml::namespace(t)?,
    })
}

fn enum_def_by_name(cx: &LowerCx<'_>, name: &str) -> Option<EnumDef> {
    let (id, _) = cx
        .named
        .iter()
        .find(|(_, r)| r.name == name && r.module == ["types"])?;
    let shape = cx.index.shape(id).ok()?;
    enums::lower_enum(cx, id, shape, name).ok()
}

fn http_binding(mt: TraitView<'_>) -> Result<HttpBinding> {
    Ok(if mt.flag(ids::HTTP_LABEL)? {
        HttpBinding::Label
    } else if let Some(q) = mt.string(ids::HTTP_QUERY)? {
        HttpBinding::Query(q.to_string())
    } else if mt.flag(ids::HTTP_QUERY_PARAMS)? {
        HttpBinding::QueryParams
    } else if let Some(h) = mt.string(ids::HTTP_HEADER)? {
        HttpBinding::Header(h.to_string())
    } else if let Some(p) = mt.string(ids::HTTP_PREFIX_HEADERS)? {
        HttpBinding::PrefixHeaders(p.to_string())
    } else if mt.flag(ids::HTTP_PAYLOAD)? {
        HttpBinding::Payload
    } else if mt.flag(ids::HTTP_RESPONSE_CODE)? {
        HttpBinding::ResponseCode
    } else {
        HttpBinding::Body
    })
}

fn error_info(
    cx: &LowerCx<'_>,
    id: &ShapeId,
    t: TraitView<'_>,
    server_fault: bool,
    fields: &[FieldDef],
) -> Result<ErrorInfo> {
    let query_error = protocol::honors_aws_query_error(cx.protocol);
    let mut http_status = t.http_error()?;
    if query_error && http_status.is_none() {
        http_status = t.aws_query_error_status()?;
    }
    let retry = match t.retryable()? {
        Some(true) => Some(RetryClass::Throttling),
        Some(false) => Some(RetryClass::Transient),
        None if http_status == Some(429) || THROTTLING_NAMES.contains(&id.name()) => {
            Some(RetryClass::Throttling)
        }
        None if server_fault => Some(RetryClass::Transient),
        None => None,
    };
    let message_field = fields
        .iter()
        .find(|f| f.member.eq_ignore_ascii_case("message") && f.ty == TypeRef::String)
        .map(|f| f.name.clone());
    Ok(ErrorInfo {
        code: error_code(cx, id, t)?,
        server_fault,
        http_status,
        retry,
        message_field,
    })
}

/// An error's wire code: its `@awsQueryError` code in the query protocols, else its shape name.
pub(crate) fn error_code(cx: &LowerCx<'_>, id: &ShapeId, t: TraitView<'_>) -> Result<String> {
    if protocol::honors_aws_query_error(cx.protocol)
        && let Some(code) = t.aws_query_error_code()?
    {
        return Ok(code.to_string());
    }
    Ok(id.name().to_string())
}

/// Lowers a union into an enum with an `Unknown` variant.
pub(crate) fn lower_union(
    cx: &mut LowerCx<'_>,
    id: &ShapeId,
    shape: &Shape,
    name: &str,
) -> Result<UnionDef> {
    let mut ns = Namespace::new(id);
    ns.reserve("Unknown", "the generated Unknown variant");
    let mut variants = Vec::with_capacity(shape.members.len());
    for member in &shape.members {
        let member_id = id.with_member(&member.name);
        let mut rust = naming::type_name(&member.name);
        if ns.contains(&rust) && rust == "Unknown" {
            rust = "UnknownValue".into();
        }
        let rust = ns.claim(rust, &member.name)?;
        let ty = if member.target.as_str() == "smithy.api#Unit" {
            None
        } else {
            let format = protocol::default_timestamp_format(cx.protocol, &HttpBinding::Body);
            let ty = member_type(cx, id, member, format)?;
            if matches!(ty, TypeRef::ByteStream { .. }) {
                return Err(super::unsupported(
                    &member_id,
                    "a @streaming blob in a union",
                ));
            }
            Some(ty)
        };
        let mt = TraitView::new(&member_id, &member.traits);
        let json_name = if protocol::honors_json_name(cx.protocol) {
            mt.string(ids::JSON_NAME)?
        } else {
            None
        };
        let (is_fn, as_fn) = naming::union_accessors(&rust);
        variants.push(UnionVariant {
            name: rust,
            is_fn,
            as_fn,
            wire: json_name.unwrap_or(&member.name).to_string(),
            xml_name: mt
                .string(ids::XML_NAME)?
                .unwrap_or(&member.name)
                .to_string(),
            ty,
            docs: cx.docs(mt)?,
        });
    }
    Ok(UnionDef {
        shape_id: id.to_string(),
        name: name.to_string(),
        docs: cx.docs(TraitView::new(id, &shape.traits))?,
        variants,
    })
}

/// `Message` ↔ `message`.
fn swap_first_case(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(c) if c.is_ascii_uppercase() => c.to_ascii_lowercase().to_string() + chars.as_str(),
        Some(c) => c.to_ascii_uppercase().to_string() + chars.as_str(),
        None => String::new(),
    }
}

/// Whether a value of `ty` can be written as one label, query value or header value.
fn is_scalar(ty: &TypeRef, blob_ok: bool) -> bool {
    match ty {
        TypeRef::String
        | TypeRef::Bool
        | TypeRef::Byte
        | TypeRef::Short
        | TypeRef::Integer
        | TypeRef::Long
        | TypeRef::BigInteger
        | TypeRef::BigDecimal
        | TypeRef::Float
        | TypeRef::Double
        | TypeRef::Timestamp(_) => true,
        TypeRef::Blob => blob_ok,
        TypeRef::Named(n) => matches!(n.kind, NamedKind::Enum | NamedKind::IntEnum),
        TypeRef::Boxed(inner) => is_scalar(inner, blob_ok),
        _ => false,
    }
}

/// The HTTP binding traits' target rules: labels take scalars; query values and headers take
/// scalars or lists of them; `@httpQueryParams` and `@httpPrefixHeaders` take maps.
fn check_binding(member: &ShapeId, http: &HttpBinding, ty: &TypeRef) -> Result<()> {
    let list_of_scalars =
        |blob_ok| matches!(ty, TypeRef::List { item, .. } if is_scalar(item, blob_ok));
    let ok = match http {
        HttpBinding::Body | HttpBinding::Payload => true,
        HttpBinding::Label => is_scalar(ty, false),
        HttpBinding::Query(_) => is_scalar(ty, false) || list_of_scalars(false),
        HttpBinding::Header(_) => is_scalar(ty, true) || list_of_scalars(true),
        HttpBinding::QueryParams => matches!(ty, TypeRef::Map { value, .. }
            if is_scalar(value, false) || matches!(value.as_ref(), TypeRef::List { item, .. } if is_scalar(item, false))),
        HttpBinding::PrefixHeaders(_) => {
            matches!(ty, TypeRef::Map { value, .. } if is_scalar(value, false))
        }
        HttpBinding::ResponseCode => matches!(ty, TypeRef::Integer),
    };
    if ok {
        Ok(())
    } else {
        let name = match http {
            HttpBinding::Label => "@httpLabel",
            HttpBinding::Query(_) => "@httpQuery",
            HttpBinding::Header(_) => "@httpHeader",
            HttpBinding::QueryParams => "@httpQueryParams",
            HttpBinding::PrefixHeaders(_) => "@httpPrefixHeaders",
            HttpBinding::ResponseCode => "@httpResponseCode",
            HttpBinding::Body | HttpBinding::Payload => "the body",
        };
        Err(crate::error::ErrorKind::Invalid {
            id: member.clone(),
            reason: format!("{name} cannot carry a member of this type"),
        })
    }
}
