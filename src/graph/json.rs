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

/// The value of one field of a node, borrowed from the graph.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Field<'a> {
    Str(&'a str),
    Num(u32),
    Bool(bool),
    List(&'a [String]),
}

impl Field<'_> {
    fn value(self) -> Value {
        match self {
            Field::Str(s) => json!(s),
            Field::Num(n) => json!(n),
            Field::Bool(b) => json!(b),
            Field::List(l) => json!(l),
        }
    }
}

/// One node with all its fields; optional fields that are absent are left
/// out. Claims and recommendations also carry their voice (who speaks
/// them in the text), whether they are reported speech, and the author's
/// stance (as written, or `endorses` for the author's own words).
pub fn node(graph: &ArgGraph, node: &Node) -> Value {
    let mut fields = Vec::new();
    node_fields(graph, node, &mut fields);
    let map: Map<String, Value> = fields
        .into_iter()
        .map(|(k, v)| (k.to_string(), v.value()))
        .collect();
    Value::Object(map)
}

/// The fields of `node` (see `node`) into `out` (cleared first), sorted
/// by key as serde_json writes them: for a writer that streams a node
/// without building its `Value`.
pub fn node_fields<'a>(
    graph: &'a ArgGraph,
    node: &'a Node,
    out: &mut Vec<(&'static str, Field<'a>)>,
) {
    out.clear();
    out.push(("id", Field::Str(node.id())));
    out.push(("kind", Field::Str(node.kind().name())));
    // The same finer kind every query's JSON gives as `subkind`; the
    // family-specific names (`claim_kind`, `actor_kind`) are kept too.
    out.push(("subkind", Field::Str(node.subkind())));
    let opt = |out: &mut Vec<_>, k, v: Option<&'a str>| {
        if let Some(v) = v {
            out.push((k, Field::Str(v)));
        }
    };
    match node {
        Node::Actor(a) => {
            out.push(("actor_kind", Field::Str(a.kind.name())));
            out.push(("name", Field::Str(&a.name)));
            out.push(("aliases", Field::List(&a.aliases)));
            opt(out, "description", a.description.as_deref());
        }
        Node::Proposition(p) => {
            if let Some(kind) = p.claim_kind() {
                out.push(("claim_kind", Field::Str(kind.name())));
            }
            out.push(("text", Field::Str(node.text())));
            opt(out, "quote", node.quote());
            opt(out, "source", node.source());
            opt(out, "qualifier", node.qualifier());
            opt(out, "time", node.time());
            opt(out, "speaker", node.speaker());
            opt(out, "voice", graph.voice(node));
            if let Some(p) = node.para() {
                out.push(("para", Field::Num(p)));
            }
            out.push(("implicit", Field::Bool(node.is_implicit())));
            out.push(("reported", Field::Bool(graph.is_reported(node))));
            if let Some(st) = graph.stance(node) {
                out.push(("stance", Field::Str(st.name())));
            }
            out.push(("tags", Field::List(node.tags())));
        }
        Node::Argument(a) => {
            out.push(("premises", Field::List(&a.premises)));
            out.push(("conclusion", Field::Str(&a.conclusion)));
            opt(out, "scheme", a.scheme.as_deref());
            opt(out, "note", a.note.as_deref());
        }
        Node::Conflict(c) => {
            out.push(("attackers", Field::List(&c.attackers)));
            out.push(("target", Field::Str(&c.target)));
            opt(out, "scheme", c.scheme.as_deref());
            opt(out, "note", c.note.as_deref());
        }
    }
    // By first byte, then whole: most keys differ in the first, and a
    // string comparison is a library call (paid ~45 times a node).
    out.sort_unstable_by(|(a, _), (b, _)| {
        (a.as_bytes().first().cmp(&b.as_bytes().first())).then_with(|| a.cmp(b))
    });
}

/// One link.
pub fn link(edge: Edge<'_>) -> Value {
    json!({"source": edge.source, "target": edge.target, "kind": edge.kind.name()})
}
