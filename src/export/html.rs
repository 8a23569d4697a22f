//! The reader's view: one self-contained HTML page with the map (the
//! Graphviz SVG argkb draws) beside the source text, every quote
//! highlighted and tied to its node, a panel with the selected node's
//! fields and relations, search, focus, views and colouring by label.
//!
//! Everything is inline (style, script, SVG, data): the page opens from
//! disk with no network. The KB's text reaches the page by two roads
//! only: HTML text and attributes through `escape_html` (dot's audited
//! function), and the data the script reads as a JSON island through
//! `script_json`, which leaves no `<`, `>` or `&` for the HTML parser to
//! see. The SVG is Graphviz's, checked by `inert_svg` to hold no script,
//! event handler, foreign object or link that runs code before it is
//! inlined.

use std::collections::BTreeMap;
use std::io::{self, Write};
use std::time::Duration;

use serde_json::{Value, json};

use super::Exporter;
use super::dot::{Acceptability, Dot, DotOptions, escape_html};
use crate::graph::json::node as node_json;
use crate::graph::select::Selection;
use crate::graph::{ArgGraph, Node};
use crate::provenance::SourceDoc;
use crate::sys::graphviz::{ImageFormat, render};

/// The page's script and style, kept as files so that they read as code.
const SCRIPT: &str = include_str!("assets/explorer.js");
const STYLE: &str = include_str!("assets/explorer.css");

/// The HTML exporter. The map is drawn by Graphviz (`render`) from the
/// DOT export with `dot`'s options; source texts are files the caller
/// reads.
pub struct Html {
    pub dot: DotOptions,
    /// Each source's body, by source id, where the text was given.
    pub texts: Vec<(String, SourceDoc)>,
    /// Labels for the colouring toggle (grounded, from `eval`).
    pub labels: Option<Acceptability>,
    /// How long Graphviz may take.
    pub timeout: Duration,
}

/// `value` as JSON to sit inside `<script type="application/json">`: the
/// characters that could end the element or open markup (`<`, `>`, `&`)
/// and the two line separators JavaScript once treated as line ends are
/// written as `\uXXXX` escapes. They can only occur inside JSON strings,
/// where the escape means the same character, so `JSON.parse` gives back
/// exactly `value`.
pub fn script_json(value: &Value) -> String {
    let text = serde_json::to_string(value).expect("a JSON value serialises");
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        match c {
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '&' => out.push_str("\\u0026"),
            '\u{2028}' => out.push_str("\\u2028"),
            '\u{2029}' => out.push_str("\\u2029"),
            c => out.push(c),
        }
    }
    out
}

/// Graphviz's SVG from its `<svg` on (the XML declaration and doctype do
/// not belong inside HTML), if it holds nothing that could run: no
/// `<script`, `<foreignObject`, `on…=` event attribute or `javascript:`
/// URL. Graphviz escapes the text it writes, so a KB's text never
/// produces these; the check makes that a guarantee, not an assumption.
pub fn inert_svg(svg: &str) -> Result<&str, String> {
    let start = svg
        .find("<svg")
        .ok_or_else(|| "Graphviz wrote no <svg> element".to_string())?;
    let body = &svg[start..];
    let lower = body.to_ascii_lowercase();
    if lower.contains("<script") || lower.contains("<foreignobject") {
        return Err("the SVG holds a script or foreign object".into());
    }
    // Links may only go to anchors or ordinary URLs, never run code.
    for (at, _) in lower.match_indices("href=") {
        let value = lower[at + 5..].trim_start_matches(['"', '\'']);
        let value = value.trim_start();
        if ["javascript:", "vbscript:", "data:"]
            .iter()
            .any(|p| value.starts_with(p))
        {
            return Err("the SVG holds a link that runs code".into());
        }
    }
    // An event attribute: inside a tag and outside quoted values,
    // whitespace, `on`, letters, then `=`.
    let b = lower.as_bytes();
    let (mut in_tag, mut quote) = (false, None::<u8>);
    for i in 0..b.len() {
        let c = b[i];
        match (in_tag, quote) {
            (true, Some(q)) if c == q => quote = None,
            (true, Some(_)) => {}
            (true, None) if c == b'"' || c == b'\'' => quote = Some(c),
            (true, None) if c == b'>' => in_tag = false,
            (true, None) if c.is_ascii_whitespace() && lower[i + 1..].starts_with("on") => {
                let rest = &lower[i + 3..];
                let name_len = rest.bytes().take_while(u8::is_ascii_alphabetic).count();
                if name_len > 0 && rest[name_len..].trim_start().starts_with('=') {
                    return Err("the SVG holds an event handler attribute".into());
                }
            }
            (false, _) if c == b'<' => in_tag = true,
            _ => {}
        }
    }
    Ok(body)
}

impl Html {
    /// The data the script reads: every selected node with its fields
    /// (the JSON export's), the edges, the sources, the labels.
    fn data(&self, graph: &ArgGraph, sel: &Selection<'_>) -> Value {
        let nodes: BTreeMap<&str, Value> = sel
            .nodes
            .iter()
            .map(|n| (n.id(), node_json(graph, n)))
            .collect();
        let edges: Vec<Value> = sel
            .edges
            .iter()
            .map(|e| json!([e.source, e.kind.name(), e.target]))
            .collect();
        let labels: BTreeMap<&str, &str> = self
            .labels
            .iter()
            .flat_map(|a| a.labels.iter().map(|(id, l)| (id.as_str(), l.name())))
            .collect();
        json!({
            "title": graph.meta.title,
            "theses": graph.theses,
            "nodes": nodes,
            "edges": edges,
            "labels": labels,
            "semantics": self.labels.as_ref().map(|a| a.semantics),
        })
    }

    /// One paragraph as HTML: its text with each quote's span wrapped in a
    /// `<mark>` naming the node(s) it anchors, and omitted sentences in a
    /// `<span class="omitted">`.
    fn paragraph(
        &self,
        source: &str,
        doc: &SourceDoc,
        number: u32,
        anchors: &[(&Node, &str)],
        omitted: &[(&str, &str)],
        out: &mut String,
    ) {
        let Some(p) = doc.paragraph(number) else {
            return;
        };
        let text = &p.text;
        // Boundaries of every quote and omission; between two boundaries
        // the same set of nodes covers the text.
        let mut spans: Vec<(usize, usize, Option<&str>, Option<&str>)> = Vec::new();
        for (node, quote) in anchors {
            if let Some(r) = doc.locate(quote, number) {
                spans.push((r.start, r.end, Some(node.id()), None));
            }
        }
        for (quote, reason) in omitted {
            if let Some(r) = doc.locate(quote, number) {
                spans.push((r.start, r.end, None, Some(reason)));
            }
        }
        let mut cuts: Vec<usize> = vec![0, text.len()];
        for (s, e, _, _) in &spans {
            cuts.extend([*s, *e]);
        }
        cuts.sort_unstable();
        cuts.dedup();
        out.push_str(&format!(
            "<p class=\"para\" id=\"p-{}-{number}\"><span class=\"pnum\">{number}</span> ",
            escape_html(source)
        ));
        for w in cuts.windows(2) {
            let (a, b) = (w[0], w[1]);
            if a >= b || !text.is_char_boundary(a) || !text.is_char_boundary(b) {
                continue;
            }
            let piece = escape_html(&text[a..b]);
            let ids: Vec<&str> = spans
                .iter()
                .filter(|(s, e, id, _)| id.is_some() && *s <= a && b <= *e)
                .filter_map(|(_, _, id, _)| *id)
                .collect();
            let omission = spans
                .iter()
                .find(|(s, e, id, _)| id.is_none() && *s <= a && b <= *e)
                .and_then(|(_, _, _, r)| *r);
            if !ids.is_empty() {
                let mut ids = ids;
                ids.sort_unstable();
                ids.dedup();
                out.push_str(&format!(
                    "<mark tabindex=\"0\" data-nodes=\"{}\" title=\"{}\">{piece}</mark>",
                    escape_html(&ids.join(" ")),
                    escape_html(&ids.join(", "))
                ));
            } else if let Some(reason) = omission {
                out.push_str(&format!(
                    "<span class=\"omitted\" title=\"omitted: {}\">{piece}</span>",
                    escape_html(reason)
                ));
            } else {
                out.push_str(&piece);
            }
        }
        out.push_str("</p>\n");
    }

    /// The text pane: each source's paragraphs (or, without the text,
    /// the quotes by paragraph), then the implicit premises.
    fn text_pane(&self, graph: &ArgGraph, sel: &Selection<'_>) -> String {
        let mut out = String::new();
        let texts: BTreeMap<&str, &SourceDoc> =
            self.texts.iter().map(|(id, d)| (id.as_str(), d)).collect();
        for entry in &graph.sources {
            let anchored: Vec<(&Node, &str)> = sel
                .nodes
                .iter()
                .filter(|n| n.source() == Some(entry.id.as_str()) && !n.is_implicit())
                .filter_map(|n| n.quote().map(|q| (*n, q)))
                .collect();
            let title = entry
                .source
                .title
                .clone()
                .unwrap_or_else(|| entry.id.clone());
            out.push_str(&format!(
                "<section class=\"source\" data-source=\"{}\"><h2>{}</h2>\n",
                escape_html(&entry.id),
                escape_html(&title)
            ));
            match texts.get(entry.id.as_str()) {
                Some(doc) => {
                    for p in &doc.paragraphs {
                        let here: Vec<(&Node, &str)> = anchored
                            .iter()
                            .filter(|(n, _)| n.para() == Some(p.number))
                            .copied()
                            .collect();
                        let omitted: Vec<(&str, &str)> = graph
                            .omitted
                            .iter()
                            .filter(|o| {
                                o.source.as_deref() == Some(entry.id.as_str())
                                    && o.omission.para == p.number
                            })
                            .map(|o| (o.omission.quote.as_str(), o.omission.reason.as_str()))
                            .collect();
                        self.paragraph(&entry.id, doc, p.number, &here, &omitted, &mut out);
                    }
                }
                None => {
                    out.push_str(
                        "<p class=\"note\">The text itself was not given (<code>--text FILE</code>); the quotes are shown by paragraph.</p>\n",
                    );
                    let mut by_para: BTreeMap<Option<u32>, Vec<(&Node, &str)>> = BTreeMap::new();
                    for (n, q) in &anchored {
                        by_para.entry(n.para()).or_default().push((n, q));
                    }
                    for (para, quotes) in by_para {
                        let num = para.map_or("–".to_string(), |p| p.to_string());
                        out.push_str(&format!(
                            "<p class=\"para\"><span class=\"pnum\">{num}</span> "
                        ));
                        for (n, q) in quotes {
                            out.push_str(&format!(
                                "<mark tabindex=\"0\" data-nodes=\"{}\" title=\"{}\">{}</mark> ",
                                escape_html(n.id()),
                                escape_html(n.id()),
                                escape_html(q)
                            ));
                        }
                        out.push_str("</p>\n");
                    }
                }
            }
            out.push_str("</section>\n");
        }
        let implicit: Vec<&&Node> = sel.nodes.iter().filter(|n| n.is_implicit()).collect();
        if !implicit.is_empty() {
            out.push_str("<section class=\"implicit\"><h2>Implicit premises</h2><p class=\"note\">Not in the text: the analysis makes them explicit.</p><ul>\n");
            for n in implicit {
                out.push_str(&format!(
                    "<li><mark class=\"implicit\" tabindex=\"0\" data-nodes=\"{}\">{}</mark></li>\n",
                    escape_html(n.id()),
                    escape_html(n.text())
                ));
            }
            out.push_str("</ul></section>\n");
        }
        out
    }

    /// The map's text alternative: every node as a list item.
    fn outline(&self, sel: &Selection<'_>) -> String {
        let mut out = String::from("<ul>\n");
        for n in &sel.nodes {
            out.push_str(&format!(
                "<li><button type=\"button\" class=\"link\" data-node=\"{}\">{}</button> <span class=\"kind\">{}</span> {}</li>\n",
                escape_html(n.id()),
                escape_html(n.id()),
                escape_html(n.subkind()),
                escape_html(n.text())
            ));
        }
        out.push_str("</ul>\n");
        out
    }
}

impl Exporter for Html {
    fn export(&self, graph: &ArgGraph, sel: &Selection<'_>, out: &mut dyn Write) -> io::Result<()> {
        let mut source = Vec::new();
        Dot {
            options: self.dot.clone(),
        }
        .export(graph, sel, &mut source)?;
        let svg = render(&source, ImageFormat::Svg, self.timeout).map_err(io::Error::other)?;
        let svg = String::from_utf8_lossy(&svg);
        let svg = inert_svg(&svg).map_err(io::Error::other)?;
        let title = escape_html(&graph.meta.title);
        let mut paras: Vec<u32> = sel.nodes.iter().filter_map(|n| n.para()).collect();
        paras.sort_unstable();
        paras.dedup();
        let para_options: String = paras
            .iter()
            .map(|p| format!("<option value=\"para:{p}\">paragraph {p}</option>"))
            .collect();
        let actor_options: String = sel
            .nodes
            .iter()
            .filter(|n| n.kind() == crate::model::NodeKind::Actor)
            .map(|n| {
                format!(
                    "<option value=\"actor:{}\">stance of {}</option>",
                    escape_html(n.id()),
                    escape_html(n.text())
                )
            })
            .collect();
        let label_toggle = match &self.labels {
            Some(a) => format!(
                "<label><input type=\"checkbox\" id=\"by-label\"> colour by acceptability ({})</label>",
                escape_html(a.semantics)
            ),
            None => String::new(),
        };
        write!(
            out,
            "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
<meta name=\"generator\" content=\"argkb\">\n\
<title>{title}</title>\n<style>\n{STYLE}</style>\n</head>\n<body>\n\
<header><h1>{title}</h1>\n\
<div class=\"controls\" role=\"toolbar\" aria-label=\"Map controls\">\n\
<label>Search <input type=\"search\" id=\"search\" placeholder=\"ids, text, quotes\" aria-describedby=\"search-count\"></label> <span id=\"search-count\" aria-live=\"polite\"></span>\n\
<label>View <select id=\"view\"><option value=\"all\">everything</option><option value=\"why\">why the selected node</option>{para_options}{actor_options}</select></label>\n\
<label><input type=\"checkbox\" id=\"focus\"> focus on the selection, depth <select id=\"depth\"><option>1</option><option selected>2</option><option>3</option></select></label>\n\
{label_toggle}\n\
<span class=\"keys\">map keys: + − zoom, arrows pan, 0 the whole map</span>\n\
</div></header>\n<main>\n\
<section id=\"map\" tabindex=\"0\" aria-label=\"Argument map: drag to pan, wheel or + and − to zoom; the outline below lists every node\">\n{svg}\n</section>\n\
<aside id=\"panel\" aria-live=\"polite\"><p class=\"note\">Select a node on the map, in the text or in the outline.</p></aside>\n\
<section id=\"text\" aria-label=\"Source text\">\n{}</section>\n</main>\n\
<details id=\"outline\"><summary>Outline of the map (every node, as text)</summary>\n{}</details>\n\
<script type=\"application/json\" id=\"argkb-data\">{}</script>\n\
<script>\n{SCRIPT}</script>\n</body>\n</html>\n",
            self.text_pane(graph, sel),
            self.outline(sel),
            script_json(&self.data(graph, sel)),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn script_json_leaves_no_markup() {
        let v = json!({"t": "</script><img src=x onerror=alert(1)>&amp;\u{2028}"});
        let s = script_json(&v);
        assert!(!s.contains('<') && !s.contains('>') && !s.contains('&'));
        assert_eq!(serde_json::from_str::<Value>(&s).unwrap(), v);
    }

    #[test]
    fn inert_svg_refuses_what_could_run() {
        let ok = "<?xml version=\"1.0\"?>\n<!DOCTYPE svg>\n<svg><g id=\"a\" class=\"node\"><title>&lt;script&gt;</title></g></svg>";
        assert!(inert_svg(ok).unwrap().starts_with("<svg>"));
        for bad in [
            "<svg><script>alert(1)</script></svg>",
            "<svg><a xlink:href=\"javascript:alert(1)\"/></svg>",
            "<svg><g onclick=\"x()\"/></svg>",
            "<svg><g\nonload = \"x()\"/></svg>",
            "<svg><foreignObject/></svg>",
        ] {
            assert!(inert_svg(bad).is_err(), "{bad}");
        }
        // Text that mentions such things is fine.
        assert!(inert_svg("<svg><text>one=two onward javascript:x</text></svg>").is_ok());
        assert!(inert_svg("<svg><a xlink:href=\" data:text/html,x\"/></svg>").is_err());
    }

    proptest! {
        #[test]
        fn script_json_round_trips_any_text(s in "\\PC{0,40}|[<>&\"'\\\\/\\x00-\\x1f\u{2028}\u{2029}]{0,20}") {
            let v = json!({"s": s});
            let out = script_json(&v);
            prop_assert!(!out.contains(['<', '>', '&']));
            let separators = out.contains(['\u{2028}', '\u{2029}']);
            prop_assert!(!separators, "a line separator is left raw");
            prop_assert_eq!(serde_json::from_str::<Value>(&out).unwrap(), v);
        }
    }
}
