//! `coverage`: for each body paragraph of the source, the nodes anchored
//! there and the sentences that no quote touches.
//!
//! A sentence counts as covered when the quote of a claim, recommendation
//! or omission overlaps it; sentences covered only by omissions are
//! reported as deliberately left out. Implicit premises are listed apart
//! (they are in no sentence), and so are nodes of the source with no quote.

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
    /// The name of the text file.
    pub source: String,
    /// The source's id in the KB.
    pub id: String,
    pub paragraphs: Vec<ParaCoverage>,
    /// Implicit premises of this source: made explicit, in no sentence.
    pub implicit: Vec<String>,
    /// Nodes of this source with neither a quote nor `implicit`.
    pub unanchored: Vec<String>,
    /// Nodes quoted from outside the body (the title, a header).
    pub outside: Vec<String>,
}

/// The coverage of source `source_id` (whose text is `doc`) by the KB.
pub fn coverage(graph: &ArgGraph, doc: &SourceDoc, source_id: &str) -> Coverage {
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
    let mine: Vec<_> = graph
        .nodes()
        .into_iter()
        .filter(|n| n.source() == Some(source_id))
        .collect();
    for node in &mine {
        let (Some(quote), Some(para)) = (node.quote(), node.para()) else {
            continue;
        };
        touch(para, quote, &mut |s| s.nodes.push(node.id().to_string()));
    }
    for o in graph
        .omitted
        .iter()
        .filter(|o| o.source.as_deref() == Some(source_id))
    {
        let o = &o.omission;
        touch(o.para, &o.quote, &mut |s| s.omitted.push(o.reason.clone()));
    }
    let mut implicit = Vec::new();
    let mut unanchored = Vec::new();
    let mut outside = Vec::new();
    for node in &mine {
        if node.is_implicit() {
            implicit.push(node.id().to_string());
        } else if node.quote().is_none() {
            unanchored.push(node.id().to_string());
        } else if node.para().is_none() {
            outside.push(node.id().to_string());
        }
        if let Some(p) = node
            .para()
            .and_then(|n| paragraphs.get_mut((n as usize).wrapping_sub(1)))
        {
            p.nodes.push(node.id().to_string());
        }
    }
    Coverage {
        source: doc.name.clone(),
        id: source_id.to_string(),
        paragraphs,
        implicit,
        unanchored,
        outside,
    }
}

/// Writes the coverage of each source: as text one after another; as JSON
/// one object for a KB with one source, an array for several.
pub fn write_all(
    reports: &[Coverage],
    format: OutputFormat,
    out: &mut dyn Write,
) -> io::Result<()> {
    match (reports, format) {
        ([one], _) => one.write(format, out),
        (_, OutputFormat::Text) => {
            for (i, r) in reports.iter().enumerate() {
                if i > 0 {
                    writeln!(out)?;
                }
                writeln!(out, "source {}:", r.id)?;
                r.write(format, out)?;
            }
            Ok(())
        }
        (_, OutputFormat::Json) => {
            let values: Vec<serde_json::Value> = reports.iter().map(Coverage::to_json).collect();
            write_json(out, &serde_json::Value::Array(values))
        }
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
        match format {
            OutputFormat::Json => write_json(out, &self.to_json()),
            OutputFormat::Text => self.write_text(out),
        }
    }

    fn to_json(&self) -> serde_json::Value {
        let total = self.sentences().count();
        let omitted = self.omitted();
        json!({
            "source": self.source,
            "id": self.id,
            "implicit": self.implicit,
            "unanchored": self.unanchored,
            "outside_body": self.outside,
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
        })
    }

    /// Sentences covered only by omissions.
    fn omitted(&self) -> usize {
        self.sentences()
            .filter(|s| s.nodes.is_empty() && !s.omitted.is_empty())
            .count()
    }

    fn write_text(&self, out: &mut dyn Write) -> io::Result<()> {
        let total = self.sentences().count();
        let omitted = self.omitted();
        for p in &self.paragraphs {
            let covered = p.sentences.iter().filter(|s| s.is_covered()).count();
            let nodes = if p.nodes.is_empty() {
                "none".to_string()
            } else {
                p.nodes.join(", ")
            };
            writeln!(
                out,
                "¶{:<3} {covered}/{} sentences covered; nodes: {nodes}",
                p.number,
                p.sentences.len(),
            )?;
            for s in &p.sentences {
                if !s.is_covered() {
                    writeln!(out, "      uncovered: {}", s.text)?;
                } else if s.nodes.is_empty() {
                    writeln!(out, "      omitted ({}): {}", s.omitted.join("; "), s.text)?;
                }
            }
        }
        for (title, ids) in [
            ("implicit premises (in no sentence)", &self.implicit),
            (
                "quoted from outside the body (title, header)",
                &self.outside,
            ),
            ("no quote (neither anchored nor implicit)", &self.unanchored),
        ] {
            if !ids.is_empty() {
                writeln!(out, "{title}: {}", ids.join(", "))?;
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
