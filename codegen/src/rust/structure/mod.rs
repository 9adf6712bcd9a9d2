//! Structures: the type and its accessors here, its typestate builder in `builder.rs` and its
//! serde impls in `serde.rs`.

mod builder;
mod serde;

pub(crate) use builder::{
    SetterTarget, emit_builder, emit_shared_error_builder, optional_setters, setter_param,
    states_after_setting,
};
use serde::emit_serde;
pub(crate) use serde::{finish_slot, serialize_body};

use proc_macro2::TokenStream;
use quote::quote;

use super::docs::{doc_attrs, doc_text};
use super::types::{Access, access, default_expr, rust_type};
use crate::ir::{FieldDef, Presence, StructDef, TypeRef};
use crate::naming::ident;
use crate::rust::in_caller::IN_CALLER;

/// Where a structure lives, as absolute paths.
pub(crate) struct Paths {
    /// The structure, e.g. `crate::types::Foo`.
    pub this: TokenStream,
    /// Its builder module, e.g. `crate::types::builders`.
    pub builders: TokenStream,
}

/// The structure, its inherent impl and its serde impls.
pub(crate) fn emit_structure(def: &StructDef, paths: &Paths) -> TokenStream {
    emit_structure_with(def, paths, TokenStream::new())
}

/// [`emit_structure`], with `extra` items in the inherent impl.
pub(crate) fn emit_structure_with(
    def: &StructDef,
    paths: &Paths,
    extra: TokenStream,
) -> TokenStream {
    let name = ident(&def.name);
    let docs = match &def.docs {
        Some(d) => doc_attrs(Some(d)),
        None => doc_text(&format!("The `{}` structure.", def.name)),
    };
    let sensitive = def.fields.iter().any(|f| f.sensitive);
    // Crate-private fields go undocumented: their accessors and setters carry the docs.
    let fields = def.fields.iter().map(|f| {
        let fname = ident(&f.name);
        let ty = field_type(f);
        quote! { pub(crate) #fname: #ty, }
    });
    let accessors: Vec<TokenStream> = def
        .fields
        .iter()
        .filter(|f| !is_error_message(def, f))
        .map(accessor)
        .collect();
    let accessors =
        (!accessors.is_empty()).then(|| quote! { crate::rt::accessors::getters!(#(#accessors)*); });
    let into_accessors = def.fields.iter().filter_map(into_accessor);
    let builder_ctor = builder_ctor(def, paths);
    let debug_impl = sensitive.then(|| debug_impl(def));
    // A stream can be neither copied, compared nor written as JSON.
    let serde = (!def.holds_stream).then(|| emit_serde(def));
    let derives = derives(!sensitive, def.holds_stream, defaults(def));
    let items = quote! {
        #builder_ctor
        #accessors
        #(#into_accessors)*
        #extra
    };
    // An error holding only its message gets its items from `message_error!`.
    let inherent = (!items.is_empty()).then(|| quote! { impl #name { #items } });
    quote! {
        #docs
        #derives
        pub struct #name {
            #(#fields)*
        }

        #inherent

        #debug_impl
        #serde
    }
}

/// `#[derive(..)]`: `Debug` unless a member is sensitive (a redacting impl is written instead),
/// `Clone` and `PartialEq` unless a member is a stream.
fn derives(debug: bool, holds_stream: bool, default: bool) -> Option<TokenStream> {
    let mut names = Vec::new();
    if debug {
        names.push(quote! { Debug });
    }
    if !holds_stream {
        names.push(quote! { Clone });
        names.push(quote! { PartialEq });
    }
    if default {
        names.push(quote! { Default });
    }
    (!names.is_empty()).then(|| quote! { #[derive(#(#names),*)] })
}

/// An error structure whose only member is its optional, plain `message` string: it shares
/// the `Builder` of `types::error::builders` and reads itself with `read_message`.
pub(crate) fn message_only(def: &StructDef) -> bool {
    match def.fields.as_slice() {
        [f] => {
            is_error_message(def, f)
                && f.name == "message"
                && matches!(f.presence, Presence::Optional)
                && matches!(f.ty, TypeRef::String)
                && !f.sensitive
                && !def.holds_stream
        }
        _ => false,
    }
}

/// Whether the structure derives `Default` (every member unset): when every member is
/// optional and none is a stream. Its reader then fills a default value in place.
fn defaults(def: &StructDef) -> bool {
    all_optional(def) && !def.holds_stream
}

/// Whether every member is optional, so the builder starts as its `Default` (all unset).
fn all_optional(def: &StructDef) -> bool {
    def.fields
        .iter()
        .all(|f| matches!(f.presence, Presence::Optional))
}

fn is_error_message(def: &StructDef, f: &FieldDef) -> bool {
    def.error
        .as_ref()
        .is_some_and(|e| e.message_field.as_deref() == Some(f.name.as_str()))
}

/// The stored type of a field: `Option<T>` unless required or defaulted.
fn field_type(f: &FieldDef) -> TokenStream {
    let ty = rust_type(&f.ty);
    match f.presence {
        Presence::Optional => quote! { ::std::option::Option<#ty> },
        _ => ty,
    }
}

/// A getter's entry in the runtime's `getters!`: docs, name, return type and how the value is
/// reached (`borrow`: `&self.x`, `copy`: `self.x`, `deref`: `as_deref()`, `as_ref`).
fn accessor(f: &FieldDef) -> TokenStream {
    let fname = ident(&f.name);
    let docs = match &f.docs {
        Some(d) => doc_attrs(Some(d)),
        None => doc_text(&format!("The `{}` member.", f.member)),
    };
    let optional = matches!(f.presence, Presence::Optional);
    let (ret, kind) = match (access(&f.ty), optional) {
        (Access::Str, false) => (quote! { &str }, quote! { borrow }),
        (Access::Str, true) => (quote! { ::std::option::Option<&str> }, quote! { deref }),
        (Access::Slice(item), false) => (quote! { &[#item] }, quote! { borrow }),
        (Access::Slice(item), true) => {
            (quote! { ::std::option::Option<&[#item]> }, quote! { deref })
        }
        (Access::Copy, false) => (rust_type(&f.ty), quote! { copy }),
        (Access::Copy, true) => {
            let ty = rust_type(&f.ty);
            (quote! { ::std::option::Option<#ty> }, quote! { copy })
        }
        (Access::Ref(ty), false) => (quote! { &#ty }, quote! { borrow }),
        (Access::Ref(ty), true) => (
            quote! { ::std::option::Option<&#ty> },
            if matches!(f.ty, TypeRef::Boxed(_)) {
                quote! { deref }
            } else {
                quote! { as_ref }
            },
        ),
    };
    quote! { #docs #fname: #ret, #kind; }
}

/// `into_x(self)`, which moves a stream field out.
fn into_accessor(f: &FieldDef) -> Option<TokenStream> {
    let method = ident(f.into_accessor.as_deref()?);
    let fname = ident(&f.name);
    let ty = field_type(f);
    let doc = doc_text(&format!(
        "Moves the `{}` stream out, to read it with `next()`, `collect()` or `into_reader()`.",
        f.member
    ));
    Some(quote! {
        #doc
        #IN_CALLER
        pub fn #method(self) -> #ty {
            self.#fname
        }
    })
}

fn debug_impl(def: &StructDef) -> TokenStream {
    let name = ident(&def.name);
    let label = &def.name;
    let fields = debug_fields(def);
    quote! {
        impl ::std::fmt::Debug for #name {
            #IN_CALLER
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.debug_struct(#label) #(#fields)* .finish()
            }
        }
    }
}

/// `.field(..)` calls for a `Debug` impl, with `@sensitive` members redacted.
fn debug_fields(def: &StructDef) -> Vec<TokenStream> {
    def.fields
        .iter()
        .map(|f| {
            let fname = ident(&f.name);
            let key = f.name.trim_start_matches("r#");
            if f.sensitive {
                quote! { .field(#key, &"*** Sensitive Data Redacted ***") }
            } else {
                quote! { .field(#key, &self.#fname) }
            }
        })
        .collect()
}

/// Required fields with their state parameter and marker.
pub(crate) fn required(def: &StructDef) -> Vec<(&FieldDef, &str, &str)> {
    def.fields
        .iter()
        .filter_map(|f| match &f.presence {
            Presence::Required { marker, state } => Some((f, marker.as_str(), state.as_str())),
            _ => None,
        })
        .collect()
}

fn builder_ctor(def: &StructDef, paths: &Paths) -> TokenStream {
    let builder = ident(&def.builder);
    let builders = &paths.builders;
    if message_only(def) {
        return TokenStream::new();
    }
    if all_optional(def) {
        let doc = doc_text(&format!("Starts a builder for [`{}`].", def.name));
        return quote! {
            #doc
            #IN_CALLER
            pub fn builder() -> #builders::#builder {
                ::std::default::Default::default()
            }
        };
    }
    let req = required(def);
    let markers: Vec<TokenStream> = req
        .iter()
        .map(|(_, m, _)| {
            let m = ident(m);
            quote! { crate::types::builders::#m }
        })
        .collect();
    let generics = (!markers.is_empty()).then(|| quote! { <#(#markers),*> });
    let inits = def.fields.iter().map(|f| {
        let fname = ident(&f.name);
        match &f.presence {
            Presence::Required { marker, .. } => {
                let m = ident(marker);
                quote! { #fname: crate::types::builders::#m }
            }
            Presence::Default(v) => {
                let e = default_expr(&f.ty, v);
                quote! { #fname: #e }
            }
            Presence::Optional => quote! { #fname: ::std::option::Option::None },
        }
    });
    let doc = if req.is_empty() {
        format!("Starts a builder for [`{}`].", def.name)
    } else {
        let names: Vec<String> = req
            .iter()
            .map(|(f, _, _)| format!("`{}`", f.name.trim_start_matches("r#")))
            .collect();
        format!(
            "Starts a builder for [`{}`]. `build()` becomes available once the required members ({}) are set.",
            def.name,
            names.join(", ")
        )
    };
    let doc = doc_text(&doc);
    quote! {
        #doc
        #IN_CALLER
        pub fn builder() -> #builders::#builder #generics {
            #builders::#builder {
                #(#inits),*
            }
        }
    }
}
