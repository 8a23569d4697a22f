//! The framework around a few arguments: grounded labels without building
//! the KB's whole framework.
//!
//! Grounded semantics is directional (Baroni & Giacomin 2007): an
//! argument's label depends only on the arguments from which a chain of
//! attacks reaches it. So the labels of a few arguments are those of the
//! sub-framework on their backward cone — the arguments, their attackers,
//! the attackers of those, and so on — which `cone` builds by asking each
//! node for its attackers (`attackers`, the attacks `from_kb::framework`
//! makes with support ignored: stated attacks and undercuts that survive
//! the preferences, and the attacks on an argument's or a conflict's
//! premises, which attack it too). A query that shows a few attacks of a
//! large KB (`why`) pays for the cone, not for the KB.

use petgraph::stable_graph::NodeIndex;

use super::Framework;
use super::semantics::grounded;
use crate::graph::ArgGraph;
use crate::model::{NodeKind, RelKind};

/// Whether `kind` is an attack the KB states.
fn attacking(kind: RelKind) -> bool {
    matches!(kind, RelKind::Attacks | RelKind::Undercuts)
}

/// Whether the graph has an edge `a → b` of `kind`.
fn edge(graph: &ArgGraph, a: NodeIndex, kind: RelKind, b: NodeIndex) -> bool {
    graph
        .incoming()
        .of(b.index())
        .iter()
        .any(|&(s, k)| s == a && k == kind)
}

/// Whether an attack of `a` on `b` fails: it is not an undercut, and `b`
/// is preferred to `a` or, for a named conflict `a`, to one of its
/// attackers (the weakest link); as `from_kb` decides it.
fn fails(graph: &ArgGraph, a: NodeIndex, b: NodeIndex) -> bool {
    if edge(graph, a, RelKind::Undercuts, b) {
        return false;
    }
    edge(graph, b, RelKind::Prefers, a)
        || (graph.petgraph()[a].kind() == NodeKind::Conflict
            && graph
                .incoming()
                .of(a.index())
                .iter()
                .any(|&(x, k)| k == RelKind::Premise && edge(graph, b, RelKind::Prefers, x)))
}

/// The attackers of `v` in the KB's framework with support ignored, in no
/// particular order, each once. An actor is no argument: it has none.
pub fn attackers(graph: &ArgGraph, v: NodeIndex) -> Vec<NodeIndex> {
    let g = graph.petgraph();
    let is_argument = |ix: NodeIndex| g[ix].kind() != NodeKind::Actor;
    if !is_argument(v) {
        return Vec::new();
    }
    let incoming = graph.incoming();
    let mut out = Vec::new();
    for &(x, kind) in incoming.of(v.index()) {
        if attacking(kind) && is_argument(x) && !fails(graph, x, v) {
            out.push(x);
        }
    }
    // A defeat of a premise attacks what rests on it.
    for &(p, kind) in incoming.of(v.index()) {
        if kind != RelKind::Premise || !is_argument(p) {
            continue;
        }
        for &(x, kind) in incoming.of(p.index()) {
            if attacking(kind) && is_argument(x) && !fails(graph, x, p) && !fails(graph, x, v) {
                out.push(x);
            }
        }
    }
    out.sort_unstable();
    out.dedup();
    out
}

/// Grounded labels on the backward cone of some arguments.
#[derive(Debug, Clone)]
pub struct ConeLabels {
    /// Each cone node's number in `af`.
    number: foldhash::HashMap<NodeIndex, u32>,
    pub af: Framework,
    inn: Vec<bool>,
    out: Vec<bool>,
}

/// A label of the grounded labelling.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Label {
    In,
    Out,
    Undec,
}

impl ConeLabels {
    /// The grounded labels of `seeds` and of everything whose label
    /// theirs depends on.
    pub fn of(graph: &ArgGraph, seeds: impl IntoIterator<Item = NodeIndex>) -> ConeLabels {
        let mut number: foldhash::HashMap<NodeIndex, u32> = Default::default();
        let mut nodes: Vec<NodeIndex> = Vec::new();
        let mut add = |ix: NodeIndex, nodes: &mut Vec<NodeIndex>| {
            *number.entry(ix).or_insert_with(|| {
                nodes.push(ix);
                (nodes.len() - 1) as u32
            })
        };
        for s in seeds {
            if graph.petgraph()[s].kind() != NodeKind::Actor {
                add(s, &mut nodes);
            }
        }
        let mut pairs = Vec::new();
        let mut next = 0;
        while next < nodes.len() {
            let v = nodes[next];
            let vn = next as u32;
            next += 1;
            for x in attackers(graph, v) {
                let xn = add(x, &mut nodes);
                pairs.push((xn, vn));
            }
        }
        let names = nodes
            .iter()
            .map(|&ix| graph.petgraph()[ix].id().to_string())
            .collect();
        let af = Framework::with_attacks(names, &mut pairs);
        let (inn, out) = grounded(&af);
        ConeLabels {
            number,
            af,
            inn,
            out,
        }
    }

    /// The label of `ix`, if it is in the cone.
    pub fn label(&self, ix: NodeIndex) -> Option<Label> {
        let &n = self.number.get(&ix)?;
        Some(if self.inn[n as usize] {
            Label::In
        } else if self.out[n as usize] {
            Label::Out
        } else {
            Label::Undec
        })
    }

    /// Whether `a` attacks `b` in the framework (`b` in the cone).
    pub fn attacks(&self, a: NodeIndex, b: NodeIndex) -> bool {
        match (self.number.get(&a), self.number.get(&b)) {
            (Some(&a), Some(&b)) => self.af.attackers[b as usize].binary_search(&a).is_ok(),
            _ => false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::af::from_kb::{Support, framework};
    use crate::model::synth::{Rng, essay_like};

    /// On generated KBs and the test fixtures, the cone of any few nodes
    /// gives each of them the label and the attackers the whole framework
    /// gives it.
    #[test]
    fn cone_labels_are_the_whole_frameworks() {
        let mut kbs: Vec<String> = (1..=6).map(|seed| essay_like(400, seed)).collect();
        for f in ["conflicts.ron", "preferences.ron", "queries.ron"] {
            let path = format!("{}/tests/fixtures/good/{f}", env!("CARGO_MANIFEST_DIR"));
            kbs.push(std::fs::read_to_string(path).unwrap());
        }
        kbs.push(crate::sys::input::BUILTIN_KB.to_string());
        let mut rng = Rng::new(7);
        for text in kbs {
            let loaded = crate::load::load_text(crate::sys::input::SourceText::new("t", text))
                .expect("the KB loads");
            let graph = &loaded.graph;
            let whole = framework(graph, Support::None, &Default::default());
            let (inn, out) = grounded(&whole);
            let at = |id: &str| {
                whole
                    .names
                    .binary_search_by(|n| n.as_str().cmp(id))
                    .unwrap()
            };
            let all: Vec<NodeIndex> = graph.sorted_indices().to_vec();
            for _ in 0..20 {
                let seeds: Vec<NodeIndex> = (0..3).map(|_| all[rng.below(all.len())]).collect();
                let cone = ConeLabels::of(graph, seeds.iter().copied());
                for &s in &seeds {
                    let node = &graph.petgraph()[s];
                    if node.kind() == NodeKind::Actor {
                        assert_eq!(cone.label(s), None);
                        continue;
                    }
                    let w = at(node.id());
                    let expected = if inn[w] {
                        Label::In
                    } else if out[w] {
                        Label::Out
                    } else {
                        Label::Undec
                    };
                    assert_eq!(cone.label(s), Some(expected), "{}", node.id());
                    let mut mine: Vec<String> = attackers(graph, s)
                        .into_iter()
                        .map(|x| graph.petgraph()[x].id().to_string())
                        .collect();
                    mine.sort();
                    let theirs: Vec<String> = whole.attackers[w]
                        .iter()
                        .map(|&a| whole.names[a as usize].clone())
                        .collect();
                    assert_eq!(mine, theirs, "attackers of {}", node.id());
                }
            }
        }
    }
}
