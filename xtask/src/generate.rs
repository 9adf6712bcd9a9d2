//! `cargo xtask codegen`: every model in `models/` into its crate under `generated/`, or any
//! model into a folder, checked or written.

use std::path::{Path, PathBuf};
use std::time::Instant;

use anyhow::{Context, Result, bail};
use codegen::{GeneratedFiles, Mode, Options};

use crate::flags::parse_flags;
use crate::{cli, idl, project_root, rel};

/// Model file → crate name under `generated/`. Every model in `models/` must be listed: a
/// crate name is part of users' code, so it is chosen here, not derived from a file name.
const CRATES: &[(&str, &str)] = &[
    ("gamesparks-get-stage-deployment.json", "gamesparks"),
    // A small test service whose operations page; the loopback paginator tests use it.
    ("pager.json", "pager"),
    // An awsJson1_0 service, in the IDL; the awsJson loopback tests use it.
    ("queue.smithy", "queue"),
    // A global service with endpoint rules; the endpoint tests and benchmark use it.
    ("directory.smithy", "directory"),
    // An awsQuery service and an ec2Query one, in the IDL; the loopback tests use them.
    ("notify.smithy", "notify"),
    ("compute.smithy", "compute"),
    // A restXml service, in the IDL; the restXml loopback tests use it.
    ("shelf.smithy", "shelf"),
];

/// One model to generate: where it is, what it is called in headers, and where it goes.
struct Job {
    /// One or more model files or folders (`.json`, `.smithy`).
    model: Vec<PathBuf>,
    display: String,
    crate_name: String,
    out: PathBuf,
}

/// `cargo xtask codegen [...]`: regenerates `generated/` or generates one model into a folder.
pub(crate) fn cmd(args: &[String]) -> Result<()> {
    let flags = parse_flags(
        "codegen",
        args,
        &[
            "--model",
            "--out",
            "--crate",
            "--operations",
            "--service",
            "--partitions",
            "--without-trait",
        ],
        &["--check"],
    )?;
    let without = flags.all("--without-trait");
    if !without.is_empty() && flags.get("--model").is_none() {
        return Err(cli::usage(
            "codegen",
            "--without-trait goes with --model and --out",
        ));
    }
    let partitions = match flags.get("--partitions") {
        Some(file) => Some(
            std::fs::read_to_string(file)
                .with_context(|| format!("reading --partitions {file}"))?,
        ),
        None => None,
    };
    let operations: Option<Vec<String>> = flags.get("--operations").map(|list| {
        list.split(',')
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_string)
            .collect()
    });
    if operations.is_some() && flags.get("--model").is_none() {
        return Err(cli::usage(
            "codegen",
            "--operations goes with --model and --out",
        ));
    }
    let service = flags.get("--service").map(str::to_string);
    if let Some(id) = &service {
        if flags.get("--model").is_none() {
            return Err(cli::usage(
                "codegen",
                "--service goes with --model and --out",
            ));
        }
        if codegen::model::ShapeId::parse(id).is_none_or(|s| s.member().is_some()) {
            return Err(cli::usage(
                "codegen",
                format!("--service takes an absolute shape ID (namespace#Name), not `{id}`"),
            ));
        }
    }
    let root = project_root();
    let models = flags.all("--model");
    let jobs = match (flags.get("--model"), flags.get("--out")) {
        (Some(_), Some(out)) => {
            let out = PathBuf::from(out);
            let crate_name = match flags.get("--crate") {
                Some(c) => c.to_string(),
                None => out
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .ok_or_else(|| {
                        cli::usage(
                            "codegen",
                            "--out needs a final directory name, or pass --crate",
                        )
                    })?,
            };
            vec![Job {
                model: models.iter().map(PathBuf::from).collect(),
                display: models.join(", "),
                crate_name,
                out,
            }]
        }
        (None, None) => workspace_jobs(&root)?,
        _ => return Err(cli::usage("codegen", "--model and --out go together")),
    };
    let mode = if flags.has("--check") {
        Mode::Check
    } else {
        Mode::Write
    };
    // Generate everything in memory first, so a bad model leaves nothing half-written.
    let mut outputs: Vec<(Job, GeneratedFiles, f64)> = Vec::new();
    for job in jobs {
        let started = Instant::now();
        let mut sources = idl::read_sources(&idl::collect(&job.model)?)?;
        for source in &mut sources {
            strip_traits(source, &without)?;
        }
        let opts = Options {
            crate_name: job.crate_name.clone(),
            model_file: job.display.clone(),
            operations: operations.clone(),
            service: service.clone(),
            partitions: partitions.clone(),
        };
        let ir = codegen::lower_ir_sources(&sources, &opts).map_err(|e| match e.kind {
            codegen::ErrorKind::SeveralServices { .. } => {
                anyhow::anyhow!("{e} with --service SHAPE_ID")
            }
            _ => anyhow::anyhow!("{e}"),
        })?;
        if ir.service.is_none() {
            eprintln!(
                "warning: {}: the model has no service, so the crate has types but no client",
                job.display
            );
        }
        for o in &ir.omitted {
            eprintln!(
                "warning: {}: operation {} left out: {}",
                job.display, o.shape_id, o.reason
            );
        }
        let files =
            codegen::render(&ir).map_err(|kind| anyhow::anyhow!("{}: {kind}", job.display))?;
        let secs = started.elapsed().as_secs_f64();
        outputs.push((job, files, secs));
    }
    let mut stale = false;
    for (job, files, secs) in &outputs {
        let report = files
            .sync(&job.out, mode)
            .with_context(|| format!("updating {}", job.out.display()))?;
        for diff in &report.diffs {
            eprint!("{diff}");
        }
        let verb = if mode == Mode::Check {
            "stale"
        } else {
            "wrote"
        };
        for p in &report.changed {
            println!("{verb} {}", rel(&root, p));
        }
        let verb = if mode == Mode::Check {
            "would remove"
        } else {
            "removed"
        };
        for p in &report.removed {
            println!("{verb} {}", rel(&root, p));
        }
        println!(
            "{} -> {}: {} files, {} changed, generated in {:.1} ms",
            job.display,
            rel(&root, &job.out),
            files.0.len(),
            report.changed.len() + report.removed.len(),
            secs * 1000.0
        );
        stale |= !report.is_clean();
    }
    if mode == Mode::Check && stale {
        bail!("generated code is stale: run `cargo xtask codegen` and commit the result");
    }
    Ok(())
}

/// Removes the traits `ids` from every shape of a JSON AST source (`--without-trait`), e.g. to
/// compare a model with an older form of it that lacks them.
fn strip_traits(source: &mut codegen::Source, ids: &[&str]) -> Result<()> {
    if ids.is_empty() {
        return Ok(());
    }
    if !source.path.ends_with(".json") {
        bail!(
            "--without-trait takes JSON AST models only, not {}",
            source.path
        );
    }
    // `Node` keeps key order: member order is part of the model.
    let mut doc = codegen::model::idl::Node::from_json(&source.text)
        .map_err(|e| anyhow::anyhow!("reading {}: {e}", source.path))?;
    if let Some(codegen::model::idl::Node::Object(shapes)) = doc.get_mut("shapes") {
        for (_, shape) in shapes {
            if let Some(codegen::model::idl::Node::Object(traits)) = shape.get_mut("traits") {
                traits.retain(|(id, _)| !ids.contains(&id.as_str()));
            }
        }
    }
    source.text = doc.to_json();
    Ok(())
}

/// Every `models/*.json` and `models/*.smithy`, in sorted order, with its crate from
/// [`CRATES`].
fn workspace_jobs(root: &Path) -> Result<Vec<Job>> {
    let dir = root.join("models");
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .with_context(|| format!("reading {}", dir.display()))?
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".json") || n.ends_with(".smithy"))
        .filter(|n| {
            Path::new(crate::partitions::PARTITIONS_FILE).file_name()
                != Some(std::ffi::OsStr::new(n))
        })
        .collect();
    names.sort();
    names
        .into_iter()
        .map(|name| {
            let crate_name = CRATES
                .iter()
                .find(|(m, _)| *m == name)
                .map(|(_, c)| c.to_string())
                .with_context(|| {
                    format!(
                        "models/{name} has no crate name: add it to CRATES in xtask/src/generate.rs"
                    )
                })?;
            Ok(Job {
                model: vec![dir.join(&name)],
                display: format!("models/{name}"),
                out: root.join("generated").join(&crate_name),
                crate_name,
            })
        })
        .collect()
}

#[cfg(test)]
#[path = "tests/generate.rs"]
mod tests;
