//! `path`: how one node leads to another along the graph's relations.

use std::collections::{BTreeMap, VecDeque};

use petgraph::Direction;

use super::{QueryError, find};
use crate::graph::{ArgGraph, Edge};
use crate::model::RelKind;

/// The shortest directed chain of relations from `from` to `to`, using only
/// the kinds in `rels` (all kinds when empty). Ties go to the chain whose
/// ids sort first, so the answer is the same on every run.
pub fn shortest<'g>(
    graph: &'g ArgGraph,
    from: &str,
    to: &str,
    rels: &[RelKind],
) -> Result<Vec<Edge<'g>>, QueryError> {
    let from = find(graph, from)?.id();
    let to = find(graph, to)?.id();
    if from == to {
        return Err(QueryError::BadArgument(format!(
            "`{from}` is both ends of the path"
        )));
    }
    let mut came_by: BTreeMap<&str, Edge<'g>> = BTreeMap::new();
    let mut queue = VecDeque::from([from]);
    while let Some(id) = queue.pop_front() {
        if id == to {
            break;
        }
        for e in graph.edges_of(id, Direction::Outgoing) {
            if (rels.is_empty() || rels.contains(&e.kind))
                && e.target != from
                && !came_by.contains_key(e.target)
            {
                came_by.insert(e.target, e);
                queue.push_back(e.target);
            }
        }
    }
    let mut path = Vec::new();
    let mut at = to;
    while let Some(e) = came_by.get(at) {
        path.push(*e);
        at = e.source;
    }
    if path.is_empty() {
        return Err(QueryError::NothingFound(format!(
            "no chain of relations leads from `{from}` to `{to}`"
        )));
    }
    path.reverse();
    Ok(path)
}
