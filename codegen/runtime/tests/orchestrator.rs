//! Tests of `orchestrator.rs`, compiled as its `tests` module.

use super::*;

#[test]
fn base_split() {
    assert_eq!(split_base("https://a.b"), ("https://a.b", ""));
    assert_eq!(
        split_base("http://127.0.0.1:8080/prefix"),
        ("http://127.0.0.1:8080", "/prefix")
    );
}

#[test]
fn jitter_in_unit_range() {
    let mut j = Jitter::seeded();
    for _ in 0..1000 {
        let v = j.next();
        assert!((0.0..1.0).contains(&v));
    }
}
