//! `argkb export`: the graph, or the part a view selects, in one of the
//! formats other tools read.

use std::io::Write;
use std::path::PathBuf;

use super::error::Error;
use super::map::{Made, MapOptions, Target, write_map};
use super::options::{DotArgs, ViewArgs};
use super::output::pick_format;
use super::session::{Outcome, Session};
use crate::export::Format;

// The arguments; the subcommand's help text is on its `Command` variant.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Output format (default: from the -o file's extension, else json).
    #[arg(long, value_enum)]
    pub format: Option<Format>,
    /// Write to FILE instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// The RDF formats' base IRI for the KB's ids (ends in / or #).
    #[arg(long, value_name = "IRI", default_value = crate::rdf::DEFAULT_BASE)]
    pub base: String,
    /// The text of a source, for the html page: `FILE`, or `ID=FILE`
    /// with several sources (repeatable; default: the KB's `text` paths).
    #[arg(long = "text", value_name = "[ID=]FILE")]
    pub sources: Vec<String>,
    #[command(flatten)]
    pub view: ViewArgs,
    #[command(flatten)]
    pub dot: DotArgs,
}

pub fn run(args: Args, session: &Session, out: &mut dyn Write) -> Result<Outcome, Error> {
    let kb = session.load()?;
    let base = crate::rdf::Base::new(&args.base).map_err(Error::Usage)?;
    let format = pick_format(
        "export",
        args.format,
        args.output.as_deref(),
        Format::Json,
        Format::from_extension,
        Format::fits_extension,
    )?;
    let target = Target {
        output: args.output.as_deref(),
        inputs: &kb.inputs,
    };
    let made = MapOptions {
        view: args.view,
        dot: args.dot,
        texts: args.sources,
        timeout: 60,
        base,
    };
    let notes = write_map(&kb.loaded, Made::Export(format), &made, &target, out)?;
    kb.finish(out, notes)
}
