//! Rendering the whole-service comparison: one table per service (ours against the SDK crate,
//! ratio and goal), kept in its own marked section of `BENCHMARKS.md` so `--only services` can
//! rewrite it without touching the rest.

use std::fmt::Write as _;

use super::report::{Row, runs_text, write_table};
use super::services::ServiceMeasurements;
use super::tools::Build;

/// The section's marker name in `BENCHMARKS.md`.
pub(super) const SECTION: &str = "bench-services";

/// Goals on the ratio ours / SDK, from the issue.
const GOAL_LINES: f64 = 0.4;
const GOAL_BUILD: f64 = 0.25;
const GOAL_BUILD_NO_DEFAULT: f64 = 0.15;

fn row(what: &str, ours: f64, sdk: f64, unit: &'static str, goal: Option<f64>) -> Row {
    Row {
        what: what.into(),
        ours,
        anchor: sdk,
        unit,
        goal,
    }
}

fn count(n: usize) -> f64 {
    n as f64
}

/// One service's rows, in the table's order.
pub(super) fn rows(m: &ServiceMeasurements) -> Vec<Row> {
    let mut rows = vec![
        row(
            "generated lines (ours: `src/` without `src/rt/`; SDK: `src/`)",
            count(m.ours_lines),
            count(m.sdk_lines),
            "",
            Some(GOAL_LINES),
        ),
        row(
            "lines with our runtime copy (`src/rt/`)",
            count(m.ours_lines_all),
            count(m.sdk_lines),
            "",
            None,
        ),
        row(
            "clean debug build, default features (wall s)",
            m.ours_build.secs,
            m.sdk_build.secs,
            "s",
            Some(GOAL_BUILD),
        ),
        row(
            "clean debug build, `--no-default-features` (wall s)",
            m.ours_build_no_default.secs,
            m.sdk_build.secs,
            "s",
            Some(GOAL_BUILD_NO_DEFAULT),
        ),
    ];
    // CPU time when the platform reports it for every build; informative, the goals are on wall time.
    let cpu = |b: &Build| b.cpu_secs;
    if let (Some(ours), Some(no_default), Some(sdk)) = (
        cpu(&m.ours_build),
        cpu(&m.ours_build_no_default),
        cpu(&m.sdk_build),
    ) {
        rows.push(row(
            "clean debug build, default features (CPU s, user + sys)",
            ours,
            sdk,
            "s",
            None,
        ));
        rows.push(row(
            "clean debug build, `--no-default-features` (CPU s, user + sys)",
            no_default,
            sdk,
            "s",
            None,
        ));
    }
    rows.extend([
        row(
            "crates compiled, default features",
            count(m.ours_build.compiled),
            count(m.sdk_build.compiled),
            "",
            None,
        ),
        row(
            "crates compiled, `--no-default-features`",
            count(m.ours_build_no_default.compiled),
            count(m.sdk_build.compiled),
            "",
            None,
        ),
        row(
            "unique dependency crates, default features",
            count(m.ours_deps),
            count(m.sdk_deps),
            "",
            None,
        ),
        row(
            "unique dependency crates, `--no-default-features`",
            count(m.ours_deps_no_default),
            count(m.sdk_deps),
            "",
            None,
        ),
    ]);
    rows
}

/// The section's content: a heading, one table per service, and how it was measured.
/// `load` is `/proc/loadavg`'s first three fields, when known.
pub(super) fn markdown(
    services: &[ServiceMeasurements],
    models_dir: &str,
    load: Option<&str>,
    build_runs: usize,
) -> Result<String, std::fmt::Error> {
    let mut s = String::new();
    writeln!(s, "## Whole services against the published SDK crates\n")?;
    writeln!(
        s,
        "Written by `cargo xtask bench` (`cargo xtask bench --only services` rewrites only this section). Our crates are generated from `{models_dir}` into the benchmark's temporary folder. Ratio = ours / SDK (lower is better).\n"
    )?;
    for m in services {
        let svc = &m.service;
        writeln!(
            s,
            "### `{}`: {} operations (ours), against `{}` {} ({} operations)\n",
            svc.model, m.ours_operations, svc.sdk, svc.sdk_version, m.sdk_operations
        )?;
        if m.ours_operations != m.sdk_operations {
            writeln!(
                s,
                "The operation counts differ, so the line and build ratios are not like for like.\n"
            )?;
        }
        write_table(&mut s, "SDK", &rows(m))?;
        writeln!(s)?;
    }
    writeln!(
        s,
        "Method: `cargo fetch`, then each `cargo build` (debug) in a fresh `CARGO_TARGET_DIR`, one at a time, without incremental compilation (as cargo builds a registry dependency). {}. The SDK is built through a one-line crate depending on it with its default features, so its whole dependency tree is built, as ours is. CPU time is cargo's and its children's user + system time (`/proc/self/stat`); under load it varies less than wall time. The SDK's runtime lives in other crates (aws-smithy-*), which its line count leaves out; ours is copied into `src/rt/`, which the first row leaves out.",
        runs_text(build_runs)
    )?;
    if let Some(load) = load {
        writeln!(
            s,
            "\nLoad average at the end (1, 5, 15 min): {load}. Other builds may have shared the machine; the ratios are of builds made under the same conditions."
        )?;
    }
    Ok(s)
}

/// `/proc/loadavg`'s first three fields, if readable.
pub(super) fn load_average() -> Option<String> {
    let text = std::fs::read_to_string("/proc/loadavg").ok()?;
    let fields: Vec<&str> = text.split_whitespace().take(3).collect();
    (fields.len() == 3).then(|| fields.join(", "))
}
