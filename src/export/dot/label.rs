//! What a node says on the map: its wrapped label (text, hedges, voice and
//! stance) and its tooltip (full text and quote), and the graph's tooltip.

use super::*;

/// Breaks text into lines of at most about `width` characters at spaces;
/// a longer word stands on a line of its own.
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines = Vec::with_capacity(text.len() / width.max(1) + 1);
    // Each line sized once: about `width` chars of mostly one byte.
    let fresh = || String::with_capacity(width + 16);
    let mut line = fresh();
    // The line's length in chars, kept as it grows.
    let mut chars = 0;
    for word in text.split_whitespace() {
        let n = word.chars().count();
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
    let mut t = vec![format!(
        "{} ({})",
        node.qualified_text(),
        node_style_key(node)
    )];
    if let (Some(q), Some(p)) = (node.quote(), node.para()) {
        match node.source().filter(|_| graph.sources.len() > 1) {
            Some(src) => t.push(format!("“{q}” ({src} ¶{p})")),
            None => t.push(format!("“{q}” (¶{p})")),
        }
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
        (Some(v), false) => t.push(format!(
            "in the author's voice ({v}){}",
            stance
                .filter(|s| *s != Stance::Endorses)
                .map(|s| format!("; the author {}", s.name()))
                .unwrap_or_default()
        )),
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
