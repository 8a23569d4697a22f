//! `argkb search WORDS`: the nodes that hold every word.

use std::io::{self, IsTerminal, Write};

use super::session::{Outcome, Session};
use super::{ColorWhen, Error};
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
    let colour = match session.color {
        ColorWhen::Always => true,
        ColorWhen::Never => false,
        ColorWhen::Auto => io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none(),
    };
    let marks = if colour {
        query::search::Marks::ANSI
    } else {
        query::search::Marks::PLAIN
    };
    query::search::write_marked(&hits, args.format, marks, out)?;
    kb.finish(out, Vec::new())
}
