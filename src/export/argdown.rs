//! Argdown: the KB as an `.argdown` document that the Argdown tools
//! (`argdown json`, `argdown map`, the VS Code extension) read.
//!
//! - claims and recommendations become statements, `[id]: text #kind`,
//!   with every other field (quote, paragraph, source, speaker, stance,
//!   tags, the actors who assert or oppose them, what they rephrase, are
//!   the same proposition as (`same_as`) or are preferred to, …) in the statement's data block as JSON;
//! - arguments become premise-conclusion structures under `<id>`, with
//!   their scheme and note in the data block;
//! - named conflicts become arguments without a structure under `<id>`
//!   (`"kind": "conflict"` in the data block): each attacker supports it
//!   (`<+`), and it attacks its target (`<-`, or `<_` for an argument or
//!   a conflict), so an undercut of the conflict has somewhere to go;
//! - supports, attacks and undercuts become `<+`, `<-` and `<_` under the
//!   node they point at;
//! - actors, sources, omissions and actor-to-actor relations go to the
//!   front matter (`argkb:` key), which Argdown keeps but does not draw.
//!
//! Text passes through `escape` (a backslash before every ASCII
//! punctuation mark, which Argdown reads as the mark itself) and data
//! through `data` (JSON, which the front matter and data blocks read as
//! YAML). Argdown text cannot hold a line break or leading and trailing
//! blanks; such a text is written with those turned into spaces, and the
//! exact text is kept in the data block (`text`).

use std::collections::BTreeMap;
use std::io::{self, Write};

use serde_json::{Map, Value, json};

use super::Exporter;
use crate::graph::select::Selection;
use crate::graph::{ArgGraph, Edge, Node};
use crate::model::{NodeKind, RelKind};

/// The Argdown exporter.
pub struct Argdown;

/// `text` as Argdown inline text, and whether it is exact (Argdown reads
/// back the same characters). Every ASCII punctuation mark is escaped;
/// line breaks and other control characters become spaces (not exact),
/// and so do leading and trailing blanks, which Argdown trims.
pub fn escape(text: &str) -> (String, bool) {
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    let mut exact = !text.is_empty() && text.trim() == text;
    for c in text.chars() {
        if c.is_ascii_punctuation() {
            out.push('\\');
            out.push(c);
        } else if c == '\t' || !(c.is_control() || matches!(c, '\u{2028}' | '\u{2029}')) {
            out.push(c);
        } else {
            out.push(' ');
            exact = false;
        }
    }
    // Argdown drops blanks at the ends, and a trailing backslash-space
    // is not a thing: trim what would be trimmed anyway.
    let trimmed = out.trim_matches(|c: char| c == ' ' || c == '\t');
    if trimmed.len() != out.len() {
        exact = false;
        out = trimmed.to_string();
    }
    (out, exact)
}

/// `value` as one line of JSON for a data block or the front matter
/// (JSON is YAML). serde_json escapes quotes, backslashes and control
/// characters. Inside strings, this also escapes what Argdown's lexer or a
/// YAML reader would misread: braces (Argdown finds the end of a data
/// block by counting them, strings or not: `"{{x}} y"` ends it early) and
/// the line and paragraph separators (which serde_json leaves raw and a
/// JavaScript reader may take as line breaks).
pub fn data(value: &Value) -> String {
    let text = serde_json::to_string(value).unwrap_or_else(|_| "{}".to_string());
    let mut out = String::with_capacity(text.len());
    let (mut in_string, mut escaped) = (false, false);
    for c in text.chars() {
        if in_string && !escaped {
            let code = match c {
                '{' => Some("\\u007b"),
                '}' => Some("\\u007d"),
                '\u{2028}' => Some("\\u2028"),
                '\u{2029}' => Some("\\u2029"),
                '\u{85}' => Some("\\u0085"),
                _ => None,
            };
            if let Some(code) = code {
                out.push_str(code);
                continue;
            }
        }
        out.push(c);
        if escaped {
            escaped = false;
        } else if c == '\\' {
            escaped = in_string;
        } else if c == '"' {
            in_string = !in_string;
        }
    }
    out
}

/// An id as an Argdown title: `[id]` or `<id>`. KB ids are letters,
/// digits and `-_.:`, which Argdown takes literally inside brackets.
fn title(id: &str) -> &str {
    id
}

impl Exporter for Argdown {
    fn export(&self, graph: &ArgGraph, sel: &Selection<'_>, out: &mut dyn Write) -> io::Result<()> {
        // Actor relations by the claim, recommendation or argument they
        // concern, and argumentative relations by their target.
        let mut facts: BTreeMap<&str, Map<String, Value>> = BTreeMap::new();
        let mut actor_links: BTreeMap<&str, Map<String, Value>> = BTreeMap::new();
        let mut incoming: BTreeMap<&str, Vec<Edge<'_>>> = BTreeMap::new();
        let push = |m: &mut Map<String, Value>, key: &str, id: &str| {
            if let Value::Array(a) = m.entry(key).or_insert_with(|| json!([])) {
                a.push(json!(id));
            }
        };
        for e in &sel.edges {
            match e.kind {
                RelKind::Supports | RelKind::Attacks | RelKind::Undercuts => {
                    incoming.entry(e.target).or_default().push(*e)
                }
                // An attacker of a named conflict supports it.
                RelKind::Premise
                    if graph
                        .node(e.target)
                        .is_some_and(|n| n.kind() == NodeKind::Conflict) =>
                {
                    incoming.entry(e.target).or_default().push(*e)
                }
                RelKind::Asserts => {
                    push(facts.entry(e.target).or_default(), "asserted_by", e.source)
                }
                RelKind::Opposes => {
                    push(facts.entry(e.target).or_default(), "opposed_by", e.source)
                }
                RelKind::AddressedTo => {
                    push(facts.entry(e.source).or_default(), "addressed_to", e.target)
                }
                RelKind::About => push(facts.entry(e.source).or_default(), "about", e.target),
                RelKind::Rephrases => {
                    push(facts.entry(e.target).or_default(), "rephrases", e.source)
                }
                RelKind::Prefers => {
                    push(facts.entry(e.source).or_default(), "preferred_to", e.target)
                }
                RelKind::SameAs => push(facts.entry(e.source).or_default(), "same_as", e.target),
                RelKind::MemberOf
                | RelKind::Leads
                | RelKind::Represents
                | RelKind::ClientOf
                | RelKind::AllyOf => push(
                    actor_links.entry(e.source).or_default(),
                    e.kind.name(),
                    e.target,
                ),
                // Premises and conclusions are the structures below; the
                // speaker is a field of the statement.
                RelKind::Premise | RelKind::Conclusion | RelKind::Says => {}
            }
        }

        // Front matter: the title, and what Argdown has no syntax for.
        let actors: Vec<Value> = sel
            .nodes
            .iter()
            .filter(|n| n.kind() == NodeKind::Actor)
            .map(|n| {
                let mut v = crate::graph::json::node(graph, n);
                if let (Value::Object(m), Some(links)) = (&mut v, actor_links.remove(n.id())) {
                    m.extend(links);
                }
                v
            })
            .collect();
        let mut meta = match crate::graph::json::graph_meta(graph) {
            Value::Object(m) => m,
            _ => Map::new(),
        };
        meta.insert("actors".into(), Value::Array(actors));
        writeln!(out, "===")?;
        writeln!(out, "title: {}", data(&json!(graph.meta.title)))?;
        writeln!(out, "argkb: {}", data(&Value::Object(meta)))?;
        writeln!(out, "===")?;

        // Statements, then arguments, each in id order.
        for n in &sel.nodes {
            if !matches!(n.kind(), NodeKind::Claim | NodeKind::Recommendation) {
                continue;
            }
            let (text, exact) = escape(n.text());
            let mut fields = statement_data(graph, n);
            if !exact {
                fields.insert("text".into(), json!(n.text()));
            }
            if let Some(f) = facts.remove(n.id()) {
                fields.extend(f);
            }
            writeln!(out)?;
            writeln!(
                out,
                "[{}]: {text} #({}) {}",
                title(n.id()),
                n.subkind(),
                data(&Value::Object(fields))
            )?;
        }
        for n in &sel.nodes {
            let Node::Argument(a) = n else { continue };
            let mut fields = Map::new();
            if let Some(s) = &a.scheme {
                fields.insert("scheme".into(), json!(s));
            }
            if let Some(note) = &a.note {
                fields.insert("note".into(), json!(note));
            }
            if let Some(f) = facts.remove(n.id()) {
                fields.extend(f);
            }
            // The description Argdown shows: the scheme, else the id.
            let (description, _) = escape(a.scheme.as_deref().unwrap_or(&a.id));
            writeln!(out)?;
            writeln!(
                out,
                "<{}>: {description} {}",
                title(&a.id),
                data(&Value::Object(fields))
            )?;
            writeln!(out)?;
            // Only the premises and conclusion the selection kept.
            let kept = |kind: RelKind, from: &str, to: &str| {
                sel.edges
                    .iter()
                    .any(|e| e.kind == kind && e.source == from && e.target == to)
            };
            let premises: Vec<&str> = a
                .premises
                .iter()
                .map(String::as_str)
                .filter(|p| kept(RelKind::Premise, p, &a.id))
                .collect();
            for (i, p) in premises.iter().enumerate() {
                writeln!(out, "({}) [{}]", i + 1, title(p))?;
            }
            writeln!(out, "----")?;
            if kept(RelKind::Conclusion, &a.id, &a.conclusion) {
                writeln!(out, "({}) [{}]", premises.len() + 1, title(&a.conclusion))?;
            }
        }

        // Named conflicts: arguments with no structure, which their
        // attackers support and which attack (or undercut) their target.
        for n in &sel.nodes {
            let Node::Conflict(c) = n else { continue };
            let mut fields = Map::new();
            fields.insert("kind".into(), json!("conflict"));
            if let Some(s) = &c.scheme {
                fields.insert("scheme".into(), json!(s));
            }
            if let Some(note) = &c.note {
                fields.insert("note".into(), json!(note));
            }
            if let Some(f) = facts.remove(n.id()) {
                fields.extend(f);
            }
            let (description, _) = escape(c.scheme.as_deref().unwrap_or(&c.id));
            writeln!(out)?;
            writeln!(
                out,
                "<{}>: {description} {}",
                title(&c.id),
                data(&Value::Object(fields))
            )?;
        }

        // Relations, grouped under their target.
        for (target, edges) in &incoming {
            let open = |id: &str| match graph.node(id).map(Node::kind) {
                Some(NodeKind::Argument | NodeKind::Conflict) => ("<", ">"),
                _ => ("[", "]"),
            };
            let (l, r) = open(target);
            writeln!(out)?;
            writeln!(out, "{l}{}{r}", title(target))?;
            for e in edges {
                let arrow = match e.kind {
                    RelKind::Supports | RelKind::Premise => "<+",
                    RelKind::Attacks => "<-",
                    _ => "<_",
                };
                let (l, r) = open(e.source);
                writeln!(out, "  {arrow} {l}{}{r}", title(e.source))?;
            }
        }
        Ok(())
    }
}

/// A statement's fields for its data block: those of the JSON export but
/// the id and text (the statement's title and text).
fn statement_data(graph: &ArgGraph, n: &Node) -> Map<String, Value> {
    match crate::graph::json::node(graph, n) {
        Value::Object(mut m) => {
            m.remove("id");
            m.remove("text");
            m
        }
        _ => Map::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn punctuation_is_escaped_and_breaks_are_flagged() {
        assert_eq!(
            escape("a [b] <c> #d"),
            (r"a \[b\] \<c\> \#d".to_string(), true)
        );
        assert_eq!(
            escape("under_score *x*"),
            (r"under\_score \*x\*".to_string(), true)
        );
        assert_eq!(escape("two\nlines"), ("two lines".to_string(), false));
        assert_eq!(escape(" padded "), ("padded".to_string(), false));
        assert_eq!(escape(""), (String::new(), false));
        assert_eq!(escape("tab\tinside"), ("tab\tinside".to_string(), true));
    }

    #[test]
    fn data_is_one_line_of_json() {
        let v = json!({"q": "say \"hi\"\n{{x}} y\u{2028}\\", "n": [1, {"k": "}"}]});
        let line = data(&v);
        assert!(!line.contains('\n') && !line.contains('\u{2028}'));
        // Braces only as structure: two objects, two openings.
        assert_eq!(line.matches('{').count(), 2, "{line}");
        assert_eq!(serde_json::from_str::<Value>(&line).unwrap(), v);
    }

    /// What a reader may take as a line break.
    const BREAKS: [char; 5] = ['\n', '\r', '\u{2028}', '\u{2029}', '\u{85}'];

    proptest! {
        /// Unescaping (dropping each backslash before a mark) gives back the
        /// text whenever escape calls it exact; the output never holds a
        /// line break or an unescaped mark.
        #[test]
        fn escape_round_trips(text in "\\PC*|[ -~\\n\\t\u{2028}\u{85}]*") {
            let (out, exact) = escape(&text);
            prop_assert!(!out.contains(BREAKS));
            let mut back = String::new();
            let mut chars = out.chars();
            while let Some(c) = chars.next() {
                if c == '\\' {
                    let next = chars.next();
                    prop_assert!(next.is_some_and(|n| n.is_ascii_punctuation()));
                    back.extend(next);
                } else {
                    prop_assert!(!c.is_ascii_punctuation(), "unescaped {c:?}");
                    back.push(c);
                }
            }
            if exact {
                prop_assert_eq!(back, text);
            }
        }

        #[test]
        fn data_round_trips(text in "\\PC*|[\\x00-\\x7f\u{2028}\u{2029}\u{85}]*") {
            let v = json!({"t": text});
            let line = data(&v);
            prop_assert!(!line.contains(BREAKS));
            prop_assert_eq!(line.matches('{').count(), 1);
            prop_assert_eq!(line.matches('}').count(), 1);
            prop_assert_eq!(serde_json::from_str::<Value>(&line).unwrap(), v);
        }
    }
}
