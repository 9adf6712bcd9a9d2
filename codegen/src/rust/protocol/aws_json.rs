//! awsJson1_0 and awsJson1_1: every call is `POST /` with the whole input as a JSON document
//! (`{}` when it is empty), named by `X-Amz-Target: {Service}.{Operation}`. Responses and
//! errors read as restJson1's JSON bodies do.

use proc_macro2::TokenStream;
use quote::quote;

use crate::ir::{OperationDef, Protocol, StructDef};
use crate::naming::ident;
use crate::rust::in_caller::IN_CALLER;

/// `serialize_request` and the response readers of one operation.
pub(crate) fn emit(
    op: &OperationDef,
    errors: &[StructDef],
    protocol: Protocol,
    service: &str,
) -> TokenStream {
    let input_name = ident(&op.input.name);
    let content_type = match protocol {
        Protocol::AwsJson1_0 => "application/x-amz-json-1.0",
        _ => "application/x-amz-json-1.1",
    };
    let target = format!("{service}.{}", op.wire_name);
    let (fill_tokens, input_arg, config_arg) = super::serialize_args(op);
    let host_prefix_decl = super::host_prefix_decl(op);
    let body = if op.input.fields.is_empty() {
        quote! { crate::http::Body::from_static(b"{}") }
    } else {
        quote! { crate::http::Body::from(::serde_json::to_vec(&input).map_err(|e| e.to_string())?) }
    };
    let parse = super::json::emit_parse(op, 200, errors);
    let endpoint = super::endpoint_expr(op);
    quote! {
        /// Serializes the input into the JSON request document.
        #IN_CALLER
        pub(crate) fn serialize_request(#input_arg: #input_name, #config_arg: &crate::config::Config) -> ::std::result::Result<crate::rt::protocol::RequestParts, ::std::string::String> {
            #fill_tokens
            #host_prefix_decl
            ::std::result::Result::Ok(crate::rt::protocol::RequestParts {
                host_prefix,
                endpoint: #endpoint,
                method: "POST",
                path: ::std::string::String::from("/"),
                query: ::std::string::String::new(),
                headers: ::std::vec![
                    (::std::string::String::from("content-type"), ::std::string::String::from(#content_type)),
                    (::std::string::String::from("x-amz-target"), ::std::string::String::from(#target)),
                ],
                body: #body,
            })
        }

        #parse
    }
}
