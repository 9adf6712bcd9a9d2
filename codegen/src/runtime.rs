//! Runtime support: ordinary, tested Rust files in `codegen/runtime/`, copied into each crate
//! (minus their `#[cfg(test)]` items) so the crate needs no runtime crate of ours.

use crate::ir::Uses;

/// A runtime source file and where it goes in the generated crate.
pub(crate) struct RuntimeFile {
    /// Path in the generated crate.
    pub path: &'static str,
    /// The source text.
    pub source: &'static str,
}

/// The runtime files a crate with these needs uses; `client` adds the HTTP client runtime,
/// `endpoint_rules` the rules engine.
pub(crate) fn runtime_files(uses: Uses, client: bool, endpoint_rules: bool) -> Vec<RuntimeFile> {
    let mut files = vec![
        RuntimeFile {
            path: "src/rt/error.rs",
            source: include_str!("../runtime/error.rs"),
        },
        RuntimeFile {
            path: "src/rt/codec.rs",
            source: include_str!("../runtime/codec.rs"),
        },
        RuntimeFile {
            path: "src/rt/accessors.rs",
            source: include_str!("../runtime/accessors.rs"),
        },
        RuntimeFile {
            path: "src/rt/enums.rs",
            source: include_str!("../runtime/enums.rs"),
        },
        RuntimeFile {
            path: "src/rt/modeled_errors.rs",
            source: include_str!("../runtime/modeled_errors.rs"),
        },
    ];
    if uses.timestamps {
        files.push(RuntimeFile {
            path: "src/rt/timestamp.rs",
            source: include_str!("../runtime/timestamp.rs"),
        });
        files.push(RuntimeFile {
            path: "src/rt/timestamp_codec.rs",
            source: include_str!("../runtime/timestamp_codec.rs"),
        });
    }
    // The client's proxy credentials are base64 too.
    if uses.blobs || client {
        files.push(RuntimeFile {
            path: "src/rt/base64.rs",
            source: include_str!("../runtime/base64.rs"),
        });
    }
    if uses.big_numbers {
        files.push(RuntimeFile {
            path: "src/rt/big_number.rs",
            source: include_str!("../runtime/big_number.rs"),
        });
    }
    if uses.documents {
        files.push(RuntimeFile {
            path: "src/rt/document.rs",
            source: include_str!("../runtime/document.rs"),
        });
    }
    if client && uses.checksums {
        files.push(RuntimeFile {
            path: "src/rt/checksums.rs",
            source: include_str!("../runtime/checksums.rs"),
        });
        files.push(RuntimeFile {
            path: "src/rt/md5.rs",
            source: include_str!("../runtime/md5.rs"),
        });
    }
    if client && uses.compression {
        files.push(RuntimeFile {
            path: "src/rt/compression.rs",
            source: include_str!("../runtime/compression.rs"),
        });
        files.push(RuntimeFile {
            path: "src/rt/gzip.rs",
            source: include_str!("../runtime/gzip.rs"),
        });
    }
    if client && uses.http_bindings {
        files.push(RuntimeFile {
            path: "src/rt/http_bindings.rs",
            source: include_str!("../runtime/http_bindings.rs"),
        });
    }
    if client && uses.json_protocol {
        files.push(RuntimeFile {
            path: "src/rt/json.rs",
            source: include_str!("../runtime/json.rs"),
        });
    }
    if client && uses.query {
        files.push(RuntimeFile {
            path: "src/rt/query.rs",
            source: include_str!("../runtime/query.rs"),
        });
    }
    if client && uses.xml {
        for (path, source) in [
            ("src/rt/xml.rs", include_str!("../runtime/xml.rs")),
            ("src/rt/xml_de.rs", include_str!("../runtime/xml_de.rs")),
            (
                "src/rt/xml_error.rs",
                include_str!("../runtime/xml_error.rs"),
            ),
        ] {
            files.push(RuntimeFile { path, source });
        }
    }
    if client && uses.xml_writer {
        files.push(RuntimeFile {
            path: "src/rt/xml_writer.rs",
            source: include_str!("../runtime/xml_writer.rs"),
        });
    }
    if client && endpoint_rules {
        files.push(RuntimeFile {
            path: "src/rt/endpoint.rs",
            source: include_str!("../runtime/endpoint.rs"),
        });
        files.push(RuntimeFile {
            path: "src/rt/endpoint_eval.rs",
            source: include_str!("../runtime/endpoint_eval.rs"),
        });
        files.push(RuntimeFile {
            path: "src/rt/endpoint_lib.rs",
            source: include_str!("../runtime/endpoint_lib.rs"),
        });
    }
    if client {
        for (path, source) in [
            ("src/rt/body.rs", include_str!("../runtime/body.rs")),
            (
                "src/rt/body_channel.rs",
                include_str!("../runtime/body_channel.rs"),
            ),
            ("src/rt/config.rs", include_str!("../runtime/config.rs")),
            (
                "src/rt/container_credentials.rs",
                include_str!("../runtime/container_credentials.rs"),
            ),
            (
                "src/rt/credential_process.rs",
                include_str!("../runtime/credential_process.rs"),
            ),
            (
                "src/rt/credentials.rs",
                include_str!("../runtime/credentials.rs"),
            ),
            (
                "src/rt/credentials_cache.rs",
                include_str!("../runtime/credentials_cache.rs"),
            ),
            (
                "src/rt/credentials_http.rs",
                include_str!("../runtime/credentials_http.rs"),
            ),
            (
                "src/rt/env_config.rs",
                include_str!("../runtime/env_config.rs"),
            ),
            ("src/rt/exec.rs", include_str!("../runtime/exec.rs")),
            ("src/rt/http.rs", include_str!("../runtime/http.rs")),
            ("src/rt/imds.rs", include_str!("../runtime/imds.rs")),
            (
                "src/rt/orchestrator.rs",
                include_str!("../runtime/orchestrator.rs"),
            ),
            ("src/rt/profile.rs", include_str!("../runtime/profile.rs")),
            (
                "src/rt/profile_credentials.rs",
                include_str!("../runtime/profile_credentials.rs"),
            ),
            ("src/rt/protocol.rs", include_str!("../runtime/protocol.rs")),
            (
                "src/rt/provider_chain.rs",
                include_str!("../runtime/provider_chain.rs"),
            ),
            ("src/rt/retry.rs", include_str!("../runtime/retry.rs")),
            (
                "src/rt/service_endpoint.rs",
                include_str!("../runtime/service_endpoint.rs"),
            ),
            ("src/rt/sha256.rs", include_str!("../runtime/sha256.rs")),
            ("src/rt/sigv4.rs", include_str!("../runtime/sigv4.rs")),
            ("src/rt/sso.rs", include_str!("../runtime/sso.rs")),
            ("src/rt/sts.rs", include_str!("../runtime/sts.rs")),
            ("src/rt/trace.rs", include_str!("../runtime/trace.rs")),
            (
                "src/rt/trace_off.rs",
                include_str!("../runtime/trace_off.rs"),
            ),
            (
                "src/rt/blocking_connect.rs",
                include_str!("../runtime/blocking_connect.rs"),
            ),
            (
                "src/rt/blocking_transport.rs",
                include_str!("../runtime/blocking_transport.rs"),
            ),
            ("src/rt/http1.rs", include_str!("../runtime/http1.rs")),
            (
                "src/rt/http1_body.rs",
                include_str!("../runtime/http1_body.rs"),
            ),
            ("src/rt/proxy.rs", include_str!("../runtime/proxy.rs")),
            (
                "src/rt/ureq_transport.rs",
                include_str!("../runtime/ureq_transport.rs"),
            ),
            (
                "src/rt/hyper_transport.rs",
                include_str!("../runtime/hyper_transport.rs"),
            ),
        ] {
            files.push(RuntimeFile { path, source });
        }
    }
    files
}

/// The crate name the runtime's doc examples use; each crate's copy says its own name.
const DOC_CRATE: &str = "your_crate::";

/// Puts the crate's name into the doc examples of a rendered runtime file, in comment lines
/// only.
pub(crate) fn name_crate(text: &str, crate_name: &str) -> String {
    if !text.contains(DOC_CRATE) {
        return text.to_string();
    }
    let named = format!("{}::", crate::naming::lib_name(crate_name));
    text.split_inclusive('\n')
        .map(|line| {
            if line.trim_start().starts_with("//") {
                std::borrow::Cow::Owned(line.replace(DOC_CRATE, &named))
            } else {
                std::borrow::Cow::Borrowed(line)
            }
        })
        .collect()
}

/// Parses a runtime file and drops its test-only items.
pub(crate) fn strip_tests(source: &str) -> Result<syn::File, syn::Error> {
    let mut file = syn::parse_file(source)?;
    file.items.retain(|item| !is_cfg_test(item));
    Ok(file)
}

fn is_cfg_test(item: &syn::Item) -> bool {
    let attrs = match item {
        syn::Item::Mod(m) => &m.attrs,
        syn::Item::Fn(f) => &f.attrs,
        syn::Item::Use(u) => &u.attrs,
        syn::Item::Impl(i) => &i.attrs,
        syn::Item::Struct(s) => &s.attrs,
        _ => return false,
    };
    attrs.iter().any(|a| {
        a.path().is_ident("cfg") && a.parse_args::<syn::Ident>().is_ok_and(|i| i == "test")
    })
}

/// Runtime pieces the generator itself uses, so there is one implementation: the blob decoder
/// checks `@default` values at codegen time, and so does the big-number grammar.
#[cfg(not(test))]
#[path = "../runtime"]
pub(crate) mod shared {
    #[allow(dead_code, reason = "the generator uses only `decode`")]
    pub(crate) mod base64;
    #[allow(dead_code, reason = "the generator only checks default values")]
    pub(crate) mod big_number;
    #[allow(
        dead_code,
        reason = "base64.rs implements a codec for the generated crates"
    )]
    mod codec;
}

/// In tests the full runtime is compiled (below); the generator's use goes through it.
#[cfg(test)]
pub(crate) use tests as shared;

#[cfg(test)]
#[path = "../runtime"]
pub(crate) mod tests {
    //! The runtime files, compiled and tested here as ordinary modules.
    #[allow(dead_code)]
    mod accessors;
    #[allow(dead_code)]
    pub(crate) mod base64;
    #[allow(dead_code)]
    pub(crate) mod big_number;
    #[allow(dead_code)]
    mod blocking_connect;
    #[allow(dead_code)]
    mod blocking_transport;
    #[allow(dead_code)]
    mod body;
    #[allow(dead_code)]
    mod body_channel;
    #[allow(dead_code)]
    mod checksums;
    #[allow(dead_code)]
    mod codec;
    #[allow(dead_code)]
    mod compression;
    #[allow(dead_code)]
    mod config;
    #[allow(dead_code)]
    mod container_credentials;
    #[allow(dead_code)]
    mod credential_process;
    #[allow(dead_code)]
    mod credentials;
    #[allow(dead_code)]
    mod credentials_cache;
    #[allow(dead_code)]
    mod credentials_http;
    #[allow(dead_code)]
    mod document;
    #[allow(dead_code)]
    mod endpoint;
    #[allow(dead_code)]
    mod endpoint_eval;
    #[allow(dead_code)]
    mod endpoint_lib;
    #[allow(dead_code)]
    mod enums;
    #[allow(dead_code)]
    mod env_config;
    #[allow(dead_code)]
    mod error;
    #[allow(dead_code)]
    mod exec;
    #[allow(dead_code)]
    mod gzip;
    #[allow(dead_code)]
    mod http;
    #[allow(dead_code)]
    mod http1;
    #[allow(dead_code)]
    mod http1_body;
    #[allow(dead_code)]
    mod http_bindings;
    #[allow(dead_code)]
    mod imds;
    #[allow(dead_code)]
    mod json;
    #[allow(dead_code)]
    mod md5;
    #[allow(dead_code)]
    mod modeled_errors;
    #[allow(dead_code)]
    mod orchestrator;
    #[allow(dead_code)]
    mod profile;
    #[allow(dead_code)]
    mod profile_credentials;
    #[allow(dead_code)]
    mod protocol;
    #[allow(dead_code)]
    mod provider_chain;
    #[allow(dead_code)]
    mod proxy;
    #[allow(dead_code)]
    mod query;
    #[allow(dead_code)]
    mod retry;
    #[allow(dead_code)]
    mod service_endpoint;
    #[allow(dead_code)]
    mod sha256;
    #[allow(dead_code)]
    mod sigv4;
    #[allow(dead_code)]
    mod sso;
    #[allow(dead_code)]
    mod sts;
    #[allow(dead_code)]
    mod timestamp;
    #[allow(dead_code)]
    mod trace_off;
    /// What the generated `rt.rs` names without the `tracing` feature.
    use trace_off as trace;
    #[allow(dead_code)]
    mod timestamp_codec;
    #[allow(dead_code)]
    mod ureq_transport;
    #[allow(dead_code)]
    mod xml;
    #[allow(dead_code)]
    mod xml_de;
    #[allow(dead_code)]
    mod xml_error;
    #[allow(dead_code)]
    mod xml_writer;

    /// What the generated `rt.rs` of a crate without endpoint rules provides.
    type EndpointConfig = ();

    /// What the generated `rt.rs` provides: the service's sdkId.
    const SDK_ID: &str = "GameSparks";

    /// What the generated `rt.rs` provides without the `ureq` feature.
    fn default_http_client() -> Option<std::sync::Arc<dyn http::HttpClient>> {
        None
    }

    /// What the generated `rt.rs` provides without the `hyper` feature.
    fn default_sleep() -> std::sync::Arc<dyn http::Sleep> {
        std::sync::Arc::new(exec::ThreadSleep)
    }
}

#[cfg(test)]
mod doc_crate_tests {
    use super::{DOC_CRATE, name_crate, runtime_files};

    #[test]
    fn only_comment_lines_are_renamed() {
        let text =
            "/// use your_crate::http::Body;\n//! your_crate::x\nlet s = \"your_crate::\";\n";
        assert_eq!(
            name_crate(text, "my-service"),
            "/// use my_service::http::Body;\n//! my_service::x\nlet s = \"your_crate::\";\n"
        );
        assert_eq!(name_crate("no placeholder\n", "x"), "no placeholder\n");
    }

    #[test]
    fn runtime_sources_use_the_placeholder_in_comments_only() {
        let all = crate::ir::Uses {
            timestamps: true,
            blobs: true,
            big_numbers: true,
            documents: true,
            checksums: true,
            compression: true,
            http_bindings: true,
            json_protocol: true,
            query: true,
            xml: true,
            xml_writer: true,
            streams: true,
        };
        let files = runtime_files(all, true, true);
        let mut documented = 0;
        for file in &files {
            for line in file.source.lines().filter(|l| l.contains(DOC_CRATE)) {
                assert!(line.trim_start().starts_with("//"), "{}: {line}", file.path);
            }
            documented += usize::from(file.source.contains(DOC_CRATE));
        }
        assert!(
            documented >= 4,
            "the HttpClient, Config, SdkError and ProvideCredentials docs"
        );
    }
}
