//! `argkb completions SHELL`: a shell completion script; bash's also
//! completes node ids from the KB in use.

use std::io::Write;

use clap::CommandFactory;

use super::error::Error;
use super::session::{Outcome, Session};
use super::{BASH_IDS, Cli};

// The arguments; the subcommand's help text is on its `Command` variant.
#[derive(Debug, clap::Args)]
pub struct Args {
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}

pub fn run(args: Args, _session: &Session, out: &mut dyn Write) -> Result<Outcome, Error> {
    // Generated into memory first: the generator panics on a closed pipe
    // (`argkb completions bash | head`).
    let mut script = Vec::new();
    clap_complete::generate(args.shell, &mut public_command(), "argkb", &mut script);
    if args.shell == clap_complete::Shell::Bash {
        script.extend_from_slice(BASH_IDS.as_bytes());
    }
    out.write_all(&script)?;
    out.flush()?;
    Ok(Outcome::default())
}

/// The command line as users see it: without hidden subcommands (`ids`,
/// which the bash completion script calls but nobody types), for
/// completion scripts.
fn public_command() -> clap::Command {
    let full = Cli::command();
    let mut cmd = clap::Command::new(full.get_name().to_string())
        .version(full.get_version().map(str::to_string).unwrap_or_default());
    for a in full.get_arguments() {
        cmd = cmd.arg(a.clone());
    }
    for sub in full.get_subcommands().filter(|s| !s.is_hide_set()) {
        cmd = cmd.subcommand(sub.clone());
    }
    cmd
}
