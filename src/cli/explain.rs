//! `argkb explain [CODE]`: the long form of a diagnostic code (what it
//! means, an example, the fix), as `rustc --explain` gives; without a
//! code, every code with its one-line summary.

use std::io::Write;

use super::error::Error;
use super::session::{Outcome, Session};
use crate::diagnostic::Code;
use crate::diagnostic::suggest::did_you_mean;

// The arguments; the subcommand's help text is on its `Command` variant.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The code, as a diagnostic shows it: `unknown-id` (or
    /// `error[unknown-id]`). Without one, every code is listed.
    #[arg(value_name = "CODE")]
    pub code: Option<String>,
}

pub fn run(args: Args, _session: &Session, out: &mut dyn Write) -> Result<Outcome, Error> {
    let Some(given) = args.code else {
        let width = Code::all().map(|c| c.name().len()).max().unwrap_or(0);
        for c in Code::all() {
            let severity = c.severity().name();
            writeln!(out, "{:width$}  {severity:7}  {}", c.name(), c.summary())?;
        }
        return Ok(Outcome::default());
    };
    // `error[unknown-id]`, as copied from a diagnostic, names the code too.
    let name = given
        .trim()
        .trim_start_matches("error[")
        .trim_start_matches("warning[")
        .trim_end_matches(']');
    let Some(code) = Code::from_name(name) else {
        let hint = did_you_mean(name, Code::all().map(Code::name))
            .map(|b| format!("did you mean `{b}`?"))
            .unwrap_or_else(|| "`argkb explain` lists them".to_string());
        return Err(Error::Usage(format!(
            "no diagnostic has the code `{}`; {hint}",
            crate::diagnostic::clip(name, 60)
        )));
    };
    writeln!(
        out,
        "{}[{}]: {} (found by: {})\n\n{}",
        code.severity().name(),
        code.name(),
        code.summary(),
        code.family(),
        code.explanation()
    )?;
    Ok(Outcome::default())
}
