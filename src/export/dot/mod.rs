//! Graphviz DOT: a styled, deterministic map of the argument.
//!
//! Our own writer rather than petgraph's `Dot`: DOT ids are the KB's ids,
//! nodes and edges come out sorted by id so an edit to the KB changes only
//! the lines it touches, and every piece of user text reaches the output
//! through `quote`, the one escaping function for DOT strings. Styling
//! encodes kinds: shape and colour for nodes, colour and line style for
//! relations, a legend, wrapped labels, tooltips with the full text and
//! quote, and `id`/`URL` attributes so SVG output is interactive.

mod escape;
mod label;
mod style;
use escape::*;
pub use escape::{MAX_DOT_STRING, escape_html, quote, quote_lines};
pub use label::wrap;
use label::*;
pub use style::fill_of;
use style::*;

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::io::{self, Write};

use super::Exporter;
use crate::graph::select::Selection;
use crate::graph::{ArgGraph, Edge, Node};
use crate::model::{ClaimKind, NodeKind, RelKind, Stance};
use crate::query::eval::Label;

/// Layout direction (`rankdir`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum RankDir {
    /// top to bottom
    TB,
    /// bottom to top: conclusions on top
    BT,
    /// left to right: conclusions on the right
    #[default]
    LR,
    /// right to left
    RL,
}

/// How nodes are grouped into boxes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum ClusterBy {
    /// no boxes
    #[default]
    None,
    /// one box per source paragraph
    Paragraph,
    /// one box per actor, holding what it asserts (or, failing a holder,
    /// says)
    Actor,
    /// one box per kind of node
    Kind,
    /// one box per source text
    Source,
}

/// Everything that changes how the map looks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DotOptions {
    pub rankdir: RankDir,
    pub cluster_by: ClusterBy,
    /// Edges to draw highlighted (e.g. a path), as (source, kind, target).
    pub highlight: BTreeSet<(String, RelKind, String)>,
    pub legend: bool,
    /// Wrap labels near this many characters.
    pub wrap: usize,
    /// Colour nodes by their acceptability label instead of their kind.
    pub acceptability: Option<Acceptability>,
}

/// Each evaluated node's label under one semantics (`eval`), for
/// `--label`: in green, out red, undecided yellow.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Acceptability {
    /// The semantics' name, for the legend.
    pub semantics: &'static str,
    pub labels: BTreeMap<String, Label>,
}

impl Default for DotOptions {
    fn default() -> Self {
        DotOptions {
            rankdir: RankDir::default(),
            cluster_by: ClusterBy::default(),
            highlight: BTreeSet::new(),
            legend: true,
            wrap: 40,
            acceptability: None,
        }
    }
}

/// The DOT exporter.
pub struct Dot {
    pub options: DotOptions,
}

impl Dot {
    /// The node's statement, `"id" [...];`, written into `buf` (cleared
    /// first; it comes back with the line).
    fn node_line(
        &self,
        graph: &ArgGraph,
        node: &Node,
        highlighted: &BTreeSet<&str>,
        mut buf: String,
    ) -> String {
        let key = node_style_key(node);
        let style = node_style(key);
        let lit = highlighted.contains(node.id());
        let implicit_style;
        let style_attr = if node.is_implicit() && !style.style.contains("dashed") {
            implicit_style = format!("{},dashed", style.style);
            implicit_style.as_str()
        } else {
            style.style
        };
        let (fill, border) = match self
            .options
            .acceptability
            .as_ref()
            .and_then(|acc| acc.labels.get(node.id()))
        {
            Some(&l) => label_colours(l),
            None => (style.fill, style.border),
        };
        buf.clear();
        push_quoted(&mut buf, node.id());
        buf.push_str(" [");
        let mut a = Attrs::after(buf)
            .s("id", node.id())
            .quoted("label", |q| write_label(q, graph, node, self.options.wrap))
            .fixed("shape", style.shape)
            .s("style", style_attr)
            .fixed("fillcolor", fill)
            .fixed("color", if lit { HIGHLIGHT } else { border })
            .quoted("tooltip", |q| write_tooltip(q, graph, node))
            .parts("URL", &["#", node.id()]);
        if matches!(node.kind(), NodeKind::Argument | NodeKind::Conflict) {
            a = a.raw("fontsize", "8").raw("height", "0.3");
        }
        if graph.is_thesis(node.id()) {
            a = a.raw("peripheries", "2");
        }
        if lit {
            a = a.raw("penwidth", "3");
        } else if graph.is_thesis(node.id()) {
            a = a.raw("penwidth", "2");
        }
        a.close()
    }

    /// `into_conflict`: the edge runs from an attacker into a named
    /// conflict, and is drawn as the attack it is part of.
    /// Written into `buf` (cleared first), as `node_line` does.
    fn edge_line(&self, e: &Edge<'_>, into_conflict: bool, mut buf: String) -> String {
        let st = if into_conflict {
            EdgeStyle {
                arrowhead: "none",
                ..edge_style(RelKind::Attacks)
            }
        } else {
            edge_style(e.kind)
        };
        let lit = !self.options.highlight.is_empty()
            && self.options.highlight.contains(&(
                e.source.to_string(),
                e.kind,
                e.target.to_string(),
            ));
        buf.clear();
        push_quoted(&mut buf, e.source);
        buf.push_str(" -> ");
        push_quoted(&mut buf, e.target);
        buf.push_str(" [");
        let words = e.kind.words();
        // `/` cannot occur in a KB id, so no node id equals an edge id.
        let mut a = Attrs::after(buf)
            .parts("id", &[e.source, "/", e.kind.name(), "/", e.target])
            .fixed("class", e.kind.name())
            .fixed("color", if lit { HIGHLIGHT } else { st.color })
            .fixed("style", st.style)
            .fixed("arrowhead", st.arrowhead)
            .parts("tooltip", &[e.source, " ", words, " ", e.target]);
        if st.quiet {
            a = a.fixed("label", words).fixed("fontcolor", st.color);
        }
        a = a.raw(
            "penwidth",
            if lit {
                "3"
            } else if st.quiet {
                "1"
            } else {
                "1.4"
            },
        );
        a.close()
    }

    /// The cluster (sort key and label) a node belongs to, if any.
    fn cluster_of(
        &self,
        graph: &ArgGraph,
        holders: &HashMap<&str, &str>,
        node: &Node,
    ) -> Option<(String, String)> {
        match self.options.cluster_by {
            ClusterBy::None => None,
            ClusterBy::Kind => {
                let key = node_style_key(node);
                Some((format!("kind_{key}"), key.to_string()))
            }
            ClusterBy::Paragraph => {
                let para = match node {
                    Node::Argument(a) => graph.node(&a.conclusion).and_then(Node::para),
                    Node::Conflict(c) => graph.node(&c.target).and_then(Node::para),
                    n => n.para(),
                }?;
                Some((format!("p{para:04}"), format!("¶{para}")))
            }
            ClusterBy::Source => {
                let src = match node {
                    Node::Argument(a) => graph.node(&a.conclusion).and_then(Node::source),
                    Node::Conflict(c) => graph.node(&c.target).and_then(Node::source),
                    n => n.source(),
                }?;
                let name = graph
                    .source(src)
                    .and_then(|e| {
                        e.source
                            .title
                            .clone()
                            .or_else(|| e.source.publication.clone())
                    })
                    .unwrap_or_else(|| src.to_string());
                Some((format!("source_{src}"), name))
            }
            ClusterBy::Actor => {
                let actor = match node {
                    Node::Actor(a) => Some(a.id.as_str()),
                    n => holders.get(n.id()).copied(),
                }?;
                let name = graph.node(actor).map(Node::text).unwrap_or(actor);
                Some((format!("actor_{actor}"), name.to_string()))
            }
        }
    }

    /// A legend of the node and edge styles in use: one plain node with an
    /// HTML-like table, so it stays compact whatever the layout direction.
    fn legend(&self, out: &mut dyn Write, sel: &Selection<'_>) -> io::Result<()> {
        let node_keys: BTreeSet<&str> = sel.nodes.iter().map(|n| node_style_key(n)).collect();
        let edge_kinds: BTreeSet<RelKind> = sel.edges.iter().map(|e| e.kind).collect();
        let mut rows = String::from("<TR><TD COLSPAN=\"2\"><B>Legend</B></TD></TR>");
        if let Some(acc) = &self.options.acceptability {
            let shown: BTreeSet<Label> = sel
                .nodes
                .iter()
                .filter_map(|n| acc.labels.get(n.id()).copied())
                .collect();
            for l in shown {
                let (fill, border) = label_colours(l);
                let what = match l {
                    Label::In => "in: stands",
                    Label::Out => "out: defeated",
                    Label::Undec => "undecided",
                };
                rows.push_str(&format!(
                    "<TR><TD BGCOLOR=\"{}\" COLOR=\"{}\" BORDER=\"1\" COLSPAN=\"2\">{} ({})</TD></TR>",
                    escape_html(fill),
                    escape_html(border),
                    escape_html(what),
                    escape_html(acc.semantics)
                ));
            }
        }
        let order = ["actor"]
            .into_iter()
            .chain(ClaimKind::ALL.iter().map(|k| k.name()))
            .chain(["recommendation", "argument", "conflict"]);
        // Coloured by label, the map's fills no longer tell the kinds.
        let by_kind = |k: &&str| self.options.acceptability.is_none() || *k == "actor";
        for key in order.filter(|k| node_keys.contains(k)).filter(by_kind) {
            let st = node_style(key);
            let label = match key {
                "argument" => "inference (argument)",
                "conflict" => "named conflict",
                "actor" => "actor",
                "recommendation" => "recommendation",
                claim => claim,
            };
            rows.push_str(&format!(
                "<TR><TD BGCOLOR=\"{}\" COLOR=\"{}\" BORDER=\"1\" COLSPAN=\"2\">{}</TD></TR>",
                escape_html(st.fill),
                escape_html(st.border),
                escape_html(label)
            ));
        }
        for kind in edge_kinds {
            let st = edge_style(kind);
            let line = match (st.style, st.arrowhead) {
                (_, "none") => "\u{2500}\u{2500}\u{2500}\u{2500}",
                ("dotted", "tee") => "\u{2508}\u{2508}\u{2508}\u{2524}",
                ("dotted", _) => "\u{2508}\u{2508}\u{2508}\u{25B6}",
                ("dashed", _) => "\u{254C}\u{254C}\u{254C}\u{2524}",
                _ => "\u{2500}\u{2500}\u{2500}\u{25B6}",
            };
            rows.push_str(&format!(
                "<TR><TD><FONT COLOR=\"{}\">{}</FONT></TD><TD ALIGN=\"LEFT\">{}</TD></TR>",
                escape_html(st.color),
                escape_html(line),
                escape_html(&kind.name().replace('_', " "))
            ));
        }
        let table = format!(
            "<<TABLE BORDER=\"1\" COLOR=\"#9ca3af\" CELLBORDER=\"0\" CELLSPACING=\"3\" CELLPADDING=\"2\">{rows}</TABLE>>"
        );
        writeln!(
            out,
            "  {} [shape=\"plaintext\", fontsize=9, label={table}];",
            quote("_legend")
        )
    }
}

/// Writes `indent`, `line` and a line break, without the formatting
/// machinery (a map of 10^6 nodes writes 10^6 lines).
fn write_line(out: &mut dyn Write, indent: &str, line: &str) -> io::Result<()> {
    out.write_all(indent.as_bytes())?;
    out.write_all(line.as_bytes())?;
    out.write_all(b"\n")
}

/// Writes the line `line` makes of each item, indented, in order (in
/// parallel chunks: `write_chunked`).
fn write_lines<T: Sync>(
    out: &mut dyn Write,
    indent: &str,
    items: &[T],
    line: &(dyn Fn(&T, String) -> String + Sync),
) -> io::Result<()> {
    super::write_chunked(out, items, &|_, chunk, bytes| {
        // About a line's length per item (a node's line is longer).
        bytes.reserve(chunk.len() * 640);
        let mut buf = String::with_capacity(1024);
        for item in chunk {
            buf = line(item, buf);
            bytes.extend_from_slice(indent.as_bytes());
            bytes.extend_from_slice(buf.as_bytes());
            bytes.push(b'\n');
        }
        Ok(())
    })
}

impl Exporter for Dot {
    fn export(&self, graph: &ArgGraph, sel: &Selection<'_>, out: &mut dyn Write) -> io::Result<()> {
        let highlighted: BTreeSet<&str> = self
            .options
            .highlight
            .iter()
            .flat_map(|(a, _, b)| [a.as_str(), b.as_str()])
            .collect();
        let rankdir = match self.options.rankdir {
            RankDir::TB => "TB",
            RankDir::BT => "BT",
            RankDir::LR => "LR",
            RankDir::RL => "RL",
        };
        // The title is cut short here: Graphviz silently drops a graph
        // whose leading comment runs past its line buffer.
        writeln!(
            out,
            "// Generated by argkb from the KB {}; ids are the KB's ids.",
            quote(&crate::diagnostic::clip(&graph.meta.title, 80))
        )?;
        writeln!(out, "digraph {} {{", quote("argkb"))?;
        let g = Attrs::new()
            .s("rankdir", rankdir)
            .s("label", &graph.meta.title)
            .s("labelloc", "t")
            .raw("fontsize", "16")
            .s("fontname", FONT)
            .s("tooltip", &graph_tooltip(graph))
            .s("newrank", "true")
            .raw("nodesep", "0.25")
            .raw("ranksep", "0.45");
        writeln!(out, "  graph {};", g.render())?;
        writeln!(
            out,
            "  node {};",
            Attrs::new()
                .s("fontname", FONT)
                .raw("fontsize", "10")
                .s("margin", "0.10,0.05")
                .render()
        )?;
        writeln!(
            out,
            "  edge {};",
            Attrs::new()
                .s("fontname", FONT)
                .raw("fontsize", "7")
                .raw("arrowsize", "0.7")
                .render()
        )?;
        // Whose each node is: the first actor (by id) that holds it, else
        // its voice (speaker or source author). Found once, over the whole
        // graph, so clusters do not depend on whether actors are drawn.
        let mut holders: HashMap<&str, &str> = HashMap::new();
        if self.options.cluster_by == ClusterBy::Actor {
            for e in graph
                .edges()
                .into_iter()
                .filter(|e| e.kind == RelKind::Asserts)
            {
                let h = holders.entry(e.target).or_insert(e.source);
                *h = (*h).min(e.source);
            }
            for n in &sel.nodes {
                if !holders.contains_key(n.id())
                    && let Some(v) = graph.voice(n)
                {
                    holders.insert(n.id(), v);
                }
            }
        }
        // One line buffer, reused: a map of 10^6 nodes writes 10^6 lines.
        let mut line = String::with_capacity(1024);
        let mut clusters: BTreeMap<String, (String, Vec<&Node>)> = BTreeMap::new();
        let mut loose: Vec<&Node> = Vec::new();
        // The named conflicts shown: a premise edge into one is drawn
        // without an arrowhead. Gathered here, on the walk over the nodes,
        // rather than by looking up every premise edge's target by id (at
        // 10^6 nodes, a table's cache miss per edge and a table built for
        // it).
        let mut conflicts: foldhash::HashSet<&str> = foldhash::HashSet::default();
        for node in &sel.nodes {
            if node.kind() == NodeKind::Conflict {
                conflicts.insert(node.id());
            }
            match self.cluster_of(graph, &holders, node) {
                Some((key, label)) => clusters
                    .entry(key)
                    .or_insert_with(|| (label, Vec::new()))
                    .1
                    .push(node),
                None => loose.push(node),
            }
        }
        write_lines(out, "  ", &loose, &|node, buf| {
            self.node_line(graph, node, &highlighted, buf)
        })?;
        for (key, (label, nodes)) in &clusters {
            writeln!(out, "  subgraph {} {{", quote(&format!("cluster_{key}")))?;
            writeln!(
                out,
                "    graph [label={}, style=\"rounded\", color=\"#d1d5db\", fontsize=11];",
                quote(label)
            )?;
            for node in nodes {
                line = self.node_line(graph, node, &highlighted, line);
                write_line(out, "    ", &line)?;
            }
            writeln!(out, "  }}")?;
        }
        write_lines(out, "  ", &sel.edges, &|e, buf| {
            // A selection's edges join nodes it shows.
            let into_conflict = e.kind == RelKind::Premise && conflicts.contains(e.target);
            self.edge_line(e, into_conflict, buf)
        })?;
        if self.options.legend && !sel.nodes.is_empty() {
            self.legend(out, sel)?;
        }
        writeln!(out, "}}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Reads a DOT double-quoted string back the way Graphviz does for an
    /// escString attribute: `\"` → `"`, `\\` → `\`, `\n` → newline.
    fn unquote(q: &str) -> Option<String> {
        let inner = q.strip_prefix('"')?.strip_suffix('"')?;
        let mut out = String::new();
        let mut chars = inner.chars();
        while let Some(c) = chars.next() {
            match c {
                '\\' => match chars.next()? {
                    '"' => out.push('"'),
                    '\\' => out.push('\\'),
                    'n' => out.push('\n'),
                    _ => return None,
                },
                '"' => return None,
                c if c.is_control() => return None,
                c => out.push(c),
            }
        }
        // Graphviz then decodes entities; `quote` makes only `&amp;`.
        Some(out.replace("&amp;", "&"))
    }

    #[test]
    fn quote_escapes_the_dangerous_cases() {
        assert_eq!(quote(r#"say "hi""#), r#""say \"hi\"""#);
        assert_eq!(quote("ends with \\"), "\"ends with \\\\\"");
        assert_eq!(quote("a\nb\tc\r"), "\"a b c \"");
        assert_eq!(quote(r"\N \G \L"), r#""\\N \\G \\L""#);
        assert_eq!(quote("node"), "\"node\"");
        assert_eq!(quote("1a"), "\"1a\"");
        assert_eq!(quote(""), "\"\"");
        assert_eq!(quote("AT&T &#55296;"), "\"AT&amp;T &amp;#55296;\"");
    }

    #[test]
    fn quote_cuts_long_text_below_graphviz_limits() {
        for text in ["x".repeat(20_000), "&".repeat(20_000), "é".repeat(20_000)] {
            let q = quote(&text);
            assert!(q.len() <= MAX_DOT_STRING + 8, "{}", q.len());
            assert!(q.ends_with("…\""));
        }
        let lines = vec!["y".repeat(6_000); 5];
        assert!(quote_lines(&lines).len() <= MAX_DOT_STRING + 8);
    }

    #[test]
    fn escape_html_makes_markup_inert() {
        assert_eq!(escape_html("<b>&\"'\n"), "&lt;b&gt;&amp;&quot;&#39; ");
    }

    #[test]
    fn wrap_breaks_near_the_width() {
        assert_eq!(wrap("aaa bbb ccc", 7), ["aaa bbb", "ccc"]);
        assert_eq!(
            wrap("supercalifragilistic x", 5),
            ["supercalifragilistic", "x"]
        );
        assert_eq!(wrap("", 5), [""]);
        assert_eq!(quote_lines(&wrap("a \"b\" c", 3)), r#""a\n\"b\"\nc""#);
    }

    /// The escaping rule, char by char: what the byte-wise fast path of
    /// `push_escaped` must give.
    fn escaped_by_chars(s: &str) -> String {
        s.chars()
            .map(|c| match c {
                '\\' => "\\\\".to_string(),
                '"' => "\\\"".to_string(),
                '&' => "&amp;".to_string(),
                c if c.is_control() => " ".to_string(),
                c => c.to_string(),
            })
            .collect()
    }

    #[test]
    fn lines_written_in_parallel_chunks_keep_their_order() {
        use crate::export::CHUNK;
        for n in [0, 1, CHUNK, CHUNK + 1, 2 * CHUNK, 5 * CHUNK + 17] {
            let items: Vec<usize> = (0..n).collect();
            let mut out = Vec::new();
            write_lines(&mut out, "  ", &items, &|i, mut buf| {
                buf.clear();
                buf.push_str(&i.to_string());
                buf
            })
            .unwrap();
            let serial: String = items.iter().map(|i| format!("  {i}\n")).collect();
            assert_eq!(String::from_utf8(out).unwrap(), serial, "{n} items");
        }
    }

    /// Every value `Attrs::fixed` is given: the styles of every node key
    /// and relation, the acceptability colours, relation names and words.
    #[test]
    fn style_constants_need_no_escaping() {
        let mut values = vec![HIGHLIGHT];
        let keys = [
            "actor",
            "proposition",
            "recommendation",
            "argument",
            "conflict",
        ]
        .into_iter()
        .chain(ClaimKind::ALL.iter().map(|k| k.name()));
        for key in keys {
            let st = node_style(key);
            values.extend([st.shape, st.style, st.fill, st.border]);
        }
        for kind in RelKind::ALL {
            let st = edge_style(kind);
            values.extend([st.color, st.style, st.arrowhead, kind.name(), kind.words()]);
        }
        for l in [Label::In, Label::Out, Label::Undec] {
            let (fill, border) = label_colours(l);
            values.extend([fill, border]);
        }
        for v in values {
            assert_eq!(quote(v), format!("\"{v}\""), "{v:?}");
        }
    }

    #[test]
    fn the_byte_wise_escape_treats_c1_controls_as_controls() {
        let mut out = String::new();
        assert!(push_escaped(
            &mut out,
            "a\u{85}b\u{9f}c\u{a0}d\u{7f}é\"",
            usize::MAX
        ));
        assert_eq!(out, "a b c\u{a0}d é\\\"");
    }

    proptest! {
        #![proptest_config(ProptestConfig { failure_persistence: None, ..ProptestConfig::default() })]

        #[test]
        fn the_fast_escape_is_the_char_rule(s in "\\PC{0,30}|[\\x00-\\x20\\u{7f}-\\u{a1}\\\\\"&é€]{0,30}|[a-z ]{0,40}[\\x00-\\x20\\u{7f}-\\u{a1}\\\\\"&é€][a-z ]{0,40}[\\\\\"&\\x00-\\x1f]?[a-z]{0,20}") {
            let mut out = String::new();
            prop_assert!(push_escaped(&mut out, &s, usize::MAX));
            prop_assert_eq!(out, escaped_by_chars(&s));
        }

        /// Lines written piece by piece are the lines quoted whole, cut at
        /// the same byte when they run past `MAX_DOT_STRING`.
        #[test]
        fn a_string_written_in_pieces_is_the_lines_quoted(lines in proptest::collection::vec(proptest::collection::vec("\\PC{0,12}|[a\\\\\"&\\x00é]{0,900}", 0..6), 0..8), long in 0usize..3) {
            let mut lines = lines;
            for _ in 0..long {
                lines.push(vec!["ab\"c".repeat(700), "é&".repeat(900)]);
            }
            let whole: Vec<String> = lines.iter().map(|l| l.concat()).collect();
            let written = Attrs::new()
                .quoted("k", |q| {
                    for line in &lines {
                        q.line();
                        for piece in line {
                            q.text(piece);
                        }
                    }
                })
                .buf;
            prop_assert_eq!(written, format!("k={}", quote_lines(&whole)));
        }

        #[test]
        fn quote_round_trips_any_text(s in proptest::collection::vec(any::<char>(), 0..500).prop_map(|v| v.into_iter().collect::<String>())) {
            let q = quote(&s);
            let expected: String = s.chars().map(|c| if c.is_control() { ' ' } else { c }).collect();
            prop_assert_eq!(unquote(&q), Some(expected));
        }

        #[test]
        fn quoted_labels_never_contain_raw_breaks_or_open_quotes(lines in proptest::collection::vec(any::<String>(), 1..4)) {
            let q = quote_lines(&lines);
            prop_assert!(!q.chars().any(|c| c.is_control()));
            let back = unquote(&q).expect("well-formed");
            let expected: Vec<String> = lines.iter().map(|l| l.chars().map(|c| if c.is_control() { ' ' } else { c }).collect()).collect();
            prop_assert_eq!(back, expected.join("\n"));
        }

        #[test]
        fn escape_html_leaves_no_markup(s in any::<String>()) {
            let e = escape_html(&s);
            prop_assert!(!e.contains(['<', '>', '"', '\'']));
            prop_assert!(!e.chars().any(|c| c.is_control()));
            let back = e.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&#39;", "'").replace("&amp;", "&");
            let expected: String = s.chars().map(|c| if c.is_control() { ' ' } else { c }).collect();
            prop_assert_eq!(back, expected);
        }

        #[test]
        fn ascii_text_wraps_as_the_general_rule_does(text in "[a-z \\t\\n\\x0b\\x0c\\r\\x1c-\\x1f\"]{0,80}", width in 1usize..30) {
            let mut general: Vec<String> = Vec::new();
            lay_out_words(text.split_whitespace(), width, |w| w.chars().count(), |w, starts_line| {
                if starts_line { general.push(w.to_string()) } else { general.last_mut().unwrap().push_str(&format!(" {w}")) }
            });
            if general.is_empty() { general.push(String::new()); }
            prop_assert_eq!(wrap(&text, width), general);
        }

        #[test]
        fn wrap_keeps_every_word_in_order(words in proptest::collection::vec("[a-z\"\\\\]{1,12}", 0..30), width in 5usize..60) {
            let text = words.join(" ");
            let lines = wrap(&text, width);
            let joined = lines.join(" ");
            prop_assert_eq!(joined.split_whitespace().collect::<Vec<_>>(), words.iter().map(String::as_str).collect::<Vec<_>>());
            for l in &lines {
                prop_assert!(l.chars().count() <= width || !l.contains(' '));
            }
        }
    }
}
