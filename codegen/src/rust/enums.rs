//! Open enums: one variant per known value plus `Unknown`, which keeps the raw value.

use proc_macro2::{Literal, TokenStream};
use quote::quote;

use super::docs::{doc_attrs, doc_text};
use crate::ir::{EnumDef, EnumRepr};
use crate::naming::ident;

/// An enum and its conversions and serde impls.
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

        impl #name {
            /// The wire value.
            pub fn as_str(&self) -> &str {
                match self {
                    #( Self::#variants => #values, )*
                    Self::Unknown(value) => value,
                }
            }

            /// Every value this version of the crate knows, in model order.
            pub const fn values() -> &'static [&'static str] {
                &[#(#values),*]
            }
        }

        impl ::std::convert::From<&str> for #name {
            fn from(value: &str) -> Self {
                match value {
                    #( #values => Self::#variants, )*
                    other => Self::Unknown(::std::string::String::from(other)),
                }
            }
        }

        crate::rt::codec::string_enum!(#name);
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

        impl #name {
            /// The wire value.
            pub fn as_i32(&self) -> i32 {
                match self {
                    #( #name::#variants => #values, )*
                    #name::Unknown(value) => *value,
                }
            }

            /// Every value this version of the crate knows, in model order.
            pub const fn values() -> &'static [i32] {
                &[#(#values),*]
            }
        }

        impl ::std::convert::From<i32> for #name {
            fn from(value: i32) -> Self {
                match value {
                    #( #values => #name::#variants, )*
                    other => #name::Unknown(other),
                }
            }
        }

        impl ::std::fmt::Display for #name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                ::std::fmt::Display::fmt(&self.as_i32(), f)
            }
        }

        impl ::serde::Serialize for #name {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> ::std::result::Result<S::Ok, S::Error> {
                serializer.serialize_i32(self.as_i32())
            }
        }

        impl<'de> ::serde::Deserialize<'de> for #name {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> ::std::result::Result<Self, D::Error> {
                <i32 as ::serde::Deserialize<'de>>::deserialize(deserializer).map(Self::from)
            }
        }
    }
}
