//! Taking the measurements: clean builds, dependency counts, source lines, binary sizes,
//! criterion medians and generator times, as plain numbers for `report` to render.

use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{Context, Result, bail};

use super::tools::{
    Build, best_of, cargo, copy_crate, count_lines, count_operations, criterion_median,
    registry_crate_dir, timed_build, unique_deps, write_anchor_crate,
};
use super::{ANCHOR, ANCHOR_VERSION, BenchOptions, CLOSURE_FILES};

/// Everything one run measures.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Measurements {
    /// Clean debug builds.
    pub debug: Builds,
    /// Clean release builds.
    pub release: Builds,
    /// Unique dependency crates (`cargo tree`).
    pub deps: Deps,
    /// Lines of Rust source.
    pub lines: Lines,
    /// Stripped release binaries making one call, in KiB.
    pub binary_kib: Binaries,
    /// Criterion medians, in µs.
    pub times_us: Times,
    /// Milliseconds to generate each model, by its path.
    pub generator_ms: Vec<(String, f64)>,
}

/// Clean builds of one profile.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct Builds {
    /// Ours with default features.
    pub ours: Build,
    /// Ours with `--no-default-features`.
    pub ours_no_default: Build,
    /// The anchor with its default features.
    pub anchor: Build,
}

/// Unique dependency crates, the crate itself included.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Deps {
    pub ours: usize,
    pub ours_no_default: usize,
    pub anchor: usize,
}

/// Source sizes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Lines {
    /// Ours, without the runtime copy (`src/rt/`).
    pub ours_generated: usize,
    /// Ours, all of `src/`.
    pub ours_all: usize,
    /// The anchor's files named after the shapes of the operation's closure.
    pub anchor_closure: usize,
    /// The anchor, all of `src/`.
    pub anchor_all: usize,
    /// Operations in our crate.
    pub ours_operations: usize,
    /// Operations in the anchor.
    pub anchor_operations: usize,
}

/// Binary sizes in KiB.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct Binaries {
    pub ours: f64,
    pub anchor: f64,
    /// One HTTPS call with the transport alone, nothing of ours.
    pub transport_floor: f64,
}

/// One timing for both clients.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct Pair {
    pub ours: f64,
    pub anchor: f64,
}

/// Criterion medians in µs.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct Times {
    pub per_call: Pair,
    pub per_call_large: Pair,
    /// The anchor's parse is measured through a full call.
    pub parse_seed: Pair,
    pub parse_large: Pair,
}

/// Measures everything, building in `work`.
pub(super) fn measure(root: &Path, work: &Path, opts: &BenchOptions) -> Result<Measurements> {
    let ours_src = work.join("ours");
    copy_crate(&root.join("generated/gamesparks"), &ours_src)?;
    let anchor_src = work.join("anchor");
    write_anchor_crate(&anchor_src)?;
    for dir in [&ours_src, &anchor_src] {
        cargo(dir, &["fetch", "--quiet"], None)?;
    }
    let debug = builds(&ours_src, &anchor_src, work, false, opts.build_runs)?;
    let release = builds(&ours_src, &anchor_src, work, true, opts.build_runs)?;
    let deps = Deps {
        ours: unique_deps(&ours_src, &[])?,
        ours_no_default: unique_deps(&ours_src, &["--no-default-features"])?,
        anchor: unique_deps(&anchor_src, &["-p", ANCHOR])?,
    };
    let lines = lines(&root.join("generated/gamesparks"))?;
    let (binary_kib, times_us) = bench_crate(&root.join("bench"), work, opts)?;
    let generator_ms = generator_times(root, opts.models_dir.as_deref())?;
    Ok(Measurements {
        debug,
        release,
        deps,
        lines,
        binary_kib,
        times_us,
        generator_ms,
    })
}

/// Each build is the best of `runs`.
fn builds(ours: &Path, anchor: &Path, work: &Path, release: bool, runs: usize) -> Result<Builds> {
    let [ours, ours_no_default, anchor] = best_of(runs, || {
        Ok([
            timed_build(ours, work, release, &[])?,
            timed_build(ours, work, release, &["--no-default-features"])?,
            timed_build(anchor, work, release, &[])?,
        ])
    })?;
    let builds = Builds {
        ours,
        ours_no_default,
        anchor,
    };
    eprintln!(
        "{}: ours {:.1} s, ours --no-default-features {:.1} s, anchor {:.1} s",
        if release { "release" } else { "debug" },
        builds.ours.secs,
        builds.ours_no_default.secs,
        builds.anchor.secs
    );
    Ok(builds)
}

fn lines(ours: &Path) -> Result<Lines> {
    let anchor = registry_crate_dir(ANCHOR, ANCHOR_VERSION)?;
    Ok(Lines {
        ours_generated: count_lines(&ours.join("src"), &|p| !p.contains("/rt/"))?,
        ours_all: count_lines(&ours.join("src"), &|_| true)?,
        anchor_closure: count_lines(&anchor.join("src"), &|p| {
            CLOSURE_FILES.iter().any(|n| p.contains(n))
        })?,
        anchor_all: count_lines(&anchor.join("src"), &|_| true)?,
        ours_operations: count_operations(ours)?,
        anchor_operations: count_operations(&anchor)?,
    })
}

/// Binary sizes and criterion medians from the standalone `bench/` crate.
fn bench_crate(bench_dir: &Path, work: &Path, opts: &BenchOptions) -> Result<(Binaries, Times)> {
    let bench_target = work.join("bench-target");
    let bench_target_s = bench_target.to_string_lossy().into_owned();
    cargo(
        bench_dir,
        &["build", "--release", "--bins", "--quiet"],
        Some(&bench_target_s),
    )?;
    let kib = |name: &str| -> Result<f64> {
        let bytes = std::fs::metadata(bench_target.join("release").join(name))
            .with_context(|| format!("binary {name}"))?
            .len();
        Ok(bytes as f64 / 1024.0)
    };
    let binaries = Binaries {
        ours: kib("ours_one_call")?,
        anchor: kib("anchor_one_call")?,
        transport_floor: kib("transport_floor")?,
    };
    let secs = opts.measurement_secs.to_string();
    cargo(
        bench_dir,
        &[
            "bench",
            "--bench",
            "compare",
            "--quiet",
            "--",
            "--warm-up-time",
            "1",
            "--measurement-time",
            &secs,
        ],
        Some(&bench_target_s),
    )?;
    let criterion = bench_target.join("criterion");
    let pair = |ours: &str, anchor: &str| -> Result<Pair> {
        Ok(Pair {
            ours: criterion_median(&criterion, ours)? / 1e3,
            anchor: criterion_median(&criterion, anchor)? / 1e3,
        })
    };
    let times = Times {
        per_call: pair("per_call/ours", "per_call/anchor")?,
        per_call_large: pair("per_call/ours_large", "per_call/anchor_large")?,
        parse_seed: pair("parse/ours_seed", "parse/anchor_seed")?,
        parse_large: pair("parse/ours_large", "parse/anchor_large")?,
    };
    Ok((binaries, times))
}

/// Generator wall time (release build of xtask, in process, no cargo) per model.
fn generator_times(root: &Path, extra: Option<&Path>) -> Result<Vec<(String, f64)>> {
    let status = Command::new("cargo")
        .args(["build", "--release", "--quiet", "-p", "xtask"])
        .current_dir(root)
        .status()?;
    if !status.success() {
        bail!("building xtask in release failed");
    }
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| root.join("target"));
    let exe = target.join("release/xtask");
    let mut dirs = vec![root.join("models")];
    dirs.extend(extra.map(Path::to_path_buf));
    let mut out = Vec::new();
    for dir in dirs {
        let mut models: Vec<PathBuf> = std::fs::read_dir(&dir)
            .with_context(|| format!("reading {}", dir.display()))?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|e| e == "json"))
            .collect();
        models.sort();
        for model in models {
            let o = Command::new(&exe).arg("gen-time").arg(&model).output()?;
            let text = String::from_utf8_lossy(&o.stdout);
            let name = model
                .strip_prefix(root)
                .unwrap_or(&model)
                .display()
                .to_string();
            match text.trim().parse::<f64>() {
                Ok(ms) if o.status.success() => out.push((name, ms)),
                _ => eprintln!("{name}: {}", String::from_utf8_lossy(&o.stderr).trim()),
            }
        }
    }
    Ok(out)
}
