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
/// without building its `Value`. Each family's fields are pushed in key
/// order (a sort per node was a twentieth of a JSON export).
pub fn node_fields<'a>(
    graph: &'a ArgGraph,
    node: &'a Node,
    out: &mut Vec<(&'static str, Field<'a>)>,
) {
    out.clear();
    let id = Field::Str(node.id());
    let kind = Field::Str(node.kind().name());
    // The same finer kind every query's JSON gives as `subkind`; the
    // family-specific names (`claim_kind`, `actor_kind`) are kept too.
    let subkind = Field::Str(node.subkind());
    let opt = |out: &mut Vec<_>, k, v: Option<&'a str>| {
        if let Some(v) = v {
            out.push((k, Field::Str(v)));
        }
    };
    match node {
        Node::Actor(a) => {
            out.push(("actor_kind", Field::Str(a.kind.name())));
            out.push(("aliases", Field::List(&a.aliases)));
            opt(out, "description", a.description.as_deref());
            out.push(("id", id));
            out.push(("kind", kind));
            out.push(("name", Field::Str(&a.name)));
            out.push(("subkind", subkind));
        }
        Node::Proposition(p) => {
            if let Some(kind) = p.claim_kind() {
                out.push(("claim_kind", Field::Str(kind.name())));
            }
            out.push(("id", id));
            out.push(("implicit", Field::Bool(node.is_implicit())));
            out.push(("kind", kind));
            if let Some(p) = node.para() {
                out.push(("para", Field::Num(p)));
            }
            opt(out, "qualifier", node.qualifier());
            opt(out, "quote", node.quote());
            out.push(("reported", Field::Bool(graph.is_reported(node))));
            opt(out, "source", node.source());
            opt(out, "speaker", node.speaker());
            if let Some(st) = graph.stance(node) {
                out.push(("stance", Field::Str(st.name())));
            }
            out.push(("subkind", subkind));
            out.push(("tags", Field::List(node.tags())));
            out.push(("text", Field::Str(node.text())));
            opt(out, "time", node.time());
            opt(out, "voice", graph.voice(node));
        }
        Node::Argument(a) => {
            out.push(("conclusion", Field::Str(&a.conclusion)));
            out.push(("id", id));
            out.push(("kind", kind));
            opt(out, "note", a.note.as_deref());
            out.push(("premises", Field::List(&a.premises)));
            opt(out, "scheme", a.scheme.as_deref());
            out.push(("subkind", subkind));
        }
        Node::Conflict(c) => {
            out.push(("attackers", Field::List(&c.attackers)));
            out.push(("id", id));
            out.push(("kind", kind));
            opt(out, "note", c.note.as_deref());
            opt(out, "scheme", c.scheme.as_deref());
            out.push(("subkind", subkind));
            out.push(("target", Field::Str(&c.target)));
        }
    }
    debug_assert!(out.is_sorted_by_key(|(k, _)| *k), "{out:?}");
}

/// One link.
pub fn link(edge: Edge<'_>) -> Value {
    json!({"source": edge.source, "target": edge.target, "kind": edge.kind.name()})
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::KnowledgeBase;

    /// Every field of every family, each optional one present: the
    /// streamed fields come sorted by key, and are the fields of `node`'s
    /// object (which serde_json sorts itself).
    #[test]
    fn node_fields_come_in_key_order_with_every_field_present() {
        let kb: KnowledgeBase = crate::model::parse::ron_options()
            .from_str(
                r#"KnowledgeBase(
                meta: Meta(title: "t", source: Source(title: "s", author: "a")),
                actors: [
                    Actor(id: "a", name: "A", kind: Person, aliases: ["x"], description: "d"),
                    Actor(id: "b", name: "B", kind: State),
                ],
                claims: [
                    Claim(id: "c", text: "t", kind: Fact, quote: "q", para: 2, qualifier: "probably",
                          time: "now", speaker: "b", stance: Rejects, tags: ["g"]),
                    Claim(id: "d", text: "u", kind: Goal, implicit: true),
                ],
                recommendations: [
                    Recommendation(id: "r", text: "do", quote: "do it", para: 3, speaker: "b",
                                   stance: Endorses, qualifier: "may", time: "soon", tags: ["h"]),
                ],
                arguments: [
                    Argument(id: "g", premises: ["c", "d"], conclusion: "r", scheme: "s", note: "n"),
                ],
                conflicts: [
                    Conflict(id: "k", attackers: ["d"], target: "c", scheme: "s", note: "n"),
                ],
            )"#,
            )
            .unwrap();
        let graph = ArgGraph::from_validated(kb);
        let mut fields = Vec::new();
        let mut seen = std::collections::BTreeSet::new();
        for id in ["a", "b", "c", "d", "r", "g", "k"] {
            let n = graph.node(id).unwrap();
            node_fields(&graph, n, &mut fields);
            let keys: Vec<&str> = fields.iter().map(|(k, _)| *k).collect();
            assert!(keys.is_sorted(), "{id}: {keys:?}");
            let object = node(&graph, n);
            let expected: Vec<&str> = object
                .as_object()
                .unwrap()
                .keys()
                .map(String::as_str)
                .collect();
            assert_eq!(keys, expected, "{id}");
            seen.extend(keys.iter().map(|k| k.to_string()));
        }
        for k in [
            "description",
            "qualifier",
            "time",
            "speaker",
            "stance",
            "voice",
            "para",
            "quote",
            "note",
            "scheme",
            "source",
        ] {
            assert!(seen.contains(k), "{k} never present");
        }
    }
}
