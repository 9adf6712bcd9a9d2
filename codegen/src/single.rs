//! Inlines a crate's module files into one file, for snapshot goldens that trybuild compiles
//! as a single program.

use crate::error::{ErrorKind, Result};
use crate::output::GeneratedFiles;

/// `src/lib.rs` with every `mod x;` replaced by its file's contents, plus an empty `main`.
/// With `runtime_dir`, the runtime copies under `src/rt/` are not inlined: each becomes
/// `#[path = "{runtime_dir}/x.rs"] mod x;`, so goldens hold only what the generator wrote and
/// compile against the runtime sources themselves. rustc resolves those paths from
/// `<golden dir>/rt/`, which must therefore exist.
pub(crate) fn inline(
    files: &GeneratedFiles,
    header: &str,
    runtime_dir: Option<&str>,
) -> Result<String> {
    let mut root = parse(files, "src/lib.rs")?;
    inline_items(files, &mut root.items, "src", runtime_dir)?;
    root.attrs.insert(
        0,
        syn::parse_quote!(#![allow(dead_code, reason = "a snapshot uses none of its items")]),
    );
    root.attrs.insert(
        0,
        syn::parse_quote!(#![allow(unexpected_cfgs, reason = "a snapshot has no `ureq` feature")]),
    );
    root.attrs.insert(
        0,
        syn::parse_quote!(#![allow(
            clippy::mixed_attributes_style,
            reason = "inlining puts a module file's inner docs beside the declaration's outer docs"
        )]),
    );
    root.attrs.insert(0, syn::parse_quote!(#![deny(warnings)]));
    root.items.push(syn::parse_quote!(
        fn main() {}
    ));
    Ok(crate::format::format_file(&root, header))
}

fn parse(files: &GeneratedFiles, path: &str) -> Result<syn::File> {
    let text = files.0.get(path).ok_or_else(|| ErrorKind::Internal {
        file: path.to_string(),
        reason: "module file missing".into(),
    })?;
    syn::parse_file(text).map_err(|e| ErrorKind::Internal {
        file: path.to_string(),
        reason: e.to_string(),
    })
}

fn inline_items(
    files: &GeneratedFiles,
    items: &mut [syn::Item],
    dir: &str,
    runtime_dir: Option<&str>,
) -> Result<()> {
    for item in items {
        let syn::Item::Mod(m) = item else { continue };
        if m.content.is_some() {
            continue;
        }
        let name = m.ident.to_string();
        if let (Some(rt), "src/rt") = (runtime_dir, dir) {
            let source = format!("{rt}/{name}.rs");
            m.attrs.push(syn::parse_quote!(#[path = #source]));
            continue;
        }
        let path = format!("{dir}/{name}.rs");
        let mut child = parse(files, &path)?;
        inline_items(
            files,
            &mut child.items,
            &format!("{dir}/{name}"),
            runtime_dir,
        )?;
        m.attrs.extend(child.attrs);
        m.content = Some((Default::default(), child.items));
        m.semi = None;
    }
    Ok(())
}
