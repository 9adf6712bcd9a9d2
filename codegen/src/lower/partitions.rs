//! Partition data for `aws.partition`: the partitions file (the project's `models/partitions.json`
//! unless `Options::partitions` gives another), read and checked, with each `regionRegex`
//! parsed into the small pattern language the runtime matches.

use serde_json::Value;

use crate::ir::endpoint::{PartitionDef, PartitionOutputs, RegexNode};

/// The partitions file this project keeps, used when no other is given.
pub(crate) const DEFAULT_PARTITIONS: &str = include_str!("../../../models/partitions.json");

/// Reads a partitions file.
pub(crate) fn parse(text: &str) -> Result<Vec<PartitionDef>, String> {
    let doc: Value = serde_json::from_str(text).map_err(|e| format!("not JSON: {e}"))?;
    let list = doc
        .get("partitions")
        .and_then(Value::as_array)
        .ok_or("`partitions` must be a list")?;
    list.iter().map(partition).collect()
}

fn partition(v: &Value) -> Result<PartitionDef, String> {
    let id = v
        .get("id")
        .and_then(Value::as_str)
        .ok_or("a partition needs an `id`")?
        .to_string();
    let at = |e: String| format!("partition `{id}`: {e}");
    let outputs = v.get("outputs").ok_or_else(|| at("no `outputs`".into()))?;
    let outputs = read_outputs(outputs, None).map_err(at)?;
    let pattern = v
        .get("regionRegex")
        .and_then(Value::as_str)
        .ok_or_else(|| at("no `regionRegex`".into()))?;
    let region_regex =
        parse_regex(pattern).map_err(|e| at(format!("regionRegex `{pattern}`: {e}")))?;
    let mut regions = Vec::new();
    if let Some(map) = v.get("regions").and_then(Value::as_object) {
        for (name, region) in map {
            let merged = read_outputs(region, Some(&outputs))
                .map_err(|e| at(format!("region `{name}`: {e}")))?;
            regions.push((name.clone(), merged));
        }
    }
    regions.sort_by(|a, b| a.0.cmp(&b.0));
    Ok(PartitionDef {
        id,
        outputs,
        regions,
        region_regex,
    })
}

/// The outputs in `v`; with `base`, missing ones come from it (a region's overrides).
fn read_outputs(v: &Value, base: Option<&PartitionOutputs>) -> Result<PartitionOutputs, String> {
    let text = |k: &str, b: Option<&String>| -> Result<String, String> {
        match (v.get(k), b) {
            (Some(Value::String(s)), _) => Ok(s.clone()),
            (None, Some(b)) => Ok(b.clone()),
            _ => Err(format!("`{k}` must be a string")),
        }
    };
    let flag = |k: &str, b: Option<bool>| -> Result<bool, String> {
        match (v.get(k), b) {
            (Some(Value::Bool(x)), _) => Ok(*x),
            (None, Some(b)) => Ok(b),
            _ => Err(format!("`{k}` must be a boolean")),
        }
    };
    Ok(PartitionOutputs {
        name: text("name", base.map(|b| &b.name))?,
        dns_suffix: text("dnsSuffix", base.map(|b| &b.dns_suffix))?,
        dual_stack_dns_suffix: text("dualStackDnsSuffix", base.map(|b| &b.dual_stack_dns_suffix))?,
        supports_fips: flag("supportsFIPS", base.map(|b| b.supports_fips))?,
        supports_dual_stack: flag("supportsDualStack", base.map(|b| b.supports_dual_stack))?,
        implicit_global_region: text(
            "implicitGlobalRegion",
            base.map(|b| &b.implicit_global_region),
        )?,
    })
}

/// Parses the regular expressions region patterns use: `^`, `$`, literals, `.`, `\w`, `\d`,
/// escaped punctuation, `[…]` sets, groups with `|`, and `*`, `+`, `?`, `{n}`, `{n,}`, `{n,m}`.
pub(crate) fn parse_regex(pattern: &str) -> Result<Vec<RegexNode>, String> {
    let chars: Vec<char> = pattern.chars().collect();
    let mut pos = 0;
    let branches = alternation(&chars, &mut pos, 0)?;
    if pos != chars.len() {
        return Err(format!("unexpected `{}`", chars[pos]));
    }
    Ok(match <[Vec<RegexNode>; 1]>::try_from(branches) {
        Ok([one]) => one,
        Err(many) => vec![RegexNode::Alt(many)],
    })
}

fn alternation(c: &[char], pos: &mut usize, depth: usize) -> Result<Vec<Vec<RegexNode>>, String> {
    if depth > 16 {
        return Err("groups nest too deeply".into());
    }
    let mut branches = vec![Vec::new()];
    while let Some(&ch) = c.get(*pos) {
        let node = match ch {
            ')' => break,
            '|' => {
                *pos += 1;
                branches.push(Vec::new());
                continue;
            }
            '^' => RegexNode::Start,
            '$' => RegexNode::End,
            '.' => RegexNode::Any,
            '(' => {
                *pos += 1;
                if c.get(*pos..*pos + 2) == Some(&['?', ':']) {
                    *pos += 2;
                }
                let inner = alternation(c, pos, depth + 1)?;
                if c.get(*pos) != Some(&')') {
                    return Err("unclosed group".into());
                }
                RegexNode::Alt(inner)
            }
            '[' => set(c, pos)?,
            '\\' => {
                *pos += 1;
                match c.get(*pos) {
                    Some('w') => RegexNode::Word,
                    Some('d') => RegexNode::Digit,
                    Some(&e) if e.is_ascii_punctuation() => RegexNode::Lit(e.to_string()),
                    _ => return Err("unsupported escape".into()),
                }
            }
            '*' | '+' | '?' | '{' | ']' | '}' => return Err(format!("unexpected `{ch}`")),
            other => RegexNode::Lit(other.to_string()),
        };
        *pos += 1;
        let node = quantified(c, pos, node)?;
        if let Some(branch) = branches.last_mut() {
            // Adjacent literal characters become one literal.
            match (branch.last_mut(), node) {
                (Some(RegexNode::Lit(prev)), RegexNode::Lit(next)) => prev.push_str(&next),
                (_, node) => branch.push(node),
            }
        }
    }
    Ok(branches)
}

fn set(c: &[char], pos: &mut usize) -> Result<RegexNode, String> {
    *pos += 1;
    let negated = c.get(*pos) == Some(&'^');
    if negated {
        *pos += 1;
    }
    let mut ranges = Vec::new();
    loop {
        let lo = match c.get(*pos) {
            None => return Err("unclosed `[`".into()),
            Some(']') if !ranges.is_empty() => break,
            Some('\\') => {
                *pos += 1;
                match c.get(*pos) {
                    Some('w') => {
                        ranges.extend([(b'a', b'z'), (b'A', b'Z'), (b'0', b'9'), (b'_', b'_')]);
                        *pos += 1;
                        continue;
                    }
                    Some('d') => {
                        ranges.push((b'0', b'9'));
                        *pos += 1;
                        continue;
                    }
                    Some(&e) => e,
                    None => return Err("unclosed `[`".into()),
                }
            }
            Some(&ch) => ch,
        };
        let ascii = |c: char| {
            u8::try_from(c)
                .ok()
                .filter(u8::is_ascii)
                .ok_or("only ASCII in sets")
        };
        let lo = ascii(lo)?;
        *pos += 1;
        let hi = if c.get(*pos) == Some(&'-') && c.get(*pos + 1).is_some_and(|n| *n != ']') {
            let hi = c.get(*pos + 1).copied().unwrap_or(']');
            *pos += 2;
            ascii(hi)?
        } else {
            lo
        };
        if hi < lo {
            return Err("a backwards range".into());
        }
        ranges.push((lo, hi));
    }
    Ok(RegexNode::Set(ranges, negated))
}

fn quantified(c: &[char], pos: &mut usize, node: RegexNode) -> Result<RegexNode, String> {
    let (min, max) = match c.get(*pos) {
        Some('*') => (0, u32::MAX),
        Some('+') => (1, u32::MAX),
        Some('?') => (0, 1),
        Some('{') => {
            let end = c[*pos..]
                .iter()
                .position(|&x| x == '}')
                .ok_or("unclosed `{`")?;
            let inner: String = c[*pos + 1..*pos + end].iter().collect();
            let num = |s: &str| {
                s.trim()
                    .parse::<u32>()
                    .map_err(|_| format!("bad count `{{{inner}}}`"))
            };
            let (min, max) = match inner.split_once(',') {
                None => (num(&inner)?, num(&inner)?),
                Some((lo, "")) => (num(lo)?, u32::MAX),
                Some((lo, hi)) => (num(lo)?, num(hi)?),
            };
            *pos += end;
            (min, max)
        }
        _ => return Ok(node),
    };
    if matches!(node, RegexNode::Start | RegexNode::End) || min > max {
        return Err("a bad repetition".into());
    }
    *pos += 1;
    Ok(RegexNode::Repeat(Box::new(node), min, max))
}

#[cfg(test)]
#[path = "tests/partitions.rs"]
mod tests;
