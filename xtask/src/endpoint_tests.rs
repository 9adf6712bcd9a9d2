//! `cargo xtask endpoint-tests DIR [--traits DIR] [--keep] [--target-dir DIR]`: the rules
//! engine's own test models (`smithy/rules-engine-tests`), each file a service whose
//! `endpointTests` exercise one function or feature.
//!
//! Each file is loaded with the Smithy trait definitions. Its services have endpoint rules but
//! no protocol (and some no operations), which the generator would refuse or give no client,
//! so each gets `awsJson1_0` and, when it has no operation, one empty operation: neither
//! changes what the rules resolve. The crate's generated `tests/endpoints.rs` then runs with
//! `cargo test --test endpoints`; one line per case, totals, non-zero exit on any failure.

use std::path::{Path, PathBuf};
use std::time::Duration;

use anyhow::{Result, bail};
use serde_json::{Value, json};

use crate::corpus::cargo;

/// Generated tests whose case contradicts itself, with the reason; they are reported, not
/// counted as failures (and a fixed suite makes them pass).
const KNOWN: &[(&str, &str, &str)] = &[(
    "ite",
    "case_001_get_thing",
    "the case sets useFips only in `params`; its operation call gives no `clientParams`, so the \
     call resolves without FIPS (https://example.com), not to the case's expectation",
)];

fn usage(message: String) -> anyhow::Error {
    crate::cli::usage("endpoint-tests", message)
}

/// The value after a flag, or a usage error naming what it needs.
fn value<'a>(next: Option<&'a String>, what: &str) -> Result<&'a String> {
    next.ok_or_else(|| usage(format!("{what}: the value is missing")))
}

pub fn run(args: &[String]) -> Result<()> {
    let mut dir = None;
    let mut traits = None;
    let mut keep = false;
    let mut target_dir = None;
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--traits" => traits = Some(PathBuf::from(value(it.next(), "--traits DIR")?)),
            "--target-dir" => {
                target_dir = Some(PathBuf::from(value(it.next(), "--target-dir DIR")?))
            }
            "--keep" => keep = true,
            flag if flag.starts_with('-') => {
                return Err(usage(format!("unknown argument `{flag}`")));
            }
            path => dir = Some(PathBuf::from(path)),
        }
    }
    let dir = dir.ok_or_else(|| usage("no folder given".into()))?;
    let traits = traits.unwrap_or_else(|| crate::project_root().join("../shared/smithy/traits"));
    let target_dir = target_dir.unwrap_or_else(|| {
        std::env::var_os("CARGO_TARGET_DIR")
            .map(PathBuf::from)
            .unwrap_or_else(|| crate::project_root().join("target"))
            .join("endpoint-tests")
    });
    let target_dir = std::path::absolute(&target_dir)?;
    let mut files: Vec<PathBuf> = crate::idl::collect(std::slice::from_ref(&dir))?;
    files.retain(|f| f.extension().is_some_and(|e| e == "smithy"));
    files.sort();
    if files.is_empty() {
        bail!("no .smithy files in {}", dir.display());
    }
    let work = std::env::temp_dir().join(format!("xtask-endpoint-tests-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&work);
    std::fs::create_dir_all(&work)?;
    let (mut passed, mut failed, mut known) = (0, 0, 0);
    for file in &files {
        let (p, f, k) = run_file(file, &traits, &work, &target_dir)?;
        passed += p;
        failed += f;
        known += k;
    }
    if keep {
        eprintln!("kept the crates in {}", work.display());
    } else {
        let _ = std::fs::remove_dir_all(&work);
    }
    println!(
        "\nrules engine tests: {passed} passed, {failed} failed, {known} known contradictions, {} files",
        files.len()
    );
    if failed > 0 {
        bail!("{failed} endpoint test cases failed");
    }
    Ok(())
}

/// Generates and tests the services of one file: (passed, failed, known contradictions).
fn run_file(
    file: &Path,
    traits: &Path,
    work: &Path,
    target_dir: &Path,
) -> Result<(usize, usize, usize)> {
    let name = file
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let mut inputs = vec![file.to_path_buf()];
    inputs.push(traits.to_path_buf());
    let sources = crate::idl::read_sources(&crate::idl::collect(&inputs)?)?;
    let doc =
        codegen::model::idl::load_sources(&sources).map_err(|e| anyhow::anyhow!("{name}: {e}"))?;
    let mut model: Value = serde_json::from_str(&doc.to_json())?;
    let services = testable_services(&mut model);
    let (mut passed, mut failed, mut known) = (0, 0, 0);
    for service in services {
        let krate = format!(
            "ept_{}",
            name.replace(|c: char| !c.is_ascii_alphanumeric(), "_")
        );
        let opts = codegen::Options {
            crate_name: krate.clone(),
            model_file: format!("{name}.smithy"),
            operations: None,
            service: Some(service.clone()),
            partitions: None,
        };
        let files = codegen::generate(&model.to_string(), &opts)
            .map_err(|e| anyhow::anyhow!("{name}: {e}"))?;
        if !files.0.contains_key("tests/endpoints.rs") {
            println!("SKIP {name} ({service}): no endpoint tests");
            continue;
        }
        let crate_dir = work.join(&krate);
        files.sync(&crate_dir, codegen::Mode::Write)?;
        let run = cargo::run(
            &crate_dir,
            target_dir,
            &["test", "--test", "endpoints"],
            &crate_dir.join("test.log"),
            Duration::from_secs(1800),
        )?;
        let counts = cargo::test_counts(&run.output);
        let mut known_here = 0;
        for line in run.output.lines() {
            if let Some(rest) = line.strip_prefix("test ")
                && let Some((case, outcome)) = rest.split_once(" ... ")
            {
                let why = KNOWN.iter().find(|(f, c, _)| *f == name && *c == case);
                match (outcome == "ok", why) {
                    (true, _) => println!("PASS {name} {case}"),
                    (false, Some((_, _, why))) => {
                        known_here += 1;
                        println!("KNOWN {name} {case}: {why}");
                    }
                    (false, None) => println!("FAIL {name} {case}"),
                }
            }
        }
        if !run.success && counts.failed == 0 {
            let why = cargo::first_error(&run.output).unwrap_or_else(|| "cargo test failed".into());
            bail!("{name}: the endpoint tests did not build: {why}");
        }
        let failed_here = counts.failed - known_here;
        if failed_here > 0
            && let Some(first) = cargo::first_test_failure(&run.output)
        {
            println!("    first failure: {first}");
        }
        println!("{name}: {} passed, {failed_here} failed", counts.passed);
        passed += counts.passed;
        failed += failed_here;
        known += known_here;
    }
    Ok((passed, failed, known))
}

/// The services of the model, each given `awsJson1_0` and at least one operation.
fn testable_services(model: &mut Value) -> Vec<String> {
    let Some(shapes) = model.get_mut("shapes").and_then(Value::as_object_mut) else {
        return Vec::new();
    };
    let services: Vec<String> = shapes
        .iter()
        .filter(|(_, s)| s.get("type").and_then(Value::as_str) == Some("service"))
        .map(|(id, _)| id.clone())
        .collect();
    for id in &services {
        let namespace = id.split('#').next().unwrap_or_default();
        let noop = format!("{namespace}#EndpointTestsNoop");
        let Some(service) = shapes.get_mut(id) else {
            continue;
        };
        let traits = service
            .as_object_mut()
            .map(|s| s.entry("traits").or_insert_with(|| json!({})));
        if let Some(Value::Object(traits)) = traits {
            traits.insert("aws.protocols#awsJson1_0".into(), json!({}));
        }
        let has_operations = service
            .get("operations")
            .and_then(Value::as_array)
            .is_some_and(|ops| !ops.is_empty());
        if !has_operations {
            if let Some(s) = service.as_object_mut() {
                s.insert("operations".into(), json!([{ "target": noop }]));
            }
            shapes.insert(noop, json!({ "type": "operation" }));
        }
    }
    services
}
