//! `challenges ID`: everything that speaks against a claim or
//! recommendation: attacks on it, attacks on anything in its support tree,
//! and undercuts of any inference in that tree, each with the route by
//! which it reaches the node.

use std::collections::{HashMap, VecDeque};
use std::io::{self, Write};

use petgraph::Direction;
use serde_json::json;

use super::path::render;
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
    /// Every challenge, including those past the limit.
    pub total: usize,
}

/// Everything that challenges `id`, nearest first (then by the attacking
/// relation), at most `limit` of them (`0`: no limit).
pub fn challenges<'g>(
    graph: &'g ArgGraph,
    id: &str,
    limit: usize,
) -> Result<Challenges<'g>, QueryError> {
    let target = find(graph, id)?.id();
    // Walk the support tree downwards, remembering for each node the
    // support edge that leads (shortest) towards the target and how many
    // relations away the target is.
    let mut toward: HashMap<&str, (Option<Edge<'g>>, usize)> = HashMap::from([(target, (None, 0))]);
    let mut order = vec![target];
    let mut queue = VecDeque::from([target]);
    while let Some(at) = queue.pop_front() {
        let dist = toward[at].1;
        for e in graph.edges_of(at, Direction::Incoming) {
            if e.kind.is_support() && !toward.contains_key(e.source) {
                toward.insert(e.source, (Some(e), dist + 1));
                order.push(e.source);
                queue.push_back(e.source);
            }
        }
    }
    // A route is the attacking edge, then the support chain from its
    // target: the edge decides the rest, so (length, edge) orders routes
    // exactly as comparing them whole would, without building them all.
    let mut attacks: Vec<(usize, Edge<'g>)> = Vec::new();
    for &at in &order {
        let dist = toward[at].1;
        for e in graph.edges_of(at, Direction::Incoming) {
            if matches!(e.kind, RelKind::Attacks | RelKind::Undercuts) {
                attacks.push((dist + 1, e));
            }
        }
    }
    attacks.sort_unstable();
    let total = attacks.len();
    let limit = if limit == 0 { usize::MAX } else { limit };
    let mut budget = MAX_ROUTE_EDGES;
    let mut found = Vec::new();
    for (len, e) in attacks {
        if found.len() == limit || len > budget && !found.is_empty() {
            break;
        }
        budget = budget.saturating_sub(len);
        let mut route = Vec::with_capacity(len);
        route.push(e);
        let mut step = e.target;
        while let Some((Some(next), _)) = toward.get(step) {
            route.push(*next);
            step = next.target;
        }
        found.push(Challenge {
            attacker: graph.node(e.source).expect("edge ends are nodes"),
            route,
        });
    }
    let found = non_empty(found, || {
        format!("nothing attacks `{target}` or its support")
    })?;
    Ok(Challenges { found, total })
}

pub fn write(found: &[Challenge<'_>], format: OutputFormat, out: &mut dyn Write) -> io::Result<()> {
    match format {
        OutputFormat::Json => write_json(
            out,
            &json!(
                found
                    .iter()
                    .map(|c| json!({
                        "attacker": super::brief(c.attacker),
                        "kind": c.route[0].kind.name(),
                        "direct": c.route.len() == 1,
                        "route": c.route.iter().map(edge_json).collect::<Vec<_>>(),
                    }))
                    .collect::<Vec<_>>()
            ),
        ),
        OutputFormat::Text => {
            for c in found {
                writeln!(out, "{}", render_elided(&c.route))?;
                writeln!(out, "    {}", one_line(c.attacker.text()))?;
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
