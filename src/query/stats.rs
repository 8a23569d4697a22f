//! `stats`: how many nodes and links of each kind a graph holds, and how
//! the texts of a corpus are linked (`SameAs` across sources).

use std::collections::BTreeMap;
use std::io::{self, Write};

use serde_json::json;

use super::{OutputFormat, write_json};
use crate::graph::ArgGraph;
use crate::model::{NodeKind, RelKind};

/// Counts by kind; every total equals the sum of its parts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stats {
    pub nodes: usize,
    pub links: usize,
    /// By family: actor, claim, recommendation, argument.
    pub nodes_by_kind: BTreeMap<&'static str, usize>,
    /// Claims by claim kind.
    pub claims_by_kind: BTreeMap<&'static str, usize>,
    /// Actors by actor kind.
    pub actors_by_kind: BTreeMap<&'static str, usize>,
    pub links_by_kind: BTreeMap<&'static str, usize>,
    pub cross_text: CrossText,
}

/// The claims stated in more than one text (`SameAs`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct CrossText {
    /// `SameAs` relations whose ends are in different sources.
    pub links: usize,
    /// Claims and recommendations with an identical elsewhere.
    pub claims: usize,
    /// The propositions they state: groups of identical claims.
    pub propositions: usize,
    /// How many sources share at least one proposition with another.
    pub sources: usize,
}

pub fn stats(graph: &ArgGraph) -> Stats {
    let mut s = Stats {
        nodes: graph.node_count(),
        links: graph.edge_count(),
        nodes_by_kind: BTreeMap::new(),
        claims_by_kind: BTreeMap::new(),
        actors_by_kind: BTreeMap::new(),
        links_by_kind: BTreeMap::new(),
        cross_text: cross_text(graph),
    };
    for node in graph.nodes() {
        *s.nodes_by_kind.entry(node.kind().name()).or_default() += 1;
        match node.kind() {
            NodeKind::Claim => *s.claims_by_kind.entry(node.subkind()).or_default() += 1,
            NodeKind::Actor => *s.actors_by_kind.entry(node.subkind()).or_default() += 1,
            NodeKind::Recommendation | NodeKind::Argument | NodeKind::Conflict => {}
        }
    }
    for edge in graph.edges() {
        *s.links_by_kind.entry(edge.kind.name()).or_default() += 1;
    }
    s
}

/// Counts the groups of identical claims: each linked node's group once,
/// as `identical_indices` gives it.
fn cross_text(graph: &ArgGraph) -> CrossText {
    use petgraph::visit::NodeIndexable;
    let mut c = CrossText::default();
    if graph.same_as_count() == 0 {
        return c;
    }
    let g = graph.petgraph();
    let mut counted = vec![false; g.node_bound()];
    let mut sources = std::collections::BTreeSet::new();
    for (a, b, e) in graph.indexed_edges() {
        if e.kind == RelKind::SameAs && g[a].source() != g[b].source() {
            c.links += 1;
        }
    }
    for &ix in graph.sorted_indices() {
        if counted[ix.index()] {
            continue;
        }
        let others = graph.identical_indices(ix);
        if others.is_empty() {
            continue;
        }
        c.propositions += 1;
        for m in std::iter::once(ix).chain(others) {
            counted[m.index()] = true;
            c.claims += 1;
            if let Some(s) = g[m].source() {
                sources.insert(s);
            }
        }
    }
    c.sources = sources.len();
    c
}

impl Stats {
    pub fn write(&self, format: OutputFormat, out: &mut dyn Write) -> io::Result<()> {
        match format {
            OutputFormat::Json => write_json(
                out,
                &json!({
                    "nodes": self.nodes,
                    "links": self.links,
                    "nodes_by_kind": self.nodes_by_kind,
                    "claims_by_kind": self.claims_by_kind,
                    "actors_by_kind": self.actors_by_kind,
                    "links_by_kind": self.links_by_kind,
                    "cross_text": {
                        "links": self.cross_text.links,
                        "claims": self.cross_text.claims,
                        "propositions": self.cross_text.propositions,
                        "sources": self.cross_text.sources,
                    },
                }),
            ),
            OutputFormat::Text => {
                writeln!(out, "nodes {:>5}", self.nodes)?;
                for (kind, n) in &self.nodes_by_kind {
                    writeln!(out, "  {kind:<18}{n:>5}")?;
                    let sub = if *kind == NodeKind::Claim.name() {
                        &self.claims_by_kind
                    } else if *kind == NodeKind::Actor.name() {
                        &self.actors_by_kind
                    } else {
                        continue;
                    };
                    for (k, n) in sub {
                        writeln!(out, "    {k:<16}{n:>5}")?;
                    }
                }
                writeln!(out, "links {:>5}", self.links)?;
                for (kind, n) in &self.links_by_kind {
                    writeln!(out, "  {kind:<18}{n:>5}")?;
                }
                let c = &self.cross_text;
                if c.links > 0 {
                    writeln!(
                        out,
                        "cross-text links {:>5}: {} claims linked as {} propositions, in {} sources",
                        c.links, c.claims, c.propositions, c.sources
                    )?;
                }
                Ok(())
            }
        }
    }
}
