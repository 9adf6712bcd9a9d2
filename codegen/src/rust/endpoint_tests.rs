//! `tests/endpoints.rs`: every `smithy.rules#endpointTests` case of the model, through the
//! public API. The `params` of a case are read into `Params` and resolved by the
//! `DefaultResolver`; each of its `operationInputs` builds the config and the operation's input
//! and resolves through the operation's `resolve_endpoint`, as a call would.

use proc_macro2::TokenStream;
use quote::quote;

use super::docs::doc_attrs;
use super::endpoint::value_expr;
use crate::ir::endpoint::{ConfigSource, EndpointTestDef, Expected, OperationCase, ParamValue};
use crate::ir::{Ir, TypeRef};
use crate::naming::{ident, lib_name};

/// The tests file, or `None` without endpoint tests.
pub(crate) fn emit_endpoint_tests(ir: &Ir) -> Option<TokenStream> {
    let rules = ir.endpoint.as_deref()?;
    if rules.tests.is_empty() || ir.operations.is_empty() {
        return None;
    }
    let krate = ident(&lib_name(&ir.crate_name));
    let tests = rules.tests.iter().map(|t| emit_test(&krate, t));
    Some(quote! {
        //! The model's endpoint tests (`smithy.rules#endpointTests`): each case's parameters
        //! resolved by the `DefaultResolver`, and its operation calls resolved as they are sent.

        use #krate::config::endpoint::{DefaultResolver, Endpoint, Params, ResolveEndpointError};

        /// Compares a result with the case's expectation: the endpoint's JSON, or the error's
        /// message. A mismatch is the test's `Err`.
        fn check(got: ::std::result::Result<Endpoint, ResolveEndpointError>, expected: ::std::result::Result<&str, &str>) -> ::std::result::Result<(), ::std::string::String> {
            match (got, expected) {
                (::std::result::Result::Ok(endpoint), ::std::result::Result::Ok(want)) => {
                    let want: ::serde_json::Value = ::serde_json::from_str(want).map_err(|e| e.to_string())?;
                    let got = ::serde_json::to_value(&endpoint).map_err(|e| e.to_string())?;
                    if got == want {
                        ::std::result::Result::Ok(())
                    } else {
                        ::std::result::Result::Err(::std::format!("expected endpoint {want}, got {got}"))
                    }
                }
                (::std::result::Result::Err(error), ::std::result::Result::Err(want)) if error.to_string() == want => {
                    ::std::result::Result::Ok(())
                }
                (got, want) => ::std::result::Result::Err(::std::format!("expected {want:?}, got {got:?}")),
            }
        }

        /// Reads a case's parameters.
        fn params(json: &str) -> ::std::result::Result<Params, ResolveEndpointError> {
            ::serde_json::from_str(json).map_err(|e| ResolveEndpointError::message(e.to_string()))
        }

        #(#tests)*
    })
}

fn emit_test(krate: &proc_macro2::Ident, t: &EndpointTestDef) -> TokenStream {
    let name = ident(&t.name);
    let docs = doc_attrs(t.docs.as_deref());
    let params = &t.params_json;
    let expected = match &t.expect {
        Expected::Endpoint(json) => quote! { ::std::result::Result::Ok(#json) },
        Expected::Error(message) => quote! { ::std::result::Result::Err(#message) },
    };
    let operations = t.operations.iter().map(|o| {
        let f = ident(&o.test_fn);
        let body = operation_call(krate, o);
        quote! {
            #docs
            #[test]
            fn #f() -> ::std::result::Result<(), ::std::string::String> {
                let expected = #expected;
                #body
            }
        }
    });
    let operations: Vec<_> = operations.collect();
    quote! {
        #docs
        #[test]
        fn #name() -> ::std::result::Result<(), ::std::string::String> {
            check(params(#params).and_then(|p| DefaultResolver::new().resolve_endpoint(&p)), #expected)
        }
        #(#operations)*
    }
}

/// One operation call of a case; one that cannot be written is a string saying why.
fn operation_call(krate: &proc_macro2::Ident, o: &OperationCase) -> TokenStream {
    let module = ident(&o.module);
    let input = ident(&o.input);
    if let Some(why) = &o.skip {
        let note = format!("{}: not run: {why}", o.module);
        return quote! {
            let _: (::std::result::Result<&str, &str>, &str) = (expected, #note);
            ::std::result::Result::Ok(())
        };
    }
    let setters = o.config.iter().map(|(source, value)| {
        // Setters take `impl Into<String>`: string literals read best.
        let v = match value {
            ParamValue::String(s) => quote! { #s },
            other => value_expr(other),
        };
        match source {
            ConfigSource::Region => quote! { .region(#v) },
            ConfigSource::UseFips => quote! { .use_fips(#v) },
            ConfigSource::UseDualStack => quote! { .use_dual_stack(#v) },
            ConfigSource::EndpointUrl => quote! { .endpoint_url(#v) },
            ConfigSource::Setting(s) => {
                let s = ident(s);
                quote! { .#s(#v) }
            }
        }
    });
    let json = &o.input_json;
    let input = match &o.input_setters {
        Some(members) => {
            let calls = members.iter().map(|(field, ty, value)| {
                let f = ident(field);
                let v = literal(ty, value);
                quote! { .#f(#v) }
            });
            quote! { #krate::operation::#module::#input::builder() #(#calls)* .build() }
        }
        None => quote! {
            ::serde_json::from_str::<#krate::operation::#module::#input>(#json).map_err(|e| e.to_string())?
        },
    };
    quote! {
        let config = #krate::Config::builder().ignore_environment() #(#setters)* .build();
        let input = #input;
        check(#krate::operation::#module::resolve_endpoint(&input, &config), expected)
    }
}

/// A JSON value as a literal for a setter of type `ty` (strings, string enums, booleans,
/// integers; lowering checked that).
fn literal(ty: &TypeRef, v: &serde_json::Value) -> TokenStream {
    match (ty, v) {
        (TypeRef::Named(n), serde_json::Value::String(s)) => {
            let path = super::types::named_path(n);
            quote! { #path::from(#s) }
        }
        (_, serde_json::Value::String(s)) => quote! { #s },
        (_, serde_json::Value::Bool(b)) => quote! { #b },
        (_, serde_json::Value::Number(n)) => {
            let n = proc_macro2::Literal::i64_unsuffixed(n.as_i64().unwrap_or_default());
            quote! { #n }
        }
        _ => quote! { ::std::default::Default::default() },
    }
}
