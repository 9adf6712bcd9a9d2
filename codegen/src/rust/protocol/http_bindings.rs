//! HTTP bindings (restJson1, restXml): labels, query, headers and the status, both ways.

use proc_macro2::TokenStream;
use quote::quote;

use crate::ir::{FieldDef, HttpBinding, NamedKind, Presence, TimestampFormat, TypeRef};
use crate::naming::ident;
use crate::rust::types::{named_path, rust_type};

/// Runs `body` with `value: &T` bound, skipping absent optional members.
pub(super) fn with_value(
    f: &FieldDef,
    fname: &proc_macro2::Ident,
    body: TokenStream,
) -> TokenStream {
    match f.presence {
        Presence::Optional => quote! {
            if let ::std::option::Option::Some(value) = &input.#fname {
                #body
            }
        },
        _ => quote! {
            {
                let value = &input.#fname;
                #body
            }
        },
    }
}

pub(super) fn header_push(name: &str, ty: &TypeRef) -> TokenStream {
    match ty {
        // An http-date holds a comma of its own; the spec's lists join them unquoted.
        TypeRef::List { item, .. } if **item == TypeRef::Timestamp(TimestampFormat::HttpDate) => {
            quote! {
                let items: ::std::vec::Vec<::std::string::String> = value.iter().map(crate::rt::timestamp::format_http_date).collect();
                headers.push((::std::string::String::from(#name), items.join(", ")));
            }
        }
        TypeRef::List { item, .. } => {
            let s = param_string(item, quote! { item });
            quote! {
                // A loop rather than `map(|item| ..)`, which is a redundant closure for strings.
                let mut items = ::std::vec::Vec::with_capacity(value.len());
                for item in value {
                    items.push(#s);
                }
                headers.push((::std::string::String::from(#name), crate::rt::http_bindings::header_list(&items)));
            }
        }
        other => {
            let s = param_string(other, quote! { value });
            quote! { headers.push((::std::string::String::from(#name), #s)); }
        }
    }
}

/// An expression turning `v` (a `&T`) into the `String` a label, query value or header carries.
pub(super) fn param_string(ty: &TypeRef, v: TokenStream) -> TokenStream {
    match ty {
        TypeRef::String => quote! { ::std::string::ToString::to_string(#v) },
        TypeRef::Bool
        | TypeRef::Byte
        | TypeRef::Short
        | TypeRef::Integer
        | TypeRef::Long
        | TypeRef::BigInteger
        | TypeRef::BigDecimal => {
            quote! { ::std::string::ToString::to_string(#v) }
        }
        TypeRef::Float | TypeRef::Double => {
            quote! { crate::rt::protocol::float_param(*#v) }
        }
        TypeRef::Timestamp(TimestampFormat::DateTime) => {
            quote! { crate::rt::timestamp::format_date_time(#v) }
        }
        TypeRef::Timestamp(TimestampFormat::HttpDate) => {
            quote! { crate::rt::timestamp::format_http_date(#v) }
        }
        TypeRef::Timestamp(TimestampFormat::EpochSeconds) => {
            quote! { crate::rt::timestamp::format_epoch_seconds(#v) }
        }
        TypeRef::Blob => quote! { crate::rt::base64::encode(#v) },
        TypeRef::Named(n) if n.kind == NamedKind::Enum => {
            quote! { ::std::string::ToString::to_string(#v.as_str()) }
        }
        TypeRef::Named(n) if n.kind == NamedKind::IntEnum => {
            quote! { ::std::string::ToString::to_string(&#v.as_i32()) }
        }
        TypeRef::Boxed(inner) => param_string(inner, v),
        // Lowering rejects other types on labels, query values and headers (`check_binding`),
        // so this arm is never emitted for a model that generated.
        _ => quote! { ::serde_json::to_string(#v).unwrap_or_default() },
    }
}

/// An expression turning `s` (a `&str`) into `Result<T, String>` for an output header member.
pub(super) fn param_parse(ty: &TypeRef, s: TokenStream) -> TokenStream {
    let err = quote! { .map_err(|e| ::std::string::ToString::to_string(&e)) };
    match ty {
        TypeRef::String => {
            quote! { ::std::result::Result::<_, ::std::string::String>::Ok(::std::string::String::from(#s)) }
        }
        TypeRef::Bool => quote! { #s.trim().parse::<bool>() #err },
        TypeRef::Byte => quote! { #s.trim().parse::<i8>() #err },
        TypeRef::Short => quote! { #s.trim().parse::<i16>() #err },
        TypeRef::Integer => quote! { #s.trim().parse::<i32>() #err },
        TypeRef::Long => quote! { #s.trim().parse::<i64>() #err },
        TypeRef::BigInteger => {
            quote! { #s.trim().parse::<crate::primitives::BigInteger>() #err }
        }
        TypeRef::BigDecimal => {
            quote! { #s.trim().parse::<crate::primitives::BigDecimal>() #err }
        }
        TypeRef::Float => quote! { crate::rt::protocol::parse_float(#s).map(|f| f as f32) },
        TypeRef::Double => quote! { crate::rt::protocol::parse_float(#s) },
        TypeRef::Timestamp(TimestampFormat::DateTime) => {
            quote! { crate::rt::timestamp::parse_date_time(#s.trim()) #err }
        }
        TypeRef::Timestamp(TimestampFormat::HttpDate) => {
            quote! { crate::rt::timestamp::parse_http_date(#s.trim()) #err }
        }
        TypeRef::Timestamp(TimestampFormat::EpochSeconds) => {
            quote! { crate::rt::timestamp::parse_epoch_seconds(#s.trim()) #err }
        }
        TypeRef::Blob => {
            quote! { crate::rt::base64::decode(#s.trim()).ok_or_else(|| ::std::string::String::from("invalid base64")) }
        }
        TypeRef::Named(n) if n.kind == NamedKind::Enum => {
            let p = named_path(n);
            quote! { ::std::result::Result::<_, ::std::string::String>::Ok(#p::from(#s.trim())) }
        }
        TypeRef::Named(n) if n.kind == NamedKind::IntEnum => {
            let p = named_path(n);
            quote! { #s.trim().parse::<i32>().map(#p::from) #err }
        }
        TypeRef::List { item, .. } => {
            let each = param_parse(item, quote! { item.as_str() });
            let split = if **item == TypeRef::Timestamp(TimestampFormat::HttpDate) {
                quote! { crate::rt::http_bindings::split_http_date_list }
            } else {
                quote! { crate::rt::http_bindings::split_header_list }
            };
            quote! {
                #split(#s)
                    .iter()
                    .map(|item| #each)
                    .collect::<::std::result::Result<::std::vec::Vec<_>, ::std::string::String>>()
            }
        }
        TypeRef::Boxed(inner) => {
            let p = param_parse(inner, s);
            quote! { #p.map(::std::boxed::Box::new) }
        }
        other => {
            let t = rust_type(other);
            quote! { ::serde_json::from_str::<#t>(#s) #err }
        }
    }
}

/// Statements that set the header-, prefix-header- and status-bound `fields` of `target` from
/// `response`. With `strict`, a header that does not parse fails the response as unreadable;
/// otherwise it is skipped.
pub(super) fn bind_response_fields(
    fields: &[FieldDef],
    target: &TokenStream,
    strict: bool,
) -> Vec<TokenStream> {
    fields
        .iter()
        .filter_map(|f| {
            let fname = ident(&f.name);
            let set = |v: TokenStream| match f.presence {
                Presence::Optional => quote! { #target.#fname = ::std::option::Option::Some(#v); },
                _ => quote! { #target.#fname = #v; },
            };
            match &f.http {
                HttpBinding::Header(name) => {
                    // A list may arrive on several header lines: they are one list.
                    let (get, parse) = match &f.ty {
                        TypeRef::List { .. } => (
                            quote! { crate::rt::http_bindings::header_joined(response, #name) },
                            param_parse(&f.ty, quote! { raw.as_str() }),
                        ),
                        TypeRef::String if f.media_type.is_some() => (
                            quote! { response.header(#name) },
                            quote! {
                                crate::rt::base64::decode(raw.trim())
                                    .and_then(|bytes| ::std::string::String::from_utf8(bytes).ok())
                                    .ok_or_else(|| ::std::string::String::from("not base64 UTF-8"))
                            },
                        ),
                        _ => (
                            quote! { response.header(#name) },
                            param_parse(&f.ty, quote! { raw }),
                        ),
                    };
                    let assign = set(quote! { value });
                    if strict {
                        let msg = format!("invalid `{name}` header: {{e}}");
                        Some(quote! {
                            if let ::std::option::Option::Some(raw) = #get {
                                let value = #parse.map_err(|e| crate::rt::orchestrator::Failure::Unreadable(::std::format!(#msg)))?;
                                #assign
                            }
                        })
                    } else {
                        Some(quote! {
                            if let ::std::option::Option::Some(value) = #get.and_then(|raw| #parse.ok()) {
                                #assign
                            }
                        })
                    }
                }
                HttpBinding::ResponseCode => Some(set(quote! { i32::from(response.status) })),
                HttpBinding::PrefixHeaders(prefix) => {
                    let assign = set(quote! { map });
                    let lower = prefix.to_ascii_lowercase();
                    Some(quote! {
                        let mut map = ::std::collections::HashMap::new();
                        for (name, value) in &response.headers {
                            if name.to_ascii_lowercase().starts_with(#lower) {
                                map.insert(::std::string::String::from(&name[#lower.len()..]), value.clone());
                            }
                        }
                        if !map.is_empty() {
                            #assign
                        }
                    })
                }
                _ => None,
            }
        })
        .collect()
}
