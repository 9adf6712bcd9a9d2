//! One row per model, as an aligned text table and as Markdown.

use std::fmt::Write as _;

/// How a model fared.
#[derive(Debug, Clone, PartialEq)]
pub enum Outcome {
    /// Generated, clippy-clean, and its tests passed (`tests: None`: not run, `--no-test`).
    /// `left_out`: operations the generator left out with a warning (e.g. event streams).
    Ok {
        tests: Option<usize>,
        left_out: usize,
    },
    /// The generator refused the service's protocol: reported, not a failure.
    Unsupported(String),
    /// Anything else; the first error line.
    Failed(String),
}

impl Outcome {
    pub fn text(&self) -> String {
        match self {
            Outcome::Ok { tests, left_out } => {
                let tests = match tests {
                    Some(1) => "1 test".to_string(),
                    Some(n) => format!("{n} tests"),
                    None => "tests not run".to_string(),
                };
                match left_out {
                    0 => format!("ok ({tests})"),
                    1 => format!("ok ({tests}; 1 operation left out)"),
                    n => format!("ok ({tests}; {n} operations left out)"),
                }
            }
            Outcome::Unsupported(what) => format!("unsupported {what}"),
            Outcome::Failed(error) => format!("FAILED: {error}"),
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    pub model: String,
    pub protocol: String,
    pub operations: usize,
    pub shapes: usize,
    /// Generator wall time, in process.
    pub gen_ms: Option<f64>,
    /// Lines of the generated `.rs` files.
    pub lines: Option<usize>,
    pub clippy_secs: Option<f64>,
    pub test_secs: Option<f64>,
    /// Everything for this model: load, generate, write, clippy, test.
    pub total_secs: f64,
    pub outcome: Outcome,
}

const HEADERS: [&str; 10] = [
    "model", "protocol", "ops", "shapes", "gen ms", "lines", "clippy s", "test s", "total s",
    "result",
];

impl Row {
    fn cells(&self) -> [String; 10] {
        let opt = |v: Option<f64>, digits: usize| match v {
            Some(v) => format!("{v:.digits$}"),
            None => "-".into(),
        };
        [
            self.model.clone(),
            self.protocol.clone(),
            self.operations.to_string(),
            self.shapes.to_string(),
            opt(self.gen_ms, 0),
            self.lines.map_or_else(|| "-".into(), |l| l.to_string()),
            opt(self.clippy_secs, 1),
            opt(self.test_secs, 1),
            format!("{:.1}", self.total_secs),
            self.outcome.text(),
        ]
    }
}

/// Columns 2–8 are numbers and right-aligned; the result column is not padded.
fn right_aligned(column: usize) -> bool {
    (2..9).contains(&column)
}

pub fn text_table(rows: &[Row]) -> String {
    let cells: Vec<[String; 10]> = rows.iter().map(Row::cells).collect();
    let mut widths = HEADERS.map(|h| h.chars().count());
    for row in &cells {
        for (w, c) in widths.iter_mut().zip(row) {
            *w = (*w).max(c.chars().count());
        }
    }
    let mut out = String::new();
    let header = HEADERS.map(String::from);
    for row in std::iter::once(&header).chain(&cells) {
        let mut line = String::new();
        for (i, cell) in row.iter().enumerate() {
            if i > 0 {
                line.push_str("  ");
            }
            let pad = widths[i] - cell.chars().count();
            if i == row.len() - 1 {
                line.push_str(cell);
            } else if right_aligned(i) {
                line.push_str(&" ".repeat(pad));
                line.push_str(cell);
            } else {
                line.push_str(cell);
                line.push_str(&" ".repeat(pad));
            }
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

pub fn markdown_table(rows: &[Row]) -> String {
    let mut out = format!("| {} |\n", HEADERS.join(" | "));
    let rule: Vec<&str> = (0..HEADERS.len())
        .map(|i| if right_aligned(i) { "---:" } else { "---" })
        .collect();
    let _ = writeln!(out, "|{}|", rule.join("|"));
    for row in rows {
        let cells = row.cells().map(|c| escape_markdown_cell(&c));
        let _ = writeln!(out, "| {} |", cells.join(" | "));
    }
    out
}

fn escape_markdown_cell(cell: &str) -> String {
    cell.replace('|', "\\|")
}

/// `N ok, N failed, N unsupported`.
pub fn summary(rows: &[Row]) -> String {
    let count = |f: fn(&Outcome) -> bool| rows.iter().filter(|r| f(&r.outcome)).count();
    format!(
        "{} ok, {} failed, {} unsupported",
        count(|o| matches!(o, Outcome::Ok { .. })),
        count(|o| matches!(o, Outcome::Failed(_))),
        count(|o| matches!(o, Outcome::Unsupported(_))),
    )
}

/// `1h 02m 03s`, `4m 05s`, `6.1s`.
pub fn duration(secs: f64) -> String {
    let whole = secs.round() as u64;
    match whole {
        0..60 => format!("{secs:.1}s"),
        60..3600 => format!("{}m {:02}s", whole / 60, whole % 60),
        _ => format!(
            "{}h {:02}m {:02}s",
            whole / 3600,
            whole / 60 % 60,
            whole % 60
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows() -> Vec<Row> {
        vec![
            Row {
                model: "acm-2015-12-08.json".into(),
                protocol: "awsJson1_1".into(),
                operations: 16,
                shapes: 120,
                gen_ms: Some(12.4),
                lines: None,
                clippy_secs: None,
                test_secs: None,
                total_secs: 0.05,
                outcome: Outcome::Unsupported(
                    "protocol aws.protocols#awsJson1_1 (service com.amazonaws.acm#CertificateManager)"
                        .into(),
                ),
            },
            Row {
                model: "emr-containers.json".into(),
                protocol: "restJson1".into(),
                operations: 23,
                shapes: 200,
                gen_ms: Some(95.0),
                lines: Some(21000),
                clippy_secs: Some(14.25),
                test_secs: Some(20.0),
                total_secs: 34.8,
                outcome: Outcome::Ok {
                    tests: Some(12),
                    left_out: 0,
                },
            },
            Row {
                model: "x.json".into(),
                protocol: "restXml".into(),
                operations: 1,
                shapes: 3,
                gen_ms: Some(1.0),
                lines: Some(10),
                clippy_secs: Some(3.0),
                test_secs: None,
                total_secs: 3.1,
                outcome: Outcome::Failed("error: a | b --> src/lib.rs:1:1".into()),
            },
        ]
    }

    #[test]
    fn text_table_is_aligned() {
        let expected = "\
model                protocol    ops  shapes  gen ms  lines  clippy s  test s  total s  result
acm-2015-12-08.json  awsJson1_1   16     120      12      -         -       -      0.1  unsupported protocol aws.protocols#awsJson1_1 (service com.amazonaws.acm#CertificateManager)
emr-containers.json  restJson1    23     200      95  21000      14.2    20.0     34.8  ok (12 tests)
x.json               restXml       1       3       1     10       3.0       -      3.1  FAILED: error: a | b --> src/lib.rs:1:1
";
        assert_eq!(text_table(&rows()), expected);
    }

    #[test]
    fn markdown_escapes_pipes() {
        let md = markdown_table(&rows());
        let lines: Vec<&str> = md.lines().collect();
        assert_eq!(
            lines[0],
            "| model | protocol | ops | shapes | gen ms | lines | clippy s | test s | total s | result |"
        );
        assert_eq!(lines[1], "|---|---|---:|---:|---:|---:|---:|---:|---:|---|");
        assert_eq!(
            lines[4],
            "| x.json | restXml | 1 | 3 | 1 | 10 | 3.0 | - | 3.1 | FAILED: error: a \\| b --> src/lib.rs:1:1 |"
        );
    }

    #[test]
    fn summary_and_outcomes() {
        assert_eq!(summary(&rows()), "1 ok, 1 failed, 1 unsupported");
        let ok = |tests, left_out| Outcome::Ok { tests, left_out }.text();
        assert_eq!(ok(Some(1), 0), "ok (1 test)");
        assert_eq!(ok(None, 0), "ok (tests not run)");
        assert_eq!(ok(Some(3), 2), "ok (3 tests; 2 operations left out)");
    }

    #[test]
    fn durations() {
        assert_eq!(duration(6.14), "6.1s");
        assert_eq!(duration(245.0), "4m 05s");
        assert_eq!(duration(3723.0), "1h 02m 03s");
    }
}
