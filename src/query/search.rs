//! `search TEXT`: finds nodes whose ids, texts, quotes, names, aliases,
//! tags or notes contain every word of the query, ignoring case and
//! accents, ranked by where the words matched. A hit stated in other
//! texts too (`SameAs`) names its identicals there.

use std::io::{self, Write};
use std::ops::Range;

use serde_json::json;
use unicode_normalization::char::{decompose_canonical, is_combining_mark};

use super::{OutputFormat, QueryError, brief, non_empty, one_line, write_json};
use crate::graph::{ArgGraph, Node};

/// Lower-cases, strips accents and folds typographic quotes; returns the
/// folded text and, for each of its bytes, the byte offset in `s` it came
/// from (plus one entry for the end).
pub fn fold(s: &str) -> (String, Vec<usize>) {
    let mut out = String::with_capacity(s.len());
    let mut map = Vec::with_capacity(s.len() + 1);
    for (i, c) in s.char_indices() {
        let mut push = |d: char| {
            if is_combining_mark(d) {
                return;
            }
            let d = match d {
                '\u{2018}' | '\u{2019}' => '\'',
                '\u{201C}' | '\u{201D}' => '"',
                d => d,
            };
            for l in d.to_lowercase() {
                let before = out.len();
                out.push(l);
                map.extend(std::iter::repeat_n(i, out.len() - before));
            }
        };
        decompose_canonical(c, &mut push);
    }
    map.push(s.len());
    (out, map)
}

/// A node that matched, with the field shown and where the words are in it.
#[derive(Debug, Clone)]
pub struct Hit<'g> {
    pub node: &'g Node,
    pub score: u32,
    pub field: &'static str,
    pub value: String,
    /// Byte ranges of the matched words in `value`.
    pub spans: Vec<Range<usize>>,
    /// The same proposition in other texts (`SameAs`), in id order.
    pub same_as: Vec<&'g Node>,
}

fn fields(node: &Node) -> Vec<(&'static str, String, u32)> {
    let mut f = vec![("id", node.id().to_string(), 5)];
    match node {
        Node::Actor(a) => {
            f.push(("name", a.name.clone(), 4));
            f.extend(a.aliases.iter().map(|x| ("alias", x.clone(), 3)));
            f.extend(a.description.iter().map(|x| ("description", x.clone(), 1)));
        }
        Node::Proposition(_) => {
            f.push(("text", node.text().to_string(), 4));
            f.extend(node.quote().map(|q| ("quote", q.to_string(), 2)));
        }
        Node::Argument(a) => {
            f.extend(a.scheme.iter().map(|x| ("scheme", x.clone(), 2)));
            f.extend(a.note.iter().map(|x| ("note", x.clone(), 1)));
        }
        Node::Conflict(c) => {
            f.extend(c.scheme.iter().map(|x| ("scheme", x.clone(), 2)));
            f.extend(c.note.iter().map(|x| ("note", x.clone(), 1)));
        }
    }
    f.extend(node.tags().iter().map(|t| ("tag", t.clone(), 3)));
    f
}

fn word_start(folded: &str, at: usize) -> bool {
    folded[..at]
        .chars()
        .next_back()
        .is_none_or(|c| !c.is_alphanumeric())
}

/// Searches every node; hits are ranked by score, then id.
pub fn search<'g>(graph: &'g ArgGraph, query: &str) -> Result<Vec<Hit<'g>>, QueryError> {
    let terms: Vec<String> = fold(query)
        .0
        .split_whitespace()
        .map(str::to_string)
        .collect();
    if terms.is_empty() {
        return Err(QueryError::BadArgument("the search text is empty".into()));
    }
    let mut hits = Vec::new();
    for node in graph.nodes() {
        let fields: Vec<(&'static str, String, u32, String, Vec<usize>)> = fields(node)
            .into_iter()
            .map(|(name, value, weight)| {
                let (folded, map) = fold(&value);
                (name, value, weight, folded, map)
            })
            .collect();
        let mut score = 0;
        let mut all = true;
        for term in &terms {
            let best = fields
                .iter()
                .filter_map(|(_, _, w, folded, _)| {
                    folded.find(term.as_str()).map(|at| {
                        // A whole-field match (an id, a name) beats a word in a sentence.
                        w * 2
                            + u32::from(word_start(folded, at))
                            + if *folded == *term { 4 } else { 0 }
                    })
                })
                .max();
            match best {
                Some(s) => score += s,
                None => {
                    all = false;
                    break;
                }
            }
        }
        if !all {
            continue;
        }
        // Show the field that holds the most words; among those, prefer
        // words a reader recognises (the id only as a last resort).
        let shown = fields
            .iter()
            .max_by_key(|(name, _, w, folded, _)| {
                let count = terms.iter().filter(|t| folded.contains(t.as_str())).count();
                (count, *name != "id", *w)
            })
            .expect("a node has an id field");
        let (field, value, _, folded, map) = shown;
        // Every occurrence of every word, overlaps merged.
        let mut spans: Vec<Range<usize>> = terms
            .iter()
            .flat_map(|t| {
                folded
                    .match_indices(t.as_str())
                    .map(|(at, _)| map[at]..map[at + t.len()])
                    .collect::<Vec<_>>()
            })
            .collect();
        spans.sort_by_key(|r| (r.start, r.end));
        let mut merged: Vec<Range<usize>> = Vec::with_capacity(spans.len());
        for r in spans {
            match merged.last_mut() {
                Some(last) if r.start <= last.end => last.end = last.end.max(r.end),
                _ => merged.push(r),
            }
        }
        let spans = merged;
        hits.push(Hit {
            node,
            score,
            field,
            value: value.clone(),
            spans,
            same_as: graph.identical(node.id()),
        });
    }
    hits.sort_by(|a, b| {
        b.score
            .cmp(&a.score)
            .then_with(|| a.node.id().cmp(b.node.id()))
    });
    non_empty(hits, || no_match(graph, query, &terms))
}

/// Why nothing matched: what was searched and how, and which words match
/// nothing at all (or that each matches some node, but none all of them).
fn no_match(graph: &ArgGraph, query: &str, terms: &[String]) -> String {
    let query = crate::diagnostic::clip(query.trim(), 80);
    let how =
        "in ids, texts, quotes, names, aliases, tags, schemes and notes, ignoring case and accents";
    if terms.len() == 1 {
        return format!("nothing matches `{query}` ({how})");
    }
    let folded: Vec<Vec<String>> = graph
        .nodes()
        .into_iter()
        .map(|n| fields(n).into_iter().map(|(_, v, _)| fold(&v).0).collect())
        .collect();
    let unmatched: Vec<String> = terms
        .iter()
        .filter(|t| {
            !folded
                .iter()
                .any(|fs| fs.iter().any(|f| f.contains(t.as_str())))
        })
        .map(|t| format!("`{}`", crate::diagnostic::clip(t, 40)))
        .collect();
    let hint = if unmatched.is_empty() {
        "each word matches some node, but no node has them all: try fewer words".to_string()
    } else {
        format!(
            "{} {} nothing: try fewer words",
            unmatched.join(", "),
            if unmatched.len() == 1 {
                "matches"
            } else {
                "match"
            }
        )
    };
    format!(
        "no node matches all {} words of `{query}` ({how}); {hint}",
        terms.len()
    )
}

/// The field's text with the matched spans marked «thus».
/// How matches are marked in text output: `«…»`, or bold and underlined
/// on a colour terminal.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Marks {
    pub open: &'static str,
    pub close: &'static str,
}

impl Marks {
    pub const PLAIN: Marks = Marks {
        open: "«",
        close: "»",
    };
    pub const ANSI: Marks = Marks {
        open: "\x1b[1;4m",
        close: "\x1b[0m",
    };
}

pub fn highlight(value: &str, spans: &[Range<usize>]) -> String {
    highlight_with(value, spans, Marks::PLAIN)
}

/// `value` with the matched spans marked by `marks`, on one line.
pub fn highlight_with(value: &str, spans: &[Range<usize>], marks: Marks) -> String {
    let mut out = String::new();
    let mut at = 0;
    for r in spans {
        if r.start < at {
            continue;
        }
        out.push_str(&value[at..r.start]);
        out.push_str(marks.open);
        out.push_str(&value[r.clone()]);
        out.push_str(marks.close);
        at = r.end;
    }
    out.push_str(&value[at..]);
    one_line(&out)
}

pub fn write(hits: &[Hit<'_>], format: OutputFormat, out: &mut dyn Write) -> io::Result<()> {
    write_marked(hits, format, Marks::PLAIN, out)
}

/// Like `write`, marking matches in text output with `marks`.
pub fn write_marked(
    hits: &[Hit<'_>],
    format: OutputFormat,
    marks: Marks,
    out: &mut dyn Write,
) -> io::Result<()> {
    match format {
        OutputFormat::Json => write_json(
            out,
            &json!(
                hits.iter()
                    .map(|h| {
                        let mut v = brief(h.node);
                        v["score"] = json!(h.score);
                        v["field"] = json!(h.field);
                        v["value"] = json!(h.value);
                        v["matches"] = json!(
                            h.spans
                                .iter()
                                .map(|r| json!({
                                    "start": h.value[..r.start].chars().count(),
                                    "end": h.value[..r.end].chars().count(),
                                }))
                                .collect::<Vec<_>>()
                        );
                        v["same_as"] = json!(h.same_as.iter().map(|n| n.id()).collect::<Vec<_>>());
                        v
                    })
                    .collect::<Vec<_>>()
            ),
        ),
        OutputFormat::Text => {
            let w = hits
                .iter()
                .map(|h| h.node.id().chars().count())
                .max()
                .unwrap_or(0)
                .clamp(2, super::MAX_COLUMN);
            writeln!(out, "{:>3}  {:<w$}  {:<11} match", "score", "id", "field")?;
            for h in hits {
                writeln!(
                    out,
                    "{:>5}  {:<w$}  {:<11} {}",
                    h.score,
                    h.node.id(),
                    h.field,
                    highlight_with(&h.value, &h.spans, marks)
                )?;
                if !h.same_as.is_empty() {
                    let ids: Vec<&str> = h.same_as.iter().map(|n| n.id()).collect();
                    writeln!(
                        out,
                        "{:>5}  {:<w$}  {:<11} {}",
                        "",
                        "",
                        "same as",
                        ids.join(", ")
                    )?;
                }
            }
            Ok(())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fold_strips_case_and_accents_and_maps_back() {
        let s = "Émigré’s CAFÉ";
        let (f, map) = fold(s);
        assert_eq!(f, "emigre's cafe");
        let at = f.find("cafe").unwrap();
        assert_eq!(&s[map[at]..map[at + 4]], "CAFÉ");
    }

    fn graph(claims: &[(&str, &str)]) -> ArgGraph {
        let claims: Vec<String> = claims
            .iter()
            .map(|(id, text)| format!("Claim(id: \"{id}\", kind: Assessment, text: \"{text}\")"))
            .collect();
        let text = format!(
            "KnowledgeBase(meta: Meta(title: \"t\"), claims: [{}])",
            claims.join(", ")
        );
        crate::load::load_text(crate::sys::input::SourceText::new("t.ron", text))
            .unwrap()
            .graph
    }

    #[test]
    fn every_occurrence_of_every_word_is_marked() {
        let g = graph(&[("t", "Tax cuts now, tax rises later: taxes")]);
        let hits = search(&g, "TAX later").unwrap();
        assert_eq!(
            highlight(&hits[0].value, &hits[0].spans),
            "«Tax» cuts now, «tax» rises «later»: «tax»es"
        );
    }

    #[test]
    fn no_match_says_how_it_searched_and_which_words_match_nothing() {
        let g = graph(&[("a", "alpha"), ("b", "beta")]);
        let why = |q: &str| match search(&g, q) {
            Err(QueryError::NothingFound(m)) => m,
            other => panic!("{other:?}"),
        };
        let m = why("alpha gamma");
        assert!(
            m.contains("no node matches all 2 words of `alpha gamma`"),
            "{m}"
        );
        assert!(
            m.contains("`gamma` matches nothing: try fewer words"),
            "{m}"
        );
        let m = why("alpha beta");
        assert!(
            m.contains("each word matches some node, but no node has them all"),
            "{m}"
        );
        assert!(why("gamma").contains("ignoring case and accents"));
    }

    #[test]
    fn highlight_marks_spans() {
        assert_eq!(
            highlight("China is fed up", &[0..5, 9..12]),
            "«China» is «fed» up"
        );
    }
}
