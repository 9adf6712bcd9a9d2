//! Tests of `sha256.rs`, compiled as its `tests` module.

use super::*;
use ::hmac::Mac as _;
use ::sha2::Digest as _;

/// The workspace's one test generator (`tests/src/rng.rs`), by a path relative to this file.
/// Each test file that uses it declares it: a golden compiles only some runtime files.
#[path = "../../../tests/src/rng.rs"]
#[allow(dead_code, clippy::duplicate_mod, reason = "one copy per test file")]
mod rng;
use rng::Rng;

fn hex(bytes: &[u8]) -> ::std::string::String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[test]
fn fips_180_examples() {
    let million_a = vec![b'a'; 1_000_000];
    let cases: [(&[u8], &str); 4] = [
        (
            b"",
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
        ),
        (
            b"abc",
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
        ),
        (
            b"abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1",
        ),
        (
            &million_a,
            "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0",
        ),
    ];
    for (input, want) in cases {
        assert_eq!(hex(&sha256(input)), want, "{} bytes", input.len());
    }
}

#[test]
fn rfc_4231_hmac_cases() {
    let long_key = [0xaa_u8; 131];
    let cases: [(&[u8], &[u8], &str); 4] = [
        (
            &[0x0b; 20],
            b"Hi There",
            "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7",
        ),
        (
            b"Jefe",
            b"what do ya want for nothing?",
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843",
        ),
        (
            &long_key,
            b"Test Using Larger Than Block-Size Key - Hash Key First",
            "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54",
        ),
        (
            &long_key,
            b"This is a test using a larger than block-size key and a larger than block-size data. The key needs to be hashed before being used by the HMAC algorithm.",
            "9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2",
        ),
    ];
    for (key, data, want) in cases {
        assert_eq!(
            hex(&hmac_sha256(key, data)),
            want,
            "key of {} bytes",
            key.len()
        );
    }
}

/// Every length around the padding boundaries (55, 56, 63, 64, ...), fed in random pieces,
/// agrees with the RustCrypto `sha2` crate; so does HMAC with keys around the block size.
#[test]
fn agrees_with_sha2_in_any_pieces() {
    let mut rng = Rng::new(256);
    for len in (0..300).chain([1000, 4096, 65_537]) {
        let data = rng.bytes(len);
        let want: [u8; 32] = ::sha2::Sha256::digest(&data).into();
        assert_eq!(sha256(&data), want, "{len} bytes at once");
        let mut h = Sha256::new();
        let mut rest = &data[..];
        while !rest.is_empty() {
            let take = rng.below(rest.len().min(150) + 1);
            h.update(&rest[..take]);
            rest = &rest[take..];
        }
        assert_eq!(h.finalize(), want, "{len} bytes in pieces");
    }
    for key_len in [0, 1, 32, 63, 64, 65, 200] {
        let key = rng.bytes(key_len);
        let data_len = rng.below(300);
        let data = rng.bytes(data_len);
        let mut mac = ::hmac::Hmac::<::sha2::Sha256>::new_from_slice(&key).expect("any key");
        mac.update(&data);
        let want: [u8; 32] = mac.finalize().into_bytes().into();
        assert_eq!(hmac_sha256(&key, &data), want, "key of {key_len} bytes");
    }
}
