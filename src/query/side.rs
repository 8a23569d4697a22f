//! Whose side a node is on, and whether an attack on it is answered: the
//! author's reading that `why`, `challenges`, `weak-points` and `stance`
//! share.
//!
//! A node's *standing* is the author's stance on it (`Graph::stance`): a
//! claim or recommendation as written or by default, an argument by its
//! conclusion, a named conflict by its attackers. The author's *case* is
//! what the author endorses or concedes; a view the author rejects (or only
//! relays) is someone else's. A KB whose sources name no author has no
//! case of an author: every node counts, as before.
//!
//! An attack is *answered* when the author prefers its target to the
//! attacker (`Prefers`), or when something the author does not reject
//! attacks or undercuts the attacker (for a named conflict: undercuts the
//! conflict, or attacks one of its attackers), other than the target
//! itself: a mutual attack is settled only by a preference or a third
//! node.

use petgraph::Direction;
use serde_json::{Value, json};

use crate::graph::{ArgGraph, Node};
use crate::model::{NodeKind, RelKind, Stance};

/// Which items a query lists: those bearing on the author's case, or all.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Side {
    /// what bears on the case the source's author makes (what the author
    /// endorses or concedes)
    Author,
    /// everything, whoever holds it
    All,
}

impl Side {
    /// The side asked for, or by default the author's when a source of the
    /// KB names its author (else all).
    pub fn or_default(side: Option<Side>, graph: &ArgGraph) -> Side {
        side.unwrap_or_else(|| {
            if graph.has_author() {
                Side::Author
            } else {
                Side::All
            }
        })
    }

    pub fn name(self) -> &'static str {
        match self {
            Side::Author => "author",
            Side::All => "all",
        }
    }
}

/// The author's stance on `node`: a claim's or recommendation's own, an
/// argument's conclusion's, a conflict's first attacker's (`None` for
/// actors, and for reports whose stance the KB does not give).
pub fn standing(graph: &ArgGraph, node: &Node) -> Option<Stance> {
    match node.kind() {
        NodeKind::Claim | NodeKind::Recommendation => graph.stance(node),
        NodeKind::Argument => end(graph, node, RelKind::Conclusion, Direction::Outgoing),
        NodeKind::Conflict => end(graph, node, RelKind::Premise, Direction::Incoming),
        NodeKind::Actor => None,
    }
}

fn end(graph: &ArgGraph, node: &Node, kind: RelKind, dir: Direction) -> Option<Stance> {
    graph
        .edges_of(node.id(), dir)
        .into_iter()
        .filter(|e| e.kind == kind)
        .filter_map(|e| {
            graph.node(if dir == Direction::Outgoing {
                e.target
            } else {
                e.source
            })
        })
        .find_map(|n| graph.stance(n))
}

/// Whether `node` belongs to the author's case: the author endorses or
/// concedes it (always, in a KB without an author); a named conflict only
/// when the author endorses its attackers.
pub fn on_author_side(graph: &ArgGraph, node: &Node) -> bool {
    if !graph.has_author() {
        return true;
    }
    match standing(graph, node) {
        // A conflict's attack is the author's only when the author holds
        // its attackers: a conceded objection still argues against the
        // author.
        Some(Stance::Endorses) => true,
        Some(Stance::Concedes) => node.kind() != NodeKind::Conflict,
        _ => false,
    }
}

/// Whether `side` lists an item about `node`.
pub fn shows(side: Side, graph: &ArgGraph, node: &Node) -> bool {
    side == Side::All || on_author_side(graph, node)
}

/// How an attack is answered.
#[derive(Debug, Clone, Default)]
pub struct Answer<'g> {
    /// The target is preferred to the attacker (or, for a named conflict,
    /// to one of its attackers): the attack fails.
    pub preferred: bool,
    /// What attacks or undercuts the attacker (or, for a named conflict,
    /// undercuts it or attacks one of its attackers), the author's
    /// rejected views left out.
    pub counters: Vec<&'g Node>,
}

impl Answer<'_> {
    pub fn is_answered(&self) -> bool {
        self.preferred || !self.counters.is_empty()
    }

    /// `{"answered", "preferred", "counters": [brief…]}`.
    pub fn to_json(&self, graph: &ArgGraph) -> Value {
        json!({
            "answered": self.is_answered(),
            "preferred": self.preferred,
            "counters": self.counters.iter().map(|n| voiced(graph, n)).collect::<Vec<_>>(),
        })
    }
}

/// How the attack of `attacker` on `target` is answered.
pub fn answer<'g>(graph: &'g ArgGraph, attacker: &'g Node, target: &Node) -> Answer<'g> {
    let prefers = |a: &str| {
        graph
            .edges_of(target.id(), Direction::Outgoing)
            .iter()
            .any(|e| e.kind == RelKind::Prefers && e.target == a)
    };
    let mut preferred = prefers(attacker.id());
    let mut counters = attackers_of(graph, attacker.id());
    if attacker.kind() == NodeKind::Conflict {
        for e in graph.edges_of(attacker.id(), Direction::Incoming) {
            if e.kind == RelKind::Premise {
                preferred |= prefers(e.source);
                counters.extend(attackers_of(graph, e.source));
            }
        }
    }
    let author = graph.has_author();
    // The target's own attack back is no answer: a mutual attack that
    // nothing else settles stays undecided.
    counters.retain(|n| {
        n.id() != target.id() && (!author || standing(graph, n) != Some(Stance::Rejects))
    });
    counters.sort_by_key(|n| n.id());
    counters.dedup_by_key(|n| n.id());
    Answer {
        preferred,
        counters,
    }
}

/// What attacks or undercuts `id`.
fn attackers_of<'g>(graph: &'g ArgGraph, id: &str) -> Vec<&'g Node> {
    graph
        .edges_of(id, Direction::Incoming)
        .into_iter()
        .filter(|e| matches!(e.kind, RelKind::Attacks | RelKind::Undercuts))
        .filter_map(|e| graph.node(e.source))
        .collect()
}

/// `voice_note` as a tag after a line: `  [note]`, or nothing.
pub fn voice_tag(graph: &ArgGraph, node: &Node) -> String {
    let voice = voice_note(graph, node);
    if voice.is_empty() {
        voice
    } else {
        format!("  [{voice}]")
    }
}

/// Who says `node` and where the author stands, for text answers:
/// `the author endorses`, `china says; the author relays`; empty in a KB
/// without an author for a node nobody is reported to say.
pub fn voice_note(graph: &ArgGraph, node: &Node) -> String {
    if !matches!(node.kind(), NodeKind::Claim | NodeKind::Recommendation) {
        let of = if node.kind() == NodeKind::Conflict {
            "its attackers"
        } else {
            "its conclusion"
        };
        return match standing(graph, node) {
            Some(s) if graph.has_author() => format!("the author {} {of}", s.name()),
            _ => String::new(),
        };
    }
    let stance = graph.stance(node).map_or("does not say", |s| s.name());
    if graph.is_reported(node) {
        let speaker = node.speaker().unwrap_or_default();
        format!("{speaker} says; {}", stance_phrase(graph, node))
    } else if graph.sources.len() > 1
        && let Some(voice) = graph.voice(node)
    {
        // Several texts: say whose.
        format!("{voice}, the author, {stance}")
    } else if graph.voice(node).is_some() || node.stance().is_some() {
        format!("the author {stance}")
    } else {
        String::new()
    }
}

/// Where the author stands on a node, in words: `the author rejects`; for
/// a node whose source names no author (an imported dialogue, say),
/// `reported` for a relayed report and `stance: …` otherwise, since there
/// is no author to stand anywhere.
pub fn stance_phrase(graph: &ArgGraph, node: &Node) -> String {
    let stance = graph.stance(node);
    let author = node
        .source()
        .and_then(|s| graph.source(s))
        .and_then(|s| s.source.author.as_deref());
    match (author, stance) {
        (Some(_), Some(s)) => format!("the author {}", s.name()),
        (Some(_), None) => "the author's stance not given".to_string(),
        (None, Some(Stance::Relays)) => "reported".to_string(),
        (None, Some(s)) => format!("stance: {}", s.name()),
        (None, None) => "reported".to_string(),
    }
}

/// A node as JSON (`query::brief`) with its voice and the author's stance:
/// `"voice"` (the actor whose words it is, or null), `"reported"`,
/// `"stance"` (the author's, or null).
pub fn voiced(graph: &ArgGraph, node: &Node) -> Value {
    let mut v = super::brief(node);
    let prop = matches!(node.kind(), NodeKind::Claim | NodeKind::Recommendation);
    v["voice"] = json!(if prop { graph.voice(node) } else { None });
    v["reported"] = json!(prop && graph.is_reported(node));
    v["stance"] = json!(standing(graph, node).map(|s| s.name()));
    v
}

/// Where `node` stands in its text, for listing in the text's order: the
/// title (a quote without paragraph) first, then by paragraph, within one
/// by place in the KB (file, section, position: curators write a
/// paragraph's claims in its order); nodes without a paragraph or quote
/// (implicit premises, arguments) last, in the same order.
pub fn text_order(graph: &ArgGraph, node: &Node) -> (u32, (usize, &'static str, usize), String) {
    let para = match node.para() {
        Some(p) => p,
        None if node.quote().is_some() => 0,
        None => u32::MAX,
    };
    let place = graph
        .origin(node.id())
        .map_or((usize::MAX, "", usize::MAX), |(file, section, i)| {
            (file, section, i)
        });
    (para, place, node.id().to_string())
}

/// The words for `node` in answers: its text, or for a named conflict
/// without a scheme, which attackers attack what (`a, b attack t`).
pub fn words(graph: &ArgGraph, node: &Node) -> String {
    if node.kind() != NodeKind::Conflict || node.scheme().is_some() {
        return node.qualified_text().into_owned();
    }
    let (mut attackers, mut target) = (Vec::new(), "");
    for e in graph.edges_of(node.id(), Direction::Incoming) {
        if e.kind == RelKind::Premise {
            attackers.push(e.source);
        }
    }
    for e in graph.edges_of(node.id(), Direction::Outgoing) {
        if matches!(e.kind, RelKind::Attacks | RelKind::Undercuts) {
            target = e.target;
        }
    }
    let verb = if attackers.len() == 1 {
        "attacks"
    } else {
        "attack"
    };
    format!("{} {verb} {target}", attackers.join(", "))
}
