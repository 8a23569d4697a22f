//! The validated argument graph: a petgraph `StableDiGraph` of typed nodes
//! and typed edges, with an index from KB ids to graph nodes, the sources
//! the KB encodes, and where each node is written.
//!
//! It is built only from a KB (one file or several) that passed
//! `validate`, and is the one structure that queries and exporters read.
//! Arguments become nodes of their own, joined to their premises by
//! `premise` edges and to their conclusion by a `conclusion` edge, so that
//! undercuts have a target. A named conflict is a node too: `premise`
//! edges from its attackers, and an `attacks` edge to its target (an
//! `undercuts` edge when the target is an argument or a conflict). A node's `speaker` becomes a `says` edge from
//! the actor, and a node with no `source` is given the KB's only source.

use std::collections::HashMap;

use petgraph::Direction;
use petgraph::stable_graph::{EdgeReference, NodeIndex, StableDiGraph};
use petgraph::visit::{EdgeRef, IntoEdgeReferences, NodeIndexable};

use crate::diagnostic::FileId;
use crate::model::grouped::Grouped;
use crate::validate::Resolved;
pub mod filter;
pub mod find;
pub mod identity;
pub mod ids;
pub mod json;
pub mod node;
mod radix;
pub mod select;

use crate::model::proposition::Proposition;
use crate::model::sources::{SourceEntry, source_entries};
use crate::model::{
    Claim, KnowledgeBase, Meta, NodeKind, Omission, Recommendation, RelKind, Relation, Stance,
};

pub use node::Node;

/// The edge from a named conflict to its target: `Attacks` on a claim or
/// recommendation, `Undercuts` on an argument or another conflict.
fn conflict_edge(graph: &StableDiGraph<Node, RelKind>, target: Option<NodeIndex>) -> RelKind {
    match target.map(|t| graph[t].kind()) {
        Some(NodeKind::Argument | NodeKind::Conflict) => RelKind::Undercuts,
        _ => RelKind::Attacks,
    }
}

/// The edges of a KB whose references validation resolved, made before
/// its nodes, in dense numbers (the node indices to be): all but those of
/// speakers (looked up once the nodes are made) and of conflicts to their
/// targets, whose kind hangs on the target's (`targets`: each conflict
/// and its target).
struct Early {
    edges: Vec<(u32, RelKind, u32)>,
    targets: Vec<(u32, u32)>,
}

/// `Early` for `kbs`, taking their relations out (their ids are not read
/// again). Dense numbers count the nodes file by file, section by section,
/// in the order the graph adds them (`validate::Resolved`).
fn early_edges(kbs: &mut [KnowledgeBase], res: &Resolved) -> Early {
    let mut room = 0;
    for (f, kb) in kbs.iter().enumerate() {
        let spoken = kb.claims.iter().filter(|c| c.speaker.is_some()).count()
            + kb.recommendations
                .iter()
                .filter(|r| r.speaker.is_some())
                .count();
        room += spoken + kb.relations.len();
        room += (0..res.arguments(f))
            .map(|i| res.argument(f, i).0.len() + 1)
            .sum::<usize>();
        room += (0..res.conflicts(f))
            .map(|i| res.conflict(f, i).0.len() + 1)
            .sum::<usize>();
    }
    // Room for every edge at once: grown by doubling, the table would pass
    // through a copy half again its size (tens of MB at 10^6 nodes).
    let mut edges = Vec::with_capacity(room);
    let mut targets = Vec::new();
    let mut both = |a: Option<u32>, kind: RelKind, b: Option<u32>| {
        if let (Some(a), Some(b)) = (a, b) {
            edges.push((a, kind, b));
        }
    };
    let mut first = 0;
    for (file, kb) in kbs.iter_mut().enumerate() {
        let args = first + kb.actors.len() + kb.claims.len() + kb.recommendations.len();
        let conflicts = args + kb.arguments.len();
        for i in 0..kb.arguments.len() {
            let n = (args + i) as u32;
            let (premises, conclusion) = res.argument(file, i);
            for &p in premises {
                both(p, RelKind::Premise, Some(n));
            }
            both(Some(n), RelKind::Conclusion, conclusion);
        }
        for i in 0..kb.conflicts.len() {
            let n = (conflicts + i) as u32;
            let (attackers, target) = res.conflict(file, i);
            for &a in attackers {
                both(a, RelKind::Premise, Some(n));
            }
            targets.extend(target.map(|t| (n, t)));
        }
        for (i, rel) in std::mem::take(&mut kb.relations).iter().enumerate() {
            let [a, b] = res.relation(file, i);
            both(a, rel.parts().0, b);
        }
        first += kb.node_count();
    }
    Early { edges, targets }
}

/// How many nodes of each family, links and sources a graph has: what
/// `check` reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Sizes {
    pub actors: usize,
    pub claims: usize,
    pub recommendations: usize,
    pub arguments: usize,
    pub conflicts: usize,
    pub links: usize,
    pub sources: usize,
}

impl Sizes {
    /// The sizes of a built graph.
    pub fn of(graph: &ArgGraph) -> Sizes {
        let mut s = Sizes {
            links: graph.edge_count(),
            sources: graph.sources.len(),
            ..Sizes::default()
        };
        for n in graph.nodes() {
            *s.family(n.kind()) += 1;
        }
        s
    }

    /// The sizes `ArgGraph::from_files(kbs)` has for files that passed
    /// validation, without building it: every relation, premise,
    /// conclusion, conflict attacker and target, and speaker is one edge
    /// (validation rejects the duplicates the build would merge, and the
    /// unknown ids it would leave out).
    pub fn of_files(kbs: &[KnowledgeBase]) -> Sizes {
        let mut s = Sizes {
            sources: source_entries(kbs).len(),
            ..Sizes::default()
        };
        for kb in kbs {
            s.actors += kb.actors.len();
            s.claims += kb.claims.len();
            s.recommendations += kb.recommendations.len();
            s.arguments += kb.arguments.len();
            s.conflicts += kb.conflicts.len();
            let speakers = kb.claims.iter().filter(|c| c.speaker.is_some()).count()
                + kb.recommendations
                    .iter()
                    .filter(|r| r.speaker.is_some())
                    .count();
            s.links += kb.relations.len()
                + speakers
                + kb.arguments
                    .iter()
                    .map(|a| a.premises.len() + 1)
                    .sum::<usize>()
                + kb.conflicts
                    .iter()
                    .map(|c| c.attackers.len() + 1)
                    .sum::<usize>();
        }
        s
    }

    fn family(&mut self, kind: NodeKind) -> &mut usize {
        match kind {
            NodeKind::Actor => &mut self.actors,
            NodeKind::Claim => &mut self.claims,
            NodeKind::Recommendation => &mut self.recommendations,
            NodeKind::Argument => &mut self.arguments,
            NodeKind::Conflict => &mut self.conflicts,
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

/// An omission, with where it is written.
#[derive(Debug, Clone, PartialEq)]
pub struct OmissionEntry {
    pub omission: Omission,
    /// Its source's id (resolved).
    pub source: Option<String>,
    pub file: FileId,
    pub index: usize,
}

/// The argument graph of one KB.
#[derive(Debug, Clone)]
pub struct ArgGraph {
    /// How messages name the KB: its file(s), or the built-in essay.
    pub name: String,
    /// The KB's metadata: the first file's that has any.
    pub meta: Meta,
    /// Every file's `meta.thesis`.
    pub theses: Vec<String>,
    pub sources: Vec<SourceEntry>,
    /// Position of each source in `sources`, by id.
    source_index: HashMap<String, usize>,
    pub omitted: Vec<OmissionEntry>,
    graph: StableDiGraph<Node, RelKind>,
    /// Node indices by id, built on the first lookup: an export of the
    /// whole graph walks every node and asks for none by its id, and at
    /// 10^6 nodes the table's inserts, each a cache miss, were a
    /// twentieth of one.
    index: std::sync::OnceLock<ids::IdIndex>,
    /// Where each node is defined in the KB (its file, section and
    /// position), by node index: nodes are never removed, so indices are
    /// dense.
    origin: Vec<Place>,
    /// Every node index, sorted by id: the one sort that ordered output
    /// needs, done at build time.
    sorted: Vec<NodeIndex>,
    /// Each node's position in `sorted`, by node index: comparing two
    /// nodes' ranks compares their ids without reading them.
    rank: Vec<u32>,
    /// Incoming edges as one table, built on first use.
    incoming: std::sync::OnceLock<Incoming>,
    /// Whether some source names its author, found on first use.
    authored: std::sync::OnceLock<bool>,
    /// How many `SameAs` relations the KB states: queries that follow
    /// identity skip looking for it when there is none.
    same_as: usize,
}

/// Every node's incoming edges, as (source, kind), in one table: the edges
/// into node `t` are `of(t.index())`, in the order `ArgGraph::edges_of`
/// gives them (by source id, then kind). Walking it reads two arrays
/// instead of following the graph's linked edge lists (a cache miss per
/// edge: half a second over 10^6 nodes).
pub type Incoming = Grouped<(NodeIndex, RelKind)>;

/// The graph's node indices in id order (nodes of equal ids, which only
/// an unvalidated KB has, in index order). Each id's first 8 bytes, read
/// as a big-endian integer padded with zeros, order ids as the ids
/// themselves do wherever they differ, so most comparisons are of two
/// integers held in the sorted array itself rather than of two strings
/// read from the nodes (a cache miss each, over 10^6 nodes); ids that
/// agree in those bytes are compared whole. From `radix::WORTH_IT`
/// nodes on, the prefixes are radix-sorted, and then only the runs of
/// equal prefixes are compared.
fn sorted_by_id(graph: &StableDiGraph<Node, RelKind>) -> Vec<NodeIndex> {
    sorted_by_id_with(graph, graph.node_count() >= radix::WORTH_IT)
}

/// `sorted_by_id`, by radix sort or not.
fn sorted_by_id_with(graph: &StableDiGraph<Node, RelKind>, radix: bool) -> Vec<NodeIndex> {
    let prefix = |id: &str| {
        let mut head = [0u8; 8];
        let n = id.len().min(8);
        head[..n].copy_from_slice(&id.as_bytes()[..n]);
        u64::from_be_bytes(head)
    };
    let mut keyed: Vec<(u64, NodeIndex)> = graph
        .node_indices()
        .map(|ix| (prefix(graph[ix].id()), ix))
        .collect();
    if radix {
        const DIGITS: [radix::Digit<(u64, NodeIndex)>; 4] = [
            |e| (e.0 & 0xffff) as usize,
            |e| ((e.0 >> 16) & 0xffff) as usize,
            |e| ((e.0 >> 32) & 0xffff) as usize,
            |e| (e.0 >> 48) as usize,
        ];
        // Stable, so each run of equal prefixes is in index order, which
        // a stable sort by id keeps for equal ids.
        radix::sort(&mut keyed, &DIGITS);
        for run in keyed.chunk_by_mut(|a, b| a.0 == b.0) {
            if run.len() > 1 {
                run.sort_by(|&(_, a), &(_, b)| graph[a].id().cmp(graph[b].id()));
            }
        }
    } else {
        keyed.sort_unstable_by(|&(pa, a), &(pb, b)| {
            pa.cmp(&pb)
                .then_with(|| graph[a].id().cmp(graph[b].id()))
                .then(a.cmp(&b))
        });
    }
    keyed.into_iter().map(|(_, ix)| ix).collect()
}

/// Where a node is written in the KB: `claims[3]` of file 0 is
/// (0, "claims", 3).
pub type Origin = (FileId, &'static str, usize);

/// The sections of a KB file that hold nodes, in the order they are read.
const SECTIONS: [&str; 5] = [
    "actors",
    "claims",
    "recommendations",
    "arguments",
    "conflicts",
];

/// An `Origin` in 12 bytes instead of 32 (10^6 of them): the file and the
/// position as `u32` (a node index is one), the section by its place in
/// `SECTIONS`.
#[derive(Debug, Clone, Copy)]
struct Place {
    file: u32,
    index: u32,
    section: u8,
}

impl Place {
    fn new(file: FileId, section: usize, index: usize) -> Place {
        // Both fit: a graph has fewer than 2^32 nodes (its indices are
        // `u32`), and so fewer files and fewer entries in any section.
        let narrow = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
        Place {
            file: narrow(file),
            index: narrow(index),
            section: section as u8,
        }
    }

    /// The place of `name` in `SECTIONS`.
    fn section(name: &str) -> usize {
        let place = SECTIONS.iter().position(|s| *s == name);
        debug_assert!(place.is_some(), "{name} is not a section of nodes");
        place.unwrap_or(0)
    }

    fn origin(self) -> Origin {
        (
            self.file as FileId,
            SECTIONS[usize::from(self.section)],
            self.index as usize,
        )
    }
}

/// The items of `items` in order, the room of those handed out given back
/// as it goes: a section of 830,000 claims is 190 MB, which would
/// otherwise stay taken until its last claim is in the graph, where the
/// claims are again (the peak of an export's memory). The items are
/// reversed in place and popped; the vector is shrunk each time it is
/// down to half its room (large blocks shrink by remapping, without a
/// copy: `sys::alloc`).
fn handed_over<T>(mut items: Vec<T>) -> HandedOver<T> {
    items.reverse();
    HandedOver { items }
}

/// `handed_over`'s iterator: the items still to hand out, last first.
struct HandedOver<T> {
    items: Vec<T>,
}

impl<T> HandedOver<T> {
    /// Vectors smaller than this are left to be freed whole.
    const WORTH_SHRINKING: usize = 1 << 20;
}

impl<T> Iterator for HandedOver<T> {
    type Item = T;

    fn next(&mut self) -> Option<T> {
        let item = self.items.pop()?;
        let room = self.items.capacity() * std::mem::size_of::<T>();
        if room >= Self::WORTH_SHRINKING && self.items.len() <= self.items.capacity() / 2 {
            self.items.shrink_to_fit();
        }
        Some(item)
    }
}

/// The node of `graph` with `id` (the last added, should two share it),
/// through `index`, which is filled from every node in order on first use.
fn index_of(
    index: &std::sync::OnceLock<ids::IdIndex>,
    graph: &StableDiGraph<Node, RelKind>,
    id: &str,
) -> Option<NodeIndex> {
    let index = index.get_or_init(|| {
        let mut index = ids::IdIndex::with_capacity(graph.node_count());
        for ix in graph.node_indices() {
            index.insert(graph[ix].id(), ix, |n| graph[n].id());
        }
        index
    });
    index.get(id, |n| graph[n].id())
}

impl ArgGraph {
    /// Builds the graph of a one-file KB. The KB must have passed
    /// `validate::validate` without errors; references that do not resolve
    /// are skipped.
    pub fn from_validated(kb: KnowledgeBase) -> ArgGraph {
        ArgGraph::from_files(vec![kb])
    }

    /// Builds the graph of a KB of several files, in the order given (file
    /// `i` is `FileId` `i` in diagnostics and origins).
    pub fn from_files(kbs: Vec<KnowledgeBase>) -> ArgGraph {
        ArgGraph::build(kbs, None)
    }

    /// `from_files` for files that validated with no error, given their
    /// references as validation resolved them (`validate_resolved`): the
    /// edges are made from those numbers, with no id looked up again but
    /// speakers'. `resolved` must be what validation gave for these very
    /// files; one whose counts do not fit them (another KB's) is set
    /// aside, and the ids are looked up.
    pub fn from_resolved(kbs: Vec<KnowledgeBase>, resolved: Resolved) -> ArgGraph {
        let fits = resolved.files() == kbs.len()
            && resolved.nodes() == kbs.iter().map(KnowledgeBase::node_count).sum::<usize>()
            && kbs.iter().enumerate().all(|(f, kb)| {
                resolved.relations(f) == kb.relations.len()
                    && resolved.arguments(f) == kb.arguments.len()
                    && resolved.conflicts(f) == kb.conflicts.len()
            });
        ArgGraph::build(kbs, fits.then_some(resolved))
    }

    fn build(mut kbs: Vec<KnowledgeBase>, resolved: Option<Resolved>) -> ArgGraph {
        // With the references resolved, the edges are made first, in dense
        // numbers (node indices to be), and the resolution and the
        // relations let go before anything else is allocated: the build's
        // tables then reuse their memory (the allocator keeps what it has
        // once held; made later, the build took 21 MB more at 10^6 nodes).
        let early = resolved.map(|res| early_edges(&mut kbs, &res));
        let sources = source_entries(&kbs);
        let only_source = (sources.len() == 1).then(|| sources[0].id.clone());
        let meta = kbs
            .iter()
            .find_map(|kb| kb.meta.clone())
            .unwrap_or_else(|| Meta {
                title: "argkb KB".to_string(),
                source: None,
                author: None,
                thesis: None,
                notes: None,
            });
        let theses = kbs
            .iter()
            .filter_map(|kb| kb.meta.as_ref().and_then(|m| m.thesis.clone()))
            .collect();
        let count: usize = kbs.iter().map(KnowledgeBase::node_count).sum();
        let mut graph = StableDiGraph::with_capacity(count, 0);
        let index = std::sync::OnceLock::new();
        let mut origin = Vec::with_capacity(count);
        let mut omitted = Vec::new();
        // Each file's relations, moved (not copied: 10^6 of them).
        let mut relations: Vec<Vec<Relation>> = Vec::with_capacity(kbs.len());
        fn tagged<T>(
            file: FileId,
            section: &'static str,
            items: Vec<T>,
            wrap: impl Fn(T) -> Node,
        ) -> impl Iterator<Item = (Place, Node)> {
            let section = Place::section(section);
            handed_over(items)
                .enumerate()
                .map(move |(i, x)| (Place::new(file, section, i), wrap(x)))
        }
        for (file, kb) in kbs.into_iter().enumerate() {
            let default = |s: Option<String>| s.or_else(|| only_source.clone());
            let nodes = tagged(file, "actors", kb.actors, Node::Actor)
                .chain(tagged(file, "claims", kb.claims, |mut c: Claim| {
                    c.source = default(c.source.take());
                    Node::Proposition(Proposition::from(c))
                }))
                .chain(tagged(
                    file,
                    "recommendations",
                    kb.recommendations,
                    |mut r: Recommendation| {
                        r.source = default(r.source.take());
                        Node::Proposition(Proposition::from(r))
                    },
                ))
                .chain(tagged(file, "arguments", kb.arguments, Node::Argument))
                .chain(tagged(file, "conflicts", kb.conflicts, Node::Conflict));
            for (at, node) in nodes {
                origin.push(at);
                graph.add_node(node);
            }
            for (i, o) in kb.omitted.into_iter().enumerate() {
                omitted.push(OmissionEntry {
                    source: default(o.source.clone()),
                    omission: o,
                    file,
                    index: i,
                });
            }
            relations.push(kb.relations);
        }
        // Each node's position in id order; edges are added sorted by
        // (source id, kind, target id), compared through these ranks.
        let sorted = sorted_by_id(&graph);
        let mut rank = vec![0u32; graph.node_count()];
        for (r, ix) in sorted.iter().enumerate() {
            rank[ix.index()] = r as u32;
        }
        // Only speakers, and references no validation resolved, are
        // looked up by id here.
        let at = |id: &str| index_of(&index, &graph, id);
        // Each edge as its ends' ranks: sorting compares the triples
        // themselves, not ranks looked up at random for every comparison.
        let by_lookup = early.is_none();
        let (mut edges, targets) = match early {
            Some(Early { mut edges, targets }) => {
                for e in &mut edges {
                    (e.0, e.2) = (rank[e.0 as usize], rank[e.2 as usize]);
                }
                (edges, targets)
            }
            None => {
                // Room for every edge at once: grown by doubling, the
                // table would pass through a copy half again its size.
                let most = graph
                    .node_weights()
                    .map(|n| match n {
                        Node::Argument(a) => a.premises.len() + 1,
                        Node::Conflict(c) => c.attackers.len() + 1,
                        n => usize::from(n.speaker().is_some()),
                    })
                    .sum::<usize>()
                    + relations.iter().map(Vec::len).sum::<usize>();
                (Vec::with_capacity(most), Vec::new())
            }
        };
        let mut push = |a: Option<NodeIndex>, kind: RelKind, b: Option<NodeIndex>| {
            if let (Some(a), Some(b)) = (a, b) {
                edges.push((rank[a.index()], kind, rank[b.index()]));
            }
        };
        for ix in graph.node_indices() {
            match &graph[ix] {
                Node::Argument(_) | Node::Conflict(_) if !by_lookup => {}
                Node::Argument(arg) => {
                    for p in &arg.premises {
                        push(at(p), RelKind::Premise, Some(ix));
                    }
                    push(Some(ix), RelKind::Conclusion, at(&arg.conclusion));
                }
                Node::Conflict(c) => {
                    for a in &c.attackers {
                        push(at(a), RelKind::Premise, Some(ix));
                    }
                    let target = at(&c.target);
                    push(Some(ix), conflict_edge(&graph, target), target);
                }
                n => {
                    if let Some(speaker) = n.speaker() {
                        push(at(speaker), RelKind::Says, Some(ix));
                    }
                }
            }
        }
        for rel in relations.into_iter().flat_map(handed_over) {
            let (kind, a, b) = rel.parts();
            push(at(a), kind, at(b));
        }
        for (c, target) in targets {
            let (c, target) = (
                NodeIndex::new(c as usize),
                Some(NodeIndex::new(target as usize)),
            );
            push(Some(c), conflict_edge(&graph, target), target);
        }
        if edges.len() < radix::WORTH_IT {
            edges.sort_unstable();
        } else {
            const DIGITS: [radix::Digit<(u32, RelKind, u32)>; 5] = [
                |e| (e.2 & 0xffff) as usize,
                |e| (e.2 >> 16) as usize,
                |e| e.1 as usize,
                |e| (e.0 & 0xffff) as usize,
                |e| (e.0 >> 16) as usize,
            ];
            radix::sort(&mut edges, &DIGITS);
        }
        // Duplicates were rejected by validation, but a graph built from
        // unvalidated files must not gain parallel edges either.
        edges.dedup();
        graph.reserve_edges(edges.len());
        let same_as = edges.iter().filter(|e| e.1 == RelKind::SameAs).count();
        for (a, kind, b) in edges {
            graph.add_edge(sorted[a as usize], sorted[b as usize], kind);
        }
        // The first source with an id wins (validation rejects duplicates).
        let mut source_index = HashMap::new();
        for (i, e) in sources.iter().enumerate() {
            source_index.entry(e.id.clone()).or_insert(i);
        }
        ArgGraph {
            name: "the KB".to_string(),
            meta,
            theses,
            sources,
            source_index,
            omitted,
            graph,
            index,
            origin,
            sorted,
            rank,
            incoming: std::sync::OnceLock::new(),
            authored: std::sync::OnceLock::new(),
            same_as,
        }
    }

    /// Whether some source of the KB names its author (asked once per node
    /// by the author's-side queries: cached, since a corpus has thousands
    /// of sources).
    pub fn has_author(&self) -> bool {
        *self
            .authored
            .get_or_init(|| self.sources.iter().any(|s| s.source.author.is_some()))
    }

    /// Whether `id` is the thesis of some file of the KB.
    pub fn is_thesis(&self, id: &str) -> bool {
        self.theses.iter().any(|t| t == id)
    }

    /// The source with this id.
    pub fn source(&self, id: &str) -> Option<&SourceEntry> {
        self.source_index.get(id).map(|&i| &self.sources[i])
    }

    /// Who speaks a claim or recommendation in the text: its `speaker`, or
    /// else the author actor of its source, if the source names one.
    pub fn voice<'a>(&'a self, node: &'a Node) -> Option<&'a str> {
        node.speaker().or_else(|| {
            node.source()
                .and_then(|s| self.source(s))
                .and_then(|s| s.source.author.as_deref())
        })
    }

    /// Whether a node is reported speech: its speaker is not its source's
    /// author.
    pub fn is_reported(&self, node: &Node) -> bool {
        node.speaker().is_some_and(|sp| {
            node.source()
                .and_then(|s| self.source(s))
                .and_then(|s| s.source.author.as_deref())
                != Some(sp)
        })
    }

    /// The author's stance toward a claim or recommendation: as written,
    /// or `endorses` for the author's own words (`None` for a report
    /// whose stance the KB does not give).
    pub fn stance(&self, node: &Node) -> Option<Stance> {
        match node.kind() {
            NodeKind::Claim | NodeKind::Recommendation => node
                .stance()
                .or_else(|| (!self.is_reported(node)).then_some(Stance::Endorses)),
            _ => None,
        }
    }

    /// Where the node `id` is written in the KB file.
    pub fn origin(&self, id: &str) -> Option<Origin> {
        self.index_of(id).map(|ix| self.origin[ix.index()].origin())
    }

    /// The underlying petgraph, for algorithms.
    pub fn petgraph(&self) -> &StableDiGraph<Node, RelKind> {
        &self.graph
    }

    /// Where the node stands in id order (see `sorted_indices`).
    pub fn rank(&self, ix: NodeIndex) -> u32 {
        self.rank[ix.index()]
    }

    /// Every node's incoming edges as one table (`Incoming`), built on
    /// first use.
    pub fn incoming(&self) -> &Incoming {
        self.incoming.get_or_init(|| {
            // Edges are numbered in the order they were added, sorted by
            // (source, kind, target): each node's list comes out sorted.
            let pairs = self
                .graph
                .edge_references()
                .map(|e| (e.target().index(), (e.source(), *e.weight())));
            let table = Grouped::new(self.graph.node_bound(), pairs);
            debug_assert!((0..self.graph.node_bound()).all(|t| {
                let list = table.of(t);
                list.is_sorted_by_key(|&(s, kind)| (self.rank[s.index()], kind))
            }));
            table
        })
    }

    pub fn index_of(&self, id: &str) -> Option<NodeIndex> {
        index_of(&self.index, &self.graph, id)
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
        self.sorted.iter().map(|&ix| self.graph[ix].id()).collect()
    }

    /// All nodes, sorted by id.
    pub fn nodes(&self) -> Vec<&Node> {
        self.sorted.iter().map(|&ix| &self.graph[ix]).collect()
    }

    /// A petgraph edge, seen from the ids at its ends.
    fn edge(&self, e: EdgeReference<'_, RelKind>) -> Edge<'_> {
        Edge {
            source: self.graph[e.source()].id(),
            kind: *e.weight(),
            target: self.graph[e.target()].id(),
        }
    }

    /// Every node index, in id order.
    pub fn sorted_indices(&self) -> &[NodeIndex] {
        &self.sorted
    }

    /// All edges with the indices of their ends, in `edges` order.
    pub fn indexed_edges(&self) -> impl Iterator<Item = (NodeIndex, NodeIndex, Edge<'_>)> {
        self.graph
            .edge_references()
            .map(|e| (e.source(), e.target(), self.edge(e)))
    }

    /// All edges, sorted by source id, kind, then target id.
    pub fn edges(&self) -> Vec<Edge<'_>> {
        // Edges were added in this order (see `from_files`), and a
        // StableGraph without removals lists them in insertion order.
        self.graph.edge_references().map(|e| self.edge(e)).collect()
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

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig { failure_persistence: None, ..ProptestConfig::default() })]

        /// The prefix-keyed sort is a stable sort by id: ids that share
        /// their first 8 bytes, are shorter than 8, hold NUL or non-ASCII
        /// bytes, or repeat (an unvalidated KB) included.
        #[test]
        fn nodes_sort_by_id_as_a_stable_sort_does(ids in proptest::collection::vec("(claim_[ab]{0,4}|c[0-9]{0,9}|[a\\x00é]{0,10})", 0..60)) {
            let mut graph = StableDiGraph::new();
            for id in &ids {
                graph.add_node(Node::Actor(crate::model::Actor {
                    id: id.clone(),
                    name: String::new(),
                    kind: crate::model::ActorKind::Person,
                    aliases: Vec::new(),
                    description: None,
                }));
            }
            let mut expected: Vec<NodeIndex> = graph.node_indices().collect();
            expected.sort_by(|&a, &b| graph[a].id().cmp(graph[b].id()));
            prop_assert_eq!(&sorted_by_id_with(&graph, false), &expected);
            prop_assert_eq!(sorted_by_id_with(&graph, true), expected);
        }
    }

    /// Every valid fixture (the multi-file ones as one KB each), the
    /// essay, and generated KBs (hostile and essay-like): each KB as the
    /// texts of its files. Some do not load; the tests skip those.
    fn fixture_kbs() -> Vec<Vec<String>> {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
        let mut kbs: Vec<Vec<String>> = vec![vec![crate::sys::input::BUILTIN_KB.to_string()]];
        for dir in ["good", "multi", "cross-dup", "cross-unknown"] {
            let mut files: Vec<_> = std::fs::read_dir(root.join(dir))
                .unwrap()
                .map(|e| e.unwrap().path())
                .filter(|p| p.extension().is_some_and(|x| x == "ron"))
                .collect();
            files.sort();
            let texts: Vec<String> = files
                .iter()
                .map(|f| std::fs::read_to_string(f).unwrap())
                .collect();
            if dir == "good" {
                kbs.extend(texts.into_iter().map(|t| vec![t]));
            } else {
                kbs.push(texts);
            }
        }
        for seed in 0..10 {
            kbs.push(vec![crate::model::synth::hostile(seed)]);
            kbs.push(vec![crate::model::synth::essay_like(300, seed)]);
        }
        kbs
    }

    /// A KB's texts as files named `f0.ron`, `f1.ron`, …
    fn files_of(texts: Vec<String>) -> Vec<crate::sys::input::SourceText> {
        texts
            .into_iter()
            .enumerate()
            .map(|(i, t)| crate::sys::input::SourceText::new(format!("f{i}.ron"), t))
            .collect()
    }

    /// A graph as its ids in node order and its edges in order, each with
    /// its ends' ids.
    fn shape(g: &ArgGraph) -> (Vec<&str>, Vec<(&str, RelKind, &str)>) {
        let ids = g.graph.node_indices().map(|ix| g.graph[ix].id()).collect();
        let edges = g
            .graph
            .edge_references()
            .map(|e| {
                (
                    g.graph[e.source()].id(),
                    *e.weight(),
                    g.graph[e.target()].id(),
                )
            })
            .collect();
        (ids, edges)
    }

    /// A graph built from validation's resolved references is the graph
    /// built by looking every id up: same nodes, same edges in the same
    /// order, on every KB that loads (several files among them). Given
    /// the resolution of another KB, of another size, the build looks ids
    /// up instead.
    #[test]
    fn resolved_references_build_the_graph_lookups_build() {
        let mut compared = 0;
        let mut edges = 0;
        let mut previous: Option<crate::validate::Resolved> = None;
        let mut misfits = 0;
        for texts in fixture_kbs() {
            let files = files_of(texts);
            let Ok(parsed) = files
                .iter()
                .map(|f| crate::model::parse::parse(f, 0))
                .collect::<Result<Vec<KnowledgeBase>, _>>()
            else {
                continue;
            };
            let (_, _, resolved) =
                crate::validate::validate_resolved(&parsed, &[], crate::validate::Findings::Errors);
            let Some(resolved) = resolved else {
                continue;
            };
            let looked_up = ArgGraph::from_files(parsed.clone());
            let from_numbers = ArgGraph::from_resolved(parsed.clone(), resolved);
            assert_eq!(shape(&looked_up), shape(&from_numbers));
            // Another KB's numbering, of another size, is set aside.
            if let Some(other) = previous.take()
                && other.nodes() != looked_up.node_count()
            {
                let misfit = ArgGraph::from_resolved(parsed.clone(), other);
                assert_eq!(shape(&looked_up), shape(&misfit));
                misfits += 1;
            }
            previous =
                crate::validate::validate_resolved(&parsed, &[], crate::validate::Findings::Errors)
                    .2;
            edges += looked_up.edge_count();
            compared += 1;
        }
        assert!(
            compared > 20 && edges > 5000,
            "{compared} KBs, {edges} edges"
        );
        assert!(misfits > 10, "{misfits}");
    }

    /// The sizes counted from the files are those of the built graph, on
    /// every valid fixture, the essay and generated KBs.
    #[test]
    fn sizes_of_the_files_are_the_sizes_of_the_graph() {
        let kbs = fixture_kbs();
        let mut compared = 0;
        for texts in kbs {
            let files = files_of(texts);
            // Only KBs that load: the counts are promised for those.
            let Ok(loaded) = crate::load::load_texts(files.clone()) else {
                continue;
            };
            let parsed: Vec<KnowledgeBase> = files
                .iter()
                .map(|f| crate::model::parse::parse(f, 0).unwrap())
                .collect();
            assert_eq!(Sizes::of_files(&parsed), Sizes::of(&loaded.graph));
            compared += 1;
        }
        assert!(compared > 20, "{compared}");
    }

    /// The table of incoming edges lists, for every node, exactly what
    /// `edges_of` gives, in the same order; ranks order nodes as ids do.
    #[test]
    fn the_incoming_table_matches_edges_of_and_ranks_match_ids() {
        let mut texts = vec![crate::sys::input::BUILTIN_KB.to_string()];
        for seed in 0..4 {
            texts.push(crate::model::synth::hostile(seed));
            texts.push(crate::model::synth::essay_like(500, seed));
        }
        let mut edges = 0;
        for text in texts {
            let Ok(loaded) =
                crate::load::load_text(crate::sys::input::SourceText::new("t.ron", text))
            else {
                continue;
            };
            let g = &loaded.graph;
            for ix in g.graph.node_indices() {
                let id = g.graph[ix].id();
                let table: Vec<(&str, RelKind)> = g
                    .incoming()
                    .of(ix.index())
                    .iter()
                    .map(|&(s, kind)| (g.graph[s].id(), kind))
                    .collect();
                let listed: Vec<(&str, RelKind)> = g
                    .edges_of(id, Direction::Incoming)
                    .iter()
                    .map(|e| (e.source, e.kind))
                    .collect();
                assert_eq!(table, listed, "into {id}");
                edges += table.len();
            }
            let by_rank: Vec<&str> = {
                let mut ixs: Vec<NodeIndex> = g.graph.node_indices().collect();
                ixs.sort_by_key(|&ix| g.rank(ix));
                ixs.iter().map(|&ix| g.graph[ix].id()).collect()
            };
            assert!(by_rank.is_sorted(), "ranks follow ids");
        }
        assert!(edges > 1000, "{edges}");
    }

    /// Items come out in their order, whatever their number; a large
    /// vector gives its room back as it goes (about half of it is gone
    /// once two thirds are handed out), a small one keeps it.
    #[test]
    fn handed_over_items_come_in_order_and_give_their_room_back() {
        for n in [0, 1, 2, 7, 1000] {
            let items: Vec<String> = (0..n).map(|i| i.to_string()).collect();
            assert_eq!(handed_over(items.clone()).collect::<Vec<_>>(), items);
        }
        let n = 1 << 18;
        let mut it = handed_over((0..n as u64).collect::<Vec<_>>());
        let first: Vec<u64> = it.by_ref().take(2 * n / 3).collect();
        assert!(first.iter().copied().eq(0..(2 * n / 3) as u64));
        assert!(it.items.capacity() <= n / 2, "{}", it.items.capacity());
        assert!(it.eq((2 * n / 3) as u64..n as u64));
        let mut small = handed_over(vec![0u8; 1000]);
        small.by_ref().take(900).for_each(drop);
        assert_eq!(small.items.capacity(), 1000);
    }

    /// Where each node is written comes back as it was given: file,
    /// section and position.
    #[test]
    fn origins_name_the_file_section_and_position() {
        for (file, name, index) in [
            (0, "actors", 0),
            (3, "claims", 829_999),
            (1, "conflicts", 7),
        ] {
            let place = Place::new(file, Place::section(name), index);
            assert_eq!(place.origin(), (file, name, index));
        }
        assert!(SECTIONS.iter().all(|s| SECTIONS[Place::section(s)] == *s));
    }

    /// The id index is made on the first lookup, not by the build (a KB
    /// with no speaker looks up no id while it is built), and then finds
    /// every node; of two nodes sharing an id (unvalidated files), the
    /// one added last, as when the build indexed each node it added.
    #[test]
    fn ids_are_indexed_on_first_lookup_and_the_last_of_a_shared_id_wins() {
        let mut first = KnowledgeBase::default();
        let mut second = KnowledgeBase::default();
        for i in 0..50 {
            first.claims.push(Claim::new(
                format!("c{i}"),
                "first",
                crate::model::ClaimKind::Fact,
            ));
        }
        second
            .claims
            .push(Claim::new("c7", "second", crate::model::ClaimKind::Fact));
        let g = ArgGraph::from_files(vec![first, second]);
        assert!(g.index.get().is_none(), "built before any lookup");
        for i in (0..50).filter(|&i| i != 7) {
            let ix = g.index_of(&format!("c{i}")).expect("indexed");
            assert_eq!(g.graph[ix].id(), format!("c{i}"));
        }
        let Some(Node::Proposition(p)) = g.node("c7") else {
            panic!("c7 is a claim");
        };
        assert_eq!(p.text, "second");
        assert_eq!(g.index_of("c50"), None);
    }
}
