//! Trait applications (`@id`, `@id(value)`, `@id(key: value)`, doc comments) and node values
//! (arrays, objects, strings, numbers, keywords, unquoted shape IDs).

use super::{PResult, Parser};
use crate::model::idl::ast::{Raw, Ref, TraitApp};
use crate::model::idl::node::Node;

/// Nesting deeper than this is an error, so hostile input cannot overflow the stack.
const MAX_DEPTH: usize = 64;

impl Parser<'_> {
    /// `*(Trait [WS])`, with a documentation comment before them as a trait.
    pub(super) fn trait_statements(&mut self) -> PResult<Vec<TraitApp>> {
        let mut out = Vec::new();
        if let Some(doc) = self.c.take_docs() {
            out.push(TraitApp {
                id: Ref {
                    text: "smithy.api#documentation".into(),
                    offset: self.c.pos,
                },
                value: Raw::Plain(Node::String(doc)),
            });
        }
        while self.c.peek() == Some(b'@') {
            out.push(self.trait_app()?);
            self.c.ws();
        }
        self.c.clear_docs();
        Ok(out)
    }

    /// `"@" ShapeId [TraitBody]`.
    pub(super) fn trait_app(&mut self) -> PResult<TraitApp> {
        self.c.pos += 1;
        let at = self.c.pos;
        let id = Ref {
            text: self.c.shape_id()?.to_string(),
            offset: at,
        };
        if matches!(id.text.as_str(), "mixin" | "smithy.api#mixin") {
            self.v2_only(at, "the @mixin trait")?;
        }
        if !self.c.eat(b'(') {
            return Ok(TraitApp {
                id,
                value: Raw::Annotation,
            });
        }
        self.c.ws();
        if self.c.eat(b')') {
            return Ok(TraitApp {
                id,
                value: Raw::Annotation,
            });
        }
        // A structured body starts with a key and a colon.
        let save = self.c.pos;
        let is_structure = match self.c.peek() {
            Some(b'"') if !self.c.starts_with("\"\"\"") => {
                self.c.string().is_ok() && {
                    self.c.ws();
                    self.c.peek() == Some(b':')
                }
            }
            Some(c) if c.is_ascii_alphabetic() || c == b'_' => {
                self.c.shape_id().is_ok() && {
                    self.c.ws();
                    self.c.peek() == Some(b':')
                }
            }
            _ => false,
        };
        self.c.pos = save;
        let value = if is_structure {
            let mut kv = Vec::new();
            while self.c.peek() != Some(b')') {
                let (k, v) = self.kvp()?;
                if kv.iter().any(|(x, _)| *x == k) {
                    return self.c.err(format!("duplicate key `{k}`"));
                }
                kv.push((k, v));
                self.c.ws();
            }
            Raw::Object(kv)
        } else {
            let v = self.node_value()?;
            self.c.ws();
            v
        };
        self.c.expect(b')')?;
        Ok(TraitApp { id, value })
    }

    /// `QuotedText / Identifier`.
    pub(super) fn object_key(&mut self) -> PResult<String> {
        match self.c.peek() {
            Some(b'"') if self.c.starts_with("\"\"\"") => {
                self.c.err("a text block cannot be an object key")
            }
            Some(b'"') => self.c.string(),
            _ => {
                let k = self.c.identifier()?.to_string();
                if matches!(self.c.peek(), Some(b'.' | b'#' | b'$')) {
                    return self.c.err("a shape ID cannot be an object key: quote it");
                }
                Ok(k)
            }
        }
    }

    fn kvp(&mut self) -> PResult<(String, Raw)> {
        let key = self.object_key()?;
        self.c.ws();
        if self.c.starts_with(":=") {
            return self.c.err("`:=` is not allowed in a node value");
        }
        self.c.expect(b':')?;
        self.c.ws();
        Ok((key, self.node_value()?))
    }

    pub(super) fn node_value(&mut self) -> PResult<Raw> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return self.c.err("values are nested too deeply");
        }
        let v = self.node_value_inner();
        self.depth -= 1;
        v
    }

    fn node_value_inner(&mut self) -> PResult<Raw> {
        match self.c.peek() {
            Some(b'[') => {
                self.c.pos += 1;
                self.c.ws();
                let mut items = Vec::new();
                while self.c.peek() != Some(b']') {
                    if self.c.eof() {
                        return self.c.err("unclosed array");
                    }
                    items.push(self.node_value()?);
                    self.c.ws();
                }
                self.c.pos += 1;
                Ok(simplify_array(items))
            }
            Some(b'{') => {
                self.c.pos += 1;
                self.c.ws();
                let mut kv: Vec<(String, Raw)> = Vec::new();
                while self.c.peek() != Some(b'}') {
                    if self.c.eof() {
                        return self.c.err("unclosed object");
                    }
                    let at = self.c.pos;
                    let (k, v) = self.kvp()?;
                    if kv.iter().any(|(x, _)| *x == k) {
                        return Err(self.c.error_at(at, format!("duplicate key `{k}`")));
                    }
                    kv.push((k, v));
                    self.c.ws();
                }
                self.c.pos += 1;
                Ok(simplify_object(kv))
            }
            Some(b'"') => Ok(Raw::Plain(Node::String(self.c.string()?))),
            Some(b'-' | b'0'..=b'9') => Ok(Raw::Plain(Node::Number(self.c.number()?))),
            Some(c) if c.is_ascii_alphabetic() || c == b'_' => {
                for (word, node) in [
                    ("true", Node::Bool(true)),
                    ("false", Node::Bool(false)),
                    ("null", Node::Null),
                ] {
                    if self.c.at_word(word) {
                        self.c.pos += word.len();
                        return Ok(Raw::Plain(node));
                    }
                }
                let at = self.c.pos;
                let id = self.c.shape_id()?;
                Ok(Raw::Id(Ref {
                    text: id.to_string(),
                    offset: at,
                }))
            }
            _ => self
                .c
                .err(format!("expected a value, found {}", self.c.found())),
        }
    }
}

/// An array with no shape IDs in it becomes plain.
fn simplify_array(items: Vec<Raw>) -> Raw {
    if items.iter().all(|i| matches!(i, Raw::Plain(_))) {
        Raw::Plain(Node::Array(
            items
                .into_iter()
                .filter_map(|i| match i {
                    Raw::Plain(n) => Some(n),
                    _ => None,
                })
                .collect(),
        ))
    } else {
        Raw::Array(items)
    }
}

fn simplify_object(kv: Vec<(String, Raw)>) -> Raw {
    if kv.iter().all(|(_, v)| matches!(v, Raw::Plain(_))) {
        Raw::Plain(Node::Object(
            kv.into_iter()
                .filter_map(|(k, v)| match v {
                    Raw::Plain(n) => Some((k, n)),
                    _ => None,
                })
                .collect(),
        ))
    } else {
        Raw::Object(kv)
    }
}
