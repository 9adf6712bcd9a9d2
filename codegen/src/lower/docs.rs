//! Smithy documentation (CommonMark with HTML, usually HTML from AWS) → rustdoc Markdown.
//!
//! Tags become Markdown or disappear; entities are decoded; text is escaped so rustdoc sees no
//! stray HTML, intra-doc links (`[x]`), bare URLs, or indented code blocks that would turn into
//! doctests.

/// Converts documentation text to rustdoc Markdown. Returns `None` for empty text.
pub fn to_markdown(doc: &str) -> Option<String> {
    let mut out = String::new();
    let mut rest = doc;
    let mut list_depth = 0usize;
    let mut href: Vec<Option<String>> = Vec::new();
    let mut in_pre = false;
    // Emphasis markers opened but not yet written: they go right before the next text that is
    // not whitespace, so `<i> <b>x</b> </i>` becomes ` ***x*** ` (a marker next to whitespace
    // does not open or close emphasis, and one starting a line would start a list).
    let mut pending = String::new();
    while !rest.is_empty() {
        if let Some(after) = rest.strip_prefix('<')
            && let Some(end) = after.find('>')
            && looks_like_tag(&after[..end])
        {
            let tag = &after[..end];
            rest = &after[end + 1..];
            let closing = tag.starts_with('/');
            let name: String = tag
                .trim_start_matches('/')
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric())
                .collect::<String>()
                .to_ascii_lowercase();
            let marker = match name.as_str() {
                "b" | "strong" => Some("**"),
                "i" | "em" => Some("*"),
                _ => None,
            };
            match (marker, closing) {
                (Some(m), false) => {
                    pending.push_str(m);
                    continue;
                }
                // An emphasis with no text is dropped.
                (Some(m), true) if pending.ends_with(m) => {
                    pending.truncate(pending.len() - m.len());
                    continue;
                }
                _ => {
                    out.push_str(&pending);
                    pending.clear();
                }
            }
            if let (Some(m), true) = (marker, closing) {
                // Whitespace before the closing marker moves after it, as one space: a line
                // break there would leave the marker alone on a line, or a blank line.
                let text_end = out.trim_end().len();
                let moved = out.len() > text_end;
                out.truncate(text_end);
                out.push_str(m);
                if moved {
                    out.push(' ');
                }
                continue;
            }
            match (name.as_str(), closing) {
                // A paragraph right after a list bullet stays on the bullet's line.
                ("p" | "div", false) if out.ends_with("- ") => {}
                ("p" | "div" | "br" | "note" | "important" | "dl", _) => out.push_str("\n\n"),
                ("ul" | "ol", false) => {
                    list_depth += 1;
                    out.push('\n');
                }
                ("ul" | "ol", true) => {
                    list_depth = list_depth.saturating_sub(1);
                    out.push_str("\n\n");
                }
                ("li", false) => {
                    out.push('\n');
                    out.push_str(&"  ".repeat(list_depth.saturating_sub(1)));
                    out.push_str("- ");
                }
                ("dt" | "dd", false) => out.push('\n'),
                ("code", _) if !in_pre => out.push('`'),
                ("pre", false) => {
                    in_pre = true;
                    out.push_str("\n\n```text\n");
                }
                ("pre", true) => {
                    in_pre = false;
                    out.push_str("\n```\n\n");
                }
                // Only a link with a usable URL becomes `[text](url)`: a bare `[text]` would be
                // read by rustdoc as an (unresolvable) intra-doc link.
                ("a", false) => {
                    let url = attr(tag, "href");
                    if url.is_some() {
                        out.push('[');
                    }
                    href.push(url);
                }
                ("a", true) => {
                    if let Some(url) = href.pop().flatten() {
                        out.push_str(&format!("]({url})"));
                    }
                }
                _ => {}
            }
            continue;
        }
        // The next `<` after the first character (which may be a `<` that is not a tag, or
        // any multi-byte character).
        let first = rest.chars().next().map_or(1, char::len_utf8);
        let next = rest[first..].find('<').map_or(rest.len(), |i| i + first);
        let text = decode_entities(&rest[..next]);
        if in_pre {
            out.push_str(&text.replace("```", "'''"));
        } else {
            let text = escape_text(&text);
            let body = text.trim_start();
            if pending.is_empty() || body.is_empty() {
                out.push_str(&text);
            } else {
                out.push_str(&text[..text.len() - body.len()]);
                out.push_str(&pending);
                pending.clear();
                out.push_str(body);
            }
        }
        rest = &rest[next..];
    }
    let md = tidy(&out);
    (!md.is_empty()).then_some(md)
}

fn looks_like_tag(inner: &str) -> bool {
    let t = inner.trim_start_matches('/');
    t.chars().next().is_some_and(|c| c.is_ascii_alphabetic()) && !inner.contains('<')
}

fn attr(tag: &str, name: &str) -> Option<String> {
    let at = tag.find(&format!("{name}="))? + name.len() + 1;
    let rest = &tag[at..];
    let quote = rest.chars().next()?;
    let value = if quote == '"' || quote == '\'' {
        rest[1..].split(quote).next()?
    } else {
        rest.split_whitespace().next()?
    };
    let value = decode_entities(value);
    (value.starts_with("http://") || value.starts_with("https://"))
        .then(|| value.replace(' ', "%20").replace(')', "%29"))
}

fn decode_entities(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&apos;", "'")
        .replace("&nbsp;", " ")
        .replace("&amp;", "&")
}

/// Escapes Markdown-significant text: brackets (intra-doc links), angle brackets (HTML),
/// and wraps bare URLs so rustdoc does not warn.
fn escape_text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for word in s.split_inclusive(char::is_whitespace) {
        let trimmed = word.trim_end();
        if trimmed.starts_with("http://") || trimmed.starts_with("https://") {
            out.push('<');
            out.push_str(&trimmed.replace(['<', '>'], ""));
            out.push('>');
            out.push_str(&word[trimmed.len()..]);
            continue;
        }
        for c in word.chars() {
            match c {
                '[' | ']' | '*' | '_' | '\\' | '`' => {
                    out.push('\\');
                    out.push(c);
                }
                '<' => out.push_str("&lt;"),
                '>' => out.push_str("&gt;"),
                _ => out.push(c),
            }
        }
    }
    out
}

/// The width of a list marker that starts `line` (`- ` or `1. `), if it starts with one.
fn list_marker(line: &str) -> Option<usize> {
    if line.starts_with("- ") {
        return Some(2);
    }
    let digits = line.bytes().take_while(u8::is_ascii_digit).count();
    let rest = &line[digits..];
    ((1..=9).contains(&digits) && (rest.starts_with(". ") || rest.starts_with(") ")))
        .then_some(digits + 2)
}

/// Trims every line (so nothing becomes an indented code block), keeps list indentation,
/// indents the lines that continue a list item to its text (rustdoc and clippy read an
/// unindented one as a lazy continuation), and collapses runs of blank lines.
fn tidy(s: &str) -> String {
    let mut lines: Vec<String> = Vec::new();
    let mut in_fence = false;
    // The column of the current list item's text, until a blank line ends the item.
    let mut item_text: Option<usize> = None;
    for line in s.lines() {
        if line.trim_start().starts_with("```") {
            in_fence = !in_fence;
            lines.push(line.trim().to_string());
            continue;
        }
        if in_fence {
            lines.push(line.trim_end().to_string());
            continue;
        }
        let t = line.trim();
        let indent = line.len() - line.trim_start().len();
        let keep = match list_marker(t) {
            Some(width) => {
                let keep = if t.starts_with("- ") {
                    indent.min(6)
                } else {
                    0
                };
                item_text = Some(keep + width);
                keep
            }
            None => item_text.unwrap_or(0),
        };
        let collapsed = t.split_whitespace().collect::<Vec<_>>().join(" ");
        if collapsed.is_empty() {
            item_text = None;
            if lines.last().is_some_and(|l| !l.is_empty()) {
                lines.push(String::new());
            }
        } else {
            lines.push(format!("{}{collapsed}", " ".repeat(keep)));
        }
    }
    while lines.last().is_some_and(|l| l.is_empty()) {
        lines.pop();
    }
    while lines.first().is_some_and(|l| l.is_empty()) {
        lines.remove(0);
    }
    lines.join("\n")
}

#[cfg(test)]
mod tests {
    use super::to_markdown;

    #[test]
    fn converts_common_html() {
        let md = to_markdown(
            "<p>The <code>Foo</code> is <b>big</b>.</p>\n      <p>See <a href=\"https://x.example/a\">docs</a>.</p>\
             <ul><li><p>one</p></li><li>two [x]</li></ul>",
        )
        .unwrap();
        assert_eq!(
            md,
            "The `Foo` is **big**.\n\nSee [docs](https://x.example/a).\n\n- one\n\n- two \\[x\\]"
        );
    }

    #[test]
    fn no_raw_tags_or_indented_code() {
        let md = to_markdown(
            "<p>\n        indented &lt;tag&gt; text https://a.example/b</p><unknown>x</unknown>",
        )
        .unwrap();
        assert_eq!(md, "indented &lt;tag&gt; text <https://a.example/b>\n\nx");
        assert_eq!(to_markdown("<p/>"), None);
        assert_eq!(to_markdown("  "), None);
    }

    #[test]
    fn multibyte_text_is_not_split() {
        // Found by the model_loader fuzz target: text starting with a multi-byte character.
        assert_eq!(
            to_markdown("<code>X</code>\u{fffd}.").unwrap(),
            "`X`\u{fffd}."
        );
        assert_eq!(to_markdown("é<b>ü</b>😹").unwrap(), "é**ü**😹");
        assert_eq!(to_markdown("<").unwrap(), "&lt;");
    }

    #[test]
    fn links_without_a_url_are_plain_text() {
        assert_eq!(
            to_markdown("See <a>ListLexicons</a> and <a href=\"https://x.y/z\">this</a>.")
                .as_deref(),
            Some("See ListLexicons and [this](https://x.y/z).")
        );
        assert_eq!(
            to_markdown("<a href=\"ListLexicons\">ListLexicons</a>").as_deref(),
            Some("ListLexicons")
        );
    }

    #[test]
    fn lines_continuing_a_list_item_are_indented_to_its_text() {
        let md = to_markdown(
            "<ul><li>Line one\nline two</li><li>x<ul><li>deep\nmore</li></ul></li></ul>",
        )
        .unwrap();
        assert_eq!(md, "- Line one\n  line two\n- x\n\n  - deep\n    more");
        let md = to_markdown("- plain item\nlazy line\n\nparagraph\n10. ten\nmore").unwrap();
        assert_eq!(
            md,
            "- plain item\n  lazy line\n\nparagraph\n10. ten\n    more"
        );
    }

    #[test]
    fn emphasis_hugs_its_text() {
        // CloudFront: a `*` starting a line would start a list item.
        assert_eq!(
            to_markdown("origin, <i>\n   <b>except</b>\n  </i> for those").as_deref(),
            Some("origin,\n***except*** for those")
        );
        assert_eq!(
            to_markdown("a <b> </b>b <i>c </i>d <em><code>e</code></em>").as_deref(),
            Some("a b *c* d *`e`*")
        );
    }

    #[test]
    fn plain_markdown_text_survives() {
        assert_eq!(
            to_markdown("a < b and c > d").unwrap(),
            "a &lt; b and c &gt; d"
        );
    }
}
