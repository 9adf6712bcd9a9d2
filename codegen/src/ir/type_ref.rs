//! References to types from fields and elements.

use super::{ListXml, MapXml};

/// A field or element type.
#[derive(Debug, Clone, PartialEq)]
pub enum TypeRef {
    /// `String`.
    String,
    /// `bool`.
    Bool,
    /// `i8`.
    Byte,
    /// `i16`.
    Short,
    /// `i32`.
    Integer,
    /// `i64`.
    Long,
    /// `f32`.
    Float,
    /// `f64`.
    Double,
    /// `Vec<u8>`, base64 in JSON.
    Blob,
    /// A `@streaming` blob: `crate::primitives::ByteStream`, only ever an operation's
    /// `@httpPayload`.
    ByteStream {
        /// `@requiresLength`: a body of unknown length is refused before sending.
        requires_length: bool,
    },
    /// `crate::primitives::Document`.
    Document,
    /// `crate::primitives::BigInteger`, the exact decimal text.
    BigInteger,
    /// `crate::primitives::BigDecimal`, the exact decimal text.
    BigDecimal,
    /// `crate::primitives::DateTime` with its wire format.
    Timestamp(TimestampFormat),
    /// A generated type.
    Named(NamedRef),
    /// `Vec<T>`, or `Vec<Option<T>>` when sparse.
    List {
        /// Element type.
        item: Box<TypeRef>,
        /// `@sparse`.
        sparse: bool,
        /// XML item names (restXml, awsQuery, ec2Query).
        xml: Box<ListXml>,
    },
    /// `HashMap<K, V>`, or `HashMap<K, Option<V>>` when sparse.
    Map {
        /// Key type (a string or string enum).
        key: Box<TypeRef>,
        /// Value type.
        value: Box<TypeRef>,
        /// `@sparse`.
        sparse: bool,
        /// XML key and value names (restXml, awsQuery, ec2Query).
        xml: Box<MapXml>,
    },
    /// `Box<T>`, for recursive members.
    Boxed(Box<TypeRef>),
}

impl TypeRef {
    /// A number or boolean: `Copy`, passed and returned by value.
    pub fn is_copy_scalar(&self) -> bool {
        matches!(
            self,
            TypeRef::Bool
                | TypeRef::Byte
                | TypeRef::Short
                | TypeRef::Integer
                | TypeRef::Long
                | TypeRef::Float
                | TypeRef::Double
        )
    }
}

/// A reference to a generated type.
#[derive(Debug, Clone, PartialEq)]
pub struct NamedRef {
    /// Module path from the crate root, e.g. `["types"]`.
    pub module: Vec<String>,
    /// The type name.
    pub name: String,
    /// What kind of type it is (decides the zero value).
    pub kind: NamedKind,
}

/// Kinds of generated types.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NamedKind {
    /// A structure.
    Struct,
    /// A string enum.
    Enum,
    /// An int enum.
    IntEnum,
    /// A union.
    Union,
}

/// The three Smithy timestamp formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TimestampFormat {
    /// RFC 3339.
    DateTime,
    /// Seconds since the epoch, as a number.
    EpochSeconds,
    /// IMF-fixdate.
    HttpDate,
}
