//! XML names and namespaces of members, lists, maps and structures, and the request keys of
//! the query protocols. Lowered for every model (they are cheap), used by the XML protocols.

use crate::error::Result;
use crate::ir::{Protocol, XmlMember, XmlNamespace};
use crate::model::traits::{TraitView, ids};
use crate::model::{Shape, ShapeId, ShapeKind};

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

/// An `@httpPayload` member's XML facts: a structure or union payload is the document, whose
/// root is named by the member's `@xmlName`, else the target's, else the target's shape name,
/// and takes the member's `@xmlNamespace`, else the target's.
pub(crate) fn payload_root(
    mt: TraitView<'_>,
    member_name: &str,
    target_id: &ShapeId,
    target: &Shape,
) -> Result<XmlMember> {
    let mut xml = member(mt, member_name)?;
    if matches!(target.kind, ShapeKind::Structure | ShapeKind::Union) {
        let tt = TraitView::new(target_id, &target.traits);
        xml.name = match mt.string(ids::XML_NAME)? {
            Some(name) => name.to_string(),
            None => tt
                .string(ids::XML_NAME)?
                .unwrap_or(target_id.name())
                .to_string(),
        };
        if xml.namespace.is_none() {
            xml.namespace = namespace(tt)?;
        }
    }
    Ok(xml)
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

#[cfg(test)]
mod tests {
    use serde_json::json;

    use crate::ir::{Protocol, XmlNamespace};
    use crate::{Options, lower_ir};

    /// A restXml service (with `service_traits` added) whose one operation's input has a
    /// structure payload `Doc` (with `member_traits`) targeting `ex#Payload`.
    fn lower(service_traits: serde_json::Value, member_traits: serde_json::Value) -> crate::ir::Ir {
        let mut traits = json!({"aws.protocols#restXml": {"noErrorWrapping": true}});
        if let (Some(t), Some(extra)) = (traits.as_object_mut(), service_traits.as_object()) {
            t.extend(extra.clone());
        }
        let mut doc_traits = json!({"smithy.api#httpPayload": {}});
        if let (Some(t), Some(extra)) = (doc_traits.as_object_mut(), member_traits.as_object()) {
            t.extend(extra.clone());
        }
        let model = json!({"smithy": "2.0", "shapes": {
            "ex#Svc": {"type": "service", "operations": [{"target": "ex#Put"}], "traits": traits},
            "ex#Put": {"type": "operation", "input": {"target": "ex#PutInput"},
                "traits": {"smithy.api#http": {"method": "PUT", "uri": "/p", "code": 200},
                    "aws.customizations#s3UnwrappedXmlOutput": {}}},
            "ex#PutInput": {"type": "structure", "members": {
                "Doc": {"target": "ex#Payload", "traits": doc_traits}}},
            "ex#Payload": {"type": "structure", "members": {},
                "traits": {"smithy.api#xmlName": "Named",
                    "smithy.api#xmlNamespace": {"uri": "https://target.example"}}}
        }});
        let opts = Options {
            crate_name: "ex".into(),
            model_file: "ex.json".into(),
            operations: None,
            service: None,
            partitions: None,
        };
        lower_ir(&model.to_string(), &opts).expect("lowers")
    }

    #[test]
    fn rest_xml_service_facts_and_payload_roots() {
        let ir = lower(
            json!({"smithy.api#xmlNamespace": {"uri": "https://svc.example", "prefix": "s"}}),
            json!({}),
        );
        let svc = ir.service.as_ref().expect("service");
        assert_eq!(svc.protocol, Protocol::RestXml);
        assert!(svc.xml_no_error_wrapping);
        assert_eq!(
            svc.xml_namespace,
            Some(XmlNamespace {
                prefix: Some("s".into()),
                uri: "https://svc.example".into()
            })
        );
        assert!(ir.uses.xml && ir.uses.xml_writer && !ir.uses.json_protocol);
        let op = &ir.operations[0];
        assert!(op.xml_unwrapped_output);
        // A structure payload's root: the target's @xmlName and namespace.
        let doc = &op.input.fields[0].xml;
        assert_eq!(doc.name, "Named");
        assert_eq!(
            doc.namespace.as_ref().map(|n| n.uri.as_str()),
            Some("https://target.example")
        );
        // The member's own @xmlName and @xmlNamespace win.
        let ir = lower(
            json!({}),
            json!({"smithy.api#xmlName": "Mine",
                "smithy.api#xmlNamespace": {"uri": "https://member.example"}}),
        );
        let doc = &ir.operations[0].input.fields[0].xml;
        assert_eq!(doc.name, "Mine");
        assert_eq!(
            doc.namespace.as_ref().map(|n| n.uri.as_str()),
            Some("https://member.example")
        );
        assert_eq!(ir.service.expect("service").xml_namespace, None);
    }

    #[test]
    fn no_error_wrapping_must_be_a_boolean() {
        let model = json!({"smithy": "2.0", "shapes": {
            "ex#Svc": {"type": "service",
                "traits": {"aws.protocols#restXml": {"noErrorWrapping": "yes"}}}
        }});
        let opts = Options {
            crate_name: "ex".into(),
            model_file: "ex.json".into(),
            operations: None,
            service: None,
            partitions: None,
        };
        let err = lower_ir(&model.to_string(), &opts).expect_err("invalid trait");
        assert!(err.to_string().contains("noErrorWrapping"), "{err}");
    }
}
