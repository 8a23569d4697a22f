//! `list`: the nodes that pass a filter, in paragraph order.

use std::io::{self, Write};

use super::{OutputFormat, QueryError, one_line, write_json};
use crate::graph::filter::Filter;
use crate::graph::json;
use crate::graph::{ArgGraph, Node};

/// The nodes passing `filter`: actors and arguments first (by id), then
/// claims and recommendations by paragraph and id.
pub fn list<'g>(graph: &'g ArgGraph, filter: &Filter) -> Result<Vec<&'g Node>, QueryError> {
    filter.check(graph)?;
    let mut nodes: Vec<&Node> = graph
        .nodes()
        .into_iter()
        .filter(|n| filter.matches(graph, n))
        .collect();
    nodes.sort_by_key(|n| (n.para(), n.kind(), n.id()));
    if nodes.is_empty() {
        return Err(QueryError::NothingFound(
            "no node matches the filter".into(),
        ));
    }
    Ok(nodes)
}

pub fn write(
    graph: &ArgGraph,
    nodes: &[&Node],
    format: OutputFormat,
    out: &mut dyn Write,
) -> io::Result<()> {
    match format {
        OutputFormat::Json => write_json(
            out,
            &serde_json::Value::Array(nodes.iter().map(|n| json::node(graph, n)).collect()),
        ),
        OutputFormat::Text => {
            let w_id = nodes
                .iter()
                .map(|n| n.id().chars().count())
                .max()
                .unwrap_or(2)
                .min(super::MAX_COLUMN);
            let w_kind = nodes.iter().map(|n| n.subkind().len()).max().unwrap_or(4);
            for n in nodes {
                let para = n.para().map(|p| format!("¶{p}")).unwrap_or_default();
                writeln!(
                    out,
                    "{:<w_id$}  {:<w_kind$}  {:>4}  {}",
                    n.id(),
                    n.subkind(),
                    para,
                    one_line(n.text())
                )?;
            }
            Ok(())
        }
    }
}
