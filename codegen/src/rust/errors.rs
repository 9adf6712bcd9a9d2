//! Error structures' `Display`/`Error`/`message()`, and each operation's error enum.

use proc_macro2::TokenStream;
use quote::quote;

use super::docs::doc_text;
use super::types::named_path;
use crate::ir::{ErrorEnumDef, RetryClass, StructDef};
use crate::naming::ident;

fn retry_tokens(r: Option<RetryClass>) -> TokenStream {
    match r {
        Some(RetryClass::Throttling) => {
            quote! { ::std::option::Option::Some(crate::error::RetryKind::Throttling) }
        }
        Some(RetryClass::Transient) => {
            quote! { ::std::option::Option::Some(crate::error::RetryKind::Transient) }
        }
        None => quote! { ::std::option::Option::None },
    }
}

/// What an `@error` structure gets besides a structure's items: its inherent items (the
/// code, message, status, fault and retry class) and its trait impls (`Display`, `Error`).
pub(crate) fn emit_error_impls(def: &StructDef) -> (TokenStream, TokenStream) {
    let Some(info) = &def.error else {
        return (TokenStream::new(), TokenStream::new());
    };
    let name = ident(&def.name);
    let code = &info.code;
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
    let retry = retry_tokens(info.retry);
    let status = match info.http_status {
        Some(s) => quote! { ::std::option::Option::Some(#s) },
        None => quote! { ::std::option::Option::None },
    };
    let fault = if info.server_fault {
        "server"
    } else {
        "client"
    };
    let fault_doc = doc_text(&format!(
        "Whether this is a server fault. This error is a {fault} fault."
    ));
    let is_server = info.server_fault;
    let inherent = quote! {
        /// The error code, as the service sends it.
        pub const CODE: &'static str = #code;

        /// The message the service sent, if any.
        pub fn message(&self) -> ::std::option::Option<&str> {
            #message
        }

        /// The HTTP status the model gives this error, if any.
        pub const fn http_status() -> ::std::option::Option<u16> {
            #status
        }

        #fault_doc
        pub const fn is_server_fault() -> bool {
            #is_server
        }

        /// Whether and how a call that failed with this error may be retried.
        pub fn retry_kind(&self) -> ::std::option::Option<crate::error::RetryKind> {
            #retry
        }
    };
    let traits = quote! {
        crate::rt::error::modeled_error!(#name);
    };
    (inherent, traits)
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

        crate::rt::error::error_enum!(#name { #(#entries)* });
    }
}
