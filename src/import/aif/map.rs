//! One AIF map brought into the draft: its I-nodes as claims, RA-nodes as
//! arguments, CA-nodes as attacks or named conflicts, MA-nodes as
//! rephrasings, PA-nodes as preferences, L- and YA-nodes as who says what;
//! every node and edge it cannot carry over reported by its AIF id.

use super::*;

pub(super) struct MapImport<'a> {
    pub(super) file: &'a str,
    pub(super) prefix: Option<&'a str>,
    pub(super) source: &'a str,
    /// Classic AIFdb JSON, whose nodeIDs are the database's: one id is one
    /// node in every map that holds it. OVA3/xAIF numbers each map's
    /// nodes afresh.
    pub(super) global_ids: bool,
    pub(super) problems: &'a mut Vec<Problem>,
    /// Every KB id given out so far, across maps.
    pub(super) used: &'a mut foldhash::HashSet<String>,
    /// Actor id by speaker name, across maps.
    pub(super) actors: &'a mut BTreeMap<String, String>,
    pub(super) draft: &'a mut Draft,
}

impl MapImport<'_> {
    pub(super) fn problem(&mut self, item: Option<String>, message: impl Into<String>) {
        self.problems.push(Problem {
            file: self.file.to_string(),
            item,
            message: message.into(),
        });
    }

    /// A fresh KB id for the AIF id `raw`.
    pub(super) fn kb_id(&mut self, raw: &str) -> String {
        let base = id_from(&format!("{}{raw}", self.prefix.unwrap_or("")));
        if base != format!("{}{raw}", self.prefix.unwrap_or("")) {
            self.problem(
                Some(format!("node {raw}")),
                format!("the id is not a valid KB id; imported as `{base}`"),
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

    pub(super) fn run(&mut self, aif: Value) {
        // Nodes, by AIF id; identical duplicates merged, others reported.
        let mut nodes: BTreeMap<String, RawNode> = BTreeMap::new();
        let mut order: Vec<String> = Vec::new();
        for (i, n) in aif["nodes"].as_array().into_iter().flatten().enumerate() {
            let Some(id) = id_of(n.get("nodeID")) else {
                self.problem(
                    Some(format!("nodes[{i}]")),
                    "a node without a nodeID; left out",
                );
                continue;
            };
            let node = RawNode {
                kind: str_of(n.get("type")).unwrap_or_default(),
                text: str_of(n.get("text")).unwrap_or_default(),
                scheme: str_of(n.get("scheme")).filter(|s| !s.is_empty()),
            };
            match nodes.get(&id) {
                Some(first) if *first == node => {
                    self.problem(
                        Some(format!("node {id}")),
                        "listed twice with the same content; merged",
                    );
                }
                Some(_) => {
                    self.problem(
                        Some(format!("node {id}")),
                        "listed twice with different content; the first is kept",
                    );
                }
                None => {
                    order.push(id.clone());
                    nodes.insert(id, node);
                }
            }
        }
        // Edges, deduplicated, with both ends present.
        let mut out: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
        let mut into: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
        let mut seen = BTreeSet::new();
        let edges: Vec<(String, String, String)> = aif["edges"]
            .as_array()
            .into_iter()
            .flatten()
            .enumerate()
            .map(|(i, e)| {
                (
                    id_of(e.get("edgeID")).unwrap_or_else(|| format!("edges[{i}]")),
                    id_of(e.get("fromID")).unwrap_or_default(),
                    id_of(e.get("toID")).unwrap_or_default(),
                )
            })
            .collect();
        for (eid, from, to) in &edges {
            let (Some((from, _)), Some((to, _))) =
                (nodes.get_key_value(from), nodes.get_key_value(to))
            else {
                self.problem(
                    Some(format!("edge {eid}")),
                    format!("from `{from}` to `{to}`: an end is not a node of the map; left out"),
                );
                continue;
            };
            if seen.insert((from.as_str(), to.as_str())) {
                out.entry(from).or_default().push(to);
                into.entry(to).or_default().push(from);
            }
        }
        let kind = |id: &str| nodes.get(id).map_or("", |n| n.kind.as_str());
        let ins = |id: &str, k: &str| -> Vec<&str> {
            into.get(id)
                .into_iter()
                .flatten()
                .copied()
                .filter(|s| kind(s) == k)
                .collect()
        };
        let outs = |id: &str, k: &str| -> Vec<&str> {
            out.get(id)
                .into_iter()
                .flatten()
                .copied()
                .filter(|s| kind(s) == k)
                .collect()
        };

        // I-nodes first: every other node refers to them.
        let mut kb: BTreeMap<&str, String> = BTreeMap::new();
        let mut claim_at: BTreeMap<&str, usize> = BTreeMap::new();
        for id in &order {
            let n = &nodes[id];
            if n.kind != "I" {
                continue;
            }
            let kb_id = self.kb_id(id);
            kb.insert(id, kb_id.clone());
            claim_at.insert(id, self.draft.claims.len());
            self.draft.claims.push(DraftClaim {
                id: kb_id,
                text: n.text.clone(),
                source: Some(self.source.to_string()),
                speaker: None,
                stance: None,
                tags: Vec::new(),
                kind: Some("Proposition"),
                identity: self.global_ids.then(|| id.to_string()),
            });
            if n.text.trim().is_empty() {
                self.problem(Some(format!("node {id}")), "an I-node with no text");
            }
        }
        // RA-nodes: arguments (their ids are given out before CAs need them).
        let mut argument_of: BTreeMap<&str, Vec<String>> = BTreeMap::new();
        let mut seen_relations: BTreeSet<(RelKind, String, String)> = BTreeSet::new();
        for id in &order {
            let n = &nodes[id];
            if n.kind != "RA" {
                continue;
            }
            // AIF gives premises no order: they are listed by id, the
            // order argkb's exports write them in, so a round trip is stable.
            let mut premises: Vec<String> = ins(id, "I").iter().map(|p| kb[p].clone()).collect();
            premises.sort();
            let conclusions: Vec<&str> = outs(id, "I");
            let stray: Vec<&str> = out
                .get(id.as_str())
                .into_iter()
                .flatten()
                .copied()
                .filter(|t| !matches!(kind(t), "I" | "CA" | "MA" | "PA"))
                .collect();
            if !stray.is_empty() {
                self.problem(
                    Some(format!("node {id}")),
                    format!(
                        "an RA-node pointing at {} (not a claim); that link is left out",
                        stray.join(", ")
                    ),
                );
            }
            if premises.is_empty() || conclusions.is_empty() {
                let missing = if premises.is_empty() {
                    "premise"
                } else {
                    "conclusion"
                };
                self.problem(
                    Some(format!("node {id}")),
                    format!("an RA-node with no {missing} (I-node); left out"),
                );
                continue;
            }
            if conclusions.len() > 1 {
                self.problem(
                    Some(format!("node {id}")),
                    format!(
                        "an RA-node with {} conclusions; one argument each",
                        conclusions.len()
                    ),
                );
            }
            let base = self.kb_id(id);
            for (k, c) in conclusions.iter().enumerate() {
                let arg_id = if k == 0 {
                    base.clone()
                } else {
                    let mut i = k + 1;
                    loop {
                        let candidate = format!("{base}.{i}");
                        if self.used.insert(candidate.clone()) {
                            break candidate;
                        }
                        i += 1;
                    }
                };
                argument_of.entry(id).or_default().push(arg_id.clone());
                self.draft.arguments.push(DraftArgument {
                    id: arg_id,
                    premises: premises.clone(),
                    conclusion: kb[c].clone(),
                    scheme: n.scheme.clone(),
                    note: None,
                });
            }
        }
        // CA-nodes that another CA-node attacks become named conflicts, so
        // that the attack on them has a target; so do those that name a
        // conflict scheme, which a plain relation could not keep, and those
        // with several attacking I-nodes (a linked attack: split into
        // plain attacks, each attacker would attack alone, and the node's
        // id would be lost). Which ones can be: those
        // with an attacking I-node and a target that is a claim, an
        // argument, or such a conflict (grown to a fixpoint, since
        // conflicts may target conflicts).
        let attacked: BTreeSet<&str> = order
            .iter()
            .filter(|id| kind(id) == "CA")
            .flat_map(|id| {
                let named_itself =
                    conflict_scheme(&nodes[id.as_str()]).is_some() || ins(id, "I").len() > 1;
                outs(id, "CA")
                    .into_iter()
                    .chain(named_itself.then_some(id.as_str()))
            })
            .collect();
        let mut named: BTreeSet<&str> = BTreeSet::new();
        loop {
            let grown: Vec<&str> = attacked
                .iter()
                .copied()
                .filter(|id| !named.contains(id) && !ins(id, "I").is_empty())
                .filter(|id| {
                    out.get(id).into_iter().flatten().any(|t| match kind(t) {
                        "I" => true,
                        "RA" => argument_of.contains_key(t),
                        "CA" => named.contains(t),
                        _ => false,
                    })
                })
                .collect();
            if grown.is_empty() {
                break;
            }
            named.extend(grown);
        }
        let conflict_of: BTreeMap<&str, String> = order
            .iter()
            .map(String::as_str)
            .filter(|id| named.contains(id))
            .map(|id| (id, self.kb_id(id)))
            .collect();
        // CA-nodes: attacks, undercuts and named conflicts.
        for id in &order {
            let n = &nodes[id];
            if n.kind != "CA" {
                continue;
            }
            let attackers: Vec<&str> = ins(id, "I");
            if attackers.is_empty() {
                self.problem(
                    Some(format!("node {id}")),
                    "a CA-node with no attacking I-node; left out",
                );
                continue;
            }
            let targets: Vec<&str> = out.get(id.as_str()).cloned().unwrap_or_default();
            if targets.is_empty() {
                self.problem(
                    Some(format!("node {id}")),
                    "a CA-node that attacks nothing; left out",
                );
            }
            // What the CA-node attacks, as KB relations (an RA-node split
            // into several arguments is undercut in each).
            let mut attacked: Vec<(RelKind, String, &str)> = Vec::new();
            for t in targets {
                match kind(t) {
                    "I" => attacked.push((RelKind::Attacks, kb[t].clone(), t)),
                    "RA" => attacked.extend(
                        argument_of
                            .get(t)
                            .into_iter()
                            .flatten()
                            .map(|a| (RelKind::Undercuts, a.clone(), t)),
                    ),
                    "CA" if conflict_of.contains_key(t) => {
                        attacked.push((RelKind::Undercuts, conflict_of[t].clone(), t))
                    }
                    "CA" => self.problem(
                        Some(format!("node {id}")),
                        format!(
                            "a CA-node attacking CA-node {t}, which has no attacking I-node or no target; left out"
                        ),
                    ),
                    other => self.problem(
                        Some(format!("node {id}")),
                        format!(
                            "a CA-node attacking {} node {t}: attacks on such nodes have no counterpart in the format; left out",
                            if other.is_empty() { "an untyped" } else { other },
                        ),
                    ),
                }
            }
            // An attacked CA-node is a named conflict on its first target;
            // a further target stays a plain relation, which the attack on
            // this CA-node does not reach.
            if let Some(conflict_id) = conflict_of.get(id.as_str())
                && !attacked.is_empty()
            {
                let (_, target, _) = attacked.remove(0);
                let mut kb_attackers: Vec<String> =
                    attackers.iter().map(|a| kb[a].clone()).collect();
                kb_attackers.sort();
                self.draft.conflicts.push(DraftConflict {
                    id: conflict_id.clone(),
                    attackers: kb_attackers,
                    target,
                    scheme: conflict_scheme(n),
                    note: None,
                });
                for (_, _, t) in &attacked {
                    self.problem(
                        Some(format!("node {id}")),
                        format!(
                            "an attacked CA-node with more than one target: it is the conflict `{conflict_id}` on its first; its attack on `{t}` is kept as a plain relation, which the attack on it does not reach"
                        ),
                    );
                }
            }
            for (rel, target, t) in &attacked {
                for a in &attackers {
                    let key = (*rel, kb[a].clone(), target.clone());
                    if kb[a] == *target {
                        self.problem(
                            Some(format!("node {id}")),
                            format!("`{a}` attacks itself; left out"),
                        );
                    } else if seen_relations.insert(key.clone()) {
                        self.draft.relations.push(key);
                    } else {
                        self.problem(
                            Some(format!("node {id}")),
                            format!("repeats the conflict of `{a}` with `{t}`; merged"),
                        );
                    }
                }
            }
        }
        // Locutions: speakers.
        let people = participants(&aif);
        let locution_person: BTreeMap<String, String> = aif["locutions"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|l| Some((id_of(l.get("nodeID"))?, id_of(l.get("personID"))?)))
            .collect();
        let mut spoken: BTreeMap<&str, Vec<(String, bool)>> = BTreeMap::new();
        for id in &order {
            let n = &nodes[id];
            if n.kind != "L" {
                continue;
            }
            let name = locution_person
                .get(id)
                .and_then(|p| people.get(p).cloned())
                .or_else(|| speaker_in(&n.text));
            let Some(name) = name else {
                self.problem(
                    Some(format!("node {id}")),
                    "a locution whose speaker is not named; its speaker is left out",
                );
                continue;
            };
            let actor = self.actor(&name);
            for ya in outs(id, "YA") {
                let against = is_disagreeing(&nodes[ya].text);
                for i in outs(ya, "I") {
                    spoken.entry(i).or_default().push((actor.clone(), against));
                }
            }
        }
        for (i, speakers) in spoken {
            let Some(&at) = claim_at.get(i) else { continue };
            let claim_id = kb[i].clone();
            let mut first_speaker = true;
            for (actor, against) in speakers {
                if against {
                    let key = (RelKind::Opposes, actor, claim_id.clone());
                    if seen_relations.insert(key.clone()) {
                        self.draft.relations.push(key);
                    }
                } else if first_speaker {
                    let c = &mut self.draft.claims[at];
                    c.speaker = Some(actor);
                    c.stance = Some("Relays");
                    first_speaker = false;
                } else if self.draft.claims[at].speaker.as_deref() != Some(actor.as_str()) {
                    let key = (RelKind::Asserts, actor, claim_id.clone());
                    if seen_relations.insert(key.clone()) {
                        self.draft.relations.push(key);
                    }
                }
            }
        }
        // MA (rephrase) and PA (preference) nodes: relations between the
        // I-nodes (or, for PA, RA-nodes) at their two ends.
        for id in &order {
            let rel = match nodes[id].kind.as_str() {
                "MA" => RelKind::Rephrases,
                "PA" => RelKind::Prefers,
                _ => continue,
            };
            let end = |x: &str| -> Vec<String> {
                match kind(x) {
                    "I" => vec![kb[x].clone()],
                    "RA" if rel == RelKind::Prefers => {
                        argument_of.get(x).cloned().unwrap_or_default()
                    }
                    _ => Vec::new(),
                }
            };
            let from: Vec<String> = into
                .get(id.as_str())
                .into_iter()
                .flatten()
                .flat_map(|x| end(x))
                .collect();
            let to: Vec<String> = out
                .get(id.as_str())
                .into_iter()
                .flatten()
                .flat_map(|x| end(x))
                .collect();
            if from.is_empty() || to.is_empty() {
                self.problem(
                    Some(format!("node {id}")),
                    format!("an {}-node without a claim (or, for PA, an argument) at both ends; left out", nodes[id].kind),
                );
                continue;
            }
            let what = if rel == RelKind::Rephrases {
                "rephrase"
            } else {
                "preference"
            };
            for a in &from {
                for b in &to {
                    let key = (rel, a.clone(), b.clone());
                    if a == b {
                        self.problem(
                            Some(format!("node {id}")),
                            format!(
                                "a {what} ({}-node) of `{a}` with itself; left out (a relation joins two different nodes)",
                                nodes[id].kind
                            ),
                        );
                    } else if seen_relations.insert(key.clone()) {
                        self.draft.relations.push(key);
                    } else {
                        self.problem(
                            Some(format!("node {id}")),
                            format!("repeats the {what} of `{a}` and `{b}`; merged"),
                        );
                    }
                }
            }
        }
        // What the format has no place for yet.
        let mut unplaced: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
        for id in &order {
            let k = nodes[id].kind.as_str();
            if !matches!(k, "I" | "RA" | "CA" | "L" | "YA" | "MA" | "PA") {
                unplaced.entry(k).or_default().push(id);
            }
        }
        for (k, ids) in unplaced {
            let what = match k {
                "MA" => "rephrase (MA) nodes have",
                "PA" => "preference (PA) nodes have",
                "TA" => "transition (TA) nodes have",
                "" => "untyped nodes have",
                _ => "nodes of this type have",
            };
            self.problem(
                None,
                format!(
                    "{} {k} node(s) left out ({what} no counterpart in the format yet): {}",
                    ids.len(),
                    ids.join(", ")
                ),
            );
        }
    }

    /// The actor id for a speaker's name, made once.
    pub(super) fn actor(&mut self, name: &str) -> String {
        if let Some(id) = self.actors.get(name) {
            return id.clone();
        }
        let base = id_from(&name.to_lowercase().replace(' ', "-"));
        let mut id = base.clone();
        let mut n = 2;
        while !self.used.insert(id.clone()) {
            id = format!("{base}.{n}");
            n += 1;
        }
        self.actors.insert(name.to_string(), id.clone());
        self.draft.actors.push(DraftActor {
            id: id.clone(),
            name: name.to_string(),
        });
        id
    }
}
