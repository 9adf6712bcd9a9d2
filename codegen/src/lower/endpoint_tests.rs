//! `smithy.rules#endpointTests` → the crate's endpoint tests: each case's parameters and
//! expectation as JSON text, and its operation calls with their inputs and config settings.

use serde_json::{Map, Value};

use crate::ir::endpoint::{
    ConfigSource, EndpointRules, EndpointTestDef, Expected, OperationCase, ParamType, ParamValue,
};
use crate::ir::{NamedKind, OperationDef, Presence, TypeRef};
use crate::model::rules::{self as m, EndpointTest, Expectation};
use crate::naming;

/// Lowers the service's endpoint tests against its rules and operations.
pub(crate) fn lower_tests(
    cases: &[EndpointTest],
    rules: &EndpointRules,
    operations: &[OperationDef],
) -> Vec<EndpointTestDef> {
    cases
        .iter()
        .enumerate()
        .map(|(i, case)| {
            let expect = match &case.expect {
                Expectation::Error(e) => Expected::Error(e.clone()),
                Expectation::Endpoint(e) => Expected::Endpoint(normalize(e).to_string()),
            };
            let name = naming::endpoint_test_fn(i);
            // Each operation call is a test of its own, so a failure names the call.
            let mut taken = std::collections::BTreeSet::new();
            let operations = case
                .operation_inputs
                .iter()
                .filter_map(|input| operation_case(input, rules, operations))
                .map(|mut o| {
                    o.test_fn = naming::endpoint_call_test_fn(&name, &o.module, &mut taken);
                    o
                })
                .collect();
            EndpointTestDef {
                name,
                docs: case.documentation.clone(),
                params_json: Value::Object(case.params.clone()).to_string(),
                operations,
                expect,
            }
        })
        .collect()
}

/// `expect.endpoint` as `Endpoint` serializes: empty `headers` and `properties` left out.
fn normalize(e: &Value) -> Value {
    let mut out = Map::new();
    if let Some(o) = e.as_object() {
        for (k, v) in o {
            let empty = matches!(v, Value::Object(m) if m.is_empty()) || v.is_null();
            if !(empty && (k == "headers" || k == "properties")) {
                out.insert(k.clone(), v.clone());
            }
        }
    }
    Value::Object(out)
}

/// One operation call; `None` when the crate does not have the operation (left out, such as
/// an event stream).
fn operation_case(
    input: &m::OperationInput,
    rules: &EndpointRules,
    operations: &[OperationDef],
) -> Option<OperationCase> {
    let op = operations
        .iter()
        .find(|o| o.wire_name == input.operation || o.name == input.operation)?;
    let mut config = Vec::new();
    let mut skip = None;
    for (name, value) in &input.built_in_params {
        let source = match name.as_str() {
            "AWS::Region" => Some(ConfigSource::Region),
            "AWS::UseFIPS" => Some(ConfigSource::UseFips),
            "AWS::UseDualStack" => Some(ConfigSource::UseDualStack),
            "SDK::Endpoint" => Some(ConfigSource::EndpointUrl),
            other => {
                let field = naming::endpoint_setting(other);
                rules
                    .settings
                    .iter()
                    .any(|s| s.field == field)
                    .then_some(ConfigSource::Setting(field))
            }
        };
        // A built-in the rules do not read has no setter, and cannot change the result.
        if let Some(source) = source {
            match value_of(value) {
                Some(v) => config.push((source, v)),
                None => {
                    skip = Some(format!(
                        "built-in `{name}` has a value of no parameter type"
                    ))
                }
            }
        }
    }
    for (name, value) in &input.client_params {
        let source = rules
            .params
            .iter()
            .find(|p| &p.name == name)
            .and_then(|p| p.source.clone());
        match (source, value_of(value)) {
            (Some(source), Some(v)) => config.push((source, v)),
            _ => skip = Some(format!("client parameter `{name}` has no config setting")),
        }
    }
    let mut members = Map::new();
    let mut setters = Vec::new();
    for (member, value) in &input.operation_params {
        match op.input.fields.iter().find(|f| &f.member == member) {
            Some(f) => {
                members.insert(f.wire.clone(), value.clone());
                setters.push((f.name.clone(), f.ty.clone(), value.clone()));
            }
            None => skip = Some(format!("the input has no member `{member}`")),
        }
    }
    // An input holding a stream has no serde form: it is built with its builder, which
    // needs every member optional (as `@input` structures have them) and simple values.
    let input_setters = op.input.holds_stream.then_some(setters);
    if let Some(setters) = &input_setters {
        let required = op
            .input
            .fields
            .iter()
            .any(|f| matches!(f.presence, Presence::Required { .. }));
        if required || !setters.iter().all(|(_, ty, v)| simple_literal(ty, v)) {
            skip = Some("the input holds a stream and needs members the test cannot build".into());
        }
    }
    Some(OperationCase {
        test_fn: String::new(),
        module: op.module.clone(),
        input: op.input.name.clone(),
        input_json: Value::Object(members).to_string(),
        input_setters,
        config,
        skip,
    })
}

/// Whether the emitter can write `v` as a literal of type `ty`: strings, string enums,
/// booleans and integers.
fn simple_literal(ty: &TypeRef, v: &Value) -> bool {
    match (ty, v) {
        (TypeRef::String, Value::String(_)) | (TypeRef::Bool, Value::Bool(_)) => true,
        (TypeRef::Named(n), Value::String(_)) => n.kind == NamedKind::Enum,
        (TypeRef::Integer | TypeRef::Long | TypeRef::Short | TypeRef::Byte, Value::Number(n)) => {
            n.is_i64()
        }
        _ => false,
    }
}

fn value_of(v: &Value) -> Option<ParamValue> {
    [ParamType::String, ParamType::Bool, ParamType::StringArray]
        .into_iter()
        .find_map(|ty| {
            let mt = match ty {
                ParamType::String => m::ParamType::String,
                ParamType::Bool => m::ParamType::Boolean,
                ParamType::StringArray => m::ParamType::StringArray,
            };
            m::param_value(v, mt)
        })
        .map(super::endpoint::param_value)
}
