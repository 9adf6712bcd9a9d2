//! `application/x-www-form-urlencoded` request bodies for awsQuery and ec2Query:
//! `Action=Op&Version=2020-01-01&Key.member.1=value…`.
//!
//! Keys and values are percent-encoded as RFC 3986 requires (every byte but `A-Z a-z 0-9 - . _ ~`,
//! so a space is `%20`, never `+`). Values are formatted with the helpers the other runtime files
//! already have: `super::protocol::float_param` for floats, `super::timestamp` for timestamps,
//! `super::base64::encode` for blobs.

/// A form body being built, `Action` and `Version` first.
#[derive(Debug, Clone)]
pub(crate) struct QueryWriter {
    out: ::std::string::String,
}

impl QueryWriter {
    /// A body for the operation `action` of a service at API version `version`.
    pub(crate) fn new(action: &str, version: &str) -> Self {
        let mut writer = Self {
            out: ::std::string::String::new(),
        };
        writer.push("Action", action);
        writer.push("Version", version);
        writer
    }

    /// Appends `&key=value`, both percent-encoded. An empty value is written as `key=`.
    pub(crate) fn push(&mut self, key: &str, value: &str) {
        super::protocol::push_query(&mut self.out, key, value);
    }

    /// The body.
    pub(crate) fn finish(self) -> ::std::string::String {
        self.out
    }
}

/// A structure or union written as form fields under a key prefix (`""` for the input itself).
/// The generator writes one impl per structure and union an input reaches.
pub(crate) trait WriteQuery {
    /// Appends the value's fields; a union holding a member unknown to this crate cannot be
    /// written and is an error.
    fn write_query(
        &self,
        writer: &mut QueryWriter,
        prefix: &str,
    ) -> ::std::result::Result<(), ::std::string::String>;
}

/// A nested key: `prefix.suffix`, or just `suffix` at the top level (empty `prefix`). The suffix
/// is a member name, `member`/`entry`/`key`/`value` (or their `@xmlName`), or a 1-based index.
pub(crate) fn join(prefix: &str, suffix: impl ::std::fmt::Display) -> ::std::string::String {
    if prefix.is_empty() {
        suffix.to_string()
    } else {
        format!("{prefix}.{suffix}")
    }
}

#[cfg(test)]
#[path = "tests/query.rs"]
mod tests;
