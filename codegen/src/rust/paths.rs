//! Shorter paths in a finished file's tokens. The emitters write absolute paths
//! (`::std::option::Option`, `crate::types::Foo`), which are right in any module; this pass
//! then writes a path plain where the file's module cannot mistake it:
//!
//! - a std prelude name (`Option`, `String`, `Some`, `Ok`, …, see
//!   [`naming::PRELUDE_PATHS`]) unless the module mentions that name anywhere else
//!   ([`naming::plain_prelude_names`]): a model shape named `Option` keeps every
//!   `::std::option::Option` of the module that declares or names it;
//! - `crate::<this module>::X…` as `X…`, and `crate::<parent module>::X…` as `super::X…`
//!   inside a nested `mod` block, unless `X` is also bound inside the module (a generic
//!   parameter, or an item declared inside a function) and could mean that instead. A single
//!   lowercase segment (a function or constant read as a value) stays absolute, since a local
//!   variable could shadow it.
//!
//! The pass only removes tokens from paths whose meaning it knows, so it cannot change what
//! the code means; the snapshot and compile tests cover it like any emitter.

use std::collections::BTreeSet;

use proc_macro2::{Delimiter, Group, Ident, Punct, Spacing, Span, TokenStream, TokenTree};

use crate::naming::{PRELUDE_PATHS, plain_prelude_names};

/// Std macros written plain (`::std::matches!` → `matches!`); macros have their own namespace,
/// which generated code never adds to.
const MACROS: &[&str] = &[
    "matches",
    "write",
    "writeln",
    "format",
    "vec",
    "unreachable",
];

/// Shortens the paths of a file whose module is `module` (`["types", "error"]` for
/// `src/types/error.rs`; empty for the crate root and for test files, which get only the std
/// names).
pub(crate) fn shorten(tokens: TokenStream, module: &[String]) -> TokenStream {
    let flat: Vec<TokenTree> = tokens.into_iter().collect();
    let mut mentioned = BTreeSet::new();
    let mut bound = BTreeSet::new();
    scan(&flat, false, &mut mentioned, &mut bound);
    let plain: Vec<&str> = plain_prelude_names(&mentioned);
    let cx = Cx { plain, bound };
    let module: Vec<String> = module.to_vec();
    rewrite(flat, &cx, &module, None)
}

struct Cx {
    /// Prelude names the module may write plain.
    plain: Vec<&'static str>,
    /// Names bound inside the module besides its items: generic parameters and items declared
    /// inside functions.
    bound: BTreeSet<String>,
}

fn is_colon(t: Option<&TokenTree>) -> bool {
    matches!(t, Some(TokenTree::Punct(p)) if p.as_char() == ':')
}

/// Whether `ts[i..]` starts with `::`.
fn is_sep(ts: &[TokenTree], i: usize) -> bool {
    is_colon(ts.get(i)) && is_colon(ts.get(i + 1))
}

fn ident_at(ts: &[TokenTree], i: usize) -> Option<String> {
    match ts.get(i) {
        Some(TokenTree::Ident(id)) => Some(id.to_string()),
        _ => None,
    }
}

/// Whether a `::` at `i` starts an absolute path (rather than continuing one, as in
/// `Foo<T>::new` or `a::b`).
fn starts_absolute(ts: &[TokenTree], i: usize) -> bool {
    if !is_sep(ts, i) {
        return false;
    }
    match i.checked_sub(1).map(|j| &ts[j]) {
        None => true,
        Some(TokenTree::Ident(id)) => {
            let lifetime =
                i >= 2 && matches!(&ts[i - 2], TokenTree::Punct(p) if p.as_char() == '\'');
            lifetime
                || matches!(
                    id.to_string().as_str(),
                    "as" | "dyn" | "impl" | "for" | "in" | "return" | "mut" | "where" | "let"
                )
        }
        // `>` ends generic arguments (`Foo<T>::new`), unless it ends `->` or `=>`.
        Some(TokenTree::Punct(p)) => {
            p.as_char() != '>'
                || (i >= 2
                    && matches!(&ts[i - 2], TokenTree::Punct(q)
                        if matches!(q.as_char(), '-' | '=') && q.spacing() == Spacing::Joint))
        }
        Some(_) => true,
    }
}

/// The std path (prelude name or macro) starting with the `::` at `i`, longest first: its
/// plain name and its length in tokens.
fn std_path_at(ts: &[TokenTree], i: usize) -> Option<(&'static str, usize)> {
    if !starts_absolute(ts, i) || ident_at(ts, i + 2).as_deref() != Some("std") {
        return None;
    }
    let matches_path = |segs: &[&str]| -> bool {
        segs.iter().enumerate().all(|(k, seg)| {
            let at = i + 3 * k;
            is_sep(ts, at) && ident_at(ts, at + 2).as_deref() == Some(*seg)
        })
    };
    let mut best: Option<(&'static str, usize)> = None;
    for (name, segs) in PRELUDE_PATHS {
        if matches_path(segs) && best.is_none_or(|(_, len)| len < 3 * segs.len()) {
            best = Some((name, 3 * segs.len()));
        }
    }
    if best.is_none() {
        for name in MACROS {
            if matches_path(&["std", name])
                && matches!(ts.get(i + 6), Some(TokenTree::Punct(p)) if p.as_char() == '!')
            {
                best = Some((name, 6));
            }
        }
    }
    best
}

/// Collects the identifiers used outside std paths (except later segments of paths), and the
/// names bound by generic
/// parameters (an identifier right after `<` or `,` followed by `:`, `,`, `>` or `=`) or by
/// items inside function bodies and impls (`struct X` at any depth but a module's top).
fn scan(
    ts: &[TokenTree],
    nested: bool,
    mentioned: &mut BTreeSet<String>,
    bound: &mut BTreeSet<String>,
) {
    let mut i = 0;
    while i < ts.len() {
        if let Some((_, len)) = std_path_at(ts, i) {
            i += len;
            continue;
        }
        match &ts[i] {
            TokenTree::Ident(id) => {
                let name = id.to_string();
                let prev_punct = i.checked_sub(1).and_then(|j| match &ts[j] {
                    TokenTree::Punct(p) => Some(p.as_char()),
                    _ => None,
                });
                let next_punct = match ts.get(i + 1) {
                    Some(TokenTree::Punct(p)) => Some(p.as_char()),
                    _ => None,
                };
                if matches!(prev_punct, Some('<' | ','))
                    && matches!(next_punct, Some(':' | ',' | '>' | '='))
                    && !is_sep(ts, i + 1)
                {
                    bound.insert(name.clone());
                }
                if nested
                    && matches!(
                        name.as_str(),
                        "struct" | "enum" | "union" | "trait" | "type"
                    )
                    && let Some(decl) = ident_at(ts, i + 1)
                {
                    bound.insert(decl);
                }
                // A later segment of a path (`fmt::Result`) binds nothing here.
                if !(i >= 2 && is_sep(ts, i - 2)) {
                    mentioned.insert(name);
                }
            }
            TokenTree::Group(g) => {
                let inner: Vec<TokenTree> = g.stream().into_iter().collect();
                let is_mod_body = g.delimiter() == Delimiter::Brace
                    && i >= 2
                    && ident_at(ts, i - 2).as_deref() == Some("mod");
                scan(&inner, nested || !is_mod_body, mentioned, bound);
            }
            _ => {}
        }
        i += 1;
    }
}

fn path_sep() -> [TokenTree; 2] {
    [
        TokenTree::Punct(Punct::new(':', Spacing::Joint)),
        TokenTree::Punct(Punct::new(':', Spacing::Alone)),
    ]
}

/// If `ts[i..]` is `crate::a::b::X…` with `a::b` this module (or its parent), how many tokens
/// to drop and whether `super::` replaces them.
fn crate_path_at(
    ts: &[TokenTree],
    i: usize,
    cx: &Cx,
    module: &[String],
    parent: Option<&[String]>,
) -> Option<(usize, bool)> {
    if ident_at(ts, i).as_deref() != Some("crate") || (i >= 2 && is_sep(ts, i - 2)) {
        return None;
    }
    let prefix_len = |m: &[String]| -> Option<usize> {
        if m.is_empty() {
            return None;
        }
        for (k, seg) in m.iter().enumerate() {
            let at = i + 1 + 3 * k;
            if !is_sep(ts, at) || ident_at(ts, at + 2).as_deref() != Some(seg.as_str()) {
                return None;
            }
        }
        // `crate` + (`::` seg) per segment + the `::` before the rest.
        let end = i + 1 + 3 * m.len();
        is_sep(ts, end).then_some(end + 2 - i)
    };
    let (drop, sup) = if let Some(n) = prefix_len(module) {
        (n, false)
    } else if let Some(n) = parent.and_then(prefix_len) {
        (n, true)
    } else {
        return None;
    };
    let first = ident_at(ts, i + drop)?;
    if cx.bound.contains(&first) {
        return None;
    }
    let more = is_sep(ts, i + drop + 1);
    let upper = first.starts_with(|c: char| c.is_ascii_uppercase());
    (sup || more || upper).then_some((drop, sup))
}

fn rewrite(
    ts: Vec<TokenTree>,
    cx: &Cx,
    module: &[String],
    parent: Option<&[String]>,
) -> TokenStream {
    let mut out = TokenStream::new();
    let mut i = 0;
    while i < ts.len() {
        if let Some((name, len)) = std_path_at(&ts, i)
            && (MACROS.contains(&name) || cx.plain.contains(&name))
        {
            out.extend([TokenTree::Ident(Ident::new(name, Span::call_site()))]);
            i += len;
            continue;
        }
        if let Some((drop, sup)) = crate_path_at(&ts, i, cx, module, parent) {
            if sup {
                out.extend([TokenTree::Ident(Ident::new("super", Span::call_site()))]);
                out.extend(path_sep());
            }
            i += drop;
            continue;
        }
        match &ts[i] {
            TokenTree::Group(g) => {
                let inner: Vec<TokenTree> = g.stream().into_iter().collect();
                // A `mod name { … }` block is a module of its own.
                let nested_mod = (g.delimiter() == Delimiter::Brace
                    && i >= 2
                    && ident_at(&ts, i - 2).as_deref() == Some("mod"))
                .then(|| ident_at(&ts, i - 1))
                .flatten();
                let stream = match nested_mod {
                    Some(name) if !module.is_empty() => {
                        let mut child = module.to_vec();
                        child.push(name);
                        rewrite(inner, cx, &child, Some(module))
                    }
                    Some(_) => rewrite(inner, cx, &[], None),
                    None => rewrite(inner, cx, module, parent),
                };
                let mut group = Group::new(g.delimiter(), stream);
                group.set_span(g.span());
                out.extend([TokenTree::Group(group)]);
            }
            other => out.extend([other.clone()]),
        }
        i += 1;
    }
    out
}

/// The module path of a generated file: `src/types/error.rs` → `types::error`. The crate root,
/// `src/rt.rs` and files outside `src/` get none.
pub(crate) fn module_of(path: &str) -> Vec<String> {
    let Some(rest) = path
        .strip_prefix("src/")
        .and_then(|p| p.strip_suffix(".rs"))
    else {
        return Vec::new();
    };
    if rest == "lib" || rest == "rt" {
        return Vec::new();
    }
    rest.split('/').map(str::to_string).collect()
}

#[cfg(test)]
mod tests {
    use quote::quote;

    use super::*;

    fn short(tokens: TokenStream, module: &[&str]) -> String {
        let module: Vec<String> = module.iter().map(|s| s.to_string()).collect();
        shorten(tokens, &module).to_string()
    }

    #[test]
    fn std_names_are_plain_unless_the_module_mentions_them() {
        let t = quote! {
            pub struct A { x: ::std::option::Option<::std::string::String> }
            fn f() -> ::std::option::Option<u8> { ::std::option::Option::Some(1) }
        };
        assert_eq!(
            short(t, &["types"]),
            quote! {
                pub struct A { x: Option<String> }
                fn f() -> Option<u8> { Some(1) }
            }
            .to_string()
        );
        // A model shape named `Option` keeps every std `Option` of its module absolute.
        let t = quote! {
            pub struct Option { x: ::std::option::Option<::std::string::String> }
        };
        assert_eq!(
            short(t, &["types"]),
            quote! { pub struct Option { x: ::std::option::Option<String> } }.to_string()
        );
    }

    #[test]
    fn crate_paths_are_relative_in_their_module() {
        let t = quote! {
            fn f(x: crate::types::Foo, y: crate::types::builders::FooBuilder) -> crate::other::Bar {
                crate::types::helper(x)
            }
            pub mod builders {
                fn g() -> crate::types::Foo { crate::types::builders::make() }
            }
        };
        assert_eq!(
            short(t, &["types"]),
            quote! {
                fn f(x: Foo, y: builders::FooBuilder) -> crate::other::Bar {
                    crate::types::helper(x)
                }
                pub mod builders {
                    fn g() -> super::Foo { crate::types::builders::make() }
                }
            }
            .to_string()
        );
    }

    #[test]
    fn bound_names_keep_their_paths() {
        // A shape named `S` beside a generic parameter `S`, and one named like a local item.
        let t = quote! {
            fn f<S: Tr>(s: S) -> crate::types::S { struct Local; crate::types::Local }
        };
        let out = short(t, &["types"]);
        assert!(out.contains("crate :: types :: S"), "{out}");
        assert!(out.contains("crate :: types :: Local"), "{out}");
    }

    #[test]
    fn module_paths() {
        assert_eq!(module_of("src/types/error.rs"), ["types", "error"]);
        assert_eq!(module_of("src/operation/get_x.rs"), ["operation", "get_x"]);
        assert!(module_of("src/lib.rs").is_empty());
        assert!(module_of("tests/errors.rs").is_empty());
    }
}
