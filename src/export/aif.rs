//! AIF JSON, as AIFdb (`--format aif`) and OVA3 (`--format xaif`) read it.
//!
//! - claims and recommendations → I-nodes (`nodeID` = the KB id);
//! - arguments → RA-nodes (`nodeID` = the KB id, the scheme as `scheme`
//!   and text), with an edge from each premise and one to the conclusion;
//! - `Supports(a, b)` → an RA-node `a/supports/b` with the one premise;
//! - `Attacks(a, b)` → a CA-node `a/attacks/b`; `Undercuts(c, arg)` → a
//!   CA-node `c/undercuts/arg` pointing at the argument's RA-node;
//! - a named conflict → a CA-node (`nodeID` = the KB id) with an edge from
//!   each attacker and one to its target; `Undercuts(c, conflict)` → a
//!   CA-node pointing at that CA-node (an attack on an attack);
//! - `Rephrases(a, b)` → an MA-node, `Prefers(a, b)` → a PA-node;
//! - a node's speaker, and `Asserts` and `Opposes` from actors → an L-node
//!   (`Name : text`) and a YA-node (`Asserting` or `Disagreeing`) anchored
//!   on the I- or RA-node, with the locution and its participant listed.
//!
//! Made-up node ids contain `/`, which no KB id does, so they never collide
//! with a KB id; edge ids are `from>to`. Relations AIF has no node for
//! (about, addressed to, actor to actor) are counted by `unwritten`.
//! serde_json does all escaping.

use std::collections::BTreeMap;
use std::io::{self, Write};

use serde_json::{Value, json};

use super::Exporter;
use crate::graph::select::Selection;
use crate::graph::{ArgGraph, Node};
use crate::model::{NodeKind, RelKind};

/// The AIF exporter; `xaif` wraps the document the OVA3 way.
pub struct Aif {
    pub xaif: bool,
}

/// Relation kinds AIF has a node for.
fn written(kind: RelKind) -> bool {
    matches!(
        kind,
        RelKind::Supports
            | RelKind::Attacks
            | RelKind::Undercuts
            | RelKind::Premise
            | RelKind::Conclusion
            | RelKind::Says
            | RelKind::Asserts
            | RelKind::Opposes
            | RelKind::Rephrases
            | RelKind::Prefers
    )
}

impl Aif {
    /// The AIF document: nodes, edges and locutions (classic AIFdb), or
    /// those and the participants wrapped the OVA3 way (xAIF).
    pub fn document(&self, graph: &ArgGraph, sel: &Selection<'_>) -> Value {
        let mut nodes = Vec::new();
        let mut edges = Vec::new();
        let mut locutions = Vec::new();
        let mut participants = BTreeMap::new();
        let mut edge = |from: &str, to: &str| {
            edges.push(json!({
                "edgeID": format!("{from}>{to}"),
                "fromID": from,
                "toID": to,
                "formEdgeID": null,
            }));
        };
        for n in &sel.nodes {
            match n {
                Node::Proposition(_) => {
                    nodes.push(json!({"nodeID": n.id(), "text": n.text(), "type": "I"}));
                }
                Node::Argument(a) => {
                    let text = a.scheme.as_deref().unwrap_or("Default Inference");
                    let mut node = json!({"nodeID": a.id, "text": text, "type": "RA"});
                    if let Some(s) = &a.scheme {
                        node["scheme"] = json!(s);
                    }
                    nodes.push(node);
                }
                Node::Conflict(c) => {
                    let text = c.scheme.as_deref().unwrap_or("Default Conflict");
                    let mut node = json!({"nodeID": c.id, "text": text, "type": "CA"});
                    if let Some(s) = &c.scheme {
                        node["scheme"] = json!(s);
                    }
                    nodes.push(node);
                }
                Node::Actor(_) => {}
            }
        }
        for e in &sel.edges {
            let made = format!("{}/{}/{}", e.source, e.kind.name(), e.target);
            match e.kind {
                RelKind::Premise | RelKind::Conclusion => edge(e.source, e.target),
                RelKind::Supports => {
                    nodes.push(json!({"nodeID": made, "text": "Default Inference", "type": "RA"}));
                    edge(e.source, &made);
                    edge(&made, e.target);
                }
                // A named conflict is its own CA-node.
                RelKind::Attacks | RelKind::Undercuts
                    if graph
                        .node(e.source)
                        .is_some_and(|n| n.kind() == NodeKind::Conflict) =>
                {
                    edge(e.source, e.target)
                }
                RelKind::Attacks | RelKind::Undercuts => {
                    nodes.push(json!({"nodeID": made, "text": "Default Conflict", "type": "CA"}));
                    edge(e.source, &made);
                    edge(&made, e.target);
                }
                RelKind::Rephrases => {
                    nodes.push(json!({"nodeID": made, "text": "Default Rephrase", "type": "MA"}));
                    edge(e.source, &made);
                    edge(&made, e.target);
                }
                RelKind::Prefers => {
                    nodes.push(json!({"nodeID": made, "text": "Default Preference", "type": "PA"}));
                    edge(e.source, &made);
                    edge(&made, e.target);
                }
                RelKind::Says | RelKind::Asserts | RelKind::Opposes => {
                    let (Some(actor), Some(content)) = (graph.node(e.source), graph.node(e.target))
                    else {
                        continue;
                    };
                    let name = actor.text();
                    let l = format!("{made}/L");
                    let ya = format!("{made}/YA");
                    let illocution = if e.kind == RelKind::Opposes {
                        "Disagreeing"
                    } else {
                        "Asserting"
                    };
                    let said = match content {
                        Node::Argument(a) => a.scheme.clone().unwrap_or_else(|| a.id.clone()),
                        n => n.text().to_string(),
                    };
                    nodes.push(
                        json!({"nodeID": l, "text": format!("{name} : {said}"), "type": "L"}),
                    );
                    nodes.push(json!({"nodeID": ya, "text": illocution, "type": "YA"}));
                    edge(&l, &ya);
                    edge(&ya, e.target);
                    locutions.push(json!({"nodeID": l, "personID": e.source}));
                    participants.insert(e.source, name);
                }
                _ => {}
            }
        }
        let participants: Vec<Value> = participants
            .into_iter()
            .map(|(id, name)| json!({"participantID": id, "firstname": name, "surname": ""}))
            .collect();
        if self.xaif {
            // `participants` belongs to xAIF: a classic AIFdb document has
            // none (its locutions name people by `personID`, and an L-node's
            // text names its speaker), and a reader that tells the dialects
            // apart by it would take a classic file for unwrapped xAIF.
            let aif = json!({
                "nodes": nodes,
                "edges": edges,
                "locutions": locutions,
                "participants": participants,
            });
            json!({"AIF": aif, "text": "", "OVA": {"firstname": "", "surname": "", "url": "", "nodes": [], "edges": []}})
        } else {
            json!({"nodes": nodes, "edges": edges, "locutions": locutions})
        }
    }
}

impl Exporter for Aif {
    fn export(&self, graph: &ArgGraph, sel: &Selection<'_>, out: &mut dyn Write) -> io::Result<()> {
        serde_json::to_writer_pretty(&mut *out, &self.document(graph, sel))?;
        out.write_all(b"\n")
    }

    fn unwritten(&self, _graph: &ArgGraph, sel: &Selection<'_>) -> Vec<String> {
        let mut left: BTreeMap<&str, usize> = BTreeMap::new();
        for e in sel.edges.iter().filter(|e| !written(e.kind)) {
            *left.entry(e.kind.name()).or_default() += 1;
        }
        // Actors that speak become participants; the others are left out.
        let speaking: std::collections::BTreeSet<&str> = sel
            .edges
            .iter()
            .filter(|e| matches!(e.kind, RelKind::Says | RelKind::Asserts | RelKind::Opposes))
            .map(|e| e.source)
            .collect();
        let actors = sel
            .nodes
            .iter()
            .filter(|n| n.kind() == NodeKind::Actor && !speaking.contains(n.id()))
            .count();
        let mut notes = Vec::new();
        if !left.is_empty() {
            let total: usize = left.values().sum();
            let parts: Vec<String> = left.iter().map(|(k, n)| format!("{k} {n}")).collect();
            notes.push(format!(
                "{total} relation{} have no AIF counterpart and are not written ({})",
                if total == 1 { "" } else { "s" },
                parts.join(", ")
            ));
        }
        if actors > 0 {
            notes.push(format!(
                "{actors} actor{} that say{} nothing {} not written (AIF lists only the participants of locutions)",
                if actors == 1 { "" } else { "s" },
                if actors == 1 { "s" } else { "" },
                if actors == 1 { "is" } else { "are" }
            ));
        }
        notes
    }
}
