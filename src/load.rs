//! The whole path from an input to a graph: read, parse, validate, build.
//!
//! This is the only way commands obtain an `ArgGraph`, so every command sees
//! the same diagnostics and none can run on an invalid KB.

use thiserror::Error;

use crate::diagnostic::Diagnostic;
use crate::graph::ArgGraph;
use crate::parse::parse;
use crate::source::{Input, InputError, SourceText};
use crate::spans::SpanIndex;
use crate::validate::validate;

/// A KB that loaded: its text, its graph and any warnings.
#[derive(Debug)]
pub struct Loaded {
    pub source: SourceText,
    /// Positions of values in `source`, for diagnostics after loading.
    pub spans: SpanIndex,
    pub graph: ArgGraph,
    pub warnings: Vec<Diagnostic>,
}

#[derive(Debug, Error)]
pub enum LoadError {
    /// The text could not be read at all (exit code 2).
    #[error(transparent)]
    Input(#[from] InputError),
    /// The text was read but is not a valid KB (exit code 1).
    #[error("{}: {}", file.name, crate::diagnostic::count(diagnostics))]
    Invalid {
        file: SourceText,
        /// Errors and warnings, sorted by position.
        diagnostics: Vec<Diagnostic>,
    },
}

/// Reads and loads a KB.
pub fn load(input: &Input) -> Result<Loaded, LoadError> {
    load_text(SourceText::read(input)?)
}

/// Reads and loads a KB of at most `max_bytes`.
pub fn load_limited(input: &Input, max_bytes: u64) -> Result<Loaded, LoadError> {
    load_text(SourceText::read_limited(input, max_bytes)?)
}

/// Loads a KB from text already in memory.
pub fn load_text(source: SourceText) -> Result<Loaded, LoadError> {
    let kb = match parse(&source) {
        Ok(kb) => kb,
        Err(diagnostics) => {
            return Err(LoadError::Invalid {
                file: source,
                diagnostics,
            });
        }
    };
    let spans = SpanIndex::scan(&source.text);
    let mut diagnostics = validate(&kb, &spans);
    if diagnostics.iter().any(Diagnostic::is_error) {
        // Warnings on a broken KB are mostly echoes of its errors.
        diagnostics.retain(Diagnostic::is_error);
        return Err(LoadError::Invalid {
            file: source,
            diagnostics,
        });
    }
    Ok(Loaded {
        source,
        spans,
        graph: ArgGraph::from_validated(kb),
        warnings: diagnostics,
    })
}
