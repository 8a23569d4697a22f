//! The source texts a command compares the KB with: those named on the
//! command line (`FILE` for the only source, `ID=FILE` for any) and those
//! whose `text` path the KB gives, each read and cut to its body.

use std::path::{Path, PathBuf};

use super::error::Error;
use crate::diagnostic::Code;
use crate::diagnostic::{Diagnostic, Loc};
use crate::load::{LoadError, Loaded};
use crate::model::sources::SourceEntry;
use crate::provenance::{BodyError, SourceDoc};
use crate::ron::spans::Seg;
use crate::sys::input::{Input, SourceText};

/// Says why nothing was checked against a text.
pub fn no_source_note(loaded: &Loaded) -> String {
    if loaded.graph.sources.is_empty() {
        format!(
            "note: {} names no source text; nothing to check (a KB of your own argument needs none)",
            loaded.name()
        )
    } else {
        "note: no source text available; give --source FILE (or ID=FILE), or a `text:` path in the Source".to_string()
    }
}

/// The source texts to check: those named on the command line (`FILE` for
/// the only source, `ID=FILE` for any) and those whose `text` path the KB
/// gives (relative to the file that names it), each cut to its body.
pub fn source_texts(loaded: &Loaded, args: &[String]) -> Result<Vec<(String, SourceDoc)>, Error> {
    let graph = &loaded.graph;
    let ids: Vec<&str> = graph.sources.iter().map(|s| s.id.as_str()).collect();
    let mut chosen: Vec<(String, PathBuf)> = Vec::new();
    for arg in args {
        let (id, path) = match arg.split_once('=') {
            Some((id, path)) if ids.contains(&id) => (id.to_string(), PathBuf::from(path)),
            Some((id, _)) if !Path::new(arg).exists() => {
                return Err(Error::Usage(format!(
                    "--source {arg}: no source has the id `{id}`; the KB's sources are {}",
                    if ids.is_empty() {
                        "none".to_string()
                    } else {
                        ids.iter()
                            .map(|i| format!("`{i}`"))
                            .collect::<Vec<_>>()
                            .join(", ")
                    }
                )));
            }
            _ => match ids.as_slice() {
                [] => continue,
                [only] => (only.to_string(), PathBuf::from(arg)),
                _ => {
                    return Err(Error::Usage(format!(
                        "--source {arg}: the KB has {} sources; say which: --source ID={arg} (one of {})",
                        ids.len(),
                        ids.join(", ")
                    )));
                }
            },
        };
        chosen.retain(|(i, _)| *i != id);
        chosen.push((id, path));
    }
    for entry in &graph.sources {
        let Some(text) = &entry.source.text else {
            continue;
        };
        if chosen.iter().any(|(i, _)| *i == entry.id) {
            continue;
        }
        let kb_file = &loaded.files[entry.file];
        let base = Path::new(&kb_file.name)
            .parent()
            .filter(|_| !crate::load::is_builtin(&loaded.files))
            .unwrap_or(Path::new("."));
        chosen.push((entry.id.clone(), base.join(text)));
    }
    let mut out = Vec::new();
    for (id, path) in chosen {
        let entry = graph.source(&id).expect("ids come from the graph");
        out.push((id.clone(), source_doc(loaded, entry, &path)?));
    }
    Ok(out)
}

/// Reads one source's text and cuts out its body paragraphs.
pub fn source_doc(loaded: &Loaded, entry: &SourceEntry, path: &Path) -> Result<SourceDoc, Error> {
    let text = SourceText::read(&Input::File(path.to_path_buf())).map_err(LoadError::from)?;
    let body = entry.source.body.as_ref();
    SourceDoc::parse(&text, body.map(|b| (b.first.as_str(), b.last.as_str()))).map_err(|e| {
        let base: Vec<Seg<'static>> = match entry.index {
            None => vec![Seg::Field("meta"), Seg::Field("source")],
            Some(i) => vec![Seg::Field("sources"), Seg::Index(i)],
        };
        let at = |field| {
            let mut p = base.clone();
            p.extend([Seg::Field("body"), Seg::Field(field)]);
            loaded
                .spans()
                .get(entry.file)
                .and_then(|s| s.nearest(&p))
                .map(|r| Loc::new(entry.file, r))
        };
        let d = match e {
            BodyError::NotFound { which, words } => Diagnostic::error(
                Code::MissingQuote,
                format!("no paragraph of {} begins with `{words}`", text.name),
            )
            .at(
                at(which),
                format!("opening words of the {which} body paragraph"),
            )
            .help("copy the first words of the paragraph from the source text"),
            BodyError::Reversed => Diagnostic::error(
                Code::MissingQuote,
                format!(
                    "in {}, the last body paragraph comes before the first",
                    text.name
                ),
            )
            .at(at("last"), "comes before `first`"),
        };
        Error::Load(LoadError::Invalid {
            files: loaded.files.clone(),
            diagnostics: vec![d],
        })
    })
}

/// The source texts a KB names (`text` paths, relative to its file).
pub fn source_text_paths(loaded: &Loaded) -> Vec<PathBuf> {
    if crate::load::is_builtin(&loaded.files) {
        return Vec::new();
    }
    loaded
        .graph
        .sources
        .iter()
        .filter_map(|e| {
            let text = e.source.text.as_ref()?;
            let dir = Path::new(&loaded.files[e.file].name).parent()?;
            Some(dir.join(text))
        })
        .collect()
}
