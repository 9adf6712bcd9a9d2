//! Tests of `partitions.rs`, compiled as its `tests` module.

use super::*;
use RegexNode::*;

#[test]
fn the_default_file_reads() {
    let p = parse(DEFAULT_PARTITIONS).unwrap();
    assert_eq!(p[0].id, "aws");
    assert!(p[0].regions.windows(2).all(|w| w[0].0 < w[1].0));
    assert!(
        p.iter()
            .any(|p| p.id == "aws-us-gov" && p.outputs.implicit_global_region == "us-gov-west-1")
    );
}

#[test]
fn region_overrides_merge() {
    let p = parse(r#"{"partitions": [{"id": "x", "regionRegex": "^x$", "outputs": {"name": "x", "dnsSuffix": "d", "dualStackDnsSuffix": "dd", "supportsFIPS": true, "supportsDualStack": true, "implicitGlobalRegion": "x-1"}, "regions": {"x-1": {"description": "X", "supportsFIPS": false}}}]}"#).unwrap();
    assert!(!p[0].regions[0].1.supports_fips);
    assert_eq!(p[0].regions[0].1.dns_suffix, "d");
    assert!(parse(r#"{"partitions": [{"id": "x"}]}"#).is_err());
    assert!(parse("[]").is_err());
}

#[test]
fn regexes() {
    assert_eq!(
        parse_regex(r"^(us|eu)\-\w+\-\d+$").unwrap(),
        [
            Start,
            Alt(vec![vec![Lit("us".into())], vec![Lit("eu".into())]]),
            Lit("-".into()),
            Repeat(Box::new(Word), 1, u32::MAX),
            Lit("-".into()),
            Repeat(Box::new(Digit), 1, u32::MAX),
            End,
        ]
    );
    assert_eq!(
        parse_regex("ab+").unwrap(),
        [
            Lit("a".into()),
            Repeat(Box::new(Lit("b".into())), 1, u32::MAX)
        ]
    );
    assert_eq!(
        parse_regex("a|b").unwrap(),
        [Alt(vec![vec![Lit("a".into())], vec![Lit("b".into())]])]
    );
    assert_eq!(
        parse_regex("[a-c_]{2,3}").unwrap(),
        [Repeat(
            Box::new(Set(vec![(b'a', b'c'), (b'_', b'_')], false)),
            2,
            3
        )]
    );
    assert_eq!(
        parse_regex("(?:x)?").unwrap(),
        [Repeat(Box::new(Alt(vec![vec![Lit("x".into())]])), 0, 1)]
    );
    for bad in ["(a", "a)", "[a", "*a", r"\s", "a{2,1}", "^*", "[é]", "a{x}"] {
        assert!(parse_regex(bad).is_err(), "{bad}");
    }
}
