//! `eval --explain ID`: why a node is in, out or undecided, as a tree of
//! the attacks that decide it (each attacker's own label, and what defeats
//! it), down to unattacked nodes.

use super::*;

/// Why a node has its grounded label (`Evaluation::explanation`).
#[derive(Debug, Clone)]
pub struct Explanation {
    pub id: String,
    pub label: Label,
    /// How many attackers it has.
    pub attackers: usize,
    pub steps: Vec<Step>,
    /// Attackers whose stated attack a preference stops (for the node
    /// asked about).
    pub stopped: Vec<String>,
    /// Already explained higher in the tree: not explained again.
    pub explained_above: bool,
    /// The depth limit stopped the explanation.
    pub cut: bool,
}

/// One attack in an explanation.
#[derive(Debug, Clone)]
pub struct Step {
    pub attacker: String,
    pub attacker_label: Label,
    pub how: Derivation,
    /// For an `in` node: the `in` node that beats this attacker, and how.
    pub beaten_by: Option<(Derivation, Box<Explanation>)>,
    /// For an `out` or `undec` node: why the attacker has its label.
    pub explanation: Option<Box<Explanation>>,
}

/// How an attack of the framework arises, by id.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Derivation {
    Stated,
    Premise(String),
    Supported(String),
    Mediated(String),
}

impl Derivation {
    pub(super) fn of(reason: Option<crate::af::from_kb::Reason>, names: &[String]) -> Derivation {
        use crate::af::from_kb::Reason;
        let name = |i: u32| names[i as usize].clone();
        match reason {
            Some(Reason::Premise(p)) => Derivation::Premise(name(p)),
            Some(Reason::Supported(v)) => Derivation::Supported(name(v)),
            Some(Reason::Mediated(v)) => Derivation::Mediated(name(v)),
            Some(Reason::Stated) | None => Derivation::Stated,
        }
    }

    pub(super) fn name(&self) -> &'static str {
        match self {
            Derivation::Stated => "stated",
            Derivation::Premise(_) => "premise",
            Derivation::Supported(_) => "supported",
            Derivation::Mediated(_) => "mediated",
        }
    }

    pub(super) fn via(&self) -> Option<&str> {
        match self {
            Derivation::Stated => None,
            Derivation::Premise(v) | Derivation::Supported(v) | Derivation::Mediated(v) => Some(v),
        }
    }

    /// ` (derived: …)` after an attack in text, empty for a stated one.
    pub(super) fn note(&self, attacker: &str, target: &str) -> String {
        match self {
            Derivation::Stated => String::new(),
            Derivation::Premise(p) => {
                format!(" (derived: {attacker} attacks {p}, a premise of {target})")
            }
            Derivation::Supported(v) => format!(
                " (derived, supported attack: {attacker} commits one to {v}, which attacks {target})"
            ),
            Derivation::Mediated(v) => format!(
                " (derived, mediated attack: {attacker} attacks {v}, to which {target} commits one)"
            ),
        }
    }
}

impl Explanation {
    /// Why, in one line: `nothing attacks it`, `defeated by `x` (in)`,
    /// `attacked by `y`, which nothing settles`.
    pub fn summary(&self) -> String {
        let e = self;
        let named = |label: Label| {
            e.steps
                .iter()
                .filter(|s| s.attacker_label == label)
                .map(|s| format!("`{}`", s.attacker))
                .collect::<Vec<_>>()
        };
        let mut why = match e.label {
            Label::In if e.attackers == 0 => "nothing attacks it".to_string(),
            Label::In => format!(
                "every attacker is beaten ({})",
                named(Label::Out).join(", ")
            ),
            Label::Out => format!("defeated by {} (in)", named(Label::In).join(", ")),
            Label::Undec => format!(
                "attacked by {}, which nothing settles",
                named(Label::Undec).join(", ")
            ),
        };
        if !e.stopped.is_empty() {
            why.push_str(&format!(
                "; a preference stops the attack of {}",
                e.stopped
                    .iter()
                    .map(|s| format!("`{s}`"))
                    .collect::<Vec<_>>()
                    .join(", ")
            ));
        }
        why
    }

    pub(super) fn why(&self) -> String {
        match self.label {
            Label::In if self.attackers == 0 && !self.stopped.is_empty() => {
                "in: no attack on it succeeds".to_string()
            }
            Label::In if self.attackers == 0 => "in: nothing attacks it".to_string(),
            Label::In => format!("in: each of its {} attacker(s) is out", self.attackers),
            Label::Out => "out: an attacker is in".to_string(),
            Label::Undec => {
                "undec: no attacker is in, but one is undecided (a cycle of attacks)".to_string()
            }
        }
    }

    pub fn to_json(&self) -> serde_json::Value {
        let how = |d: &Derivation| json!({"derivation": d.name(), "via": d.via()});
        json!({
            "id": self.id,
            "label": self.label.name(),
            "why": self.why(),
            "explained_above": self.explained_above,
            "depth_limit": self.cut,
            "stopped_by_preference": self.stopped,
            "attacks": self.steps.iter().map(|s| {
                let mut v = json!({
                    "attacker": s.attacker,
                    "attacker_label": s.attacker_label.name(),
                    "attack": how(&s.how),
                });
                if let Some((d, e)) = &s.beaten_by {
                    v["beaten_by"] = json!({"attack": how(d), "explanation": e.to_json()});
                }
                if let Some(e) = &s.explanation {
                    v["explanation"] = e.to_json();
                }
                v
            }).collect::<Vec<_>>(),
        })
    }

    pub fn write(&self, format: OutputFormat, out: &mut dyn Write) -> io::Result<()> {
        match format {
            OutputFormat::Json => write_json(out, &self.to_json()),
            OutputFormat::Text => self.write_text(0, out),
        }
    }

    pub(super) fn write_text(&self, level: usize, out: &mut dyn Write) -> io::Result<()> {
        let pad = "  ".repeat(level);
        if self.explained_above {
            return writeln!(
                out,
                "{pad}{} is {} (explained above)",
                self.id,
                self.label.name()
            );
        }
        writeln!(out, "{pad}{} is {}", self.id, self.why())?;
        if self.cut {
            writeln!(out, "{pad}  (deeper reasons not shown)")?;
        }
        for s in &self.stopped {
            writeln!(
                out,
                "{pad}  {s} attacks it, but the attack fails: the KB prefers {} to {s}",
                self.id
            )?;
        }
        for s in &self.steps {
            match (&s.beaten_by, &s.explanation) {
                (Some((d, e)), _) => {
                    writeln!(
                        out,
                        "{pad}  {} attacks it{}, and is out, beaten by {}{}:",
                        s.attacker,
                        s.how.note(&s.attacker, &self.id),
                        e.id,
                        d.note(&e.id, &s.attacker)
                    )?;
                    e.write_text(level + 2, out)?;
                }
                (None, Some(e)) => {
                    if s.how != Derivation::Stated {
                        writeln!(
                            out,
                            "{pad}  {} attacks it{}:",
                            s.attacker,
                            s.how.note(&s.attacker, &self.id)
                        )?;
                    }
                    e.write_text(level + 1, out)?;
                }
                (None, None) => writeln!(
                    out,
                    "{pad}  {} attacks it{}, and is out",
                    s.attacker,
                    s.how.note(&s.attacker, &self.id)
                )?,
            }
        }
        Ok(())
    }
}
