//! The protocol seam on the lowering side: which protocol a service speaks, and the
//! protocol-specific facts the other lowering functions ask for (whether HTTP binding traits
//! apply, which JSON key a member gets, the default timestamp format of a body member).

use crate::error::{ErrorKind, Result};
use crate::index::ShapeIndex;
use crate::ir::{HttpBinding, Protocol, TimestampFormat};
use crate::model::ShapeId;
use crate::model::traits::{TraitView, ids};

/// The protocols whose emitters exist, in the order a service that has several is served.
const IMPLEMENTED: &[(&str, Protocol)] = &[
    (ids::REST_JSON1, Protocol::RestJson1),
    (ids::AWS_JSON1_0, Protocol::AwsJson1_0),
    (ids::AWS_JSON1_1, Protocol::AwsJson1_1),
    (ids::AWS_QUERY, Protocol::AwsQuery),
    (ids::EC2_QUERY, Protocol::Ec2Query),
    (ids::REST_XML, Protocol::RestXml),
];

/// The protocol the client speaks, or `unsupported: protocol …` naming what the service has:
/// a client whose every call could only fail is never generated.
pub(crate) fn detect(index: &ShapeIndex, id: &ShapeId, t: TraitView<'_>) -> Result<Protocol> {
    for (trait_id, protocol) in IMPLEMENTED {
        if t.flag(trait_id)? {
            return Ok(*protocol);
        }
    }
    let shape = index.shape(id)?;
    let found: Vec<&str> = shape
        .traits
        .keys()
        .filter(|k| {
            ids::KNOWN_PROTOCOLS.contains(&k.as_str())
                || index.shape(k).ok().and_then(|def| {
                    TraitView::new(k, &def.traits)
                        .flag(ids::PROTOCOL_DEFINITION)
                        .ok()
                }) == Some(true)
        })
        .map(ShapeId::as_str)
        .collect();
    Err(ErrorKind::UnsupportedProtocol {
        service: id.clone(),
        found: if found.is_empty() {
            "none".into()
        } else {
            found.join(", ")
        },
    })
}

/// Whether `@http`, `@httpLabel`, `@httpHeader` and the rest place members; the RPC protocols
/// ignore them and put every member in the body.
pub(crate) fn uses_http_bindings(p: Protocol) -> bool {
    matches!(p, Protocol::RestJson1 | Protocol::RestXml)
}

/// Whether the protocol's bodies are JSON, read and written by the types' serde impls.
pub(crate) fn is_json(p: Protocol) -> bool {
    matches!(
        p,
        Protocol::RestJson1 | Protocol::AwsJson1_0 | Protocol::AwsJson1_1
    )
}

/// Whether requests are form-encoded query bodies (awsQuery, ec2Query).
pub(crate) fn is_query(p: Protocol) -> bool {
    matches!(p, Protocol::AwsQuery | Protocol::Ec2Query)
}

/// Whether responses and errors are XML documents (awsQuery, ec2Query, restXml).
pub(crate) fn is_xml(p: Protocol) -> bool {
    matches!(
        p,
        Protocol::AwsQuery | Protocol::Ec2Query | Protocol::RestXml
    )
}

/// Whether `@awsQueryError` gives an error its wire code and status (the query protocols).
pub(crate) fn honors_aws_query_error(p: Protocol) -> bool {
    is_query(p)
}

/// Whether `@jsonName` renames a member on the wire (only restJson1 honours it).
pub(crate) fn honors_json_name(p: Protocol) -> bool {
    matches!(p, Protocol::RestJson1)
}

/// The timestamp format of a member without `@timestampFormat`, by where it travels.
pub(crate) fn default_timestamp_format(p: Protocol, binding: &HttpBinding) -> TimestampFormat {
    match binding {
        HttpBinding::Header(_) | HttpBinding::PrefixHeaders(_) => TimestampFormat::HttpDate,
        HttpBinding::Label | HttpBinding::Query(_) | HttpBinding::QueryParams => {
            TimestampFormat::DateTime
        }
        _ if is_json(p) => TimestampFormat::EpochSeconds,
        // XML and query bodies.
        _ => TimestampFormat::DateTime,
    }
}
