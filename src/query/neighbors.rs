//! `neighbors ID`: the nodes within a number of relations of one node, each
//! with the relation by which it was first reached.

use std::collections::{BTreeSet, VecDeque};
use std::io::{self, Write};

use petgraph::Direction;
use serde_json::json;

use super::{
    OutputFormat, QueryError, arrow, brief, edge_json, find, non_empty, one_line, write_json,
};
use crate::graph::{ArgGraph, Edge, Node};
use crate::model::RelKind;

/// Which way relations are followed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum Dir {
    /// relations pointing into the node
    In,
    /// relations leaving the node
    Out,
    /// both
    #[default]
    Both,
}

/// A node reached, how far away, and the edge it was reached by.
#[derive(Debug, Clone)]
pub struct Reached<'g> {
    pub node: &'g Node,
    pub distance: usize,
    pub via: Edge<'g>,
}

/// Breadth-first from `id`, up to `depth` relations, following only `rels`
/// (all when empty) in direction `dir`. Each node is listed once, at its
/// shortest distance; ties go to the edge that sorts first.
pub fn neighbors<'g>(
    graph: &'g ArgGraph,
    id: &str,
    depth: usize,
    rels: &[RelKind],
    dir: Dir,
) -> Result<Vec<Reached<'g>>, QueryError> {
    let start = find(graph, id)?.id();
    let mut seen = BTreeSet::from([start]);
    let mut queue = VecDeque::from([(start, 0)]);
    let mut out = Vec::new();
    let dirs: &[Direction] = match dir {
        Dir::In => &[Direction::Incoming],
        Dir::Out => &[Direction::Outgoing],
        Dir::Both => &[Direction::Outgoing, Direction::Incoming],
    };
    while let Some((at, d)) = queue.pop_front() {
        if d == depth {
            continue;
        }
        for &direction in dirs {
            for e in graph.edges_of(at, direction) {
                if !rels.is_empty() && !rels.contains(&e.kind) {
                    continue;
                }
                let other = if direction == Direction::Outgoing {
                    e.target
                } else {
                    e.source
                };
                if seen.insert(other) {
                    out.push(Reached {
                        node: graph.node(other).expect("edge ends are nodes"),
                        distance: d + 1,
                        via: e,
                    });
                    queue.push_back((other, d + 1));
                }
            }
        }
    }
    non_empty(out, || {
        format!("`{start}` has no neighbours along the chosen relations")
    })
}

pub fn write(
    center: &str,
    found: &[Reached<'_>],
    format: OutputFormat,
    out: &mut dyn Write,
) -> io::Result<()> {
    match format {
        OutputFormat::Json => write_json(
            out,
            &json!({
                "center": center,
                "neighbors": found.iter().map(|r| {
                    let mut v = brief(r.node);
                    v["distance"] = json!(r.distance);
                    v["via"] = edge_json(&r.via);
                    v
                }).collect::<Vec<_>>(),
            }),
        ),
        OutputFormat::Text => {
            let routes: Vec<String> = found
                .iter()
                .map(|r| format!("{} {} {}", r.via.source, arrow(r.via.kind), r.via.target))
                .collect();
            let w = routes
                .iter()
                .map(|r| r.chars().count())
                .max()
                .unwrap_or(0)
                .clamp(10, super::MAX_COLUMN);
            writeln!(out, "dist  {:<w$}  text", "reached by")?;
            for (r, route) in found.iter().zip(&routes) {
                writeln!(
                    out,
                    "{:>4}  {route:<w$}  {}",
                    r.distance,
                    one_line(r.node.text())
                )?;
            }
            Ok(())
        }
    }
}
