//! XML names and namespaces of members, lists and maps.

/// A member's XML facts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct XmlMember {
    /// The element (or attribute) name: `@xmlName`, else the member name. For an
    /// `@httpPayload` structure or union, the document's root: the member's `@xmlName`, else
    /// the target's, else the target's shape name.
    pub name: String,
    /// `@xmlAttribute`.
    pub attribute: bool,
    /// `@xmlFlattened`: a list's items (a map's entries) repeat the member's element itself.
    pub flattened: bool,
    /// `@xmlNamespace` on the member (for an `@httpPayload` structure or union, else on the
    /// target).
    pub namespace: Option<XmlNamespace>,
}

/// An `@xmlNamespace`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct XmlNamespace {
    /// The prefix (`xmlns:prefix`), or `None` for the default namespace (`xmlns`).
    pub prefix: Option<String>,
    /// The namespace URI.
    pub uri: String,
}

/// XML names inside a list: the item element (`member` unless the list's member has
/// `@xmlName`) and its namespace.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListXml {
    /// The item element's name.
    pub item: String,
    /// `@xmlNamespace` on the list's member.
    pub namespace: Option<XmlNamespace>,
}

/// XML names inside a map: `key` and `value` unless their members have `@xmlName`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MapXml {
    /// The key element's name.
    pub key: String,
    /// The value element's name.
    pub value: String,
    /// `@xmlNamespace` on the key member.
    pub key_namespace: Option<XmlNamespace>,
    /// `@xmlNamespace` on the value member.
    pub value_namespace: Option<XmlNamespace>,
}
