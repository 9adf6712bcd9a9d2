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
#[path = "tests/compression.rs"]
mod tests;
