//! The layering rule, checked on the source tree: every module of the
//! crate sits on a floor (`FLOORS`, bottom first) and imports only from
//! floors below its own. Code inside `#[cfg(test)]` modules may reach
//! anywhere (a test of the graph loads a KB); clippy's
//! `items_after_test_module` keeps those modules last in their files, so
//! everything after one is test code.
//!
//! The same walk draws docs/architecture.dot, the picture in
//! docs/ARCHITECTURE.md: `ARGKB_UPDATE_DOCS=1 cargo test --lib floors`
//! redraws it (and its SVG, through `sys::graphviz`).

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// The floors, bottom first; the modules on one floor are siblings that
/// must not import each other.
const FLOORS: &[&[&str]] = &[
    &["sys"],
    &["diagnostic"],
    &["ron"],
    &["model"],
    &["validate"],
    &["graph"],
    &["load"],
    &["provenance"],
    &["af"],
    &["query"],
    &["rdf"],
    &["export", "import", "diff"],
    &["lsp"],
    &["cli"],
];

/// What each floor holds, for the picture.
const ROLES: &[(&str, &str)] = &[
    ("sys", "input, watch, interrupt, Graphviz"),
    ("diagnostic", "located problems, did-you-mean"),
    ("ron", "lexer, reader, span index, writer"),
    ("model", "serde types, parse, synthetic KBs"),
    ("validate", "the format's rules, by family"),
    ("graph", "petgraph + id index, views, JSON shape"),
    ("load", "inputs → validated graph"),
    ("provenance", "source text, quote checks"),
    ("af", "Dung frameworks, semantics, ICCMA"),
    ("query", "one file per question"),
    ("rdf", "triples, SPARQL"),
    ("export", "one file per format"),
    ("import", "AIF, Argdown, plain text → RON"),
    ("diff", "two KBs compared"),
    ("lsp", "the language server"),
    ("cli", "one file per command"),
];

fn floor_of(module: &str) -> Option<usize> {
    FLOORS.iter().position(|f| f.contains(&module))
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .expect("src/ is readable")
        .map(|e| e.expect("a directory entry").path())
        .collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            rust_files(&p, out);
        } else if p.extension().is_some_and(|e| e == "rs") {
            out.push(p);
        }
    }
}

/// The top-level module a file of `src/` belongs to (`graph/json.rs` →
/// `graph`); `None` for the crate root and this file.
fn module_of(src: &Path, file: &Path) -> Option<String> {
    let rel = file.strip_prefix(src).ok()?;
    let first = rel.components().next()?.as_os_str().to_str()?;
    let name = first.strip_suffix(".rs").unwrap_or(first);
    (!matches!(name, "lib" | "main" | "floors")).then(|| name.to_string())
}

/// The code of a file outside its test module.
fn shipped(text: &str) -> &str {
    text.find("\n#[cfg(test)]\nmod ")
        .map_or(text, |i| &text[..i])
}

/// The top-level modules a piece of code names as `crate::m`.
fn imports(code: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for (i, _) in code.match_indices("crate::") {
        if i > 0 && code[..i].ends_with(|c: char| c.is_alphanumeric() || c == '_') {
            continue;
        }
        let rest = &code[i + "crate::".len()..];
        let name: String = rest
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_')
            .collect();
        if !name.is_empty() {
            out.insert(name);
        }
    }
    out
}

/// Every (importer, imported, file) of the crate's shipped code.
fn arrows() -> Vec<(String, String, String)> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    let mut out = Vec::new();
    for file in files {
        let Some(module) = module_of(&src, &file) else {
            continue;
        };
        let text = std::fs::read_to_string(&file).expect("a source file is readable");
        for used in imports(shipped(&text)) {
            if used != module {
                let shown = file.strip_prefix(&src).unwrap().display().to_string();
                out.push((module.clone(), used, shown));
            }
        }
    }
    out
}

#[test]
fn every_import_runs_down() {
    let mut wrong = Vec::new();
    for (from, to, file) in arrows() {
        match (floor_of(&from), floor_of(&to)) {
            (Some(f), Some(t)) if t < f => {}
            (None, _) => wrong.push(format!("src/{file}: module `{from}` is on no floor")),
            (_, None) => wrong.push(format!("src/{file}: `crate::{to}` is on no floor")),
            _ => wrong.push(format!(
                "src/{file}: `{from}` imports `{to}`, on its floor or above"
            )),
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn the_checker_sees_an_upward_import() {
    let code = "use crate::graph::ArgGraph;\nfn f() { crate::query::find(); }\n\
                #[cfg(test)]\nmod tests { use crate::cli::run; }";
    let found = imports(shipped(code));
    assert_eq!(found, BTreeSet::from(["graph".into(), "query".into()]));
    assert!(imports("my_crate::cli::x").is_empty());
    assert!(floor_of("query") > floor_of("graph"));
    assert_eq!(floor_of("export"), floor_of("import"));
}

#[test]
fn every_module_is_on_a_floor_and_has_a_role() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    for file in &files {
        if let Some(m) = module_of(&src, file) {
            assert!(floor_of(&m).is_some(), "{m} is on no floor");
        }
        let text = std::fs::read_to_string(file).unwrap();
        assert!(
            text.starts_with("//!"),
            "{} does not open with a //! paragraph saying what it owns",
            file.display()
        );
    }
    for floor in FLOORS {
        for m in *floor {
            assert!(ROLES.iter().any(|(r, _)| r == m), "{m} has no role");
        }
    }
}

/// The picture: one box a module, floors as ranks, an arrow for each
/// pair of modules where one imports the other.
fn picture() -> String {
    let mut edges: BTreeMap<(String, String), usize> = BTreeMap::new();
    for (from, to, _) in arrows() {
        *edges.entry((from, to)).or_default() += 1;
    }
    let mut dot = String::from(
        "// Drawn from the crate's imports by src/floors.rs; do not edit.\n\
         digraph floors {\n  rankdir=BT;\n  newrank=true;\n  nodesep=0.25;\n  ranksep=0.35;\n  \
         node [shape=box, style=\"rounded,filled\", fillcolor=\"#f5f5f0\", fontname=\"Helvetica\", fontsize=11];\n  \
         edge [color=\"#888888\", arrowsize=0.6];\n",
    );
    for (i, floor) in FLOORS.iter().enumerate() {
        dot.push_str(&format!("  {{ rank=same; // floor {i}\n"));
        for m in *floor {
            let role = ROLES.iter().find(|(r, _)| r == m).map_or("", |(_, d)| d);
            dot.push_str(&format!(
                "    \"{m}\" [label=<<b>{m}/</b><br/><font point-size=\"9\">{}</font>>];\n",
                role.replace('&', "&amp;")
                    .replace('<', "&lt;")
                    .replace('>', "&gt;")
            ));
        }
        dot.push_str("  }\n");
    }
    // Each floor stands on the one below it, whatever the imports say.
    for pair in FLOORS.windows(2) {
        dot.push_str(&format!(
            "  \"{}\" -> \"{}\" [style=invis];\n",
            pair[1][0], pair[0][0]
        ));
    }
    for ((from, to), _) in edges {
        dot.push_str(&format!("  \"{from}\" -> \"{to}\";\n"));
    }
    dot.push_str("}\n");
    dot
}

#[test]
fn docs_picture_is_current() {
    let docs = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs");
    let want = picture();
    let path = docs.join("architecture.dot");
    if std::env::var_os("ARGKB_UPDATE_DOCS").is_some() {
        std::fs::write(&path, &want).unwrap();
        let svg = crate::sys::graphviz::render(
            want.as_bytes(),
            crate::sys::graphviz::ImageFormat::Svg,
            std::time::Duration::from_secs(60),
        )
        .expect("Graphviz draws the picture");
        std::fs::write(docs.join("architecture.svg"), svg).unwrap();
    }
    let have = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        have == want,
        "docs/architecture.dot is out of date: run `ARGKB_UPDATE_DOCS=1 cargo test --lib floors`"
    );
}
