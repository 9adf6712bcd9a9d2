//! The size floor of a binary that makes one HTTPS request with the TLS stack our default
//! transport uses: rustls (ring) with the bundled webpki roots over `std::net`, writing the
//! request and reading the reply by hand, and nothing of ours. `cargo xtask bench` reports its
//! stripped size beside `ours_one_call` to show how much of that binary is the TLS stack.

use std::io::{Read as _, Write as _};
use std::sync::Arc;

fn main() {
    let host = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "localhost".to_string());
    let roots = rustls::RootCertStore {
        roots: webpki_roots::TLS_SERVER_ROOTS.to_vec(),
    };
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let config = rustls::ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .map(|b| b.with_root_certificates(roots).with_no_client_auth());
    let result = config.map_err(|e| e.to_string()).and_then(|config| {
        let name =
            rustls::pki_types::ServerName::try_from(host.clone()).map_err(|e| e.to_string())?;
        let mut conn =
            rustls::ClientConnection::new(Arc::new(config), name).map_err(|e| e.to_string())?;
        let mut tcp =
            std::net::TcpStream::connect((host.as_str(), 443)).map_err(|e| e.to_string())?;
        let mut tls = rustls::Stream::new(&mut conn, &mut tcp);
        let request = format!("GET / HTTP/1.1\r\nhost: {host}\r\nconnection: close\r\n\r\n");
        tls.write_all(request.as_bytes())
            .map_err(|e| e.to_string())?;
        let mut reply = Vec::new();
        tls.read_to_end(&mut reply).map_err(|e| e.to_string())?;
        Ok(reply.len())
    });
    println!("{result:?}");
}
