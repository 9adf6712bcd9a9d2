//! Rust source for the cases: node values as constructor expressions of the generated types
//! (builders, `From<&str>` enums, chrono timestamps…), and one `#[test]` per case.

use std::collections::BTreeMap;

use codegen::ir::{Ir, NamedKind, NamedRef, StructDef, TypeDef, TypeRef};
use serde_json::Value;

use super::cases::{Case, Kind};

/// The named types of a crate, by Rust path (`types::Foo`), for the expression emitter.
pub struct Types<'a> {
    krate: String,
    by_path: BTreeMap<String, Named<'a>>,
}

#[derive(Clone, Copy)]
enum Named<'a> {
    Struct(&'a StructDef),
    Def(&'a TypeDef),
}

const KEYWORDS: &[&str] = &[
    "as", "break", "const", "continue", "crate", "else", "enum", "extern", "false", "fn", "for",
    "if", "impl", "in", "let", "loop", "match", "mod", "move", "mut", "pub", "ref", "return",
    "static", "struct", "super", "trait", "true", "type", "unsafe", "use", "where", "while",
    "async", "await", "dyn", "abstract", "become", "box", "do", "final", "macro", "override",
    "priv", "typeof", "unsized", "virtual", "yield", "try", "gen",
];

/// A Rust identifier, raw when it is a keyword.
pub fn ident(name: &str) -> String {
    if KEYWORDS.contains(&name) {
        format!("r#{name}")
    } else {
        name.to_string()
    }
}

fn path_key(module: &[String], name: &str) -> String {
    let mut parts: Vec<&str> = module.iter().map(String::as_str).collect();
    parts.push(name);
    parts.join("::")
}

impl<'a> Types<'a> {
    pub fn new(krate: &str, ir: &'a Ir) -> Types<'a> {
        let mut by_path = BTreeMap::new();
        for t in &ir.types {
            let module: &[&str] = &["types"];
            let module: Vec<String> = module.iter().map(|s| s.to_string()).collect();
            by_path.insert(path_key(&module, t.name()), Named::Def(t));
        }
        for e in &ir.errors {
            by_path.insert(format!("types::error::{}", e.name), Named::Struct(e));
        }
        Types {
            krate: krate.to_string(),
            by_path,
        }
    }

    fn path(&self, n: &NamedRef) -> String {
        format!(
            "{}::{}",
            self.krate,
            n.module
                .iter()
                .chain(std::iter::once(&n.name))
                .map(|s| ident(s))
                .collect::<Vec<_>>()
                .join("::")
        )
    }

    /// A structure built from an object node: `Path::builder().m(v)….build()`.
    pub fn structure(&self, path: &str, def: &StructDef, v: &Value) -> Result<String, String> {
        let obj = v
            .as_object()
            .ok_or_else(|| format!("{}: expected an object, got {v}", def.shape_id))?;
        let mut out = format!("{path}::builder()");
        out.push_str(&self.setters(def, obj)?);
        out.push_str(".build()");
        Ok(out)
    }

    /// `.member(value)` for each member present (nulls leave the member unset).
    pub fn setters(
        &self,
        def: &StructDef,
        obj: &serde_json::Map<String, Value>,
    ) -> Result<String, String> {
        let mut out = String::new();
        for (key, value) in obj {
            let field = def
                .fields
                .iter()
                .find(|f| &f.member == key)
                .ok_or_else(|| format!("{}: no member `{key}`", def.shape_id))?;
            if value.is_null() {
                continue;
            }
            // A recursive member's setter takes the value, not its box.
            let ty = match &field.ty {
                TypeRef::Boxed(inner) => inner,
                ty => ty,
            };
            let expr = self.expr(ty, value)?;
            out.push_str(&format!(".{}({expr})", ident(&field.name)));
        }
        Ok(out)
    }

    /// An expression of type `ty` with the value `v`.
    pub fn expr(&self, ty: &TypeRef, v: &Value) -> Result<String, String> {
        let k = &self.krate;
        let bad = || format!("cannot build a {ty:?} from {v}");
        Ok(match ty {
            TypeRef::String => format!(
                "::std::string::String::from({:?})",
                v.as_str().ok_or_else(bad)?
            ),
            TypeRef::Bool => v.as_bool().ok_or_else(bad)?.to_string(),
            TypeRef::Byte | TypeRef::Short | TypeRef::Integer | TypeRef::Long => {
                let n = v.as_i64().ok_or_else(bad)?;
                let suffix = match ty {
                    TypeRef::Byte => "i8",
                    TypeRef::Short => "i16",
                    TypeRef::Integer => "i32",
                    _ => "i64",
                };
                format!("{n}{suffix}")
            }
            TypeRef::Float | TypeRef::Double => {
                let t = if *ty == TypeRef::Float { "f32" } else { "f64" };
                match v {
                    Value::Number(n) => format!("{:?}{t}", n.as_f64().ok_or_else(bad)?),
                    Value::String(s) if s == "NaN" => format!("{t}::NAN"),
                    Value::String(s) if s == "Infinity" => format!("{t}::INFINITY"),
                    Value::String(s) if s == "-Infinity" => format!("{t}::NEG_INFINITY"),
                    _ => return Err(bad()),
                }
            }
            TypeRef::Blob => format!("{:?}.as_bytes().to_vec()", v.as_str().ok_or_else(bad)?),
            TypeRef::ByteStream { .. } => format!(
                "{k}::primitives::ByteStream::from({:?}.as_bytes().to_vec())",
                v.as_str().ok_or_else(bad)?
            ),
            TypeRef::Document => format!(
                "::serde_json::from_str::<{k}::primitives::Document>({:?}).unwrap()",
                v.to_string()
            ),
            TypeRef::BigInteger | TypeRef::BigDecimal => {
                let t = if *ty == TypeRef::BigInteger {
                    "BigInteger"
                } else {
                    "BigDecimal"
                };
                let text = match v {
                    Value::String(s) => s.clone(),
                    Value::Number(n) => n.to_string(),
                    _ => return Err(bad()),
                };
                format!("{text:?}.parse::<{k}::primitives::{t}>().unwrap()")
            }
            TypeRef::Timestamp(_) => {
                let secs = v.as_f64().ok_or_else(bad)?;
                let whole = secs.floor();
                let nanos = ((secs - whole) * 1e6).round() as i64 * 1000;
                format!(
                    "{k}::primitives::DateTime::from_timestamp({}, {nanos}).unwrap()",
                    whole as i64
                )
            }
            TypeRef::Named(n) => self.named(n, v)?,
            TypeRef::List { item, sparse, .. } => {
                let items = v.as_array().ok_or_else(bad)?;
                let mut parts = Vec::new();
                for i in items {
                    parts.push(self.maybe(item, i, *sparse)?);
                }
                format!("::std::vec![{}]", parts.join(", "))
            }
            TypeRef::Map {
                key, value, sparse, ..
            } => {
                let obj = v.as_object().ok_or_else(bad)?;
                let mut parts = Vec::new();
                for (name, val) in obj {
                    let key = self.expr(key, &Value::String(name.clone()))?;
                    parts.push(format!("({key}, {})", self.maybe(value, val, *sparse)?));
                }
                format!(
                    "[{}].into_iter().collect::<::std::collections::HashMap<_, _>>()",
                    parts.join(", ")
                )
            }
            TypeRef::Boxed(inner) => format!("::std::boxed::Box::new({})", self.expr(inner, v)?),
        })
    }

    fn maybe(&self, ty: &TypeRef, v: &Value, sparse: bool) -> Result<String, String> {
        match (sparse, v.is_null()) {
            (true, true) => Ok("::std::option::Option::None".into()),
            (true, false) => Ok(format!(
                "::std::option::Option::Some({})",
                self.expr(ty, v)?
            )),
            (false, _) => self.expr(ty, v),
        }
    }

    fn named(&self, n: &NamedRef, v: &Value) -> Result<String, String> {
        let path = self.path(n);
        let def = self
            .by_path
            .get(&path_key(&n.module, &n.name))
            .copied()
            .ok_or_else(|| format!("unknown type {path}"))?;
        match (n.kind, def) {
            (NamedKind::Enum, _) => Ok(format!(
                "{path}::from({:?})",
                v.as_str()
                    .ok_or_else(|| format!("{path}: expected a string, got {v}"))?
            )),
            (NamedKind::IntEnum, _) => Ok(format!(
                "{path}::from({}i32)",
                v.as_i64()
                    .ok_or_else(|| format!("{path}: expected an integer, got {v}"))?
            )),
            (NamedKind::Struct, Named::Struct(s))
            | (NamedKind::Struct, Named::Def(TypeDef::Struct(s))) => self.structure(&path, s, v),
            (NamedKind::Union, Named::Def(TypeDef::Union(u))) => {
                let obj = v
                    .as_object()
                    .filter(|o| o.len() == 1)
                    .ok_or_else(|| format!("{path}: a union value has one member, got {v}"))?;
                let (key, value) = obj.iter().next().ok_or("empty union")?;
                let variant = u
                    .variants
                    .iter()
                    .find(|var| loose(&var.name) == loose(key))
                    .ok_or_else(|| format!("{path}: no variant `{key}`"))?;
                match &variant.ty {
                    Some(ty) => Ok(format!(
                        "{path}::{}({})",
                        variant.name,
                        self.expr(ty, value)?
                    )),
                    None => Ok(format!("{path}::{}", variant.name)),
                }
            }
            _ => Err(format!("{path}: unexpected kind {:?}", n.kind)),
        }
    }
}

/// A name without case or underscores: the Rust variant `FooBar` for the member `foo_bar`.
fn loose(name: &str) -> String {
    name.chars()
        .filter(|c| *c != '_')
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

/// Whether a node holds a `NaN` float anywhere.
fn has_nan(v: &Value) -> bool {
    match v {
        Value::String(s) => s == "NaN",
        Value::Array(a) => a.iter().any(has_nan),
        Value::Object(o) => o.values().any(has_nan),
        _ => false,
    }
}

/// A test function name for a case ID: snake case, unique within the file.
pub fn test_name(id: &str) -> String {
    let mut out = String::new();
    let mut prev_lower = false;
    for c in id.chars() {
        if c.is_ascii_uppercase() {
            if prev_lower {
                out.push('_');
            }
            out.push(c.to_ascii_lowercase());
            prev_lower = false;
        } else if c.is_ascii_alphanumeric() {
            out.push(c);
            prev_lower = true;
        } else {
            if !out.ends_with('_') {
                out.push('_');
            }
            prev_lower = false;
        }
    }
    let out = out.trim_matches('_').to_string();
    format!("case_{out}")
}

fn lit(s: &str) -> String {
    format!("{s:?}")
}

fn pairs(v: Option<&Value>) -> Vec<(String, String)> {
    v.and_then(Value::as_object)
        .map(|o| {
            o.iter()
                .map(|(k, v)| (k.clone(), v.as_str().unwrap_or_default().to_string()))
                .collect()
        })
        .unwrap_or_default()
}

fn strings(v: Option<&Value>) -> Vec<String> {
    v.and_then(Value::as_array)
        .map(|a| {
            a.iter()
                .filter_map(Value::as_str)
                .map(str::to_string)
                .collect()
        })
        .unwrap_or_default()
}

/// The body of one test function (without the `fn` line), or why it cannot be written.
pub fn test_body(ir: &Ir, types: &Types, case: &Case) -> Result<String, String> {
    let op = ir
        .operations
        .iter()
        .find(|o| o.shape_id == case.operation)
        .ok_or_else(|| format!("operation {} is not in the crate", case.operation))?;
    let k = &types.krate;
    let module = format!("{k}::operation::{}", ident(&op.module));
    let params = case
        .node
        .get("params")
        .cloned()
        .unwrap_or(Value::Object(Default::default()));
    let vendor = vendor_params(case)?;
    let mut s = String::new();
    match case.kind {
        Kind::Request => {
            let host = case.str("host").unwrap_or("example.com");
            let obj = params.as_object().ok_or("params is not an object")?;
            let setters = types.setters(&op.input, obj)?;
            s.push_str(&format!(
                "let recorder = Recorder::default();\n\
                 let client = recorder.client({}, {});\n\
                 let _ = run(client.{}(){setters}.send());\n\
                 let req = recorder.request();\n",
                lit(&format!("https://{host}")),
                lit(vendor.region.as_deref().unwrap_or("us-east-1")),
                ident(&op.module),
            ));
            if let Some(m) = case.str("method") {
                s.push_str(&format!("assert_eq!(req.method, {});\n", lit(m)));
            }
            if let Some(uri) = case.str("uri") {
                s.push_str(&format!("assert_eq!(path(&req.url), {});\n", lit(uri)));
            }
            if let Some(h) = case.str("resolvedHost") {
                s.push_str(&format!("assert_eq!(host(&req.url), {});\n", lit(h)));
            }
            for q in strings(case.node.get("queryParams")) {
                s.push_str(&format!("assert_query_has(&req.url, {});\n", lit(&q)));
            }
            for q in strings(case.node.get("forbidQueryParams")) {
                s.push_str(&format!("assert!(!query_keys(&req.url).contains(&{}.to_string()), \"query has {q}: {{}}\", req.url);\n", lit(&q)));
            }
            for q in strings(case.node.get("requireQueryParams")) {
                s.push_str(&format!("assert!(query_keys(&req.url).contains(&{}.to_string()), \"query lacks {q}: {{}}\", req.url);\n", lit(&q)));
            }
            for (name, value) in pairs(case.node.get("headers")) {
                s.push_str(&format!(
                    "assert_eq!(header(&req.headers, {}).as_deref(), Some({}), \"header {name}\");\n",
                    lit(&name),
                    lit(&value)
                ));
            }
            for h in strings(case.node.get("forbidHeaders")) {
                s.push_str(&format!(
                    "assert_eq!(header(&req.headers, {}), None);\n",
                    lit(&h)
                ));
            }
            for h in strings(case.node.get("requireHeaders")) {
                s.push_str(&format!(
                    "assert!(header(&req.headers, {}).is_some(), \"header {h} missing\");\n",
                    lit(&h)
                ));
            }
            if let Some(body) = case.str("body") {
                s.push_str(&body_check(body, case.str("bodyMediaType")));
            }
        }
        Kind::Malformed => return Err("a malformed-request test is server-only".into()),
        Kind::Response | Kind::ErrorResponse => {
            let code = case
                .node
                .get("code")
                .and_then(Value::as_u64)
                .ok_or("no `code`")?;
            s.push_str(&format!(
                "let response = {k}::http::HttpResponse::new({code}, {}.as_bytes().to_vec())",
                lit(case.str("body").unwrap_or(""))
            ));
            for (name, value) in pairs(case.node.get("headers")) {
                s.push_str(&format!(".with_header({}, {})", lit(&name), lit(&value)));
            }
            s.push_str(";\n");
            if case.kind == Kind::Response {
                let expected = types.structure(
                    &format!("{module}::{}", op.output.name),
                    &op.output,
                    &params,
                )?;
                let stream = op
                    .output
                    .fields
                    .iter()
                    .find(|f| matches!(f.ty, TypeRef::ByteStream { .. }));
                let by = if stream.is_some() { "" } else { "&" };
                s.push_str(&format!(
                    "let output = {module}::read_response({by}response).expect(\"the response parses\");\n\
                     let expected = {expected};\n"
                ));
                if let Some(f) = stream {
                    // No `PartialEq` on a stream: its bytes, then the rest through `Debug`.
                    let get = ident(&f.name);
                    s.push_str(&format!(
                        "assert_eq!(output.{get}().bytes(), expected.{get}().bytes());\n\
                         assert_eq!(format!(\"{{output:?}}\"), format!(\"{{expected:?}}\"));\n"
                    ));
                } else if has_nan(&params) {
                    // NaN is not equal to itself; `Debug` prints it as `NaN`.
                    s.push_str("assert_eq!(format!(\"{output:?}\"), format!(\"{expected:?}\"));\n");
                } else {
                    s.push_str("assert_eq!(output, expected);\n");
                }
            } else {
                let error = case.error.as_deref().unwrap_or_default();
                let variant = op
                    .error
                    .variants
                    .iter()
                    .find(|v| {
                        ir.errors
                            .iter()
                            .any(|e| e.shape_id == error && e.name == v.ty.name)
                    })
                    .ok_or_else(|| format!("{error} is not an error of {}", op.shape_id))?;
                let path = types.path(&variant.ty);
                let def = ir
                    .errors
                    .iter()
                    .find(|e| e.shape_id == error)
                    .ok_or("unknown error")?;
                let expected = types.structure(&path, def, &params)?;
                s.push_str(&format!(
                    "let expected = {expected};\n\
                     let error = {module}::parse_error(&response);\n\
                     match &error {{\n\
                         {module}::{}::{}(e) => assert_eq!(e, &expected),\n\
                         other => panic!(\"expected {}, got {{other:?}}\"),\n\
                     }}\n",
                    op.error.name, variant.name, variant.name
                ));
                if let Some(code) = &vendor.error_code {
                    s.push_str(&format!(
                        "assert_eq!(error.code(), Some({}), \"the error code (vendorParams)\");\n",
                        lit(code)
                    ));
                }
            }
        }
    }
    Ok(s)
}

/// What a case's `vendorParams` ask of the client.
#[derive(Debug, Default, PartialEq)]
struct Vendor {
    /// `AwsConfig`'s `scopedConfig.client.region`.
    region: Option<String>,
    /// `ErrorCodeParams`' `code`: what the error's `code()` says. Its `type` (the query fault)
    /// is not checked: the client does not expose it.
    error_code: Option<String>,
}

const AWS_CONFIG: &str = "aws.protocoltests.config#AwsConfig";
const ERROR_CODE_PARAMS: &str = "aws.protocoltests.config#ErrorCodeParams";

/// A case's `vendorParams`, as far as the client has settings for them; any other one makes
/// the case one that cannot be written (a failure, not a skip).
fn vendor_params(case: &Case) -> Result<Vendor, String> {
    let mut vendor = Vendor::default();
    let Some(params) = case.node.get("vendorParams").and_then(Value::as_object) else {
        return Ok(vendor);
    };
    if params.is_empty() {
        return Ok(vendor);
    }
    match case.str("vendorParamsShape") {
        Some(AWS_CONFIG) => {
            let mut leaves = Vec::new();
            leaf_paths("", &Value::Object(params.clone()), &mut leaves);
            for (path, value) in leaves {
                match (path.as_str(), value.as_str()) {
                    ("scopedConfig.client.region", Some(region)) => {
                        vendor.region = Some(region.to_string())
                    }
                    _ => {
                        return Err(format!(
                            "vendorParams {path} = {value}: the client config has no setting for it"
                        ));
                    }
                }
            }
        }
        Some(ERROR_CODE_PARAMS) if case.kind == Kind::ErrorResponse => {
            let code = params.get("code").and_then(Value::as_str);
            vendor.error_code = Some(code.ok_or("vendorParams without its `code`")?.to_string());
        }
        shape => {
            return Err(format!(
                "vendorParams of shape {} on a {:?} case: not known",
                shape.unwrap_or("(none)"),
                case.kind
            ));
        }
    }
    Ok(vendor)
}

/// The leaves of an object node with their dotted paths.
fn leaf_paths(prefix: &str, v: &Value, out: &mut Vec<(String, Value)>) {
    match v.as_object() {
        Some(o) => {
            for (k, child) in o {
                let path = if prefix.is_empty() {
                    k.clone()
                } else {
                    format!("{prefix}.{k}")
                };
                leaf_paths(&path, child, out);
            }
        }
        None => out.push((prefix.to_string(), v.clone())),
    }
}

/// The check of a request body, by `bodyMediaType`: JSON as values (serde_json), XML and form
/// data by meaning (`bodies.rs`), anything else and an empty body byte for byte.
fn body_check(body: &str, media_type: Option<&str>) -> String {
    let media = media_type.unwrap_or_default().to_ascii_lowercase();
    let media = media.split(';').next().unwrap_or_default().trim();
    let check = if body.trim().is_empty() {
        "assert_bytes_body"
    } else if media.contains("json") {
        return format!(
            "let actual: ::serde_json::Value = ::serde_json::from_slice(&req.body).expect(\"a JSON body\");\n\
             let expected: ::serde_json::Value = ::serde_json::from_str({}).unwrap();\n\
             assert_eq!(actual, expected);\n",
            lit(body)
        );
    } else if media.ends_with("/xml") || media.ends_with("+xml") {
        "assert_xml_body"
    } else if media == "application/x-www-form-urlencoded" {
        "assert_form_body"
    } else {
        "assert_bytes_body"
    };
    format!("{check}(&req.body, {});\n", lit(body))
}

#[cfg(test)]
mod tests;
