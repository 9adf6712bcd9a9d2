//! What one IDL file says, before shape IDs are resolved against every loaded file.

use super::node::Node;

/// A shape ID as written, with its byte offset for messages.
#[derive(Debug, Clone, PartialEq)]
pub struct Ref {
    pub text: String,
    pub offset: usize,
}

/// A node value whose unquoted shape IDs are not resolved yet.
#[derive(Debug, Clone, PartialEq)]
pub enum Raw {
    /// A value with no shape IDs in it.
    Plain(Node),
    /// A trait applied without a value (`@foo`, `@foo()`): `[]` for a list trait, else `{}`.
    Annotation,
    /// An unquoted shape ID.
    Id(Ref),
    Array(Vec<Raw>),
    Object(Vec<(String, Raw)>),
}

/// `@id(value)`.
#[derive(Debug, Clone, PartialEq)]
pub struct TraitApp {
    pub id: Ref,
    pub value: Raw,
}

/// A member: explicit (`name: Target`) or elided (`$name`, `target` is `None`).
#[derive(Debug, Clone, PartialEq)]
pub struct MemberDef {
    pub name: String,
    pub offset: usize,
    pub target: Option<Ref>,
    pub traits: Vec<TraitApp>,
}

/// A shape statement (or an inline operation input/output).
#[derive(Debug, Clone, PartialEq)]
pub struct ShapeDef {
    pub name: String,
    pub offset: usize,
    /// The JSON AST `type`.
    pub kind: &'static str,
    pub traits: Vec<TraitApp>,
    pub mixins: Vec<Ref>,
    pub for_resource: Option<Ref>,
    pub members: Vec<MemberDef>,
    /// Service, resource and operation properties, in order.
    pub props: Vec<(String, Raw)>,
}

/// `apply Target @trait` or `apply Target { ... }`.
#[derive(Debug, Clone, PartialEq)]
pub struct ApplyDef {
    pub target: Ref,
    pub traits: Vec<TraitApp>,
}

/// One parsed file.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct IdlFile {
    /// `$version`, normalised to `1.0` or `2.0` (`1.0` when absent).
    pub version: String,
    pub namespace: Option<String>,
    /// `use` statements: absolute shape IDs.
    pub uses: Vec<Ref>,
    pub metadata: Vec<(String, Raw, usize)>,
    pub shapes: Vec<ShapeDef>,
    pub applies: Vec<ApplyDef>,
}
