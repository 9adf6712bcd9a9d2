//! [`TypeRef`] → Rust types, serde codecs, zero values and default expressions.

use proc_macro2::TokenStream;
use quote::quote;

use crate::ir::{DefaultValue, NamedKind, NamedRef, TimestampFormat, TypeRef};
use crate::naming::ident;

/// The absolute path of a generated type.
pub(crate) fn named_path(n: &NamedRef) -> TokenStream {
    let segs = n.module.iter().map(|m| ident(m));
    let name = ident(&n.name);
    quote! { crate #(:: #segs)* :: #name }
}

/// The Rust type.
pub(crate) fn rust_type(ty: &TypeRef) -> TokenStream {
    match ty {
        TypeRef::String => quote! { ::std::string::String },
        TypeRef::Bool => quote! { bool },
        TypeRef::Byte => quote! { i8 },
        TypeRef::Short => quote! { i16 },
        TypeRef::Integer => quote! { i32 },
        TypeRef::Long => quote! { i64 },
        TypeRef::Float => quote! { f32 },
        TypeRef::Double => quote! { f64 },
        TypeRef::Blob => quote! { ::std::vec::Vec<u8> },
        TypeRef::ByteStream { .. } => quote! { crate::primitives::ByteStream },
        TypeRef::Document => quote! { crate::primitives::Document },
        TypeRef::BigInteger => quote! { crate::primitives::BigInteger },
        TypeRef::BigDecimal => quote! { crate::primitives::BigDecimal },
        TypeRef::Timestamp(_) => quote! { crate::primitives::DateTime },
        TypeRef::Named(n) => named_path(n),
        TypeRef::List { item, sparse, .. } => {
            let item = rust_type(item);
            if *sparse {
                quote! { ::std::vec::Vec<::std::option::Option<#item>> }
            } else {
                quote! { ::std::vec::Vec<#item> }
            }
        }
        TypeRef::Map {
            key, value, sparse, ..
        } => {
            let key = rust_type(key);
            let value = rust_type(value);
            if *sparse {
                quote! { ::std::collections::HashMap<#key, ::std::option::Option<#value>> }
            } else {
                quote! { ::std::collections::HashMap<#key, #value> }
            }
        }
        TypeRef::Boxed(inner) => {
            let inner = rust_type(inner);
            quote! { ::std::boxed::Box<#inner> }
        }
    }
}

/// The codec type that reads and writes `ty` in JSON.
pub(crate) fn codec(ty: &TypeRef) -> TokenStream {
    match ty {
        TypeRef::Float | TypeRef::Double => quote! { crate::rt::codec::Float },
        TypeRef::Blob => quote! { crate::rt::base64::Base64 },
        TypeRef::Timestamp(TimestampFormat::DateTime) => {
            quote! { crate::rt::timestamp_codec::DateTimeFormat }
        }
        TypeRef::Timestamp(TimestampFormat::EpochSeconds) => {
            quote! { crate::rt::timestamp_codec::EpochSecondsFormat }
        }
        TypeRef::Timestamp(TimestampFormat::HttpDate) => {
            quote! { crate::rt::timestamp_codec::HttpDateFormat }
        }
        TypeRef::List { item, sparse, .. } => {
            let c = codec(item);
            if *sparse {
                quote! { crate::rt::codec::SparseList<#c> }
            } else {
                quote! { crate::rt::codec::List<#c> }
            }
        }
        TypeRef::Map { value, sparse, .. } => {
            let c = codec(value);
            if *sparse {
                quote! { crate::rt::codec::SparseMap<#c> }
            } else {
                quote! { crate::rt::codec::Map<#c> }
            }
        }
        TypeRef::Boxed(inner) => {
            let c = codec(inner);
            quote! { crate::rt::codec::Boxed<#c> }
        }
        TypeRef::String
        | TypeRef::Bool
        | TypeRef::Byte
        | TypeRef::Short
        | TypeRef::Integer
        | TypeRef::Long
        | TypeRef::Document
        | TypeRef::BigInteger
        | TypeRef::BigDecimal
        | TypeRef::Named(_) => quote! { crate::rt::codec::Plain },
        // Structures holding a stream have no serde impls, so no codec is ever used for it.
        TypeRef::ByteStream { .. } => quote! { crate::rt::codec::Plain },
    }
}

/// The codec of `ty`, or `None` when it is `Plain` (the type's own serde impls), which the
/// runtime's readers and writers take without a turbofish.
pub(crate) fn special_codec(ty: &TypeRef) -> Option<TokenStream> {
    let c = codec(ty);
    (c.to_string() != quote! { crate::rt::codec::Plain }.to_string()).then_some(c)
}

/// The value a client fills in for a required member the server left out (the spec's
/// "client error correction"), or `None` where there is none (structures and unions).
pub(crate) fn zero_value(ty: &TypeRef) -> Option<TokenStream> {
    Some(match ty {
        TypeRef::String => quote! { ::std::string::String::new() },
        TypeRef::Bool => quote! { false },
        TypeRef::Byte | TypeRef::Short | TypeRef::Integer | TypeRef::Long => quote! { 0 },
        TypeRef::Float | TypeRef::Double => quote! { 0.0 },
        TypeRef::Blob | TypeRef::List { .. } => quote! { ::std::vec::Vec::new() },
        TypeRef::ByteStream { .. } => quote! { crate::primitives::ByteStream::empty() },
        TypeRef::Map { .. } => quote! { ::std::collections::HashMap::new() },
        TypeRef::Document => quote! { crate::primitives::Document::Null },
        TypeRef::BigInteger | TypeRef::BigDecimal => {
            let t = rust_type(ty);
            quote! { <#t as ::std::default::Default>::default() }
        }
        TypeRef::Timestamp(_) => quote! { crate::primitives::DateTime::UNIX_EPOCH },
        TypeRef::Named(n) => {
            let path = named_path(n);
            match n.kind {
                NamedKind::Enum => quote! { #path::Unknown(::std::string::String::new()) },
                NamedKind::IntEnum => quote! { #path::Unknown(0) },
                NamedKind::Struct | NamedKind::Union => return None,
            }
        }
        TypeRef::Boxed(inner) => {
            let z = zero_value(inner)?;
            quote! { ::std::boxed::Box::new(#z) }
        }
    })
}

/// An expression for a `@default` value of type `ty`.
pub(crate) fn default_expr(ty: &TypeRef, value: &DefaultValue) -> TokenStream {
    let named = |ty: &TypeRef| match ty {
        TypeRef::Named(n) => named_path(n),
        TypeRef::Boxed(inner) => rust_type(inner),
        other => rust_type(other),
    };
    let expr = match value {
        DefaultValue::Bool(b) => quote! { #b },
        DefaultValue::Int(i) => {
            let lit = proc_macro2::Literal::i64_unsuffixed(*i);
            quote! { #lit }
        }
        DefaultValue::Float(f) => {
            let lit = proc_macro2::Literal::f64_unsuffixed(*f);
            quote! { #lit }
        }
        DefaultValue::String(s) => quote! { ::std::string::String::from(#s) },
        DefaultValue::EnumVariant(v) | DefaultValue::IntEnumVariant(v) => {
            let path = named(ty);
            let v = ident(v);
            quote! { #path::#v }
        }
        DefaultValue::EnumUnknown(s) => {
            let path = named(ty);
            quote! { #path::Unknown(::std::string::String::from(#s)) }
        }
        DefaultValue::IntEnumUnknown(i) => {
            let path = named(ty);
            quote! { #path::Unknown(#i) }
        }
        DefaultValue::EmptyList => quote! { ::std::vec::Vec::new() },
        DefaultValue::EmptyMap => quote! { ::std::collections::HashMap::new() },
        // Lowering keeps defaults well inside chrono's range, so the fallback is never taken.
        DefaultValue::Timestamp(secs, nanos) => quote! {
            crate::primitives::DateTime::from_timestamp(#secs, #nanos)
                .unwrap_or(crate::primitives::DateTime::UNIX_EPOCH)
        },
        DefaultValue::Blob(bytes) if matches!(ty, TypeRef::ByteStream { .. }) => {
            if bytes.is_empty() {
                quote! { crate::primitives::ByteStream::empty() }
            } else {
                let lit = proc_macro2::Literal::byte_string(bytes);
                quote! { crate::primitives::ByteStream::from_static(#lit) }
            }
        }
        DefaultValue::Blob(bytes) => {
            let lit = proc_macro2::Literal::byte_string(bytes);
            quote! { ::std::vec::Vec::from(#lit) }
        }
        DefaultValue::Document(v) => document_expr(v),
        DefaultValue::BigNumber(text) => {
            let t = named(ty);
            quote! { #t::from_checked(#text) }
        }
    };
    match ty {
        TypeRef::Boxed(_) => quote! { ::std::boxed::Box::new(#expr) },
        _ => expr,
    }
}

fn document_expr(v: &serde_json::Value) -> TokenStream {
    use serde_json::Value;
    match v {
        Value::Null => quote! { crate::primitives::Document::Null },
        Value::Bool(b) => quote! { crate::primitives::Document::Bool(#b) },
        Value::Number(n) => {
            if let Some(u) = n.as_u64() {
                quote! { crate::primitives::Document::Number(crate::primitives::Number::PosInt(#u)) }
            } else if let Some(i) = n.as_i64() {
                quote! { crate::primitives::Document::Number(crate::primitives::Number::NegInt(#i)) }
            } else {
                let f = n.as_f64().unwrap_or_default();
                quote! { crate::primitives::Document::Number(crate::primitives::Number::Float(#f)) }
            }
        }
        Value::String(s) => {
            quote! { crate::primitives::Document::String(::std::string::String::from(#s)) }
        }
        Value::Array(items) => {
            let items = items.iter().map(document_expr);
            quote! { crate::primitives::Document::Array(::std::vec![#(#items),*]) }
        }
        Value::Object(entries) => {
            let entries = entries.iter().map(|(k, v)| {
                let v = document_expr(v);
                quote! { (::std::string::String::from(#k), #v) }
            });
            quote! { crate::primitives::Document::Object(::std::collections::BTreeMap::from([#(#entries),*])) }
        }
    }
}

/// How an accessor hands out a field.
pub(crate) enum Access {
    /// `&str` from `String`.
    Str,
    /// `&[T]` from `Vec<T>`.
    Slice(TokenStream),
    /// By value (`Copy` primitives).
    Copy,
    /// `&T` (boxes deref to their contents).
    Ref(TokenStream),
}

/// The accessor style for `ty`.
pub(crate) fn access(ty: &TypeRef) -> Access {
    match ty {
        TypeRef::String => Access::Str,
        TypeRef::Blob => Access::Slice(quote! { u8 }),
        TypeRef::List { item, sparse, .. } => {
            let item = rust_type(item);
            Access::Slice(if *sparse {
                quote! { ::std::option::Option<#item> }
            } else {
                item
            })
        }
        copy if copy.is_copy_scalar() => Access::Copy,
        TypeRef::Boxed(inner) => Access::Ref(rust_type(inner)),
        other => Access::Ref(rust_type(other)),
    }
}
