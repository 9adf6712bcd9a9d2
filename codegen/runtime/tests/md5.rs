//! Tests of `md5.rs`, compiled as its `tests` module.

use super::*;

fn hex(bytes: &[u8]) -> ::std::string::String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[test]
fn rfc1321_test_suite() {
    // RFC 1321, appendix A.5.
    let cases: [(&[u8], &str); 7] = [
        (b"", "d41d8cd98f00b204e9800998ecf8427e"),
        (b"a", "0cc175b9c0f1b6a831c399e269772661"),
        (b"abc", "900150983cd24fb0d6963f7d28e17f72"),
        (b"message digest", "f96b697d7cb7938d525a2f31aaf161d0"),
        (
            b"abcdefghijklmnopqrstuvwxyz",
            "c3fcd3d76192e4007dfb496cca67e13b",
        ),
        (
            b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789",
            "d174ab98d277d9f5a5611c2c9f419d9f",
        ),
        (
            b"12345678901234567890123456789012345678901234567890123456789012345678901234567890",
            "57edf4a22be3c955ac49da2e2107b67a",
        ),
    ];
    for (input, want) in cases {
        assert_eq!(hex(&md5(input)), want, "input {input:?}");
    }
}

/// Lengths where the padding spills into a second block (56) or fills one exactly (64).
#[test]
fn block_boundaries() {
    // Digests of `(i * 7 + 3) % 251` for i in 0..n, from Python's hashlib.
    let cases = [
        (55, "030157be00035d098644cfc70e5deaea"),
        (56, "8e758df1ec8681fc06daa64253668f13"),
        (63, "4a805576b511a836fefee199fb797ae5"),
        (64, "7a0cbe2eab91195c56eae7f83588d243"),
        (65, "940b4e909b09d4828b0eebe642613192"),
        (119, "c78b1987e67f5f382adb7de5fed3e55e"),
        (120, "4bebaf2293f8b2e434f1a4f024eea593"),
        (128, "087b965e51e4b1200ebfd13e9761caa5"),
    ];
    for (n, want) in cases {
        let data: ::std::vec::Vec<u8> = (0..n).map(|i| ((i * 7 + 3) % 251) as u8).collect();
        assert_eq!(hex(&md5(&data)), want, "length {n}");
    }
}

#[test]
fn million_a() {
    let data = ::std::vec![b'a'; 1_000_000];
    assert_eq!(hex(&md5(&data)), "7707d6ae4e027c70eea2a935c2296f21");
}

/// Every length up to a few blocks agrees with an independent implementation.
#[test]
fn agrees_with_md5_crate() {
    use ::md5::Digest;
    let data: ::std::vec::Vec<u8> = (0..300u32)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 24) as u8)
        .collect();
    for n in 0..=data.len() {
        let want: [u8; 16] = ::md5::Md5::digest(&data[..n]).into();
        assert_eq!(md5(&data[..n]), want, "length {n}");
    }
}
