//! Per-test results from libtest's human output.

use std::collections::BTreeMap;

#[derive(Debug, Clone, PartialEq)]
pub enum Outcome {
    Pass,
    Fail(String),
    Skip(String),
}

impl Outcome {
    pub fn label(&self) -> &'static str {
        match self {
            Outcome::Pass => "PASS",
            Outcome::Fail(_) => "FAIL",
            Outcome::Skip(_) => "SKIP",
        }
    }

    pub fn reason(&self) -> &str {
        match self {
            Outcome::Pass => "ok",
            Outcome::Fail(r) | Outcome::Skip(r) => r,
        }
    }

    /// 0 pass, 1 fail, 2 skip.
    pub fn index(&self) -> usize {
        match self {
            Outcome::Pass => 0,
            Outcome::Fail(_) => 1,
            Outcome::Skip(_) => 2,
        }
    }
}

/// `test NAME ... ok|FAILED` lines, with each failure's panic message (the first line after
/// `panicked at`, from its `---- NAME stdout ----` section).
pub fn parse(output: &str) -> BTreeMap<String, Outcome> {
    let lines: Vec<&str> = output.lines().collect();
    let mut out = BTreeMap::new();
    for line in &lines {
        let Some(rest) = line.trim().strip_prefix("test ") else {
            continue;
        };
        if let Some(name) = rest.strip_suffix(" ... ok") {
            out.insert(name.to_string(), Outcome::Pass);
        } else if let Some(name) = rest.strip_suffix(" ... FAILED") {
            out.insert(name.to_string(), Outcome::Fail(panic_message(&lines, name)));
        }
    }
    out
}

fn panic_message(lines: &[&str], name: &str) -> String {
    let header = format!("---- {name} stdout ----");
    let Some(at) = lines.iter().position(|l| l.trim() == header) else {
        return "failed".into();
    };
    let section: Vec<&str> = lines[at + 1..]
        .iter()
        .take_while(|l| !l.starts_with("---- ") && l.trim() != "failures:")
        .copied()
        .collect();
    let Some(p) = section.iter().position(|l| l.contains("panicked at ")) else {
        return "failed".into();
    };
    let message: Vec<&str> = section[p + 1..]
        .iter()
        .take_while(|l| !l.starts_with("note: ") && !l.starts_with("stack backtrace:"))
        .map(|l| l.trim())
        .filter(|l| !l.is_empty())
        .take(3)
        .collect();
    let message = message.join(" | ");
    if message.len() > 300 {
        let mut end = 300;
        while !message.is_char_boundary(end) {
            end -= 1;
        }
        format!("{}…", &message[..end])
    } else {
        message
    }
}

/// Compiler errors in `file`: (line, `error[E…]: message`).
pub fn compile_errors(output: &str, file: &str) -> Vec<(usize, String)> {
    let lines: Vec<&str> = output.lines().collect();
    let mut out = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        if !line.starts_with("error") || line.starts_with("error: could not compile") {
            continue;
        }
        let Some(loc) = lines[i + 1..]
            .iter()
            .take(3)
            .find_map(|l| l.trim_start().strip_prefix("--> "))
        else {
            continue;
        };
        let Some(rest) = loc.trim().strip_prefix(file) else {
            continue;
        };
        if let Some(n) = rest
            .strip_prefix(':')
            .and_then(|r| r.split(':').next())
            .and_then(|n| n.parse().ok())
        {
            out.push((n, line.trim().to_string()));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn results_and_panic_messages() {
        let output = "\
running 3 tests
test case_a ... ok
test case_b ... FAILED
test case_c ... ok

failures:

---- case_b stdout ----

thread 'case_b' panicked at tests/protocol_tests.rs:10:5:
assertion `left == right` failed
  left: \"GET\"
 right: \"POST\"
note: run with `RUST_BACKTRACE=1` environment variable to display a backtrace


failures:
    case_b

test result: FAILED. 2 passed; 1 failed; 0 ignored; 0 measured; 0 filtered out
";
        let r = parse(output);
        assert_eq!(r.len(), 3);
        assert_eq!(r["case_a"], Outcome::Pass);
        assert_eq!(
            r["case_b"],
            Outcome::Fail(
                "assertion `left == right` failed | left: \"GET\" | right: \"POST\"".into()
            )
        );
        assert_eq!(r["case_c"].label(), "PASS");
        assert!(parse("error[E0425]: cannot find value").is_empty());
    }

    #[test]
    fn compile_errors_in_the_test_file() {
        let output = "\
error[E0308]: mismatched types
    --> tests/protocol_tests.rs:1163:100
     |
error[E0599]: no method named `x`
  --> src/lib.rs:3:1
error: could not compile `k` (test \"protocol_tests\") due to 2 previous errors
";
        assert_eq!(
            compile_errors(output, "tests/protocol_tests.rs"),
            [(1163, "error[E0308]: mismatched types".to_string())]
        );
    }
}
