//! `smithy.rules#endpointRuleSet` → [`EndpointRules`]: parameters get Rust names and their
//! client config sources, references become slots (checked against what is in scope),
//! functions are checked by name and arity, and the partition data comes along when the
//! rules call `aws.partition`.

use std::collections::BTreeMap;

use super::docs::to_markdown;
use super::partitions;
use crate::error::{ErrorKind, Result};
use crate::ir::endpoint::{
    AttrStep, Condition, ConfigSource, EndpointDef, EndpointParam, EndpointRules, EndpointSetting,
    Expr, Function, ParamType, ParamValue, Property, Rule,
};
use crate::model::ShapeId;
use crate::model::rules as m;
use crate::model::traits::{TraitView, ids};
use crate::naming;

/// The service's endpoint rules, or `None` without a rule set. `partitions` is the text of a
/// partitions file, when not the project's own. Tests are added later, with the operations.
pub(crate) fn lower_rules(
    id: &ShapeId,
    t: TraitView<'_>,
    partitions_text: Option<&str>,
) -> Result<Option<EndpointRules>> {
    let Some(rs) = t.endpoint_rule_set()? else {
        return Ok(None);
    };
    let invalid = |reason: String| ErrorKind::InvalidTrait {
        id: id.clone(),
        trait_id: ids::ENDPOINT_RULE_SET.to_string(),
        reason,
    };
    let client: BTreeMap<String, (m::ParamType, Option<String>)> = t
        .client_context_params()?
        .into_iter()
        .map(|(name, ty, docs)| (name, (ty, docs)))
        .collect();
    let mut settings: BTreeMap<String, EndpointSetting> = BTreeMap::new();
    let mut params = Vec::new();
    for (name, p) in &rs.parameters {
        let ty = param_type(p.ty);
        let source = match (client.get(name), p.built_in.as_deref()) {
            (Some((cty, docs)), _) => {
                if param_type(*cty) != ty {
                    return Err(invalid(format!(
                        "client context parameter `{name}` has another type than the parameter"
                    )));
                }
                Some(config_source(name, ty, docs.as_deref(), &mut settings).map_err(invalid)?)
            }
            (None, Some(b)) => Some(
                config_source(b, ty, p.documentation.as_deref(), &mut settings).map_err(invalid)?,
            ),
            (None, None) => None,
        };
        let field = naming::endpoint_param(name);
        params.push(EndpointParam {
            name: name.clone(),
            option_setter: naming::option_setter(&field),
            field,
            ty,
            default: p.default.clone().map(param_value),
            required: p.required,
            docs: p.documentation.as_deref().and_then(to_markdown),
            deprecated: p.deprecated.clone(),
            source,
        });
    }
    let mut cx = Scope {
        params: rs
            .parameters
            .iter()
            .enumerate()
            .map(|(i, (n, _))| (n.clone(), i))
            .collect(),
        vars: BTreeMap::new(),
        visible: Vec::new(),
        uses_partition: false,
    };
    let rules = cx.rules(&rs.rules).map_err(invalid)?;
    let partitions = if cx.uses_partition {
        partitions::parse(partitions_text.unwrap_or(partitions::DEFAULT_PARTITIONS))
            .map_err(|e| invalid(format!("the partitions file: {e}")))?
    } else {
        Vec::new()
    };
    Ok(Some(EndpointRules {
        slots: params.len() + cx.vars.len(),
        params,
        rules,
        partitions,
        settings: settings.into_values().collect(),
        tests: Vec::new(),
    }))
}

fn param_type(t: m::ParamType) -> ParamType {
    match t {
        m::ParamType::String => ParamType::String,
        m::ParamType::Boolean => ParamType::Bool,
        m::ParamType::StringArray => ParamType::StringArray,
    }
}

pub(crate) fn param_value(v: m::ParamValue) -> ParamValue {
    match v {
        m::ParamValue::String(s) => ParamValue::String(s),
        m::ParamValue::Bool(b) => ParamValue::Bool(b),
        m::ParamValue::StringArray(a) => ParamValue::StringArray(a),
    }
}

/// Where the config gives a built-in (or client context parameter) named `name`; a new
/// setting is added to `settings` for one the config does not have.
fn config_source(
    name: &str,
    ty: ParamType,
    docs: Option<&str>,
    settings: &mut BTreeMap<String, EndpointSetting>,
) -> R<ConfigSource> {
    let own = match (name, ty) {
        ("AWS::Region" | "Region", ParamType::String) => Some(ConfigSource::Region),
        ("AWS::UseFIPS" | "UseFIPS", ParamType::Bool) => Some(ConfigSource::UseFips),
        ("AWS::UseDualStack" | "UseDualStack", ParamType::Bool) => Some(ConfigSource::UseDualStack),
        ("SDK::Endpoint", ParamType::String) => Some(ConfigSource::EndpointUrl),
        _ => None,
    };
    if let Some(own) = own {
        return Ok(own);
    }
    let field = naming::endpoint_setting(name);
    let docs = docs
        .and_then(to_markdown)
        .unwrap_or_else(|| format!("Sets the `{name}` endpoint parameter."));
    match settings.get(&field) {
        Some(s) if s.ty != ty => {
            return Err(format!(
                "`{name}` and another setting become `{field}` with another type"
            ));
        }
        Some(_) => {}
        None => {
            settings.insert(
                field.clone(),
                EndpointSetting {
                    field: field.clone(),
                    ty,
                    docs,
                },
            );
        }
    }
    Ok(ConfigSource::Setting(field))
}

/// Names in scope while lowering rules.
struct Scope {
    params: BTreeMap<String, usize>,
    /// Every variable name ever assigned, and its slot (one slot per name).
    vars: BTreeMap<String, usize>,
    /// Variables visible now, innermost last.
    visible: Vec<String>,
    uses_partition: bool,
}

type R<T> = std::result::Result<T, String>;

impl Scope {
    fn rules(&mut self, rules: &[m::Rule]) -> R<Vec<Rule>> {
        rules.iter().map(|r| self.rule(r)).collect()
    }

    fn rule(&mut self, rule: &m::Rule) -> R<Rule> {
        let depth = self.visible.len();
        let out = match rule {
            m::Rule::Endpoint(conds, e) => {
                let conds = self.conditions(conds)?;
                Rule::Endpoint(conds, self.endpoint(e)?)
            }
            m::Rule::Error(conds, message) => {
                let conds = self.conditions(conds)?;
                Rule::Error(conds, self.expr(message)?)
            }
            m::Rule::Tree(conds, rules) => {
                let conds = self.conditions(conds)?;
                Rule::Tree(conds, self.rules(rules)?)
            }
        };
        // A rule's variables go out of scope with it.
        self.visible.truncate(depth);
        Ok(out)
    }

    fn conditions(&mut self, conds: &[m::Condition]) -> R<Vec<Condition>> {
        let mut out = Vec::with_capacity(conds.len());
        for c in conds {
            let expr = self.expr(&c.expr)?;
            let assign = match &c.assign {
                None => None,
                Some(name) => {
                    if self.params.contains_key(name) || self.visible.contains(name) {
                        return Err(format!("`{name}` is assigned but already in scope"));
                    }
                    let next = self.params.len() + self.vars.len();
                    let slot = *self.vars.entry(name.clone()).or_insert(next);
                    self.visible.push(name.clone());
                    Some(slot)
                }
            };
            out.push(Condition { expr, assign });
        }
        Ok(out)
    }

    fn endpoint(&mut self, e: &m::EndpointDef) -> R<EndpointDef> {
        let headers = e
            .headers
            .iter()
            .map(|(k, vs)| {
                Ok((
                    k.clone(),
                    vs.iter().map(|v| self.expr(v)).collect::<R<_>>()?,
                ))
            })
            .collect::<R<_>>()?;
        let properties = e
            .properties
            .iter()
            .map(|(k, p)| Ok((k.clone(), self.property(p)?)))
            .collect::<R<_>>()?;
        Ok(EndpointDef {
            url: self.expr(&e.url)?,
            headers,
            properties,
        })
    }

    fn property(&mut self, p: &m::Property) -> R<Property> {
        Ok(match p {
            m::Property::Value(e) => Property::Value(self.expr(e)?),
            m::Property::Array(items) => {
                Property::Array(items.iter().map(|i| self.property(i)).collect::<R<_>>()?)
            }
            m::Property::Object(fields) => Property::Object(
                fields
                    .iter()
                    .map(|(k, v)| Ok((k.clone(), self.property(v)?)))
                    .collect::<R<_>>()?,
            ),
        })
    }

    fn slot(&self, name: &str) -> R<usize> {
        if let Some(i) = self.params.get(name) {
            return Ok(*i);
        }
        if self.visible.iter().any(|v| v == name) {
            return self
                .vars
                .get(name)
                .copied()
                .ok_or_else(|| format!("`{name}` has no slot"));
        }
        Err(format!(
            "`{name}` is neither a parameter nor a variable in scope"
        ))
    }

    fn expr(&mut self, e: &m::Expr) -> R<Expr> {
        Ok(match e {
            m::Expr::Template(parts) => {
                let mut out = Vec::with_capacity(parts.len());
                for part in parts {
                    out.push(match part {
                        m::TemplatePart::Lit(s) => Expr::Lit(s.clone()),
                        m::TemplatePart::Ref(name, path) => attr(Expr::Ref(self.slot(name)?), path),
                    });
                }
                match <[Expr; 1]>::try_from(out) {
                    Ok([Expr::Lit(s)]) => Expr::Lit(s),
                    Ok([one]) => Expr::Template(vec![one]),
                    Err(many) => Expr::Template(many),
                }
            }
            m::Expr::Bool(b) => Expr::Bool(*b),
            m::Expr::Int(i) => Expr::Int(*i),
            m::Expr::Array(items) => {
                Expr::Array(items.iter().map(|i| self.expr(i)).collect::<R<_>>()?)
            }
            m::Expr::Ref(name) => Expr::Ref(self.slot(name)?),
            m::Expr::GetAttr(target, path) => attr(self.expr(target)?, path),
            m::Expr::Call(name, args) => {
                let (f, arity) = function(name)?;
                let ok = match arity {
                    Arity::Exactly(n) => args.len() == n,
                    Arity::AtLeast(n) => args.len() >= n,
                };
                if !ok {
                    return Err(format!("`{name}` called with {} arguments", args.len()));
                }
                self.uses_partition |= f == Function::Partition;
                Expr::Call(f, args.iter().map(|a| self.expr(a)).collect::<R<_>>()?)
            }
        })
    }
}

fn attr(target: Expr, path: &[m::PathStep]) -> Expr {
    if path.is_empty() {
        return target;
    }
    let steps = path
        .iter()
        .map(|s| match s {
            m::PathStep::Key(k) => AttrStep::Key(k.clone()),
            m::PathStep::Index(i) => AttrStep::Index(*i),
        })
        .collect();
    Expr::Attr(Box::new(target), steps)
}

enum Arity {
    Exactly(usize),
    AtLeast(usize),
}

/// A function by its rule-set name, with its arity.
fn function(name: &str) -> R<(Function, Arity)> {
    use Arity::*;
    Ok(match name {
        "isSet" => (Function::IsSet, Exactly(1)),
        "not" => (Function::Not, Exactly(1)),
        "booleanEquals" => (Function::BooleanEquals, Exactly(2)),
        "stringEquals" => (Function::StringEquals, Exactly(2)),
        "substring" => (Function::Substring, Exactly(4)),
        "uriEncode" => (Function::UriEncode, Exactly(1)),
        "parseURL" => (Function::ParseUrl, Exactly(1)),
        "isValidHostLabel" => (Function::IsValidHostLabel, Exactly(2)),
        "coalesce" => (Function::Coalesce, AtLeast(2)),
        "ite" => (Function::Ite, Exactly(3)),
        "split" => (Function::Split, Exactly(3)),
        "aws.partition" => (Function::Partition, Exactly(1)),
        "aws.parseArn" => (Function::ParseArn, Exactly(1)),
        "aws.isVirtualHostableS3Bucket" => (Function::IsVirtualHostableS3Bucket, Exactly(2)),
        other => return Err(format!("unknown function `{other}`")),
    })
}
