//! XML names and namespaces of members, lists, maps and structures, and the request keys of
//! the query protocols. Lowered for every model (they are cheap), used by the XML protocols.

use crate::error::Result;
use crate::ir::{Protocol, XmlMember, XmlNamespace};
use crate::model::traits::{TraitView, ids};

/// A shape's or member's `@xmlNamespace`.
pub(crate) fn namespace(t: TraitView<'_>) -> Result<Option<XmlNamespace>> {
    Ok(t.xml_namespace()?
        .map(|(prefix, uri)| XmlNamespace { prefix, uri }))
}

/// A structure or union member's XML facts.
pub(crate) fn member(mt: TraitView<'_>, member_name: &str) -> Result<XmlMember> {
    Ok(XmlMember {
        name: mt.string(ids::XML_NAME)?.unwrap_or(member_name).to_string(),
        attribute: mt.flag(ids::XML_ATTRIBUTE)?,
        flattened: mt.flag(ids::XML_FLATTENED)?,
        namespace: namespace(mt)?,
    })
}

/// The element name of a list's item or a map's key or value: `@xmlName` on that member,
/// else `default`.
pub(crate) fn item_name(mt: TraitView<'_>, default: &str) -> Result<String> {
    Ok(mt.string(ids::XML_NAME)?.unwrap_or(default).to_string())
}

/// A member's key in a query request: ec2Query takes `@ec2QueryName`, else `@xmlName` or the
/// member name with its first letter capitalized; awsQuery takes `@xmlName`, else the member
/// name.
pub(crate) fn query_name(p: Protocol, mt: TraitView<'_>, member_name: &str) -> Result<String> {
    let xml_name = mt.string(ids::XML_NAME)?;
    if p == Protocol::Ec2Query {
        if let Some(name) = mt.string(ids::EC2_QUERY_NAME)? {
            return Ok(name.to_string());
        }
        let base = xml_name.unwrap_or(member_name);
        let mut chars = base.chars();
        return Ok(match chars.next() {
            Some(first) => first.to_uppercase().chain(chars).collect(),
            None => String::new(),
        });
    }
    Ok(xml_name.unwrap_or(member_name).to_string())
}
