//! One run of a command that reads a KB: the global options, the inputs
//! they name (`--kb`, else `$ARGKB_KB`, else the built-in essay), loading
//! with or without looking for warnings, `--deny-warnings`, and what is
//! told on stderr afterwards (`Outcome`).

use std::io::Write;
use std::path::{Path, PathBuf};

use super::ColorWhen;
use super::error::Error;
use super::output::same_inode;
use crate::diagnostic::Diagnostic;
use crate::load::{Loaded, Warnings, load_all_with};
use crate::sys::input::{Input, SourceText};

/// What to tell the user on stderr after a successful command.
#[derive(Debug, Default)]
pub struct Outcome {
    pub warnings: Option<(Vec<SourceText>, Vec<Diagnostic>)>,
    /// Warnings found but not kept (`Warnings::First`).
    pub more_warnings: usize,
    /// One-line notes, e.g. how many relations a view hid.
    pub notes: Vec<String>,
}

impl Outcome {
    /// Only notes for stderr.
    pub fn notes(notes: Vec<String>) -> Outcome {
        Outcome {
            notes,
            ..Outcome::default()
        }
    }
}

/// The global options, as every command sees them.
#[derive(Debug, Clone)]
pub struct Session {
    pub kb: Vec<PathBuf>,
    pub deny_warnings: bool,
    pub color: ColorWhen,
    pub max_errors: usize,
    pub max_kb_size: u64,
}

/// A KB loaded for one command, with the inputs it came from.
pub struct Kb {
    pub inputs: Vec<Input>,
    pub loaded: Loaded,
    /// Whether `finish` hands the warnings on for stderr (only `check`).
    pub show_warnings: bool,
}

impl Session {
    /// The inputs of the KB, refused when standard output is one of its
    /// files.
    pub fn inputs(&self) -> Result<Vec<Input>, Error> {
        let inputs = kb_inputs(&self.kb)?;
        refuse_stdout_into(&kb_files(&inputs))?;
        Ok(inputs)
    }

    /// Which warnings to look for: the first `--max-errors` of them when
    /// they are shown (`check`) or fail the run (`--deny-warnings`), else
    /// none.
    pub fn warnings(&self, shown: bool) -> Warnings {
        if shown || self.deny_warnings {
            match self.max_errors {
                0 => Warnings::Report,
                n => Warnings::First(n),
            }
        } else {
            Warnings::Skip
        }
    }

    /// Loads the KB for a command that does not show warnings.
    pub fn load(&self) -> Result<Kb, Error> {
        let inputs = self.inputs()?;
        let loaded = load_all_with(&inputs, self.max_kb_size, self.warnings(false))?;
        self.deny(Kb {
            inputs,
            loaded,
            show_warnings: false,
        })
    }

    /// Fails under `--deny-warnings` when the KB has warnings.
    pub fn deny(&self, kb: Kb) -> Result<Kb, Error> {
        if self.deny_warnings && !kb.loaded.warnings.is_empty() {
            return Err(Error::Denied {
                files: kb.loaded.files,
                diagnostics: kb.loaded.warnings,
                more: kb.loaded.more_warnings,
            });
        }
        Ok(kb)
    }
}

impl Kb {
    /// Ends the command: flushes the answer and returns what stderr gets.
    pub fn finish(mut self, out: &mut dyn Write, notes: Vec<String>) -> Result<Outcome, Error> {
        out.flush()?;
        let (files, warnings, more_warnings) = (
            std::mem::take(&mut self.loaded.files),
            std::mem::take(&mut self.loaded.warnings),
            self.loaded.more_warnings,
        );
        let show = self.show_warnings;
        release(self);
        Ok(Outcome {
            warnings: (show && !warnings.is_empty()).then_some((files, warnings)),
            more_warnings,
            notes,
        })
    }
}

/// The inputs `--kb` names, or else `$ARGKB_KB` (a list of paths, as in
/// PATH), or else none (the built-in essay).
pub fn kb_inputs(kb: &[PathBuf]) -> Result<Vec<Input>, Error> {
    if !kb.is_empty() {
        return Ok(kb.iter().map(|p| Input::from_arg(Some(p))).collect());
    }
    match std::env::var_os("ARGKB_KB") {
        Some(v) if !v.is_empty() => std::env::split_paths(&v)
            .filter(|p| !p.as_os_str().is_empty())
            .map(|p| {
                // Name the variable: the user may not know it is set.
                if p != Path::new("-")
                    && let Err(e) = std::fs::metadata(&p)
                {
                    return Err(Error::Usage(format!(
                        "the environment variable ARGKB_KB names `{}`, which cannot be read ({e}); fix or unset ARGKB_KB, or give --kb",
                        p.display()
                    )));
                }
                Ok(Input::from_arg(Some(&p)))
            })
            .collect(),
        _ => Ok(Vec::new()),
    }
}

/// The KB files `inputs` name, folders expanded (standard input and the
/// built-in KB are no files).
pub fn kb_files(inputs: &[Input]) -> Vec<PathBuf> {
    crate::load::expand(inputs)
        .unwrap_or_default()
        .into_iter()
        .filter_map(|i| match i {
            Input::File(p) => Some(p),
            _ => None,
        })
        .collect()
}

/// Refuses to run when standard output is one of `files` (`argkb --kb
/// kb.ron export >> kb.ron`, `1<> kb.ron`): the answer would be written
/// into the file it is read from, and the KB lost.
pub fn refuse_stdout_into(files: &[PathBuf]) -> Result<(), Error> {
    let Ok(stdout) = std::fs::metadata("/dev/stdout") else {
        return Ok(());
    };
    if !stdout.is_file() {
        return Ok(());
    }
    for f in files {
        if std::fs::metadata(f).is_ok_and(|m| same_inode(&m, &stdout)) {
            return Err(Error::StdoutIsInput(f.clone()));
        }
    }
    Ok(())
}

/// Set by the binary: the process ends right after `run`.
static EXITING: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// Tells `run` that the process ends when it returns, so that a large
/// graph need not be freed piece by piece (a second at 10^6 nodes): the
/// operating system takes the memory back at once.
pub fn exit_after_run() {
    EXITING.store(true, std::sync::atomic::Ordering::Relaxed);
}

/// Drops `value`, or, when the process is about to end, leaves it to the
/// operating system.
pub fn release<T>(value: T) {
    if EXITING.load(std::sync::atomic::Ordering::Relaxed) {
        std::mem::forget(value);
    } else {
        drop(value);
    }
}
