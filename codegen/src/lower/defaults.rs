//! `@default` values, checked against the member's Rust type.

use serde_json::Value;

use crate::error::{ErrorKind, Result};
use crate::ir::{DefaultValue, EnumDef, NamedKind, TypeRef};
use crate::model::ShapeId;

/// chrono's `DateTime<Utc>` covers about ±262,000 years; staying well inside it means the
/// generated `DateTime::from_timestamp` of a checked default cannot fail.
const MAX_EPOCH_SECONDS: f64 = 8.0e12;

/// Converts a default value for a member of type `ty`. `enum_def` resolves enum defaults.
pub(crate) fn lower_default(
    member: &ShapeId,
    ty: &TypeRef,
    value: &Value,
    enum_def: impl Fn(&str) -> Option<EnumDef>,
) -> Result<DefaultValue> {
    let bad = |why: &str| ErrorKind::InvalidTrait {
        id: member.clone(),
        trait_id: "smithy.api#default".into(),
        reason: why.to_string(),
    };
    let int = |min: i64, max: i64| -> Result<DefaultValue> {
        value
            .as_i64()
            .filter(|v| (min..=max).contains(v))
            .map(DefaultValue::Int)
            .ok_or_else(|| bad("expected an integer in range for the member's type"))
    };
    Ok(match ty {
        TypeRef::Boxed(inner) => return lower_default(member, inner, value, enum_def),
        TypeRef::Bool => {
            DefaultValue::Bool(value.as_bool().ok_or_else(|| bad("expected a boolean"))?)
        }
        TypeRef::Byte => int(i8::MIN.into(), i8::MAX.into())?,
        TypeRef::Short => int(i16::MIN.into(), i16::MAX.into())?,
        TypeRef::Integer => int(i32::MIN.into(), i32::MAX.into())?,
        TypeRef::Long => int(i64::MIN, i64::MAX)?,
        TypeRef::Float | TypeRef::Double => {
            DefaultValue::Float(value.as_f64().ok_or_else(|| bad("expected a number"))?)
        }
        TypeRef::String => DefaultValue::String(
            value
                .as_str()
                .ok_or_else(|| bad("expected a string"))?
                .to_string(),
        ),
        // Decoded here, with the runtime's own decoder, so a bad default is a model error and
        // the generated code holds the bytes.
        TypeRef::Blob | TypeRef::ByteStream { .. } => DefaultValue::Blob(
            value
                .as_str()
                .and_then(crate::runtime::shared::base64::decode)
                .ok_or_else(|| bad("expected a base64 string"))?,
        ),
        TypeRef::Document => DefaultValue::Document(value.clone()),
        // The model's number text, checked with the runtime's own grammar.
        TypeRef::BigInteger | TypeRef::BigDecimal => {
            let text = match value {
                Value::Number(n) => n.to_string(),
                _ => return Err(bad("expected a number")),
            };
            let ok = if *ty == TypeRef::BigInteger {
                text.parse::<crate::runtime::shared::big_number::BigInteger>()
                    .is_ok()
            } else {
                text.parse::<crate::runtime::shared::big_number::BigDecimal>()
                    .is_ok()
            };
            if !ok {
                return Err(bad("expected a number of the member's kind"));
            }
            DefaultValue::BigNumber(text)
        }
        TypeRef::List { .. } => match value.as_array() {
            Some(a) if a.is_empty() => DefaultValue::EmptyList,
            _ => return Err(bad("a list default must be []")),
        },
        TypeRef::Map { .. } => match value.as_object() {
            Some(o) if o.is_empty() => DefaultValue::EmptyMap,
            _ => return Err(bad("a map default must be {}")),
        },
        TypeRef::Timestamp(_) => {
            let (secs, nanos) = match value {
                Value::Number(n) => {
                    let f = n.as_f64().ok_or_else(|| bad("expected epoch seconds"))?;
                    if !f.is_finite() || f.abs() > MAX_EPOCH_SECONDS {
                        return Err(bad("epoch seconds out of range"));
                    }
                    let secs = f.floor();
                    (
                        secs as i64,
                        ((f - secs) * 1e9).round().min(999_999_999.0) as u32,
                    )
                }
                Value::String(s) => parse_utc(s)
                    .ok_or_else(|| bad("expected a date-time like 1970-01-01T00:00:00Z"))?,
                _ => return Err(bad("expected epoch seconds or a date-time string")),
            };
            if secs.unsigned_abs() as f64 > MAX_EPOCH_SECONDS {
                return Err(bad("timestamp out of range"));
            }
            DefaultValue::Timestamp(secs, nanos)
        }
        TypeRef::Named(named) => match named.kind {
            NamedKind::Enum => {
                let v = value
                    .as_str()
                    .ok_or_else(|| bad("expected an enum string"))?;
                match enum_def(&named.name)
                    .and_then(|e| e.variants.into_iter().find(|x| x.value == v))
                {
                    Some(variant) => DefaultValue::EnumVariant(variant.name),
                    None => DefaultValue::EnumUnknown(v.to_string()),
                }
            }
            NamedKind::IntEnum => {
                let v = value
                    .as_i64()
                    .and_then(|v| i32::try_from(v).ok())
                    .ok_or_else(|| bad("expected a 32-bit integer"))?;
                match enum_def(&named.name)
                    .and_then(|e| e.variants.into_iter().find(|x| x.value == v.to_string()))
                {
                    Some(variant) => DefaultValue::IntEnumVariant(variant.name),
                    None => DefaultValue::IntEnumUnknown(v),
                }
            }
            NamedKind::Struct | NamedKind::Union => {
                return Err(bad("structures and unions cannot have a default"));
            }
        },
    })
}

/// Parses `YYYY-MM-DDTHH:MM:SS[.fff]Z` into epoch seconds and nanoseconds.
fn parse_utc(s: &str) -> Option<(i64, u32)> {
    let b = s.as_bytes();
    if b.len() < 20
        || b[4] != b'-'
        || b[7] != b'-'
        || b[10] != b'T'
        || b[13] != b':'
        || b[16] != b':'
    {
        return None;
    }
    let num = |r: std::ops::Range<usize>| s.get(r)?.parse::<i64>().ok();
    let (y, mo, d) = (num(0..4)?, num(5..7)?, num(8..10)?);
    let (h, mi, se) = (num(11..13)?, num(14..16)?, num(17..19)?);
    let tail = s.get(19..)?.strip_suffix('Z')?;
    let nanos = match tail.strip_prefix('.') {
        None if tail.is_empty() => 0,
        Some(f) if !f.is_empty() && f.len() <= 9 && f.bytes().all(|c| c.is_ascii_digit()) => {
            f.parse::<u32>().ok()? * 10u32.pow(9 - f.len() as u32)
        }
        _ => return None,
    };
    if !(1..=12).contains(&mo) || !(1..=31).contains(&d) || h > 23 || mi > 59 || se > 59 {
        return None;
    }
    // Days from the civil date (proleptic Gregorian), after H. Hinnant's published algorithm.
    let y = if mo <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (mo + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    let days = era * 146_097 + doe - 719_468;
    Some((days * 86_400 + h * 3600 + mi * 60 + se, nanos))
}

#[cfg(test)]
mod tests {
    use super::{lower_default, parse_utc};
    use crate::ir::{DefaultValue, TypeRef};
    use crate::model::ShapeId;

    #[test]
    fn blob_and_timestamp_defaults_are_checked_at_codegen_time() {
        let id = ShapeId::parse("a#S$m").unwrap();
        let lower = |ty: &TypeRef, v: serde_json::Value| lower_default(&id, ty, &v, |_| None);
        assert_eq!(
            lower(&TypeRef::Blob, "Zm9v".into()).unwrap(),
            DefaultValue::Blob(b"foo".to_vec())
        );
        let err = lower(&TypeRef::Blob, "not base64!".into()).unwrap_err();
        assert!(
            err.to_string()
                .contains("a#S$m: trait `smithy.api#default`"),
            "{err}"
        );
        let ts = TypeRef::Timestamp(crate::ir::TimestampFormat::DateTime);
        assert!(lower(&ts, 9.0e12.into()).is_err());
        assert_eq!(
            lower(&ts, 1.5.into()).unwrap(),
            DefaultValue::Timestamp(1, 500_000_000)
        );
    }

    #[test]
    fn utc_dates() {
        assert_eq!(parse_utc("1970-01-01T00:00:00Z"), Some((0, 0)));
        assert_eq!(parse_utc("2015-01-01T00:00:00Z"), Some((1_420_070_400, 0)));
        assert_eq!(
            parse_utc("2000-02-29T12:00:00.5Z"),
            Some((951_825_600, 500_000_000))
        );
        assert_eq!(parse_utc("2000-02-29"), None);
    }
}
