//! `challenges ID`: everything that speaks against a claim or
//! recommendation: attacks on it, attacks on anything in its support tree,
//! and undercuts of any inference in that tree, each with the route by
//! which it reaches the node, whose side the attacked node is on, and
//! whether the attack is answered (`side`).
//!
//! On the author's side (`Side::Author`, the default for a KB whose source
//! names its author) only attacks on what the author endorses or concedes
//! are listed: the author's own attacks on views it rejects are not
//! challenges to its case; they are counted, and `--side all` lists them.

use std::collections::VecDeque;
use std::io::{self, Write};

use petgraph::stable_graph::NodeIndex;
use petgraph::visit::NodeIndexable;
use serde_json::json;

use super::path::render;
use super::side::{self, Side};
use super::{OutputFormat, QueryError, edge_json, find, non_empty, one_line, write_json};
use crate::graph::{ArgGraph, Edge, Node};
use crate::model::RelKind;

/// One challenge: the attacking node and its route to the challenged one.
#[derive(Debug, Clone)]
pub struct Challenge<'g> {
    pub attacker: &'g Node,
    /// From the attacker to the node asked about: the attack or undercut
    /// first, then the support chain.
    pub route: Vec<Edge<'g>>,
}

/// The challenges listed at most, unless asked for more: nearest first.
pub const DEFAULT_LIMIT: usize = 100;
/// The relations all listed routes may hold together, whatever the limit:
/// a hostile KB can put thousands of attackers at the end of a long chain.
const MAX_ROUTE_EDGES: usize = 1_000_000;

/// The challenges found, nearest first, and how many there are in all.
#[derive(Debug, Clone)]
pub struct Challenges<'g> {
    pub found: Vec<Challenge<'g>>,
    /// Every challenge on the side asked for, including those past the
    /// limit.
    pub total: usize,
    /// Attacks left out because they land on a view the author does not
    /// hold (`Side::Author`).
    pub other_side: usize,
    /// Attacks left out because they are answered (`--unanswered`).
    pub answered: usize,
}

/// Everything that challenges `id`, nearest first (then by the attacking
/// relation), at most `limit` of them (`0`: no limit).
pub fn challenges<'g>(
    graph: &'g ArgGraph,
    id: &str,
    limit: usize,
    side: Side,
    unanswered_only: bool,
) -> Result<Challenges<'g>, QueryError> {
    let target = find(graph, id)?.id();
    let start = graph.index_of(target).expect("found ids have an index");
    let g = graph.petgraph();
    // Walk the support tree downwards, remembering for each node how many
    // relations away the target is and the support edge that leads
    // (shortest) towards it, as the next node and the kind: by node
    // index, so that a tree of 10^6 nodes costs a few vectors.
    const UNSEEN: u32 = u32::MAX;
    let mut dist = vec![UNSEEN; g.node_bound()];
    let mut via: Vec<(NodeIndex, RelKind)> = vec![(start, RelKind::Supports); g.node_bound()];
    dist[start.index()] = 0;
    let mut queue = VecDeque::from([start]);
    let incoming = graph.incoming();
    // A route is the attacking edge, then the support chain from its
    // target: the edge decides the rest, so (length, edge) orders routes
    // exactly as comparing them whole would, without building them all.
    // An edge is compared by its ends' ranks, which order as their ids.
    let mut attacks: Vec<(usize, u32, RelKind, u32, NodeIndex, NodeIndex)> = Vec::new();
    let mut other_side = 0;
    let mut answered = 0;
    let author = side == Side::Author && graph.has_author();
    let identities = graph.same_as_count() > 0;
    while let Some(at) = queue.pop_front() {
        let d = dist[at.index()];
        // The same proposition in another text: its support and attacks
        // there bear on this one too (`SameAs` runs either way).
        if identities {
            for other in g
                .edges_directed(at, petgraph::Direction::Outgoing)
                .filter(|e| *e.weight() == RelKind::SameAs)
                .map(|e| petgraph::visit::EdgeRef::target(&e))
            {
                if dist[other.index()] == UNSEEN {
                    dist[other.index()] = d + 1;
                    via[other.index()] = (at, RelKind::SameAs);
                    queue.push_back(other);
                }
            }
        }
        for &(source, kind) in incoming.of(at.index()) {
            if (kind.is_support() || kind == RelKind::SameAs) && dist[source.index()] == UNSEEN {
                dist[source.index()] = d + 1;
                via[source.index()] = (at, kind);
                queue.push_back(source);
            } else if matches!(kind, RelKind::Attacks | RelKind::Undercuts) {
                if author && !side::on_author_side(graph, &g[at]) {
                    other_side += 1;
                    continue;
                }
                if unanswered_only && side::answer(graph, &g[source], &g[at]).is_answered() {
                    answered += 1;
                    continue;
                }
                let (s, t) = (graph.rank(source), graph.rank(at));
                attacks.push((d as usize + 1, s, kind, t, source, at));
            }
        }
    }
    let total = attacks.len();
    let limit = if limit == 0 { usize::MAX } else { limit };
    // Only the first `limit` are listed: those are picked, then sorted
    // (the keys are unique: one per edge).
    if limit < attacks.len() {
        attacks.select_nth_unstable(limit);
        attacks.truncate(limit);
    }
    attacks.sort_unstable();
    let edge = |a: NodeIndex, kind, b: NodeIndex| Edge {
        source: g[a].id(),
        kind,
        target: g[b].id(),
    };
    let mut budget = MAX_ROUTE_EDGES;
    let mut found = Vec::new();
    for (len, _, kind, _, source, at) in attacks {
        if found.len() == limit || len > budget && !found.is_empty() {
            break;
        }
        budget = budget.saturating_sub(len);
        let mut route = Vec::with_capacity(len);
        route.push(edge(source, kind, at));
        let mut step = at;
        while dist[step.index()] > 0 {
            let (next, kind) = via[step.index()];
            route.push(edge(step, kind, next));
            step = next;
        }
        found.push(Challenge {
            attacker: &g[source],
            route,
        });
    }
    let found = non_empty(found, || {
        if answered > 0 {
            format!(
                "every attack on `{target}` and its support is answered ({answered}; drop --unanswered to list them)"
            )
        } else if other_side > 0 {
            format!(
                "nothing attacks what the author holds in `{target}` or its support ({other_side} attack{} on views the author does not hold: --side all lists {})",
                if other_side == 1 { "" } else { "s" },
                if other_side == 1 { "it" } else { "them" }
            )
        } else {
            format!("nothing attacks `{target}` or its support")
        }
    })?;
    Ok(Challenges {
        found,
        total,
        other_side,
        answered,
    })
}

pub fn write(
    graph: &ArgGraph,
    found: &[Challenge<'_>],
    format: OutputFormat,
    out: &mut dyn Write,
) -> io::Result<()> {
    let attacked = |c: &Challenge<'_>| graph.node(c.route[0].target).expect("routes end at nodes");
    match format {
        OutputFormat::Json => write_json(
            out,
            &json!(
                found
                    .iter()
                    .map(|c| {
                        let target = attacked(c);
                        let answer = side::answer(graph, c.attacker, target);
                        json!({
                            "attacker": side::voiced(graph, c.attacker),
                            "kind": c.route[0].kind.name(),
                            "direct": c.route.len() == 1,
                            "route": c.route.iter().map(edge_json).collect::<Vec<_>>(),
                            "side": if side::on_author_side(graph, target) { "author" } else { "others" },
                            "answered": answer.is_answered(),
                            "preferred": answer.preferred,
                            "answered_by": answer.counters.iter().map(|n| side::voiced(graph, n)).collect::<Vec<_>>(),
                        })
                    })
                    .collect::<Vec<_>>()
            ),
        ),
        OutputFormat::Text => {
            for c in found {
                let target = attacked(c);
                writeln!(out, "{}", render_elided(&c.route))?;
                let voice = side::voice_tag(graph, c.attacker);
                writeln!(
                    out,
                    "    {}{voice}",
                    one_line(&side::words(graph, c.attacker))
                )?;
                let answer = side::answer(graph, c.attacker, target);
                let mut how = Vec::new();
                if answer.preferred {
                    how.push(format!("the author prefers {}", target.id()));
                }
                let ids: Vec<&str> = answer.counters.iter().map(|n| n.id()).collect();
                if !ids.is_empty() {
                    how.push(format!("countered by {}", ids.join(", ")));
                }
                if how.is_empty() {
                    writeln!(out, "    unanswered")?;
                } else {
                    writeln!(out, "    answered: {}", how.join("; "))?;
                }
            }
            Ok(())
        }
    }
}

/// A route as text, its middle elided past a few dozen relations (JSON
/// keeps every step).
fn render_elided(route: &[Edge<'_>]) -> String {
    const KEEP: usize = 12;
    if route.len() <= 2 * KEEP + 1 {
        return render(route);
    }
    let head = render(&route[..KEEP]);
    let tail = render(&route[route.len() - KEEP..]);
    format!(
        "{head} … {} more relations … {tail}",
        route.len() - 2 * KEEP
    )
}
