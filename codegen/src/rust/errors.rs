//! Error structures' `message()` and `modeled_error!`, and each operation's error enum.

use proc_macro2::TokenStream;
use quote::quote;

use super::docs::doc_text;
use super::structure::message_only;
use super::types::named_path;
use crate::ir::{ErrorEnumDef, RetryClass, StructDef};
use crate::naming::ident;
use crate::rust::in_caller::IN_CALLER;

/// What an `@error` structure gets besides a structure's items: its inherent `message()`
/// (unless it holds only a message, whose `message_error!` brings it) and the runtime's
/// `modeled_error!` with its code, fault, retry class and status.
pub(crate) fn emit_error_impls(def: &StructDef) -> (TokenStream, TokenStream) {
    let Some(info) = &def.error else {
        return (TokenStream::new(), TokenStream::new());
    };
    let message = match &info.message_field {
        Some(field) => {
            let f = ident(field);
            let required = def.fields.iter().any(|x| {
                &x.name == field
                    && matches!(
                        x.presence,
                        crate::ir::Presence::Required { .. } | crate::ir::Presence::Default(_)
                    )
            });
            if required {
                quote! { ::std::option::Option::Some(self.#f.as_str()) }
            } else {
                quote! { self.#f.as_deref() }
            }
        }
        None => quote! { ::std::option::Option::None },
    };
    let inherent = (!message_only(def)).then(|| {
        quote! {
            /// The message the service sent, if any.
            #IN_CALLER
            pub fn message(&self) -> ::std::option::Option<&str> {
                #message
            }
        }
    });
    let traits = if message_only(def) {
        // Its `message_error!` (see `structure::emit_serde`) calls `modeled_error!` itself.
        TokenStream::new()
    } else {
        let args = modeled_error_args(def);
        quote! { crate::rt::modeled_errors::modeled_error!(#args); }
    };
    (inherent.unwrap_or_default(), traits)
}

/// The arguments of the runtime's `modeled_error!` for the error structure `def`: its name,
/// code, fault, retry class and status.
pub(crate) fn modeled_error_args(def: &StructDef) -> TokenStream {
    let name = ident(&def.name);
    let Some(info) = &def.error else {
        return TokenStream::new();
    };
    let code = &info.code;
    let fault = if info.server_fault {
        quote! { server }
    } else {
        quote! { client }
    };
    let retry = match info.retry {
        Some(RetryClass::Throttling) => quote! { Throttling },
        Some(RetryClass::Transient) => quote! { Transient },
        None => quote! { None },
    };
    let status = info
        .http_status
        .map(proc_macro2::Literal::u16_unsuffixed)
        .map(|s| quote! { , status #s });
    quote! { #name, #code, #fault, retry #retry #status }
}

/// An operation's error enum: its modeled errors and `Unhandled`.
pub(crate) fn emit_error_enum(def: &ErrorEnumDef, op_name: &str) -> TokenStream {
    let name = ident(&def.name);
    let doc = doc_text(&format!(
        "The errors `{op_name}` can return: one variant per modeled error, and `Unhandled` for \
         anything else the service sends."
    ));
    let variants: Vec<_> = def.variants.iter().map(|v| ident(&v.name)).collect();
    let paths: Vec<_> = def.variants.iter().map(|v| named_path(&v.ty)).collect();
    let vdocs = def
        .variants
        .iter()
        .map(|v| doc_text(&format!("`{}`.", v.code)));
    // The runtime macro finds each error in `crate::types::error` by the variant's name.
    let entries = def.variants.iter().map(|v| {
        let f = ident(&v.is_fn);
        let variant = ident(&v.name);
        let code = &v.code;
        let reported = (v.reported_code != v.code).then_some(&v.reported_code);
        quote! { #variant #f #code #reported, }
    });
    quote! {
        #doc
        #[derive(Debug, Clone, PartialEq)]
        pub enum #name {
            #( #vdocs #variants(#paths), )*
            #[doc = " An error the model does not describe, with what the response said."]
            Unhandled(crate::error::Unhandled),
        }

        crate::rt::modeled_errors::error_enum!(#name { #(#entries)* });
    }
}
