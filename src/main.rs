//! The `argkb` binary: parses arguments, runs the library, renders errors
//! and maps them to exit codes (0 ok, 1 invalid KB or empty answer, 2 usage
//! or I/O error).

use std::io;
use std::process::ExitCode;

use argkb::cli::{Cli, Error, color_choice, run};
use argkb::diagnostic::emit_stderr;
use argkb::load::LoadError;
use argkb::rdf::sparql::SparqlError;
use clap::Parser;

// mimalloc instead of the system's allocator: loading a KB makes millions
// of small allocations (every id and text), and with glibc's allocator
// about a quarter of a 100k export went to malloc and fresh-page faults
// (docs/BENCHMARKS.md, "Third pass"). Large blocks are mapped pages that
// grow without copying (`sys::alloc`).
#[global_allocator]
static GLOBAL: argkb::sys::alloc::Allocator = argkb::sys::alloc::Allocator;

fn main() -> ExitCode {
    let cli = Cli::parse();
    argkb::cli::exit_after_run();
    let color = color_choice(cli.color);
    let max_errors = cli.max_errors;
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    match run(cli, &mut out) {
        Ok(outcome) => {
            if let Some((source, warnings)) = outcome.warnings {
                emit_stderr(&source, &warnings, outcome.more_warnings, color, max_errors);
            }
            for note in outcome.notes {
                eprintln!("{note}");
            }
            ExitCode::SUCCESS
        }
        Err(e) if e.is_broken_pipe() => ExitCode::SUCCESS,
        // `diff`: the answer is on stdout; the status says they differ.
        Err(Error::Differs) => ExitCode::from(1),
        Err(e) => {
            match &e {
                Error::Load(LoadError::Invalid { files, diagnostics }) => {
                    emit_stderr(files, diagnostics, 0, color, max_errors);
                    eprintln!("error: {e}");
                }
                Error::Denied {
                    files,
                    diagnostics,
                    more,
                } => {
                    emit_stderr(files, diagnostics, *more, color, max_errors);
                    eprintln!("error: {e}");
                }
                Error::InvalidSide(LoadError::Invalid { files, diagnostics }) => {
                    emit_stderr(files, diagnostics, 0, color, max_errors);
                    eprintln!("error: {e}");
                }
                Error::Sparql(SparqlError::Syntax { query, diagnostic }) => {
                    emit_stderr(
                        std::slice::from_ref(query.as_ref()),
                        std::slice::from_ref(diagnostic.as_ref()),
                        0,
                        color,
                        max_errors,
                    );
                    eprintln!("error: {e}");
                }
                _ => eprintln!("error: {e}"),
            }
            ExitCode::from(e.exit_code())
        }
    }
}
