//! A structure's `Serialize` and `Deserialize` impls.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::{defaults, message_only};
use crate::ir::{FieldDef, Presence, StructDef, TypeRef};
use crate::naming::ident;
use crate::rust::types::{default_expr, special_codec, zero_value};

/// `Serialize` and `Deserialize`, written out so the user's build needs no proc macros: one
/// line per member through the runtime's `ObjectWriter`, and one match arm per member passed to
/// its `Fields::each`, which owns the keys and the skipping of unknown members (`read_object`
/// owns the visitor). An error holding only its message gets the runtime's `message_error!`.
pub(super) fn emit_serde(def: &StructDef) -> TokenStream {
    let name = ident(&def.name);
    let fields: Vec<&FieldDef> = def.fields.iter().collect();
    let ser = serialize_body(&fields, &quote! { self });
    if message_only(def) {
        let f = &def.fields[0];
        let args = crate::rust::errors::modeled_error_args(def);
        let wire = &f.wire;
        let aliases = &f.wire_aliases;
        return quote! {
            crate::rt::modeled_errors::message_error!(#args, key #wire #(| #aliases)*);
        };
    }
    let read = read_fields(&fields, &def.name, defaults(def));
    quote! {
        impl ::serde::Serialize for #name {
            fn serialize<S: ::serde::Serializer>(&self, s: S) -> ::std::result::Result<S::Ok, S::Error> {
                #ser
            }
        }

        #read
    }
}

/// The `Deserialize` impl of the structure `name` through the runtime's `read_object`, and its
/// `ReadObject` impl: one match arm per member. A structure whose members are all optional
/// (`in_place`) is read into its `Default`; any other fills a slot per member, then builds
/// the value with defaults and zero values filled in.
pub(crate) fn read_fields(fields: &[&FieldDef], name: &str, in_place: bool) -> TokenStream {
    let this = ident(name);
    let mut taken: Vec<&str> = fields.iter().map(|f| f.name.as_str()).collect();
    let value = crate::naming::fresh_local("value", &taken);
    taken.push(&value);
    let value = ident(&value);
    let k = ident(&crate::naming::fresh_local("k", &taken));
    let v = ident(&crate::naming::fresh_local("v", &taken));
    let map = ident(&crate::naming::fresh_local("map", &taken));
    let decls = fields.iter().map(|f| {
        let slot = ident(&f.name);
        quote! { let mut #slot = ::std::option::Option::None; }
    });
    let arms = fields.iter().map(|f| {
        let fname = ident(&f.name);
        let slot = if in_place {
            quote! { #value.#fname }
        } else {
            quote! { #fname }
        };
        let wire = &f.wire;
        let aliases = &f.wire_aliases;
        let read = match special_codec(&f.ty) {
            Some(c) => quote! { #v.read_with::<#c, _>(&mut #slot) },
            None => quote! { #v.read(&mut #slot) },
        };
        quote! { #wire #(| #aliases)* => #read, }
    });
    let finals = fields.iter().map(|f| {
        let slot = ident(&f.name);
        let wire = &f.wire;
        match finish_slot(&slot, f) {
            // `x: x` is clippy's redundant_field_names.
            Some(_) if matches!(f.presence, Presence::Optional) => quote! { #slot },
            Some(value) => quote! { #slot: #value },
            None => quote! {
                #slot: crate::rt::codec::required::<_, A::Error>(#slot, #wire)?
            },
        }
    });
    // No members: every key is skipped (a match with only `_` is clippy's
    // match_single_binding).
    let each = if fields.is_empty() {
        quote! { crate::rt::codec::Fields(#map).each(|_, #v| #v.skip())?; }
    } else {
        quote! {
            crate::rt::codec::Fields(#map).each(|#k, #v| match #k {
                #(#arms)*
                _ => #v.skip(),
            })?;
        }
    };
    let body = if in_place && !fields.is_empty() {
        quote! {
            // Not `Self::default()`: a member named `default` has an accessor of that name.
            let mut #value = <Self as ::std::default::Default>::default();
            #each
            ::std::result::Result::Ok(#value)
        }
    } else {
        quote! {
            #(#decls)*
            #each
            ::std::result::Result::Ok(Self { #(#finals),* })
        }
    };
    quote! {
        crate::rt::codec::deserialize_object!(#this);

        impl crate::rt::codec::ReadObject for #this {
            fn read<'de, A: ::serde::de::MapAccess<'de>>(#map: A) -> ::std::result::Result<Self, A::Error> {
                #body
            }
        }
    }
}

/// A field's value from `slot`, the `Option` a reader filled: the slot itself for an optional
/// member, else the value read or, when it was missing, the member's default or zero value.
/// `None` for a required structure or union, which has no zero value: the caller reports it
/// missing.
pub(crate) fn finish_slot(slot: &proc_macro2::Ident, f: &FieldDef) -> Option<TokenStream> {
    Some(match &f.presence {
        Presence::Optional => quote! { #slot },
        Presence::Default(v) => fill(slot, default_fill(&f.ty, v)),
        Presence::Required { .. } => fill(slot, zero_fill(&f.ty)?),
    })
}

/// How a missing value is filled in, chosen so the code reads as a person would write it.
enum Fill {
    /// `unwrap_or_default()`.
    Default,
    /// `unwrap_or(expr)` for cheap constant expressions.
    Eager(TokenStream),
    /// `unwrap_or_else(|| expr)`.
    Lazy(TokenStream),
}

fn fill(slot: &proc_macro2::Ident, how: Fill) -> TokenStream {
    match how {
        Fill::Default => quote! { #slot.unwrap_or_default() },
        Fill::Eager(e) => quote! { #slot.unwrap_or(#e) },
        Fill::Lazy(e) => quote! { #slot.unwrap_or_else(|| #e) },
    }
}

/// Whether `ty`'s zero value is its `Default`.
fn zero_is_default(ty: &TypeRef) -> bool {
    match ty {
        TypeRef::Boxed(inner) => zero_is_default(inner),
        TypeRef::Named(_) | TypeRef::Timestamp(_) => false,
        _ => true,
    }
}

fn zero_fill(ty: &TypeRef) -> Option<Fill> {
    let z = zero_value(ty)?;
    Some(if zero_is_default(ty) {
        Fill::Default
    } else {
        match ty {
            TypeRef::Named(n) if n.kind == crate::ir::NamedKind::Enum => Fill::Lazy(z),
            TypeRef::Boxed(_) => Fill::Lazy(z),
            _ => Fill::Eager(z),
        }
    })
}

fn default_fill(ty: &TypeRef, v: &crate::ir::DefaultValue) -> Fill {
    use crate::ir::DefaultValue as D;
    let e = default_expr(ty, v);
    if matches!(ty, TypeRef::Boxed(_)) {
        return Fill::Lazy(e);
    }
    match v {
        D::EmptyList | D::EmptyMap | D::Document(serde_json::Value::Null) => Fill::Default,
        D::Bool(_)
        | D::Int(_)
        | D::Float(_)
        | D::EnumVariant(_)
        | D::IntEnumVariant(_)
        | D::IntEnumUnknown(_) => Fill::Eager(e),
        D::Document(serde_json::Value::Bool(_) | serde_json::Value::Number(_)) => Fill::Eager(e),
        _ => Fill::Lazy(e),
    }
}

/// The body of a `serialize` method writing `fields` of `this` (`self`, `self.0`) as an
/// object, one line per member.
pub(crate) fn serialize_body(fields: &[&FieldDef], this: &TokenStream) -> TokenStream {
    let entries = fields.iter().map(|f| {
        let fname = ident(&f.name);
        let wire = &f.wire;
        let method = match f.presence {
            Presence::Optional => "opt",
            _ => "req",
        };
        match special_codec(&f.ty) {
            Some(c) => {
                let method = format_ident!("{method}_with");
                quote! { w.#method::<#c, _>(#wire, &#this.#fname)?; }
            }
            None => {
                let method = format_ident!("{method}");
                quote! { w.#method(#wire, &#this.#fname)?; }
            }
        }
    });
    let binding = if fields.is_empty() {
        quote! { w }
    } else {
        quote! { mut w }
    };
    quote! {
        let #binding = crate::rt::codec::ObjectWriter::new(s)?;
        #(#entries)*
        w.end()
    }
}
