//! Character-level scanning: whitespace, comments, identifiers, shape IDs, strings, text
//! blocks and numbers. Every method works on byte offsets and never panics on any input.

use super::number::Number;

/// A syntax error at a byte offset of the file being parsed.
#[derive(Debug, Clone, PartialEq)]
pub struct SyntaxError {
    /// Byte offset into the source.
    pub offset: usize,
    /// What was expected or found.
    pub message: String,
}

pub type PResult<T> = Result<T, SyntaxError>;

/// A position in the source, with the documentation comment lines seen by the last `ws`.
pub struct Cursor<'a> {
    pub src: &'a str,
    pub pos: usize,
    /// `///` lines met since the last call to `take_docs` or `clear_docs`.
    docs: Vec<&'a str>,
}

impl<'a> Cursor<'a> {
    pub fn new(src: &'a str) -> Cursor<'a> {
        Cursor {
            src,
            pos: 0,
            docs: Vec::new(),
        }
    }

    pub fn err<T>(&self, message: impl Into<String>) -> PResult<T> {
        Err(self.error_at(self.pos, message))
    }

    pub fn error_at(&self, offset: usize, message: impl Into<String>) -> SyntaxError {
        SyntaxError {
            offset,
            message: message.into(),
        }
    }

    pub fn peek(&self) -> Option<u8> {
        self.src.as_bytes().get(self.pos).copied()
    }

    pub fn peek_at(&self, n: usize) -> Option<u8> {
        self.src.as_bytes().get(self.pos + n).copied()
    }

    pub fn eof(&self) -> bool {
        self.pos >= self.src.len()
    }

    pub fn rest(&self) -> &'a str {
        self.src.get(self.pos..).unwrap_or("")
    }

    pub fn starts_with(&self, s: &str) -> bool {
        self.rest().starts_with(s)
    }

    /// A description of what is at the cursor, for messages.
    pub fn found(&self) -> String {
        match self.rest().chars().next() {
            None => "end of file".into(),
            Some('\n') | Some('\r') => "a line break".into(),
            Some(c) => format!("`{c}`"),
        }
    }

    /// Consumes `c` or fails with "expected `c`".
    pub fn expect(&mut self, c: u8) -> PResult<()> {
        if self.peek() == Some(c) {
            self.pos += 1;
            Ok(())
        } else {
            self.err(format!("expected `{}`, found {}", c as char, self.found()))
        }
    }

    pub fn eat(&mut self, c: u8) -> bool {
        if self.peek() == Some(c) {
            self.pos += 1;
            true
        } else {
            false
        }
    }

    /// Spaces and tabs only. Returns whether any were skipped.
    pub fn sp(&mut self) -> bool {
        let start = self.pos;
        while matches!(self.peek(), Some(b' ' | b'\t')) {
            self.pos += 1;
        }
        self.pos > start
    }

    /// A comment at the cursor (which starts with `//`), through its line break.
    fn comment(&mut self) {
        let rest = self.rest();
        let end = rest.find('\n').map_or(rest.len(), |i| i + 1);
        let line = rest.get(..end).unwrap_or("");
        if let Some(doc) = line.strip_prefix("///") {
            let doc = doc.trim_end_matches(['\n', '\r']);
            self.docs.push(doc.strip_prefix(' ').unwrap_or(doc));
        }
        self.pos += end;
    }

    /// `WS`: spaces, tabs, line breaks, commas and comments. Returns whether any were skipped.
    pub fn ws(&mut self) -> bool {
        let start = self.pos;
        if matches!(
            self.peek(),
            Some(b' ' | b'\t' | b'\n' | b'\r' | b',' | b'/')
        ) {
            // Documentation comments belong to what directly follows them.
            self.docs.clear();
        }
        loop {
            match self.peek() {
                Some(b' ' | b'\t' | b'\n' | b',') => self.pos += 1,
                Some(b'\r') if self.peek_at(1) == Some(b'\n') => self.pos += 2,
                Some(b'/') if self.peek_at(1) == Some(b'/') => self.comment(),
                _ => break,
            }
        }
        self.pos > start
    }

    /// `BR`: optional spaces, then a line break or comment (or the end of the file), then `WS`.
    pub fn br(&mut self) -> PResult<()> {
        self.sp();
        match self.peek() {
            None => Ok(()),
            Some(b'\n') => {
                self.ws();
                Ok(())
            }
            Some(b'\r') if self.peek_at(1) == Some(b'\n') => {
                self.ws();
                Ok(())
            }
            Some(b'/') if self.peek_at(1) == Some(b'/') => {
                // A comment after a statement, on its line, documents nothing.
                let rest = self.rest();
                self.pos += rest.find('\n').map_or(rest.len(), |i| i + 1);
                self.ws();
                Ok(())
            }
            _ => self.err(format!("expected a line break, found {}", self.found())),
        }
    }

    /// The documentation comment lines since the last take, joined with `\n`.
    pub fn take_docs(&mut self) -> Option<String> {
        if self.docs.is_empty() {
            return None;
        }
        let text = self.docs.join("\n");
        self.docs.clear();
        Some(text)
    }

    pub fn clear_docs(&mut self) {
        self.docs.clear();
    }

    /// `Identifier`: `(ALPHA / "_") *(ALPHA / DIGIT / "_")`, at least one letter or digit.
    pub fn identifier(&mut self) -> PResult<&'a str> {
        let start = self.pos;
        let bytes = self.src.as_bytes();
        match self.peek() {
            Some(c) if c.is_ascii_alphabetic() || c == b'_' => self.pos += 1,
            _ => {
                return self.err(format!("expected an identifier, found {}", self.found()));
            }
        }
        while bytes
            .get(self.pos)
            .is_some_and(|c| c.is_ascii_alphanumeric() || *c == b'_')
        {
            self.pos += 1;
        }
        let id = self.src.get(start..self.pos).unwrap_or("");
        if id.bytes().all(|c| c == b'_') {
            return Err(self.error_at(start, "an identifier needs a letter or digit"));
        }
        Ok(id)
    }

    /// A namespace: identifiers separated by dots.
    pub fn namespace(&mut self) -> PResult<&'a str> {
        let start = self.pos;
        self.identifier()?;
        while self.peek() == Some(b'.') {
            self.pos += 1;
            self.identifier()?;
        }
        Ok(self.src.get(start..self.pos).unwrap_or(""))
    }

    /// A shape ID, absolute or relative, with an optional `$member`.
    pub fn shape_id(&mut self) -> PResult<&'a str> {
        let start = self.pos;
        self.namespace()?;
        let dotted = self
            .src
            .get(start..self.pos)
            .is_some_and(|s| s.contains('.'));
        if self.peek() == Some(b'#') {
            self.pos += 1;
            self.identifier()?;
        } else if dotted {
            return self.err(format!(
                "expected `#` after the namespace of a shape ID, found {}",
                self.found()
            ));
        }
        if self.peek() == Some(b'$') {
            self.pos += 1;
            self.identifier()?;
        }
        Ok(self.src.get(start..self.pos).unwrap_or(""))
    }

    /// Whether the cursor is at a keyword `word` not followed by an identifier character.
    pub fn at_word(&self, word: &str) -> bool {
        self.starts_with(word)
            && !self
                .src
                .as_bytes()
                .get(self.pos + word.len())
                .is_some_and(|c| {
                    c.is_ascii_alphanumeric() || matches!(c, b'_' | b'.' | b'#' | b'$')
                })
    }

    /// A quoted string or text block at the cursor (which is at `"`), unescaped.
    pub fn string(&mut self) -> PResult<String> {
        if self.starts_with("\"\"\"") {
            return self.text_block();
        }
        let open = self.pos;
        self.pos += 1;
        let start = self.pos;
        let bytes = self.src.as_bytes();
        loop {
            match bytes.get(self.pos) {
                None => return Err(self.error_at(open, "unclosed string")),
                Some(b'"') => break,
                Some(b'\\') => self.pos += 2,
                Some(_) => self.pos += 1,
            }
        }
        let raw = self.src.get(start..self.pos).unwrap_or("");
        self.pos += 1;
        unescape(raw).map_err(|(at, m)| self.error_at(start + at, m))
    }

    /// `"""` NL content `"""`, with incidental whitespace removed, then escapes applied.
    fn text_block(&mut self) -> PResult<String> {
        let open = self.pos;
        self.pos += 3;
        self.sp();
        if self.eat(b'\r') {
            // CR LF
        }
        if !self.eat(b'\n') {
            return self.err("a text block must start with a line break after `\"\"\"`");
        }
        let start = self.pos;
        let bytes = self.src.as_bytes();
        loop {
            match bytes.get(self.pos) {
                None => return Err(self.error_at(open, "unclosed text block")),
                Some(b'\\') => self.pos += 2,
                Some(b'"') if self.starts_with("\"\"\"") => break,
                Some(_) => self.pos += 1,
            }
        }
        let raw = self.src.get(start..self.pos).unwrap_or("");
        self.pos += 3;
        let trimmed = strip_incidental_whitespace(&raw.replace("\r\n", "\n"));
        unescape(&trimmed).map_err(|(_, m)| self.error_at(start, m))
    }

    /// A `Number`, kept as written.
    pub fn number(&mut self) -> PResult<Number> {
        let start = self.pos;
        let bytes = self.src.as_bytes();
        let digits = |pos: &mut usize| {
            let s = *pos;
            while bytes.get(*pos).is_some_and(u8::is_ascii_digit) {
                *pos += 1;
            }
            *pos > s
        };
        let mut p = self.pos;
        if bytes.get(p) == Some(&b'-') {
            p += 1;
        }
        let int_start = p;
        if !digits(&mut p) {
            return Err(self.error_at(p, "expected a digit"));
        }
        if bytes.get(int_start) == Some(&b'0') && p - int_start > 1 {
            return Err(self.error_at(int_start, "a number cannot start with `0` unless it is 0"));
        }
        if bytes.get(p) == Some(&b'.') {
            p += 1;
            if !digits(&mut p) {
                return Err(self.error_at(p, "expected a digit after `.`"));
            }
        }
        if matches!(bytes.get(p), Some(b'e' | b'E')) {
            p += 1;
            if matches!(bytes.get(p), Some(b'+' | b'-')) {
                p += 1;
            }
            if !digits(&mut p) {
                return Err(self.error_at(p, "expected a digit in the exponent"));
            }
        }
        self.pos = p;
        let text = self.src.get(start..p).unwrap_or("");
        Number::parse(text).ok_or_else(|| self.error_at(start, format!("bad number `{text}`")))
    }
}

/// Applies the escapes of a quoted string. Errors carry a byte offset into `raw`.
pub fn unescape(raw: &str) -> Result<String, (usize, String)> {
    let mut out = String::with_capacity(raw.len());
    let mut chars = raw.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if c == '\r' && chars.peek().map(|x| x.1) == Some('\n') {
            continue;
        }
        if c != '\\' {
            out.push(c);
            continue;
        }
        let Some((_, e)) = chars.next() else {
            return Err((i, "a string cannot end with a lone `\\`".into()));
        };
        match e {
            '"' => out.push('"'),
            '\\' => out.push('\\'),
            '/' => out.push('/'),
            'b' => out.push('\u{8}'),
            'f' => out.push('\u{c}'),
            'n' => out.push('\n'),
            'r' => out.push('\r'),
            't' => out.push('\t'),
            '\n' => {}
            '\r' => {
                if chars.peek().map(|x| x.1) == Some('\n') {
                    chars.next();
                }
            }
            'u' => {
                let hi = hex4(&mut chars).ok_or((i, "invalid `\\u` escape".to_string()))?;
                let c = if (0xD800..0xDC00).contains(&hi) {
                    let low = (chars.next().map(|x| x.1) == Some('\\')
                        && chars.next().map(|x| x.1) == Some('u'))
                    .then(|| hex4(&mut chars))
                    .flatten()
                    .filter(|lo| (0xDC00..0xE000).contains(lo))
                    .ok_or((
                        i,
                        "a high surrogate must be followed by a low surrogate".to_string(),
                    ))?;
                    char::from_u32(0x10000 + ((hi - 0xD800) << 10) + (low - 0xDC00))
                } else {
                    char::from_u32(hi)
                };
                out.push(c.ok_or((i, "invalid `\\u` escape: not a character".to_string()))?);
            }
            other => return Err((i, format!("invalid escape `\\{other}`"))),
        }
    }
    Ok(out)
}

fn hex4(chars: &mut std::iter::Peekable<std::str::CharIndices<'_>>) -> Option<u32> {
    let mut v = 0;
    for _ in 0..4 {
        let d = chars.next()?.1.to_digit(16)?;
        v = v * 16 + d;
    }
    Some(v)
}

/// The spec's incidental whitespace removal for text block content (after the opening line
/// break, before the closing delimiter).
pub fn strip_incidental_whitespace(content: &str) -> String {
    let lines: Vec<&str> = content.split('\n').collect();
    let last = lines.len().saturating_sub(1);
    let indent = |l: &str| l.len() - l.trim_start_matches(' ').len();
    let prefix = lines
        .iter()
        .enumerate()
        .filter(|(i, l)| *i == last || !l.trim().is_empty())
        .map(|(_, l)| indent(l))
        .min()
        .unwrap_or(0);
    let mut out: Vec<&str> = Vec::with_capacity(lines.len());
    for (i, line) in lines.iter().enumerate() {
        let cut = indent(line).min(prefix);
        let rest = line.get(cut..).unwrap_or("");
        if i == last && rest.trim().is_empty() {
            out.push("");
        } else {
            out.push(rest.trim_end_matches(' '));
        }
    }
    out.join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn block(src: &str) -> String {
        Cursor::new(src).string().unwrap()
    }

    #[test]
    fn text_blocks_remove_incidental_whitespace() {
        assert_eq!(
            block("\"\"\"\n    Foo\n        Baz\n\n  \n    Bar\n    \"\"\""),
            "Foo\n    Baz\n\n\nBar\n"
        );
        assert_eq!(block("\"\"\"\n    Hello\"\"\""), "Hello");
        assert_eq!(block("\"\"\"\n    \"\"\""), "");
        assert_eq!(block("\"\"\"\n    Hi \\\n    there\"\"\""), "Hi there");
        assert_eq!(block("\"\"\"\n    Hello\n         \"\"\""), "Hello\n");
        assert_eq!(block("\"\"\"\n    \"Hi\\\"\"\"\""), "\"Hi\"");
        assert!(Cursor::new("\"\"\"foo\"\"\"").string().is_err());
        assert!(Cursor::new("\"\"\"\nfoo").string().is_err());
    }

    #[test]
    fn escapes() {
        assert_eq!(
            unescape(r#"a\"\\\/\b\f\n\r\t"#).unwrap(),
            "a\"\\/\u{8}\u{c}\n\r\t"
        );
        assert_eq!(unescape(r"\u00e9\uD83D\uDE00").unwrap(), "é😀");
        assert_eq!(unescape("a\\\nb").unwrap(), "ab");
        assert!(unescape(r"\'").is_err());
        assert!(unescape(r"\u12").is_err());
        assert!(unescape(r"\uD83D").is_err());
        assert!(unescape(r"\uD83Dx\uDE00").is_err());
        assert!(unescape("\\").is_err());
    }

    #[test]
    fn numbers() {
        let n = |s: &str| Cursor::new(s).number().map(|n| n.to_string());
        assert_eq!(n("-12").unwrap(), "-12");
        assert_eq!(n("1.5e3").unwrap(), "1.5e3", "kept as written");
        assert_eq!(n("0.5").unwrap(), "0.5");
        for big in [
            "1.7976931348623157E+309",
            "123456789012345678901234567890.000000001",
        ] {
            assert_eq!(n(big).unwrap(), big, "beyond f64, kept");
        }
        for bad in ["-", "1.", "1e", "1e+", ".5", "01", "-00.5"] {
            assert!(n(bad).is_err(), "{bad}");
        }
    }
}
