//! `cargo xtask protocol-tests FILE_OR_DIR... [--traits DIR] [--with FILE] [--keep]`: the Smithy
//! HTTP protocol compliance cases (`smithy.test#httpRequestTests`, `httpResponseTests`) as
//! Rust tests of the generated clients.
//!
//! The files load into one model with the Smithy trait definitions and, for the official
//! suites, the `shared-types.smithy` beside the given folder. Each service whose protocol the
//! generator implements becomes a crate in a temporary folder, with one generated test file
//! (`tests/protocol_tests.rs`, written here only; normal crates never get it) holding one
//! `#[test]` per client case. `cargo test` runs them with a shared target dir; the libtest
//! lines give a result per case ID.

// Written verbatim into each test file (`harness.rs`); compiled here for its unit tests only.
#[cfg(test)]
mod bodies;
#[cfg(test)]
#[path = "bodies/tests.rs"]
mod bodies_tests;
mod cases;
mod emit;
mod harness;
mod results;

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::time::Duration;

use anyhow::{Context, Result, bail};
use codegen::{Mode, Options};
use serde_json::Value;

use crate::corpus::cargo;
use cases::Case;
use results::Outcome;

/// What the generator's error says when it refuses a protocol.
const UNSUPPORTED_PROTOCOL: &str = "unsupported: protocol";

/// One case's result, for the report.
struct Row {
    protocol: String,
    service: String,
    id: String,
    outcome: Outcome,
}

fn usage(message: String) -> anyhow::Error {
    crate::cli::usage("protocol-tests", message)
}

/// The value after a flag, or a usage error naming what it needs.
fn value<'a>(next: Option<&'a String>, what: &str) -> Result<&'a String> {
    next.ok_or_else(|| usage(format!("{what}: the value is missing")))
}

pub fn run(args: &[String]) -> Result<()> {
    let mut paths = Vec::new();
    let mut traits = None;
    let mut with = Vec::new();
    let mut keep = false;
    let mut target_dir = None;
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--traits" => traits = Some(PathBuf::from(value(it.next(), "--traits DIR")?)),
            "--with" => with.push(PathBuf::from(value(it.next(), "--with FILE")?)),
            "--target-dir" => {
                target_dir = Some(PathBuf::from(value(it.next(), "--target-dir DIR")?))
            }
            "--keep" => keep = true,
            flag if flag.starts_with('-') => {
                return Err(usage(format!("unknown argument `{flag}`")));
            }
            path => paths.push(PathBuf::from(path)),
        }
    }
    if paths.is_empty() {
        return Err(usage("no model files or folders given".into()));
    }
    let traits = traits.unwrap_or_else(|| crate::project_root().join("../shared/smithy/traits"));
    if !traits.is_dir() {
        bail!(
            "the Smithy trait definitions are not at {} (give --traits DIR)",
            traits.display()
        );
    }
    let mut inputs = paths.clone();
    inputs.push(traits);
    for p in &paths {
        let beside = if p.is_dir() {
            p.join("..")
        } else {
            p.join("../..")
        };
        let shared = beside.join("shared-types.smithy");
        if shared.is_file() {
            inputs.push(shared);
        }
    }
    inputs.extend(with);
    let mut files = crate::idl::collect(&inputs)?;
    let mut seen = BTreeSet::new();
    files.retain(|f| seen.insert(f.canonicalize().unwrap_or_else(|_| f.clone())));
    let sources = crate::idl::read_sources(&files)?;
    let doc = codegen::model::idl::load_sources(&sources).map_err(|e| anyhow::anyhow!("{e}"))?;
    let json = doc.to_json();
    let model: Value = serde_json::from_str(&json).context("reading the loaded model")?;

    let target_dir = target_dir.unwrap_or_else(|| {
        std::env::var_os("CARGO_TARGET_DIR")
            .map(PathBuf::from)
            .unwrap_or_else(|| crate::project_root().join("target"))
            .join("protocol-tests")
    });
    std::fs::create_dir_all(&target_dir)
        .with_context(|| format!("creating {}", target_dir.display()))?;
    let work = std::env::temp_dir().join(format!("xtask-protocol-tests-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&work);
    std::fs::create_dir_all(&work)?;
    eprintln!(
        "protocol-tests: {} files, crates in {}, target dir {}",
        files.len(),
        work.display(),
        target_dir.display()
    );

    let mut rows = Vec::new();
    let mut unsupported = Vec::new();
    for (service, protocol) in cases::services(&model) {
        let Some(protocol) = protocol else {
            eprintln!("{service}: no protocol trait; nothing to test");
            continue;
        };
        let all = cases::cases(&model, &service, &protocol);
        if all.is_empty() {
            eprintln!("{service}: no {protocol} cases");
            continue;
        }
        eprintln!("{service} ({protocol}): {} cases", all.len());
        match run_service(&json, &service, &protocol, &all, &work, &target_dir)? {
            ServiceRun::Rows(r) => rows.extend(r),
            ServiceRun::Unsupported(why) => {
                eprintln!("    skipped-unsupported: {why}");
                unsupported.push((service, protocol, all.len(), why));
            }
        }
    }
    if keep {
        eprintln!("kept the crates in {}", work.display());
    } else {
        let _ = std::fs::remove_dir_all(&work);
    }

    for r in &rows {
        println!(
            "{} {} ({}): {}",
            r.outcome.label(),
            r.id,
            short(&r.service),
            r.outcome.reason()
        );
    }
    let mut totals: BTreeMap<&str, [usize; 3]> = BTreeMap::new();
    for r in &rows {
        let t = totals.entry(r.protocol.as_str()).or_default();
        t[r.outcome.index()] += 1;
    }
    println!();
    for (protocol, [pass, fail, skip]) in &totals {
        println!("{protocol}: {pass} passed, {fail} failed, {skip} skipped");
    }
    for (service, protocol, n, why) in &unsupported {
        println!("{protocol}: {n} cases of {service} not run: skipped-unsupported ({why})");
    }
    let failed: usize = totals.values().map(|t| t[1]).sum();
    if failed > 0 {
        bail!("{failed} protocol test cases failed");
    }
    Ok(())
}

fn short(id: &str) -> &str {
    id.rsplit_once('#').map_or(id, |(_, n)| n)
}

enum ServiceRun {
    Rows(Vec<Row>),
    Unsupported(String),
}

/// A package name for a service: `ptest_` and its snake-case name and namespace hash.
fn crate_name(service: &str) -> String {
    let mut out = String::from("ptest_");
    for c in service.chars() {
        out.push(if c.is_ascii_alphanumeric() {
            c.to_ascii_lowercase()
        } else {
            '_'
        });
    }
    out
}

fn run_service(
    json: &str,
    service: &str,
    protocol: &str,
    all: &[Case],
    work: &Path,
    target_dir: &Path,
) -> Result<ServiceRun> {
    let krate = crate_name(service);
    let opts = Options {
        crate_name: krate.clone(),
        model_file: "protocol-tests".into(),
        operations: None,
        service: Some(service.to_string()),
        partitions: None,
    };
    let row = |id: &str, outcome| Row {
        protocol: protocol.to_string(),
        service: service.to_string(),
        id: id.to_string(),
        outcome,
    };
    let ir = match codegen::lower_ir(json, &opts) {
        Ok(ir) => ir,
        Err(e) => {
            let message = e.kind.to_string();
            if let Some(at) = message.find(UNSUPPORTED_PROTOCOL) {
                return Ok(ServiceRun::Unsupported(
                    message[at + "unsupported: ".len()..].into(),
                ));
            }
            let rows = all
                .iter()
                .map(|c| row(&c.id, Outcome::Fail(format!("generator: {message}"))))
                .collect();
            return Ok(ServiceRun::Rows(rows));
        }
    };
    let files = codegen::render(&ir).map_err(|e| anyhow::anyhow!("rendering {service}: {e}"))?;
    let ident_krate = krate.clone();
    let types = emit::Types::new(&ident_krate, &ir);
    let mut rows = Vec::new();
    let mut tests = Vec::new();
    let mut names = BTreeMap::new();
    for case in all {
        if let Some(why) = case.server_only() {
            rows.push(row(&case.id, Outcome::Skip(why.into())));
            continue;
        }
        if let Some(o) = ir.omitted.iter().find(|o| o.shape_id == case.operation) {
            let outcome = if o.reason.contains("event stream") {
                Outcome::Skip(format!(
                    "event stream: {} left out by the generator",
                    o.name
                ))
            } else {
                Outcome::Fail(format!("operation left out: {}", o.reason))
            };
            rows.push(row(&case.id, outcome));
            continue;
        }
        match emit::test_body(&ir, &types, case) {
            Ok(body) => {
                let mut name = emit::test_name(&case.id);
                while names.contains_key(&name) {
                    name.push('_');
                }
                names.insert(name.clone(), rows.len());
                tests.push((name, body));
                rows.push(row(&case.id, Outcome::Fail("did not run".into())));
            }
            Err(why) => rows.push(row(
                &case.id,
                Outcome::Fail(format!("cannot write the test: {why}")),
            )),
        }
    }
    if tests.is_empty() {
        return Ok(ServiceRun::Rows(rows));
    }
    let dir = work.join(&krate);
    files
        .sync(&dir, Mode::Write)
        .with_context(|| format!("writing {}", dir.display()))?;
    std::fs::create_dir_all(dir.join("tests"))?;
    // A test that does not compile fails alone: its compiler errors take it out of the file,
    // with the first error as its reason, and the rest run again.
    let mut results = BTreeMap::new();
    for attempt in 1..=8 {
        if tests.is_empty() {
            break;
        }
        let (text, ranges) = harness::test_file(&krate, &tests);
        std::fs::write(dir.join("tests/protocol_tests.rs"), text)?;
        let run = cargo::run(
            &dir,
            target_dir,
            &[
                "test",
                "--test",
                "protocol_tests",
                "--",
                "--test-threads",
                "2",
            ],
            &dir.join(format!("test-{attempt}.log")),
            Duration::from_secs(1800),
        )?;
        eprintln!("    cargo test {:.1}s", run.secs);
        let parsed = results::parse(&run.output);
        if !parsed.is_empty() {
            results.extend(parsed);
            break;
        }
        let errors = results::compile_errors(&run.output, "tests/protocol_tests.rs");
        let mut broken = BTreeMap::new();
        for (line, message) in errors {
            if let Some(i) = ranges.iter().position(|(a, b)| (*a..=*b).contains(&line)) {
                broken.entry(i).or_insert(message);
            }
        }
        if broken.is_empty() {
            let why = cargo::first_error(&run.output).unwrap_or_else(|| "no test ran".into());
            for (name, _) in &tests {
                results.insert(name.clone(), Outcome::Fail(format!("cargo test: {why}")));
            }
            break;
        }
        eprintln!(
            "    {} tests do not compile; again without them",
            broken.len()
        );
        let mut kept = Vec::new();
        for (i, test) in tests.into_iter().enumerate() {
            match broken.get(&i) {
                Some(message) => {
                    results.insert(
                        test.0,
                        Outcome::Fail(format!("does not compile: {message}")),
                    );
                }
                None => kept.push(test),
            }
        }
        tests = kept;
    }
    for (name, at) in names {
        rows[at].outcome = results
            .remove(&name)
            .unwrap_or_else(|| Outcome::Fail("no result".into()));
    }
    Ok(ServiceRun::Rows(rows))
}
