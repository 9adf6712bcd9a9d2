//! `@requestCompression`: gzip the body before signing, as the SDK settings say.

use super::config::Config;
use super::protocol::RequestParts;

/// Gzips a body in memory of at least the configured size, and appends `gzip` to any
/// `Content-Encoding` the input set. A streamed body is sent as it is: compressing it would
/// need chunked uploads, and the services accept uncompressed requests.
pub(crate) fn gzip_request(
    parts: &mut RequestParts,
    config: &Config,
) -> ::std::result::Result<(), ::std::string::String> {
    let settings = config.compression;
    let min_size = settings.min_size.map_err(|n| {
        format!("request_min_compression_size_bytes is {n}; it must be 0 to 10485760")
    })?;
    if settings.disabled {
        return Ok(());
    }
    let Some(bytes) = parts.body.bytes() else {
        return Ok(());
    };
    if (bytes.len() as u64) < u64::from(min_size) {
        return Ok(());
    }
    parts.body = super::gzip::gzip(bytes).into();
    match parts
        .headers
        .iter_mut()
        .find(|(k, _)| k.eq_ignore_ascii_case("content-encoding"))
    {
        Some((_, value)) if !value.trim().is_empty() => value.push_str(", gzip"),
        Some((_, value)) => *value = "gzip".to_string(),
        None => parts
            .headers
            .push(("Content-Encoding".to_string(), "gzip".to_string())),
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::super::http::Body;
    use super::*;

    fn parts(body: &[u8], headers: &[(&str, &str)]) -> RequestParts {
        RequestParts {
            host_prefix: String::new(),
            endpoint: None,
            method: "POST",
            path: "/".into(),
            query: String::new(),
            headers: headers
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect(),
            body: Body::from(body.to_vec()),
        }
    }

    fn config(b: super::super::config::ConfigBuilder) -> Config {
        b.ignore_environment().build()
    }

    fn encoding(p: &RequestParts) -> Option<&str> {
        p.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case("content-encoding"))
            .map(|(_, v)| v.as_str())
    }

    #[test]
    fn small_bodies_and_disabled_clients_send_as_is() {
        let mut p = parts(&[b'a'; 100], &[]);
        gzip_request(&mut p, &config(Config::builder())).unwrap();
        assert_eq!(p.body.bytes(), Some(&[b'a'; 100][..]));
        assert_eq!(encoding(&p), None);
        let mut p = parts(&[b'a'; 20_000], &[]);
        gzip_request(
            &mut p,
            &config(Config::builder().disable_request_compression(true)),
        )
        .unwrap();
        assert_eq!(p.body.bytes().map(<[u8]>::len), Some(20_000));
    }

    #[test]
    fn large_bodies_are_gzipped_after_the_inputs_encoding() {
        let data = b"{\"k\":\"value\"}".repeat(1000);
        let mut p = parts(&data, &[("Content-Encoding", "custom")]);
        gzip_request(&mut p, &config(Config::builder())).unwrap();
        assert_eq!(encoding(&p), Some("custom, gzip"));
        let sent = p.body.bytes().unwrap();
        assert_eq!(&sent[..2], &[0x1f, 0x8b], "a gzip member");
        let mut plain = Vec::new();
        std::io::Read::read_to_end(&mut flate2::read::GzDecoder::new(sent), &mut plain).unwrap();
        assert_eq!(plain, data);
        let mut p = parts(b"xy", &[]);
        gzip_request(
            &mut p,
            &config(Config::builder().request_min_compression_size_bytes(0)),
        )
        .unwrap();
        assert_eq!(encoding(&p), Some("gzip"));
    }

    #[test]
    fn an_out_of_range_minimum_fails_the_call() {
        let mut p = parts(b"xy", &[]);
        let err = gzip_request(
            &mut p,
            &config(Config::builder().request_min_compression_size_bytes(20_000_000)),
        )
        .unwrap_err();
        assert!(err.contains("20000000"), "{err}");
    }
}
