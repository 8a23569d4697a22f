//! `weak-points`: where the argument is most open to challenge:
//! recommendations resting on a single line of support, unsupported claims
//! (other than facts and events, the argument's evidence) that others
//! depend on, attacked claims that nothing defends, inferences undercut
//! where nothing answers the undercutter, and cycles of support; and,
//! apart, the attacks the argument answers (`side::answer`: a preference
//! for the target, or a counter-attack).
//!
//! On the author's side (`Side::Author`, the default for a KB whose source
//! names its author) only what the author endorses or concedes is listed:
//! a view the author rejects is not a weak point of the author's case.

use std::io::{self, Write};

use petgraph::Direction;
use petgraph::algo::kosaraju_scc;
use petgraph::graphmap::DiGraphMap;
use serde_json::json;

use super::side::{self, Side};
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
    /// Claims, recommendations and inferences under attack where every
    /// attack is answered (the attackers).
    pub answered: Vec<Point<'g>>,
    /// Nodes left out as not on the side asked for.
    pub other_side: usize,
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

pub fn weak_points(graph: &ArgGraph, side: Side) -> Result<WeakPoints<'_>, QueryError> {
    let mut w = WeakPoints::default();
    let mut other = std::collections::BTreeSet::new();
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
        let listed = side::shows(side, graph, node);
        match node.kind() {
            NodeKind::Actor => {}
            _ if !listed => {
                other.insert(id);
            }
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
        let attack = match node.kind() {
            NodeKind::Argument | NodeKind::Conflict => RelKind::Undercuts,
            NodeKind::Claim | NodeKind::Recommendation => RelKind::Attacks,
            NodeKind::Actor => continue,
        };
        let attackers: Vec<&str> = incoming
            .iter()
            .filter(|e| e.kind == attack)
            .map(|e| e.source)
            .collect();
        if attackers.is_empty() {
            continue;
        }
        if !listed {
            continue;
        }
        let answered = |a: &&str| {
            graph
                .node(a)
                .is_some_and(|a| side::answer(graph, a, node).is_answered())
        };
        if attackers.iter().all(answered) {
            w.answered.push(Point {
                node,
                related: attackers,
            });
        } else if attack == RelKind::Undercuts {
            // An inference stands if one undercutter is answered (as
            // before); the others are listed with it.
            if !attackers.iter().any(answered) {
                w.undercut.push(Point {
                    node,
                    related: attackers,
                });
            } else {
                w.answered.push(Point {
                    node,
                    related: attackers,
                });
            }
        } else {
            let unanswered = attackers.iter().filter(|a| !answered(a)).copied().collect();
            w.undefended.push(Point {
                node,
                related: unanswered,
            });
        }
    }
    // Iterative (Kosaraju), so a support chain of any length is safe.
    for scc in kosaraju_scc(&support) {
        let shown = scc
            .iter()
            .any(|id| graph.node(id).is_some_and(|n| side::shows(side, graph, n)));
        if scc.len() > 1 && shown {
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
    w.other_side = other.len();
    if w.is_empty() {
        let answered = match w.answered.len() {
            0 => String::new(),
            1 => " (1 node's attacks are all answered)".to_string(),
            n => format!(" ({n} nodes' attacks are all answered)"),
        };
        return Err(QueryError::NothingFound(format!(
            "no weak points found{answered}"
        )));
    }
    Ok(w)
}

impl WeakPoints<'_> {
    pub fn write(
        &self,
        graph: &ArgGraph,
        format: OutputFormat,
        out: &mut dyn Write,
    ) -> io::Result<()> {
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
                    "answered": points(&self.answered, "attacked_by"),
                    "other_side": self.other_side,
                }),
            ),
            OutputFormat::Text => {
                // The weak points, then (apart) what is answered; support
                // cycles last.
                let sections: [(&str, &str, &[Point<'_>]); 5] = [
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
                    (
                        "Answered (attacked, and every attack is answered)",
                        "attacked by",
                        &self.answered,
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
                            one_line(&side::words(graph, p.node))
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
