//! The command-line interface: the clap definition (also the source of the
//! man page and shell completions) and `run`, which carries out one parsed
//! command against the library and reports what happened.
//!
//! `run` writes results to the writer it is given and never prints
//! diagnostics itself: it returns them, so `main` decides how to render
//! them and which exit code they mean.

use std::io::{self, Write};
use std::path::{Path, PathBuf};

use clap::{Args, CommandFactory, Parser, Subcommand, ValueEnum};
use thiserror::Error;

use crate::diagnostic::Diagnostic;
use crate::export::Format;
use crate::load::{LoadError, Loaded, load};
use crate::provenance::{BodyError, SourceDoc, check_quotes};
use crate::query::filter::{Filter, parse_para_range};
use crate::query::{self, OutputFormat, QueryError};
use crate::source::{Input, SourceText};
use crate::spans::Seg;

const ABOUT: &str = "Check, query and draw a hand-curated argument map";
const LONG_ABOUT: &str = "\
argkb loads an argument knowledge base written in RON (actors, claims, \
recommendations, arguments and the relations between them), validates it \
with located diagnostics, and answers questions about it. Without --kb it \
works on the built-in KB of the essay \"How the U.S. Can Influence China to \
Abandon North Korea\" (2015).

Exit status: 0 success; 1 the KB is invalid or the answer is empty; 2 usage \
or I/O error.";

#[derive(Debug, Parser)]
#[command(name = "argkb", version, about = ABOUT, long_about = LONG_ABOUT)]
pub struct Cli {
    /// KB file to read; `-` reads standard input. Default: the built-in essay KB.
    #[arg(long, global = true, value_name = "FILE")]
    pub kb: Option<PathBuf>,
    /// Treat warnings as errors (exit 1 when there are any).
    #[arg(long, global = true)]
    pub deny_warnings: bool,
    /// When to colour diagnostics.
    #[arg(long, global = true, value_enum, default_value_t = ColorWhen::Auto, value_name = "WHEN")]
    pub color: ColorWhen,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorWhen {
    Auto,
    Always,
    Never,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Validate the KB; print a one-line summary when it is valid.
    Check {
        /// Also check every quote against this source text: it must occur
        /// verbatim in the paragraph the KB names.
        #[arg(long, value_name = "FILE")]
        source: Option<PathBuf>,
    },
    /// Show, per paragraph of the source, the nodes anchored there and the
    /// sentences no quote touches.
    Coverage {
        /// The source text the KB encodes.
        #[arg(long, value_name = "FILE")]
        source: PathBuf,
        /// Exit 1 when a sentence is neither covered nor deliberately omitted.
        #[arg(long)]
        deny_uncovered: bool,
        #[arg(long, value_enum, default_value_t)]
        format: OutputFormat,
    },
    /// Count nodes and links by kind.
    Stats {
        #[arg(long, value_enum, default_value_t)]
        format: OutputFormat,
    },
    /// List nodes, optionally filtered.
    List {
        #[command(flatten)]
        filter: FilterArgs,
        #[arg(long, value_enum, default_value_t)]
        format: OutputFormat,
    },
    /// Show one node: all its fields and every relation that touches it.
    Show {
        /// The node's id.
        id: String,
        #[arg(long, value_enum, default_value_t)]
        format: OutputFormat,
    },
    /// Export the whole graph.
    Export {
        #[arg(long, value_enum, default_value_t = Format::Json)]
        format: Format,
        /// Write to FILE instead of standard output.
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
    },
    /// Print a shell completion script.
    Completions {
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the man page (roff).
    Man,
}

#[derive(Debug, Clone, Default, Args)]
pub struct FilterArgs {
    /// Keep nodes of this kind: a family (actor, claim, recommendation,
    /// argument) or a finer kind (fact, prediction, state, person, …).
    #[arg(long)]
    pub kind: Option<String>,
    /// Keep nodes carrying this tag.
    #[arg(long)]
    pub tag: Option<String>,
    /// Keep nodes anchored in paragraph N or in the range A-B.
    #[arg(long, value_name = "N|A-B", value_parser = parse_para_range)]
    pub para: Option<std::ops::RangeInclusive<u32>>,
}

impl From<FilterArgs> for Filter {
    fn from(a: FilterArgs) -> Filter {
        Filter {
            kind: a.kind,
            tag: a.tag,
            para: a.para,
        }
    }
}

/// Why a command did not succeed.
#[derive(Debug, Error)]
pub enum Error {
    #[error(transparent)]
    Load(#[from] LoadError),
    #[error(transparent)]
    Query(#[from] QueryError),
    /// Warnings under `--deny-warnings`.
    #[error("{}: {} denied by --deny-warnings", file.name, crate::diagnostic::count(diagnostics))]
    Denied {
        file: SourceText,
        diagnostics: Vec<Diagnostic>,
    },
    #[error(
        "{0} sentence{s} of the source {verb} neither covered nor omitted",
        s = if *.0 == 1 { "" } else { "s" },
        verb = if *.0 == 1 { "is" } else { "are" }
    )]
    Uncovered(usize),
    #[error("refusing to write to `{0}`: it is the KB being read")]
    WouldOverwriteKb(PathBuf),
    #[error("cannot write `{path}`: {source}")]
    Output {
        path: PathBuf,
        #[source]
        source: io::Error,
    },
    #[error("{0}")]
    Io(#[from] io::Error),
}

impl Error {
    /// The exit code this error stands for.
    pub fn exit_code(&self) -> u8 {
        match self {
            Error::Load(LoadError::Invalid { .. }) | Error::Denied { .. } | Error::Uncovered(_) => {
                1
            }
            Error::Query(QueryError::UnknownId { .. } | QueryError::NothingFound(_)) => 1,
            _ => 2,
        }
    }

    /// Writing to a closed pipe: the reader has all it wanted.
    pub fn is_broken_pipe(&self) -> bool {
        matches!(self, Error::Io(e) if e.kind() == io::ErrorKind::BrokenPipe)
    }
}

/// Warnings to show after a successful command.
#[derive(Debug, Default)]
pub struct Outcome {
    pub warnings: Option<(SourceText, Vec<Diagnostic>)>,
}

/// Carries out `cli`, writing results to `out`.
pub fn run(cli: Cli, out: &mut dyn Write) -> Result<Outcome, Error> {
    match cli.command {
        Command::Completions { shell } => {
            clap_complete::generate(shell, &mut Cli::command(), "argkb", out);
            return Ok(Outcome::default());
        }
        Command::Man => {
            clap_mangen::Man::new(Cli::command()).render(out)?;
            return Ok(Outcome::default());
        }
        _ => {}
    }
    let input = Input::from_arg(cli.kb.as_deref());
    let loaded = load(&input)?;
    if cli.deny_warnings && !loaded.warnings.is_empty() {
        return Err(Error::Denied {
            file: loaded.source,
            diagnostics: loaded.warnings,
        });
    }
    let graph = &loaded.graph;
    let mut show_warnings = false;
    match cli.command {
        Command::Check { source } => {
            if let Some(path) = source {
                let doc = source_doc(&loaded, &path)?;
                let diagnostics = check_quotes(graph, &loaded.spans, &doc);
                if !diagnostics.is_empty() {
                    return Err(LoadError::Invalid {
                        file: loaded.source,
                        diagnostics,
                    }
                    .into());
                }
            }
            writeln!(out, "{}", summary(&loaded))?;
            show_warnings = true;
        }
        Command::Coverage {
            source,
            deny_uncovered,
            format,
        } => {
            let doc = source_doc(&loaded, &source)?;
            let report = query::coverage::coverage(graph, &doc);
            report.write(format, out)?;
            if deny_uncovered && report.uncovered() > 0 {
                out.flush()?;
                return Err(Error::Uncovered(report.uncovered()));
            }
        }
        Command::Stats { format } => query::stats::stats(graph).write(format, out)?,
        Command::List { filter, format } => {
            let nodes = query::list::list(graph, &filter.into())?;
            query::list::write(&nodes, format, out)?;
        }
        Command::Show { id, format } => query::show::show(graph, &id)?.write(format, out)?,
        Command::Export { format, output } => {
            let exporter = format.exporter();
            match output {
                None => exporter.export(graph, out)?,
                Some(path) => {
                    if let Input::File(kb) = &input
                        && same_file(kb, &path)
                    {
                        return Err(Error::WouldOverwriteKb(path));
                    }
                    let err = |source| Error::Output {
                        path: path.clone(),
                        source,
                    };
                    let file = std::fs::File::create(&path).map_err(err)?;
                    let mut w = io::BufWriter::new(file);
                    exporter.export(graph, &mut w).map_err(err)?;
                    w.flush().map_err(err)?;
                }
            }
        }
        Command::Completions { .. } | Command::Man => unreachable!("handled above"),
    }
    out.flush()?;
    Ok(Outcome {
        warnings: (show_warnings && !loaded.warnings.is_empty())
            .then_some((loaded.source, loaded.warnings)),
    })
}

/// Reads the source text a KB encodes and cuts out its body paragraphs.
fn source_doc(loaded: &Loaded, path: &Path) -> Result<SourceDoc, Error> {
    let text = SourceText::read(&Input::File(path.to_path_buf())).map_err(LoadError::from)?;
    let body = loaded.graph.meta.source.body.as_ref();
    SourceDoc::parse(&text, body.map(|b| (b.first.as_str(), b.last.as_str()))).map_err(|e| {
        let at = |field| {
            loaded.spans.nearest(&[
                Seg::Field("meta"),
                Seg::Field("source"),
                Seg::Field("body"),
                Seg::Field(field),
            ])
        };
        let d = match e {
            BodyError::NotFound { which, words } => Diagnostic::error(
                "missing-quote",
                format!("no paragraph of {} begins with `{words}`", text.name),
            )
            .at(
                at(which),
                format!("opening words of the {which} body paragraph"),
            )
            .help("copy the first words of the paragraph from the source text"),
            BodyError::Reversed => Diagnostic::error(
                "missing-quote",
                format!(
                    "in {}, the last body paragraph comes before the first",
                    text.name
                ),
            )
            .at(at("last"), "comes before `first`"),
        };
        Error::Load(LoadError::Invalid {
            file: loaded.source.clone(),
            diagnostics: vec![d],
        })
    })
}

fn same_file(a: &Path, b: &Path) -> bool {
    match (std::fs::canonicalize(a), std::fs::canonicalize(b)) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    }
}

/// The one line `check` prints for a valid KB.
pub fn summary(loaded: &Loaded) -> String {
    let s = query::stats::stats(&loaded.graph);
    let count = |k: &str| s.nodes_by_kind.get(k).copied().unwrap_or(0);
    let warnings = loaded.warnings.len();
    format!(
        "ok: {}: {} actors, {} claims, {} recommendations, {} arguments, {} links; {} warning{}",
        loaded.source.name,
        count("actor"),
        count("claim"),
        count("recommendation"),
        count("argument"),
        s.links,
        warnings,
        if warnings == 1 { "" } else { "s" }
    )
}
