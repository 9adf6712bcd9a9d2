//! The command line's help: one entry per command, with a line per option, and usage errors
//! (a wrong or missing argument), which `main` prints as one line and exits with 2.

use std::fmt;

/// A command and what its help says.
pub struct Command {
    pub name: &'static str,
    /// The positional arguments, e.g. `DIR` or `FILE_OR_DIR...`; empty if none.
    pub args: &'static str,
    pub about: &'static str,
    /// (flag with its value, what it does), one line each.
    pub options: &'static [(&'static str, &'static str)],
}

pub const COMMANDS: &[Command] = &[
    Command {
        name: "codegen",
        args: "",
        about: "Regenerate every model in models/ into generated/, or one model (--model) into a folder (--out).",
        options: &[
            (
                "--check",
                "write nothing; fail if the generated code is stale",
            ),
            (
                "--model FILE_OR_DIR",
                "a model file or folder (.json, .smithy); repeat to load several into one",
            ),
            ("--out DIR", "where the crate goes (with --model)"),
            (
                "--crate NAME",
                "the crate's name (default: the --out folder's name)",
            ),
            (
                "--service SHAPE_ID",
                "the service to generate, when the model has several",
            ),
            ("--operations A,B", "generate only these operations"),
            (
                "--partitions FILE",
                "the partitions file for endpoint rules' aws.partition",
            ),
            (
                "--without-trait ID",
                "drop this trait from every shape first (JSON AST models; repeatable)",
            ),
        ],
    },
    Command {
        name: "idl2json",
        args: "FILE_OR_DIR...",
        about: "Print the JSON AST of IDL (and JSON) model files, loaded into one model.",
        options: &[],
    },
    Command {
        name: "idl-tests",
        args: "DIR",
        about: "Run the IDL loader conformance suite (the folder with valid/ and invalid/).",
        options: &[],
    },
    Command {
        name: "load-time",
        args: "FILE_OR_DIR...",
        about: "Measure how long loading model files into a checked model takes.",
        options: &[],
    },
    Command {
        name: "protocol-tests",
        args: "FILE_OR_DIR...",
        about: "Run the Smithy HTTP protocol compliance cases as tests of the generated clients.",
        options: &[
            (
                "--traits DIR",
                "the Smithy trait definitions (default: ../shared/smithy/traits)",
            ),
            ("--with FILE", "load this model file too (repeatable)"),
            ("--keep", "keep the generated test crates"),
            (
                "--target-dir DIR",
                "the cargo target directory the crates share",
            ),
        ],
    },
    Command {
        name: "check-agreement",
        args: "",
        about: "Compare the hand-written GameSparks model with the real one.",
        options: &[
            ("--real FILE", "the real service model (required)"),
            (
                "--hand FILE",
                "the hand-written model (default: models/gamesparks-get-stage-deployment.json)",
            ),
            (
                "--operation SHAPE_ID",
                "the operation to compare (default: GetStageDeployment)",
            ),
        ],
    },
    Command {
        name: "sigv4-vectors",
        args: "",
        about: "Check the SigV4 signer against the AWS SigV4 test suite.",
        options: &[(
            "--dir DIR",
            "the suite's v4 folder (default: ../shared/aws-sigv4-test-suite/v4)",
        )],
    },
    Command {
        name: "bench",
        args: "",
        about: "Compare with aws-sdk-gamesparks and whole services with their aws-sdk-* crates; write BENCHMARKS.md.",
        options: &[
            ("--models DIR", "more models to time the generator on"),
            (
                "--measurement-time SECS",
                "Criterion's measurement time per benchmark (default: 5)",
            ),
            (
                "--services-dir DIR",
                "the whole-service models (default: ../shared/models/aws; skipped if missing)",
            ),
            (
                "--build-runs N",
                "build each crate N times, interleaved, and report the best (default: 1)",
            ),
            (
                "--only services",
                "only the whole-service comparison (rewrites only its section)",
            ),
            (
                "--skip services",
                "everything but the whole-service comparison",
            ),
        ],
    },
    Command {
        name: "subset-bench",
        args: "",
        about: "Lines and clean build time of an operation subset next to the whole service.",
        options: &[
            ("--model FILE", "the service model (required)"),
            (
                "--operations A,B",
                "the operations of the subset (required)",
            ),
        ],
    },
    Command {
        name: "corpus",
        args: "DIR",
        about: "Generate, clippy and test every model in DIR; one table row each.",
        options: &[
            (
                "--only NAME,..",
                "only files whose name contains one of these",
            ),
            (
                "--skip NAME,..",
                "leave out files whose name contains one of these",
            ),
            (
                "--target-dir DIR",
                "the target directory all crates share (default: <target>/corpus)",
            ),
            ("--keep", "keep the scratch crates and their cargo logs"),
            ("--no-test", "run clippy only, not cargo test"),
            ("--markdown FILE", "write the table here instead of stdout"),
            (
                "--timeout SECS",
                "the limit for each cargo step of each model (default: 1800)",
            ),
        ],
    },
    Command {
        name: "check-partitions",
        args: "",
        about: "Compare models/partitions.json with a real partitions file.",
        options: &[
            ("--real FILE", "the real partitions file (required)"),
            ("--ours FILE", "ours (default: models/partitions.json)"),
        ],
    },
    Command {
        name: "endpoint-tests",
        args: "DIR",
        about: "Run the endpoint rules engine's own test models as tests of generated crates.",
        options: &[
            (
                "--traits DIR",
                "the Smithy trait definitions (default: ../shared/smithy/traits)",
            ),
            ("--keep", "keep the generated crates"),
            (
                "--target-dir DIR",
                "the cargo target directory the crates share",
            ),
        ],
    },
    Command {
        name: "bench-concurrency",
        args: "",
        about: "1,000 concurrent calls per transport: wall time, peak threads and memory; writes its BENCHMARKS.md section.",
        options: &[],
    },
    Command {
        name: "bench-features",
        args: "",
        about: "gamesparks' crate count and clean build time per feature set; writes its BENCHMARKS.md section.",
        options: &[],
    },
    Command {
        name: "gen-time",
        args: "FILE",
        about: "Print how long generating one model takes, in seconds.",
        options: &[],
    },
    Command {
        name: "help",
        args: "[COMMAND]",
        about: "Print this list, or one command's options.",
        options: &[],
    },
];

/// The command named `name`.
pub fn command(name: &str) -> Option<&'static Command> {
    COMMANDS.iter().find(|c| c.name == name)
}

/// `cargo xtask help`: every command with its synopsis.
pub fn overview() -> String {
    let mut out = String::from("usage: cargo xtask COMMAND [ARGS] [OPTIONS]\n\ncommands:\n");
    let width = COMMANDS.iter().map(|c| c.name.len()).max().unwrap_or(0);
    for c in COMMANDS {
        out.push_str(&format!("  {:width$}  {}\n", c.name, c.about));
    }
    out.push_str("\nRun `cargo xtask COMMAND --help` for a command's options.\n");
    out
}

/// `cargo xtask COMMAND --help`: the synopsis and one line per option.
pub fn command_help(c: &Command) -> String {
    let mut synopsis = format!("usage: cargo xtask {}", c.name);
    for part in [
        c.args,
        if c.options.is_empty() {
            ""
        } else {
            "[OPTIONS]"
        },
    ] {
        if !part.is_empty() {
            synopsis.push(' ');
            synopsis.push_str(part);
        }
    }
    let mut out = format!("{synopsis}\n\n{}\n", c.about);
    if !c.options.is_empty() {
        out.push_str("\noptions:\n");
        let width = c.options.iter().map(|(f, _)| f.len()).max().unwrap_or(0);
        for (flag, what) in c.options {
            out.push_str(&format!("  {flag:width$}  {what}\n"));
        }
    }
    out
}

/// Whether the arguments ask for help.
pub fn wants_help(args: &[String]) -> bool {
    args.iter().any(|a| a == "--help" || a == "-h")
}

/// A wrong, missing or unknown argument: printed as one line, exit code 2.
#[derive(Debug)]
pub struct UsageError {
    /// What is wrong.
    pub message: String,
    /// The command whose help to point at, if any.
    pub command: Option<&'static str>,
}

impl fmt::Display for UsageError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.command {
            Some(c) => write!(f, "{} (see `cargo xtask {c} --help`)", self.message),
            None => write!(f, "{} (see `cargo xtask help`)", self.message),
        }
    }
}

impl std::error::Error for UsageError {}

/// A usage error of `command`, as an `anyhow::Error`.
pub fn usage(command: &'static str, message: impl Into<String>) -> anyhow::Error {
    UsageError {
        message: message.into(),
        command: Some(command),
    }
    .into()
}
