//! `argkb diff OLD NEW`: what changed in the argument between two KBs
//! (files or folders): nodes, relations, sources and the labels that flip.
//! Exit status as diff(1): 0 equal, 1 different, 2 trouble. `--git` takes
//! the seven arguments git gives an external diff driver (docs/DIFF.md).

use std::io::Write;
use std::path::{Path, PathBuf};

use super::error::Error;
use super::output::colour_stdout;
use super::session::{Outcome, Session};
use crate::af::from_kb::Support;
use crate::af::semantics::Semantics;
use crate::diff::{diff, write};
use crate::load::{LoadError, Loaded, Warnings, load_all_with, load_text};
use crate::query::OutputFormat;
use crate::sys::input::{Input, SourceText};

// The arguments; the subcommand's help text is on its `Command` variant.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The old and the new KB (files or folders); with --git, the seven
    /// arguments git passes (path, old file, old hash, old mode, new file,
    /// new hash, new mode).
    #[arg(required = true, num_args = 2..=7, value_name = "OLD NEW")]
    pub files: Vec<PathBuf>,
    /// The semantics whose labels are compared.
    #[arg(long, value_enum, default_value_t = Semantics::Grounded)]
    pub semantics: Semantics,
    /// How support takes part in the evaluation.
    #[arg(long, value_enum, default_value_t)]
    pub support: Support,
    /// Leave the labels out (no evaluation: on a KB of 10^6 nodes most of
    /// the time goes to evaluating both sides).
    #[arg(long)]
    pub no_labels: bool,
    /// Only the counts, on one line.
    #[arg(long)]
    pub stat: bool,
    /// Run as git's external diff driver: the seven arguments git passes,
    /// a header per file, and exit 0 whatever the difference (git stops on
    /// any other status).
    #[arg(long)]
    pub git: bool,
    /// Output: grouped text for people, or JSON for programs.
    #[arg(long, value_enum, default_value_t)]
    pub format: OutputFormat,
}

/// A side of the comparison; git's `/dev/null` is the empty KB.
fn side(path: &Path, max: u64) -> Result<Loaded, LoadError> {
    if path == Path::new("/dev/null") {
        return load_text(SourceText::new("/dev/null", "KnowledgeBase()"));
    }
    // Errors only: warnings say nothing of what changed.
    load_all_with(&[Input::from_arg(Some(path))], max, Warnings::Skip)
}

pub fn run(args: Args, session: &Session, out: &mut dyn Write) -> Result<Outcome, Error> {
    let (name, old, new) = match (args.git, args.files.as_slice()) {
        (false, [old, new]) => (None, old, new),
        (true, [path, old, _, _, new, _, _]) => (Some(path), old, new),
        (true, _) => {
            return Err(Error::Usage(
                "--git takes the seven arguments git passes an external diff driver".into(),
            ));
        }
        (false, _) => return Err(Error::Usage("give the old and the new KB".into())),
    };
    if let Some(path) = name {
        writeln!(out, "argkb diff a/{0} b/{0}", path.display())?;
    }
    let load = |p: &Path| side(p, session.max_kb_size);
    // The two sides load at once, one on each core.
    let (loaded_old, loaded_new) = std::thread::scope(|s| {
        let first = s.spawn(|| load(old));
        let second = load(new);
        (
            first
                .join()
                .unwrap_or_else(|e| std::panic::resume_unwind(e)),
            second,
        )
    });
    let (a, b) = match (loaded_old, loaded_new) {
        (Ok(a), Ok(b)) => (a, b),
        (Err(e), _) | (_, Err(e)) if args.git => {
            // Git stops on a failing driver: say why, and let it go on.
            writeln!(out, "(not compared: {e})")?;
            return Ok(Outcome::default());
        }
        (Err(e), _) | (_, Err(e)) => return Err(Error::InvalidSide(e)),
    };
    let d = match diff(
        &a.graph,
        &b.graph,
        args.semantics,
        args.support,
        !args.no_labels,
    ) {
        Ok(d) => d,
        Err(e) if args.git => {
            writeln!(out, "(not compared: {e})")?;
            return Ok(Outcome::default());
        }
        Err(e) => return Err(e.into()),
    };
    if args.stat {
        writeln!(out, "{}", write::stat(&d))?;
    } else if args.format == OutputFormat::Json {
        write::json(&d, out)?;
    } else {
        let colours = if colour_stdout(session.color) {
            write::Colours::ANSI
        } else {
            write::Colours::PLAIN
        };
        write::text(&d, colours, out)?;
    }
    out.flush()?;
    if d.is_empty() || args.git {
        Ok(Outcome::default())
    } else {
        Err(Error::Differs)
    }
}
