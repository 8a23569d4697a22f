//! Which part of a graph an export shows: all of it, or the neighbourhood
//! of one node, without some kinds of node or relation.
//!
//! A `Selection` is computed once from a `View` and handed to the
//! exporter, together with how many relations the view hid, so that no
//! relation disappears without the user being told.

use std::collections::{BTreeMap, BTreeSet, VecDeque};

use petgraph::Direction;
use petgraph::stable_graph::NodeIndex;
use petgraph::visit::{EdgeRef, NodeIndexable};

use crate::graph::filter::Filter;
use crate::graph::find::{QueryError, find};
use crate::graph::{ArgGraph, Edge, Node};
use crate::model::{NodeKind, RelKind};

/// What to keep. The default keeps everything.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct View {
    /// Keep only nodes within `depth` relations (either direction) of this id.
    pub focus: Option<(String, usize)>,
    /// Drop actor nodes and every relation that touches them.
    pub no_actors: bool,
    /// Keep only these relation kinds (an argument's premise and
    /// conclusion edges are kept whenever the argument is).
    pub rels: Vec<RelKind>,
    /// Keep only nodes passing this filter (arguments are kept when one of
    /// their ends is).
    pub filter: Filter,
}

/// The nodes and edges a view keeps, in output order.
#[derive(Debug, Clone)]
pub struct Selection<'g> {
    pub nodes: Vec<&'g Node>,
    pub edges: Vec<Edge<'g>>,
    /// Relations of the graph the view left out, by kind.
    pub hidden: BTreeMap<RelKind, usize>,
}

impl Selection<'_> {
    pub fn hidden_total(&self) -> usize {
        self.hidden.values().sum()
    }
}

impl View {
    /// Applies the view to `graph`.
    pub fn select<'g>(&self, graph: &'g ArgGraph) -> Result<Selection<'g>, QueryError> {
        self.filter.check(graph)?;
        let node = |id: &str| graph.node(id).expect("ids come from the graph");
        let passes = |n: &Node| match n.kind() {
            NodeKind::Argument | NodeKind::Conflict => true,
            NodeKind::Actor if self.no_actors => false,
            _ => self.filter.matches(graph, n),
        };
        let rel_ok = |k: RelKind| {
            self.rels.is_empty()
                || self.rels.contains(&k)
                || matches!(k, RelKind::Premise | RelKind::Conclusion)
        };
        // Membership by node index: a view of 10^6 nodes tests it for
        // every edge.
        let pg = graph.petgraph();
        let mut candidate = vec![false; pg.node_bound()];
        match &self.focus {
            None => candidate.fill(true),
            // Walk only what the view shows, so the focus stays connected.
            Some((id, depth)) => {
                let near = neighbourhood(graph, find(graph, id)?.id(), *depth, &|e, other| {
                    rel_ok(e.kind) && passes(node(other))
                });
                for id in near {
                    if let Some(ix) = graph.index_of(id) {
                        candidate[ix.index()] = true;
                    }
                }
            }
        }
        let mut keep = vec![false; pg.node_bound()];
        for &ix in graph.sorted_indices() {
            let n = &pg[ix];
            keep[ix.index()] = candidate[ix.index()] && !is_structural(n.kind()) && passes(n);
        }
        // An argument stays while its conclusion and a premise do; a named
        // conflict while its target and an attacker do, and its attack is
        // shown. A conflict may target another, so this runs until nothing
        // more is kept (once for arguments, whose ends are never arguments).
        let mut pending: Vec<NodeIndex> = graph
            .sorted_indices()
            .iter()
            .copied()
            .filter(|ix| candidate[ix.index()] && is_structural(pg[*ix].kind()))
            .collect();
        loop {
            let stays: Vec<bool> = pending
                .iter()
                .map(|&ix| {
                    let ends = |dir, ok: &dyn Fn(RelKind) -> bool| {
                        pg.edges_directed(ix, dir).any(|e| {
                            let other = if dir == Direction::Incoming {
                                e.source()
                            } else {
                                e.target()
                            };
                            ok(*e.weight()) && keep[other.index()]
                        })
                    };
                    ends(Direction::Incoming, &|k| k == RelKind::Premise)
                        && ends(Direction::Outgoing, &|k| {
                            k == RelKind::Conclusion
                                || pg[ix].kind() == NodeKind::Conflict && rel_ok(k)
                        })
                })
                .collect();
            if !stays.contains(&true) {
                break;
            }
            let mut rest = Vec::new();
            for (ix, stays) in pending.into_iter().zip(stays) {
                if stays {
                    keep[ix.index()] = true;
                } else {
                    rest.push(ix);
                }
            }
            pending = rest;
        }
        // The focus itself always stays (an argument too, at depth 0).
        if let Some((id, _)) = &self.focus {
            let focus = find(graph, id)?;
            if (is_structural(focus.kind()) || passes(focus))
                && let Some(ix) = graph.index_of(focus.id())
            {
                keep[ix.index()] = true;
            }
        }
        let mut edges = Vec::new();
        let mut hidden = BTreeMap::new();
        for (a, b, e) in graph.indexed_edges() {
            if keep[a.index()] && keep[b.index()] && rel_ok(e.kind) {
                edges.push(e);
            } else {
                *hidden.entry(e.kind).or_insert(0) += 1;
            }
        }
        // An empty KB exports as an empty graph; a view that empties a
        // non-empty one is a mistake worth an error.
        let nodes: Vec<&Node> = graph
            .sorted_indices()
            .iter()
            .filter(|ix| keep[ix.index()])
            .map(|&ix| &pg[ix])
            .collect();
        if nodes.is_empty() && graph.node_count() > 0 {
            return Err(QueryError::NothingFound(
                "the view selects no node; loosen --kind, --tag, --para, --actor or --focus".into(),
            ));
        }
        Ok(Selection {
            nodes,
            edges,
            hidden,
        })
    }
}

/// Arguments and named conflicts: nodes that stand for a step of the
/// argument, kept or dropped with the nodes they join.
fn is_structural(kind: NodeKind) -> bool {
    matches!(kind, NodeKind::Argument | NodeKind::Conflict)
}

/// Ids within `depth` relations of `start`, following edges both ways,
/// through the edges (and to the other ends) that `follow` accepts.
pub fn neighbourhood<'g>(
    graph: &'g ArgGraph,
    start: &'g str,
    depth: usize,
    follow: &dyn Fn(&Edge<'g>, &'g str) -> bool,
) -> BTreeSet<&'g str> {
    let mut seen = BTreeSet::from([start]);
    let mut queue = VecDeque::from([(start, 0)]);
    while let Some((id, d)) = queue.pop_front() {
        if d == depth {
            continue;
        }
        for dir in [Direction::Outgoing, Direction::Incoming] {
            for e in graph.edges_of(id, dir) {
                let other = if dir == Direction::Outgoing {
                    e.target
                } else {
                    e.source
                };
                if follow(&e, other) && seen.insert(other) {
                    queue.push_back((other, d + 1));
                }
            }
        }
    }
    seen
}
