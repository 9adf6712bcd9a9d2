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
mod tests {
    use super::*;

    fn el(name: &str, text: &str) -> XmlElement {
        XmlElement {
            name: name.into(),
            text: text.into(),
            ..XmlElement::default()
        }
    }

    #[test]
    fn reader_strips_prefixes_and_keeps_attributes_by_local_name() {
        let root = parse(
            br#"<?xml version="1.0" encoding="UTF-8"?>
            <p:Root xmlns:p="urn:p" xmlns="urn:d" xsi:nil="true" plain='v&apos;'>
                <p:Item>one</p:Item><Item>two</Item>
            </p:Root>"#,
        )
        .unwrap();
        assert_eq!(root.name, "Root");
        assert_eq!(
            root.attrs,
            [("nil".into(), "true".into()), ("plain".into(), "v'".into())]
        );
        assert_eq!(root.children("Item").count(), 2);
        assert_eq!(root.child("Item").unwrap().text(), "one");
        assert_eq!(root.attr("missing"), None);
        assert!(root.child("missing").is_none());
    }

    #[test]
    fn reader_keeps_text_exactly_and_drops_indentation() {
        let root =
            parse(b"<r>\n  <a>  x </a>\n  <b></b><c/>\n  <d>\n</d><e> <f/> </e>\n</r>").unwrap();
        let want = XmlElement {
            name: "r".into(),
            children: vec![
                el("a", "  x "),
                el("b", ""),
                el("c", ""),
                el("d", "\n"),
                XmlElement {
                    children: vec![el("f", "")],
                    ..el("e", "")
                },
            ],
            ..XmlElement::default()
        };
        assert_eq!(root, want);
        // Mixed content keeps all of its text.
        assert_eq!(parse(b"<m>a <b/> c</m>").unwrap().text(), "a  c");
    }

    #[test]
    fn reader_decodes_references_cdata_and_line_ends() {
        let body = b"<r><s>escaped data: &amp;lt;&#xD;&#10;</s>\
                     <c><![CDATA[<not> &amp; markup]]> tail</c>\
                     <n>&#65;&#x42;&#x1F600;&quot;&apos;&gt;</n><l>a\r\nb\rc</l>\
                     <t a=\"x&#10;y\r\nz\tw\"/></r>";
        let root = parse(body).unwrap();
        assert_eq!(root.child("s").unwrap().text(), "escaped data: &lt;\r\n");
        assert_eq!(root.child("c").unwrap().text(), "<not> &amp; markup tail");
        assert_eq!(root.child("n").unwrap().text(), "AB😀\"'>");
        assert_eq!(root.child("l").unwrap().text(), "a\nb\nc");
        assert_eq!(root.child("t").unwrap().attr("a"), Some("x\ny z w"));
    }

    #[test]
    fn reader_skips_preamble_comments_and_instructions() {
        let body = "\u{feff}<?xml version = \"1.0\" encoding = \"UTF-8\"?>\n<!-- c -->\
                    <SimpleScalarPropertiesResponse>\n    <![CDATA[characters representing CDATA]]>\n\
                    <stringValue>str<!--x-->ing<?pi data?></stringValue>\n<!--xml comment-->\n\
                    </SimpleScalarPropertiesResponse>\n<!-- after -->\n";
        let root = parse(body.as_bytes()).unwrap();
        assert_eq!(root.child("stringValue").unwrap().text(), "string");
        assert!(root.text().contains("characters representing CDATA"));
    }

    #[test]
    fn reader_rejects_malformed_documents() {
        let cases: &[&[u8]] = &[
            b"",
            b"   ",
            b"<!-- only a comment -->",
            b"<a>",
            b"<a><b></a>",
            b"<a></b>",
            b"</a>",
            b"<a/><b/>",
            b"text<a/>",
            b"<a/>text",
            b"<a>&unknown;</a>",
            b"<a>&#0;</a>",
            b"<a>&#xD800;</a>",
            b"<a>&#x110000;</a>",
            b"<a>&#xFFFF;</a>",
            b"<a>&#99999999999;</a>",
            b"<a>&#x+41;</a>",
            b"<a>&#;</a>",
            b"<a>&#X41;</a>",
            b"<a>& </a>",
            b"<a b=\"&bogus;\"/>",
            b"<a b=\"1\" b=\"2\"/>",
            b"<a b=\"unterminated/>",
            b"<a>\xff</a>",
            b"<a>\xe2\x82</a>",
            b"<a><![CDATA[open</a>",
            b"<a><!-- open</a>",
            b"<>x</>",
        ];
        for case in cases {
            let result = parse(case);
            assert!(
                result.is_err(),
                "{:?} parsed: {result:?}",
                String::from_utf8_lossy(case)
            );
        }
        let message = parse(b"<a>\xff</a>").unwrap_err().to_string();
        assert_eq!(message, "invalid XML at byte 3: not UTF-8");
    }

    #[test]
    fn reader_rejects_dtds_and_entity_expansion() {
        let laughs = b"<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\">\
                       <!ENTITY lol2 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">]>\
                       <lolz>&lol2;</lolz>";
        let err = parse(laughs).unwrap_err();
        assert!(err.to_string().contains("DTD"), "{err}");
        assert!(parse(b"<!DOCTYPE a SYSTEM \"file:///etc/passwd\"><a>&x;</a>").is_err());
        assert!(parse(b"<a>&lol;</a>").is_err());
    }

    #[test]
    fn reader_limits_depth_without_recursing() {
        let deep = |n: usize| format!("{}{}", "<a>".repeat(n), "</a>".repeat(n));
        assert!(parse(deep(MAX_DEPTH).as_bytes()).is_ok());
        let err = parse(deep(MAX_DEPTH + 1).as_bytes()).unwrap_err();
        assert!(err.to_string().contains("nested too deeply"), "{err}");
        assert!(parse(deep(100_000).as_bytes()).is_err());
        assert!(parse("<a>".repeat(100_000).as_bytes()).is_err());
        let empty_at_limit = format!(
            "{}<b/>{}",
            "<a>".repeat(MAX_DEPTH),
            "</a>".repeat(MAX_DEPTH)
        );
        assert!(parse(empty_at_limit.as_bytes()).is_err());
    }

    #[test]
    fn reader_limits_the_number_of_nodes() {
        let limited = |doc: &str| parse_limited(doc.as_bytes(), MAX_DEPTH, 5);
        assert!(limited("<r><a/><a/><a/><a/></r>").is_ok());
        assert!(limited("<r><a/><a/><a/><a/><a/></r>").is_err());
        assert!(limited("<r a='' b='' c=''><a/></r>").is_ok());
        let err = limited("<r a='' b='' c='' d=''><a/></r>").unwrap_err();
        assert!(err.to_string().contains("too many"), "{err}");
        // Many attributes on one tag stay linear (quick-xml's duplicate check hashes past 32).
        let attrs: String = (0..40_000).map(|i| format!(" a{i}=''")).collect();
        assert_eq!(
            parse(format!("<r{attrs}/>").as_bytes())
                .unwrap()
                .attrs
                .len(),
            40_000
        );
    }

    /// xorshift64*: deterministic, so a failure reproduces.
    fn rng(state: &mut u64) -> u64 {
        *state ^= *state >> 12;
        *state ^= *state << 25;
        *state ^= *state >> 27;
        state.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    #[test]
    fn reader_never_panics_on_random_or_mutated_input() {
        const PIECES: &[&str] = &[
            "<",
            ">",
            "/",
            "</",
            "/>",
            "<a>",
            "</a>",
            "<b x='1'>",
            "</b>",
            "&",
            ";",
            "&amp;",
            "&#",
            "&#x",
            "1F",
            "<![CDATA[",
            "]]>",
            "<!--",
            "-->",
            "<?",
            "?>",
            "<!DOCTYPE",
            "=",
            "\"",
            "'",
            " ",
            "\n",
            "\r",
            "p:",
            "xmlns",
            "\u{e9}",
            "\u{feff}",
            "\0",
        ];
        let seed_doc = "<?xml version=\"1.0\"?><p:r xmlns:p=\"u\" a=\"&lt;\"><c><![CDATA[x]]>&#x41;\
                        </c><!--c--><d/></p:r>";
        let mut state = 0x9E37_79B9_7F4A_7C15u64;
        let mut parsed = 0;
        for i in 0..4000 {
            let input: Vec<u8> = match i % 3 {
                0 => (0..rng(&mut state) % 64)
                    .map(|_| rng(&mut state) as u8)
                    .collect(),
                1 => (0..rng(&mut state) % 24)
                    .flat_map(|_| {
                        let piece = PIECES[(rng(&mut state) % PIECES.len() as u64) as usize];
                        piece.bytes()
                    })
                    .collect(),
                _ => {
                    let mut doc = seed_doc.as_bytes().to_vec();
                    for _ in 0..1 + rng(&mut state) % 3 {
                        let at = (rng(&mut state) % doc.len() as u64) as usize;
                        match rng(&mut state) % 3 {
                            0 => doc[at] = rng(&mut state) as u8,
                            1 => doc.truncate(at),
                            _ => doc.insert(at, b"<&>\"'/;"[(rng(&mut state) % 7) as usize]),
                        }
                        if doc.is_empty() {
                            break;
                        }
                    }
                    doc
                }
            };
            if parse(&input).is_ok() {
                parsed += 1;
            }
        }
        assert!(
            parsed > 0,
            "the mutated documents include some that still parse"
        );
    }

    #[test]
    fn truncated_documents_are_errors() {
        let doc = b"<r a=\"1\"><b>x</b><c><![CDATA[y]]></c></r>";
        for len in 0..doc.len() {
            assert!(parse(&doc[..len]).is_err(), "{len}");
        }
        assert!(parse(doc).is_ok());
    }
}
