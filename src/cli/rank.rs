//! `argkb rank`: which claims and recommendations carry the most weight.

use std::io::Write;

use clap::builder::TypedValueParser as _;

use super::Error;
use super::session::{Outcome, Session};
use crate::query::rank::{Approximation, Measure};
use crate::query::{self, OutputFormat};

// The arguments; the subcommand's help text is on its `Command` variant.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The measure.
    #[arg(long, value_enum, default_value_t)]
    pub by: Measure,
    /// Estimation: with --by betweenness, K sampled source nodes
    /// (default: exact up to 2,000 nodes, else 256, fewer on large
    /// graphs, at least 16); with --by
    /// support-reach, sketches of size K (default: exact while cheap,
    /// else 64). 0: exact.
    #[arg(long, value_name = "K")]
    pub samples: Option<usize>,
    /// How many to list (at least 1).
    #[arg(long, value_name = "N", default_value_t = 10, value_parser = clap::value_parser!(u64).range(1..).map(|n| n as usize))]
    pub top: usize,
    /// Output: aligned text for people, or JSON for programs.
    #[arg(long, value_enum, default_value_t)]
    pub format: OutputFormat,
}

pub fn run(args: Args, session: &Session, out: &mut dyn Write) -> Result<Outcome, Error> {
    let kb = session.load()?;
    let graph = &kb.loaded.graph;
    let (ranked, approximation) = query::rank::rank_with(graph, args.by, args.top, args.samples)?;
    let mut notes = Vec::new();
    match approximation {
        Some(Approximation::SampledSources(k)) => notes.push(format!(
            "note: betweenness estimated from {k} of {} source nodes (seeded; --samples 0 computes it exactly)",
            graph.node_count()
        )),
        Some(Approximation::Sketches(k)) => notes.push(format!(
            "note: support-reach estimated from bottom-{k} sketches (about {:.0}% error above {k}; exact below; seeded; --samples 0 computes it exactly)",
            100.0 / ((k.max(3) - 2) as f64).sqrt()
        )),
        None => {}
    }
    query::rank::write(&ranked, args.by, args.format, out)?;
    if args.format == OutputFormat::Text {
        notes.push(format!("note: {}", query::rank::explain(args.by)));
    }
    kb.finish(out, notes)
}
