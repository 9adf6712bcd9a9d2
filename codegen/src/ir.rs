//! The Rust-level description of a generated crate. Plain data: every name is final and legal,
//! and each wire name sits beside its Rust name. Emitters read only this, never Smithy traits.

pub mod endpoint;
mod operation;
mod paginator;
mod type_ref;
mod types;
mod xml;

pub use operation::{
    ErrorEnumDef, ErrorVariant, HttpBinding, HttpDef, OperationDef, PathPart, RequestHook,
};
pub use paginator::{FieldAccess, ItemsDef, MemberPath, PageSizeDef, Pagination, PaginatorDef};
pub use type_ref::{NamedKind, NamedRef, TimestampFormat, TypeRef};
pub use types::{
    DefaultValue, EnumDef, EnumRepr, ErrorInfo, FieldDef, Marker, Presence, RetryClass, StructDef,
    TypeDef, UnionDef, UnionVariant, VariantDef,
};
pub use xml::{ListXml, MapXml, XmlMember, XmlNamespace};

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
    pub markers: Vec<Marker>,
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
