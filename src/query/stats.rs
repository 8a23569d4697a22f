//! `stats`: how many nodes and links of each kind a graph holds.

use std::collections::BTreeMap;
use std::io::{self, Write};

use serde_json::json;

use super::{OutputFormat, write_json};
use crate::graph::ArgGraph;
use crate::model::NodeKind;

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
}

pub fn stats(graph: &ArgGraph) -> Stats {
    let mut s = Stats {
        nodes: graph.node_count(),
        links: graph.edge_count(),
        nodes_by_kind: BTreeMap::new(),
        claims_by_kind: BTreeMap::new(),
        actors_by_kind: BTreeMap::new(),
        links_by_kind: BTreeMap::new(),
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
                Ok(())
            }
        }
    }
}
