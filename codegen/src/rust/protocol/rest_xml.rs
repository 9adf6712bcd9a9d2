//! restXml for one operation: the HTTP bindings of `rest_request.rs` and `http_bindings.rs`
//! around XML bodies. A request's body members are a document whose root is the input's XML
//! name, in its `@xmlNamespace` or else the service's; a structure or union `@httpPayload` is
//! the document itself. Responses are read by `xml_de.rs` (shared with the query protocols);
//! errors are `<ErrorResponse><Error>` (or, with `noErrorWrapping`, a bare `<Error>`) with a
//! `Code`.

use proc_macro2::TokenStream;
use quote::quote;

use super::http_bindings::bind_response_fields;
use super::xml_de::{ErrorWrapping, emit_parse_error, struct_reader};
use super::xml_ser;
use crate::ir::{
    FieldDef, HttpBinding, NamedKind, OperationDef, Presence, ServiceDef, StructDef, TypeRef,
    XmlNamespace,
};
use crate::naming::ident;
use crate::rust::types::{default_expr, named_path, rust_type, zero_value};

/// `serialize_request`, `parse_response` and `parse_error` of one operation. `errors` are the
/// crate's error structures, whose header members `parse_error` fills in.
pub(crate) fn emit(op: &OperationDef, errors: &[StructDef], service: &ServiceDef) -> TokenStream {
    let request = super::rest_request::serialize_request(op, request_body(op, service));
    let parse = emit_parse(op, errors, service);
    quote! {
        #request

        #parse
    }
}

/// Statements that start a document: a writer `w` with the root element open.
fn start_document(root: &str, ns: Option<&XmlNamespace>) -> TokenStream {
    let xmlns = ns.map(|ns| {
        let uri = ns.uri.as_str();
        match &ns.prefix {
            Some(p) => quote! { w.xmlns(::std::option::Option::Some(#p), #uri); },
            None => quote! { w.xmlns(::std::option::Option::None, #uri); },
        }
    });
    quote! {
        let mut w = crate::rt::xml_writer::XmlWriter::new();
        w.start(#root);
        #xmlns
    }
}

/// The statements binding `body` and `content_type`.
fn request_body(op: &OperationDef, service: &ServiceDef) -> TokenStream {
    let body_fields: Vec<&FieldDef> = op
        .input
        .fields
        .iter()
        .filter(|f| f.http == HttpBinding::Body)
        .collect();
    let payload = op
        .input
        .fields
        .iter()
        .find(|f| f.http == HttpBinding::Payload);
    if let Some(p) = payload {
        return super::rest_json::raw_or(p, |p| {
            let ns = p.xml.namespace.as_ref().or(service.xml_namespace.as_ref());
            let start = start_document(&p.xml.name, ns);
            (
                quote! {
                    {
                        #start
                        crate::xml_ser::XmlWrite::write_xml(&value, &mut w);
                        w.finish().into_bytes()
                    }
                },
                "application/xml".to_string(),
                quote! { (crate::http::Body::empty(), ::std::option::Option::None) },
            )
        });
    }
    if body_fields.is_empty() {
        return quote! {
            let body = crate::http::Body::empty();
            let content_type: ::std::option::Option<&str> = ::std::option::Option::None;
        };
    }
    let ns = op
        .input
        .xml_namespace
        .as_ref()
        .or(service.xml_namespace.as_ref());
    let start = start_document(&op.input.xml_name, ns);
    let members = xml_ser::write_members(&body_fields, &quote! { input });
    quote! {
        let body = {
            #start
            {
                let w = &mut w;
                #members
            }
            crate::http::Body::from(w.finish().into_bytes())
        };
        let content_type = ::std::option::Option::Some("application/xml");
    }
}

/// Whether `ty` is a structure or union (possibly boxed): a payload that is an XML document.
fn is_document(ty: &TypeRef) -> bool {
    match ty {
        TypeRef::Named(n) => matches!(n.kind, NamedKind::Struct | NamedKind::Union),
        TypeRef::Boxed(inner) => is_document(inner),
        _ => false,
    }
}

/// `parse_response` (through `response_fns`), the output's reader and `parse_error`.
fn emit_parse(op: &OperationDef, errors: &[StructDef], service: &ServiceDef) -> TokenStream {
    let output_name = ident(&op.output.name);
    let payload = op
        .output
        .fields
        .iter()
        .find(|f| f.http == HttpBinding::Payload);
    let stream = payload.filter(|p| matches!(p.ty, TypeRef::ByteStream { .. }));
    // What the body holds: members not bound to headers, prefix headers or the status (query
    // and label bindings mean nothing in a response).
    let in_body = op.output.fields.iter().any(|f| {
        !matches!(
            f.http,
            HttpBinding::Header(_)
                | HttpBinding::PrefixHeaders(_)
                | HttpBinding::ResponseCode
                | HttpBinding::Payload
        )
    });
    let unreadable = quote! {
        |e| crate::rt::orchestrator::Failure::Unreadable(::std::format!("invalid XML body: {e}"))
    };
    let mut fill = bind_response_fields(&op.output.fields, &quote! { output }, true);
    // A prefix-header map is set, empty when no header has the prefix
    // (HttpPrefixHeadersAreNotPresent).
    fill.extend(op.output.fields.iter().filter_map(|f| {
        let fname = ident(&f.name);
        (matches!(f.http, HttpBinding::PrefixHeaders(_)) && f.presence == Presence::Optional)
            .then(|| quote! { output.#fname.get_or_insert_with(::std::collections::HashMap::new); })
    }));
    // `output` is mutable when something sets members after it is built.
    let out = if fill.is_empty() && stream.is_none() {
        quote! { output }
    } else {
        quote! { mut output }
    };
    let mut reader = None;
    let read_body = match payload {
        Some(p) if stream.is_none() => {
            let pname = ident(&p.name);
            let utf8 = quote! {
                ::std::string::String::from_utf8(body.to_vec())
                    .map_err(|_| crate::rt::orchestrator::Failure::Unreadable(::std::string::String::from("the text payload is not UTF-8")))?
            };
            let value = match &p.ty {
                TypeRef::Blob => quote! { body.to_vec() },
                TypeRef::String => utf8,
                TypeRef::Named(n) if n.kind == NamedKind::Enum => {
                    let path = named_path(n);
                    quote! { #path::from(#utf8) }
                }
                TypeRef::Boxed(inner) => {
                    let t = rust_type(inner);
                    quote! {
                        ::std::boxed::Box::new(<#t as crate::rt::xml_de::FromXml>::from_xml(&root).map_err(#unreadable)?)
                    }
                }
                ty => {
                    let t = rust_type(ty);
                    quote! { <#t as crate::rt::xml_de::FromXml>::from_xml(&root).map_err(#unreadable)? }
                }
            };
            // The payload's document, if the body is not empty.
            let root = quote! {
                let root = if body.iter().all(u8::is_ascii_whitespace) {
                    ::std::option::Option::None
                } else {
                    ::std::option::Option::Some(crate::rt::xml_de::document(body).map_err(#unreadable)?)
                };
            };
            if !is_document(&p.ty) {
                let init = empty_output(op, None);
                let assign = match p.presence {
                    Presence::Optional => {
                        quote! { output.#pname = ::std::option::Option::Some(#value); }
                    }
                    _ => quote! { output.#pname = #value; },
                };
                quote! {
                    let mut output = #init;
                    if !body.is_empty() {
                        #assign
                    }
                }
            } else if p.presence == Presence::Optional {
                let init = empty_output(op, None);
                quote! {
                    #root
                    let mut output = #init;
                    if let ::std::option::Option::Some(root) = root {
                        output.#pname = ::std::option::Option::Some(#value);
                    }
                }
            } else {
                // A required document payload has no empty value: the output is built around it.
                let missing = format!("the required payload `{}` is missing", p.member);
                let init = empty_output(op, Some((p, quote! { value })));
                quote! {
                    #root
                    let ::std::option::Option::Some(root) = root else {
                        return ::std::result::Result::Err(crate::rt::orchestrator::Failure::Unreadable(::std::string::String::from(#missing)));
                    };
                    let value = #value;
                    let #out = #init;
                }
            }
        }
        // A streaming payload: every other member starts empty, and the stream moves in last.
        Some(_) => {
            let init = empty_output(op, None);
            quote! { let mut output = #init; }
        }
        None if !in_body => {
            let init = empty_output(op, None);
            quote! {
                // Nothing of the output travels in the body.
                let _ = body;
                let #out = #init;
            }
        }
        None => {
            reader = Some(struct_reader(&op.output, &quote! { #output_name }));
            // An empty body reads as an empty root element.
            let root =
                quote! { let root = crate::rt::xml_de::document(body).map_err(#unreadable)?; };
            let root = if op.xml_unwrapped_output {
                // The root element is the member's own element: read it as the child of a
                // wrapper.
                quote! {
                    #root
                    let root = crate::rt::xml::XmlElement {
                        children: ::std::vec![root],
                        ..::std::default::Default::default()
                    };
                }
            } else {
                root
            };
            quote! {
                #root
                let #out = <#output_name as crate::rt::xml_de::FromXml>::from_xml(&root).map_err(#unreadable)?;
            }
        }
    };
    let take_payload = stream.map(|p| {
        let pname = ident(&p.name);
        match p.presence {
            Presence::Optional => {
                quote! { output.#pname = ::std::option::Option::Some(response.body); }
            }
            _ => quote! { output.#pname = response.body; },
        }
    });
    let parse_and_read = super::response_fns(op, op.http.code, &read_body, &fill, take_payload);
    let wrapping = if service.xml_no_error_wrapping {
        ErrorWrapping::RestXmlUnwrapped
    } else {
        ErrorWrapping::RestXml
    };
    // Header members of an error; a header that does not parse is left unset, since an error
    // response is never itself unreadable.
    let parse_error = emit_parse_error(op, errors, wrapping, &|e| {
        bind_response_fields(&e.fields, &quote! { e }, false)
    });
    quote! {
        #reader

        #parse_and_read

        #parse_error
    }
}

/// The output with every member empty (unset, default or zero), except the payload given
/// with the expression of its value. Lowering allows only scalars and collections beside a
/// payload, and they all have a zero value.
fn empty_output(op: &OperationDef, payload: Option<(&FieldDef, TokenStream)>) -> TokenStream {
    let output_name = ident(&op.output.name);
    let inits = op.output.fields.iter().map(|f| {
        let fname = ident(&f.name);
        let value = match (&payload, &f.presence) {
            (Some((p, value)), _) if p.name == f.name => Some(value.clone()),
            (_, Presence::Optional) => Some(quote! { ::std::option::Option::None }),
            (_, Presence::Default(v)) => Some(default_expr(&f.ty, v)),
            (_, Presence::Required { .. }) => zero_value(&f.ty),
        };
        match value {
            Some(v) => quote! { #fname: #v },
            None => {
                let msg = format!("no value for the required member `{}`", f.member);
                quote! { #fname: return ::std::result::Result::Err(crate::rt::orchestrator::Failure::Unreadable(::std::string::String::from(#msg))) }
            }
        }
    });
    quote! { #output_name { #(#inits),* } }
}
