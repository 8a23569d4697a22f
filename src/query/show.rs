//! `show ID`: every field of one node and every relation that touches it,
//! with the text at the other end.

use std::io::{self, Write};

use petgraph::Direction;
use serde_json::json;

use super::{OutputFormat, QueryError, find, one_line, write_json};
use crate::graph::json;
use crate::graph::{ArgGraph, Edge, Node};

/// One node and its relations, both directions, sorted.
#[derive(Debug)]
pub struct Shown<'g> {
    pub node: &'g Node,
    pub outgoing: Vec<Edge<'g>>,
    pub incoming: Vec<Edge<'g>>,
    graph: &'g ArgGraph,
}

pub fn show<'g>(graph: &'g ArgGraph, id: &str) -> Result<Shown<'g>, QueryError> {
    let node = find(graph, id)?;
    let mut incoming = graph.edges_of(id, Direction::Incoming);
    incoming.sort_by_key(|e| (e.kind, e.source));
    Ok(Shown {
        node,
        outgoing: graph.edges_of(id, Direction::Outgoing),
        incoming,
        graph,
    })
}

impl Shown<'_> {
    fn other_text(&self, id: &str) -> String {
        self.graph
            .node(id)
            .map(|n| one_line(n.text()))
            .unwrap_or_default()
    }

    pub fn write(&self, format: OutputFormat, out: &mut dyn Write) -> io::Result<()> {
        match format {
            OutputFormat::Json => {
                let rel = |e: &Edge<'_>, other: &str| json!({"kind": e.kind.name(), "id": other, "text": self.other_text(other)});
                write_json(
                    out,
                    &json!({
                        "node": json::node(self.graph, self.node),
                        "outgoing": self.outgoing.iter().map(|e| rel(e, e.target)).collect::<Vec<_>>(),
                        "incoming": self.incoming.iter().map(|e| rel(e, e.source)).collect::<Vec<_>>(),
                    }),
                )
            }
            OutputFormat::Text => self.write_text(out),
        }
    }

    fn write_text(&self, out: &mut dyn Write) -> io::Result<()> {
        let n = self.node;
        writeln!(out, "{}  ({}, {})", n.id(), n.kind().name(), n.subkind())?;
        let field = |out: &mut dyn Write, name: &str, value: &str| -> io::Result<()> {
            writeln!(out, "  {name:<12}{}", one_line(value))
        };
        match n {
            Node::Actor(a) => {
                field(out, "name", &a.name)?;
                if !a.aliases.is_empty() {
                    field(out, "aliases", &a.aliases.join("; "))?;
                }
                if let Some(d) = &a.description {
                    field(out, "description", d)?;
                }
            }
            Node::Proposition(_) => {
                let g = self.graph;
                field(out, "text", n.text())?;
                if let Some(q) = n.qualifier() {
                    field(out, "qualifier", q)?;
                }
                if let Some(t) = n.time() {
                    field(out, "time", t)?;
                }
                if n.is_implicit() {
                    field(out, "quote", "(implicit: not stated in the text)")?;
                } else if let Some(q) = n.quote() {
                    field(out, "quote", &format!("“{q}”"))?;
                }
                if let Some(p) = n.para() {
                    field(out, "paragraph", &p.to_string())?;
                }
                if let Some(src) = n.source().filter(|_| g.sources.len() > 1) {
                    field(out, "source", src)?;
                }
                if let Some(voice) = g.voice(n) {
                    let how = if g.is_reported(n) {
                        "reported speech"
                    } else {
                        "the author's own words"
                    };
                    field(out, "voice", &format!("{voice} ({how})"))?;
                }
                if let Some(st) = g.stance(n) {
                    field(out, "stance", &format!("the author {}", st.name()))?;
                }
                if !n.tags().is_empty() {
                    field(out, "tags", &n.tags().join(", "))?;
                }
            }
            Node::Argument(a) => {
                field(out, "premises", &a.premises.join(" + "))?;
                field(out, "conclusion", &a.conclusion)?;
                if let Some(s) = &a.scheme {
                    field(out, "scheme", s)?;
                }
                if let Some(s) = &a.note {
                    field(out, "note", s)?;
                }
            }
            Node::Conflict(c) => {
                field(out, "attackers", &c.attackers.join(" + "))?;
                field(out, "target", &c.target)?;
                if let Some(s) = &c.scheme {
                    field(out, "scheme", s)?;
                }
                if let Some(s) = &c.note {
                    field(out, "note", s)?;
                }
            }
        }
        let all = || self.outgoing.iter().chain(&self.incoming);
        let w = all().map(|e| e.kind.name().len()).max().unwrap_or(0);
        let w_id = all()
            .map(|e| {
                if e.source == n.id() {
                    e.target
                } else {
                    e.source
                }
            })
            .map(|id| id.chars().count())
            .max()
            .unwrap_or(0)
            .min(super::MAX_COLUMN);
        for (title, edges, outward) in [
            ("outgoing", &self.outgoing, true),
            ("incoming", &self.incoming, false),
        ] {
            if edges.is_empty() {
                continue;
            }
            writeln!(out, "{title}:")?;
            for e in edges {
                let (arrow, other) = if outward {
                    ("→", e.target)
                } else {
                    ("←", e.source)
                };
                writeln!(
                    out,
                    "  {:<w$} {arrow} {other:<w_id$}  {}",
                    e.kind.name(),
                    self.other_text(other)
                )?;
            }
        }
        Ok(())
    }
}
