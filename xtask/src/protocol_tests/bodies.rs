// Request bodies compared as `bodyMediaType` says: XML and form data by meaning, anything else
// byte for byte (JSON is compared by the test itself, with serde_json).
//
// This file is written as it is into every generated `tests/protocol_tests.rs`, so it uses std
// only, has no `//!` docs and no `use`; xtask compiles it only for its unit tests
// (`bodies/tests.rs`).
//
// What "by meaning" is: both bodies become trees (`BodyTree`) put in a canonical order, then
// compared whole.
// - XML: element names as written (prefix included), attributes in any order (namespace
//   declarations are attributes), text with entities and CDATA decoded. The XML declaration,
//   comments, processing instructions and whitespace-only text are ignored (an empty element
//   may be written over lines); other text of an element without children is kept exactly.
// - Form data: `&`-separated `key=value` pairs in any order, percent-decoded, `+` as a space;
//   a key's `.`-separated segments are the tree's levels (`A.member.1=x` is A > member > 1).
//   The expected body may be written over several lines: each of its pairs is trimmed.
// - Order: siblings of different names in any order (structure members); siblings of the same
//   name in their order (list items), except when each of them has two or more children: map
//   entries (`<entry><key/><value/></entry>`, `M.entry.1.key=…&M.entry.1.value=…`) come from
//   a `HashMap`, whose order is arbitrary, so those match as a multiset (as structures in a
//   list do: their order goes unchecked). Form data numbers such items: their numbers must
//   be 1..=n, and are then dropped.

/// An XML element or a form key: its name, attributes, text and children.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct BodyTree {
    pub name: String,
    pub attrs: Vec<(String, String)>,
    pub text: String,
    pub children: Vec<BodyTree>,
}

impl BodyTree {
    fn named(name: &str) -> BodyTree {
        BodyTree {
            name: name.to_string(),
            attrs: Vec::new(),
            text: String::new(),
            children: Vec::new(),
        }
    }

    /// The tree in canonical order (see the top of this file).
    pub fn canonical(mut self) -> BodyTree {
        self.attrs.sort();
        self.children = self.children.into_iter().map(BodyTree::canonical).collect();
        // Stable: siblings of one name keep their order.
        self.children.sort_by(|a, b| a.name.cmp(&b.name));
        let mut start = 0;
        while start < self.children.len() {
            let mut end = start + 1;
            while end < self.children.len() && self.children[end].name == self.children[start].name
            {
                end += 1;
            }
            let run = &mut self.children[start..end];
            if run.len() > 1 && run.iter().all(|c| c.children.len() >= 2) {
                run.sort();
            }
            start = end;
        }
        self
    }

    /// One line per node, indented by depth: `name @attr="v" = "text"`.
    pub fn render(&self, depth: usize, out: &mut String) {
        out.push_str(&"  ".repeat(depth));
        out.push_str(&self.name);
        for (k, v) in &self.attrs {
            out.push_str(&format!(" @{k}={v:?}"));
        }
        if !self.text.is_empty() || self.children.is_empty() {
            out.push_str(&format!(" = {:?}", self.text));
        }
        out.push('\n');
        for c in &self.children {
            c.render(depth + 1, out);
        }
    }

    fn rendered(&self) -> String {
        let mut out = String::new();
        self.render(0, &mut out);
        out
    }
}

/// Reads one XML document: its root element, without what is ignored.
pub fn xml_tree(text: &str) -> Result<BodyTree, String> {
    let mut r = XmlReader { s: text, at: 0 };
    r.skip_misc()?;
    if !r.rest().starts_with('<') {
        return Err(format!("no root element at byte {}", r.at));
    }
    let root = r.element()?;
    r.skip_misc()?;
    if r.at < text.len() {
        return Err(format!("content after the root element at byte {}", r.at));
    }
    Ok(root)
}

struct XmlReader<'a> {
    s: &'a str,
    at: usize,
}

impl<'a> XmlReader<'a> {
    fn rest(&self) -> &'a str {
        &self.s[self.at..]
    }

    fn skip_ws(&mut self) {
        let rest = self.rest();
        self.at += rest.len() - rest.trim_start().len();
    }

    /// Moves past `end`, which must come; returns what was before it.
    fn until(&mut self, end: &str) -> Result<&'a str, String> {
        let start = self.at;
        let len = self
            .rest()
            .find(end)
            .ok_or_else(|| format!("`{end}` missing after byte {start}"))?;
        self.at += len + end.len();
        Ok(&self.s[start..start + len])
    }

    /// Whitespace, the declaration, comments and processing instructions (around the root).
    fn skip_misc(&mut self) -> Result<(), String> {
        loop {
            self.skip_ws();
            if self.rest().starts_with("<?") {
                self.until("?>")?;
            } else if self.rest().starts_with("<!--") {
                self.until("-->")?;
            } else {
                return Ok(());
            }
        }
    }

    fn name(&mut self) -> Result<String, String> {
        let rest = self.rest();
        let len = rest
            .find(|c: char| c.is_whitespace() || matches!(c, '/' | '>' | '=' | '<'))
            .unwrap_or(rest.len());
        if len == 0 {
            return Err(format!("a name expected at byte {}", self.at));
        }
        self.at += len;
        Ok(rest[..len].to_string())
    }

    fn expect(&mut self, c: char) -> Result<(), String> {
        if !self.rest().starts_with(c) {
            return Err(format!("`{c}` expected at byte {}", self.at));
        }
        self.at += c.len_utf8();
        Ok(())
    }

    /// An element, from its `<`.
    fn element(&mut self) -> Result<BodyTree, String> {
        self.expect('<')?;
        let mut node = BodyTree::named(&self.name()?);
        loop {
            self.skip_ws();
            if self.rest().starts_with("/>") {
                self.at += 2;
                return Ok(node);
            }
            if self.rest().starts_with('>') {
                self.at += 1;
                break;
            }
            let name = self.name()?;
            self.skip_ws();
            self.expect('=')?;
            self.skip_ws();
            let quote = if self.rest().starts_with('"') {
                "\""
            } else {
                "'"
            };
            self.expect(quote.chars().next().unwrap_or('"'))?;
            // Attribute values: line ends and tabs are spaces (XML 1.0, 3.3.3).
            let raw = xml_newlines(self.until(quote)?).replace(['\n', '\t'], " ");
            let value = xml_unescape(&raw)?;
            if node.attrs.iter().any(|(n, _)| *n == name) {
                return Err(format!("attribute `{name}` repeated on <{}>", node.name));
            }
            node.attrs.push((name, value));
        }
        let mut text = String::new();
        loop {
            let rest = self.rest();
            if rest.is_empty() {
                return Err(format!("<{}> is not closed", node.name));
            } else if rest.starts_with("</") {
                self.at += 2;
                let end = self.name()?;
                if end != node.name {
                    return Err(format!("<{}> closed by </{end}>", node.name));
                }
                self.skip_ws();
                self.expect('>')?;
                break;
            } else if rest.starts_with("<!--") {
                self.until("-->")?;
            } else if rest.starts_with("<![CDATA[") {
                self.at += "<![CDATA[".len();
                text.push_str(&xml_newlines(self.until("]]>")?));
            } else if rest.starts_with("<?") {
                self.until("?>")?;
            } else if rest.starts_with('<') {
                node.children.push(self.element()?);
            } else {
                let len = rest.find('<').unwrap_or(rest.len());
                text.push_str(&xml_unescape(&xml_newlines(&rest[..len]))?);
                self.at += len;
            }
        }
        // Text between child elements is layout, and so is whitespace alone (an empty list
        // written over lines); a leaf's other text is its value, kept exactly.
        node.text = if node.children.is_empty() && !text.trim().is_empty() {
            text
        } else {
            text.trim().to_string()
        };
        Ok(node)
    }
}

/// Line ends as an XML parser hands them on: `\r\n` and `\r` are `\n` (XML 1.0, 2.11).
fn xml_newlines(raw: &str) -> String {
    raw.replace("\r\n", "\n").replace('\r', "\n")
}

/// Decodes the five predefined entities and character references.
fn xml_unescape(raw: &str) -> Result<String, String> {
    let mut out = String::new();
    let mut rest = raw;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        let semi = rest[amp..]
            .find(';')
            .ok_or_else(|| format!("unterminated entity in {raw:?}"))?;
        let entity = &rest[amp + 1..amp + semi];
        let c = match entity {
            "lt" => '<',
            "gt" => '>',
            "amp" => '&',
            "quot" => '"',
            "apos" => '\'',
            _ => {
                let code = if let Some(hex) = entity.strip_prefix("#x") {
                    u32::from_str_radix(hex, 16).ok()
                } else if let Some(dec) = entity.strip_prefix('#') {
                    dec.parse().ok()
                } else {
                    None
                };
                code.and_then(char::from_u32)
                    .ok_or_else(|| format!("unknown entity &{entity}; in {raw:?}"))?
            }
        };
        out.push(c);
        rest = &rest[amp + semi + 1..];
    }
    out.push_str(rest);
    Ok(out)
}

/// Percent-decoding of form data: `%XX` is a byte, `+` a space.
fn form_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes
            .get(i + 1..i + 3)
            .and_then(|h| std::str::from_utf8(h).ok())
            .and_then(|h| u8::from_str_radix(h, 16).ok());
        match (bytes[i], hex) {
            (b'%', Some(b)) => {
                out.push(b);
                i += 3;
                continue;
            }
            (b'+', _) => out.push(b' '),
            (b, _) => out.push(b),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Reads form data into a tree. `expected`: the body as a case writes it, whose pairs may be
/// spread over lines (a client's own body is taken as sent).
pub fn form_tree(body: &str, expected: bool) -> BodyTree {
    let mut root = BodyTree::named("(form)");
    for pair in body.split('&') {
        let pair = if expected { pair.trim() } else { pair };
        if pair.is_empty() {
            continue;
        }
        let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
        let key = form_decode(key);
        let segments: Vec<&str> = key.split('.').collect();
        let mut node = &mut root;
        for (i, segment) in segments.iter().enumerate() {
            // A key's last segment is its own node; the ones before it are shared prefixes.
            let at = if i + 1 == segments.len() {
                None
            } else {
                node.children.iter().rposition(|c| c.name == *segment)
            };
            let at = at.unwrap_or_else(|| {
                node.children.push(BodyTree::named(segment));
                node.children.len() - 1
            });
            node = &mut node.children[at];
        }
        node.text = form_decode(value);
    }
    form_unnumber(&mut root);
    root
}

/// Drops the numbers of numbered items that have two or more children (map entries), when
/// they are 1..=n; `canonical` then matches them as a multiset.
fn form_unnumber(node: &mut BodyTree) {
    for c in &mut node.children {
        form_unnumber(c);
    }
    let mut numbers: Vec<usize> = Vec::new();
    for c in &node.children {
        match c.name.parse() {
            Ok(n) if c.children.len() >= 2 && c.name.bytes().all(|b| b.is_ascii_digit()) => {
                numbers.push(n)
            }
            _ => return,
        }
    }
    numbers.sort_unstable();
    if !numbers.is_empty() && numbers.iter().enumerate().all(|(i, n)| *n == i + 1) {
        for c in &mut node.children {
            c.name = "#".to_string();
        }
    }
}

fn body_text(body: &[u8]) -> String {
    String::from_utf8_lossy(body).into_owned()
}

fn differ(kind: &str, expected: BodyTree, actual: BodyTree, body: &[u8]) -> Result<(), String> {
    let (expected, actual) = (expected.canonical(), actual.canonical());
    if expected == actual {
        return Ok(());
    }
    let (want, got) = (expected.rendered(), actual.rendered());
    // The first differing line leads: the report shows a failure's first line only.
    let (mut w, mut g) = (want.lines(), got.lines());
    let (first_want, first_got) = loop {
        match (w.next(), g.next()) {
            (a, b) if a != b => break (a.unwrap_or("(nothing)"), b.unwrap_or("(nothing)")),
            _ => {}
        }
    };
    Err(format!(
        "the {kind} bodies differ: expected `{}`, got `{}`\n--- expected, as compared:\n{want}--- actual, as compared:\n{got}--- actual body:\n{}",
        first_want.trim(),
        first_got.trim(),
        body_text(body)
    ))
}

/// Whether the body is the same XML document as `expected`.
pub fn xml_equivalent(actual: &[u8], expected: &str) -> Result<(), String> {
    let want = xml_tree(expected).map_err(|e| format!("the expected body is not XML: {e}"))?;
    let text = std::str::from_utf8(actual).map_err(|e| format!("the body is not UTF-8: {e}"))?;
    let got = xml_tree(text).map_err(|e| format!("the body is not XML: {e}\n{text}"))?;
    differ("XML", want, got, actual)
}

/// Whether the body is the same form data as `expected`.
pub fn form_equivalent(actual: &[u8], expected: &str) -> Result<(), String> {
    let got = form_tree(&body_text(actual), false);
    differ("form", form_tree(expected, true), got, actual)
}

/// Whether the body is exactly `expected`.
pub fn bytes_equivalent(actual: &[u8], expected: &str) -> Result<(), String> {
    if actual == expected.as_bytes() {
        return Ok(());
    }
    Err(format!(
        "the bodies differ\n--- expected:\n{expected:?}\n--- actual:\n{:?}",
        body_text(actual)
    ))
}

#[track_caller]
pub fn assert_xml_body(actual: &[u8], expected: &str) {
    if let Err(e) = xml_equivalent(actual, expected) {
        panic!("{e}");
    }
}

#[track_caller]
pub fn assert_form_body(actual: &[u8], expected: &str) {
    if let Err(e) = form_equivalent(actual, expected) {
        panic!("{e}");
    }
}

#[track_caller]
pub fn assert_bytes_body(actual: &[u8], expected: &str) {
    if let Err(e) = bytes_equivalent(actual, expected) {
        panic!("{e}");
    }
}
