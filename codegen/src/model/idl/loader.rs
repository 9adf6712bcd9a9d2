//! Several parsed files → one JSON AST document: shape IDs resolved (`use`, the file's
//! namespace across every file, then the prelude), elided members filled in, metadata merged.
//!
//! This module reads the files in order; its children do the rest: [`scope`] resolves IDs
//! and values in one file, [`shape_json`] turns a shape statement into its node, and once
//! every shape exists [`mixins`] fills in elided members and checks mixin use,
//! [`v1_upgrade`] upgrades 1.0 shapes loaded with 2.0 files, and [`applies`] folds `apply`.

mod applies;
mod mixins;
mod scope;
mod shape_json;
mod v1_upgrade;

use std::cell::RefCell;
use std::collections::{BTreeMap, BTreeSet};

use applies::{PendingApply, fold_applies};
use mixins::{check_mixin_members, default_enum_values_with_mixins, resolve_elision};
use scope::Scope;
use shape_json::build_shape;
use v1_upgrade::upgrade_v1;

use super::ast::IdlFile;
use super::node::Node;
use super::suppress::{SYNTACTIC_SHAPE_ID_TARGET, suppressed};

/// A resolution or merge error: file index, byte offset, message.
#[derive(Debug)]
pub struct LoadError {
    pub file: usize,
    pub offset: usize,
    pub message: String,
}

type LResult<T> = Result<T, LoadError>;

/// A JSON AST document loaded alongside IDL files (its shapes count for resolution).
pub struct JsonDoc {
    pub version: String,
    pub metadata: Vec<(String, Node)>,
    pub shapes: Vec<(String, Node)>,
}

/// What the files of one load are.
pub enum Loaded {
    Idl(IdlFile),
    Json(JsonDoc),
}

/// Loads files into one JSON AST document.
pub fn load(files: &[Loaded]) -> LResult<Node> {
    let Known {
        defined,
        lists,
        versions,
    } = known_ids(files);
    // One version: the document keeps it, and the index normalises a 1.0 model as a whole.
    // Both: the document is 2.0, and the 1.0 files' shapes are upgraded here first.
    let mixed = versions.len() > 1;
    let version = match versions.len() {
        1 => versions.into_iter().next().unwrap_or_default(),
        _ => "2.0".to_string(),
    };
    let mut v1_shapes: BTreeSet<String> = BTreeSet::new();
    let mut shapes: Vec<(String, Node)> = Vec::new();
    let mut where_: BTreeMap<String, (usize, usize)> = BTreeMap::new();
    let mut offsets: BTreeMap<String, usize> = BTreeMap::new();
    let mut applies: Vec<PendingApply> = Vec::new();
    let mut metadata: Vec<(String, Node)> = Vec::new();
    let mut elisions = Vec::new();
    let dangling = RefCell::new(Vec::new());
    for (i, f) in files.iter().enumerate() {
        match f {
            Loaded::Json(d) => {
                for (k, v) in &d.metadata {
                    merge_metadata(&mut metadata, k, v.clone()).map_err(|m| LoadError {
                        file: i,
                        offset: 0,
                        message: m,
                    })?;
                }
                for (id, shape) in &d.shapes {
                    if shape.get("type").and_then(Node::as_str) == Some("apply") {
                        let traits = shape
                            .get("traits")
                            .map(|t| t.entries().to_vec())
                            .unwrap_or_default();
                        applies.push((id.clone(), traits, i, 0));
                        continue;
                    }
                    add_shape(
                        &mut shapes,
                        &mut where_,
                        &mut offsets,
                        id.clone(),
                        shape.clone(),
                        i,
                        0,
                    )?;
                }
            }
            Loaded::Idl(f) => {
                for (k, v, at) in &f.metadata {
                    let scope = Scope {
                        file: i,
                        ns: "",
                        uses: BTreeMap::new(),
                        defined: &defined,
                        lists: &lists,
                        dangling: &dangling,
                    };
                    merge_metadata(&mut metadata, k, scope.value(v)).map_err(|m| LoadError {
                        file: i,
                        offset: *at,
                        message: m,
                    })?;
                }
                let Some(ns) = f.namespace.as_deref() else {
                    continue;
                };
                let mut uses = BTreeMap::new();
                for u in &f.uses {
                    let name = u.text.rsplit('#').next().unwrap_or("");
                    if let Some(prev) = uses.insert(name, u.text.as_str())
                        && prev != u.text
                    {
                        return Err(LoadError {
                            file: i,
                            offset: u.offset,
                            message: format!("`use {}` conflicts with `use {prev}`", u.text),
                        });
                    }
                }
                for s in &f.shapes {
                    if let Some(imported) = uses.get(s.name.as_str()) {
                        return Err(LoadError {
                            file: i,
                            offset: s.offset,
                            message: format!(
                                "shape name `{}` conflicts with the imported shape `{imported}`",
                                s.name
                            ),
                        });
                    }
                }
                let scope = Scope {
                    file: i,
                    ns,
                    uses,
                    defined: &defined,
                    lists: &lists,
                    dangling: &dangling,
                };
                for s in &f.shapes {
                    let id = format!("{ns}#{}", s.name);
                    if mixed && f.version == "1.0" {
                        v1_shapes.insert(id.clone());
                    }
                    let node = build_shape(&scope, &id, s, &mut elisions)?;
                    add_shape(
                        &mut shapes,
                        &mut where_,
                        &mut offsets,
                        id,
                        node,
                        i,
                        s.offset,
                    )?;
                }
                for a in &f.applies {
                    applies.push((
                        scope.target(&a.target),
                        scope.traits(&a.traits)?,
                        i,
                        a.target.offset,
                    ));
                }
            }
        }
    }
    let mut extra_applies = Vec::new();
    for e in elisions {
        resolve_elision(&mut shapes, &where_, e, &mut extra_applies)?;
    }
    default_enum_values_with_mixins(&mut shapes, &where_);
    if !v1_shapes.is_empty() {
        upgrade_v1(&mut shapes, &where_, &v1_shapes);
    }
    check_mixin_members(&shapes, &where_, &offsets)?;
    fold_applies(
        &mut shapes,
        &where_,
        extra_applies.into_iter().chain(applies),
    )?;
    if let Some(first) = dangling.into_inner().into_iter().next()
        && !suppressed(&metadata, SYNTACTIC_SHAPE_ID_TARGET)
    {
        return Err(first);
    }
    let mut doc = vec![("smithy".to_string(), Node::String(version))];
    if !metadata.is_empty() {
        doc.push(("metadata".into(), Node::Object(metadata)));
    }
    doc.push(("shapes".into(), Node::Object(shapes)));
    Ok(Node::Object(doc))
}

/// What every file defines, known before any is resolved.
struct Known {
    /// Every shape ID defined anywhere, for relative resolution.
    defined: BTreeSet<String>,
    /// The lists and sets among them.
    lists: BTreeSet<String>,
    /// The files' IDL or JSON AST versions.
    versions: BTreeSet<String>,
}

fn known_ids(files: &[Loaded]) -> Known {
    let mut defined = BTreeSet::new();
    let mut lists = BTreeSet::new();
    let mut versions = BTreeSet::new();
    for f in files {
        match f {
            Loaded::Idl(f) => {
                versions.insert(f.version.clone());
                if let Some(ns) = &f.namespace {
                    for s in &f.shapes {
                        defined.insert(format!("{ns}#{}", s.name));
                        if matches!(s.kind, "list" | "set") {
                            lists.insert(format!("{ns}#{}", s.name));
                        }
                    }
                }
            }
            Loaded::Json(d) => {
                versions.insert(d.version.clone());
                defined.extend(d.shapes.iter().map(|(k, _)| k.clone()));
                lists.extend(
                    d.shapes
                        .iter()
                        .filter(|(_, s)| {
                            matches!(s.get("type").and_then(Node::as_str), Some("list" | "set"))
                        })
                        .map(|(k, _)| k.clone()),
                );
            }
        }
    }
    Known {
        defined,
        lists,
        versions,
    }
}

/// Equal values, or arrays (concatenated), merge; anything else conflicts.
fn merge_values(old: &Node, new: Node) -> Option<Node> {
    match (old, new) {
        (a, b) if *a == b => Some(b),
        (Node::Array(a), Node::Array(b)) => {
            let mut v = a.clone();
            v.extend(b);
            Some(Node::Array(v))
        }
        _ => None,
    }
}

fn add_shape(
    shapes: &mut Vec<(String, Node)>,
    where_: &mut BTreeMap<String, (usize, usize)>,
    offsets: &mut BTreeMap<String, usize>,
    id: String,
    node: Node,
    file: usize,
    offset: usize,
) -> LResult<()> {
    if let Some(&(_, _)) = where_.get(&id) {
        let same = shapes.iter().any(|(k, v)| *k == id && *v == node);
        if same {
            return Ok(());
        }
        return Err(LoadError {
            file,
            offset,
            message: format!("shape `{id}` is defined more than once"),
        });
    }
    where_.insert(id.clone(), (file, shapes.len()));
    offsets.insert(id.clone(), offset);
    shapes.push((id, node));
    Ok(())
}

fn merge_metadata(
    metadata: &mut Vec<(String, Node)>,
    key: &str,
    value: Node,
) -> Result<(), String> {
    match metadata.iter_mut().find(|(k, _)| k == key) {
        Some((_, old)) => {
            *old = merge_values(old, value).ok_or_else(|| {
                format!("metadata `{key}` conflicts with a value defined elsewhere")
            })?;
        }
        None => metadata.push((key.to_string(), value)),
    }
    Ok(())
}
