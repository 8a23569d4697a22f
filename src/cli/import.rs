//! `argkb import FORMAT FILE…`: argument maps from another format, as one
//! RON KB; what the format cannot hold is reported.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};

use super::error::Error;
use super::output::write_new_file;
use super::session::{Outcome, Session, refuse_stdout_into};
use crate::load::LoadError;
use crate::sys::input::{Input, SourceText};

// The arguments; the subcommand's help text is on its `Command` variant.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The format of the files.
    #[arg(value_enum)]
    pub from: crate::import::ImportFormat,
    /// The files to read; a folder stands for its `.json` files.
    #[arg(required = true, value_name = "FILE")]
    pub files: Vec<PathBuf>,
    /// Write the KB to FILE (never over an existing file) instead of
    /// standard output.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Fail (exit 1, nothing written) if anything could not be carried
    /// over as it stood.
    #[arg(long)]
    pub strict: bool,
    /// Link the same proposition across maps with `SameAs` (same text once
    /// case, typography and spacing are ignored, at least three words; or
    /// the same AIFdb nodeID / Argdown statement title). Claims are never
    /// merged.
    #[arg(long)]
    pub link_identical: bool,
}

pub fn run(args: Args, session: &Session, out: &mut dyn Write) -> Result<Outcome, Error> {
    let notes = import_files(&args, session.max_kb_size, out)?;
    Ok(Outcome::notes(notes))
}

/// `argkb import`: reads the files (folders: their `.json` files, sorted),
/// converts them, checks that the result loads, and writes it. Returns
/// the notes for stderr: each problem, and a summary.
fn import_files(args: &Args, max_kb_size: u64, out: &mut dyn Write) -> Result<Vec<String>, Error> {
    let (from, files, strict) = (args.from, &args.files, args.strict);
    let output = args.output.as_deref().filter(|p| *p != Path::new("-"));
    let mut paths = Vec::new();
    for f in files {
        if f.is_dir() {
            let mut inside: Vec<PathBuf> = std::fs::read_dir(f)
                .map_err(|e| Error::Output {
                    path: f.clone(),
                    source: e,
                })?
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| {
                    p.extension()
                        .is_some_and(|x| x.eq_ignore_ascii_case("json"))
                })
                .collect();
            inside.sort();
            if inside.is_empty() {
                return Err(Error::Usage(format!(
                    "`{}` holds no .json file",
                    f.display()
                )));
            }
            paths.extend(inside);
        } else {
            paths.push(f.clone());
        }
    }
    if output.is_none() {
        refuse_stdout_into(&paths)?;
    }
    let mut inputs = Vec::new();
    // A corpus of many maps shows how far the reading is, on a terminal
    // only (nothing in a pipe or a log).
    let progress = paths.len() >= 200 && std::io::stderr().is_terminal();
    for (i, p) in paths.iter().enumerate() {
        if progress && (i % 100 == 0 || i + 1 == paths.len()) {
            eprint!("\rreading maps: {}/{}", i + 1, paths.len());
            if i + 1 == paths.len() {
                eprintln!();
            }
        }
        let text = SourceText::read_limited(&Input::File(p.clone()), max_kb_size)
            .map_err(LoadError::from)?;
        inputs.push(crate::import::Input {
            name: p.display().to_string(),
            text: text.text,
        });
    }
    let (mut draft, mut problems) = crate::import::import(from, &inputs)?;
    let linked = args.link_identical.then(|| {
        crate::import::identical::link_identical(&mut draft, from.declared_ids(), &mut problems)
    });
    let ron = draft.to_ron();
    let files = inputs.len();
    // The maps and the draft are done with: a corpus holds hundreds of
    // megabytes of them, which the check below need not sit beside.
    drop(inputs);
    let count =
        |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
    let conflicts = match draft.conflicts.len() {
        0 => String::new(),
        n => format!("{}, ", count(n, "named conflict", "named conflicts")),
    };
    let summary = format!(
        "note: imported {}, {}, {conflicts}{} and {} from {}",
        count(draft.claims.len(), "claim", "claims"),
        count(draft.arguments.len(), "argument", "arguments"),
        count(
            draft.relations.len() - linked.map_or(0, |l| l.links),
            "relation",
            "relations"
        ),
        count(draft.actors.len(), "actor", "actors"),
        count(files, "file", "files"),
    );
    drop(draft);
    // What we write must load: anything else is a bug of the importer.
    let ron = match crate::load::validate_text(SourceText::new("<import>", ron)) {
        Ok(checked) => checked.text,
        Err(e) => {
            return Err(Error::Usage(format!(
                "the imported KB does not load ({e}); please report this with the input"
            )));
        }
    };
    if strict && !problems.is_empty() {
        return Err(Error::Strict(
            problems.iter().map(ToString::to_string).collect(),
        ));
    }
    let mut notes: Vec<String> = problems.iter().map(|p| format!("warning: {p}")).collect();
    match output {
        None => out.write_all(ron.as_bytes())?,
        Some(path) => write_new_file(path, ron.as_bytes(), "import")?,
    }
    notes.push(format!(
        "{summary}{}",
        match problems.len() {
            0 => String::new(),
            n => format!("; {} above", count(n, "problem", "problems")),
        }
    ));
    if let Some(l) = linked {
        notes.push(format!(
            "note: linked {} across maps: {}",
            count(l.propositions, "proposition", "propositions"),
            count(l.links, "SameAs relation", "SameAs relations")
        ));
    }
    Ok(notes)
}
