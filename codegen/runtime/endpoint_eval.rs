//! The endpoint rules interpreter: it walks a rule set the generator wrote out as static
//! tables, calling the functions of `endpoint_lib.rs`, and builds an [`Endpoint`].
//!
//! The generator checked the rule set (function names and arities, references, paths), so
//! evaluation only follows it: a value of an unexpected kind is unset, and an unset value or
//! `false` fails its condition. Nothing here panics on any parameter value.

use ::std::borrow::Cow;
use ::std::rc::Rc;

use super::endpoint::{Endpoint, Property, ResolveEndpointError};
use super::endpoint_lib as lib;

/// A value during evaluation. Computed strings and objects are shared, so reading a variable
/// never copies it.
#[derive(Debug, Clone)]
pub(crate) enum Value<'a> {
    None,
    Bool(bool),
    Int(i64),
    Str(&'a str),
    /// A string of the rule set or the partition data.
    Static(&'static str),
    Shared(Rc<str>),
    Array(Rc<[Value<'a>]>),
    Partition(&'a lib::PartitionOutputs),
    Url(Rc<lib::Url>),
    Arn(Rc<ArnValue<'a>>),
}

/// A parsed ARN whose resource id is already a list of values.
#[derive(Debug)]
pub(crate) struct ArnValue<'a> {
    fields: [Value<'a>; 4],
    resource_id: Value<'a>,
}

impl<'a> Value<'a> {
    /// A string parameter.
    pub(crate) fn str(v: ::std::option::Option<&'a str>) -> Self {
        v.map_or(Value::None, Value::Str)
    }
    /// A boolean parameter.
    pub(crate) fn bool(v: ::std::option::Option<bool>) -> Self {
        v.map_or(Value::None, Value::Bool)
    }
    /// A `stringArray` parameter.
    pub(crate) fn strings(v: ::std::option::Option<&'a [::std::string::String]>) -> Self {
        v.map_or(Value::None, |v| {
            Value::Array(v.iter().map(|s| Value::Str(s.as_str())).collect())
        })
    }
    fn as_str(&self) -> ::std::option::Option<&str> {
        match self {
            Value::Str(s) => Some(s),
            Value::Static(s) => Some(s),
            Value::Shared(s) => Some(s),
            _ => None,
        }
    }
    fn as_bool(&self) -> ::std::option::Option<bool> {
        match self {
            Value::Bool(b) => Some(*b),
            _ => None,
        }
    }
    fn is_set(&self) -> bool {
        !matches!(self, Value::None)
    }
    fn owned(s: ::std::string::String) -> Self {
        Value::Shared(Rc::from(s))
    }
}

/// An expression of the rule set.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Expr {
    /// A string without placeholders.
    Lit(&'static str),
    /// A template: the parts' strings, concatenated.
    Template(&'static [Expr]),
    Bool(bool),
    Int(i64),
    Array(&'static [Expr]),
    /// A parameter or an assigned variable, by slot.
    Ref(usize),
    /// `getAttr` (and `{x#path}`): a path into an object or array.
    Attr(&'static Expr, &'static [Step]),
    Call(Fn, &'static [Expr]),
}

/// One step of a `getAttr` path.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Step {
    Key(&'static str),
    /// From the end when negative.
    Index(i64),
}

/// The functions of the standard library and the AWS extension (`getAttr` is [`Expr::Attr`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Fn {
    IsSet,
    Not,
    BooleanEquals,
    StringEquals,
    Substring,
    UriEncode,
    ParseUrl,
    IsValidHostLabel,
    Coalesce,
    Ite,
    Split,
    Partition,
    ParseArn,
    IsVirtualHostableS3Bucket,
}

/// A condition: an expression that must be set and not `false`, optionally kept in a slot.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Cond {
    pub expr: Expr,
    pub assign: ::std::option::Option<usize>,
}

impl Cond {
    /// A condition, kept in `assign`'s slot when given.
    pub(crate) const fn new(expr: Expr, assign: ::std::option::Option<usize>) -> Self {
        Cond { expr, assign }
    }
}

/// A rule of the rule set.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Rule {
    Endpoint(&'static [Cond], &'static EndpointTemplate),
    Error(&'static [Cond], Expr),
    Tree(&'static [Cond], &'static [Rule]),
}

/// The endpoint an endpoint rule gives.
#[derive(Debug, Clone, Copy)]
pub(crate) struct EndpointTemplate {
    pub url: Expr,
    pub headers: &'static [(&'static str, &'static [Expr])],
    pub properties: &'static [(&'static str, Prop)],
}

/// An endpoint property: a value (strings may be templates), a list or an object.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Prop {
    Value(Expr),
    Array(&'static [Prop]),
    Object(&'static [(&'static str, Prop)]),
}

/// A rule set with what its functions need.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Program {
    pub rules: &'static [Rule],
    pub partitions: lib::Partitions,
}

/// Runs the rules over `slots` (the parameters, in the generator's order, then room for the
/// variables conditions assign).
pub(crate) fn resolve(
    program: &Program,
    slots: &mut [Value<'_>],
) -> ::std::result::Result<Endpoint, ResolveEndpointError> {
    match eval_rules(program, program.rules, slots) {
        Some(result) => result,
        None => Err(ResolveEndpointError::message(
            "no endpoint rule matched the parameters",
        )),
    }
}

type Outcome = ::std::option::Option<::std::result::Result<Endpoint, ResolveEndpointError>>;

fn eval_rules(program: &Program, rules: &[Rule], slots: &mut [Value<'_>]) -> Outcome {
    for rule in rules {
        let conds = match rule {
            Rule::Endpoint(c, _) | Rule::Error(c, _) | Rule::Tree(c, _) => *c,
        };
        if !conditions_hold(program, conds, slots) {
            continue;
        }
        return Some(match rule {
            Rule::Endpoint(_, endpoint) => build_endpoint(program, endpoint, slots),
            Rule::Error(_, message) => {
                let message = eval(program, message, slots);
                Err(ResolveEndpointError::message(
                    message.as_str().unwrap_or("endpoint resolution failed"),
                ))
            }
            Rule::Tree(_, rules) => eval_rules(program, rules, slots).unwrap_or_else(|| {
                Err(ResolveEndpointError::message(
                    "no endpoint rule of a matching tree rule matched the parameters",
                ))
            }),
        });
    }
    None
}

fn conditions_hold(program: &Program, conds: &[Cond], slots: &mut [Value<'_>]) -> bool {
    for cond in conds {
        let value = eval(program, &cond.expr, slots);
        if matches!(value, Value::None | Value::Bool(false)) {
            return false;
        }
        if let Some(slot) = cond.assign.and_then(|i| slots.get_mut(i)) {
            *slot = value;
        }
    }
    true
}

fn build_endpoint(
    program: &Program,
    t: &EndpointTemplate,
    slots: &[Value<'_>],
) -> ::std::result::Result<Endpoint, ResolveEndpointError> {
    let Some(url) = eval_string(program, &t.url, slots) else {
        return Err(ResolveEndpointError::message(
            "the endpoint URL is not a string",
        ));
    };
    let headers = t
        .headers
        .iter()
        .map(|(name, values)| {
            let values = values
                .iter()
                .filter_map(|v| eval_string(program, v, slots))
                .collect();
            (Cow::Borrowed(*name), values)
        })
        .collect();
    let properties = t
        .properties
        .iter()
        .map(|(name, prop)| (Cow::Borrowed(*name), property(program, prop, slots)))
        .collect();
    let endpoint = Endpoint::from_parts(url, headers, properties);
    Ok(endpoint)
}

fn property(program: &Program, prop: &Prop, slots: &[Value<'_>]) -> Property {
    match prop {
        Prop::Value(e) => to_property(&eval(program, e, slots)),
        Prop::Array(items) => {
            Property::Array(items.iter().map(|p| property(program, p, slots)).collect())
        }
        Prop::Object(fields) => Property::Object(
            fields
                .iter()
                .map(|(k, p)| (Cow::Borrowed(*k), property(program, p, slots)))
                .collect(),
        ),
    }
}

/// A value as a property; the rule set's and the partitions' strings are not copied.
fn to_property(v: &Value<'_>) -> Property {
    match v {
        Value::Bool(b) => Property::Bool(*b),
        Value::Int(i) => Property::Int(*i),
        Value::Static(s) => Property::String(Cow::Borrowed(s)),
        Value::Str(s) => Property::String(Cow::Owned((*s).to_string())),
        Value::Shared(s) => Property::String(Cow::Owned(s.to_string())),
        Value::Array(items) => Property::Array(items.iter().map(to_property).collect()),
        _ => Property::String(Cow::Borrowed("")),
    }
}

/// A string expression (URL, header value, error message) written straight into a `String`.
fn eval_string(
    program: &Program,
    e: &Expr,
    slots: &[Value<'_>],
) -> ::std::option::Option<::std::string::String> {
    let mut out = ::std::string::String::with_capacity(64);
    push_string(program, e, slots, &mut out).then_some(out)
}

/// Appends a string expression's value; `false` when a part is not a string.
fn push_string(
    program: &Program,
    e: &Expr,
    slots: &[Value<'_>],
    out: &mut ::std::string::String,
) -> bool {
    match e {
        Expr::Lit(s) => out.push_str(s),
        Expr::Template(parts) => return parts.iter().all(|p| push_string(program, p, slots, out)),
        other => match with_value(program, other, slots, |v| {
            v.as_str().map(|s| out.push_str(s))
        }) {
            Some(()) => {}
            None => return false,
        },
    }
    true
}

/// Runs `f` on the value of `e`, borrowing a slot's value instead of copying it.
fn with_value<'a, R>(
    program: &Program,
    e: &Expr,
    slots: &[Value<'a>],
    f: impl FnOnce(&Value<'a>) -> R,
) -> R {
    match e {
        Expr::Ref(i) => f(slots.get(*i).unwrap_or(&Value::None)),
        other => f(&eval(program, other, slots)),
    }
}

fn eval<'a>(program: &Program, e: &Expr, slots: &[Value<'a>]) -> Value<'a> {
    match *e {
        Expr::Lit(s) => Value::Static(s),
        Expr::Bool(b) => Value::Bool(b),
        Expr::Int(i) => Value::Int(i),
        Expr::Ref(i) => slots.get(i).cloned().unwrap_or(Value::None),
        Expr::Template(parts) => match parts {
            // One placeholder: its value, if it is a string, without a copy.
            [one] => {
                let v = eval(program, one, slots);
                if v.as_str().is_some() { v } else { Value::None }
            }
            _ => eval_string(program, e, slots).map_or(Value::None, Value::owned),
        },
        Expr::Array(items) => Value::Array(items.iter().map(|i| eval(program, i, slots)).collect()),
        Expr::Attr(target, path) => with_value(program, target, slots, |v| {
            let mut steps = path.iter();
            let Some(first) = steps.next() else {
                return v.clone();
            };
            let mut out = attr(v, *first);
            for step in steps {
                out = attr(&out, *step);
            }
            out
        }),
        Expr::Call(f, args) => call(program, f, args, slots),
    }
}

fn attr<'a>(v: &Value<'a>, step: Step) -> Value<'a> {
    let s = |text: &str| Value::Shared(Rc::from(text));
    match (v, step) {
        (Value::Array(items), Step::Index(i)) => {
            let len = i64::try_from(items.len()).unwrap_or(i64::MAX);
            let i = if i < 0 { len + i } else { i };
            usize::try_from(i)
                .ok()
                .and_then(|i| items.get(i))
                .cloned()
                .unwrap_or(Value::None)
        }
        (Value::Partition(p), Step::Key(k)) => match k {
            "name" => Value::Static(p.name),
            "dnsSuffix" => Value::Static(p.dns_suffix),
            "dualStackDnsSuffix" => Value::Static(p.dual_stack_dns_suffix),
            "supportsFIPS" => Value::Bool(p.supports_fips),
            "supportsDualStack" => Value::Bool(p.supports_dual_stack),
            "implicitGlobalRegion" => Value::Static(p.implicit_global_region),
            _ => Value::None,
        },
        (Value::Url(u), Step::Key(k)) => match k {
            "scheme" => s(&u.scheme),
            "authority" => s(&u.authority),
            "path" => s(&u.path),
            "normalizedPath" => s(&u.normalized_path),
            "isIp" => Value::Bool(u.is_ip),
            _ => Value::None,
        },
        (Value::Arn(a), Step::Key(k)) => match k {
            "partition" => a.fields[0].clone(),
            "service" => a.fields[1].clone(),
            "region" => a.fields[2].clone(),
            "accountId" => a.fields[3].clone(),
            "resourceId" => a.resource_id.clone(),
            _ => Value::None,
        },
        _ => Value::None,
    }
}

fn call<'a>(program: &Program, f: Fn, args: &[Expr], slots: &[Value<'a>]) -> Value<'a> {
    let expr = |i: usize| args.get(i).unwrap_or(&Expr::Ref(usize::MAX));
    // Borrowed views of the arguments: slots are read in place, never copied.
    let with = |i: usize, f: &mut dyn FnMut(&Value<'a>) -> Value<'a>| {
        with_value(program, expr(i), slots, f)
    };
    let boolean = |i: usize| with_value(program, expr(i), slots, Value::as_bool);
    let int = |i: usize| match expr(i) {
        Expr::Int(n) => Some(*n),
        other => with_value(program, other, slots, |v| match v {
            Value::Int(n) => Some(*n),
            _ => None,
        }),
    };
    match f {
        Fn::IsSet => Value::Bool(with_value(program, expr(0), slots, Value::is_set)),
        Fn::Not => boolean(0).map_or(Value::None, |b| Value::Bool(!b)),
        Fn::BooleanEquals => {
            Value::Bool(matches!((boolean(0), boolean(1)), (Some(a), Some(b)) if a == b))
        }
        Fn::StringEquals => with(0, &mut |a| {
            let equal = with_value(
                program,
                expr(1),
                slots,
                |b| matches!((a.as_str(), b.as_str()), (Some(x), Some(y)) if x == y),
            );
            Value::Bool(equal)
        }),
        Fn::Substring => {
            let (Some(start), Some(end), Some(rev)) = (int(1), int(2), boolean(3)) else {
                return Value::None;
            };
            with(0, &mut |v| match v {
                Value::Str(s) => lib::substring(s, start, end, rev).map_or(Value::None, Value::Str),
                other => other
                    .as_str()
                    .and_then(|s| lib::substring(s, start, end, rev))
                    .map_or(Value::None, |s| Value::Shared(Rc::from(s))),
            })
        }
        Fn::UriEncode => with(0, &mut |v| {
            v.as_str().map_or(Value::None, |s| {
                Value::owned(super::protocol::percent_encode(s, false))
            })
        }),
        Fn::ParseUrl => with(0, &mut |v| {
            v.as_str()
                .and_then(lib::parse_url)
                .map_or(Value::None, |u| Value::Url(Rc::new(u)))
        }),
        Fn::IsValidHostLabel | Fn::IsVirtualHostableS3Bucket => {
            let sub = boolean(1);
            with(0, &mut |v| {
                let ok = match (v.as_str(), sub) {
                    (Some(s), Some(sub)) if f == Fn::IsValidHostLabel => {
                        lib::is_valid_host_label(s, sub)
                    }
                    (Some(s), Some(sub)) => lib::is_virtual_hostable_s3_bucket(s, sub),
                    _ => false,
                };
                Value::Bool(ok)
            })
        }
        Fn::Coalesce => args
            .iter()
            .map(|e| eval(program, e, slots))
            .find(Value::is_set)
            .unwrap_or(Value::None),
        Fn::Ite => match boolean(0) {
            Some(true) => eval(program, expr(1), slots),
            Some(false) => eval(program, expr(2), slots),
            None => Value::None,
        },
        Fn::Split => {
            let Some(limit) = int(2) else {
                return Value::None;
            };
            with(0, &mut |v| {
                with_value(program, expr(1), slots, |d| {
                    match (v.as_str(), d.as_str()) {
                        (Some(v), Some(d)) => {
                            lib::split(v, d, limit).map_or(Value::None, |parts| {
                                Value::Array(
                                    parts
                                        .into_iter()
                                        .map(|p| Value::Shared(Rc::from(p)))
                                        .collect(),
                                )
                            })
                        }
                        _ => Value::None,
                    }
                })
            })
        }
        Fn::Partition => with(0, &mut |v| {
            v.as_str()
                .and_then(|r| lib::partition(&program.partitions, r))
                .map_or(Value::None, Value::Partition)
        }),
        Fn::ParseArn => with(0, &mut |v| {
            let Some(arn) = v.as_str().and_then(lib::parse_arn) else {
                return Value::None;
            };
            let s = |t: &str| Value::Shared(Rc::from(t));
            Value::Arn(Rc::new(ArnValue {
                fields: [
                    s(arn.partition),
                    s(arn.service),
                    s(arn.region),
                    s(arn.account_id),
                ],
                resource_id: Value::Array(arn.resource_id.into_iter().map(s).collect()),
            }))
        }),
    }
}

#[cfg(test)]
#[path = "tests/endpoint_eval.rs"]
mod tests;
