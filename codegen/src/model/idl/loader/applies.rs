//! `apply` statements, once every shape exists: one per target with their traits merged, then
//! folded into the shape, or a member it declares, when that is in the document; an `apply`
//! to anything else (an inherited member, a shape defined elsewhere) stays one.

use std::collections::BTreeMap;

use super::{LResult, LoadError, merge_values};
use crate::model::idl::node::Node;
use crate::model::idl::shape_node::{local_slot, split_member};

/// An `apply`: its target, traits, and the file and offset it came from.
pub(super) type PendingApply = (String, Vec<(String, Node)>, usize, usize);

/// Merges `pending` by target (in order) and folds each into `shapes`.
pub(super) fn fold_applies(
    shapes: &mut Vec<(String, Node)>,
    where_: &BTreeMap<String, (usize, usize)>,
    pending: impl IntoIterator<Item = PendingApply>,
) -> LResult<()> {
    let mut merged: Vec<PendingApply> = Vec::new();
    for (id, traits, file, offset) in pending {
        if !merged.iter().any(|(k, ..)| *k == id) {
            merged.push((id.clone(), Vec::new(), file, offset));
        }
        let Some((_, slot, ..)) = merged.iter_mut().find(|(k, ..)| *k == id) else {
            continue;
        };
        for (k, v) in traits {
            match slot.iter_mut().find(|(x, _)| *x == k) {
                Some((_, old)) => {
                    *old = merge_values(old, v).ok_or_else(|| LoadError {
                        file,
                        offset,
                        message: format!(
                            "{id}: trait `{k}` is applied twice with different values"
                        ),
                    })?;
                }
                None => slot.push((k, v)),
            }
        }
    }
    for (id, traits, file, offset) in merged {
        let (base, member) = split_member(&id);
        if let Some(target) = where_
            .get(base)
            .and_then(|(_, at)| shapes.get_mut(*at))
            .and_then(|(_, shape)| local_slot(shape, member))
        {
            let mut own: Vec<(String, Node)> = target
                .get("traits")
                .map(|t| t.entries().to_vec())
                .unwrap_or_default();
            for (k, v) in traits {
                match own.iter_mut().find(|(x, _)| *x == k) {
                    Some((_, old)) => {
                        *old = merge_values(old, v).ok_or_else(|| LoadError {
                            file,
                            offset,
                            message: format!(
                                "{id}: `apply` gives trait `{k}` a value that conflicts with \
                                 the shape's"
                            ),
                        })?;
                    }
                    None => own.push((k, v)),
                }
            }
            target.set("traits", Node::Object(own));
            continue;
        }
        shapes.push((
            id,
            Node::Object(vec![
                ("type".into(), Node::str("apply")),
                ("traits".into(), Node::Object(traits)),
            ]),
        ));
    }
    Ok(())
}
