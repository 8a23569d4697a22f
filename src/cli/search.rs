//! `argkb search WORDS`: the nodes that hold every word.

use std::io::Write;

use super::Error;
use super::output::colour_stdout;
use super::session::{Outcome, Session};
use crate::query::{self, OutputFormat};

// The arguments; the subcommand's help text is on its `Command` variant.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Words that must all occur.
    #[arg(required = true, num_args = 1..)]
    pub text: Vec<String>,
    /// Output: aligned text for people, or JSON for programs.
    #[arg(long, value_enum, default_value_t)]
    pub format: OutputFormat,
}

pub fn run(args: Args, session: &Session, out: &mut dyn Write) -> Result<Outcome, Error> {
    let kb = session.load()?;
    let hits = query::search::search(&kb.loaded.graph, &args.text.join(" "))?;
    let marks = if colour_stdout(session.color) {
        query::search::Marks::ANSI
    } else {
        query::search::Marks::PLAIN
    };
    query::search::write_marked(&hits, args.format, marks, out)?;
    kb.finish(out, Vec::new())
}
