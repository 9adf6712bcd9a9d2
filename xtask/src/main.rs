//! `cargo xtask`: the project's build tasks.
//!
//! - `cargo xtask codegen [--check]`: regenerate every model in `models/` into `generated/`.
//! - `cargo xtask codegen --model FILE_OR_DIR [--model ...] --out DIR [--crate NAME]
//!   [--service SHAPE_ID] [--operations A,B] [--partitions FILE] [--without-trait ID]
//!   [--check]`: any other model (`.json`, `.smithy`,
//!   folders of `.smithy`, several loaded into one), optionally one of its services (required
//!   when it has several) and only some of its operations.
//! - `cargo xtask idl2json FILE_OR_DIR...`: print the JSON AST of IDL (and JSON) model files.
//! - `cargo xtask idl-tests DIR`: the IDL loader conformance suite (`valid/`, `invalid/`).
//! - `cargo xtask protocol-tests FILE_OR_DIR... [--traits DIR] [--with FILE]`: the Smithy HTTP
//!   protocol compliance cases as tests of the generated clients.
//! - `cargo xtask load-time FILE_OR_DIR...`: how long loading IDL files into a model takes.
//! - `cargo xtask check-agreement --real FILE`: compare the hand-written model with the real one.
//! - `cargo xtask sigv4-vectors [--dir DIR]`: check the SigV4 signer against the AWS test suite.
//! - `cargo xtask bench [--models DIR] [--services-dir DIR] [--only|--skip services]`: compare
//!   with aws-sdk-gamesparks, and whole services with their aws-sdk-* crates; writes BENCHMARKS.md.
//! - `cargo xtask subset-bench --model FILE --operations A,B`: lines and clean build time of an
//!   operation subset next to the whole service.
//! - `cargo xtask corpus DIR [..]`: generate, clippy and test every model in DIR; one row each.
//! - `cargo xtask check-partitions --real FILE`: compare `models/partitions.json` with a real
//!   partitions file.
//! - `cargo xtask endpoint-tests DIR [--traits DIR]`: the rules engine's own test models.
//! - `cargo xtask bench-concurrency`: 1,000 concurrent calls with each transport (wall time,
//!   peak threads, peak memory); `cargo xtask bench-features`: each feature's crates and build
//!   time. Both write their section of BENCHMARKS.md.

mod agree;
mod bench;
mod cli;
mod corpus;
mod endpoint_tests;
mod flags;
mod generate;
mod idl;
mod partitions;
mod protocol_tests;
mod sigv4_vectors;
mod subset;
mod transport_bench;

use std::io::Write as _;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};

/// Errors are one line (`error: …` with anyhow's context chain), never a backtrace, even with
/// `RUST_BACKTRACE` set: a bad model is a user error, not a crash. Usage errors (a wrong, missing
/// or unknown argument) exit with 2, other failures with 1.
fn main() -> std::process::ExitCode {
    match run() {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            let usage = e.downcast_ref::<cli::UsageError>().is_some();
            // One line: a message that spans lines (an IDL snippet) is kept, but its lines are
            // the error's own.
            let _ = writeln!(std::io::stderr(), "error: {e:#}");
            std::process::ExitCode::from(if usage { 2 } else { 1 })
        }
    }
}

/// Prints to stdout, failing (instead of panicking) when stdout cannot be written.
fn print_stdout(text: &str) -> Result<()> {
    let mut out = std::io::stdout().lock();
    out.write_all(text.as_bytes())
        .and_then(|()| out.flush())
        .context("writing to stdout")
}

fn run() -> Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(name) = args.first().map(String::as_str) else {
        return Err(cli::UsageError {
            message: "no command given".into(),
            command: None,
        }
        .into());
    };
    if matches!(name, "help" | "--help" | "-h") {
        return match args
            .get(1)
            .filter(|a| !matches!(a.as_str(), "--help" | "-h"))
        {
            None => print_stdout(&cli::overview()),
            Some(c) => match cli::command(c) {
                Some(c) => print_stdout(&cli::command_help(c)),
                None => Err(cli::UsageError {
                    message: format!("unknown command `{c}`"),
                    command: None,
                }
                .into()),
            },
        };
    }
    let Some(command) = cli::command(name) else {
        return Err(cli::UsageError {
            message: format!("unknown command `{name}`"),
            command: None,
        }
        .into());
    };
    if cli::wants_help(&args[1..]) {
        return print_stdout(&cli::command_help(command));
    }
    let args = &args[1..];
    match name {
        "codegen" => generate::cmd(args),
        "check-agreement" => agree::cmd(args),
        "sigv4-vectors" => sigv4_vectors::cmd(args),
        "bench" => bench::cmd(args),
        "idl2json" => idl::idl2json(args),
        "idl-tests" => idl::idl_tests(args),
        "load-time" => idl::load_time(args),
        "protocol-tests" => protocol_tests::run(args),
        "subset-bench" => subset::cmd(args),
        "corpus" => corpus::cmd(args),
        "check-partitions" => partitions::cmd(args),
        "endpoint-tests" => endpoint_tests::run(args),
        "bench-concurrency" => transport_bench::concurrency_cmd(args),
        "bench-features" => transport_bench::features_cmd(args),
        "gen-time" => bench::gen_time_cmd(args),
        _ => Err(cli::usage(
            command.name,
            "this command has no implementation",
        )),
    }
}

/// The workspace root: the parent of this crate's manifest directory.
fn project_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_default()
}

/// `p` relative to `root` when it is inside it, for messages.
fn rel(root: &Path, p: &Path) -> String {
    p.strip_prefix(root).unwrap_or(p).display().to_string()
}
