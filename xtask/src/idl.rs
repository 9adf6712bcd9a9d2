//! `idl2json`, `idl-tests` and reading model sources (`.json`, `.smithy`, folders).

use std::path::{Path, PathBuf};
use std::time::Instant;

use anyhow::{Context, Result, bail};
use codegen::model::idl::{Node, Source, compare, load_sources};

/// Files named on the command line, folders expanded to their `.smithy` files (recursively,
/// sorted).
pub fn collect(paths: &[PathBuf]) -> Result<Vec<PathBuf>> {
    let mut out = Vec::new();
    for p in paths {
        if p.is_dir() {
            let mut found = Vec::new();
            walk(p, &mut found)?;
            found.sort();
            out.extend(found);
        } else {
            out.push(p.clone());
        }
    }
    Ok(out)
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) -> Result<()> {
    for e in std::fs::read_dir(dir).with_context(|| format!("reading {}", dir.display()))? {
        let path = e?.path();
        if path.is_dir() {
            walk(&path, out)?;
        } else if path.extension().is_some_and(|x| x == "smithy") {
            out.push(path);
        }
    }
    Ok(())
}

/// Reads files into sources.
pub fn read_sources(files: &[PathBuf]) -> Result<Vec<Source>> {
    files
        .iter()
        .map(|f| {
            let text =
                std::fs::read_to_string(f).with_context(|| format!("reading {}", f.display()))?;
            Ok(Source::new(f.display().to_string(), text))
        })
        .collect()
}

/// `cargo xtask idl2json FILE_OR_DIR...`
pub fn idl2json(args: &[String]) -> Result<()> {
    if args.is_empty() {
        return Err(crate::cli::usage(
            "idl2json",
            "no model files or folders given",
        ));
    }
    let paths: Vec<PathBuf> = args.iter().map(PathBuf::from).collect();
    let sources = read_sources(&collect(&paths)?)?;
    let doc = load_sources(&sources).map_err(|e| anyhow::anyhow!("{e}"))?;
    println!("{}", doc.to_json_pretty());
    Ok(())
}

/// `cargo xtask load-time FILE_OR_DIR...`: the median of 11 loads, IDL to checked model.
pub fn load_time(args: &[String]) -> Result<()> {
    if args.is_empty() {
        return Err(crate::cli::usage(
            "load-time",
            "no model files or folders given",
        ));
    }
    let paths: Vec<PathBuf> = args.iter().map(PathBuf::from).collect();
    let sources = read_sources(&collect(&paths)?)?;
    let bytes: usize = sources.iter().map(|s| s.text.len()).sum();
    let mut times = Vec::new();
    let mut shapes = 0;
    for _ in 0..11 {
        let started = Instant::now();
        let doc = load_sources(&sources).map_err(|e| anyhow::anyhow!("{e}"))?;
        let model =
            codegen::model::parse_model(&doc.to_json()).map_err(|e| anyhow::anyhow!("{e}"))?;
        times.push(started.elapsed().as_secs_f64() * 1000.0);
        shapes = model.shapes.len();
    }
    times.sort_by(f64::total_cmp);
    println!(
        "loaded {} files ({} KiB, {shapes} shapes) in {:.1} ms (median of 11; min {:.1} ms)",
        sources.len(),
        bytes / 1024,
        times[5],
        times[0]
    );
    Ok(())
}

/// `cargo xtask idl-tests DIR`
pub fn idl_tests(args: &[String]) -> Result<()> {
    let [dir] = args else {
        return Err(crate::cli::usage(
            "idl-tests",
            "idl-tests takes one folder (the one with valid/ and invalid/)",
        ));
    };
    let dir = PathBuf::from(dir);
    let mut valid = Vec::new();
    walk(&dir.join("valid"), &mut valid)?;
    valid.sort();
    let (mut equal, mut compared, mut failed) = (0, 0, 0);
    let mut no_twin = Vec::new();
    let mut flattened = Vec::new();
    let mut limits: Vec<(String, &str)> = Vec::new();
    for case in &valid {
        let name = case
            .strip_prefix(&dir)
            .unwrap_or(case)
            .display()
            .to_string();
        if name.ends_with(".flattened.smithy") {
            flattened.push(case.clone());
            continue;
        }
        let twin = case.with_extension("json");
        let sources = read_sources(std::slice::from_ref(case))?;
        let loaded = std::panic::catch_unwind(|| load_sources(&sources));
        let doc = match loaded {
            Ok(Ok(doc)) => doc,
            Ok(Err(e)) => {
                println!("FAIL {name}: {e}");
                failed += 1;
                compared += usize::from(twin.exists());
                continue;
            }
            Err(_) => {
                println!("FAIL {name}: panicked");
                failed += 1;
                compared += usize::from(twin.exists());
                continue;
            }
        };
        if !twin.exists() {
            // No expected JSON: it must load (and build a model), which it did.
            match check_model(&doc) {
                Ok(()) => no_twin.push(name),
                Err(e) => {
                    println!("FAIL {name}: {e}");
                    failed += 1;
                }
            }
            continue;
        }
        compared += 1;
        let twin_text = std::fs::read_to_string(&twin)
            .with_context(|| format!("reading {}", twin.display()))?;
        // Read as a `Node`, like our document, so numbers beyond f64 keep every digit.
        let expected = match Node::from_json(&twin_text) {
            Ok(v) => v,
            Err(e) => {
                println!("FAIL {name}: its .json twin does not read: {e}");
                failed += 1;
                continue;
            }
        };
        match compare::compare(&doc, &expected) {
            Ok(()) => {
                println!("ok   {name}");
                equal += 1;
            }
            Err(diff) => {
                println!("FAIL {name}: {diff}");
                failed += 1;
            }
        }
    }
    for name in &no_twin {
        println!("ok   {name} (loads; no .json twin to compare with)");
    }
    let mut invalid = Vec::new();
    collect_all(&dir.join("invalid"), &mut invalid)?;
    invalid.sort();
    let (mut rejected, mut accepted) = (0, 0);
    let mut undetected: Vec<(String, &str)> = Vec::new();
    for case in &invalid {
        let name = case
            .strip_prefix(&dir)
            .unwrap_or(case)
            .display()
            .to_string();
        let sources = read_sources(std::slice::from_ref(case))?;
        let outcome = std::panic::catch_unwind(|| {
            load_sources(&sources)
                .map_err(|e| e.to_string())
                .and_then(|doc| check_model(&doc))
        });
        match outcome {
            Ok(Err(e)) => {
                rejected += 1;
                let first = e.lines().next().unwrap_or("");
                println!("ok   {name}: rejected: {first}");
            }
            Ok(Ok(())) => match undetected_reason(&name) {
                Some(reason) => undetected.push((name, reason)),
                None => {
                    println!("FAIL {name}: accepted");
                    accepted += 1;
                }
            },
            Err(_) => {
                println!("FAIL {name}: panicked");
                accepted += 1;
            }
        }
    }
    for (name, reason) in &undetected {
        println!("undetected {name}: {reason}");
    }
    let mut flat_equal = 0;
    for flat in &flattened {
        let name = flat
            .strip_prefix(&dir)
            .unwrap_or(flat)
            .display()
            .to_string();
        let original = PathBuf::from(name_without(flat, ".flattened.smithy") + ".smithy");
        match std::panic::catch_unwind(|| compare_flattened(&original, flat)) {
            Ok(Ok(())) => {
                println!("ok   {name} (the index flattens the mixins as this file says)");
                flat_equal += 1;
            }
            Ok(Err(e)) if e.contains("more than one service in a model file") => limits.push((
                name,
                "defines several services, and the index (the generator) takes one service \
                 per model",
            )),
            Ok(Err(e)) => {
                println!("FAIL {name}: {e}");
                failed += 1;
            }
            Err(_) => {
                println!("FAIL {name}: panicked");
                failed += 1;
            }
        }
    }
    for (name, reason) in &limits {
        println!("known limit {name}: {reason}");
    }
    println!(
        "valid: {equal}/{compared} equal to their JSON twin, {} more load (no twin), {failed} failed",
        no_twin.len()
    );
    println!(
        "flattened: {flat_equal}/{} mixin flattenings equal to their .flattened.smithy (the others are listed above)",
        flattened.len()
    );
    println!(
        "invalid: {rejected}/{} rejected, {} undetected (listed with reasons), {accepted} accepted or panicked",
        invalid.len(),
        undetected.len()
    );
    if failed > 0 || accepted > 0 {
        bail!("{failed} valid case(s) failed, {accepted} invalid case(s) accepted");
    }
    Ok(())
}

fn name_without(path: &Path, suffix: &str) -> String {
    let s = path.display().to_string();
    s.strip_suffix(suffix).unwrap_or(&s).to_string()
}

/// `X.smithy` through the index (mixins flattened, `apply` folded in) against
/// `X.flattened.smithy` through the index: every shape of the flattened file must have the
/// same kind, traits and members (names, order, targets, traits) and references.
fn compare_flattened(original: &Path, flat: &Path) -> std::result::Result<(), String> {
    let index = |p: &Path| -> std::result::Result<codegen::index::ShapeIndex, String> {
        let sources = read_sources(&[p.to_path_buf()]).map_err(|e| e.to_string())?;
        let doc = load_sources(&sources).map_err(|e| e.to_string())?;
        let model = codegen::model::parse_model(&doc.to_json()).map_err(|e| e.to_string())?;
        codegen::index::ShapeIndex::build(model).map_err(|e| e.to_string())
    };
    let sources = read_sources(&[flat.to_path_buf()]).map_err(|e| e.to_string())?;
    let doc = load_sources(&sources).map_err(|e| e.to_string())?;
    let expected = codegen::model::parse_model(&doc.to_json()).map_err(|e| e.to_string())?;
    let want = index(flat)?;
    let got = index(original)?;
    for id in expected.shapes.keys() {
        let w = want.shape(id).map_err(|e| e.to_string())?;
        let g = got.shape(id).map_err(|e| format!("{id}: {e}"))?;
        if (g.kind, &g.traits, &g.members, &g.refs) != (w.kind, &w.traits, &w.members, &w.refs) {
            return Err(format!("{id}: flattened to {g:?}, expected {w:?}"));
        }
    }
    Ok(())
}

fn collect_all(dir: &Path, out: &mut Vec<PathBuf>) -> Result<()> {
    for e in std::fs::read_dir(dir).with_context(|| format!("reading {}", dir.display()))? {
        let path = e?.path();
        if path.is_dir() {
            collect_all(&path, out)?;
        } else if path
            .extension()
            .is_some_and(|x| x == "smithy" || x == "json")
        {
            out.push(path);
        }
    }
    Ok(())
}

/// The loaded document through the JSON reader and the index (references, mixins, apply).
fn check_model(doc: &codegen::model::idl::Node) -> std::result::Result<(), String> {
    let model = codegen::model::parse_model(&doc.to_json()).map_err(|e| e.to_string())?;
    codegen::index::ShapeIndex::build(model)
        .map(|_| ())
        .map_err(|e| e.to_string())
}

/// Invalid cases this loader accepts on purpose, each with the reason.
fn undetected_reason(name: &str) -> Option<&'static str> {
    UNDETECTED
        .iter()
        .find(|(n, _)| name.ends_with(n))
        .map(|(_, r)| *r)
}

/// Empty for now: every invalid case is refused.
const UNDETECTED: &[(&str, &str)] = &[];
