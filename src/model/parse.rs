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

use crate::diagnostic::Code;
use crate::diagnostic::{Diagnostic, FileId, Loc, did_you_mean};
use crate::model::{
    Actor, Argument, Claim, Conflict, KnowledgeBase, Meta, Omission, Recommendation, Relation,
    Source,
};
use crate::ron::spans::{Seg, SpanIndex};
use crate::sys::input::SourceText;

/// The RON options every KB is read with: `Some(…)` may be left out.
pub fn ron_options() -> ron::Options {
    ron::Options::default().with_default_extension(Extensions::IMPLICIT_SOME)
}

/// Why a file did not parse: every syntax and schema problem found, and,
/// when only some entries are malformed, the rest of the file, so that the
/// semantic checks can still run on what did parse.
#[derive(Debug)]
pub struct ParseFailure {
    pub diagnostics: Vec<Diagnostic>,
    /// The KB with each malformed entry replaced by a stand-in that keeps
    /// its id (so references to it resolve) and its position (so spans
    /// stay right), and the byte ranges of those entries: problems the
    /// semantic checks find inside them are echoes, not news.
    pub partial: Option<Box<Partial>>,
    /// The file's span index, when reading it needed one: built once
    /// here, it places the semantic checks' diagnostics too.
    pub spans: Option<Box<SpanIndex>>,
}

/// What parsed of a file whose entries did not all parse.
#[derive(Debug)]
pub struct Partial {
    pub kb: KnowledgeBase,
    /// The byte ranges of the malformed entries.
    pub failed: Vec<Range<usize>>,
}

/// Schema problems: the file's structure is sound and only entries are
/// malformed, so the other entries can be checked.
const SCHEMA_CODES: &[Code] = &[
    Code::UnknownField,
    Code::UnknownVariant,
    Code::MissingField,
    Code::DuplicateField,
    Code::WrongType,
    Code::WrongName,
];

/// Parses one file of a KB (file `file` of those loaded), or reports every
/// syntax and schema problem found.
pub fn parse(source: &SourceText, file: FileId) -> Result<KnowledgeBase, Vec<Diagnostic>> {
    parse_file(source, file).map_err(|f| f.diagnostics)
}

/// Like `parse`, and also returns what did parse when only entries fail.
pub fn parse_file(source: &SourceText, file: FileId) -> Result<KnowledgeBase, ParseFailure> {
    parse_outlined(source, file, false).map(|(kb, _)| kb)
}

/// Like `parse_file`, and, when `outline`, also returns the outline of
/// the file the fast reader noted as it read it (none when the `ron`
/// crate read the file). Noting it costs 3% of the read and, for a file
/// of 10^6 nodes, 50 MB, wasted on a load that places no diagnostic (a
/// failed parse still gives its index, which it needs to place its own).
pub fn parse_outlined(
    source: &SourceText,
    file: FileId,
    outline: bool,
) -> Result<(KnowledgeBase, Option<SpanIndex>), ParseFailure> {
    if source.text.trim().is_empty() {
        return Err(ParseFailure {
            diagnostics: vec![
                Diagnostic::error(Code::EmptyFile, "the KB file is empty")
                    .at(Some(Loc::new(file, 0..0)), "nothing here")
                    .help("a KB is `KnowledgeBase(meta: Meta(…), actors: […], claims: […], …)`; see docs/FORMAT.md"),
            ],
            partial: None,
            spans: None,
        });
    }
    // The common case, a valid file, in one fast pass; anything else is
    // read again by the `ron` crate, which locates every problem.
    let fast = if outline {
        crate::ron::reader::from_str_outlined(&source.text)
    } else {
        crate::ron::reader::from_str(&source.text).map(|kb| (kb, None))
    };
    if let Ok(read) = fast {
        return Ok(read);
    }
    let err = match ron_options().from_str::<KnowledgeBase>(&source.text) {
        Ok(kb) => return Ok((kb, None)),
        Err(e) => e,
    };
    let mut diags = vec![from_ron_error(source, file, 0, &err)];
    let (element_diags, partial, index) = elements(source, file);
    // The whole-file error is the first element error found again: report
    // each problem once, with every missing field.
    if diags[0].code == Code::MissingField
        && element_diags.iter().any(|d| d.code == Code::MissingField)
    {
        diags.clear();
    }
    for d in element_diags {
        let dup = diags
            .iter()
            .any(|x| x.span == d.span || x.message == d.message && overlaps(&x.span, &d.span));
        if !dup {
            diags.push(d);
        }
    }
    crate::diagnostic::sort(&mut diags);
    let schema_only = diags.iter().all(|d| SCHEMA_CODES.contains(&d.code));
    Err(ParseFailure {
        diagnostics: diags,
        partial: partial.filter(|_| schema_only),
        spans: Some(Box::new(index)),
    })
}

fn overlaps(a: &Option<Loc>, b: &Option<Loc>) -> bool {
    match (a, b) {
        (Some(a), Some(b)) => {
            a.file == b.file && a.range.start <= b.range.end && b.range.start <= a.range.end
        }
        _ => false,
    }
}

/// Parses each element of each section on its own: the errors, and the KB
/// of what parsed with stand-ins for what did not (`None` when the file's
/// structure itself cannot be followed).
/// The file's span index comes back too: it is scanned once, here.
fn elements(
    source: &SourceText,
    file: FileId,
) -> (Vec<Diagnostic>, Option<Box<Partial>>, SpanIndex) {
    let scanned = SpanIndex::scan(&source.text);
    let index = scanned.on(&source.text);
    let mut out = Vec::new();
    let mut failed = Vec::new();
    let mut kb = KnowledgeBase::default();
    let structure_ok = index.get(&[]).is_some();
    if let Some(span) = index.get(&[Seg::Field("meta")]) {
        let present = || index.field_names(&[Seg::Field("meta")]);
        match one::<Meta>(source, file, span.clone(), &["title"], &present) {
            Ok(m) => kb.meta = Some(m),
            Err(d) => {
                out.push(*d);
                failed.push(span);
            }
        }
    }
    // An entry's id, read where the index places it.
    let id_of = |entry: &[Seg<'_>]| -> String {
        let path = [entry, &[Seg::Field("id")]].concat();
        index
            .get(&path)
            .and_then(|r| ron::from_str::<String>(&source.text[r]).ok())
            .unwrap_or_default()
    };
    macro_rules! section {
        ($name:literal, $ty:ty, $field:ident, $required:expr, $standin:expr) => {
            for (i, span) in index.items(&[Seg::Field($name)]).into_iter().enumerate() {
                let entry = [Seg::Field($name), Seg::Index(i)];
                let present = || index.field_names(&entry);
                match one::<$ty>(source, file, span.clone(), $required, &present) {
                    Ok(x) => kb.$field.push(x),
                    Err(d) => {
                        out.push(*d);
                        let id = id_of(&entry);
                        kb.$field.push($standin(id));
                        failed.push(span);
                    }
                }
            }
        };
    }
    section!("sources", Source, sources, &[], |_| Source::default());
    section!("actors", Actor, actors, &["id", "name", "kind"], |id| {
        Actor {
            id,
            name: "?".into(),
            kind: crate::model::ActorKind::Other,
            aliases: Vec::new(),
            description: None,
        }
    });
    section!("claims", Claim, claims, &["id", "text", "kind"], |id| {
        Claim::new(id, "?", crate::model::ClaimKind::Assessment)
    });
    section!(
        "recommendations",
        Recommendation,
        recommendations,
        &["id", "text"],
        |id| Recommendation::new(id, "?")
    );
    section!(
        "arguments",
        Argument,
        arguments,
        &["id", "premises", "conclusion"],
        |id: String| Argument {
            premises: vec![id.clone()],
            conclusion: id.clone(),
            id,
            scheme: None,
            note: None,
        }
    );
    section!(
        "conflicts",
        Conflict,
        conflicts,
        &["id", "attackers", "target"],
        |id: String| Conflict {
            attackers: vec![id.clone()],
            target: id.clone(),
            id,
            scheme: None,
            note: None,
        }
    );
    section!("relations", Relation, relations, &[], |_| Relation::About(
        String::new(),
        String::new()
    ));
    section!(
        "omitted",
        Omission,
        omitted,
        &["quote", "para", "reason"],
        |_| {
            Omission {
                quote: "?".into(),
                para: 1,
                reason: "?".into(),
                source: None,
            }
        }
    );
    let partial = structure_ok.then(|| Box::new(Partial { kb, failed }));
    (out, partial, scanned)
}

/// Parses one element; on failure, its diagnostic, naming every required
/// field it lacks at once.
fn one<T: DeserializeOwned>(
    source: &SourceText,
    file: FileId,
    span: Range<usize>,
    required: &[&str],
    present: &dyn Fn() -> Vec<String>,
) -> Result<T, Box<Diagnostic>> {
    let text = &source.text[span.clone()];
    ron_options()
        .from_str::<T>(text)
        .map_err(|e| -> Box<Diagnostic> {
            let d = from_ron_error(source, file, span.start, &e);
            let RonError::MissingStructField { outer, .. } = &e.code else {
                return Box::new(d);
            };
            let present = present();
            let missing: Vec<&str> = required
                .iter()
                .copied()
                .filter(|f| !present.iter().any(|p| p == f))
                .collect();
            if missing.len() < 2 {
                return Box::new(d);
            }
            let list = missing.iter().map(|f| format!("`{f}`")).collect::<Vec<_>>();
            let inside = outer
                .as_ref()
                .map(|o| format!(" in `{o}`"))
                .unwrap_or_default();
            Box::new(
                Diagnostic::error(
                    Code::MissingField,
                    format!(
                        "missing fields {} and {}{inside}",
                        list[..list.len() - 1].join(", "),
                        list[list.len() - 1]
                    ),
                )
                .at(
                    d.span.clone(),
                    format!("{} are required here", list.join(", ")),
                )
                .help(format!(
                    "add {}",
                    missing
                        .iter()
                        .map(|f| format!("`{f}: …`"))
                        .collect::<Vec<_>>()
                        .join(", ")
                )),
            )
        })
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
            Code::UnknownField,
            format!("unknown field `{found}`{}", inside(outer)),
        )
        .at(Some(span), "unknown field")
        .help_opt(suggest(found, expected)),
        RonError::NoSuchEnumVariant {
            expected,
            found,
            outer,
        } => Diagnostic::error(
            Code::UnknownVariant,
            format!("unknown kind `{found}`{}", inside(outer)),
        )
        .at(Some(span), "not a known kind")
        .help_opt(suggest(found, expected)),
        RonError::MissingStructField { field, outer } => Diagnostic::error(
            Code::MissingField,
            format!("missing field `{field}`{}", inside(outer)),
        )
        .at(Some(span), format!("`{field}` is required here"))
        .help(format!("add `{field}: …`")),
        RonError::DuplicateStructField { field, outer } => Diagnostic::error(
            Code::DuplicateField,
            format!("field `{field}` is given twice{}", inside(outer)),
        )
        .at(Some(span), "second occurrence"),
        RonError::ExceededRecursionLimit => {
            Diagnostic::error(Code::TooDeep, "values are nested too deeply")
                .at(Some(span), "nesting limit reached here")
                .help("a KB nests at most a few levels; check for unbalanced brackets")
        }
        RonError::ExpectedDifferentStructName { expected, found } => Diagnostic::error(
            Code::WrongName,
            format!("expected `{expected}`, found `{found}`"),
        )
        .at(Some(span), "wrong struct name")
        .help(format!(
            "write `{expected}(…)` or leave the name out: `(…)`"
        )),
        RonError::Eof | RonError::ExpectedComma
            if matches!(err.code, RonError::Eof)
                || source.text[span.range.start.min(source.text.len())..]
                    .trim()
                    .is_empty() =>
        {
            let d = Diagnostic::error(Code::Syntax, "unexpected end of file")
                .at(Some(span), "the file ends here");
            match unclosed(&source.text) {
                Some(Open::Bracket(at, c)) => d
                    .related(Some(Loc::new(file, at..at + 1)), format!("this `{c}` is never closed"))
                    .help(format!("close it with `{}`", closing(c))),
                Some(Open::Quote(at)) => d
                    .related(Some(Loc::new(file, at..at + 1)), "this string is never closed")
                    .help("end the string with `\"`"),
                None => d.help("a bracket or quote is probably left open"),
            }
        }
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
        RonError::ExpectedComma => match string_before(&source.text, span.range.start) {
            // `text: "abc,\n quote: "def"`: the string left open swallows
            // the next field and ends at its opening quote.
            Some(open) => Diagnostic::error(Code::Syntax, "a string is probably left unterminated")
                .at(Some(span), "the text after it does not make sense here")
                .related(
                    Some(Loc::new(file, open..open + 1)),
                    "this string runs on over a line break, to here",
                )
                .help("end the string with `\"` on its own line (a `\"` inside text is written `\\\"`)"),
            None => Diagnostic::error(Code::Syntax, "expected a comma")
                .at(Some(span), "a `,` is missing before this")
                .help("separate fields and list items with `,`"),
        },
        _ if source.text.trim_start().starts_with(['{', '[']) && base == 0 => {
            Diagnostic::error(Code::Syntax, "this looks like JSON, not a RON KB")
                .at(Some(span), "RON expected here")
                .help("argkb reads KBs written in RON: `KnowledgeBase(meta: Meta(title: \"…\"), claims: [...])`; see docs/FORMAT.md")
        }
        RonError::ExpectedStructLikeEnd => Diagnostic::error(Code::Syntax, "expected a closing `)`")
            .at(Some(span), "more than this entry takes")
            .help("a relation joins exactly two ids, `Supports(\"from\", \"to\")`; fields are separated by `,` and an entry ends with `)`"),
        RonError::ExpectedDifferentLength { expected, found } => Diagnostic::error(
            Code::WrongType,
            format!("expected {expected}, found {found} elements"),
        )
        .at(Some(span), "wrong number of elements")
        .help("a relation joins two ids: `Supports(\"from\", \"to\")`"),
        other => {
            let message = other.to_string();
            let mut chars = message.chars();
            let message = chars
                .next()
                .map(|c| c.to_lowercase().collect::<String>() + chars.as_str())
                .unwrap_or_default();
            Diagnostic::error(Code::Syntax, message)
                .at(Some(span), "here")
                .help("see docs/FORMAT.md for the shape of each entry")
        }
    }
}

/// The first bracket or quote of `text` left open, if any (skipping
/// strings and comments).
enum Open {
    Bracket(usize, char),
    Quote(usize),
}

fn closing(c: char) -> char {
    match c {
        '(' => ')',
        '[' => ']',
        _ => '}',
    }
}

fn unclosed(text: &str) -> Option<Open> {
    let b = text.as_bytes();
    let mut stack: Vec<(usize, char)> = Vec::new();
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'"' => {
                let start = i;
                i += 1;
                loop {
                    match b.get(i) {
                        None => return Some(Open::Quote(start)),
                        Some(b'\\') => i += 2,
                        Some(b'"') => break,
                        _ => i += 1,
                    }
                }
            }
            b'/' if b.get(i + 1) == Some(&b'/') => {
                while i < b.len() && b[i] != b'\n' {
                    i += 1;
                }
            }
            b'/' if b.get(i + 1) == Some(&b'*') => {
                i += 2;
                while i + 1 < b.len() && !(b[i] == b'*' && b[i + 1] == b'/') {
                    i += 1;
                }
                i += 1;
            }
            c @ (b'(' | b'[' | b'{') => stack.push((i, c as char)),
            b')' | b']' | b'}' => {
                stack.pop();
            }
            _ => {}
        }
        i += 1;
    }
    stack.first().map(|&(at, c)| Open::Bracket(at, c))
}

/// When the text just before `at` (past whitespace) ends a string literal
/// that spans a line break, the offset of that string's opening quote.
fn string_before(text: &str, at: usize) -> Option<usize> {
    let before = text.get(..at)?.trim_end();
    if !before.ends_with('"') {
        return None;
    }
    let end = before.len() - 1;
    // Find the opening quote: the previous unescaped `"`.
    let mut open = None;
    let bytes = before.as_bytes();
    let mut i = end;
    while i > 0 {
        i -= 1;
        if bytes[i] == b'"' && (i == 0 || bytes[i - 1] != b'\\') {
            open = Some(i);
            break;
        }
    }
    let open = open?;
    before[open..end].contains('\n').then_some(open)
}

fn type_error(span: Loc, what: &str, help: &str) -> Diagnostic {
    Diagnostic::error(Code::WrongType, format!("expected {what}"))
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
