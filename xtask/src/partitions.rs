//! `cargo xtask check-partitions --real FILE`: compares the project's partitions file
//! (`models/partitions.json`, which `aws.partition` uses unless `--partitions` names another)
//! with a real one, fact by fact: each partition's outputs and region pattern, and its regions
//! with their overrides. Descriptions are not compared. Differences the project keeps on
//! purpose are listed in [`KEPT`] with the reason; any other difference fails.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use anyhow::{Context, Result, bail};
use serde_json::Value;

/// Facts (partition, what) in which the project's file differs on purpose, and why.
const KEPT: &[(&str, &str, &str)] = &[
    (
        "aws-iso",
        "outputs.supportsDualStack",
        "the endpoint tests of the AWS models (aws/api-models-aws, 2025-04) expect ISO partitions without dual-stack: 134 cases of the dev corpus say \"this partition does not support DualStack\"",
    ),
    ("aws-iso-b", "outputs.supportsDualStack", "as aws-iso"),
    ("aws-iso-e", "outputs.supportsDualStack", "as aws-iso"),
    ("aws-iso-f", "outputs.supportsDualStack", "as aws-iso"),
];

/// The facts of one partitions file: `(partition, what)` → value.
fn facts(doc: &Value) -> Result<BTreeMap<(String, String), Value>> {
    let list = doc
        .get("partitions")
        .and_then(Value::as_array)
        .context("`partitions` must be a list")?;
    let mut out = BTreeMap::new();
    for (i, p) in list.iter().enumerate() {
        let id = p
            .get("id")
            .and_then(Value::as_str)
            .context("a partition without `id`")?
            .to_string();
        let mut put = |what: String, v: Value| out.insert((id.clone(), what), v);
        put("position".into(), Value::from(i));
        put(
            "regionRegex".into(),
            p.get("regionRegex").cloned().unwrap_or(Value::Null),
        );
        for (k, v) in p
            .get("outputs")
            .and_then(Value::as_object)
            .into_iter()
            .flatten()
        {
            put(format!("outputs.{k}"), v.clone());
        }
        for (name, region) in p
            .get("regions")
            .and_then(Value::as_object)
            .into_iter()
            .flatten()
        {
            put(format!("regions.{name}"), Value::Bool(true));
            for (k, v) in region.as_object().into_iter().flatten() {
                if k != "description" {
                    put(format!("regions.{name}.{k}"), v.clone());
                }
            }
        }
    }
    Ok(out)
}

/// Compares `ours` with `real`; the report's lines, or an error listing unexpected differences.
pub fn check(ours: &Path, real: &Path) -> Result<Vec<String>> {
    let read = |p: &Path| -> Result<Value> {
        let text =
            std::fs::read_to_string(p).with_context(|| format!("reading {}", p.display()))?;
        serde_json::from_str(&text).with_context(|| format!("{} is not JSON", p.display()))
    };
    let (ours, real) = (facts(&read(ours)?)?, facts(&read(real)?)?);
    let keys: BTreeSet<_> = ours.keys().chain(real.keys()).collect();
    let mut kept = Vec::new();
    let mut unexpected = Vec::new();
    for key in keys {
        let (a, b) = (ours.get(key), real.get(key));
        if a == b {
            continue;
        }
        let show = |v: Option<&Value>| v.map_or("(absent)".to_string(), Value::to_string);
        let line = format!("{} {}: ours {}, real {}", key.0, key.1, show(a), show(b));
        match KEPT.iter().find(|(p, w, _)| *p == key.0 && *w == key.1) {
            Some((_, _, why)) => kept.push(format!("{line} (kept: {why})")),
            None => unexpected.push(line),
        }
    }
    if !unexpected.is_empty() {
        bail!(
            "the partitions files differ:\n  {}\nupdate models/partitions.json (or list a deliberate difference in xtask/src/partitions.rs)",
            unexpected.join("\n  ")
        );
    }
    let mut report = vec![format!(
        "models/partitions.json agrees with the real file on {} facts",
        real.len() - kept.len()
    )];
    report.extend(kept);
    Ok(report)
}

/// The partitions file the project keeps (`aws.partition`'s data); not a model.
pub(crate) const PARTITIONS_FILE: &str = "models/partitions.json";

/// `cargo xtask check-partitions --real FILE [--ours FILE]`.
pub(crate) fn cmd(args: &[String]) -> Result<()> {
    let flags = crate::flags::parse_flags("check-partitions", args, &["--real", "--ours"], &[])?;
    let real = flags.required("check-partitions", "--real", "FILE")?;
    let ours = flags.get("--ours").map_or_else(
        || crate::project_root().join(PARTITIONS_FILE),
        std::path::PathBuf::from,
    );
    let lines: String = check(&ours, Path::new(real))?
        .iter()
        .map(|line| format!("{line}\n"))
        .collect();
    crate::print_stdout(&lines)
}

#[cfg(test)]
#[path = "tests/partitions.rs"]
mod tests;
