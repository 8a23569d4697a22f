//! `argkb challenges ID`: everything that speaks against a node.

use std::io::Write;

use super::Error;
use super::output::plural;
use super::session::{Outcome, Session};
use crate::query::{self, OutputFormat};

// The arguments; the subcommand's help text is on its `Command` variant.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The node's id (from `argkb list` or `argkb search`).
    #[arg(value_name = "ID", value_hint = clap::ValueHint::Other)]
    pub id: String,
    /// List at most N challenges, nearest first (0: all).
    #[arg(long, value_name = "N", default_value_t = query::challenges::DEFAULT_LIMIT)]
    pub limit: usize,
    /// Whose case: attacks on what the source's author holds (the
    /// default when a source names its author), or all.
    #[arg(long, value_enum)]
    pub side: Option<query::side::Side>,
    /// Only the attacks nothing answers (no preference for the target,
    /// no counter-attack on the attacker).
    #[arg(long)]
    pub unanswered: bool,
    /// Output: aligned text for people, or JSON for programs.
    #[arg(long, value_enum, default_value_t)]
    pub format: OutputFormat,
}

pub fn run(args: Args, session: &Session, out: &mut dyn Write) -> Result<Outcome, Error> {
    let kb = session.load()?;
    let graph = &kb.loaded.graph;
    let side = query::side::Side::or_default(args.side, graph);
    let found = query::challenges::challenges(graph, &args.id, args.limit, side, args.unanswered)?;
    query::challenges::write(graph, &found.found, args.format, out)?;
    let mut notes = Vec::new();
    let more = found.total - found.found.len();
    if more > 0 {
        notes.push(format!(
            "note: {more} more challenge{} not shown (raise --limit, or 0 for all)",
            plural(more)
        ));
    }
    if found.other_side > 0 {
        notes.push(format!(
            "note: {} attack{} on views the author does not hold not shown (--side all)",
            found.other_side,
            plural(found.other_side)
        ));
    }
    if found.answered > 0 {
        notes.push(format!(
            "note: {} answered attack{} not shown (drop --unanswered)",
            found.answered,
            plural(found.answered)
        ));
    }
    kb.finish(out, notes)
}
