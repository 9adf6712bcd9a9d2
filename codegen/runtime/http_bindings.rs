//! HTTP bindings (restJson1, restXml): URI labels and query strings percent-encoded, header
//! lists joined and split.

use super::protocol::percent_encode;

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

#[cfg(test)]
#[path = "tests/http_bindings.rs"]
mod tests;
