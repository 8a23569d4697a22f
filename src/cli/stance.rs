//! `argkb stance ACTOR`: what an actor holds, opposes and is asked to do.

use std::io::Write;

use super::Error;
use super::session::{Outcome, Session};
use crate::query::{self, OutputFormat};

// The arguments; the subcommand's help text is on its `Command` variant.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The actor's id, e.g. `china`.
    pub actor: String,
    /// Output: aligned text for people, or JSON for programs.
    #[arg(long, value_enum, default_value_t)]
    pub format: OutputFormat,
}

pub fn run(args: Args, session: &Session, out: &mut dyn Write) -> Result<Outcome, Error> {
    let kb = session.load()?;
    let graph = &kb.loaded.graph;
    query::stance::stance(graph, &args.actor)?.write(graph, args.format, out)?;
    kb.finish(out, Vec::new())
}
