//! `cargo xtask subset-bench --model FILE --operations A,B,C`: what an operation subset saves.
//! Generates the whole service and the subset, then times a clean debug build of each (fresh
//! target directories, after `cargo fetch`, in the same run) and counts generated lines.

use std::path::Path;

use anyhow::{Context, Result};
use codegen::{Mode, Options};

use crate::bench::{cargo, count_lines, timed_build};

/// One generated variant and its measurements.
struct Variant {
    label: String,
    operations: usize,
    lines: usize,
    build: f64,
    build_no_default: f64,
}

/// Runs the comparison and prints a Markdown table.
pub fn run(model: &Path, operations: &[String]) -> Result<()> {
    let json =
        std::fs::read_to_string(model).with_context(|| format!("reading {}", model.display()))?;
    let work = std::env::temp_dir().join(format!("xtask-subset-{}", std::process::id()));
    std::fs::create_dir_all(&work)?;
    let result = measure(model, &json, operations, &work);
    let _ = std::fs::remove_dir_all(&work);
    let variants = result?;
    println!(
        "| {} | operations | generated lines | clean debug build | `--no-default-features` |",
        model.display()
    );
    println!("|---|---|---|---|---|");
    for v in &variants {
        println!(
            "| {} | {} | {} | {:.1} s | {:.1} s |",
            v.label, v.operations, v.lines, v.build, v.build_no_default
        );
    }
    if let [whole, subset] = variants.as_slice() {
        println!(
            "| subset / whole | {:.3} | {:.3} | {:.2} | {:.2} |",
            subset.operations as f64 / whole.operations.max(1) as f64,
            subset.lines as f64 / whole.lines.max(1) as f64,
            subset.build / whole.build,
            subset.build_no_default / whole.build_no_default,
        );
    }
    Ok(())
}

fn measure(model: &Path, json: &str, operations: &[String], work: &Path) -> Result<Vec<Variant>> {
    let mut out = Vec::new();
    for (label, ops) in [
        ("whole service", None),
        ("subset", Some(operations.to_vec())),
    ] {
        let dir = work.join(label.replace(' ', "-"));
        let opts = Options {
            crate_name: "subset_bench".into(),
            model_file: model.display().to_string(),
            operations: ops,
            service: None,
            partitions: None,
        };
        let ir = codegen::lower_ir(json, &opts).map_err(|e| anyhow::anyhow!("{e}"))?;
        let files = codegen::render(&ir).map_err(|e| anyhow::anyhow!("{e}"))?;
        files.sync(&dir, Mode::Write)?;
        cargo(&dir, &["fetch", "--quiet"], None)?;
        let lines = count_lines(&dir.join("src"), &|_| true)?;
        let build = timed_build(&dir, work, false, &[])?.secs;
        let build_no_default = timed_build(&dir, work, false, &["--no-default-features"])?.secs;
        eprintln!(
            "{label}: {lines} lines, {build:.1} s, {build_no_default:.1} s without default features"
        );
        out.push(Variant {
            label: label.to_string(),
            operations: ir.operations.len(),
            lines,
            build,
            build_no_default,
        });
    }
    Ok(out)
}

/// `cargo xtask subset-bench --model FILE --operations A,B`.
pub(crate) fn cmd(args: &[String]) -> Result<()> {
    let flags = crate::flags::parse_flags("subset-bench", args, &["--model", "--operations"], &[])?;
    let model = flags.required("subset-bench", "--model", "FILE")?;
    let ops: Vec<String> = flags
        .required("subset-bench", "--operations", "A,B,...")?
        .split(',')
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
        .collect();
    run(Path::new(model), &ops)
}
