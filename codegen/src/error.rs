//! Errors from every stage. Each names the shape it is about, so a user can find it in the model.

use crate::model::ShapeId;

/// A generation failure, tied to the model file it came from.
#[derive(Debug, thiserror::Error)]
#[error("{file}: {kind}")]
pub struct Error {
    /// The model file, as the caller named it.
    pub file: String,
    /// What went wrong.
    pub kind: ErrorKind,
}

/// What went wrong, with the shape ID involved.
#[derive(Debug, thiserror::Error)]
pub enum ErrorKind {
    /// The file is not valid JSON.
    #[error("invalid JSON: {0}")]
    Json(String),
    /// The file is valid JSON but not a Smithy JSON AST document (no `smithy` version, a
    /// version this generator does not read, or `shapes` of the wrong form).
    #[error("not a Smithy model: {0}")]
    NotSmithy(String),
    /// The model has no service and no shapes to generate: the crate would be empty.
    #[error("the model has no service and no shapes: nothing to generate")]
    Empty,
    /// An IDL file does not parse, or names what it cannot (a conflicting `use`, an elided
    /// member with no source, ...).
    #[error("{file}:{line}:{column}: {message}\n{snippet}")]
    Syntax {
        /// The file, as the caller named it.
        file: String,
        /// 1-based line.
        line: usize,
        /// 1-based column, in characters.
        column: usize,
        /// What is wrong.
        message: String,
        /// The offending line and a caret under the column.
        snippet: String,
    },
    /// A shape key is not an absolute shape ID.
    #[error("invalid shape ID `{0}`")]
    BadShapeId(String),
    /// A shape whose JSON does not describe a valid shape.
    #[error("{id}: invalid shape: {reason}")]
    InvalidShape {
        /// The shape.
        id: String,
        /// Why.
        reason: String,
    },
    /// A reference to a shape that does not exist.
    #[error("{from}: target `{target}` does not exist")]
    UnknownTarget {
        /// Where the reference is.
        from: ShapeId,
        /// What it names.
        target: String,
    },
    /// A reference to a shape of the wrong kind.
    #[error("{from}: target `{target}` is of kind `{found}`; expected {expected}")]
    WrongTargetKind {
        /// Where the reference is.
        from: ShapeId,
        /// What it names.
        target: ShapeId,
        /// The kind found.
        found: &'static str,
        /// The kinds allowed.
        expected: &'static str,
    },
    /// A trait whose value has the wrong type.
    #[error("{id}: trait `{trait_id}` is invalid: {reason}")]
    InvalidTrait {
        /// The shape or member carrying it.
        id: ShapeId,
        /// The trait.
        trait_id: String,
        /// Why.
        reason: String,
    },
    /// Two names that become the same Rust identifier.
    #[error("{scope}: `{first}` and `{second}` both become the Rust name `{name}`")]
    NameCollision {
        /// Where the names live.
        scope: ShapeId,
        /// The Rust name.
        name: String,
        /// The first Smithy name.
        first: String,
        /// The second Smithy name.
        second: String,
    },
    /// A valid Smithy feature this generator does not handle yet.
    #[error("{id}: unsupported: {what}")]
    Unsupported {
        /// The shape.
        id: ShapeId,
        /// The feature.
        what: String,
    },
    /// A model with several services, none of them chosen (`Options::service`): a crate is
    /// generated for one service.
    #[error("unsupported: more than one service in a model file ({}): choose one", services.join(", "))]
    SeveralServices {
        /// The model's services, in shape ID order.
        services: Vec<String>,
    },
    /// The chosen service (`Options::service`) is not a service shape of the model.
    #[error("`{id}` is not a service shape of the model; its services: {}", if services.is_empty() { "none".to_string() } else { services.join(", ") })]
    NotAService {
        /// The shape ID asked for.
        id: String,
        /// The model's services, in shape ID order.
        services: Vec<String>,
    },
    /// The service's protocols are none that this generator implements.
    #[error("unsupported: protocol {found} (service {service})")]
    UnsupportedProtocol {
        /// The service.
        service: ShapeId,
        /// The protocol traits found on it, comma-separated, or `none`.
        found: String,
    },
    /// An operation subset names an operation the service does not have.
    #[error("unknown operation `{name}`; the service's operations are: {}", known.join(", "))]
    UnknownOperation {
        /// The name asked for.
        name: String,
        /// The service's operation names.
        known: Vec<String>,
    },
    /// A mixin cycle or other structural problem.
    #[error("{id}: {reason}")]
    Invalid {
        /// The shape.
        id: ShapeId,
        /// Why.
        reason: String,
    },
    /// The generator produced Rust that does not parse: a bug in this crate.
    #[error("internal error: generated {file} does not parse: {reason}")]
    Internal {
        /// The output file.
        file: String,
        /// The syn error.
        reason: String,
    },
}

/// Results within the stages, before the file name is attached.
pub type Result<T, E = ErrorKind> = std::result::Result<T, E>;
