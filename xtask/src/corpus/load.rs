//! Model loaders: a file in the corpus directory → the Smithy JSON AST the generator takes.
//!
//! Each format is one [`Loader`]; [`LOADERS`] is tried in order and the first that handles a
//! file's name wins. A Smithy IDL (`.smithy`) loader would convert to the JSON AST and plug in
//! here without touching the rest of the command.

use std::path::Path;

use anyhow::{Context, Result};
use serde_json::Value;

/// A model ready for the generator.
pub struct Model {
    /// The Smithy JSON AST text, as `codegen::generate` takes it.
    pub json: String,
    /// The same, parsed, for the row's statistics (protocol, operations, shapes).
    pub ast: Value,
}

/// What a loader made of a file.
pub enum Loaded {
    Model(Model),
    /// The file has the right extension but is not a Smithy model (e.g. `partitions.json`);
    /// the reason is shown in the summary.
    NotAModel(String),
}

/// One model format.
pub trait Loader {
    /// Whether this loader reads files with this name.
    fn handles(&self, file_name: &str) -> bool;
    /// Reads one file. `Err` means a model that could not be read (a failure, not a skip).
    fn load(&self, path: &Path) -> Result<Loaded>;
}

/// The formats `cargo xtask corpus` reads, in order.
pub const LOADERS: &[&dyn Loader] = &[&JsonAst];

/// The loader for a file name, if any.
pub fn loader_for(file_name: &str) -> Option<&'static dyn Loader> {
    LOADERS.iter().copied().find(|l| l.handles(file_name))
}

/// Smithy JSON AST files: `.json` with a top-level `"smithy"` version string.
pub struct JsonAst;

impl Loader for JsonAst {
    fn handles(&self, file_name: &str) -> bool {
        file_name.ends_with(".json")
    }

    fn load(&self, path: &Path) -> Result<Loaded> {
        let json =
            std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
        let ast: Value = serde_json::from_str(&json).context("invalid JSON")?;
        Ok(match json_ast_version(&ast) {
            Some(_) => Loaded::Model(Model { json, ast }),
            None => Loaded::NotAModel("not a Smithy model (no `smithy` version key)".into()),
        })
    }
}

/// The `"smithy"` version of a JSON AST document, if it is one.
pub fn json_ast_version(ast: &Value) -> Option<&str> {
    ast.get("smithy")?.as_str()
}

/// Protocol traits by shape ID. Models rarely carry the trait definitions (which would say
/// `@protocolDefinition`), so the well-known ones are listed; a definition in the model
/// counts too. This is for display only: whether the generator supports a protocol is
/// decided by the generator.
const PROTOCOL_TRAITS: &[&str] = &[
    "aws.protocols#restJson1",
    "aws.protocols#awsJson1_0",
    "aws.protocols#awsJson1_1",
    "aws.protocols#awsQuery",
    "aws.protocols#ec2Query",
    "aws.protocols#restXml",
    "smithy.protocols#rpcv2Cbor",
    "smithy.protocols#rpcv2Json",
];

/// What the table shows about a model besides the generator's results.
#[derive(Debug, PartialEq)]
pub struct Stats {
    /// Short protocol names of the service shapes (`restJson1`), in trait order; `-` if none.
    pub protocol: String,
    /// Operation shapes in the file.
    pub operations: usize,
    /// All shapes in the file.
    pub shapes: usize,
}

pub fn stats(ast: &Value) -> Stats {
    let empty = serde_json::Map::new();
    let shapes = ast
        .get("shapes")
        .and_then(Value::as_object)
        .unwrap_or(&empty);
    let kind = |s: &Value| s.get("type").and_then(Value::as_str).map(str::to_owned);
    let defined_protocol = |id: &str| {
        shapes
            .get(id)
            .and_then(|s| s.get("traits"))
            .and_then(|t| t.get("smithy.api#protocolDefinition"))
            .is_some()
    };
    let mut protocols: Vec<String> = Vec::new();
    for shape in shapes.values() {
        if kind(shape).as_deref() != Some("service") {
            continue;
        }
        let Some(traits) = shape.get("traits").and_then(Value::as_object) else {
            continue;
        };
        for id in traits.keys() {
            if PROTOCOL_TRAITS.contains(&id.as_str()) || defined_protocol(id) {
                let short = id.rsplit('#').next().unwrap_or(id).to_string();
                if !protocols.contains(&short) {
                    protocols.push(short);
                }
            }
        }
    }
    Stats {
        protocol: if protocols.is_empty() {
            "-".into()
        } else {
            protocols.join("+")
        },
        operations: shapes
            .values()
            .filter(|s| kind(s).as_deref() == Some("operation"))
            .count(),
        shapes: shapes.len(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn protocol_operations_and_shapes() {
        let ast = json!({
            "smithy": "2.0",
            "shapes": {
                "a#Svc": {"type": "service", "traits": {
                    "aws.auth#sigv4": {"name": "x"},
                    "aws.protocols#awsJson1_0": {},
                    "aws.protocols#awsQueryCompatible": {}
                }},
                "a#Op": {"type": "operation"},
                "a#Op2": {"type": "operation"},
                "a#S": {"type": "structure", "members": {}}
            }
        });
        assert_eq!(
            stats(&ast),
            Stats {
                protocol: "awsJson1_0".into(),
                operations: 2,
                shapes: 4
            }
        );
    }

    #[test]
    fn protocol_defined_in_the_model_and_none() {
        let ast = json!({"smithy": "2.0", "shapes": {
            "a#Svc": {"type": "service", "traits": {"my.proto#fast": {}, "my.proto#other": {}}},
            "my.proto#fast": {"type": "structure", "members": {},
                "traits": {"smithy.api#trait": {}, "smithy.api#protocolDefinition": {}}}
        }});
        assert_eq!(stats(&ast).protocol, "fast");
        assert_eq!(stats(&json!({"smithy": "2.0"})).protocol, "-");
    }

    #[test]
    fn json_ast_detection() {
        assert_eq!(json_ast_version(&json!({"smithy": "1.0"})), Some("1.0"));
        assert_eq!(json_ast_version(&json!({"partitions": []})), None);
        assert_eq!(json_ast_version(&json!([1])), None);
        assert!(loader_for("s3.json").is_some());
        assert!(loader_for("notes.txt").is_none());
    }
}
