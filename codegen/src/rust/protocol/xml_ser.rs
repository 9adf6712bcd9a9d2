//! XML request bodies (restXml): the crate's `src/xml_ser.rs`, an `XmlWrite` impl for each
//! structure and union an input reaches, and the statements that write a member as an element
//! or attribute with `rt/xml_writer.rs`.
//!
//! Every generated statement works on `w`, a `&mut XmlWriter<'static>` (element names are
//! literals). Map entries are written in key order, so the same input gives the same bytes.

use proc_macro2::TokenStream;
use quote::quote;

use super::http_bindings::param_string;
use crate::ir::{
    FieldDef, HttpBinding, Ir, NamedKind, Presence, StructDef, TypeDef, TypeRef, UnionDef,
    XmlNamespace,
};
use crate::naming::ident;
use crate::rust::in_caller::IN_CALLER;

/// The crate's `src/xml_ser.rs`: the `XmlWrite` trait and its impls for the structures and
/// unions that operation inputs reach through their body and payload members.
pub(crate) fn emit_file(ir: &Ir) -> TokenStream {
    let roots = ir.operations.iter().flat_map(|op| {
        op.input
            .fields
            .iter()
            .filter(|f| matches!(f.http, HttpBinding::Body | HttpBinding::Payload))
            .map(|f| &f.ty)
    });
    let reached = super::reachable(ir, roots);
    let types = ["types".to_string()];
    let impls: Vec<TokenStream> = ir
        .types
        .iter()
        .filter_map(|t| {
            if !reached.contains(&(types.to_vec(), t.name().to_string())) {
                return None;
            }
            let name = ident(t.name());
            let path = quote! { crate::types::#name };
            match t {
                TypeDef::Struct(s) => Some(struct_impl(s, &path)),
                TypeDef::Union(u) => Some(union_impl(u, &path)),
                TypeDef::Enum(_) => None,
            }
        })
        .collect();
    // Inputs of scalars and lists of them need no writer.
    if impls.is_empty() {
        return quote! {
            //! XML request bodies: no structure or union an input reaches needs a writer.
        };
    }
    quote! {
        //! XML request bodies: how each structure and union an input reaches writes itself.

        use crate::rt::xml_writer::XmlWriter;

        /// A value that writes itself as the content of the element just started: its
        /// attributes first, then its child elements.
        pub(crate) trait XmlWrite {
            /// Writes the attributes and child elements.
            fn write_xml(&self, w: &mut XmlWriter<'static>);
        }

        #(#impls)*
    }
}

fn struct_impl(s: &StructDef, path: &TokenStream) -> TokenStream {
    let fields: Vec<&FieldDef> = s.fields.iter().collect();
    let body = write_members(&fields, &quote! { self });
    let w = if fields.is_empty() {
        quote! { _w }
    } else {
        quote! { w }
    };
    quote! {
        impl XmlWrite for #path {
            #IN_CALLER
            fn write_xml(&self, #w: &mut XmlWriter<'static>) {
                #body
            }
        }
    }
}

fn union_impl(u: &UnionDef, path: &TokenStream) -> TokenStream {
    let arms = u.variants.iter().map(|v| {
        let vname = ident(&v.name);
        let name = v.xml_name.as_str();
        match &v.ty {
            Some(ty) => {
                let write = element(ty, &quote! { value }, name, None);
                quote! { Self::#vname(value) => { #write } }
            }
            None => quote! { Self::#vname => { w.start(#name).end(); } },
        }
    });
    quote! {
        impl XmlWrite for #path {
            #IN_CALLER
            fn write_xml(&self, w: &mut XmlWriter<'static>) {
                match self {
                    #(#arms)*
                    // A member this crate does not know cannot be written.
                    Self::Unknown(_) => {}
                }
            }
        }
    }
}

/// Statements writing `fields` of the structure `this` (an expression such as `self` or
/// `input`): attributes first, then elements, unset members skipped.
pub(super) fn write_members(fields: &[&FieldDef], this: &TokenStream) -> TokenStream {
    let attrs = fields.iter().filter(|f| f.xml.attribute).map(|f| {
        let name = f.xml.name.as_str();
        let text = text_arg(&f.ty, &quote! { value });
        with_member(f, this, quote! { w.attr(#name, #text); })
    });
    let elements = fields
        .iter()
        .filter(|f| !f.xml.attribute)
        .map(|f| with_member(f, this, member_element(f)));
    quote! {
        #(#attrs)*
        #(#elements)*
    }
}

/// Runs `body` with `value` bound to a reference to the member, skipping it when unset.
fn with_member(f: &FieldDef, this: &TokenStream, body: TokenStream) -> TokenStream {
    let fname = ident(&f.name);
    match f.presence {
        Presence::Optional => quote! {
            if let ::std::option::Option::Some(value) = &#this.#fname {
                #body
            }
        },
        _ => quote! {
            {
                let value = &#this.#fname;
                #body
            }
        },
    }
}

/// A member's element(s): flattened lists and maps repeat the member's element itself.
fn member_element(f: &FieldDef) -> TokenStream {
    let name = f.xml.name.as_str();
    let v = quote! { value };
    match (&f.ty, f.xml.flattened) {
        (TypeRef::List { item, sparse, xml }, true) => {
            let ns = f.xml.namespace.as_ref().or(xml.namespace.as_ref());
            let each = element(item, &quote! { item }, name, ns);
            let iter = if *sparse {
                quote! { #v.iter().flatten() }
            } else {
                quote! { #v }
            };
            quote! { for item in #iter { #each } }
        }
        (TypeRef::Map { .. }, true) => map_entries(&f.ty, &v, name, f.xml.namespace.as_ref()),
        (ty, _) => element(ty, &v, name, f.xml.namespace.as_ref()),
    }
}

/// `w.xmlns(..)` for an optional namespace.
fn xmlns(ns: Option<&XmlNamespace>) -> Option<TokenStream> {
    ns.map(|ns| {
        let uri = ns.uri.as_str();
        match &ns.prefix {
            Some(p) => quote! { w.xmlns(::std::option::Option::Some(#p), #uri); },
            None => quote! { w.xmlns(::std::option::Option::None, #uri); },
        }
    })
}

/// Statements writing the value `v` (a reference to a `ty`) as the element `name`.
pub(super) fn element(
    ty: &TypeRef,
    v: &TokenStream,
    name: &str,
    ns: Option<&XmlNamespace>,
) -> TokenStream {
    let xmlns = xmlns(ns);
    match ty {
        TypeRef::Boxed(inner) => element(inner, &quote! { &**#v }, name, ns),
        TypeRef::Named(n) if matches!(n.kind, NamedKind::Struct | NamedKind::Union) => quote! {
            w.start(#name);
            #xmlns
            crate::xml_ser::XmlWrite::write_xml(#v, w);
            w.end();
        },
        TypeRef::List { item, sparse, xml } => {
            let each = element(item, &quote! { item }, &xml.item, xml.namespace.as_ref());
            let iter = if *sparse {
                quote! { #v.iter().flatten() }
            } else {
                quote! { #v }
            };
            quote! {
                w.start(#name);
                #xmlns
                for item in #iter { #each }
                w.end();
            }
        }
        TypeRef::Map { .. } => {
            let entries = map_entries(ty, v, "entry", None);
            quote! {
                w.start(#name);
                #xmlns
                #entries
                w.end();
            }
        }
        scalar => {
            let text = text_arg(scalar, v);
            match xmlns {
                None => quote! { w.leaf(#name, #text); },
                Some(xmlns) => quote! {
                    w.start(#name);
                    #xmlns
                    w.text(#text);
                    w.end();
                },
            }
        }
    }
}

/// One `entry` element (or, flattened, one element named for the member) per map entry, with
/// the key and value elements inside, in key order.
fn map_entries(
    ty: &TypeRef,
    v: &TokenStream,
    entry: &str,
    ns: Option<&XmlNamespace>,
) -> TokenStream {
    let TypeRef::Map {
        key,
        value,
        sparse,
        xml,
    } = ty
    else {
        return TokenStream::new();
    };
    let xmlns = xmlns(ns);
    let key_el = element(key, &quote! { key }, &xml.key, xml.key_namespace.as_ref());
    let value_el = element(
        value,
        &quote! { item },
        &xml.value,
        xml.value_namespace.as_ref(),
    );
    let value_el = if *sparse {
        quote! {
            if let ::std::option::Option::Some(item) = item {
                #value_el
            }
        }
    } else {
        value_el
    };
    quote! {
        let mut entries: ::std::vec::Vec<_> = #v.iter().collect();
        entries.sort_by(|a, b| a.0.cmp(b.0));
        for (key, item) in entries {
            w.start(#entry);
            #xmlns
            #key_el
            #value_el
            w.end();
        }
    }
}

/// An expression of type `&str` for the text of the scalar `v` (a reference to a `ty`).
fn text_arg(ty: &TypeRef, v: &TokenStream) -> TokenStream {
    match ty {
        TypeRef::String => quote! { #v },
        TypeRef::Named(n) if n.kind == NamedKind::Enum => quote! { #v.as_str() },
        TypeRef::Boxed(inner) => text_arg(inner, &quote! { &**#v }),
        other => {
            let s = param_string(other, v.clone());
            quote! { &#s }
        }
    }
}
