//! An ordered JSON value: the JSON AST document an IDL file becomes. serde_json's `Map`
//! sorts keys, and member order is part of a Smithy model, so objects keep document order here.
//! Numbers keep their text ([`Number`]).

use std::fmt::Write;

use serde_json::value::RawValue;

use super::number::Number;

/// A JSON value whose objects keep their key order.
#[derive(Debug, Clone, PartialEq)]
pub enum Node {
    /// `null`.
    Null,
    /// `true` or `false`.
    Bool(bool),
    /// A number, as written.
    Number(Number),
    /// A string.
    String(String),
    /// An array.
    Array(Vec<Node>),
    /// An object, in document order.
    Object(Vec<(String, Node)>),
}

impl Node {
    /// An empty object.
    pub fn object() -> Node {
        Node::Object(Vec::new())
    }

    /// A string node.
    pub fn str(s: impl Into<String>) -> Node {
        Node::String(s.into())
    }

    /// `{"target": id}`.
    pub fn target(id: impl Into<String>) -> Node {
        Node::Object(vec![("target".into(), Node::str(id))])
    }

    /// The value under `key`, when this is an object.
    pub fn get(&self, key: &str) -> Option<&Node> {
        match self {
            Node::Object(kv) => kv.iter().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        }
    }

    /// The mutable value under `key`, when this is an object.
    pub fn get_mut(&mut self, key: &str) -> Option<&mut Node> {
        match self {
            Node::Object(kv) => kv.iter_mut().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        }
    }

    /// Sets `key` (replacing it in place, or appending), when this is an object.
    pub fn set(&mut self, key: &str, value: Node) {
        if let Node::Object(kv) = self {
            match kv.iter_mut().find(|(k, _)| k == key) {
                Some(slot) => slot.1 = value,
                None => kv.push((key.to_string(), value)),
            }
        }
    }

    /// The string, when this is one.
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Node::String(s) => Some(s),
            _ => None,
        }
    }

    /// The entries, when this is an object.
    pub fn entries(&self) -> &[(String, Node)] {
        match self {
            Node::Object(kv) => kv,
            _ => &[],
        }
    }

    /// The same value as a `serde_json::Value`: key order is lost, and numbers are what
    /// serde_json makes of their text (integers beyond `u64` and long decimals rounded to
    /// `f64`; a number beyond the `f64` range, which it cannot hold, stays its text as a string).
    pub fn to_value(&self) -> serde_json::Value {
        use serde_json::Value;
        match self {
            Node::Null => Value::Null,
            Node::Bool(b) => Value::Bool(*b),
            Node::Number(n) => n
                .to_serde()
                .map_or_else(|| Value::String(n.to_string()), Value::Number),
            Node::String(s) => Value::String(s.clone()),
            Node::Array(a) => Value::Array(a.iter().map(Node::to_value).collect()),
            Node::Object(kv) => {
                Value::Object(kv.iter().map(|(k, v)| (k.clone(), v.to_value())).collect())
            }
        }
    }

    /// JSON text, compact.
    pub fn to_json(&self) -> String {
        let mut out = String::new();
        self.write(&mut out, None, 0);
        out
    }

    /// JSON text, indented by four spaces as the Smithy CLI writes it.
    pub fn to_json_pretty(&self) -> String {
        let mut out = String::new();
        self.write(&mut out, Some(4), 0);
        out
    }

    fn write(&self, out: &mut String, indent: Option<usize>, depth: usize) {
        let newline = |out: &mut String, depth: usize| {
            if let Some(n) = indent {
                out.push('\n');
                out.extend(std::iter::repeat_n(' ', n * depth));
            }
        };
        match self {
            Node::Null => out.push_str("null"),
            Node::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
            Node::Number(n) => {
                let _ = write!(out, "{n}");
            }
            Node::String(s) => write_string(out, s),
            Node::Array(items) => {
                if items.is_empty() {
                    out.push_str("[]");
                    return;
                }
                out.push('[');
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    newline(out, depth + 1);
                    item.write(out, indent, depth + 1);
                }
                newline(out, depth);
                out.push(']');
            }
            Node::Object(kv) => {
                if kv.is_empty() {
                    out.push_str("{}");
                    return;
                }
                out.push('{');
                for (i, (k, v)) in kv.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    newline(out, depth + 1);
                    write_string(out, k);
                    out.push(':');
                    if indent.is_some() {
                        out.push(' ');
                    }
                    v.write(out, indent, depth + 1);
                }
                newline(out, depth);
                out.push('}');
            }
        }
    }
}

fn write_string(out: &mut String, s: &str) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

impl Node {
    /// Reads JSON text, numbers kept as written.
    ///
    /// serde_json checks the whole text first; then each object and array is read again from
    /// its raw text, one level at a time, so that its numbers arrive as text (serde_json without
    /// `arbitrary_precision` hands them over only as `u64`/`i64`/`f64`). Nesting is capped at
    /// 128 levels, serde_json's own limit, which also bounds the re-reading.
    pub fn from_json(text: &str) -> Result<Node, String> {
        let raw: &RawValue = serde_json::from_str(text).map_err(|e| e.to_string())?;
        from_raw(text, raw, 0)
    }
}

const MAX_DEPTH: usize = 128;

fn from_raw(whole: &str, raw: &RawValue, depth: usize) -> Result<Node, String> {
    let text = raw.get();
    // `text` is a slice of `whole`: its offset places errors found below the first reading.
    let here = |message: String| {
        let offset = (text.as_ptr() as usize).saturating_sub(whole.as_ptr() as usize);
        let before = whole.get(..offset).unwrap_or("");
        let line = before.matches('\n').count() + 1;
        let column = before.len() - before.rfind('\n').map_or(0, |i| i + 1) + 1;
        format!("{message} (in the value at line {line} column {column})")
    };
    if depth >= MAX_DEPTH {
        return Err(here(format!("nested more than {MAX_DEPTH} levels deep")));
    }
    let read = |e: serde_json::Error| here(e.to_string());
    Ok(match text.as_bytes().first() {
        Some(b'{') => {
            let Entries(entries) = serde_json::from_str(text).map_err(read)?;
            let mut out: Vec<(String, Node)> = Vec::with_capacity(entries.len());
            for (k, v) in entries {
                if out.iter().any(|(seen, _)| *seen == k) {
                    return Err(here(format!("duplicate key `{k}`")));
                }
                out.push((k, from_raw(whole, v, depth + 1)?));
            }
            Node::Object(out)
        }
        Some(b'[') => {
            let items: Vec<&RawValue> = serde_json::from_str(text).map_err(read)?;
            let items = items.into_iter().map(|v| from_raw(whole, v, depth + 1));
            Node::Array(items.collect::<Result<_, _>>()?)
        }
        Some(b'"') => Node::String(serde_json::from_str(text).map_err(read)?),
        Some(b't' | b'f') => Node::Bool(serde_json::from_str(text).map_err(read)?),
        Some(b'n') => Node::Null,
        _ => Node::Number(Number::parse(text).ok_or_else(|| here(format!("bad number `{text}`")))?),
    })
}

/// An object's entries in document order, values still raw.
struct Entries<'a>(Vec<(String, &'a RawValue)>);

impl<'de> serde::Deserialize<'de> for Entries<'de> {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_map(EntriesVisitor)
    }
}

struct EntriesVisitor;

impl<'de> serde::de::Visitor<'de> for EntriesVisitor {
    type Value = Entries<'de>;
    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("a JSON object")
    }
    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut out = Vec::new();
        while let Some(entry) = map.next_entry()? {
            out.push(entry);
        }
        Ok(Entries(out))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_text_keeps_order_and_escapes() {
        let n = Node::Object(vec![
            ("b".into(), Node::str("x\"\n\u{1}")),
            ("a".into(), Node::Array(vec![Node::Null, Node::Bool(true)])),
        ]);
        assert_eq!(n.to_json(), r#"{"b":"x\"\n\u0001","a":[null,true]}"#);
        let back: serde_json::Value = serde_json::from_str(&n.to_json_pretty()).unwrap();
        assert_eq!(back, n.to_value());
        assert_eq!(Node::from_json(&n.to_json_pretty()), Ok(n));
    }

    #[test]
    fn reading_keeps_numbers_order_and_refuses_duplicates() {
        let text = r#"{"z": [1.0, 18446744073709551616, 1.7976931348623157E+309, -0.5e-3],
            "a": {"k": "\u00e9"}}"#;
        let n = Node::from_json(text).unwrap();
        assert_eq!(
            n.to_json(),
            r#"{"z":[1.0,18446744073709551616,1.7976931348623157E+309,-0.5e-3],"a":{"k":"é"}}"#
        );
        let dup = Node::from_json("{\n \"a\": {\"b\": 1, \"b\": 2}}").unwrap_err();
        assert!(
            dup.contains("duplicate key `b`") && dup.contains("line 2 column 7"),
            "{dup}"
        );
        assert!(Node::from_json("[1,]").is_err());
        assert!(Node::from_json(r#""\uD800""#).is_err(), "a lone surrogate");
        let deep = "[".repeat(200) + &"]".repeat(200);
        assert!(Node::from_json(&deep).unwrap_err().contains("128 levels"));
    }
}
