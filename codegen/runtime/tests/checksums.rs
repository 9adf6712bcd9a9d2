//! Tests of `checksums.rs`, compiled as its `tests` module.

use super::*;
use ::sha2::Digest as _;

fn sha(data: &[u8]) -> [u8; 32] {
    ::sha2::Sha256::digest(data).into()
}

fn tree_of(data: &[u8], piece: usize) -> ([u8; 32], [u8; 32]) {
    let mut h = TreeHasher::default();
    for chunk in data.chunks(piece.max(1)) {
        h.update(chunk);
    }
    h.finish()
}

#[test]
fn small_payload_tree_hash_is_its_sha256() {
    // GlacierChecksums: "hello world" is one leaf, so both headers carry its SHA-256.
    let (linear, tree) = tree_of(b"hello world", 3);
    assert_eq!(
        hex_lower(&linear),
        "b94d27b9934d3e08a52e52d7da7dabfac484efe37a5380ee9088f7ace2efcde9"
    );
    assert_eq!(tree, linear);
    let (linear, tree) = tree_of(b"", 1);
    assert_eq!(linear, sha(b""));
    assert_eq!(tree, sha(b""));
}

#[test]
fn three_leaves_pair_then_promote_the_odd_one() {
    let data: Vec<u8> = (0..(2 * TREE_LEAF + 10)).map(|i| (i % 251) as u8).collect();
    let l0 = sha(&data[..TREE_LEAF]);
    let l1 = sha(&data[TREE_LEAF..2 * TREE_LEAF]);
    let l2 = sha(&data[2 * TREE_LEAF..]);
    let mut pair = l0.to_vec();
    pair.extend_from_slice(&l1);
    let h01 = sha(&pair);
    let mut top = h01.to_vec();
    top.extend_from_slice(&l2);
    let expected = sha(&top);
    for piece in [1000, TREE_LEAF, 3 * TREE_LEAF] {
        let (linear, tree) = tree_of(&data, piece);
        assert_eq!(tree, expected, "fed in pieces of {piece}");
        assert_eq!(linear, sha(&data));
    }
}

#[test]
fn exactly_one_leaf_is_not_doubled() {
    let data = vec![7u8; TREE_LEAF];
    let (_, tree) = tree_of(&data, 4096);
    assert_eq!(tree, sha(&data));
}
