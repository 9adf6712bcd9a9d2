//! A structure's typestate builder, and the builder error structures holding only a message share.

use proc_macro2::TokenStream;
use quote::quote;

use super::{Paths, all_optional, debug_fields, derives, field_type, message_only, required};
use crate::ir::{FieldDef, Presence, StructDef, TypeRef};
use crate::naming::{SHARED_ERROR_BUILDER, ident};
use crate::rust::docs::{doc_attrs, doc_text};
use crate::rust::in_caller::IN_CALLER;
use crate::rust::types::rust_type;

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
    let mut setters: Vec<TokenStream> = def.fields.iter().map(|f| setter(def, f, &req)).collect();
    setters.extend(optional_setters(&def.fields, SetterTarget::Field));
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
                #IN_CALLER
                fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                    f.debug_struct(#label) #(#entries)* .finish()
                }
            }
        }
    });
    let build = quote! {
        #[doc = " Builds the value. Every required member has been set, so this cannot fail."]
        #IN_CALLER
        pub fn build(self) -> #this {
            #this { #(#moves),* }
        }
    };
    // Without required members `build()` is always there, in the same impl as the setters.
    let impls = if params.is_empty() {
        quote! { impl #builder { #(#setters)* #build } }
    } else {
        quote! {
            impl #use_generics #builder #use_generics { #(#setters)* }
            impl #builder #build_generics { #build }
        }
    };
    quote! {
        #doc
        #derives
        #[must_use = "a builder does nothing until `build()` is called"]
        pub struct #builder #decl_generics {
            #(#slots)*
        }

        #debug_impl
        #impls
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
                #IN_CALLER
                pub fn #fname(self, value: #value_ty) -> #builder<#(#out_params),*> {
                    #builder { #(#moves),* }
                }
            }
        }
        Presence::Default(_) => quote! {
            #docs
            #IN_CALLER
            pub fn #fname(mut self, value: #value_ty) -> Self {
                self.#fname = #wrap;
                self
            }
        },
        // Written by `optional_setters`, all in one call.
        Presence::Optional => TokenStream::new(),
    }
}

/// Where the setters of optional members store a value: in the builder's own field, or in a
/// fluent builder's input builder.
#[derive(Clone, Copy)]
pub(crate) enum SetterTarget {
    Field,
    Inner,
}

/// One call of the runtime's `setters!` for the optional members among `fields` (`name` and
/// `set_name` each), or nothing if there are none.
pub(crate) fn optional_setters<'a>(
    fields: impl IntoIterator<Item = &'a FieldDef>,
    target: SetterTarget,
) -> Option<TokenStream> {
    let entries: Vec<TokenStream> = fields
        .into_iter()
        .filter(|f| matches!(f.presence, Presence::Optional))
        .map(|f| {
            let fname = ident(&f.name);
            let set = ident(&f.option_setter);
            let docs = match &f.docs {
                Some(d) => doc_attrs(Some(d)),
                None => doc_text(&format!("Sets the `{}` member.", f.member)),
            };
            let (ty, mode) = match &f.ty {
                TypeRef::Boxed(inner) => (rust_type(inner), quote! { boxed }),
                ty if ty.is_copy_scalar() => (rust_type(ty), quote! { copy }),
                ty => (rust_type(ty), quote! { into }),
            };
            let member = &f.member;
            quote! { #docs #fname #set: #ty, #mode, #member; }
        })
        .collect();
    let target = match target {
        SetterTarget::Field => quote! { field },
        SetterTarget::Inner => quote! { inner },
    };
    (!entries.is_empty()).then(|| quote! { crate::rt::accessors::setters!(#target; #(#entries)*); })
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
    // The type is runtime code; the re-export gives it its public path.
    Some(quote! {
        pub use crate::rt::modeled_errors::MessageBuilder as #shared;
    })
}
