//! `argkb eval`: which claims stand, under an argumentation semantics.

use std::io::Write;

use super::Error;
use super::session::{Outcome, Session};
use crate::af::from_kb::Support;
use crate::af::semantics::Semantics;
use crate::query::eval::Assumption;
use crate::query::{self, OutputFormat};

// The arguments; the subcommand's help text is on its `Command` variant.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The semantics.
    #[arg(long, value_enum, default_value_t = Semantics::Grounded)]
    pub semantics: Semantics,
    /// How support takes part.
    #[arg(long, value_enum, default_value_t)]
    pub support: Support,
    /// Why this node is in, out or undecided (grounded labels).
    #[arg(long, value_name = "ID")]
    pub explain: Option<String>,
    /// What if this node were struck: leave it out (repeatable; the
    /// same as --assume ID=out).
    #[arg(long, value_name = "ID")]
    pub remove: Vec<String>,
    /// What if this node were granted (`ID=in`: nothing can defeat it)
    /// or struck (`ID=out`); shows the labels that change (repeatable).
    #[arg(long, value_name = "ID=in|out")]
    pub assume: Vec<Assumption>,
    /// List the extensions too.
    #[arg(long)]
    pub all: bool,
    /// At most this many extensions are enumerated.
    #[arg(long, value_name = "N", default_value_t = 100)]
    pub limit: usize,
    /// Output: aligned text for people, or JSON for programs.
    #[arg(long, value_enum, default_value_t)]
    pub format: OutputFormat,
}

pub fn run(args: Args, session: &Session, out: &mut dyn Write) -> Result<Outcome, Error> {
    let kb = session.load()?;
    let graph = &kb.loaded.graph;
    let mut assume = args.assume;
    assume.extend(
        args.remove
            .into_iter()
            .map(|id| Assumption { id, granted: false }),
    );
    let ev =
        query::eval::evaluate_assuming(graph, args.semantics, args.support, &assume, args.limit)?;
    match args.explain {
        Some(id) => {
            query::find(graph, &id)?;
            ev.explanation(graph, &id, 6)?.write(args.format, out)?;
        }
        None => ev.write(graph, args.all, args.format, out)?,
    }
    kb.finish(out, Vec::new())
}
