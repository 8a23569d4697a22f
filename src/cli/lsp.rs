//! `argkb lsp`: the Language Server Protocol on standard input and output,
//! for editors (docs/EDITORS.md). `--kb` names the files that form one KB
//! (a document among them is checked with the others); any other
//! document is a KB of its own.

use std::io::{self, Write};

use super::error::Error;
use super::session::{Outcome, Session};
use crate::lsp::{Options, serve};

// The arguments; the subcommand's help text is on its `Command` variant.
#[derive(Debug, clap::Args)]
pub struct Args {}

pub fn run(_args: Args, session: &Session, _out: &mut dyn Write) -> Result<Outcome, Error> {
    let options = Options {
        kb: session.kb.clone(),
    };
    let input = Box::new(io::BufReader::new(io::stdin()));
    match serve(input, Box::new(io::stdout()), options)? {
        0 => Ok(Outcome::default()),
        _ => Err(Error::Ended(
            "the client ended the session without `shutdown`".into(),
        )),
    }
}
