//! The protocol seam on the emitting side: each protocol is a module that writes an
//! operation's `serialize_request`, `parse_response` and `parse_error`; what every protocol
//! shares (idempotency tokens, host prefixes, the call's `META`) is here. The user-facing types
//! know no protocol.

mod aws_json;
mod http_bindings;
mod json;
mod query;
pub(crate) mod query_ser;
mod rest_json;
mod rest_request;
mod rest_xml;
pub(crate) mod xml_de;
pub(crate) mod xml_ser;

use std::collections::BTreeSet;

use proc_macro2::{Ident, TokenStream};
use quote::quote;

use crate::ir::{
    Ir, NamedKind, OperationDef, PathPart, Presence, Protocol, RequestHook, ServiceDef, StructDef,
    TypeDef, TypeRef,
};
use crate::naming::ident;
use crate::rust::in_caller::IN_CALLER;

/// An operation's protocol code, with the items every protocol shares. `errors` are the
/// crate's error structures.
pub(crate) fn emit_protocol(
    op: &OperationDef,
    errors: &[StructDef],
    service: &ServiceDef,
) -> TokenStream {
    let code = match service.protocol {
        Protocol::RestJson1 => rest_json::emit(op, errors),
        Protocol::AwsJson1_0 | Protocol::AwsJson1_1 => {
            aws_json::emit(op, errors, service.protocol, &service.wire_name)
        }
        Protocol::AwsQuery | Protocol::Ec2Query => query::emit(op, errors, service),
        Protocol::RestXml => rest_xml::emit(op, errors, service),
    };
    let unsigned_payload = op.unsigned_payload;
    let op_name = &op.name;
    let hooks = op.hooks.iter().map(|h| match h {
        RequestHook::Gzip => quote! { crate::rt::compression::gzip_request },
        RequestHook::ContentMd5 => quote! { crate::rt::checksums::content_md5 },
        RequestHook::GlacierTreeHash => quote! { crate::rt::checksums::glacier_tree_hash },
    });
    let meta = if !unsigned_payload && op.hooks.is_empty() {
        quote! { crate::rt::orchestrator::OperationMeta::plain(#op_name) }
    } else {
        quote! {
            crate::rt::orchestrator::OperationMeta {
                name: #op_name,
                unsigned_payload: #unsigned_payload,
                hooks: &[#(#hooks),*],
            }
        }
    };
    quote! {
        #code

        /// What the call does besides serializing and parsing.
        pub(crate) const META: crate::rt::orchestrator::OperationMeta = #meta;
    }
}

/// The start of `serialize_request`: statements filling unset idempotency tokens (once, before
/// any retry, so retries reuse them), and the names of its two parameters, `_`-prefixed when
/// unused.
fn serialize_args(op: &OperationDef) -> (Option<TokenStream>, Ident, Ident) {
    let tokens: Vec<_> = op
        .input
        .fields
        .iter()
        .filter(|f| {
            f.idempotency_token && f.presence == Presence::Optional && f.ty == TypeRef::String
        })
        .map(|f| ident(&f.name))
        .collect();
    let fill_tokens = (!tokens.is_empty()).then(|| {
        quote! {
            let mut input = input;
            #(
                if input.#tokens.is_none() {
                    input.#tokens = ::std::option::Option::Some(config.idempotency_token_provider.make_token());
                }
            )*
        }
    });
    // An input with no members has nothing to read.
    let input_arg = if op.input.fields.is_empty() {
        ident("_input")
    } else {
        ident("input")
    };
    // Only idempotency tokens read the config.
    let config_arg = if fill_tokens.is_some() {
        ident("config")
    } else {
        ident("_config")
    };
    (fill_tokens, input_arg, config_arg)
}

/// The `endpoint` of the request parts: the input's URL member, for the one customization
/// that has one, else `None`.
fn endpoint_expr(op: &OperationDef) -> TokenStream {
    match &op.endpoint_field {
        Some(field) => {
            let f = ident(field);
            quote! { input.#f.clone() }
        }
        None => quote! { ::std::option::Option::None },
    }
}

/// `let host_prefix = …;`: the operation's `@endpoint` host prefix with its labels filled in.
fn host_prefix_decl(op: &OperationDef) -> TokenStream {
    let host_prefix: Vec<TokenStream> = op
        .http
        .host_prefix
        .iter()
        .map(|p| match p {
            PathPart::Literal(text) => match text.chars().next() {
                Some(c) if text.len() == c.len_utf8() => quote! { host_prefix.push(#c); },
                _ => quote! { host_prefix.push_str(#text); },
            },
            PathPart::Label { field, member, .. } => {
                let fname = ident(field);
                let f = op.input.fields.iter().find(|f| &f.name == field);
                match f.map(|f| &f.presence) {
                    Some(Presence::Optional) => quote! {
                        crate::rt::protocol::push_host_label(&mut host_prefix, #member, input.#fname.as_deref().unwrap_or_default())?;
                    },
                    _ => quote! {
                        crate::rt::protocol::push_host_label(&mut host_prefix, #member, &input.#fname)?;
                    },
                }
            }
        })
        .collect();
    if host_prefix.is_empty() {
        quote! { let host_prefix = ::std::string::String::new(); }
    } else {
        quote! {
            let mut host_prefix = ::std::string::String::new();
            #(#host_prefix)*
        }
    }
}

/// The generated types (module path, name) that values of the `roots` types can hold, through
/// structure and union members, list items and map values.
pub(crate) fn reachable<'a>(
    ir: &'a Ir,
    roots: impl IntoIterator<Item = &'a TypeRef>,
) -> BTreeSet<(Vec<String>, String)> {
    let mut seen = BTreeSet::new();
    let mut todo: Vec<&TypeRef> = roots.into_iter().collect();
    while let Some(ty) = todo.pop() {
        match ty {
            TypeRef::Named(n) if matches!(n.kind, NamedKind::Struct | NamedKind::Union) => {
                if !seen.insert((n.module.clone(), n.name.clone())) {
                    continue;
                }
                let is_error = n.module.iter().map(String::as_str).eq(["types", "error"]);
                if is_error {
                    if let Some(e) = ir.errors.iter().find(|e| e.name == n.name) {
                        todo.extend(e.fields.iter().map(|f| &f.ty));
                    }
                    continue;
                }
                match ir.types.iter().find(|t| t.name() == n.name) {
                    Some(TypeDef::Struct(s)) => todo.extend(s.fields.iter().map(|f| &f.ty)),
                    Some(TypeDef::Union(u)) => {
                        todo.extend(u.variants.iter().filter_map(|v| v.ty.as_ref()))
                    }
                    _ => {}
                }
            }
            TypeRef::List { item, .. } => todo.push(item),
            TypeRef::Map { value, .. } => todo.push(value),
            TypeRef::Boxed(inner) => todo.push(inner),
            _ => {}
        }
    }
    seen
}

/// `parse_response`, the `PARSE` constant and `read_response` of an HTTP protocol. `read_body`
/// binds `output` from `body` (the bytes in memory; nothing for a streaming output), `fill`
/// sets the header, prefix-header and status members, and `take_payload`, for a streaming
/// output, moves the body into its member.
fn response_fns(
    op: &OperationDef,
    code: u16,
    read_body: &TokenStream,
    fill: &[TokenStream],
    take_payload: Option<TokenStream>,
) -> TokenStream {
    let output_name = ident(&op.output.name);
    let error_name = ident(&op.error.name);
    if take_payload.is_some() {
        quote! {
            /// Reads a response: the modeled success status (or any other 2xx, as AWS SDKs accept)
            /// gives the output, whose payload is the body still streaming; anything else an
            /// error, read from the body in memory.
            #IN_CALLER
            pub(crate) fn parse_response(response: crate::http::HttpResponse) -> ::std::result::Result<#output_name, crate::rt::orchestrator::Failure<#error_name>> {
                if !crate::rt::protocol::is_success(response.status, #code) {
                    return ::std::result::Result::Err(crate::rt::orchestrator::Failure::Service(parse_error(&response)));
                }
                #read_body
                #(#fill)*
                #take_payload
                ::std::result::Result::Ok(output)
            }

            pub(crate) const PARSE: crate::rt::orchestrator::Parse<#output_name, #error_name> = crate::rt::orchestrator::Parse::Streaming {
                parse: parse_response,
                error: parse_error,
                code: #code,
            };

            /// Reads an HTTP response without any I/O: the output, which takes the body as its
            /// stream, or the error the service returned (from a body already in memory). For
            /// custom HTTP stacks and tests; `send()` uses the same code.
            #IN_CALLER
            pub fn read_response(response: crate::http::HttpResponse) -> ::std::result::Result<#output_name, crate::error::SdkError<#error_name>> {
                let status = response.status;
                let request_id = crate::rt::protocol::request_id(&response);
                parse_response(response).map_err(|failure| crate::rt::orchestrator::sdk_error(failure, status, request_id))
            }
        }
    } else {
        quote! {
            /// Reads a response: the modeled success status (or any other 2xx, as AWS SDKs accept)
            /// gives the output, anything else an error.
            #IN_CALLER
            pub(crate) fn parse_response(response: &crate::http::HttpResponse) -> ::std::result::Result<#output_name, crate::rt::orchestrator::Failure<#error_name>> {
                if !crate::rt::protocol::is_success(response.status, #code) {
                    return ::std::result::Result::Err(crate::rt::orchestrator::Failure::Service(parse_error(response)));
                }
                let ::std::option::Option::Some(body) = response.body.bytes() else {
                    return ::std::result::Result::Err(crate::rt::orchestrator::Failure::Unreadable(::std::string::String::from("the body is still a stream; collect it first")));
                };
                #read_body
                #(#fill)*
                ::std::result::Result::Ok(output)
            }

            pub(crate) const PARSE: crate::rt::orchestrator::Parse<#output_name, #error_name> = crate::rt::orchestrator::Parse::Buffered(parse_response);

            /// Reads a complete HTTP response without any I/O: the output, or the error the
            /// service returned, or a description of an unreadable body. For custom HTTP stacks,
            /// tests and benchmarks; `send()` uses the same code.
            #IN_CALLER
            pub fn read_response(response: &crate::http::HttpResponse) -> ::std::result::Result<#output_name, crate::error::SdkError<#error_name>> {
                parse_response(response).map_err(|failure| crate::rt::orchestrator::into_sdk_error(failure, response))
            }
        }
    }
}
