//! The validated argument graph: a petgraph `StableDiGraph` of typed nodes
//! and typed edges, with an index from KB ids to graph nodes.
//!
//! It is built only from a KB that passed `validate`, and is the one
//! structure that queries and exporters read. Arguments become nodes of
//! their own, joined to their premises by `premise` edges and to their
//! conclusion by a `conclusion` edge, so that undercuts have a target.

use std::collections::HashMap;

use petgraph::Direction;
use petgraph::stable_graph::{EdgeReference, NodeIndex, StableDiGraph};
use petgraph::visit::{EdgeRef, IntoEdgeReferences};

use crate::model::{
    Actor, Argument, Claim, KnowledgeBase, Meta, NodeKind, Omission, Recommendation, RelKind,
};

/// A node of the graph, owning its data from the KB.
#[derive(Debug, Clone, PartialEq)]
pub enum Node {
    Actor(Actor),
    Claim(Claim),
    Recommendation(Recommendation),
    Argument(Argument),
}

impl Node {
    pub fn id(&self) -> &str {
        match self {
            Node::Actor(a) => &a.id,
            Node::Claim(c) => &c.id,
            Node::Recommendation(r) => &r.id,
            Node::Argument(a) => &a.id,
        }
    }

    pub fn kind(&self) -> NodeKind {
        match self {
            Node::Actor(_) => NodeKind::Actor,
            Node::Claim(_) => NodeKind::Claim,
            Node::Recommendation(_) => NodeKind::Recommendation,
            Node::Argument(_) => NodeKind::Argument,
        }
    }

    /// The finer kind: actor kind, claim kind, or the family's name.
    pub fn subkind(&self) -> &'static str {
        match self {
            Node::Actor(a) => a.kind.name(),
            Node::Claim(c) => c.kind.name(),
            Node::Recommendation(_) => "recommendation",
            Node::Argument(_) => "argument",
        }
    }

    /// The words a reader sees for this node: a name, a claim's text, or an
    /// argument's scheme.
    pub fn text(&self) -> &str {
        match self {
            Node::Actor(a) => &a.name,
            Node::Claim(c) => &c.text,
            Node::Recommendation(r) => &r.text,
            Node::Argument(a) => a.scheme.as_deref().unwrap_or("inference"),
        }
    }

    pub fn quote(&self) -> Option<&str> {
        match self {
            Node::Claim(c) => Some(&c.quote),
            Node::Recommendation(r) => Some(&r.quote),
            _ => None,
        }
    }

    pub fn para(&self) -> Option<u32> {
        match self {
            Node::Claim(c) => Some(c.para),
            Node::Recommendation(r) => Some(r.para),
            _ => None,
        }
    }

    pub fn tags(&self) -> &[String] {
        match self {
            Node::Claim(c) => &c.tags,
            Node::Recommendation(r) => &r.tags,
            _ => &[],
        }
    }
}

/// One edge, seen from the ids at its ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Edge<'a> {
    pub source: &'a str,
    pub kind: RelKind,
    pub target: &'a str,
}

/// The argument graph of one KB.
#[derive(Debug, Clone)]
pub struct ArgGraph {
    pub meta: Meta,
    pub omitted: Vec<Omission>,
    graph: StableDiGraph<Node, RelKind>,
    index: HashMap<String, NodeIndex>,
    /// Where each node is defined in the KB: its section and position there.
    origin: HashMap<String, Origin>,
}

/// Where a node is written in the KB file: `claims[3]` is ("claims", 3).
pub type Origin = (&'static str, usize);

impl ArgGraph {
    /// Builds the graph. The KB must have passed `validate::validate`
    /// without errors; references that do not resolve are skipped.
    pub fn from_validated(kb: KnowledgeBase) -> ArgGraph {
        let mut graph = StableDiGraph::new();
        let mut index = HashMap::new();
        let mut origin = HashMap::new();
        fn tagged<T>(
            section: &'static str,
            items: Vec<T>,
            wrap: fn(T) -> Node,
        ) -> impl Iterator<Item = (Origin, Node)> {
            items
                .into_iter()
                .enumerate()
                .map(move |(i, x)| ((section, i), wrap(x)))
        }
        let nodes = tagged("actors", kb.actors, Node::Actor)
            .chain(tagged("claims", kb.claims, Node::Claim))
            .chain(tagged(
                "recommendations",
                kb.recommendations,
                Node::Recommendation,
            ))
            .chain(tagged("arguments", kb.arguments, Node::Argument));
        for (at, node) in nodes {
            let id = node.id().to_string();
            origin.insert(id.clone(), at);
            let ix = graph.add_node(node);
            index.insert(id, ix);
        }
        let mut edges: Vec<(String, RelKind, String)> = Vec::new();
        for ix in graph.node_indices() {
            if let Node::Argument(arg) = &graph[ix] {
                for p in &arg.premises {
                    edges.push((p.clone(), RelKind::Premise, arg.id.clone()));
                }
                edges.push((arg.id.clone(), RelKind::Conclusion, arg.conclusion.clone()));
            }
        }
        for rel in &kb.relations {
            let (kind, a, b) = rel.parts();
            edges.push((a.to_string(), kind, b.to_string()));
        }
        edges.sort();
        for (a, kind, b) in edges {
            if let (Some(&ia), Some(&ib)) = (index.get(&a), index.get(&b)) {
                graph.add_edge(ia, ib, kind);
            }
        }
        ArgGraph {
            meta: kb.meta,
            omitted: kb.omitted,
            graph,
            index,
            origin,
        }
    }

    /// Where the node `id` is written in the KB file.
    pub fn origin(&self, id: &str) -> Option<Origin> {
        self.origin.get(id).copied()
    }

    /// The underlying petgraph, for algorithms.
    pub fn petgraph(&self) -> &StableDiGraph<Node, RelKind> {
        &self.graph
    }

    pub fn index_of(&self, id: &str) -> Option<NodeIndex> {
        self.index.get(id).copied()
    }

    pub fn node(&self, id: &str) -> Option<&Node> {
        self.index_of(id).map(|ix| &self.graph[ix])
    }

    pub fn node_count(&self) -> usize {
        self.graph.node_count()
    }

    pub fn edge_count(&self) -> usize {
        self.graph.edge_count()
    }

    /// Every id, sorted, for suggestions.
    pub fn ids(&self) -> Vec<&str> {
        let mut ids: Vec<&str> = self.index.keys().map(String::as_str).collect();
        ids.sort_unstable();
        ids
    }

    /// All nodes, sorted by id.
    pub fn nodes(&self) -> Vec<&Node> {
        let mut nodes: Vec<&Node> = self.graph.node_weights().collect();
        nodes.sort_by(|a, b| a.id().cmp(b.id()));
        nodes
    }

    /// A petgraph edge, seen from the ids at its ends.
    fn edge(&self, e: EdgeReference<'_, RelKind>) -> Edge<'_> {
        Edge {
            source: self.graph[e.source()].id(),
            kind: *e.weight(),
            target: self.graph[e.target()].id(),
        }
    }

    /// All edges, sorted by source id, kind, then target id.
    pub fn edges(&self) -> Vec<Edge<'_>> {
        let mut edges: Vec<Edge<'_>> = self.graph.edge_references().map(|e| self.edge(e)).collect();
        edges.sort();
        edges
    }

    /// The edges that touch `id` in the given direction, sorted.
    ///
    /// Edges are added in sorted order and petgraph lists a node's edges
    /// most recent first, so reversing gives sorted order without a sort on
    /// every call (this is on every traversal's hot path).
    pub fn edges_of(&self, id: &str, dir: Direction) -> Vec<Edge<'_>> {
        let Some(ix) = self.index_of(id) else {
            return Vec::new();
        };
        let mut edges: Vec<Edge<'_>> = self
            .graph
            .edges_directed(ix, dir)
            .map(|e| self.edge(e))
            .collect();
        edges.reverse();
        if !edges.is_sorted() {
            edges.sort();
        }
        edges
    }
}
