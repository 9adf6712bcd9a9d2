//! `cargo xtask bench`: measures our generated crate against `aws-sdk-gamesparks` 0.33 in one
//! run on one machine, and writes `BENCHMARKS.md` and `benchmarks.svg`; then whole services
//! generated from the shared models against their `aws-sdk-*` crates ([`services`]), into
//! their own section of `BENCHMARKS.md`.
//!
//! Every build is clean (a fresh target directory) and runs after `cargo fetch`, so downloads
//! are not timed. Per-call and parse times come from the criterion benchmark in `bench/`, which
//! links both clients into one binary. [`measure`] takes the numbers; [`report`] turns them into
//! the table, notes and chart.

mod measure;
mod report;
mod services;
mod services_report;
mod tools;

use std::path::{Path, PathBuf};
use std::time::Instant;

use anyhow::{Context, Result};

use crate::flags::parse_flags;
pub(crate) use tools::{
    cargo, copy_crate, count_lines, timed_build, unique_deps, write_anchor_crate,
};

/// The anchor crate and version.
const ANCHOR: &str = "aws-sdk-gamesparks";
const ANCHOR_VERSION: &str = "0.33.0";

/// Shapes in GetStageDeployment's closure, as the anchor names its files.
const CLOSURE_FILES: &[&str] = &[
    "get_stage_deployment",
    "stage_deployment_details",
    "deployment_result",
    "deployment_action",
    "deployment_state",
    "result_code",
    "validation_exception",
    "access_denied_exception",
    "resource_not_found_exception",
    "throttling_exception",
    "internal_server_exception",
];

/// Runs of the generator per model in `gen-time`; the median is reported.
const GEN_SAMPLES: usize = 7;
const _: () = assert!(GEN_SAMPLES > 0, "gen-time reports the middle sample");

/// Options for one run.
pub struct BenchOptions {
    /// Extra model directory for the generator timing.
    pub models_dir: Option<PathBuf>,
    /// Criterion measurement time per benchmark, in seconds.
    pub measurement_secs: u32,
    /// The gamesparks comparison, criterion benchmarks and generator timings.
    pub main: bool,
    /// The whole-service comparison.
    pub services: bool,
    /// The whole-service models' folder (default [`services::DEFAULT_SERVICES_DIR`]).
    pub services_dir: Option<PathBuf>,
    /// Runs of each clean build; the best is reported (at least 1).
    pub build_runs: usize,
}

/// The part that `--only` and `--skip` name.
const SERVICES_PART: &str = "services";

/// `cargo xtask bench [--models DIR] [--measurement-time SECS] [--services-dir DIR]
/// [--build-runs N] [--only services | --skip services]`.
pub(crate) fn cmd(args: &[String]) -> Result<()> {
    let flags = parse_flags(
        "bench",
        args,
        &[
            "--models",
            "--measurement-time",
            "--services-dir",
            "--build-runs",
            "--only",
            "--skip",
        ],
        &[],
    )?;
    for flag in ["--only", "--skip"] {
        if flags.get(flag).is_some_and(|v| v != SERVICES_PART) {
            return Err(crate::cli::usage(
                "bench",
                format!("{flag} takes `{SERVICES_PART}`"),
            ));
        }
    }
    let only = flags.get("--only").is_some();
    let skip = flags.get("--skip").is_some();
    if only && skip {
        return Err(crate::cli::usage(
            "bench",
            "--only and --skip leave nothing to run together",
        ));
    }
    let measurement_secs = match flags.get("--measurement-time") {
        Some(v) => v
            .parse()
            .map_err(|_| crate::cli::usage("bench", "--measurement-time takes whole seconds"))?,
        None => 5,
    };
    let build_runs =
        match flags.get("--build-runs") {
            Some(v) => v.parse().ok().filter(|&n: &usize| n > 0).ok_or_else(|| {
                crate::cli::usage("bench", "--build-runs takes a count of 1 or more")
            })?,
            None => 1,
        };
    run(
        &crate::project_root(),
        &BenchOptions {
            models_dir: flags.get("--models").map(PathBuf::from),
            measurement_secs,
            main: !only,
            services: !skip,
            services_dir: flags.get("--services-dir").map(PathBuf::from),
            build_runs,
        },
    )
}

/// Runs everything and writes the report.
pub fn run(root: &Path, opts: &BenchOptions) -> Result<()> {
    let work = std::env::temp_dir().join(format!("xtask-bench-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&work);
    std::fs::create_dir_all(&work)?;
    let result = run_in(root, &work, opts);
    let _ = std::fs::remove_dir_all(&work);
    result
}

fn run_in(root: &Path, work: &Path, opts: &BenchOptions) -> Result<()> {
    // Written as soon as measured, so a later failure keeps it; the main report below keeps
    // the section it finds.
    if opts.services {
        whole_services(root, work, opts)?;
    }
    if !opts.main {
        return Ok(());
    }
    let measured = measure::measure(root, work, opts)?;

    let rows = report::rows(&measured);
    let notes = report::notes(&measured);
    let fuzz = report::fuzz_results(root);
    let report = report::markdown(
        &rows,
        &notes,
        &measured.generator_ms,
        fuzz.as_deref(),
        &report::Machine::current(),
        opts.build_runs,
    )?;
    // The transport and feature sections come from their own commands.
    let old = std::fs::read_to_string(root.join("BENCHMARKS.md")).unwrap_or_default();
    let report = crate::transport_bench::keep_sections(&old, report);
    std::fs::write(root.join("BENCHMARKS.md"), report)?;
    std::fs::write(root.join("benchmarks.svg"), report::svg(&rows))?;
    println!("wrote BENCHMARKS.md and benchmarks.svg");
    Ok(())
}

/// Measures the whole services and rewrites their section of `BENCHMARKS.md`; skipped with a
/// note when the model folder is missing.
fn whole_services(root: &Path, work: &Path, opts: &BenchOptions) -> Result<()> {
    let dir = match services::services_dir(root, opts.services_dir.as_deref()) {
        Ok(dir) => dir,
        Err(note) => {
            println!("note: {note}");
            return Ok(());
        }
    };
    let shown = opts.services_dir.as_deref().map_or_else(
        || services::DEFAULT_SERVICES_DIR.to_string(),
        |d| d.display().to_string(),
    );
    let work = work.join("services");
    std::fs::create_dir_all(&work)?;
    let measured = services::measure_all(&dir, &work, opts.build_runs)?;
    let load = services_report::load_average();
    let section = services_report::markdown(&measured, &shown, load.as_deref(), opts.build_runs)?;
    crate::transport_bench::write_section(root, services_report::SECTION, &section)?;
    println!(
        "wrote the {} section of BENCHMARKS.md",
        services_report::SECTION
    );
    Ok(())
}

/// `cargo xtask gen-time FILE`: prints [`gen_time`] in milliseconds.
pub(crate) fn gen_time_cmd(args: &[String]) -> Result<()> {
    let [model] = args else {
        return Err(crate::cli::usage(
            "gen-time",
            "gen-time takes one model file",
        ));
    };
    crate::print_stdout(&format!("{:.3}\n", gen_time(Path::new(model))?))
}

/// Median milliseconds to generate one model in process (`xtask gen-time FILE`).
pub fn gen_time(model: &Path) -> Result<f64> {
    let json =
        std::fs::read_to_string(model).with_context(|| format!("reading {}", model.display()))?;
    let opts = codegen::Options {
        crate_name: "timing".into(),
        model_file: model.display().to_string(),
        operations: None,
        service: None,
        partitions: None,
    };
    let mut samples = Vec::new();
    for _ in 0..GEN_SAMPLES {
        let started = Instant::now();
        codegen::generate(&json, &opts).map_err(|e| anyhow::anyhow!("{e}"))?;
        samples.push(started.elapsed().as_secs_f64() * 1000.0);
    }
    samples.sort_by(f64::total_cmp);
    // Cannot panic: there are GEN_SAMPLES > 0 samples (checked below at compile time).
    Ok(samples[samples.len() / 2])
}

#[cfg(test)]
mod tests;
