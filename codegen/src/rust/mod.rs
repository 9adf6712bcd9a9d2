//! IR → token streams, one emitter per kind, then the crate's files.

mod client;
mod docs;
mod endpoint;
mod endpoint_tables;
mod endpoint_tests;
mod enums;
mod errors;
mod examples;
mod in_caller;
mod paginator;
mod paths;
mod protocol;
mod rt_module;
mod structure;
mod tests;
mod types;
mod union;

use proc_macro2::TokenStream;
use quote::quote;

use crate::ir::{Ir, OperationDef, ServiceDef, StructDef, TypeDef};
use crate::naming::ident;
use docs::{doc_text, inner_doc};
use structure::{Paths, emit_builder, emit_structure};

/// One file the emitters write. Each is emitted on its own, from the IR alone, so files can
/// be emitted and formatted on several threads (token streams cannot cross threads).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum FileKind {
    Lib,
    Types,
    TypeBuilders,
    ErrorTypes,
    Primitives,
    Rt,
    Error,
    Client,
    Config,
    Http,
    Operations,
    /// The operation at this index of `ir.operations`.
    Operation(usize),
    /// The crate's own tests of its operations' error identification.
    ErrorTests,
    /// The query request writers of the shared types (awsQuery, ec2Query).
    QuerySer,
    /// The XML readers of the shared types (the XML protocols).
    XmlDe,
    /// The XML writers of the shared types (restXml request bodies).
    XmlSer,
    /// `config::endpoint`: parameters, resolver, settings.
    Endpoint,
    /// The rule set's tables.
    EndpointRules,
    /// The model's endpoint tests.
    EndpointTests,
}

/// Every Rust module file of the crate, except the copied runtime, with its path.
pub(crate) fn crate_files(ir: &Ir) -> Vec<(String, FileKind)> {
    let mut files: Vec<(String, FileKind)> = [
        ("src/lib.rs", FileKind::Lib),
        ("src/types.rs", FileKind::Types),
        ("src/types/builders.rs", FileKind::TypeBuilders),
        ("src/types/error.rs", FileKind::ErrorTypes),
        ("src/primitives.rs", FileKind::Primitives),
        ("src/rt.rs", FileKind::Rt),
        ("src/error.rs", FileKind::Error),
    ]
    .into_iter()
    .map(|(p, k)| (p.to_string(), k))
    .collect();
    if !ir.operations.is_empty() {
        for (p, k) in [
            ("src/client.rs", FileKind::Client),
            ("src/config.rs", FileKind::Config),
            ("src/http.rs", FileKind::Http),
            ("src/operation.rs", FileKind::Operations),
        ] {
            files.push((p.to_string(), k));
        }
        for (i, op) in ir.operations.iter().enumerate() {
            files.push((
                format!("src/operation/{}.rs", op.module),
                FileKind::Operation(i),
            ));
        }
        if ir.uses.query {
            files.push(("src/query_ser.rs".to_string(), FileKind::QuerySer));
        }
        if ir.uses.xml {
            files.push(("src/xml_de.rs".to_string(), FileKind::XmlDe));
        }
        if ir.uses.xml_writer {
            files.push(("src/xml_ser.rs".to_string(), FileKind::XmlSer));
        }
        if ir.service.is_some() {
            files.push(("tests/errors.rs".to_string(), FileKind::ErrorTests));
        }
        if let Some(rules) = &ir.endpoint {
            files.push(("src/config/endpoint.rs".to_string(), FileKind::Endpoint));
            files.push((
                "src/config/endpoint/rules.rs".to_string(),
                FileKind::EndpointRules,
            ));
            if !rules.tests.is_empty() {
                files.push(("tests/endpoints.rs".to_string(), FileKind::EndpointTests));
            }
        }
    }
    files
}

/// The tokens of the file at `path`, with its paths shortened ([`paths::shorten`]).
pub(crate) fn emit_file_at(ir: &Ir, kind: FileKind, path: &str) -> TokenStream {
    paths::shorten(emit_file(ir, kind), &paths::module_of(path))
}

/// The tokens of one file.
pub(crate) fn emit_file(ir: &Ir, kind: FileKind) -> TokenStream {
    match kind {
        FileKind::Lib => emit_lib(ir),
        FileKind::Types => emit_types(ir),
        FileKind::TypeBuilders => emit_type_builders(ir),
        FileKind::ErrorTypes => emit_error_types(ir),
        FileKind::Primitives => emit_primitives(ir),
        FileKind::Rt => rt_module::emit_rt(ir),
        FileKind::Error => emit_error_module(ir),
        FileKind::Client => client::emit_client(ir),
        FileKind::Config => {
            let endpoint = ir.endpoint.is_some().then(|| quote! { pub mod endpoint; });
            quote! {
                //! Client configuration and credentials.
                pub use crate::rt::config::{Config, ConfigBuilder, IdempotencyTokenProvider, RetryConfig};
                pub use crate::rt::credentials::{
                    ConfigError, Credentials, CredentialsError, Env, ProcessEnv, ProvideCredentials, default_region,
                };
                pub use crate::rt::container_credentials::ContainerCredentialsProvider;
                pub use crate::rt::credential_process::CredentialProcessProvider;
                pub use crate::rt::credentials_cache::{CredentialsCache, SystemTimeSource, TimeSource};
                pub use crate::rt::imds::ImdsCredentialsProvider;
                pub use crate::rt::profile::parse_profile_file;
                pub use crate::rt::provider_chain::DefaultCredentialsChain;
                pub use crate::rt::sso::{SsoProvider, sso_portal_endpoint, sso_token_cache_file};
                pub use crate::rt::sts::{AssumeRoleProvider, StsClient, WebIdentityProvider, sts_endpoint};
                #endpoint
            }
        }
        FileKind::Http => quote! {
            //! The HTTP boundary: request and response values, the transport trait, and the
            //! default transport.
            pub use crate::rt::exec::{ThreadSleep, block_on};
            pub use crate::rt::body::{BodyClosed, BodyReader, BodySender};
            pub use crate::rt::http::{
                Body, BoxFuture, HttpClient, HttpRequest, HttpResponse, Sleep, Timeouts, TransportError,
                TransportErrorKind,
            };
            #[cfg(feature = "blocking")]
            pub use crate::rt::blocking_transport::BlockingClient;
            #[cfg(feature = "ureq")]
            pub use crate::rt::ureq_transport::UreqClient;
            #[cfg(feature = "hyper")]
            pub use crate::rt::hyper_transport::{HyperClient, TokioSleep};
        },
        FileKind::Operations => {
            let mods = ir.operations.iter().map(|op| {
                let m = ident(&op.module);
                let d = doc_text(&format!("The `{}` operation.", op.name));
                quote! { #d pub mod #m; }
            });
            quote! {
                //! One module per operation, holding its input, output and error types.
                #(#mods)*
            }
        }
        FileKind::Operation(i) => ir
            .operations
            .get(i)
            .zip(ir.service.as_ref())
            .map(|(op, service)| emit_operation(op, ir, service))
            .unwrap_or_default(),
        FileKind::ErrorTests => tests::emit_error_tests(ir).unwrap_or_default(),
        FileKind::QuerySer => protocol::query_ser::emit_file(
            ir,
            ir.service
                .as_ref()
                .is_some_and(|s| s.protocol == crate::ir::Protocol::Ec2Query),
        ),
        FileKind::XmlDe => protocol::xml_de::emit_file(ir),
        FileKind::XmlSer => protocol::xml_ser::emit_file(ir),
        FileKind::Endpoint => ir
            .endpoint
            .as_deref()
            .map(endpoint::emit_endpoint_module)
            .unwrap_or_default(),
        FileKind::EndpointRules => ir
            .endpoint
            .as_deref()
            .map(endpoint_tables::emit_tables)
            .unwrap_or_default(),
        FileKind::EndpointTests => endpoint_tests::emit_endpoint_tests(ir).unwrap_or_default(),
    }
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
    if !ir.operations.is_empty() {
        text.push_str("\n\n");
        text.push_str(&examples::crate_example(ir));
    }
    if !ir.omitted.is_empty() {
        text.push_str("\n\n# Operations not generated\n\nThese operations of the service are left out of this crate:\n");
        for o in &ir.omitted {
            text.push_str(&format!("\n- `{}`: {}.", o.name, o.reason));
        }
    }
    let docs = inner_doc(&text);
    let query_ser = ir.uses.query.then(|| quote! { mod query_ser; });
    let xml_de = ir.uses.xml.then(|| quote! { mod xml_de; });
    let xml_ser = ir.uses.xml_writer.then(|| quote! { mod xml_ser; });
    let client = (!ir.operations.is_empty()).then(|| {
        quote! {
            pub mod client;
            pub mod config;
            pub mod http;
            pub mod operation;
            #query_ser
            #xml_de
            #xml_ser

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
        // Unions hold their members by value, as the model shapes them; boxing the large ones
        // would make their variants unlike the others to build and match.
        #![allow(clippy::large_enum_variant)]
        // Setters and accessors are named after members, and a member may be called `add` or
        // `next` without being the trait method of that name.
        #![allow(clippy::should_implement_trait)]
        // Member types are the model's: nested lists and maps are as complex as it makes them.
        #![allow(clippy::type_complexity)]
        // The serde readers keep each member in a local of the member's name, which may be
        // `foo`, or one of several single letters.
        #![allow(clippy::disallowed_names, clippy::many_single_char_names)]

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
    let items = ir.types.iter().map(|t| match t {
        TypeDef::Struct(s) => emit_structure(s, &struct_paths(&["types"], &s.name)),
        TypeDef::Enum(e) => enums::emit_enum(e),
        TypeDef::Union(u) => union::emit_union(u, &struct_paths(&["types"], &u.name).this),
    });
    quote! {
        //! Structures, enums and unions shared by the operations.

        pub mod builders;
        pub mod error;

        #(#items)*
    }
}

/// `types::builders`, a file of its own: in big models it is a third of the code, and a
/// separate file is formatted on its own thread.
fn emit_type_builders(ir: &Ir) -> TokenStream {
    let builders = ir.types.iter().filter_map(|t| match t {
        TypeDef::Struct(s) => Some(emit_builder(s, &struct_paths(&["types"], &s.name))),
        _ => None,
    });
    let markers = ir.markers.iter().map(|m| {
        let name = ident(&m.name);
        let d = doc_text(&format!(
            "Builder state: the required `{}` member has not been set yet.",
            m.member
        ));
        quote! {
            #d
            #[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
            pub struct #name;
        }
    });
    quote! {
        //! Builders for the structures in [`crate::types`], and the typestate markers that make
        //! a missing required member a compile error.

        #(#markers)*
        #(#builders)*
    }
}

fn emit_error_types(ir: &Ir) -> TokenStream {
    let mut items = Vec::new();
    let mut builders = Vec::new();
    for e in &ir.errors {
        let paths = struct_paths(&["types", "error"], &e.name);
        let (inherent, traits) = errors::emit_error_impls(e);
        items.push(structure::emit_structure_with(e, &paths, inherent));
        items.push(traits);
        builders.push(emit_builder(e, &paths));
    }
    let shared = structure::emit_shared_error_builder(&ir.errors);
    quote! {
        //! The modeled error structures.

        #(#items)*

        /// Builders for the error structures.
        pub mod builders {
            #shared
            #(#builders)*
        }
    }
}

fn emit_operation(op: &OperationDef, ir: &Ir, service: &ServiceDef) -> TokenStream {
    let errors = &ir.errors;
    let rules = ir.endpoint.is_some();
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
    let protocol = protocol::emit_protocol(op, errors, service);
    let fluent = client::emit_fluent(op, rules);
    let paginator = paginator::emit_paginator_module(op, rules);
    let endpoint = ir
        .endpoint
        .as_deref()
        .map(|r| endpoint::emit_operation_endpoint(op, r));
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
        #endpoint

        /// Builders for the input and output, and the fluent builder that sends the request.
        pub mod builders {
            #input_builder
            #output_builder
            #fluent
        }

        #paginator
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
    let big = ir.uses.big_numbers.then(|| {
        quote! {
            pub use crate::rt::big_number::{BigDecimal, BigInteger, ParseBigNumberError};
        }
    });
    let stream = ir.uses.streams.then(|| {
        quote! {
            /// A `@streaming` blob: bytes, a file or a reader to upload, or a download still
            /// arriving. The same type as [`crate::http::Body`].
            pub use crate::rt::body::Body as ByteStream;
        }
    });
    quote! {
        //! Primitive types used by the generated types.
        #time
        #doc
        #big
        #stream
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
        pub use crate::rt::error::{Escaped, RetryKind, Unhandled, classify};
        #client
    }
}
