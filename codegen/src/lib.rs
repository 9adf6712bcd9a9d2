//! A Smithy → Rust client generator.
//!
//! The stages run one way: [`model`] (the JSON AST as data) → [`index`] (resolved and checked)
//! → [`ir`] (Rust-level plain data, by `lower`) → tokens (by `rust`) → formatted files
//! (by [`format`](mod@format)) → [`output`] (written or checked).
#![forbid(unsafe_code)]
#![warn(missing_docs)]

mod cargo;
pub mod error;
pub mod format;
pub mod index;
pub mod ir;
mod lower;
pub mod model;
pub mod naming;
pub mod output;
mod parallel;
mod prelude;
mod runtime;
mod rust;

pub use error::{Error, ErrorKind};
pub use lower::Options;
pub use model::idl::Source;
pub use output::{GeneratedFiles, Mode, Report};

/// Generates a crate from model JSON. `opts.model_file` names the file in errors and headers.
/// Nothing is written: the caller decides what to do with the files.
pub fn generate(model_json: &str, opts: &Options) -> Result<GeneratedFiles, Error> {
    let ir = lower_ir(model_json, opts)?;
    render(&ir).map_err(|kind| Error {
        file: opts.model_file.clone(),
        kind,
    })
}

/// Generates a crate from several model files: Smithy IDL (`.smithy`) and JSON AST (`.json`),
/// loaded into one model. One `.json` source goes straight to the JSON reader, exactly as
/// [`generate`]; anything else goes through the IDL loader first (see `model::idl`).
pub fn generate_sources(sources: &[Source], opts: &Options) -> Result<GeneratedFiles, Error> {
    let ir = lower_ir_sources(sources, opts)?;
    render(&ir).map_err(|kind| Error {
        file: opts.model_file.clone(),
        kind,
    })
}

/// [`lower_ir`] for several model files (see [`generate_sources`]).
pub fn lower_ir_sources(sources: &[Source], opts: &Options) -> Result<ir::Ir, Error> {
    if let [one] = sources
        && one.path.ends_with(".json")
    {
        return lower_ir(&one.text, opts);
    }
    let doc = model::idl::load_sources(sources).map_err(|kind| Error {
        file: opts.model_file.clone(),
        kind,
    })?;
    lower_ir(&doc.to_json(), opts)
}

/// Runs the stages up to the IR (useful for tests and tools).
pub fn lower_ir(model_json: &str, opts: &Options) -> Result<ir::Ir, Error> {
    let wrap = |kind| Error {
        file: opts.model_file.clone(),
        kind,
    };
    let model = model::parse_model(model_json).map_err(wrap)?;
    let service = match &opts.service {
        Some(text) => Some(
            model::ShapeId::parse(text).ok_or_else(|| wrap(ErrorKind::BadShapeId(text.clone())))?,
        ),
        None => None,
    };
    let mut index = index::ShapeIndex::build_for(model, service.as_ref()).map_err(wrap)?;
    let selection = lower::select_operations(&index, opts).map_err(wrap)?;
    index.exclude_operations(&selection.excluded);
    let ir = lower::lower(&index, opts, selection.omitted).map_err(wrap)?;
    if ir.service.is_none() && ir.types.is_empty() && ir.errors.is_empty() {
        return Err(wrap(ErrorKind::Empty));
    }
    Ok(ir)
}

/// Renders an IR into the crate's files. Files are emitted and formatted in parallel; the
/// result does not depend on the thread count.
pub fn render(ir: &ir::Ir) -> Result<GeneratedFiles, ErrorKind> {
    enum Job {
        Emit(String, rust::FileKind),
        Runtime(runtime::RuntimeFile),
    }
    let header = format::header(&ir.model_file);
    let mut jobs: Vec<Job> = rust::crate_files(ir)
        .into_iter()
        .map(|(path, kind)| Job::Emit(path, kind))
        .collect();
    jobs.extend(
        runtime::runtime_files(ir.uses, !ir.operations.is_empty(), ir.endpoint.is_some())
            .into_iter()
            .map(Job::Runtime),
    );
    let rendered = parallel::map(&jobs, |job| match job {
        Job::Emit(path, kind) => {
            let text = format::format_tokens(path, rust::emit_file_at(ir, *kind, path), &header)?;
            Ok((path.clone(), text))
        }
        Job::Runtime(rt) => {
            let file = runtime::strip_tests(rt.source).map_err(|e| ErrorKind::Internal {
                file: rt.path.to_string(),
                reason: e.to_string(),
            })?;
            let text = format::format_file(&file, &header);
            Ok((
                rt.path.to_string(),
                runtime::name_crate(&text, &ir.crate_name),
            ))
        }
    });
    let mut files = GeneratedFiles::default();
    files.0.insert("Cargo.toml".into(), cargo::cargo_toml(ir));
    for r in rendered {
        let (path, text) = r?;
        files.0.insert(path, text);
    }
    Ok(files)
}

/// Renders an IR as one Rust file (modules inline), for snapshot tests. With `runtime_dir`
/// (as rustc resolves it: from `<file's dir>/rt/`), the runtime copies are compiled from their
/// sources through `#[path]` instead of being inlined.
pub fn render_single_file(ir: &ir::Ir, runtime_dir: Option<&str>) -> Result<String, ErrorKind> {
    let files = render(ir)?;
    let header = format::header(&ir.model_file);
    let mut out = single::inline(&files, &header, runtime_dir)?;
    if !out.ends_with('\n') {
        out.push('\n');
    }
    Ok(out)
}

mod single;
