//! Several parsed files → one JSON AST document: shape IDs resolved (`use`, the file's
//! namespace across every file, then the prelude), elided members filled in, metadata merged.

use std::cell::RefCell;
use std::collections::{BTreeMap, BTreeSet};

use super::ast::{IdlFile, MemberDef, Raw, Ref, ShapeDef, TraitApp};
use super::node::Node;
use super::prelude_names::{PRELUDE_LIST_TRAITS, is_prelude_name};
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

struct Scope<'a> {
    file: usize,
    ns: &'a str,
    uses: BTreeMap<&'a str, &'a str>,
    defined: &'a BTreeSet<String>,
    /// Shapes that are lists or sets: a trait of one of them without a value is `[]`.
    lists: &'a BTreeSet<String>,
    /// Syntactic shape IDs that name no shape, reported once every file's metadata (and so any
    /// suppression) is known.
    dangling: &'a RefCell<Vec<LoadError>>,
}

impl Scope<'_> {
    fn err(&self, offset: usize, message: impl Into<String>) -> LoadError {
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
        let (base, member) = match text.split_once('$') {
            Some((b, m)) => (b, Some(m)),
            None => (text, None),
        };
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
    fn target(&self, r: &Ref) -> String {
        self.lookup(&r.text)
            .unwrap_or_else(|| format!("{}#{}", self.ns, r.text))
    }

    /// A node value. An unquoted shape ID (a syntactic shape ID) resolves like any relative
    /// ID; one that names no shape falls into the namespace (`smithy.api` for metadata), as the
    /// spec says, and is recorded: Smithy reports it as a DANGER event, which fails a load
    /// unless suppressed, since it is most likely a string whose quotes were forgotten.
    fn value(&self, raw: &Raw) -> Node {
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

    fn traits(&self, apps: &[TraitApp]) -> LResult<Vec<(String, Node)>> {
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

/// An `apply`: its target, traits, and the file and offset it came from.
type PendingApply = (String, Vec<(String, Node)>, usize, usize);

/// A member whose target comes from a mixin or a resource, resolved after every shape exists.
struct Elision {
    file: usize,
    shape: String,
    member: String,
    offset: usize,
    traits: Vec<(String, Node)>,
    resource: Option<String>,
    mixins: Vec<String>,
}

/// Loads files into one JSON AST document.
pub fn load(files: &[Loaded]) -> LResult<Node> {
    // Every shape ID defined anywhere, for relative resolution.
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
    // `apply` entries, one per target, traits merged.
    let mut merged: Vec<PendingApply> = Vec::new();
    for (id, traits, file, offset) in extra_applies.into_iter().chain(applies) {
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
        let (base, member) = match id.split_once('$') {
            Some((b, m)) => (b, Some(m)),
            None => (id.as_str(), None),
        };
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
                        *old = merge_values(old, v).ok_or_else(|| LoadError { file, offset, message: format!("{id}: `apply` gives trait `{k}` a value that conflicts with the shape's") })?;
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

/// The shape itself, or a member it declares, that an `apply` can fold into.
fn local_slot<'a>(shape: &'a mut Node, member: Option<&str>) -> Option<&'a mut Node> {
    match member {
        None => Some(shape),
        Some(m) => {
            if shape.get("members").and_then(|ms| ms.get(m)).is_some() {
                shape.get_mut("members").and_then(|ms| ms.get_mut(m))
            } else if matches!(m, "member" | "key" | "value") {
                shape.get_mut(m)
            } else {
                None
            }
        }
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

fn member_node(target: String, traits: Vec<(String, Node)>) -> Node {
    let mut m = vec![("target".to_string(), Node::String(target))];
    if !traits.is_empty() {
        m.push(("traits".into(), Node::Object(traits)));
    }
    Node::Object(m)
}

fn build_shape(
    scope: &Scope<'_>,
    id: &str,
    s: &ShapeDef,
    elisions: &mut Vec<Elision>,
) -> LResult<Node> {
    let mut out = vec![("type".to_string(), Node::str(s.kind))];
    let mixins: Vec<String> = s.mixins.iter().map(|m| scope.target(m)).collect();
    if !mixins.is_empty() {
        out.push((
            "mixins".into(),
            Node::Array(mixins.iter().map(|m| Node::target(m.clone())).collect()),
        ));
    }
    let resource = s.for_resource.as_ref().map(|r| scope.target(r));
    match s.kind {
        "list" | "set" | "map" | "structure" | "union" | "enum" | "intEnum" => {
            let mut members = Vec::new();
            for m in &s.members {
                members.push(build_member(
                    scope, id, m, s.kind, &resource, &mixins, elisions,
                )?);
            }
            match s.kind {
                "list" | "set" | "map" => {
                    let names: &[&str] = if s.kind == "map" {
                        &["key", "value"]
                    } else {
                        &["member"]
                    };
                    for (name, _) in &members {
                        if !names.contains(&name.as_str()) {
                            return Err(scope.err(
                                s.offset,
                                format!("a {} cannot have a member named `{name}`", s.kind),
                            ));
                        }
                    }
                    for name in names {
                        if !members.iter().any(|(n, _)| n == name) && mixins.is_empty() {
                            return Err(scope
                                .err(s.offset, format!("a {} needs a `{name}` member", s.kind)));
                        }
                    }
                    out.extend(members);
                }
                _ => out.push(("members".into(), Node::Object(members))),
            }
        }
        "service" | "resource" | "operation" => {
            for (k, v) in &s.props {
                out.push((k.clone(), entity_prop(scope, s, k, v)?));
            }
        }
        _ => {}
    }
    let traits = scope.traits(&s.traits)?;
    if !traits.is_empty() {
        out.push(("traits".into(), Node::Object(traits)));
    }
    Ok(Node::Object(out))
}

fn build_member(
    scope: &Scope<'_>,
    shape: &str,
    m: &MemberDef,
    shape_kind: &str,
    resource: &Option<String>,
    mixins: &[String],
    elisions: &mut Vec<Elision>,
) -> LResult<(String, Node)> {
    let mut traits = scope.traits(&m.traits)?;
    let is_enum = m
        .target
        .as_ref()
        .is_some_and(|t| t.text == "smithy.api#Unit");
    if is_enum
        && shape_kind == "enum"
        && mixins.is_empty()
        && !traits.iter().any(|(k, _)| k == "smithy.api#enumValue")
    {
        // An enum member without a value has its name as value.
        traits.push(("smithy.api#enumValue".into(), Node::String(m.name.clone())));
    }
    match &m.target {
        Some(t) => Ok((m.name.clone(), member_node(scope.target(t), traits))),
        None => {
            elisions.push(Elision {
                file: scope.file,
                shape: shape.to_string(),
                member: m.name.clone(),
                offset: m.offset,
                traits,
                resource: resource.clone(),
                mixins: mixins.to_vec(),
            });
            Ok((m.name.clone(), Node::Null))
        }
    }
}

fn refs(scope: &Scope<'_>, s: &ShapeDef, key: &str, v: &Raw) -> LResult<Node> {
    let one = |r: &Raw| match r {
        Raw::Id(r) => Ok(Node::target(scope.target(r))),
        _ => Err(scope.err(
            s.offset,
            format!("`{key}` of {} must list shape IDs", s.name),
        )),
    };
    match v {
        Raw::Array(items) => Ok(Node::Array(items.iter().map(one).collect::<LResult<_>>()?)),
        Raw::Plain(Node::Array(a)) if a.is_empty() => Ok(Node::Array(Vec::new())),
        _ => Err(scope.err(
            s.offset,
            format!("`{key}` of {} must be an array of shape IDs", s.name),
        )),
    }
}

fn entity_prop(scope: &Scope<'_>, s: &ShapeDef, key: &str, v: &Raw) -> LResult<Node> {
    let bad =
        |what: &str| Err(scope.err(s.offset, format!("`{key}` of {} must be {what}", s.name)));
    match key {
        "version" => match v {
            Raw::Plain(Node::String(x)) => Ok(Node::String(x.clone())),
            _ => bad("a string"),
        },
        "operations" | "resources" | "errors" | "collectionOperations" => refs(scope, s, key, v),
        "input" | "output" | "create" | "put" | "read" | "update" | "delete" | "list" => match v {
            Raw::Id(r) => Ok(Node::target(scope.target(r))),
            _ => bad("a shape ID"),
        },
        "rename" => match scope.value(v) {
            Node::Object(kv) if kv.iter().all(|(_, x)| x.as_str().is_some()) => {
                Ok(Node::Object(kv))
            }
            _ => bad("an object of strings"),
        },
        "identifiers" | "properties" => {
            let kv: Vec<(String, &Raw)> = match v {
                Raw::Object(kv) => kv.iter().map(|(k, v)| (k.clone(), v)).collect(),
                Raw::Plain(Node::Object(kv)) if kv.is_empty() => Vec::new(),
                _ => return bad("an object of shape IDs"),
            };
            let mut out = Vec::new();
            for (k, r) in kv {
                match r {
                    Raw::Id(r) => out.push((k, Node::target(scope.target(r)))),
                    _ => return bad("an object of shape IDs"),
                }
            }
            Ok(Node::Object(out))
        }
        _ => bad("a known property"),
    }
}

/// The target of member `name` in a mixin (or the mixins it uses), with the mixin's ID.
fn mixin_member(
    shapes: &[(String, Node)],
    where_: &BTreeMap<String, (usize, usize)>,
    mixin: &str,
    name: &str,
    depth: usize,
) -> Option<String> {
    if depth > 32 {
        return None;
    }
    let (_, at) = where_.get(mixin)?;
    let shape = &shapes.get(*at)?.1;
    let own = match shape.get("members") {
        Some(ms) => ms.get(name),
        None => shape.get(name),
    };
    if let Some(t) = own.and_then(|m| m.get("target")).and_then(Node::as_str) {
        return Some(t.to_string());
    }
    let mixins = shape
        .get("mixins")
        .map(|m| match m {
            Node::Array(a) => a
                .iter()
                .filter_map(|x| x.get("target").and_then(Node::as_str))
                .map(str::to_string)
                .collect(),
            _ => Vec::new(),
        })
        .unwrap_or_default();
    mixins
        .iter()
        .find_map(|m| mixin_member(shapes, where_, m, name, depth + 1))
}

fn resolve_elision(
    shapes: &mut [(String, Node)],
    where_: &BTreeMap<String, (usize, usize)>,
    e: Elision,
    applies: &mut Vec<PendingApply>,
) -> LResult<()> {
    let err = |message: String| LoadError {
        file: e.file,
        offset: e.offset,
        message,
    };
    let from_mixin = e
        .mixins
        .iter()
        .find_map(|m| mixin_member(shapes, where_, m, &e.member, 0));
    let from_resource = e.resource.as_ref().and_then(|r| {
        let (_, at) = where_.get(r)?;
        let res = &shapes.get(*at)?.1;
        if res.get("type").and_then(Node::as_str) != Some("resource") {
            return None;
        }
        ["identifiers", "properties"].iter().find_map(|k| {
            res.get(k)?
                .get(&e.member)?
                .get("target")
                .and_then(Node::as_str)
                .map(str::to_string)
        })
    });
    if let Some(r) = &e.resource {
        let is_resource = where_
            .get(r)
            .and_then(|(_, at)| shapes.get(*at))
            .and_then(|(_, s)| s.get("type"))
            .and_then(Node::as_str)
            == Some("resource");
        if !is_resource {
            return Err(err(format!("{}: `for {r}` must name a resource", e.shape)));
        }
    }
    let Some((_, at)) = where_.get(&e.shape) else {
        return Err(err(format!("{}: shape not found", e.shape)));
    };
    let shape = match shapes.get_mut(*at) {
        Some((_, s)) => s,
        None => return Err(err(format!("{}: shape not found", e.shape))),
    };
    let holder_key = if shape.get("members").is_some() {
        "members"
    } else {
        ""
    };
    match (from_mixin, from_resource) {
        (Some(m), r) => {
            if let Some(r) = r.filter(|r| *r != m) {
                return Err(err(format!(
                    "{}${}: the mixin's member targets `{m}` but the resource's targets `{r}`",
                    e.shape, e.member
                )));
            }
            // Inherited: the member stays the mixin's; its own traits become an `apply`.
            remove_member(shape, holder_key, &e.member);
            if !e.traits.is_empty() {
                applies.push((
                    format!("{}${}", e.shape, e.member),
                    e.traits,
                    e.file,
                    e.offset,
                ));
            }
        }
        (None, Some(t)) => {
            let node = member_node(t, e.traits);
            if holder_key.is_empty() {
                shape.set(&e.member, node);
            } else if let Some(ms) = shape.get_mut("members") {
                ms.set(&e.member, node);
            }
        }
        (None, None) => {
            return Err(err(format!(
                "{}: elided member `${}` is not a member of a mixin or an identifier or property of the resource",
                e.shape, e.member
            )));
        }
    }
    Ok(())
}

fn remove_member(shape: &mut Node, holder: &str, name: &str) {
    let obj = if holder.is_empty() {
        Some(shape)
    } else {
        shape.get_mut(holder)
    };
    if let Some(Node::Object(kv)) = obj {
        kv.retain(|(k, _)| k != name);
    }
}

/// Smithy 1.0 shapes in a 2.0 document, upgraded as the 1.0 → 2.0 guide does: a `set` is a
/// list with `@uniqueItems`, and a structure member targeting a number or boolean that
/// neither it nor its target boxes gets `@default(0)` (`false`).
fn upgrade_v1(
    shapes: &mut [(String, Node)],
    where_: &BTreeMap<String, (usize, usize)>,
    v1: &BTreeSet<String>,
) {
    const NUMERIC: &[&str] = &[
        "boolean", "byte", "short", "integer", "long", "float", "double",
    ];
    let zero = |kind: &str| {
        if kind == "boolean" {
            Node::Bool(false)
        } else {
            Node::Number(0u64.into())
        }
    };
    let mut defaults = Vec::new();
    for (i, (id, shape)) in shapes.iter().enumerate() {
        if !v1.contains(id) || shape.get("type").and_then(Node::as_str) != Some("structure") {
            continue;
        }
        for (name, m) in shape.get("members").map(Node::entries).unwrap_or_default() {
            let traits = m.get("traits");
            let has = |t: &str| traits.and_then(|x| x.get(t)).is_some();
            if has("smithy.api#box") || has("smithy.api#default") {
                continue;
            }
            let Some(target) = m.get("target").and_then(Node::as_str) else {
                continue;
            };
            let kind = if let Some(p) = target.strip_prefix("smithy.api#Primitive") {
                Some(p.to_ascii_lowercase())
            } else {
                where_
                    .get(target)
                    .and_then(|(_, at)| shapes.get(*at))
                    .and_then(|(_, t)| {
                        let boxed = t
                            .get("traits")
                            .and_then(|x| x.get("smithy.api#box"))
                            .is_some();
                        let kind = t.get("type").and_then(Node::as_str)?;
                        (!boxed).then(|| kind.to_string())
                    })
            };
            if let Some(kind) = kind.filter(|k| NUMERIC.contains(&k.as_str())) {
                defaults.push((i, name.clone(), zero(&kind)));
            }
        }
    }
    for (i, name, value) in defaults {
        if let Some(m) = shapes
            .get_mut(i)
            .and_then(|(_, s)| s.get_mut("members"))
            .and_then(|ms| ms.get_mut(&name))
        {
            let mut traits = m
                .get("traits")
                .map(|t| t.entries().to_vec())
                .unwrap_or_default();
            traits.push(("smithy.api#default".into(), value));
            m.set("traits", Node::Object(traits));
        }
    }
    for (id, shape) in shapes.iter_mut() {
        if v1.contains(id) && shape.get("type").and_then(Node::as_str) == Some("set") {
            shape.set("type", Node::str("list"));
            let mut traits = shape
                .get("traits")
                .map(|t| t.entries().to_vec())
                .unwrap_or_default();
            traits.push(("smithy.api#uniqueItems".into(), Node::object()));
            shape.set("traits", Node::Object(traits));
        }
    }
}

/// Members of a mixed-in enum get their name as value unless a mixin declares them.
fn default_enum_values_with_mixins(
    shapes: &mut [(String, Node)],
    where_: &BTreeMap<String, (usize, usize)>,
) {
    let mut todo = Vec::new();
    for (i, (_, shape)) in shapes.iter().enumerate() {
        if shape.get("type").and_then(Node::as_str) != Some("enum") {
            continue;
        }
        let Some(Node::Array(mixins)) = shape.get("mixins") else {
            continue;
        };
        for (name, m) in shape.get("members").map(Node::entries).unwrap_or_default() {
            let has_value = m
                .get("traits")
                .and_then(|t| t.get("smithy.api#enumValue"))
                .is_some();
            let inherited = mixins
                .iter()
                .filter_map(|x| x.get("target").and_then(Node::as_str))
                .any(|x| mixin_member(shapes, where_, x, name, 0).is_some());
            if !has_value && !inherited {
                todo.push((i, name.clone()));
            }
        }
    }
    for (i, name) in todo {
        if let Some(m) = shapes
            .get_mut(i)
            .and_then(|(_, s)| s.get_mut("members"))
            .and_then(|ms| ms.get_mut(&name))
        {
            let mut traits = m
                .get("traits")
                .map(|t| t.entries().to_vec())
                .unwrap_or_default();
            traits.push(("smithy.api#enumValue".into(), Node::String(name.clone())));
            m.set("traits", Node::Object(traits));
        }
    }
}

/// A member redeclared over a mixin's, or inherited from two mixins, must keep the target.
fn check_mixin_members(
    shapes: &[(String, Node)],
    where_: &BTreeMap<String, (usize, usize)>,
    offsets: &BTreeMap<String, usize>,
) -> LResult<()> {
    for (id, shape) in shapes {
        let (file, _) = where_.get(id).copied().unwrap_or((0, 0));
        let offset = offsets.get(id).copied().unwrap_or(0);
        let kind = shape.get("type").and_then(Node::as_str).unwrap_or("");
        let is_mixin = shape
            .get("traits")
            .and_then(|t| t.get("smithy.api#mixin"))
            .is_some();
        let bad = |message: String| {
            Err(LoadError {
                file,
                offset,
                message,
            })
        };
        if is_mixin && kind == "operation" {
            let unit = |k: &str| {
                shape
                    .get(k)
                    .and_then(|t| t.get("target"))
                    .and_then(Node::as_str)
                    .is_none_or(|t| t == "smithy.api#Unit")
            };
            if !unit("input") || !unit("output") {
                return bad(format!(
                    "{id}: an operation mixin must have smithy.api#Unit as input and output"
                ));
            }
        }
        if is_mixin
            && kind == "resource"
            && (shape.get("identifiers").is_some() || shape.get("properties").is_some())
        {
            return bad(format!(
                "{id}: a resource mixin cannot define identifiers or properties"
            ));
        }
        let Some(Node::Array(mixins)) = shape.get("mixins") else {
            continue;
        };
        let mixins: Vec<&str> = mixins
            .iter()
            .filter_map(|m| m.get("target").and_then(Node::as_str))
            .collect();
        for m in &mixins {
            let mixin_kind = where_
                .get(*m)
                .and_then(|(_, at)| shapes.get(*at))
                .and_then(|(_, s)| s.get("type"))
                .and_then(Node::as_str);
            if let Some(mk) = mixin_kind.filter(|mk| *mk != kind) {
                return bad(format!(
                    "{id}: a {kind} cannot use the {mk} `{m}` as a mixin"
                ));
            }
        }
        let names: BTreeSet<String> = mixins
            .iter()
            .filter_map(|m| where_.get(*m).and_then(|(_, at)| shapes.get(*at)))
            .flat_map(|(_, s)| {
                s.get("members")
                    .map(|m| {
                        m.entries()
                            .iter()
                            .map(|(k, _)| k.clone())
                            .collect::<Vec<_>>()
                    })
                    .unwrap_or_default()
            })
            .chain(
                shape
                    .get("members")
                    .map(|m| {
                        m.entries()
                            .iter()
                            .map(|(k, _)| k.clone())
                            .collect::<Vec<_>>()
                    })
                    .unwrap_or_default(),
            )
            .collect();
        for name in names {
            let mut targets: BTreeSet<String> = mixins
                .iter()
                .filter_map(|m| mixin_member(shapes, where_, m, &name, 0))
                .collect();
            if let Some(t) = shape
                .get("members")
                .and_then(|m| m.get(&name))
                .and_then(|m| m.get("target"))
                .and_then(Node::as_str)
            {
                targets.insert(t.to_string());
            }
            if targets.len() > 1 {
                return Err(LoadError {
                    file,
                    offset,
                    message: format!(
                        "{id}${name}: member conflicts with an inherited mixin member (targets {})",
                        targets.into_iter().collect::<Vec<_>>().join(", ")
                    ),
                });
            }
        }
    }
    Ok(())
}
