//! IDL text → [`IdlFile`]: the statements of one file, shape IDs still relative.
//!
//! This module reads the file's sections (control, metadata, namespace, `use`, shape and
//! `apply` statements); [`shape_body`] reads what follows a shape's name, and [`values`]
//! trait applications and node values.

mod shape_body;
mod values;

use super::ast::{ApplyDef, IdlFile, Raw, Ref, ShapeDef};
use super::cursor::{Cursor, PResult};
use super::node::Node;

const SIMPLE: &[&str] = &[
    "blob",
    "boolean",
    "document",
    "string",
    "byte",
    "short",
    "integer",
    "long",
    "float",
    "double",
    "bigInteger",
    "bigDecimal",
    "timestamp",
];
const AGGREGATE: &[&str] = &["list", "set", "map", "union", "structure"];
const SERVICE_PROPS: &[&str] = &["version", "operations", "resources", "errors", "rename"];
const RESOURCE_PROPS: &[&str] = &[
    "identifiers",
    "properties",
    "create",
    "put",
    "read",
    "update",
    "delete",
    "list",
    "operations",
    "collectionOperations",
    "resources",
];

/// Parses one file.
pub fn parse_file(src: &str) -> PResult<IdlFile> {
    let mut p = Parser {
        c: Cursor::new(src),
        file: IdlFile::default(),
        input_suffix: "Input".into(),
        output_suffix: "Output".into(),
        depth: 0,
    };
    p.file_body()?;
    Ok(p.file)
}

struct Parser<'a> {
    c: Cursor<'a>,
    file: IdlFile,
    input_suffix: String,
    output_suffix: String,
    depth: usize,
}

impl Parser<'_> {
    fn v1(&self) -> bool {
        self.file.version == "1.0"
    }

    fn v2_only(&self, offset: usize, what: &str) -> PResult<()> {
        if self.v1() {
            Err(self.c.error_at(
                offset,
                format!("{what} needs Smithy IDL 2.0 (`$version: \"2.0\"`)"),
            ))
        } else {
            Ok(())
        }
    }

    fn file_body(&mut self) -> PResult<()> {
        self.c.ws();
        let mut version_seen = false;
        self.file.version = "1.0".into();
        // Control section.
        while self.c.peek() == Some(b'$') {
            let at = self.c.pos;
            self.c.pos += 1;
            let key = self.object_key()?;
            self.c.sp();
            self.c.expect(b':')?;
            self.c.sp();
            let value_at = self.c.pos;
            let value = self.node_value()?;
            self.c.br()?;
            match key.as_str() {
                "version" => {
                    if version_seen {
                        return Err(self.c.error_at(at, "`$version` is defined more than once"));
                    }
                    version_seen = true;
                    let v = match &value {
                        Raw::Plain(Node::String(s)) => s.clone(),
                        _ => return Err(self.c.error_at(value_at, "`$version` must be a string")),
                    };
                    self.file.version = match v.as_str() {
                        "1" | "1.0" => "1.0".into(),
                        "2" | "2.0" => "2.0".into(),
                        _ => {
                            return Err(self.c.error_at(
                                value_at,
                                format!("unsupported IDL version `{v}`: expected 1.0 or 2.0"),
                            ));
                        }
                    };
                }
                "operationInputSuffix" | "operationOutputSuffix" => {
                    let Raw::Plain(Node::String(s)) = value else {
                        return Err(self
                            .c
                            .error_at(value_at, format!("`${key}` must be a string")));
                    };
                    if key == "operationInputSuffix" {
                        self.input_suffix = s;
                    } else {
                        self.output_suffix = s;
                    }
                }
                // Unknown control statements are allowed (Smithy warns).
                _ => {}
            }
        }
        // Metadata section.
        while self.c.at_word("metadata") {
            let at = self.c.pos;
            self.c.pos += "metadata".len();
            if !self.c.sp() {
                return self.c.err("expected a space after `metadata`");
            }
            let key = self.object_key()?;
            self.c.sp();
            self.c.expect(b'=')?;
            self.c.sp();
            let value = self.node_value()?;
            self.c.br()?;
            self.file.metadata.push((key, value, at));
        }
        // Shape section.
        if self.c.eof() {
            return Ok(());
        }
        if !self.c.at_word("namespace") {
            return self.statement_error();
        }
        self.c.pos += "namespace".len();
        if !self.c.sp() {
            return self.c.err("expected a space after `namespace`");
        }
        let ns = self.c.namespace()?;
        self.file.namespace = Some(ns.to_string());
        self.c.br()?;
        while self.c.at_word("use") {
            self.c.pos += "use".len();
            if !self.c.sp() {
                return self.c.err("expected a space after `use`");
            }
            let at = self.c.pos;
            let id = self.c.shape_id()?;
            if !id.contains('#') {
                return Err(self.c.error_at(at, "`use` needs an absolute shape ID"));
            }
            if id.contains('$') {
                return Err(self.c.error_at(at, "`use` cannot import a member"));
            }
            self.file.uses.push(Ref {
                text: id.to_string(),
                offset: at,
            });
            self.c.br()?;
        }
        while !self.c.eof() {
            self.shape_or_apply()?;
            self.c.br()?;
        }
        Ok(())
    }

    /// The letters, digits and underscores at the cursor (not consumed).
    fn next_word(&self) -> String {
        self.c
            .rest()
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
            .collect()
    }

    fn statement_error<T>(&self) -> PResult<T> {
        let word = self.next_word();
        match word.as_str() {
            "namespace" => self.c.err(
                "`namespace` can only be declared once, after the control and metadata statements",
            ),
            "use" => self
                .c
                .err("`use` statements must come right after the namespace, before any shape"),
            "metadata" => self
                .c
                .err("metadata statements must come before the namespace"),
            _ if self.c.peek() == Some(b'$') => {
                self.c.err("control statements must come first in the file")
            }
            "" => self
                .c
                .err(format!("expected a statement, found {}", self.c.found())),
            w => self.c.err(format!("unexpected `{w}`")),
        }
    }

    fn shape_or_apply(&mut self) -> PResult<()> {
        if self.c.at_word("apply") {
            self.c.clear_docs();
            return self.apply();
        }
        let traits = self.trait_statements()?;
        if self.c.at_word("apply") {
            return self
                .c
                .err("traits cannot be applied to an `apply` statement");
        }
        let at = self.c.pos;
        let word = self.next_word();
        let kind: &'static str = match SIMPLE
            .iter()
            .chain(AGGREGATE)
            .chain(&["enum", "intEnum", "service", "resource", "operation"])
            .find(|k| **k == word)
        {
            Some(k) => k,
            None if traits.is_empty() => return self.statement_error(),
            None => {
                return self.c.err(format!(
                    "expected a shape after traits, found {}",
                    self.c.found()
                ));
            }
        };
        self.c.pos += kind.len();
        if kind == "set" && !self.v1() {
            return Err(self.c.error_at(
                at,
                "`set` is not part of Smithy IDL 2.0: use a list with @uniqueItems",
            ));
        }
        if matches!(kind, "enum" | "intEnum") {
            self.v2_only(at, "an enum shape")?;
        }
        if !self.c.sp() {
            return self.c.err(format!(
                "expected a space after `{kind}`, found {}",
                self.c.found()
            ));
        }
        let name_at = self.c.pos;
        let name = self.c.identifier()?.to_string();
        let mut shape = ShapeDef {
            name,
            offset: name_at,
            kind,
            traits,
            mixins: Vec::new(),
            for_resource: None,
            members: Vec::new(),
            props: Vec::new(),
        };
        match kind {
            k if SIMPLE.contains(&k) => {
                self.mixins(&mut shape.mixins)?;
            }
            "enum" | "intEnum" => {
                self.mixins(&mut shape.mixins)?;
                self.c.ws();
                self.enum_members(&mut shape)?;
            }
            "service" | "resource" => {
                self.mixins(&mut shape.mixins)?;
                self.c.ws();
                let allowed = if kind == "service" {
                    SERVICE_PROPS
                } else {
                    RESOURCE_PROPS
                };
                self.entity_body(&mut shape, allowed)?;
            }
            "operation" => {
                self.mixins(&mut shape.mixins)?;
                self.c.ws();
                self.operation_body(&mut shape)?;
            }
            _ => {
                self.for_resource(&mut shape)?;
                self.mixins(&mut shape.mixins)?;
                self.c.ws();
                self.shape_members(&mut shape)?;
            }
        }
        self.file.shapes.push(shape);
        Ok(())
    }

    fn apply(&mut self) -> PResult<()> {
        self.c.pos += "apply".len();
        if !self.c.sp() {
            return self.c.err("expected a space after `apply`");
        }
        let at = self.c.pos;
        let target = Ref {
            text: self.c.shape_id()?.to_string(),
            offset: at,
        };
        if !self.c.ws() {
            return self
                .c
                .err(format!("expected whitespace, found {}", self.c.found()));
        }
        let traits = if self.c.eat(b'{') {
            self.c.ws();
            let t = self.trait_statements()?;
            self.c.expect(b'}')?;
            t
        } else {
            if self.c.peek() != Some(b'@') {
                return self.c.err(format!(
                    "expected a trait or `{{`, found {}",
                    self.c.found()
                ));
            }
            vec![self.trait_app()?]
        };
        self.file.applies.push(ApplyDef { target, traits });
        Ok(())
    }
}
