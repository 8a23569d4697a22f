//! What a node says on the map: its wrapped label (text, hedges, voice and
//! stance) and its tooltip (full text and quote), and the graph's tooltip.

use super::*;

/// Breaks text into lines of at most about `width` characters at spaces;
/// a longer word stands on a line of its own.
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines: Vec<String> = Vec::with_capacity(text.len() / width.max(1) + 1);
    lay_out(text, width, |word, starts_line| match lines.last_mut() {
        Some(line) if !starts_line => {
            line.push(' ');
            line.push_str(word);
        }
        _ => {
            // Each line sized once: about `width` chars of mostly one byte.
            let mut line = String::with_capacity(width + 16);
            line.push_str(word);
            lines.push(line);
        }
    });
    if lines.is_empty() {
        lines.push(String::new());
    }
    lines
}

/// Lays `text` out as `wrap` does, giving each word in order and whether
/// it starts a line; a text without words gives nothing (`wrap` makes it
/// one empty line).
fn lay_out<'a>(text: &'a str, width: usize, word: impl FnMut(&'a str, bool)) {
    // ASCII text (most labels) is split and measured by bytes: the same
    // words and lengths, without decoding chars. U+000B is the one ASCII
    // char that `split_whitespace` splits at and `split_ascii_whitespace`
    // does not, so a text holding it goes the general way.
    if text.is_ascii() && !text.contains('\x0b') {
        lay_out_words(text.split_ascii_whitespace(), width, str::len, word);
    } else {
        lay_out_words(text.split_whitespace(), width, |w| w.chars().count(), word);
    }
}

/// `lay_out` over `words`, `chars_of` giving a word's length in chars.
pub(super) fn lay_out_words<'a>(
    words: impl Iterator<Item = &'a str>,
    width: usize,
    chars_of: impl Fn(&str) -> usize,
    mut word: impl FnMut(&'a str, bool),
) {
    // The current line's length in chars; `None` before the first word.
    let mut line: Option<usize> = None;
    for w in words {
        let n = chars_of(w);
        match line {
            Some(chars) if chars + 1 + n <= width => {
                word(w, false);
                line = Some(chars + 1 + n);
            }
            _ => {
                word(w, true);
                line = Some(n);
            }
        }
    }
}

/// Writes `text` laid out by `wrap` as lines of `q`. Words that stand in
/// the text one space apart, as most do, are written as one run (each
/// piece escaped is a call).
fn write_wrapped(q: &mut Quoted<'_>, text: &str, width: usize) {
    let base = text.as_ptr() as usize;
    // The part of the current line not yet written: `text[from..to]`.
    let mut run: Option<(usize, usize)> = None;
    lay_out(text, width, |word, starts_line| {
        let at = word.as_ptr() as usize - base;
        let end = at + word.len();
        match run {
            Some((from, to)) if !starts_line && &text[to..at] == " " => {
                run = Some((from, end));
                return;
            }
            Some((from, to)) => {
                q.text(&text[from..to]);
                if starts_line {
                    q.line();
                } else {
                    q.text(" ");
                }
            }
            None => q.line(),
        }
        run = Some((at, end));
    });
    match run {
        Some((from, to)) => q.text(&text[from..to]),
        None => q.line(),
    }
}

/// Writes the lines of a node's label: who says it (for reported
/// speech), the text with its hedges, wrapped, and the author's stance
/// when it is not plain endorsement, or that it is an implicit premise.
pub(super) fn write_label(q: &mut Quoted<'_>, graph: &ArgGraph, node: &Node, width: usize) {
    if graph.is_reported(node)
        && let Some(sp) = node.speaker()
    {
        let name = graph.node(sp).map_or(sp, Node::text);
        // "said by", not "X says": an actor's name may be plural ("Some
        // parents").
        q.line();
        for piece in ["said by ", name, ":"] {
            q.text(piece);
        }
    }
    write_wrapped(q, &node.qualified_text(), width);
    let implicit = node.is_implicit();
    let authored = node
        .source()
        .and_then(|s| graph.source(s))
        .is_some_and(|s| s.source.author.is_some());
    let stance_note = match graph.stance(node) {
        Some(Stance::Endorses) | None => None,
        // No author to stand anywhere (an imported dialogue): a relayed
        // report is just reported.
        Some(Stance::Relays) if !authored => Some(("", "reported")),
        Some(st) if !authored => Some(("stance: ", st.name())),
        Some(st) => Some(("author ", st.name())),
    };
    if implicit || stance_note.is_some() {
        q.line();
        q.text("(");
        if implicit {
            q.text("implicit");
            if stance_note.is_some() {
                q.text("; ");
            }
        }
        if let Some((lead, name)) = stance_note {
            q.text(lead);
            q.text(name);
        }
        q.text(")");
    }
}

/// Writes the lines of a node's tooltip: its full text and kind, its
/// quote and paragraph, whose voice it is in, and what an argument or a
/// named conflict joins.
pub(super) fn write_tooltip(q: &mut Quoted<'_>, graph: &ArgGraph, node: &Node) {
    q.line();
    q.text(&node.qualified_text());
    for piece in [" (", node_style_key(node), ")"] {
        q.text(piece);
    }
    if let (Some(quote), Some(p)) = (node.quote(), node.para()) {
        q.line();
        for piece in ["“", quote, "” ("] {
            q.text(piece);
        }
        if let Some(src) = node.source().filter(|_| graph.sources.len() > 1) {
            q.text(src);
            q.text(" ");
        }
        for piece in ["¶", itoa::Buffer::new().format(p), ")"] {
            q.text(piece);
        }
    }
    if node.is_implicit() {
        q.line();
        q.text("implicit premise: not stated in the text");
    }
    let stance = graph.stance(node);
    match (graph.voice(node), graph.is_reported(node)) {
        (Some(v), true) => {
            q.line();
            for piece in ["reported: ", v, " says it; "] {
                q.text(piece);
            }
            match stance {
                Some(s) => {
                    q.text("the author ");
                    q.text(s.name());
                }
                None => q.text("the author's stance is not given"),
            }
        }
        (Some(v), false) => {
            q.line();
            for piece in ["in the author's voice (", v, ")"] {
                q.text(piece);
            }
            if let Some(s) = stance.filter(|s| *s != Stance::Endorses) {
                q.text("; the author ");
                q.text(s.name());
            }
        }
        (None, _) => {}
    }
    let joined = |q: &mut Quoted<'_>, items: &[String], sep: &str| {
        for (i, item) in items.iter().enumerate() {
            if i > 0 {
                q.text(sep);
            }
            q.text(item);
        }
    };
    // An argument's or a conflict's line (`a + b ⇒ c`), then its note.
    let inference =
        |q: &mut Quoted<'_>, from: &[String], arrow, to: &str, note: &Option<String>| {
            q.line();
            joined(q, from, " + ");
            q.text(arrow);
            q.text(to);
            if let Some(note) = note {
                q.line();
                q.text(note);
            }
        };
    match node {
        Node::Actor(a) if !a.aliases.is_empty() => {
            q.line();
            q.text("aka ");
            joined(q, &a.aliases, "; ");
        }
        Node::Argument(a) => inference(q, &a.premises, " ⇒ ", &a.conclusion, &a.note),
        Node::Conflict(c) => inference(q, &c.attackers, " ⚡ ", &c.target, &c.note),
        _ => {}
    }
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
