//! Where the per-shape and per-operation functions are compiled.
//!
//! A whole-service crate has thousands of small public functions: builders, accessors, response
//! readers, error helpers. Unmarked, each non-generic one is compiled to machine code with the
//! crate, used or not. Marked `#[inline]`, it is compiled in the crate that calls it, so a program
//! pays code generation only for the operations and shapes it uses. The runtime's macros
//! (`rt/accessors.rs`, `rt/modeled_errors.rs`, `rt/enums.rs`) mark their methods the same way.

use proc_macro2::TokenStream;
use quote::{ToTokens, quote};

/// Interpolated as `#IN_CALLER` before such a function.
pub(crate) const IN_CALLER: InCaller = InCaller;

/// The attribute that leaves a function's machine code to the crates that call it.
pub(crate) struct InCaller;

impl ToTokens for InCaller {
    fn to_tokens(&self, tokens: &mut TokenStream) {
        tokens.extend(quote! { #[inline] });
    }
}
