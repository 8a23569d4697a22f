//! `argkb why ID`: the support tree beneath a node, with its attackers.

use std::io::Write;

use super::Error;
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
    /// Output: aligned text for people, or JSON for programs.
    #[arg(long, value_enum, default_value_t)]
    pub format: OutputFormat,
}

pub fn run(args: Args, session: &Session, out: &mut dyn Write) -> Result<Outcome, Error> {
    let kb = session.load()?;
    query::why::why(&kb.loaded.graph, &args.id, args.depth)?.write(args.format, out)?;
    kb.finish(out, Vec::new())
}
