//! Request checksums computed over the body that is sent: `Content-MD5` for
//! `@httpChecksumRequired` operations, and Glacier's SHA-256 and tree-hash headers.
//!
//! Each is a request hook (see `orchestrator::RequestHook`), run after serialization and
//! compression and before signing. A header the caller already set is left alone.

use super::sha256::Sha256;
use super::sigv4::hex_lower;

use super::config::Config;
use super::protocol::RequestParts;

/// Glacier hashes the payload in 1 MiB leaves.
const TREE_LEAF: usize = 1024 * 1024;

fn has_header(parts: &RequestParts, name: &str) -> bool {
    parts
        .headers
        .iter()
        .any(|(k, _)| k.eq_ignore_ascii_case(name))
}

/// Adds `Content-MD5` (base64 of the body's MD5) to a body in memory. The operations that
/// require it send small documents; a streamed body goes without.
pub(crate) fn content_md5(
    parts: &mut RequestParts,
    _config: &Config,
) -> ::std::result::Result<(), ::std::string::String> {
    if has_header(parts, "content-md5") {
        return Ok(());
    }
    if let Some(bytes) = parts.body.bytes() {
        let digest = super::md5::md5(bytes);
        parts
            .headers
            .push(("Content-MD5".to_string(), super::base64::encode(&digest)));
    }
    Ok(())
}

/// Adds Glacier's `X-Amz-Content-Sha256` and `X-Amz-Sha256-Tree-Hash`. A file body is read
/// once here to hash it; a one-shot reader cannot be, and goes without (the service then
/// rejects it, as it would any upload without them).
pub(crate) fn glacier_tree_hash(
    parts: &mut RequestParts,
    _config: &Config,
) -> ::std::result::Result<(), ::std::string::String> {
    let want_linear = !has_header(parts, "x-amz-content-sha256");
    let want_tree = !has_header(parts, "x-amz-sha256-tree-hash");
    if !want_linear && !want_tree {
        return Ok(());
    }
    let mut hasher = TreeHasher::default();
    if let Some(bytes) = parts.body.bytes() {
        hasher.update(bytes);
    } else if let Some(copy) = parts.body.try_clone() {
        let mut reader = copy.into_reader();
        let mut buf = vec![0u8; 64 * 1024];
        loop {
            match ::std::io::Read::read(&mut reader, &mut buf) {
                Ok(0) => break,
                Ok(n) => hasher.update(&buf[..n]),
                Err(e) if e.kind() == ::std::io::ErrorKind::Interrupted => {}
                Err(e) => return Err(format!("reading the body to hash it: {e}")),
            }
        }
    } else {
        return Ok(());
    }
    let (linear, tree) = hasher.finish();
    if want_linear {
        parts
            .headers
            .push(("X-Amz-Content-Sha256".to_string(), hex_lower(&linear)));
    }
    if want_tree {
        parts
            .headers
            .push(("X-Amz-Sha256-Tree-Hash".to_string(), hex_lower(&tree)));
    }
    Ok(())
}

/// The SHA-256 of the whole payload and its tree hash, fed in pieces of any size.
#[derive(Default)]
struct TreeHasher {
    linear: Sha256,
    leaf: Sha256,
    leaf_len: usize,
    leaves: ::std::vec::Vec<[u8; 32]>,
}

impl TreeHasher {
    fn update(&mut self, mut data: &[u8]) {
        self.linear.update(data);
        while !data.is_empty() {
            let take = (TREE_LEAF - self.leaf_len).min(data.len());
            self.leaf.update(&data[..take]);
            self.leaf_len += take;
            data = &data[take..];
            if self.leaf_len == TREE_LEAF {
                let leaf = ::std::mem::take(&mut self.leaf);
                self.leaves.push(leaf.finalize());
                self.leaf_len = 0;
            }
        }
    }

    /// The linear hash and the tree hash: leaf hashes are paired and hashed level by level,
    /// an odd one out moving up as it is, until one remains. An empty payload's tree hash is
    /// the hash of nothing.
    fn finish(mut self) -> ([u8; 32], [u8; 32]) {
        if self.leaf_len > 0 || self.leaves.is_empty() {
            self.leaves.push(self.leaf.finalize());
        }
        let mut level = self.leaves;
        while level.len() > 1 {
            level = level
                .chunks(2)
                .map(|pair| match pair {
                    [a, b] => {
                        let mut h = Sha256::new();
                        h.update(a);
                        h.update(b);
                        h.finalize()
                    }
                    [a] => *a,
                    _ => [0; 32],
                })
                .collect();
        }
        (self.linear.finalize(), level[0])
    }
}

#[cfg(test)]
#[path = "tests/checksums.rs"]
mod tests;
