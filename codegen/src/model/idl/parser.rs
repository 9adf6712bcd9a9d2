//! IDL text → [`IdlFile`]: the statements of one file, shape IDs still relative.

use super::ast::{ApplyDef, IdlFile, MemberDef, Raw, Ref, ShapeDef, TraitApp};
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
/// Nesting deeper than this is an error, so hostile input cannot overflow the stack.
const MAX_DEPTH: usize = 64;

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

    fn statement_error<T>(&self) -> PResult<T> {
        let word: String = self
            .c
            .rest()
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
            .collect();
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
        let word: String = self
            .c
            .rest()
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
            .collect();
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

    fn for_resource(&mut self, shape: &mut ShapeDef) -> PResult<()> {
        let save = self.c.pos;
        if self.c.sp() && self.c.at_word("for") {
            self.v2_only(self.c.pos, "target elision (`for`)")?;
            self.c.pos += 3;
            if !self.c.sp() {
                return self.c.err("expected a space after `for`");
            }
            let at = self.c.pos;
            let id = self.c.shape_id()?;
            shape.for_resource = Some(Ref {
                text: id.to_string(),
                offset: at,
            });
        } else {
            self.c.pos = save;
        }
        Ok(())
    }

    /// `[SP] with [WS] "[" [WS] 1*(ShapeId [WS]) "]"`.
    fn mixins(&mut self, out: &mut Vec<Ref>) -> PResult<()> {
        let save = self.c.pos;
        self.c.sp();
        if !self.c.at_word("with") {
            self.c.pos = save;
            return Ok(());
        }
        self.v2_only(self.c.pos, "mixins")?;
        self.c.pos += 4;
        self.c.ws();
        self.c.expect(b'[')?;
        self.c.ws();
        while self.c.peek() != Some(b']') {
            let at = self.c.pos;
            let id = self.c.shape_id()?;
            out.push(Ref {
                text: id.to_string(),
                offset: at,
            });
            self.c.ws();
        }
        self.c.pos += 1;
        if out.is_empty() {
            return self.c.err("`with` needs at least one mixin");
        }
        Ok(())
    }

    fn shape_members(&mut self, shape: &mut ShapeDef) -> PResult<()> {
        self.c.expect(b'{')?;
        self.c.ws();
        while self.c.peek() != Some(b'}') {
            let traits = self.trait_statements()?;
            let at = self.c.pos;
            let (name, target) = if self.c.eat(b'$') {
                self.v2_only(at, "target elision (`$member`)")?;
                (self.c.identifier()?.to_string(), None)
            } else {
                let name = self.c.identifier()?.to_string();
                self.c.sp();
                if self.c.starts_with(":=") {
                    return self
                        .c
                        .err("`:=` is only allowed for operation input and output");
                }
                self.c.expect(b':')?;
                self.c.sp();
                let t_at = self.c.pos;
                let id = self.c.shape_id()?;
                (
                    name,
                    Some(Ref {
                        text: id.to_string(),
                        offset: t_at,
                    }),
                )
            };
            let mut member = MemberDef {
                name,
                offset: at,
                target,
                traits,
            };
            if self.value_assignment("smithy.api#default", &mut member)? {
                self.v2_only(at, "a default value")?;
            }
            if shape.members.iter().any(|m| m.name == member.name) {
                return Err(self
                    .c
                    .error_at(at, format!("duplicate member `{}`", member.name)));
            }
            shape.members.push(member);
            self.c.ws();
        }
        self.c.pos += 1;
        Ok(())
    }

    /// `[SP] "=" [SP] NodeValue [SP] [Comma] BR`, recorded as the trait `trait_id`.
    fn value_assignment(&mut self, trait_id: &str, member: &mut MemberDef) -> PResult<bool> {
        let save = self.c.pos;
        self.c.sp();
        if self.c.peek() != Some(b'=') {
            self.c.pos = save;
            return Ok(false);
        }
        let at = self.c.pos;
        self.c.pos += 1;
        self.c.sp();
        let value = self.node_value()?;
        self.c.sp();
        self.c.eat(b',');
        self.c.br()?;
        member.traits.push(TraitApp {
            id: Ref {
                text: trait_id.into(),
                offset: at,
            },
            value,
        });
        Ok(true)
    }

    fn enum_members(&mut self, shape: &mut ShapeDef) -> PResult<()> {
        self.c.expect(b'{')?;
        self.c.ws();
        while self.c.peek() != Some(b'}') {
            let traits = self.trait_statements()?;
            let at = self.c.pos;
            let name = self.c.identifier()?.to_string();
            let mut member = MemberDef {
                name,
                offset: at,
                target: Some(Ref {
                    text: "smithy.api#Unit".into(),
                    offset: at,
                }),
                traits,
            };
            let value_at = self.c.pos;
            if self.value_assignment("smithy.api#enumValue", &mut member)? {
                let value = member.traits.last().map(|t| &t.value);
                let ok = match (shape.kind, value) {
                    ("enum", Some(Raw::Plain(Node::String(s)))) => !s.is_empty(),
                    ("intEnum", Some(Raw::Plain(Node::Number(n)))) => {
                        n.as_i64().is_some_and(|v| i32::try_from(v).is_ok())
                    }
                    _ => false,
                };
                if !ok {
                    let what = if shape.kind == "enum" {
                        "a non-empty string"
                    } else {
                        "an integer"
                    };
                    return Err(self
                        .c
                        .error_at(value_at, format!("an {} value must be {what}", shape.kind)));
                }
            }
            if shape.members.iter().any(|m| m.name == member.name) {
                return Err(self
                    .c
                    .error_at(at, format!("duplicate member `{}`", member.name)));
            }
            shape.members.push(member);
            self.c.ws();
        }
        self.c.pos += 1;
        if shape.members.is_empty() && shape.mixins.is_empty() {
            return self
                .c
                .err(format!("an {} needs at least one member", shape.kind));
        }
        Ok(())
    }

    /// A service or resource body: a node object with known keys.
    fn entity_body(&mut self, shape: &mut ShapeDef, allowed: &[&str]) -> PResult<()> {
        if self.c.peek() != Some(b'{') {
            return self
                .c
                .err(format!("expected `{{`, found {}", self.c.found()));
        }
        let at = self.c.pos;
        let props = match self.node_value()? {
            Raw::Object(kv) => kv,
            Raw::Plain(Node::Object(kv)) => {
                kv.into_iter().map(|(k, v)| (k, Raw::Plain(v))).collect()
            }
            _ => return Err(self.c.error_at(at, "expected an object")),
        };
        for (k, _) in &props {
            if !allowed.contains(&k.as_str()) {
                return Err(self
                    .c
                    .error_at(at, format!("unknown {} property `{k}`", shape.kind)));
            }
            if k == "properties" {
                self.v2_only(at, "resource properties")?;
            }
        }
        shape.props = props;
        Ok(())
    }

    fn operation_body(&mut self, shape: &mut ShapeDef) -> PResult<()> {
        self.c.expect(b'{')?;
        self.c.ws();
        while self.c.peek() != Some(b'}') {
            let at = self.c.pos;
            let key = self.c.identifier()?.to_string();
            if !matches!(key.as_str(), "input" | "output" | "errors") {
                return Err(self
                    .c
                    .error_at(at, format!("unknown operation property `{key}`")));
            }
            if shape.props.iter().any(|(k, _)| *k == key) {
                return Err(self
                    .c
                    .error_at(at, format!("operation property `{key}` is defined twice")));
            }
            self.c.ws();
            let value = if self.c.starts_with(":=") {
                if key == "errors" {
                    return self.c.err("errors cannot be defined inline");
                }
                self.v2_only(self.c.pos, "inline input and output (`:=`)")?;
                self.c.pos += 2;
                self.c.ws();
                let suffix = if key == "input" {
                    &self.input_suffix
                } else {
                    &self.output_suffix
                };
                let name = format!("{}{suffix}", shape.name);
                let mut traits = self.trait_statements()?;
                traits.push(TraitApp {
                    id: Ref {
                        text: format!("smithy.api#{key}"),
                        offset: at,
                    },
                    value: Raw::Plain(Node::object()),
                });
                let mut inline = ShapeDef {
                    name: name.clone(),
                    offset: self.c.pos,
                    kind: "structure",
                    traits,
                    mixins: Vec::new(),
                    for_resource: None,
                    members: Vec::new(),
                    props: Vec::new(),
                };
                self.for_resource(&mut inline)?;
                self.mixins(&mut inline.mixins)?;
                self.c.ws();
                self.shape_members(&mut inline)?;
                self.file.shapes.push(inline);
                Raw::Id(Ref {
                    text: name,
                    offset: at,
                })
            } else {
                self.c.expect(b':')?;
                self.c.ws();
                if key == "errors" {
                    if self.c.peek() != Some(b'[') {
                        return self
                            .c
                            .err(format!("expected `[`, found {}", self.c.found()));
                    }
                    self.node_value()?
                } else {
                    let t_at = self.c.pos;
                    let id = self.c.shape_id()?;
                    Raw::Id(Ref {
                        text: id.to_string(),
                        offset: t_at,
                    })
                }
            };
            shape.props.push((key, value));
            if !self.c.ws() && self.c.peek() != Some(b'}') {
                return self
                    .c
                    .err(format!("expected whitespace, found {}", self.c.found()));
            }
        }
        self.c.pos += 1;
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

    /// `*(Trait [WS])`, with a documentation comment before them as a trait.
    fn trait_statements(&mut self) -> PResult<Vec<TraitApp>> {
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
    fn trait_app(&mut self) -> PResult<TraitApp> {
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
    fn object_key(&mut self) -> PResult<String> {
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

    fn node_value(&mut self) -> PResult<Raw> {
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
