//! `path`: how one node leads to another along the graph's relations.

use std::collections::{HashMap, VecDeque};

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
        return Err(QueryError::NothingFound(format!(
            "no chain of relations leads from `{from}` to `{to}`"
        )));
    }
    path.reverse();
    Ok(path)
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
    // Iterative deepening: all paths of length 1, then 2, … so that the
    // limit keeps the shortest ones.
    struct Search<'a, 'g> {
        graph: &'g ArgGraph,
        to: &'g str,
        rels: &'a [RelKind],
        exact: usize,
        limit: usize,
        on_path: Vec<&'g str>,
        path: Vec<Edge<'g>>,
        found: Vec<Vec<Edge<'g>>>,
        complete: bool,
    }
    impl<'g> Search<'_, 'g> {
        fn go(&mut self, at: &'g str) {
            if !self.complete {
                return;
            }
            if self.path.len() == self.exact {
                if at == self.to {
                    if self.found.len() == self.limit {
                        self.complete = false;
                    } else {
                        self.found.push(self.path.clone());
                    }
                }
                return;
            }
            if at == self.to {
                return;
            }
            for e in self.graph.edges_of(at, Direction::Outgoing) {
                if (self.rels.is_empty() || self.rels.contains(&e.kind))
                    && !self.on_path.contains(&e.target)
                {
                    self.on_path.push(e.target);
                    self.path.push(e);
                    self.go(e.target);
                    self.path.pop();
                    self.on_path.pop();
                }
            }
        }
    }
    let mut s = Search {
        graph,
        to,
        rels,
        exact: 0,
        limit,
        on_path: vec![from],
        path: Vec::new(),
        found: Vec::new(),
        complete: true,
    };
    for exact in 1..=max_len {
        s.exact = exact;
        s.go(from);
        if !s.complete {
            break;
        }
    }
    let mut found = s.found;
    found.sort_by(|a, b| a.len().cmp(&b.len()).then_with(|| a.cmp(b)));
    if found.is_empty() {
        let why = if s.complete {
            format!("no chain of at most {max_len} relations leads from `{from}` to `{to}`")
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
