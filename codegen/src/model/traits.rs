//! Typed, validated reads of the traits the generator understands. A trait with the wrong
//! JSON type is an [`ErrorKind::InvalidTrait`] naming the shape, never a panic.

use serde_json::Value;

use super::{ShapeId, Traits, rules};
use crate::error::{ErrorKind, Result};

mod service;
pub use service::AwsServiceTrait;

/// Trait IDs, in one place.
pub mod ids {
    #![allow(missing_docs)]
    pub const BOX: &str = "smithy.api#box";
    pub const CLIENT_OPTIONAL: &str = "smithy.api#clientOptional";
    pub const DEFAULT: &str = "smithy.api#default";
    pub const DOCUMENTATION: &str = "smithy.api#documentation";
    pub const ENDPOINT: &str = "smithy.api#endpoint";
    pub const ENUM: &str = "smithy.api#enum";
    pub const ENUM_VALUE: &str = "smithy.api#enumValue";
    pub const ERROR: &str = "smithy.api#error";
    pub const HTTP: &str = "smithy.api#http";
    pub const HTTP_CHECKSUM_REQUIRED: &str = "smithy.api#httpChecksumRequired";
    pub const HTTP_ERROR: &str = "smithy.api#httpError";
    pub const HTTP_HEADER: &str = "smithy.api#httpHeader";
    pub const HTTP_LABEL: &str = "smithy.api#httpLabel";
    pub const HTTP_PAYLOAD: &str = "smithy.api#httpPayload";
    pub const HTTP_PREFIX_HEADERS: &str = "smithy.api#httpPrefixHeaders";
    pub const HTTP_QUERY: &str = "smithy.api#httpQuery";
    pub const HTTP_QUERY_PARAMS: &str = "smithy.api#httpQueryParams";
    pub const HTTP_RESPONSE_CODE: &str = "smithy.api#httpResponseCode";
    pub const IDEMPOTENCY_TOKEN: &str = "smithy.api#idempotencyToken";
    pub const INPUT: &str = "smithy.api#input";
    pub const JSON_NAME: &str = "smithy.api#jsonName";
    pub const MEDIA_TYPE: &str = "smithy.api#mediaType";
    pub const MIXIN: &str = "smithy.api#mixin";
    pub const PAGINATED: &str = "smithy.api#paginated";
    pub const REQUEST_COMPRESSION: &str = "smithy.api#requestCompression";
    pub const REQUIRED: &str = "smithy.api#required";
    pub const RETRYABLE: &str = "smithy.api#retryable";
    pub const SENSITIVE: &str = "smithy.api#sensitive";
    pub const SPARSE: &str = "smithy.api#sparse";
    pub const STREAMING: &str = "smithy.api#streaming";
    pub const REQUIRES_LENGTH: &str = "smithy.api#requiresLength";
    pub const UNSIGNED_PAYLOAD: &str = "aws.auth#unsignedPayload";
    pub const TIMESTAMP_FORMAT: &str = "smithy.api#timestampFormat";
    pub const TITLE: &str = "smithy.api#title";
    pub const UNIQUE_ITEMS: &str = "smithy.api#uniqueItems";
    pub const UNIT_TYPE: &str = "smithy.api#unitType";
    pub const SIGV4: &str = "aws.auth#sigv4";
    pub const AWS_SERVICE: &str = "aws.api#service";
    pub const REST_JSON1: &str = "aws.protocols#restJson1";
    pub const AWS_JSON1_0: &str = "aws.protocols#awsJson1_0";
    pub const AWS_JSON1_1: &str = "aws.protocols#awsJson1_1";
    pub const AWS_QUERY: &str = "aws.protocols#awsQuery";
    pub const EC2_QUERY: &str = "aws.protocols#ec2Query";
    pub const REST_XML: &str = "aws.protocols#restXml";
    pub const S3_UNWRAPPED_XML_OUTPUT: &str = "aws.customizations#s3UnwrappedXmlOutput";
    pub const AWS_QUERY_COMPATIBLE: &str = "aws.protocols#awsQueryCompatible";
    pub const AWS_QUERY_ERROR: &str = "aws.protocols#awsQueryError";
    pub const EC2_QUERY_NAME: &str = "aws.protocols#ec2QueryName";
    pub const XML_ATTRIBUTE: &str = "smithy.api#xmlAttribute";
    pub const XML_FLATTENED: &str = "smithy.api#xmlFlattened";
    pub const XML_NAME: &str = "smithy.api#xmlName";
    pub const XML_NAMESPACE: &str = "smithy.api#xmlNamespace";
    pub const PROTOCOL_DEFINITION: &str = "smithy.api#protocolDefinition";
    pub const ENDPOINT_RULE_SET: &str = "smithy.rules#endpointRuleSet";
    pub const ENDPOINT_TESTS: &str = "smithy.rules#endpointTests";
    pub const CLIENT_CONTEXT_PARAMS: &str = "smithy.rules#clientContextParams";
    pub const CONTEXT_PARAM: &str = "smithy.rules#contextParam";
    pub const STATIC_CONTEXT_PARAMS: &str = "smithy.rules#staticContextParams";
    pub const OPERATION_CONTEXT_PARAMS: &str = "smithy.rules#operationContextParams";
    /// Protocol traits whose definitions AWS JSON AST models leave out.
    pub const KNOWN_PROTOCOLS: &[&str] = &[
        "aws.protocols#restJson1",
        "aws.protocols#awsJson1_0",
        "aws.protocols#awsJson1_1",
        "aws.protocols#awsQuery",
        "aws.protocols#ec2Query",
        "aws.protocols#restXml",
        "smithy.protocols#rpcv2Cbor",
    ];
}

/// A read-only view of one shape's or member's traits, with the ID for error messages.
#[derive(Clone, Copy)]
pub struct TraitView<'a> {
    id: &'a ShapeId,
    traits: &'a Traits,
}

impl<'a> TraitView<'a> {
    /// Views `traits`, reporting errors against `id`.
    pub fn new(id: &'a ShapeId, traits: &'a Traits) -> Self {
        TraitView { id, traits }
    }

    fn raw(&self, trait_id: &str) -> Option<&'a Value> {
        self.traits
            .iter()
            .find(|(k, _)| k.as_str() == trait_id)
            .map(|(_, v)| v)
    }

    fn invalid(&self, trait_id: &str, reason: impl Into<String>) -> ErrorKind {
        ErrorKind::InvalidTrait {
            id: self.id.clone(),
            trait_id: trait_id.to_string(),
            reason: reason.into(),
        }
    }

    /// An annotation trait (`{}`; `true` is accepted from older tooling).
    pub fn flag(&self, trait_id: &str) -> Result<bool> {
        match self.raw(trait_id) {
            None => Ok(false),
            Some(Value::Object(_)) | Some(Value::Bool(true)) => Ok(true),
            Some(other) => Err(self.invalid(
                trait_id,
                format!(
                    "expected an annotation object `{{}}`, found {}",
                    kind(other)
                ),
            )),
        }
    }

    /// A trait whose value is a string.
    pub fn string(&self, trait_id: &str) -> Result<Option<&'a str>> {
        match self.raw(trait_id) {
            None => Ok(None),
            Some(Value::String(s)) => Ok(Some(s)),
            Some(other) => Err(self.invalid(
                trait_id,
                format!("expected a string, found {}", kind(other)),
            )),
        }
    }

    /// A trait whose value is an object (validated shape is up to the caller).
    pub fn object(&self, trait_id: &str) -> Result<Option<&'a serde_json::Map<String, Value>>> {
        match self.raw(trait_id) {
            None => Ok(None),
            Some(Value::Object(o)) => Ok(Some(o)),
            Some(other) => Err(self.invalid(
                trait_id,
                format!("expected an object, found {}", kind(other)),
            )),
        }
    }

    /// The raw value of any trait, for traits whose value may be any JSON (`@default`).
    pub fn value(&self, trait_id: &str) -> Option<&'a Value> {
        self.raw(trait_id)
    }

    /// `smithy.rules#endpointRuleSet` on a service.
    pub fn endpoint_rule_set(&self) -> Result<Option<rules::RuleSet>> {
        self.rules_trait(ids::ENDPOINT_RULE_SET, rules::rule_set)
    }

    /// `smithy.rules#endpointTests` on a service.
    pub fn endpoint_tests(&self) -> Result<Vec<rules::EndpointTest>> {
        Ok(self
            .rules_trait(ids::ENDPOINT_TESTS, rules::endpoint_tests)?
            .unwrap_or_default())
    }

    /// `smithy.rules#clientContextParams` on a service.
    pub fn client_context_params(&self) -> Result<Vec<(String, rules::ParamType, Option<String>)>> {
        Ok(self
            .rules_trait(ids::CLIENT_CONTEXT_PARAMS, rules::client_context_params)?
            .unwrap_or_default())
    }

    /// `smithy.rules#staticContextParams` on an operation.
    pub fn static_context_params(&self) -> Result<Vec<(String, Value)>> {
        Ok(self
            .rules_trait(ids::STATIC_CONTEXT_PARAMS, rules::static_context_params)?
            .unwrap_or_default())
    }

    /// `smithy.rules#operationContextParams` on an operation.
    pub fn operation_context_params(&self) -> Result<Vec<(String, String)>> {
        Ok(self
            .rules_trait(
                ids::OPERATION_CONTEXT_PARAMS,
                rules::operation_context_params,
            )?
            .unwrap_or_default())
    }

    /// `smithy.rules#contextParam` on a member: the parameter's name.
    pub fn context_param(&self) -> Result<Option<&'a str>> {
        match self.object(ids::CONTEXT_PARAM)? {
            None => Ok(None),
            Some(o) => o
                .get("name")
                .and_then(Value::as_str)
                .map(Some)
                .ok_or_else(|| self.invalid(ids::CONTEXT_PARAM, "`name` must be a string")),
        }
    }

    fn rules_trait<T>(
        &self,
        trait_id: &str,
        read: fn(&Value) -> std::result::Result<T, String>,
    ) -> Result<Option<T>> {
        self.raw(trait_id)
            .map(|v| read(v).map_err(|reason| self.invalid(trait_id, reason)))
            .transpose()
    }

    /// `@documentation`.
    pub fn documentation(&self) -> Result<Option<&'a str>> {
        self.string(ids::DOCUMENTATION)
    }

    /// `@error`: `Some(true)` for server faults, `Some(false)` for client faults.
    pub fn error_fault(&self) -> Result<Option<bool>> {
        match self.string(ids::ERROR)? {
            None => Ok(None),
            Some("server") => Ok(Some(true)),
            Some("client") => Ok(Some(false)),
            Some(other) => Err(self.invalid(
                ids::ERROR,
                format!("expected \"client\" or \"server\", found \"{other}\""),
            )),
        }
    }

    /// `@httpError`: an HTTP status code.
    pub fn http_error(&self) -> Result<Option<u16>> {
        match self.raw(ids::HTTP_ERROR) {
            None => Ok(None),
            Some(v) => status(v).map(Some).ok_or_else(|| {
                self.invalid(ids::HTTP_ERROR, "expected an integer status code 100-999")
            }),
        }
    }

    /// `@retryable`: `Some(throttling)` when present.
    pub fn retryable(&self) -> Result<Option<bool>> {
        let Some(o) = self.object(ids::RETRYABLE)? else {
            return Ok(None);
        };
        match o.get("throttling") {
            None => Ok(Some(false)),
            Some(Value::Bool(b)) => Ok(Some(*b)),
            Some(_) => Err(self.invalid(ids::RETRYABLE, "`throttling` must be a boolean")),
        }
    }

    /// `@http` on an operation.
    pub fn http(&self) -> Result<Option<HttpTrait>> {
        let Some(o) = self.object(ids::HTTP)? else {
            return Ok(None);
        };
        let method = o
            .get("method")
            .and_then(Value::as_str)
            .filter(|m| !m.is_empty())
            .ok_or_else(|| self.invalid(ids::HTTP, "`method` must be a non-empty string"))?;
        let uri = o
            .get("uri")
            .and_then(Value::as_str)
            .filter(|u| u.starts_with('/'))
            .ok_or_else(|| self.invalid(ids::HTTP, "`uri` must be a string starting with `/`"))?;
        let code = match o.get("code") {
            None => 200,
            Some(v) => status(v)
                .ok_or_else(|| self.invalid(ids::HTTP, "`code` must be an integer status code"))?,
        };
        Ok(Some(HttpTrait {
            method: method.to_string(),
            uri: uri.to_string(),
            code,
        }))
    }

    /// `@endpoint(hostPrefix: …)` on an operation: the host prefix template.
    pub fn endpoint_host_prefix(&self) -> Result<Option<&'a str>> {
        let Some(o) = self.object(ids::ENDPOINT)? else {
            return Ok(None);
        };
        o.get("hostPrefix")
            .and_then(Value::as_str)
            .map(Some)
            .ok_or_else(|| self.invalid(ids::ENDPOINT, "`hostPrefix` must be a string"))
    }

    /// `@xmlNamespace(uri: …, prefix: …)`: the prefix, if any, and the URI.
    pub fn xml_namespace(&self) -> Result<Option<(Option<String>, String)>> {
        let Some(o) = self.object(ids::XML_NAMESPACE)? else {
            return Ok(None);
        };
        let uri = o
            .get("uri")
            .and_then(Value::as_str)
            .ok_or_else(|| self.invalid(ids::XML_NAMESPACE, "`uri` must be a string"))?;
        let prefix = match o.get("prefix") {
            None => None,
            Some(Value::String(p)) => Some(p.clone()),
            Some(_) => {
                return Err(self.invalid(ids::XML_NAMESPACE, "`prefix` must be a string"));
            }
        };
        Ok(Some((prefix, uri.to_string())))
    }

    /// `@restXml(noErrorWrapping: …)` on a service: whether error bodies are a bare `<Error>`
    /// (S3) rather than `<ErrorResponse><Error>`. `false` without the trait.
    pub fn rest_xml_no_error_wrapping(&self) -> Result<bool> {
        let Some(o) = self.object(ids::REST_XML)? else {
            return Ok(false);
        };
        match o.get("noErrorWrapping") {
            None => Ok(false),
            Some(Value::Bool(b)) => Ok(*b),
            Some(_) => Err(self.invalid(ids::REST_XML, "`noErrorWrapping` must be a boolean")),
        }
    }

    /// `@awsQueryError(code: …)`: the error code awsQuery and ec2Query send.
    pub fn aws_query_error_code(&self) -> Result<Option<&'a str>> {
        let Some(o) = self.object(ids::AWS_QUERY_ERROR)? else {
            return Ok(None);
        };
        o.get("code")
            .and_then(Value::as_str)
            .map(Some)
            .ok_or_else(|| self.invalid(ids::AWS_QUERY_ERROR, "`code` must be a string"))
    }

    /// `@awsQueryError(httpResponseCode: …)`: the HTTP status awsQuery and ec2Query send it with.
    pub fn aws_query_error_status(&self) -> Result<Option<u16>> {
        let Some(o) = self.object(ids::AWS_QUERY_ERROR)? else {
            return Ok(None);
        };
        match o.get("httpResponseCode") {
            None => Ok(None),
            Some(v) => v
                .as_u64()
                .and_then(|n| u16::try_from(n).ok())
                .map(Some)
                .ok_or_else(|| {
                    self.invalid(
                        ids::AWS_QUERY_ERROR,
                        "`httpResponseCode` must be an HTTP status",
                    )
                }),
        }
    }

    /// `@requestCompression(encodings: [...])`: the encodings, in the service's order of
    /// preference, lowercased. They must be a non-empty list of strings.
    pub fn request_compression(&self) -> Result<Option<Vec<String>>> {
        let Some(o) = self.object(ids::REQUEST_COMPRESSION)? else {
            return Ok(None);
        };
        let bad = || {
            self.invalid(
                ids::REQUEST_COMPRESSION,
                "`encodings` must be a non-empty list of strings",
            )
        };
        let list = o
            .get("encodings")
            .and_then(Value::as_array)
            .ok_or_else(bad)?;
        if list.is_empty() {
            return Err(bad());
        }
        list.iter()
            .map(|v| v.as_str().map(str::to_ascii_lowercase).ok_or_else(bad))
            .collect::<Result<Vec<_>>>()
            .map(Some)
    }

    /// `@paginated` on an operation or a service. Each member, when present, must be a
    /// non-empty string; `outputToken` and `items` are split into their dot-separated path
    /// segments, each a non-empty identifier.
    pub fn paginated(&self) -> Result<Option<PaginatedTrait>> {
        let Some(o) = self.object(ids::PAGINATED)? else {
            return Ok(None);
        };
        if let Some(unknown) = o.keys().find(|k| {
            !matches!(
                k.as_str(),
                "inputToken" | "outputToken" | "items" | "pageSize"
            )
        }) {
            return Err(self.invalid(ids::PAGINATED, format!("unknown member `{unknown}`")));
        }
        let member = |key: &str| -> Result<Option<String>> {
            match o.get(key) {
                None => Ok(None),
                Some(Value::String(s)) if is_identifier(s) => Ok(Some(s.clone())),
                Some(_) => {
                    Err(self.invalid(ids::PAGINATED, format!("`{key}` must be a member name")))
                }
            }
        };
        let path = |key: &str| -> Result<Option<Vec<String>>> {
            match o.get(key) {
                None => Ok(None),
                Some(Value::String(s)) if s.split('.').all(is_identifier) => {
                    Ok(Some(s.split('.').map(str::to_string).collect()))
                }
                Some(_) => Err(self.invalid(
                    ids::PAGINATED,
                    format!("`{key}` must be a member path like `a` or `a.b`"),
                )),
            }
        };
        Ok(Some(PaginatedTrait {
            input_token: member("inputToken")?,
            output_token: path("outputToken")?,
            items: path("items")?,
            page_size: member("pageSize")?,
        }))
    }

    /// Legacy `@enum` on a string shape.
    pub fn legacy_enum(&self) -> Result<Option<Vec<LegacyEnumValue>>> {
        let Some(v) = self.raw(ids::ENUM) else {
            return Ok(None);
        };
        let bad = || {
            self.invalid(
                ids::ENUM,
                "expected a list of objects with a string `value`",
            )
        };
        let list = v.as_array().ok_or_else(bad)?;
        let mut out = Vec::with_capacity(list.len());
        for entry in list {
            let o = entry.as_object().ok_or_else(bad)?;
            let value = o.get("value").and_then(Value::as_str).ok_or_else(bad)?;
            let name = match o.get("name") {
                None => None,
                Some(Value::String(s)) => Some(s.clone()),
                Some(_) => return Err(self.invalid(ids::ENUM, "`name` must be a string")),
            };
            let documentation = o
                .get("documentation")
                .and_then(Value::as_str)
                .map(str::to_string);
            out.push(LegacyEnumValue {
                value: value.to_string(),
                name,
                documentation,
            });
        }
        Ok(Some(out))
    }

    /// `@timestampFormat`.
    pub fn timestamp_format(&self) -> Result<Option<&'a str>> {
        match self.string(ids::TIMESTAMP_FORMAT)? {
            None => Ok(None),
            Some(f @ ("date-time" | "epoch-seconds" | "http-date")) => Ok(Some(f)),
            Some(other) => {
                Err(self.invalid(ids::TIMESTAMP_FORMAT, format!("unknown format \"{other}\"")))
            }
        }
    }
}

/// The `@http` trait's fields.
#[derive(Debug, Clone, PartialEq)]
pub struct HttpTrait {
    /// The method, as written.
    pub method: String,
    /// The URI pattern.
    pub uri: String,
    /// The success status code (200 when absent).
    pub code: u16,
}

/// The `@paginated` trait's members, each optional until merged with the service's default.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PaginatedTrait {
    /// The input member that carries the continuation token.
    pub input_token: Option<String>,
    /// The path (member names) to the output's continuation token.
    pub output_token: Option<Vec<String>>,
    /// The path (member names) to the output's list or map of items.
    pub items: Option<Vec<String>>,
    /// The input member that limits the page size.
    pub page_size: Option<String>,
}

impl PaginatedTrait {
    /// This operation's settings over the service's defaults: each member the operation sets
    /// wins, the others come from `service`.
    pub fn merged_over(self, service: &PaginatedTrait) -> PaginatedTrait {
        PaginatedTrait {
            input_token: self.input_token.or_else(|| service.input_token.clone()),
            output_token: self.output_token.or_else(|| service.output_token.clone()),
            items: self.items.or_else(|| service.items.clone()),
            page_size: self.page_size.or_else(|| service.page_size.clone()),
        }
    }
}

/// A Smithy identifier: a letter or `_`, then letters, digits and `_`.
fn is_identifier(s: &str) -> bool {
    let mut chars = s.chars();
    chars
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
}

/// One entry of a legacy `@enum` trait.
#[derive(Debug, Clone, PartialEq)]
pub struct LegacyEnumValue {
    /// The wire value.
    pub value: String,
    /// The optional constant name.
    pub name: Option<String>,
    /// The optional documentation.
    pub documentation: Option<String>,
}

fn status(v: &Value) -> Option<u16> {
    v.as_u64()
        .filter(|c| (100..=999).contains(c))
        .and_then(|c| u16::try_from(c).ok())
}

fn kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}
