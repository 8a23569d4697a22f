//! Diagnostics as people and programs read them: rustc-style text (the
//! line, a caret under the offending text, the help), drawn by
//! `codespan-reporting` over excerpts of the files so that a huge line or
//! file costs no more than what is shown; `--max-errors` and the count of
//! the rest; and one JSON object each, for editors and CI annotations.

use super::*;

pub(super) fn config() -> term::Config {
    term::Config {
        start_context_lines: 1,
        end_context_lines: 1,
        ..term::Config::default()
    }
}

/// One file as a diagnostic shows it: whole, or an excerpt.
pub(super) enum View<'a> {
    Whole(&'a SourceText),
    Cut(Excerpt<'a>),
}

/// The files of a KB as one diagnostic shows them.
pub(super) struct Views<'a> {
    pub(super) views: Vec<View<'a>>,
}

impl<'a> Views<'a> {
    /// Views of `files` for `d`: an excerpt of each file whose lines or
    /// spans are too long to show whole.
    pub(super) fn for_diagnostic(files: &'a [SourceText], d: &Diagnostic) -> Views<'a> {
        let views = files
            .iter()
            .enumerate()
            .map(|(f, text)| {
                let spans: Vec<Range<usize>> = d
                    .locs()
                    .filter(|l| l.file == f)
                    .map(|l| l.range.clone())
                    .collect();
                if spans.is_empty() || fits(text, &spans) {
                    View::Whole(text)
                } else {
                    View::Cut(Excerpt::new(text, &spans))
                }
            })
            .collect();
        Views { views }
    }

    pub(super) fn map(&self, loc: &Loc) -> Range<usize> {
        match self.views.get(loc.file) {
            Some(View::Cut(ex)) => ex.map(loc.range.start)..ex.map(loc.range.end),
            _ => loc.range.clone(),
        }
    }

    pub(super) fn view(&self, id: FileId) -> Result<&View<'a>, FilesError> {
        self.views.get(id).ok_or(FilesError::FileMissing)
    }
}

impl<'f> Files<'f> for Views<'_> {
    type FileId = FileId;
    type Name = &'f str;
    type Source = &'f str;

    fn name(&'f self, id: FileId) -> Result<&'f str, FilesError> {
        Ok(match self.view(id)? {
            View::Whole(t) => t.name.as_str(),
            View::Cut(ex) => ex.name(())?,
        })
    }

    fn source(&'f self, id: FileId) -> Result<&'f str, FilesError> {
        match self.view(id)? {
            View::Whole(t) => Ok(t.text.as_str()),
            View::Cut(ex) => ex.source(()),
        }
    }

    fn line_index(&'f self, id: FileId, byte_index: usize) -> Result<usize, FilesError> {
        match self.view(id)? {
            View::Whole(t) => Ok(t.line_col(byte_index).0 - 1),
            View::Cut(ex) => ex.line_index((), byte_index),
        }
    }

    fn line_number(&'f self, id: FileId, line_index: usize) -> Result<usize, FilesError> {
        match self.view(id)? {
            View::Whole(_) => Ok(line_index + 1),
            View::Cut(ex) => ex.line_number((), line_index),
        }
    }

    fn column_number(
        &'f self,
        id: FileId,
        line_index: usize,
        byte_index: usize,
    ) -> Result<usize, FilesError> {
        match self.view(id)? {
            View::Whole(t) => Ok(t.line_col(byte_index).1),
            View::Cut(ex) => ex.column_number((), line_index, byte_index),
        }
    }

    fn line_range(&'f self, id: FileId, line_index: usize) -> Result<Range<usize>, FilesError> {
        match self.view(id)? {
            View::Whole(t) => t.line_range(line_index).ok_or(FilesError::LineTooLarge {
                given: line_index,
                max: t.line_count(),
            }),
            View::Cut(ex) => ex.line_range((), line_index),
        }
    }
}

/// The line that closes a report cut by `--max-errors`.
pub(super) fn more_line(shown: usize, total: usize) -> Option<String> {
    (total > shown).then(|| {
        format!(
            "note: {} more diagnostic{} not shown (--max-errors 0 shows all)\n",
            total - shown,
            if total - shown == 1 { "" } else { "s" }
        )
    })
}

pub(super) fn render_one_plain(files: &[SourceText], d: &Diagnostic) -> String {
    let views = Views::for_diagnostic(files, d);
    let mut out = String::new();
    // Spans come from our own scan of these very texts, so rendering only
    // fails on an internal bug; fall back to the message alone.
    let cs = d.to_codespan(&|l| views.map(l));
    if term::emit_to_string(&mut out, &config(), &views, &cs).is_err() {
        let name = d
            .span
            .as_ref()
            .and_then(|l| files.get(l.file))
            .map_or("argkb", |f| f.name.as_str());
        out.push_str(&format!("{name}: {}\n", d.message));
    }
    out
}

/// Renders at most `max` diagnostics (0: all) as plain text (no colour),
/// for tests and pipes.
pub fn render_plain_limited(files: &[SourceText], diags: &[Diagnostic], max: usize) -> String {
    let shown = if max == 0 {
        diags.len()
    } else {
        max.min(diags.len())
    };
    let mut out = String::new();
    for d in &diags[..shown] {
        out.push_str(&render_one_plain(files, d));
    }
    out.extend(more_line(shown, diags.len()));
    out
}

/// Renders diagnostics as plain text (no colour), for tests and pipes.
pub fn render_plain(files: &[SourceText], diags: &[Diagnostic]) -> String {
    render_plain_limited(files, diags, 0)
}

/// Writes at most `max` diagnostics (0: all) to standard error, one at a
/// time as they are rendered, coloured when `color` allows; `more` counts
/// warnings found but not kept (`Collector`), which the closing note adds
/// to those not shown.
pub fn emit_stderr(
    files: &[SourceText],
    diags: &[Diagnostic],
    more: usize,
    color: ColorChoice,
    max: usize,
) {
    let shown = if max == 0 {
        diags.len()
    } else {
        max.min(diags.len())
    };
    if color == ColorChoice::Never {
        let stderr = std::io::stderr();
        let mut err = stderr.lock();
        for d in &diags[..shown] {
            let _ = err.write_all(render_one_plain(files, d).as_bytes());
        }
        if let Some(line) = more_line(shown, diags.len() + more) {
            let _ = err.write_all(line.as_bytes());
        }
        return;
    }
    let stream = StandardStream::stderr(color);
    let styles = term::Styles::default();
    let mut writer = term::StylesWriter::new(stream.lock(), &styles);
    for d in &diags[..shown] {
        let views = Views::for_diagnostic(files, d);
        let cs = d.to_codespan(&|l| views.map(l));
        let _ = term::emit_to_write_style(&mut writer, &config(), &views, &cs);
    }
    if let Some(line) = more_line(shown, diags.len() + more) {
        eprint!("{line}");
    }
}

/// A diagnostic as JSON, for editors and CI annotations: severity, code,
/// message, file, 1-based line and column of the start and end of the
/// offending text, label, help, and related places.
pub fn to_json(files: &[SourceText], d: &Diagnostic) -> serde_json::Value {
    let place = |loc: &Loc| {
        let file = files.get(loc.file);
        let (line, column) = file.map_or((0, 0), |f| f.line_col(loc.range.start));
        let (end_line, end_column) = file.map_or((0, 0), |f| f.line_col(loc.range.end));
        serde_json::json!({
            "file": file.map(|f| f.name.as_str()),
            "line": line,
            "column": column,
            "end_line": end_line,
            "end_column": end_column,
        })
    };
    let mut v = serde_json::json!({
        "severity": d.severity.name(),
        "code": d.code.name(),
        "message": d.message,
        "label": d.label,
        "help": d.help,
        "related": d.related.iter().map(|(loc, label)| {
            let mut r = place(loc);
            r["label"] = serde_json::json!(label);
            r
        }).collect::<Vec<_>>(),
    });
    let at = d.span.as_ref().map(place).unwrap_or_else(|| {
        serde_json::json!({"file": null, "line": null, "column": null, "end_line": null, "end_column": null})
    });
    for key in ["file", "line", "column", "end_line", "end_column"] {
        v[key] = at[key].clone();
    }
    v
}
