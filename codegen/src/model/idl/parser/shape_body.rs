//! What follows a shape's name: `for`, mixins, members (with `= default`), enum members (with
//! `= value`), service and resource properties, and operation bodies with inline `:=` input
//! and output.

use super::{PResult, Parser};
use crate::model::idl::ast::{MemberDef, Raw, Ref, ShapeDef, TraitApp};
use crate::model::idl::node::Node;

impl Parser<'_> {
    pub(super) fn for_resource(&mut self, shape: &mut ShapeDef) -> PResult<()> {
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
    pub(super) fn mixins(&mut self, out: &mut Vec<Ref>) -> PResult<()> {
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

    pub(super) fn shape_members(&mut self, shape: &mut ShapeDef) -> PResult<()> {
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

    pub(super) fn enum_members(&mut self, shape: &mut ShapeDef) -> PResult<()> {
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
    pub(super) fn entity_body(&mut self, shape: &mut ShapeDef, allowed: &[&str]) -> PResult<()> {
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

    pub(super) fn operation_body(&mut self, shape: &mut ShapeDef) -> PResult<()> {
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
}
