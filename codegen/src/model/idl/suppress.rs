//! The `suppressions` metadata, for the one validation event the loader raises itself.

use super::node::Node;

/// Smithy's event ID for a syntactic shape ID that names no shape.
pub const SYNTACTIC_SHAPE_ID_TARGET: &str = "SyntacticShapeIdTarget";

/// Whether the model's `suppressions` metadata suppresses `event` where it is not bound to a
/// shape: only a suppression with namespace `*` does, and its `id` matches the event ID or a
/// leading part of it, split on dots (the spec's hierarchical match).
pub fn suppressed(metadata: &[(String, Node)], event: &str) -> bool {
    let Some(Node::Array(list)) = metadata
        .iter()
        .find(|(k, _)| k == "suppressions")
        .map(|(_, v)| v)
    else {
        return false;
    };
    list.iter().any(|s| {
        let id = s.get("id").and_then(Node::as_str).unwrap_or("");
        let matches = !id.is_empty()
            && (event == id
                || event
                    .strip_prefix(id)
                    .is_some_and(|rest| rest.starts_with('.')));
        matches && s.get("namespace").and_then(Node::as_str) == Some("*")
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn meta(json: &str) -> Vec<(String, Node)> {
        Node::from_json(json).unwrap().entries().to_vec()
    }

    #[test]
    fn only_a_namespace_star_suppression_with_a_matching_id_counts() {
        let m = meta(r#"{"suppressions": [{"id": "SyntacticShapeIdTarget", "namespace": "*"}]}"#);
        assert!(suppressed(&m, SYNTACTIC_SHAPE_ID_TARGET));
        assert!(suppressed(&m, "SyntacticShapeIdTarget.Sub"));
        let other_ns =
            meta(r#"{"suppressions": [{"id": "SyntacticShapeIdTarget", "namespace": "a"}]}"#);
        assert!(!suppressed(&other_ns, SYNTACTIC_SHAPE_ID_TARGET));
        let longer =
            meta(r#"{"suppressions": [{"id": "SyntacticShapeIdTarget.X", "namespace": "*"}]}"#);
        assert!(!suppressed(&longer, SYNTACTIC_SHAPE_ID_TARGET));
        let prefix = meta(r#"{"suppressions": [{"id": "Syntactic", "namespace": "*"}]}"#);
        assert!(
            !suppressed(&prefix, SYNTACTIC_SHAPE_ID_TARGET),
            "whole segments only"
        );
        assert!(!suppressed(&meta("{}"), SYNTACTIC_SHAPE_ID_TARGET));
    }
}
