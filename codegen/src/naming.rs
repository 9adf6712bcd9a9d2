//! Every Rust name the generator emits is decided here.
//!
//! Policy: heck's casing, which re-cases acronyms (`SSEVersion` → `SseVersion`, `IPv4` → `Ipv4`)
//! the way the AWS SDK for Rust does; keywords get `r#`; `self`, `Self`, `crate`, `super` (which
//! cannot be raw) get a trailing `_` / `Value`; names that would start with a digit get a prefix.
//! Collisions are found after casing, by [`Namespace`].

use std::collections::BTreeMap;

use heck::{ToSnakeCase, ToUpperCamelCase};
use proc_macro2::{Ident, Span};

use crate::error::{ErrorKind, Result};
use crate::model::ShapeId;

/// Strict and reserved keywords of edition 2024, which must be written raw.
const KEYWORDS: &[&str] = &[
    "abstract", "as", "async", "await", "become", "box", "break", "const", "continue", "do", "dyn",
    "else", "enum", "extern", "false", "final", "fn", "for", "gen", "if", "impl", "in", "let",
    "loop", "macro", "match", "mod", "move", "mut", "override", "priv", "pub", "ref", "return",
    "static", "struct", "trait", "true", "try", "type", "typeof", "union", "unsafe", "unsized",
    "use", "virtual", "where", "while", "yield",
];

/// Keywords that cannot be raw identifiers.
const NOT_RAW: &[&str] = &["self", "Self", "crate", "super", "_"];

/// `UpperCamelCase` for types and enum variants.
pub fn type_name(smithy: &str) -> String {
    let cased = smithy.to_upper_camel_case();
    let cased = if cased.is_empty() {
        "Value".to_string()
    } else {
        cased
    };
    let cased = if cased.starts_with(|c: char| c.is_ascii_digit()) {
        format!("V{cased}")
    } else {
        cased
    };
    if NOT_RAW.contains(&cased.as_str()) {
        format!("{cased}Value")
    } else {
        cased
    }
}

/// `snake_case` for fields, accessors, setters and modules. Returns the name as written in
/// source, which may start with `r#`.
pub fn field_name(smithy: &str) -> String {
    let cased = smithy.to_snake_case();
    let cased = if cased.is_empty() {
        "value".to_string()
    } else {
        cased
    };
    let cased = if cased.starts_with(|c: char| c.is_ascii_digit()) {
        format!("v{cased}")
    } else {
        cased
    };
    if NOT_RAW.contains(&cased.as_str()) {
        format!("{cased}_")
    } else if KEYWORDS.contains(&cased.as_str()) {
        format!("r#{cased}")
    } else {
        cased
    }
}

/// The module for an operation: `GetStageDeployment` → `get_stage_deployment`.
pub fn module_name(smithy: &str) -> String {
    field_name(smithy)
}

/// A variant name for an enum value that has no constant name: `nodejs4.3` → `Nodejs43`,
/// `0.5` → `V05`, `a-b` → `AB`.
pub fn enum_value_variant(value: &str) -> String {
    let cleaned: String = value
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
        .collect();
    type_name(&cleaned)
}

/// The builder type for a structure.
pub fn builder_name(type_name: &str) -> String {
    format!("{type_name}Builder")
}

/// The typestate marker for a required member that has not been set, and the member's name
/// as its docs spell it: `gameName` → (`MissingGameName`, `GameName`).
pub fn missing_marker(member: &str) -> (String, String) {
    let member = type_name(member);
    (format!("Missing{member}"), member)
}

/// An operation's input structure: `GetGame` → `GetGameInput`.
pub fn input_name(op_type_name: &str) -> String {
    format!("{op_type_name}Input")
}

/// An operation's output structure: `GetGame` → `GetGameOutput`.
pub fn output_name(op_type_name: &str) -> String {
    format!("{op_type_name}Output")
}

/// An operation's error enum: `GetGame` → `GetGameError`.
pub fn error_enum_name(op_type_name: &str) -> String {
    format!("{op_type_name}Error")
}

/// The client's builder for one call of an operation: `GetGame` → `GetGameFluentBuilder`.
pub fn fluent_builder_name(op_type_name: &str) -> String {
    format!("{op_type_name}FluentBuilder")
}

/// A union's `is_*` predicate and `as_*` accessor for one variant: `GameName` →
/// (`is_game_name`, `as_game_name`).
pub fn union_accessors(variant: &str) -> (String, String) {
    let snake = field_name(variant);
    let snake = snake.trim_start_matches("r#");
    (format!("is_{snake}"), format!("as_{snake}"))
}

/// The helper of an operation's endpoint module that reads an endpoint parameter from the
/// input by an `operationContextParams` path: `endpoint_param_bucket`.
pub fn endpoint_path_fn(field: &str) -> String {
    format!("endpoint_param_{}", field.trim_start_matches("r#"))
}

/// The generated test of one operation call of an endpoint test case: the case's test name
/// and the operation's module (`case_001_get_object`), numbered from `_2` when the case calls
/// the operation again. `taken` holds the case's names so far.
pub fn endpoint_call_test_fn(
    test_fn: &str,
    module: &str,
    taken: &mut std::collections::BTreeSet<String>,
) -> String {
    let module = module.trim_start_matches("r#");
    let mut name = format!("{test_fn}_{module}");
    let mut n = 2;
    while !taken.insert(name.clone()) {
        name = format!("{test_fn}_{module}_{n}");
        n += 1;
    }
    name
}

/// The builder type parameter that tracks whether a required field is set: `game_name` → `TGameName`.
pub fn state_param(field: &str) -> String {
    format!("T{}", field.trim_start_matches("r#").to_upper_camel_case())
}

/// The paginator types of an operation: the page paginator's builder (`ListGamesPaginator`,
/// from `into_paginator()`) and its page stream (`ListGamesPages`).
pub fn paginator_names(op_type_name: &str) -> (String, String) {
    (
        format!("{op_type_name}Paginator"),
        format!("{op_type_name}Pages"),
    )
}

/// The item paginator types of an operation: the builder (`ListGamesPaginatorItems`, from
/// `.items()`) and its item stream (`ListGamesItems`).
pub fn item_paginator_names(op_type_name: &str) -> (String, String) {
    (
        format!("{op_type_name}PaginatorItems"),
        format!("{op_type_name}Items"),
    )
}

/// The library name cargo gives a package: `-` becomes `_`.
pub fn lib_name(crate_name: &str) -> String {
    crate_name.replace('-', "_")
}

/// The `is_*` predicate for an error variant.
pub fn is_error_fn(variant: &str) -> String {
    format!("is_{}", variant.to_snake_case())
}

/// The setter that takes an `Option`: `set_deployment_id`.
pub fn option_setter(field: &str) -> String {
    format!("set_{}", field.trim_start_matches("r#"))
}

/// The method that moves a stream field out of its structure: `into_body`.
pub fn into_accessor(field: &str) -> String {
    format!("into_{}", field.trim_start_matches("r#"))
}

/// `ConfigBuilder` methods the runtime already has; an endpoint setting never takes one.
const CONFIG_BUILDER_METHODS: &[&str] = &[
    "build",
    "connect_timeout",
    "credentials",
    "disable_host_prefix",
    "disable_request_compression",
    "endpoint_resolver",
    "endpoint_url",
    "http_client",
    "idempotency_token_provider",
    "ignore_environment",
    "read_timeout",
    "region",
    "request_min_compression_size_bytes",
    "retry_config",
    "sleep_impl",
    "use_dual_stack",
    "use_fips",
];

/// The `ConfigBuilder` setter (and endpoint settings field) of a built-in or client context
/// parameter that the config does not have: the name's last `::` segment in snake case
/// (`AWS::S3::ForcePathStyle` and `ForcePathStyle` → `force_path_style`), with `_setting`
/// added if the config builder already has a method of that name.
pub fn endpoint_setting(name: &str) -> String {
    let last = name.rsplit("::").next().unwrap_or(name);
    let f = field_name(last);
    if CONFIG_BUILDER_METHODS.contains(&f.as_str()) {
        format!("{}_setting", f.trim_start_matches("r#"))
    } else {
        f
    }
}

/// The field, accessor and setter of an endpoint parameter: its name in snake case, with
/// `_param` added where it would take a name `Params` or its builder already has.
pub fn endpoint_param(name: &str) -> String {
    let f = field_name(name);
    if matches!(f.as_str(), "builder" | "build" | "from_config") {
        format!("{f}_param")
    } else {
        f
    }
}

/// The name of the generated test of an endpoint test case: `case_` and its 1-based number.
pub fn endpoint_test_fn(index: usize) -> String {
    format!("case_{:03}", index + 1)
}

/// A generated item or local numbered by position or nesting depth: `EP3`, `item2`.
pub fn numbered(base: &str, n: usize) -> String {
    format!("{base}{n}")
}

/// The local of a generated reader that holds a member's value while it is read: `m_name`.
pub fn member_slot(field: &str) -> String {
    format!("m_{}", field.trim_start_matches("r#"))
}

/// Makes an `Ident` from a name produced by this module (handles `r#`).
pub fn ident(name: &str) -> Ident {
    match name.strip_prefix("r#") {
        Some(raw) => Ident::new_raw(raw, Span::call_site()),
        None => Ident::new(name, Span::call_site()),
    }
}

/// The builder that error structures holding only a message share, in `types::error::builders`
/// (each such error's `{Type}Builder` is an alias of it). No `{Type}Builder` can equal it.
pub const SHARED_ERROR_BUILDER: &str = "Builder";

/// A local variable name for generated code: `base`, or `base` with `_` appended until no
/// name in `taken` (the fields in scope) has it.
pub fn fresh_local(base: &str, taken: &[&str]) -> String {
    let mut name = base.to_string();
    while taken.contains(&name.as_str()) {
        name.push('_');
    }
    name
}

/// The standard names a generated file may write plain (`Option` for `::std::option::Option`),
/// each with the absolute path it stands for. The prelude brings them into every module, so a
/// plain name means the std item unless the module itself declares or imports that name.
pub const PRELUDE_PATHS: &[(&str, &[&str])] = &[
    ("Option", &["std", "option", "Option"]),
    ("Some", &["std", "option", "Option", "Some"]),
    ("None", &["std", "option", "Option", "None"]),
    ("Result", &["std", "result", "Result"]),
    ("Ok", &["std", "result", "Result", "Ok"]),
    ("Err", &["std", "result", "Result", "Err"]),
    ("String", &["std", "string", "String"]),
    ("ToString", &["std", "string", "ToString"]),
    ("Vec", &["std", "vec", "Vec"]),
    ("Box", &["std", "boxed", "Box"]),
    ("Into", &["std", "convert", "Into"]),
    ("From", &["std", "convert", "From"]),
    ("AsRef", &["std", "convert", "AsRef"]),
    ("Default", &["std", "default", "Default"]),
];

/// Which of [`PRELUDE_PATHS`] a module may write plain: those it does not shadow. `mentioned`
/// holds every identifier the module's code uses other than inside those std paths (its own
/// items, the types it names, enum variants); a name in it (a model shape named `Option`, an
/// enum value `None`) keeps its absolute path in that module. Conservative: a variant
/// `Self::None` does not shadow `None`, but is counted.
pub fn plain_prelude_names(mentioned: &std::collections::BTreeSet<String>) -> Vec<&'static str> {
    PRELUDE_PATHS
        .iter()
        .map(|(name, _)| *name)
        .filter(|name| !mentioned.contains(*name))
        .collect()
}

/// Names reserved in one scope (a struct's fields, an enum's variants, a module's types).
/// Registering a second Smithy name with the same Rust name is an error.
#[derive(Debug)]
pub struct Namespace {
    scope: ShapeId,
    taken: BTreeMap<String, String>,
}

impl Namespace {
    /// An empty scope; errors name `scope`.
    pub fn new(scope: &ShapeId) -> Self {
        Namespace {
            scope: scope.clone(),
            taken: BTreeMap::new(),
        }
    }

    /// Reserves a name the generator itself uses (e.g. the `Unknown` variant).
    pub fn reserve(&mut self, rust: &str, why: &str) {
        self.taken.insert(rust.to_string(), why.to_string());
    }

    /// Whether `rust` is taken.
    pub fn contains(&self, rust: &str) -> bool {
        self.taken.contains_key(rust)
    }

    /// Claims `rust` for `smithy`, or reports who already has it.
    pub fn claim(&mut self, rust: String, smithy: &str) -> Result<String> {
        if let Some(first) = self.taken.get(&rust) {
            return Err(ErrorKind::NameCollision {
                scope: self.scope.clone(),
                name: rust,
                first: first.clone(),
                second: smithy.to_string(),
            });
        }
        self.taken.insert(rust.clone(), smithy.to_string());
        Ok(rust)
    }
}

#[cfg(test)]
mod tests;
