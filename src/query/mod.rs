//! Questions asked of a validated `ArgGraph`, each answered as a value that
//! renders either as text for people or as JSON for programs.
//!
//! An empty answer or an unknown id is a `QueryError`, never an empty
//! success, so the CLI can exit 1 with a message.

use std::io::{self, Write};

use thiserror::Error;

use crate::diagnostic::did_you_mean;
use crate::graph::{ArgGraph, Node};

pub mod coverage;
pub mod filter;
pub mod list;
pub mod path;
pub mod show;
pub mod stats;

/// How an answer is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum OutputFormat {
    /// aligned text for people
    #[default]
    Text,
    /// pretty-printed JSON for programs
    Json,
}

#[derive(Debug, Error, PartialEq, Eq)]
pub enum QueryError {
    /// The id names no node (exit 1).
    #[error("no node has the id `{id}`{}", hint(.suggestion))]
    UnknownId {
        id: String,
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
    s.as_ref()
        .map(|s| format!("; did you mean `{s}`?"))
        .unwrap_or_default()
}

/// Looks up a node, suggesting the closest id when there is none.
pub fn find<'g>(graph: &'g ArgGraph, id: &str) -> Result<&'g Node, QueryError> {
    graph.node(id).ok_or_else(|| QueryError::UnknownId {
        id: id.to_string(),
        suggestion: did_you_mean(id, graph.ids()).map(str::to_string),
    })
}

/// Writes a JSON value pretty-printed with a final newline.
pub fn write_json(out: &mut dyn Write, value: &serde_json::Value) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, value)?;
    out.write_all(b"\n")
}

/// Collapses runs of whitespace so that one node's text stays on one line.
pub fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}
