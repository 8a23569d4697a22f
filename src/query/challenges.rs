//! `challenges ID`: everything that speaks against a claim or
//! recommendation: attacks on it, attacks on anything in its support tree,
//! and undercuts of any inference in that tree, each with the route by
//! which it reaches the node.

use std::collections::{BTreeMap, VecDeque};
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

pub fn challenges<'g>(graph: &'g ArgGraph, id: &str) -> Result<Vec<Challenge<'g>>, QueryError> {
    let target = find(graph, id)?.id();
    // Walk the support tree downwards, remembering for each node the
    // support edge that leads (shortest) towards the target.
    let mut toward: BTreeMap<&str, Option<Edge<'g>>> = BTreeMap::from([(target, None)]);
    let mut queue = VecDeque::from([target]);
    while let Some(at) = queue.pop_front() {
        for e in graph.edges_of(at, Direction::Incoming) {
            if e.kind.is_support() && !toward.contains_key(e.source) {
                toward.insert(e.source, Some(e));
                queue.push_back(e.source);
            }
        }
    }
    let mut out = Vec::new();
    for &at in toward.keys() {
        for e in graph.edges_of(at, Direction::Incoming) {
            if !matches!(e.kind, RelKind::Attacks | RelKind::Undercuts) {
                continue;
            }
            let mut route = vec![e];
            let mut step = at;
            while let Some(Some(next)) = toward.get(step) {
                route.push(*next);
                step = next.target;
            }
            out.push(Challenge {
                attacker: graph.node(e.source).expect("edge ends are nodes"),
                route,
            });
        }
    }
    out.sort_by(|a, b| {
        a.route
            .len()
            .cmp(&b.route.len())
            .then_with(|| a.route.cmp(&b.route))
    });
    non_empty(out, || format!("nothing attacks `{target}` or its support"))
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
                writeln!(out, "{}", render(&c.route))?;
                writeln!(out, "    {}", one_line(c.attacker.text()))?;
            }
            Ok(())
        }
    }
}
