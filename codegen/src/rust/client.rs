//! The client: `Client`, one method per operation, and each operation's fluent builder, whose
//! `send()` exists only once the required members are set.

use proc_macro2::TokenStream;
use quote::quote;

use super::docs::{doc_attrs, doc_text};
use super::paginator::{emit_into_paginator, pagination_note};
use super::structure::{
    SetterTarget, optional_setters, required, setter_param, states_after_setting,
};
use super::types::rust_type;
use crate::ir::{Ir, OperationDef, Presence};
use crate::naming::ident;
use crate::rust::in_caller::IN_CALLER;

/// `src/client.rs`.
pub(crate) fn emit_client(ir: &Ir) -> TokenStream {
    let (prefix, signing) = match &ir.service {
        Some(s) => (
            s.endpoint_prefix.clone(),
            s.signing_name
                .clone()
                .unwrap_or_else(|| s.endpoint_prefix.clone()),
        ),
        None => (ir.crate_name.clone(), ir.crate_name.clone()),
    };
    let sdk = ir
        .service
        .as_ref()
        .map_or(ir.crate_name.as_str(), |s| s.sdk_id.as_str());
    let headers = ir
        .service
        .iter()
        .flat_map(|s| &s.headers)
        .map(|(name, value)| {
            quote! { (#name, #value) }
        });
    let methods = ir.operations.iter().map(|op| {
        let m = ident(&op.module);
        let module = ident(&op.module);
        let fluent = ident(&op.fluent_builder);
        let markers = required(&op.input).into_iter().map(|(_, marker, _)| {
            let m = ident(marker);
            quote! { crate::types::builders::#m }
        });
        let markers: Vec<_> = markers.collect();
        let generics = (!markers.is_empty()).then(|| quote! { <#(#markers),*> });
        let input = ident(&op.input.name);
        let docs = match &op.docs {
            Some(d) => doc_attrs(Some(d)),
            None => doc_text(&format!("Calls `{}`.", op.name)),
        };
        let how = doc_text(&format!(
            "Set the input's members on the returned builder, then `.send().await`. Errors are [`crate::operation::{}::{}`].",
            op.module, op.error.name
        ));
        let paging = pagination_note(op).map(|note| {
            let note = doc_text(&note);
            quote! { #[doc = ""] #note }
        });
        quote! {
            #docs
            #[doc = ""]
            #how
            #paging
            #IN_CALLER
            pub fn #m(&self) -> crate::operation::#module::builders::#fluent #generics {
                crate::operation::#module::builders::#fluent {
                    client: self.clone(),
                    inner: crate::operation::#module::#input::builder(),
                }
            }
        }
    });
    let client_doc = doc_text(&format!(
        "A client for {sdk}. Cheap to clone: clones share one configuration.\n\n{}",
        super::examples::client_example(ir)
    ));
    quote! {
        //! The service client.

        /// Where requests go and how they are signed.
        pub(crate) const SERVICE: crate::rt::service_endpoint::ServiceMeta = crate::rt::service_endpoint::ServiceMeta {
            endpoint_prefix: #prefix,
            signing_name: #signing,
            headers: &[#(#headers),*],
        };

        #client_doc
        #[derive(Debug, Clone)]
        pub struct Client {
            pub(crate) config: ::std::sync::Arc<crate::config::Config>,
        }

        impl Client {
            /// A client with this configuration.
            pub fn new(config: crate::config::Config) -> Self {
                Client { config: ::std::sync::Arc::new(config) }
            }

            /// The configuration.
            pub fn config(&self) -> &crate::config::Config {
                &self.config
            }

            #(#methods)*
        }
    }
}

/// The function that gives an operation's endpoint: its own (from the service's endpoint
/// rules) or the runtime's default.
pub(crate) fn endpoint_fn(op: &OperationDef, rules: bool) -> TokenStream {
    if rules {
        let module = ident(&op.module);
        quote! { crate::operation::#module::endpoint }
    } else {
        quote! { crate::rt::service_endpoint::default_endpoint }
    }
}

/// The fluent builder for an operation, emitted in its `builders` module.
pub(crate) fn emit_fluent(op: &OperationDef, rules: bool) -> TokenStream {
    let endpoint = endpoint_fn(op, rules);
    let fluent = ident(&op.fluent_builder);
    let input_builder = ident(&op.input.builder);
    let output = ident(&op.output.name);
    let error = ident(&op.error.name);
    let module = ident(&op.module);
    let input = ident(&op.input.name);
    let req = required(&op.input);
    let params: Vec<_> = req.iter().map(|(_, _, s)| ident(s)).collect();
    let generics = (!params.is_empty()).then(|| quote! { <#(#params),*> });
    let setters = op.input.fields.iter().map(|f| {
        let fname = ident(&f.name);
        let value_ty = setter_param(&f.ty);
        let docs = match &f.docs {
            Some(d) => doc_attrs(Some(d)),
            None => doc_text(&format!("Sets the `{}` member.", f.member)),
        };
        match &f.presence {
            Presence::Required { .. } => {
                let out = states_after_setting(&req, f);
                quote! {
                    #docs
                    #IN_CALLER
                    pub fn #fname(self, value: #value_ty) -> #fluent<#(#out),*> {
                        #fluent { client: self.client, inner: self.inner.#fname(value) }
                    }
                }
            }
            Presence::Default(_) => quote! {
                #docs
                #IN_CALLER
                pub fn #fname(mut self, value: #value_ty) -> Self {
                    self.inner = self.inner.#fname(value);
                    self
                }
            },
            // Written by `optional_setters`, all in one call.
            Presence::Optional => TokenStream::new(),
        }
    });
    let optional = optional_setters(&op.input.fields, SetterTarget::Inner);
    let into_paginator = emit_into_paginator(op);
    let complete = req.iter().map(|(f, _, _)| rust_type(&f.ty));
    let complete_generics = (!req.is_empty()).then(|| quote! { <#(#complete),*> });
    let doc = doc_text(&format!(
        "Builds and sends a `{}` request. Made by `Client::{}()`; `send()` becomes available once every required member is set.",
        op.name, op.module
    ));
    // An input holding a stream cannot be cloned, so neither can its builders.
    let (derive, as_input) = if op.input.holds_stream {
        (quote! { #[derive(Debug)] }, None)
    } else {
        (
            quote! { #[derive(Debug, Clone)] },
            Some(quote! {
                /// The input this builder would send.
                #IN_CALLER
                pub fn as_input(&self) -> crate::operation::#module::#input {
                    self.inner.clone().build()
                }
            }),
        )
    };
    quote! {
        #doc
        #derive
        #[must_use = "nothing is sent until `.send().await`"]
        pub struct #fluent #generics {
            pub(crate) client: crate::client::Client,
            pub(crate) inner: #input_builder #generics,
        }

        impl #generics #fluent #generics {
            #(#setters)*
            #optional
        }

        impl #fluent #complete_generics {
            /// Sends the request, retrying as the configuration says.
            #IN_CALLER
            pub async fn send(self) -> ::std::result::Result<crate::operation::#module::#output, crate::error::SdkError<crate::operation::#module::#error>> {
                let input = self.inner.build();
                crate::rt::orchestrator::invoke(
                    &self.client.config,
                    &crate::client::SERVICE,
                    crate::operation::#module::META,
                    input,
                    #endpoint,
                    crate::operation::#module::serialize_request,
                    crate::operation::#module::PARSE,
                )
                .await
            }

            #as_input

            #into_paginator
        }
    }
}
