//! The part of a KB's text that one diagnostic shows: the lines its spans
//! touch, long lines cut to windows around the spans, long spans cut to
//! their first and last lines, with the original line and column numbers.
//!
//! The diagnostic renderer echoes every line a label touches. A KB written
//! on one 10 MB line, or a span over a whole file, would otherwise be
//! printed once per diagnostic; an `Excerpt` bounds what one diagnostic
//! prints by a constant, whatever the input, and still says
//! `file:line:col` of the original text.

use std::ops::Range;

use codespan_reporting::files::{Error, Files};

use crate::sys::input::SourceText;

/// Lines longer than this many bytes are cut to windows around the spans.
pub const MAX_LINE: usize = 240;
/// Bytes kept on each side of a span's ends on a cut line.
const CONTEXT: usize = 60;
/// A span over more lines than this shows only its first and last few.
const MAX_SPAN_LINES: usize = 6;
const ELLIPSIS: &str = "…";

/// A contiguous piece of the original text copied into the excerpt.
#[derive(Debug, Clone)]
struct Piece {
    at: usize,
    orig: usize,
    len: usize,
}

/// A stand-in text for rendering one diagnostic.
#[derive(Debug)]
pub struct Excerpt<'s> {
    source: &'s SourceText,
    text: String,
    /// Start of each excerpt line, and the original 0-based line it shows.
    lines: Vec<(usize, usize)>,
    pieces: Vec<Piece>,
}

/// Whether `spans` can be shown from the original text as it is: short
/// lines and short spans.
pub fn fits(source: &SourceText, spans: &[Range<usize>]) -> bool {
    spans.iter().all(|s| {
        let (first, last) = (line_of(source, s.start), line_of(source, s.end));
        last - first <= MAX_SPAN_LINES
            && (first.saturating_sub(1)..=last + 1)
                .all(|l| line_range(source, l).is_none_or(|r| r.len() <= MAX_LINE))
    })
}

fn line_of(source: &SourceText, offset: usize) -> usize {
    source.line_col(offset).0 - 1
}

/// The byte range of 0-based line `l`, without its line break.
fn line_range(source: &SourceText, l: usize) -> Option<Range<usize>> {
    let start = source.offset(l + 1, 1);
    if l > 0 && start >= source.text.len() {
        return None;
    }
    let text = &source.text[start..];
    let end = start + text.find('\n').unwrap_or(text.len());
    Some(start..end)
}

fn floor(s: &str, mut i: usize) -> usize {
    i = i.min(s.len());
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn ceil(s: &str, mut i: usize) -> usize {
    i = i.min(s.len());
    while !s.is_char_boundary(i) {
        i += 1;
    }
    i
}

impl<'s> Excerpt<'s> {
    /// The excerpt of `source` that shows `spans`.
    pub fn new(source: &'s SourceText, spans: &[Range<usize>]) -> Excerpt<'s> {
        let last_line = line_of(source, source.text.len());
        let mut wanted = std::collections::BTreeSet::new();
        for s in spans {
            let (first, last) = (line_of(source, s.start), line_of(source, s.end));
            let shown: Vec<usize> = if last - first > MAX_SPAN_LINES {
                let k = MAX_SPAN_LINES / 2;
                (first..first + k).chain(last + 1 - k..=last).collect()
            } else {
                (first..=last).collect()
            };
            wanted.extend(shown);
            wanted.insert(first.saturating_sub(1));
            wanted.insert((last + 1).min(last_line));
        }
        let text = &source.text;
        let mut ex = Excerpt {
            source,
            text: String::new(),
            lines: Vec::new(),
            pieces: Vec::new(),
        };
        for l in wanted {
            let Some(range) = line_range(source, l) else {
                continue;
            };
            ex.lines.push((ex.text.len(), l));
            if range.len() <= MAX_LINE {
                ex.copy(range);
            } else {
                // Windows around every span end on this line, merged.
                let mut windows: Vec<Range<usize>> = Vec::new();
                for s in spans {
                    for p in [s.start, s.end] {
                        if range.contains(&p) || p == range.end {
                            let a = floor(text, p.saturating_sub(CONTEXT).max(range.start));
                            let b = ceil(text, (p + CONTEXT).min(range.end));
                            windows.push(a..b);
                        }
                    }
                }
                if windows.is_empty() {
                    windows.push(range.start..ceil(text, range.start + MAX_LINE));
                }
                windows.sort_by_key(|w| w.start);
                let mut merged: Vec<Range<usize>> = Vec::new();
                for w in windows {
                    match merged.last_mut() {
                        Some(m) if w.start <= m.end => m.end = m.end.max(w.end),
                        _ => merged.push(w),
                    }
                }
                let mut at = range.start;
                for w in merged {
                    if w.start > at {
                        ex.text.push_str(ELLIPSIS);
                    }
                    ex.copy(w.clone());
                    at = w.end;
                }
                if at < range.end {
                    ex.text.push_str(ELLIPSIS);
                }
            }
            ex.text.push('\n');
        }
        ex
    }

    fn copy(&mut self, range: Range<usize>) {
        self.pieces.push(Piece {
            at: self.text.len(),
            orig: range.start,
            len: range.len(),
        });
        self.text.push_str(&self.source.text[range]);
    }

    /// Where an offset of the original text stands in the excerpt: inside
    /// the piece that holds it, or at the nearest piece edge.
    pub fn map(&self, orig: usize) -> usize {
        let mut best = 0;
        let mut best_gap = usize::MAX;
        for p in &self.pieces {
            if (p.orig..=p.orig + p.len).contains(&orig) {
                return p.at + (orig - p.orig);
            }
            let (edge, gap) = if orig < p.orig {
                (p.at, p.orig - orig)
            } else {
                (p.at + p.len, orig - (p.orig + p.len))
            };
            if gap < best_gap {
                best = edge;
                best_gap = gap;
            }
        }
        best
    }

    /// The original offset of an excerpt offset (its piece's, or the start
    /// of the next piece for an inserted ellipsis).
    fn unmap(&self, at: usize) -> usize {
        for p in &self.pieces {
            if at <= p.at + p.len {
                return p.orig + at.saturating_sub(p.at).min(p.len);
            }
        }
        self.source.text.len()
    }

    fn excerpt_line(&self, byte_index: usize) -> usize {
        self.lines
            .partition_point(|&(start, _)| start <= byte_index)
            .saturating_sub(1)
    }
}

impl<'a> Files<'a> for Excerpt<'_> {
    type FileId = ();
    type Name = &'a str;
    type Source = &'a str;

    fn name(&'a self, (): ()) -> Result<&'a str, Error> {
        Ok(self.source.name.as_str())
    }

    fn source(&'a self, (): ()) -> Result<&'a str, Error> {
        Ok(self.text.as_str())
    }

    fn line_index(&'a self, (): (), byte_index: usize) -> Result<usize, Error> {
        Ok(self.excerpt_line(byte_index))
    }

    fn line_number(&'a self, (): (), line_index: usize) -> Result<usize, Error> {
        self.lines
            .get(line_index)
            .map(|&(_, orig)| orig + 1)
            .ok_or(Error::LineTooLarge {
                given: line_index,
                max: self.lines.len(),
            })
    }

    fn column_number(
        &'a self,
        (): (),
        _line_index: usize,
        byte_index: usize,
    ) -> Result<usize, Error> {
        Ok(self.source.line_col(self.unmap(byte_index)).1)
    }

    fn line_range(&'a self, (): (), line_index: usize) -> Result<Range<usize>, Error> {
        let start = self
            .lines
            .get(line_index)
            .map(|&(s, _)| s)
            .ok_or(Error::LineTooLarge {
                given: line_index,
                max: self.lines.len(),
            })?;
        let end = self
            .lines
            .get(line_index + 1)
            .map_or(self.text.len(), |&(s, _)| s);
        Ok(start..end)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_line_is_cut_around_the_span_with_the_original_column() {
        let text = format!("{}BAD{}\n", "x".repeat(100_000), "y".repeat(100_000));
        let src = SourceText::new("kb.ron", text);
        let span = 100_000..100_003;
        assert!(!fits(&src, std::slice::from_ref(&span)));
        let ex = Excerpt::new(&src, std::slice::from_ref(&span));
        assert!(ex.text.len() < 2 * MAX_LINE, "{}", ex.text.len());
        let at = ex.map(span.start);
        assert_eq!(&ex.text[at..at + 3], "BAD");
        assert_eq!(ex.column_number((), 0, at).unwrap(), 100_001);
        assert_eq!(ex.line_number((), 0).unwrap(), 1);
        assert!(ex.text.starts_with(ELLIPSIS) && ex.text.trim_end().ends_with(ELLIPSIS));
    }

    #[test]
    fn a_span_over_many_lines_shows_its_ends() {
        let text: String = (1..=1000).map(|i| format!("line {i}\n")).collect();
        let src = SourceText::new("kb.ron", text.clone());
        let span = 0..text.len() - 1;
        let ex = Excerpt::new(&src, std::slice::from_ref(&span));
        let numbers: Vec<usize> = (0..ex.lines.len())
            .map(|i| ex.line_number((), i).unwrap())
            .collect();
        assert_eq!(numbers, [1, 2, 3, 998, 999, 1000]);
    }

    #[test]
    fn short_lines_fit() {
        let src = SourceText::new("kb.ron", "a\nbb\nccc\n");
        assert!(fits(&src, std::slice::from_ref(&(2..4))));
    }
}
