//! `argkb sparql QUERY`: SPARQL 1.1 on the KB's RDF, in process or at an
//! endpoint.

use std::io::{self, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::time::Duration;

use super::error::Error;
use super::session::{Outcome, Session};
use crate::graph::find::QueryError;
use crate::load::LoadError;
use crate::rdf::sparql::{self, Answer, ResultsFormat};
use crate::sys::input::{Input, SourceText};

// The arguments; the subcommand's help text is on its `Command` variant.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The query text.
    #[arg(required_unless_present = "file", conflicts_with = "file")]
    pub query: Option<String>,
    /// Read the query from FILE (`-` for standard input).
    #[arg(short = 'f', long = "file", value_name = "FILE")]
    pub file: Option<PathBuf>,
    /// Results format (default: table on a terminal, else tsv;
    /// CONSTRUCT and DESCRIBE: turtle).
    #[arg(long, value_enum)]
    pub format: Option<ResultsFormat>,
    /// Stop the query after this many seconds.
    #[arg(long, value_name = "SECS", default_value_t = 60, value_parser = clap::value_parser!(u64).range(1..))]
    pub timeout: u64,
    /// Send the query to this SPARQL 1.1 endpoint instead of the
    /// embedded store (the KB is not read).
    #[arg(long, value_name = "URL")]
    pub endpoint: Option<String>,
    /// The base IRI of the KB's ids (`kb:`; ends in / or #).
    #[arg(long, value_name = "IRI", default_value = crate::rdf::DEFAULT_BASE)]
    pub base: String,
    #[command(flatten)]
    pub auth: super::options::AuthArgs,
}

pub fn run(args: Args, session: &Session, out: &mut dyn Write) -> Result<Outcome, Error> {
    let timeout = Duration::from_secs(args.timeout);
    if let Some(url) = &args.endpoint {
        // The KB is not read.
        let base = crate::rdf::Base::new(&args.base).map_err(Error::Usage)?;
        let (name, text) = query_text(args.query, args.file.as_deref(), session.max_kb_size)?;
        let server = args.auth.server(timeout)?;
        let answer = sparql::run_remote(url, &name, &text, &base, &server)?;
        write_answer(&answer, args.format, &base, out)?;
        return Ok(Outcome::default());
    }
    let kb = session.load()?;
    let base = crate::rdf::Base::new(&args.base).map_err(Error::Usage)?;
    let (name, text) = query_text(args.query, args.file.as_deref(), session.max_kb_size)?;
    let store = sparql::store(&kb.loaded.graph, &base)?;
    let answer = sparql::run(&store, &name, &text, &base, timeout)?;
    write_answer(&answer, args.format, &base, out)?;
    kb.finish(out, Vec::new())
}

/// The query of `argkb sparql`, from the command line or a file, with the
/// name messages give it.
fn query_text(
    query: Option<String>,
    file: Option<&Path>,
    max_size: u64,
) -> Result<(String, String), Error> {
    match (query, file) {
        (Some(q), _) => Ok(("<query>".into(), q)),
        (None, Some(path)) => {
            let text = SourceText::read_limited(&Input::from_arg(Some(path)), max_size)
                .map_err(LoadError::from)?;
            Ok((text.name.clone(), text.text.clone()))
        }
        (None, None) => Err(Error::Usage("give a query, or -f FILE".into())),
    }
}

/// Writes a SPARQL answer (by default a table on a terminal, TSV to a
/// pipe, Turtle for triples);
/// an empty one is "nothing found" (exit 1), after its header is written.
fn write_answer(
    answer: &Answer,
    format: Option<ResultsFormat>,
    base: &crate::rdf::Base,
    out: &mut dyn Write,
) -> Result<(), Error> {
    let format =
        format.unwrap_or_else(|| ResultsFormat::default_for(answer, io::stdout().is_terminal()));
    sparql::write(answer, format, base, out)?;
    out.flush()?;
    if answer.is_empty() {
        return Err(Error::Query(QueryError::NothingFound(
            match answer {
                Answer::Boolean(_) => "the answer is no",
                Answer::Graph(_) => "the query built no triple",
                Answer::Solutions { .. } => "no solution",
            }
            .into(),
        )));
    }
    Ok(())
}
