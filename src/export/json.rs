//! Node-link JSON: the shape `networkx.node_link_graph(data, edges="links")`
//! and D3 read directly.
//!
//! `{"directed": true, "multigraph": true, "graph": {…}, "nodes": […],
//! "links": […]}` with every node's fields and a snake_case `kind` on every
//! node and link. serde_json does all escaping; keys come out sorted.
//!
//! The document is written as it is built, one node or link at a time, so
//! exporting a large KB never holds the whole document in memory; the
//! bytes are exactly those of serde_json's pretty printer on the whole
//! document (a test checks it).

use std::io::{self, Write};

use serde_json::{Map, Value, json};

use super::Exporter;
use crate::graph::select::Selection;
use crate::graph::{ArgGraph, Edge, Node};
use crate::model::sources::SourceEntry;

/// The node-link JSON exporter.
pub struct NodeLinkJson;

impl Exporter for NodeLinkJson {
    fn export(&self, graph: &ArgGraph, sel: &Selection<'_>, out: &mut dyn Write) -> io::Result<()> {
        // The keys of the top-level object, in serde_json's (sorted) order.
        out.write_all(b"{\n  \"directed\": true,\n  \"graph\": ")?;
        write_indented(out, &graph_meta(graph), 1)?;
        out.write_all(b",\n  \"links\": ")?;
        // Links, the most numerous, are written field by field (their
        // shape is fixed; serde_json still escapes every string).
        write_array(out, &sel.edges, &|e, buf| {
            buf.extend_from_slice(b"{\n      \"kind\": ");
            serde_json::to_writer(&mut *buf, e.kind.name())?;
            buf.extend_from_slice(b",\n      \"source\": ");
            serde_json::to_writer(&mut *buf, e.source)?;
            buf.extend_from_slice(b",\n      \"target\": ");
            serde_json::to_writer(&mut *buf, e.target)?;
            buf.extend_from_slice(b"\n    }");
            Ok(())
        })?;
        out.write_all(b",\n  \"multigraph\": true,\n  \"nodes\": ")?;
        write_array(out, &sel.nodes, &|n, buf| {
            push_indented(&mut Vec::new(), buf, &node(graph, n), 2)
        })?;
        out.write_all(b"\n}\n")
    }
}

/// Writes `value` pretty-printed as if it stood `level` levels deep in a
/// pretty-printed document: every line after the first indented by two
/// spaces a level (JSON strings hold no raw line break, so lines are safe
/// to indent).
fn write_indented(out: &mut dyn Write, value: &Value, level: usize) -> io::Result<()> {
    let mut indented = Vec::new();
    push_indented(&mut Vec::new(), &mut indented, value, level)?;
    out.write_all(&indented)
}

/// `value` pretty-printed into `text` (cleared first), then appended to
/// `indented` with every line after the first indented by `level` levels.
fn push_indented(
    text: &mut Vec<u8>,
    indented: &mut Vec<u8>,
    value: &Value,
    level: usize,
) -> io::Result<()> {
    text.clear();
    serde_json::to_writer_pretty(&mut *text, value)?;
    let mut lines = text.split(|&b| b == b'\n');
    indented.extend_from_slice(lines.next().unwrap_or_default());
    for line in lines {
        indented.push(b'\n');
        for _ in 0..level {
            indented.extend_from_slice(b"  ");
        }
        indented.extend_from_slice(line);
    }
    Ok(())
}

/// Writes an array as serde_json's pretty printer would inside the
/// top-level object, `item` writing each element (in parallel chunks:
/// `write_chunked`).
fn write_array<T: Sync>(
    out: &mut dyn Write,
    items: &[T],
    item: &(dyn Fn(&T, &mut Vec<u8>) -> io::Result<()> + Sync),
) -> io::Result<()> {
    super::write_chunked(out, items, &|start, chunk| {
        let mut buf = Vec::with_capacity(chunk.len() * 320);
        for (i, x) in chunk.iter().enumerate() {
            buf.extend_from_slice(if start + i == 0 {
                b"[\n    "
            } else {
                b",\n    "
            });
            item(x, &mut buf)?;
        }
        Ok(buf)
    })?;
    out.write_all(if items.is_empty() { b"[]" } else { b"\n  ]" })
}

/// The selected part of the graph as one JSON value (what the exporter
/// streams).
pub fn document(graph: &ArgGraph, sel: &Selection<'_>) -> Value {
    json!({
        "directed": true,
        "multigraph": true,
        "graph": graph_meta(graph),
        "nodes": sel.nodes.iter().map(|n| node(graph, n)).collect::<Vec<_>>(),
        "links": sel.edges.iter().map(|e| link(*e)).collect::<Vec<_>>(),
    })
}

/// The `graph` object: the KB's title, theses, sources and omissions.
pub fn graph_meta(graph: &ArgGraph) -> Value {
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
    Value::Object(g)
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
        Node::Conflict(c) => {
            put("attackers", json!(c.attackers));
            put("target", json!(c.target));
            if let Some(s) = &c.scheme {
                put("scheme", json!(s));
            }
            if let Some(n) = &c.note {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::graph::select::View;
    use crate::load::load_text;
    use crate::sys::input::SourceText;

    #[test]
    fn the_stream_is_byte_for_byte_the_pretty_document() {
        let kbs = [
            crate::sys::input::BUILTIN_KB.to_string(),
            crate::model::synth::hostile(3),
            crate::model::synth::essay_like(200, 1),
            // More nodes and links than two chunks: written in parallel.
            crate::model::synth::essay_like(2 * crate::export::CHUNK + 500, 2),
            "KnowledgeBase(meta: Meta(title: \"empty\"))".to_string(),
        ];
        for kb in kbs {
            let g = load_text(SourceText::new("t", kb)).unwrap().graph;
            let sel = View::default().select(&g).unwrap();
            let mut streamed = Vec::new();
            NodeLinkJson.export(&g, &sel, &mut streamed).unwrap();
            let whole = serde_json::to_string_pretty(&document(&g, &sel)).unwrap() + "\n";
            assert_eq!(String::from_utf8(streamed).unwrap(), whole);
        }
    }
}
