//! Cross-text identity: the claims a `SameAs` relation declares to be one
//! proposition. The relation is symmetric and, read as identity,
//! transitive: a claim's identicals are everything `SameAs` reaches from
//! it, either way, in any number of steps. The claims stay distinct nodes
//! (each keeps its text, source, speaker and relations); queries that
//! follow an argument across texts ask here which nodes to visit.

use petgraph::Direction;
use petgraph::stable_graph::NodeIndex;
use petgraph::visit::EdgeRef;

use super::{ArgGraph, Node};
use crate::model::RelKind;

impl ArgGraph {
    /// How many `SameAs` relations the KB states.
    pub fn same_as_count(&self) -> usize {
        self.same_as
    }

    /// The nodes `SameAs` links to `ix`, directly or through others, in id
    /// order; `ix` itself is not among them.
    pub fn identical_indices(&self, ix: NodeIndex) -> Vec<NodeIndex> {
        let g = &self.graph;
        if self.same_as == 0 {
            return Vec::new();
        }
        let linked = |at: NodeIndex| {
            [Direction::Outgoing, Direction::Incoming]
                .into_iter()
                .any(|dir| {
                    g.edges_directed(at, dir)
                        .any(|e| *e.weight() == RelKind::SameAs)
                })
        };
        if !linked(ix) {
            return Vec::new();
        }
        let mut seen = std::collections::HashSet::from([ix]);
        let mut class = vec![ix];
        let mut next = 0;
        while next < class.len() {
            let at = class[next];
            next += 1;
            for dir in [Direction::Outgoing, Direction::Incoming] {
                for e in g.edges_directed(at, dir) {
                    if *e.weight() != RelKind::SameAs {
                        continue;
                    }
                    let other = if dir == Direction::Outgoing {
                        e.target()
                    } else {
                        e.source()
                    };
                    if seen.insert(other) {
                        class.push(other);
                    }
                }
            }
        }
        class.remove(0);
        class.sort_by_key(|&i| self.rank(i));
        class
    }

    /// The nodes `SameAs` links to `id` (see `identical_indices`).
    pub fn identical(&self, id: &str) -> Vec<&Node> {
        self.index_of(id)
            .map(|ix| {
                self.identical_indices(ix)
                    .into_iter()
                    .map(|i| &self.graph[i])
                    .collect()
            })
            .unwrap_or_default()
    }
}
