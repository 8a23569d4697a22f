//! `argkb path FROM TO`: how one node leads to another.

use std::io::Write;

use super::Error;
use super::options::RelKindParser;
use super::output::plural;
use super::session::{Outcome, Session};
use crate::model::{NodeKind, RelKind};
use crate::query::{self, OutputFormat, QueryError};

// The arguments; the subcommand's help text is on its `Command` variant.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Where the path starts (a node id).
    pub from: String,
    /// Where the path ends (a node id).
    pub to: String,
    /// Every simple path up to --max-len, shortest first.
    #[arg(long)]
    pub all: bool,
    /// With --all: the longest path to consider.
    #[arg(long, value_name = "N", default_value_t = 6)]
    pub max_len: usize,
    /// With --all: stop after this many paths (and say so).
    #[arg(long, value_name = "N", default_value_t = 100)]
    pub limit: usize,
    /// Follow only relations of this kind (repeatable; default: the
    /// argument's own relations, supports, attacks, undercuts,
    /// premise, conclusion and rephrases).
    #[arg(long, value_name = "KIND", value_parser = RelKindParser)]
    pub rel: Vec<RelKind>,
    /// Follow actors' relations too (asserts, says, about, member_of,
    /// …); implied when an end is an actor.
    #[arg(long)]
    pub actors: bool,
    /// Output: aligned text for people, or JSON for programs.
    #[arg(long, value_enum, default_value_t)]
    pub format: OutputFormat,
}

pub fn run(args: Args, session: &Session, out: &mut dyn Write) -> Result<Outcome, Error> {
    let kb = session.load()?;
    let graph = &kb.loaded.graph;
    let (from, to, limit) = (&args.from, &args.to, args.limit);
    // By default a path runs along the argument: a chain through an actor
    // (claim → China → claim) says nothing about how one claim bears on
    // another.
    let is_actor = |id: &str| graph.node(id).map(|n| n.kind()) == Some(NodeKind::Actor);
    let narrowed = args.rel.is_empty() && !args.actors && !is_actor(from) && !is_actor(to);
    let rel = if narrowed {
        RelKind::ARGUMENT.to_vec()
    } else {
        args.rel
    };
    let find = |rel: &[RelKind]| {
        if args.all {
            query::path::all(graph, from, to, rel, args.max_len, limit)
        } else {
            query::path::shortest(graph, from, to, rel).map(|p| (vec![p], true))
        }
    };
    let (paths, complete) = match find(&rel) {
        // The same search over every relation would find one.
        Err(QueryError::NothingFound(m)) if narrowed && find(&[]).is_ok() => {
            return Err(QueryError::NothingFound(format!(
                "{m}; a chain through actors' relations exists: add --actors"
            ))
            .into());
        }
        other => other?,
    };
    query::path::write(&paths, complete, args.format, out)?;
    let mut notes = Vec::new();
    if !complete && paths.len() == limit {
        notes.push(format!(
            "note: stopped after {limit} path{}; more exist (raise --limit)",
            plural(limit)
        ));
    } else if !complete {
        notes.push(
            "note: the search reached its step budget; more paths may exist (lower --max-len or add --rel)"
                .to_string(),
        );
    }
    kb.finish(out, notes)
}
