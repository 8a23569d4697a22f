//! The JSON shape of the graph's parts: a node with all its fields, a
//! link, and the graph's metadata (title, theses, sources, omissions).
//! One shape for every output that shows them: the node-link export, the
//! GraphML, Argdown and HTML exports' data, and `show`'s and `list`'s JSON.

use serde_json::{Map, Value, json};

use super::{ArgGraph, Edge, Node};
use crate::model::sources::SourceEntry;

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
        Node::Proposition(p) => {
            if let Some(kind) = p.claim_kind() {
                put("claim_kind", json!(kind.name()));
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
