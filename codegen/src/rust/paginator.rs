//! Paginators: `into_paginator()` on the fluent builder, and the operation's `paginator`
//! module with the page paginator and, when the trait names items, the item paginator.
//!
//! Paging stops when the output token is absent, empty, or equal to the token just sent, and
//! after the first error (which is yielded).

use proc_macro2::TokenStream;
use quote::quote;

use super::docs::doc_text;
use super::types::rust_type;
use crate::ir::{
    FieldAccess, ItemsDef, MemberPath, OperationDef, Pagination, PaginatorDef, TypeRef,
};
use crate::naming::ident;
use crate::rust::in_caller::IN_CALLER;

/// `into_paginator()`, for the fluent builder's complete impl (where `send()` is).
pub(crate) fn emit_into_paginator(op: &OperationDef) -> Option<TokenStream> {
    let Pagination::Paginator(p) = &op.pagination else {
        return None;
    };
    let module = ident(&op.module);
    let name = ident(&p.name);
    let doc = doc_text(&format!(
        "Pages through the results instead: `.into_paginator().send()` gives a [`{0}`](crate::operation::{1}::paginator::{0}) whose `next().await` sends one request per page.",
        p.pages, op.module
    ));
    Some(quote! {
        #doc
        #IN_CALLER
        pub fn into_paginator(self) -> crate::operation::#module::paginator::#name {
            crate::operation::#module::paginator::#name {
                client: self.client,
                input: self.inner.build(),
            }
        }
    })
}

/// A sentence for the client method's docs.
pub(crate) fn pagination_note(op: &OperationDef) -> Option<String> {
    match &op.pagination {
        Pagination::None => None,
        Pagination::Paginator(_) => {
            Some("Paginated: `.into_paginator()` pages through the results.".to_string())
        }
        Pagination::Skipped(reason) => Some(format!(
            "Paginated in the model, but no paginator is generated: {reason}."
        )),
    }
}

/// The operation's `paginator` module, if it has a paginator.
pub(crate) fn emit_paginator_module(op: &OperationDef, rules: bool) -> Option<TokenStream> {
    let Pagination::Paginator(p) = &op.pagination else {
        return None;
    };
    let endpoint = super::client::endpoint_fn(op, rules);
    let module = ident(&op.module);
    let input = ident(&op.input.name);
    let output = ident(&op.output.name);
    let error = ident(&op.error.name);
    let op_path = quote! { crate::operation::#module };
    let name = ident(&p.name);
    let pages = ident(&p.pages);
    let result = quote! {
        ::std::option::Option<::std::result::Result<#op_path::#output, crate::error::SdkError<#op_path::#error>>>
    };
    let token_ty = rust_type(&p.token_ty);
    let token_fn = output_token_fn(&p.output_token, &token_ty, &quote! { #op_path::#output });
    let sent = sent_token(&p.input_token);
    let store = store_token(&p.input_token);
    let not_empty = p
        .token_can_be_empty
        .then(|| quote! { !token.is_empty() && });
    let page_size = p.page_size.as_ref().map(|ps| {
        let f = ident(&ps.field.field);
        let ty = rust_type(&ps.ty);
        let value = wrap(&ps.field, quote! { value.into() });
        let doc = doc_text(&format!(
            "Sets the page size (the `{}` member) of every request.",
            ps.field.member
        ));
        quote! {
            #doc
            #IN_CALLER
            pub fn page_size(mut self, value: impl ::std::convert::Into<#ty>) -> Self {
                self.input.#f = #value;
                self
            }
        }
    });
    let items = p.items.as_ref().map(|i| emit_items(op, p, i));
    let items_method = p.items.as_ref().map(|i| {
        let items_name = ident(&i.name);
        let doc = doc_text(&format!(
            "Flattens the pages into the items of `{}`: `.items().send()` gives a [`{}`].",
            i.path.text, i.stream
        ));
        quote! {
            #doc
            #IN_CALLER
            pub fn items(self) -> #items_name {
                #items_name { pages: self }
            }
        }
    });
    let module_doc = doc_text(&format!(
        "Paginators for `{}`. Paging stops when the output token (`{}`) is absent, empty or the same as the token just sent, and after an error.",
        op.name, p.output_token.text
    ));
    let name_doc = doc_text(&format!(
        "Pages through `{}` results. Made by `into_paginator()` on the fluent builder; `send()` starts paging.",
        op.name
    ));
    let pages_doc = doc_text(&format!(
        "The pages of `{}` results, one request each. Made by [`{}::send`].",
        op.name, p.name
    ));
    Some(quote! {
        #module_doc
        pub mod paginator {
            #name_doc
            #[derive(Debug, Clone)]
            #[must_use = "nothing is sent until `.send()` and then `.next().await`"]
            pub struct #name {
                pub(crate) client: crate::client::Client,
                pub(crate) input: #op_path::#input,
            }

            impl #name {
                #page_size
                #items_method

                /// Starts paging. Nothing is sent until `next().await`.
                #IN_CALLER
                pub fn send(self) -> #pages {
                    #pages { client: self.client, input: self.input, done: false }
                }
            }

            #pages_doc
            #[derive(Debug)]
            #[must_use = "nothing is sent until `.next().await`"]
            pub struct #pages {
                client: crate::client::Client,
                input: #op_path::#input,
                done: bool,
            }

            impl #pages {
                /// Sends the next request and returns its page, or `None` once the last page
                /// (or an error) has been returned.
                #IN_CALLER
                pub async fn next(&mut self) -> #result {
                    if self.done {
                        return ::std::option::Option::None;
                    }
                    let result = crate::rt::orchestrator::invoke(
                        &self.client.config,
                        &crate::client::SERVICE,
                        #op_path::META,
                        self.input.clone(),
                        #endpoint,
                        #op_path::serialize_request,
                        #op_path::PARSE,
                    )
                    .await;
                    match result {
                        ::std::result::Result::Ok(output) => {
                            let sent = #sent;
                            let next = output_token(&output)
                                .filter(|token| #not_empty ::std::option::Option::Some(*token) != sent)
                                .cloned();
                            match next {
                                ::std::option::Option::Some(token) => #store,
                                ::std::option::Option::None => self.done = true,
                            }
                            ::std::option::Option::Some(::std::result::Result::Ok(output))
                        }
                        ::std::result::Result::Err(err) => {
                            self.done = true;
                            ::std::option::Option::Some(::std::result::Result::Err(err))
                        }
                    }
                }
            }

            #token_fn
            #items
        }
    })
}

fn emit_items(op: &OperationDef, p: &PaginatorDef, i: &ItemsDef) -> TokenStream {
    let module = ident(&op.module);
    let output = ident(&op.output.name);
    let error = ident(&op.error.name);
    let op_path = quote! { crate::operation::#module };
    let name = ident(&p.name);
    let pages = ident(&p.pages);
    let items_name = ident(&i.name);
    let stream = ident(&i.stream);
    let coll = rust_type(&i.collection);
    let (item, iter) = match &i.collection {
        TypeRef::Map {
            key, value, sparse, ..
        } => {
            let k = rust_type(key);
            let v = option_if(rust_type(value), *sparse);
            (
                quote! { (#k, #v) },
                quote! { ::std::collections::hash_map::IntoIter<#k, #v> },
            )
        }
        TypeRef::List { item, sparse, .. } => {
            let t = option_if(rust_type(item), *sparse);
            (quote! { #t }, quote! { ::std::vec::IntoIter<#t> })
        }
        // Lowering admits only lists and maps.
        other => {
            let t = rust_type(other);
            (quote! { #t }, quote! { ::std::vec::IntoIter<#t> })
        }
    };
    let extract = page_items_fn(&i.path, &coll, &quote! { #op_path::#output });
    let builder_doc = doc_text(&format!(
        "Pages through `{}` results and yields the items of `{}`. Made by [`{}::items`]; `send()` starts paging.",
        op.name, i.path.text, p.name
    ));
    let stream_doc = doc_text(&format!(
        "The items of `{}` across all pages; a request is sent whenever the current page runs out. Made by [`{}::send`].",
        i.path.text, i.name
    ));
    quote! {
        #builder_doc
        #[derive(Debug, Clone)]
        #[must_use = "nothing is sent until `.send()` and then `.next().await`"]
        pub struct #items_name {
            pages: #name,
        }

        impl #items_name {
            /// Starts paging. Nothing is sent until `next().await`.
            #IN_CALLER
            pub fn send(self) -> #stream {
                #stream {
                    pages: self.pages.send(),
                    items: <#coll as ::std::default::Default>::default().into_iter(),
                }
            }
        }

        #stream_doc
        #[derive(Debug)]
        #[must_use = "nothing is sent until `.next().await`"]
        pub struct #stream {
            pages: #pages,
            items: #iter,
        }

        impl #stream {
            /// The next item, fetching pages as needed; `None` after the last item or after
            /// yielding an error.
            #IN_CALLER
            pub async fn next(&mut self) -> ::std::option::Option<::std::result::Result<#item, crate::error::SdkError<#op_path::#error>>> {
                loop {
                    if let ::std::option::Option::Some(item) = self.items.next() {
                        return ::std::option::Option::Some(::std::result::Result::Ok(item));
                    }
                    match self.pages.next().await? {
                        ::std::result::Result::Ok(page) => {
                            self.items = page_items(page).unwrap_or_default().into_iter();
                        }
                        ::std::result::Result::Err(err) => {
                            return ::std::option::Option::Some(::std::result::Result::Err(err));
                        }
                    }
                }
            }
        }

        #extract
    }
}

fn option_if(ty: TokenStream, optional: bool) -> TokenStream {
    if optional {
        quote! { ::std::option::Option<#ty> }
    } else {
        ty
    }
}

/// `fn output_token(output: &Output) -> Option<&T>`, following the path by reference.
fn output_token_fn(path: &MemberPath, token_ty: &TokenStream, output: &TokenStream) -> TokenStream {
    let mut expr = quote! { output };
    let last = path.steps.len().saturating_sub(1);
    for (i, step) in path.steps.iter().enumerate() {
        let f = ident(&step.field);
        let as_ref = if step.boxed {
            quote! { as_deref }
        } else {
            quote! { as_ref }
        };
        expr = match (step.optional, i == last) {
            (true, false) => quote! { #expr.#f.#as_ref()? },
            (true, true) => quote! { #expr.#f.#as_ref() },
            (false, false) => quote! { #expr.#f },
            (false, true) if step.boxed => quote! { ::std::option::Option::Some(&*#expr.#f) },
            (false, true) => quote! { ::std::option::Option::Some(&#expr.#f) },
        };
    }
    let doc = doc_text(&format!(
        "The continuation token of a page (`{}`).",
        path.text
    ));
    quote! {
        #doc
        #IN_CALLER
        fn output_token(output: &#output) -> ::std::option::Option<&#token_ty> {
            #expr
        }
    }
}

/// `fn page_items(output: Output) -> Option<Collection>`, moving the items out of a page.
fn page_items_fn(path: &MemberPath, coll: &TokenStream, output: &TokenStream) -> TokenStream {
    let mut expr = quote! { output };
    let last = path.steps.len().saturating_sub(1);
    for (i, step) in path.steps.iter().enumerate() {
        let f = ident(&step.field);
        expr = match (step.optional, i == last) {
            (true, false) => quote! { #expr.#f? },
            (true, true) if step.boxed => quote! { #expr.#f.map(|items| *items) },
            (true, true) => quote! { #expr.#f },
            (false, false) => quote! { #expr.#f },
            (false, true) if step.boxed => quote! { ::std::option::Option::Some(*#expr.#f) },
            (false, true) => quote! { ::std::option::Option::Some(#expr.#f) },
        };
    }
    let doc = doc_text(&format!("The items of a page (`{}`).", path.text));
    quote! {
        #doc
        #IN_CALLER
        fn page_items(output: #output) -> ::std::option::Option<#coll> {
            #expr
        }
    }
}

/// The token just sent, as `Option<&T>`.
fn sent_token(f: &FieldAccess) -> TokenStream {
    let name = ident(&f.field);
    match (f.optional, f.boxed) {
        (true, true) => quote! { self.input.#name.as_deref() },
        (true, false) => quote! { self.input.#name.as_ref() },
        (false, true) => quote! { ::std::option::Option::Some(&*self.input.#name) },
        (false, false) => quote! { ::std::option::Option::Some(&self.input.#name) },
    }
}

/// `self.input.<token> = token` with the field's `Option` and box.
fn store_token(f: &FieldAccess) -> TokenStream {
    let name = ident(&f.field);
    let value = wrap(f, quote! { token });
    quote! { self.input.#name = #value }
}

fn wrap(f: &FieldAccess, value: TokenStream) -> TokenStream {
    let value = if f.boxed {
        quote! { ::std::boxed::Box::new(#value) }
    } else {
        value
    };
    if f.optional {
        quote! { ::std::option::Option::Some(#value) }
    } else {
        value
    }
}
