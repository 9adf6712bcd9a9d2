//! The public (not `@private`) shape names of the `smithy.api` prelude, which relative shape
//! IDs fall back to.

pub const PRELUDE_NAMES: &[&str] = &[
    "String", "Blob", "BigInteger", "BigDecimal", "Timestamp", "Document", "Boolean", "Byte",
    "Short", "Integer", "Long", "Float", "Double", "PrimitiveBoolean", "PrimitiveByte",
    "PrimitiveShort", "PrimitiveInteger", "PrimitiveLong", "PrimitiveFloat", "PrimitiveDouble",
    "Unit", "trait", "deprecated", "box", "documentation", "externalDocumentation", "auth",
    "protocolDefinition", "authDefinition", "httpBasicAuth", "httpDigestAuth", "httpBearerAuth",
    "httpApiKeyAuth", "traitValidators", "metadata", "default", "addedDefault", "clientOptional",
    "optionalAuth", "examples", "error", "retryable", "readonly", "idempotent",
    "idempotencyToken", "internal", "jsonName", "xmlAttribute", "xmlFlattened", "xmlName",
    "xmlNamespace", "noReplace", "mediaType", "references", "resourceIdentifier", "private",
    "sensitive", "since", "streaming", "requiresLength", "longPoll", "tags", "title", "enum",
    "enumValue", "length", "range", "pattern", "required", "property", "notProperty",
    "nestedProperties", "recommended", "sparse", "uniqueItems", "unstable", "paginated", "http",
    "httpLabel", "httpQuery", "httpQueryParams", "httpHeader", "httpPrefixHeaders",
    "httpPayload", "httpError", "httpResponseCode", "cors", "eventPayload", "eventHeader",
    "idRef", "timestampFormat", "endpoint", "hostLabel", "suppress", "httpChecksumRequired",
    "input", "output", "unitType", "mixin", "requestCompression",
];

pub fn is_prelude_name(name: &str) -> bool {
    PRELUDE_NAMES.contains(&name)
}

/// The prelude traits whose shape is a list: applied without a value, they are `[]`.
pub const PRELUDE_LIST_TRAITS: &[&str] = &["auth", "examples", "references", "tags", "enum", "suppress"];
