//! `argkb neighbors ID`: the nodes within N relations of one node.

use std::io::Write;

use clap::builder::TypedValueParser as _;

use super::Error;
use super::options::RelKindParser;
use super::session::{Outcome, Session};
use crate::model::RelKind;
use crate::query::neighbors::Dir;
use crate::query::{self, OutputFormat};

// The arguments; the subcommand's help text is on its `Command` variant.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The node's id (from `argkb list` or `argkb search`).
    #[arg(value_name = "ID", value_hint = clap::ValueHint::Other)]
    pub id: String,
    /// How many relations away to go (at least 1).
    #[arg(long, value_name = "N", default_value_t = 1, value_parser = clap::value_parser!(u64).range(1..).map(|n| n as usize))]
    pub depth: usize,
    /// Follow only relations of this kind (repeatable).
    #[arg(long, value_name = "KIND", value_parser = RelKindParser)]
    pub rel: Vec<RelKind>,
    /// Which way to follow relations.
    #[arg(long, value_enum, default_value_t)]
    pub dir: Dir,
    /// Output: aligned text for people, or JSON for programs.
    #[arg(long, value_enum, default_value_t)]
    pub format: OutputFormat,
}

pub fn run(args: Args, session: &Session, out: &mut dyn Write) -> Result<Outcome, Error> {
    let kb = session.load()?;
    let graph = &kb.loaded.graph;
    let found = query::neighbors::neighbors(graph, &args.id, args.depth, &args.rel, args.dir)?;
    let center = graph.node(&args.id).map_or(args.id.as_str(), |n| n.id());
    query::neighbors::write(center, &found, args.format, out)?;
    kb.finish(out, Vec::new())
}
