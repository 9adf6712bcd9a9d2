//! The report rendered from made-up measurements: rows, goals, notes and the chart follow the
//! numbers.

use super::measure::{Binaries, Builds, Deps, Lines, Measurements, Pair, Times};
use super::report::{self, Machine};
use super::services::{SERVICES, ServiceMeasurements, services_dir};
use super::services_report;
use super::tools::{Build, children_cpu_ticks};

fn build(secs: f64, compiled: usize) -> Build {
    Build {
        secs,
        compiled,
        cpu_secs: None,
    }
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
    report::markdown(
        &rows,
        &notes,
        &m.generator_ms,
        Some("fuzzed"),
        &machine(),
        1,
    )
    // Writing into a String cannot fail, so neither can the rendering.
    .expect("rendering into a String")
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
fn the_binary_note_says_which_side_of_the_tls_floor_the_goal_falls() {
    let mut m = sample();
    // 0.3 × 6689 = 2007 KiB, below the 2500 KiB floor.
    let notes = report::notes(&m).join("\n");
    assert!(notes.contains("2007 KiB, below that floor"), "{notes}");
    // With a 1885 KiB floor and a 2704 KiB binary, the goal is 122 KiB above the floor:
    // 15% of the 819 KiB ours takes.
    m.binary_kib.transport_floor = 1885.0;
    m.binary_kib.ours = 2704.0;
    let notes = report::notes(&m).join("\n");
    for part in [
        "add 819 KiB",
        "2007 KiB, 122 KiB above that floor",
        "fit in 15% of what it takes now",
    ] {
        assert!(notes.contains(part), "missing {part:?} in\n{notes}");
    }
    assert!(!notes.contains("below that floor"), "{notes}");
    // A binary within the goal gets no sentence on closing it.
    m.binary_kib.ours = 2000.0;
    let notes = report::notes(&m).join("\n");
    assert!(notes.contains("add 115 KiB."), "{notes}");
    assert!(!notes.contains("goal would need"), "{notes}");
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

fn service_sample() -> ServiceMeasurements {
    ServiceMeasurements {
        service: SERVICES[0],
        ours_operations: 72,
        sdk_operations: 73,
        ours_lines: 40_000,
        ours_lines_all: 46_500,
        sdk_lines: 125_000,
        ours_build: Build {
            secs: 30.0,
            compiled: 45,
            cpu_secs: Some(50.0),
        },
        ours_build_no_default: Build {
            secs: 12.5,
            compiled: 22,
            cpu_secs: Some(20.0),
        },
        sdk_build: Build {
            secs: 100.0,
            compiled: 130,
            cpu_secs: Some(180.0),
        },
        ours_deps: 44,
        ours_deps_no_default: 21,
        sdk_deps: 140,
    }
}

fn service_section(services: &[ServiceMeasurements]) -> String {
    // Writing into a String cannot fail, so neither can the rendering.
    services_report::markdown(services, "../shared/models/aws", Some("3.1, 2.9, 2.5"), 3)
        .expect("rendering into a String")
}

#[test]
fn method_notes_say_how_many_runs_each_time_is_the_best_of() {
    let text = service_section(&[service_sample()]);
    assert!(text.contains("the best of 3 runs"), "{text}");
    assert!(text.contains("without incremental compilation"), "{text}");
    let text = markdown(&sample());
    assert!(text.contains("Each time is from one run"), "{text}");
    assert!(!text.contains("best of"), "{text}");
}

#[test]
fn the_best_of_runs_takes_the_least_wall_and_cpu_time_of_each_build() -> anyhow::Result<()> {
    let build = |secs, cpu_secs| Build {
        secs,
        compiled: 10,
        cpu_secs,
    };
    // Wall and CPU minima may come from different runs; a run that could not read its CPU time
    // does not erase the others'.
    let mut runs = vec![
        [build(9.0, Some(15.0)), build(5.0, None)],
        [build(7.0, Some(16.0)), build(6.0, Some(8.0))],
        [build(8.0, Some(14.0)), build(4.0, Some(9.0))],
    ]
    .into_iter();
    let mut rounds = 0;
    let best = super::tools::best_of(3, || {
        rounds += 1;
        runs.next().ok_or_else(|| anyhow::anyhow!("no more runs"))
    })?;
    assert_eq!(rounds, 3);
    assert_eq!(best, [build(7.0, Some(14.0)), build(4.0, Some(8.0))]);
    // A count of one is one round; a failing later round fails the whole.
    let mut rounds = 0;
    let once = super::tools::best_of(1, || {
        rounds += 1;
        Ok([build(1.0, None)])
    })?;
    assert_eq!((rounds, once), (1, [build(1.0, None)]));
    let mut rounds = 0;
    let failed = super::tools::best_of(3, || {
        rounds += 1;
        if rounds == 2 {
            anyhow::bail!("boom");
        }
        Ok([build(1.0, None)])
    });
    assert!(failed.is_err());
    assert_eq!(rounds, 2);
    Ok(())
}

#[test]
fn service_rows_carry_ratios_and_judge_goals() {
    let text = service_section(&[service_sample()]);
    for line in [
        "### `apigatewayv2-2018-11-29.json`: 72 operations (ours), against `aws-sdk-apigatewayv2` 1.72.0 (73 operations)",
        "The operation counts differ, so the line and build ratios are not like for like.",
        // 40000 / 125000 = 0.32 ≤ 0.4; 30 / 100 > 0.25; 12.5 / 100 ≤ 0.15.
        "| generated lines (ours: `src/` without `src/rt/`; SDK: `src/`) | 40000 | 125000 | 0.320 | ≤ 0.4 met |",
        "| lines with our runtime copy (`src/rt/`) | 46500 | 125000 | 0.372 |  |",
        "| clean debug build, default features (wall s) | 30.0 s | 100.0 s | 0.300 | ≤ 0.25 **missed** |",
        "| clean debug build, `--no-default-features` (wall s) | 12.5 s | 100.0 s | 0.125 | ≤ 0.15 met |",
        "| clean debug build, default features (CPU s, user + sys) | 50.0 s | 180.0 s | 0.278 |  |",
        "| clean debug build, `--no-default-features` (CPU s, user + sys) | 20.0 s | 180.0 s | 0.111 |  |",
        "| crates compiled, `--no-default-features` | 22 | 130 | 0.169 |  |",
        "| unique dependency crates, default features | 44 | 140 | 0.314 |  |",
        "| unique dependency crates, `--no-default-features` | 21 | 140 | 0.150 |  |",
    ] {
        assert!(text.lines().any(|l| l == line), "missing {line}\n{text}");
    }
    assert!(
        text.contains("generated from `../shared/models/aws`"),
        "{text}"
    );
    assert!(text.contains("(1, 5, 15 min): 3.1, 2.9, 2.5."), "{text}");
}

#[test]
fn service_goals_flip_with_the_numbers_and_cpu_rows_need_every_build() {
    let mut m = service_sample();
    m.ours_lines = 60_000; // 0.48 > 0.4
    m.ours_build.secs = 25.0; // exactly 0.25 is met
    m.ours_build_no_default.cpu_secs = None;
    m.sdk_operations = 72;
    let text = service_section(&[m]);
    assert!(!text.contains("not like for like"), "{text}");
    assert!(
        text.contains("| 60000 | 125000 | 0.480 | ≤ 0.4 **missed** |"),
        "{text}"
    );
    assert!(
        text.contains("| 25.0 s | 100.0 s | 0.250 | ≤ 0.25 met |"),
        "{text}"
    );
    assert!(!text.contains("CPU s, user + sys)"), "{text}");
    assert_eq!(services_report::rows(&service_sample()).len(), 10);
}

#[test]
fn every_service_gets_its_own_table() {
    let mut kafka = service_sample();
    kafka.service = SERVICES[1];
    let text = service_section(&[service_sample(), kafka]);
    assert_eq!(
        text.matches("| measure | ours | SDK | ratio | goal |")
            .count(),
        2
    );
    assert!(text.contains(&format!(
        "against `{}` {}",
        SERVICES[1].sdk, SERVICES[1].sdk_version
    )));
}

#[test]
fn the_service_section_replaces_only_itself() {
    let old = "# Benchmarks\n\nmain table\n\n<!-- bench-features -->\nfeatures\n<!-- /bench-features -->\n";
    let once = crate::transport_bench::replace_section(old, services_report::SECTION, "first");
    let twice = crate::transport_bench::replace_section(&once, services_report::SECTION, "second");
    assert_eq!(
        twice,
        format!(
            "{}\n<!-- bench-services -->\nsecond\n<!-- /bench-services -->\n",
            old
        )
    );
    // A full run's fresh main report keeps the section.
    let kept = crate::transport_bench::keep_sections(&twice, "# Benchmarks\n\nnew table\n".into());
    assert!(
        kept.contains("<!-- bench-services -->\nsecond\n<!-- /bench-services -->"),
        "{kept}"
    );
    assert!(
        kept.contains("new table") && !kept.contains("main table"),
        "{kept}"
    );
}

#[test]
fn a_missing_services_folder_is_a_note_not_an_error() {
    let root = std::env::temp_dir().join(format!("xtask-services-dir-{}", std::process::id()));
    let missing = root.join("nowhere");
    let note = services_dir(&root, Some(&missing)).unwrap_err();
    assert!(note.contains("nowhere is missing"), "{note}");
    assert!(note.contains("skipped"), "{note}");
    std::fs::create_dir_all(&missing).unwrap();
    assert_eq!(services_dir(&root, Some(&missing)).unwrap(), missing);
    std::fs::remove_dir_all(&root).unwrap();
}

#[test]
fn child_cpu_ticks_are_fields_16_and_17_after_the_command_name() {
    // pid (comm with ") " inside) state ppid … utime stime cutime cstime …
    let stat = "42 (x) y) S 1 2 3 4 5 6 7 8 9 10 11 12 300 45 0 0";
    assert_eq!(children_cpu_ticks(stat), Some(345));
    assert_eq!(children_cpu_ticks("42 (x) S 1 2"), None);
}
