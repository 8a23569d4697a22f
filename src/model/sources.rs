//! The sources of a KB's files, in order, each with its id and where it is
//! written: what validation checks references against and the graph keeps.

use super::{KnowledgeBase, Source};
use crate::diagnostic::FileId;

/// A source of the KB, with where it is written.
#[derive(Debug, Clone, PartialEq)]
pub struct SourceEntry {
    /// Its id: as written, or `source` for the only, unnamed one.
    pub id: String,
    pub source: Source,
    /// The file it is written in.
    pub file: FileId,
    /// Its position in that file's `sources`, or `None` for `meta.source`.
    pub index: Option<usize>,
}

/// The id a source without one goes by (only possible when it is the only
/// source of the KB).
pub const DEFAULT_SOURCE_ID: &str = "source";

/// Every source of the KB files, in order, with its id (as written, or
/// `DEFAULT_SOURCE_ID`).
pub fn source_entries(kbs: &[KnowledgeBase]) -> Vec<SourceEntry> {
    let mut out = Vec::new();
    for (file, kb) in kbs.iter().enumerate() {
        // `meta.source` first (no position), then `sources[i]`.
        let meta = kb.meta.as_ref().and_then(|m| m.source.as_ref());
        let listed = kb.sources.iter().enumerate().map(|(i, s)| (Some(i), s));
        for (index, src) in meta.map(|s| (None, s)).into_iter().chain(listed) {
            out.push(SourceEntry {
                id: src
                    .id
                    .clone()
                    .unwrap_or_else(|| DEFAULT_SOURCE_ID.to_string()),
                source: src.clone(),
                file,
                index,
            });
        }
    }
    out
}
