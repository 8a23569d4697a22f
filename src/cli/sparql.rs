//! `argkb sparql QUERY`: SPARQL 1.1 on the KB's RDF, in process or at an
//! endpoint.

use std::io::{self, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::time::Duration;

use super::error::Error;
use super::session::{Outcome, Session, kb_files};
use crate::graph::find::QueryError;
use crate::load::LoadError;
use crate::rdf::disk;
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
    /// Where the query runs: memory (a store built for this query), disk
    /// (an on-disk store built once per KB content and reused, with the
    /// Oxigraph CLI), or auto (disk for KB files of 4 MB or more when the
    /// Oxigraph CLI is installed).
    #[arg(long, value_enum, default_value_t)]
    pub store: StoreKind,
    /// Keep the on-disk stores in DIR (default: the user's cache folder).
    #[arg(long, value_name = "DIR")]
    pub store_dir: Option<PathBuf>,
}

/// Where `sparql` runs a query.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum StoreKind {
    /// disk for KB files of 4 MB or more when the Oxigraph CLI is here
    #[default]
    Auto,
    /// an in-memory store built for this query
    Memory,
    /// an on-disk store built once per KB content and reused
    Disk,
}

/// From this size of KB files on, `--store auto` uses the disk store
/// (building the in-memory store takes about a second there).
const AUTO_DISK_BYTES: u64 = 4 << 20;

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
    let base = crate::rdf::Base::new(&args.base).map_err(Error::Usage)?;
    let (name, text) = query_text(
        args.query.clone(),
        args.file.as_deref(),
        session.max_kb_size,
    )?;
    if let Some((cli, files)) = disk_store(&args, session)? {
        return run_on_disk(
            &cli, &files, &args, &base, &name, &text, timeout, session, out,
        );
    }
    let kb = session.load()?;
    let store = sparql::store(&kb.loaded.graph, &base)?;
    let answer = sparql::run(&store, &name, &text, &base, timeout)?;
    write_answer(&answer, args.format, &base, out)?;
    kb.finish(out, Vec::new())
}

/// The Oxigraph CLI and the KB files when the query runs on the disk
/// store.
fn disk_store(args: &Args, session: &Session) -> Result<Option<(PathBuf, Vec<PathBuf>)>, Error> {
    if args.store == StoreKind::Memory {
        return Ok(None);
    }
    let inputs = session.inputs()?;
    let files = kb_files(&inputs);
    // Standard input and the built-in essay have no files to key a store.
    let all_files = !inputs.is_empty() && files.len() >= inputs.len();
    if args.store == StoreKind::Auto {
        let bytes: u64 = files
            .iter()
            .filter_map(|f| std::fs::metadata(f).ok())
            .map(|m| m.len())
            .sum();
        if !all_files || bytes < AUTO_DISK_BYTES {
            return Ok(None);
        }
        return Ok(disk::oxigraph_cli().map(|cli| (cli, files)));
    }
    if !all_files {
        return Err(Error::Usage(
            "--store disk needs KB files (the built-in KB and standard input have none to key a store)".into(),
        ));
    }
    let cli = disk::oxigraph_cli().ok_or_else(|| {
        Error::Usage(
            "--store disk needs the Oxigraph CLI, which was not found (hint: pip install oxigraph, or set ARGKB_OXIGRAPH to its path)".into(),
        )
    })?;
    Ok(Some((cli, files)))
}

/// Runs the query on the KB's on-disk store, building it first if this
/// KB content has none.
#[allow(clippy::too_many_arguments)]
fn run_on_disk(
    cli: &Path,
    files: &[PathBuf],
    args: &Args,
    base: &crate::rdf::Base,
    name: &str,
    text: &str,
    timeout: Duration,
    session: &Session,
    out: &mut dyn Write,
) -> Result<Outcome, Error> {
    let root = match &args.store_dir {
        Some(dir) => dir.clone(),
        None => disk::default_root().ok_or_else(|| {
            Error::Usage("no cache folder (HOME is not set): give --store-dir DIR".into())
        })?,
    };
    let dir = root.join(disk::key(files, base)?);
    let mut notes = Vec::new();
    // The KB is read when its store is built, and always under
    // --deny-warnings, whose check a store alone cannot make.
    if session.deny_warnings && dir.is_dir() {
        super::session::release(session.load()?);
    }
    if !dir.is_dir() {
        let kb = session.load()?;
        let start = std::time::Instant::now();
        disk::build(&kb.loaded.graph, base, &dir, cli)?;
        notes.push(format!(
            "built the query store {} in {:.1} s; later queries on this KB content reuse it",
            dir.display(),
            start.elapsed().as_secs_f64()
        ));
        super::session::release(kb);
    }
    let answer = disk::run(&dir, cli, name, text, base, timeout)?;
    write_answer(&answer, args.format, base, out)?;
    Ok(Outcome::notes(notes))
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
