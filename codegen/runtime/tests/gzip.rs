//! Tests of `gzip.rs`, compiled as its `tests` module.

use super::*;
use ::std::io::Read as _;

/// The workspace's one test generator (`tests/src/rng.rs`), by a path relative to this file.
/// Each test file that uses it declares it: a golden compiles only some runtime files.
#[path = "../../../tests/src/rng.rs"]
#[allow(dead_code, clippy::duplicate_mod, reason = "one copy per test file")]
mod rng;
use rng::Rng;

/// Decodes with an independent implementation, which also checks the CRC and ISIZE.
fn gunzip(gz: &[u8]) -> ::std::vec::Vec<u8> {
    let mut out = ::std::vec::Vec::new();
    let mut d = ::flate2::read::GzDecoder::new(gz);
    d.read_to_end(&mut out).expect("valid gzip");
    // Nothing after the member.
    assert!(d.into_inner().is_empty(), "trailing bytes");
    out
}

fn round_trip(data: &[u8]) -> usize {
    let gz = gzip(data);
    assert!(gunzip(&gz) == data, "round trip of {} bytes", data.len());
    gz.len()
}

/// JSON like a request body: the same keys with varying values.
fn json(len: usize) -> ::std::vec::Vec<u8> {
    let mut out = ::std::vec::Vec::from(b"[");
    let mut i = 0u64;
    while out.len() < len {
        let (name, on, score) = (i * 7919 % 10007, i.is_multiple_of(3), i * 31 % 97);
        let item = format!(r#"{{"id":{i},"name":"item-{name}","on":{on},"score":{score}.5}},"#);
        out.extend_from_slice(item.as_bytes());
        i += 1;
    }
    out.truncate(len);
    out
}

#[test]
fn crc32_check_value() {
    assert_eq!(crc32(b"123456789"), 0xcbf4_3926);
    assert_eq!(crc32(b""), 0);
    assert_eq!(crc32(b"a"), 0xe8b7_be43);
    // The slicing-by-8 path agrees with the byte-at-a-time one at every alignment.
    let data = Rng::new(7).bytes(100);
    for n in 0..data.len() {
        let mut crc = !0u32;
        for &b in &data[..n] {
            crc = CRC_TABLES[0][((crc ^ u32::from(b)) & 0xff) as usize] ^ (crc >> 8);
        }
        assert_eq!(crc32(&data[..n]), !crc, "length {n}");
    }
}

#[test]
fn header_trailer_and_short_inputs() {
    let gz = gzip(b"hello");
    assert_eq!(gz[..10], [0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 255]);
    assert_eq!(
        gz[gz.len() - 8..],
        [crc32(b"hello").to_le_bytes(), [5, 0, 0, 0]].concat()
    );
    // Header, one empty fixed block (2 bytes), trailer.
    assert_eq!(round_trip(b""), 20);
    let short: [&[u8]; 6] = [
        b"x",
        b"ab",
        b"aaaa",
        b"Hello, world! Hello, world! Hello, world!",
        b"Action=SendMessage&Version=2012-11-05&MessageBody=hello%20world",
        &[0xff; 300],
    ];
    for data in short {
        round_trip(data);
    }
}

#[test]
fn repetitive_json_compresses() {
    let data = json(100 * 1024);
    let n = round_trip(&data);
    assert!(n * 3 < data.len(), "{n} bytes from {}", data.len());
}

#[test]
fn random_bytes_are_stored() {
    let data = Rng::new(1).bytes(1 << 20);
    let n = round_trip(&data);
    // Header and trailer, and 5 bytes per stored block.
    let blocks = data.len().div_ceil(MAX_STORED);
    assert!(n <= data.len() + 18 + 5 * blocks + 8, "{n}");
}

#[test]
fn all_zeros() {
    let data = ::std::vec![0u8; 4 << 20];
    let n = round_trip(&data);
    assert!(n < data.len() / 100, "{n}");
}

#[test]
fn window_and_stored_block_boundaries() {
    let mut rng = Rng::new(2);
    for n in [
        32_767, 32_768, 32_769, 65_534, 65_535, 65_536, 65_537, 131_070, 131_071,
    ] {
        round_trip(&rng.bytes(n));
        round_trip(&::std::vec![b'z'; n]);
    }
    // A repeat just inside the window is found; one just outside is not, and round trips.
    for period in [32_000, 32_767, 32_768, 32_769, 40_000] {
        let unit = rng.bytes(period);
        let data = [&unit[..], &unit[..], &unit[..]].concat();
        let n = round_trip(&data);
        if period <= MAX_DIST {
            assert!(n < period + period / 4, "period {period}: {n}");
        }
    }
    // Matches reach back into a stored block.
    let mut data = rng.bytes(100_000);
    data.extend_from_within(80_000..100_000);
    let n = round_trip(&data);
    assert!(n < 110_000, "{n}");
    // Compressible, then a run of stored blocks, then compressible again.
    let data = [json(50_000), rng.bytes(200_000), json(50_000)].concat();
    let n = round_trip(&data);
    assert!(n < 240_000, "{n}");
}

#[test]
fn long_chains_stay_fast() {
    // Few distinct 3-byte hashes and many near-misses: the chain limit keeps this linear.
    let mut rng = Rng::new(3);
    let data: ::std::vec::Vec<u8> = (0..1 << 20).map(|_| b'a' + rng.below(2) as u8).collect();
    round_trip(&data);
    let periodic: ::std::vec::Vec<u8> = (0..1 << 20).map(|i| (i % 251) as u8).collect();
    round_trip(&periodic);
}

#[test]
fn fuzz_small_alphabets() {
    let mut rng = Rng::new(0x5eed);
    for _ in 0..200 {
        let len = match rng.below(4) {
            0 => rng.below(64),
            1 => rng.below(4_000),
            _ => rng.below(70_000),
        };
        let max_alphabet = if rng.below(2) == 0 { 4 } else { 256 };
        let alphabet = 1 + rng.below(max_alphabet);
        let run = 1 + rng.below(20);
        let mut data = ::std::vec::Vec::with_capacity(len);
        while data.len() < len {
            // Runs and copies of earlier text, as well as fresh symbols.
            match rng.below(3) {
                0 if data.len() > 3 => {
                    let from = rng.below(data.len());
                    let n = (1 + rng.below(300)).min(data.len() - from);
                    data.extend_from_within(from..from + n);
                }
                1 => {
                    let b = rng.below(alphabet) as u8;
                    data.extend(::std::iter::repeat_n(b, run));
                }
                _ => data.push(rng.below(alphabet) as u8),
            }
        }
        data.truncate(len);
        round_trip(&data);
    }
}
