//! Open enums: one variant per known value plus `Unknown`, which keeps the raw value.

use proc_macro2::{Literal, TokenStream};
use quote::quote;

use super::docs::{doc_attrs, doc_text};
use crate::ir::{EnumDef, EnumRepr};
use crate::naming::ident;

/// An enum; its conversions and serde impls come from the runtime's `string_enum!` or
/// `int_enum!`.
pub(crate) fn emit_enum(def: &EnumDef) -> TokenStream {
    match def.repr {
        EnumRepr::String => string_enum(def),
        EnumRepr::Int => int_enum(def),
    }
}

fn variant_docs(def: &EnumDef) -> Vec<TokenStream> {
    def.variants
        .iter()
        .map(|v| {
            let text = match &v.docs {
                Some(d) => format!("`{}`: {d}", v.value.replace('`', "'")),
                None => format!("`{}`", v.value.replace('`', "'")),
            };
            doc_text(&text)
        })
        .collect()
}

fn string_enum(def: &EnumDef) -> TokenStream {
    let name = ident(&def.name);
    let docs = match &def.docs {
        Some(d) => doc_attrs(Some(d)),
        None => doc_text(&format!("The `{}` enum.", def.name)),
    };
    let open_doc = doc_text(
        "This enum is open: a value this version of the crate does not know arrives as \
         `Unknown`, keeps its text, and is sent back unchanged. Match it with a wildcard arm.",
    );
    let variants: Vec<_> = def.variants.iter().map(|v| ident(&v.name)).collect();
    let values: Vec<_> = def.variants.iter().map(|v| v.value.as_str()).collect();
    let vdocs = variant_docs(def);
    quote! {
        #docs
        #[doc = ""]
        #open_doc
        #[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum #name {
            #( #vdocs #variants, )*
            #[doc = " A value not known to this version of the crate, kept as received."]
            Unknown(::std::string::String),
        }

        crate::rt::enums::string_enum!(#name { #( #variants = #values, )* });
    }
}

fn int_enum(def: &EnumDef) -> TokenStream {
    let name = ident(&def.name);
    let docs = match &def.docs {
        Some(d) => doc_attrs(Some(d)),
        None => doc_text(&format!("The `{}` enum.", def.name)),
    };
    let variants: Vec<_> = def.variants.iter().map(|v| ident(&v.name)).collect();
    let values: Vec<Literal> = def
        .variants
        .iter()
        .map(|v| Literal::i32_unsuffixed(v.value.parse().unwrap_or_default()))
        .collect();
    let vdocs = variant_docs(def);
    quote! {
        #docs
        #[doc = ""]
        #[doc = " This enum is open: an unknown value arrives as `Unknown` and is sent back unchanged."]
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum #name {
            #( #vdocs #variants, )*
            #[doc = " A value not known to this version of the crate, kept as received."]
            Unknown(i32),
        }

        crate::rt::enums::int_enum!(#name { #( #variants = #values, )* });
    }
}
