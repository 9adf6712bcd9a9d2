//! The protocol-test cases of a loaded model (its JSON AST), and which of them a client runs.

use std::collections::BTreeSet;

use serde_json::Value;

pub const REQUEST_TESTS: &str = "smithy.test#httpRequestTests";
pub const RESPONSE_TESTS: &str = "smithy.test#httpResponseTests";
/// Server-only by definition: they check how a server rejects a bad request.
pub const MALFORMED_TESTS: &str = "smithy.test#httpMalformedRequestTests";

/// The protocol traits we know of; the generator decides which it implements.
pub const PROTOCOLS: &[&str] = &[
    "aws.protocols#restJson1",
    "aws.protocols#awsJson1_0",
    "aws.protocols#awsJson1_1",
    "aws.protocols#awsQuery",
    "aws.protocols#ec2Query",
    "aws.protocols#restXml",
    "smithy.protocols#rpcv2Cbor",
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Request,
    Response,
    /// A response case on an error shape.
    ErrorResponse,
    /// A malformed-request case (server-only).
    Malformed,
}

/// One case, with the shapes it belongs to.
#[derive(Debug, Clone)]
pub struct Case {
    pub id: String,
    pub kind: Kind,
    /// The operation that sends it (for an error case: the first operation that can return it).
    pub operation: String,
    /// The error shape, for [`Kind::ErrorResponse`].
    pub error: Option<String>,
    /// The case object as written in the trait.
    pub node: Value,
}

impl Case {
    pub fn str(&self, key: &str) -> Option<&str> {
        self.node.get(key).and_then(Value::as_str)
    }

    /// Why a client does not run it: `appliesTo: "server"`, or a malformed-request case.
    pub fn server_only(&self) -> Option<&'static str> {
        if self.kind == Kind::Malformed {
            Some("malformed-request test: server-only")
        } else if self.str("appliesTo") == Some("server") {
            Some("appliesTo: server")
        } else {
            None
        }
    }
}

/// Services of the model: (shape ID, protocol trait if any), sorted.
pub fn services(model: &Value) -> Vec<(String, Option<String>)> {
    let Some(shapes) = model.get("shapes").and_then(Value::as_object) else {
        return Vec::new();
    };
    shapes
        .iter()
        .filter(|(_, s)| s.get("type").and_then(Value::as_str) == Some("service"))
        .map(|(id, s)| {
            let protocol = s
                .get("traits")
                .and_then(Value::as_object)
                .and_then(|t| PROTOCOLS.iter().find(|p| t.contains_key(**p)))
                .map(|p| p.to_string());
            (id.clone(), protocol)
        })
        .collect()
}

fn targets(shape: &Value, key: &str) -> Vec<String> {
    match shape.get(key) {
        Some(Value::Array(items)) => items
            .iter()
            .filter_map(|t| t.get("target").and_then(Value::as_str))
            .map(str::to_string)
            .collect(),
        Some(one) => one
            .get("target")
            .and_then(Value::as_str)
            .map(|t| vec![t.to_string()])
            .unwrap_or_default(),
        None => Vec::new(),
    }
}

/// The operations of a service, its resources' included, in model order, each once.
pub fn operations(model: &Value, service: &str) -> Vec<String> {
    let shapes = &model["shapes"];
    let mut out = Vec::new();
    let mut seen = BTreeSet::new();
    let mut stack = vec![service.to_string()];
    while let Some(id) = stack.pop() {
        if !seen.insert(id.clone()) {
            continue;
        }
        let shape = &shapes[&id];
        for key in [
            "create",
            "put",
            "read",
            "update",
            "delete",
            "list",
            "operations",
            "collectionOperations",
        ] {
            for op in targets(shape, key) {
                if !out.contains(&op) {
                    out.push(op);
                }
            }
        }
        let mut resources = targets(shape, "resources");
        resources.reverse();
        stack.extend(resources);
    }
    out
}

/// Every request and response case for `protocol` on the service's operations and their (and
/// the service's) errors. Each error case once, under the first operation that returns it.
pub fn cases(model: &Value, service: &str, protocol: &str) -> Vec<Case> {
    let shapes = &model["shapes"];
    let service_errors = targets(&shapes[service], "errors");
    let mut out = Vec::new();
    let mut errors_done = BTreeSet::new();
    let of = |shape: &Value, trait_id: &str| -> Vec<Value> {
        shape
            .get("traits")
            .and_then(|t| t.get(trait_id))
            .and_then(Value::as_array)
            .map(|cases| {
                cases
                    .iter()
                    .filter(|c| c.get("protocol").and_then(Value::as_str) == Some(protocol))
                    .cloned()
                    .collect()
            })
            .unwrap_or_default()
    };
    let id_of = |c: &Value| {
        c.get("id")
            .and_then(Value::as_str)
            .unwrap_or("?")
            .to_string()
    };
    for op in operations(model, service) {
        let shape = &shapes[&op];
        for (trait_id, kind) in [
            (REQUEST_TESTS, Kind::Request),
            (RESPONSE_TESTS, Kind::Response),
            (MALFORMED_TESTS, Kind::Malformed),
        ] {
            for node in of(shape, trait_id) {
                out.push(Case {
                    id: id_of(&node),
                    kind,
                    operation: op.clone(),
                    error: None,
                    node,
                });
            }
        }
        let mut errors = targets(shape, "errors");
        errors.extend(service_errors.iter().cloned());
        for error in errors {
            if !errors_done.insert(error.clone()) {
                continue;
            }
            for node in of(&shapes[&error], RESPONSE_TESTS) {
                out.push(Case {
                    id: id_of(&node),
                    kind: Kind::ErrorResponse,
                    operation: op.clone(),
                    error: Some(error.clone()),
                    node,
                });
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn model() -> Value {
        json!({"smithy": "2.0", "shapes": {
            "a#S": {"type": "service", "operations": [{"target": "a#Op"}],
                    "resources": [{"target": "a#R"}], "errors": [{"target": "a#E"}],
                    "traits": {"aws.protocols#restJson1": {}}},
            "a#T": {"type": "service", "traits": {"aws.protocols#restXml": {}}},
            "a#R": {"type": "resource", "read": {"target": "a#Get"}, "operations": [{"target": "a#Op"}]},
            "a#Op": {"type": "operation", "errors": [{"target": "a#E"}], "traits": {
                "smithy.test#httpRequestTests": [
                    {"id": "One", "protocol": "aws.protocols#restJson1", "method": "GET", "uri": "/"},
                    {"id": "Xml", "protocol": "aws.protocols#restXml", "method": "GET", "uri": "/"},
                    {"id": "Srv", "protocol": "aws.protocols#restJson1", "appliesTo": "server", "method": "GET", "uri": "/"}
                ],
                "smithy.test#httpResponseTests": [
                    {"id": "Two", "protocol": "aws.protocols#restJson1", "code": 200}
                ],
                "smithy.test#httpMalformedRequestTests": [
                    {"id": "Bad", "protocol": "aws.protocols#restJson1", "request": {}, "response": {}}
                ]}},
            "a#Get": {"type": "operation"},
            "a#E": {"type": "structure", "traits": {"smithy.test#httpResponseTests": [
                {"id": "Err", "protocol": "aws.protocols#restJson1", "code": 400}]}}
        }})
    }

    #[test]
    fn services_and_their_protocols() {
        assert_eq!(
            services(&model()),
            [
                (
                    "a#S".to_string(),
                    Some("aws.protocols#restJson1".to_string())
                ),
                ("a#T".to_string(), Some("aws.protocols#restXml".to_string()))
            ]
        );
    }

    #[test]
    fn operations_include_resources_once() {
        assert_eq!(operations(&model(), "a#S"), ["a#Op", "a#Get"]);
    }

    #[test]
    fn cases_of_the_protocol_with_errors_once() {
        let cases = cases(&model(), "a#S", "aws.protocols#restJson1");
        let ids: Vec<(&str, Kind)> = cases.iter().map(|c| (c.id.as_str(), c.kind)).collect();
        assert_eq!(
            ids,
            [
                ("One", Kind::Request),
                ("Srv", Kind::Request),
                ("Two", Kind::Response),
                ("Bad", Kind::Malformed),
                ("Err", Kind::ErrorResponse)
            ]
        );
        assert_eq!(cases[0].server_only(), None);
        assert_eq!(cases[1].server_only(), Some("appliesTo: server"));
        assert_eq!(cases[2].server_only(), None);
        assert_eq!(
            cases[3].server_only(),
            Some("malformed-request test: server-only")
        );
        assert_eq!(cases[4].error.as_deref(), Some("a#E"));
        assert_eq!(cases[4].operation, "a#Op");
    }
}
