//! Whole services against their published SDK crates: each model in [`SERVICES`] is generated
//! from the shared model folder into the bench work directory (never into the repository), and
//! compared with the `aws-sdk-*` crate for the same service by generated lines, clean debug
//! build times and unique dependency crates, all in one run.

use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use codegen::{Mode, Options};

use super::tools::{
    Build, best_of, cargo, count_lines, count_operations, registry_crate_dir, timed_build,
    unique_deps, write_sdk_crate,
};

/// A service to compare: its model file, our crate's name, and the SDK crate it is set against.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Service {
    pub model: &'static str,
    pub crate_name: &'static str,
    pub sdk: &'static str,
    /// Pinned, so reruns compare with the same code: the newest release whose operations are
    /// exactly the model's (later ones add operations the shared model lacks).
    pub sdk_version: &'static str,
}

/// The whole services compared, in the report's order.
pub(super) const SERVICES: &[Service] = &[
    Service {
        model: "apigatewayv2-2018-11-29.json",
        crate_name: "apigwv2",
        sdk: "aws-sdk-apigatewayv2",
        sdk_version: "1.72.0",
    },
    Service {
        model: "kafka-2018-11-14.json",
        crate_name: "kafka",
        sdk: "aws-sdk-kafka",
        sdk_version: "1.93.0",
    },
];

/// Where the models are unless `--services-dir` says otherwise, relative to the workspace.
pub(super) const DEFAULT_SERVICES_DIR: &str = "../shared/models/aws";

/// One service's measurements.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct ServiceMeasurements {
    pub service: Service,
    /// Operations in our crate and in the SDK's.
    pub ours_operations: usize,
    pub sdk_operations: usize,
    /// Lines of `src/**/*.rs`: ours without the runtime copy (`src/rt/`), ours in all, the SDK's.
    pub ours_lines: usize,
    pub ours_lines_all: usize,
    pub sdk_lines: usize,
    /// Clean debug builds: ours with default features and without, the SDK with its defaults.
    pub ours_build: Build,
    pub ours_build_no_default: Build,
    pub sdk_build: Build,
    /// Unique dependency crates (`cargo tree`), the crate itself included.
    pub ours_deps: usize,
    pub ours_deps_no_default: usize,
    pub sdk_deps: usize,
}

/// The model folder to use: `--services-dir`, else [`DEFAULT_SERVICES_DIR`]; `None` (with the
/// reason) when it is missing, so the section is skipped rather than failing the run.
pub(super) fn services_dir(
    root: &Path,
    flag: Option<&Path>,
) -> std::result::Result<PathBuf, String> {
    let dir = flag.map_or_else(|| root.join(DEFAULT_SERVICES_DIR), Path::to_path_buf);
    if dir.is_dir() {
        Ok(dir)
    } else {
        Err(format!(
            "{} is missing, so the whole-service comparison is skipped (pass --services-dir DIR)",
            dir.display()
        ))
    }
}

/// Measures every service in [`SERVICES`], building under `work`.
/// Each clean build is the best of `runs`.
pub(super) fn measure_all(
    models: &Path,
    work: &Path,
    runs: usize,
) -> Result<Vec<ServiceMeasurements>> {
    SERVICES
        .iter()
        .map(|s| measure(models, work, *s, runs).with_context(|| format!("service {}", s.model)))
        .collect()
}

fn measure(
    models: &Path,
    work: &Path,
    service: Service,
    runs: usize,
) -> Result<ServiceMeasurements> {
    let model = models.join(service.model);
    let json =
        std::fs::read_to_string(&model).with_context(|| format!("reading {}", model.display()))?;
    let ours = work.join(format!("service-{}", service.crate_name));
    let opts = Options {
        crate_name: service.crate_name.into(),
        model_file: service.model.into(),
        operations: None,
        service: None,
        partitions: None,
    };
    let ir = codegen::lower_ir(&json, &opts).map_err(|e| anyhow::anyhow!("{e}"))?;
    let files = codegen::render(&ir).map_err(|e| anyhow::anyhow!("{e}"))?;
    files.sync(&ours, Mode::Write)?;
    let sdk = work.join(format!("sdk-{}", service.crate_name));
    write_sdk_crate(&sdk, service.sdk, service.sdk_version)?;
    // Downloads are not timed; fetching also unpacks the SDK's sources for the line count.
    for dir in [&ours, &sdk] {
        cargo(dir, &["fetch", "--quiet"], None)?;
    }
    let sdk_src = registry_crate_dir(service.sdk, service.sdk_version)?;
    let [ours_build, ours_build_no_default, sdk_build] = best_of(runs, || {
        Ok([
            timed_build(&ours, work, false, &[])?,
            timed_build(&ours, work, false, &["--no-default-features"])?,
            timed_build(&sdk, work, false, &[])?,
        ])
    })?;
    eprintln!(
        "{}: debug build ours {:.1} s, ours --no-default-features {:.1} s, {} {:.1} s",
        service.model, ours_build.secs, ours_build_no_default.secs, service.sdk, sdk_build.secs
    );
    Ok(ServiceMeasurements {
        service,
        ours_operations: ir.operations.len(),
        sdk_operations: count_operations(&sdk_src)?,
        ours_lines: count_lines(&ours.join("src"), &|p| !p.contains("/src/rt/"))?,
        ours_lines_all: count_lines(&ours.join("src"), &|_| true)?,
        sdk_lines: count_lines(&sdk_src.join("src"), &|_| true)?,
        ours_build,
        ours_build_no_default,
        sdk_build,
        ours_deps: unique_deps(&ours, &[])?,
        ours_deps_no_default: unique_deps(&ours, &["--no-default-features"])?,
        sdk_deps: unique_deps(&sdk, &["-p", service.sdk])?,
    })
}
