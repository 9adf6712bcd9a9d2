//! The report rendered from made-up measurements: rows, goals, notes and the chart follow the
//! numbers.

use super::measure::{Binaries, Builds, Deps, Lines, Measurements, Pair, Times};
use super::report::{self, Machine};
use super::tools::Build;

fn build(secs: f64, compiled: usize) -> Build {
    Build { secs, compiled }
}

fn sample() -> Measurements {
    Measurements {
        debug: Builds {
            ours: build(15.5, 43),
            ours_no_default: build(6.6, 21),
            anchor: build(39.0, 113),
        },
        release: Builds {
            ours: build(27.9, 43),
            ours_no_default: build(7.1, 21),
            anchor: build(74.2, 113),
        },
        deps: Deps {
            ours: 42,
            ours_no_default: 21,
            anchor: 131,
        },
        lines: Lines {
            ours_generated: 2348,
            ours_all: 5439,
            anchor_closure: 2173,
            anchor_all: 40813,
            ours_operations: 1,
            anchor_operations: 33,
        },
        binary_kib: Binaries {
            ours: 2782.0,
            anchor: 6689.0,
            transport_floor: 2500.0,
        },
        times_us: Times {
            per_call: Pair {
                ours: 5.31,
                anchor: 18.5,
            },
            per_call_large: Pair {
                ours: 217.8,
                anchor: 1100.4,
            },
            parse_seed: Pair {
                ours: 0.76,
                anchor: 18.5,
            },
            parse_large: Pair {
                ours: 185.6,
                anchor: 1181.7,
            },
        },
        generator_ms: vec![("models/a.json".into(), 22.84)],
    }
}

fn machine() -> Machine {
    Machine {
        cores: "2".into(),
        cpu: "Test CPU".into(),
        memory: "8 GiB memory".into(),
        rustc: "rustc 1.0.0".into(),
        cargo: "cargo 1.0.0".into(),
    }
}

fn markdown(m: &Measurements) -> String {
    let rows = report::rows(m);
    let notes = report::notes(m);
    report::markdown(&rows, &notes, &m.generator_ms, Some("fuzzed"), &machine()).unwrap()
}

#[test]
fn rows_carry_the_measurements_and_judge_goals_by_ratio() {
    let text = markdown(&sample());
    for line in [
        "| clean debug build, default features (s) | 15.5 s | 39.0 s | 0.397 | ≤ 0.4 met |",
        "| clean debug build, `--no-default-features` (s) | 6.6 s | 39.0 s | 0.169 | ≤ 0.15 **missed** |",
        "| clean release build, default features (s) | 27.9 s | 74.2 s | 0.376 |  |",
        "| crates compiled, `--no-default-features` | 21 | 113 | 0.186 |  |",
        "| unique dependency crates, default features | 42 | 131 | 0.321 | ≤ 0.5 met |",
        "| lines in the whole crate (ours: 1 operation plus its runtime; anchor: 33 operations) | 5439 | 40813 | 0.133 |  |",
        "| stripped release binary making one call (KiB) | 2782 KiB | 6689 KiB | 0.416 | ≤ 0.3 **missed** |",
        "| time per call, seed response, in-memory transport (µs) | 5.31 µs | 18.5 µs | 0.287 | ≤ 0.5 met |",
        "| parse, large body (µs; anchor: through a full call) | 185.6 µs | 1181.7 µs | 0.157 | ≤ 0.5 met |",
        "| `models/a.json` | 22.8 |",
        "- Machine: 2 cores (Test CPU), 8 GiB memory.",
        "- Toolchain: rustc 1.0.0; cargo 1.0.0.",
    ] {
        assert!(text.lines().any(|l| l == line), "missing {line}\n{text}");
    }
    assert_eq!(report::rows(&sample()).len(), 15);
    assert!(text.contains("## Fuzzing (from `fuzz/README.md`)\n\nfuzzed\n"));
}

#[test]
fn notes_are_computed_from_the_measurements() {
    let mut m = sample();
    let notes = report::notes(&m).join("\n");
    // 15.5 / 33 and 6.6 / 33; the floor is 2500 of 2782 KiB; 0.3 × 6689 KiB.
    for part in [
        "took 39.0 s in this run",
        "about 33 s",
        "would be 0.47 (default features; goal 0.4) and 0.20 (`--no-default-features`; goal 0.15)",
        "Ours without the runtime is 2348 lines; with the runtime copied into the crate (SigV4, retries, credentials, transport, timestamps), 5439.",
        "is 2500 KiB stripped, 90% of `ours_one_call` (2782 KiB)",
        "add 282 KiB",
        "The 0.3 goal would need a binary of 2007 KiB",
    ] {
        assert!(notes.contains(part), "missing {part:?} in\n{notes}");
    }
    m.debug.anchor.secs = 41.26;
    m.binary_kib.anchor = 7000.0;
    let notes = report::notes(&m).join("\n");
    assert!(notes.contains("took 41.3 s in this run"), "{notes}");
    assert!(notes.contains("a binary of 2100 KiB"), "{notes}");
}

#[test]
fn operation_counts_are_spelled_with_their_plural() {
    let mut m = sample();
    m.lines.ours_operations = 2;
    m.lines.anchor_operations = 1;
    let rows = report::rows(&m);
    assert!(
        rows.iter().any(|r| r
            .what
            .contains("(ours: 2 operations plus its runtime; anchor: 1 operation)")),
        "{rows:?}"
    );
}

#[test]
fn the_chart_has_a_bar_per_row_coloured_by_goal() {
    let rows = report::rows(&sample());
    let svg = report::svg(&rows);
    assert_eq!(svg.matches("<rect x=").count(), rows.len());
    let met = rows
        .iter()
        .filter(|r| r.goal.is_some_and(|g| r.ratio() <= g))
        .count();
    let missed = rows
        .iter()
        .filter(|r| r.goal.is_some_and(|g| r.ratio() > g))
        .count();
    assert_eq!(svg.matches("#2e7d32").count(), met);
    assert_eq!(svg.matches("#c62828").count(), missed);
    assert!(missed > 0 && met > 0);
    assert!(svg.starts_with("<svg") && svg.trim_end().ends_with("</svg>"));
    assert!(!svg.contains('`'), "labels drop backticks");
}

#[test]
fn a_zero_anchor_gives_no_ratio_and_no_bar_length() {
    let mut m = sample();
    m.deps.anchor = 0;
    let rows = report::rows(&m);
    let deps = rows
        .iter()
        .find(|r| r.what == "unique dependency crates, default features")
        .unwrap();
    assert!(deps.ratio().is_nan());
    assert!(report::svg(&rows).contains("width=\"0.0\""));
}
