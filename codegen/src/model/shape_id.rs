//! Absolute Smithy shape IDs: `namespace#Name` or `namespace#Name$member`.

use std::fmt;

/// An absolute shape ID. Validated on construction so later stages can split it freely.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ShapeId(String);

impl ShapeId {
    /// Parses and validates an absolute shape ID.
    pub fn parse(raw: &str) -> Option<ShapeId> {
        let (ns, rest) = raw.split_once('#')?;
        let (name, member) = match rest.split_once('$') {
            Some((n, m)) => (n, Some(m)),
            None => (rest, None),
        };
        let ok = !ns.is_empty()
            && ns.split('.').all(is_identifier)
            && is_identifier(name)
            && member.is_none_or(is_identifier);
        ok.then(|| ShapeId(raw.to_string()))
    }

    /// The namespace part, before `#`.
    pub fn namespace(&self) -> &str {
        self.0.split_once('#').map_or("", |(ns, _)| ns)
    }

    /// The shape name, between `#` and an optional `$`.
    pub fn name(&self) -> &str {
        let rest = self.0.split_once('#').map_or("", |(_, r)| r);
        rest.split_once('$').map_or(rest, |(n, _)| n)
    }

    /// The member name, if this ID names a member.
    pub fn member(&self) -> Option<&str> {
        self.0.split_once('$').map(|(_, m)| m)
    }

    /// The ID of a member of this shape.
    pub fn with_member(&self, member: &str) -> ShapeId {
        ShapeId(format!("{}${member}", self.without_member()))
    }

    /// This ID without any member part.
    pub fn without_member(&self) -> &str {
        self.0.split_once('$').map_or(&self.0, |(s, _)| s)
    }

    /// The ID as written.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The prelude shape `smithy.api#<name>`.
    pub fn prelude(name: &str) -> ShapeId {
        ShapeId(format!("smithy.api#{name}"))
    }
}

/// Smithy identifiers: `[A-Za-z_][A-Za-z0-9_]*`, not only underscores.
fn is_identifier(s: &str) -> bool {
    let mut chars = s.chars();
    let first_ok = chars
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_');
    first_ok
        && s.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
        && s.chars().any(|c| c != '_')
}

impl fmt::Display for ShapeId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::ShapeId;

    #[test]
    fn parses_parts() {
        let id = ShapeId::parse("com.amazonaws.gamesparks#GameSparks$Member").unwrap();
        assert_eq!(id.namespace(), "com.amazonaws.gamesparks");
        assert_eq!(id.name(), "GameSparks");
        assert_eq!(id.member(), Some("Member"));
        assert_eq!(id.without_member(), "com.amazonaws.gamesparks#GameSparks");
    }

    #[test]
    fn rejects_malformed() {
        for bad in [
            "NoHash", "#Name", "ns#", "ns#1abc", "ns#a$", "n s#A", "ns#__", "ns..x#A",
        ] {
            assert!(ShapeId::parse(bad).is_none(), "{bad} should be rejected");
        }
    }
}
