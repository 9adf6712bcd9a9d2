//! The `smithy.rules#endpointTests` trait as data: each case's parameters, operation calls
//! and expectation.

use serde_json::{Map, Value};

use super::rules::object;

/// An `endpointTests` case.
#[derive(Debug, Clone, PartialEq)]
pub struct EndpointTest {
    /// Its description.
    pub documentation: Option<String>,
    /// Parameter values by rule-set name.
    pub params: Map<String, Value>,
    /// The same case through operations, when given.
    pub operation_inputs: Vec<OperationInput>,
    /// The expected result.
    pub expect: Expectation,
}

/// One operation call of an endpoint test.
#[derive(Debug, Clone, PartialEq)]
pub struct OperationInput {
    /// The operation's name.
    pub operation: String,
    /// The input's members by member name.
    pub operation_params: Map<String, Value>,
    /// Built-in values by built-in name (`AWS::Region`).
    pub built_in_params: Map<String, Value>,
    /// Client context parameters by name.
    pub client_params: Map<String, Value>,
}

/// What an endpoint test expects.
#[derive(Debug, Clone, PartialEq)]
pub enum Expectation {
    /// This error message.
    Error(String),
    /// This endpoint, in the JSON shape of `expect.endpoint`.
    Endpoint(Value),
}

/// Reads an `endpointTests` trait.
pub fn endpoint_tests(v: &Value) -> Result<Vec<EndpointTest>, String> {
    let cases = match v.get("testCases") {
        None => return Ok(Vec::new()),
        Some(c) => c.as_array().ok_or("`testCases` must be a list")?,
    };
    cases.iter().map(endpoint_test).collect()
}

fn endpoint_test(v: &Value) -> Result<EndpointTest, String> {
    let o = object(v, "a test case")?;
    let map = |k: &str, o: &Map<String, Value>| match o.get(k) {
        None | Some(Value::Null) => Ok(Map::new()),
        Some(m) => object(m, k).cloned(),
    };
    let expect = object(o.get("expect").unwrap_or(&Value::Null), "`expect`")?;
    let expect = match (expect.get("error"), expect.get("endpoint")) {
        (Some(e), _) => Expectation::Error(
            e.as_str()
                .ok_or("`expect.error` must be a string")?
                .to_string(),
        ),
        (None, Some(e)) => Expectation::Endpoint(e.clone()),
        (None, None) => return Err("`expect` needs `error` or `endpoint`".into()),
    };
    let operation_inputs = match o.get("operationInputs") {
        None => Vec::new(),
        Some(list) => list
            .as_array()
            .ok_or("`operationInputs` must be a list")?
            .iter()
            .map(|i| {
                let i = object(i, "an operation input")?;
                Ok(OperationInput {
                    operation: i
                        .get("operationName")
                        .and_then(Value::as_str)
                        .ok_or("an operation input needs `operationName`")?
                        .to_string(),
                    operation_params: map("operationParams", i)?,
                    built_in_params: map("builtInParams", i)?,
                    client_params: map("clientParams", i)?,
                })
            })
            .collect::<Result<_, String>>()?,
    };
    Ok(EndpointTest {
        documentation: o
            .get("documentation")
            .and_then(Value::as_str)
            .map(str::to_string),
        params: map("params", o)?,
        operation_inputs,
        expect,
    })
}
