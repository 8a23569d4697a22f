//! `argkb check`: validates the KB, and its quotes against their texts;
//! prints a one-line summary when it is valid.

use std::io::Write;

use super::error::Error;
use super::session::{Kb, Outcome, Session, release};
use super::texts::{no_source_note, source_texts};
use crate::load::{Checked, LoadError, Loaded, load_all};
use crate::provenance::check_quotes;
use crate::query::{self, OutputFormat};
use crate::sys::input::Input;

// The arguments; the subcommand's help text is on its `Command` variant.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Also check every quote against its source text: FILE for a KB
    /// with one source, ID=FILE for source ID (repeatable). Sources
    /// whose `text` path the KB gives are checked too.
    #[arg(long, value_name = "[ID=]FILE")]
    pub source: Vec<String>,
    /// Text: the summary on stdout, diagnostics on stderr. JSON: one
    /// object on stdout with every diagnostic (file, line, column, code,
    /// message, help), for editors and CI annotations.
    #[arg(long, value_enum, default_value_t)]
    pub format: OutputFormat,
    /// Print nothing but errors (no summary, no warnings).
    #[arg(short, long)]
    pub quiet: bool,
}

pub fn run(args: Args, session: &Session, out: &mut dyn Write) -> Result<Outcome, Error> {
    let inputs = session.inputs()?;
    if args.format == OutputFormat::Json {
        return check_json(&inputs, session, &args.source, out);
    }
    let warnings = session.warnings(true);
    // Without texts to check quotes against, `check` needs no graph.
    let loaded = if args.source.is_empty() {
        match crate::load::check_all(&inputs, session.max_kb_size, warnings)? {
            Checked::Loaded(loaded) => *loaded,
            Checked::Sized {
                files,
                warnings,
                more_warnings,
                sizes,
                kbs,
            } => {
                release(kbs);
                if session.deny_warnings && !warnings.is_empty() {
                    return Err(Error::Denied {
                        files,
                        diagnostics: warnings,
                        more: more_warnings,
                    });
                }
                if args.quiet {
                    return Ok(Outcome::default());
                }
                let total = warnings.len() + more_warnings;
                let line = summary_of(&crate::load::names(&files), &sizes, total);
                writeln!(out, "{line}")?;
                out.flush()?;
                return Ok(Outcome {
                    warnings: (!warnings.is_empty()).then_some((files, warnings)),
                    more_warnings,
                    notes: Vec::new(),
                });
            }
        }
    } else {
        crate::load::load_all_with(&inputs, session.max_kb_size, warnings)?
    };
    let mut kb = session.deny(Kb {
        inputs,
        loaded,
        show_warnings: false,
    })?;
    let loaded = &kb.loaded;
    let mut notes = Vec::new();
    let texts = source_texts(loaded, &args.source)?;
    if !args.source.is_empty() && texts.is_empty() {
        notes.push(no_source_note(loaded));
    }
    let mut diagnostics = Vec::new();
    for (id, doc) in &texts {
        diagnostics.extend(check_quotes(&loaded.graph, &loaded.spans(), doc, id));
    }
    if !diagnostics.is_empty() {
        crate::diagnostic::sort(&mut diagnostics);
        return Err(LoadError::Invalid {
            files: kb.loaded.files,
            diagnostics,
        }
        .into());
    }
    if !args.quiet {
        writeln!(out, "{}", summary(loaded))?;
        kb.show_warnings = true;
    }
    kb.finish(out, notes)
}

/// `check --format json`: every diagnostic as one JSON object on stdout,
/// valid KB or not; exit 1 when there are errors (or warnings under
/// `--deny-warnings`).
fn check_json(
    inputs: &[Input],
    session: &Session,
    source: &[String],
    out: &mut dyn Write,
) -> Result<Outcome, Error> {
    let (max_kb_size, deny_warnings) = (session.max_kb_size, session.deny_warnings);
    let (files, diagnostics, loaded) = match load_all(inputs, max_kb_size) {
        Ok(loaded) => {
            let mut diags = loaded.warnings.clone();
            for (id, doc) in &source_texts(&loaded, source)? {
                diags.extend(check_quotes(&loaded.graph, &loaded.spans(), doc, id));
            }
            crate::diagnostic::sort(&mut diags);
            (loaded.files.clone(), diags, Some(loaded))
        }
        Err(LoadError::Invalid { files, diagnostics }) => (files, diagnostics, None),
        Err(e) => return Err(e.into()),
    };
    let errors = diagnostics.iter().filter(|d| d.is_error()).count();
    let warnings = diagnostics.len() - errors;
    let failed = errors > 0 || deny_warnings && warnings > 0;
    let summary = loaded.as_ref().map(|l| {
        let s = query::stats::stats(&l.graph);
        serde_json::json!({
            "nodes": s.nodes_by_kind,
            "links": s.links,
            "sources": l.graph.sources.len(),
        })
    });
    let doc = serde_json::json!({
        "kb": crate::load::names(&files),
        "ok": !failed,
        "errors": errors,
        "warnings": warnings,
        "summary": summary,
        "diagnostics": diagnostics
            .iter()
            .map(|d| crate::diagnostic::to_json(&files, d))
            .collect::<Vec<_>>(),
    });
    query::write_json(out, &doc)?;
    out.flush()?;
    if failed {
        return Err(Error::Reported(crate::diagnostic::count(&diagnostics)));
    }
    Ok(Outcome::default())
}

/// The one line `check` prints for a valid KB.
pub fn summary(loaded: &Loaded) -> String {
    summary_of(
        &loaded.name(),
        &crate::graph::Sizes::of(&loaded.graph),
        loaded.warnings.len() + loaded.more_warnings,
    )
}

/// `check`'s line for a KB named `name` of these sizes.
pub fn summary_of(name: &str, s: &crate::graph::Sizes, warnings: usize) -> String {
    let n = |k: usize, word: &str| format!("{k} {word}{}", if k == 1 { "" } else { "s" });
    format!(
        "ok: {name}: {}, {}, {}, {}{}, {}{}; {}",
        n(s.actors, "actor"),
        n(s.claims, "claim"),
        n(s.recommendations, "recommendation"),
        n(s.arguments, "argument"),
        match s.conflicts {
            0 => String::new(),
            k => format!(", {}", n(k, "named conflict")),
        },
        n(s.links, "link"),
        if s.sources > 1 {
            format!(", {} sources", s.sources)
        } else {
            String::new()
        },
        n(warnings, "warning"),
    )
}
