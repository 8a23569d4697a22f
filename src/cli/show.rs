//! `argkb show ID`: one node, every field and relation.

use std::io::Write;

use super::Error;
use super::session::{Outcome, Session};
use crate::query::{self, OutputFormat};

// The arguments; the subcommand's help text is on its `Command` variant.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The node's id.
    pub id: String,
    /// Output: aligned text for people, or JSON for programs.
    #[arg(long, value_enum, default_value_t)]
    pub format: OutputFormat,
}

pub fn run(args: Args, session: &Session, out: &mut dyn Write) -> Result<Outcome, Error> {
    let kb = session.load()?;
    query::show::show(&kb.loaded.graph, &args.id)?.write(args.format, out)?;
    kb.finish(out, Vec::new())
}
