//! The traits that bind rule-set parameters: `clientContextParams`, `staticContextParams`,
//! `operationContextParams` (with the JMESPath subset its paths use) and `contextParam`'s name.

use serde_json::Value;

use super::rules::{ParamType, object};

/// Reads `clientContextParams`: parameter names and their types (`string` or `boolean`) and
/// documentation.
pub fn client_context_params(
    v: &Value,
) -> Result<Vec<(String, ParamType, Option<String>)>, String> {
    object(v, "clientContextParams")?
        .iter()
        .map(|(name, p)| {
            let ty = match p
                .get("type")
                .and_then(Value::as_str)
                .map(str::to_ascii_lowercase)
                .as_deref()
            {
                Some("string") => ParamType::String,
                Some("boolean") => ParamType::Boolean,
                Some("stringarray") => ParamType::StringArray,
                _ => return Err(format!("`{name}`: `type` must be string or boolean")),
            };
            let docs = p
                .get("documentation")
                .and_then(Value::as_str)
                .map(str::to_string);
            Ok((name.clone(), ty, docs))
        })
        .collect()
}

/// Reads `staticContextParams`: parameter names and their values, as written.
pub fn static_context_params(v: &Value) -> Result<Vec<(String, Value)>, String> {
    object(v, "staticContextParams")?
        .iter()
        .map(|(name, p)| {
            let value = p
                .get("value")
                .ok_or_else(|| format!("`{name}` needs a `value`"))?;
            Ok((name.clone(), value.clone()))
        })
        .collect()
}

/// Reads `operationContextParams`: parameter names and their JMESPath paths.
pub fn operation_context_params(v: &Value) -> Result<Vec<(String, String)>, String> {
    object(v, "operationContextParams")?
        .iter()
        .map(|(name, p)| {
            let path = p
                .get("path")
                .and_then(Value::as_str)
                .ok_or_else(|| format!("`{name}` needs a `path` string"))?;
            Ok((name.clone(), path.to_string()))
        })
        .collect()
}

/// A step of an `operationContextParams` path, in the JMESPath subset the spec allows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum JmesStep {
    /// A member of a structure (`a`, `a.b`).
    Field(String),
    /// `[*]`: the rest of the path applies to each element of a list.
    Each,
    /// `[]`: the list, flattened one level, and the rest applies to each element.
    Flatten,
    /// `*` after a `.`: the rest applies to each value of a map or member of a structure.
    Values,
    /// `keys(path)`: the keys of the map the path reaches.
    Keys,
    /// `[a, b]`: a list of the values of several paths.
    MultiSelect(Vec<Vec<JmesStep>>),
}

/// Parses an `operationContextParams` path.
pub fn jmespath(path: &str) -> Result<Vec<JmesStep>, String> {
    let bad = |why: &str| format!("path `{path}`: {why}");
    let p = path.trim();
    if let Some(inner) = p.strip_prefix("keys(").and_then(|r| r.strip_suffix(')')) {
        let mut steps = jmespath(inner)?;
        steps.push(JmesStep::Keys);
        return Ok(steps);
    }
    if let Some(inner) = p.strip_prefix('[').and_then(|r| r.strip_suffix(']'))
        && !inner.trim().is_empty()
        && inner.trim() != "*"
    {
        let items = inner.split(',').map(jmespath).collect::<Result<_, _>>()?;
        return Ok(vec![JmesStep::MultiSelect(items)]);
    }
    let mut steps = Vec::new();
    let mut rest = p;
    let mut expect_name = true;
    while !rest.is_empty() {
        if expect_name {
            if let Some(r) = rest.strip_prefix('*') {
                steps.push(JmesStep::Values);
                rest = r;
            } else {
                let end = rest
                    .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
                    .unwrap_or(rest.len());
                let name = &rest[..end];
                if name.is_empty() || name.starts_with(|c: char| c.is_ascii_digit()) {
                    return Err(bad("expected a member name"));
                }
                steps.push(JmesStep::Field(name.to_string()));
                rest = &rest[end..];
            }
            expect_name = false;
        } else if let Some(r) = rest.strip_prefix("[*]") {
            steps.push(JmesStep::Each);
            rest = r;
        } else if let Some(r) = rest.strip_prefix("[]") {
            steps.push(JmesStep::Flatten);
            rest = r;
        } else if let Some(r) = rest.strip_prefix('.') {
            rest = r;
            expect_name = true;
        } else if rest.starts_with('[') {
            // `[a, b]` after a projection: a multi-select list of paths from each element.
            let end = matching_bracket(rest).ok_or_else(|| bad("an unclosed `[`"))?;
            let items = rest[1..end]
                .split(',')
                .map(jmespath)
                .collect::<Result<_, _>>()?;
            steps.push(JmesStep::MultiSelect(items));
            rest = &rest[end + 1..];
        } else {
            return Err(bad(
                "only members, `.`, `[*]`, `[]`, `*`, `keys()` and `[a, b]` are supported",
            ));
        }
    }
    if expect_name {
        return Err(bad("a path must end with a member name"));
    }
    Ok(steps)
}

/// The index of the `]` that closes the `[` at the start of `s`.
fn matching_bracket(s: &str) -> Option<usize> {
    let mut depth = 0usize;
    for (i, c) in s.char_indices() {
        match c {
            '[' => depth += 1,
            ']' => {
                depth = depth.checked_sub(1)?;
                if depth == 0 {
                    return Some(i);
                }
            }
            _ => {}
        }
    }
    None
}
