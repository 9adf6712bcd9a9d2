//! Rendering measurements: the table rows with their goals, the notes (every number in them
//! formatted from the measurements or a named constant), `BENCHMARKS.md` and `benchmarks.svg`.

use std::fmt::Write as _;
use std::path::Path;
use std::process::Command;

use super::measure::{Binaries, Builds, Measurements, Pair};
use super::{ANCHOR, ANCHOR_VERSION, CLOSURE_FILES, GEN_SAMPLES};

/// Goals on the ratio ours / anchor, from the issues.
const GOAL_DEBUG_BUILD: f64 = 0.4;
const GOAL_DEBUG_BUILD_NO_DEFAULT: f64 = 0.15;
const GOAL_DEPS: f64 = 0.5;
const GOAL_DEPS_NO_DEFAULT: f64 = 0.25;
const GOAL_BINARY: f64 = 0.3;
const GOAL_TIME: f64 = 0.5;

/// The anchor's clean debug build time, in seconds, that the issues quote for these machines.
const QUOTED_ANCHOR_DEBUG_SECS: f64 = 33.0;

/// One table row: what, ours, anchor, and the goal on the ratio (ours / anchor), if any.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Row {
    pub what: String,
    pub ours: f64,
    pub anchor: f64,
    pub unit: &'static str,
    pub goal: Option<f64>,
}

impl Row {
    pub(super) fn ratio(&self) -> f64 {
        if self.anchor == 0.0 {
            f64::NAN
        } else {
            self.ours / self.anchor
        }
    }

    /// The goal column: empty, met or missed.
    pub(super) fn goal_text(&self) -> String {
        match self.goal {
            Some(g) if self.ratio() <= g => format!("≤ {g} met"),
            Some(g) => format!("≤ {g} **missed**"),
            None => String::new(),
        }
    }
}

fn row(
    what: impl Into<String>,
    ours: f64,
    anchor: f64,
    unit: &'static str,
    goal: Option<f64>,
) -> Row {
    Row {
        what: what.into(),
        ours,
        anchor,
        unit,
        goal,
    }
}

fn count(n: usize) -> f64 {
    n as f64
}

/// "1 operation", "33 operations".
fn operations(n: usize) -> String {
    format!("{n} operation{}", if n == 1 { "" } else { "s" })
}

/// The table rows, in the report's order.
pub(super) fn rows(m: &Measurements) -> Vec<Row> {
    let mut rows = Vec::new();
    for (label, builds, goals) in [
        (
            "debug",
            &m.debug,
            Some((GOAL_DEBUG_BUILD, GOAL_DEBUG_BUILD_NO_DEFAULT)),
        ),
        ("release", &m.release, None),
    ] {
        let Builds {
            ours,
            ours_no_default,
            anchor,
        } = builds;
        rows.push(row(
            format!("clean {label} build, default features (s)"),
            ours.secs,
            anchor.secs,
            "s",
            goals.map(|g| g.0),
        ));
        rows.push(row(
            format!("clean {label} build, `--no-default-features` (s)"),
            ours_no_default.secs,
            anchor.secs,
            "s",
            goals.map(|g| g.1),
        ));
    }
    let d = &m.debug;
    rows.push(row(
        "crates compiled, default features",
        count(d.ours.compiled),
        count(d.anchor.compiled),
        "",
        None,
    ));
    rows.push(row(
        "crates compiled, `--no-default-features`",
        count(d.ours_no_default.compiled),
        count(d.anchor.compiled),
        "",
        None,
    ));
    rows.push(row(
        "unique dependency crates, default features",
        count(m.deps.ours),
        count(m.deps.anchor),
        "",
        Some(GOAL_DEPS),
    ));
    rows.push(row(
        "unique dependency crates, `--no-default-features`",
        count(m.deps.ours_no_default),
        count(m.deps.anchor),
        "",
        Some(GOAL_DEPS_NO_DEFAULT),
    ));
    let l = &m.lines;
    rows.push(row(
        "lines of generated code for GetStageDeployment (ours: without the runtime copy)",
        count(l.ours_generated),
        count(l.anchor_closure),
        "",
        None,
    ));
    rows.push(row(
        format!(
            "lines in the whole crate (ours: {} plus its runtime; anchor: {})",
            operations(l.ours_operations),
            operations(l.anchor_operations)
        ),
        count(l.ours_all),
        count(l.anchor_all),
        "",
        None,
    ));
    rows.push(row(
        "stripped release binary making one call (KiB)",
        m.binary_kib.ours,
        m.binary_kib.anchor,
        "KiB",
        Some(GOAL_BINARY),
    ));
    let t = &m.times_us;
    let timed = |what: &str, p: Pair, goal: Option<f64>| row(what, p.ours, p.anchor, "µs", goal);
    rows.push(timed(
        "time per call, seed response, in-memory transport (µs)",
        t.per_call,
        Some(GOAL_TIME),
    ));
    rows.push(timed(
        "time per call, large body (µs)",
        t.per_call_large,
        None,
    ));
    rows.push(timed(
        "parse, seed response (µs; anchor: through a full call)",
        t.parse_seed,
        Some(GOAL_TIME),
    ));
    rows.push(timed(
        "parse, large body (µs; anchor: through a full call)",
        t.parse_large,
        Some(GOAL_TIME),
    ));
    rows
}

/// The notes under the table.
pub(super) fn notes(m: &Measurements) -> Vec<String> {
    let d = &m.debug;
    let quoted = QUOTED_ANCHOR_DEBUG_SECS;
    let l = &m.lines;
    let b = &m.binary_kib;
    vec![
        format!(
            "Build times: the anchor's clean debug build took {:.1} s in this run. The issues quote about {quoted:.0} s for it on these machines; against {quoted:.0} s our ratios would be {:.2} (default features; goal {GOAL_DEBUG_BUILD}) and {:.2} (`--no-default-features`; goal {GOAL_DEBUG_BUILD_NO_DEFAULT}). The default build is dominated by the TLS stack (rustls and ring, whose build script compiles C); without default features, by the serde → serde_json → crate chain, which is the critical path on two cores.",
            d.anchor.secs,
            d.ours.secs / quoted,
            d.ours_no_default.secs / quoted,
        ),
        format!(
            "Lines are counted in `.rs` files. The anchor's GetStageDeployment count covers its files named after the shapes of the operation's closure ({}); its runtime lives in other crates (aws-smithy-*), which are not counted. Ours without the runtime is {} lines; with the runtime copied into the crate (SigV4, retries, credentials, transport, timestamps), {}.",
            CLOSURE_FILES.join(", "),
            l.ours_generated,
            l.ours_all,
        ),
        binary_note(b),
        "The benchmark binary pins glibc's mmap and trim thresholds (`mallopt`) at start-up, because with the defaults the large-body timings of both clients depended on which benchmarks ran before them (fresh `mmap`s and page faults per call); `BENCH_DEFAULT_MALLOC=1` turns that off.".into(),
        "The anchor's response deserializer is private, so its parse time is measured through a full call with the same canned response; that includes its signing and orchestration, so the parse ratios favour us. The per-call rows compare like with like.".into(),
    ]
}

/// The binary-size note: how much of `ours_one_call` is the TLS stack, and where the goal's
/// size falls against that floor.
fn binary_note(b: &Binaries) -> String {
    let needed = GOAL_BINARY * b.anchor;
    let ours_above = b.ours - b.transport_floor;
    let floor = format!(
        "Binary size: a binary that makes one HTTPS request with rustls alone (`bench/src/bin/transport_floor.rs`: the TLS stack our default transport uses, the request written by hand, nothing of ours) is {:.0} KiB stripped, {:.0}% of `ours_one_call` ({:.0} KiB). The TLS stack (rustls, ring, the bundled webpki roots) dominates; our types, protocol, signing, retries, credentials and HTTP/1.1 client add {ours_above:.0} KiB.",
        b.transport_floor,
        100.0 * b.transport_floor / b.ours,
        b.ours,
    );
    if b.ours <= needed {
        return floor;
    }
    let (where_, smaller_runtime) = if needed < b.transport_floor {
        ("below that floor".to_string(), "")
    } else {
        (
            format!(
                "{:.0} KiB above that floor, so everything of ours would have to fit in {:.0}% of what it takes now",
                needed - b.transport_floor,
                100.0 * (needed - b.transport_floor) / ours_above,
            ),
            "a smaller runtime in a one-call binary, ",
        )
    };
    format!(
        "{floor} The {GOAL_BINARY} goal would need a binary of {needed:.0} KiB, {where_}: closing it means {smaller_runtime}a different TLS (e.g. the platform's, via native-tls, which links the system library dynamically) or building with `--no-default-features` and the user's own `HttpClient`."
    )
}

/// How many runs each build time is the best of, for the method notes.
pub(super) fn runs_text(build_runs: usize) -> String {
    if build_runs > 1 {
        format!(
            "Each time is the best of {build_runs} runs; each round builds ours and the reference crate of one profile in turn, so a slow spell falls on both alike, and the least wall and the least CPU time are taken separately"
        )
    } else {
        "Each time is from one run".into()
    }
}

/// The machine and toolchain the run used.
pub(super) struct Machine {
    pub cores: String,
    pub cpu: String,
    pub memory: String,
    pub rustc: String,
    pub cargo: String,
}

impl Machine {
    /// This machine, as `nproc`, `/proc/cpuinfo`, `free`, `rustc -V` and `cargo -V` tell it.
    pub(super) fn current() -> Machine {
        let cpu = std::fs::read_to_string("/proc/cpuinfo")
            .ok()
            .and_then(|t| {
                t.lines()
                    .find(|l| l.starts_with("model name"))
                    .map(|l| l.split(':').nth(1).unwrap_or("").trim().to_string())
            })
            .unwrap_or_else(|| "unknown".into());
        Machine {
            cores: command_line("nproc", &[]),
            cpu,
            memory: command_line(
                "sh",
                &["-c", "free -g | awk '/Mem:/ {print $2 \" GiB memory\"}'"],
            ),
            rustc: command_line("rustc", &["-V"]),
            cargo: command_line("cargo", &["-V"]),
        }
    }
}

fn command_line(cmd: &str, args: &[&str]) -> String {
    Command::new(cmd)
        .args(args)
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string())
        .unwrap_or_default()
}

/// `BENCHMARKS.md` (before the sections other commands own).
pub(super) fn markdown(
    rows: &[Row],
    notes: &[String],
    generator_ms: &[(String, f64)],
    fuzz: Option<&str>,
    machine: &Machine,
    build_runs: usize,
) -> Result<String, std::fmt::Error> {
    let mut s = String::new();
    writeln!(
        s,
        "# Benchmarks: `gamesparks` against `{ANCHOR}` {ANCHOR_VERSION}\n"
    )?;
    writeln!(
        s,
        "Written by `cargo xtask bench`; do not edit by hand. Ratio = ours / anchor (lower is better).\n"
    )?;
    writeln!(s, "![ratios](benchmarks.svg)\n")?;
    write_table(&mut s, "anchor", rows)?;
    writeln!(
        s,
        "\n## Generator speed (release build, in process, median of {GEN_SAMPLES})\n"
    )?;
    writeln!(s, "| model | ms |\n|---|---:|")?;
    for (m, ms) in generator_ms {
        writeln!(s, "| `{m}` | {ms:.1} |")?;
    }
    if let Some(fuzz) = fuzz {
        writeln!(s, "\n## Fuzzing (from `fuzz/README.md`)\n\n{fuzz}")?;
    }
    writeln!(s, "\n## Notes\n")?;
    for n in notes {
        writeln!(s, "- {n}")?;
    }
    writeln!(s, "\n## Method\n")?;
    let Machine {
        cores,
        cpu,
        memory,
        rustc,
        cargo,
    } = machine;
    writeln!(s, "- Machine: {cores} cores ({cpu}), {memory}.")?;
    writeln!(s, "- Toolchain: {rustc}; {cargo}.")?;
    writeln!(
        s,
        "- Builds: `cargo fetch` first, then `cargo build [--release] [--no-default-features]` with a fresh `CARGO_TARGET_DIR` per build and no incremental compilation (as cargo builds a registry dependency), timed as wall time. {}. Ours is a copy of `generated/gamesparks` (manifest and `src/` only); the anchor is a one-line crate depending on `{ANCHOR} = \"={ANCHOR_VERSION}\"` with its default features. \"Crates compiled\" counts cargo's `Compiling` lines (build scripts included once per crate).",
        runs_text(build_runs)
    )?;
    writeln!(
        s,
        "- Dependencies: `cargo tree --prefix none -e normal | sort -u | wc -l` (the crate itself included)."
    )?;
    writeln!(
        s,
        "- Binary size: `bench/src/bin/{{ours,anchor}}_one_call.rs`, `cargo build --release` with `strip = true`."
    )?;
    writeln!(
        s,
        "- Per call and parse: `cargo bench --bench compare` in `bench/` (criterion medians, both clients in one binary, driven by the same tokio current-thread runtime); each client gets the seed page's response from an in-memory transport (ours: an `HttpClient` returning it; the anchor: `aws_smithy_client::test_connection::infallible_connection_fn`). The large body has the same shape with long strings."
    )?;
    writeln!(
        s,
        "- Generator: `target/release/xtask gen-time MODEL`, `codegen::generate` in process (parse, index, lower, emit, format; no I/O), median of {GEN_SAMPLES}."
    )?;
    Ok(s)
}

/// A value with its unit, to the precision the unit deserves.
/// The measure | ours | `other` | ratio | goal table of `rows`.
pub(super) fn write_table(s: &mut String, other: &str, rows: &[Row]) -> std::fmt::Result {
    writeln!(s, "| measure | ours | {other} | ratio | goal |")?;
    writeln!(s, "|---|---:|---:|---:|---|")?;
    for r in rows {
        writeln!(
            s,
            "| {} | {} | {} | {:.3} | {} |",
            r.what,
            format_value(r.ours, r.unit),
            format_value(r.anchor, r.unit),
            r.ratio(),
            r.goal_text()
        )?;
    }
    Ok(())
}

pub(super) fn format_value(v: f64, unit: &str) -> String {
    match unit {
        "" => format!("{v:.0}"),
        "KiB" => format!("{v:.0} KiB"),
        "s" => format!("{v:.1} s"),
        "µs" if v < 10.0 => format!("{v:.2} µs"),
        "µs" => format!("{v:.1} µs"),
        _ => format!("{v:.2}"),
    }
}

/// A horizontal bar chart of the ratios, with a line at 1.0 (parity).
pub(super) fn svg(rows: &[Row]) -> String {
    let bar_h = 22.0;
    let label_w = 470.0;
    let chart_w = 360.0;
    let max = rows
        .iter()
        .map(Row::ratio)
        .filter(|r| r.is_finite())
        .fold(1.0f64, f64::max)
        .max(1.0);
    let height = 40.0 + bar_h * rows.len() as f64 + 30.0;
    let width = label_w + chart_w + 80.0;
    let mut s = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{height}\" font-family=\"sans-serif\" font-size=\"12\">\n<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n<text x=\"10\" y=\"20\" font-size=\"14\" font-weight=\"bold\">gamesparks / {ANCHOR} {ANCHOR_VERSION} (lower is better)</text>\n"
    );
    for (i, r) in rows.iter().enumerate() {
        let y = 35.0 + bar_h * i as f64;
        let ratio = if r.ratio().is_finite() {
            r.ratio()
        } else {
            0.0
        };
        let w = chart_w * ratio / max;
        let color = match r.goal {
            Some(g) if ratio <= g => "#2e7d32",
            Some(_) => "#c62828",
            None => "#546e7a",
        };
        let label = r
            .what
            .replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('`', "");
        let _ = writeln!(
            s,
            "<text x=\"{:.0}\" y=\"{:.0}\" text-anchor=\"end\">{label}</text>\n<rect x=\"{label_w}\" y=\"{:.0}\" width=\"{w:.1}\" height=\"{:.0}\" fill=\"{color}\"/>\n<text x=\"{:.1}\" y=\"{:.0}\">{ratio:.2}</text>",
            label_w - 8.0,
            y + 15.0,
            y + 3.0,
            bar_h - 6.0,
            label_w + w + 4.0,
            y + 15.0
        );
    }
    let x1 = label_w + chart_w / max;
    let _ = writeln!(
        s,
        "<line x1=\"{x1:.1}\" y1=\"30\" x2=\"{x1:.1}\" y2=\"{:.0}\" stroke=\"black\" stroke-dasharray=\"4 3\"/>\n<text x=\"{x1:.1}\" y=\"{:.0}\" text-anchor=\"middle\">1.0 (parity)</text>\n</svg>",
        height - 25.0,
        height - 10.0
    );
    s
}

/// The results section of `fuzz/README.md`, which records the last fuzzing campaign.
pub(super) fn fuzz_results(root: &Path) -> Option<String> {
    let text = std::fs::read_to_string(root.join("fuzz/README.md")).ok()?;
    let start = text.find("## Results")?;
    let body = &text[start + "## Results".len()..];
    let end = body.find("\n## ").unwrap_or(body.len());
    Some(body[..end].trim().to_string())
}
