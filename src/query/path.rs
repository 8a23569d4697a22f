//! `path`: how one node leads to another along the graph's relations.

use std::collections::{HashMap, HashSet, VecDeque};

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
    let mut came_by: HashMap<&str, Edge<'g>> = HashMap::new();
    let mut queue = VecDeque::from([from]);
    'search: while let Some(id) = queue.pop_front() {
        for e in graph.edges_of(id, Direction::Outgoing) {
            if (rels.is_empty() || rels.contains(&e.kind))
                && e.target != from
                && !came_by.contains_key(e.target)
            {
                came_by.insert(e.target, e);
                if e.target == to {
                    break 'search;
                }
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
        // Paths follow relations in their direction; say so when the
        // other direction would have found one.
        let reverse = if reaches(graph, to, from, rels) {
            format!("; relations run the other way: `argkb path {to} {from}` finds a chain")
        } else {
            String::new()
        };
        return Err(QueryError::NothingFound(format!(
            "no chain of relations leads from `{from}` to `{to}` (paths follow each relation's direction){reverse}"
        )));
    }
    path.reverse();
    Ok(path)
}

/// Whether a directed chain of `rels` leads from `from` to `to`.
fn reaches(graph: &ArgGraph, from: &str, to: &str, rels: &[RelKind]) -> bool {
    let mut seen: HashSet<&str> = HashSet::from([from]);
    let mut queue = VecDeque::from([from]);
    while let Some(id) = queue.pop_front() {
        for e in graph.edges_of(id, Direction::Outgoing) {
            if (rels.is_empty() || rels.contains(&e.kind)) && seen.insert(e.target) {
                if e.target == to {
                    return true;
                }
                queue.push_back(e.target);
            }
        }
    }
    false
}

/// Steps `all` takes at most over all its passes before it stops and says
/// the answer is incomplete.
const MAX_STEPS: usize = 20_000_000;

struct Outcome<'g> {
    found: Vec<Vec<Edge<'g>>>,
    complete: bool,
}

/// Every simple path from `from` to `to` of at most `max_len` relations,
/// shortest first then by ids, stopping after `limit` paths. The flag says
/// whether the search finished (false: more paths may exist).
pub fn all<'g>(
    graph: &'g ArgGraph,
    from: &str,
    to: &str,
    rels: &[RelKind],
    max_len: usize,
    limit: usize,
) -> Result<(Vec<Vec<Edge<'g>>>, bool), QueryError> {
    let from = find(graph, from)?.id();
    let to = find(graph, to)?.id();
    if from == to {
        return Err(QueryError::BadArgument(format!(
            "`{from}` is both ends of the path"
        )));
    }
    let follows = |k: RelKind| rels.is_empty() || rels.contains(&k);
    // How far each node is from `to` (backwards search): a branch that
    // cannot reach `to` within the relations left is never entered, so the
    // search only walks nodes on some path of the right length.
    let mut dist: HashMap<&'g str, usize> = HashMap::from([(to, 0)]);
    let mut queue = VecDeque::from([to]);
    while let Some(id) = queue.pop_front() {
        let d = dist[id];
        if d == max_len {
            continue;
        }
        for e in graph.edges_of(id, Direction::Incoming) {
            if follows(e.kind) && !dist.contains_key(e.source) {
                dist.insert(e.source, d + 1);
                queue.push_back(e.source);
            }
        }
    }
    let Some(&shortest) = dist.get(from) else {
        return Err(QueryError::NothingFound(format!(
            "no chain of at most {max_len} relation{} leads from `{from}` to `{to}`",
            if max_len == 1 { "" } else { "s" }
        )));
    };
    // Iterative deepening from the shortest length up, so that the limit
    // keeps the shortest paths; each pass is a depth-first search with an
    // explicit stack (no recursion, whatever the length), and all passes
    // share a budget of steps.
    let mut found: Vec<Vec<Edge<'g>>> = Vec::new();
    let mut complete = true;
    let mut steps = 0usize;
    'lengths: for exact in shortest..=max_len {
        let mut on_path: HashSet<&'g str> = HashSet::from([from]);
        let mut path: Vec<Edge<'g>> = Vec::new();
        // Each frame: the edges still to try from a node on the path.
        let mut stack: Vec<std::vec::IntoIter<Edge<'g>>> =
            vec![graph.edges_of(from, Direction::Outgoing).into_iter()];
        while let Some(frame) = stack.last_mut() {
            steps += 1;
            if steps > MAX_STEPS {
                complete = false;
                break 'lengths;
            }
            let Some(e) = frame.next() else {
                stack.pop();
                if let Some(e) = path.pop() {
                    on_path.remove(e.target);
                }
                continue;
            };
            let left = exact - path.len() - 1;
            let reachable = dist.get(e.target).is_some_and(|&d| d <= left);
            if !follows(e.kind) || on_path.contains(e.target) || !reachable {
                continue;
            }
            if e.target == to {
                if left == 0 {
                    if found.len() == limit {
                        complete = false;
                        break 'lengths;
                    }
                    let mut p = path.clone();
                    p.push(e);
                    found.push(p);
                }
                continue;
            }
            if left == 0 {
                continue;
            }
            on_path.insert(e.target);
            path.push(e);
            stack.push(graph.edges_of(e.target, Direction::Outgoing).into_iter());
        }
    }
    let s = Outcome { found, complete };
    let mut found = s.found;
    found.sort_by(|a, b| a.len().cmp(&b.len()).then_with(|| a.cmp(b)));
    if found.is_empty() {
        let why = if s.complete {
            format!(
                "no chain of at most {max_len} relation{} leads from `{from}` to `{to}`",
                if max_len == 1 { "" } else { "s" }
            )
        } else {
            format!("no path found from `{from}` to `{to}` before the limit")
        };
        return Err(QueryError::NothingFound(why));
    }
    Ok((found, s.complete))
}

/// `A —supports→ B —attacks→ C`
pub fn render(path: &[Edge<'_>]) -> String {
    let mut s = path
        .first()
        .map(|e| e.source.to_string())
        .unwrap_or_default();
    for e in path {
        s.push_str(&format!(" {} {}", super::arrow(e.kind), e.target));
    }
    s
}

/// Writes paths as text lines or JSON.
pub fn write(
    paths: &[Vec<Edge<'_>>],
    complete: bool,
    format: super::OutputFormat,
    out: &mut dyn std::io::Write,
) -> std::io::Result<()> {
    match format {
        super::OutputFormat::Json => super::write_json(
            out,
            &serde_json::json!({
                "complete": complete,
                "paths": paths.iter().map(|p| p.iter().map(super::edge_json).collect::<Vec<_>>()).collect::<Vec<_>>(),
            }),
        ),
        super::OutputFormat::Text => {
            for p in paths {
                writeln!(out, "{}", render(p))?;
            }
            Ok(())
        }
    }
}
