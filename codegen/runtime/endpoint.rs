//! The resolved [`Endpoint`], its [`Property`] values, [`ResolveEndpointError`], and what the
//! orchestrator takes from an endpoint (`into_resolved`). The rules interpreter is
//! `endpoint_eval.rs`.
//!
//! Names and the strings the rule set itself holds are `Cow::Borrowed` from static data, so a
//! typical endpoint (URL plus `authSchemes`) costs few allocations.

use ::std::borrow::Cow;

/// A resolved endpoint: the URL, headers to send, and properties such as `authSchemes`.
#[derive(Debug, Clone, PartialEq)]
pub struct Endpoint {
    url: ::std::string::String,
    headers: ::std::vec::Vec<(Cow<'static, str>, ::std::vec::Vec<::std::string::String>)>,
    properties: ::std::vec::Vec<(Cow<'static, str>, Property)>,
}

impl Endpoint {
    /// An endpoint with this URL and no headers or properties.
    pub fn new(url: impl ::std::convert::Into<::std::string::String>) -> Self {
        Endpoint {
            url: url.into(),
            headers: ::std::vec::Vec::new(),
            properties: ::std::vec::Vec::new(),
        }
    }
    /// An endpoint of the rules engine.
    pub(crate) fn from_parts(
        url: ::std::string::String,
        headers: ::std::vec::Vec<(Cow<'static, str>, ::std::vec::Vec<::std::string::String>)>,
        properties: ::std::vec::Vec<(Cow<'static, str>, Property)>,
    ) -> Self {
        Endpoint {
            url,
            headers,
            properties,
        }
    }
    /// Adds a value of a header.
    pub fn with_header(
        mut self,
        name: impl ::std::convert::Into<Cow<'static, str>>,
        value: impl ::std::convert::Into<::std::string::String>,
    ) -> Self {
        let name = name.into();
        match self.headers.iter_mut().find(|(n, _)| *n == name) {
            Some((_, values)) => values.push(value.into()),
            None => self.headers.push((name, ::std::vec![value.into()])),
        }
        self
    }
    /// Sets a property.
    pub fn with_property(
        mut self,
        name: impl ::std::convert::Into<Cow<'static, str>>,
        value: impl ::std::convert::Into<Property>,
    ) -> Self {
        let (name, value) = (name.into(), value.into());
        match self.properties.iter_mut().find(|(n, _)| *n == name) {
            Some((_, v)) => *v = value,
            None => self.properties.push((name, value)),
        }
        self
    }
    /// The URL: scheme, host, optional port and base path.
    pub fn url(&self) -> &str {
        &self.url
    }
    /// Headers each request to this endpoint carries, with their values.
    pub fn headers(&self) -> impl ::std::iter::Iterator<Item = (&str, &[::std::string::String])> {
        self.headers.iter().map(|(n, v)| (n.as_ref(), v.as_slice()))
    }
    /// Properties, such as `authSchemes` (how to sign for this endpoint).
    pub fn properties(&self) -> impl ::std::iter::Iterator<Item = (&str, &Property)> {
        self.properties.iter().map(|(n, v)| (n.as_ref(), v))
    }
    /// One property.
    pub fn property(&self, name: &str) -> ::std::option::Option<&Property> {
        self.properties
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v)
    }
}

/// The shape of an endpoint test's `expect.endpoint`: `url`, and `headers` and `properties`
/// when not empty.
impl ::serde::Serialize for Endpoint {
    fn serialize<S: ::serde::Serializer>(&self, s: S) -> ::std::result::Result<S::Ok, S::Error> {
        use ::serde::ser::SerializeMap as _;
        let len =
            1 + usize::from(!self.headers.is_empty()) + usize::from(!self.properties.is_empty());
        let mut map = s.serialize_map(Some(len))?;
        map.serialize_entry("url", &self.url)?;
        if !self.headers.is_empty() {
            map.serialize_entry("headers", &Entries(&self.headers))?;
        }
        if !self.properties.is_empty() {
            map.serialize_entry("properties", &Entries(&self.properties))?;
        }
        map.end()
    }
}

/// Name-value pairs serialized as a JSON object.
struct Entries<'a, V>(&'a [(Cow<'static, str>, V)]);

impl<V: ::serde::Serialize> ::serde::Serialize for Entries<'_, V> {
    fn serialize<S: ::serde::Serializer>(&self, s: S) -> ::std::result::Result<S::Ok, S::Error> {
        s.collect_map(self.0.iter().map(|(k, v)| (k.as_ref(), v)))
    }
}

/// An endpoint property's value: a string, boolean, number, list or object.
#[derive(Debug, Clone, PartialEq)]
pub enum Property {
    /// A string.
    String(Cow<'static, str>),
    /// A boolean.
    Bool(bool),
    /// An integer.
    Int(i64),
    /// A list.
    Array(::std::vec::Vec<Property>),
    /// An object, in the rule set's key order.
    Object(::std::vec::Vec<(Cow<'static, str>, Property)>),
}

impl Property {
    /// The string, if it is one.
    pub fn as_str(&self) -> ::std::option::Option<&str> {
        match self {
            Property::String(s) => Some(s),
            _ => None,
        }
    }
    /// The boolean, if it is one.
    pub fn as_bool(&self) -> ::std::option::Option<bool> {
        match self {
            Property::Bool(b) => Some(*b),
            _ => None,
        }
    }
    /// The list, if it is one.
    pub fn as_array(&self) -> ::std::option::Option<&[Property]> {
        match self {
            Property::Array(items) => Some(items),
            _ => None,
        }
    }
    /// An object's member.
    pub fn get(&self, key: &str) -> ::std::option::Option<&Property> {
        match self {
            Property::Object(fields) => fields.iter().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        }
    }
}

impl ::serde::Serialize for Property {
    fn serialize<S: ::serde::Serializer>(&self, s: S) -> ::std::result::Result<S::Ok, S::Error> {
        match self {
            Property::String(v) => s.serialize_str(v),
            Property::Bool(b) => s.serialize_bool(*b),
            Property::Int(i) => s.serialize_i64(*i),
            Property::Array(items) => s.collect_seq(items),
            Property::Object(fields) => Entries(fields).serialize(s),
        }
    }
}

impl ::std::convert::From<&'static str> for Property {
    fn from(s: &'static str) -> Self {
        Property::String(Cow::Borrowed(s))
    }
}

impl ::std::convert::From<::std::string::String> for Property {
    fn from(s: ::std::string::String) -> Self {
        Property::String(Cow::Owned(s))
    }
}

impl ::std::convert::From<bool> for Property {
    fn from(b: bool) -> Self {
        Property::Bool(b)
    }
}

/// JSON as a property (`null` and fractional numbers, which rule sets never produce, become
/// strings of their JSON text).
impl ::std::convert::From<::serde_json::Value> for Property {
    fn from(v: ::serde_json::Value) -> Self {
        match v {
            ::serde_json::Value::String(s) => Property::String(Cow::Owned(s)),
            ::serde_json::Value::Bool(b) => Property::Bool(b),
            ::serde_json::Value::Number(n) if n.is_i64() => {
                Property::Int(n.as_i64().unwrap_or_default())
            }
            ::serde_json::Value::Array(items) => {
                Property::Array(items.into_iter().map(Property::from).collect())
            }
            ::serde_json::Value::Object(fields) => Property::Object(
                fields
                    .into_iter()
                    .map(|(k, v)| (Cow::Owned(k), Property::from(v)))
                    .collect(),
            ),
            other => Property::String(Cow::Owned(other.to_string())),
        }
    }
}

/// Why no endpoint could be resolved: the rule set's own error message, or a missing
/// required parameter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResolveEndpointError {
    message: ::std::string::String,
}

impl ResolveEndpointError {
    /// An error with this message.
    pub fn message(message: impl ::std::convert::Into<::std::string::String>) -> Self {
        ResolveEndpointError {
            message: message.into(),
        }
    }
    /// The message.
    pub fn as_str(&self) -> &str {
        &self.message
    }
}

impl ::std::fmt::Display for ResolveEndpointError {
    fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
        f.write_str(&self.message)
    }
}

impl ::std::error::Error for ResolveEndpointError {}

/// The auth scheme this client signs with: an endpoint's `authSchemes` may only adjust it.
const SIGV4: &str = "sigv4";

/// An operation's `resolve_endpoint` and the orchestrator's `endpoint`, for input type
/// `$input`, beside the `endpoint_params` the generator writes; with `@params` first, that
/// `endpoint_params` too, for the many operations that bind no parameter of their own.
#[allow(unused_macros, reason = "a crate without operations does not use it")]
macro_rules! operation_endpoint {
    (@params $input:ident) => {
        /// The endpoint parameters of a call with this input and config: the config's, then
        /// the defaults (the operation binds none of its own).
        #[inline]
        pub fn endpoint_params(
            _input: &$input,
            config: &$crate::config::Config,
        ) -> ::std::result::Result<
            $crate::config::endpoint::Params,
            $crate::config::endpoint::ResolveEndpointError,
        > {
            $crate::config::endpoint::ParamsBuilder::from_config(config).build()
        }

        $crate::rt::endpoint::operation_endpoint!($input);
    };
    ($input:ident) => {
        /// The endpoint a call with this input and config goes to.
        #[inline]
        pub fn resolve_endpoint(
            input: &$input,
            config: &$crate::config::Config,
        ) -> ::std::result::Result<
            $crate::config::endpoint::Endpoint,
            $crate::config::endpoint::ResolveEndpointError,
        > {
            $crate::config::endpoint::resolve(config, &endpoint_params(input, config)?)
        }

        /// The orchestrator's view of [`resolve_endpoint`].
        #[inline]
        pub(crate) fn endpoint(
            input: &$input,
            config: &$crate::config::Config,
            _service: &$crate::rt::service_endpoint::ServiceMeta,
        ) -> ::std::result::Result<
            $crate::rt::service_endpoint::ResolvedEndpoint,
            ::std::string::String,
        > {
            let endpoint = resolve_endpoint(input, config).map_err(|e| e.to_string())?;
            $crate::rt::endpoint::into_resolved(endpoint)
        }
    };
}
#[allow(unused_imports, reason = "a crate without operations does not use it")]
pub(crate) use operation_endpoint;

/// What the orchestrator needs of a resolved endpoint: its URL (checked as an override is),
/// headers, and the signing settings of its `sigv4` auth scheme. An endpoint that lists auth
/// schemes but not `sigv4` cannot be called by this client, and the error says which it needs.
pub(crate) fn into_resolved(
    endpoint: Endpoint,
) -> ::std::result::Result<super::service_endpoint::ResolvedEndpoint, ::std::string::String> {
    let mut resolved = super::service_endpoint::ResolvedEndpoint::url(
        super::service_endpoint::check_endpoint_url(&endpoint.url)?,
    );
    let schemes = endpoint
        .property("authSchemes")
        .and_then(Property::as_array)
        .unwrap_or_default();
    let name = |s: &Property| s.get("name").and_then(Property::as_str).map(str::to_string);
    match schemes.iter().find(|s| name(s).as_deref() == Some(SIGV4)) {
        Some(scheme) => {
            let text = |k: &str| scheme.get(k).and_then(Property::as_str).map(str::to_string);
            let flag = |k: &str| scheme.get(k).and_then(Property::as_bool).unwrap_or(false);
            resolved.signing_name = text("signingName");
            resolved.signing_region = text("signingRegion");
            resolved.double_encode = !flag("disableDoubleEncoding");
            resolved.normalize_path = !flag("disableNormalizePath");
        }
        None => {
            if let Some(other) = schemes.first().and_then(name) {
                return Err(format!(
                    "the endpoint `{}` requires the `{other}` auth scheme, which this client does not support (it signs with SigV4 only)",
                    resolved.url
                ));
            }
        }
    }
    resolved.headers = endpoint
        .headers
        .into_iter()
        .flat_map(|(name, values)| values.into_iter().map(move |v| (name.to_string(), v)))
        .collect();
    Ok(resolved)
}

#[cfg(test)]
#[path = "tests/endpoint.rs"]
mod tests;
