//! Standard base64 (RFC 4648, with padding) for blobs in JSON bodies.

use ::serde::de::{Deserializer, Visitor};
use ::serde::ser::Serializer;

use super::codec::Codec;

const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/// Encodes bytes as padded standard base64.
pub(crate) fn encode(bytes: &[u8]) -> ::std::string::String {
    let mut out = ::std::string::String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(char::from(ALPHABET[((n >> (18 - 6 * i)) & 63) as usize]));
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// Decodes standard base64; padding is optional. Whitespace and other characters are errors.
pub(crate) fn decode(text: &str) -> ::std::option::Option<::std::vec::Vec<u8>> {
    let trimmed = text.trim_end_matches('=');
    if text.len() - trimmed.len() > 2 || trimmed.len() % 4 == 1 {
        return None;
    }
    let mut out = ::std::vec::Vec::with_capacity(trimmed.len() * 3 / 4);
    let mut acc: u32 = 0;
    let mut bits = 0u32;
    for c in trimmed.bytes() {
        let v = match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'+' => 62,
            b'/' => 63,
            _ => return None,
        };
        acc = (acc << 6) | u32::from(v);
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push(((acc >> bits) & 0xff) as u8);
        }
    }
    Some(out)
}

/// Blobs: base64 strings.
pub(crate) struct Base64;

impl Codec<::std::vec::Vec<u8>> for Base64 {
    fn ser<S: Serializer>(
        value: &::std::vec::Vec<u8>,
        s: S,
    ) -> ::std::result::Result<S::Ok, S::Error> {
        s.serialize_str(&encode(value))
    }
    fn de<'de, D: Deserializer<'de>>(d: D) -> ::std::result::Result<::std::vec::Vec<u8>, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = ::std::vec::Vec<u8>;
            fn expecting(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str("a base64 string")
            }
            fn visit_str<E: ::serde::de::Error>(
                self,
                v: &str,
            ) -> ::std::result::Result<Self::Value, E> {
                decode(v).ok_or_else(|| E::custom("invalid base64"))
            }
        }
        d.deserialize_str(V)
    }
}

#[cfg(test)]
#[path = "tests/base64.rs"]
mod tests;
