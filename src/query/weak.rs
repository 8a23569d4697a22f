//! `weak-points`: where the argument is most open to challenge:
//! recommendations resting on a single line of support, unsupported claims
//! (other than facts and events, the argument's evidence) that others
//! depend on, attacked claims that nothing defends, inferences undercut
//! where nothing answers the undercutter, and cycles of support.

use std::io::{self, Write};

use petgraph::Direction;
use petgraph::algo::kosaraju_scc;
use petgraph::graphmap::DiGraphMap;
use serde_json::json;

use super::{OutputFormat, QueryError, brief, one_line, write_json};
use crate::graph::{ArgGraph, Node};
use crate::model::{NodeKind, RelKind};

/// A node and the other nodes that explain why it is listed.
#[derive(Debug, Clone)]
pub struct Point<'g> {
    pub node: &'g Node,
    /// The single supporter, the dependents, or the undefended attackers.
    pub related: Vec<&'g str>,
}

#[derive(Debug, Clone, Default)]
pub struct WeakPoints<'g> {
    /// Recommendations with exactly one line of support (the supporter).
    pub single_support: Vec<Point<'g>>,
    /// Claims other than facts and events that nothing supports but other
    /// nodes rest on (the dependents).
    pub unsupported_premises: Vec<Point<'g>>,
    /// Claims and recommendations under attack where no attacker is itself
    /// attacked or undercut (the attackers).
    pub undefended: Vec<Point<'g>>,
    /// Inferences (arguments) undercut where no undercutter is itself
    /// attacked or undercut (the undercutters).
    pub undercut: Vec<Point<'g>>,
    /// Sets of nodes whose support runs in a circle.
    pub support_cycles: Vec<Vec<&'g str>>,
}

impl WeakPoints<'_> {
    pub fn is_empty(&self) -> bool {
        self.single_support.is_empty()
            && self.unsupported_premises.is_empty()
            && self.undefended.is_empty()
            && self.undercut.is_empty()
            && self.support_cycles.is_empty()
    }
}

pub fn weak_points(graph: &ArgGraph) -> Result<WeakPoints<'_>, QueryError> {
    let mut w = WeakPoints::default();
    let mut support: DiGraphMap<&str, ()> = DiGraphMap::new();
    for node in graph.nodes() {
        let id = node.id();
        let incoming = graph.edges_of(id, Direction::Incoming);
        let outgoing = graph.edges_of(id, Direction::Outgoing);
        for e in outgoing.iter().filter(|e| e.kind.is_support()) {
            support.add_edge(e.source, e.target, ());
        }
        let supporters: Vec<&str> = incoming
            .iter()
            .filter(|e| matches!(e.kind, RelKind::Supports | RelKind::Conclusion))
            .map(|e| e.source)
            .collect();
        match node.kind() {
            NodeKind::Recommendation if supporters.len() == 1 => w.single_support.push(Point {
                node,
                related: supporters.clone(),
            }),
            // Facts and events are the argument's evidence; an unsupported
            // assessment, prediction, assumption or goal is a leap.
            NodeKind::Claim
                if supporters.is_empty() && !matches!(node.subkind(), "fact" | "event") =>
            {
                let dependents: Vec<&str> = outgoing
                    .iter()
                    .filter(|e| matches!(e.kind, RelKind::Supports | RelKind::Premise))
                    .map(|e| e.target)
                    .collect();
                if !dependents.is_empty() {
                    w.unsupported_premises.push(Point {
                        node,
                        related: dependents,
                    });
                }
            }
            _ => {}
        }
        // Answered: attacked or undercut itself or, for a named conflict,
        // through one of its attackers.
        let answered = |a: &&str| {
            let incoming = graph.edges_of(a, Direction::Incoming);
            let is_conflict = graph
                .node(a)
                .is_some_and(|n| n.kind() == NodeKind::Conflict);
            incoming.iter().any(|e| {
                matches!(e.kind, RelKind::Attacks | RelKind::Undercuts)
                    || is_conflict
                        && e.kind == RelKind::Premise
                        && graph
                            .edges_of(e.source, Direction::Incoming)
                            .iter()
                            .any(|e| matches!(e.kind, RelKind::Attacks | RelKind::Undercuts))
            })
        };
        if matches!(node.kind(), NodeKind::Argument | NodeKind::Conflict) {
            let undercutters: Vec<&str> = incoming
                .iter()
                .filter(|e| e.kind == RelKind::Undercuts)
                .map(|e| e.source)
                .collect();
            if !undercutters.is_empty() && !undercutters.iter().any(answered) {
                w.undercut.push(Point {
                    node,
                    related: undercutters,
                });
            }
        }
        if matches!(node.kind(), NodeKind::Claim | NodeKind::Recommendation) {
            let attackers: Vec<&str> = incoming
                .iter()
                .filter(|e| e.kind == RelKind::Attacks)
                .map(|e| e.source)
                .collect();
            let defended = attackers.iter().any(answered);
            if !attackers.is_empty() && !defended {
                w.undefended.push(Point {
                    node,
                    related: attackers,
                });
            }
        }
    }
    // Iterative (Kosaraju), so a support chain of any length is safe.
    for scc in kosaraju_scc(&support) {
        if scc.len() > 1 {
            let mut ids = scc;
            ids.sort_unstable();
            w.support_cycles.push(ids);
        }
    }
    w.support_cycles.sort();
    w.unsupported_premises.sort_by(|a, b| {
        b.related
            .len()
            .cmp(&a.related.len())
            .then_with(|| a.node.id().cmp(b.node.id()))
    });
    if w.is_empty() {
        return Err(QueryError::NothingFound("no weak points found".into()));
    }
    Ok(w)
}

impl WeakPoints<'_> {
    pub fn write(&self, format: OutputFormat, out: &mut dyn Write) -> io::Result<()> {
        let points = |v: &[Point<'_>], key: &str| {
            v.iter()
                .map(|p| {
                    let mut b = brief(p.node);
                    b[key] = json!(p.related);
                    b
                })
                .collect::<Vec<_>>()
        };
        match format {
            OutputFormat::Json => write_json(
                out,
                &json!({
                    "single_support": points(&self.single_support, "supported_by"),
                    "unsupported_premises": points(&self.unsupported_premises, "dependents"),
                    "undefended": points(&self.undefended, "attacked_by"),
                    "undercut": points(&self.undercut, "undercut_by"),
                    "support_cycles": self.support_cycles,
                }),
            ),
            OutputFormat::Text => {
                let sections: [(&str, &str, &[Point<'_>]); 4] = [
                    (
                        "Recommendations resting on a single line of support",
                        "rests on",
                        &self.single_support,
                    ),
                    (
                        "Unsupported judgements that others depend on",
                        "needed by",
                        &self.unsupported_premises,
                    ),
                    (
                        "Attacked, and no attacker is answered",
                        "attacked by",
                        &self.undefended,
                    ),
                    (
                        "Inferences undercut, and no undercutter is answered",
                        "undercut by",
                        &self.undercut,
                    ),
                ];
                let mut first = true;
                for (title, verb, list) in sections {
                    if list.is_empty() {
                        continue;
                    }
                    if !first {
                        writeln!(out)?;
                    }
                    first = false;
                    writeln!(out, "{title}:")?;
                    for p in list {
                        writeln!(
                            out,
                            "  {}  [{}] {}",
                            p.node.id(),
                            p.node.subkind(),
                            one_line(p.node.text())
                        )?;
                        writeln!(out, "      {verb} {}", p.related.join(", "))?;
                    }
                }
                if !self.support_cycles.is_empty() {
                    if !first {
                        writeln!(out)?;
                    }
                    writeln!(out, "Support cycles:")?;
                    for c in &self.support_cycles {
                        writeln!(out, "  {}", c.join(" → "))?;
                    }
                }
                Ok(())
            }
        }
    }
}
