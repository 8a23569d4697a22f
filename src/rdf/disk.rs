//! The persistent query store of `argkb sparql`: the KB's RDF loaded once
//! into an on-disk Oxigraph store (RocksDB, built and queried by the
//! Oxigraph CLI, `oxigraph`, which `pip install oxigraph` provides) and
//! reused by every later query on the same KB content.
//!
//! A store is named by a SHA-256 of what its triples depend on: argkb's
//! version, the base IRI and the bytes of each KB file in order (not their
//! paths: a moved KB keeps its store). An edit gives a new name, so a
//! stale store is never read. A store is built in a temporary folder
//! beside its final place and renamed into it when complete, so a build
//! that is stopped leaves nothing another query would take for a store.
//! The stores live in a cache folder (`$ARGKB_CACHE_DIR`, else
//! `$XDG_CACHE_HOME/argkb`, else `~/.cache/argkb`), under `stores/`,
//! never beside the user's KB unless a folder is named.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Duration;

use sha2::{Digest, Sha256};

use super::sparql::{Answer, Outgoing, SparqlError, read_answer};
use super::{Base, Graphs, quads};
use crate::graph::ArgGraph;
use crate::graph::select::View;
use crate::sys::child::{self, ChildError};

/// The Oxigraph CLI: `$ARGKB_OXIGRAPH`, else `oxigraph` on the PATH, if
/// it runs.
pub fn oxigraph_cli() -> Option<PathBuf> {
    let program = std::env::var_os("ARGKB_OXIGRAPH")
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("oxigraph"));
    Command::new(&program)
        .arg("--version")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
        .then_some(program)
}

/// The folder the stores are kept in unless one is named.
pub fn default_root() -> Option<PathBuf> {
    let var = |name: &str| std::env::var_os(name).filter(|v| !v.is_empty());
    let cache = var("ARGKB_CACHE_DIR")
        .map(PathBuf::from)
        .or_else(|| var("XDG_CACHE_HOME").map(|d| PathBuf::from(d).join("argkb")))
        .or_else(|| var("HOME").map(|h| PathBuf::from(h).join(".cache/argkb")))?;
    Some(cache.join("stores"))
}

/// The revision of the KB-to-RDF mapping, in every store's name: raise it
/// whenever `rdf::quads` gives other triples for the same KB, so that no
/// build reads a store of the old triples.
const RDF_REVISION: &str = "rdf-1";

/// The name of the store for the KB files `files` under `base`.
pub fn key(files: &[PathBuf], base: &Base) -> std::io::Result<String> {
    // Each field is its length, then its bytes: no two lists of fields
    // hash alike by shifting a boundary.
    let mut hash = Sha256::new();
    for field in [env!("CARGO_PKG_VERSION"), RDF_REVISION, base.kb().as_str()] {
        hash.update((field.len() as u64).to_le_bytes());
        hash.update(field.as_bytes());
    }
    // Files are read a block at a time, never held whole.
    let mut block = vec![0; 1 << 20];
    for file in files {
        let mut f = std::fs::File::open(file)?;
        hash.update(f.metadata()?.len().to_le_bytes());
        let mut read = 0u64;
        loop {
            let n = f.read(&mut block)?;
            if n == 0 {
                break;
            }
            read += n as u64;
            hash.update(&block[..n]);
        }
        // A file that changes while it is read has no stable name.
        if read != f.metadata()?.len() {
            return Err(std::io::Error::other(format!(
                "`{}` changed while it was read",
                file.display()
            )));
        }
    }
    Ok(hash.finalize().iter().map(|b| format!("{b:02x}")).collect())
}

/// Why the store could not be built.
fn build_error(what: &str, e: impl std::fmt::Display) -> SparqlError {
    SparqlError::Evaluation(format!("building the query store: {what}: {e}"))
}

/// Builds the store of `graph` at `dir` (which must not exist yet) with
/// the Oxigraph CLI `cli`.
pub fn build(graph: &ArgGraph, base: &Base, dir: &Path, cli: &Path) -> Result<(), SparqlError> {
    let parent = dir.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(parent).map_err(|e| build_error(&parent.display().to_string(), e))?;
    let building = parent.join(format!(
        ".{}.building-{}",
        dir.file_name().and_then(|n| n.to_str()).unwrap_or("store"),
        std::process::id()
    ));
    let _ = std::fs::remove_dir_all(&building);
    let result = (|| {
        let mut child = Command::new(cli)
            .args(["load", "--format", "application/n-quads", "--location"])
            .arg(&building)
            .stdin(Stdio::piped())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .map_err(|e| build_error(&cli.display().to_string(), e))?;
        let stdin = child.stdin.take().expect("piped");
        let mut writer = std::io::BufWriter::with_capacity(1 << 20, stdin);
        let sel = View::default()
            .select(graph)
            .expect("the default view selects the whole KB");
        let mut serializer =
            oxigraph::io::RdfSerializer::from_format(oxigraph::io::RdfFormat::NQuads)
                .for_writer(&mut writer);
        let written = quads(graph, &sel, base, Graphs::PerSource, &mut |q| {
            serializer.serialize_quad(&q)
        });
        let written = written.and_then(|()| serializer.finish().map(|_| ()));
        let flushed = written.and_then(|()| writer.flush());
        drop(writer);
        let output = child
            .wait_with_output()
            .map_err(|e| build_error("oxigraph load", e))?;
        if !output.status.success() {
            return Err(build_error(
                "oxigraph load failed",
                String::from_utf8_lossy(&output.stderr).trim(),
            ));
        }
        flushed.map_err(|e| build_error("writing the triples", e))?;
        match std::fs::rename(&building, dir) {
            Ok(()) => Ok(()),
            // Another query built the same store meanwhile: theirs stands.
            Err(_) if dir.is_dir() => Ok(()),
            Err(e) => Err(build_error(&dir.display().to_string(), e)),
        }
    })();
    let _ = std::fs::remove_dir_all(&building);
    result
}

/// Runs `text` on the store at `dir`, stopping it after `timeout`.
pub fn run(
    dir: &Path,
    cli: &Path,
    name: &str,
    text: &str,
    base: &Base,
    timeout: Duration,
) -> Result<Answer, SparqlError> {
    let outgoing = Outgoing::new(name, text, base)?;
    let media = if outgoing.graph_form {
        "application/n-triples"
    } else {
        "application/sparql-results+json"
    };
    let fail = |message: String| SparqlError::Evaluation(message);
    let mut command = Command::new(cli);
    command
        .args([
            "query",
            "--union-default-graph",
            "--results-format",
            media,
            "--location",
        ])
        .arg(dir);
    // The query goes on stdin: no length limit, nothing in process lists.
    let done = child::run(command, outgoing.text.into_bytes(), timeout).map_err(|e| match e {
        ChildError::TimedOut => SparqlError::Timeout(timeout.as_secs()),
        ChildError::Spawn(e) | ChildError::Io(e) => fail(format!("{}: {e}", cli.display())),
    })?;
    if !done.status.success() {
        return Err(fail(format!(
            "the query store ({}) failed: {}",
            dir.display(),
            done.stderr
        )));
    }
    read_answer(media, &done.stdout, &fail)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_key_follows_content_base_and_order_not_paths() {
        let dir = std::env::temp_dir().join(format!("argkb-disk-key-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let (a, b, c) = (dir.join("a.ron"), dir.join("b.ron"), dir.join("c.ron"));
        std::fs::write(&a, "one").unwrap();
        std::fs::write(&b, "two").unwrap();
        std::fs::write(&c, "one").unwrap();
        let base = Base::new(crate::rdf::DEFAULT_BASE).unwrap();
        let other = Base::new("http://example.org/kb/").unwrap();
        let k = |files: &[PathBuf], base: &Base| key(files, base).unwrap();
        let ab = k(&[a.clone(), b.clone()], &base);
        assert_eq!(ab.len(), 64);
        assert_eq!(
            ab,
            k(&[c.clone(), b.clone()], &base),
            "same bytes, other path"
        );
        assert_ne!(ab, k(&[b.clone(), a.clone()], &base), "order counts");
        assert_ne!(ab, k(&[a.clone(), b.clone()], &other), "the base counts");
        // Field lengths are hashed: "one"+"two" is not "onet"+"wo".
        std::fs::write(&c, "onet").unwrap();
        std::fs::write(&a, "wo").unwrap();
        assert_ne!(ab, k(&[c.clone(), a.clone()], &base));
        std::fs::write(&b, "two!").unwrap();
        assert_ne!(k(&[c, b.clone()], &base), ab, "an edit changes the key");
        assert!(key(&[dir.join("missing.ron")], &base).is_err());
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
