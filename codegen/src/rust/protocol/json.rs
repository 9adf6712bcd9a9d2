//! The JSON response reader and error parser shared by restJson1 and awsJson: the public
//! serde impls of the types are the wire codec.

use proc_macro2::TokenStream;
use quote::quote;

use super::http_bindings::bind_response_fields;
use crate::ir::{FieldDef, HttpBinding, NamedKind, OperationDef, Presence, StructDef, TypeRef};
use crate::naming::ident;
use crate::rust::in_caller::IN_CALLER;
use crate::rust::types::{default_expr, named_path, rust_type, zero_value};

/// `parse_response`: success → output (body, then headers, status and payload members);
/// anything else → the error enum, identified by code, or `Unhandled`.
pub(super) fn emit_parse(op: &OperationDef, code: u16, errors: &[StructDef]) -> TokenStream {
    emit_parse_with(op, code, errors, None)
}

/// Whether a payload of this type is a JSON document (not raw bytes or text).
fn is_json_value(ty: &TypeRef) -> bool {
    match ty {
        TypeRef::Named(n) => matches!(n.kind, NamedKind::Struct | NamedKind::Union),
        TypeRef::Document => true,
        TypeRef::Boxed(inner) => is_json_value(inner),
        _ => false,
    }
}

/// `parse_response` for an output whose required payload is a structure, union or document: the
/// output cannot be read from `{}` (a required structure is missing), so it is read from
/// `{"<payload>": <body>}`. The body is first checked to be exactly one JSON value, so nothing
/// in it can add other members to the wrapper; an empty body is unreadable, since a required
/// structure cannot be missing.
fn required_json_payload(
    op: &OperationDef,
    p: &FieldDef,
    code: u16,
    errors: &[StructDef],
) -> TokenStream {
    let output_name = ident(&op.output.name);
    let prefix = format!("{{{}:", serde_json::Value::String(p.wire.clone()));
    let read = quote! {
        let unreadable = |e: ::serde_json::Error| crate::rt::orchestrator::Failure::Unreadable(::std::format!("invalid JSON body: {e}"));
        ::serde_json::from_slice::<::serde::de::IgnoredAny>(body).map_err(unreadable)?;
        let mut wrapped = ::std::vec::Vec::with_capacity(body.len() + #prefix.len() + 1);
        wrapped.extend_from_slice(#prefix.as_bytes());
        wrapped.extend_from_slice(body);
        wrapped.push(b'}');
        let mut output: #output_name = ::serde_json::from_slice(&wrapped).map_err(unreadable)?;
    };
    emit_parse_with(op, code, errors, Some(read))
}

/// `emit_parse`, with `read_body` given (for [`required_json_payload`]) or derived.
fn emit_parse_with(
    op: &OperationDef,
    code: u16,
    errors: &[StructDef],
    given_read: Option<TokenStream>,
) -> TokenStream {
    let output_name = ident(&op.output.name);
    let error_name = ident(&op.error.name);
    let payload = op
        .output
        .fields
        .iter()
        .find(|f| f.http == HttpBinding::Payload);
    let stream = payload.filter(|p| matches!(p.ty, TypeRef::ByteStream { .. }));
    let read_body = match (given_read, payload) {
        (Some(read), _) => read,
        (None, Some(_)) if stream.is_some() => {
            // No serde for a structure holding a stream: start from each member's empty value.
            let inits = op.output.fields.iter().map(|f| {
                let fname = ident(&f.name);
                let value = match &f.presence {
                    Presence::Optional => Some(quote! { ::std::option::Option::None }),
                    Presence::Default(v) => Some(default_expr(&f.ty, v)),
                    Presence::Required { .. } => zero_value(&f.ty),
                };
                match value {
                    Some(v) => quote! { #fname: #v },
                    // Lowering allows only scalars and collections beside a payload, and they
                    // all have a zero value.
                    None => {
                        let msg = format!("no value for the required member `{}`", f.member);
                        quote! { #fname: return ::std::result::Result::Err(crate::rt::orchestrator::Failure::Unreadable(::std::string::String::from(#msg))) }
                    }
                }
            });
            quote! {
                let mut output = #output_name { #(#inits),* };
            }
        }
        (None, None) => quote! {
            let mut output: #output_name = ::serde_json::from_slice(crate::rt::json::json_body(body))
                .map_err(|e| crate::rt::orchestrator::Failure::Unreadable(::std::format!("invalid JSON body: {e}")))?;
        },
        (None, Some(p)) => {
            let pname = ident(&p.name);
            let text = quote! {
                ::std::string::String::from_utf8(body.to_vec())
                    .map_err(|_| crate::rt::orchestrator::Failure::Unreadable(::std::string::String::from("the text payload is not UTF-8")))?
            };
            let value = match &p.ty {
                TypeRef::Blob => quote! { body.to_vec() },
                TypeRef::String => text,
                TypeRef::Named(n) if n.kind == NamedKind::Enum => {
                    let path = named_path(n);
                    quote! { #path::from(#text) }
                }
                other => {
                    let t = rust_type(other);
                    quote! {
                        ::serde_json::from_slice::<#t>(crate::rt::json::json_body(body))
                            .map_err(|e| crate::rt::orchestrator::Failure::Unreadable(::std::format!("invalid JSON body: {e}")))?
                    }
                }
            };
            let assign = match p.presence {
                Presence::Optional => {
                    quote! { output.#pname = ::std::option::Option::Some(#value); }
                }
                _ => quote! { output.#pname = #value; },
            };
            if p.presence != Presence::Optional && is_json_value(&p.ty) {
                return required_json_payload(op, p, code, errors);
            }
            quote! {
                let mut output: #output_name = ::serde_json::from_slice(b"{}")
                    .map_err(|e| crate::rt::orchestrator::Failure::Unreadable(e.to_string()))?;
                if !body.is_empty() {
                    #assign
                }
            }
        }
    };
    let mut fill = bind_response_fields(&op.output.fields, &quote! { output }, true);
    // A body is read into the whole output; members bound to headers take nothing from it.
    if payload.is_none() {
        let resets = op.output.fields.iter().filter_map(|f| {
            if !matches!(
                f.http,
                HttpBinding::Header(_) | HttpBinding::PrefixHeaders(_)
            ) {
                return None;
            }
            let fname = ident(&f.name);
            let value = match &f.presence {
                Presence::Optional => quote! { ::std::option::Option::None },
                Presence::Default(v) => default_expr(&f.ty, v),
                Presence::Required { .. } => zero_value(&f.ty)?,
            };
            Some(quote! { output.#fname = #value; })
        });
        fill.splice(0..0, resets);
    }
    let mutable_output = payload.is_some() || !fill.is_empty();
    let read_body = if mutable_output {
        read_body
    } else {
        quote! {
            let output: #output_name = ::serde_json::from_slice(crate::rt::json::json_body(body))
                .map_err(|e| crate::rt::orchestrator::Failure::Unreadable(::std::format!("invalid JSON body: {e}")))?;
        }
    };
    let arms = op.error.variants.iter().map(|v| {
        let vname = ident(&v.name);
        let path = named_path(&v.ty);
        let code = &v.code;
        // Header members of the error; a header that does not parse is left unset, since an
        // error response is never itself unreadable.
        let fill = errors
            .iter()
            .find(|e| e.name == v.ty.name)
            .map(|e| bind_response_fields(&e.fields, &quote! { e }, false))
            .unwrap_or_default();
        // The variant's constructor gives the error's type; a closure needs it spelled out.
        let (wrap, turbofish) = if fill.is_empty() {
            (quote! { #error_name::#vname }, None)
        } else {
            (
                quote! { |mut e| { #(#fill)* #error_name::#vname(e) } },
                Some(quote! { ::<#path> }),
            )
        };
        quote! {
            ::std::option::Option::Some(#code) => crate::rt::json::read_error #turbofish (body).map(#wrap),
        }
    });
    // A value match, so one modeled error is not a `single_match` and none needs no match.
    let modeled = (!op.error.variants.is_empty()).then(|| {
        quote! {
            let body = crate::rt::protocol::body_bytes(response);
            let modeled = match meta.code.as_deref() {
                #(#arms)*
                _ => ::std::option::Option::None,
            };
            if let ::std::option::Option::Some(error) = modeled {
                return error;
            }
        }
    });
    // The stream moves out of the response last, after the headers are read.
    let take_payload = stream.map(|p| {
        let pname = ident(&p.name);
        match p.presence {
            Presence::Optional => {
                quote! { output.#pname = ::std::option::Option::Some(response.body); }
            }
            _ => quote! { output.#pname = response.body; },
        }
    });
    let parse_and_read = super::response_fns(op, code, &read_body, &fill, take_payload);
    quote! {
        #parse_and_read

        /// Identifies an error response (the `X-Amzn-Errortype` header, then the body's `code`,
        /// then its `__type`) and reads the modeled error, or keeps what it said as `Unhandled`.
        /// No I/O; any bytes are fine.
        #IN_CALLER
        pub fn parse_error(response: &crate::http::HttpResponse) -> #error_name {
            let meta = crate::rt::json::error_meta(response);
            #modeled
            #error_name::Unhandled(meta.into_unhandled(response))
        }
    }
}
