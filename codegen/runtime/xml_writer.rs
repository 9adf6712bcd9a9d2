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
#[path = "tests/xml_writer.rs"]
mod tests;
