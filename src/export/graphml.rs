//! GraphML 1.0, as networkx, yEd, Gephi and Cytoscape read it.
//!
//! Every field the node-link JSON export gives a node or an edge becomes a
//! typed `<key>` (`boolean`, `long`, or `string`; lists and objects are
//! written as JSON text in a `string`), declared once, in name order; the
//! KB's metadata goes on the graph the same way. Each node also gets a
//! `label` (its text, or name) and a `color` (its fill in the DOT map), so
//! a viewer shows a readable map without styling. Ids are the KB's; edge
//! ids are `source·kind·target` (joined by U+00B7, the middle dot): GraphML
//! types ids as XML name tokens, which a `/` is not, and a KB id never holds
//! a middle dot, so the ids are unique (the DOT export keeps `/`).
//!
//! Text passes through `escape`, the one XML escaping function here.

use std::collections::BTreeMap;
use std::io::{self, Write};

use serde_json::{Map, Value};

use super::Exporter;
use crate::graph::select::Selection;
use crate::graph::{ArgGraph, Node};

/// The GraphML exporter.
#[derive(Debug, Default)]
pub struct GraphMl {
    /// How many texts the last `export` had to change (for `unwritten`,
    /// which then need not write the document a second time).
    inexact: std::cell::Cell<Option<usize>>,
}

/// `s` for XML 1.0 element content or a double-quoted attribute value:
/// markup characters become entities, line breaks and carriage returns
/// character references (so that attribute normalisation keeps them), and
/// the characters XML 1.0 cannot hold at all (C0 controls other than tab,
/// line feed and carriage return; U+FFFE and U+FFFF) U+FFFD. Returns the
/// text and whether it is exact.
pub fn escape(s: &str) -> (String, bool) {
    let mut out = String::with_capacity(s.len() + 8);
    let mut exact = true;
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\n' => out.push_str("&#10;"),
            '\r' => out.push_str("&#13;"),
            '\t' => out.push_str("&#9;"),
            '\u{0}'..='\u{1F}' | '\u{FFFE}' | '\u{FFFF}' => {
                out.push('\u{FFFD}');
                exact = false;
            }
            c => out.push(c),
        }
    }
    (out, exact)
}

/// A GraphML attribute type for a set of JSON values.
fn key_type<'v>(values: impl Iterator<Item = &'v Value>) -> &'static str {
    let mut ty = None;
    for v in values {
        let this = match v {
            Value::Null => continue,
            Value::Bool(_) => "boolean",
            Value::Number(n) if n.is_i64() => "long",
            _ => "string",
        };
        match ty {
            None => ty = Some(this),
            Some(t) if t != this => return "string",
            _ => {}
        }
    }
    ty.unwrap_or("string")
}

/// A JSON value as GraphML data text (lists and objects as JSON).
fn data_text(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => n.to_string(),
        other => other.to_string(),
    }
}

/// Records each field of `objects` under its name, for the declarations.
fn fields<'v>(objects: &'v [Map<String, Value>], skip: &[&str]) -> BTreeMap<&'v str, &'static str> {
    let mut names: BTreeMap<&str, Vec<&Value>> = BTreeMap::new();
    for o in objects {
        for (k, v) in o {
            if !skip.contains(&k.as_str()) {
                names.entry(k).or_default().push(v);
            }
        }
    }
    names
        .into_iter()
        .map(|(k, vs)| (k, key_type(vs.into_iter())))
        .collect()
}

struct Counter {
    inexact: usize,
}

impl Counter {
    fn esc(&mut self, s: &str) -> String {
        let (text, exact) = escape(s);
        if !exact {
            self.inexact += 1;
        }
        text
    }
}

/// The node's label and colour for viewers.
fn look(node: &Node) -> (String, &'static str) {
    let label = node.text().to_string();
    let colour = super::dot::fill_of(node);
    (label, colour)
}

impl GraphMl {
    fn write(
        &self,
        graph: &ArgGraph,
        sel: &Selection<'_>,
        out: &mut dyn Write,
    ) -> io::Result<usize> {
        let mut c = Counter { inexact: 0 };
        let nodes: Vec<Map<String, Value>> = sel
            .nodes
            .iter()
            .map(|n| {
                let mut m = match crate::graph::json::node(graph, n) {
                    Value::Object(m) => m,
                    _ => Map::new(),
                };
                let (label, colour) = look(n);
                m.insert("label".into(), Value::String(label));
                m.insert("color".into(), Value::String(colour.into()));
                m
            })
            .collect();
        let edges: Vec<Map<String, Value>> = sel
            .edges
            .iter()
            .map(|e| match crate::graph::json::link(*e) {
                Value::Object(m) => m,
                _ => Map::new(),
            })
            .collect();
        let meta = match crate::graph::json::graph_meta(graph) {
            Value::Object(m) => vec![m],
            _ => vec![],
        };
        let node_keys = fields(&nodes, &["id"]);
        let edge_keys = fields(&edges, &["source", "target"]);
        let graph_keys = fields(&meta, &[]);
        writeln!(out, r#"<?xml version="1.0" encoding="UTF-8"?>"#)?;
        writeln!(
            out,
            r#"<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">"#
        )?;
        for (prefix, domain, keys) in [
            ("g", "graph", &graph_keys),
            ("n", "node", &node_keys),
            ("e", "edge", &edge_keys),
        ] {
            for (name, ty) in keys {
                writeln!(
                    out,
                    r#"  <key id="{prefix}_{}" for="{domain}" attr.name="{}" attr.type="{ty}"/>"#,
                    c.esc(name),
                    c.esc(name)
                )?;
            }
        }
        writeln!(out, r#"  <graph id="G" edgedefault="directed">"#)?;
        let data = |c: &mut Counter,
                    out: &mut dyn Write,
                    indent: &str,
                    prefix: &str,
                    m: &Map<String, Value>,
                    skip: &[&str]|
         -> io::Result<()> {
            for (k, v) in m {
                if skip.contains(&k.as_str()) || v.is_null() {
                    continue;
                }
                writeln!(
                    out,
                    r#"{indent}<data key="{prefix}_{}">{}</data>"#,
                    c.esc(k),
                    c.esc(&data_text(v))
                )?;
            }
            Ok(())
        };
        for m in &meta {
            data(&mut c, out, "    ", "g", m, &[])?;
        }
        for (n, m) in sel.nodes.iter().zip(&nodes) {
            writeln!(out, r#"    <node id="{}">"#, c.esc(n.id()))?;
            data(&mut c, out, "      ", "n", m, &["id"])?;
            writeln!(out, "    </node>")?;
        }
        for (e, m) in sel.edges.iter().zip(&edges) {
            writeln!(
                out,
                r#"    <edge id="{}" source="{}" target="{}">"#,
                c.esc(&edge_id(e.source, e.kind.name(), e.target)),
                c.esc(e.source),
                c.esc(e.target)
            )?;
            data(&mut c, out, "      ", "e", m, &["source", "target"])?;
            writeln!(out, "    </edge>")?;
        }
        writeln!(out, "  </graph>")?;
        writeln!(out, "</graphml>")?;
        Ok(c.inexact)
    }
}

impl Exporter for GraphMl {
    fn export(&self, graph: &ArgGraph, sel: &Selection<'_>, out: &mut dyn Write) -> io::Result<()> {
        let inexact = self.write(graph, sel, out)?;
        self.inexact.set(Some(inexact));
        Ok(())
    }

    fn unwritten(&self, graph: &ArgGraph, sel: &Selection<'_>) -> Vec<String> {
        let inexact = match self.inexact.get() {
            Some(n) => n,
            None => self.write(graph, sel, &mut io::sink()).unwrap_or(0),
        };
        if inexact == 0 {
            return Vec::new();
        }
        vec![format!(
            "{inexact} text{} held control characters XML 1.0 cannot carry; written as U+FFFD",
            if inexact == 1 { "" } else { "s" }
        )]
    }
}

/// A GraphML edge id: the ends and the kind joined by `·` (U+00B7, an XML
/// name character that no KB id contains), so that it is an `NMTOKEN` and
/// no two edges share one.
pub fn edge_id(source: &str, kind: &str, target: &str) -> String {
    format!("{source}\u{b7}{kind}\u{b7}{target}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn markup_and_breaks_are_escaped() {
        assert_eq!(
            escape("<a href='x'>&\"\n"),
            (
                "&lt;a href=&apos;x&apos;&gt;&amp;&quot;&#10;".to_string(),
                true
            )
        );
        assert_eq!(escape("nul\u{0}"), ("nul\u{FFFD}".to_string(), false));
    }

    proptest! {
        /// Unescaped as an XML reader would, the text comes back (with
        /// U+FFFD for what XML cannot hold); no markup character is left.
        #[test]
        fn escape_round_trips(s in "\\PC*|[\\x00-\\x7f\u{FFFE}\u{85}]*") {
            let (e, exact) = escape(&s);
            prop_assert!(!e.contains(['<', '>', '"', '\'', '\n', '\r']));
            let back = e
                .replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"")
                .replace("&apos;", "'").replace("&#10;", "\n").replace("&#13;", "\r")
                .replace("&#9;", "\t").replace("&amp;", "&");
            let expected: String = s.chars().map(|c| match c {
                '\t' | '\n' | '\r' => c,
                '\u{0}'..='\u{1F}' | '\u{FFFE}' | '\u{FFFF}' => '\u{FFFD}',
                c => c,
            }).collect();
            prop_assert_eq!(exact, expected == s);
            prop_assert_eq!(back, expected);
        }
    }
}
