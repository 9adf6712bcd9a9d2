//! Tests of `base64.rs`, compiled as its `tests` module.

use super::{decode, encode};

#[test]
fn rfc4648_vectors() {
    for (raw, enc) in [
        ("", ""),
        ("f", "Zg=="),
        ("fo", "Zm8="),
        ("foo", "Zm9v"),
        ("foob", "Zm9vYg=="),
        ("fooba", "Zm9vYmE="),
        ("foobar", "Zm9vYmFy"),
    ] {
        assert_eq!(encode(raw.as_bytes()), enc);
        assert_eq!(decode(enc).unwrap(), raw.as_bytes());
    }
}

#[test]
fn rejects_garbage() {
    for bad in ["Z", "Zg===", "Zm9v!", "Zm 9v"] {
        assert!(decode(bad).is_none(), "{bad}");
    }
}
