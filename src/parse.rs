//! Turning KB text into the `model` types, with every syntax and schema error
//! as a located `Diagnostic`.
//!
//! `ron` stops at its first error. To report more than one problem per run,
//! a failed parse is retried element by element: each item of each top-level
//! list (and `meta`) is parsed on its own, so one bad claim does not hide a
//! misspelt field three relations later.

use std::ops::Range;

use ron::error::{Error as RonError, SpannedError};
use ron::extensions::Extensions;
use serde::de::DeserializeOwned;

use crate::diagnostic::{Diagnostic, FileId, Loc, did_you_mean};
use crate::model::{
    Actor, Argument, Claim, KnowledgeBase, Meta, Omission, Recommendation, Relation, Source,
};
use crate::source::SourceText;
use crate::spans::{Seg, SpanIndex};

/// The RON options every KB is read with: `Some(…)` may be left out.
pub fn ron_options() -> ron::Options {
    ron::Options::default().with_default_extension(Extensions::IMPLICIT_SOME)
}

/// Parses one file of a KB (file `file` of those loaded), or reports every
/// syntax and schema problem found.
pub fn parse(source: &SourceText, file: FileId) -> Result<KnowledgeBase, Vec<Diagnostic>> {
    if source.text.trim().is_empty() {
        return Err(vec![
            Diagnostic::error("empty-file", "the KB file is empty")
                .at(Some(Loc::new(file, 0..0)), "nothing here")
                .help("a KB is `KnowledgeBase(meta: Meta(…), actors: […], claims: […], …)`; see docs/FORMAT.md"),
        ]);
    }
    let err = match ron_options().from_str::<KnowledgeBase>(&source.text) {
        Ok(kb) => return Ok(kb),
        Err(e) => e,
    };
    let mut diags = vec![from_ron_error(source, file, 0, &err)];
    for d in element_errors(source, file) {
        let dup = diags
            .iter()
            .any(|x| x.span == d.span || x.message == d.message && overlaps(&x.span, &d.span));
        if !dup {
            diags.push(d);
        }
    }
    crate::diagnostic::sort(&mut diags);
    Err(diags)
}

fn overlaps(a: &Option<Loc>, b: &Option<Loc>) -> bool {
    match (a, b) {
        (Some(a), Some(b)) => {
            a.file == b.file && a.range.start <= b.range.end && b.range.start <= a.range.end
        }
        _ => false,
    }
}

type ElementCheck = fn(&SourceText, FileId, Range<usize>) -> Option<Diagnostic>;

/// Parses each element of each section on its own and collects the errors.
fn element_errors(source: &SourceText, file: FileId) -> Vec<Diagnostic> {
    let index = SpanIndex::scan(&source.text);
    let mut out = Vec::new();
    if let Some(span) = index.get(&[Seg::Field("meta")]) {
        out.extend(check_one::<Meta>(source, file, span));
    }
    let sections: [(&str, ElementCheck); 7] = [
        ("sources", check_one::<Source>),
        ("actors", check_one::<Actor>),
        ("claims", check_one::<Claim>),
        ("recommendations", check_one::<Recommendation>),
        ("arguments", check_one::<Argument>),
        ("relations", check_one::<Relation>),
        ("omitted", check_one::<Omission>),
    ];
    for (name, check) in sections {
        for span in index.items(&[Seg::Field(name)]) {
            out.extend(check(source, file, span));
        }
    }
    out
}

fn check_one<T: DeserializeOwned>(
    source: &SourceText,
    file: FileId,
    span: Range<usize>,
) -> Option<Diagnostic> {
    let text = &source.text[span.clone()];
    ron_options()
        .from_str::<T>(text)
        .err()
        .map(|e| from_ron_error(source, file, span.start, &e))
}

/// Converts a `ron` error found in the text starting at `base` into a
/// diagnostic on the whole source.
fn from_ron_error(
    source: &SourceText,
    file: FileId,
    base: usize,
    err: &SpannedError,
) -> Diagnostic {
    let local = SourceText::new("", &source.text[base..]);
    let start = base + local.offset(err.span.start.line, err.span.start.col);
    let end = base + local.offset(err.span.end.line, err.span.end.col);
    let span = Loc::new(
        file,
        if end > start {
            start..end
        } else {
            token_at(&source.text, start)
        },
    );
    let quoted = |s: &str| format!("`{s}`");
    let inside = |outer: &Option<String>| {
        outer
            .as_ref()
            .map(|o| format!(" in `{o}`"))
            .unwrap_or_default()
    };
    let suggest = |found: &str, expected: &[&str]| -> Option<String> {
        match did_you_mean(found, expected.iter().copied()) {
            Some(best) => Some(format!("did you mean `{best}`?")),
            None if expected.is_empty() => None,
            None => Some(format!(
                "expected one of {}",
                expected
                    .iter()
                    .map(|e| quoted(e))
                    .collect::<Vec<_>>()
                    .join(", ")
            )),
        }
    };
    match &err.code {
        RonError::NoSuchStructField {
            expected,
            found,
            outer,
        } => Diagnostic::error(
            "unknown-field",
            format!("unknown field `{found}`{}", inside(outer)),
        )
        .at(Some(span), "unknown field")
        .help_opt(suggest(found, expected)),
        RonError::NoSuchEnumVariant {
            expected,
            found,
            outer,
        } => Diagnostic::error(
            "unknown-variant",
            format!("unknown kind `{found}`{}", inside(outer)),
        )
        .at(Some(span), "not a known kind")
        .help_opt(suggest(found, expected)),
        RonError::MissingStructField { field, outer } => Diagnostic::error(
            "missing-field",
            format!("missing field `{field}`{}", inside(outer)),
        )
        .at(Some(span), format!("`{field}` is required here"))
        .help(format!("add `{field}: …`")),
        RonError::DuplicateStructField { field, outer } => Diagnostic::error(
            "duplicate-field",
            format!("field `{field}` is given twice{}", inside(outer)),
        )
        .at(Some(span), "second occurrence"),
        RonError::ExceededRecursionLimit => {
            Diagnostic::error("too-deep", "values are nested too deeply")
                .at(Some(span), "nesting limit reached here")
                .help("a KB nests at most a few levels; check for unbalanced brackets")
        }
        RonError::ExpectedDifferentStructName { expected, found } => Diagnostic::error(
            "wrong-name",
            format!("expected `{expected}`, found `{found}`"),
        )
        .at(Some(span), "wrong struct name")
        .help(format!(
            "write `{expected}(…)` or leave the name out: `(…)`"
        )),
        RonError::Eof => Diagnostic::error("syntax", "unexpected end of file")
            .at(Some(span), "the file ends here")
            .help("a bracket or quote is probably left open"),
        RonError::ExpectedInteger => type_error(
            span,
            "a whole number",
            "write a number without quotes, e.g. `para: 3`",
        ),
        RonError::ExpectedString | RonError::ExpectedStringEnd => type_error(
            span,
            "a string",
            "write text in double quotes, e.g. `\"China\"`",
        ),
        RonError::ExpectedArray | RonError::ExpectedArrayEnd => type_error(
            span,
            "a list",
            "write a list in brackets, e.g. `[\"a\", \"b\"]`",
        ),
        RonError::ExpectedComma => Diagnostic::error("syntax", "expected a comma")
            .at(Some(span), "a `,` is missing before this")
            .help("separate fields and list items with `,`"),
        other => Diagnostic::error("syntax", other.to_string()).at(Some(span), "here"),
    }
}

fn type_error(span: Loc, what: &str, help: &str) -> Diagnostic {
    Diagnostic::error("wrong-type", format!("expected {what}"))
        .at(Some(span), format!("not {what}"))
        .help(help)
}

/// A span covering the token that starts at `at` (at least one character).
fn token_at(text: &str, at: usize) -> Range<usize> {
    let rest = &text[at..];
    let len = match rest.chars().next() {
        None => 0,
        Some(c) if c.is_alphanumeric() || c == '_' => rest
            .find(|c: char| !(c.is_alphanumeric() || c == '_'))
            .unwrap_or(rest.len()),
        Some(c) => c.len_utf8(),
    };
    at..at + len
}
