//! The generated crate's own tests (`tests/errors.rs`): for every operation, each modeled
//! error is identified from its wire code, and an unknown code stays `Unhandled`. They run
//! sans-IO through the public `parse_error`, so `cargo test` on any generated crate checks the
//! wiring of every error of the real model.

use proc_macro2::TokenStream;
use quote::quote;

use crate::ir::{Ir, NamedKind, Presence, Protocol, StructDef, TypeRef};
use crate::naming::{ident, lib_name};

/// The tests file, or `None` when the crate has no operations.
pub(crate) fn emit_error_tests(ir: &Ir) -> Option<TokenStream> {
    let service = ir.service.as_ref()?;
    if ir.operations.is_empty() {
        return None;
    }
    let krate = ident(&lib_name(&ir.crate_name));
    let tests = ir.operations.iter().map(|op| {
        let module = ident(&op.module);
        let enum_name = ident(&op.error.name);
        let checks = op
            .error
            .variants
            .iter()
            .filter(|v| {
                ir.errors
                    .iter()
                    .find(|e| e.name == v.ty.name)
                    .is_some_and(|e| !needs_members(e))
            })
            .map(|v| {
                let vname = ident(&v.name);
                let response = error_response(service.protocol, &v.code);
                let code = &v.code;
                quote! {
                    let error = parse_error(&#response);
                    assert!(matches!(error, #enum_name::#vname(_)), "{}: {error:?}", #code);
                }
            });
        let unknown = error_response(service.protocol, "NoSuchModeledErrorCode");
        quote! {
            #[test]
            fn #module() {
                use #krate::operation::#module::{#enum_name, parse_error};
                #(#checks)*
                let error = parse_error(&#unknown);
                assert!(matches!(error, #enum_name::Unhandled(_)), "{error:?}");
            }
        }
    });
    Some(quote! {
        //! Every operation identifies each of its modeled errors by its wire code, and keeps an
        //! unknown code as `Unhandled`.

        use #krate::http::HttpResponse;

        #(#tests)*
    })
}

/// An error response carrying `code` as the protocol sends it.
fn error_response(protocol: Protocol, code: &str) -> TokenStream {
    match protocol {
        Protocol::RestJson1 => quote! {
            HttpResponse::new(400, "{}").with_header("x-amzn-errortype", #code)
        },
        Protocol::AwsJson1_0 | Protocol::AwsJson1_1 => {
            let body = serde_json::json!({ "__type": code }).to_string();
            quote! { HttpResponse::new(400, #body) }
        }
        Protocol::AwsQuery | Protocol::RestXml => {
            let body = format!(
                "<ErrorResponse><Error><Type>Sender</Type><Code>{code}</Code><Message>m</Message></Error><RequestId>r</RequestId></ErrorResponse>"
            );
            quote! { HttpResponse::new(400, #body) }
        }
        Protocol::Ec2Query => {
            let body = format!(
                "<Response><Errors><Error><Code>{code}</Code><Message>m</Message></Error></Errors><RequestID>r</RequestID></Response>"
            );
            quote! { HttpResponse::new(400, #body) }
        }
    }
}

/// An error whose `{}` body cannot be read: a required structure or union member has no zero
/// value to fill in.
fn needs_members(e: &StructDef) -> bool {
    e.fields.iter().any(|f| {
        matches!(f.presence, Presence::Required { .. })
            && matches!(&f.ty, TypeRef::Named(n) if matches!(n.kind, NamedKind::Struct | NamedKind::Union))
    })
}
