//! Doc attributes. One `#[doc]` per line with a leading space, exactly what `///` desugars to,
//! so prettyplease prints ordinary `///` comments.

use proc_macro2::TokenStream;
use quote::quote;

/// Outer doc attributes for `docs`, or nothing.
pub(crate) fn doc_attrs(docs: Option<&str>) -> TokenStream {
    docs.map(|d| lines(d, false)).unwrap_or_default()
}

/// Outer doc attributes for text the generator writes itself.
pub(crate) fn doc_text(text: &str) -> TokenStream {
    lines(text, false)
}

/// Inner (`//!`) doc attributes.
pub(crate) fn inner_doc(text: &str) -> TokenStream {
    lines(text, true)
}

fn lines(text: &str, inner: bool) -> TokenStream {
    text.lines()
        .map(|l| {
            let l = if l.is_empty() {
                String::new()
            } else {
                format!(" {l}")
            };
            if inner {
                quote! { #![doc = #l] }
            } else {
                quote! { #[doc = #l] }
            }
        })
        .collect()
}
