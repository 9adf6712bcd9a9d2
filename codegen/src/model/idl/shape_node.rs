//! JSON AST shape nodes, as the loader builds them and the comparison normalises them: the
//! parts of a shape ID, the node an `apply` folds into, and adding a trait.

use super::node::Node;

/// `a#S$m` → (`a#S`, `Some("m")`); an ID without `$` is all shape.
pub fn split_member(id: &str) -> (&str, Option<&str>) {
    match id.split_once('$') {
        Some((shape, member)) => (shape, Some(member)),
        None => (id, None),
    }
}

/// The shape itself, or a member it declares, that an `apply` can fold into.
pub fn local_slot<'a>(shape: &'a mut Node, member: Option<&str>) -> Option<&'a mut Node> {
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

/// Appends trait `id` to a shape's or member's `traits` (creating them), after any there.
pub fn push_trait(node: &mut Node, id: &str, value: Node) {
    let mut traits = node
        .get("traits")
        .map(|t| t.entries().to_vec())
        .unwrap_or_default();
    traits.push((id.to_string(), value));
    node.set("traits", Node::Object(traits));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn member_ids_split_and_apply_slots() {
        assert_eq!(split_member("a#S$m"), ("a#S", Some("m")));
        assert_eq!(split_member("a#S"), ("a#S", None));
        let mut shape = Node::from_json(
            r#"{"type": "list", "member": {"target": "a#T"}, "members": {"x": {"target": "a#U"}}}"#,
        )
        .unwrap();
        let x = local_slot(&mut shape, Some("x")).map(|n| n.clone());
        assert_eq!(x, Some(Node::target("a#U")), "a declared member");
        let member = local_slot(&mut shape, Some("member")).map(|n| n.clone());
        assert_eq!(member, Some(Node::target("a#T")), "a collection's member");
        assert!(
            local_slot(&mut shape, Some("y")).is_none(),
            "not declared here"
        );
        assert!(local_slot(&mut shape, None).is_some(), "the shape itself");
        let mut m = Node::target("a#T");
        push_trait(&mut m, "a#t", Node::object());
        push_trait(&mut m, "a#u", Node::Bool(true));
        assert_eq!(
            m.to_json(),
            r#"{"target":"a#T","traits":{"a#t":{},"a#u":true}}"#
        );
    }
}
