//! awsQuery and ec2Query: every call is `POST /` with an `application/x-www-form-urlencoded`
//! body, `Action={Operation}&Version={version}` and then the input's members
//! ([`super::query_ser`]). Responses are XML ([`super::xml_de`]): awsQuery wraps the output in
//! `<{Operation}Response><{Operation}Result>`, ec2Query in `<{Operation}Response>` alone; errors
//! are `<ErrorResponse><Error>` and `<Response><Errors><Error>`.

use proc_macro2::TokenStream;
use quote::quote;

use super::query_ser::struct_writer;
use super::xml_de::{ErrorWrapping, emit_parse_error, struct_reader};
use crate::ir::{OperationDef, Protocol, ServiceDef, StructDef};
use crate::naming::ident;
use crate::rust::in_caller::IN_CALLER;

/// `serialize_request` and the response readers of one operation, with the input's writer and
/// the output's reader.
pub(crate) fn emit(op: &OperationDef, errors: &[StructDef], service: &ServiceDef) -> TokenStream {
    let ec2 = service.protocol == Protocol::Ec2Query;
    let input_name = ident(&op.input.name);
    let output_name = ident(&op.output.name);
    let error_name = ident(&op.error.name);
    let (fill_tokens, input_arg, config_arg) = super::serialize_args(op);
    let host_prefix_decl = super::host_prefix_decl(op);
    let endpoint = super::endpoint_expr(op);
    let action = &op.wire_name;
    let version = service.version.as_deref().unwrap_or_default();
    let (writer_binding, write_input) = if op.input.fields.is_empty() {
        (quote! { writer }, None)
    } else {
        (
            quote! { mut writer },
            Some(quote! { crate::rt::query::WriteQuery::write_query(&input, &mut writer, "")?; }),
        )
    };
    let input_writer = (!op.input.fields.is_empty())
        .then(|| struct_writer(&op.input, &quote! { #input_name }, ec2));
    let output_reader = struct_reader(&op.output, &quote! { #output_name });
    let output_element = if ec2 {
        quote! { &root }
    } else {
        let result = format!("{}Result", op.wire_name);
        quote! { crate::rt::xml_de::child_or_empty(&root, #result) }
    };
    let wrapping = if ec2 {
        ErrorWrapping::Ec2Query
    } else {
        ErrorWrapping::AwsQuery
    };
    let parse_error = emit_parse_error(op, errors, wrapping, &|_| Vec::new());
    let code = op.http.code;
    quote! {
        /// Serializes the input into the form-encoded request body.
        #IN_CALLER
        pub(crate) fn serialize_request(#input_arg: #input_name, #config_arg: &crate::config::Config) -> ::std::result::Result<crate::rt::protocol::RequestParts, ::std::string::String> {
            #fill_tokens
            #host_prefix_decl
            let #writer_binding = crate::rt::query::QueryWriter::new(#action, #version);
            #write_input
            ::std::result::Result::Ok(crate::rt::protocol::RequestParts {
                host_prefix,
                endpoint: #endpoint,
                method: "POST",
                path: ::std::string::String::from("/"),
                query: ::std::string::String::new(),
                headers: ::std::vec![
                    (::std::string::String::from("content-type"), ::std::string::String::from("application/x-www-form-urlencoded")),
                ],
                body: crate::http::Body::from(writer.finish()),
            })
        }

        #input_writer

        #output_reader

        /// Reads a response: the modeled success status (or any other 2xx, as AWS SDKs accept)
        /// gives the output, read from the XML body; anything else an error.
        #IN_CALLER
        pub(crate) fn parse_response(response: &crate::http::HttpResponse) -> ::std::result::Result<#output_name, crate::rt::orchestrator::Failure<#error_name>> {
            if !crate::rt::protocol::is_success(response.status, #code) {
                return ::std::result::Result::Err(crate::rt::orchestrator::Failure::Service(parse_error(response)));
            }
            let ::std::option::Option::Some(body) = response.body.bytes() else {
                return ::std::result::Result::Err(crate::rt::orchestrator::Failure::Unreadable(::std::string::String::from("the body is still a stream; collect it first")));
            };
            let root = crate::rt::xml_de::document(body).map_err(crate::rt::orchestrator::Failure::Unreadable)?;
            <#output_name as crate::rt::xml_de::FromXml>::from_xml(#output_element)
                .map_err(crate::rt::orchestrator::Failure::Unreadable)
        }

        pub(crate) const PARSE: crate::rt::orchestrator::Parse<#output_name, #error_name> = crate::rt::orchestrator::Parse::Buffered(parse_response);

        /// Reads a complete HTTP response without any I/O: the output, or the error the
        /// service returned, or a description of an unreadable body. For custom HTTP stacks,
        /// tests and benchmarks; `send()` uses the same code.
        #IN_CALLER
        pub fn read_response(response: &crate::http::HttpResponse) -> ::std::result::Result<#output_name, crate::error::SdkError<#error_name>> {
            parse_response(response).map_err(|failure| crate::rt::orchestrator::into_sdk_error(failure, response))
        }

        #parse_error
    }
}
