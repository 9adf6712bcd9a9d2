//! Smithy `document` values: untyped JSON-like data.

use ::serde::de::{Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use ::serde::ser::{Serialize, SerializeMap, SerializeSeq, Serializer};

/// An untyped value, as a `document` member carries it.
#[derive(Debug, Clone, PartialEq, Default)]
pub enum Document {
    /// `null`.
    #[default]
    Null,
    /// `true` or `false`.
    Bool(bool),
    /// A number.
    Number(Number),
    /// A string.
    String(::std::string::String),
    /// An array.
    Array(::std::vec::Vec<Document>),
    /// An object; keys keep a stable order.
    Object(::std::collections::BTreeMap<::std::string::String, Document>),
}

/// A document number, kept in the widest type that represents it exactly.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Number {
    /// A non-negative integer.
    PosInt(u64),
    /// A negative integer.
    NegInt(i64),
    /// A floating-point number.
    Float(f64),
}

impl Serialize for Document {
    fn serialize<S: Serializer>(&self, s: S) -> ::std::result::Result<S::Ok, S::Error> {
        match self {
            Document::Null => s.serialize_unit(),
            Document::Bool(b) => s.serialize_bool(*b),
            Document::Number(Number::PosInt(n)) => s.serialize_u64(*n),
            Document::Number(Number::NegInt(n)) => s.serialize_i64(*n),
            Document::Number(Number::Float(n)) => s.serialize_f64(*n),
            Document::String(v) => s.serialize_str(v),
            Document::Array(items) => {
                let mut seq = s.serialize_seq(Some(items.len()))?;
                for item in items {
                    seq.serialize_element(item)?;
                }
                seq.end()
            }
            Document::Object(entries) => {
                let mut map = s.serialize_map(Some(entries.len()))?;
                for (k, v) in entries {
                    map.serialize_entry(k, v)?;
                }
                map.end()
            }
        }
    }
}

impl<'de> Deserialize<'de> for Document {
    fn deserialize<D: Deserializer<'de>>(d: D) -> ::std::result::Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Document;
            fn expecting(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str("any JSON value")
            }
            fn visit_unit<E>(self) -> ::std::result::Result<Document, E> {
                Ok(Document::Null)
            }
            fn visit_none<E>(self) -> ::std::result::Result<Document, E> {
                Ok(Document::Null)
            }
            fn visit_some<D2: Deserializer<'de>>(
                self,
                d: D2,
            ) -> ::std::result::Result<Document, D2::Error> {
                Document::deserialize(d)
            }
            fn visit_bool<E>(self, v: bool) -> ::std::result::Result<Document, E> {
                Ok(Document::Bool(v))
            }
            fn visit_u64<E>(self, v: u64) -> ::std::result::Result<Document, E> {
                Ok(Document::Number(Number::PosInt(v)))
            }
            fn visit_i64<E>(self, v: i64) -> ::std::result::Result<Document, E> {
                Ok(Document::Number(if v < 0 {
                    Number::NegInt(v)
                } else {
                    Number::PosInt(v.unsigned_abs())
                }))
            }
            fn visit_f64<E>(self, v: f64) -> ::std::result::Result<Document, E> {
                Ok(Document::Number(Number::Float(v)))
            }
            fn visit_str<E>(self, v: &str) -> ::std::result::Result<Document, E> {
                Ok(Document::String(v.into()))
            }
            fn visit_string<E>(
                self,
                v: ::std::string::String,
            ) -> ::std::result::Result<Document, E> {
                Ok(Document::String(v))
            }
            fn visit_seq<A: SeqAccess<'de>>(
                self,
                mut seq: A,
            ) -> ::std::result::Result<Document, A::Error> {
                let mut items = ::std::vec::Vec::new();
                while let Some(item) = seq.next_element::<Document>()? {
                    items.push(item);
                }
                Ok(Document::Array(items))
            }
            fn visit_map<A: MapAccess<'de>>(
                self,
                mut map: A,
            ) -> ::std::result::Result<Document, A::Error> {
                let mut entries = ::std::collections::BTreeMap::new();
                while let Some((k, v)) = map.next_entry::<::std::string::String, Document>()? {
                    entries.insert(k, v);
                }
                Ok(Document::Object(entries))
            }
        }
        d.deserialize_any(V)
    }
}

#[cfg(test)]
#[path = "tests/document.rs"]
mod tests;
