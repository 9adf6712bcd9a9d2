//! Structures: the type, its accessors, its typestate builder and its serde impls.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::docs::{doc_attrs, doc_text};
use super::types::{Access, access, default_expr, rust_type, special_codec, zero_value};
use crate::ir::{FieldDef, Presence, StructDef, TypeRef};
use crate::naming::{SHARED_ERROR_BUILDER, ident};

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
    let fields = def.fields.iter().map(|f| {
        let fname = ident(&f.name);
        let ty = field_type(f);
        let docs = doc_attrs(f.docs.as_deref());
        quote! { #docs pub(crate) #fname: #ty, }
    });
    let accessors = def
        .fields
        .iter()
        .filter(|f| !is_error_message(def, f))
        .map(accessor);
    let into_accessors = def.fields.iter().filter_map(into_accessor);
    let builder_ctor = builder_ctor(def, paths);
    let debug_impl = sensitive.then(|| debug_impl(def));
    // A stream can be neither copied, compared nor written as JSON.
    let serde = (!def.holds_stream).then(|| emit_serde(def));
    let derives = derives(!sensitive, def.holds_stream, false);
    quote! {
        #docs
        #derives
        pub struct #name {
            #(#fields)*
        }

        impl #name {
            #builder_ctor
            #(#accessors)*
            #(#into_accessors)*
            #extra
        }

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

fn accessor(f: &FieldDef) -> TokenStream {
    let fname = ident(&f.name);
    let docs = match &f.docs {
        Some(d) => doc_attrs(Some(d)),
        None => doc_text(&format!("The `{}` member.", f.member)),
    };
    let optional = matches!(f.presence, Presence::Optional);
    let (ret, body) = match (access(&f.ty), optional) {
        (Access::Str, false) => (quote! { &str }, quote! { &self.#fname }),
        (Access::Str, true) => (
            quote! { ::std::option::Option<&str> },
            quote! { self.#fname.as_deref() },
        ),
        (Access::Slice(item), false) => (quote! { &[#item] }, quote! { &self.#fname }),
        (Access::Slice(item), true) => (
            quote! { ::std::option::Option<&[#item]> },
            quote! { self.#fname.as_deref() },
        ),
        (Access::Copy, false) => (rust_type(&f.ty), quote! { self.#fname }),
        (Access::Copy, true) => {
            let ty = rust_type(&f.ty);
            (
                quote! { ::std::option::Option<#ty> },
                quote! { self.#fname },
            )
        }
        (Access::Ref(ty), false) => (quote! { &#ty }, quote! { &self.#fname }),
        (Access::Ref(ty), true) => (
            quote! { ::std::option::Option<&#ty> },
            if matches!(f.ty, TypeRef::Boxed(_)) {
                quote! { self.#fname.as_deref() }
            } else {
                quote! { self.#fname.as_ref() }
            },
        ),
    };
    quote! {
        #docs
        pub fn #fname(&self) -> #ret {
            #body
        }
    }
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
        let shared = ident(SHARED_ERROR_BUILDER);
        let doc = doc_text(&format!("Starts a builder for [`{}`].", def.name));
        return quote! {
            #doc
            pub fn builder() -> #builders::#builder {
                #builders::#shared::new()
            }
        };
    }
    if all_optional(def) {
        let doc = doc_text(&format!("Starts a builder for [`{}`].", def.name));
        return quote! {
            #doc
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
        pub fn builder() -> #builders::#builder #generics {
            #builders::#builder {
                #(#inits),*
            }
        }
    }
}

/// The typestate builder. Each required member is a type parameter that is either its
/// `Missing*` marker or the member's type; `build()` exists only when all are set.
pub(crate) fn emit_builder(def: &StructDef, paths: &Paths) -> TokenStream {
    let builder = ident(&def.builder);
    let this = &paths.this;
    if message_only(def) {
        // `From<Builder<E>>`, which `build()` uses, comes with `message_error!`.
        let shared = ident(SHARED_ERROR_BUILDER);
        let doc = doc_text(&format!(
            "A builder for [`{name}`]({this_doc}). Start one with `{name}::builder()`.",
            name = def.name,
            this_doc = this.to_string().replace(' ', ""),
        ));
        return quote! {
            #doc
            pub type #builder = #shared<#this>;
        };
    }
    let req = required(def);
    let params: Vec<_> = req.iter().map(|(_, _, s)| ident(s)).collect();
    // No default type parameters: rustc hides defaults in messages, and the marker types are
    // what tells a user which required member is missing.
    let decl_generics = (!params.is_empty()).then(|| quote! { <#(#params),*> });
    let use_generics = (!params.is_empty()).then(|| quote! { <#(#params),*> });
    let slots = def.fields.iter().map(|f| {
        let fname = ident(&f.name);
        let ty = match &f.presence {
            Presence::Required { state, .. } => {
                let s = ident(state);
                quote! { #s }
            }
            _ => field_type(f),
        };
        quote! { pub(crate) #fname: #ty, }
    });
    let setters = def.fields.iter().map(|f| setter(def, f, &req));
    let build_args = req.iter().map(|(f, _, _)| rust_type(&f.ty));
    let build_generics = (!params.is_empty()).then(|| quote! { <#(#build_args),*> });
    let moves = def.fields.iter().map(|f| {
        let fname = ident(&f.name);
        quote! { #fname: self.#fname }
    });
    let doc = doc_text(&format!(
        "A builder for [`{name}`]({this_doc}). Start one with `{name}::builder()`.",
        name = def.name,
        this_doc = this.to_string().replace(' ', ""),
    ));
    let sensitive = def.fields.iter().any(|f| f.sensitive);
    let derives = derives(!sensitive, def.holds_stream, all_optional(def));
    // With sensitive members the builder redacts them, as the structure does, so it still
    // implements `Debug` (fluent builders derive it over their input builder).
    let debug_impl = sensitive.then(|| {
        let label = &def.builder;
        let bounds = params.iter().map(|p| quote! { #p: ::std::fmt::Debug });
        let entries = debug_fields(def);
        quote! {
            impl<#(#bounds),*> ::std::fmt::Debug for #builder #use_generics {
                fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                    f.debug_struct(#label) #(#entries)* .finish()
                }
            }
        }
    });
    quote! {
        #doc
        #derives
        #[must_use = "a builder does nothing until `build()` is called"]
        pub struct #builder #decl_generics {
            #(#slots)*
        }

        #debug_impl

        impl #use_generics #builder #use_generics {
            #(#setters)*
        }

        impl #builder #build_generics {
            #[doc = " Builds the value. Every required member has been set, so this cannot fail."]
            pub fn build(self) -> #this {
                #this { #(#moves),* }
            }
        }
    }
}

fn setter(def: &StructDef, f: &FieldDef, req: &[(&FieldDef, &str, &str)]) -> TokenStream {
    let fname = ident(&f.name);
    let builder = ident(&def.builder);
    let value_ty = setter_param(&f.ty);
    let wrap = setter_conversion(&f.ty);
    let docs = match &f.docs {
        Some(d) => doc_attrs(Some(d)),
        None => doc_text(&format!("Sets the `{}` member.", f.member)),
    };
    match &f.presence {
        Presence::Required { .. } => {
            // Setting a required member changes its state parameter to the member's type.
            let out_params = states_after_setting(req, f);
            let moves = def.fields.iter().map(|g| {
                let gname = ident(&g.name);
                if g.name == f.name && g.name == "value" && f.ty.is_copy_scalar() {
                    // `value: value` is clippy's redundant_field_names.
                    quote! { #gname }
                } else if g.name == f.name {
                    quote! { #gname: #wrap }
                } else {
                    quote! { #gname: self.#gname }
                }
            });
            quote! {
                #docs
                pub fn #fname(self, value: #value_ty) -> #builder<#(#out_params),*> {
                    #builder { #(#moves),* }
                }
            }
        }
        Presence::Default(_) => quote! {
            #docs
            pub fn #fname(mut self, value: #value_ty) -> Self {
                self.#fname = #wrap;
                self
            }
        },
        Presence::Optional => {
            let set = ident(&f.option_setter);
            let ty = rust_type(&f.ty);
            let set_doc = doc_text(&format!("Sets or clears the `{}` member.", f.member));
            quote! {
                #docs
                pub fn #fname(mut self, value: #value_ty) -> Self {
                    self.#fname = ::std::option::Option::Some(#wrap);
                    self
                }
                #set_doc
                pub fn #set(mut self, value: ::std::option::Option<#ty>) -> Self {
                    self.#fname = value;
                    self
                }
            }
        }
    }
}

/// `Serialize` and `Deserialize`, written out so the user's build needs no proc macros: one
/// line per member through the runtime's `ObjectWriter`, and one match arm per member passed to
/// its `Fields::each`, which owns the keys and the skipping of unknown members (`read_object`
/// owns the visitor). An error holding only its message gets the runtime's `message_error!`.
fn emit_serde(def: &StructDef) -> TokenStream {
    let name = ident(&def.name);
    let fields: Vec<&FieldDef> = def.fields.iter().collect();
    let ser = serialize_body(&fields, &quote! { self });
    if message_only(def) {
        let f = &def.fields[0];
        let label = &def.name;
        let wire = &f.wire;
        let aliases = &f.wire_aliases;
        return quote! {
            crate::rt::error::message_error!(#name, #label, #wire #(| #aliases)*);
        };
    }
    let read = read_fields(&fields, &def.name);
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
/// `ReadObject` impl: a slot per member, one match arm per member, then the value with
/// defaults and zero values filled in.
pub(crate) fn read_fields(fields: &[&FieldDef], name: &str) -> TokenStream {
    let this = ident(name);
    let taken: Vec<&str> = fields.iter().map(|f| f.name.as_str()).collect();
    let k = ident(&crate::naming::fresh_local("k", &taken));
    let v = ident(&crate::naming::fresh_local("v", &taken));
    let map = ident(&crate::naming::fresh_local("map", &taken));
    let decls = fields.iter().map(|f| {
        let slot = ident(&f.name);
        quote! { let mut #slot = ::std::option::Option::None; }
    });
    let arms = fields.iter().map(|f| {
        let slot = ident(&f.name);
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
    quote! {
        impl<'de> ::serde::Deserialize<'de> for #this {
            fn deserialize<D: ::serde::Deserializer<'de>>(d: D) -> ::std::result::Result<Self, D::Error> {
                crate::rt::codec::read_object(d, #name)
            }
        }

        impl crate::rt::codec::ReadObject for #this {
            fn read<'de, A: ::serde::de::MapAccess<'de>>(#map: A) -> ::std::result::Result<Self, A::Error> {
                #(#decls)*
                #each
                ::std::result::Result::Ok(Self { #(#finals),* })
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

/// The builder's type arguments after `field` is set: its state becomes the member's type,
/// every other required member keeps its state parameter.
pub(crate) fn states_after_setting(
    req: &[(&FieldDef, &str, &str)],
    field: &FieldDef,
) -> Vec<TokenStream> {
    req.iter()
        .map(|(g, _, s)| {
            if g.name == field.name {
                rust_type(&g.ty)
            } else {
                let s = ident(s);
                quote! { #s }
            }
        })
        .collect()
}

/// The parameter type of a setter: `impl Into<T>` of the member's type, unboxed, except for
/// numbers and booleans, which are taken as they are so that literals like `7` or `1.5` infer
/// the member's type (`impl Into<i16>` would make `7` an `i32` and fail to compile).
pub(crate) fn setter_param(ty: &TypeRef) -> TokenStream {
    let t = match ty {
        TypeRef::Boxed(inner) => rust_type(inner),
        other => rust_type(other),
    };
    if ty.is_copy_scalar() {
        t
    } else {
        quote! { impl ::std::convert::Into<#t> }
    }
}

/// Turns a setter's `value` into the field's type.
fn setter_conversion(ty: &TypeRef) -> TokenStream {
    match ty {
        TypeRef::Boxed(_) => quote! { ::std::boxed::Box::new(value.into()) },
        _ if ty.is_copy_scalar() => quote! { value },
        _ => quote! { value.into() },
    }
}

/// The builder that error structures holding only a message share (see [`message_only`]),
/// if any error does.
pub(crate) fn emit_shared_error_builder(errors: &[StructDef]) -> Option<TokenStream> {
    if !errors.iter().any(message_only) {
        return None;
    }
    let shared = ident(SHARED_ERROR_BUILDER);
    Some(quote! {
        /// The builder of every error structure that holds only a message: each one's
        /// `{Error}Builder` is this type. Start one with the error's `builder()`.
        #[derive(Debug, Clone, PartialEq)]
        #[must_use = "a builder does nothing until `build()` is called"]
        pub struct #shared<E> {
            pub(crate) message: ::std::option::Option<::std::string::String>,
            error: ::std::marker::PhantomData<E>,
        }

        impl<E> #shared<E> {
            pub(crate) const fn new() -> Self {
                #shared { message: ::std::option::Option::None, error: ::std::marker::PhantomData }
            }

            /// A description of the error.
            pub fn message(mut self, value: impl ::std::convert::Into<::std::string::String>) -> Self {
                self.message = ::std::option::Option::Some(value.into());
                self
            }

            /// Sets or clears the message.
            pub fn set_message(mut self, value: ::std::option::Option<::std::string::String>) -> Self {
                self.message = value;
                self
            }

            /// Builds the error.
            pub fn build(self) -> E
            where
                E: ::std::convert::From<Self>,
            {
                E::from(self)
            }
        }
    })
}
