//! `argkb man [SUBCOMMAND]`: the man page (roff), or a subcommand's.

use std::io::Write;

use clap::CommandFactory;

use super::Cli;
use super::error::Error;
use super::session::{Outcome, Session};

// The arguments; the subcommand's help text is on its `Command` variant.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The subcommand whose page to print (its page is argkb-SUBCOMMAND(1)).
    pub subcommand: Option<String>,
}

pub fn run(args: Args, _session: &Session, out: &mut dyn Write) -> Result<Outcome, Error> {
    let cmd = Cli::command();
    let page = match args.subcommand.as_deref() {
        None => cmd,
        Some(name) => {
            let names: Vec<String> = cmd
                .get_subcommands()
                .map(|c| c.get_name().to_string())
                .collect();
            let Some(sub) = cmd.find_subcommand(name) else {
                return Err(Error::Usage(format!(
                    "no subcommand `{name}`; the pages are: {}",
                    names.join(", ")
                )));
            };
            // The page's name, as the main page's SEE ALSO gives it.
            sub.clone().name(format!("argkb-{name}"))
        }
    };
    clap_mangen::Man::new(page).render(out)?;
    Ok(Outcome::default())
}
