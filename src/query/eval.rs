//! `eval`: which claims, recommendations and arguments stand, under an
//! argumentation semantics, on the KB's framework (`af::from_kb`).
//!
//! Labels: for grounded and ideal (one extension), `in` (in it), `out`
//! (attacked by it) and `undec` (neither). For the semantics with several
//! extensions, `in` is sceptically accepted (in every extension), `undec`
//! credulously only (in some), `out` in none; with no extension at all
//! (stable semantics can have none) everything is `undec`. `--explain`
//! says why, as a short tree of attackers and defenders.

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
    let removed: BTreeSet<&str> = removed.iter().map(String::as_str).collect();
    let af = framework(graph, support, &removed);
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
                let mut v = json!({
                    "semantics": self.semantics.name(),
                    "support": support,
                    "arguments": self.af.len(),
                    "attacks": self.af.attack_count(),
                    "extensions": if self.more { serde_json::Value::Null } else { json!(self.extensions.len()) },
                    "labels": labels,
                });
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
                let mut order: Vec<usize> = (0..self.af.len()).collect();
                order.sort_by_key(|&a| (self.labels[a], &self.af.names[a]));
                writeln!(out, "{:<5}  {:<w$}  text", "label", "id")?;
                for a in order {
                    let id = &self.af.names[a];
                    let text = graph
                        .node(id)
                        .map(|n| one_line(n.text()))
                        .unwrap_or_default();
                    writeln!(out, "{:<5}  {id:<w$}  {text}", self.labels[a].name())?;
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

    /// Why `id` has its grounded label, as an indented tree: an `in`
    /// node's attackers are each `out`, beaten by an `in` defender; an
    /// `out` node has an `in` attacker; an `undec` node has an `undec`
    /// attacker and no `in` one. At most `depth` levels.
    pub fn explain(&self, id: &str, depth: usize, out: &mut dyn Write) -> io::Result<()> {
        let Some(a) = self.af.names.iter().position(|n| n == id) else {
            return writeln!(
                out,
                "{id} is not an argument of the framework (an actor, or removed)"
            );
        };
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
        self.explain_node(a, depth, 0, &label, &mut seen, out)
    }

    fn explain_node(
        &self,
        a: usize,
        depth: usize,
        level: usize,
        label: &dyn Fn(usize) -> Label,
        seen: &mut BTreeSet<usize>,
        out: &mut dyn Write,
    ) -> io::Result<()> {
        let pad = "  ".repeat(level);
        let name = &self.af.names[a];
        let attackers = &self.af.attackers[a];
        let why = match label(a) {
            Label::In if attackers.is_empty() => "in: nothing attacks it".to_string(),
            Label::In => format!("in: each of its {} attacker(s) is out", attackers.len()),
            Label::Out => "out: an attacker is in".to_string(),
            Label::Undec => {
                "undec: no attacker is in, but one is undecided (a cycle of attacks)".to_string()
            }
        };
        writeln!(out, "{pad}{name} is {why}")?;
        if level >= depth || !seen.insert(a) {
            return Ok(());
        }
        let pick: Vec<usize> = match label(a) {
            // Each attacker, and what defeats it.
            Label::In => attackers.iter().map(|&b| b as usize).collect(),
            Label::Out => attackers
                .iter()
                .map(|&b| b as usize)
                .filter(|&b| label(b) == Label::In)
                .take(1)
                .collect(),
            Label::Undec => attackers
                .iter()
                .map(|&b| b as usize)
                .filter(|&b| label(b) == Label::Undec)
                .take(1)
                .collect(),
        };
        for b in pick {
            if label(a) == Label::In {
                // b is out: name the in attacker that beats it.
                writeln!(out, "{pad}  {} attacks it, and is out:", self.af.names[b])?;
                if let Some(&c) = self.af.attackers[b]
                    .iter()
                    .find(|&&c| label(c as usize) == Label::In)
                {
                    self.explain_node(c as usize, depth, level + 2, label, seen, out)?;
                }
            } else {
                self.explain_node(b, depth, level + 1, label, seen, out)?;
            }
        }
        Ok(())
    }
}
