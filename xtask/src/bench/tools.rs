//! Cargo and file-system helpers the benchmark commands share: clean timed builds, dependency
//! counts, crate copies, the anchor crate, and line counts.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use anyhow::{Context, Result, bail};

use super::{ANCHOR, ANCHOR_VERSION};

/// One clean build: its wall time, CPU time and how many crates it compiled.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Build {
    pub(crate) secs: f64,
    pub(crate) compiled: usize,
    /// User + system seconds of cargo and everything it ran (rustc, build scripts); `None`
    /// where `/proc/self/stat` cannot tell.
    pub(crate) cpu_secs: Option<f64>,
}

impl Build {
    /// The better of two runs of the same build: the least wall time and the least CPU time,
    /// each of which noise from other work on the machine can only raise.
    pub(crate) fn best(self, other: Build) -> Build {
        Build {
            secs: self.secs.min(other.secs),
            compiled: self.compiled.max(other.compiled),
            cpu_secs: match (self.cpu_secs, other.cpu_secs) {
                (Some(a), Some(b)) => Some(a.min(b)),
                (a, b) => a.or(b),
            },
        }
    }
}

/// `round` (one clean build of each configuration) `runs` times, at least once; the best of
/// each configuration. The rounds interleave the configurations, so a slow spell of the machine
/// falls on all of them alike rather than on whichever was being built.
pub(crate) fn best_of<const N: usize>(
    runs: usize,
    mut round: impl FnMut() -> Result<[Build; N]>,
) -> Result<[Build; N]> {
    let mut best = round()?;
    for _ in 1..runs {
        for (best, next) in best.iter_mut().zip(round()?) {
            *best = best.best(next);
        }
    }
    Ok(best)
}

/// A clean build in a fresh target directory; counts the crates compiled. Incremental
/// compilation is off, as it is for a crate built as a registry dependency, which is how users
/// build both ours and the SDK's.
pub(crate) fn timed_build(dir: &Path, work: &Path, release: bool, extra: &[&str]) -> Result<Build> {
    let target = work.join(format!("target-{}", work.read_dir()?.count()));
    let mut args = vec!["build"];
    if release {
        args.push("--release");
    }
    args.extend_from_slice(extra);
    let cpu_before = children_cpu_secs();
    let started = Instant::now();
    let out = Command::new("cargo")
        .args(&args)
        .current_dir(dir)
        .env("CARGO_TARGET_DIR", &target)
        .env("CARGO_TERM_COLOR", "never")
        .env("CARGO_INCREMENTAL", "0")
        .output()
        .context("running cargo build")?;
    let secs = started.elapsed().as_secs_f64();
    let cpu_secs = cpu_before
        .zip(children_cpu_secs())
        .map(|(before, after)| after - before);
    let stderr = String::from_utf8_lossy(&out.stderr);
    if !out.status.success() {
        bail!(
            "cargo build {args:?} in {} failed:\n{stderr}",
            dir.display()
        );
    }
    let compiled = stderr
        .lines()
        .filter(|l| l.trim_start().starts_with("Compiling "))
        .count();
    let _ = std::fs::remove_dir_all(&target);
    Ok(Build {
        secs,
        compiled,
        cpu_secs,
    })
}

/// User + system seconds of this process's waited-for children and their waited-for
/// descendants: `cutime` + `cstime` of `/proc/self/stat`. Under load a build's CPU time
/// varies less than its wall time.
fn children_cpu_secs() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    children_cpu_ticks(&stat).map(|ticks| ticks as f64 / clock_ticks_per_sec())
}

/// `cutime` + `cstime` (fields 16 and 17) of a `/proc/PID/stat` line. The command name (field
/// 2) is in parentheses and may hold spaces, so fields are counted after its last `)`.
pub(super) fn children_cpu_ticks(stat: &str) -> Option<u64> {
    let rest = &stat[stat.rfind(')')? + 1..];
    let fields: Vec<&str> = rest.split_whitespace().collect();
    // `rest` starts at field 3.
    let field = |n: usize| fields.get(n - 3)?.parse::<u64>().ok();
    Some(field(16)? + field(17)?)
}

/// `getconf CLK_TCK`, or Linux's fixed user-visible 100 when it cannot be asked.
fn clock_ticks_per_sec() -> f64 {
    Command::new("getconf")
        .arg("CLK_TCK")
        .output()
        .ok()
        .and_then(|o| {
            String::from_utf8_lossy(&o.stdout)
                .trim()
                .parse::<f64>()
                .ok()
        })
        .filter(|t| *t > 0.0)
        .unwrap_or(100.0)
}

pub(crate) fn cargo(dir: &Path, args: &[&str], target: Option<&str>) -> Result<()> {
    let mut cmd = Command::new("cargo");
    cmd.args(args).current_dir(dir);
    if let Some(t) = target {
        cmd.env("CARGO_TARGET_DIR", t);
    }
    let status = cmd
        .status()
        .with_context(|| format!("running cargo {args:?}"))?;
    if !status.success() {
        bail!("cargo {args:?} in {} failed", dir.display());
    }
    Ok(())
}

/// `cargo tree --prefix none -e normal | sort -u | wc -l`.
pub(crate) fn unique_deps(dir: &Path, extra: &[&str]) -> Result<usize> {
    let out = Command::new("cargo")
        .args(["tree", "--prefix", "none", "-e", "normal"])
        .args(extra)
        .current_dir(dir)
        .output()?;
    if !out.status.success() {
        bail!(
            "cargo tree failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let text = String::from_utf8_lossy(&out.stdout);
    let unique: std::collections::BTreeSet<&str> =
        text.lines().filter(|l| !l.trim().is_empty()).collect();
    Ok(unique.len())
}

/// Copies a crate's manifest and sources (not examples or targets) to `to`.
pub(crate) fn copy_crate(from: &Path, to: &Path) -> Result<()> {
    std::fs::create_dir_all(to)?;
    std::fs::copy(from.join("Cargo.toml"), to.join("Cargo.toml"))?;
    copy_dir(&from.join("src"), &to.join("src"))
}

fn copy_dir(from: &Path, to: &Path) -> Result<()> {
    std::fs::create_dir_all(to)?;
    for entry in std::fs::read_dir(from)? {
        let entry = entry?;
        let path = entry.path();
        if path.is_dir() {
            copy_dir(&path, &to.join(entry.file_name()))?;
        } else {
            std::fs::copy(&path, to.join(entry.file_name()))?;
        }
    }
    Ok(())
}

/// A library crate whose only dependency is the anchor, so building it builds the anchor.
pub(crate) fn write_anchor_crate(dir: &Path) -> Result<()> {
    write_sdk_crate(dir, ANCHOR, ANCHOR_VERSION)
}

/// A library crate whose only dependency is `name` = `version` (default features), so
/// building it builds that crate and its whole dependency tree.
pub(super) fn write_sdk_crate(dir: &Path, name: &str, version: &str) -> Result<()> {
    std::fs::create_dir_all(dir.join("src"))?;
    std::fs::write(
        dir.join("Cargo.toml"),
        format!(
            "[package]\nname = \"anchor-build\"\nversion = \"0.0.0\"\nedition = \"2021\"\npublish = false\n\n[dependencies]\n{name} = \"={version}\"\n\n[workspace]\n"
        ),
    )?;
    std::fs::write(
        dir.join("src/lib.rs"),
        format!("pub use {}::Client;\n", name.replace('-', "_")),
    )?;
    Ok(())
}

/// The unpacked source of a crates.io package in the local registry.
pub(super) fn registry_crate_dir(name: &str, version: &str) -> Result<PathBuf> {
    let home = std::env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cargo")))
        .context("no CARGO_HOME or HOME")?;
    let src = home.join("registry/src");
    for index in std::fs::read_dir(&src).with_context(|| format!("reading {}", src.display()))? {
        let candidate = index?.path().join(format!("{name}-{version}"));
        if candidate.is_dir() {
            return Ok(candidate);
        }
    }
    bail!("{name} {version} is not unpacked under {}", src.display())
}

/// Lines in the `.rs` files under `dir` whose path `keep` accepts.
pub(crate) fn count_lines(dir: &Path, keep: &dyn Fn(&str) -> bool) -> Result<usize> {
    let mut total = 0;
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d)? {
            let path = entry?.path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                let rel = path.to_string_lossy().replace('\\', "/");
                if keep(&rel) {
                    total += std::fs::read_to_string(&path)?.lines().count();
                }
            }
        }
    }
    Ok(total)
}

/// The operations of a generated crate: the `.rs` files directly in its `src/operation`
/// (ours and the anchor's lay operations out the same way).
pub(super) fn count_operations(krate: &Path) -> Result<usize> {
    let dir = krate.join("src/operation");
    let mut n = 0;
    for entry in std::fs::read_dir(&dir).with_context(|| format!("reading {}", dir.display()))? {
        let path = entry?.path();
        n += usize::from(
            path.is_file()
                && path.extension().is_some_and(|e| e == "rs")
                && path.file_name().is_some_and(|f| f != "mod.rs"),
        );
    }
    Ok(n)
}

/// Criterion's median estimate, in nanoseconds, for a benchmark id like `per_call/ours`.
pub(super) fn criterion_median(dir: &Path, id: &str) -> Result<f64> {
    let path = dir.join(id).join("new/estimates.json");
    let text =
        std::fs::read_to_string(&path).with_context(|| format!("reading {}", path.display()))?;
    let v: serde_json::Value = serde_json::from_str(&text)?;
    v["median"]["point_estimate"]
        .as_f64()
        .with_context(|| format!("no median in {}", path.display()))
}
