//! XML responses of the AWS XML protocols (awsQuery, ec2Query, restXml): a hardened reader that
//! turns a body into a small owned tree.
//!
//! The reader never panics, for any bytes. It rejects DTDs (so no entity expansion can happen),
//! entity references beyond the five predefined ones, character references to code points XML
//! cannot carry, nesting deeper than [`MAX_DEPTH`] and documents of more than [`MAX_NODES`]
//! elements and attributes.

use ::quick_xml::events::{BytesStart, Event};

/// Deepest element nesting the reader accepts.
pub(crate) const MAX_DEPTH: usize = 256;
/// Most elements plus attributes the reader accepts in one document.
pub(crate) const MAX_NODES: usize = 1_000_000;

/// An element of a parsed document.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct XmlElement {
    /// The local name (any `prefix:` is dropped).
    pub(crate) name: ::std::string::String,
    /// Attributes by local name, in document order, without namespace declarations.
    pub(crate) attrs: ::std::vec::Vec<(::std::string::String, ::std::string::String)>,
    /// Child elements, in document order.
    pub(crate) children: ::std::vec::Vec<XmlElement>,
    /// The element's own text and CDATA, concatenated and decoded. In an element with child
    /// elements, text that is only whitespace (indentation) is dropped.
    pub(crate) text: ::std::string::String,
}

impl XmlElement {
    /// The first child element with this local name.
    pub(crate) fn child(&self, name: &str) -> ::std::option::Option<&XmlElement> {
        self.children.iter().find(|c| c.name == name)
    }

    /// The child elements with this local name.
    pub(crate) fn children<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a XmlElement> {
        self.children.iter().filter(move |c| c.name == name)
    }

    /// An attribute's value, by local name.
    pub(crate) fn attr(&self, name: &str) -> ::std::option::Option<&str> {
        self.attrs
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }

    /// The element's text (empty for `<a/>` and `<a></a>`).
    pub(crate) fn text(&self) -> &str {
        &self.text
    }
}

/// Why a document could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct XmlError {
    message: ::std::string::String,
}

impl XmlError {
    fn new(at: u64, message: impl ::std::fmt::Display) -> Self {
        Self {
            message: format!("invalid XML at byte {at}: {message}"),
        }
    }
}

impl ::std::fmt::Display for XmlError {
    fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
        f.write_str(&self.message)
    }
}

impl ::std::error::Error for XmlError {}

/// Parses a whole UTF-8 document (a leading byte order mark is allowed) and returns its root
/// element. The XML declaration, comments and processing instructions are skipped.
pub(crate) fn parse(body: &[u8]) -> ::std::result::Result<XmlElement, XmlError> {
    parse_limited(body, MAX_DEPTH, MAX_NODES)
}

fn parse_limited(
    body: &[u8],
    max_depth: usize,
    max_nodes: usize,
) -> ::std::result::Result<XmlElement, XmlError> {
    let text = ::std::str::from_utf8(body)
        .map_err(|e| XmlError::new(e.valid_up_to() as u64, "not UTF-8"))?;
    let bom = if text.starts_with('\u{feff}') { 3 } else { 0 };
    let mut reader = ::quick_xml::Reader::from_str(&text[bom..]);
    let mut stack: ::std::vec::Vec<XmlElement> = ::std::vec::Vec::new();
    let mut root: ::std::option::Option<XmlElement> = None;
    // Counts down: elements and attributes still allowed.
    let mut nodes = max_nodes;
    loop {
        let at = reader.buffer_position() + bom as u64;
        let event = reader.read_event().map_err(|e| XmlError::new(at, e))?;
        let element = match event {
            Event::Start(_) | Event::Empty(_) if stack.len() >= max_depth => {
                return Err(XmlError::new(at, "elements nested too deeply"));
            }
            Event::Start(start) => {
                stack.push(open(&start, &mut nodes).map_err(|e| XmlError::new(at, e))?);
                continue;
            }
            Event::Empty(start) => open(&start, &mut nodes).map_err(|e| XmlError::new(at, e))?,
            Event::End(_) => match stack.pop() {
                Some(element) => element,
                None => return Err(XmlError::new(at, "unexpected end tag")),
            },
            Event::Text(text) => {
                match stack.last_mut() {
                    Some(top) => top.text.push_str(&text.xml10_content()),
                    None if text.chars().all(is_space) => {}
                    None => return Err(XmlError::new(at, "text outside the root element")),
                }
                continue;
            }
            Event::CData(data) => {
                match stack.last_mut() {
                    Some(top) => top.text.push_str(&data.xml10_content()),
                    None => return Err(XmlError::new(at, "CDATA outside the root element")),
                }
                continue;
            }
            Event::GeneralRef(reference) => {
                let c = resolve(&reference).map_err(|e| XmlError::new(at, e))?;
                match stack.last_mut() {
                    Some(top) => top.text.push_str(c.encode_utf8(&mut [0; 4])),
                    None => return Err(XmlError::new(at, "reference outside the root element")),
                }
                continue;
            }
            Event::DocType(_) => return Err(XmlError::new(at, "DTDs are not allowed")),
            Event::Decl(_) | Event::Comment(_) | Event::PI(_) => continue,
            Event::Eof => break,
        };
        let mut element = element;
        if !element.children.is_empty() && element.text.chars().all(is_space) {
            element.text = ::std::string::String::new();
        }
        match stack.last_mut() {
            Some(parent) => parent.children.push(element),
            None if root.is_none() => root = Some(element),
            None => return Err(XmlError::new(at, "more than one root element")),
        }
    }
    let at = reader.buffer_position() + bom as u64;
    if !stack.is_empty() {
        return Err(XmlError::new(at, "unexpected end of document"));
    }
    root.ok_or_else(|| XmlError::new(at, "no root element"))
}

fn is_space(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\r' | '\n')
}

/// A new element for a start tag, its attributes decoded.
fn open(
    start: &BytesStart<'_>,
    nodes: &mut usize,
) -> ::std::result::Result<XmlElement, ::std::string::String> {
    let name = start.local_name().into_inner();
    if name.is_empty() {
        return Err("an element without a name".into());
    }
    take_node(nodes)?;
    let mut element = XmlElement {
        name: name.to_string(),
        ..XmlElement::default()
    };
    for attr in start.attributes() {
        let attr = attr.map_err(|e| e.to_string())?;
        take_node(nodes)?;
        if attr.key.as_namespace_binding().is_some() {
            continue;
        }
        let name = attr.key.local_name().into_inner();
        element
            .attrs
            .push((name.to_string(), attr_value(&attr.value)?));
    }
    Ok(element)
}

fn take_node(nodes: &mut usize) -> ::std::result::Result<(), ::std::string::String> {
    *nodes = nodes
        .checked_sub(1)
        .ok_or("too many elements and attributes")?;
    Ok(())
}

/// Decodes an attribute value: references resolved, literal tabs and line ends normalized to
/// spaces as XML requires (a `&#10;` reference stays a line feed).
fn attr_value(raw: &str) -> ::std::result::Result<::std::string::String, ::std::string::String> {
    let mut out = ::std::string::String::with_capacity(raw.len());
    let mut rest = raw;
    while let Some(i) = rest.find(['&', '\t', '\n', '\r']) {
        out.push_str(&rest[..i]);
        let c = rest.as_bytes()[i];
        rest = &rest[i + 1..];
        if c == b'&' {
            let end = rest.find(';').ok_or("an unterminated reference")?;
            out.push(resolve(&rest[..end])?);
            rest = &rest[end + 1..];
        } else {
            if c == b'\r' {
                rest = rest.strip_prefix('\n').unwrap_or(rest);
            }
            out.push(' ');
        }
    }
    out.push_str(rest);
    Ok(out)
}

/// Resolves a reference's name (between `&` and `;`): one of the five predefined entities, or a
/// character reference to a character XML allows (NUL, surrogates, U+FFFE and U+FFFF are not).
fn resolve(name: &str) -> ::std::result::Result<char, ::std::string::String> {
    let (digits, radix) = match name {
        "lt" => return Ok('<'),
        "gt" => return Ok('>'),
        "amp" => return Ok('&'),
        "apos" => return Ok('\''),
        "quot" => return Ok('"'),
        _ => match name.strip_prefix("#x") {
            Some(hex) => (hex, 16),
            None => match name.strip_prefix('#') {
                Some(dec) => (dec, 10),
                None => return Err(format!("unknown entity `&{name};`")),
            },
        },
    };
    let bad = || format!("invalid character reference `&{name};`");
    if digits.is_empty() || digits.len() > 8 || !digits.chars().all(|c| c.is_digit(radix)) {
        return Err(bad());
    }
    u32::from_str_radix(digits, radix)
        .ok()
        .filter(|&n| n != 0 && n != 0xFFFE && n != 0xFFFF)
        .and_then(char::from_u32)
        .ok_or_else(bad)
}

#[cfg(test)]
#[path = "tests/xml.rs"]
mod tests;
