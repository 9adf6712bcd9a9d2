//! `cargo xtask`: the project's build tasks.
//!
//! - `cargo xtask codegen [--check]`: regenerate every model in `models/` into `generated/`.
//! - `cargo xtask codegen --model FILE_OR_DIR [--model ...] --out DIR [--crate NAME]
//!   [--service SHAPE_ID] [--operations A,B] [--partitions FILE] [--without-trait ID]
//!   [--check]`: any other model (`.json`, `.smithy`,
//!   folders of `.smithy`, several loaded into one), optionally one of its services (required
//!   when it has several) and only some of its operations.
//! - `cargo xtask idl2json FILE_OR_DIR...`: print the JSON AST of IDL (and JSON) model files.
//! - `cargo xtask idl-tests DIR`: the IDL loader conformance suite (`valid/`, `invalid/`).
//! - `cargo xtask protocol-tests FILE_OR_DIR... [--traits DIR] [--with FILE]`: the Smithy HTTP
//!   protocol compliance cases as tests of the generated clients.
//! - `cargo xtask load-time FILE_OR_DIR...`: how long loading IDL files into a model takes.
//! - `cargo xtask check-agreement --real FILE`: compare the hand-written model with the real one.
//! - `cargo xtask sigv4-vectors [--dir DIR]`: check the SigV4 signer against the AWS test suite.
//! - `cargo xtask bench [--models DIR]`: compare with aws-sdk-gamesparks; writes BENCHMARKS.md.
//! - `cargo xtask subset-bench --model FILE --operations A,B`: lines and clean build time of an
//!   operation subset next to the whole service.
//! - `cargo xtask corpus DIR [..]`: generate, clippy and test every model in DIR; one row each.
//! - `cargo xtask check-partitions --real FILE`: compare `models/partitions.json` with a real
//!   partitions file.
//! - `cargo xtask endpoint-tests DIR [--traits DIR]`: the rules engine's own test models.
//! - `cargo xtask bench-concurrency`: 1,000 concurrent calls with each transport (wall time,
//!   peak threads, peak memory); `cargo xtask bench-features`: each feature's crates and build
//!   time. Both write their section of BENCHMARKS.md.

mod agree;
mod bench;
mod cli;
mod corpus;
mod endpoint_tests;
mod idl;
mod partitions;
mod protocol_tests;
mod sigv4_vectors;
mod subset;
mod transport_bench;

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::time::Instant;

use anyhow::{Context, Result, bail};
use codegen::{GeneratedFiles, Mode, Options};

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

/// The partitions file the project keeps (`aws.partition`'s data); not a model.
const PARTITIONS_FILE: &str = "models/partitions.json";

/// The operation the hand-written GameSparks model describes.
const AGREEMENT_MODEL: &str = "models/gamesparks-get-stage-deployment.json";
const AGREEMENT_OPERATION: &str = "com.amazonaws.gamesparks#GetStageDeployment";

/// Errors are one line (`error: …` with anyhow's context chain), never a backtrace, even with
/// `RUST_BACKTRACE` set: a bad model is a user error, not a crash. Usage errors (a wrong, missing
/// or unknown argument) exit with 2, other failures with 1.
fn main() -> std::process::ExitCode {
    match run() {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            let usage = e.downcast_ref::<cli::UsageError>().is_some();
            // One line: a message that spans lines (an IDL snippet) is kept, but its lines are
            // the error's own.
            let _ = writeln!(std::io::stderr(), "error: {e:#}");
            std::process::ExitCode::from(if usage { 2 } else { 1 })
        }
    }
}

/// Prints to stdout, failing (instead of panicking) when stdout cannot be written.
fn print_stdout(text: &str) -> Result<()> {
    let mut out = std::io::stdout().lock();
    out.write_all(text.as_bytes())
        .and_then(|()| out.flush())
        .context("writing to stdout")
}

fn run() -> Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(name) = args.first().map(String::as_str) else {
        return Err(cli::UsageError {
            message: "no command given".into(),
            command: None,
        }
        .into());
    };
    if matches!(name, "help" | "--help" | "-h") {
        return match args
            .get(1)
            .filter(|a| !matches!(a.as_str(), "--help" | "-h"))
        {
            None => print_stdout(&cli::overview()),
            Some(c) => match cli::command(c) {
                Some(c) => print_stdout(&cli::command_help(c)),
                None => Err(cli::UsageError {
                    message: format!("unknown command `{c}`"),
                    command: None,
                }
                .into()),
            },
        };
    }
    let Some(command) = cli::command(name) else {
        return Err(cli::UsageError {
            message: format!("unknown command `{name}`"),
            command: None,
        }
        .into());
    };
    if cli::wants_help(&args[1..]) {
        return print_stdout(&cli::command_help(command));
    }
    match name {
        "codegen" => codegen_cmd(&args[1..]),
        "check-agreement" => agreement_cmd(&args[1..]),
        "sigv4-vectors" => sigv4_vectors_cmd(&args[1..]),
        "bench" => bench_cmd(&args[1..]),
        "idl2json" => idl::idl2json(&args[1..]),
        "idl-tests" => idl::idl_tests(&args[1..]),
        "load-time" => idl::load_time(&args[1..]),
        "protocol-tests" => protocol_tests::run(&args[1..]),
        "subset-bench" => {
            let flags = parse_flags(
                "subset-bench",
                &args[1..],
                &["--model", "--operations"],
                &[],
            )?;
            let model = flags.required("subset-bench", "--model", "FILE")?;
            let ops: Vec<String> = flags
                .required("subset-bench", "--operations", "A,B,...")?
                .split(',')
                .map(|s| s.trim().to_string())
                .filter(|s| !s.is_empty())
                .collect();
            subset::run(Path::new(model), &ops)
        }
        "corpus" => corpus_cmd(&args[1..]),
        "check-partitions" => {
            let flags = parse_flags("check-partitions", &args[1..], &["--real", "--ours"], &[])?;
            let real = flags.required("check-partitions", "--real", "FILE")?;
            let ours = flags
                .get("--ours")
                .map_or_else(|| project_root().join(PARTITIONS_FILE), PathBuf::from);
            let lines: String = partitions::check(&ours, Path::new(real))?
                .iter()
                .map(|line| format!("{line}\n"))
                .collect();
            print_stdout(&lines)
        }
        "endpoint-tests" => endpoint_tests::run(&args[1..]),
        "bench-concurrency" => {
            parse_flags("bench-concurrency", &args[1..], &[], &[])?;
            transport_bench::concurrency(&project_root())
        }
        "bench-features" => {
            parse_flags("bench-features", &args[1..], &[], &[])?;
            transport_bench::features(&project_root())
        }
        "gen-time" => {
            let [_, model] = &args[..] else {
                return Err(cli::usage("gen-time", "gen-time takes one model file"));
            };
            print_stdout(&format!("{:.3}\n", bench::gen_time(Path::new(model))?))
        }
        _ => Err(cli::usage(
            command.name,
            "this command has no implementation",
        )),
    }
}

/// The workspace root: the parent of this crate's manifest directory.
fn project_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_default()
}

struct Flags {
    switches: Vec<String>,
    values: Vec<(String, String)>,
}

/// Parses `--flag value` and `--switch` arguments of `command`; anything else is a usage error.
fn parse_flags(
    command: &'static str,
    args: &[String],
    with_value: &[&str],
    switches: &[&str],
) -> Result<Flags> {
    let mut flags = Flags {
        switches: Vec::new(),
        values: Vec::new(),
    };
    let mut it = args.iter();
    while let Some(a) = it.next() {
        if switches.contains(&a.as_str()) {
            flags.switches.push(a.clone());
        } else if with_value.contains(&a.as_str()) {
            let v = it
                .next()
                .ok_or_else(|| cli::usage(command, format!("{a} needs a value")))?;
            flags.values.push((a.clone(), v.clone()));
        } else {
            return Err(cli::usage(command, format!("unknown argument `{a}`")));
        }
    }
    Ok(flags)
}

impl Flags {
    fn has(&self, switch: &str) -> bool {
        self.switches.iter().any(|s| s == switch)
    }

    fn get(&self, name: &str) -> Option<&str> {
        self.values
            .iter()
            .rev()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    /// The value of a flag the command cannot do without.
    fn required(&self, command: &'static str, name: &str, value: &str) -> Result<&str> {
        self.get(name)
            .ok_or_else(|| cli::usage(command, format!("{name} {value} is required")))
    }
}

/// One model to generate: where it is, what it is called in headers, and where it goes.
struct Job {
    /// One or more model files or folders (`.json`, `.smithy`).
    model: Vec<PathBuf>,
    display: String,
    crate_name: String,
    out: PathBuf,
}

fn codegen_cmd(args: &[String]) -> Result<()> {
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
    let without: Vec<&str> = flags
        .values
        .iter()
        .filter(|(k, _)| k == "--without-trait")
        .map(|(_, v)| v.as_str())
        .collect();
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
    let models: Vec<&str> = flags
        .values
        .iter()
        .filter(|(k, _)| k == "--model")
        .map(|(_, v)| v.as_str())
        .collect();
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

fn rel(root: &Path, p: &Path) -> String {
    p.strip_prefix(root).unwrap_or(p).display().to_string()
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
        .filter(|n| Path::new(PARTITIONS_FILE).file_name() != Some(std::ffi::OsStr::new(n)))
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
                        "models/{name} has no crate name: add it to CRATES in xtask/src/main.rs"
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

fn agreement_cmd(args: &[String]) -> Result<()> {
    let flags = parse_flags(
        "check-agreement",
        args,
        &["--real", "--hand", "--operation"],
        &[],
    )?;
    let root = project_root();
    let real = flags.required("check-agreement", "--real", "FILE")?;
    let hand = flags
        .get("--hand")
        .map_or_else(|| root.join(AGREEMENT_MODEL), PathBuf::from);
    let op = flags.get("--operation").unwrap_or(AGREEMENT_OPERATION);
    let report = agree::check_agreement(&hand, Path::new(real), op)?;
    println!(
        "{} agrees with {real} on all {} shapes of {op}",
        rel(&root, &hand),
        report.shapes_checked
    );
    Ok(())
}

/// The AWS SigV4 test suite, beside the project as CI lays it out.
const SIGV4_SUITE: &str = "../shared/aws-sigv4-test-suite/v4";

fn sigv4_vectors_cmd(args: &[String]) -> Result<()> {
    let flags = parse_flags("sigv4-vectors", args, &["--dir"], &[])?;
    let dir = flags
        .get("--dir")
        .map_or_else(|| project_root().join(SIGV4_SUITE), PathBuf::from);
    let report = sigv4_vectors::run(&dir)?;
    for (case, reason) in &report.skipped {
        println!("skipped {case}: {reason}");
    }
    println!(
        "SigV4 test suite: {} cases checked, {} skipped",
        report.checked,
        report.skipped.len()
    );
    Ok(())
}

fn bench_cmd(args: &[String]) -> Result<()> {
    let flags = parse_flags("bench", args, &["--models", "--measurement-time"], &[])?;
    let measurement_secs = match flags.get("--measurement-time") {
        Some(v) => v
            .parse()
            .map_err(|_| cli::usage("bench", "--measurement-time takes whole seconds"))?,
        None => 5,
    };
    bench::run(
        &project_root(),
        &bench::BenchOptions {
            models_dir: flags.get("--models").map(PathBuf::from),
            measurement_secs,
        },
    )
}

fn corpus_cmd(args: &[String]) -> Result<()> {
    let Some((dir, rest)) = args.split_first().filter(|(d, _)| !d.starts_with('-')) else {
        return Err(cli::usage(
            "corpus",
            "corpus takes a folder of models first",
        ));
    };
    let flags = parse_flags(
        "corpus",
        rest,
        &[
            "--only",
            "--skip",
            "--target-dir",
            "--markdown",
            "--timeout",
        ],
        &["--keep", "--no-test"],
    )?;
    let list = |name: &str| -> Vec<String> {
        flags
            .values
            .iter()
            .filter(|(k, _)| k == name)
            .flat_map(|(_, v)| v.split(','))
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(String::from)
            .collect()
    };
    // Beside the workspace's own build, so CI's cache keeps the dependencies.
    let target_dir = match flags.get("--target-dir") {
        Some(t) => PathBuf::from(t),
        None => std::env::var_os("CARGO_TARGET_DIR")
            .map(PathBuf::from)
            .unwrap_or_else(|| project_root().join("target"))
            .join("corpus"),
    };
    let timeout_secs: u64 = match flags.get("--timeout") {
        Some(v) => v
            .parse()
            .map_err(|_| cli::usage("corpus", "--timeout takes whole seconds"))?,
        None => 1800,
    };
    corpus::run(&corpus::CorpusOptions {
        dir: PathBuf::from(dir),
        only: list("--only"),
        skip: list("--skip"),
        keep: flags.has("--keep"),
        target_dir: absolute(target_dir)?,
        test: !flags.has("--no-test"),
        markdown: flags.get("--markdown").map(PathBuf::from),
        timeout: std::time::Duration::from_secs(timeout_secs),
    })
}

/// Cargo runs in each crate's folder, so a relative target directory must be made absolute.
fn absolute(p: PathBuf) -> Result<PathBuf> {
    std::path::absolute(&p).with_context(|| format!("resolving {}", p.display()))
}

#[cfg(test)]
mod tests;
