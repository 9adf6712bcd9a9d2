//! The response side of the XML protocols (awsQuery, ec2Query, restXml): reading structures and
//! unions out of a parsed document (`rt::xml::XmlElement`), and identifying XML error bodies.
//!
//! Each structure and union a crate reads gets one `impl crate::rt::xml_de::FromXml`. Those of
//! the shared types (`types`, `types::error`) reached from an operation output or an error are
//! in the crate's private `src/xml_de.rs` ([`emit_file`]); an operation's output structure gets
//! its impl in its own module ([`struct_reader`]). The generated code reads members by local
//! element name (namespaces and prefixes are ignored), skips unknown elements, fills a missing
//! required member with its zero value (a missing required structure or union is an error), and
//! never panics: every failure is an `Err(String)`.
//!
//! API, for the protocol emitters:
//! - [`emit_file`]`(ir)`: the contents of `src/xml_de.rs`;
//! - [`struct_reader`]`(def, this)`: `impl FromXml for #this`, reading the members not bound
//!   to a header, prefix headers, the status or the payload (those start unset, at their
//!   default or zero value, for the caller to fill);
//! - [`union_reader`]`(def, this)`: `impl FromXml for #this` of a union;
//! - [`read_value`]`(ty, element)`: an expression reading one value of `ty` from the element
//!   expression `element` (a `&XmlElement`), for payloads;
//! - [`emit_parse_error`]`(op, errors, wrapping, extra)`: the operation's public `parse_error`,
//!   with `extra(error)` giving statements run on each modeled error `e` after it is read (such
//!   as restXml's header members).

use std::collections::BTreeSet;

use proc_macro2::{Ident, TokenStream};
use quote::quote;

use crate::ir::{
    FieldDef, HttpBinding, Ir, NamedKind, OperationDef, StructDef, TimestampFormat, TypeDef,
    TypeRef, UnionDef,
};
use crate::naming::{self, ident};
use crate::rust::in_caller::IN_CALLER;
use crate::rust::structure::finish_slot;
use crate::rust::types::{named_path, rust_type};

/// How a protocol wraps the `<Error>` element of an error body (`rt::xml_error::ErrorShape`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ErrorWrapping {
    /// `<ErrorResponse><Error>…</Error></ErrorResponse>`.
    AwsQuery,
    /// `<Response><Errors><Error>…</Error></Errors></Response>`.
    Ec2Query,
    /// restXml's `<ErrorResponse><Error>…` (a bare `<Error>` root accepted too).
    RestXml,
    /// restXml with `noErrorWrapping`: `<Error>…</Error>` at the root.
    RestXmlUnwrapped,
}

/// `src/xml_de.rs`: the readers of every structure and union in `types` and `types::error` that
/// an operation's output or error can hold, and of every error structure.
pub(crate) fn emit_file(ir: &Ir) -> TokenStream {
    let roots = ir
        .operations
        .iter()
        .flat_map(|op| op.output.fields.iter())
        .chain(ir.errors.iter().flat_map(|e| e.fields.iter()))
        .map(|f| &f.ty);
    let reached = super::reachable(ir, roots);
    let types = ir.types.iter().filter_map(|t| match t {
        TypeDef::Struct(s) if reached.contains(&(vec!["types".into()], s.name.clone())) => {
            Some(struct_reader(s, &type_path(&["types"], &s.name)))
        }
        TypeDef::Union(u) if reached.contains(&(vec!["types".into()], u.name.clone())) => {
            Some(union_reader(u, &type_path(&["types"], &u.name)))
        }
        _ => None,
    });
    let errors = ir
        .errors
        .iter()
        .map(|e| struct_reader(e, &type_path(&["types", "error"], &e.name)));
    quote! {
        //! Readers of the shared types out of XML responses and error bodies.
        #(#types)*
        #(#errors)*
    }
}

fn type_path(module: &[&str], name: &str) -> TokenStream {
    let segs = module.iter().map(|m| ident(m));
    let name = ident(name);
    quote! { crate #(:: #segs)* :: #name }
}

/// How a member's element(s) are found in its structure's element.
enum Slot<'a> {
    /// One child element holds the value.
    Element(&'a str),
    /// Each child element of this name is one list item (`@xmlFlattened` list).
    FlatList(&'a str),
    /// Each child element of this name is one map entry (`@xmlFlattened` map).
    FlatMap(&'a str),
    /// An attribute of the structure's element.
    Attribute(&'a str),
    /// Not in the body.
    None,
}

/// Where a member is read from. Headers, prefix headers, the status and a payload are not in
/// the structure's element; query and label bindings mean nothing in a response, so those
/// members are (restXml's `IgnoreQueryParamsInResponse`).
fn slot_of(f: &FieldDef) -> Slot<'_> {
    if matches!(
        f.http,
        HttpBinding::Header(_)
            | HttpBinding::PrefixHeaders(_)
            | HttpBinding::ResponseCode
            | HttpBinding::Payload
    ) {
        return Slot::None;
    }
    let name = local(&f.xml.name);
    if f.xml.attribute {
        return Slot::Attribute(name);
    }
    match (&f.ty, f.xml.flattened) {
        (TypeRef::List { .. }, true) => Slot::FlatList(name),
        (TypeRef::Map { .. }, true) => Slot::FlatMap(name),
        _ => Slot::Element(name),
    }
}

/// The local part of an XML name (`xsi:someName` → `someName`): the reader drops prefixes.
fn local(name: &str) -> &str {
    name.rsplit(':').next().unwrap_or(name)
}

/// `impl crate::rt::xml_de::FromXml for #this`: the structure from its element's children (and
/// attributes), by XML name. Members not bound to the body start unset.
pub(crate) fn struct_reader(def: &StructDef, this: &TokenStream) -> TokenStream {
    let slots: Vec<Ident> = def
        .fields
        .iter()
        .map(|f| ident(&naming::member_slot(&f.name)))
        .collect();
    // Element names already taken: a later member with the same name would be unreachable.
    let mut taken = BTreeSet::new();
    let mut arms = Vec::new();
    let mut attrs = Vec::new();
    let mut assigned = vec![false; def.fields.len()];
    for (i, (f, slot)) in def.fields.iter().zip(&slots).enumerate() {
        let (name, read) = match slot_of(f) {
            Slot::None => continue,
            Slot::Attribute(name) => {
                if let Some(value) = read_text(&f.ty, &quote! { value }) {
                    let value = value.value();
                    assigned[i] = true;
                    attrs.push(quote! {
                        if let ::std::option::Option::Some(value) = element.attr(#name) {
                            #slot = ::std::option::Option::Some(#value);
                        }
                    });
                }
                continue;
            }
            Slot::Element(name) => {
                let value = read_value(&f.ty, &quote! { child });
                (
                    name,
                    quote! { #slot = ::std::option::Option::Some(#value); },
                )
            }
            Slot::FlatList(name) => {
                let TypeRef::List { item, sparse, .. } = &f.ty else {
                    continue;
                };
                let mut value = read(item, &quote! { child }, 0);
                if *sparse {
                    value = value.map(quote! { ::std::option::Option::Some });
                }
                let value = value.value();
                (
                    name,
                    quote! { #slot.get_or_insert_with(::std::vec::Vec::new).push(#value); },
                )
            }
            Slot::FlatMap(name) => {
                let entry = read_entry(&f.ty, &quote! { child });
                (
                    name,
                    quote! {
                        let (key, value) = #entry;
                        #slot.get_or_insert_with(::std::collections::HashMap::new).insert(key, value);
                    },
                )
            }
        };
        // AWS services send an error's message as `Message` or `message`, whatever the model.
        let aliases: &[String] = if f.xml.name == f.member {
            &f.wire_aliases
        } else {
            &[]
        };
        let names: Vec<&str> = std::iter::once(name)
            .chain(aliases.iter().map(String::as_str))
            .filter(|n| taken.insert(n.to_string()))
            .collect();
        if !names.is_empty() {
            assigned[i] = true;
            arms.push((names, read));
        }
    }
    let read_children = match arms.as_slice() {
        [] => None,
        [(names, read)] => Some(quote! {
            for child in &element.children {
                if #(child.name == #names)||* {
                    #read
                }
            }
        }),
        _ => {
            let arms = arms
                .iter()
                .map(|(names, read)| quote! { #(#names)|* => { #read } });
            Some(quote! {
                for child in &element.children {
                    match child.name.as_str() {
                        #(#arms)*
                        _ => {}
                    }
                }
            })
        }
    };
    let element = if read_children.is_none() && attrs.is_empty() {
        quote! { _element }
    } else {
        quote! { element }
    };
    let decls = def
        .fields
        .iter()
        .zip(&slots)
        .zip(&assigned)
        .map(|((f, slot), assigned)| {
            let ty = rust_type(&f.ty);
            let binding = if *assigned {
                quote! { mut #slot }
            } else {
                quote! { #slot }
            };
            quote! { let #binding: ::std::option::Option<#ty> = ::std::option::Option::None; }
        });
    let finals = def.fields.iter().zip(&slots).map(|(f, slot)| {
        let fname = ident(&f.name);
        let member = &f.member;
        let value = finish_slot(slot, f).unwrap_or_else(|| {
            quote! { #slot.ok_or_else(|| crate::rt::xml_de::missing(#member))? }
        });
        quote! { #fname: #value }
    });
    quote! {
        impl crate::rt::xml_de::FromXml for #this {
            #IN_CALLER
            fn from_xml(#element: &crate::rt::xml::XmlElement) -> ::std::result::Result<Self, ::std::string::String> {
                #(#decls)*
                #read_children
                #(#attrs)*
                ::std::result::Result::Ok(Self { #(#finals),* })
            }
        }
    }
}

/// `impl crate::rt::xml_de::FromXml for #this`: the union from its element's one child; a
/// member unknown to this crate is `Unknown(name)`.
pub(crate) fn union_reader(def: &UnionDef, this: &TokenStream) -> TokenStream {
    let mut taken = BTreeSet::new();
    let arms = def
        .variants
        .iter()
        .filter(|v| taken.insert(local(&v.xml_name)))
        .map(|v| {
            let name = local(&v.xml_name);
            let vname = ident(&v.name);
            match &v.ty {
                Some(ty) => {
                    let value = read_value(ty, &quote! { child });
                    quote! { #name => Self::#vname(#value), }
                }
                None => quote! { #name => Self::#vname, },
            }
        });
    quote! {
        impl crate::rt::xml_de::FromXml for #this {
            #IN_CALLER
            fn from_xml(element: &crate::rt::xml::XmlElement) -> ::std::result::Result<Self, ::std::string::String> {
                let child = crate::rt::xml_de::union_member(element)?;
                ::std::result::Result::Ok(match child.name.as_str() {
                    #(#arms)*
                    other => Self::Unknown(::std::string::String::from(other)),
                })
            }
        }
    }
}

/// How a value is read: an expression of the value's type, or one of `Result<T, String>`.
enum Read {
    /// Cannot fail (a string, a string enum).
    Plain(TokenStream),
    /// A `Result<T, String>`.
    Fallible(TokenStream),
}

impl Read {
    /// The value, with `?` where it can fail.
    fn value(self) -> TokenStream {
        match self {
            Read::Plain(e) => e,
            Read::Fallible(e) => quote! { #e? },
        }
    }

    /// A `Result<T, String>`.
    fn result(self) -> TokenStream {
        match self {
            Read::Plain(e) => quote! { ::std::result::Result::Ok(#e) },
            Read::Fallible(e) => e,
        }
    }

    /// The value wrapped by `wrap` (a path such as `Some` or `Box::new`).
    fn map(self, wrap: TokenStream) -> Read {
        match self {
            Read::Plain(e) => Read::Plain(quote! { #wrap(#e) }),
            Read::Fallible(e) => Read::Fallible(quote! { #e.map(#wrap) }),
        }
    }
}

/// Reading a scalar of type `ty` from `text` (a `&str`); `None` for types that are not scalars.
fn read_text(ty: &TypeRef, text: &TokenStream) -> Option<Read> {
    let rt = quote! { crate::rt::xml_de };
    Some(match ty {
        TypeRef::String => Read::Plain(quote! { ::std::string::String::from(#text) }),
        TypeRef::Bool => Read::Fallible(quote! { #rt::boolean(#text) }),
        TypeRef::Byte
        | TypeRef::Short
        | TypeRef::Integer
        | TypeRef::Long
        | TypeRef::Float
        | TypeRef::Double
        | TypeRef::BigInteger
        | TypeRef::BigDecimal => {
            let t = rust_type(ty);
            Read::Fallible(quote! { #rt::number::<#t>(#text) })
        }
        TypeRef::Blob => Read::Fallible(quote! { #rt::blob(#text, crate::rt::base64::decode) }),
        TypeRef::Timestamp(format) => {
            let parse = match format {
                TimestampFormat::DateTime => quote! { parse_date_time },
                TimestampFormat::EpochSeconds => quote! { parse_epoch_seconds },
                TimestampFormat::HttpDate => quote! { parse_http_date },
            };
            Read::Fallible(quote! { #rt::parse(#text, crate::rt::timestamp::#parse) })
        }
        TypeRef::Named(n) if n.kind == NamedKind::Enum => {
            let path = named_path(n);
            Read::Plain(quote! { #path::from(#text) })
        }
        TypeRef::Named(n) if n.kind == NamedKind::IntEnum => {
            let path = named_path(n);
            Read::Fallible(quote! { #rt::number::<i32>(#text).map(#path::from) })
        }
        _ => return None,
    })
}

/// An expression reading one value of type `ty` from `element` (an expression of type
/// `&XmlElement`: the value's own element). It uses `?`, so it belongs in a function returning
/// `Result<_, String>`.
pub(crate) fn read_value(ty: &TypeRef, element: &TokenStream) -> TokenStream {
    read(ty, element, 0).value()
}

fn read(ty: &TypeRef, element: &TokenStream, depth: usize) -> Read {
    if let Some(scalar) = read_text(ty, &quote! { #element.text() }) {
        return scalar;
    }
    match ty {
        TypeRef::Named(n) => {
            let path = named_path(n);
            Read::Fallible(quote! { <#path as crate::rt::xml_de::FromXml>::from_xml(#element) })
        }
        TypeRef::Boxed(inner) => read(inner, element, depth).map(quote! { ::std::boxed::Box::new }),
        TypeRef::List { item, sparse, xml } => {
            let name = local(&xml.item);
            let read_item = reader_fn(item, *sparse, depth);
            Read::Fallible(quote! { crate::rt::xml_de::list(#element, #name, #read_item) })
        }
        TypeRef::Map {
            value, sparse, xml, ..
        } => {
            let (key_name, value_name) = (local(&xml.key), local(&xml.value));
            let read_value = reader_fn(value, false, depth);
            let map = if *sparse {
                quote! { sparse_map }
            } else {
                quote! { map }
            };
            Read::Fallible(quote! {
                crate::rt::xml_de::#map(#element, #key_name, #value_name, #read_value)
            })
        }
        // Lowering refuses documents and streams in XML protocols.
        _ => Read::Fallible(quote! {
            ::std::result::Result::Err(::std::string::String::from("this member cannot be read from XML"))
        }),
    }
}

/// A function reading a value of type `ty` (`Some(..)` of it when `sparse`) from its element:
/// a reader's path, or a closure.
fn reader_fn(ty: &TypeRef, sparse: bool, depth: usize) -> TokenStream {
    if let (TypeRef::Named(n), false) = (ty, sparse)
        && matches!(n.kind, NamedKind::Struct | NamedKind::Union)
    {
        let path = named_path(n);
        return quote! { <#path as crate::rt::xml_de::FromXml>::from_xml };
    }
    let each = ident(&naming::numbered("e", depth));
    let mut value = read(ty, &quote! { #each }, depth + 1);
    if sparse {
        value = value.map(quote! { ::std::option::Option::Some });
    }
    let value = value.result();
    quote! { |#each: &crate::rt::xml::XmlElement| #value }
}

/// An expression reading a flattened map's entry element `entry` into `(key, value)`.
fn read_entry(map: &TypeRef, entry: &TokenStream) -> TokenStream {
    let TypeRef::Map {
        value, sparse, xml, ..
    } = map
    else {
        return quote! { ::std::unreachable!() };
    };
    let (key_name, value_name) = (local(&xml.key), local(&xml.value));
    let read_value = reader_fn(value, false, 0);
    let entry_fn = if *sparse {
        quote! { sparse_entry }
    } else {
        quote! { entry }
    };
    quote! { crate::rt::xml_de::#entry_fn(#entry, #key_name, #value_name, #read_value)? }
}

/// The operation's public `parse_error`: the code, message and request id of the XML error
/// body; a code naming one of the operation's errors reads that error from the `<Error>`
/// element (then runs `extra(error)`'s statements on it as `e`); anything else, including an
/// error element that does not read, is `Unhandled`.
pub(crate) fn emit_parse_error(
    op: &OperationDef,
    errors: &[StructDef],
    wrapping: ErrorWrapping,
    extra: &dyn Fn(&StructDef) -> Vec<TokenStream>,
) -> TokenStream {
    let error_name = ident(&op.error.name);
    let shape = match wrapping {
        ErrorWrapping::AwsQuery => quote! { AwsQuery },
        ErrorWrapping::Ec2Query => quote! { Ec2Query },
        ErrorWrapping::RestXml => quote! { RestXml },
        ErrorWrapping::RestXmlUnwrapped => quote! { RestXmlUnwrapped },
    };
    let arms = op.error.variants.iter().map(|v| {
        let vname = ident(&v.name);
        let path = named_path(&v.ty);
        let code = &v.code;
        let fill = errors
            .iter()
            .find(|e| e.name == v.ty.name)
            .map(extra)
            .unwrap_or_default();
        let wrap = if fill.is_empty() {
            quote! { #error_name::#vname }
        } else {
            quote! { |mut e| { #(#fill)* #error_name::#vname(e) } }
        };
        quote! {
            (::std::option::Option::Some(#code), ::std::option::Option::Some(element)) => {
                <#path as crate::rt::xml_de::FromXml>::from_xml(element).ok().map(#wrap)
            }
        }
    });
    let modeled = (!op.error.variants.is_empty()).then(|| {
        quote! {
            let modeled = match (meta.code.as_deref(), meta.error()) {
                #(#arms)*
                _ => ::std::option::Option::None,
            };
            if let ::std::option::Option::Some(error) = modeled {
                return error;
            }
        }
    });
    quote! {
        /// Identifies an error response by the code in its XML body and reads the modeled
        /// error, or keeps what it said as `Unhandled`. No I/O; any bytes are fine.
        #IN_CALLER
        pub fn parse_error(response: &crate::http::HttpResponse) -> #error_name {
            let meta = crate::rt::xml_error::error_meta(
                crate::rt::protocol::body_bytes(response),
                crate::rt::xml_error::ErrorShape::#shape,
            );
            #modeled
            #error_name::Unhandled(meta.into_unhandled(response))
        }
    }
}
