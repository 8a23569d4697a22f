//! `stance ACTOR`: what an actor holds (asserts) and opposes, what the text
//! reports it as saying (with where the author stands on each), what it is
//! asked to do, what is said about it, and how it relates to other actors.
//! Holding and being reported are kept apart: a state's official line is
//! something it says, not necessarily something it holds.
//!
//! For a source's author (`stance author` on the essay), the author's own
//! voice comes first: everything the author says, grouped by stance
//! (endorses, concedes, rejects, relays), then every view the text reports
//! with the stance the author takes on it, each in the text's order.

use std::io::{self, Write};

use petgraph::Direction;
use serde_json::json;

use super::side;
use super::{OutputFormat, QueryError, arrow, brief, find, one_line, write_json};
use crate::graph::{ArgGraph, Edge, Node};
use crate::model::{NodeKind, RelKind, Stance as Standing};

/// An actor's place in the argument, section by section.
#[derive(Debug, Clone)]
pub struct Stance<'g> {
    pub actor: &'g Node,
    pub asserts: Vec<&'g Node>,
    pub opposes: Vec<&'g Node>,
    /// What the text reports the actor as saying (its `speaker` fields).
    pub says: Vec<&'g Node>,
    /// Recommendations addressed to the actor.
    pub asked_to: Vec<&'g Node>,
    /// Claims and recommendations about the actor.
    pub about: Vec<&'g Node>,
    /// Relations with other actors, either way.
    pub relations: Vec<Edge<'g>>,
    /// For a source's author: what it says in its own voice, by stance
    /// (in `Standing::ALL`'s order), each list in the text's order.
    pub own_voice: Vec<(Standing, Vec<&'g Node>)>,
    /// For a source's author: the views its texts report others as
    /// saying, in the text's order.
    pub reported: Vec<&'g Node>,
    /// Of the claims and recommendations above, those stated in other
    /// texts too (`SameAs`), each with its identicals, in id order.
    pub elsewhere: Vec<(&'g Node, Vec<&'g Node>)>,
}

pub fn stance<'g>(graph: &'g ArgGraph, id: &str) -> Result<Stance<'g>, QueryError> {
    let actor = find(graph, id)?;
    if actor.kind() != NodeKind::Actor {
        return Err(QueryError::BadArgument(format!(
            "`{id}` is a {}, not an actor; try `argkb show {id}`",
            actor.kind().name()
        )));
    }
    let id = actor.id();
    let outgoing = graph.edges_of(id, Direction::Outgoing);
    let incoming = graph.edges_of(id, Direction::Incoming);
    let ends = |edges: &[Edge<'g>], kind: RelKind, out: bool| -> Vec<&'g Node> {
        let mut v: Vec<&Node> = edges
            .iter()
            .filter(|e| e.kind == kind)
            .filter_map(|e| graph.node(if out { e.target } else { e.source }))
            .collect();
        v.sort_by_key(|n| (n.para(), n.id()));
        v
    };
    let relations = outgoing
        .iter()
        .chain(&incoming)
        .filter(|e| {
            let other = if e.source == id { e.target } else { e.source };
            graph
                .node(other)
                .is_some_and(|n| n.kind() == NodeKind::Actor)
        })
        .copied()
        .collect();
    let is_author = graph
        .sources
        .iter()
        .any(|s| s.source.author.as_deref() == Some(id));
    let mut own_voice: Vec<(Standing, Vec<&Node>)> =
        Standing::ALL.iter().map(|&s| (s, Vec::new())).collect();
    let mut reported = Vec::new();
    if is_author {
        for n in graph.nodes() {
            if !matches!(n.kind(), NodeKind::Claim | NodeKind::Recommendation) {
                continue;
            }
            let author_of_source = n
                .source()
                .and_then(|s| graph.source(s))
                .and_then(|s| s.source.author.as_deref());
            if graph.is_reported(n) {
                if author_of_source == Some(id) {
                    reported.push(n);
                }
            } else if graph.voice(n) == Some(id) {
                let stance = graph.stance(n).unwrap_or(Standing::Endorses);
                if let Some((_, list)) = own_voice.iter_mut().find(|(s, _)| *s == stance) {
                    list.push(n);
                }
            }
        }
        for (_, list) in &mut own_voice {
            list.sort_by_cached_key(|n| side::text_order(graph, n));
        }
        reported.sort_by_cached_key(|n| side::text_order(graph, n));
    }
    own_voice.retain(|(_, list)| !list.is_empty());
    let asserts = ends(&outgoing, RelKind::Asserts, true);
    let opposes = ends(&outgoing, RelKind::Opposes, true);
    let says = ends(&outgoing, RelKind::Says, true);
    let mut elsewhere = Vec::new();
    if graph.same_as_count() > 0 {
        let mut held: Vec<&Node> = own_voice
            .iter()
            .flat_map(|(_, list)| list.iter().copied())
            .chain(asserts.iter().copied())
            .chain(opposes.iter().copied())
            .chain(says.iter().copied())
            .collect();
        held.sort_by_key(|n| n.id());
        held.dedup_by_key(|n| n.id());
        for n in held {
            let same = graph.identical(n.id());
            if !same.is_empty() {
                elsewhere.push((n, same));
            }
        }
    }
    let s = Stance {
        actor,
        asserts,
        opposes,
        says,
        asked_to: ends(&incoming, RelKind::AddressedTo, false),
        about: ends(&incoming, RelKind::About, false),
        relations,
        own_voice,
        reported,
        elsewhere,
    };
    if s.own_voice.is_empty()
        && s.asserts.is_empty()
        && s.opposes.is_empty()
        && s.says.is_empty()
        && s.asked_to.is_empty()
        && s.about.is_empty()
        && s.relations.is_empty()
    {
        return Err(QueryError::NothingFound(format!(
            "`{id}` takes no part in the argument"
        )));
    }
    Ok(s)
}

impl Stance<'_> {
    pub fn write(
        &self,
        graph: &ArgGraph,
        format: OutputFormat,
        out: &mut dyn Write,
    ) -> io::Result<()> {
        let list = |v: &[&Node]| v.iter().map(|n| brief(n)).collect::<Vec<_>>();
        let stance_of = |n: &Node| graph.stance(n).map_or("not given", |s| s.name());
        match format {
            OutputFormat::Json => write_json(
                out,
                &json!({
                    "actor": brief(self.actor),
                    "asserts": list(&self.asserts),
                    "opposes": list(&self.opposes),
                    "says": self.says.iter().map(|n| {
                        let mut b = brief(n);
                        b["author_stance"] = json!(stance_of(n));
                        b
                    }).collect::<Vec<_>>(),
                    "asked_to": list(&self.asked_to),
                    "about": list(&self.about),
                    "relations": self.relations.iter().map(super::edge_json).collect::<Vec<_>>(),
                    "own_voice": self.own_voice.iter().map(|(st, nodes)| json!({
                        "stance": st.name(),
                        "nodes": list(nodes),
                    })).collect::<Vec<_>>(),
                    "reported": self.reported.iter().map(|n| {
                        let mut b = side::voiced(graph, n);
                        b["author_stance"] = json!(stance_of(n));
                        b
                    }).collect::<Vec<_>>(),
                    "same_elsewhere": self.elsewhere.iter().map(|(n, same)| json!({
                        "id": n.id(),
                        "same_as": same.iter().map(|m| {
                            let mut b = side::voiced(graph, m);
                            b["source"] = json!(m.source());
                            b
                        }).collect::<Vec<_>>(),
                    })).collect::<Vec<_>>(),
                }),
            ),
            OutputFormat::Text => {
                writeln!(
                    out,
                    "{}  {}  ({})",
                    self.actor.id(),
                    self.actor.text(),
                    self.actor.subkind()
                )?;
                let row = |out: &mut dyn Write, n: &Node, w: usize, note: String| {
                    let para = n.para().map(|p| format!("¶{p}")).unwrap_or_default();
                    writeln!(
                        out,
                        "  {:<w$}  {para:>4}  {}{note}",
                        n.id(),
                        one_line(&n.qualified_text())
                    )
                };
                let width = |nodes: &[&Node]| {
                    nodes
                        .iter()
                        .map(|n| n.id().chars().count())
                        .max()
                        .unwrap_or(0)
                        .min(super::MAX_COLUMN)
                };
                for (st, nodes) in &self.own_voice {
                    writeln!(out, "says in its own voice, and {}:", st.name())?;
                    let w = width(nodes);
                    for n in nodes {
                        row(out, n, w, String::new())?;
                    }
                }
                if !self.reported.is_empty() {
                    writeln!(out, "reports others as saying:")?;
                    let w = width(&self.reported);
                    for n in &self.reported {
                        let who = n.speaker().unwrap_or_default();
                        row(
                            out,
                            n,
                            w,
                            format!("  [{who} says; {}]", side::stance_phrase(graph, n)),
                        )?;
                    }
                }
                for (title, nodes) in [
                    ("asserts", &self.asserts),
                    ("opposes", &self.opposes),
                    ("is reported to say", &self.says),
                    ("is asked to", &self.asked_to),
                    ("is the subject of", &self.about),
                ] {
                    if nodes.is_empty() {
                        continue;
                    }
                    writeln!(out, "{title}:")?;
                    let w = nodes
                        .iter()
                        .map(|n| n.id().chars().count())
                        .max()
                        .unwrap_or(0)
                        .min(super::MAX_COLUMN);
                    let reported = std::ptr::eq(nodes, &self.says);
                    for n in nodes.iter() {
                        let para = n.para().map(|p| format!("¶{p}")).unwrap_or_default();
                        let note = if reported {
                            format!("  [{}]", side::stance_phrase(graph, n))
                        } else {
                            String::new()
                        };
                        writeln!(
                            out,
                            "  {:<w$}  {para:>4}  {}{note}",
                            n.id(),
                            one_line(n.text())
                        )?;
                    }
                }
                if !self.relations.is_empty() {
                    writeln!(out, "relations:")?;
                    for e in &self.relations {
                        writeln!(out, "  {} {} {}", e.source, arrow(e.kind), e.target)?;
                    }
                }
                if !self.elsewhere.is_empty() {
                    writeln!(out, "the same propositions in other texts:")?;
                    for (n, same) in &self.elsewhere {
                        for m in same {
                            let voice = side::voice_tag(graph, m);
                            writeln!(
                                out,
                                "  {} = {}{}{voice}",
                                n.id(),
                                m.id(),
                                m.source().map(|s| format!(" in {s}")).unwrap_or_default()
                            )?;
                        }
                    }
                }
                Ok(())
            }
        }
    }
}
