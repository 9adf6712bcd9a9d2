//! Endpoint resolution from the service's rule set: `src/config/endpoint.rs` (`Params` and its
//! builder and serde form, `ResolveEndpoint`, `DefaultResolver`, the client settings that feed
//! parameters) and each operation's `endpoint_params` / `resolve_endpoint`.

use proc_macro2::{Literal, TokenStream};
use quote::quote;

use super::docs::{doc_attrs, doc_text};
use crate::ir::endpoint::{
    BindingValue, ConfigSource, EndpointParam, EndpointRules, ParamBinding, ParamType, ParamValue,
    PathStep,
};
use crate::ir::{FieldAccess, NamedKind, OperationDef, TypeRef};
use crate::naming::{self, ident};
use crate::rust::in_caller::IN_CALLER;

/// The Rust type of a parameter value.
fn value_type(ty: ParamType) -> TokenStream {
    match ty {
        ParamType::String => quote! { ::std::string::String },
        ParamType::Bool => quote! { bool },
        ParamType::StringArray => quote! { ::std::vec::Vec<::std::string::String> },
    }
}

/// Whether `Params` holds the parameter without an `Option` (it always has a value then).
fn always_set(p: &EndpointParam) -> bool {
    p.required || p.default.is_some()
}

/// A parameter value as an expression of its Rust type.
pub(crate) fn value_expr(v: &ParamValue) -> TokenStream {
    match v {
        ParamValue::String(s) => quote! { ::std::string::String::from(#s) },
        ParamValue::Bool(b) => quote! { #b },
        ParamValue::StringArray(items) => {
            quote! { ::std::vec![#(::std::string::String::from(#items)),*] }
        }
    }
}

/// `src/config/endpoint.rs`.
pub(crate) fn emit_endpoint_module(rules: &EndpointRules) -> TokenStream {
    let params = &rules.params;
    let fields = params.iter().map(|p| {
        let f = ident(&p.field);
        let ty = value_type(p.ty);
        let ty = if always_set(p) {
            ty
        } else {
            quote! { ::std::option::Option<#ty> }
        };
        quote! { #f: #ty }
    });
    let accessors = params.iter().map(|p| {
        let f = ident(&p.field);
        let mut docs = doc_attrs(p.docs.as_deref());
        if let Some(d) = &p.deprecated {
            docs.extend(doc_text(&format!("\nDeprecated: {d}")));
        }
        let name = doc_text(&format!("\nThe rule set's `{}` parameter.", p.name));
        let (ty, body) = match (p.ty, always_set(p)) {
            (ParamType::String, true) => (quote! { &str }, quote! { &self.#f }),
            (ParamType::String, false) => (
                quote! { ::std::option::Option<&str> },
                quote! { self.#f.as_deref() },
            ),
            (ParamType::Bool, true) => (quote! { bool }, quote! { self.#f }),
            (ParamType::Bool, false) => {
                (quote! { ::std::option::Option<bool> }, quote! { self.#f })
            }
            (ParamType::StringArray, true) => {
                (quote! { &[::std::string::String] }, quote! { &self.#f })
            }
            (ParamType::StringArray, false) => (
                quote! { ::std::option::Option<&[::std::string::String]> },
                quote! { self.#f.as_deref() },
            ),
        };
        quote! { #docs #name pub fn #f(&self) -> #ty { #body } }
    });
    let builder_fields = params.iter().map(|p| {
        let f = ident(&p.field);
        let ty = value_type(p.ty);
        quote! { #f: ::std::option::Option<#ty> }
    });
    let setters = params.iter().map(|p| {
        let (f, set) = (ident(&p.field), ident(&p.option_setter));
        let ty = value_type(p.ty);
        let arg = match p.ty {
            ParamType::Bool => quote! { bool },
            _ => quote! { impl ::std::convert::Into<#ty> },
        };
        let conv = match p.ty {
            ParamType::Bool => quote! { value },
            _ => quote! { value.into() },
        };
        let doc = doc_text(&format!("Sets `{}`.", p.name));
        let set_doc = doc_text(&format!("Sets or clears `{}`.", p.name));
        quote! {
            #doc
            pub fn #f(mut self, value: #arg) -> Self { self.#f = ::std::option::Option::Some(#conv); self }
            #set_doc
            pub fn #set(mut self, value: ::std::option::Option<#ty>) -> Self { self.#f = value; self }
        }
    });
    let build_fields = params.iter().map(|p| {
        let f = ident(&p.field);
        let name = &p.name;
        match (&p.default, p.required) {
            (Some(ParamValue::Bool(b)), _) => quote! { #f: self.#f.unwrap_or(#b) },
            (Some(d), _) => {
                let d = value_expr(d);
                quote! { #f: self.#f.unwrap_or_else(|| #d) }
            }
            (None, true) => quote! {
                #f: self.#f.ok_or_else(|| ResolveEndpointError::message(
                    ::std::concat!("a required endpoint parameter is missing: ", #name)
                ))?
            },
            (None, false) => quote! { #f: self.#f },
        }
    });
    let from_config = params.iter().filter_map(|p| {
        let set = ident(&p.option_setter);
        let value = match p.source.as_ref()? {
            ConfigSource::Region => quote! { config.region.clone() },
            ConfigSource::UseFips => quote! { ::std::option::Option::Some(config.use_fips) },
            ConfigSource::UseDualStack => {
                quote! { ::std::option::Option::Some(config.use_dual_stack) }
            }
            ConfigSource::EndpointUrl => quote! { config.endpoint_url.clone() },
            ConfigSource::Setting(s) => {
                let copy = rules
                    .settings
                    .iter()
                    .any(|x| &x.field == s && x.ty == ParamType::Bool);
                let s = ident(s);
                if copy {
                    quote! { config.endpoint.#s }
                } else {
                    quote! { config.endpoint.#s.clone() }
                }
            }
        };
        Some(quote! { .#set(#value) })
    });
    let slots = params.iter().enumerate().map(|(i, p)| {
        let f = ident(&p.field);
        let i = Literal::usize_unsuffixed(i);
        let v = match (p.ty, always_set(p)) {
            (ParamType::String, true) => quote! { Value::Str(&params.#f) },
            (ParamType::String, false) => quote! { Value::str(params.#f.as_deref()) },
            (ParamType::Bool, true) => quote! { Value::Bool(params.#f) },
            (ParamType::Bool, false) => quote! { Value::bool(params.#f) },
            (ParamType::StringArray, true) => {
                quote! { Value::strings(::std::option::Option::Some(&params.#f)) }
            }
            (ParamType::StringArray, false) => quote! { Value::strings(params.#f.as_deref()) },
        };
        quote! { slots[#i] = #v; }
    });
    let n = Literal::usize_unsuffixed(rules.slots);
    let de_arms = params.iter().map(|p| {
        let (name, set) = (&p.name, ident(&p.option_setter));
        quote! { #name => builder = builder.#set(map.next_value()?), }
    });
    let names = params.iter().map(|p| &p.name);
    let settings = emit_settings(rules);
    // Rules without `SDK::Endpoint` cannot see the config's endpoint URL; it wins outright.
    let override_url = (!params
        .iter()
        .any(|p| p.source == Some(ConfigSource::EndpointUrl)))
    .then(|| {
        quote! {
            if let ::std::option::Option::Some(url) = &config.endpoint_url {
                return ::std::result::Result::Ok(Endpoint::new(url.clone()));
            }
        }
    });
    quote! {
        //! Endpoint resolution: the parameters of the service's endpoint rules, the resolver that
        //! evaluates them, and the client settings that feed them.

        mod rules;

        pub use crate::rt::endpoint::{Endpoint, Property, ResolveEndpointError};
        use crate::rt::endpoint_eval::Value;

        /// The parameters of the service's endpoint rules. Build them with [`Params::builder`],
        /// or read them from an endpoint test's JSON (`{"Region": "us-east-1"}`).
        #[derive(Debug, Clone, PartialEq, Eq)]
        pub struct Params {
            #(#fields,)*
        }

        impl Params {
            /// A builder with nothing set.
            pub fn builder() -> ParamsBuilder {
                ParamsBuilder::default()
            }
            #(#accessors)*
        }

        /// Builds [`Params`]; `build()` applies defaults and rejects a missing required parameter.
        #[derive(Debug, Clone, Default, PartialEq, Eq)]
        pub struct ParamsBuilder {
            #(#builder_fields,)*
        }

        impl ParamsBuilder {
            #(#setters)*
            /// The parameters, or an error naming a required one that is missing.
            pub fn build(self) -> ::std::result::Result<Params, ResolveEndpointError> {
                ::std::result::Result::Ok(Params { #(#build_fields,)* })
            }
            /// The parameters the client config gives.
            pub(crate) fn from_config(config: &crate::config::Config) -> Self {
                Self::default() #(#from_config)*
            }
        }

        /// The JSON object of an endpoint test's `params`, with the rule set's parameter names;
        /// unknown names are an error.
        impl<'de> ::serde::Deserialize<'de> for Params {
            fn deserialize<D: ::serde::Deserializer<'de>>(d: D) -> ::std::result::Result<Self, D::Error> {
                struct Visitor;
                impl<'de> ::serde::de::Visitor<'de> for Visitor {
                    type Value = Params;
                    fn expecting(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                        f.write_str("an object of endpoint parameters")
                    }
                    fn visit_map<A: ::serde::de::MapAccess<'de>>(self, mut map: A) -> ::std::result::Result<Params, A::Error> {
                        let mut builder = Params::builder();
                        while let ::std::option::Option::Some(key) = map.next_key::<::std::string::String>()? {
                            match key.as_str() {
                                #(#de_arms)*
                                other => return ::std::result::Result::Err(::serde::de::Error::unknown_field(other, &[#(#names),*])),
                            }
                        }
                        builder.build().map_err(::serde::de::Error::custom)
                    }
                }
                d.deserialize_map(Visitor)
            }
        }

        /// Turns endpoint parameters into an endpoint. Set your own with
        /// [`ConfigBuilder::endpoint_resolver`](crate::config::ConfigBuilder::endpoint_resolver).
        pub trait ResolveEndpoint: ::std::marker::Send + ::std::marker::Sync + ::std::fmt::Debug {
            /// The endpoint for these parameters, or the reason there is none.
            fn resolve_endpoint(&self, params: &Params) -> ::std::result::Result<Endpoint, ResolveEndpointError>;
        }

        /// The service's own endpoint rules.
        #[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
        pub struct DefaultResolver;

        impl DefaultResolver {
            /// The resolver.
            pub fn new() -> Self {
                DefaultResolver
            }
            /// The endpoint for these parameters, or the rule set's error (also
            /// [`ResolveEndpoint::resolve_endpoint`], so no import is needed).
            pub fn resolve_endpoint(&self, params: &Params) -> ::std::result::Result<Endpoint, ResolveEndpointError> {
                let mut slots: [Value<'_>; #n] = [const { Value::None }; #n];
                #(#slots)*
                crate::rt::endpoint_eval::resolve(&rules::PROGRAM, &mut slots)
            }
        }

        impl ResolveEndpoint for DefaultResolver {
            fn resolve_endpoint(&self, params: &Params) -> ::std::result::Result<Endpoint, ResolveEndpointError> {
                DefaultResolver::resolve_endpoint(self, params)
            }
        }

        /// The endpoint of a call: the config's resolver, else the service's rules.
        pub(crate) fn resolve(
            config: &crate::config::Config,
            params: &Params,
        ) -> ::std::result::Result<Endpoint, ResolveEndpointError> {
            #override_url
            match &config.endpoint.resolver {
                ::std::option::Option::Some(resolver) => resolver.resolve_endpoint(params),
                ::std::option::Option::None => DefaultResolver::new().resolve_endpoint(params),
            }
        }

        #settings
    }
}

/// `EndpointConfig` (the config's endpoint settings) and the `ConfigBuilder` setters for them.
fn emit_settings(rules: &EndpointRules) -> TokenStream {
    let fields = rules.settings.iter().map(|s| {
        let f = ident(&s.field);
        let ty = value_type(s.ty);
        quote! { pub(crate) #f: ::std::option::Option<#ty> }
    });
    let setters = rules.settings.iter().map(|s| {
        let f = ident(&s.field);
        let docs = doc_text(&s.docs);
        let (arg, conv) = match s.ty {
            ParamType::Bool => (quote! { bool }, quote! { value }),
            ty => {
                let ty = value_type(ty);
                (
                    quote! { impl ::std::convert::Into<#ty> },
                    quote! { value.into() },
                )
            }
        };
        quote! {
            #docs
            pub fn #f(mut self, value: #arg) -> Self {
                self.endpoint.#f = ::std::option::Option::Some(#conv);
                self
            }
        }
    });
    quote! {
        /// The endpoint settings of a client config.
        #[derive(Debug, Clone, Default)]
        pub(crate) struct EndpointConfig {
            pub(crate) resolver: ::std::option::Option<::std::sync::Arc<dyn ResolveEndpoint>>,
            #(#fields,)*
        }

        impl crate::config::ConfigBuilder {
            /// Resolves endpoints with this resolver instead of the service's rules.
            pub fn endpoint_resolver(mut self, resolver: impl ResolveEndpoint + 'static) -> Self {
                self.endpoint.resolver = ::std::option::Option::Some(::std::sync::Arc::new(resolver));
                self
            }
            #(#setters)*
        }
    }
}

/// An operation's `endpoint_params`, `resolve_endpoint` and the orchestrator's `endpoint`.
pub(crate) fn emit_operation_endpoint(op: &OperationDef, rules: &EndpointRules) -> TokenStream {
    let input = ident(&op.input.name);
    let mut helpers = Vec::new();
    // Least specific first, so the most specific value that is set wins.
    let bindings = op.endpoint_bindings.iter().rev().filter_map(|b| {
        let p = rules.params.get(b.param)?;
        Some(binding(op, b, p, &mut helpers))
    });
    let bindings: Vec<_> = bindings.collect();
    let reads_input = op
        .endpoint_bindings
        .iter()
        .any(|b| !matches!(b.value, BindingValue::Static(_)));
    let input_arg = if reads_input {
        ident("input")
    } else {
        ident("_input")
    };
    // Most operations bind nothing of their own: the runtime's macro writes all three.
    if bindings.is_empty() {
        return quote! { crate::rt::endpoint::operation_endpoint!(@params #input); };
    }
    quote! {
        /// The endpoint parameters of a call with this input and config: the config's, then
        /// the operation's own (static values, then input members), then the defaults.
        #IN_CALLER
        pub fn endpoint_params(
            #input_arg: &#input,
            config: &crate::config::Config,
        ) -> ::std::result::Result<crate::config::endpoint::Params, crate::config::endpoint::ResolveEndpointError> {
            let mut params = crate::config::endpoint::ParamsBuilder::from_config(config);
            #(#bindings)*
            params.build()
        }

        crate::rt::endpoint::operation_endpoint!(#input);

        #(#helpers)*
    }
}

/// The statement that applies one binding to `params`.
fn binding(
    op: &OperationDef,
    b: &ParamBinding,
    p: &EndpointParam,
    helpers: &mut Vec<TokenStream>,
) -> TokenStream {
    let setter = ident(&p.field);
    match &b.value {
        BindingValue::Static(v) => {
            let v = value_expr(v);
            quote! { params = params.#setter(#v); }
        }
        BindingValue::Field {
            access,
            ty,
            required,
        } => {
            let f = ident(&access.field);
            let conv = to_param(ty, quote! { value });
            // The spec forbids sending a call whose required context member is unset, empty
            // or blank (S3's `Bucket`, which the endpoint, not the path, then carries).
            let is_string = matches!(unboxed(ty), TypeRef::String);
            let check = (*required && is_string).then(|| {
                let message = format!(
                    "the input's `{}` is required and must not be empty or blank",
                    access.member
                );
                quote! {
                    if value.trim().is_empty() {
                        return ::std::result::Result::Err(
                            crate::config::endpoint::ResolveEndpointError::message(#message),
                        );
                    }
                }
            });
            let missing = (*required && is_string).then(|| {
                let message = format!("the input's `{}` is required", access.member);
                quote! {
                    else {
                        return ::std::result::Result::Err(
                            crate::config::endpoint::ResolveEndpointError::message(#message),
                        );
                    }
                }
            });
            if access.optional {
                quote! {
                    if let ::std::option::Option::Some(value) = &input.#f {
                        #check
                        params = params.#setter(#conv);
                    } #missing
                }
            } else {
                quote! {
                    let value = &input.#f;
                    #check
                    params = params.#setter(#conv);
                }
            }
        }
        BindingValue::Path(steps) => {
            let name = ident(&naming::endpoint_path_fn(&p.field));
            let input = ident(&op.input.name);
            let ty = value_type(p.ty);
            let body = path_body(steps);
            helpers.push(quote! {
                /// The endpoint parameter's value from the input, by the operation's path.
                #IN_CALLER
                fn #name(input: &#input) -> ::std::option::Option<#ty> {
                    let value = input;
                    #body
                }
            });
            quote! {
                if let ::std::option::Option::Some(value) = #name(input) {
                    params = params.#setter(value);
                }
            }
        }
    }
}

/// `value` (a reference to a member of type `ty`) as the parameter's value.
fn to_param(ty: &TypeRef, value: TokenStream) -> TokenStream {
    match ty {
        TypeRef::Boxed(inner) => to_param(inner, quote! { (&**#value) }),
        TypeRef::Bool => quote! { *#value },
        TypeRef::Named(n) if n.kind == NamedKind::Enum => quote! { #value.as_str().to_string() },
        TypeRef::List { item, .. } => {
            let item = to_param(item, quote! { v });
            quote! { #value.iter().map(|v| #item).collect::<::std::vec::Vec<_>>() }
        }
        _ => quote! { #value.clone() },
    }
}

/// The body of a path helper, with `value` (the input) in scope: the steps before the first
/// projection return `None` when a value is missing; from the first projection on, the values
/// found are collected into `out`, and missing ones are skipped.
fn path_body(steps: &[PathStep]) -> TokenStream {
    let Some((first, rest)) = steps.split_first() else {
        return TokenStream::new();
    };
    let next = |tail: TokenStream| match first {
        PathStep::Field(access, _) => {
            let step = field_step(access);
            quote! { let value = #step; #tail }
        }
        PathStep::Variant { union, variant, .. } => {
            let (u, v) = (super::types::named_path(union), ident(variant));
            quote! {
                let #u::#v(value) = value else { return ::std::option::Option::None; };
                #tail
            }
        }
        _ => TokenStream::new(),
    };
    match first {
        PathStep::Field(_, ty) | PathStep::Variant { ty, .. } if rest.is_empty() => {
            let v = to_param(unboxed(ty), quote! { value });
            next(quote! { ::std::option::Option::Some(#v) })
        }
        PathStep::Field(..) | PathStep::Variant { .. } => next(path_body(rest)),
        _ => {
            let collect = push_values(steps);
            quote! {
                let mut out = ::std::vec::Vec::new();
                #collect
                ::std::option::Option::Some(out)
            }
        }
    }
}

/// Statements that push every value the steps reach from `value` into `out`.
fn push_values(steps: &[PathStep]) -> TokenStream {
    let Some((first, rest)) = steps.split_first() else {
        return quote! { out.push(value.to_string()); };
    };
    let tail = match first {
        PathStep::Field(_, ty) | PathStep::Variant { ty, .. } if rest.is_empty() => {
            let v = to_param(unboxed(ty), quote! { value });
            quote! { out.push(#v); }
        }
        _ => push_values(rest),
    };
    match first {
        PathStep::Field(access, _) => {
            let f = ident(&access.field);
            match (access.optional, access.boxed) {
                (true, true) => {
                    quote! { if let ::std::option::Option::Some(value) = value.#f.as_deref() { #tail } }
                }
                (true, false) => {
                    quote! { if let ::std::option::Option::Some(value) = value.#f.as_ref() { #tail } }
                }
                (false, true) => quote! { { let value = &*value.#f; #tail } },
                (false, false) => quote! { { let value = &value.#f; #tail } },
            }
        }
        PathStep::Variant { union, variant, .. } => {
            let (u, v) = (super::types::named_path(union), ident(variant));
            quote! { if let #u::#v(value) = value { #tail } }
        }
        PathStep::Each => quote! { for value in value.iter() { #tail } },
        PathStep::Values => quote! { for value in value.values() { #tail } },
        PathStep::Keys => quote! {
            let mut keys: ::std::vec::Vec<::std::string::String> = value.keys().map(|k| k.to_string()).collect();
            keys.sort();
            for value in &keys { #tail }
        },
        PathStep::MultiSelect(branches) => {
            let branches = branches.iter().map(|b| {
                let code = push_values(b);
                quote! { { #code } }
            });
            quote! { #(#branches)* }
        }
    }
}

fn unboxed(t: &TypeRef) -> &TypeRef {
    match t {
        TypeRef::Boxed(inner) => unboxed(inner),
        other => other,
    }
}

/// The expression for stepping into a member from `value` (a reference), with `?` when it is
/// optional.
fn field_step(access: &FieldAccess) -> TokenStream {
    let f = ident(&access.field);
    match (access.optional, access.boxed) {
        (true, true) => quote! { value.#f.as_deref()? },
        (true, false) => quote! { value.#f.as_ref()? },
        (false, true) => quote! { &*value.#f },
        (false, false) => quote! { &value.#f },
    }
}
