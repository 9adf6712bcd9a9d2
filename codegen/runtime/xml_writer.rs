//! XML request bodies of restXml: a writer that escapes every value it is given.

/// Builds an XML document as a string. Element and attribute names come from the generated code
/// and are trusted; every text and attribute value is escaped. Misuse cannot produce malformed
/// XML: an attribute after content, text or an end outside any element, and anything after the
/// root element are ignored (and fail a debug assertion), and [`XmlWriter::finish`] closes what
/// is still open.
#[derive(Debug, Default)]
pub(crate) struct XmlWriter<'n> {
    out: ::std::string::String,
    open: ::std::vec::Vec<&'n str>,
    /// The innermost start tag still takes attributes (its `>` is not written yet).
    in_tag: bool,
    /// The root element is closed.
    done: bool,
}

impl<'n> XmlWriter<'n> {
    /// An empty document.
    pub(crate) fn new() -> Self {
        Self::default()
    }

    /// Opens an element (`name` may carry a prefix, `p:name`).
    pub(crate) fn start(&mut self, name: &'n str) -> &mut Self {
        debug_assert!(is_name(name), "invalid XML name {name:?}");
        debug_assert!(!self.done, "a second root element <{name}>");
        if self.done {
            return self;
        }
        self.close_tag();
        self.out.push('<');
        self.out.push_str(name);
        self.open.push(name);
        self.in_tag = true;
        self
    }

    /// Adds an attribute to the element just opened, before any content.
    pub(crate) fn attr(&mut self, name: &str, value: &str) -> &mut Self {
        self.attr_parts("", name, value)
    }

    /// Declares a namespace on the element just opened: `xmlns="uri"`, or `xmlns:prefix="uri"`.
    pub(crate) fn xmlns(&mut self, prefix: ::std::option::Option<&str>, uri: &str) -> &mut Self {
        match prefix {
            Some(prefix) => self.attr_parts("xmlns:", prefix, uri),
            None => self.attr_parts("", "xmlns", uri),
        }
    }

    fn attr_parts(&mut self, head: &str, name: &str, value: &str) -> &mut Self {
        debug_assert!(is_name(name), "invalid XML name {name:?}");
        debug_assert!(
            self.in_tag,
            "attribute {name:?} after the element's content"
        );
        if self.in_tag {
            self.out.push(' ');
            self.out.push_str(head);
            self.out.push_str(name);
            self.out.push_str("=\"");
            escape_into(&mut self.out, value, true);
            self.out.push('"');
        }
        self
    }

    /// Appends escaped text to the open element.
    pub(crate) fn text(&mut self, value: &str) -> &mut Self {
        debug_assert!(!self.open.is_empty(), "text outside any element");
        if !self.open.is_empty() {
            self.close_tag();
            escape_into(&mut self.out, value, false);
        }
        self
    }

    /// Closes the innermost open element (`<name/>` if it has no content).
    pub(crate) fn end(&mut self) -> &mut Self {
        debug_assert!(!self.open.is_empty(), "end() with no open element");
        if let Some(name) = self.open.pop() {
            if self.in_tag {
                self.out.push_str("/>");
                self.in_tag = false;
            } else {
                self.out.push_str("</");
                self.out.push_str(name);
                self.out.push('>');
            }
            self.done = self.open.is_empty();
        }
        self
    }

    /// `<name>text</name>`.
    pub(crate) fn leaf(&mut self, name: &'n str, text: &str) -> &mut Self {
        self.start(name).text(text).end()
    }

    /// The document, with any elements still open closed.
    pub(crate) fn finish(mut self) -> ::std::string::String {
        while !self.open.is_empty() {
            self.end();
        }
        self.out
    }

    fn close_tag(&mut self) {
        if self.in_tag {
            self.out.push('>');
            self.in_tag = false;
        }
    }
}

/// Whether `name` is safe to write as an element or attribute name (a loose XML `Name` check).
fn is_name(name: &str) -> bool {
    let mut chars = name.chars();
    chars
        .next()
        .is_some_and(|c| c.is_alphabetic() || c == '_' || c == ':')
        && chars.all(|c| c.is_alphanumeric() || matches!(c, '_' | ':' | '-' | '.'))
}

/// Escapes markup characters, `"` in attributes, and every control character (tab, CR and LF
/// included) as a character reference so it reads back unchanged. NUL, U+FFFE and U+FFFF, which
/// no XML document can carry, become U+FFFD.
fn escape_into(out: &mut ::std::string::String, value: &str, attr: bool) {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    for c in value.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' if attr => out.push_str("&quot;"),
            '\0' | '\u{FFFE}' | '\u{FFFF}' => out.push('\u{FFFD}'),
            c if c.is_control() => {
                let n = u32::from(c);
                out.push_str("&#x");
                if n > 0xF {
                    out.push(char::from(HEX[(n >> 4) as usize & 0xF]));
                }
                out.push(char::from(HEX[n as usize & 0xF]));
                out.push(';');
            }
            c => out.push(c),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::xml::{XmlElement, parse};
    use super::*;

    #[test]
    fn writer_builds_nested_documents_with_attributes_and_namespaces() {
        let mut w = XmlWriter::new();
        w.start("XmlNamespacesRequest")
            .xmlns(None, "http://foo.com");
        w.start("nested");
        w.start("foo")
            .xmlns(Some("baz"), "http://baz.com")
            .text("Foo");
        w.end();
        w.start("values").attr("n", "2");
        w.leaf("member", "Bar")
            .leaf("member", "")
            .start("empty")
            .end();
        w.end();
        let xml = w.finish();
        assert_eq!(
            xml,
            "<XmlNamespacesRequest xmlns=\"http://foo.com\"><nested>\
             <foo xmlns:baz=\"http://baz.com\">Foo</foo><values n=\"2\">\
             <member>Bar</member><member></member><empty/></values></nested></XmlNamespacesRequest>"
        );
        let root = parse(xml.as_bytes()).unwrap();
        assert!(
            root.attrs.is_empty(),
            "namespace declarations are not attributes"
        );
        let nested = root.child("nested").unwrap();
        assert_eq!(nested.child("foo").unwrap().text(), "Foo");
        let values = nested.child("values").unwrap();
        assert_eq!(values.attr("n"), Some("2"));
        let members: Vec<&str> = values.children("member").map(XmlElement::text).collect();
        assert_eq!(members, ["Bar", ""]);
    }

    #[test]
    fn writer_escapes_text_and_attributes() {
        let mut w = XmlWriter::new();
        w.start("XmlAttributesRequest")
            .attr("test", "<test&mock>\"'");
        w.leaf(
            "foo",
            "a<b>&c \"q\" ]]> \t\r\n\u{1}\u{7f}\u{85}\0\u{FFFF}é😀",
        );
        assert_eq!(
            w.finish(),
            "<XmlAttributesRequest test=\"&lt;test&amp;mock&gt;&quot;'\">\
             <foo>a&lt;b&gt;&amp;c \"q\" ]]&gt; &#x9;&#xD;&#xA;&#x1;&#x7F;&#x85;\u{FFFD}\u{FFFD}é😀</foo>\
             </XmlAttributesRequest>"
        );
    }

    #[test]
    #[cfg(debug_assertions)]
    #[should_panic(expected = "invalid XML name")]
    fn writer_asserts_on_invalid_names_in_debug_builds() {
        // Names come from the model through the generator, which checks them; release builds
        // trust them.
        XmlWriter::new().start("a").attr("x y", "1");
    }

    #[test]
    fn writer_round_trips_every_kind_of_character() {
        let nasty = " lead\ttab\r\nCRLF\rCR\nLF &amp; &#10; <![CDATA[x]]> ]]> \u{1}\u{1f}\u{7f}\u{9f} \
                     é\u{2028}\u{10FFFF}\u{FFFD} trail ";
        let mut w = XmlWriter::new();
        w.start("a")
            .attr("v", nasty)
            .leaf("b", nasty)
            .leaf("c", "  ");
        let root = parse(w.finish().as_bytes()).unwrap();
        assert_eq!(root.attr("v"), Some(nasty));
        assert_eq!(root.child("b").unwrap().text(), nasty);
        assert_eq!(root.child("c").unwrap().text(), "  ");
        assert_eq!(root.text(), "");
    }

    #[test]
    fn writer_cannot_be_misused_into_malformed_xml() {
        let mut w = XmlWriter::new();
        w.start("a").start("b").text("x");
        assert_eq!(w.finish(), "<a><b>x</b></a>", "finish closes open elements");
        assert_eq!(XmlWriter::new().finish(), "");
        // Generator bugs: a debug build asserts before touching the document, a release build
        // ignores the call; either way the document stays well-formed.
        let misuse = |w: &mut XmlWriter<'static>, f: fn(&mut XmlWriter<'static>)| {
            let result = ::std::panic::catch_unwind(::std::panic::AssertUnwindSafe(|| f(w)));
            assert_eq!(result.is_err(), cfg!(debug_assertions));
        };
        let mut w = XmlWriter::new();
        misuse(&mut w, |w| {
            w.text("stray");
        });
        misuse(&mut w, |w| {
            w.end();
        });
        w.start("a").text("x");
        misuse(&mut w, |w| {
            w.attr("late", "1");
        });
        w.end();
        misuse(&mut w, |w| {
            w.start("second");
        });
        misuse(&mut w, |w| {
            w.text("after");
        });
        assert_eq!(w.finish(), "<a>x</a>");
    }
}
