//! `coverage`: for each body paragraph of the source, the nodes anchored
//! there and the sentences that no quote touches.
//!
//! A sentence counts as covered when the quote of a claim, recommendation
//! or omission overlaps it; sentences covered only by omissions are
//! reported as deliberately left out.

use std::io::{self, Write};

use serde_json::json;

use super::{OutputFormat, write_json};
use crate::graph::ArgGraph;
use crate::provenance::SourceDoc;

/// One sentence and what covers it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sentence {
    pub text: String,
    /// Ids of the nodes whose quotes touch it.
    pub nodes: Vec<String>,
    /// Reasons of the omissions whose quotes touch it.
    pub omitted: Vec<String>,
}

impl Sentence {
    pub fn is_covered(&self) -> bool {
        !self.nodes.is_empty() || !self.omitted.is_empty()
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParaCoverage {
    pub number: u32,
    /// Ids of nodes anchored in this paragraph, sorted.
    pub nodes: Vec<String>,
    pub sentences: Vec<Sentence>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Coverage {
    pub source: String,
    pub paragraphs: Vec<ParaCoverage>,
}

pub fn coverage(graph: &ArgGraph, doc: &SourceDoc) -> Coverage {
    let mut paragraphs: Vec<ParaCoverage> = doc
        .paragraphs
        .iter()
        .map(|p| ParaCoverage {
            number: p.number,
            nodes: Vec::new(),
            sentences: p
                .sentences
                .iter()
                .map(|r| Sentence {
                    text: p.text[r.clone()].to_string(),
                    nodes: Vec::new(),
                    omitted: Vec::new(),
                })
                .collect(),
        })
        .collect();
    let mut touch = |para: u32, quote: &str, mark: &mut dyn FnMut(&mut Sentence)| {
        let Some(at) = doc.locate(quote, para) else {
            return;
        };
        let p = &doc.paragraphs[para as usize - 1];
        for (range, s) in p
            .sentences
            .iter()
            .zip(&mut paragraphs[para as usize - 1].sentences)
        {
            if range.start < at.end && at.start < range.end {
                mark(s);
            }
        }
    };
    for node in graph.nodes() {
        let (Some(quote), Some(para)) = (node.quote(), node.para()) else {
            continue;
        };
        touch(para, quote, &mut |s| s.nodes.push(node.id().to_string()));
    }
    for o in &graph.omitted {
        touch(o.para, &o.quote, &mut |s| s.omitted.push(o.reason.clone()));
    }
    for node in graph.nodes() {
        if let Some(p) = node.para().and_then(|n| paragraphs.get_mut(n as usize - 1)) {
            p.nodes.push(node.id().to_string());
        }
    }
    Coverage {
        source: doc.name.clone(),
        paragraphs,
    }
}

impl Coverage {
    fn sentences(&self) -> impl Iterator<Item = &Sentence> {
        self.paragraphs.iter().flat_map(|p| &p.sentences)
    }

    pub fn uncovered(&self) -> usize {
        self.sentences().filter(|s| !s.is_covered()).count()
    }

    pub fn write(&self, format: OutputFormat, out: &mut dyn Write) -> io::Result<()> {
        let total = self.sentences().count();
        let omitted = self
            .sentences()
            .filter(|s| s.nodes.is_empty() && !s.omitted.is_empty())
            .count();
        match format {
            OutputFormat::Json => write_json(
                out,
                &json!({
                    "source": self.source,
                    "sentences": total,
                    "uncovered": self.uncovered(),
                    "omitted": omitted,
                    "paragraphs": self.paragraphs.iter().map(|p| json!({
                        "para": p.number,
                        "nodes": p.nodes,
                        "sentences": p.sentences.iter().map(|s| json!({
                            "text": s.text,
                            "nodes": s.nodes,
                            "omitted": s.omitted,
                        })).collect::<Vec<_>>(),
                    })).collect::<Vec<_>>(),
                }),
            ),
            OutputFormat::Text => {
                for p in &self.paragraphs {
                    let covered = p.sentences.iter().filter(|s| s.is_covered()).count();
                    writeln!(
                        out,
                        "¶{:<3} {covered}/{} sentences covered; nodes: {}",
                        p.number,
                        p.sentences.len(),
                        if p.nodes.is_empty() {
                            "none".to_string()
                        } else {
                            p.nodes.join(", ")
                        }
                    )?;
                    for s in &p.sentences {
                        if !s.is_covered() {
                            writeln!(out, "      uncovered: {}", s.text)?;
                        } else if s.nodes.is_empty() {
                            writeln!(out, "      omitted ({}): {}", s.omitted.join("; "), s.text)?;
                        }
                    }
                }
                writeln!(
                    out,
                    "{}: {total} sentences, {} covered by nodes, {omitted} deliberately omitted, {} uncovered",
                    self.source,
                    total - omitted - self.uncovered(),
                    self.uncovered()
                )
            }
        }
    }
}
