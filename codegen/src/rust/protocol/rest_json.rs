//! restJson1 for one operation: input → request parts, response → output or error. The HTTP
//! bindings are `rest_request.rs`'s; the body is JSON, written and read by the types' serde
//! impls.

use proc_macro2::TokenStream;
use quote::quote;

use crate::ir::{FieldDef, HttpBinding, NamedKind, OperationDef, Presence, StructDef, TypeRef};
use crate::naming::ident;

/// `serialize_request`, `parse_response` and the body serializer for one operation. `errors`
/// are the crate's error structures, whose header members `parse_error` fills in.
pub(crate) fn emit(op: &OperationDef, errors: &[StructDef]) -> TokenStream {
    let input_name = ident(&op.input.name);
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
    // The body comes first and names its content type; headers are assembled after it.
    let body = if let Some(p) = payload {
        payload_body(p)
    } else if body_fields.is_empty() {
        quote! {
            let body = crate::http::Body::empty();
            let content_type: ::std::option::Option<&str> = ::std::option::Option::None;
        }
    } else {
        quote! {
            let body = crate::http::Body::from(::serde_json::to_vec(&RequestBody(&input)).map_err(|e| e.to_string())?);
            let content_type = ::std::option::Option::Some("application/json");
        }
    };
    let body_struct = (payload.is_none() && !body_fields.is_empty()).then(|| {
        let ser = crate::rust::structure::serialize_body(&body_fields, &quote! { self.0 });
        quote! {
            /// The members of the input that travel in the JSON body.
            struct RequestBody<'a>(&'a #input_name);

            impl ::serde::Serialize for RequestBody<'_> {
                fn serialize<S: ::serde::Serializer>(&self, s: S) -> ::std::result::Result<S::Ok, S::Error> {
                    #ser
                }
            }
        }
    });
    let request = super::rest_request::serialize_request(op, body);
    let parse = super::json::emit_parse(op, op.http.code, errors);
    quote! {
        #body_struct

        #request

        #parse
    }
}

/// `body` and `content_type` for an `@httpPayload` member: blobs, strings and enums travel as
/// they are (`application/octet-stream` or `text/plain`, unless the target has a
/// `@mediaType`), structures, unions and documents as JSON. An unset payload sends no body,
/// except a structure, which is `{}` (RestJsonHttpWithEmptyStructurePayload).
fn payload_body(p: &FieldDef) -> TokenStream {
    raw_or(p, |p| {
        let unset = if is_structure(&p.ty) {
            quote! { (crate::http::Body::from(&b"{}"[..]), ::std::option::Option::Some("application/json")) }
        } else {
            quote! { (crate::http::Body::empty(), ::std::option::Option::None) }
        };
        (
            quote! { ::serde_json::to_vec(&value).map_err(|e| e.to_string())? },
            "application/json".to_string(),
            unset,
        )
    })
}

/// `body` and `content_type` for an `@httpPayload` member of a REST protocol: blobs, strings
/// and enums travel as they are (`application/octet-stream` or `text/plain`, unless the target
/// has a `@mediaType`), and an unset one sends nothing; any other type is the protocol's
/// document, whose bytes (from the owned `value`), content type and unset body `structured`
/// gives.
pub(super) fn raw_or(
    p: &FieldDef,
    structured: impl Fn(&FieldDef) -> (TokenStream, String, TokenStream),
) -> TokenStream {
    let pname = ident(&p.name);
    let media = |default: &str| p.media_type.clone().unwrap_or_else(|| default.to_string());
    let empty = quote! { (crate::http::Body::empty(), ::std::option::Option::None) };
    // The input is owned: the payload moves into the body (a stream is never buffered).
    let (bytes, content_type, unset) = match &p.ty {
        TypeRef::ByteStream { .. } | TypeRef::Blob => {
            (quote! { value }, media("application/octet-stream"), empty)
        }
        TypeRef::String => (quote! { value.into_bytes() }, media("text/plain"), empty),
        TypeRef::Named(n) if n.kind == NamedKind::Enum => (
            quote! { value.as_str().as_bytes().to_vec() },
            "text/plain".to_string(),
            empty,
        ),
        _ => structured(p),
    };
    let length_check = matches!(
        p.ty,
        TypeRef::ByteStream {
            requires_length: true
        }
    )
    .then(|| {
        let msg = format!(
            "the `{}` stream must have a known length (@requiresLength): use bytes, a file or `from_reader_with_length`",
            p.member
        );
        quote! {
            if body.content_length().is_none() {
                return ::std::result::Result::Err(::std::string::String::from(#msg));
            }
        }
    });
    let body = match p.presence {
        Presence::Optional => quote! {
            let (body, content_type): (crate::http::Body, _) = match input.#pname {
                ::std::option::Option::Some(value) => (::std::convert::Into::into(#bytes), ::std::option::Option::Some(#content_type)),
                ::std::option::Option::None => #unset,
            };
        },
        _ => quote! {
            let value = input.#pname;
            let (body, content_type): (crate::http::Body, _) = (::std::convert::Into::into(#bytes), ::std::option::Option::Some(#content_type));
        },
    };
    quote! {
        #body
        #length_check
    }
}

/// Whether `ty` is a structure (possibly boxed).
fn is_structure(ty: &TypeRef) -> bool {
    match ty {
        TypeRef::Named(n) => n.kind == NamedKind::Struct,
        TypeRef::Boxed(inner) => is_structure(inner),
        _ => false,
    }
}
