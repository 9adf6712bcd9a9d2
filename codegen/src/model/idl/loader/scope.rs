//! One file's view of the load: relative shape IDs, trait applications and node values
//! resolved against its `use`s, its namespace across every file, then the prelude.

use std::cell::RefCell;
use std::collections::{BTreeMap, BTreeSet};

use super::{LResult, LoadError, merge_values};
use crate::model::idl::ast::{Raw, Ref, TraitApp};
use crate::model::idl::node::Node;
use crate::model::idl::prelude_names::{PRELUDE_LIST_TRAITS, is_prelude_name};
use crate::model::idl::shape_node::split_member;
use crate::model::idl::suppress::SYNTACTIC_SHAPE_ID_TARGET;

/// What resolution in one file needs: the file, its namespace (empty for metadata) and `use`s,
/// and what every file defines.
pub(super) struct Scope<'a> {
    pub(super) file: usize,
    pub(super) ns: &'a str,
    pub(super) uses: BTreeMap<&'a str, &'a str>,
    pub(super) defined: &'a BTreeSet<String>,
    /// Shapes that are lists or sets: a trait of one of them without a value is `[]`.
    pub(super) lists: &'a BTreeSet<String>,
    /// Syntactic shape IDs that name no shape, reported once every file's metadata (and so any
    /// suppression) is known.
    pub(super) dangling: &'a RefCell<Vec<LoadError>>,
}

impl Scope<'_> {
    pub(super) fn err(&self, offset: usize, message: impl Into<String>) -> LoadError {
        LoadError {
            file: self.file,
            offset,
            message: message.into(),
        }
    }

    /// The absolute ID a relative one names, if it names a shape that exists.
    fn lookup(&self, text: &str) -> Option<String> {
        if text.contains('#') {
            return Some(text.to_string());
        }
        let (base, member) = split_member(text);
        let abs = if let Some(u) = self.uses.get(base) {
            (*u).to_string()
        } else if self.defined.contains(&format!("{}#{base}", self.ns)) {
            format!("{}#{base}", self.ns)
        } else if is_prelude_name(base) {
            format!("smithy.api#{base}")
        } else {
            return None;
        };
        Some(match member {
            Some(m) => format!("{abs}${m}"),
            None => abs,
        })
    }

    fn is_list(&self, id: &str) -> bool {
        self.lists.contains(id)
            || id
                .strip_prefix("smithy.api#")
                .is_some_and(|n| PRELUDE_LIST_TRAITS.contains(&n))
    }

    /// A reference to a shape: unresolved names fall into the current namespace.
    pub(super) fn target(&self, r: &Ref) -> String {
        self.lookup(&r.text)
            .unwrap_or_else(|| format!("{}#{}", self.ns, r.text))
    }

    /// A node value. An unquoted shape ID (a syntactic shape ID) resolves like any relative
    /// ID; one that names no shape falls into the namespace (`smithy.api` for metadata), as the
    /// spec says, and is recorded: Smithy reports it as a DANGER event, which fails a load
    /// unless suppressed, since it is most likely a string whose quotes were forgotten.
    pub(super) fn value(&self, raw: &Raw) -> Node {
        match raw {
            Raw::Plain(n) => n.clone(),
            Raw::Annotation => Node::object(),
            Raw::Id(r) => Node::String(self.lookup(&r.text).unwrap_or_else(|| {
                let ns = if self.ns.is_empty() {
                    "smithy.api"
                } else {
                    self.ns
                };
                let id = format!("{ns}#{}", r.text);
                self.dangling.borrow_mut().push(self.err(
                    r.offset,
                    format!(
                        "syntactic shape ID `{}` does not resolve to a shape (`{id}`): quote \
                         it if it is a string ({SYNTACTIC_SHAPE_ID_TARGET})",
                        r.text
                    ),
                ));
                id
            })),
            Raw::Array(items) => Node::Array(items.iter().map(|i| self.value(i)).collect()),
            Raw::Object(kv) => {
                Node::Object(kv.iter().map(|(k, v)| (k.clone(), self.value(v))).collect())
            }
        }
    }

    pub(super) fn traits(&self, apps: &[TraitApp]) -> LResult<Vec<(String, Node)>> {
        let mut out: Vec<(String, Node)> = Vec::new();
        for t in apps {
            let id = self.target(&t.id);
            let value = match t.value {
                Raw::Annotation if self.is_list(&id) => Node::Array(Vec::new()),
                _ => self.value(&t.value),
            };
            match out.iter_mut().find(|(k, _)| *k == id) {
                Some((_, old)) if *old == value => {}
                Some((_, old)) => match merge_values(old, value) {
                    Some(v) => *old = v,
                    None => {
                        return Err(self.err(
                            t.id.offset,
                            format!("trait `{id}` is applied twice with different values"),
                        ));
                    }
                },
                None => out.push((id, value)),
            }
        }
        Ok(out)
    }
}
