//! The source text a KB encodes: its body paragraphs and sentences, and the
//! check that every quote in the KB occurs verbatim in the paragraph it
//! names.
//!
//! Paragraphs are blocks of text separated by blank lines. When a source's
//! `body` names the opening words of the first and last body paragraphs,
//! only the blocks from the one to the other count, numbered from 1;
//! otherwise every block does. Comparison normalises whitespace,
//! typographic quotes and dashes only. A KB with several sources is checked
//! one source at a time, each against its own text; implicit premises are
//! not looked for.

use std::ops::Range;

use crate::diagnostic::Code;
use crate::diagnostic::{Diagnostic, FileId, Loc};
use crate::graph::ArgGraph;
use crate::ron::spans::{Seg, Spans};
use crate::sys::input::SourceText;

/// One body paragraph, in normalised form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Paragraph {
    /// Counted from 1.
    pub number: u32,
    pub text: String,
    /// Byte ranges of `text`, one per sentence.
    pub sentences: Vec<Range<usize>>,
}

/// The body of a source text.
#[derive(Debug, Clone)]
pub struct SourceDoc {
    pub name: String,
    pub paragraphs: Vec<Paragraph>,
    /// The blocks outside the body (title, header, footer), normalised:
    /// where a quote without `para` is looked for.
    pub outside: Vec<String>,
}

/// Maps typographic quotes and dashes to their plain forms and collapses
/// whitespace, so that a quote typed with straight quotes matches a source
/// set with curly ones (and the reverse).
pub fn normalise(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for word in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        for c in word.chars() {
            match c {
                '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}' | '\u{2032}' => out.push('\''),
                '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' | '\u{2033}' => out.push('"'),
                '\u{2012}' | '\u{2013}' | '\u{2014}' | '\u{2015}' => out.push_str("--"),
                c => out.push(c),
            }
        }
    }
    out
}

/// Words that end with a period without ending a sentence.
fn is_abbreviation(word: &str) -> bool {
    let w = word.trim_start_matches(['(', '"', '\'']);
    let initials = w.len() >= 2 && w.split('.').all(|p| p.chars().count() <= 1) && w.contains('.');
    initials
        || matches!(
            w,
            "Mr" | "Mrs"
                | "Ms"
                | "Dr"
                | "St"
                | "Prof"
                | "Gen"
                | "Sen"
                | "Rep"
                | "Gov"
                | "Jr"
                | "Sr"
                | "vs"
                | "etc"
                | "No"
        )
}

/// Splits a normalised paragraph into sentences: a sentence ends at `.`,
/// `?` or `!` (with any closing quotes or brackets) followed by a space and
/// a capital, a digit or an opening quote, unless the word before is an
/// abbreviation such as `U.S.` or `Dr.`.
pub fn sentences(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if matches!(bytes[i], b'.' | b'?' | b'!') {
            let mut end = i + 1;
            while end < bytes.len() && matches!(bytes[end], b'"' | b'\'' | b')') {
                end += 1;
            }
            let next = text[end..].strip_prefix(' ').and_then(|r| r.chars().next());
            let starts_sentence =
                next.is_some_and(|c| c.is_uppercase() || c.is_ascii_digit() || c == '"');
            let word = text[start..i].rsplit(' ').next().unwrap_or("");
            let abbrev = bytes[i] == b'.' && is_abbreviation(&format!("{word}."));
            if starts_sentence && !abbrev {
                out.push(start..end);
                start = end + 1;
                i = start;
                continue;
            }
        }
        i += 1;
    }
    if start < text.len() {
        out.push(start..text.len());
    }
    out
}

/// Why a source text could not be split into body paragraphs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BodyError {
    /// No paragraph begins with these words.
    NotFound { which: &'static str, words: String },
    /// The last paragraph comes before the first.
    Reversed,
}

impl SourceDoc {
    /// Splits `text` into paragraphs, keeping the body between the
    /// paragraphs that begin with `body.0` and `body.1`.
    pub fn parse(text: &SourceText, body: Option<(&str, &str)>) -> Result<SourceDoc, BodyError> {
        let mut blocks: Vec<String> = Vec::new();
        let mut current = String::new();
        for line in text.text.lines() {
            if line.trim().is_empty() {
                if !current.is_empty() {
                    blocks.push(normalise(&current));
                    current.clear();
                }
            } else {
                current.push_str(line);
                current.push(' ');
            }
        }
        if !current.is_empty() {
            blocks.push(normalise(&current));
        }
        let range = match body {
            None => 0..blocks.len(),
            Some((first, last)) => {
                let find = |which, words: &str| {
                    let w = normalise(words);
                    blocks
                        .iter()
                        .position(|b| b.starts_with(&w))
                        .ok_or(BodyError::NotFound {
                            which,
                            words: words.to_string(),
                        })
                };
                let (a, b) = (find("first", first)?, find("last", last)?);
                if b < a {
                    return Err(BodyError::Reversed);
                }
                a..b + 1
            }
        };
        let paragraphs = blocks[range.clone()]
            .iter()
            .enumerate()
            .map(|(i, t)| Paragraph {
                number: i as u32 + 1,
                sentences: sentences(t),
                text: t.clone(),
            })
            .collect();
        let outside = blocks
            .iter()
            .enumerate()
            .filter(|(i, _)| !range.contains(i))
            .map(|(_, b)| b.clone())
            .collect();
        Ok(SourceDoc {
            name: text.name.clone(),
            paragraphs,
            outside,
        })
    }

    pub fn paragraph(&self, number: u32) -> Option<&Paragraph> {
        number
            .checked_sub(1)
            .and_then(|i| self.paragraphs.get(i as usize))
    }

    /// Whether the (normalised) quote occurs outside the body (the title,
    /// a header or footer line).
    pub fn outside_body(&self, quote: &str) -> bool {
        let q = normalise(quote);
        self.outside.iter().any(|b| b.contains(&q))
    }

    /// Where the (normalised) quote first occurs in paragraph `para`.
    pub fn locate(&self, quote: &str, para: u32) -> Option<Range<usize>> {
        let q = normalise(quote);
        let p = self.paragraph(para)?;
        p.text.find(&q).map(|at| at..at + q.len())
    }
}

/// A quote to check: where it is in the KB and what it claims.
struct Anchor<'a> {
    what: String,
    quote: &'a str,
    /// `None`: outside the body (the title or header).
    para: Option<u32>,
    file: FileId,
    path: Vec<Seg<'static>>,
}

/// The quotes of source `source_id`: of its claims and recommendations
/// (implicit ones have none) and of its omissions.
fn anchors<'g>(graph: &'g ArgGraph, source_id: &str) -> Vec<Anchor<'g>> {
    let mut out = Vec::new();
    for node in graph.nodes() {
        let (Some(quote), Some((file, section, index))) = (node.quote(), graph.origin(node.id()))
        else {
            continue;
        };
        let para = node.para();
        if node.source() != Some(source_id) || node.is_implicit() {
            continue;
        }
        let kind = node.kind().name();
        out.push(Anchor {
            what: format!("{kind} `{}`", node.id()),
            quote,
            para,
            file,
            path: vec![Seg::Field(section), Seg::Index(index), Seg::Field("quote")],
        });
    }
    for o in &graph.omitted {
        if o.source.as_deref() != Some(source_id) {
            continue;
        }
        out.push(Anchor {
            what: format!("omission #{}", o.index + 1),
            quote: &o.omission.quote,
            para: Some(o.omission.para),
            file: o.file,
            path: vec![
                Seg::Field("omitted"),
                Seg::Index(o.index),
                Seg::Field("quote"),
            ],
        });
    }
    out
}

/// Checks every quote of source `source_id` against its text `doc`; one
/// error per quote that is missing or anchored in the wrong paragraph.
/// `spans[i]` indexes file `i` of the KB.
pub fn check_quotes(
    graph: &ArgGraph,
    spans: &[Spans<'_>],
    doc: &SourceDoc,
    source_id: &str,
) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let count = doc.paragraphs.len();
    for a in anchors(graph, source_id) {
        let span = spans
            .get(a.file)
            .and_then(|s| s.nearest(&a.path))
            .map(|r| Loc::new(a.file, r));
        let Some(para) = a.para else {
            if !doc.outside_body(a.quote) {
                let d = Diagnostic::error(
                    Code::MissingQuote,
                    format!(
                        "the quote of {} names no paragraph, and is not in the title or header of {}",
                        a.what, doc.name
                    ),
                )
                .at(span, "not found outside the body")
                .help("a quote without `para` must come from outside the body paragraphs (the title, say); otherwise add `para: N`");
                out.push(d);
            }
            continue;
        };
        if doc.locate(a.quote, para).is_some() {
            continue;
        }
        let elsewhere: Vec<u32> = doc
            .paragraphs
            .iter()
            .filter(|p| p.text.contains(&normalise(a.quote)))
            .map(|p| p.number)
            .collect();
        let d = if let Some(&n) = elsewhere.first() {
            Diagnostic::error(
                Code::MisplacedQuote,
                format!("the quote of {} is in paragraph {n}, not {}", a.what, para),
            )
            .at(span, format!("found in paragraph {n} of {}", doc.name))
            .help(format!("set `para: {n}`"))
        } else if doc.paragraph(para).is_none() {
            Diagnostic::error(
                Code::MissingQuote,
                format!(
                    "{} cites paragraph {}, but {} has {count} body paragraphs",
                    a.what, para, doc.name
                ),
            )
            .at(span, "not found in the source")
            .help("paragraphs are counted from 1, from the first body paragraph")
        } else {
            let p = doc
                .paragraph(para)
                .map(|p| p.text.as_str())
                .unwrap_or_default();
            Diagnostic::error(
                Code::MissingQuote,
                format!(
                    "the quote of {} does not occur in paragraph {}",
                    a.what, para
                ),
            )
            .at(span, "not found verbatim")
            .help(near_miss(&normalise(a.quote), p))
        };
        out.push(d);
    }
    crate::diagnostic::sort(&mut out);
    out
}

/// Says how far the quote matches the paragraph and what the source has
/// where it departs.
fn near_miss(quote: &str, para: &str) -> String {
    let bounds: Vec<usize> = quote
        .char_indices()
        .map(|(i, _)| i)
        .chain([quote.len()])
        .collect();
    // Longest prefix of the quote that occurs in the paragraph.
    let (mut lo, mut hi) = (0, bounds.len() - 1);
    while lo < hi {
        let mid = (lo + hi).div_ceil(2);
        if para.contains(&quote[..bounds[mid]]) {
            lo = mid;
        } else {
            hi = mid - 1;
        }
    }
    let prefix = &quote[..bounds[lo]];
    if prefix.trim().len() < 4 {
        return "no part of the quote's opening matches this paragraph; copy the span from the source".into();
    }
    let at = para.find(prefix).unwrap_or(0) + prefix.len();
    let source_next: String = para[at..].chars().take(24).collect();
    let quote_next: String = quote[prefix.len()..].chars().take(24).collect();
    format!(
        "the quote matches up to `{}`; then the source reads `{source_next}`, the quote `{quote_next}`",
        tail(prefix, 24)
    )
}

fn tail(s: &str, n: usize) -> String {
    let count = s.chars().count();
    let t: String = s.chars().skip(count.saturating_sub(n)).collect();
    if count > n { format!("…{t}") } else { t }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalise_folds_typography_and_space() {
        assert_eq!(
            normalise("  “Young   General.”\n it’s — ok "),
            "\"Young General.\" it's -- ok"
        );
    }

    #[test]
    fn sentences_respect_abbreviations_and_quotes() {
        let p = "The U.S. Ambassador spoke. He said \"no surprises.\" The U.S. must act! Is it 2015? Yes.";
        let got: Vec<&str> = sentences(p).into_iter().map(|r| &p[r]).collect();
        assert_eq!(
            got,
            [
                "The U.S. Ambassador spoke.",
                "He said \"no surprises.\"",
                "The U.S. must act!",
                "Is it 2015?",
                "Yes."
            ]
        );
    }

    #[test]
    fn body_is_cut_between_first_and_last() {
        let text = SourceText::new(
            "s",
            "HEADER\n\nFirst para. Two.\n\nSecond\npara.\n\nFOOTER\n",
        );
        let doc = SourceDoc::parse(&text, Some(("First", "Second"))).unwrap();
        assert_eq!(doc.paragraphs.len(), 2);
        assert_eq!(doc.paragraphs[1].text, "Second para.");
        assert_eq!(doc.paragraphs[0].sentences.len(), 2);
        assert!(doc.locate("para. Two", 1).is_some());
        assert!(doc.locate("para. Two", 2).is_none());
        let all = SourceDoc::parse(&text, None).unwrap();
        assert_eq!(all.paragraphs.len(), 4);
        assert_eq!(
            SourceDoc::parse(&text, Some(("Nope", "Second"))).unwrap_err(),
            BodyError::NotFound {
                which: "first",
                words: "Nope".into()
            }
        );
    }

    #[test]
    fn near_miss_names_the_departure() {
        let h = near_miss(
            "they are fed up with their clients",
            "so they are fed up with their client state's behavior",
        );
        assert!(
            h.contains("matches up to `…fed up with their client`"),
            "{h}"
        );
        assert!(h.contains("the source reads ` state's behavior`"), "{h}");
    }
}
