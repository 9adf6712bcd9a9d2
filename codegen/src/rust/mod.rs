//! IR → token streams, one emitter per kind, then the crate's files.

mod client;
mod docs;
mod enums;
mod errors;
mod protocol;
mod structure;
mod types;
mod union;

use proc_macro2::TokenStream;
use quote::quote;

use crate::ir::{Ir, OperationDef, StructDef, TypeDef};
use crate::naming::ident;
use docs::{doc_text, inner_doc};
use structure::{Paths, emit_builder, emit_structure};

/// One output file before formatting.
pub(crate) struct RustFile {
    /// Path relative to the crate root.
    pub path: String,
    /// The tokens.
    pub tokens: TokenStream,
}

/// Every Rust module file of the crate, except the copied runtime.
pub(crate) fn emit_crate(ir: &Ir) -> Vec<RustFile> {
    let mut files = vec![
        RustFile {
            path: "src/lib.rs".into(),
            tokens: emit_lib(ir),
        },
        RustFile {
            path: "src/types.rs".into(),
            tokens: emit_types(ir),
        },
        RustFile {
            path: "src/types/error.rs".into(),
            tokens: emit_error_types(ir),
        },
        RustFile {
            path: "src/primitives.rs".into(),
            tokens: emit_primitives(ir),
        },
        RustFile {
            path: "src/rt.rs".into(),
            tokens: emit_rt(ir),
        },
    ];
    files.push(RustFile {
        path: "src/error.rs".into(),
        tokens: emit_error_module(ir),
    });
    if !ir.operations.is_empty() {
        files.push(RustFile {
            path: "src/client.rs".into(),
            tokens: client::emit_client(ir),
        });
        files.push(RustFile {
            path: "src/config.rs".into(),
            tokens: quote! {
                //! Client configuration and credentials.
                pub use crate::rt::config::{Config, ConfigBuilder, RetryConfig};
                pub use crate::rt::credentials::{
                    ConfigError, Credentials, Env, ProcessEnv, default_credentials, default_region, parse_profile_file,
                };
            },
        });
        files.push(RustFile {
            path: "src/http.rs".into(),
            tokens: quote! {
                //! The HTTP boundary: request and response values, the transport trait, and the
                //! default transport.
                pub use crate::rt::exec::{ThreadSleep, block_on};
                pub use crate::rt::http::{
                    BoxFuture, HttpClient, HttpRequest, HttpResponse, Sleep, Timeouts, TransportError,
                    TransportErrorKind,
                };
                #[cfg(feature = "ureq")]
                pub use crate::rt::ureq_transport::UreqClient;
            },
        });
    }
    if !ir.operations.is_empty() {
        let mods = ir.operations.iter().map(|op| {
            let m = ident(&op.module);
            let d = doc_text(&format!("The `{}` operation.", op.name));
            quote! { #d pub mod #m; }
        });
        files.push(RustFile {
            path: "src/operation.rs".into(),
            tokens: quote! {
                //! One module per operation, holding its input, output and error types.
                #(#mods)*
            },
        });
        for op in &ir.operations {
            files.push(RustFile {
                path: format!("src/operation/{}.rs", op.module),
                tokens: emit_operation(op),
            });
        }
    }
    files
}

fn emit_lib(ir: &Ir) -> TokenStream {
    let title = match &ir.service {
        Some(s) => format!("A client crate for the {} service.", s.sdk_id),
        None => format!("Types generated from `{}`.", ir.model_file),
    };
    let mut text = format!(
        "{title}\n\nGenerated from `{}` by `cargo xtask codegen`.",
        ir.model_file
    );
    if let Some(d) = ir.service.as_ref().and_then(|s| s.docs.as_ref()) {
        text.push_str("\n\n");
        text.push_str(d);
    }
    if !ir.omitted.is_empty() {
        text.push_str("\n\n# Operations not generated\n\nThese operations of the service are left out of this crate:\n");
        for o in &ir.omitted {
            text.push_str(&format!("\n- `{}`: {}.", o.name, o.reason));
        }
    }
    let docs = inner_doc(&text);
    let client = (!ir.operations.is_empty()).then(|| {
        quote! {
            pub mod client;
            pub mod config;
            pub mod http;
            pub mod operation;

            pub use client::Client;
            pub use config::Config;
        }
    });
    quote! {
        #docs
        #![forbid(unsafe_code)]
        #![warn(missing_docs)]
        // Operation errors carry the modeled error structures by value, as AWS SDK users match
        // on them; some are large, and boxing them would change every pattern.
        #![allow(clippy::result_large_err)]

        #client
        pub mod error;
        pub mod primitives;
        mod rt;
        pub mod types;
    }
}

fn struct_paths(module: &[&str], name: &str) -> Paths {
    let segs: Vec<_> = module.iter().map(|m| ident(m)).collect();
    let name = ident(name);
    Paths {
        this: quote! { crate #(:: #segs)* :: #name },
        builders: quote! { crate #(:: #segs)* :: builders },
    }
}

fn emit_types(ir: &Ir) -> TokenStream {
    let mut items = Vec::new();
    let mut builders = Vec::new();
    for t in &ir.types {
        match t {
            TypeDef::Struct(s) => {
                let paths = struct_paths(&["types"], &s.name);
                items.push(emit_structure(s, &paths));
                builders.push(emit_builder(s, &paths));
            }
            TypeDef::Enum(e) => items.push(enums::emit_enum(e)),
            TypeDef::Union(u) => {
                let paths = struct_paths(&["types"], &u.name);
                items.push(union::emit_union(u, &paths.this));
            }
        }
    }
    let markers = ir.markers.iter().map(|m| {
        let name = ident(m);
        let member = m.trim_start_matches("Missing");
        let d = doc_text(&format!(
            "Builder state: the required `{member}` member has not been set yet."
        ));
        quote! {
            #d
            #[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
            pub struct #name;
        }
    });
    quote! {
        //! Structures, enums and unions shared by the operations.

        pub mod error;

        #(#items)*

        /// Builders for the structures in [`crate::types`], and the typestate markers that make
        /// a missing required member a compile error.
        pub mod builders {
            #(#markers)*
            #(#builders)*
        }
    }
}

fn emit_error_types(ir: &Ir) -> TokenStream {
    let mut items = Vec::new();
    let mut builders = Vec::new();
    for e in &ir.errors {
        let paths = struct_paths(&["types", "error"], &e.name);
        items.push(emit_structure(e, &paths));
        items.push(errors::emit_error_impls(e));
        builders.push(emit_builder(e, &paths));
    }
    quote! {
        //! The modeled error structures.

        #(#items)*

        /// Builders for the error structures.
        pub mod builders {
            #(#builders)*
        }
    }
}

fn emit_operation(op: &OperationDef) -> TokenStream {
    let module = ["operation", op.module.as_str()];
    let docs = match &op.docs {
        Some(d) => inner_doc(d),
        None => inner_doc(&format!("The `{}` operation.", op.name)),
    };
    let io = |s: &StructDef| {
        let paths = struct_paths(&module, &s.name);
        (emit_structure(s, &paths), emit_builder(s, &paths))
    };
    let (input, input_builder) = io(&op.input);
    let (output, output_builder) = io(&op.output);
    let error = errors::emit_error_enum(&op.error, &op.name);
    let protocol = protocol::emit_protocol(op);
    let fluent = client::emit_fluent(op);
    let http = {
        let h = &op.http;
        let (method, uri) = (&h.method, &h.uri);
        let code = proc_macro2::Literal::u16_unsuffixed(h.code);
        quote! {
            /// The HTTP method of the operation.
            pub const HTTP_METHOD: &str = #method;
            /// The URI pattern of the operation.
            pub const HTTP_URI: &str = #uri;
            /// The HTTP status of a successful response.
            pub const HTTP_SUCCESS_CODE: u16 = #code;
        }
    };
    quote! {
        #docs
        #http
        #input
        #output
        #error
        #protocol

        /// Builders for the input and output, and the fluent builder that sends the request.
        pub mod builders {
            #input_builder
            #output_builder
            #fluent
        }
    }
}

fn emit_primitives(ir: &Ir) -> TokenStream {
    let time = ir.uses.timestamps.then(|| {
        quote! {
            /// A timestamp: an instant in UTC with nanosecond precision.
            pub type DateTime = ::chrono::DateTime<::chrono::Utc>;
            /// The date-time crate behind [`DateTime`], re-exported so users need not depend on it.
            pub use ::chrono;
        }
    });
    let doc = ir.uses.documents.then(|| {
        quote! {
            pub use crate::rt::document::{Document, Number};
        }
    });
    quote! {
        //! Primitive types used by the generated types.
        #time
        #doc
    }
}

fn emit_error_module(ir: &Ir) -> TokenStream {
    let client = (!ir.operations.is_empty()).then(|| {
        quote! {
            pub use crate::rt::error::{ConstructionError, ResponseError, SdkError, ServiceError};
        }
    });
    quote! {
        //! Errors shared by all operations.
        pub use crate::rt::error::{RetryKind, Unhandled, classify};
        #client
    }
}

fn emit_rt(ir: &Ir) -> TokenStream {
    let time = ir.uses.timestamps.then(|| {
        quote! {
            pub(crate) mod timestamp;
            pub(crate) mod timestamp_codec;
        }
    });
    let blob = ir.uses.blobs.then(|| quote! { pub(crate) mod base64; });
    let doc = ir
        .uses
        .documents
        .then(|| quote! { pub(crate) mod document; });
    let client = (!ir.operations.is_empty()).then(|| {
        quote! {
            pub(crate) mod config;
            pub(crate) mod credentials;
            pub(crate) mod exec;
            pub(crate) mod http;
            pub(crate) mod orchestrator;
            pub(crate) mod protocol;
            pub(crate) mod sigv4;
            #[cfg(feature = "ureq")]
            pub(crate) mod ureq_transport;

            /// The transport used when the configuration names none.
            pub(crate) fn default_http_client() -> ::std::option::Option<::std::sync::Arc<dyn http::HttpClient>> {
                #[cfg(feature = "ureq")]
                {
                    ::std::option::Option::Some(::std::sync::Arc::new(ureq_transport::UreqClient::new()))
                }
                #[cfg(not(feature = "ureq"))]
                {
                    ::std::option::Option::None
                }
            }
        }
    });
    quote! {
        //! Runtime support copied from the generator, shared by every generated crate.
        #![allow(dead_code, reason = "each model uses part of the shared runtime")]
        pub(crate) mod codec;
        pub(crate) mod error;
        #time
        #blob
        #doc
        #client
    }
}
