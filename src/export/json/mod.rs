//! Node-link JSON: the shape `networkx.node_link_graph(data, edges="links")`
//! and D3 read directly.
//!
//! `{"directed": true, "multigraph": true, "graph": {…}, "nodes": […],
//! "links": […]}` with every node's fields and a snake_case `kind` on every
//! node and link; keys come out sorted. Strings are written by
//! `escape::push_string` (byte for byte serde_json's escaping), the
//! metadata by serde_json itself.
//!
//! The document is written as it is built, one node or link at a time, so
//! exporting a large KB never holds the whole document in memory; the
//! bytes are exactly those of serde_json's pretty printer on the whole
//! document (a test checks it).

mod escape;

use std::io::{self, Write};

use serde_json::{Value, json};

use super::Exporter;
use crate::graph::ArgGraph;
use crate::graph::json::{Field, graph_meta, link, node, node_fields};
use crate::graph::select::Selection;
use escape::{push_fixed, push_string};

/// The node-link JSON exporter.
pub struct NodeLinkJson;

impl Exporter for NodeLinkJson {
    fn export(&self, graph: &ArgGraph, sel: &Selection<'_>, out: &mut dyn Write) -> io::Result<()> {
        // The keys of the top-level object, in serde_json's (sorted) order.
        out.write_all(b"{\n  \"directed\": true,\n  \"graph\": ")?;
        write_indented(out, &graph_meta(graph), 1)?;
        out.write_all(b",\n  \"links\": ")?;
        // Links, the most numerous, are written field by field (their
        // shape is fixed).
        write_array(out, &sel.edges, &|e, buf| {
            buf.extend_from_slice(b"{\n      \"kind\": ");
            push_fixed(buf, e.kind.name());
            buf.extend_from_slice(b",\n      \"source\": ");
            push_string(buf, e.source);
            buf.extend_from_slice(b",\n      \"target\": ");
            push_string(buf, e.target);
            buf.extend_from_slice(b"\n    }");
            Ok(())
        })?;
        out.write_all(b",\n  \"multigraph\": true,\n  \"nodes\": ")?;
        // Nodes too: their fields as serde_json would sort and print them,
        // without a `Value` built for each.
        write_array(out, &sel.nodes, &|n, buf| {
            let mut fields = Vec::with_capacity(20);
            node_fields(graph, n, &mut fields);
            write_node(&fields, buf)
        })?;
        out.write_all(b"\n}\n")
    }
}

/// Begins an item of an object or array: its line break and indent,
/// after a comma unless it is the first.
fn item_start(buf: &mut Vec<u8>, first: bool, indent: &[u8]) {
    if !first {
        buf.push(b',');
    }
    buf.extend_from_slice(indent);
}

/// One node's fields as serde_json's pretty printer writes the object
/// two levels deep (an item of `nodes`).
fn write_node(fields: &[(&'static str, Field<'_>)], buf: &mut Vec<u8>) -> io::Result<()> {
    buf.push(b'{');
    for (i, (key, value)) in fields.iter().enumerate() {
        item_start(buf, i == 0, b"\n      ");
        push_fixed(buf, key);
        buf.extend_from_slice(b": ");
        match *value {
            Field::Str(s) => push_string(buf, s),
            Field::Num(n) => buf.extend_from_slice(itoa::Buffer::new().format(n).as_bytes()),
            Field::Bool(b) => buf.extend_from_slice(if b { b"true" } else { b"false" }),
            Field::List([]) => buf.extend_from_slice(b"[]"),
            Field::List(items) => {
                buf.push(b'[');
                for (j, item) in items.iter().enumerate() {
                    item_start(buf, j == 0, b"\n        ");
                    push_string(buf, item);
                }
                buf.extend_from_slice(b"\n      ]");
            }
        }
    }
    buf.extend_from_slice(if fields.is_empty() {
        &b"}"[..]
    } else {
        b"\n    }"
    });
    Ok(())
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
    super::write_chunked(out, items, &|start, chunk, buf| {
        buf.reserve(chunk.len() * 320);
        for (i, x) in chunk.iter().enumerate() {
            buf.extend_from_slice(if start + i == 0 {
                b"[\n    "
            } else {
                b",\n    "
            });
            item(x, buf)?;
        }
        Ok(())
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
