//! Node-link JSON: the shape `networkx.node_link_graph(data, edges="links")`
//! and D3 read directly.
//!
//! `{"directed": true, "multigraph": true, "graph": {…}, "nodes": […],
//! "links": […]}` with every node's fields and a snake_case `kind` on every
//! node and link. serde_json does all escaping; keys come out sorted.

use std::io::{self, Write};

use serde_json::{Map, Value, json};

use super::Exporter;
use super::select::Selection;
use crate::graph::{ArgGraph, Edge, Node};

/// The node-link JSON exporter.
pub struct NodeLinkJson;

impl Exporter for NodeLinkJson {
    fn export(&self, graph: &ArgGraph, sel: &Selection<'_>, out: &mut dyn Write) -> io::Result<()> {
        let doc = document(graph, sel);
        serde_json::to_writer_pretty(&mut *out, &doc)?;
        out.write_all(b"\n")
    }
}

/// The selected part of the graph as one JSON value.
pub fn document(graph: &ArgGraph, sel: &Selection<'_>) -> Value {
    let meta = &graph.meta;
    let omitted: Vec<Value> = graph
        .omitted
        .iter()
        .map(|o| json!({"quote": o.quote, "para": o.para, "reason": o.reason}))
        .collect();
    json!({
        "directed": true,
        "multigraph": true,
        "graph": {
            "title": meta.title,
            "author": meta.author,
            "notes": meta.notes,
            "thesis": meta.thesis,
            "source": {
                "publication": meta.source.publication,
                "date": meta.source.date,
                "also_in": meta.source.also_in,
                "url": meta.source.url,
            },
            "omitted": omitted,
        },
        "nodes": sel.nodes.iter().map(|n| node(n)).collect::<Vec<_>>(),
        "links": sel.edges.iter().map(|e| link(*e)).collect::<Vec<_>>(),
    })
}

/// One node with all its fields; optional fields that are absent are left out.
pub fn node(node: &Node) -> Value {
    let mut m = Map::new();
    m.insert("id".into(), json!(node.id()));
    m.insert("kind".into(), json!(node.kind().name()));
    match node {
        Node::Actor(a) => {
            m.insert("actor_kind".into(), json!(a.kind.name()));
            m.insert("name".into(), json!(a.name));
            m.insert("aliases".into(), json!(a.aliases));
            if let Some(d) = &a.description {
                m.insert("description".into(), json!(d));
            }
        }
        Node::Claim(c) => {
            m.insert("claim_kind".into(), json!(c.kind.name()));
            m.insert("text".into(), json!(c.text));
            m.insert("quote".into(), json!(c.quote));
            m.insert("para".into(), json!(c.para));
            m.insert("tags".into(), json!(c.tags));
        }
        Node::Recommendation(r) => {
            m.insert("text".into(), json!(r.text));
            m.insert("quote".into(), json!(r.quote));
            m.insert("para".into(), json!(r.para));
            m.insert("tags".into(), json!(r.tags));
        }
        Node::Argument(a) => {
            m.insert("premises".into(), json!(a.premises));
            m.insert("conclusion".into(), json!(a.conclusion));
            if let Some(s) = &a.scheme {
                m.insert("scheme".into(), json!(s));
            }
            if let Some(n) = &a.note {
                m.insert("note".into(), json!(n));
            }
        }
    }
    Value::Object(m)
}

/// One link.
pub fn link(edge: Edge<'_>) -> Value {
    json!({"source": edge.source, "target": edge.target, "kind": edge.kind.name()})
}
