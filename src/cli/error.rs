//! Why a command did not succeed, and the exit code each reason stands
//! for (1: the KB is invalid or the answer empty; 2: usage or I/O).

use std::io;
use std::path::PathBuf;

use thiserror::Error;

use crate::diagnostic::Diagnostic;
use crate::graph::find::QueryError;
use crate::load::LoadError;
use crate::sys::graphviz::RenderError;
use crate::sys::input::SourceText;

/// Why a command did not succeed.
#[derive(Debug, Error)]
pub enum Error {
    #[error(transparent)]
    Load(#[from] LoadError),
    #[error(transparent)]
    Query(#[from] QueryError),
    /// Warnings under `--deny-warnings`.
    #[error(
        "{}: {} denied by --deny-warnings",
        crate::load::names(files),
        crate::diagnostic::count_with(diagnostics, *more)
    )]
    Denied {
        files: Vec<SourceText>,
        /// The first warnings, in report order.
        diagnostics: Vec<Diagnostic>,
        /// Warnings found but not kept.
        more: usize,
    },
    #[error(
        "{0} sentence{s} of the source {verb} neither covered nor omitted",
        s = if *.0 == 1 { "" } else { "s" },
        verb = if *.0 == 1 { "is" } else { "are" }
    )]
    Uncovered(usize),
    #[error(
        "refusing to write to `{0}`: argkb never overwrites a KB file (the one being read, or any .ron file)"
    )]
    WouldOverwriteKb(PathBuf),
    #[error(
        "refusing to run: standard output is `{0}`, a file this command reads; the answer would be written into it (redirect to another file)"
    )]
    StdoutIsInput(PathBuf),
    #[error("cannot write `{path}`: {source}")]
    Output {
        path: PathBuf,
        #[source]
        source: io::Error,
    },
    #[error(transparent)]
    Render(#[from] RenderError),
    /// Problems already written to standard output (as JSON) (exit 1).
    #[error("{0} (listed on standard output)")]
    Reported(String),
    #[error(transparent)]
    Import(#[from] crate::import::ImportError),
    #[error(transparent)]
    Sparql(#[from] crate::rdf::sparql::SparqlError),
    #[error(transparent)]
    Push(#[from] crate::rdf::push::PushError),
    /// Problems of an import under --strict (exit 1).
    #[error("{} problem{} under --strict; nothing written:\n  {}", .0.len(), if .0.len() == 1 { "" } else { "s" }, .0.join("\n  "))]
    Strict(Vec<String>),
    /// The language server's client left without `shutdown` (exit 1,
    /// as the protocol asks).
    #[error("{0}")]
    Ended(String),
    /// `diff`: a side that is not a valid KB (exit 2, with its
    /// diagnostics).
    #[error("cannot compare: {0}")]
    InvalidSide(LoadError),
    /// `diff`: the KBs differ (exit 1, nothing more to say).
    #[error("the KBs differ")]
    Differs,
    /// Arguments that make no sense together (exit 2).
    #[error("{0}")]
    Usage(String),
    #[error("{0}")]
    Io(#[from] io::Error),
}

impl Error {
    /// The exit code this error stands for.
    pub fn exit_code(&self) -> u8 {
        match self {
            Error::Load(LoadError::Invalid { .. })
            | Error::Denied { .. }
            | Error::Uncovered(_)
            | Error::Reported(_)
            | Error::Strict(_)
            | Error::Ended(_)
            | Error::Differs
            | Error::Import(_) => 1,
            Error::Query(QueryError::UnknownId { .. } | QueryError::NothingFound(_)) => 1,
            _ => 2,
        }
    }

    /// Writing to a closed pipe: the reader has all it wanted.
    pub fn is_broken_pipe(&self) -> bool {
        matches!(self, Error::Io(e) if e.kind() == io::ErrorKind::BrokenPipe)
    }
}
