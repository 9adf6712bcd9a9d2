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
//! - object key order is ignored (`serde_json::Value` objects are sorted maps).

use serde_json::{Map, Value};

/// The normalised form of a JSON AST document.
pub fn normalize(doc: &Value) -> Value {
    let mut doc = doc.clone();
    if let Some(v) = doc.get_mut("smithy") {
        match v.as_str() {
            Some("1") => *v = Value::from("1.0"),
            Some("2") => *v = Value::from("2.0"),
            _ => {}
        }
    }
    drop_empty(&mut doc, "shapes");
    let Some(Value::Object(shapes)) = doc.get_mut("shapes") else {
        return doc;
    };
    let apply_ids: Vec<String> = shapes
        .iter()
        .filter(|(_, s)| s.get("type").and_then(Value::as_str) == Some("apply"))
        .map(|(k, _)| k.clone())
        .collect();
    for id in apply_ids {
        let (base, member) = match id.split_once('$') {
            Some((b, m)) => (b.to_string(), Some(m.to_string())),
            None => (id.clone(), None),
        };
        let traits = shapes
            .get(&id)
            .and_then(|a| a.get("traits"))
            .and_then(Value::as_object)
            .cloned()
            .unwrap_or_default();
        let slot = shapes.get_mut(&base).and_then(|shape| match &member {
            None => Some(shape),
            Some(m) => {
                if shape.get("members").and_then(|ms| ms.get(m)).is_some() {
                    shape.get_mut("members").and_then(|ms| ms.get_mut(m))
                } else if matches!(m.as_str(), "member" | "key" | "value") {
                    shape.get_mut(m)
                } else {
                    None
                }
            }
        });
        if let Some(Value::Object(target)) = slot {
            let t = target
                .entry("traits")
                .or_insert_with(|| Value::Object(Map::new()));
            if let Value::Object(t) = t {
                t.extend(traits);
            }
            shapes.remove(&id);
        }
    }
    for shape in shapes.values_mut() {
        if shape.get("type").and_then(Value::as_str) == Some("operation")
            && let Value::Object(o) = shape
        {
            for k in ["input", "output"] {
                o.entry(k)
                    .or_insert_with(|| serde_json::json!({"target": "smithy.api#Unit"}));
            }
        }
        for k in ["errors", "operations", "resources"] {
            if let Value::Object(o) = shape
                && o.get(k)
                    .and_then(Value::as_array)
                    .is_some_and(Vec::is_empty)
            {
                o.remove(k);
            }
        }
        drop_empty(shape, "traits");
        drop_empty(shape, "members");
        for key in ["member", "key", "value"] {
            if let Some(m) = shape.get_mut(key) {
                drop_empty(m, "traits");
            }
        }
        if let Some(Value::Object(ms)) = shape.get_mut("members") {
            for m in ms.values_mut() {
                drop_empty(m, "traits");
            }
        }
    }
    doc
}

fn drop_empty(v: &mut Value, key: &str) {
    if let Value::Object(o) = v
        && o.get(key)
            .is_some_and(|x| x.as_object().is_some_and(Map::is_empty))
    {
        o.remove(key);
    }
}

/// `Ok` when the documents are equal after [`normalize`]; else the first difference, as a path.
pub fn compare(actual: &Value, expected: &Value) -> Result<(), String> {
    first_difference(&normalize(actual), &normalize(expected), String::new())
}

fn first_difference(a: &Value, e: &Value, path: String) -> Result<(), String> {
    match (a, e) {
        (Value::Object(a), Value::Object(e)) => {
            for (k, ev) in e {
                match a.get(k) {
                    Some(av) => first_difference(av, ev, format!("{path}/{k}"))?,
                    None => return Err(format!("{path}/{k}: missing (expected {ev})")),
                }
            }
            if let Some(k) = a.keys().find(|k| !e.contains_key(*k)) {
                return Err(format!("{path}/{k}: unexpected {}", a[k]));
            }
            Ok(())
        }
        (Value::Array(a), Value::Array(e)) if a.len() == e.len() => {
            for (i, (av, ev)) in a.iter().zip(e).enumerate() {
                first_difference(av, ev, format!("{path}/{i}"))?;
            }
            Ok(())
        }
        (Value::Number(a), Value::Number(e)) if a.as_f64() == e.as_f64() => Ok(()),
        _ if a == e => Ok(()),
        _ => Err(format!("{path}: found {a}, expected {e}")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn applies_fold_into_local_members_only() {
        let a = json!({"smithy": "2", "shapes": {
            "a#S": {"type": "structure", "members": {"x": {"target": "a#T", "traits": {"t#a": {}}}}}
        }});
        let e = json!({"smithy": "2.0", "shapes": {
            "a#S": {"type": "structure", "members": {"x": {"target": "a#T"}}, "traits": {}},
            "a#S$x": {"type": "apply", "traits": {"t#a": {}}}
        }});
        assert_eq!(compare(&a, &e), Ok(()));
        let inherited = json!({"smithy": "2.0", "shapes": {
            "a#S": {"type": "structure", "members": {}},
            "a#S$y": {"type": "apply", "traits": {"t#a": {}}}
        }});
        let n = normalize(&inherited);
        assert!(
            n["shapes"].get("a#S$y").is_some(),
            "an apply to an inherited member stays"
        );
        let err = compare(&json!({"smithy": "2.0", "shapes": {}}), &inherited).unwrap_err();
        assert!(err.contains("a#S"), "{err}");
    }

    #[test]
    fn numbers_compare_by_value_and_differences_name_the_path() {
        let a = json!({"x": [1.0, "b"]});
        assert_eq!(compare(&a, &json!({"x": [1, "b"]})), Ok(()));
        assert_eq!(
            compare(&a, &json!({"x": [1, "c"]})),
            Err("/x/1: found \"b\", expected \"c\"".into())
        );
    }
}
