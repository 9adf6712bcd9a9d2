//! Operations: their HTTP bindings, request hooks and error enums.

use super::endpoint;
use super::{NamedRef, Pagination, StructDef};

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
    /// The client's builder for a call (`{Op}FluentBuilder`).
    pub fluent_builder: String,
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
