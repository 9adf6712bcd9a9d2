//! `src/rt.rs`: the runtime copy's module list (the files this crate's model needs) and the
//! crate-wide runtime settings.

use proc_macro2::TokenStream;
use quote::quote;

use crate::ir::Ir;

pub(super) fn emit_rt(ir: &Ir) -> TokenStream {
    let sdk_id = ir
        .service
        .as_ref()
        .map_or(ir.crate_name.as_str(), |s| s.sdk_id.as_str());
    let time = ir.uses.timestamps.then(|| {
        quote! {
            pub(crate) mod timestamp;
            pub(crate) mod timestamp_codec;
        }
    });
    // The client's proxy credentials are base64 too.
    let blob =
        (ir.uses.blobs || !ir.operations.is_empty()).then(|| quote! { pub(crate) mod base64; });
    let big = ir
        .uses
        .big_numbers
        .then(|| quote! { pub(crate) mod big_number; });
    let doc = ir
        .uses
        .documents
        .then(|| quote! { pub(crate) mod document; });
    let checksums = ir.uses.checksums.then(|| {
        quote! {
            pub(crate) mod checksums;
            pub(crate) mod md5;
        }
    });
    let compression = ir.uses.compression.then(|| {
        quote! {
            pub(crate) mod compression;
            pub(crate) mod gzip;
        }
    });
    let bindings = ir
        .uses
        .http_bindings
        .then(|| quote! { pub(crate) mod http_bindings; });
    let json = ir
        .uses
        .json_protocol
        .then(|| quote! { pub(crate) mod json; });
    let query = ir.uses.query.then(|| quote! { pub(crate) mod query; });
    let xml = ir.uses.xml.then(|| {
        quote! {
            pub(crate) mod xml;
            pub(crate) mod xml_de;
            pub(crate) mod xml_error;
        }
    });
    let xml_writer = ir
        .uses
        .xml_writer
        .then(|| quote! { pub(crate) mod xml_writer; });
    let endpoint = match &ir.endpoint {
        Some(_) => quote! {
            pub(crate) mod endpoint;
            pub(crate) mod endpoint_eval;
            pub(crate) mod endpoint_lib;
            pub(crate) use crate::config::endpoint::EndpointConfig;
        },
        None => quote! {
            /// Crates without endpoint rules have no endpoint settings.
            pub(crate) type EndpointConfig = ();
        },
    };
    let client = (!ir.operations.is_empty()).then(|| {
        quote! {
            #endpoint
            #bindings
            #json
            #query
            #xml
            #xml_writer
            #checksums
            #compression
            pub(crate) mod body;
            pub(crate) mod body_channel;
            pub(crate) mod config;
            pub(crate) mod container_credentials;
            pub(crate) mod credential_process;
            pub(crate) mod credentials;
            pub(crate) mod credentials_cache;
            pub(crate) mod credentials_http;
            pub(crate) mod env_config;
            pub(crate) mod exec;
            pub(crate) mod http;
            pub(crate) mod imds;
            pub(crate) mod orchestrator;
            pub(crate) mod profile;
            pub(crate) mod profile_credentials;
            pub(crate) mod protocol;
            pub(crate) mod provider_chain;
            pub(crate) mod retry;
            pub(crate) mod service_endpoint;
            pub(crate) mod sha256;
            pub(crate) mod sigv4;
            pub(crate) mod sso;
            pub(crate) mod sts;

            /// The service's sdkId, which names its endpoint URL settings.
            pub(crate) const SDK_ID: &str = #sdk_id;
            #[cfg(feature = "blocking")]
            pub(crate) mod blocking_connect;
            #[cfg(feature = "blocking")]
            pub(crate) mod blocking_transport;
            #[cfg(feature = "blocking")]
            pub(crate) mod http1;
            #[cfg(feature = "blocking")]
            pub(crate) mod http1_body;
            #[cfg(feature = "blocking")]
            pub(crate) mod proxy;
            #[cfg(feature = "ureq")]
            pub(crate) mod ureq_transport;
            #[cfg(feature = "hyper")]
            pub(crate) mod hyper_transport;
            #[cfg(feature = "tracing")]
            pub(crate) mod trace;
            #[cfg(not(feature = "tracing"))]
            pub(crate) mod trace_off;
            #[cfg(not(feature = "tracing"))]
            pub(crate) use trace_off as trace;

            /// The transport used when the configuration names none: hyper when its feature is
            /// on (whether or not another is too), else the blocking transport, else ureq, else
            /// none.
            pub(crate) fn default_http_client() -> ::std::option::Option<::std::sync::Arc<dyn http::HttpClient>> {
                #[cfg(feature = "hyper")]
                {
                    ::std::option::Option::Some(::std::sync::Arc::new(hyper_transport::HyperClient::new()))
                }
                #[cfg(all(feature = "blocking", not(feature = "hyper")))]
                {
                    ::std::option::Option::Some(::std::sync::Arc::new(blocking_transport::BlockingClient::new()))
                }
                #[cfg(all(feature = "ureq", not(any(feature = "hyper", feature = "blocking"))))]
                {
                    ::std::option::Option::Some(::std::sync::Arc::new(ureq_transport::UreqClient::new()))
                }
                #[cfg(not(any(feature = "blocking", feature = "ureq", feature = "hyper")))]
                {
                    ::std::option::Option::None
                }
            }

            /// How retries wait when the configuration says nothing: tokio's timer with the
            /// `hyper` feature (inside a tokio runtime), else the shared timer thread.
            pub(crate) fn default_sleep() -> ::std::sync::Arc<dyn http::Sleep> {
                #[cfg(feature = "hyper")]
                {
                    ::std::sync::Arc::new(hyper_transport::TokioSleep)
                }
                #[cfg(not(feature = "hyper"))]
                {
                    ::std::sync::Arc::new(exec::ThreadSleep)
                }
            }
        }
    });
    quote! {
        //! Runtime support copied from the generator, shared by every generated crate.
        #![allow(dead_code, reason = "each model uses part of the shared runtime")]
        pub(crate) mod accessors;
        pub(crate) mod codec;
        pub(crate) mod enums;
        pub(crate) mod error;
        pub(crate) mod modeled_errors;
        #time
        #blob
        #big
        #doc
        #client
    }
}
