//! Member targets → [`TypeRef`], including timestamp formats and boxing.

use super::{LowerCx, unsupported};
use crate::error::Result;
use crate::ir::{ListXml, MapXml, TimestampFormat, TypeRef};
use crate::model::traits::{TraitView, ids};
use crate::model::{Member, ShapeId, ShapeKind};

/// The Rust type of `member` (of shape `container`), before any `Option`.
pub(crate) fn member_type(
    cx: &mut LowerCx<'_>,
    container: &ShapeId,
    member: &Member,
    default_format: TimestampFormat,
) -> Result<TypeRef> {
    let member_id = container.with_member(&member.name);
    // A `@streaming` blob is a byte stream, whose placement (an operation's `@httpPayload`)
    // `lower_structure` checks; anywhere deeper it is an error below.
    let target = cx.index.shape(&member.target)?;
    let target_traits = TraitView::new(&member.target, &target.traits);
    if target.kind == ShapeKind::Blob && target_traits.flag(ids::STREAMING)? {
        cx.uses.streams = true;
        return Ok(TypeRef::ByteStream {
            requires_length: target_traits.flag(ids::REQUIRES_LENGTH)?,
        });
    }
    let member_format = TraitView::new(&member_id, &member.traits).timestamp_format()?;
    let ty = target_type(
        cx,
        &member_id,
        &member.target,
        member_format,
        default_format,
    )?;
    Ok(if cx.index.is_boxed(&member_id) {
        TypeRef::Boxed(Box::new(ty))
    } else {
        ty
    })
}

fn target_type(
    cx: &mut LowerCx<'_>,
    from: &ShapeId,
    target: &ShapeId,
    member_format: Option<&str>,
    default_format: TimestampFormat,
) -> Result<TypeRef> {
    let shape = cx.index.shape(target)?;
    let t = TraitView::new(target, &shape.traits);
    if t.flag(ids::STREAMING)? {
        return Err(unsupported(
            from,
            if shape.kind == ShapeKind::Blob {
                "a @streaming blob inside a list or map"
            } else {
                "streaming members (event streams)"
            },
        ));
    }
    if let Some(named) = cx.named.get(target) {
        return Ok(TypeRef::Named(named.clone()));
    }
    Ok(match shape.kind {
        ShapeKind::String => TypeRef::String,
        ShapeKind::Boolean => TypeRef::Bool,
        ShapeKind::Byte => TypeRef::Byte,
        ShapeKind::Short => TypeRef::Short,
        ShapeKind::Integer => TypeRef::Integer,
        ShapeKind::Long => TypeRef::Long,
        ShapeKind::Float => TypeRef::Float,
        ShapeKind::Double => TypeRef::Double,
        ShapeKind::Blob => {
            cx.uses.blobs = true;
            TypeRef::Blob
        }
        ShapeKind::Document => {
            // The XML and query protocols have no representation for documents.
            if cx.index.service().is_some() && !super::protocol::is_json(cx.protocol) {
                return Err(unsupported(
                    from,
                    "a document in a service of an XML or query protocol",
                ));
            }
            cx.uses.documents = true;
            TypeRef::Document
        }
        ShapeKind::BigInteger => {
            cx.uses.big_numbers = true;
            TypeRef::BigInteger
        }
        ShapeKind::BigDecimal => {
            cx.uses.big_numbers = true;
            TypeRef::BigDecimal
        }
        ShapeKind::Timestamp => {
            cx.uses.timestamps = true;
            // Member format, then target format, then the default where the member travels.
            let format = match member_format.or(t.timestamp_format()?) {
                Some("date-time") => TimestampFormat::DateTime,
                Some("http-date") => TimestampFormat::HttpDate,
                Some(_) => TimestampFormat::EpochSeconds,
                None => default_format,
            };
            TypeRef::Timestamp(format)
        }
        ShapeKind::List | ShapeKind::Set => {
            let Some(item) = shape.members.first() else {
                return Err(unsupported(target, "a list without a member"));
            };
            let item_id = target.with_member(&item.name);
            let it = TraitView::new(&item_id, &item.traits);
            let item_format = it.timestamp_format()?;
            TypeRef::List {
                xml: Box::new(ListXml {
                    item: super::xml::item_name(it, "member")?,
                    namespace: super::xml::namespace(it)?,
                }),
                item: Box::new(target_type(
                    cx,
                    &item_id,
                    &item.target,
                    item_format,
                    default_format,
                )?),
                sparse: t.flag(ids::SPARSE)?,
            }
        }
        ShapeKind::Map => {
            let (Some(key), Some(value)) = (shape.member("key"), shape.member("value")) else {
                return Err(unsupported(target, "a map without key and value"));
            };
            let key_id = target.with_member("key");
            let value_id = target.with_member("value");
            let key_ty = target_type(cx, &key_id, &key.target, None, default_format)?;
            if !matches!(key_ty, TypeRef::String | TypeRef::Named(_)) {
                return Err(unsupported(target, "map keys that are not strings"));
            }
            let kt = TraitView::new(&key_id, &key.traits);
            let vt = TraitView::new(&value_id, &value.traits);
            let value_format = vt.timestamp_format()?;
            TypeRef::Map {
                xml: Box::new(MapXml {
                    key: super::xml::item_name(kt, "key")?,
                    value: super::xml::item_name(vt, "value")?,
                    key_namespace: super::xml::namespace(kt)?,
                    value_namespace: super::xml::namespace(vt)?,
                }),
                key: Box::new(key_ty),
                value: Box::new(target_type(
                    cx,
                    &value_id,
                    &value.target,
                    value_format,
                    default_format,
                )?),
                sparse: t.flag(ids::SPARSE)?,
            }
        }
        ShapeKind::Structure if target.as_str() == "smithy.api#Unit" => {
            return Err(unsupported(
                from,
                "a structure member that targets smithy.api#Unit",
            ));
        }
        ShapeKind::Structure | ShapeKind::Union | ShapeKind::Enum | ShapeKind::IntEnum => {
            return Err(unsupported(
                from,
                "a target that is not in the service closure",
            ));
        }
        ShapeKind::Service | ShapeKind::Operation | ShapeKind::Resource => {
            return Err(unsupported(
                from,
                "a member that targets a service, operation or resource",
            ));
        }
    })
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use crate::ir::{HttpBinding, TypeRef};
    use crate::{Options, lower_ir};

    /// A service with one operation whose input has `members` and whose output streams.
    fn model(input_members: serde_json::Value, extra: serde_json::Value) -> String {
        let mut shapes = json!({
            "ex#Svc": {"type": "service", "operations": [{"target": "ex#Put"}],
                "traits": {"aws.protocols#restJson1": {}}},
            "ex#Put": {"type": "operation", "input": {"target": "ex#PutInput"},
                "output": {"target": "ex#PutOutput"},
                "traits": {"smithy.api#http": {"method": "PUT", "uri": "/p", "code": 200},
                    "aws.auth#unsignedPayload": {}}},
            "ex#PutInput": {"type": "structure", "members": input_members},
            "ex#PutOutput": {"type": "structure", "members": {
                "Body": {"target": "ex#Stream",
                    "traits": {"smithy.api#httpPayload": {}, "smithy.api#default": ""}}}},
            "ex#Stream": {"type": "blob", "traits": {"smithy.api#streaming": {}}},
            "ex#Sized": {"type": "blob",
                "traits": {"smithy.api#streaming": {}, "smithy.api#requiresLength": {}}}
        });
        if let (Some(s), Some(e)) = (shapes.as_object_mut(), extra.as_object()) {
            s.extend(e.clone());
        }
        json!({"smithy": "2.0", "shapes": shapes}).to_string()
    }

    fn lower(json: &str) -> Result<crate::ir::Ir, String> {
        let opts = Options {
            crate_name: "ex".into(),
            model_file: "ex.json".into(),
            operations: None,
            service: None,
            partitions: None,
        };
        lower_ir(json, &opts).map_err(|e| e.to_string())
    }

    #[test]
    fn streaming_payloads_lower_to_byte_streams() {
        let ir = lower(&model(
            json!({"Data": {"target": "ex#Sized", "traits": {"smithy.api#httpPayload": {}}}}),
            json!({}),
        ))
        .expect("lowers");
        assert!(ir.uses.streams);
        let op = &ir.operations[0];
        assert!(op.unsigned_payload);
        assert!(op.input.holds_stream && op.output.holds_stream);
        let data = &op.input.fields[0];
        assert_eq!(
            data.ty,
            TypeRef::ByteStream {
                requires_length: true
            }
        );
        assert_eq!(data.http, HttpBinding::Payload);
        assert_eq!(data.into_accessor.as_deref(), Some("into_data"));
        assert_eq!(
            op.output.fields[0].ty,
            TypeRef::ByteStream {
                requires_length: false
            }
        );
    }

    #[test]
    fn streaming_blobs_elsewhere_are_errors() {
        let not_payload = lower(&model(json!({"Data": {"target": "ex#Stream"}}), json!({})))
            .expect_err("not a payload");
        assert!(
            not_payload.contains("ex#PutInput$Data") && not_payload.contains("@httpPayload"),
            "{not_payload}"
        );
        let in_list = lower(&model(
            json!({"Items": {"target": "ex#Streams"}}),
            json!({"ex#Streams": {"type": "list", "member": {"target": "ex#Stream"}}}),
        ))
        .expect_err("in a list");
        assert!(in_list.contains("inside a list or map"), "{in_list}");
        let nested = lower(&model(
            json!({"Inner": {"target": "ex#Holder"}}),
            json!({"ex#Holder": {"type": "structure", "members": {
                "Data": {"target": "ex#Stream", "traits": {"smithy.api#httpPayload": {}}}}}}),
        ))
        .expect_err("in a nested structure");
        assert!(
            nested.contains("ex#Holder") && nested.contains("@streaming blob"),
            "{nested}"
        );
    }
}
