//! The functions of the endpoint rules engine's standard library and of its AWS extension
//! (`aws.partition`, `aws.parseArn`, `aws.isVirtualHostableS3Bucket`), on plain strings.
//!
//! Every function takes any input, hostile or not, and answers without panicking: a value
//! that cannot be read is `None` (an unset result, which fails the rule's condition).

/// Regions and other inputs longer than this never match a partition's region pattern, which
/// keeps the backtracking matcher's depth and time small whatever the caller passes.
const MAX_PATTERN_INPUT: usize = 128;

/// The outputs of `aws.partition` for a region.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct PartitionOutputs {
    pub name: &'static str,
    pub dns_suffix: &'static str,
    pub dual_stack_dns_suffix: &'static str,
    pub supports_fips: bool,
    pub supports_dual_stack: bool,
    pub implicit_global_region: &'static str,
}

/// The partition data: every known region of every partition, sorted by name, with its
/// outputs; and the partitions in order, whose patterns other regions are matched against.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Partitions {
    pub regions: &'static [(&'static str, &'static PartitionOutputs)],
    pub partitions: &'static [Partition],
}

/// One partition: its outputs and the pattern its regions match.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Partition {
    pub id: &'static str,
    pub outputs: PartitionOutputs,
    pub region_regex: &'static [Re],
}

/// A region pattern, parsed by the generator from the partitions file's `regionRegex`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Re {
    /// `^`.
    Start,
    /// `$`.
    End,
    /// Literal text.
    Lit(&'static str),
    /// One byte of a class.
    Class(ReClass),
    /// `(a|b|…)`: each branch is a sequence.
    Alt(&'static [&'static [Re]]),
    /// The node repeated `min..=max` times, greedily.
    Repeat(&'static Re, u32, u32),
}

/// A one-byte class of a region pattern.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ReClass {
    /// `\w`: `[A-Za-z0-9_]`.
    Word,
    /// `\d`: `[0-9]`.
    Digit,
    /// `.`: any byte.
    Any,
    /// `[…]`: inclusive byte ranges; `negated` for `[^…]`.
    Set {
        ranges: &'static [(u8, u8)],
        negated: bool,
    },
}

impl ReClass {
    fn matches(self, b: u8) -> bool {
        match self {
            ReClass::Word => b.is_ascii_alphanumeric() || b == b'_',
            ReClass::Digit => b.is_ascii_digit(),
            ReClass::Any => b != b'\n',
            ReClass::Set { ranges, negated } => {
                ranges.iter().any(|&(lo, hi)| (lo..=hi).contains(&b)) != negated
            }
        }
    }
}

/// Whether `pattern` matches somewhere in `input` (anchors make it a whole match).
pub(crate) fn regex_matches(pattern: &[Re], input: &str) -> bool {
    let s = input.as_bytes();
    if s.len() > MAX_PATTERN_INPUT {
        return false;
    }
    (0..=s.len()).any(|start| seq(pattern, s, start, &mut |_| true))
}

/// Matches `nodes` at `i`, then hands the end position to `k`.
fn seq(nodes: &[Re], s: &[u8], i: usize, k: &mut dyn FnMut(usize) -> bool) -> bool {
    match nodes.split_first() {
        None => k(i),
        Some((first, rest)) => one(first, s, i, &mut |j| seq(rest, s, j, k)),
    }
}

fn one(node: &Re, s: &[u8], i: usize, k: &mut dyn FnMut(usize) -> bool) -> bool {
    match *node {
        Re::Start => i == 0 && k(i),
        Re::End => i == s.len() && k(i),
        Re::Lit(text) => {
            s.get(i..)
                .is_some_and(|tail| tail.starts_with(text.as_bytes()))
                && k(i + text.len())
        }
        Re::Class(class) => s.get(i).is_some_and(|&b| class.matches(b)) && k(i + 1),
        Re::Alt(branches) => branches.iter().any(|b| seq(b, s, i, k)),
        Re::Repeat(node, min, max) => repeat(node, min, max, 0, s, i, k),
    }
}

fn repeat(
    node: &Re,
    min: u32,
    max: u32,
    count: u32,
    s: &[u8],
    i: usize,
    k: &mut dyn FnMut(usize) -> bool,
) -> bool {
    // Greedy: one more first; an empty match ends the repetition (no endless loop).
    (count < max
        && one(node, s, i, &mut |j| {
            j != i && repeat(node, min, max, count + 1, s, j, k)
        }))
        || (count >= min && k(i))
}

/// `aws.partition`: the outputs for a known region, else those of the first partition whose
/// pattern the region matches, else the `aws` partition's (as AWS SDKs do for regions newer
/// than their data).
pub(crate) fn partition(
    data: &Partitions,
    region: &str,
) -> ::std::option::Option<&'static PartitionOutputs> {
    if let Ok(i) = data
        .regions
        .binary_search_by(|(name, _)| (*name).cmp(region))
    {
        return data.regions.get(i).map(|(_, outputs)| *outputs);
    }
    let partitions = data.partitions;
    partitions
        .iter()
        .find(|p| regex_matches(p.region_regex, region))
        .or_else(|| partitions.iter().find(|p| p.id == "aws"))
        .map(|p| &p.outputs)
}

/// `isValidHostLabel`: an RFC 1123 label (1 to 63 letters, digits and `-`, not starting with
/// `-`), or with `allow_subdomains` several joined by `.`.
pub(crate) fn is_valid_host_label(value: &str, allow_subdomains: bool) -> bool {
    if allow_subdomains {
        value.split('.').all(is_one_label)
    } else {
        is_one_label(value)
    }
}

fn is_one_label(label: &str) -> bool {
    let b = label.as_bytes();
    !b.is_empty()
        && b.len() <= 63
        && b[0].is_ascii_alphanumeric()
        && b.iter().all(|c| c.is_ascii_alphanumeric() || *c == b'-')
}

/// `aws.isVirtualHostableS3Bucket`: a bucket name that can be a host name: 3 to 63 lower-case
/// letters, digits, `-` (and `.` between labels with `allow_subdomains`), starting and ending
/// with a letter or digit, and not an IPv4 address.
pub(crate) fn is_virtual_hostable_s3_bucket(value: &str, allow_subdomains: bool) -> bool {
    let b = value.as_bytes();
    let ends_ok = |c: Option<&u8>| c.is_some_and(|c| c.is_ascii_lowercase() || c.is_ascii_digit());
    (3..=63).contains(&b.len())
        && ends_ok(b.first())
        && ends_ok(b.last())
        && !b.iter().any(u8::is_ascii_uppercase)
        && is_valid_host_label(value, allow_subdomains)
        && !is_ipv4(value)
        && (!allow_subdomains || value.split('.').all(|l| !l.ends_with('-')))
}

/// Four dot-separated decimal numbers from 0 to 255.
fn is_ipv4(value: &str) -> bool {
    let mut n = 0;
    for part in value.split('.') {
        n += 1;
        let ok = !part.is_empty()
            && part.len() <= 3
            && part.bytes().all(|b| b.is_ascii_digit())
            && part.parse::<u16>().is_ok_and(|v| v <= 255);
        if !ok {
            return false;
        }
    }
    n == 4
}

/// The result of `parseURL`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Url {
    pub scheme: ::std::string::String,
    pub authority: ::std::string::String,
    pub path: ::std::string::String,
    pub normalized_path: ::std::string::String,
    pub is_ip: bool,
}

/// `parseURL`: an `http` or `https` URL with a host, an optional numeric port and an optional
/// path; `None` for anything else, and for any query or fragment.
pub(crate) fn parse_url(value: &str) -> ::std::option::Option<Url> {
    let (scheme, rest) = value.split_once("://")?;
    if !matches!(scheme, "http" | "https") || rest.contains(['?', '#']) {
        return None;
    }
    let (authority, path) = rest.split_at(rest.find('/').unwrap_or(rest.len()));
    if authority.contains('@') || authority.is_empty() {
        return None;
    }
    let (host, is_ip) = if let Some(inner) = authority.strip_prefix('[') {
        let (addr, after) = inner.split_once(']')?;
        let ok = !addr.is_empty()
            && addr.contains(':')
            && addr
                .bytes()
                .all(|b| b.is_ascii_hexdigit() || matches!(b, b':' | b'.' | b'%'));
        check_port(after.strip_prefix(':'), after.is_empty())?;
        (ok.then_some(addr)?, true)
    } else {
        let (host, port) = match authority.split_once(':') {
            Some((h, p)) => (h, Some(p)),
            None => (authority, None),
        };
        check_port(port, port.is_none())?;
        (host, is_ipv4(host))
    };
    let host_ok = !host.is_empty()
        && host
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b':' | b'%'));
    if !host_ok {
        return None;
    }
    let mut normalized_path = ::std::string::String::with_capacity(path.len() + 2);
    if !path.starts_with('/') {
        normalized_path.push('/');
    }
    normalized_path.push_str(path);
    if !normalized_path.ends_with('/') {
        normalized_path.push('/');
    }
    Some(Url {
        scheme: scheme.to_string(),
        authority: authority.to_string(),
        path: path.to_string(),
        normalized_path,
        is_ip,
    })
}

/// `Some(())` when the port is absent (`none_ok`) or a number from 0 to 65535.
fn check_port(port: ::std::option::Option<&str>, none_ok: bool) -> ::std::option::Option<()> {
    match port {
        None => none_ok.then_some(()),
        Some(p) => {
            (!p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()) && p.parse::<u16>().is_ok())
                .then_some(())
        }
    }
}

/// `substring`: the bytes `start..end` (counted from the end with `reverse`) of an ASCII string;
/// `None` when it is too short, the bounds are backwards, or it has any non-ASCII character.
pub(crate) fn substring(
    value: &str,
    start: i64,
    end: i64,
    reverse: bool,
) -> ::std::option::Option<&str> {
    let len = value.len();
    let start = usize::try_from(start).ok()?;
    let end = usize::try_from(end).ok()?;
    if start >= end || end > len || !value.is_ascii() {
        return None;
    }
    if reverse {
        value.get(len - end..len - start)
    } else {
        value.get(start..end)
    }
}

/// `split`: `limit` 0 splits everywhere, 1 not at all, n at most n − 1 times. An empty
/// delimiter or a negative limit gives `None`.
pub(crate) fn split<'a>(
    value: &'a str,
    delimiter: &str,
    limit: i64,
) -> ::std::option::Option<::std::vec::Vec<&'a str>> {
    if delimiter.is_empty() || limit < 0 {
        return None;
    }
    Some(match usize::try_from(limit).ok()? {
        0 => value.split(delimiter).collect(),
        n => value.splitn(n, delimiter).collect(),
    })
}

/// The result of `aws.parseArn`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Arn<'a> {
    pub partition: &'a str,
    pub service: &'a str,
    pub region: &'a str,
    pub account_id: &'a str,
    pub resource_id: ::std::vec::Vec<&'a str>,
}

/// `aws.parseArn`: `arn:partition:service:region:account:resource`, with a non-empty
/// partition, service and resource; the resource is split on `:` and `/`.
pub(crate) fn parse_arn(value: &str) -> ::std::option::Option<Arn<'_>> {
    let mut parts = value.splitn(6, ':');
    if parts.next()? != "arn" {
        return None;
    }
    let partition = parts.next()?;
    let service = parts.next()?;
    let region = parts.next()?;
    let account_id = parts.next()?;
    let resource = parts.next()?;
    if partition.is_empty() || service.is_empty() || resource.is_empty() {
        return None;
    }
    Some(Arn {
        partition,
        service,
        region,
        account_id,
        resource_id: resource.split([':', '/']).collect(),
    })
}

#[cfg(test)]
#[path = "tests/endpoint_lib.rs"]
mod tests;
