//! Unions: an enum with one variant per member, plus `Unknown` for members added later.

use proc_macro2::TokenStream;
use quote::quote;

use super::docs::{doc_attrs, doc_text};
use super::types::{codec, rust_type};
use crate::ir::UnionDef;
use crate::naming::ident;
use crate::rust::in_caller::IN_CALLER;

/// The union enum, its accessors and its serde impls (a JSON object with exactly one key).
pub(crate) fn emit_union(def: &UnionDef, this: &TokenStream) -> TokenStream {
    let name = ident(&def.name);
    let docs = match &def.docs {
        Some(d) => doc_attrs(Some(d)),
        None => doc_text(&format!("The `{}` union.", def.name)),
    };
    let variants = def.variants.iter().map(|v| {
        let vname = ident(&v.name);
        let docs = match &v.docs {
            Some(d) => doc_attrs(Some(d)),
            None => doc_text(&format!("The `{}` member.", v.wire)),
        };
        match &v.ty {
            Some(ty) => {
                let ty = rust_type(ty);
                quote! { #docs #vname(#ty), }
            }
            None => quote! { #docs #vname, },
        }
    });
    let helpers = def.variants.iter().map(|v| {
        let vname = ident(&v.name);
        let is_fn = ident(&v.is_fn);
        let is_doc = doc_text(&format!("Whether this is the `{}` member.", v.wire));
        let is = quote! {
            #is_doc
            #IN_CALLER
            pub fn #is_fn(&self) -> bool {
                ::std::matches!(self, Self::#vname { .. })
            }
        };
        match &v.ty {
            Some(ty) => {
                let ty = rust_type(ty);
                let as_fn = ident(&v.as_fn);
                let as_doc = doc_text(&format!("The `{}` member, if that is the one set.", v.wire));
                quote! {
                    #as_doc
                    #IN_CALLER
                    pub fn #as_fn(&self) -> ::std::option::Option<&#ty> {
                        match self {
                            Self::#vname(v) => ::std::option::Option::Some(v),
                            _ => ::std::option::Option::None,
                        }
                    }
                    #is
                }
            }
            None => is,
        }
    });
    let ser_arms = def.variants.iter().map(|v| {
        let vname = ident(&v.name);
        let wire = &v.wire;
        match &v.ty {
            Some(ty) => {
                let c = codec(ty);
                quote! { Self::#vname(v) => map.serialize_entry(#wire, &crate::rt::codec::Ser::<_, #c>::new(v))?, }
            }
            None => quote! {
                Self::#vname => map.serialize_entry(#wire, &::std::collections::BTreeMap::<(), ()>::new())?,
            },
        }
    });
    let de_arms = def.variants.iter().map(|v| {
        let vname = ident(&v.name);
        let wire = &v.wire;
        match &v.ty {
            Some(ty) => {
                let rty = rust_type(ty);
                let c = codec(ty);
                quote! {
                    #wire => map
                        .next_value::<::std::option::Option<crate::rt::codec::De<#rty, #c>>>()?
                        .map(|v| #this::#vname(v.0)),
                }
            }
            None => quote! {
                #wire => map
                    .next_value::<::std::option::Option<::serde::de::IgnoredAny>>()?
                    .map(|_| #this::#vname),
            },
        }
    });
    let expecting = format!("a JSON object for {} with exactly one member", def.name);
    quote! {
        #docs
        #[derive(Debug, Clone, PartialEq)]
        pub enum #name {
            #(#variants)*
            #[doc = " A member not known to this version of the crate; holds the member's name."]
            Unknown(::std::string::String),
        }

        impl #name {
            #(#helpers)*
            #[doc = " Whether this is a member unknown to this version of the crate."]
            #IN_CALLER
            pub fn is_unknown(&self) -> bool {
                ::std::matches!(self, Self::Unknown(_))
            }
        }

        impl ::serde::Serialize for #name {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> ::std::result::Result<S::Ok, S::Error> {
                use ::serde::ser::SerializeMap as _;
                let mut map = serializer.serialize_map(::std::option::Option::Some(1))?;
                match self {
                    #(#ser_arms)*
                    Self::Unknown(member) => {
                        return ::std::result::Result::Err(<S::Error as ::serde::ser::Error>::custom(
                            ::std::format!("cannot serialize unknown union member `{member}`"),
                        ));
                    }
                }
                map.end()
            }
        }

        impl<'de> ::serde::Deserialize<'de> for #name {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> ::std::result::Result<Self, D::Error> {
                struct UnionVisitor;
                impl<'de> ::serde::de::Visitor<'de> for UnionVisitor {
                    type Value = #this;
                    fn expecting(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                        f.write_str(#expecting)
                    }
                    fn visit_map<A: ::serde::de::MapAccess<'de>>(self, mut map: A) -> ::std::result::Result<#this, A::Error> {
                        let mut found: ::std::option::Option<#this> = ::std::option::Option::None;
                        while let ::std::option::Option::Some(key) = map.next_key::<crate::rt::codec::Key<'de>>()? {
                            // `__type` is type metadata some services add, and `null` members are unset.
                            let value = match key.as_str() {
                                #(#de_arms)*
                                "__type" => {
                                    map.next_value::<::serde::de::IgnoredAny>()?;
                                    ::std::option::Option::None
                                }
                                other => {
                                    let other = ::std::string::String::from(other);
                                    map.next_value::<::serde::de::IgnoredAny>()?;
                                    ::std::option::Option::Some(#this::Unknown(other))
                                }
                            };
                            if let ::std::option::Option::Some(value) = value {
                                if found.is_some() {
                                    return ::std::result::Result::Err(crate::rt::codec::custom("a union must have exactly one member set"));
                                }
                                found = ::std::option::Option::Some(value);
                            }
                        }
                        found.ok_or_else(|| crate::rt::codec::custom("a union must have exactly one member set"))
                    }
                }
                deserializer.deserialize_map(UnionVisitor)
            }
        }
    }
}
