//! Running cargo on a generated crate, and reading its human-readable output.

use std::fs::File;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use anyhow::{Context, Result};

/// One finished (or abandoned) cargo run.
pub struct CargoRun {
    pub success: bool,
    pub timed_out: bool,
    /// stdout and stderr, interleaved as cargo wrote them.
    pub output: String,
    pub secs: f64,
}

/// Runs `cargo ARGS` in `dir` with the shared target directory. Output goes to `log` (kept
/// with `--keep`), so there are no pipes to drain; after `timeout` the whole process group
/// (cargo, rustc, test binaries) is killed.
pub fn run(
    dir: &Path,
    target_dir: &Path,
    args: &[&str],
    log: &Path,
    timeout: Duration,
) -> Result<CargoRun> {
    let file = File::create(log).with_context(|| format!("creating {}", log.display()))?;
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let mut cmd = Command::new(cargo);
    cmd.args(args)
        .current_dir(dir)
        .env("CARGO_TARGET_DIR", target_dir)
        .env("CARGO_TERM_COLOR", "never")
        // Each crate is built once: incremental data would only cost time and disk (about
        // 0.5 GB for GameSparks), and debug info only link time; panics keep their location.
        .env("CARGO_INCREMENTAL", "0")
        .env("CARGO_PROFILE_DEV_DEBUG", "0")
        .stdin(Stdio::null())
        .stdout(file.try_clone()?)
        .stderr(file);
    #[cfg(unix)]
    std::os::unix::process::CommandExt::process_group(&mut cmd, 0);
    let started = Instant::now();
    let mut child = cmd
        .spawn()
        .with_context(|| format!("running cargo {args:?}"))?;
    let mut timed_out = false;
    let status = loop {
        if let Some(status) = child.try_wait()? {
            break Some(status);
        }
        if started.elapsed() > timeout {
            timed_out = true;
            kill_group(&mut child);
            let _ = child.wait();
            break None;
        }
        std::thread::sleep(Duration::from_millis(100));
    };
    let secs = started.elapsed().as_secs_f64();
    let output = String::from_utf8_lossy(&std::fs::read(log)?).into_owned();
    Ok(CargoRun {
        success: status.is_some_and(|s| s.success()),
        timed_out,
        output,
        secs,
    })
}

fn kill_group(child: &mut std::process::Child) {
    #[cfg(unix)]
    {
        // The child leads its own process group (see `process_group(0)`).
        let _ = Command::new("kill")
            .args(["-KILL", &format!("-{}", child.id())])
            .status();
    }
    let _ = child.kill();
}

/// The first compiler or cargo error, with its `-->` location when it has one:
/// ``error[E0308]: mismatched types --> src/types.rs:10:5``.
pub fn first_error(output: &str) -> Option<String> {
    let lines: Vec<&str> = output.lines().collect();
    let start = lines.iter().position(|l| is_error_line(l))?;
    let message = lines[start].trim();
    let location = lines[start + 1..]
        .iter()
        .take_while(|l| !l.trim().is_empty() && !is_diagnostic_line(l))
        .find_map(|l| l.trim_start().strip_prefix("--> "));
    let mut first = match location {
        Some(loc) => format!("{message} --> {}", loc.trim()),
        None => message.to_string(),
    };
    // rustc killed, out of disk or crashed prints no diagnostic; say what it did print.
    if message.starts_with("error: could not compile")
        && let Some(why) = crash_reason(&lines)
    {
        first = format!("{first} ({why})");
    }
    Some(first)
}

/// What a compiler that stopped without a diagnostic printed about it: LLVM and runtime
/// failures, a full disk, and the exit status from cargo's `Caused by:` text.
fn crash_reason(lines: &[&str]) -> Option<String> {
    const MARKERS: [&str; 5] = [
        "LLVM ERROR",
        "fatal runtime error",
        "has overflowed its stack",
        "No space left on device",
        "Cannot allocate memory",
    ];
    let mut reasons: Vec<&str> = Vec::new();
    for line in lines.iter().map(|l| l.trim()) {
        let reason = if line.contains("process didn't exit successfully") {
            // The status follows the (long) command line: "... `rustc ...` (signal: 9, ...)".
            line.rfind("` (")
                .map(|i| &line[i + 3..])
                .map(|status| status.strip_suffix(')').unwrap_or(status))
        } else {
            MARKERS.iter().any(|m| line.contains(m)).then_some(line)
        };
        if let Some(reason) = reason
            && !reasons.contains(&reason)
        {
            reasons.push(reason);
        }
    }
    (!reasons.is_empty()).then(|| reasons.join("; "))
}

fn is_error_line(line: &str) -> bool {
    let l = line.trim_start();
    l.starts_with("error:") || l.starts_with("error[")
}

fn is_diagnostic_line(line: &str) -> bool {
    let l = line.trim_start();
    is_error_line(l) || l.starts_with("warning:") || l.starts_with("warning[")
}

/// Totals over every `test result:` line (unit tests, integration tests, doc tests).
#[derive(Debug, Default, PartialEq)]
pub struct TestCounts {
    pub passed: usize,
    pub failed: usize,
    /// How many `test result:` lines there were: 0 means no test binary ran.
    pub suites: usize,
}

pub fn test_counts(output: &str) -> TestCounts {
    let mut counts = TestCounts::default();
    for line in output.lines() {
        let Some(rest) = line.trim().strip_prefix("test result: ") else {
            continue;
        };
        counts.suites += 1;
        for part in rest.split(';') {
            let mut words = part.split_whitespace().rev();
            let (Some(what), Some(n)) = (words.next(), words.next()) else {
                continue;
            };
            let n: usize = n.parse().unwrap_or(0);
            match what {
                "passed" => counts.passed += n,
                "failed" => counts.failed += n,
                _ => {}
            }
        }
    }
    counts
}

/// The first failing test and where it panicked:
/// ``rt::tests::parses ... FAILED: panicked at src/rt/codec.rs:10:5: assertion failed``.
pub fn first_test_failure(output: &str) -> Option<String> {
    let lines: Vec<&str> = output.lines().collect();
    let name = lines.iter().find_map(|l| {
        l.trim()
            .strip_prefix("test ")?
            .strip_suffix(" ... FAILED")
            .map(str::to_owned)
    })?;
    // Its captured output: `---- NAME stdout ----`, then `thread '…' panicked at LOC:`, MESSAGE.
    let header = format!("---- {name} stdout ----");
    let panic = lines
        .iter()
        .position(|l| l.trim() == header)
        .and_then(|at| {
            let rest = &lines[at + 1..];
            let p = rest.iter().position(|l| l.contains("panicked at "))?;
            let loc = rest[p].split("panicked at ").nth(1)?.trim_end_matches(':');
            let message = rest.get(p + 1).map(|m| m.trim()).unwrap_or("");
            Some(if message.is_empty() {
                format!("panicked at {loc}")
            } else {
                format!("panicked at {loc}: {message}")
            })
        });
    Some(match panic {
        Some(p) => format!("{name} FAILED: {p}"),
        None => format!("{name} FAILED"),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const CLIPPY: &str = "\
    Checking serde v1.0.228
warning: unused manifest key: package.foo
    Checking acm v0.1.0 (/tmp/xtask-corpus-1/acm)
error: this `impl` can be derived
  --> src/types.rs:120:1
   |
120 | / impl Default for Foo {
   | |_^
   |
   = help: for further information visit https://rust-lang.github.io/rust-clippy/
   = note: `-D clippy::derivable-impls` implied by `-D warnings`

error[E0308]: mismatched types
 --> src/client.rs:3:5
error: could not compile `acm` (lib) due to 2 previous errors
";

    #[test]
    fn first_error_with_location() {
        assert_eq!(
            first_error(CLIPPY).as_deref(),
            Some("error: this `impl` can be derived --> src/types.rs:120:1")
        );
    }

    #[test]
    fn first_error_without_location() {
        let out = "    Updating crates.io index\nerror: failed to parse manifest at `/tmp/x/Cargo.toml`\n\nCaused by:\n  invalid type\n";
        assert_eq!(
            first_error(out).as_deref(),
            Some("error: failed to parse manifest at `/tmp/x/Cargo.toml`")
        );
        // A later diagnostic's location is not borrowed.
        let out = "error: first\nwarning: w\n --> src/a.rs:1:1\n";
        assert_eq!(first_error(out).as_deref(), Some("error: first"));
        assert_eq!(first_error("    Finished `dev` profile\n"), None);
    }

    #[test]
    fn first_error_says_why_a_compiler_stopped_silently() {
        let killed = "   Compiling ept v0.1.0 (/tmp/ept)\nerror: could not compile `ept` (lib)\n\nCaused by:\n  process didn't exit successfully: `/bin/rustc --crate-name ept src/lib.rs` (signal: 9, SIGKILL: kill)\n";
        assert_eq!(
            first_error(killed).as_deref(),
            Some("error: could not compile `ept` (lib) (signal: 9, SIGKILL: kill)")
        );
        let full = "LLVM ERROR: IO failure on output stream: No space left on device\nerror: could not compile `ept` (lib)\n";
        assert_eq!(
            first_error(full).as_deref(),
            Some(
                "error: could not compile `ept` (lib) (LLVM ERROR: IO failure on output stream: No space left on device)"
            )
        );
        // A compiler that reported its errors needs no more: its exit status is left out.
        let reported = "error[E0308]: mismatched types\n --> src/lib.rs:3:5\nerror: could not compile `ept` (lib) due to 1 previous error\n\nCaused by:\n  process didn't exit successfully: `/bin/rustc --crate-name ept` (exit status: 1)\n";
        assert_eq!(
            first_error(reported).as_deref(),
            Some("error[E0308]: mismatched types --> src/lib.rs:3:5")
        );
    }

    const TEST_OK: &str = "\
     Running unittests src/lib.rs (target/debug/deps/acm-1)

running 3 tests
test a ... ok
test b ... ok
test c ... ignored

test result: ok. 2 passed; 0 failed; 1 ignored; 0 measured; 0 filtered out; finished in 0.00s

   Doc-tests acm

running 4 tests
test result: ok. 4 passed; 0 failed; 0 ignored; 0 measured; 0 filtered out; finished in 0.31s
";

    #[test]
    fn counts_sum_every_suite() {
        assert_eq!(
            test_counts(TEST_OK),
            TestCounts {
                passed: 6,
                failed: 0,
                suites: 2
            }
        );
        assert_eq!(
            test_counts("error: could not compile"),
            TestCounts::default()
        );
    }

    const TEST_FAILED: &str = "\
running 2 tests
test rt::codec::tests::roundtrip ... FAILED
test rt::codec::tests::other ... ok

failures:

---- rt::codec::tests::roundtrip stdout ----

thread 'rt::codec::tests::roundtrip' panicked at src/rt/codec.rs:42:9:
assertion `left == right` failed
  left: 1
 right: 2
note: run with `RUST_BACKTRACE=1` environment variable to display a backtrace

failures:
    rt::codec::tests::roundtrip

test result: FAILED. 1 passed; 1 failed; 0 ignored; 0 measured; 0 filtered out; finished in 0.00s

error: test failed, to rerun pass `--lib`
";

    #[test]
    fn failing_test_and_its_panic() {
        assert_eq!(
            test_counts(TEST_FAILED),
            TestCounts {
                passed: 1,
                failed: 1,
                suites: 1
            }
        );
        assert_eq!(
            first_test_failure(TEST_FAILED).as_deref(),
            Some(
                "rt::codec::tests::roundtrip FAILED: panicked at src/rt/codec.rs:42:9: assertion `left == right` failed"
            )
        );
        assert_eq!(first_test_failure(TEST_OK), None);
    }
}
