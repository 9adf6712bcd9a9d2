//! `cargo xtask corpus DIR`: generate every model in a directory into a scratch crate, run
//! `cargo clippy --all-targets -- -D warnings` and `cargo test` on it, and print one row per
//! model. All crates share one target directory, so the dependencies build once.
//!
//! A model whose protocol the generator does not implement is reported as unsupported, not as
//! a failure; that is decided only by the generator's error (`unsupported: protocol …`).

pub(crate) mod cargo;
mod load;
mod table;

use std::collections::BTreeSet;
use std::panic::AssertUnwindSafe;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail};
use codegen::{Mode, Options};

use load::Loaded;
use table::{Outcome, Row};

pub struct CorpusOptions {
    pub dir: PathBuf,
    /// Keep only files whose name contains one of these.
    pub only: Vec<String>,
    /// Drop files whose name contains one of these.
    pub skip: Vec<String>,
    /// Keep the scratch crates (and their cargo logs).
    pub keep: bool,
    /// The target directory all crates share.
    pub target_dir: PathBuf,
    /// Run `cargo test` after clippy.
    pub test: bool,
    /// Write the Markdown table here instead of stdout.
    pub markdown: Option<PathBuf>,
    /// Limit for each cargo step of each model.
    pub timeout: Duration,
}

/// What the generator's error says when it refuses a protocol.
const UNSUPPORTED_PROTOCOL: &str = "unsupported: protocol";

pub fn run(opts: &CorpusOptions) -> Result<()> {
    let started = Instant::now();
    let files = model_files(&opts.dir, &opts.only, &opts.skip)?;
    if files.is_empty() {
        bail!(
            "no model files in {} (after --only/--skip)",
            opts.dir.display()
        );
    }
    let work = std::env::temp_dir().join(format!("xtask-corpus-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&work);
    std::fs::create_dir_all(&work).with_context(|| format!("creating {}", work.display()))?;
    std::fs::create_dir_all(&opts.target_dir)
        .with_context(|| format!("creating {}", opts.target_dir.display()))?;
    eprintln!(
        "corpus: {} files from {}, crates in {}, target dir {}",
        files.len(),
        opts.dir.display(),
        work.display(),
        opts.target_dir.display()
    );

    let result = run_models(opts, &files, &work);
    if opts.keep {
        eprintln!("kept the crates and their cargo logs in {}", work.display());
    } else {
        let _ = std::fs::remove_dir_all(&work);
    }
    let (rows, not_models) = result?;

    let total = started.elapsed().as_secs_f64();
    println!();
    print!("{}", table::text_table(&rows));
    let mut summary = format!(
        "{}; {} models in {}",
        table::summary(&rows),
        rows.len(),
        table::duration(total)
    );
    if !not_models.is_empty() {
        summary.push_str(&format!("; skipped {}", not_models.join(", ")));
    }
    println!("{summary}");
    let markdown = format!(
        "{}\n{summary}. Generator times are in-process wall times of a {} build of xtask.\n",
        table::markdown_table(&rows),
        if cfg!(debug_assertions) {
            "debug"
        } else {
            "release"
        }
    );
    match &opts.markdown {
        Some(file) => {
            std::fs::write(file, markdown)
                .with_context(|| format!("writing {}", file.display()))?;
            println!("wrote {}", file.display());
        }
        None => print!("\n{markdown}"),
    }
    let failed = rows
        .iter()
        .filter(|r| matches!(r.outcome, Outcome::Failed(_)))
        .count();
    if failed > 0 {
        bail!("{failed} of {} models failed", rows.len());
    }
    Ok(())
}

/// Rows for the models among `files`, and the files that turned out not to be models.
fn run_models(
    opts: &CorpusOptions,
    files: &[PathBuf],
    work: &Path,
) -> Result<(Vec<Row>, Vec<String>)> {
    let mut rows = Vec::new();
    let mut not_models = Vec::new();
    let mut crate_names = BTreeSet::new();
    for (i, path) in files.iter().enumerate() {
        let name = file_name(path);
        eprintln!("[{}/{}] {name}", i + 1, files.len());
        let model_started = Instant::now();
        let loaded = load::loader_for(&name)
            .context("no loader")
            .and_then(|l| l.load(path));
        let model = match loaded {
            Ok(Loaded::Model(m)) => m,
            Ok(Loaded::NotAModel(why)) => {
                eprintln!("    skipped: {why}");
                not_models.push(format!("{name}: {why}"));
                continue;
            }
            Err(e) => {
                rows.push(failed_row(&name, format!("{e:#}"), model_started));
                continue;
            }
        };
        let crate_name = unique_crate_name(&name, &mut crate_names);
        let crate_dir = work.join(&crate_name);
        let row = run_model(opts, &name, &model, &crate_name, &crate_dir, model_started)?;
        eprintln!("    {}", row.outcome.text());
        if !opts.keep {
            let _ = std::fs::remove_dir_all(&crate_dir);
        }
        rows.push(row);
    }
    Ok((rows, not_models))
}

/// The files in `dir` that some loader reads, sorted, after the name filters.
fn model_files(dir: &Path, only: &[String], skip: &[String]) -> Result<Vec<PathBuf>> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .with_context(|| format!("reading {}", dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_file())
        .filter(|p| {
            let name = file_name(p);
            load::loader_for(&name).is_some() && selected(&name, only, skip)
        })
        .collect();
    files.sort();
    Ok(files)
}

fn file_name(p: &Path) -> String {
    p.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// `--only` and `--skip` match substrings of the file name; `--skip` wins.
fn selected(name: &str, only: &[String], skip: &[String]) -> bool {
    (only.is_empty() || only.iter().any(|o| name.contains(o.as_str())))
        && !skip.iter().any(|s| name.contains(s.as_str()))
}

/// A package name for a model file: its stem, lowercased, with `_` for anything else
/// (`gamesparks-2021-08-17.smithy1.0.json` → `gamesparks_2021_08_17_smithy1_0`). Distinct
/// names keep the crates' artifacts apart in the shared target directory.
fn unique_crate_name(file_name: &str, taken: &mut BTreeSet<String>) -> String {
    let stem = file_name
        .strip_suffix(".json")
        .or_else(|| file_name.rsplit_once('.').map(|(s, _)| s))
        .unwrap_or(file_name);
    let mut base: String = stem
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '_'
            }
        })
        .collect();
    if !base.starts_with(|c: char| c.is_ascii_lowercase()) {
        base.insert_str(0, "model_");
    }
    let mut name = base.clone();
    let mut n = 2;
    while taken.contains(&name) {
        name = format!("{base}_{n}");
        n += 1;
    }
    taken.insert(name.clone());
    name
}

fn failed_row(name: &str, error: String, started: Instant) -> Row {
    Row {
        model: name.to_string(),
        protocol: "-".into(),
        operations: 0,
        shapes: 0,
        gen_ms: None,
        lines: None,
        clippy_secs: None,
        test_secs: None,
        total_secs: started.elapsed().as_secs_f64(),
        outcome: Outcome::Failed(error),
    }
}

/// Generate, write, clippy, test. `Err` only for problems of this tool (e.g. cannot spawn
/// cargo), which stop the run; the model's own problems end up in the row.
fn run_model(
    opts: &CorpusOptions,
    name: &str,
    model: &load::Model,
    crate_name: &str,
    crate_dir: &Path,
    started: Instant,
) -> Result<Row> {
    let stats = load::stats(&model.ast);
    let mut row = Row {
        model: name.to_string(),
        protocol: stats.protocol,
        operations: stats.operations,
        shapes: stats.shapes,
        gen_ms: None,
        lines: None,
        clippy_secs: None,
        test_secs: None,
        total_secs: 0.0,
        outcome: Outcome::Ok {
            tests: None,
            left_out: 0,
        },
    };
    row.outcome = check_model(opts, name, model, crate_name, crate_dir, &mut row)?;
    row.total_secs = started.elapsed().as_secs_f64();
    Ok(row)
}

fn check_model(
    opts: &CorpusOptions,
    name: &str,
    model: &load::Model,
    crate_name: &str,
    crate_dir: &Path,
    row: &mut Row,
) -> Result<Outcome> {
    let gen_opts = Options {
        crate_name: crate_name.to_string(),
        model_file: name.to_string(),
        operations: None,
        service: None,
        partitions: None,
    };
    let gen_started = Instant::now();
    let generated = std::panic::catch_unwind(AssertUnwindSafe(|| -> Result<_, String> {
        let ir = codegen::lower_ir(&model.json, &gen_opts).map_err(|e| e.kind.to_string())?;
        let files = codegen::render(&ir).map_err(|kind| kind.to_string())?;
        Ok((files, ir.omitted))
    }));
    row.gen_ms = Some(gen_started.elapsed().as_secs_f64() * 1000.0);
    let (files, omitted) = match generated {
        Ok(Ok(generated)) => generated,
        Ok(Err(message)) => return Ok(generator_error(&message)),
        Err(panic) => {
            let msg = panic
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| panic.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "(no message)".into());
            return Ok(Outcome::Failed(format!("generator panicked: {msg}")));
        }
    };
    for o in &omitted {
        eprintln!(
            "    warning: operation {} left out: {}",
            o.shape_id, o.reason
        );
    }
    row.lines = Some(
        files
            .0
            .iter()
            .filter(|(path, _)| path.ends_with(".rs"))
            .map(|(_, text)| text.lines().count())
            .sum(),
    );
    eprintln!(
        "    generated in {:.0} ms, {} lines",
        row.gen_ms.unwrap_or_default(),
        row.lines.unwrap_or_default()
    );
    files
        .sync(crate_dir, Mode::Write)
        .with_context(|| format!("writing {}", crate_dir.display()))?;

    let clippy = cargo::run(
        crate_dir,
        &opts.target_dir,
        &["clippy", "--all-targets", "--", "-D", "warnings"],
        &crate_dir.join("clippy.log"),
        opts.timeout,
    )?;
    row.clippy_secs = Some(clippy.secs);
    eprintln!("    clippy {:.1}s", clippy.secs);
    if let Some(failure) = step_failure("clippy", &clippy, opts.timeout) {
        return Ok(Outcome::Failed(failure));
    }
    if !opts.test {
        return Ok(Outcome::Ok {
            tests: None,
            left_out: omitted.len(),
        });
    }
    let test = cargo::run(
        crate_dir,
        &opts.target_dir,
        &["test"],
        &crate_dir.join("test.log"),
        opts.timeout,
    )?;
    row.test_secs = Some(test.secs);
    eprintln!("    test {:.1}s", test.secs);
    let counts = cargo::test_counts(&test.output);
    if let Some(failure) = step_failure("test", &test, opts.timeout) {
        let failure = match cargo::first_test_failure(&test.output) {
            Some(t) if !test.timed_out => {
                format!(
                    "test: {} passed, {} failed: {t}",
                    counts.passed, counts.failed
                )
            }
            _ => failure,
        };
        return Ok(Outcome::Failed(failure));
    }
    Ok(Outcome::Ok {
        tests: Some(counts.passed),
        left_out: omitted.len(),
    })
}

/// The row for a generator error: unsupported protocol, or a failure.
fn generator_error(message: &str) -> Outcome {
    match message.find(UNSUPPORTED_PROTOCOL) {
        Some(at) => Outcome::Unsupported(message[at + "unsupported: ".len()..].to_string()),
        None => Outcome::Failed(format!("generator: {message}")),
    }
}

/// `None` if the step succeeded; else its first error line.
fn step_failure(step: &str, run: &cargo::CargoRun, timeout: Duration) -> Option<String> {
    if run.timed_out {
        return Some(format!("{step}: timed out after {}s", timeout.as_secs()));
    }
    if run.success {
        return None;
    }
    let first = cargo::first_error(&run.output).unwrap_or_else(|| {
        run.output
            .lines()
            .rev()
            .find(|l| !l.trim().is_empty())
            .unwrap_or("no output")
            .trim()
            .to_string()
    });
    Some(format!("{step}: {first}"))
}

/// `cargo xtask corpus DIR [..]`: the arguments into [`CorpusOptions`], then [`run`].
pub(crate) fn cmd(args: &[String]) -> Result<()> {
    let Some((dir, rest)) = args.split_first().filter(|(d, _)| !d.starts_with('-')) else {
        return Err(crate::cli::usage(
            "corpus",
            "corpus takes a folder of models first",
        ));
    };
    let flags = crate::flags::parse_flags(
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
            .unwrap_or_else(|| crate::project_root().join("target"))
            .join("corpus"),
    };
    let timeout_secs: u64 = match flags.get("--timeout") {
        Some(v) => v
            .parse()
            .map_err(|_| crate::cli::usage("corpus", "--timeout takes whole seconds"))?,
        None => 1800,
    };
    run(&CorpusOptions {
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
mod tests {
    use super::*;

    #[test]
    fn unsupported_protocol_is_not_a_failure() {
        assert_eq!(
            generator_error(
                "com.amazonaws.acm#CertificateManager: unsupported: protocol aws.protocols#awsJson1_1 (service com.amazonaws.acm#CertificateManager)"
            ),
            Outcome::Unsupported(
                "protocol aws.protocols#awsJson1_1 (service com.amazonaws.acm#CertificateManager)"
                    .into()
            )
        );
        assert_eq!(
            generator_error("unsupported: protocol aws.protocols#restXml"),
            Outcome::Unsupported("protocol aws.protocols#restXml".into())
        );
        assert_eq!(
            generator_error("a#B$c: unsupported: streaming members"),
            Outcome::Failed("generator: a#B$c: unsupported: streaming members".into())
        );
    }

    #[test]
    fn crate_names_are_identifiers_and_distinct() {
        let mut taken = BTreeSet::new();
        assert_eq!(
            unique_crate_name("gamesparks-2021-08-17.smithy1.0.json", &mut taken),
            "gamesparks_2021_08_17_smithy1_0"
        );
        assert_eq!(unique_crate_name("S3.json", &mut taken), "s3");
        assert_eq!(unique_crate_name("s3.json", &mut taken), "s3_2");
        assert_eq!(unique_crate_name("2fa.smithy", &mut taken), "model_2fa");
    }

    #[test]
    fn model_files_are_sorted_filtered_and_loaded() {
        let dir = std::env::temp_dir().join(format!("xtask-corpus-test-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(dir.join("sub.json")).unwrap();
        for (name, text) in [
            ("b.json", r#"{"smithy": "2.0", "shapes": {}}"#),
            ("a.json", r#"{"smithy": "1.0", "shapes": {}}"#),
            ("partitions.json", r#"{"partitions": []}"#),
            ("broken.json", r#"{"smithy": "2.0", "#),
            ("notes.txt", "not a model"),
        ] {
            std::fs::write(dir.join(name), text).unwrap();
        }
        let names = |only: &[&str], skip: &[&str]| {
            let v = |s: &[&str]| s.iter().map(|s| s.to_string()).collect::<Vec<_>>();
            model_files(&dir, &v(only), &v(skip))
                .unwrap()
                .iter()
                .map(|p| file_name(p))
                .collect::<Vec<_>>()
        };
        assert_eq!(
            names(&[], &[]),
            ["a.json", "b.json", "broken.json", "partitions.json"]
        );
        assert_eq!(names(&["a", "b."], &["part"]), ["a.json", "b.json"]);
        let load = |name: &str| load::loader_for(name).unwrap().load(&dir.join(name));
        assert!(matches!(load("a.json"), Ok(Loaded::Model(_))));
        assert!(matches!(load("partitions.json"), Ok(Loaded::NotAModel(_))));
        let err = load("broken.json").err().unwrap();
        assert!(format!("{err:#}").starts_with("invalid JSON: "), "{err:#}");
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn filters() {
        let v = |s: &[&str]| s.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert!(selected("s3-2006.json", &[], &[]));
        assert!(selected("s3-2006.json", &v(&["s3", "sqs"]), &[]));
        assert!(!selected("sns.json", &v(&["s3", "sqs"]), &[]));
        assert!(!selected("s3-2006.json", &v(&["s3"]), &v(&["2006"])));
    }
}
