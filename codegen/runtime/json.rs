//! JSON bodies (restJson1, awsJson): an empty body is `{}`, and an error's code and message
//! come from the `X-Amzn-Errortype` header, then the body's `code`, then `__type`.

use super::protocol::{ErrorMeta, body_bytes, request_id, sanitize_error_code};

/// The JSON text of a body: an empty or all-whitespace body reads as `{}`.
pub(crate) fn json_body(body: &[u8]) -> &[u8] {
    if body.iter().all(u8::is_ascii_whitespace) {
        b"{}"
    } else {
        body
    }
}

/// A modeled error read from an error response's body, or `None` when the body does not read
/// as one.
pub(crate) fn read_error<T: for<'de> ::serde::Deserialize<'de>>(
    body: &[u8],
) -> ::std::option::Option<T> {
    ::serde_json::from_slice(json_body(body)).ok()
}

/// Identifies an error response: the `X-Amzn-Errortype` header, then the body's `code`, then its
/// top-level `__type`. Any body (HTML, empty, truncated) is fine: what cannot be read is `None`.
pub(crate) fn error_meta(response: &super::http::HttpResponse) -> ErrorMeta {
    let probe: ErrorProbe = ::serde_json::from_slice(body_bytes(response)).unwrap_or_default();
    let code = response
        .header("x-amzn-errortype")
        .map(str::to_string)
        .or(probe.code)
        .or(probe.type_)
        .map(|raw| sanitize_error_code(&raw).to_string())
        .filter(|c| !c.is_empty());
    ErrorMeta {
        code,
        message: probe.message,
        request_id: request_id(response),
    }
}

/// The top-level fields of an error body that identify it. Everything else is skipped, and a
/// non-object body reads as empty.
#[derive(Default)]
struct ErrorProbe {
    code: ::std::option::Option<::std::string::String>,
    type_: ::std::option::Option<::std::string::String>,
    message: ::std::option::Option<::std::string::String>,
}

impl<'de> ::serde::Deserialize<'de> for ErrorProbe {
    fn deserialize<D: ::serde::Deserializer<'de>>(d: D) -> ::std::result::Result<Self, D::Error> {
        struct V;
        impl<'de> ::serde::de::Visitor<'de> for V {
            type Value = ErrorProbe;
            fn expecting(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str("an error object")
            }
            fn visit_map<A: ::serde::de::MapAccess<'de>>(
                self,
                mut map: A,
            ) -> ::std::result::Result<ErrorProbe, A::Error> {
                let mut probe = ErrorProbe::default();
                while let Some(key) = map.next_key::<super::codec::Key<'de>>()? {
                    let slot = match key.as_str() {
                        "code" | "Code" => &mut probe.code,
                        "__type" => &mut probe.type_,
                        "message" | "Message" | "errorMessage" => &mut probe.message,
                        _ => {
                            map.next_value::<::serde::de::IgnoredAny>()?;
                            continue;
                        }
                    };
                    let value = map.next_value::<StringOrOther>()?;
                    if let StringOrOther(Some(s)) = value {
                        *slot = Some(s);
                    }
                }
                Ok(probe)
            }
        }
        d.deserialize_map(V)
    }
}

/// A string, or anything else (read and dropped).
struct StringOrOther(::std::option::Option<::std::string::String>);

impl<'de> ::serde::Deserialize<'de> for StringOrOther {
    fn deserialize<D: ::serde::Deserializer<'de>>(d: D) -> ::std::result::Result<Self, D::Error> {
        struct V;
        impl<'de> ::serde::de::Visitor<'de> for V {
            type Value = StringOrOther;
            fn expecting(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str("any JSON value")
            }
            fn visit_str<E>(self, v: &str) -> ::std::result::Result<StringOrOther, E> {
                Ok(StringOrOther(Some(v.to_string())))
            }
            fn visit_bool<E>(self, _: bool) -> ::std::result::Result<StringOrOther, E> {
                Ok(StringOrOther(None))
            }
            fn visit_i64<E>(self, _: i64) -> ::std::result::Result<StringOrOther, E> {
                Ok(StringOrOther(None))
            }
            fn visit_u64<E>(self, _: u64) -> ::std::result::Result<StringOrOther, E> {
                Ok(StringOrOther(None))
            }
            fn visit_f64<E>(self, _: f64) -> ::std::result::Result<StringOrOther, E> {
                Ok(StringOrOther(None))
            }
            fn visit_unit<E>(self) -> ::std::result::Result<StringOrOther, E> {
                Ok(StringOrOther(None))
            }
            fn visit_seq<A: ::serde::de::SeqAccess<'de>>(
                self,
                mut seq: A,
            ) -> ::std::result::Result<StringOrOther, A::Error> {
                while seq.next_element::<::serde::de::IgnoredAny>()?.is_some() {}
                Ok(StringOrOther(None))
            }
            fn visit_map<A: ::serde::de::MapAccess<'de>>(
                self,
                mut map: A,
            ) -> ::std::result::Result<StringOrOther, A::Error> {
                while map
                    .next_entry::<::serde::de::IgnoredAny, ::serde::de::IgnoredAny>()?
                    .is_some()
                {}
                Ok(StringOrOther(None))
            }
        }
        d.deserialize_any(V)
    }
}

#[cfg(test)]
#[path = "tests/json.rs"]
mod tests;
