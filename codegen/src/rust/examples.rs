//! The doc examples the generator writes for each crate: the crate-level example, which calls an
//! operation, and the `Client` example. They are doctests of the generated crate, so they run
//! with no network: a hidden in-memory `HttpClient` answers every request.

use crate::ir::{HttpBinding, Ir, OperationDef, Presence, Protocol, TypeRef};

/// The crate's name as Rust code writes it.
fn crate_ident(ir: &Ir) -> String {
    crate::naming::lib_name(&ir.crate_name)
}

/// Hidden lines defining `InMemory`, an `HttpClient` that answers every request with HTTP 200
/// and `body`.
fn in_memory_client(krate: &str, body: &str) -> String {
    format!(
        "# use {krate}::http::{{BoxFuture, HttpClient, HttpRequest, HttpResponse, Timeouts, TransportError}};
# #[derive(Debug)]
# struct InMemory;
# impl HttpClient for InMemory {{
#     fn send(&self, _: HttpRequest, _: Timeouts) -> BoxFuture<'_, Result<HttpResponse, TransportError>> {{
#         Box::pin(async {{ Ok(HttpResponse::new(200, {body:?})) }})
#     }}
# }}
"
    )
}

/// A literal a setter of this type takes, for the types an example can spell simply.
fn literal(ty: &TypeRef) -> Option<&'static str> {
    match ty {
        TypeRef::String => Some("\"example\""),
        TypeRef::Bool => Some("true"),
        TypeRef::Byte | TypeRef::Short | TypeRef::Integer | TypeRef::Long => Some("1"),
        TypeRef::Float | TypeRef::Double => Some("1.0"),
        TypeRef::Boxed(inner) => literal(inner),
        _ => None,
    }
}

/// The first operation (in module order) whose required and URI label members all take a
/// simple literal, with its setter calls. (A label must be set even where the model does not
/// mark it required.)
fn example_operation(ir: &Ir) -> Option<(&OperationDef, Vec<String>)> {
    ir.operations.iter().find_map(|op| {
        let setters = op
            .input
            .fields
            .iter()
            .filter(|f| {
                matches!(f.presence, Presence::Required { .. }) || f.http == HttpBinding::Label
            })
            .map(|f| literal(&f.ty).map(|v| format!(".{}({v})", f.name)))
            .collect::<Option<Vec<_>>>()?;
        Some((op, setters))
    })
}

/// The config lines every example shares: a region, example keys and the in-memory transport.
fn config_lines(krate: &str) -> String {
    format!(
        "use {krate}::config::Credentials;
use {krate}::{{Client, Config}};

let config = Config::builder()
    .region(\"us-east-1\")
    .credentials(Credentials::new(\"AKIDEXAMPLE\", \"SECRET\", None))
    // Leave this out to use the default transport (the `ureq` feature).
    .http_client(InMemory)
    .build();
"
    )
}

/// The crate-level example: build a client and call an operation.
pub(crate) fn crate_example(ir: &Ir) -> String {
    let krate = crate_ident(ir);
    let json = ir.service.as_ref().is_some_and(|s| {
        matches!(
            s.protocol,
            Protocol::RestJson1 | Protocol::AwsJson1_0 | Protocol::AwsJson1_1
        )
    });
    let body = if json { "{}" } else { "" };
    let mut text = String::from(
        "# Example\n\nBuild a [`Config`], make a [`Client`] and call an operation. `send()` returns a \
         future that any async runtime can run; `http::block_on` runs it from synchronous code. \
         Here a small in-memory `HttpClient` answers, so the example runs without a network.\n\n```\n",
    );
    text.push_str(&in_memory_client(&krate, body));
    text.push_str(&config_lines(&krate));
    text.push_str("let client = Client::new(config);\n");
    match example_operation(ir) {
        Some((op, setters)) => {
            text.push_str(&format!("\nlet call = client\n    .{}()\n", op.module));
            for s in setters {
                text.push_str(&format!("    {s}\n"));
            }
            text.push_str(&format!(
                "    .send();\nmatch {krate}::http::block_on(call) {{\n    Ok(output) => println!(\"{{output:?}}\"),\n    \
                 // What went wrong, with the status, request id and attempts when known.\n    \
                 Err(error) => eprintln!(\"{{error}}\"),\n}}\n"
            ));
        }
        None => text.push_str("# let _ = client;\n"),
    }
    text.push_str("```");
    text
}

/// The `Client` example: one client, cloned.
pub(crate) fn client_example(ir: &Ir) -> String {
    let krate = crate_ident(ir);
    let mut text = String::from(
        "# Example\n\nMake one client and clone it where it is needed: clones share the \
         configuration, its connection settings and its retry quota.\n\n```\n",
    );
    text.push_str(&in_memory_client(&krate, "{}"));
    text.push_str(&config_lines(&krate));
    text.push_str(
        "let client = Client::new(config);\nlet for_a_task = client.clone();\n\
         assert_eq!(for_a_task.config().region(), Some(\"us-east-1\"));\n```",
    );
    text
}

#[cfg(test)]
#[path = "tests/examples.rs"]
mod tests;
