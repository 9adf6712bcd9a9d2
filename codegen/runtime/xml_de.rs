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
mod tests {
    use super::*;

    #[test]
    fn scalars_read_trimmed_and_fail_with_a_message() {
        assert_eq!(number::<i32>(" 3\n"), Ok(3));
        assert_eq!(number::<i8>("-128"), Ok(-128));
        assert!(number::<i8>("128").unwrap_err().contains("\"128\""));
        assert_eq!(number::<f32>("5.5"), Ok(5.5));
        assert!(number::<f64>("NaN").unwrap().is_nan());
        assert_eq!(number::<f64>("Infinity"), Ok(f64::INFINITY));
        assert_eq!(number::<f32>("-Infinity"), Ok(f32::NEG_INFINITY));
        assert!(number::<i64>("").is_err());
        assert_eq!(boolean("true"), Ok(true));
        assert_eq!(boolean(" false "), Ok(false));
        assert!(boolean("TRUE").is_err());
        let decode = super::super::base64::decode;
        assert_eq!(blob("dmFsdWU=", decode), Ok(b"value".to_vec()));
        assert_eq!(blob("\n dmFs\r\n dWU= \n", decode), Ok(b"value".to_vec()));
        assert_eq!(blob("", decode), Ok(Vec::new()));
        assert!(blob("!!", decode).is_err());
        let long = "x".repeat(1000);
        assert!(number::<i32>(&long).unwrap_err().len() < 200);
        let ts = parse(
            "2014-04-29T18:30:38Z",
            super::super::timestamp::parse_date_time,
        )
        .unwrap();
        assert_eq!(ts.timestamp(), 1398796238);
        assert!(parse("yesterday", super::super::timestamp::parse_date_time).is_err());
    }

    #[test]
    fn documents_wrappers_unions_and_entries() {
        assert_eq!(document(b"").unwrap(), EMPTY);
        assert_eq!(document(b" \n\t").unwrap(), EMPTY);
        assert!(document(b"<a>").is_err());
        let root = document(b"<R><OpResult><x>1</x></OpResult></R>").unwrap();
        assert_eq!(child_or_empty(&root, "OpResult").children.len(), 1);
        assert_eq!(child_or_empty(&root, "Other"), &EMPTY);
        let union = document(b"<u><a>1</a></u>").unwrap();
        assert_eq!(union_member(&union).unwrap().name, "a");
        assert!(union_member(&EMPTY).is_err());
        let two = document(b"<u><a>1</a><b>2</b></u>").unwrap();
        assert!(union_member(&two).unwrap_err().contains("has 2"));
        assert!(missing("Foo").contains("`Foo`"));
        let int = |e: &XmlElement| number::<i32>(e.text());
        let list_doc = document(b"<l><member>1</member><other/><member>2</member></l>").unwrap();
        assert_eq!(list(&list_doc, "member", int), Ok(vec![1, 2]));
        let bad = document(b"<l><member>x</member></l>").unwrap();
        assert!(list(&bad, "member", int).is_err());
        let map_doc = document(
            b"<m><entry><key>a</key><value>1</value></entry><entry><key>b</key><value>2</value></entry></m>",
        )
        .unwrap();
        let read = map::<String, i32>(&map_doc, "key", "value", int).unwrap();
        assert_eq!(read.len(), 2);
        assert_eq!(read["b"], 2);
        let no_value = document(b"<m><entry><key>a</key></entry></m>").unwrap();
        assert!(
            map::<String, i32>(&no_value, "key", "value", int)
                .unwrap_err()
                .contains("`value`")
        );
        assert_eq!(
            sparse_map::<String, i32>(&no_value, "key", "value", int).unwrap()["a"],
            None
        );
        let no_key = document(b"<m><entry><value>1</value></entry></m>").unwrap();
        assert!(map::<String, i32>(&no_key, "key", "value", int).is_err());
        assert!(sparse_map::<String, i32>(&no_key, "key", "value", int).is_err());
        let flat = document(b"<KVP><K>a</K><V>1</V></KVP>").unwrap();
        assert_eq!(entry(&flat, "K", "V", int), Ok(("a".to_string(), 1)));
        assert_eq!(
            sparse_entry(&flat, "K", "V", int),
            Ok(("a".to_string(), Some(1)))
        );
    }
}
