//! The request side shared by the REST protocols (restJson1, restXml): method, path from the
//! URI pattern and labels, query, headers and `Content-Type` around the protocol's body.

use proc_macro2::TokenStream;
use quote::quote;

use super::http_bindings::{header_push, param_string, with_value};
use crate::ir::{HttpBinding, OperationDef, PathPart, Presence, TypeRef};
use crate::naming::ident;
use crate::rust::in_caller::IN_CALLER;

/// `serialize_request` of one operation of a REST protocol. `body` is the protocol's
/// statements that bind `body` (a `crate::http::Body`) and `content_type` (an
/// `Option<&str>`, sent unless a `Content-Type` header member is set); they may read `input`
/// and return an error with `?`.
pub(super) fn serialize_request(op: &OperationDef, body: TokenStream) -> TokenStream {
    let input_name = ident(&op.input.name);
    let http = &op.http;
    let method = &http.method;
    let path = http.path.iter().map(|p| match p {
        PathPart::Literal(text) if text.chars().count() == 1 => {
            let c = text.chars().next().unwrap_or('/');
            quote! { path.push(#c); }
        }
        PathPart::Literal(text) => quote! { path.push_str(#text); },
        PathPart::Label { field, member, greedy, empty_as } => {
            let Some(f) = op.input.fields.iter().find(|f| &f.name == field) else {
                return quote! { return ::std::result::Result::Err(::std::string::String::from("unbound URI label")); };
            };
            let fname = ident(field);
            let value = param_string(&f.ty, quote! { value });
            let fill = empty_as.as_ref().map(|fill| {
                quote! { let text = if text.is_empty() { ::std::string::String::from(#fill) } else { text }; }
            });
            match (&f.presence, fill) {
                (Presence::Optional, fill) => quote! {
                    let text = match &input.#fname {
                        ::std::option::Option::Some(value) => #value,
                        ::std::option::Option::None => ::std::string::String::new(),
                    };
                    #fill
                    crate::rt::http_bindings::push_label(&mut path, #member, &text, #greedy)?;
                },
                (_, Some(fill)) => quote! {
                    let value = &input.#fname;
                    let text = #value;
                    #fill
                    crate::rt::http_bindings::push_label(&mut path, #member, &text, #greedy)?;
                },
                (_, None) => quote! {
                    let value = &input.#fname;
                    crate::rt::http_bindings::push_label(&mut path, #member, &#value, #greedy)?;
                },
            }
        }
    });
    let host_prefix_decl = super::host_prefix_decl(op);
    let endpoint = super::endpoint_expr(op);
    let literal_query = http.query.iter().map(|(k, v)| match v {
        Some(v) => quote! { crate::rt::protocol::push_query(&mut query, #k, #v); },
        None => quote! {
            if !query.is_empty() { query.push('&'); }
            query.push_str(&crate::rt::protocol::percent_encode(#k, false));
        },
    });
    let query_keys: Vec<&str> = op
        .input
        .fields
        .iter()
        .filter_map(|f| match &f.http {
            HttpBinding::Query(k) => Some(k.as_str()),
            _ => None,
        })
        .collect();
    let header_names: Vec<&str> = op
        .input
        .fields
        .iter()
        .filter_map(|f| match &f.http {
            HttpBinding::Header(h) => Some(h.as_str()),
            _ => None,
        })
        .collect();
    let mut query_members = Vec::new();
    let mut header_members = Vec::new();
    for f in &op.input.fields {
        let fname = ident(&f.name);
        match &f.http {
            HttpBinding::Query(key) => {
                let push = match &f.ty {
                    TypeRef::List { item, .. } => {
                        let item_str = param_string(item, quote! { item });
                        quote! { for item in value { crate::rt::protocol::push_query(&mut query, #key, &#item_str); } }
                    }
                    other => {
                        let s = param_string(other, quote! { value });
                        quote! { crate::rt::protocol::push_query(&mut query, #key, &#s); }
                    }
                };
                query_members.push(with_value(f, &fname, push));
            }
            HttpBinding::QueryParams => {
                // `@httpQuery` members win over map entries with the same key.
                let skip = (!query_keys.is_empty()).then(|| {
                    quote! { if [#(#query_keys),*].contains(&key.as_str()) { continue; } }
                });
                let push = match &f.ty {
                    TypeRef::Map { value, .. } => {
                        let each = match value.as_ref() {
                            TypeRef::List { item, .. } => {
                                let item_str = param_string(item, quote! { item });
                                quote! { for item in items { crate::rt::protocol::push_query(&mut query, key, &#item_str); } }
                            }
                            scalar => {
                                let s = param_string(scalar, quote! { items });
                                quote! { crate::rt::protocol::push_query(&mut query, key, &#s); }
                            }
                        };
                        // In key order, so the same input always gives the same request.
                        quote! {
                            let mut entries: ::std::vec::Vec<_> = value.iter().collect();
                            entries.sort_by(|a, b| a.0.cmp(b.0));
                            for (key, items) in entries {
                                #skip
                                #each
                            }
                        }
                    }
                    _ => quote! {},
                };
                query_members.push(with_value(f, &fname, push));
            }
            HttpBinding::Header(name) => {
                let push = if f.media_type.is_some() && f.ty == TypeRef::String {
                    // A `@mediaType` string is base64 in a header (restJson1, MediaTypeHeaderInputBase64).
                    quote! { headers.push((::std::string::String::from(#name), crate::rt::base64::encode(value.as_bytes()))); }
                } else {
                    header_push(name, &f.ty)
                };
                header_members.push(with_value(f, &fname, push));
            }
            HttpBinding::PrefixHeaders(prefix) => {
                // A named `@httpHeader` member wins over a map entry that names the same header.
                let skip = (!header_names.is_empty()).then(|| {
                    quote! {
                        if [#(#header_names),*].iter().any(|h: &&str| h.eq_ignore_ascii_case(&name)) {
                            continue;
                        }
                    }
                });
                let push = match &f.ty {
                    TypeRef::Map { value, .. } => {
                        let s = param_string(value, quote! { item });
                        // In key order, so the same input always gives the same request.
                        quote! {
                            let mut entries: ::std::vec::Vec<_> = value.iter().collect();
                            entries.sort_by(|a, b| a.0.cmp(b.0));
                            for (key, item) in entries {
                                let name = ::std::format!("{}{}", #prefix, key);
                                #skip
                                headers.push((name, #s));
                            }
                        }
                    }
                    _ => quote! {},
                };
                header_members.push(with_value(f, &fname, push));
            }
            _ => {}
        }
    }
    // A `Content-Type` header member, when set, names the media type itself.
    let push_content_type = if header_names
        .iter()
        .any(|h| h.eq_ignore_ascii_case("content-type"))
    {
        quote! {
            let member_set = headers.iter().any(|(k, _): &(::std::string::String, ::std::string::String)| k.eq_ignore_ascii_case("content-type"));
            if let ::std::option::Option::Some(content_type) = content_type.filter(|_| !member_set) {
                headers.push((::std::string::String::from("content-type"), ::std::string::String::from(content_type)));
            }
        }
    } else {
        quote! {
            if let ::std::option::Option::Some(content_type) = content_type {
                headers.push((::std::string::String::from("content-type"), ::std::string::String::from(content_type)));
            }
        }
    };
    let has_query = !http.query.is_empty() || !query_members.is_empty();
    let query_decl = if has_query {
        quote! { let mut query = ::std::string::String::new(); }
    } else {
        quote! { let query = ::std::string::String::new(); }
    };
    let headers_decl = quote! { let mut headers = ::std::vec::Vec::new(); };
    let (fill_tokens, input_arg, config_arg) = super::serialize_args(op);
    quote! {
        /// Serializes the input into the HTTP request's method, path, query, headers and body.
        #IN_CALLER
        pub(crate) fn serialize_request(#input_arg: #input_name, #config_arg: &crate::config::Config) -> ::std::result::Result<crate::rt::protocol::RequestParts, ::std::string::String> {
            #fill_tokens
            #host_prefix_decl
            let mut path = ::std::string::String::new();
            #(#path)*
            #query_decl
            #(#literal_query)*
            #(#query_members)*
            #body
            #headers_decl
            #(#header_members)*
            #push_content_type
            ::std::result::Result::Ok(crate::rt::protocol::RequestParts {
                host_prefix,
                endpoint: #endpoint,
                method: #method,
                path,
                query,
                headers,
                body,
            })
        }
    }
}
