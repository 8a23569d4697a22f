//! Located problems in a KB's files and their rustc-style rendering.
//!
//! Every check, syntactic or semantic, reports a `Diagnostic`: a severity, a
//! stable code, a message, the location of the offending text (a file of
//! the KB and a byte span in it), optional secondary locations (in the same
//! file or another) and a help line. Rendering (file:line:col, the source
//! line, a caret, the help) is delegated to `codespan-reporting`, over an
//! excerpt of the text when its lines or spans are too long to echo whole
//! (`render`, `excerpt`). Every code is documented in `code`; `suggest`
//! finds the "did you mean" of a misspelt name.

pub mod code;
pub mod excerpt;
mod render;
pub mod suggest;

use std::io::Write;
use std::ops::Range;

use codespan_reporting::diagnostic as cs;
use codespan_reporting::files::{Error as FilesError, Files};
use codespan_reporting::term;
use codespan_reporting::term::termcolor::{ColorChoice, StandardStream};

use crate::diagnostic::excerpt::{Excerpt, fits};
use crate::sys::input::SourceText;

pub use code::Code;
pub use render::{emit_stderr, render_plain, render_plain_limited, to_json};

/// Which file of a KB: an index into the list of files loaded.
pub type FileId = usize;

/// A byte span in one file of the KB.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Loc {
    pub file: FileId,
    pub range: Range<usize>,
}

impl Loc {
    pub fn new(file: FileId, range: Range<usize>) -> Loc {
        Loc { file, range }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Warning,
    Error,
}

impl Severity {
    /// `error` or `warning`, as diagnostics and JSON name it.
    pub fn name(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        }
    }
}

/// One problem found in a KB.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub severity: Severity,
    /// A stable, greppable name for the class of problem, e.g. `unknown-id`.
    pub code: Code,
    pub message: String,
    /// The offending text; `None` only when nothing in a file can be blamed.
    pub span: Option<Loc>,
    /// What the primary span shows, under the caret.
    pub label: String,
    /// Other places that explain the problem (e.g. the first definition).
    pub related: Vec<(Loc, String)>,
    pub help: Option<String>,
}

/// The longest run of user text a diagnostic quotes (between backticks),
/// in characters: the length of the longest valid id.
pub const MAX_QUOTED: usize = 128;

/// The longest message, label or help line, in characters.
pub const MAX_LINE: usize = 1_000;

/// `text` as a diagnostic shows it: every backticked run longer than
/// `MAX_QUOTED` characters cut with an ellipsis, and the whole cut past
/// `MAX_LINE`. Every message, label and help line goes through it, so that
/// no KB can make a diagnostic echo megabytes of its own text.
pub fn tame(text: String) -> String {
    if text.len() <= MAX_QUOTED {
        return text;
    }
    let mut out = String::with_capacity(text.len().min(MAX_LINE * 4));
    for (i, part) in text.split('`').enumerate() {
        if i > 0 {
            out.push('`');
        }
        if i % 2 == 1 && part.chars().count() > MAX_QUOTED {
            out.extend(part.chars().take(MAX_QUOTED));
            out.push('…');
        } else {
            out.push_str(part);
        }
    }
    if out.chars().count() > MAX_LINE {
        let mut cut: String = out.chars().take(MAX_LINE).collect();
        cut.push('…');
        return cut;
    }
    out
}

/// `s` cut to at most `max` characters, the last of them an ellipsis.
pub fn clip(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        return s.to_string();
    }
    let mut out: String = s.chars().take(max.saturating_sub(1)).collect();
    out.push('…');
    out
}

impl Diagnostic {
    /// An error; `code` must be an error's (checked in debug builds).
    pub fn error(code: Code, message: impl Into<String>) -> Diagnostic {
        Diagnostic::new(Severity::Error, code, message.into())
    }

    /// A warning; `code` must be a warning's (checked in debug builds).
    pub fn warning(code: Code, message: impl Into<String>) -> Diagnostic {
        Diagnostic::new(Severity::Warning, code, message.into())
    }

    fn new(severity: Severity, code: Code, message: String) -> Diagnostic {
        debug_assert_eq!(
            code.severity(),
            severity,
            "{code} is a {}'s code",
            code.severity().name()
        );
        Diagnostic {
            severity,
            code,
            message: tame(message),
            span: None,
            label: String::new(),
            related: Vec::new(),
            help: None,
        }
    }

    pub fn at(mut self, span: Option<Loc>, label: impl Into<String>) -> Diagnostic {
        self.span = span;
        self.label = tame(label.into());
        self
    }

    pub fn related(mut self, span: Option<Loc>, label: impl Into<String>) -> Self {
        if let Some(span) = span {
            self.related.push((span, tame(label.into())));
        }
        self
    }

    pub fn help(mut self, help: impl Into<String>) -> Diagnostic {
        self.help = Some(tame(help.into()));
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

    /// Every location the diagnostic points at.
    fn locs(&self) -> impl Iterator<Item = &Loc> {
        self.span.iter().chain(self.related.iter().map(|(l, _)| l))
    }

    fn to_codespan(&self, map: &dyn Fn(&Loc) -> Range<usize>) -> cs::Diagnostic<FileId> {
        let d = match self.severity {
            Severity::Error => cs::Diagnostic::error(),
            Severity::Warning => cs::Diagnostic::warning(),
        };
        let mut labels = Vec::new();
        if let Some(loc) = &self.span {
            labels.push(cs::Label::primary(loc.file, map(loc)).with_message(&self.label));
        }
        for (loc, msg) in &self.related {
            labels.push(cs::Label::secondary(loc.file, map(loc)).with_message(msg));
        }
        d.with_code(self.code.name())
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

/// "548356 warnings": `count` of the diagnostics kept and `more` warnings
/// that were counted but not kept (`Collector`).
pub fn count_with(diags: &[Diagnostic], more: usize) -> String {
    if more == 0 {
        return count(diags);
    }
    let errors = diags.iter().filter(|d| d.is_error()).count();
    let warnings = diags.len() - errors + more;
    let w = format!("{warnings} warning{}", if warnings == 1 { "" } else { "s" });
    match errors {
        0 => w,
        e => format!("{e} error{}, {w}", if e == 1 { "" } else { "s" }),
    }
}

/// Where a diagnostic stands in a report: its file and position (an
/// unlocated one first).
fn place(d: &Diagnostic) -> Option<(FileId, usize, usize)> {
    d.span
        .as_ref()
        .map(|s| (s.file, s.range.start, s.range.end))
}

/// Report order: by file and position, errors before warnings at one
/// place, then by message.
fn order(a: &Diagnostic, b: &Diagnostic) -> std::cmp::Ordering {
    place(a)
        .cmp(&place(b))
        .then_with(|| b.severity.cmp(&a.severity))
        .then_with(|| a.message.cmp(&b.message))
}

/// Sorts diagnostics by file and position so that reports read top to
/// bottom. The sort is stable: diagnostics that compare equal stay in the
/// order they were found.
pub fn sort(diags: &mut [Diagnostic]) {
    diags.sort_by(order);
}

/// Gathers diagnostics as checks find them. Errors are all kept; warnings
/// are all kept too, or, given a bound `k`, only the first `k` in report
/// order, and the others are counted. A KB of 10^6 nodes can draw half a
/// million warnings, of which a terminal shows a hundred: kept, they cost
/// a few hundred megabytes.
///
/// The warnings kept are exactly the first `k` that `sort` would put first
/// among all of them: the buffer is cut back to the first `k` (stable
/// sort, so equal ones keep the order they were found in) whenever it
/// holds `2k`, and a warning placed after the last one kept is counted
/// without being kept (`wants` lets a check skip building it at all).
#[derive(Debug, Default)]
pub struct Collector {
    errors: Vec<Diagnostic>,
    warnings: Vec<Diagnostic>,
    keep: Option<usize>,
    /// Warnings counted but not kept.
    dropped: usize,
    /// Once the buffer has been cut: the place of the last warning kept.
    /// A warning placed after it can never be among the first `k`.
    cutoff: Option<Option<(FileId, usize, usize)>>,
}

impl Collector {
    /// Keeps every diagnostic (`keep: None`), or every error and the first
    /// `k` warnings in report order.
    pub fn new(keep: Option<usize>) -> Collector {
        Collector {
            keep,
            ..Collector::default()
        }
    }

    /// Whether a warning at `at` could be kept: when it cannot, the caller
    /// may `skip` it instead of building it.
    pub fn wants(&self, at: Option<&Loc>) -> bool {
        let at = at.map(|s| (s.file, s.range.start, s.range.end));
        self.cutoff.is_none_or(|cut| at <= cut)
    }

    /// Whether a warning in `file` placed at or after byte `start` could
    /// be kept: a bound on `wants`, for a check that knows where a node's
    /// entry begins but has not yet looked inside it.
    pub fn may_want(&self, file: FileId, start: usize) -> bool {
        self.cutoff
            .is_none_or(|cut| cut.is_some_and(|(f, s, _)| (file, start) <= (f, s)))
    }

    /// Counts a warning that `wants` said cannot be kept.
    pub fn skip(&mut self) {
        self.dropped += 1;
    }

    pub fn push(&mut self, d: Diagnostic) {
        if d.is_error() {
            self.errors.push(d);
            return;
        }
        let Some(k) = self.keep else {
            self.warnings.push(d);
            return;
        };
        if !self.wants(d.span.as_ref()) {
            self.dropped += 1;
            return;
        }
        self.warnings.push(d);
        if self.warnings.len() >= 2 * k.max(1) {
            self.cut(k);
        }
    }

    /// Keeps the first `k` warnings in report order; counts the others.
    fn cut(&mut self, k: usize) {
        sort(&mut self.warnings);
        if self.warnings.len() > k {
            self.dropped += self.warnings.len() - k;
            self.warnings.truncate(k);
        }
        if self.warnings.len() == k {
            self.cutoff = Some(self.warnings.last().and_then(place));
        }
    }

    /// Whether an error has been found.
    pub fn has_errors(&self) -> bool {
        !self.errors.is_empty()
    }

    /// Everything kept, in report order, and how many warnings were
    /// counted but not kept.
    pub fn finish(mut self) -> (Vec<Diagnostic>, usize) {
        if let Some(k) = self.keep {
            self.cut(k);
        }
        let mut all = self.errors;
        all.append(&mut self.warnings);
        sort(&mut all);
        (all, self.dropped)
    }
}

pub use crate::diagnostic::suggest::did_you_mean;

#[cfg(test)]
mod tests {

    #[test]
    fn quoted_user_text_is_cut_and_short_text_is_kept() {
        let long = "w".repeat(20_000);
        let d = Diagnostic::error(Code::UnknownWarning, format!("`{long}` is not a warning"))
            .help(format!("did you mean `{long}`?"));
        assert_eq!(
            d.message,
            format!("`{}…` is not a warning", "w".repeat(MAX_QUOTED))
        );
        assert!(d.help.as_deref().unwrap().chars().count() < MAX_QUOTED + 30);
        let short = "`a-b` is `fine`, and so is text outside backticks".to_string();
        assert_eq!(tame(short.clone()), short);
        // An odd backtick (inside user text) cannot make an unbounded line.
        let odd = format!("a ` {}", "x".repeat(5_000));
        assert!(tame(odd).chars().count() <= MAX_LINE + 1);
        // A run of exactly the limit is kept whole.
        let edge = format!("`{}`", "y".repeat(MAX_QUOTED));
        assert_eq!(tame(edge.clone()), edge);
    }

    use super::*;
    use proptest::prelude::*;

    /// A diagnostic from a few small numbers: places collide often, and
    /// so do messages, so ties are exercised.
    fn diag((error, place, message): (bool, Option<(usize, usize)>, u8)) -> Diagnostic {
        let d = if error {
            Diagnostic::error(Code::Syntax, format!("m{}", message % 3))
        } else {
            Diagnostic::warning(Code::Isolated, format!("m{}", message % 3))
        };
        let at = place.map(|(file, start)| Loc::new(file % 2, start % 7..start % 7 + 1));
        // The label tells apart diagnostics that compare equal.
        d.at(at, format!("{message}"))
    }

    /// A warning at the very place of the last one kept may still sort
    /// before it (by message): it must be kept, not counted away.
    #[test]
    fn a_warning_at_the_cutoff_place_can_still_be_kept() {
        let at =
            |msg: &str| Diagnostic::warning(Code::Isolated, msg).at(Some(Loc::new(0, 3..4)), "");
        let mut c = Collector::new(Some(1));
        c.push(at("m1"));
        c.push(at("m2"));
        assert!(c.wants(Some(&Loc::new(0, 3..4))));
        assert!(!c.wants(Some(&Loc::new(0, 4..5))));
        c.push(at("m0"));
        let (kept, more) = c.finish();
        assert_eq!(kept, vec![at("m0")]);
        assert_eq!(more, 2);
    }

    proptest! {
        #![proptest_config(ProptestConfig { failure_persistence: None, ..ProptestConfig::default() })]

        /// Bounded, the collector keeps every error and exactly the
        /// warnings a full sort puts first, in the same order (ties
        /// included), and counts the rest.
        #[test]
        fn a_bounded_collector_keeps_the_first_warnings_of_the_full_report(
            items in proptest::collection::vec(
                (proptest::bool::weighted(0.2), proptest::option::weighted(0.9, (0..2usize, 0..7usize)), 0..9u8),
                0..60,
            ),
            k in 0..12usize,
            skip_early in proptest::bool::ANY,
            lead in 0..3u8,
        ) {
            let all: Vec<Diagnostic> = items.into_iter().map(diag).collect();
            let mut full = all.clone();
            sort(&mut full);
            let mut bounded = Collector::new(Some(k));
            let mut unbounded = Collector::new(None);
            for d in &all {
                // `may_want`, asked with a place at or before the
                // warning's (its node's entry), never refuses a warning
                // `wants` would take.
                let entry = d.span.as_ref().map(|l| (l.file, l.range.start.saturating_sub(usize::from(lead))));
                if let Some((file, start)) = entry && !bounded.may_want(file, start) {
                    prop_assert!(!bounded.wants(d.span.as_ref()));
                }
                // A check that asks first (`may_want`, `wants`) and skips
                // must get the same result as one that always builds.
                let refused = entry.is_some_and(|(file, start)| !bounded.may_want(file, start));
                if skip_early && !d.is_error() && (refused || !bounded.wants(d.span.as_ref())) {
                    bounded.skip();
                } else {
                    bounded.push(d.clone());
                }
                unbounded.push(d.clone());
            }
            let (everything, none) = unbounded.finish();
            prop_assert_eq!(none, 0);
            prop_assert_eq!(&everything, &full);
            let (kept, more) = bounded.finish();
            let errors = full.iter().filter(|d| d.is_error()).count();
            let warnings = full.len() - errors;
            let mut expected: Vec<Diagnostic> = full.iter().filter(|d| d.is_error()).cloned().collect();
            expected.extend(full.iter().filter(|d| !d.is_error()).take(k).cloned());
            sort(&mut expected);
            prop_assert_eq!(&kept, &expected);
            prop_assert_eq!(more, warnings - warnings.min(k));
            prop_assert_eq!(count_with(&kept, more), count(&full));
        }
    }

    #[test]
    fn renders_file_line_col_caret_and_help() {
        let src = SourceText::new("kb.ron", "a\nbad here\n");
        let d = Diagnostic::error(Code::BadPara, "broken")
            .at(Some(Loc::new(0, 6..10)), "this")
            .help("fix it");
        let out = render_plain(std::slice::from_ref(&src), &[d]);
        assert!(out.contains("error[bad-para]: broken"), "{out}");
        assert!(out.contains("kb.ron:2:5"), "{out}");
        assert!(out.contains("^^^^ this"), "{out}");
        assert!(out.contains("help: fix it"), "{out}");
    }

    #[test]
    fn related_places_may_be_in_another_file() {
        let files = [
            SourceText::new("actors.ron", "x\nfirst\n"),
            SourceText::new("essay.ron", "second\n"),
        ];
        let d = Diagnostic::error(Code::DuplicateId, "twice")
            .at(Some(Loc::new(1, 0..6)), "again")
            .related(Some(Loc::new(0, 2..7)), "first here");
        let out = render_plain(&files, &[d]);
        assert!(out.contains("essay.ron:1:1"), "{out}");
        assert!(out.contains("actors.ron:2:1"), "{out}");
        assert!(out.contains("first here"), "{out}");
    }
}
