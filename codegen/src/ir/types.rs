//! Named types: structures and their fields, enums, unions and error facts.

use super::{HttpBinding, TypeRef, XmlMember, XmlNamespace};

/// A named type in `types`.
#[derive(Debug, Clone, PartialEq)]
pub enum TypeDef {
    /// A structure.
    Struct(StructDef),
    /// A string or int enum.
    Enum(EnumDef),
    /// A union.
    Union(UnionDef),
}

impl TypeDef {
    /// The Rust type name.
    pub fn name(&self) -> &str {
        match self {
            TypeDef::Struct(s) => &s.name,
            TypeDef::Enum(e) => &e.name,
            TypeDef::Union(u) => &u.name,
        }
    }
}

/// A structure (also operation inputs, outputs and errors).
#[derive(Debug, Clone, PartialEq)]
pub struct StructDef {
    /// The Smithy shape ID it comes from (`smithy.api#Unit` for a synthesized empty shape).
    pub shape_id: String,
    /// The Rust name.
    pub name: String,
    /// The builder's Rust name.
    pub builder: String,
    /// Markdown docs.
    pub docs: Option<String>,
    /// Fields in model order.
    pub fields: Vec<FieldDef>,
    /// Present for `@error` structures.
    pub error: Option<ErrorInfo>,
    /// Whether a field is a [`TypeRef::ByteStream`]: the structure and its builder are then
    /// neither `Clone` nor `PartialEq`, and have no serde impls.
    pub holds_stream: bool,
    /// The XML element name of the structure as a document root or payload: `@xmlName`, else
    /// the shape name.
    pub xml_name: String,
    /// `@xmlNamespace` on the structure.
    pub xml_namespace: Option<XmlNamespace>,
}

/// One structure member.
#[derive(Debug, Clone, PartialEq)]
pub struct FieldDef {
    /// The Smithy member name.
    pub member: String,
    /// The Rust field and accessor name (may be `r#type`).
    pub name: String,
    /// The setter that takes an `Option` (`set_x`).
    pub option_setter: String,
    /// The JSON key (`@jsonName` or the member name).
    pub wire: String,
    /// Other JSON keys accepted when reading (an error's `message`/`Message`).
    pub wire_aliases: Vec<String>,
    /// The value type, without the `Option` that [`Presence::Optional`] adds.
    pub ty: TypeRef,
    /// Required, defaulted or optional.
    pub presence: Presence,
    /// Markdown docs.
    pub docs: Option<String>,
    /// `@sensitive`: redacted from `Debug`.
    pub sensitive: bool,
    /// `@idempotencyToken`: filled with a fresh UUID v4 when the caller leaves it unset.
    pub idempotency_token: bool,
    /// Where the member travels in an HTTP message.
    pub http: HttpBinding,
    /// The target's `@mediaType`, for a blob or string payload's `Content-Type`.
    pub media_type: Option<String>,
    /// For a [`TypeRef::ByteStream`] field, the method that moves the stream out (`into_body`).
    pub into_accessor: Option<String>,
    /// How the member travels in XML (restXml bodies, awsQuery and ec2Query responses).
    pub xml: XmlMember,
    /// The key of the member in an awsQuery or ec2Query request (`@xmlName`, or for ec2Query
    /// `@ec2QueryName` or the capitalized `@xmlName` or member name).
    pub query_name: String,
}

/// How a field is present.
#[derive(Debug, Clone, PartialEq)]
pub enum Presence {
    /// Always present. The builder has a typestate slot with this marker type name.
    Required {
        /// The marker type for "not yet set".
        marker: String,
        /// The builder's type parameter for this member's state.
        state: String,
    },
    /// Present, with this value when not given.
    Default(DefaultValue),
    /// `Option<T>`.
    Optional,
}

/// A `@default` value, already checked against the member's type.
#[derive(Debug, Clone, PartialEq)]
pub enum DefaultValue {
    /// A boolean.
    Bool(bool),
    /// An integer of any width.
    Int(i64),
    /// A float.
    Float(f64),
    /// A string.
    String(String),
    /// A known string enum variant.
    EnumVariant(String),
    /// A value outside a string enum's list.
    EnumUnknown(String),
    /// A known int enum variant.
    IntEnumVariant(String),
    /// A value outside an int enum's list.
    IntEnumUnknown(i32),
    /// An empty list.
    EmptyList,
    /// An empty map.
    EmptyMap,
    /// A timestamp, as epoch seconds and nanoseconds.
    Timestamp(i64, u32),
    /// Blob bytes, decoded from the model's base64 text.
    Blob(Vec<u8>),
    /// A document value.
    Document(serde_json::Value),
    /// A `bigInteger` or `bigDecimal`, as number text already checked against its grammar.
    BigNumber(String),
}

/// A builder's typestate marker: a required member not set yet.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Marker {
    /// The marker type (`MissingGameName`).
    pub name: String,
    /// The member it stands for, as the marker's docs name it (`GameName`).
    pub member: String,
}

/// A string or int enum with an `Unknown` variant.
#[derive(Debug, Clone, PartialEq)]
pub struct EnumDef {
    /// The Smithy shape ID.
    pub shape_id: String,
    /// The Rust name.
    pub name: String,
    /// Markdown docs.
    pub docs: Option<String>,
    /// Known variants in model order.
    pub variants: Vec<VariantDef>,
    /// String or integer values.
    pub repr: EnumRepr,
}

/// The value type of an enum.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EnumRepr {
    /// `enum` or `@enum` strings.
    String,
    /// `intEnum`.
    Int,
}

/// One known enum value.
#[derive(Debug, Clone, PartialEq)]
pub struct VariantDef {
    /// The Rust variant name.
    pub name: String,
    /// The wire value: the string, or the integer as text.
    pub value: String,
    /// Markdown docs.
    pub docs: Option<String>,
}

/// A union: exactly one member is set.
#[derive(Debug, Clone, PartialEq)]
pub struct UnionDef {
    /// The Smithy shape ID.
    pub shape_id: String,
    /// The Rust name.
    pub name: String,
    /// Markdown docs.
    pub docs: Option<String>,
    /// Variants in model order.
    pub variants: Vec<UnionVariant>,
}

/// One union member.
#[derive(Debug, Clone, PartialEq)]
pub struct UnionVariant {
    /// The Rust variant name.
    pub name: String,
    /// The `is_*` predicate.
    pub is_fn: String,
    /// The `as_*` accessor (for a variant with a payload).
    pub as_fn: String,
    /// The JSON key.
    pub wire: String,
    /// The XML element name (`@xmlName`, else the member name).
    pub xml_name: String,
    /// The payload, or `None` for `smithy.api#Unit`.
    pub ty: Option<TypeRef>,
    /// Markdown docs.
    pub docs: Option<String>,
}

/// Facts about an `@error` structure.
#[derive(Debug, Clone, PartialEq)]
pub struct ErrorInfo {
    /// The error code on the wire (the shape name).
    pub code: String,
    /// `true` for `@error("server")`.
    pub server_fault: bool,
    /// `@httpError`, if any.
    pub http_status: Option<u16>,
    /// The retry classification.
    pub retry: Option<RetryClass>,
    /// The field holding the message (`Message` or `message`), if any.
    pub message_field: Option<String>,
}

/// How an error is retried.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RetryClass {
    /// Throttling.
    Throttling,
    /// Transient.
    Transient,
}
