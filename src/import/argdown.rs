//! Argdown maps, as the JSON that `argdown json` writes, into a `Draft`:
//! Argdown's own parser does the parsing, argkb reads its result.
//!
//! - statements (equivalence classes) → claims (`Proposition`; the kind,
//!   recommendation-ness, exact text and tags argkb's own Argdown export
//!   puts in the data block are read back), their text without the
//!   hashtags;
//! - arguments with a premise-conclusion structure → arguments: each
//!   inference step has the statements since the previous conclusion, and
//!   that conclusion, as linked premises (`title`, then `title.2`, … for
//!   the steps before the main conclusion);
//! - arguments without one → claims with the argument's description, so
//!   that relations to and from them are kept; but an argument whose data
//!   says `"kind": "conflict"` (as argkb's export writes a named conflict)
//!   → a named conflict: the statements supporting it are its attackers,
//!   what it attacks or undercuts its target, and undercuts of it stay;
//! - support, attack, undercut, contrary, contradictory and entails
//!   relations → `Supports`, `Attacks` (both ways for contrary and
//!   contradictory) and `Undercuts`; a relation to or from a reconstructed
//!   argument stands for its main conclusion (support, attack) or its last
//!   inference (undercut), and is reported when that changes its meaning.
//!
//! Titles become ids through `id_from` (reported when that changes them).

use std::collections::{BTreeMap, BTreeSet};

use serde_json::Value;

use super::{
    Draft, DraftArgument, DraftClaim, DraftConflict, DraftSource, ImportError, Input, Problem,
    base_name, each_readable, id_from, parse_json, source_id,
};
use crate::model::{ClaimKind, RelKind};

/// Imports Argdown JSON files into one draft, each its own source.
pub fn import(inputs: &[Input]) -> Result<(Draft, Vec<Problem>), ImportError> {
    let mut draft = Draft {
        title: match inputs {
            [one] => format!("Imported from {}", base_name(&one.name)),
            _ => format!("Imported from {} Argdown maps", inputs.len()),
        },
        ..Draft::default()
    };
    let mut problems = Vec::new();
    let mut used = foldhash::HashSet::default();
    let mut taken = std::collections::HashSet::new();
    let read = each_readable(
        inputs,
        &mut problems,
        argdown_json,
        |input, doc, problems| {
            let source = source_id(&input.name, &mut taken);
            let prefix = (inputs.len() > 1).then(|| format!("{source}:"));
            let mut map = MapImport {
                file: &input.name,
                prefix: prefix.as_deref().unwrap_or(""),
                source: &source,
                problems,
                used: &mut used,
                draft: &mut draft,
            };
            map.run(&doc);
            draft.sources.push(DraftSource {
                id: source,
                title: Some(base_name(&input.name).to_string()),
                url: None,
            });
        },
    )?;
    if inputs.len() > 1 {
        draft.title = format!("Imported from {read} Argdown maps");
    }
    Ok((draft, problems))
}

/// The JSON `argdown json` writes, or why an input is not that: Argdown
/// source text (not JSON at all) is told to go through `argdown json`.
fn argdown_json(input: &Input) -> Result<Value, ImportError> {
    let to_json = "argkb reads the JSON the Argdown CLI writes: run `argdown json FILE.argdown OUT_DIR` and import the .json file it writes";
    let doc = match parse_json(input) {
        Ok(doc) => doc,
        Err(e) if !input.text.trim_start().starts_with('{') => {
            return Err(ImportError::Shape {
                file: input.name.clone(),
                message: format!(
                    "not JSON (Argdown source text?); {to_json} ({})",
                    e.message()
                ),
            });
        }
        Err(e) => return Err(e),
    };
    if !doc.get("statements").is_some_and(Value::is_object) {
        return Err(ImportError::Shape {
            file: input.name.clone(),
            message: format!("not Argdown JSON: no \"statements\" object; {to_json}"),
        });
    }
    Ok(doc)
}

struct MapImport<'a> {
    file: &'a str,
    prefix: &'a str,
    source: &'a str,
    problems: &'a mut Vec<Problem>,
    used: &'a mut foldhash::HashSet<String>,
    draft: &'a mut Draft,
}

/// What a title of the map became.
#[derive(Debug, Clone)]
enum Made {
    /// A claim (a statement, or an argument without a structure).
    Claim(String),
    /// A reconstructed argument: its inference steps' ids, the last being
    /// the main one, and its main conclusion's claim id.
    Argument {
        steps: Vec<String>,
        conclusion: String,
    },
    /// A named conflict (argkb's export writes one as an argument without
    /// a structure, `"kind": "conflict"` in its data).
    Conflict(String),
}

impl MapImport<'_> {
    fn problem(&mut self, item: String, message: impl Into<String>) {
        self.problems.push(Problem {
            file: self.file.to_string(),
            item: Some(item),
            message: message.into(),
        });
    }

    fn id(&mut self, title: &str, what: &str) -> String {
        let wanted = format!("{}{title}", self.prefix);
        let base = id_from(&wanted);
        if base != wanted {
            self.problem(
                format!("{what} {title}"),
                format!("the title is not a valid KB id; imported as `{base}`"),
            );
        }
        let mut id = base.clone();
        let mut n = 2;
        while !self.used.insert(id.clone()) {
            id = format!("{base}.{n}");
            n += 1;
        }
        id
    }

    /// An argument without a structure, as a claim of its description
    /// (tagged `argdown-argument`): its id.
    fn argument_as_claim(&mut self, title: &str, a: &Value) -> String {
        let id = self.id(title, "argument");
        let description = a["members"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|m| m["text"].as_str())
            .map(str::trim)
            .find(|t| !t.is_empty())
            .unwrap_or(title)
            .to_string();
        self.draft.claims.push(DraftClaim {
            id: id.clone(),
            text: description,
            source: Some(self.source.to_string()),
            speaker: None,
            stance: None,
            tags: vec!["argdown-argument".into()],
            kind: Some("Proposition"),
            identity: None,
        });
        id
    }

    fn run(&mut self, doc: &Value) {
        let mut made: BTreeMap<String, Made> = BTreeMap::new();
        let empty = serde_json::Map::new();
        let statements = doc["statements"].as_object().unwrap_or(&empty);
        for (title, s) in statements {
            let id = self.id(title, "statement");
            let data = &s["data"];
            let text = match data["text"].as_str() {
                Some(exact) => exact.to_string(),
                None => statement_text(s),
            };
            let kind = if data["kind"] == "recommendation" {
                None
            } else {
                let named = data["claim_kind"].as_str().unwrap_or("proposition");
                Some(
                    ClaimKind::ALL
                        .iter()
                        .find(|k| k.name() == named)
                        .map_or("Proposition", |k| ron_kind(*k)),
                )
            };
            let mut tags: Vec<String> = match data["tags"].as_array() {
                Some(t) => t
                    .iter()
                    .filter_map(|t| t.as_str().map(str::to_string))
                    .collect(),
                None => s["tags"]
                    .as_array()
                    .into_iter()
                    .flatten()
                    .filter_map(|t| t.as_str().map(str::to_string))
                    .collect(),
            };
            // argkb's own export tags each statement with its kind.
            let kind_tag = data["subkind"].as_str();
            tags.retain(|t| Some(t.as_str()) != kind_tag);
            if text.trim().is_empty() {
                self.problem(format!("statement {title}"), "a statement with no text");
            }
            self.draft.claims.push(DraftClaim {
                id: id.clone(),
                text,
                source: Some(self.source.to_string()),
                speaker: None,
                stance: None,
                tags,
                kind,
                identity: Some(title.clone()),
            });
            made.insert(title.clone(), Made::Claim(id));
        }
        let arguments = doc["arguments"].as_object().unwrap_or(&empty);
        // Arguments without a structure are claims, but for the named
        // conflicts (below, once the arguments they may target exist).
        let marked_conflict = |a: &Value| {
            a["data"]["kind"] == "conflict" && a["pcs"].as_array().is_none_or(|p| p.is_empty())
        };
        for (title, a) in arguments {
            let pcs = a["pcs"].as_array().filter(|p| !p.is_empty());
            if pcs.is_none() && !marked_conflict(a) {
                let id = self.argument_as_claim(title, a);
                made.insert(title.clone(), Made::Claim(id));
            }
        }
        for (title, a) in arguments {
            let Some(pcs) = a["pcs"].as_array().filter(|p| !p.is_empty()) else {
                continue;
            };
            let claim_of = |t: &str| match made.get(t) {
                Some(Made::Claim(id)) => Some(id.clone()),
                _ => None,
            };
            let base = self.id(title, "argument");
            let scheme = a["data"]["scheme"].as_str().map(str::to_string);
            let note = a["data"]["note"].as_str().map(str::to_string);
            let mut steps = Vec::new();
            let mut pending: Vec<String> = Vec::new();
            let mut last_conclusion: Option<String> = None;
            let conclusions = pcs.iter().filter(|m| m.get("inference").is_some()).count();
            for m in pcs {
                let Some(id) = m["title"].as_str().and_then(claim_of) else {
                    self.problem(
                        format!("argument {title}"),
                        "a statement of its structure is not in the map; left out",
                    );
                    continue;
                };
                if m.get("inference").is_some() {
                    // In the structure's own (numbered) order.
                    let mut premises: Vec<String> = Vec::new();
                    for p in last_conclusion.take().into_iter().chain(pending.drain(..)) {
                        if !premises.contains(&p) {
                            premises.push(p);
                        }
                    }
                    let step_id = if steps.len() + 1 == conclusions {
                        base.clone()
                    } else {
                        let mut n = steps.len() + 2;
                        loop {
                            let candidate = format!("{base}.step{n}");
                            if self.used.insert(candidate.clone()) {
                                break candidate;
                            }
                            n += 1;
                        }
                    };
                    if premises.is_empty() {
                        self.problem(
                            format!("argument {title}"),
                            "an inference with no premise; left out",
                        );
                    } else {
                        self.draft.arguments.push(DraftArgument {
                            id: step_id.clone(),
                            premises,
                            conclusion: id.clone(),
                            scheme: scheme.clone(),
                            note: note.clone(),
                        });
                        steps.push(step_id);
                    }
                    pending.clear();
                    last_conclusion = Some(id);
                } else {
                    pending.push(id);
                }
            }
            match last_conclusion {
                Some(conclusion) if !steps.is_empty() => {
                    made.insert(title.clone(), Made::Argument { steps, conclusion });
                }
                _ => self.problem(
                    format!("argument {title}"),
                    "a structure with no conclusion; left out",
                ),
            }
        }
        let relations: Vec<(&str, &str, &str)> = doc["relations"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|r| {
                Some((
                    r["from"].as_str()?,
                    r["to"].as_str()?,
                    r["relationType"].as_str()?,
                ))
            })
            .collect();
        // Named conflicts: the statements supporting one are its attackers,
        // what it attacks or undercuts its target. One that lacks either
        // (its target may be a conflict: grown to a fixpoint) is a claim,
        // as any other argument without a structure.
        let candidates: Vec<&String> = arguments
            .iter()
            .filter(|(_, a)| marked_conflict(a))
            .map(|(t, _)| t)
            .collect();
        let named: BTreeSet<String> = {
            let mut named: BTreeSet<&str> = BTreeSet::new();
            loop {
                let grown: Vec<&str> = candidates
                    .iter()
                    .map(|t| t.as_str())
                    .filter(|t| {
                        !named.contains(t)
                            && !conflict_attackers(&relations, &made, t).is_empty()
                            && relations.iter().any(|(from, to, kind)| {
                                from == t
                                    && matches!(*kind, "attack" | "undercut")
                                    && (made.contains_key(*to) || named.contains(to))
                            })
                    })
                    .collect();
                if grown.is_empty() {
                    break;
                }
                named.extend(grown);
            }
            named.into_iter().map(str::to_string).collect()
        };
        for title in candidates {
            let a = &arguments[title.as_str()];
            if !named.contains(title.as_str()) {
                self.problem(
                    format!("argument {title}"),
                    "a conflict with no supporting statement or no target; imported as a claim",
                );
                let id = self.argument_as_claim(title, a);
                made.insert(title.clone(), Made::Claim(id));
                continue;
            }
            let id = self.id(title, "argument");
            made.insert(title.clone(), Made::Conflict(id.clone()));
            self.draft.conflicts.push(DraftConflict {
                id,
                attackers: Vec::new(),
                target: String::new(),
                scheme: a["data"]["scheme"].as_str().map(str::to_string),
                note: a["data"]["note"].as_str().map(str::to_string),
            });
        }
        // A conflict's attackers and target, now that every title is made.
        // Each conflict's target, by title (the relation that makes it).
        let mut conflict_target: BTreeMap<String, String> = BTreeMap::new();
        for c in &mut self.draft.conflicts {
            let Some(title) = made
                .iter()
                .find(|(_, m)| matches!(m, Made::Conflict(id) if *id == c.id))
                .map(|(t, _)| t.clone())
            else {
                continue;
            };
            let mut attackers: Vec<String> = conflict_attackers(&relations, &made, &title)
                .iter()
                .filter_map(|t| match made.get(*t) {
                    Some(Made::Claim(id)) => Some(id.clone()),
                    _ => None,
                })
                .collect();
            attackers.sort();
            attackers.dedup();
            c.attackers = attackers;
            let (to, kind) = relations
                .iter()
                .find(|(from, to, kind)| {
                    *from == title
                        && matches!(*kind, "attack" | "undercut")
                        && made.contains_key(*to)
                })
                .map(|(_, to, kind)| (*to, *kind))
                .unwrap_or_default();
            c.target = match made.get(to) {
                Some(Made::Claim(id) | Made::Conflict(id)) => id.clone(),
                Some(Made::Argument { steps, conclusion }) => {
                    if kind == "undercut" {
                        steps.last().cloned().unwrap_or_default()
                    } else {
                        conclusion.clone()
                    }
                }
                None => String::new(),
            };
            conflict_target.insert(title, to.to_string());
        }
        // Relations.
        let mut seen = BTreeSet::new();
        for r in doc["relations"].as_array().into_iter().flatten() {
            let (Some(from), Some(to), Some(kind)) = (
                r["from"].as_str(),
                r["to"].as_str(),
                r["relationType"].as_str(),
            ) else {
                continue;
            };
            let item = format!("relation {from} → {to}");
            let (Some(a), Some(b)) = (made.get(from).cloned(), made.get(to).cloned()) else {
                self.problem(item, "an end is not in the map; left out");
                continue;
            };
            // Named conflicts: their attackers and target are made; an
            // undercut (or attack) of one undercuts it; nothing else fits.
            if matches!(a, Made::Conflict(_)) || matches!(b, Made::Conflict(_)) {
                match (&a, &b, kind) {
                    (Made::Claim(_), Made::Conflict(_), "support") => {}
                    (Made::Conflict(_), _, "attack" | "undercut")
                        if conflict_target.get(from).is_some_and(|t| t == to) => {}
                    (Made::Claim(x), Made::Conflict(c), "undercut" | "attack") => {
                        if kind == "attack" {
                            self.problem(
                                item.clone(),
                                "an attack on a conflict is imported as an undercut of it",
                            );
                        }
                        if seen.insert((RelKind::Undercuts, x.clone(), c.clone())) {
                            self.draft
                                .relations
                                .push((RelKind::Undercuts, x.clone(), c.clone()));
                        }
                    }
                    _ => self.problem(
                        item.clone(),
                        format!("a {kind} relation of a named conflict that the format has no place for (a conflict has one target, and only claims attack or undercut it); left out"),
                    ),
                }
                continue;
            }
            let claim = |m: &Made| match m {
                Made::Claim(id) | Made::Conflict(id) => id.clone(),
                Made::Argument { conclusion, .. } => conclusion.clone(),
            };
            let mut add = |this: &mut Self, rel: RelKind, x: String, y: String| {
                if x == y {
                    this.problem(item.clone(), "relates a node to itself; left out");
                } else if seen.insert((rel, x.clone(), y.clone())) {
                    this.draft.relations.push((rel, x, y));
                }
            };
            if matches!(b, Made::Argument { .. }) && kind != "undercut" {
                self.problem(
                    item.clone(),
                    format!("a {kind} of a reconstructed argument is imported as a {kind} of its main conclusion"),
                );
            }
            match kind {
                "support" | "entails" => add(self, RelKind::Supports, claim(&a), claim(&b)),
                "attack" => add(self, RelKind::Attacks, claim(&a), claim(&b)),
                "contrary" | "contradictory" => {
                    add(self, RelKind::Attacks, claim(&a), claim(&b));
                    add(self, RelKind::Attacks, claim(&b), claim(&a));
                }
                "undercut" => match &b {
                    Made::Argument { steps, .. } => {
                        let target = steps.last().cloned().unwrap_or_default();
                        add(self, RelKind::Undercuts, claim(&a), target)
                    }
                    Made::Claim(_) | Made::Conflict(_) => {
                        self.problem(
                            item.clone(),
                            "an undercut of something that is not a reconstructed argument; imported as an attack",
                        );
                        add(self, RelKind::Attacks, claim(&a), claim(&b));
                    }
                },
                other => self.problem(
                    item.clone(),
                    format!("`{other}` relations have no counterpart; left out"),
                ),
            }
        }
    }
}

/// The titles of the claims that support the conflict titled `t`: its
/// attackers.
fn conflict_attackers<'r>(
    relations: &[(&'r str, &'r str, &'r str)],
    made: &BTreeMap<String, Made>,
    t: &str,
) -> Vec<&'r str> {
    relations
        .iter()
        .filter(|(from, to, kind)| {
            *to == t && *kind == "support" && matches!(made.get(*from), Some(Made::Claim(_)))
        })
        .map(|(from, _, _)| *from)
        .collect()
}

/// A claim kind as RON writes it.
fn ron_kind(k: ClaimKind) -> &'static str {
    match k {
        ClaimKind::Fact => "Fact",
        ClaimKind::Event => "Event",
        ClaimKind::Assessment => "Assessment",
        ClaimKind::Prediction => "Prediction",
        ClaimKind::Assumption => "Assumption",
        ClaimKind::Goal => "Goal",
        ClaimKind::Proposition => "Proposition",
    }
}

/// A statement's text as defined (the first defining member), without the
/// hashtags Argdown leaves in it.
fn statement_text(s: &Value) -> String {
    let member = s["members"]
        .as_array()
        .into_iter()
        .flatten()
        .find(|m| m["text"].as_str().is_some_and(|t| !t.trim().is_empty()));
    let Some(m) = member else {
        return s["title"].as_str().unwrap_or_default().to_string();
    };
    let text = m["text"].as_str().unwrap_or_default();
    // Tag ranges count UTF-16 units (JavaScript strings).
    let units: Vec<u16> = text.encode_utf16().collect();
    let mut keep = vec![true; units.len()];
    for r in m["ranges"].as_array().into_iter().flatten() {
        if r["type"] == "tag"
            && let (Some(a), Some(b)) = (r["start"].as_u64(), r["stop"].as_u64())
        {
            let end = (b as usize + 1).min(keep.len());
            if let Some(range) = keep.get_mut((a as usize).min(end)..end) {
                range.fill(false);
            }
        }
    }
    let kept: Vec<u16> = units
        .iter()
        .zip(&keep)
        .filter(|(_, k)| **k)
        .map(|(u, _)| *u)
        .collect();
    String::from_utf16_lossy(&kept).trim().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn statement(title: &str, text: &str) -> Value {
        json!({"title": title, "members": [{"text": text, "isTopLevel": true}]})
    }

    #[test]
    fn steps_contraries_and_plain_arguments_are_carried_over() {
        let pcs = |t: &str, inference: bool| {
            let mut m = json!({"title": t, "role": "premise"});
            if inference {
                m["inference"] = json!({"type": "inference"});
            }
            m
        };
        let doc = json!({
            "statements": {
                "a": statement("a", "A #tag"), "b": statement("b", "B"),
                "c": statement("c", "C"), "d": statement("d", "D"), "e": statement("e", "E")
            },
            "arguments": {
                "two-step": {"pcs": [pcs("a", false), pcs("b", true), pcs("c", false), pcs("d", true)]},
                "plain": {"members": [{"text": "just a description"}]}
            },
            "relations": [
                {"from": "e", "to": "d", "relationType": "contrary"},
                {"from": "plain", "to": "e", "relationType": "support"},
                {"from": "e", "to": "two-step", "relationType": "undercut"},
                {"from": "a", "to": "b", "relationType": "weird"}
            ]
        });
        let (d, problems) = import(&[Input {
            name: "m.json".into(),
            text: doc.to_string(),
        }])
        .unwrap();
        let args: Vec<(String, Vec<String>, String)> = d
            .arguments
            .iter()
            .map(|a| (a.id.clone(), a.premises.clone(), a.conclusion.clone()))
            .collect();
        assert_eq!(
            args,
            [
                ("two-step.step2".into(), vec!["a".into()], "b".into()),
                ("two-step".into(), vec!["b".into(), "c".into()], "d".into()),
            ]
        );
        assert_eq!(
            d.claims.iter().find(|c| c.id == "a").unwrap().text,
            "A #tag"
        );
        assert!(
            d.claims
                .iter()
                .any(|c| c.id == "plain" && c.text == "just a description")
        );
        assert!(
            d.relations
                .contains(&(RelKind::Attacks, "e".into(), "d".into()))
        );
        assert!(
            d.relations
                .contains(&(RelKind::Attacks, "d".into(), "e".into()))
        );
        assert!(
            d.relations
                .contains(&(RelKind::Supports, "plain".into(), "e".into()))
        );
        assert!(
            d.relations
                .contains(&(RelKind::Undercuts, "e".into(), "two-step".into()))
        );
        assert!(
            problems
                .iter()
                .any(|p| p.message.contains("`weird` relations"))
        );
    }
}
