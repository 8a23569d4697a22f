//! `argkb coverage`: for each paragraph of the source, the nodes anchored
//! there and the sentences no quote touches.

use std::io::Write;

use super::error::Error;
use super::session::{Outcome, Session};
use super::texts::{no_source_note, source_texts};
use crate::query::{self, OutputFormat, QueryError};

// The arguments; the subcommand's help text is on its `Command` variant.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The text of a source: FILE for a KB with one source, ID=FILE for
    /// source ID (repeatable); by default the `text` paths in the KB.
    #[arg(long, value_name = "[ID=]FILE")]
    pub source: Vec<String>,
    /// Exit 1 when a sentence is neither covered nor deliberately omitted.
    #[arg(long)]
    pub deny_uncovered: bool,
    /// Output: aligned text for people, or JSON for programs.
    #[arg(long, value_enum, default_value_t)]
    pub format: OutputFormat,
}

pub fn run(args: Args, session: &Session, out: &mut dyn Write) -> Result<Outcome, Error> {
    let kb = session.load()?;
    let loaded = &kb.loaded;
    let texts = source_texts(loaded, &args.source)?;
    if texts.is_empty() {
        // Nothing was compared: not a success. A KB without a source has
        // nothing to cover (exit 1); one whose text was not given needs it
        // (exit 2).
        let note = no_source_note(loaded);
        let why = note.trim_start_matches("note: ").to_string();
        return Err(if loaded.graph.sources.is_empty() {
            Error::Query(QueryError::NothingFound(why))
        } else {
            Error::Usage(format!("coverage compares the KB with its text: {why}"))
        });
    }
    let reports: Vec<_> = texts
        .iter()
        .map(|(id, doc)| query::coverage::coverage(&loaded.graph, doc, id))
        .collect();
    query::coverage::write_all(&reports, args.format, out)?;
    let uncovered: usize = reports.iter().map(|r| r.uncovered()).sum();
    if args.deny_uncovered && uncovered > 0 {
        out.flush()?;
        return Err(Error::Uncovered(uncovered));
    }
    kb.finish(out, Vec::new())
}
