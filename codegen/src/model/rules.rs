//! The `smithy.rules` traits as data: the rule set (`endpointRuleSet`), its tests
//! (`endpointTests`), and the parameter bindings (`clientContextParams`, `contextParam`,
//! `staticContextParams`, `operationContextParams`). Only syntax is read here (templates,
//! `getAttr` paths); names are resolved and functions checked when lowering.

use serde_json::{Map, Value};

pub use super::context_params::{
    JmesStep, client_context_params, jmespath, operation_context_params, static_context_params,
};
pub use super::endpoint_tests::{EndpointTest, Expectation, OperationInput, endpoint_tests};

/// A rule set document.
#[derive(Debug, Clone, PartialEq)]
pub struct RuleSet {
    /// The rules engine version (`1.0`, `1.1`).
    pub version: String,
    /// Parameters by name, sorted.
    pub parameters: Vec<(String, Param)>,
    /// The top-level rules, in order.
    pub rules: Vec<Rule>,
}

/// The type of a parameter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ParamType {
    /// `string`.
    String,
    /// `boolean`.
    Boolean,
    /// `stringArray`.
    StringArray,
}

/// A parameter value: a default, a static context value, a test value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ParamValue {
    /// A string.
    String(String),
    /// A boolean.
    Bool(bool),
    /// A list of strings.
    StringArray(Vec<String>),
}

/// A rule set parameter.
#[derive(Debug, Clone, PartialEq)]
pub struct Param {
    /// Its type.
    pub ty: ParamType,
    /// The built-in that feeds it (`AWS::Region`).
    pub built_in: Option<String>,
    /// The value when nothing else sets it.
    pub default: Option<ParamValue>,
    /// Must be set (after the default).
    pub required: bool,
    /// Its description.
    pub documentation: Option<String>,
    /// The deprecation message and date, when deprecated.
    pub deprecated: Option<String>,
}

/// A rule.
#[derive(Debug, Clone, PartialEq)]
pub enum Rule {
    /// Gives an endpoint when its conditions hold.
    Endpoint(Vec<Condition>, EndpointDef),
    /// Gives an error when its conditions hold.
    Error(Vec<Condition>, Expr),
    /// Evaluates its rules when its conditions hold (and fails if none matches).
    Tree(Vec<Condition>, Vec<Rule>),
}

/// A condition: a function call, optionally assigned to a variable.
#[derive(Debug, Clone, PartialEq)]
pub struct Condition {
    /// The call (`fn` and `argv`).
    pub expr: Expr,
    /// The variable it assigns.
    pub assign: Option<String>,
}

/// An endpoint rule's endpoint.
#[derive(Debug, Clone, PartialEq)]
pub struct EndpointDef {
    /// The URL.
    pub url: Expr,
    /// Header names and their values, sorted by name.
    pub headers: Vec<(String, Vec<Expr>)>,
    /// Properties, sorted by name; strings inside are templates.
    pub properties: Vec<(String, Property)>,
}

/// An endpoint property value.
#[derive(Debug, Clone, PartialEq)]
pub enum Property {
    /// A string template, boolean or number.
    Value(Expr),
    /// A list.
    Array(Vec<Property>),
    /// An object, keys sorted.
    Object(Vec<(String, Property)>),
}

/// An expression.
#[derive(Debug, Clone, PartialEq)]
pub enum Expr {
    /// A string: literal text and `{name}` / `{name#path}` placeholders.
    Template(Vec<TemplatePart>),
    /// A boolean.
    Bool(bool),
    /// An integer.
    Int(i64),
    /// A list.
    Array(Vec<Expr>),
    /// `{"ref": name}`.
    Ref(String),
    /// `getAttr`, with its path parsed.
    GetAttr(Box<Expr>, Vec<PathStep>),
    /// Any other function.
    Call(String, Vec<Expr>),
}

/// A piece of a template string.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TemplatePart {
    /// Literal text (`{{` and `}}` already unescaped).
    Lit(String),
    /// A parameter or variable, and a path into it when written `{name#path}`.
    Ref(String, Vec<PathStep>),
}

/// A step of a `getAttr` path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PathStep {
    /// An object key.
    Key(String),
    /// A list index, from the end when negative.
    Index(i64),
}

/// Reads an `endpointRuleSet` document.
pub fn rule_set(v: &Value) -> Result<RuleSet, String> {
    let o = object(v, "the rule set")?;
    let version = o
        .get("version")
        .and_then(Value::as_str)
        .ok_or("`version` must be a string")?
        .to_string();
    let params = object(o.get("parameters").unwrap_or(&Value::Null), "`parameters`")?;
    let parameters = params
        .iter()
        .map(|(name, p)| {
            Ok((
                name.clone(),
                param(p).map_err(|e| format!("parameter `{name}`: {e}"))?,
            ))
        })
        .collect::<Result<_, String>>()?;
    let rules = rules(o.get("rules"))?;
    Ok(RuleSet {
        version,
        parameters,
        rules,
    })
}

fn param(v: &Value) -> Result<Param, String> {
    let o = object(v, "a parameter")?;
    let ty = match o
        .get("type")
        .and_then(Value::as_str)
        .map(str::to_ascii_lowercase)
        .as_deref()
    {
        Some("string") => ParamType::String,
        Some("boolean") => ParamType::Boolean,
        Some("stringarray") => ParamType::StringArray,
        _ => return Err("`type` must be string, boolean or stringArray".into()),
    };
    let default = match o.get("default") {
        None | Some(Value::Null) => None,
        Some(d) => Some(param_value(d, ty).ok_or("`default` does not have the parameter's type")?),
    };
    let deprecated = o.get("deprecated").map(|d| {
        let text = |k: &str| d.get(k).and_then(Value::as_str);
        match (text("message"), text("since")) {
            (Some(m), Some(s)) => format!("{m} (since {s})"),
            (Some(m), None) => m.to_string(),
            (None, Some(s)) => format!("Deprecated since {s}."),
            (None, None) => "Deprecated.".to_string(),
        }
    });
    Ok(Param {
        ty,
        built_in: o.get("builtIn").and_then(Value::as_str).map(str::to_string),
        default,
        required: o.get("required").and_then(Value::as_bool).unwrap_or(false),
        documentation: o
            .get("documentation")
            .and_then(Value::as_str)
            .map(str::to_string),
        deprecated,
    })
}

/// A JSON value as a parameter value of type `ty`.
pub fn param_value(v: &Value, ty: ParamType) -> Option<ParamValue> {
    match (ty, v) {
        (ParamType::String, Value::String(s)) => Some(ParamValue::String(s.clone())),
        (ParamType::Boolean, Value::Bool(b)) => Some(ParamValue::Bool(*b)),
        (ParamType::StringArray, Value::Array(items)) => items
            .iter()
            .map(|i| i.as_str().map(str::to_string))
            .collect::<Option<_>>()
            .map(ParamValue::StringArray),
        _ => None,
    }
}

fn rules(v: Option<&Value>) -> Result<Vec<Rule>, String> {
    let list = v
        .and_then(Value::as_array)
        .ok_or("`rules` must be a list")?;
    list.iter().map(rule).collect()
}

fn rule(v: &Value) -> Result<Rule, String> {
    let o = object(v, "a rule")?;
    let conditions = match o.get("conditions") {
        None => Vec::new(),
        Some(c) => c
            .as_array()
            .ok_or("`conditions` must be a list")?
            .iter()
            .map(condition)
            .collect::<Result<_, _>>()?,
    };
    match o.get("type").and_then(Value::as_str) {
        Some("endpoint") => {
            let e = object(o.get("endpoint").unwrap_or(&Value::Null), "`endpoint`")?;
            Ok(Rule::Endpoint(conditions, endpoint(e)?))
        }
        Some("error") => Ok(Rule::Error(
            conditions,
            expr(o.get("error").ok_or("an error rule needs `error`")?)?,
        )),
        Some("tree") => Ok(Rule::Tree(conditions, rules(o.get("rules"))?)),
        _ => Err("a rule's `type` must be endpoint, error or tree".into()),
    }
}

fn condition(v: &Value) -> Result<Condition, String> {
    let o = object(v, "a condition")?;
    let assign = match o.get("assign") {
        None => None,
        Some(a) => Some(a.as_str().ok_or("`assign` must be a string")?.to_string()),
    };
    Ok(Condition {
        expr: function(o)?,
        assign,
    })
}

fn endpoint(o: &Map<String, Value>) -> Result<EndpointDef, String> {
    let url = expr(o.get("url").ok_or("an endpoint needs `url`")?)?;
    let headers = match o.get("headers") {
        None | Some(Value::Null) => Vec::new(),
        Some(h) => object(h, "`headers`")?
            .iter()
            .map(|(k, vs)| {
                let vs = vs.as_array().ok_or("a header's values must be a list")?;
                Ok((
                    k.clone(),
                    vs.iter().map(expr).collect::<Result<_, String>>()?,
                ))
            })
            .collect::<Result<_, String>>()?,
    };
    let properties = match o.get("properties") {
        None | Some(Value::Null) => Vec::new(),
        Some(p) => object(p, "`properties`")?
            .iter()
            .map(|(k, v)| Ok((k.clone(), property(v)?)))
            .collect::<Result<_, String>>()?,
    };
    Ok(EndpointDef {
        url,
        headers,
        properties,
    })
}

fn property(v: &Value) -> Result<Property, String> {
    match v {
        Value::Array(items) => Ok(Property::Array(
            items.iter().map(property).collect::<Result<_, _>>()?,
        )),
        Value::Object(o) if !o.contains_key("ref") && !o.contains_key("fn") => {
            Ok(Property::Object(
                o.iter()
                    .map(|(k, v)| Ok((k.clone(), property(v)?)))
                    .collect::<Result<_, String>>()?,
            ))
        }
        other => Ok(Property::Value(expr(other)?)),
    }
}

fn expr(v: &Value) -> Result<Expr, String> {
    match v {
        Value::String(s) => Ok(Expr::Template(template(s)?)),
        Value::Bool(b) => Ok(Expr::Bool(*b)),
        Value::Number(n) => n
            .as_i64()
            .map(Expr::Int)
            .ok_or_else(|| format!("`{n}` is not an integer")),
        Value::Array(items) => Ok(Expr::Array(
            items.iter().map(expr).collect::<Result<_, _>>()?,
        )),
        Value::Object(o) => match o.get("ref") {
            Some(r) => Ok(Expr::Ref(
                r.as_str().ok_or("`ref` must be a string")?.to_string(),
            )),
            None => function(o),
        },
        Value::Null => Err("null is not an expression".into()),
    }
}

fn function(o: &Map<String, Value>) -> Result<Expr, String> {
    let name = o
        .get("fn")
        .and_then(Value::as_str)
        .ok_or("a function needs `fn`")?;
    let argv = o
        .get("argv")
        .and_then(Value::as_array)
        .ok_or_else(|| format!("`{name}` needs an `argv` list"))?;
    let mut args: Vec<Expr> = argv.iter().map(expr).collect::<Result<_, _>>()?;
    if name == "getAttr" {
        let [target, path] =
            <[Expr; 2]>::try_from(args).map_err(|_| "getAttr takes two arguments")?;
        let path = match path {
            Expr::Template(parts) => match parts.as_slice() {
                [TemplatePart::Lit(p)] => attr_path(p)?,
                _ => return Err("getAttr's path must be a literal string".into()),
            },
            _ => return Err("getAttr's path must be a string".into()),
        };
        return Ok(Expr::GetAttr(Box::new(target), path));
    }
    args.shrink_to_fit();
    Ok(Expr::Call(name.to_string(), args))
}

/// Splits a template into text and `{name}` / `{name#path}` placeholders; `{{` and `}}` are
/// literal braces.
pub fn template(s: &str) -> Result<Vec<TemplatePart>, String> {
    let mut parts = Vec::new();
    let mut lit = String::new();
    let mut chars = s.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        match c {
            '{' if chars.peek().map(|p| p.1) == Some('{') => {
                chars.next();
                lit.push('{');
            }
            '}' if chars.peek().map(|p| p.1) == Some('}') => {
                chars.next();
                lit.push('}');
            }
            '{' => {
                let rest = &s[i + 1..];
                let end = rest
                    .find('}')
                    .ok_or_else(|| format!("unclosed `{{` in template `{s}`"))?;
                let inner = &rest[..end];
                let (name, path) = match inner.split_once('#') {
                    Some((n, p)) => (n, attr_path(p)?),
                    None => (inner, Vec::new()),
                };
                if name.is_empty() {
                    return Err(format!("empty placeholder in template `{s}`"));
                }
                if !lit.is_empty() {
                    parts.push(TemplatePart::Lit(std::mem::take(&mut lit)));
                }
                parts.push(TemplatePart::Ref(name.to_string(), path));
                for _ in 0..inner.chars().count() + 1 {
                    chars.next();
                }
            }
            '}' => return Err(format!("unmatched `}}` in template `{s}`")),
            c => lit.push(c),
        }
    }
    if !lit.is_empty() || parts.is_empty() {
        parts.push(TemplatePart::Lit(lit));
    }
    Ok(parts)
}

/// A `getAttr` path: keys split on `.`, each optionally followed by `[index]`.
pub fn attr_path(p: &str) -> Result<Vec<PathStep>, String> {
    let bad = || format!("invalid getAttr path `{p}`");
    let mut steps = Vec::new();
    for part in p.split('.') {
        let (key, rest) = match part.find('[') {
            Some(i) => (&part[..i], &part[i..]),
            None => (part, ""),
        };
        if !key.is_empty() {
            steps.push(PathStep::Key(key.to_string()));
        } else if rest.is_empty() {
            return Err(bad());
        }
        if !rest.is_empty() {
            let index = rest
                .strip_prefix('[')
                .and_then(|r| r.strip_suffix(']'))
                .and_then(|i| i.parse::<i64>().ok())
                .ok_or_else(bad)?;
            steps.push(PathStep::Index(index));
        }
    }
    Ok(steps)
}

pub(crate) fn object<'a>(v: &'a Value, what: &str) -> Result<&'a Map<String, Value>, String> {
    v.as_object()
        .ok_or_else(|| format!("{what} must be an object"))
}

#[cfg(test)]
#[path = "tests/rules.rs"]
mod tests;
