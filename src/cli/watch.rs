//! `argkb watch -o FILE`: re-checks and re-draws on every change to a KB
//! file or source text; an invalid edit keeps the last good output.

use std::io::{self, Write};
use std::path::{Path, PathBuf};

use super::error::Error;
use super::map::{Made, MapOptions, Target, write_map};
use super::options::{DotArgs, ViewArgs};
use super::render::RenderFormat;
use super::session::{Outcome, Session, kb_files, kb_inputs};
use super::texts::source_text_paths;
use super::{ColorWhen, color_choice};
use crate::export::Format;
use crate::load::{LoadError, load_all};

// The arguments; the subcommand's help text is on its `Command` variant.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The file to keep up to date; its extension picks the format
    /// (html, svg, png, pdf, or any export format: dot, json, …).
    #[arg(short, long, value_name = "FILE")]
    pub output: PathBuf,
    /// The text of a source, shown by the html page and watched too:
    /// `FILE`, or `ID=FILE` with several sources (repeatable).
    #[arg(long = "text", value_name = "[ID=]FILE")]
    pub sources: Vec<String>,
    /// Stop `dot` after this many seconds (at least 1).
    #[arg(long, value_name = "SECS", default_value_t = 60, value_parser = clap::value_parser!(u64).range(1..))]
    pub timeout: u64,
    #[command(flatten)]
    pub view: ViewArgs,
    #[command(flatten)]
    pub dot: DotArgs,
}

pub fn run(args: Args, session: &Session, _out: &mut dyn Write) -> Result<Outcome, Error> {
    let made = MapOptions {
        view: args.view,
        dot: args.dot,
        texts: args.sources,
        timeout: args.timeout,
        base: crate::rdf::Base::default(),
    };
    watch_output(
        &session.kb,
        session.max_kb_size,
        &args.output,
        &made,
        session.color,
        session.max_errors,
    )?;
    Ok(Outcome::default())
}

/// `argkb watch`: builds `output` from the KB, then again on every change
/// to a KB file or source text, printing diagnostics as `check` does; an
/// invalid KB leaves the last good output in place.
fn watch_output(
    kb: &[PathBuf],
    max_size: u64,
    output: &Path,
    made: &MapOptions,
    color: ColorWhen,
    max_errors: usize,
) -> Result<(), Error> {
    if kb.is_empty() {
        return Err(Error::Usage(
            "watch needs the KB to watch: give --kb FILE (or a folder)".into(),
        ));
    }
    if output == Path::new("-") {
        return Err(Error::Usage(
            "watch keeps a file up to date: give -o FILE, not standard output".into(),
        ));
    }
    let ext = output
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .unwrap_or_default();
    let what = match (
        RenderFormat::from_extension(&ext),
        Format::from_extension(&ext),
    ) {
        (Some(f), _) => Made::Render(f),
        (None, Some(f)) => Made::Export(f),
        (None, None) => {
            return Err(Error::Usage(format!(
                "watch: cannot tell the format of `{}` from its extension (html, svg, png, pdf, dot, json, …)",
                output.display()
            )));
        }
    };
    let inputs = kb_inputs(kb)?;
    let color = color_choice(color);
    let shown = output.display().to_string();
    let mut wrote = false;
    let mut rebuild = || -> Vec<PathBuf> {
        let mut files = kb_files(&inputs);
        for t in &made.texts {
            files.push(PathBuf::from(
                t.split_once('=').map_or(t.as_str(), |(_, p)| p),
            ));
        }
        let kept = if wrote {
            format!("the last good {shown} is kept")
        } else {
            format!("{shown} is not written yet")
        };
        let loaded = match load_all(&inputs, max_size) {
            Ok(l) => l,
            Err(LoadError::Invalid {
                files: f,
                diagnostics,
            }) => {
                crate::diagnostic::emit_stderr(&f, &diagnostics, 0, color, max_errors);
                eprintln!(
                    "watch: {} invalid: {}; {kept}",
                    crate::load::names(&f),
                    crate::diagnostic::count(&diagnostics)
                );
                return files;
            }
            Err(e) => {
                eprintln!("watch: error: {e}; {kept}");
                return files;
            }
        };
        if !loaded.warnings.is_empty() {
            crate::diagnostic::emit_stderr(
                &loaded.files,
                &loaded.warnings,
                loaded.more_warnings,
                color,
                max_errors,
            );
        }
        files.extend(source_text_paths(&loaded));
        let target = Target {
            output: Some(output),
            inputs: &inputs,
        };
        match write_map(&loaded, what, made, &target, &mut io::sink()) {
            Ok(_) => {
                wrote = true;
                eprintln!(
                    "watch: wrote {shown} ({}); waiting for changes (Ctrl-C stops)",
                    loaded.name()
                );
            }
            Err(e) => eprintln!("watch: error: {e}; {kept}"),
        }
        files
    };
    crate::sys::watch::watch(&mut rebuild).map_err(|e| Error::Usage(e.to_string()))?;
    eprintln!("watch: stopped");
    Ok(())
}
