//! `argkb init`: a starter KB, valid, with the body of a source text as
//! comments to encode from.

use std::io::Write;
use std::path::{Path, PathBuf};

use super::error::Error;
use super::output::{relative_path, write_new_file};
use super::session::{Outcome, Session};
use crate::load::LoadError;
use crate::provenance::SourceDoc;
use crate::sys::input::{Input, SourceText};

// The arguments; the subcommand's help text is on its `Command` variant.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The text to encode: its body paragraphs are listed in the KB.
    #[arg(long, value_name = "FILE")]
    pub source: Option<PathBuf>,
    /// The KB's title (default: the text's first line).
    #[arg(long)]
    pub title: Option<String>,
    /// Write to FILE (never over an existing file) instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

pub fn run(args: Args, _session: &Session, out: &mut dyn Write) -> Result<Outcome, Error> {
    write_starter(
        args.source.as_deref(),
        args.title,
        args.output.as_deref(),
        out,
    )?;
    Ok(Outcome::default())
}

/// `argkb init`: a starter KB on `out` or in a new file.
fn write_starter(
    source: Option<&Path>,
    title: Option<String>,
    output: Option<&Path>,
    out: &mut dyn Write,
) -> Result<(), Error> {
    let output = output.filter(|p| *p != Path::new("-"));
    let text = source
        .map(|p| SourceText::read(&Input::File(p.to_path_buf())).map_err(LoadError::from))
        .transpose()?;
    let doc = text
        .as_ref()
        .map(|t| SourceDoc::parse(t, None).expect("a text with no body bounds always splits"));
    let first_line = text.as_ref().and_then(|t| {
        t.text
            .lines()
            .map(str::trim)
            .find(|l| !l.is_empty())
            .map(str::to_string)
    });
    let title = title
        .or(first_line)
        .unwrap_or_else(|| "My argument".to_string());
    // The text's path as the KB will name it: relative to the KB file.
    let text_path = source.map(|src| match output {
        Some(kb) => relative_path(src, kb.parent().unwrap_or(Path::new("."))),
        None => src.display().to_string(),
    });
    let starter = crate::import::starter::starter(&crate::import::starter::Starter {
        title,
        source: doc.as_ref().zip(text_path),
    });
    match output {
        None => Ok(out.write_all(starter.as_bytes())?),
        Some(path) => write_new_file(path, starter.as_bytes(), "init"),
    }
}
