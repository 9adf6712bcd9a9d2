//! Which operations a crate gets: the service's, or the caller's subset of them, minus those
//! this generator cannot send yet (event streams), which are reported instead of emitted.

use std::collections::BTreeSet;

use super::Options;
use crate::error::{ErrorKind, Result};
use crate::index::ShapeIndex;
use crate::ir::OmittedOperation;
use crate::model::traits::{TraitView, ids};
use crate::model::{ShapeId, ShapeKind};

/// The operations to leave out, and why for those the caller did not ask to leave out.
#[derive(Debug, Default)]
pub(crate) struct Selection {
    /// Operations removed from the closure.
    pub excluded: BTreeSet<ShapeId>,
    /// Operations left out for lack of support, reported as warnings and in the crate docs.
    pub omitted: Vec<OmittedOperation>,
}

/// Decides the operations of the crate. An unknown name in `opts.operations` is an error that
/// lists the service's operations.
pub(crate) fn select_operations(index: &ShapeIndex, opts: &Options) -> Result<Selection> {
    let all: Vec<ShapeId> = index
        .closure()
        .filter(|(_, s)| s.kind == ShapeKind::Operation)
        .map(|(id, _)| id.clone())
        .collect();
    let mut sel = Selection::default();
    if let Some(wanted) = &opts.operations {
        let mut keep = BTreeSet::new();
        for name in wanted {
            let found = all
                .iter()
                .find(|id| id.name() == name || id.as_str() == name)
                .ok_or_else(|| ErrorKind::UnknownOperation {
                    name: name.clone(),
                    known: all.iter().map(|id| id.name().to_string()).collect(),
                })?;
            keep.insert(found.clone());
        }
        sel.excluded = all
            .iter()
            .filter(|id| !keep.contains(*id))
            .cloned()
            .collect();
    }
    for id in &all {
        if sel.excluded.contains(id) {
            continue;
        }
        if let Some(reason) = event_stream(index, id)? {
            sel.excluded.insert(id.clone());
            sel.omitted.push(OmittedOperation {
                name: id.name().to_string(),
                shape_id: id.to_string(),
                reason,
            });
        }
    }
    Ok(sel)
}

/// Why an operation is an event-stream operation: its input or output has a member that
/// targets a `@streaming` union.
fn event_stream(index: &ShapeIndex, op: &ShapeId) -> Result<Option<String>> {
    let shape = index.shape(op)?;
    for (side, io) in [("input", &shape.refs.input), ("output", &shape.refs.output)] {
        let Some(io) = io else { continue };
        for m in &index.shape(io)?.members {
            let target = index.shape(&m.target)?;
            if target.kind == ShapeKind::Union
                && TraitView::new(&m.target, &target.traits).flag(ids::STREAMING)?
            {
                return Ok(Some(format!(
                    "its {side} member `{}` is an event stream, which this generator does not support yet",
                    m.name
                )));
            }
        }
    }
    Ok(None)
}
