//! The rules engine functions on their edge cases.
use super::super::protocol::percent_encode;
use super::*;

/// The workspace's one test generator (`tests/src/rng.rs`), by a path relative to this file.
/// Each test file that uses it declares it: a golden compiles only some runtime files.
#[path = "../../../tests/src/rng.rs"]
#[allow(dead_code, clippy::duplicate_mod, reason = "one copy per test file")]
mod rng;
use rng::Rng;

// `^(us|eu)\-\w+\-\d+$`, as the generator emits it.
static AWS_RE: &[Re] = &[
    Re::Start,
    Re::Alt(&[&[Re::Lit("us")], &[Re::Lit("eu")]]),
    Re::Lit("-"),
    Re::Repeat(&Re::Class(ReClass::Word), 1, u32::MAX),
    Re::Lit("-"),
    Re::Repeat(&Re::Class(ReClass::Digit), 1, u32::MAX),
    Re::End,
];
static CN_RE: &[Re] = &[
    Re::Start,
    Re::Lit("cn"),
    Re::Lit("-"),
    Re::Repeat(&Re::Class(ReClass::Word), 1, u32::MAX),
    Re::Lit("-"),
    Re::Repeat(&Re::Class(ReClass::Digit), 1, u32::MAX),
    Re::End,
];
const AWS: PartitionOutputs = PartitionOutputs {
    name: "aws",
    dns_suffix: "amazonaws.com",
    dual_stack_dns_suffix: "api.aws",
    supports_fips: true,
    supports_dual_stack: true,
    implicit_global_region: "us-east-1",
};
const CN: PartitionOutputs = PartitionOutputs {
    name: "aws-cn",
    dns_suffix: "amazonaws.com.cn",
    ..AWS
};
static NO_FIPS: PartitionOutputs = PartitionOutputs {
    supports_fips: false,
    ..AWS
};
static PARTITIONS: Partitions = Partitions {
    regions: &[
        ("aws-cn-global", &CN),
        ("aws-global", &AWS),
        ("us-east-1", &AWS),
        ("us-west-9", &NO_FIPS),
    ],
    partitions: &[
        Partition {
            id: "aws",
            outputs: AWS,
            region_regex: AWS_RE,
        },
        Partition {
            id: "aws-cn",
            outputs: CN,
            region_regex: CN_RE,
        },
    ],
};

#[test]
fn partitions_by_name_then_pattern_then_aws() {
    let name = |r: &str| partition(&PARTITIONS, r).map(|p| p.name);
    assert_eq!(name("us-east-1"), Some("aws"));
    assert_eq!(name("aws-cn-global"), Some("aws-cn"));
    assert_eq!(name("cn-north-1"), Some("aws-cn"));
    assert_eq!(name("eu-central-77"), Some("aws"));
    assert_eq!(name("mars-east-1"), Some("aws"));
    assert_eq!(name(""), Some("aws"));
    assert!(!partition(&PARTITIONS, "us-west-9").unwrap().supports_fips);
    let empty = Partitions {
        regions: &[],
        partitions: &[],
    };
    assert_eq!(partition(&empty, "us-east-1"), None);
}

#[test]
fn region_patterns() {
    assert!(regex_matches(AWS_RE, "us-east-1"));
    assert!(regex_matches(AWS_RE, "eu-a_b-22"));
    assert!(!regex_matches(AWS_RE, "us-east-"));
    assert!(!regex_matches(AWS_RE, "xus-east-1"));
    assert!(!regex_matches(AWS_RE, "us-east-1x"));
    assert!(!regex_matches(AWS_RE, "us--1"));
    assert!(!regex_matches(
        AWS_RE,
        &format!("us-{}-1", "a".repeat(10_000))
    ));
    // Unanchored patterns find a match anywhere.
    assert!(regex_matches(&[Re::Lit("b")], "abc"));
    let set = [
        Re::Start,
        Re::Repeat(
            &Re::Class(ReClass::Set {
                ranges: &[(b'a', b'c')],
                negated: false,
            }),
            0,
            2,
        ),
        Re::End,
    ];
    assert!(regex_matches(&set, "ab"));
    assert!(regex_matches(&set, ""));
    assert!(!regex_matches(&set, "abc"));
}

#[test]
fn host_labels() {
    assert!(is_valid_host_label("us-east-1", false));
    assert!(is_valid_host_label("3aws4", false));
    assert!(!is_valid_host_label("part1.part2", false));
    assert!(is_valid_host_label("part1.part2", true));
    for bad in [
        "",
        "part1 part2",
        "part1.",
        "part1..part2",
        "part1.-part2",
        "-a",
    ] {
        assert!(!is_valid_host_label(bad, true), "{bad}");
    }
    assert!(!is_valid_host_label(&"a".repeat(64), false));
    assert!(is_valid_host_label(&"a".repeat(63), false));
}

#[test]
fn s3_buckets() {
    assert!(is_virtual_hostable_s3_bucket("bucket-name", false));
    assert!(is_virtual_hostable_s3_bucket("bucket.name", true));
    assert!(!is_virtual_hostable_s3_bucket("bucket.name", false));
    for bad in [
        "ab",
        "Bucket",
        "-bucket",
        "bucket-",
        "192.168.0.1",
        "a..b",
        "ab-.cd",
        "a_b",
    ] {
        assert!(!is_virtual_hostable_s3_bucket(bad, true), "{bad}");
    }
    assert!(!is_virtual_hostable_s3_bucket(&"a".repeat(64), false));
}

#[test]
fn urls() {
    let u = parse_url("https://example.com").unwrap();
    assert_eq!(
        (
            u.scheme.as_str(),
            u.authority.as_str(),
            u.path.as_str(),
            u.normalized_path.as_str(),
            u.is_ip
        ),
        ("https", "example.com", "", "/", false)
    );
    let u = parse_url("http://example.com:80/foo/bar").unwrap();
    assert_eq!(
        (
            u.authority.as_str(),
            u.path.as_str(),
            u.normalized_path.as_str()
        ),
        ("example.com:80", "/foo/bar", "/foo/bar/")
    );
    assert!(parse_url("https://127.0.0.1").unwrap().is_ip);
    let v6 = parse_url("https://[fe80::1]:443").unwrap();
    assert_eq!((v6.authority.as_str(), v6.is_ip), ("[fe80::1]:443", true));
    assert!(!parse_url("https://999.999.abc.blah").unwrap().is_ip);
    assert!(parse_url("http://99_ab-.com").is_some());
    for bad in [
        "https://example.com:8443?foo=bar",
        "acbd://example.com",
        "http://abc.com:a/foo",
        "https://",
        "https://a@b.com",
        "https://[zz]",
        "https://ex ample.com",
        "example.com",
        "https://a.com/#frag",
        "https://a.com:99999",
    ] {
        assert_eq!(parse_url(bad), None, "{bad}");
    }
}

#[test]
fn strings() {
    assert_eq!(substring("abcdefg", 0, 4, false), Some("abcd"));
    assert_eq!(substring("abcdefg", 0, 4, true), Some("defg"));
    assert_eq!(substring("abcdefg", 1, 3, false), Some("bc"));
    assert_eq!(substring("abc", 0, 4, false), None);
    assert_eq!(substring("abcdé", 0, 2, false), None);
    assert_eq!(substring("abc", 2, 1, false), None);
    assert_eq!(substring("abc", -1, 1, false), None);
    assert_eq!(percent_encode("a b/ü~", false), "a%20b%2F%C3%BC~");
    assert_eq!(split("a--b--c", "--", 0), Some(vec!["a", "b", "c"]));
    assert_eq!(split("a--b--c", "--", 2), Some(vec!["a", "b--c"]));
    assert_eq!(split("a--b--c", "--", 1), Some(vec!["a--b--c"]));
    assert_eq!(split("", "--", 0), Some(vec![""]));
    assert_eq!(split("----", "--", 0), Some(vec!["", "", ""]));
    assert_eq!(
        split("--x-s3--azid--suffix", "--", 2),
        Some(vec!["", "x-s3--azid--suffix"])
    );
    assert_eq!(split("a", "", 0), None);
    assert_eq!(split("a", "-", -1), None);
}

#[test]
fn arns() {
    let a = parse_arn("arn:aws:ec2:us-east-1:012345678910:vpc/vpc-0e9801d129EXAMPLE").unwrap();
    assert_eq!(
        (a.partition, a.service, a.region, a.account_id),
        ("aws", "ec2", "us-east-1", "012345678910")
    );
    assert_eq!(a.resource_id, ["vpc", "vpc-0e9801d129EXAMPLE"]);
    let s3 = parse_arn("arn:aws:s3:::bucket_name").unwrap();
    assert_eq!(
        (s3.region, s3.account_id, s3.resource_id.as_slice()),
        ("", "", &["bucket_name"][..])
    );
    assert_eq!(
        parse_arn("arn:aws:s3:us-west-2:123:accesspoint:a:b")
            .unwrap()
            .resource_id,
        ["accesspoint", "a", "b"]
    );
    for bad in [
        "11111111-2222-3333-4444-555555555555",
        "arn:aws:s3:::",
        "arn::s3:::x",
        "arn:aws::::x",
        "arn:aws:s3",
        "ARN:aws:s3:::x",
        "",
    ] {
        assert_eq!(parse_arn(bad), None, "{bad}");
    }
}

/// Hostile inputs through every function: odd bytes, brackets, colons, huge and multi-byte
/// strings, from a fixed-seed generator. Nothing may panic.
#[test]
fn no_input_panics() {
    let alphabet: Vec<char> = "a-_.:/[]@?#%{}0 é€\u{0}9AZ".chars().collect();
    let mut rng = Rng::new(0x9e37_79b9_7f4a_7c15);
    let mut next = move || rng.next_u64();
    let mut inputs: Vec<String> = vec![
        String::new(),
        "arn:".repeat(10_000),
        "[".repeat(5000),
        format!("https://{}", "a".repeat(100_000)),
        "http://[::1]:".into(),
        "https://[".into(),
        "https://]:1".into(),
        "arn:a:b:c:d:".into(),
    ];
    for _ in 0..3000 {
        let len = (next() % 40) as usize;
        inputs.push(
            (0..len)
                .map(|_| alphabet[(next() % alphabet.len() as u64) as usize])
                .collect(),
        );
    }
    for s in &inputs {
        let _ = parse_url(s);
        let _ = parse_arn(s);
        let _ = is_valid_host_label(s, true);
        let _ = is_virtual_hostable_s3_bucket(s, true);
        let _ = partition(&PARTITIONS, s);
        let _ = percent_encode(s, false);
        let _ = split(s, ":", 3);
        for (a, b) in [(0, 3), (-5, 2), (3, i64::MAX), (i64::MIN, 0)] {
            let _ = substring(s, a, b, next() % 2 == 0);
        }
    }
}
