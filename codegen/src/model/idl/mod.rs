//! The Smithy IDL front end. Each `.smithy` file is parsed (hand-written `cursor` + `parser`)
//! into its statements, every file is loaded into one JSON AST document (`loader`: shape IDs
//! resolved across files, metadata merged), and that document goes through the JSON reader,
//! so the rest of the pipeline cannot tell which front end was used.

mod ast;
pub mod compare;
mod cursor;
mod loader;
mod node;
mod number;
mod parser;
mod prelude_names;
mod shape_node;
mod suppress;

pub use node::Node;
pub use number::Number;

use crate::error::ErrorKind;

/// One model file: its path (for messages, and `.json` vs `.smithy`) and its text.
#[derive(Debug, Clone)]
pub struct Source {
    /// The path as the caller names it. Files ending in `.json` are JSON AST documents;
    /// anything else is IDL.
    pub path: String,
    /// The file's contents.
    pub text: String,
}

impl Source {
    /// A source from a path and text.
    pub fn new(path: impl Into<String>, text: impl Into<String>) -> Source {
        Source {
            path: path.into(),
            text: text.into(),
        }
    }

    fn is_json(&self) -> bool {
        self.path.ends_with(".json")
    }
}

/// Loads IDL and JSON AST files into one JSON AST document (`{"smithy", "metadata"?, "shapes"}`).
pub fn load_sources(sources: &[Source]) -> Result<Node, ErrorKind> {
    let mut loaded = Vec::with_capacity(sources.len());
    for s in sources {
        if s.is_json() {
            loaded.push(loader::Loaded::Json(json_doc(s)?));
        } else {
            let file =
                parser::parse_file(&s.text).map_err(|e| syntax_error(s, e.offset, e.message))?;
            loaded.push(loader::Loaded::Idl(file));
        }
    }
    loader::load(&loaded).map_err(|e| match sources.get(e.file) {
        Some(s) => syntax_error(s, e.offset, e.message),
        None => ErrorKind::Json(e.message),
    })
}

fn json_doc(s: &Source) -> Result<loader::JsonDoc, ErrorKind> {
    let bad = |m: String| ErrorKind::Json(format!("{}: {m}", s.path));
    let doc = Node::from_json(&s.text).map_err(bad)?;
    let version = match doc.get("smithy").and_then(Node::as_str) {
        Some("1" | "1.0") => "1.0",
        Some("2" | "2.0") => "2.0",
        _ => {
            return Err(ErrorKind::NotSmithy(format!(
                "{}: `smithy` must be \"1.0\" or \"2.0\"",
                s.path
            )));
        }
    };
    let shapes: Vec<(String, Node)> = doc
        .get("shapes")
        .map(|m| m.entries().to_vec())
        .unwrap_or_default();
    if version == "1.0"
        && let Some((id, _)) = shapes.iter().find(|(_, s)| s.get("properties").is_some())
    {
        return Err(bad(format!("{id}: resource properties need Smithy 2.0")));
    }
    Ok(loader::JsonDoc {
        version: version.into(),
        metadata: doc
            .get("metadata")
            .map(|m| m.entries().to_vec())
            .unwrap_or_default(),
        shapes,
    })
}

/// A syntax or resolution error at byte `offset` of `source`, with its line and a caret.
fn syntax_error(source: &Source, offset: usize, message: String) -> ErrorKind {
    let text = &source.text;
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = text.get(..offset).unwrap_or("");
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let line = before.matches('\n').count() + 1;
    let line_end = text
        .get(line_start..)
        .and_then(|r| r.find('\n'))
        .map_or(text.len(), |i| line_start + i);
    let line_text = text
        .get(line_start..line_end)
        .unwrap_or("")
        .trim_end_matches('\r');
    let column = text
        .get(line_start..offset)
        .map_or(1, |s| s.chars().count() + 1);
    let pad: String = line_text
        .chars()
        .take(column - 1)
        .map(|c| if c == '\t' { '\t' } else { ' ' })
        .collect();
    ErrorKind::Syntax {
        file: source.path.clone(),
        line,
        column,
        message,
        snippet: format!("{line_text}\n{pad}^"),
    }
}

#[cfg(test)]
mod tests;
