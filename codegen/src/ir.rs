//! The Rust-level description of a generated crate. Plain data: every name is final and legal,
//! and each wire name sits beside its Rust name. Emitters read only this, never Smithy traits.

pub mod endpoint;

/// A whole generated crate.
#[derive(Debug, Clone, PartialEq)]
pub struct Ir {
    /// The crate (package) name.
    pub crate_name: String,
    /// The model file, relative to the workspace, for headers and docs.
    pub model_file: String,
    /// The service, when the model has one.
    pub service: Option<ServiceDef>,
    /// Structures, enums and unions in `types`, sorted by name.
    pub types: Vec<TypeDef>,
    /// Error structures in `types::error`, sorted by name.
    pub errors: Vec<StructDef>,
    /// Operations, sorted by module name.
    pub operations: Vec<OperationDef>,
    /// Required-member markers for typestate builders, sorted.
    pub markers: Vec<String>,
    /// Which runtime support the crate needs.
    pub uses: Uses,
    /// Operations of the service left out because the generator cannot send them yet.
    pub omitted: Vec<OmittedOperation>,
    /// The service's endpoint rules, when it has a rule set.
    pub endpoint: Option<Box<endpoint::EndpointRules>>,
}

/// An operation the crate leaves out, and why.
#[derive(Debug, Clone, PartialEq)]
pub struct OmittedOperation {
    /// The Smithy operation name.
    pub name: String,
    /// The Smithy shape ID.
    pub shape_id: String,
    /// Why it was left out.
    pub reason: String,
}

/// Runtime support needed by the types in a crate.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Uses {
    /// Timestamps (chrono and the timestamp codecs).
    pub timestamps: bool,
    /// Blobs (base64).
    pub blobs: bool,
    /// Documents.
    pub documents: bool,
    /// `bigInteger` or `bigDecimal` (serde_json's `raw_value`).
    pub big_numbers: bool,
    /// `@streaming` blobs (`primitives::ByteStream`).
    pub streams: bool,
    /// A [`RequestHook::Gzip`] (the gzip encoder).
    pub compression: bool,
    /// A checksum [`RequestHook`] (MD5, SHA-256 tree hash, base64).
    pub checksums: bool,
    /// HTTP binding helpers (labels, query, header lists): restJson1.
    pub http_bindings: bool,
    /// The JSON protocol layer (bodies, error identification): restJson1, awsJson.
    pub json_protocol: bool,
    /// The XML reader, the generated types' XML readers and XML error bodies (and the quick-xml
    /// dependency): awsQuery, ec2Query, restXml.
    pub xml: bool,
    /// Form-encoded query request bodies: awsQuery, ec2Query.
    pub query: bool,
    /// The XML writer (`rt/xml_writer.rs`) and the generated types' XML writers: restXml
    /// request bodies.
    pub xml_writer: bool,
}

/// Facts about the service.
#[derive(Debug, Clone, PartialEq)]
pub struct ServiceDef {
    /// The Smithy shape ID.
    pub shape_id: String,
    /// The shape name as written (awsJson's `X-Amz-Target` prefix).
    pub wire_name: String,
    /// Markdown docs.
    pub docs: Option<String>,
    /// The API version.
    pub version: Option<String>,
    /// `aws.api#service` sdkId, or the shape name.
    pub sdk_id: String,
    /// The SigV4 signing name, if any.
    pub signing_name: Option<String>,
    /// The endpoint prefix: `aws.api#service` `endpointPrefix`, else the signing name, else the sdkId.
    pub endpoint_prefix: String,
    /// The protocol the client speaks.
    pub protocol: Protocol,
    /// Headers every request carries (service customizations such as API Gateway's `Accept`,
    /// awsQueryCompatible's `x-amzn-query-mode`).
    pub headers: Vec<(String, String)>,
    /// `aws.protocols#awsQueryCompatible`: error codes may come from `x-amzn-query-error`.
    pub query_compatible: bool,
    /// The service's `@xmlNamespace`: the default namespace of an XML request body's root
    /// when its structure declares none (restXml).
    pub xml_namespace: Option<XmlNamespace>,
    /// `@restXml(noErrorWrapping: true)`: error bodies are a bare `<Error>` (S3).
    pub xml_no_error_wrapping: bool,
}

/// The wire protocols the generator implements.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Protocol {
    /// `aws.protocols#restJson1`.
    RestJson1,
    /// `aws.protocols#awsJson1_0`.
    AwsJson1_0,
    /// `aws.protocols#awsJson1_1`.
    AwsJson1_1,
    /// `aws.protocols#awsQuery`.
    AwsQuery,
    /// `aws.protocols#ec2Query`.
    Ec2Query,
    /// `aws.protocols#restXml`.
    RestXml,
}

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

/// A member's XML facts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct XmlMember {
    /// The element (or attribute) name: `@xmlName`, else the member name. For an
    /// `@httpPayload` structure or union, the document's root: the member's `@xmlName`, else
    /// the target's, else the target's shape name.
    pub name: String,
    /// `@xmlAttribute`.
    pub attribute: bool,
    /// `@xmlFlattened`: a list's items (a map's entries) repeat the member's element itself.
    pub flattened: bool,
    /// `@xmlNamespace` on the member (for an `@httpPayload` structure or union, else on the
    /// target).
    pub namespace: Option<XmlNamespace>,
}

/// An `@xmlNamespace`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct XmlNamespace {
    /// The prefix (`xmlns:prefix`), or `None` for the default namespace (`xmlns`).
    pub prefix: Option<String>,
    /// The namespace URI.
    pub uri: String,
}

/// XML names inside a list: the item element (`member` unless the list's member has
/// `@xmlName`) and its namespace.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListXml {
    /// The item element's name.
    pub item: String,
    /// `@xmlNamespace` on the list's member.
    pub namespace: Option<XmlNamespace>,
}

/// XML names inside a map: `key` and `value` unless their members have `@xmlName`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MapXml {
    /// The key element's name.
    pub key: String,
    /// The value element's name.
    pub value: String,
    /// `@xmlNamespace` on the key member.
    pub key_namespace: Option<XmlNamespace>,
    /// `@xmlNamespace` on the value member.
    pub value_namespace: Option<XmlNamespace>,
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

/// Where a member travels in an HTTP request or response.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HttpBinding {
    /// A member of the JSON body document.
    Body,
    /// `@httpLabel`.
    Label,
    /// `@httpQuery(name)`.
    Query(String),
    /// `@httpQueryParams`.
    QueryParams,
    /// `@httpHeader(name)`.
    Header(String),
    /// `@httpPrefixHeaders(prefix)`.
    PrefixHeaders(String),
    /// `@httpPayload`.
    Payload,
    /// `@httpResponseCode`.
    ResponseCode,
}

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

/// An operation and its module.
#[derive(Debug, Clone, PartialEq)]
pub struct OperationDef {
    /// The Smithy shape ID.
    pub shape_id: String,
    /// The operation name in `UpperCamelCase`.
    pub name: String,
    /// The shape name as written (awsJson's `X-Amz-Target`, awsQuery's `Action`).
    pub wire_name: String,
    /// The module name (`get_stage_deployment`).
    pub module: String,
    /// Markdown docs.
    pub docs: Option<String>,
    /// The input structure (`{Op}Input`).
    pub input: StructDef,
    /// The output structure (`{Op}Output`).
    pub output: StructDef,
    /// The error enum (`{Op}Error`).
    pub error: ErrorEnumDef,
    /// The `@http` binding.
    pub http: HttpDef,
    /// `aws.auth#unsignedPayload`: the body is signed as `UNSIGNED-PAYLOAD`.
    pub unsigned_payload: bool,
    /// What is done to the serialized request before signing, in order.
    pub hooks: Vec<RequestHook>,
    /// The input field (`Option<String>`) whose URL, when set, replaces the endpoint.
    pub endpoint_field: Option<String>,
    /// `@paginated` (merged with the service's default), resolved against the input and output.
    pub pagination: Pagination,
    /// `aws.customizations#s3UnwrappedXmlOutput`: the XML response's root element is the
    /// output's one body member itself, not a wrapper around it (S3's `GetBucketLocation`).
    pub xml_unwrapped_output: bool,
    /// The endpoint parameters the operation sets, from its traits and input.
    pub endpoint_bindings: Vec<endpoint::ParamBinding>,
}

/// A step between serializing a request and signing it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RequestHook {
    /// `@requestCompression` with `gzip`: compress the body as the config allows.
    Gzip,
    /// `@httpChecksumRequired`: `Content-MD5`.
    ContentMd5,
    /// Glacier's `X-Amz-Content-Sha256` and `X-Amz-Sha256-Tree-Hash` on payload uploads.
    GlacierTreeHash,
}

/// Whether and how an operation pages.
#[derive(Debug, Clone, PartialEq)]
pub enum Pagination {
    /// Not `@paginated`.
    None,
    /// A paginator is generated.
    Paginator(Box<PaginatorDef>),
    /// `@paginated`, but no paginator is generated; the reason goes into the docs.
    Skipped(String),
}

/// A paginator: the facts the emitter needs, with Rust names and types resolved.
#[derive(Debug, Clone, PartialEq)]
pub struct PaginatorDef {
    /// The page paginator's builder, returned by `into_paginator()` (`ListXPaginator`).
    pub name: String,
    /// The page stream, returned by its `send()` (`ListXPages`).
    pub pages: String,
    /// The input field that carries the token.
    pub input_token: FieldAccess,
    /// Where the output's token is.
    pub output_token: MemberPath,
    /// The token's type, without `Option` (the same in the input and the output).
    pub token_ty: TypeRef,
    /// Whether the token type has an empty value (`String`, blob, list, map) that ends paging.
    pub token_can_be_empty: bool,
    /// The page-size input field, if any.
    pub page_size: Option<PageSizeDef>,
    /// The items the item paginator flattens, if the trait names them.
    pub items: Option<ItemsDef>,
}

/// A field of a structure with what is needed to read or write it.
#[derive(Debug, Clone, PartialEq)]
pub struct FieldAccess {
    /// The Smithy member name, for docs.
    pub member: String,
    /// The Rust field name.
    pub field: String,
    /// Whether it is stored as `Option<T>`.
    pub optional: bool,
    /// Whether the value is a `Box<T>` (a recursive member).
    pub boxed: bool,
}

/// A path of members from an output structure down to a value (`Result.NextToken`).
#[derive(Debug, Clone, PartialEq)]
pub struct MemberPath {
    /// The path as written in the trait, for docs.
    pub text: String,
    /// Each step, from the output structure down.
    pub steps: Vec<FieldAccess>,
}

/// The page-size input member.
#[derive(Debug, Clone, PartialEq)]
pub struct PageSizeDef {
    /// The field.
    pub field: FieldAccess,
    /// Its type (an integer type), without `Option`.
    pub ty: TypeRef,
}

/// The items an item paginator yields.
#[derive(Debug, Clone, PartialEq)]
pub struct ItemsDef {
    /// The item paginator's builder (`ListXPaginatorItems`).
    pub name: String,
    /// The item stream (`ListXItems`).
    pub stream: String,
    /// Where the list or map is in the output.
    pub path: MemberPath,
    /// The collection type: a [`TypeRef::List`] (items are its elements) or a [`TypeRef::Map`]
    /// (items are `(key, value)` pairs).
    pub collection: TypeRef,
}

/// The `@http` trait of an operation.
#[derive(Debug, Clone, PartialEq)]
pub struct HttpDef {
    /// The method.
    pub method: String,
    /// The URI pattern.
    pub uri: String,
    /// The success status.
    pub code: u16,
    /// The path pattern split into literal text and labels.
    pub path: Vec<PathPart>,
    /// Literal query parameters from the pattern (`?k=v`), in order; `None` for a bare key.
    pub query: Vec<(String, Option<String>)>,
    /// The `@endpoint` host prefix template split into literal text and `@hostLabel` labels
    /// (never greedy); empty when the operation has none.
    pub host_prefix: Vec<PathPart>,
}

/// A piece of a URI path pattern.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PathPart {
    /// Literal text, already valid in a URI.
    Literal(String),
    /// A label bound to an input field.
    Label {
        /// The Rust field name.
        field: String,
        /// The Smithy member name, for messages.
        member: String,
        /// `{X+}`: keeps `/`.
        greedy: bool,
        /// Sent instead of an empty value (Glacier's `accountId` is `-`).
        empty_as: Option<String>,
    },
}

/// An operation's error enum.
#[derive(Debug, Clone, PartialEq)]
pub struct ErrorEnumDef {
    /// The Rust name.
    pub name: String,
    /// One variant per modeled error, sorted by name.
    pub variants: Vec<ErrorVariant>,
}

/// One modeled error of an operation.
#[derive(Debug, Clone, PartialEq)]
pub struct ErrorVariant {
    /// The variant name (the error type's name).
    pub name: String,
    /// The `is_*` predicate.
    pub is_fn: String,
    /// The error type.
    pub ty: NamedRef,
    /// The code that identifies the error on the wire: the shape name, or for awsQuery and
    /// ec2Query its `@awsQueryError` code.
    pub code: String,
    /// The code `code()` reports: the `@awsQueryError` code for the query protocols and
    /// `@awsQueryCompatible` services (what their `x-amzn-query-error` header says), else `code`.
    pub reported_code: String,
}
