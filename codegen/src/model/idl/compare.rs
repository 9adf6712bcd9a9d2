//! Semantic comparison of two JSON AST documents, for the loader conformance suite.
//!
//! Normalisation applied to both sides before comparing (and nothing else):
//! - `smithy`: `"1"` is `"1.0"`, `"2"` is `"2.0"`;
//! - an `apply` whose target is a shape of the document, or a member declared in that shape,
//!   is folded into that shape's or member's traits (Smithy writes traits on members
//!   inherited from a mixin as `apply`, and its serializer chooses freely between the two);
//! - empty `traits` and `members` objects, empty `shapes`, and empty `errors`, `operations`
//!   and `resources` lists are dropped;
//! - an operation without `input` or `output` has `smithy.api#Unit` there (as Smithy 2.0
//!   reads it);
//! - object key order is ignored;
//! - numbers compare by exact value ([`Number`](super::Number)): `1.0` is `1`, `15e-1` is
//!   `1.5`, and numbers beyond `f64` keep every digit.

use super::node::Node;
use super::shape_node::{local_slot, split_member};

/// The normalised form of a JSON AST document.
pub fn normalize(doc: &Node) -> Node {
    let mut doc = doc.clone();
    if let Some(v) = doc.get_mut("smithy") {
        match v.as_str() {
            Some("1") => *v = Node::str("1.0"),
            Some("2") => *v = Node::str("2.0"),
            _ => {}
        }
    }
    drop_empty(&mut doc, "shapes");
    let Some(Node::Object(shapes)) = doc.get_mut("shapes") else {
        return doc;
    };
    let apply_ids: Vec<String> = shapes
        .iter()
        .filter(|(_, s)| s.get("type").and_then(Node::as_str) == Some("apply"))
        .map(|(k, _)| k.clone())
        .collect();
    for id in apply_ids {
        let (base, member) = split_member(&id);
        let traits = entry(shapes, &id)
            .and_then(|a| a.get("traits"))
            .map(|t| t.entries().to_vec())
            .unwrap_or_default();
        let slot = entry_mut(shapes, base).and_then(|shape| local_slot(shape, member));
        if let Some(target @ Node::Object(_)) = slot {
            if target.get("traits").is_none() {
                target.set("traits", Node::object());
            }
            if let Some(t) = target.get_mut("traits") {
                for (k, v) in traits {
                    t.set(&k, v);
                }
            }
            shapes.retain(|(k, _)| *k != id);
        }
    }
    for (_, shape) in shapes.iter_mut() {
        if shape.get("type").and_then(Node::as_str) == Some("operation") {
            for k in ["input", "output"] {
                if shape.get(k).is_none() {
                    shape.set(k, Node::target("smithy.api#Unit"));
                }
            }
        }
        for k in ["errors", "operations", "resources"] {
            if matches!(shape.get(k), Some(Node::Array(a)) if a.is_empty()) {
                remove(shape, k);
            }
        }
        drop_empty(shape, "traits");
        drop_empty(shape, "members");
        for key in ["member", "key", "value"] {
            if let Some(m) = shape.get_mut(key) {
                drop_empty(m, "traits");
            }
        }
        if let Some(Node::Object(ms)) = shape.get_mut("members") {
            for (_, m) in ms.iter_mut() {
                drop_empty(m, "traits");
            }
        }
    }
    doc
}

fn entry<'a>(kv: &'a [(String, Node)], key: &str) -> Option<&'a Node> {
    kv.iter().find(|(k, _)| k == key).map(|(_, v)| v)
}

fn entry_mut<'a>(kv: &'a mut [(String, Node)], key: &str) -> Option<&'a mut Node> {
    kv.iter_mut().find(|(k, _)| k == key).map(|(_, v)| v)
}

fn remove(v: &mut Node, key: &str) {
    if let Node::Object(kv) = v {
        kv.retain(|(k, _)| k != key);
    }
}

fn drop_empty(v: &mut Node, key: &str) {
    if matches!(v.get(key), Some(Node::Object(o)) if o.is_empty()) {
        remove(v, key);
    }
}

/// `Ok` when the documents are equal after [`normalize`]; else the first difference, as a path.
pub fn compare(actual: &Node, expected: &Node) -> Result<(), String> {
    first_difference(&normalize(actual), &normalize(expected), String::new())
}

fn first_difference(a: &Node, e: &Node, path: String) -> Result<(), String> {
    match (a, e) {
        (Node::Object(a), Node::Object(e)) => {
            for (k, ev) in e {
                match entry(a, k) {
                    Some(av) => first_difference(av, ev, format!("{path}/{k}"))?,
                    None => return Err(format!("{path}/{k}: missing (expected {})", ev.to_json())),
                }
            }
            if let Some((k, av)) = a.iter().find(|(k, _)| entry(e, k).is_none()) {
                return Err(format!("{path}/{k}: unexpected {}", av.to_json()));
            }
            Ok(())
        }
        (Node::Array(a), Node::Array(e)) if a.len() == e.len() => {
            for (i, (av, ev)) in a.iter().zip(e).enumerate() {
                first_difference(av, ev, format!("{path}/{i}"))?;
            }
            Ok(())
        }
        // By exact value (`Number`'s equality): `1.0` is `1`, `2E+308` is `2e308`.
        (Node::Number(a), Node::Number(e)) if a == e => Ok(()),
        _ if a == e => Ok(()),
        _ => Err(format!(
            "{path}: found {}, expected {}",
            a.to_json(),
            e.to_json()
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn j(text: &str) -> Node {
        Node::from_json(text).unwrap()
    }

    #[test]
    fn applies_fold_into_local_members_only() {
        let a = j(r#"{"smithy": "2", "shapes": {
            "a#S": {"type": "structure", "members": {"x": {"target": "a#T", "traits": {"t#a": {}}}}}
        }}"#);
        let e = j(r#"{"smithy": "2.0", "shapes": {
            "a#S": {"type": "structure", "members": {"x": {"target": "a#T"}}, "traits": {}},
            "a#S$x": {"type": "apply", "traits": {"t#a": {}}}
        }}"#);
        assert_eq!(compare(&a, &e), Ok(()));
        let inherited = j(r#"{"smithy": "2.0", "shapes": {
            "a#S": {"type": "structure", "members": {}},
            "a#S$y": {"type": "apply", "traits": {"t#a": {}}}
        }}"#);
        let n = normalize(&inherited);
        assert!(
            n.get("shapes").and_then(|s| s.get("a#S$y")).is_some(),
            "an apply to an inherited member stays"
        );
        let err = compare(&j(r#"{"smithy": "2.0", "shapes": {}}"#), &inherited).unwrap_err();
        assert!(err.contains("a#S"), "{err}");
    }

    #[test]
    fn numbers_compare_by_value_and_differences_name_the_path() {
        let a = j(r#"{"x": [1.0, "b"], "y": 2}"#);
        assert_eq!(compare(&a, &j(r#"{"y": 2e0, "x": [1, "b"]}"#)), Ok(()));
        assert_eq!(
            compare(&a, &j(r#"{"x": [1, "c"], "y": 2}"#)),
            Err("/x/1: found \"b\", expected \"c\"".into())
        );
    }

    #[test]
    fn numbers_beyond_f64_compare_exactly() {
        let a = j(r#"{"n": [1.7976931348623157E+309, 2e+308, 9223372036854775808]}"#);
        let same = j(r#"{"n": [17976931348623157e293, 2E308, 9223372036854775808.0]}"#);
        assert_eq!(compare(&a, &same), Ok(()));
        let off = j(r#"{"n": [1.7976931348623157E+309, 2e+308, 9223372036854775809]}"#);
        assert_eq!(
            compare(&a, &off),
            Err("/n/2: found 9223372036854775808, expected 9223372036854775809".into()),
            "one apart in the 19th digit, where f64 sees no difference"
        );
    }
}
