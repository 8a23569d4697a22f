//! `eval`: which claims, recommendations and arguments stand, under an
//! argumentation semantics, on the KB's framework (`af::from_kb`).
//!
//! Labels: for grounded and ideal (one extension), `in` (in it), `out`
//! (attacked by it) and `undec` (neither). For the semantics with several
//! extensions, `in` is sceptically accepted (in every extension), `undec`
//! credulously only (in some), `out` in none; with no extension at all
//! (stable semantics can have none) everything is `undec`. `--explain`
//! says why, as a short tree of attackers and defenders.

mod explanation;
pub use explanation::{Derivation, Explanation, Step};

use std::collections::BTreeSet;
use std::io::{self, Write};

use serde_json::json;

use super::{OutputFormat, QueryError, find, one_line, write_json};
use crate::af::Framework;
use crate::af::from_kb::{Support, framework};
use crate::af::semantics::{Semantics, Set, Solver, grounded};
use crate::graph::ArgGraph;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Label {
    In,
    Out,
    Undec,
}

impl Label {
    pub fn name(self) -> &'static str {
        match self {
            Label::In => "in",
            Label::Out => "out",
            Label::Undec => "undec",
        }
    }
}

/// The outcome of an evaluation.
#[derive(Debug, Clone)]
pub struct Evaluation {
    pub semantics: Semantics,
    pub support: Support,
    pub af: Framework,
    /// Per argument of `af` (same order).
    pub labels: Vec<Label>,
    /// The extensions listed (up to the limit), and whether there are
    /// more.
    pub extensions: Vec<Set>,
    pub more: bool,
    /// What-if: ids granted (attacks on them dropped) and struck (left
    /// out, listed as `out`).
    pub granted: Vec<String>,
    pub struck: Vec<String>,
    /// What-if: each label that differs from the evaluation without the
    /// assumptions, as (id, before, after), by id.
    pub changes: Vec<(String, Label, Label)>,
}

/// A what-if assumption: a node granted (`ID=in`) or struck (`ID=out`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Assumption {
    pub id: String,
    pub granted: bool,
}

impl std::str::FromStr for Assumption {
    type Err = String;
    fn from_str(s: &str) -> Result<Assumption, String> {
        let (id, label) = s
            .rsplit_once('=')
            .ok_or_else(|| format!("`{s}`: write ID=in or ID=out"))?;
        let granted = match label {
            "in" => true,
            "out" => false,
            other => return Err(format!("`{other}`: an assumption is `in` or `out`")),
        };
        Ok(Assumption {
            id: id.to_string(),
            granted,
        })
    }
}

/// `evaluate` under what-if assumptions: a granted node loses every
/// attack on it (nothing can defeat it, so it is `in` and defeats what it
/// attacks); a struck node is left out with its attacks (as `--remove`)
/// and listed as `out`. The result also says which labels changed against
/// the evaluation without the assumptions.
pub fn evaluate_assuming(
    graph: &ArgGraph,
    semantics: Semantics,
    support: Support,
    assumptions: &[Assumption],
    limit: usize,
) -> Result<Evaluation, QueryError> {
    for a in assumptions {
        find(graph, &a.id)?;
        if matches!(
            graph.node(&a.id).map(|n| n.kind()),
            Some(crate::model::NodeKind::Actor)
        ) {
            return Err(QueryError::BadArgument(format!(
                "`{}` is an actor; only claims, recommendations and arguments are evaluated",
                a.id
            )));
        }
    }
    let granted: Vec<String> = assumptions
        .iter()
        .filter(|a| a.granted)
        .map(|a| a.id.clone())
        .collect();
    let struck: Vec<String> = assumptions
        .iter()
        .filter(|a| !a.granted)
        .map(|a| a.id.clone())
        .collect();
    if let Some(both) = granted.iter().find(|g| struck.contains(g)) {
        return Err(QueryError::BadArgument(format!(
            "`{both}` is assumed both in and out"
        )));
    }
    let before = evaluate_with(graph, semantics, support, &[], &[], limit)?;
    let mut after = evaluate_with(graph, semantics, support, &struck, &granted, limit)?;
    let label_of = |ev: &Evaluation| -> std::collections::BTreeMap<String, Label> {
        let mut m: std::collections::BTreeMap<String, Label> = ev
            .af
            .names
            .iter()
            .cloned()
            .zip(ev.labels.iter().copied())
            .collect();
        for s in &ev.struck {
            m.insert(s.clone(), Label::Out);
        }
        m
    };
    let (old, new) = (label_of(&before), label_of(&after));
    after.changes = new
        .iter()
        .filter_map(|(id, &l)| {
            let was = old.get(id).copied()?;
            (was != l).then(|| (id.clone(), was, l))
        })
        .collect();
    Ok(after)
}

/// Evaluates `graph` under `semantics`; `removed` ids are struck first
/// (what-if). Lists up to `limit` extensions.
pub fn evaluate(
    graph: &ArgGraph,
    semantics: Semantics,
    support: Support,
    removed: &[String],
    limit: usize,
) -> Result<Evaluation, QueryError> {
    for id in removed {
        find(graph, id)?;
    }
    evaluate_with(graph, semantics, support, removed, &[], limit)
}

/// `evaluate`, with `granted` ids unattackable.
fn evaluate_with(
    graph: &ArgGraph,
    semantics: Semantics,
    support: Support,
    removed: &[String],
    granted: &[String],
    limit: usize,
) -> Result<Evaluation, QueryError> {
    let struck: Vec<String> = removed.to_vec();
    let removed: BTreeSet<&str> = removed.iter().map(String::as_str).collect();
    let mut af = framework(graph, support, &removed);
    for g in granted {
        if let Some(a) = af.names.iter().position(|n| n == g) {
            af.unattack(a as u32);
        }
    }
    if af.is_empty() {
        return Err(QueryError::NothingFound(
            "the KB has no claim, recommendation or argument to evaluate".into(),
        ));
    }
    let solver = Solver::new(&af);
    let failed = |e: crate::af::semantics::SolverError| QueryError::BadArgument(e.to_string());
    let (extensions, more) = solver.extensions(semantics, limit.max(1)).map_err(failed)?;
    let labels = if semantics.is_unique() {
        let ext = extensions.first().cloned().unwrap_or_default();
        let attacked: Vec<bool> = (0..af.len())
            .map(|a| af.attackers[a].iter().any(|&b| ext[b as usize]))
            .collect();
        (0..af.len())
            .map(|a| {
                if ext[a] {
                    Label::In
                } else if attacked[a] {
                    Label::Out
                } else {
                    Label::Undec
                }
            })
            .collect()
    } else if extensions.is_empty() {
        vec![Label::Undec; af.len()]
    } else if !more {
        (0..af.len())
            .map(|a| {
                if extensions.iter().all(|e| e[a]) {
                    Label::In
                } else if extensions.iter().any(|e| e[a]) {
                    Label::Undec
                } else {
                    Label::Out
                }
            })
            .collect()
    } else {
        // Too many to list: ask the solver per argument.
        let mut labels = Vec::with_capacity(af.len());
        for a in 0..af.len() {
            let sceptical = solver.sceptical(semantics, a).map_err(failed)?.is_none();
            let credulous = solver.credulous(semantics, a).map_err(failed)?.is_some();
            labels.push(if sceptical {
                Label::In
            } else if credulous {
                Label::Undec
            } else {
                Label::Out
            });
        }
        labels
    };
    Ok(Evaluation {
        semantics,
        support,
        af,
        labels,
        extensions,
        more,
        granted: granted.to_vec(),
        struck,
        changes: Vec::new(),
    })
}

impl Evaluation {
    fn count(&self, l: Label) -> usize {
        self.labels.iter().filter(|x| **x == l).count()
    }

    fn ids(&self, set: &Set) -> Vec<&str> {
        (0..self.af.len())
            .filter(|&a| set[a])
            .map(|a| self.af.names[a].as_str())
            .collect()
    }

    /// Writes the labels (and, with `all`, the extensions).
    pub fn write(
        &self,
        graph: &ArgGraph,
        all: bool,
        format: OutputFormat,
        out: &mut dyn Write,
    ) -> io::Result<()> {
        let support = match self.support {
            Support::None => "none",
            Support::Deductive => "deductive",
        };
        let extensions = if self.more {
            format!("more than {}", self.extensions.len())
        } else {
            self.extensions.len().to_string()
        };
        match format {
            OutputFormat::Json => {
                let labels: Vec<_> = (0..self.af.len())
                    .map(|a| {
                        let id = &self.af.names[a];
                        json!({
                            "id": id,
                            "kind": graph.node(id).map(|n| n.kind().name()),
                            "label": self.labels[a].name(),
                        })
                    })
                    .collect();
                let mut labels = labels;
                for id in &self.struck {
                    labels.push(json!({
                        "id": id,
                        "kind": graph.node(id).map(|n| n.kind().name()),
                        "label": "out",
                        "assumed": true,
                    }));
                }
                let mut v = json!({
                    "semantics": self.semantics.name(),
                    "support": support,
                    "arguments": self.af.len(),
                    "attacks": self.af.attack_count(),
                    "extensions": if self.more { serde_json::Value::Null } else { json!(self.extensions.len()) },
                    "labels": labels,
                });
                if !self.granted.is_empty() || !self.struck.is_empty() {
                    v["granted"] = json!(self.granted);
                    v["struck"] = json!(self.struck);
                    v["changes"] = json!(
                        self.changes
                            .iter()
                            .map(|(id, b, a)| json!({"id": id, "before": b.name(), "after": a.name()}))
                            .collect::<Vec<_>>()
                    );
                }
                if all {
                    v["listed"] = json!(
                        self.extensions
                            .iter()
                            .map(|e| self.ids(e))
                            .collect::<Vec<_>>()
                    );
                    v["more"] = json!(self.more);
                }
                write_json(out, &v)
            }
            OutputFormat::Text => {
                writeln!(
                    out,
                    "{} semantics, support {support}: {} arguments, {} attacks, {extensions} extension{}; in {}, out {}, undec {}",
                    self.semantics.name(),
                    self.af.len(),
                    self.af.attack_count(),
                    if extensions == "1" { "" } else { "s" },
                    self.count(Label::In),
                    self.count(Label::Out),
                    self.count(Label::Undec),
                )?;
                let w = self
                    .af
                    .names
                    .iter()
                    .map(|n| n.chars().count())
                    .max()
                    .unwrap_or(2)
                    .clamp(2, super::MAX_COLUMN);
                let text_of = |id: &str| {
                    graph
                        .node(id)
                        .map(|n| one_line(&super::side::words(graph, n)))
                        .unwrap_or_default()
                };
                if !self.granted.is_empty() || !self.struck.is_empty() {
                    let mut what = Vec::new();
                    if !self.granted.is_empty() {
                        what.push(format!("granted {}", self.granted.join(", ")));
                    }
                    if !self.struck.is_empty() {
                        what.push(format!("struck {}", self.struck.join(", ")));
                    }
                    let n = self.changes.len();
                    writeln!(
                        out,
                        "what-if ({}): {n} label{} change{}",
                        what.join("; "),
                        if n == 1 { "" } else { "s" },
                        if n == 1 { "s" } else { "" }
                    )?;
                    for (id, before, after) in &self.changes {
                        writeln!(
                            out,
                            "  {:>5} -> {:<5}  {id:<w$}  {}",
                            before.name(),
                            after.name(),
                            text_of(id)
                        )?;
                    }
                }
                let mut rows: Vec<(Label, &str, bool)> = (0..self.af.len())
                    .map(|a| (self.labels[a], self.af.names[a].as_str(), false))
                    .chain(self.struck.iter().map(|s| (Label::Out, s.as_str(), true)))
                    .collect();
                rows.sort();
                writeln!(out, "{:<5}  {:<w$}  text", "label", "id")?;
                for (label, id, struck) in rows {
                    let text = text_of(id);
                    let mark = if struck { " (struck)" } else { "" };
                    writeln!(out, "{:<5}  {id:<w$}  {text}{mark}", label.name())?;
                }
                if all {
                    for (i, e) in self.extensions.iter().enumerate() {
                        writeln!(out, "extension {}: {}", i + 1, self.ids(e).join(" "))?;
                    }
                    if self.more {
                        writeln!(out, "(more extensions not listed; raise --limit)")?;
                    }
                }
                Ok(())
            }
        }
    }

    /// Why `id` has its grounded label, as a tree of attackers and
    /// defenders: an `in` node's attackers are each `out`, beaten by an
    /// `in` defender; an `out` node has an `in` attacker; an `undec` node
    /// has an `undec` attacker and no `in` one. At most `depth` levels; a
    /// node already explained is named, not explained again, so an
    /// explanation never runs round a cycle. Each attack says how it
    /// arises (stated, or derived: premise, supported, mediated).
    pub fn explanation(
        &self,
        graph: &ArgGraph,
        id: &str,
        depth: usize,
    ) -> Result<Explanation, QueryError> {
        let Some(a) = self.af.names.iter().position(|n| n == id) else {
            return Err(QueryError::BadArgument(format!(
                "`{id}` is not an argument of the framework (an actor, or removed)"
            )));
        };
        let struck: BTreeSet<&str> = self.struck.iter().map(String::as_str).collect();
        let reasons = crate::af::from_kb::explained(graph, self.support, &struck);
        let (inn, outl) = grounded(&self.af);
        let label = |x: usize| {
            if inn[x] {
                Label::In
            } else if outl[x] {
                Label::Out
            } else {
                Label::Undec
            }
        };
        let mut seen = BTreeSet::new();
        let mut e = self.explain_node(a, depth, &label, &reasons, &mut seen);
        // Stated attacks that a preference stops are not in the framework:
        // name them, so that the reader sees why they do not count.
        e.stopped = graph
            .edges_of(id, petgraph::Direction::Incoming)
            .into_iter()
            .filter(|e| matches!(e.kind, crate::model::RelKind::Attacks))
            .filter_map(|e| {
                let b = self.af.names.iter().position(|n| n == e.source)?;
                self.af.attackers[a]
                    .binary_search(&(b as u32))
                    .is_err()
                    .then(|| e.source.to_string())
            })
            .collect();
        Ok(e)
    }

    fn explain_node(
        &self,
        a: usize,
        depth: usize,
        label: &dyn Fn(usize) -> Label,
        reasons: &crate::af::from_kb::Explained,
        seen: &mut BTreeSet<usize>,
    ) -> Explanation {
        let attackers = &self.af.attackers[a];
        let mut e = Explanation {
            id: self.af.names[a].clone(),
            label: label(a),
            attackers: attackers.len(),
            steps: Vec::new(),
            stopped: Vec::new(),
            explained_above: false,
            cut: false,
        };
        if !seen.insert(a) {
            e.explained_above = true;
            return e;
        }
        if depth == 0 {
            e.cut = !attackers.is_empty();
            return e;
        }
        let how = |b: usize, target: usize| {
            Derivation::of(reasons.reason(b as u32, target as u32), &self.af.names)
        };
        match label(a) {
            // Each attacker, and the in node that beats it.
            Label::In => {
                for &b in attackers {
                    let b = b as usize;
                    let defender = self.af.attackers[b]
                        .iter()
                        .map(|&c| c as usize)
                        .find(|&c| label(c) == Label::In);
                    e.steps.push(Step {
                        attacker: self.af.names[b].clone(),
                        attacker_label: label(b),
                        how: how(b, a),
                        beaten_by: defender.map(|c| {
                            (
                                how(c, b),
                                Box::new(self.explain_node(c, depth - 1, label, reasons, seen)),
                            )
                        }),
                        explanation: None,
                    });
                }
            }
            Label::Out | Label::Undec => {
                // An out node's in attacker; an undec node's undec one.
                let want = if label(a) == Label::Out {
                    Label::In
                } else {
                    Label::Undec
                };
                if let Some(b) = attackers
                    .iter()
                    .map(|&b| b as usize)
                    .find(|&b| label(b) == want)
                {
                    e.steps.push(Step {
                        attacker: self.af.names[b].clone(),
                        attacker_label: label(b),
                        how: how(b, a),
                        beaten_by: None,
                        explanation: Some(Box::new(self.explain_node(
                            b,
                            depth - 1,
                            label,
                            reasons,
                            seen,
                        ))),
                    });
                }
            }
        }
        e
    }
}
