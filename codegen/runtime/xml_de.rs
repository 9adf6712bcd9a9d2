//! Reading generated types out of a parsed XML document (awsQuery, ec2Query and restXml
//! responses and errors). The generator writes one [`FromXml`] impl per structure and union a
//! crate reads; the scalar readers here turn an element's text (or an attribute's value) into a
//! value, and every failure is a message, never a panic.

use super::xml::XmlElement;

/// A type read from the element that holds it: a structure from its members' child elements,
/// a union from its one child element.
pub(crate) trait FromXml: Sized {
    /// Reads the value; a member that does not read (a bad number, a missing required
    /// structure) is an error naming it.
    fn from_xml(element: &XmlElement) -> ::std::result::Result<Self, ::std::string::String>;
}

/// An element with no attributes, children or text: what an absent wrapper reads as.
pub(crate) static EMPTY: XmlElement = XmlElement {
    name: ::std::string::String::new(),
    attrs: ::std::vec::Vec::new(),
    children: ::std::vec::Vec::new(),
    text: ::std::string::String::new(),
};

/// Parses a response body. A body that is empty or only whitespace reads as [`EMPTY`] (an
/// output with no members may come with no body at all).
pub(crate) fn document(body: &[u8]) -> ::std::result::Result<XmlElement, ::std::string::String> {
    if body.iter().all(u8::is_ascii_whitespace) {
        return Ok(EMPTY.clone());
    }
    super::xml::parse(body).map_err(|e| e.to_string())
}

/// The child element `name` of `parent` (awsQuery's `<{Operation}Result>`), or [`EMPTY`] when
/// there is none.
pub(crate) fn child_or_empty<'a>(parent: &'a XmlElement, name: &str) -> &'a XmlElement {
    parent.child(name).unwrap_or(&EMPTY)
}

/// Parses a scalar's text, trimmed, with `parse`; the error names the value.
pub(crate) fn parse<T, E: ::std::fmt::Display>(
    text: &str,
    parse: impl FnOnce(&str) -> ::std::result::Result<T, E>,
) -> ::std::result::Result<T, ::std::string::String> {
    let text = text.trim();
    parse(text).map_err(|e| format!("invalid value {:?}: {e}", shorten(text)))
}

/// A number of any width, integer or float (`NaN`, `Infinity` and `-Infinity` included), or a
/// big number: anything `FromStr`.
pub(crate) fn number<T>(text: &str) -> ::std::result::Result<T, ::std::string::String>
where
    T: ::std::str::FromStr,
    T::Err: ::std::fmt::Display,
{
    parse(text, str::parse::<T>)
}

/// `true` or `false`.
pub(crate) fn boolean(text: &str) -> ::std::result::Result<bool, ::std::string::String> {
    parse(text, |t| match t {
        "true" => Ok(true),
        "false" => Ok(false),
        _ => Err("expected true or false"),
    })
}

/// Base64 bytes, read with `decode` (the crate's base64 decoder, passed in so this file does not
/// need it when no blob is read). Whitespace inside the text (line breaks) is skipped; empty
/// text is no bytes.
pub(crate) fn blob(
    text: &str,
    decode: fn(&str) -> ::std::option::Option<::std::vec::Vec<u8>>,
) -> ::std::result::Result<::std::vec::Vec<u8>, ::std::string::String> {
    let compact: ::std::string::String = text.split_ascii_whitespace().collect();
    decode(&compact).ok_or_else(|| format!("invalid base64 {:?}", shorten(text.trim())))
}

/// A required member of type structure or union that the document left out.
pub(crate) fn missing(member: &str) -> ::std::string::String {
    format!("the required member `{member}` is missing")
}

/// The union element's one child, or an error when it has none or several.
pub(crate) fn union_member(
    element: &XmlElement,
) -> ::std::result::Result<&XmlElement, ::std::string::String> {
    match element.children.as_slice() {
        [only] => Ok(only),
        _ => Err(format!(
            "a union must have exactly one member set, `{}` has {}",
            element.name,
            element.children.len()
        )),
    }
}

/// A wrapped list: each child of `element` named `item` is one item.
pub(crate) fn list<T>(
    element: &XmlElement,
    item: &str,
    read: impl Fn(&XmlElement) -> ::std::result::Result<T, ::std::string::String>,
) -> ::std::result::Result<::std::vec::Vec<T>, ::std::string::String> {
    element.children(item).map(read).collect()
}

/// A wrapped map: each `<entry>` child of `element` is one [`entry`]. Keys are strings or
/// string enums, both `From<String>`.
pub(crate) fn map<K, V>(
    element: &XmlElement,
    key: &str,
    value: &str,
    read_value: impl Fn(&XmlElement) -> ::std::result::Result<V, ::std::string::String>,
) -> ::std::result::Result<::std::collections::HashMap<K, V>, ::std::string::String>
where
    K: ::std::cmp::Eq + ::std::hash::Hash + ::std::convert::From<::std::string::String>,
{
    element
        .children("entry")
        .map(|e| self::entry(e, key, value, &read_value))
        .collect()
}

/// A wrapped `@sparse` map: like [`map`], but an entry without a value element is `None`.
pub(crate) fn sparse_map<K, V>(
    element: &XmlElement,
    key: &str,
    value: &str,
    read_value: impl Fn(&XmlElement) -> ::std::result::Result<V, ::std::string::String>,
) -> ::std::result::Result<
    ::std::collections::HashMap<K, ::std::option::Option<V>>,
    ::std::string::String,
>
where
    K: ::std::cmp::Eq + ::std::hash::Hash + ::std::convert::From<::std::string::String>,
{
    element
        .children("entry")
        .map(|e| sparse_entry(e, key, value, &read_value))
        .collect()
}

/// One map entry (a flattened map's repeated element, or a wrapped map's `<entry>`): its `key`
/// and `value` children. Both must be there.
pub(crate) fn entry<K: ::std::convert::From<::std::string::String>, V>(
    entry: &XmlElement,
    key: &str,
    value: &str,
    read_value: impl Fn(&XmlElement) -> ::std::result::Result<V, ::std::string::String>,
) -> ::std::result::Result<(K, V), ::std::string::String> {
    Ok((
        K::from(entry_part(entry, key)?.text().to_string()),
        read_value(entry_part(entry, value)?)?,
    ))
}

/// One entry of a `@sparse` map: a missing value element is `None`.
pub(crate) fn sparse_entry<K: ::std::convert::From<::std::string::String>, V>(
    entry: &XmlElement,
    key: &str,
    value: &str,
    read_value: impl Fn(&XmlElement) -> ::std::result::Result<V, ::std::string::String>,
) -> ::std::result::Result<(K, ::std::option::Option<V>), ::std::string::String> {
    let value = entry.child(value).map(read_value).transpose()?;
    Ok((K::from(entry_part(entry, key)?.text().to_string()), value))
}

fn entry_part<'a>(
    entry: &'a XmlElement,
    name: &str,
) -> ::std::result::Result<&'a XmlElement, ::std::string::String> {
    entry
        .child(name)
        .ok_or_else(|| format!("a map entry without its `{name}` element"))
}

/// At most 64 chars of a bad value, for error messages.
fn shorten(text: &str) -> &str {
    match text.char_indices().nth(64) {
        Some((i, _)) => &text[..i],
        None => text,
    }
}

#[cfg(test)]
#[path = "tests/xml_de.rs"]
mod tests;
