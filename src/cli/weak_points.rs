//! `argkb weak-points`: where the argument is weakest.

use std::io::Write;

use super::Error;
use super::output::plural;
use super::session::{Outcome, Session};
use crate::query::{self, OutputFormat};

// The arguments; the subcommand's help text is on its `Command` variant.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Whose case: what the source's author holds (the default when a
    /// source names its author), or all.
    #[arg(long, value_enum)]
    pub side: Option<query::side::Side>,
    /// Output: aligned text for people, or JSON for programs.
    #[arg(long, value_enum, default_value_t)]
    pub format: OutputFormat,
}

pub fn run(args: Args, session: &Session, out: &mut dyn Write) -> Result<Outcome, Error> {
    let kb = session.load()?;
    let graph = &kb.loaded.graph;
    let side = query::side::Side::or_default(args.side, graph);
    let w = query::weak::weak_points(graph, side)?;
    w.write(graph, args.format, out)?;
    let mut notes = Vec::new();
    if w.other_side > 0 {
        notes.push(format!(
            "note: {} node{} the author does not hold not examined (--side all)",
            w.other_side,
            plural(w.other_side)
        ));
    }
    kb.finish(out, notes)
}
