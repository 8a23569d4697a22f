//! `argkb ids` (hidden): every node id of the KB, one a line, for the
//! bash completion script.

use std::io::Write;

use super::error::Error;
use super::session::{Outcome, Session};

pub fn run(session: &Session, out: &mut dyn Write) -> Result<Outcome, Error> {
    let kb = session.load()?;
    for id in kb.loaded.graph.ids() {
        writeln!(out, "{id}")?;
    }
    kb.finish(out, Vec::new())
}
