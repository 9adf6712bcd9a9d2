//! Query request bodies (awsQuery, ec2Query): one `impl crate::rt::query::WriteQuery` per
//! structure and union an input reaches, writing its members as `application/x-www-form-urlencoded`
//! fields under a key prefix.
//!
//! Keys are the members' query names joined with `.`: nested structures `A.B`; lists
//! `A.member.N` (`A.{item}.N` with the list member's `@xmlName`), `A.N` when `@xmlFlattened`
//! and always in ec2Query; maps `A.entry.N.key` / `A.entry.N.value` (their `@xmlName`s),
//! `A.N.key` when flattened, entries in key order so a request is reproducible. An empty list
//! is `A=` in awsQuery and nothing in ec2Query; an empty map is nothing.

use proc_macro2::TokenStream;
use quote::quote;

use crate::ir::{Ir, NamedKind, Presence, StructDef, TimestampFormat, TypeDef, TypeRef, UnionDef};
use crate::naming::{self, ident};
use crate::rust::in_caller::IN_CALLER;
use crate::rust::types::rust_type;

/// `src/query_ser.rs`: the writers of every structure and union in `types` that an operation's
/// input can hold.
pub(crate) fn emit_file(ir: &Ir, ec2: bool) -> TokenStream {
    let roots = ir
        .operations
        .iter()
        .flat_map(|op| op.input.fields.iter())
        .map(|f| &f.ty);
    let reached = super::reachable(ir, roots);
    let writers = ir.types.iter().filter_map(|t| {
        let key = (vec!["types".to_string()], t.name().to_string());
        if !reached.contains(&key) {
            return None;
        }
        let name = ident(t.name());
        let this = quote! { crate::types::#name };
        match t {
            TypeDef::Struct(s) => Some(struct_writer(s, &this, ec2)),
            TypeDef::Union(u) => Some(union_writer(u, &this, ec2)),
            TypeDef::Enum(_) => None,
        }
    });
    // Error structures are never inputs, except as members; write them like any structure.
    let errors = ir.errors.iter().filter_map(|e| {
        let key = (
            vec!["types".to_string(), "error".to_string()],
            e.name.clone(),
        );
        reached.contains(&key).then(|| {
            let name = ident(&e.name);
            struct_writer(e, &quote! { crate::types::error::#name }, ec2)
        })
    });
    quote! {
        //! Writers of the shared types into query request bodies.
        #(#writers)*
        #(#errors)*
    }
}

/// `impl crate::rt::query::WriteQuery for #this`: each set member under `prefix.{query name}`.
pub(crate) fn struct_writer(def: &StructDef, this: &TokenStream, ec2: bool) -> TokenStream {
    let fields: Vec<TokenStream> = def
        .fields
        .iter()
        .map(|f| {
            let fname = ident(&f.name);
            let name = &f.query_name;
            let key = quote! { crate::rt::query::join(prefix, #name) };
            let write = write_value(&f.ty, &quote! { v }, &key, f.xml.flattened, ec2, 0);
            match f.presence {
                Presence::Optional => quote! {
                    if let ::std::option::Option::Some(v) = &self.#fname {
                        #write
                    }
                },
                _ => quote! {
                    let v = &self.#fname;
                    #write
                },
            }
        })
        .collect();
    let (writer, prefix) = if fields.is_empty() {
        (quote! { _writer }, quote! { _prefix })
    } else {
        (quote! { writer }, quote! { prefix })
    };
    quote! {
        impl crate::rt::query::WriteQuery for #this {
            #IN_CALLER
            fn write_query(&self, #writer: &mut crate::rt::query::QueryWriter, #prefix: &str) -> ::std::result::Result<(), ::std::string::String> {
                #(#fields)*
                ::std::result::Result::Ok(())
            }
        }
    }
}

/// `impl crate::rt::query::WriteQuery for #this`: the member that is set, as a structure would
/// write it; an `Unknown` member cannot be sent.
pub(crate) fn union_writer(def: &UnionDef, this: &TokenStream, ec2: bool) -> TokenStream {
    let arms = def.variants.iter().map(|v| {
        let vname = ident(&v.name);
        let name = &v.xml_name;
        let key = quote! { crate::rt::query::join(prefix, #name) };
        match &v.ty {
            Some(ty) => {
                let write = write_value(ty, &quote! { v }, &key, false, ec2, 0);
                quote! { Self::#vname(v) => { #write } }
            }
            None => quote! { Self::#vname => writer.push(&#key, ""), },
        }
    });
    let (writer, prefix) = if def.variants.is_empty() {
        (quote! { _writer }, quote! { _prefix })
    } else {
        (quote! { writer }, quote! { prefix })
    };
    quote! {
        impl crate::rt::query::WriteQuery for #this {
            #IN_CALLER
            fn write_query(&self, #writer: &mut crate::rt::query::QueryWriter, #prefix: &str) -> ::std::result::Result<(), ::std::string::String> {
                match self {
                    #(#arms)*
                    Self::Unknown(member) => {
                        return ::std::result::Result::Err(::std::format!("cannot send the unknown union member `{member}`"));
                    }
                }
                ::std::result::Result::Ok(())
            }
        }
    }
}

/// Statements writing `v` (a reference to a value of type `ty`) under `key` (an expression of
/// type `String`). `flattened` is the member's `@xmlFlattened`, which applies to its own list
/// or map only.
fn write_value(
    ty: &TypeRef,
    v: &TokenStream,
    key: &TokenStream,
    flattened: bool,
    ec2: bool,
    depth: usize,
) -> TokenStream {
    let push = |value: TokenStream| quote! { writer.push(&#key, #value); };
    match ty {
        TypeRef::String => push(quote! { #v }),
        TypeRef::Bool => push(quote! { if *#v { "true" } else { "false" } }),
        TypeRef::Byte | TypeRef::Short | TypeRef::Integer | TypeRef::Long => {
            push(quote! { &#v.to_string() })
        }
        TypeRef::Float | TypeRef::Double => push(quote! { &crate::rt::protocol::float_param(*#v) }),
        TypeRef::BigInteger | TypeRef::BigDecimal => push(quote! { #v.as_str() }),
        TypeRef::Blob => push(quote! { &crate::rt::base64::encode(#v) }),
        TypeRef::Timestamp(format) => {
            let f = match format {
                TimestampFormat::DateTime => quote! { format_date_time },
                TimestampFormat::EpochSeconds => quote! { format_epoch_seconds },
                TimestampFormat::HttpDate => quote! { format_http_date },
            };
            push(quote! { &crate::rt::timestamp::#f(#v) })
        }
        TypeRef::Named(n) => match n.kind {
            NamedKind::Enum => push(quote! { #v.as_str() }),
            NamedKind::IntEnum => push(quote! { &#v.as_i32().to_string() }),
            NamedKind::Struct | NamedKind::Union => quote! {
                crate::rt::query::WriteQuery::write_query(#v, writer, &#key)?;
            },
        },
        TypeRef::Boxed(inner) => {
            let unboxed = ident(&naming::numbered("unboxed", depth));
            let inner_ty = rust_type(inner);
            let write = write_value(inner, &quote! { #unboxed }, key, flattened, ec2, depth + 1);
            quote! {
                let #unboxed: &#inner_ty = #v;
                #write
            }
        }
        TypeRef::List { item, sparse, xml } => {
            let base = ident(&naming::numbered("list", depth));
            let (i, each) = (
                ident(&naming::numbered("i", depth)),
                ident(&naming::numbered("item", depth)),
            );
            let item_key = quote! { crate::rt::query::join(&#base, #i + 1) };
            let write = write_value(item, &quote! { #each }, &item_key, false, ec2, depth + 1);
            let write = if *sparse {
                quote! {
                    match #each {
                        ::std::option::Option::Some(#each) => { #write }
                        ::std::option::Option::None => writer.push(&#item_key, ""),
                    }
                }
            } else {
                write
            };
            let member = &xml.item;
            let (empty, base_key) = match (ec2, flattened) {
                (true, _) => (None, quote! { #key }),
                (false, true) => (Some(quote! { writer.push(&#key, ""); }), quote! { #key }),
                (false, false) => (
                    Some(quote! { writer.push(&#key, ""); }),
                    quote! { crate::rt::query::join(&#key, #member) },
                ),
            };
            let empty = empty.map(|e| quote! { if #v.is_empty() { #e } });
            quote! {
                #empty
                let #base = #base_key;
                for (#i, #each) in #v.iter().enumerate() {
                    #write
                }
            }
        }
        TypeRef::Map {
            value, sparse, xml, ..
        } => {
            let base = ident(&naming::numbered("map", depth));
            let (i, k, each) = (
                ident(&naming::numbered("i", depth)),
                ident(&naming::numbered("key", depth)),
                ident(&naming::numbered("value", depth)),
            );
            let entry = ident(&naming::numbered("entry", depth));
            let sorted = ident(&naming::numbered("sorted", depth));
            let base_key = if flattened {
                quote! { #key }
            } else {
                quote! { crate::rt::query::join(&#key, "entry") }
            };
            let (key_name, value_name) = (&xml.key, &xml.value);
            let value_key = quote! { crate::rt::query::join(&#entry, #value_name) };
            let write = write_value(value, &quote! { #each }, &value_key, false, ec2, depth + 1);
            let write = if *sparse {
                quote! {
                    match #each {
                        ::std::option::Option::Some(#each) => { #write }
                        ::std::option::Option::None => writer.push(&#value_key, ""),
                    }
                }
            } else {
                write
            };
            quote! {
                let #base = #base_key;
                let #sorted: ::std::collections::BTreeMap<&str, _> = #v.iter().map(|(k, v)| (k.as_str(), v)).collect();
                for (#i, (#k, #each)) in #sorted.into_iter().enumerate() {
                    let #entry = crate::rt::query::join(&#base, #i + 1);
                    writer.push(&crate::rt::query::join(&#entry, #key_name), #k);
                    #write
                }
            }
        }
        // Lowering refuses documents and streams in the query protocols.
        TypeRef::Document | TypeRef::ByteStream { .. } => quote! {
            return ::std::result::Result::Err(::std::string::String::from("this member cannot be sent in a query body"));
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ir::ListXml;

    #[test]
    fn lists_of_lists_use_distinct_names_per_level() {
        let inner = TypeRef::List {
            item: Box::new(TypeRef::String),
            sparse: false,
            xml: Box::new(ListXml {
                item: "member".into(),
                namespace: None,
            }),
        };
        let outer = TypeRef::List {
            item: Box::new(inner),
            sparse: false,
            xml: Box::new(ListXml {
                item: "member".into(),
                namespace: None,
            }),
        };
        let code = write_value(&outer, &quote! { v }, &quote! { k }, false, false, 0).to_string();
        assert!(code.contains("item0") && code.contains("item1"), "{code}");
        let ec2 = write_value(&outer, &quote! { v }, &quote! { k }, false, true, 0).to_string();
        assert!(!ec2.contains("\"member\""), "{ec2}");
    }
}
