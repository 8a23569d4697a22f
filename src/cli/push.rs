//! `argkb push --endpoint URL`: load the KB into a SPARQL server's Graph
//! Store, one named graph per source.

use std::io::{IsTerminal, Write};
use std::time::Duration;

use super::Error;
use super::output::plural;
use super::session::{Outcome, Session};
use crate::rdf::push::{self, Mode};

// The arguments; the subcommand's help text is on its `Command` variant.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The server's Graph Store HTTP Protocol URL (Oxigraph:
    /// http://HOST:7878/store; Fuseki: http://HOST:3030/DATASET/data).
    #[arg(long, value_name = "URL")]
    pub endpoint: String,
    /// replace: each of the KB's graphs replaces the server's graph of
    /// that name; merge: add to what the server holds.
    #[arg(long, value_enum, default_value_t)]
    pub mode: Mode,
    /// Send at most N triples per request.
    #[arg(long, value_name = "N", default_value_t = push::DEFAULT_CHUNK, value_parser = clap::builder::RangedU64ValueParser::<usize>::new().range(1..))]
    pub chunk: usize,
    /// Give up on a request after this many seconds.
    #[arg(long, value_name = "SECS", default_value_t = 300, value_parser = clap::value_parser!(u64).range(1..))]
    pub timeout: u64,
    #[command(flatten)]
    pub auth: super::options::AuthArgs,
    /// The base IRI of the KB's ids (`kb:`; ends in / or #).
    #[arg(long, value_name = "IRI", default_value = crate::rdf::DEFAULT_BASE)]
    pub base: String,
}

pub fn run(args: Args, session: &Session, out: &mut dyn Write) -> Result<Outcome, Error> {
    let base = crate::rdf::Base::new(&args.base).map_err(Error::Usage)?;
    let server = args.auth.server(Duration::from_secs(args.timeout))?;
    let kb = session.load()?;
    // A progress line on a terminal; nothing in a pipe or a log.
    let terminal = std::io::stderr().is_terminal();
    let mut last = 0;
    let mut progress = |sent: usize, total: usize| {
        let percent = (sent * 100).checked_div(total).unwrap_or(100);
        if terminal && percent != last {
            last = percent;
            eprint!("\rpushing: {sent}/{total} triples ({percent}%)");
        }
    };
    let result = push::push(
        &kb.loaded.graph,
        &base,
        &server,
        &args.endpoint,
        args.mode,
        args.chunk,
        &mut progress,
    );
    if terminal && last > 0 {
        eprintln!();
    }
    let report = result?;
    for (iri, n) in &report.graphs {
        writeln!(out, "{n}\t{iri}")?;
    }
    let notes = vec![format!(
        "pushed {} triple{} in {} graph{} ({} request{}, {})",
        report.triples,
        plural(report.triples),
        report.graphs.len(),
        plural(report.graphs.len()),
        report.requests,
        plural(report.requests),
        match args.mode {
            Mode::Replace => "each graph replaced",
            Mode::Merge => "merged into the server's graphs",
        }
    )];
    kb.finish(out, notes)
}
