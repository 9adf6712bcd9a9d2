//! Generated files in memory, and writing or checking them on disk.
//!
//! Writes touch only files whose bytes changed, and remove stale generated files (those that
//! carry the header) that the new output no longer has. Check mode writes nothing.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::io;
use std::path::{Path, PathBuf};

/// Files of one crate: path relative to the crate root → contents.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct GeneratedFiles(pub BTreeMap<String, String>);

/// What a write or check found.
#[derive(Debug, Default)]
pub struct Report {
    /// Files written (or, in check mode, that would be).
    pub changed: Vec<PathBuf>,
    /// Stale generated files removed (or that would be).
    pub removed: Vec<PathBuf>,
    /// In check mode, a short diff per changed file.
    pub diffs: Vec<String>,
}

impl Report {
    /// Whether nothing was (or would be) touched.
    pub fn is_clean(&self) -> bool {
        self.changed.is_empty() && self.removed.is_empty()
    }
}

/// Write or only check.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Update the files on disk.
    Write,
    /// Compare only.
    Check,
}

const HEADER_PREFIX: &str = "// Code generated ";
const TOML_HEADER_PREFIX: &str = "# Code generated ";

impl GeneratedFiles {
    /// Brings `root` in line with these files (or reports how it differs, in check mode).
    pub fn sync(&self, root: &Path, mode: Mode) -> io::Result<Report> {
        let mut report = Report::default();
        for (rel, contents) in &self.0 {
            let path = root.join(rel);
            let old = match std::fs::read_to_string(&path) {
                Ok(s) => Some(s),
                Err(e) if e.kind() == io::ErrorKind::NotFound => None,
                Err(e) => return Err(e),
            };
            if old.as_deref() == Some(contents.as_str()) {
                continue;
            }
            match mode {
                Mode::Write => {
                    if let Some(dir) = path.parent() {
                        std::fs::create_dir_all(dir)?;
                    }
                    std::fs::write(&path, contents)?;
                }
                Mode::Check => report.diffs.push(short_diff(rel, old.as_deref(), contents)),
            }
            report.changed.push(path);
        }
        for stale in self.stale_files(root)? {
            if mode == Mode::Write {
                std::fs::remove_file(&stale)?;
            } else {
                report
                    .diffs
                    .push(format!("{}: stale generated file\n", stale.display()));
            }
            report.removed.push(stale);
        }
        Ok(report)
    }

    /// Files under `root/src` that carry our header but are not in this output.
    fn stale_files(&self, root: &Path) -> io::Result<Vec<PathBuf>> {
        let mut out = Vec::new();
        let mut stack = vec![root.join("src")];
        while let Some(dir) = stack.pop() {
            let entries = match std::fs::read_dir(&dir) {
                Ok(e) => e,
                Err(e) if e.kind() == io::ErrorKind::NotFound => continue,
                Err(e) => return Err(e),
            };
            for entry in entries {
                let path = entry?.path();
                if path.is_dir() {
                    stack.push(path);
                    continue;
                }
                let rel = path
                    .strip_prefix(root)
                    .map(|p| p.to_string_lossy().replace('\\', "/"))
                    .unwrap_or_default();
                if self.0.contains_key(&rel) {
                    continue;
                }
                let text = std::fs::read_to_string(&path).unwrap_or_default();
                if text.starts_with(HEADER_PREFIX) || text.starts_with(TOML_HEADER_PREFIX) {
                    out.push(path);
                }
            }
        }
        out.sort();
        Ok(out)
    }
}

/// A few lines around the first difference: enough to see what changed.
fn short_diff(rel: &str, old: Option<&str>, new: &str) -> String {
    let Some(old) = old else {
        return format!(
            "{rel}: missing (would be created, {} lines)\n",
            new.lines().count()
        );
    };
    let (a, b): (Vec<&str>, Vec<&str>) = (old.lines().collect(), new.lines().collect());
    let first = a.iter().zip(&b).take_while(|(x, y)| x == y).count();
    let mut out = format!(
        "{rel}: differs from line {} ({} lines on disk, {} generated)\n",
        first + 1,
        a.len(),
        b.len()
    );
    for line in a.iter().skip(first).take(5) {
        let _ = writeln!(out, "-{line}");
    }
    for line in b.iter().skip(first).take(5) {
        let _ = writeln!(out, "+{line}");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn temp_dir(name: &str) -> PathBuf {
        let dir =
            std::env::temp_dir().join(format!("codegen-output-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        dir
    }

    #[test]
    fn writes_only_changes_and_removes_stale() {
        let root = temp_dir("sync");
        let mut files = GeneratedFiles::default();
        files.0.insert(
            "src/lib.rs".into(),
            "// Code generated x. DO NOT EDIT.\nfn a() {}\n".into(),
        );
        files.0.insert(
            "src/old.rs".into(),
            "// Code generated x. DO NOT EDIT.\n".into(),
        );
        assert_eq!(files.sync(&root, Mode::Write).unwrap().changed.len(), 2);
        std::fs::write(root.join("src/hand.rs"), "// written by a person\n").unwrap();
        files.0.remove("src/old.rs");
        let check = files.sync(&root, Mode::Check).unwrap();
        assert_eq!(check.removed, vec![root.join("src/old.rs")]);
        assert!(
            root.join("src/old.rs").exists(),
            "check mode must not delete"
        );
        let write = files.sync(&root, Mode::Write).unwrap();
        assert!(write.changed.is_empty());
        assert!(!root.join("src/old.rs").exists());
        assert!(
            root.join("src/hand.rs").exists(),
            "files without the header stay"
        );
        assert!(files.sync(&root, Mode::Check).unwrap().is_clean());
        let _ = std::fs::remove_dir_all(&root);
    }

    #[test]
    fn diff_shows_first_difference() {
        let d = short_diff("a.rs", Some("x\ny\n"), "x\nz\n");
        assert!(
            d.contains("differs from line 2") && d.contains("-y") && d.contains("+z"),
            "{d}"
        );
    }
}
