//! Not implemented yet: `lower/protocol.rs` refuses services of this protocol, so this is
//! never called.

use proc_macro2::TokenStream;
use quote::quote;

use crate::ir::{OperationDef, ServiceDef, StructDef};

/// `serialize_request` and the response readers of one operation.
pub(crate) fn emit(
    _op: &OperationDef,
    _errors: &[StructDef],
    _service: &ServiceDef,
) -> TokenStream {
    quote! { ::std::compile_error!("this protocol is not implemented yet"); }
}
