//! `argkb af`: one ICCMA task on an abstract argumentation framework file
//! (the ICCMA 2023 solver interface).

use std::io::Write;
use std::path::PathBuf;

use super::error::Error;
use super::session::{Outcome, Session};
use crate::load::LoadError;
use crate::sys::input::{Input, SourceText};

// The arguments; the subcommand's help text is on its `Command` variant.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The task: SE, DC or DS with CO, PR, ST, SST, STG, ID or GR.
    #[arg(
        short = 'p',
        long = "problem",
        value_name = "TASK",
        required_unless_present = "problems"
    )]
    pub task: Option<String>,
    /// The framework file (ICCMA 2023 `p af N`, APX or TGF).
    #[arg(
        short = 'f',
        long = "file",
        value_name = "FILE",
        required_unless_present = "problems"
    )]
    pub file: Option<PathBuf>,
    /// The query argument of DC and DS tasks.
    #[arg(short = 'a', long = "argument", value_name = "ARG")]
    pub query: Option<String>,
    /// The file's format (default: from its extension, else its text).
    #[arg(long = "fo", value_enum, value_name = "FORMAT")]
    pub format: Option<crate::af::formats::AfFormat>,
    /// List the tasks solved, as ICCMA solvers do.
    #[arg(long)]
    pub problems: bool,
}

pub fn run(args: Args, session: &Session, out: &mut dyn Write) -> Result<Outcome, Error> {
    solve(
        args.task,
        args.file,
        args.query,
        args.format,
        args.problems,
        session.max_kb_size,
        out,
    )?;
    Ok(Outcome::default())
}

/// `argkb af`: one ICCMA task on one framework file; any bad input is a
/// one-line error (exit 2).
fn solve(
    task: Option<String>,
    file: Option<PathBuf>,
    query: Option<String>,
    format: Option<crate::af::formats::AfFormat>,
    problems: bool,
    max_kb_size: u64,
    out: &mut dyn Write,
) -> Result<(), Error> {
    use crate::af::iccma::Task;
    if problems {
        let names: Vec<String> = Task::all().into_iter().map(Task::name).collect();
        writeln!(out, "[{}]", names.join(","))?;
        return Ok(());
    }
    let (Some(task_name), Some(file)) = (task, file) else {
        return Err(Error::Usage(
            "give -p TASK and -f FILE (or --problems)".into(),
        ));
    };
    let task = Task::parse(&task_name).ok_or_else(|| {
        Error::Usage(format!(
            "unknown task `{task_name}`; `argkb af --problems` lists them"
        ))
    })?;
    let text = SourceText::read_limited(&Input::File(file.clone()), max_kb_size)
        .map_err(LoadError::from)?;
    let name = file.display().to_string();
    let format = format.unwrap_or_else(|| crate::af::formats::AfFormat::detect(&name, &text.text));
    let af = crate::af::formats::parse(&text.text, format)
        .map_err(|e| Error::Usage(format!("{name}: {e}")))?;
    let answer = crate::af::iccma::answer(&af, task, query.as_deref())
        .map_err(|e| Error::Usage(e.to_string()))?;
    writeln!(out, "{answer}")?;
    Ok(())
}
