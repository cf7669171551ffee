//! The layers hold: every source file is read as Rust tokens, each path it names into the crate
//! (`crate::x`, `crate::{x, y}`, `super::super::x`, in `use` lines, code and macros alike) is
//! resolved to the top-level module it enters, and a file may not name a layer above its own.
//!
//! Faces (`cli`, `mcp`) → operations (`ops`) → `engine`, `store`, `data`, `config`, `output`
//! → `logging` → the bottom (`error`, `values`, `schema`, `caller`, `progress`). The faces
//! reach the engine and the store only through `ops`. SQL lives in `store` alone: no other
//! file names `rusqlite`.

use std::{
    collections::BTreeSet,
    path::{Path, PathBuf},
};

use proc_macro2::{Delimiter, TokenStream, TokenTree};

/// Top-level modules that make up the bottom every layer may use.
const BOTTOM: [&str; 5] = ["error", "values", "schema", "caller", "progress"];

/// What the files of a top-level module may not name.
fn forbidden(top: &str) -> &'static [&'static str] {
    match top {
        "engine" | "store" | "data" | "output" => &["ops", "mcp", "cli"],
        "config" => &["ops", "mcp", "cli", "logging"],
        "cli" | "mcp" => &["engine", "store"],
        "logging" => &["ops", "mcp", "cli", "engine", "store", "data", "output"],
        t if BOTTOM.contains(&t) => &[
            "ops", "mcp", "cli", "engine", "store", "data", "output", "config", "logging",
        ],
        _ => &[],
    }
}

/// The module path of a source file: `src/engine/node/mod.rs` → `["engine", "node"]`.
fn module_of(src: &Path, file: &Path) -> Vec<String> {
    let rel = file.strip_prefix(src).unwrap().with_extension("");
    let mut parts: Vec<String> = rel
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    if matches!(parts.last().map(String::as_str), Some("mod" | "lib")) {
        parts.pop();
    }
    parts
}

fn is_punct(t: Option<&TokenTree>, c: char) -> bool {
    matches!(t, Some(TokenTree::Punct(p)) if p.as_char() == c)
}

/// Whether `tokens[i..]` starts with `::`.
fn path_sep(tokens: &[TokenTree], i: usize) -> bool {
    is_punct(tokens.get(i), ':') && is_punct(tokens.get(i + 1), ':')
}

fn ident(t: Option<&TokenTree>) -> Option<String> {
    match t {
        Some(TokenTree::Ident(i)) => Some(i.to_string()),
        _ => None,
    }
}

/// The first identifier of every item of a `{a::b, c, d::{e}}` group.
fn group_heads(group: &TokenStream) -> Vec<String> {
    let tokens: Vec<TokenTree> = group.clone().into_iter().collect();
    let mut heads = Vec::new();
    let mut at_start = true;
    for t in &tokens {
        if at_start && let TokenTree::Ident(i) = t {
            heads.push(i.to_string());
        }
        at_start = matches!(t, TokenTree::Punct(p) if p.as_char() == ',');
    }
    heads
}

/// The top-level modules a token stream names, given the module it is written in.
fn named_modules(stream: TokenStream, module: &[String], out: &mut BTreeSet<String>) {
    let tokens: Vec<TokenTree> = stream.into_iter().collect();
    let mut i = 0;
    while i < tokens.len() {
        let after_sep = i >= 2 && path_sep(&tokens, i - 2);
        match &tokens[i] {
            TokenTree::Group(g) => named_modules(g.stream(), module, out),
            TokenTree::Ident(id) if !after_sep && *id == "crate" && path_sep(&tokens, i + 1) => {
                match tokens.get(i + 3) {
                    Some(TokenTree::Group(g)) if g.delimiter() == Delimiter::Brace => {
                        out.extend(group_heads(&g.stream()));
                    }
                    t => out.extend(ident(t)),
                }
            }
            TokenTree::Ident(id) if !after_sep && *id == "super" => {
                // `super::super::x` climbs one module per `super`.
                let mut depth = module.len();
                let mut j = i;
                while ident(tokens.get(j)).as_deref() == Some("super") && path_sep(&tokens, j + 1) {
                    depth = depth.saturating_sub(1);
                    j += 3;
                }
                if depth == 0 {
                    match tokens.get(j) {
                        Some(TokenTree::Group(g)) if g.delimiter() == Delimiter::Brace => {
                            out.extend(group_heads(&g.stream()));
                        }
                        t => out.extend(ident(t)),
                    }
                }
                i = j.max(i + 1);
                continue;
            }
            TokenTree::Ident(id) if *id == "mod" => {
                // An inline module: its `super` is one level deeper.
                if let (Some(name), Some(TokenTree::Group(g))) =
                    (ident(tokens.get(i + 1)), tokens.get(i + 2))
                    && g.delimiter() == Delimiter::Brace
                {
                    let mut inner = module.to_vec();
                    inner.push(name);
                    named_modules(g.stream(), &inner, out);
                    i += 3;
                    continue;
                }
            }
            _ => {}
        }
        i += 1;
    }
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// Whether a token stream names an identifier anywhere (macros included).
fn names_ident(stream: TokenStream, wanted: &str) -> bool {
    stream.into_iter().any(|t| match t {
        TokenTree::Ident(i) => i == wanted,
        TokenTree::Group(g) => names_ident(g.stream(), wanted),
        _ => false,
    })
}

/// Every file naming a layer it may not, as `file names module`.
fn violations(src: &Path) -> Vec<String> {
    let mut files = Vec::new();
    rust_files(src, &mut files);
    files.sort();
    let mut found = Vec::new();
    for file in files {
        let module = module_of(src, &file);
        let Some(top) = module.first() else { continue };
        let text = std::fs::read_to_string(&file).unwrap();
        let tokens: TokenStream = text
            .parse()
            .unwrap_or_else(|e| panic!("{}: {e:?}", file.display()));
        if top != "store" && names_ident(tokens.clone(), "rusqlite") {
            found.push(format!(
                "{} names rusqlite (SQL belongs in store/)",
                file.strip_prefix(src).unwrap().display()
            ));
        }
        let mut named = BTreeSet::new();
        named_modules(tokens, &module, &mut named);
        for bad in forbidden(top) {
            if named.contains(*bad) {
                found.push(format!(
                    "{} names crate::{bad}",
                    file.strip_prefix(src).unwrap().display()
                ));
            }
        }
    }
    found
}

#[test]
fn no_layer_names_a_layer_above_it() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let found = violations(&src);
    assert!(found.is_empty(), "layering broken:\n{}", found.join("\n"));
}

#[test]
fn every_top_level_module_has_a_place() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let known = [
        "cli", "mcp", "ops", "engine", "store", "data", "config", "output", "logging", "lib",
        "main",
    ];
    for entry in std::fs::read_dir(&src).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_stem().unwrap().to_string_lossy().into_owned();
        assert!(
            known.contains(&name.as_str()) || BOTTOM.contains(&name.as_str()),
            "src/{name} is in no layer: add it to tests/layers.rs"
        );
    }
}

#[test]
fn the_scanner_sees_every_form_of_path() {
    let names = |text: &str, module: &[&str]| {
        let module: Vec<String> = module.iter().map(|s| (*s).to_owned()).collect();
        let mut out = BTreeSet::new();
        named_modules(text.parse().unwrap(), &module, &mut out);
        out.into_iter().collect::<Vec<_>>()
    };
    assert_eq!(
        names("use crate::{error::X, ops::{a, b}};", &["engine"]),
        ["error", "ops"]
    );
    assert_eq!(names("fn f() { crate::mcp::x(); }", &["store"]), ["mcp"]);
    assert_eq!(
        names("let v = json!({\"a\": crate::cli::y()});", &["data"]),
        ["cli"]
    );
    assert_eq!(
        names("use super::super::ops::call::Call;", &["engine", "node"]),
        ["ops"]
    );
    assert_eq!(
        names("use super::session::Session;", &["engine", "node"]),
        [""; 0]
    );
    assert_eq!(
        names(
            "mod tests { use super::super::super::ops::x; }",
            &["engine", "node"]
        ),
        ["ops"]
    );
    assert_eq!(names("pub(super) fn f() {}", &["store"]), [""; 0]);
    // Comments and other crates' paths do not count.
    assert_eq!(
        names(
            "// crate::ops\nuse nautilus_model::ops::x; use std::ops::Deref;",
            &["store"]
        ),
        [""; 0]
    );
    let found = {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("store")).unwrap();
        std::fs::write(
            dir.path().join("store/node.rs"),
            "use crate::{error::OpResult, ops::context::Context};",
        )
        .unwrap();
        violations(dir.path())
    };
    assert_eq!(found, ["store/node.rs names crate::ops"]);
    let found = {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("ops")).unwrap();
        std::fs::write(
            dir.path().join("ops/order.rs"),
            "fn f(c: &rusqlite::Connection) { c.execute_batch(\"BEGIN\").unwrap(); }",
        )
        .unwrap();
        violations(dir.path())
    };
    assert_eq!(
        found,
        ["ops/order.rs names rusqlite (SQL belongs in store/)"]
    );
}
