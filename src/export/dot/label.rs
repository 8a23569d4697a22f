//! What a node says on the map: its wrapped label (text, hedges, voice and
//! stance) and its tooltip (full text and quote), and the graph's tooltip.

use super::*;

/// Breaks text into lines of at most about `width` characters at spaces;
/// a longer word stands on a line of its own.
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    // ASCII text (most labels) is split and measured by bytes: the same
    // words and lengths, without decoding chars. U+000B is the one ASCII
    // char that `split_whitespace` splits at and `split_ascii_whitespace`
    // does not, so a text holding it goes the general way.
    if text.is_ascii() && !text.contains('\x0b') {
        wrap_words(text.split_ascii_whitespace(), text.len(), width, str::len)
    } else {
        wrap_words(text.split_whitespace(), text.len(), width, |w| {
            w.chars().count()
        })
    }
}

/// `wrap` over `words` (of a text `len` bytes long), `chars` giving a
/// word's length in chars.
pub(super) fn wrap_words<'a>(
    words: impl Iterator<Item = &'a str>,
    len: usize,
    width: usize,
    chars_of: impl Fn(&str) -> usize,
) -> Vec<String> {
    let mut lines = Vec::with_capacity(len / width.max(1) + 1);
    // Each line sized once: about `width` chars of mostly one byte.
    let fresh = || String::with_capacity(width + 16);
    let mut line = fresh();
    // The line's length in chars, kept as it grows.
    let mut chars = 0;
    for word in words {
        let n = chars_of(word);
        if !line.is_empty() && chars + 1 + n > width {
            lines.push(std::mem::replace(&mut line, fresh()));
            chars = 0;
        }
        if !line.is_empty() {
            line.push(' ');
            chars += 1;
        }
        line.push_str(word);
        chars += n;
    }
    if !line.is_empty() || lines.is_empty() {
        lines.push(line);
    }
    lines
}

/// The lines of a node's label: who says it (for reported speech), the
/// text with its hedges, wrapped, and the author's stance when it is not
/// plain endorsement, or that it is an implicit premise.
pub(super) fn label_lines(graph: &ArgGraph, node: &Node, width: usize) -> Vec<String> {
    let mut lines = Vec::new();
    if graph.is_reported(node)
        && let Some(sp) = node.speaker()
    {
        let name = graph.node(sp).map_or(sp, Node::text);
        // "said by", not "X says": an actor's name may be plural ("Some
        // parents").
        lines.push(format!("said by {name}:"));
    }
    lines.extend(wrap(&node.qualified_text(), width));
    let mut notes = Vec::new();
    if node.is_implicit() {
        notes.push("implicit".to_string());
    }
    let authored = node
        .source()
        .and_then(|s| graph.source(s))
        .is_some_and(|s| s.source.author.is_some());
    match graph.stance(node) {
        Some(Stance::Endorses) | None => {}
        // No author to stand anywhere (an imported dialogue): a relayed
        // report is just reported.
        Some(Stance::Relays) if !authored => notes.push("reported".to_string()),
        Some(st) if !authored => notes.push(format!("stance: {}", st.name())),
        Some(st) => notes.push(format!("author {}", st.name())),
    }
    if !notes.is_empty() {
        lines.push(format!("({})", notes.join("; ")));
    }
    lines
}

pub(super) fn tooltip(graph: &ArgGraph, node: &Node) -> Vec<String> {
    // Lines built by appending (one allocation each), not `format!`: a
    // tooltip is written for every node of the map.
    let mut first = node.qualified_text().into_owned();
    first.push_str(" (");
    first.push_str(node_style_key(node));
    first.push(')');
    let mut t = vec![first];
    if let (Some(q), Some(p)) = (node.quote(), node.para()) {
        let mut para = itoa::Buffer::new();
        let source = node.source().filter(|_| graph.sources.len() > 1);
        let mut line = String::with_capacity(q.len() + 32);
        for piece in ["“", q, "” ("] {
            line.push_str(piece);
        }
        if let Some(src) = source {
            line.push_str(src);
            line.push(' ');
        }
        for piece in ["¶", para.format(p), ")"] {
            line.push_str(piece);
        }
        t.push(line);
    }
    if node.is_implicit() {
        t.push("implicit premise: not stated in the text".to_string());
    }
    let stance = graph.stance(node);
    match (graph.voice(node), graph.is_reported(node)) {
        (Some(v), true) => t.push(format!(
            "reported: {v} says it; {}",
            stance.map_or("the author's stance is not given".to_string(), |s| format!(
                "the author {}",
                s.name()
            ))
        )),
        (Some(v), false) => {
            let mut line = String::with_capacity(v.len() + 48);
            for piece in ["in the author's voice (", v, ")"] {
                line.push_str(piece);
            }
            if let Some(s) = stance.filter(|s| *s != Stance::Endorses) {
                line.push_str("; the author ");
                line.push_str(s.name());
            }
            t.push(line);
        }
        (None, _) => {}
    }
    match node {
        Node::Actor(a) if !a.aliases.is_empty() => t.push(format!("aka {}", a.aliases.join("; "))),
        Node::Argument(a) => {
            t.push(format!("{} ⇒ {}", a.premises.join(" + "), a.conclusion));
            t.extend(a.note.clone());
        }
        Node::Conflict(c) => {
            t.push(format!("{} ⚡ {}", c.attackers.join(" + "), c.target));
            t.extend(c.note.clone());
        }
        _ => {}
    }
    t
}

/// The map's tooltip: the KB's title and each source's publication and
/// date.
pub(super) fn graph_tooltip(graph: &ArgGraph) -> String {
    let sources: Vec<String> = graph
        .sources
        .iter()
        .map(|e| {
            [
                e.source.title.as_deref(),
                e.source.publication.as_deref(),
                e.source.date.as_deref(),
            ]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
            .join(", ")
        })
        .filter(|s| !s.is_empty())
        .collect();
    if sources.is_empty() {
        graph.meta.title.clone()
    } else {
        format!("{} ({})", graph.meta.title, sources.join("; "))
    }
}
