//! restJson1 request and response plumbing shared by every operation: URI and query encoding,
//! error identification, and the pieces of a request before signing.

/// A serialized request, before the endpoint, signing and transport.
#[derive(Debug)]
pub(crate) struct RequestParts {
    /// The expanded `@endpoint` host prefix (e.g. `abc.data.`), or empty.
    pub host_prefix: ::std::string::String,
    /// The method.
    pub method: &'static str,
    /// The encoded path, starting with `/`.
    pub path: ::std::string::String,
    /// The encoded query string, without `?` (may be empty).
    pub query: ::std::string::String,
    /// Headers from the input's `@httpHeader` members and the body's content type.
    pub headers: ::std::vec::Vec<(::std::string::String, ::std::string::String)>,
    /// The body ([`super::http::Body::empty`] for none).
    pub body: super::http::Body,
}

/// Percent-encodes every byte except the unreserved `A-Z a-z 0-9 - . _ ~` (and `/` when
/// `keep_slash`, for greedy labels).
pub(crate) fn percent_encode(value: &str, keep_slash: bool) -> ::std::string::String {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    let mut out = ::std::string::String::with_capacity(value.len());
    for b in value.bytes() {
        let keep = b.is_ascii_alphanumeric()
            || matches!(b, b'-' | b'.' | b'_' | b'~')
            || (keep_slash && b == b'/');
        if keep {
            out.push(char::from(b));
        } else {
            out.push('%');
            out.push(char::from(HEX[usize::from(b >> 4)]));
            out.push(char::from(HEX[usize::from(b & 15)]));
        }
    }
    out
}

/// Appends a URI label's value to `path`, percent-encoded (greedy labels keep `/`). An empty
/// value is an error, and so is a `.` or `..` path segment: HTTP stacks and servers collapse
/// those, so the path that arrives would not be the path that was signed.
pub(crate) fn push_label(
    path: &mut ::std::string::String,
    member: &str,
    value: &str,
    greedy: bool,
) -> ::std::result::Result<(), ::std::string::String> {
    if value.is_empty() {
        return Err(format!(
            "the URI label `{member}` is empty or missing; it is required to form the request"
        ));
    }
    let dot_segment = |s: &str| s == "." || s == "..";
    let has_dots = if greedy {
        value.split('/').any(dot_segment)
    } else {
        dot_segment(value)
    };
    if has_dots {
        return Err(format!(
            "the URI label `{member}` holds a `.` or `..` path segment, which would change the request path; it cannot be sent"
        ));
    }
    path.push_str(&percent_encode(value, greedy));
    Ok(())
}

/// Checks the serialized headers before anything is signed or sent. A name that is not an
/// HTTP token, or a value with a control character (a line break would let a member's value
/// start a header of its own), is an error naming the header.
pub(crate) fn check_headers(
    headers: &[(::std::string::String, ::std::string::String)],
) -> ::std::result::Result<(), ::std::string::String> {
    for (name, value) in headers {
        let token = !name.is_empty()
            && name
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b));
        if !token {
            return Err(format!(
                "the header name {name:?} is not a valid HTTP header name"
            ));
        }
        if value.chars().any(|c| c.is_control() && c != '\t') {
            return Err(format!(
                "the value of header `{name}` contains a control character, which HTTP cannot carry"
            ));
        }
    }
    Ok(())
}

/// Appends a `@hostLabel` member's value to an `@endpoint` host prefix. The value must be one
/// or more valid DNS labels (letters, digits and `-`, 1 to 63 each, not starting or ending with
/// `-`, separated by `.`), so the request cannot be sent to some other host.
pub(crate) fn push_host_label(
    prefix: &mut ::std::string::String,
    member: &str,
    value: &str,
) -> ::std::result::Result<(), ::std::string::String> {
    let valid_label = |l: &str| {
        (1..=63).contains(&l.len())
            && l.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
            && !l.starts_with('-')
            && !l.ends_with('-')
    };
    if value.is_empty() || !value.split('.').all(valid_label) {
        return Err(format!(
            "the host label `{member}` ({value:?}) is not a valid host name part; it is required to form the endpoint"
        ));
    }
    prefix.push_str(value);
    Ok(())
}

/// Puts an `@endpoint` host prefix in front of the host of a base URL
/// (`https://x.amazonaws.com` + `data.` → `https://data.x.amazonaws.com`).
pub(crate) fn prefix_host(base: &str, prefix: &str) -> ::std::string::String {
    match base.find("://") {
        Some(i) => format!("{}{prefix}{}", &base[..i + 3], &base[i + 3..]),
        None => format!("{prefix}{base}"),
    }
}

/// Appends `key=value` to a query string, both encoded.
pub(crate) fn push_query(query: &mut ::std::string::String, key: &str, value: &str) {
    if !query.is_empty() {
        query.push('&');
    }
    query.push_str(&percent_encode(key, false));
    query.push('=');
    query.push_str(&percent_encode(value, false));
}

/// A header value for a list member: items joined by `, `, with items that contain a comma or a
/// double quote, or start or end with whitespace, quoted and escaped (so they read back as they
/// were).
pub(crate) fn header_list(items: &[::std::string::String]) -> ::std::string::String {
    let quoted: ::std::vec::Vec<::std::string::String> = items
        .iter()
        .map(|i| {
            if i.contains(',') || i.contains('"') || i.trim() != i {
                format!("\"{}\"", i.replace('\\', "\\\\").replace('"', "\\\""))
            } else {
                i.clone()
            }
        })
        .collect();
    quoted.join(", ")
}

/// Splits a list header value on commas outside double quotes. Each item is trimmed, and an
/// item in double quotes is unquoted and unescaped, keeping the whitespace inside the quotes.
pub(crate) fn split_header_list(value: &str) -> ::std::vec::Vec<::std::string::String> {
    let mut out = ::std::vec::Vec::new();
    let mut raw = ::std::string::String::new();
    let mut in_quotes = false;
    let mut escaped = false;
    for c in value.chars() {
        if in_quotes {
            match (c, escaped) {
                (_, true) => escaped = false,
                ('\\', false) => escaped = true,
                ('"', false) => in_quotes = false,
                _ => {}
            }
            raw.push(c);
        } else if c == ',' {
            out.push(unquote(&::std::mem::take(&mut raw)));
        } else {
            in_quotes = c == '"';
            raw.push(c);
        }
    }
    out.push(unquote(&raw));
    out
}

/// One list item: trimmed, then unquoted and unescaped if it is in double quotes.
fn unquote(raw: &str) -> ::std::string::String {
    let item = raw.trim();
    let Some(inner) = item
        .strip_prefix('"')
        .and_then(|rest| rest.strip_suffix('"'))
    else {
        return item.to_string();
    };
    let mut out = ::std::string::String::with_capacity(inner.len());
    let mut escaped = false;
    for c in inner.chars() {
        if escaped || c != '\\' {
            out.push(c);
            escaped = false;
        } else {
            escaped = true;
        }
    }
    out
}

/// Every value of a header, joined with `, ` (a list may arrive on several header lines, which
/// HTTP defines as one comma-separated value); `None` when the header is absent.
pub(crate) fn header_joined(
    response: &super::http::HttpResponse,
    name: &str,
) -> ::std::option::Option<::std::string::String> {
    let values: ::std::vec::Vec<&str> = response
        .headers
        .iter()
        .filter(|(k, _)| k.eq_ignore_ascii_case(name))
        .map(|(_, v)| v.as_str())
        .collect();
    (!values.is_empty()).then(|| values.join(", "))
}

/// Splits a header list of http-dates, each of which holds a comma of its own
/// (`Mon, 16 Dec 2019 23:48:18 GMT, Tue, 17 Dec 2019 23:48:18 GMT`): a piece that is only a
/// day name is joined to the piece after it. Quoted items are unquoted as in any list.
pub(crate) fn split_http_date_list(value: &str) -> ::std::vec::Vec<::std::string::String> {
    let mut out: ::std::vec::Vec<::std::string::String> = ::std::vec::Vec::new();
    let mut pending: ::std::option::Option<::std::string::String> = None;
    for piece in split_header_list(value) {
        match pending.take() {
            Some(day) => out.push(format!("{day}, {piece}")),
            None if piece.len() == 3 && piece.bytes().all(|b| b.is_ascii_alphabetic()) => {
                pending = Some(piece);
            }
            None => out.push(piece),
        }
    }
    out.extend(pending);
    out
}

/// The JSON text of a body: an empty or all-whitespace body reads as `{}`.
pub(crate) fn json_body(body: &[u8]) -> &[u8] {
    if body.iter().all(u8::is_ascii_whitespace) {
        b"{}"
    } else {
        body
    }
}

/// A float as a label, query or header value: `NaN`, `Infinity` and `-Infinity` by name, and
/// otherwise the shortest text that reads back as the same value of its own width (an `f32`
/// `1.1` is `1.1`, not the `1.100000023841858` of its `f64` widening).
pub(crate) fn float_param<F>(value: F) -> ::std::string::String
where
    F: Copy + ::std::fmt::Display + ::std::convert::Into<f64>,
{
    let wide: f64 = value.into();
    if wide.is_nan() {
        "NaN".into()
    } else if wide.is_infinite() {
        if wide > 0.0 {
            "Infinity".into()
        } else {
            "-Infinity".into()
        }
    } else {
        value.to_string()
    }
}

/// Parses a float from a header, accepting `NaN`, `Infinity` and `-Infinity`.
pub(crate) fn parse_float(text: &str) -> ::std::result::Result<f64, ::std::string::String> {
    match text.trim() {
        "NaN" => Ok(f64::NAN),
        "Infinity" => Ok(f64::INFINITY),
        "-Infinity" => Ok(f64::NEG_INFINITY),
        other => other.parse::<f64>().map_err(|e| e.to_string()),
    }
}

/// A random UUID v4 for an unset `@idempotencyToken` member.
pub(crate) fn idempotency_token() -> ::std::string::String {
    use ::std::hash::{BuildHasher as _, Hasher as _};
    let mut bytes = [0u8; 16];
    for (i, chunk) in bytes.chunks_mut(8).enumerate() {
        let mut h = ::std::collections::hash_map::RandomState::new().build_hasher();
        h.write_usize(i);
        let nanos = ::std::time::SystemTime::now()
            .duration_since(::std::time::UNIX_EPOCH)
            .map(|d| d.as_nanos())
            .unwrap_or(0);
        h.write_u128(nanos);
        chunk.copy_from_slice(&h.finish().to_le_bytes());
    }
    bytes[6] = (bytes[6] & 0x0f) | 0x40;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    let hex: ::std::string::String = bytes.iter().map(|b| format!("{b:02x}")).collect();
    format!(
        "{}-{}-{}-{}-{}",
        &hex[0..8],
        &hex[8..12],
        &hex[12..16],
        &hex[16..20],
        &hex[20..32]
    )
}

/// What an error response says about itself.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct ErrorMeta {
    /// The sanitized error code.
    pub code: ::std::option::Option<::std::string::String>,
    /// The message, from `message` or `Message`.
    pub message: ::std::option::Option<::std::string::String>,
    /// The request id.
    pub request_id: ::std::option::Option<::std::string::String>,
}

/// Cuts a raw error type to its shape name: everything from the first `:` goes, then only what
/// follows the first `#` stays (`aws.gamesparks#ValidationException:http://…` → `ValidationException`).
pub(crate) fn sanitize_error_code(raw: &str) -> &str {
    let raw = raw.split(':').next().unwrap_or(raw);
    let raw = raw.split_once('#').map_or(raw, |(_, name)| name);
    raw.trim()
}

/// Whether a response status means success: the modeled `code`, or any other 2xx, as AWS SDKs
/// accept.
pub(crate) fn is_success(status: u16, code: u16) -> bool {
    status == code || (200..300).contains(&status)
}

/// The body of a response read into memory; a body still streaming reads as empty.
pub(crate) fn body_bytes(response: &super::http::HttpResponse) -> &[u8] {
    response.body.bytes().unwrap_or_default()
}

/// The request id header AWS services send.
pub(crate) fn request_id(
    response: &super::http::HttpResponse,
) -> ::std::option::Option<::std::string::String> {
    response
        .header("x-amzn-requestid")
        .or_else(|| response.header("x-amz-request-id"))
        .map(str::to_string)
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
mod tests {
    use super::super::http::HttpResponse;
    use super::*;

    #[test]
    fn label_escaping_vector() {
        assert_eq!(
            percent_encode(" %:/?#[]@!$&'()*+,;=😹", false),
            "%20%25%3A%2F%3F%23%5B%5D%40%21%24%26%27%28%29%2A%2B%2C%3B%3D%F0%9F%98%B9"
        );
        assert_eq!(percent_encode("a/b c", true), "a/b%20c");
        assert_eq!(percent_encode("AZaz09-._~", false), "AZaz09-._~");
    }

    #[test]
    fn labels_refuse_dot_segments_and_empty_values() {
        let push = |value: &str, greedy: bool| {
            let mut path = ::std::string::String::from("/x/");
            push_label(&mut path, "Key", value, greedy).map(|()| path)
        };
        for bad in [".", "..", ""] {
            assert!(push(bad, false).is_err(), "{bad:?}");
            assert!(push(bad, true).is_err(), "{bad:?} greedy");
        }
        for bad in ["a/../b", "./a", "a/.", "../"] {
            assert!(push(bad, true).is_err(), "{bad:?}");
        }
        // Not dot segments: kept, and in a plain label `/` is encoded so no segment appears.
        assert_eq!(push("...", false).as_deref(), Ok("/x/..."));
        assert_eq!(push(".a", false).as_deref(), Ok("/x/.a"));
        assert_eq!(push("a/../b", false).as_deref(), Ok("/x/a%2F..%2Fb"));
        assert_eq!(push("a/.b/c", true).as_deref(), Ok("/x/a/.b/c"));
        let err = push("..", false).unwrap_err();
        assert!(err.contains("`Key`") && err.contains("`..`"), "{err}");
    }

    #[test]
    fn headers_with_bad_names_or_control_characters_are_refused() {
        let h = |n: &str, v: &str| vec![(n.to_string(), v.to_string())];
        assert!(check_headers(&h("x-amz-meta-a", "tab\tand ünïcode")).is_ok());
        assert!(check_headers(&[]).is_ok());
        for (name, value) in [
            ("x-a", "one\r\nx-forged: 1"),
            ("x-a", "nul\0"),
            ("x-a", "del\u{7f}"),
            ("x a", "v"),
            ("x:a", "v"),
            ("", "v"),
            ("x-ü", "v"),
        ] {
            let err = check_headers(&h(name, value)).unwrap_err();
            assert!(err.contains("header"), "{name:?}: {err}");
        }
    }

    #[test]
    fn host_labels_must_be_dns_labels() {
        let push = |v: &str| {
            let mut p = ::std::string::String::from("x-");
            push_host_label(&mut p, "Foo", v).map(|()| p)
        };
        assert_eq!(push("abc").as_deref(), Ok("x-abc"));
        assert_eq!(push("a-1.b2").as_deref(), Ok("x-a-1.b2"));
        for bad in [
            "",
            "a b",
            "a/b",
            "evil.com/x",
            "-a",
            "a-",
            "a..b",
            "a:1",
            "ü",
            &"a".repeat(64),
        ] {
            let err = push(bad).unwrap_err();
            assert!(err.contains("`Foo`"), "{bad:?}: {err}");
        }
        assert_eq!(
            prefix_host("https://svc.us-east-1.amazonaws.com", "abc.data."),
            "https://abc.data.svc.us-east-1.amazonaws.com"
        );
        assert_eq!(
            prefix_host("http://localhost:8080/base", "d."),
            "http://d.localhost:8080/base"
        );
        assert_eq!(prefix_host("https://a.b", ""), "https://a.b");
    }

    #[test]
    fn sanitizes_codes() {
        assert_eq!(
            sanitize_error_code(
                "aws.gamesparks#ValidationException:http://internal.amazon.com/coral/com.amazon.coral.validate/"
            ),
            "ValidationException"
        );
        assert_eq!(sanitize_error_code("FooError"), "FooError");
        assert_eq!(sanitize_error_code("FooError:http://x"), "FooError");
        assert_eq!(sanitize_error_code("ns#FooError"), "FooError");
    }

    #[test]
    fn identification_order() {
        let r = HttpResponse::new(
            400,
            r#"{"code":"FromCode","__type":"ns#FromType","message":"m"}"#,
        )
        .with_header("X-Amzn-Errortype", "FromHeader:http://x");
        assert_eq!(error_meta(&r).code.as_deref(), Some("FromHeader"));
        let r = HttpResponse::new(400, r#"{"code":"FromCode","__type":"ns#FromType"}"#);
        assert_eq!(error_meta(&r).code.as_deref(), Some("FromCode"));
        let r = HttpResponse::new(
            400,
            r#"{"__type":"ns#FromType","Message":"M","nested":{"__type":"x#Nested"}}"#,
        );
        let meta = error_meta(&r);
        assert_eq!(meta.code.as_deref(), Some("FromType"));
        assert_eq!(meta.message.as_deref(), Some("M"));
    }

    #[test]
    fn garbage_bodies_identify_nothing() {
        for body in [
            "",
            "<html>503</html>",
            "{\"code\":",
            "[1,2]",
            "{\"code\":5}",
            "null",
        ] {
            let r = HttpResponse::new(503, body).with_header("x-amzn-RequestId", "rid");
            let meta = error_meta(&r);
            assert_eq!(meta.code, None, "{body}");
            assert_eq!(meta.request_id.as_deref(), Some("rid"));
        }
    }

    #[test]
    fn idempotency_tokens_are_uuid_v4() {
        let a = idempotency_token();
        let b = idempotency_token();
        assert_ne!(a, b);
        assert_eq!(a.len(), 36);
        assert_eq!(&a[14..15], "4");
        assert!(matches!(&a[19..20], "8" | "9" | "a" | "b"), "{a}");
    }

    #[test]
    fn repeated_header_lines_join() {
        let r = HttpResponse::new(200, "")
            .with_header("X-List", "a, b")
            .with_header("other", "x")
            .with_header("x-list", "c");
        assert_eq!(header_joined(&r, "X-LIST").as_deref(), Some("a, b, c"));
        assert_eq!(header_joined(&r, "missing"), None);
    }

    #[test]
    fn float_params_print_their_own_width() {
        assert_eq!(float_param(1.1f32), "1.1");
        assert_eq!(float_param(4.1f32), "4.1");
        assert_eq!(float_param(1.1f64), "1.1");
        assert_eq!(float_param(f32::NEG_INFINITY), "-Infinity");
        assert_eq!(float_param(f64::NAN), "NaN");
    }

    #[test]
    fn http_date_lists_split_after_every_date() {
        assert_eq!(
            split_http_date_list("Mon, 16 Dec 2019 23:48:18 GMT, Tue, 17 Dec 2019 23:48:18 GMT"),
            [
                "Mon, 16 Dec 2019 23:48:18 GMT",
                "Tue, 17 Dec 2019 23:48:18 GMT"
            ]
        );
        assert_eq!(
            split_http_date_list("\"Mon, 16 Dec 2019 23:48:18 GMT\""),
            ["Mon, 16 Dec 2019 23:48:18 GMT"]
        );
        // Not dates: left for the timestamp parser to reject.
        assert_eq!(split_http_date_list("Mon"), ["Mon"]);
        assert_eq!(split_http_date_list("x, y"), ["x", "y"]);
    }

    #[test]
    fn header_list_items_keep_their_whitespace_and_quotes() {
        let items = vec![
            " padded ".to_string(),
            "".to_string(),
            "x".to_string(),
            "\\\"".to_string(),
        ];
        let joined = header_list(&items);
        assert_eq!(joined, "\" padded \", , x, \"\\\\\\\"\"");
        assert_eq!(split_header_list(&joined), items);
        // Lenient on what arrives: spaces around items, a quote that never closes.
        assert_eq!(split_header_list(" a ,b"), ["a", "b"]);
        assert_eq!(split_header_list("\"open, x"), ["\"open, x"]);
        assert_eq!(split_header_list("\"a\"\"b\""), ["a\"\"b"]);
    }

    #[test]
    fn header_lists() {
        let items = vec!["a".to_string(), "b,c".to_string(), "d\"e".to_string()];
        let joined = header_list(&items);
        assert_eq!(joined, "a, \"b,c\", \"d\\\"e\"");
        assert_eq!(split_header_list(&joined), items);
    }
}
