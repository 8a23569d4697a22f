//! Finding a node by the id a user typed, and the error a question asked
//! of the graph fails with: an unknown id (with the closest id, ids that
//! contain it, or a search to try), an empty answer, or a malformed
//! argument.

use thiserror::Error;

use super::{ArgGraph, Node};
use crate::diagnostic::did_you_mean;

#[derive(Debug, Error, PartialEq, Eq)]
pub enum QueryError {
    /// The id names no node (exit 1).
    #[error(
        "no node has the id `{id}` in {kb}{}; to query another KB, give --kb FILE or set ARGKB_KB",
        hint(.suggestion)
    )]
    UnknownId {
        id: String,
        /// The KB searched.
        kb: String,
        suggestion: Option<String>,
    },
    /// The query ran and found nothing (exit 1).
    #[error("{0}")]
    NothingFound(String),
    /// An argument the CLI could not check by itself is malformed (exit 2).
    #[error("{0}")]
    BadArgument(String),
}

fn hint(s: &Option<String>) -> String {
    s.as_ref().map(|s| format!("; {s}")).unwrap_or_default()
}

/// What to suggest for an unknown id: the closest id, else ids that
/// contain it, else a search.
fn suggestion(graph: &ArgGraph, id: &str) -> Option<String> {
    if let Some(best) = did_you_mean(id, graph.ids()) {
        return Some(format!("did you mean `{best}`?"));
    }
    let needle = id.to_lowercase();
    if needle.chars().count() < 3 || needle.len() > 128 {
        return None;
    }
    let containing: Vec<&str> = graph
        .ids()
        .into_iter()
        .filter(|i| i.to_lowercase().contains(&needle))
        .take(6)
        .collect();
    match containing.as_slice() {
        [] => Some(format!(
            "to look for it in the texts: `argkb search {needle}`"
        )),
        many => Some(format!(
            "ids containing it: {}{}",
            many.iter()
                .take(5)
                .map(|i| format!("`{i}`"))
                .collect::<Vec<_>>()
                .join(", "),
            if many.len() > 5 { ", …" } else { "" }
        )),
    }
}

/// Looks up a node, suggesting the closest id when there is none.
pub fn find<'g>(graph: &'g ArgGraph, id: &str) -> Result<&'g Node, QueryError> {
    graph.node(id).ok_or_else(|| QueryError::UnknownId {
        id: crate::diagnostic::clip(id, 128),
        kb: graph.name.clone(),
        suggestion: suggestion(graph, id),
    })
}
