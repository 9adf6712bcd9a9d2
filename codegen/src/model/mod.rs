//! The Smithy JSON AST as data. No Rust decisions live here: this mirrors the file.

mod context_params;
mod endpoint_tests;
pub mod idl;
mod ordered;
mod parse;
pub mod rules;
mod shape_id;
pub mod traits;

use std::collections::BTreeMap;

pub use shape_id::ShapeId;

pub use parse::parse_model;

/// Trait values by trait ID, as written.
pub type Traits = BTreeMap<ShapeId, serde_json::Value>;

/// The IDL version the model declares.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IdlVersion {
    /// Smithy 1.0: `@box`, no `@default`, nullability from the target.
    V1,
    /// Smithy 2.0.
    V2,
}

/// A parsed model file.
#[derive(Debug, Clone)]
pub struct Model {
    /// The declared IDL version.
    pub version: IdlVersion,
    /// Every shape, by ID.
    pub shapes: BTreeMap<ShapeId, Shape>,
    /// `apply` entries: traits to add to a shape or member defined elsewhere.
    pub applies: Vec<(ShapeId, Traits)>,
}

/// The kind of a shape, as the `type` property names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
#[allow(missing_docs)]
pub enum ShapeKind {
    Blob,
    Boolean,
    String,
    Byte,
    Short,
    Integer,
    Long,
    Float,
    Double,
    BigInteger,
    BigDecimal,
    Timestamp,
    Document,
    Enum,
    IntEnum,
    List,
    Set,
    Map,
    Structure,
    Union,
    Service,
    Operation,
    Resource,
}

impl ShapeKind {
    /// Parses the JSON AST `type` value.
    pub fn parse(name: &str) -> Option<ShapeKind> {
        use ShapeKind::*;
        Some(match name {
            "blob" => Blob,
            "boolean" => Boolean,
            "string" => String,
            "byte" => Byte,
            "short" => Short,
            "integer" => Integer,
            "long" => Long,
            "float" => Float,
            "double" => Double,
            "bigInteger" => BigInteger,
            "bigDecimal" => BigDecimal,
            "timestamp" => Timestamp,
            "document" => Document,
            "enum" => Enum,
            "intEnum" => IntEnum,
            "list" => List,
            "set" => Set,
            "map" => Map,
            "structure" => Structure,
            "union" => Union,
            "service" => Service,
            "operation" => Operation,
            "resource" => Resource,
            _ => return None,
        })
    }

    /// The JSON AST name, for messages.
    pub fn name(self) -> &'static str {
        use ShapeKind::*;
        match self {
            Blob => "blob",
            Boolean => "boolean",
            String => "string",
            Byte => "byte",
            Short => "short",
            Integer => "integer",
            Long => "long",
            Float => "float",
            Double => "double",
            BigInteger => "bigInteger",
            BigDecimal => "bigDecimal",
            Timestamp => "timestamp",
            Document => "document",
            Enum => "enum",
            IntEnum => "intEnum",
            List => "list",
            Set => "set",
            Map => "map",
            Structure => "structure",
            Union => "union",
            Service => "service",
            Operation => "operation",
            Resource => "resource",
        }
    }

    /// Whether members may target this kind (everything but service, operation, resource).
    pub fn is_data(self) -> bool {
        !matches!(
            self,
            ShapeKind::Service | ShapeKind::Operation | ShapeKind::Resource
        )
    }
}

/// A member of an aggregate shape (structure, union, enum, list, map).
#[derive(Debug, Clone, PartialEq)]
pub struct Member {
    /// The member name (`member`, `key` and `value` for collections).
    pub name: String,
    /// The target shape. Enum members target `smithy.api#Unit`.
    pub target: ShapeId,
    /// Traits on the member.
    pub traits: Traits,
}

/// One shape. Fields that do not apply to its kind are empty.
#[derive(Debug, Clone, PartialEq)]
pub struct Shape {
    /// The shape's kind.
    pub kind: ShapeKind,
    /// Traits on the shape.
    pub traits: Traits,
    /// Mixins, in declaration order.
    pub mixins: Vec<ShapeId>,
    /// Members in declaration order.
    pub members: Vec<Member>,
    /// Service, operation and resource references.
    pub refs: Refs,
}

/// The references held by services, operations and resources.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Refs {
    /// Service version.
    pub version: Option<String>,
    /// Operations bound to a service or resource.
    pub operations: Vec<ShapeId>,
    /// Resources bound to a service or resource.
    pub resources: Vec<ShapeId>,
    /// Errors of an operation, or common errors of a service.
    pub errors: Vec<ShapeId>,
    /// Operation input.
    pub input: Option<ShapeId>,
    /// Operation output.
    pub output: Option<ShapeId>,
    /// Resource lifecycle operations (create, put, read, update, delete, list) and collection operations.
    pub lifecycle: Vec<ShapeId>,
    /// Service `rename` map: shape ID to new name.
    pub rename: BTreeMap<ShapeId, String>,
}

impl Shape {
    /// The member with this name.
    pub fn member(&self, name: &str) -> Option<&Member> {
        self.members.iter().find(|m| m.name == name)
    }
}
