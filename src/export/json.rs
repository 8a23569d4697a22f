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
use crate::graph::{ArgGraph, Edge, Node, SourceEntry};

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
        .map(|o| {
            json!({
                "quote": o.omission.quote,
                "para": o.omission.para,
                "reason": o.omission.reason,
                "source": o.source,
            })
        })
        .collect();
    let sources: Vec<Value> = graph.sources.iter().map(source).collect();
    let mut g = Map::new();
    g.insert("title".into(), json!(meta.title));
    g.insert("author".into(), json!(meta.author));
    g.insert("notes".into(), json!(meta.notes));
    g.insert("thesis".into(), json!(meta.thesis));
    g.insert("theses".into(), json!(graph.theses));
    if let [only] = sources.as_slice() {
        g.insert("source".into(), only.clone());
    }
    g.insert("sources".into(), Value::Array(sources));
    g.insert("omitted".into(), Value::Array(omitted));
    json!({
        "directed": true,
        "multigraph": true,
        "graph": g,
        "nodes": sel.nodes.iter().map(|n| node(graph, n)).collect::<Vec<_>>(),
        "links": sel.edges.iter().map(|e| link(*e)).collect::<Vec<_>>(),
    })
}

/// One source's bibliographic data.
fn source(e: &SourceEntry) -> Value {
    let s = &e.source;
    json!({
        "id": e.id,
        "title": s.title,
        "author": s.author,
        "publication": s.publication,
        "date": s.date,
        "also_in": s.also_in,
        "url": s.url,
        "text": s.text,
    })
}

/// One node with all its fields; optional fields that are absent are left
/// out. Claims and recommendations also carry their voice (who speaks
/// them in the text), whether they are reported speech, and the author's
/// stance (as written, or `endorses` for the author's own words).
pub fn node(graph: &ArgGraph, node: &Node) -> Value {
    let mut m = Map::new();
    m.insert("id".into(), json!(node.id()));
    m.insert("kind".into(), json!(node.kind().name()));
    // The same finer kind every query's JSON gives as `subkind`; the
    // family-specific names (`claim_kind`, `actor_kind`) are kept too.
    m.insert("subkind".into(), json!(node.subkind()));
    let mut put = |k: &str, v: Value| {
        m.insert(k.into(), v);
    };
    match node {
        Node::Actor(a) => {
            put("actor_kind", json!(a.kind.name()));
            put("name", json!(a.name));
            put("aliases", json!(a.aliases));
            if let Some(d) = &a.description {
                put("description", json!(d));
            }
        }
        Node::Claim(_) | Node::Recommendation(_) => {
            if let Node::Claim(c) = node {
                put("claim_kind", json!(c.kind.name()));
            }
            put("text", json!(node.text()));
            for (k, v) in [
                ("quote", node.quote()),
                ("source", node.source()),
                ("qualifier", node.qualifier()),
                ("time", node.time()),
                ("speaker", node.speaker()),
                ("voice", graph.voice(node)),
            ] {
                if let Some(v) = v {
                    put(k, json!(v));
                }
            }
            if let Some(p) = node.para() {
                put("para", json!(p));
            }
            put("implicit", json!(node.is_implicit()));
            put("reported", json!(graph.is_reported(node)));
            if let Some(st) = graph.stance(node) {
                put("stance", json!(st.name()));
            }
            put("tags", json!(node.tags()));
        }
        Node::Argument(a) => {
            put("premises", json!(a.premises));
            put("conclusion", json!(a.conclusion));
            if let Some(s) = &a.scheme {
                put("scheme", json!(s));
            }
            if let Some(n) = &a.note {
                put("note", json!(n));
            }
        }
    }
    Value::Object(m)
}

/// One link.
pub fn link(edge: Edge<'_>) -> Value {
    json!({"source": edge.source, "target": edge.target, "kind": edge.kind.name()})
}
