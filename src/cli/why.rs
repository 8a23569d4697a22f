//! `argkb why ID`: the support tree beneath a node, with its attackers.

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
    /// How many levels of support to show (default: all).
    #[arg(long, value_name = "N")]
    pub depth: Option<usize>,
    /// Show at most N nodes of the support (0: all); the rest are counted.
    #[arg(long, value_name = "N", default_value_t = query::why::DEFAULT_LIMIT)]
    pub limit: usize,
    /// Output: aligned text for people, or JSON for programs.
    #[arg(long, value_enum, default_value_t)]
    pub format: OutputFormat,
}

pub fn run(args: Args, session: &Session, out: &mut dyn Write) -> Result<Outcome, Error> {
    let kb = session.load()?;
    let answer = query::why::why(&kb.loaded.graph, &args.id, args.depth, args.limit)?;
    answer.write(args.format, out)?;
    let mut notes = Vec::new();
    if answer.not_shown > 0 {
        notes.push(format!(
            "note: {} more node{} of the support not shown (raise --limit, or 0 for all)",
            answer.not_shown,
            plural(answer.not_shown)
        ));
    }
    kb.finish(out, notes)
}
