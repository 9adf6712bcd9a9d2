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

/// The extra impls an `@error` structure gets.
pub(crate) fn emit_error_impls(def: &StructDef) -> TokenStream {
    let Some(info) = &def.error else {
        return TokenStream::new();
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
    quote! {
        impl #name {
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
        }

        impl ::std::fmt::Display for #name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                crate::rt::error::display_error(f, Self::CODE, self.message())
            }
        }

        impl ::std::error::Error for #name {}
    }
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
    let codes: Vec<_> = def
        .variants
        .iter()
        .map(|v| v.reported_code.as_str())
        .collect();
    let vdocs = def
        .variants
        .iter()
        .map(|v| doc_text(&format!("`{}`.", v.code)));
    let is_fns = def.variants.iter().map(|v| {
        let f = ident(&v.is_fn);
        let variant = ident(&v.name);
        let d = doc_text(&format!("Whether this is a `{}`.", v.code));
        quote! {
            #d
            pub fn #f(&self) -> bool {
                ::std::matches!(self, Self::#variant(_))
            }
        }
    });
    let no_source =
        (!def.variants.is_empty()).then(|| quote! { _ => ::std::option::Option::None, });
    quote! {
        #doc
        #[derive(Debug, Clone, PartialEq)]
        pub enum #name {
            #( #vdocs #variants(#paths), )*
            #[doc = " An error the model does not describe, with what the response said."]
            Unhandled(crate::error::Unhandled),
        }

        impl #name {
            #(#is_fns)*

            /// Whether this is an error the model does not describe.
            pub fn is_unhandled(&self) -> bool {
                ::std::matches!(self, Self::Unhandled(_))
            }

            /// The error code.
            pub fn code(&self) -> ::std::option::Option<&str> {
                match self {
                    #( Self::#variants(_) => ::std::option::Option::Some(#codes), )*
                    Self::Unhandled(e) => e.code(),
                }
            }

            /// The message, if the service sent one.
            pub fn message(&self) -> ::std::option::Option<&str> {
                match self {
                    #( Self::#variants(e) => e.message(), )*
                    Self::Unhandled(e) => e.message(),
                }
            }

            /// Whether and how the call may be retried: throttling for throttling errors and
            /// HTTP 429, transient for server faults and HTTP 500, 502, 503 and 504.
            pub fn retry_kind(&self) -> ::std::option::Option<crate::error::RetryKind> {
                match self {
                    #( Self::#variants(e) => e.retry_kind(), )*
                    Self::Unhandled(e) => e.retry_kind(),
                }
            }
        }

        impl ::std::fmt::Display for #name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                match self {
                    #( Self::#variants(e) => ::std::fmt::Display::fmt(e, f), )*
                    Self::Unhandled(e) => ::std::fmt::Display::fmt(e, f),
                }
            }
        }

        // Transparent: `Display` already prints the inner error, so `source` skips it.
        impl ::std::error::Error for #name {
            fn source(&self) -> ::std::option::Option<&(dyn ::std::error::Error + 'static)> {
                // Modeled errors have no source.
                match self {
                    Self::Unhandled(e) => ::std::error::Error::source(e),
                    #no_source
                }
            }
        }

        #(
            impl ::std::convert::From<#paths> for #name {
                fn from(e: #paths) -> Self {
                    Self::#variants(e)
                }
            }
        )*

        impl ::std::convert::From<crate::error::Unhandled> for #name {
            fn from(e: crate::error::Unhandled) -> Self {
                Self::Unhandled(e)
            }
        }
    }
}
