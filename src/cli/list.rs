//! `argkb list`: the nodes that pass a filter.

use std::io::Write;

use super::Error;
use super::options::FilterArgs;
use super::session::{Outcome, Session};
use crate::query::{self, OutputFormat};

// The arguments; the subcommand's help text is on its `Command` variant.
#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    pub filter: FilterArgs,
    /// Output: aligned text for people, or JSON for programs.
    #[arg(long, value_enum, default_value_t)]
    pub format: OutputFormat,
}

pub fn run(args: Args, session: &Session, out: &mut dyn Write) -> Result<Outcome, Error> {
    let kb = session.load()?;
    let graph = &kb.loaded.graph;
    let nodes = query::list::list(graph, &args.filter.into())?;
    query::list::write(graph, &nodes, args.format, out)?;
    kb.finish(out, Vec::new())
}
