//! The resolved model: prelude added, `apply` and mixins folded in, Smithy 1.0 normalized to 2.0
//! nullability, every reference checked, the service closure computed, and recursive members
//! chosen for boxing. Everything here is deterministic: `BTreeMap`s and sorted walks only.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::{Value, json};

use crate::error::{ErrorKind, Result};
use crate::model::traits::{TraitView, ids};
use crate::model::{IdlVersion, Member, Model, Shape, ShapeId, ShapeKind};
use crate::prelude::prelude;

/// Whether a structure member is always present, defaulted, or optional.
#[derive(Debug, Clone, PartialEq)]
pub enum Presence {
    /// `@required`: the Rust type is not an `Option`.
    Required,
    /// `@default(value)`: not an `Option`; missing on the wire means this value.
    Default(Value),
    /// Anything else: an `Option`.
    Optional,
}

/// The checked, resolved model that lowering reads.
#[derive(Debug)]
pub struct ShapeIndex {
    version: IdlVersion,
    shapes: BTreeMap<ShapeId, Shape>,
    service: Option<ShapeId>,
    closure: BTreeSet<ShapeId>,
    boxed: BTreeSet<ShapeId>,
}

impl ShapeIndex {
    /// Resolves `model`. Fails on the first dangling or ill-typed reference, and on a model
    /// with more than one service (see [`ShapeIndex::build_for`]).
    pub fn build(model: Model) -> Result<ShapeIndex> {
        ShapeIndex::build_for(model, None)
    }

    /// [`ShapeIndex::build`], for the chosen service of a model with several: the closure
    /// starts from `service`, which must be a service shape of the model. With `None`, a model
    /// with more than one service is refused.
    pub fn build_for(model: Model, service: Option<&ShapeId>) -> Result<ShapeIndex> {
        let version = model.version;
        let mut shapes = prelude(version);
        shapes.extend(model.shapes);
        // `apply` to a member a shape inherits from a mixin waits until mixins are folded in.
        let (now, inherited): (Vec<_>, Vec<_>) = model
            .applies
            .into_iter()
            .partition(|(id, _)| declared_here(&shapes, id));
        apply_traits(&mut shapes, now)?;
        let mut pending: BTreeMap<ShapeId, Vec<(ShapeId, crate::model::Traits)>> = BTreeMap::new();
        for (id, traits) in inherited {
            let base = ShapeId::parse(id.without_member()).unwrap_or_else(|| id.clone());
            pending.entry(base).or_default().push((id, traits));
        }
        flatten_mixins(&mut shapes, &mut pending)?;
        normalize_nullability(&mut shapes, version);
        check_references(&shapes)?;
        let services: Vec<ShapeId> = shapes
            .iter()
            .filter(|(_, s)| s.kind == ShapeKind::Service)
            .map(|(id, _)| id.clone())
            .collect();
        let names = || services.iter().map(ShapeId::to_string).collect();
        let service = match service {
            Some(chosen) if services.contains(chosen) => Some(chosen.clone()),
            Some(chosen) => {
                return Err(ErrorKind::NotAService {
                    id: chosen.to_string(),
                    services: names(),
                });
            }
            None if services.len() > 1 => {
                return Err(ErrorKind::SeveralServices { services: names() });
            }
            None => services.first().cloned(),
        };
        let none = BTreeSet::new();
        let closure = match &service {
            Some(s) => closure(&shapes, std::slice::from_ref(s), &none),
            None => {
                let roots: Vec<ShapeId> = shapes
                    .iter()
                    .filter(|(id, s)| id.namespace() != "smithy.api" && !is_mixin(s))
                    .map(|(id, _)| id.clone())
                    .collect();
                closure(&shapes, &roots, &none)
            }
        };
        let boxed = recursive_members(&shapes, &closure);
        Ok(ShapeIndex {
            version,
            shapes,
            service,
            closure,
            boxed,
        })
    }

    /// The model's IDL version.
    pub fn version(&self) -> IdlVersion {
        self.version
    }

    /// A shape by ID. Every reference was checked in [`ShapeIndex::build`].
    pub fn shape(&self, id: &ShapeId) -> Result<&Shape> {
        self.shapes.get(id).ok_or_else(|| ErrorKind::UnknownTarget {
            from: id.clone(),
            target: id.to_string(),
        })
    }

    /// The service, if the model has one.
    pub fn service(&self) -> Option<&ShapeId> {
        self.service.as_ref()
    }

    /// Every shape reachable from the service (or every shape, without one), sorted by ID.
    pub fn closure(&self) -> impl Iterator<Item = (&ShapeId, &Shape)> {
        self.closure
            .iter()
            .filter_map(|id| self.shapes.get(id).map(|s| (id, s)))
    }

    /// Drops these operations from the service closure, with every shape that only they
    /// reach. The service's own errors stay. Without a service this does nothing.
    pub fn exclude_operations(&mut self, excluded: &BTreeSet<ShapeId>) {
        if let Some(service) = &self.service {
            self.closure = closure(&self.shapes, std::slice::from_ref(service), excluded);
            self.boxed = recursive_members(&self.shapes, &self.closure);
        }
    }

    /// Whether a member must be boxed to break a recursive type.
    pub fn is_boxed(&self, member: &ShapeId) -> bool {
        self.boxed.contains(member)
    }

    /// Smithy 2.0 nullability for a client (a non-authoritative consumer).
    pub fn presence(&self, container: &ShapeId, member: &Member) -> Result<Presence> {
        let shape = self.shape(container)?;
        let member_id = container.with_member(&member.name);
        let mt = TraitView::new(&member_id, &member.traits);
        if TraitView::new(container, &shape.traits).flag(ids::INPUT)?
            || mt.flag(ids::CLIENT_OPTIONAL)?
        {
            // The spec's client rules: `@input` and `@clientOptional` make members optional so
            // that services can later drop `@required` without breaking callers.
            // Still validate the traits that were skipped, so bad values are reported.
            mt.flag(ids::REQUIRED)?;
            return Ok(Presence::Optional);
        }
        // A required member with a default is never missing: a response that leaves it out
        // gets the default (error correction), and a builder need not be given it.
        let required = mt.flag(ids::REQUIRED)?;
        match mt.value(ids::DEFAULT) {
            Some(v) if !v.is_null() => Ok(Presence::Default(v.clone())),
            _ if required => Ok(Presence::Required),
            _ => Ok(Presence::Optional),
        }
    }
}

fn is_mixin(shape: &Shape) -> bool {
    shape.traits.keys().any(|k| k.as_str() == ids::MIXIN)
}

/// Whether `id` names a shape, or a member its shape declares itself.
fn declared_here(shapes: &BTreeMap<ShapeId, Shape>, id: &ShapeId) -> bool {
    let Some(member) = id.member() else {
        return true;
    };
    let base = ShapeId::parse(id.without_member()).unwrap_or_else(|| id.clone());
    shapes
        .get(&base)
        .is_none_or(|s| s.mixins.is_empty() || s.members.iter().any(|m| m.name == member))
}

fn apply_traits(
    shapes: &mut BTreeMap<ShapeId, Shape>,
    applies: Vec<(ShapeId, crate::model::Traits)>,
) -> Result<()> {
    for (id, traits) in applies {
        let base = ShapeId::parse(id.without_member()).unwrap_or_else(|| id.clone());
        let unknown = || ErrorKind::UnknownTarget {
            from: id.clone(),
            target: id.to_string(),
        };
        let shape = shapes.get_mut(&base).ok_or_else(unknown)?;
        let slot = match id.member() {
            None => &mut shape.traits,
            Some(m) => {
                &mut shape
                    .members
                    .iter_mut()
                    .find(|x| x.name == m)
                    .ok_or_else(unknown)?
                    .traits
            }
        };
        slot.extend(traits);
    }
    Ok(())
}

/// Copies members and traits from mixins into the shapes that use them, mixins first.
/// `pending` holds `apply`s to members a shape inherits; each is applied as soon as its shape
/// is flattened, so shapes that use that shape as a mixin see the traits.
fn flatten_mixins(
    shapes: &mut BTreeMap<ShapeId, Shape>,
    pending: &mut BTreeMap<ShapeId, Vec<(ShapeId, crate::model::Traits)>>,
) -> Result<()> {
    let ids: Vec<ShapeId> = shapes.keys().cloned().collect();
    let mut done = BTreeSet::new();
    for id in ids {
        flatten_one(shapes, &id, &mut done, &mut Vec::new(), pending)?;
    }
    Ok(())
}

fn flatten_one(
    shapes: &mut BTreeMap<ShapeId, Shape>,
    id: &ShapeId,
    done: &mut BTreeSet<ShapeId>,
    stack: &mut Vec<ShapeId>,
    pending: &mut BTreeMap<ShapeId, Vec<(ShapeId, crate::model::Traits)>>,
) -> Result<()> {
    if done.contains(id) {
        return Ok(());
    }
    if stack.contains(id) {
        return Err(ErrorKind::Invalid {
            id: id.clone(),
            reason: "mixins form a cycle".into(),
        });
    }
    let Some(mixins) = shapes.get(id).map(|s| s.mixins.clone()) else {
        return Ok(());
    };
    stack.push(id.clone());
    let mut members: Vec<Member> = Vec::new();
    let mut traits = crate::model::Traits::new();
    let mut refs = crate::model::Refs::default();
    for mixin in &mixins {
        flatten_one(shapes, mixin, done, stack, pending)?;
        let m = shapes.get(mixin).ok_or_else(|| ErrorKind::UnknownTarget {
            from: id.clone(),
            target: mixin.to_string(),
        })?;
        if !is_mixin(m) {
            return Err(ErrorKind::WrongTargetKind {
                from: id.clone(),
                target: mixin.clone(),
                found: "shape without @mixin",
                expected: "a shape with the @mixin trait",
            });
        }
        for member in &m.members {
            // A member several mixins declare keeps its first place and gathers their traits.
            match members.iter_mut().find(|x| x.name == member.name) {
                Some(seen) => seen.traits.extend(member.traits.clone()),
                None => members.push(member.clone()),
            }
        }
        // Operations inherit errors; services and resources their operations, resources
        // and errors (the mixin's first).
        for (into, from) in [
            (&mut refs.errors, &m.refs.errors),
            (&mut refs.operations, &m.refs.operations),
            (&mut refs.resources, &m.refs.resources),
        ] {
            for r in from {
                if !into.contains(r) {
                    into.push(r.clone());
                }
            }
        }
        let local: BTreeSet<String> = m
            .traits
            .get(&ShapeId::prelude("mixin"))
            .and_then(|v| v.get("localTraits"))
            .and_then(Value::as_array)
            .map(|a| {
                a.iter()
                    .filter_map(Value::as_str)
                    .map(str::to_string)
                    .collect()
            })
            .unwrap_or_default();
        for (k, v) in &m.traits {
            if k.as_str() != ids::MIXIN && !local.contains(k.as_str()) {
                traits.insert(k.clone(), v.clone());
            }
        }
    }
    stack.pop();
    if let Some(shape) = shapes.get_mut(id) {
        for own in std::mem::take(&mut shape.members) {
            match members.iter_mut().find(|m| m.name == own.name) {
                // A redeclared mixin member may only add traits.
                Some(inherited) => inherited.traits.extend(own.traits),
                None => members.push(own),
            }
        }
        shape.members = members;
        traits.extend(std::mem::take(&mut shape.traits));
        shape.traits = traits;
        for (into, own) in [
            (&mut refs.errors, &mut shape.refs.errors),
            (&mut refs.operations, &mut shape.refs.operations),
            (&mut refs.resources, &mut shape.refs.resources),
        ] {
            for r in std::mem::take(own) {
                if !into.contains(&r) {
                    into.push(r);
                }
            }
            *own = std::mem::take(into);
        }
    }
    if let Some(applies) = pending.remove(id) {
        apply_traits(shapes, applies)?;
    }
    done.insert(id.clone());
    Ok(())
}

/// Rewrites Smithy 1.0 boxing as 2.0 defaults, and 1.0 sets as unique lists.
fn normalize_nullability(shapes: &mut BTreeMap<ShapeId, Shape>, version: IdlVersion) {
    let boxed_or_default: BTreeMap<ShapeId, (ShapeKind, bool, Option<Value>)> = shapes
        .iter()
        .map(|(id, s)| {
            let has = |t: &str| s.traits.keys().any(|k| k.as_str() == t);
            let default = s
                .traits
                .iter()
                .find(|(k, _)| k.as_str() == ids::DEFAULT)
                .map(|(_, v)| v.clone());
            (id.clone(), (s.kind, has(ids::BOX), default))
        })
        .collect();
    for shape in shapes.values_mut() {
        if shape.kind == ShapeKind::Set {
            shape.kind = ShapeKind::List;
            shape
                .traits
                .insert(ShapeId::prelude("uniqueItems"), json!({}));
        }
        if shape.kind != ShapeKind::Structure {
            continue;
        }
        for member in &mut shape.members {
            let Some((kind, target_boxed, target_default)) = boxed_or_default.get(&member.target)
            else {
                continue;
            };
            let has = |t: &str| member.traits.keys().any(|k| k.as_str() == t);
            let primitive = matches!(
                kind,
                ShapeKind::Boolean
                    | ShapeKind::Byte
                    | ShapeKind::Short
                    | ShapeKind::Integer
                    | ShapeKind::Long
                    | ShapeKind::Float
                    | ShapeKind::Double
            );
            let default = match version {
                // 1.0: a number or boolean is non-null unless the member or its target is boxed.
                IdlVersion::V1 if primitive && !target_boxed && !has(ids::BOX) => {
                    Some(if *kind == ShapeKind::Boolean {
                        json!(false)
                    } else {
                        json!(0)
                    })
                }
                // 2.0: `Primitive*` prelude targets imply their default.
                IdlVersion::V2 if member.target.namespace() == "smithy.api" => {
                    target_default.clone()
                }
                _ => None,
            };
            if let Some(d) = default
                && !has(ids::DEFAULT)
            {
                member.traits.insert(ShapeId::prelude("default"), d);
            }
        }
    }
}

fn check_references(shapes: &BTreeMap<ShapeId, Shape>) -> Result<()> {
    let kind_of = |from: &ShapeId, target: &ShapeId| -> Result<ShapeKind> {
        shapes
            .get(target)
            .map(|s| s.kind)
            .ok_or_else(|| ErrorKind::UnknownTarget {
                from: from.clone(),
                target: target.to_string(),
            })
    };
    let expect = |from: &ShapeId, target: &ShapeId, ok: &[ShapeKind], what: &'static str| {
        let k = kind_of(from, target)?;
        if ok.contains(&k) {
            Ok(())
        } else {
            Err(ErrorKind::WrongTargetKind {
                from: from.clone(),
                target: target.clone(),
                found: k.name(),
                expected: what,
            })
        }
    };
    for (id, shape) in shapes {
        for m in &shape.members {
            let member_id = id.with_member(&m.name);
            let k = kind_of(&member_id, &m.target)?;
            if !k.is_data() {
                return Err(ErrorKind::WrongTargetKind {
                    from: member_id,
                    target: m.target.clone(),
                    found: k.name(),
                    expected: "a data shape (not a service, operation or resource)",
                });
            }
        }
        let r = &shape.refs;
        for op in r.operations.iter().chain(&r.lifecycle) {
            expect(id, op, &[ShapeKind::Operation], "an operation")?;
        }
        for res in &r.resources {
            expect(id, res, &[ShapeKind::Resource], "a resource")?;
        }
        for io in r.input.iter().chain(&r.output).chain(&r.errors) {
            expect(id, io, &[ShapeKind::Structure], "a structure")?;
        }
        for e in &r.errors {
            let has_error = shapes
                .get(e)
                .is_some_and(|s| s.traits.keys().any(|k| k.as_str() == ids::ERROR));
            if !has_error {
                return Err(ErrorKind::WrongTargetKind {
                    from: id.clone(),
                    target: e.clone(),
                    found: "structure without @error",
                    expected: "a structure with the @error trait",
                });
            }
        }
    }
    Ok(())
}

/// Every shape reachable from `roots`, following operations, resources, errors and members,
/// but not into the `excluded` operations.
fn closure(
    shapes: &BTreeMap<ShapeId, Shape>,
    roots: &[ShapeId],
    excluded: &BTreeSet<ShapeId>,
) -> BTreeSet<ShapeId> {
    let mut seen = BTreeSet::new();
    let mut stack: Vec<ShapeId> = roots.to_vec();
    while let Some(id) = stack.pop() {
        if excluded.contains(&id) || !seen.insert(id.clone()) {
            continue;
        }
        let Some(shape) = shapes.get(&id) else {
            continue;
        };
        let r = &shape.refs;
        stack.extend(shape.members.iter().map(|m| m.target.clone()));
        stack.extend(r.operations.iter().cloned());
        stack.extend(r.lifecycle.iter().cloned());
        stack.extend(r.resources.iter().cloned());
        stack.extend(r.errors.iter().cloned());
        stack.extend(r.input.iter().cloned());
        stack.extend(r.output.iter().cloned());
    }
    seen
}

/// Members that close a cycle of direct (non-collection) structure/union containment.
/// A member S$m → T is boxed when T can reach S again without passing through a list or map,
/// which already puts its elements on the heap. Boxing every such edge is simple and stable.
fn recursive_members(
    shapes: &BTreeMap<ShapeId, Shape>,
    closure: &BTreeSet<ShapeId>,
) -> BTreeSet<ShapeId> {
    let is_aggregate = |id: &ShapeId| {
        shapes
            .get(id)
            .is_some_and(|s| matches!(s.kind, ShapeKind::Structure | ShapeKind::Union))
    };
    let edges = |id: &ShapeId| -> Vec<ShapeId> {
        shapes
            .get(id)
            .map(|s| {
                s.members
                    .iter()
                    .filter(|m| is_aggregate(&m.target))
                    .map(|m| m.target.clone())
                    .collect()
            })
            .unwrap_or_default()
    };
    let reaches = |from: &ShapeId, to: &ShapeId| -> bool {
        let mut seen = BTreeSet::new();
        let mut stack = vec![from.clone()];
        while let Some(n) = stack.pop() {
            if &n == to {
                return true;
            }
            if seen.insert(n.clone()) {
                stack.extend(edges(&n));
            }
        }
        false
    };
    let mut out = BTreeSet::new();
    for id in closure.iter().filter(|id| is_aggregate(id)) {
        if let Some(s) = shapes.get(id) {
            for m in s.members.iter().filter(|m| is_aggregate(&m.target)) {
                if reaches(&m.target, id) {
                    out.insert(id.with_member(&m.name));
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests;
