//! Member targets → [`TypeRef`], including timestamp formats and boxing.

use super::{LowerCx, unsupported};
use crate::error::Result;
use crate::ir::{TimestampFormat, TypeRef};
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
            "streaming members (@streaming blobs and event streams)",
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
            let item_format = TraitView::new(&item_id, &item.traits).timestamp_format()?;
            TypeRef::List {
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
            let value_format = TraitView::new(&value_id, &value.traits).timestamp_format()?;
            TypeRef::Map {
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
