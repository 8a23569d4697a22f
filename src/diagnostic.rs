//! Located problems in a KB file and their rustc-style rendering.
//!
//! Every check, syntactic or semantic, reports a `Diagnostic`: a severity, a
//! stable code, a message, the byte span of the offending text, optional
//! secondary spans and a help line. Rendering (file:line:col, the source
//! line, a caret, the help) is delegated to `codespan-reporting`.

use std::ops::Range;

use codespan_reporting::diagnostic as cs;
use codespan_reporting::files::SimpleFile;
use codespan_reporting::term;
use codespan_reporting::term::termcolor::{ColorChoice, StandardStream};

use std::io::Write;

use crate::excerpt::Excerpt;
use crate::source::SourceText;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Warning,
    Error,
}

/// One problem found in a KB.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub severity: Severity,
    /// A stable, greppable name for the class of problem, e.g. `unknown-id`.
    pub code: &'static str,
    pub message: String,
    /// The offending text; `None` only when nothing in the file can be blamed.
    pub span: Option<Range<usize>>,
    /// What the primary span shows, under the caret.
    pub label: String,
    /// Other places that explain the problem (e.g. the first definition).
    pub related: Vec<(Range<usize>, String)>,
    pub help: Option<String>,
}

impl Diagnostic {
    pub fn error(code: &'static str, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            severity: Severity::Error,
            code,
            message: message.into(),
            span: None,
            label: String::new(),
            related: Vec::new(),
            help: None,
        }
    }

    pub fn warning(code: &'static str, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(code, message)
        }
    }

    pub fn at(mut self, span: Option<Range<usize>>, label: impl Into<String>) -> Diagnostic {
        self.span = span;
        self.label = label.into();
        self
    }

    pub fn related(mut self, span: Option<Range<usize>>, label: impl Into<String>) -> Self {
        if let Some(span) = span {
            self.related.push((span, label.into()));
        }
        self
    }

    pub fn help(mut self, help: impl Into<String>) -> Diagnostic {
        self.help = Some(help.into());
        self
    }

    pub fn help_opt(self, help: Option<String>) -> Diagnostic {
        match help {
            Some(h) => self.help(h),
            None => self,
        }
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    fn to_codespan(&self) -> cs::Diagnostic<()> {
        let d = match self.severity {
            Severity::Error => cs::Diagnostic::error(),
            Severity::Warning => cs::Diagnostic::warning(),
        };
        let mut labels = Vec::new();
        if let Some(span) = &self.span {
            labels.push(cs::Label::primary((), span.clone()).with_message(&self.label));
        }
        for (span, msg) in &self.related {
            labels.push(cs::Label::secondary((), span.clone()).with_message(msg));
        }
        d.with_code(self.code)
            .with_message(&self.message)
            .with_labels(labels)
            .with_notes(self.help.iter().map(|h| format!("help: {h}")).collect())
    }
}

/// "1 error", "3 errors, 1 warning": a summary of a list of diagnostics.
pub fn count(diags: &[Diagnostic]) -> String {
    let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
    let errors = diags.iter().filter(|d| d.is_error()).count();
    let warnings = diags.len() - errors;
    match (errors, warnings) {
        (e, 0) => plural(e, "error"),
        (0, w) => plural(w, "warning"),
        (e, w) => format!("{}, {}", plural(e, "error"), plural(w, "warning")),
    }
}

/// Sorts diagnostics by position so that reports read top to bottom.
pub fn sort(diags: &mut [Diagnostic]) {
    diags.sort_by(|a, b| {
        let key = |d: &Diagnostic| d.span.as_ref().map(|s| (s.start, s.end));
        key(a)
            .cmp(&key(b))
            .then_with(|| b.severity.cmp(&a.severity))
            .then_with(|| a.message.cmp(&b.message))
    });
}

fn config() -> term::Config {
    term::Config {
        start_context_lines: 1,
        end_context_lines: 1,
        ..term::Config::default()
    }
}

/// The line that closes a report cut by `--max-errors`.
fn more_line(shown: usize, total: usize) -> Option<String> {
    (total > shown).then(|| {
        format!(
            "note: {} more diagnostic{} not shown (--max-errors 0 shows all)\n",
            total - shown,
            if total - shown == 1 { "" } else { "s" }
        )
    })
}

/// Renders at most `max` diagnostics (0: all) as plain text (no colour),
/// for tests and pipes.
pub fn render_plain_limited(source: &SourceText, diags: &[Diagnostic], max: usize) -> String {
    let shown = if max == 0 {
        diags.len()
    } else {
        max.min(diags.len())
    };
    let mut out = String::new();
    for d in &diags[..shown] {
        out.push_str(&render_one_plain(source, d));
    }
    out.extend(more_line(shown, diags.len()));
    out
}

/// Renders diagnostics as plain text (no colour), for tests and pipes.
pub fn render_plain(source: &SourceText, diags: &[Diagnostic]) -> String {
    render_plain_limited(source, diags, 0)
}

fn render_one_plain(source: &SourceText, d: &Diagnostic) -> String {
    let spans: Vec<Range<usize>> = spans_of(d);
    let mut out = String::new();
    // Spans come from our own scan of this very text, so rendering only
    // fails on an internal bug; fall back to the message alone.
    let ok = if crate::excerpt::fits(source, &spans) {
        let file = SimpleFile::new(source.name.as_str(), source.text.as_str());
        term::emit_to_string(&mut out, &config(), &file, &d.to_codespan()).is_ok()
    } else {
        let ex = Excerpt::new(source, &spans);
        term::emit_to_string(&mut out, &config(), &ex, &mapped(&ex, d).to_codespan()).is_ok()
    };
    if !ok {
        out.push_str(&format!("{}: {}\n", source.name, d.message));
    }
    out
}

fn spans_of(d: &Diagnostic) -> Vec<Range<usize>> {
    d.span
        .iter()
        .cloned()
        .chain(d.related.iter().map(|(s, _)| s.clone()))
        .collect()
}

/// `d` with its spans moved into the excerpt.
fn mapped(ex: &Excerpt<'_>, d: &Diagnostic) -> Diagnostic {
    let map = |r: &Range<usize>| ex.map(r.start)..ex.map(r.end);
    let mut m = d.clone();
    m.span = d.span.as_ref().map(map);
    for (r, _) in &mut m.related {
        *r = map(r);
    }
    m
}

/// Writes at most `max` diagnostics (0: all) to standard error, one at a
/// time as they are rendered, coloured when `color` allows.
pub fn emit_stderr(source: &SourceText, diags: &[Diagnostic], color: ColorChoice, max: usize) {
    let shown = if max == 0 {
        diags.len()
    } else {
        max.min(diags.len())
    };
    if color == ColorChoice::Never {
        let stderr = std::io::stderr();
        let mut err = stderr.lock();
        for d in &diags[..shown] {
            let _ = err.write_all(render_one_plain(source, d).as_bytes());
        }
        if let Some(line) = more_line(shown, diags.len()) {
            let _ = err.write_all(line.as_bytes());
        }
        return;
    }
    let stream = StandardStream::stderr(color);
    let styles = term::Styles::default();
    let mut writer = term::StylesWriter::new(stream.lock(), &styles);
    for d in &diags[..shown] {
        let spans = spans_of(d);
        if crate::excerpt::fits(source, &spans) {
            let file = SimpleFile::new(source.name.as_str(), source.text.as_str());
            let _ = term::emit_to_write_style(&mut writer, &config(), &file, &d.to_codespan());
        } else {
            let ex = Excerpt::new(source, &spans);
            let _ = term::emit_to_write_style(
                &mut writer,
                &config(),
                &ex,
                &mapped(&ex, d).to_codespan(),
            );
        }
    }
    if let Some(line) = more_line(shown, diags.len()) {
        eprint!("{line}");
    }
}

pub use crate::suggest::did_you_mean;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_file_line_col_caret_and_help() {
        let src = SourceText::new("kb.ron", "a\nbad here\n");
        let d = Diagnostic::error("x-code", "broken")
            .at(Some(6..10), "this")
            .help("fix it");
        let out = render_plain(&src, &[d]);
        assert!(out.contains("error[x-code]: broken"), "{out}");
        assert!(out.contains("kb.ron:2:5"), "{out}");
        assert!(out.contains("^^^^ this"), "{out}");
        assert!(out.contains("help: fix it"), "{out}");
    }
}
