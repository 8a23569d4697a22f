//! The warnings about single nodes and cycles: isolated nodes, unsupported
//! or unaddressed recommendations, support cycles, unattributed claims,
//! reports without the author's stance; and the `allow` lists that silence
//! them (naming only warnings argkb gives).

use super::*;

impl<'a> Checker<'a> {
    pub(super) fn warnings(&mut self) {
        // Facts per defined node, by dense index; ends that are unknown ids
        // are errors already and are left out.
        let count = self.order.len();
        let mut touched = vec![false; count];
        let mut supported = vec![false; count];
        let mut addressed = vec![false; count];
        let mut held = vec![false; count];
        // Support edges (a supports b), in the order they are stated.
        let mut support: Vec<(u32, u32)> = Vec::new();
        let mut support_edge = |a: Option<usize>, b: Option<usize>| {
            if let (Some(a), Some(b)) = (a, b) {
                support.push((a as u32, b as u32));
            }
        };
        for (file, (kb, ends)) in self.kbs.iter().zip(&self.ends).enumerate() {
            for (rel, ends) in kb.relations.iter().zip(ends) {
                let [a, b] = ends.get();
                let kind = rel.parts().0;
                let (a, b) = (a.map(|n| n as usize), b.map(|n| n as usize));
                for n in [a, b].into_iter().flatten() {
                    touched[n] = true;
                }
                match kind {
                    RelKind::AddressedTo => {
                        if let Some(a) = a {
                            addressed[a] = true;
                        }
                    }
                    RelKind::Supports => {
                        if let Some(b) = b {
                            supported[b] = true;
                        }
                        support_edge(a, b);
                    }
                    RelKind::Asserts | RelKind::Opposes => {
                        if let Some(b) = b {
                            held[b] = true;
                        }
                    }
                    _ => {}
                }
            }
            let links = &self.arg_links[file];
            for index in 0..kb.arguments.len() {
                let kind = NodeKind::Argument;
                let id = self.dense_of(Def { kind, file, index });
                let (premises, conclusion) = links.of(index);
                let conclusion = conclusion.map(|n| n as usize);
                for n in [id, conclusion].into_iter().flatten() {
                    touched[n] = true;
                }
                if let Some(c) = conclusion {
                    supported[c] = true;
                }
                support_edge(id, conclusion);
                for p in premises {
                    let p = p.map(|n| n as usize);
                    if let Some(p) = p {
                        touched[p] = true;
                    }
                    support_edge(p, id);
                }
            }
            let links = &self.conflict_links[file];
            for index in 0..kb.conflicts.len() {
                let kind = NodeKind::Conflict;
                let (attackers, target) = links.of(index);
                let id = self.dense_of(Def { kind, file, index });
                let ends = attackers.iter().chain([&target]).flatten();
                for n in ends.map(|&n| n as usize).chain(id) {
                    touched[n] = true;
                }
            }
        }
        // The last use of the sources: take them.
        let entries = std::mem::take(&mut self.entries);
        let only = (entries.len() == 1).then(|| entries[0].id.as_str());
        // Speaking in the text, or being a source's author, is taking part.
        let speakers = self.kbs.iter().flat_map(|kb| {
            let claims = kb.claims.iter().map(|c| c.speaker.as_deref());
            claims.chain(kb.recommendations.iter().map(|r| r.speaker.as_deref()))
        });
        let authors = entries.iter().map(|e| e.source.author.as_deref());
        for n in authors
            .chain(speakers)
            .flatten()
            .filter_map(|id| self.n(id))
        {
            touched[n] = true;
        }
        // Each source's author, by source id (the first source of an id).
        // Asked once a claim: foldhash, not SipHash.
        let mut authors: foldhash::HashMap<&str, Option<&str>> = foldhash::HashMap::default();
        for e in &entries {
            authors
                .entry(e.id.as_str())
                .or_insert(e.source.author.as_deref());
        }
        let author_of = |source: Option<&str>| authors.get(source.or(only)?).copied().flatten();
        // Every definition, in report order; a claim's or recommendation's
        // fields are read through its definition (`prop_of`), so an entry
        // whose id is a duplicate is never taken for the node.
        let defs: Vec<usize> = self.in_report_order().collect();
        for n in defs {
            let def = self.def_n(n);
            let id = self.id_at(def);
            let allow = self.allowed_of(def);
            let prop = self.prop_of(n);
            if !touched[n] && prop.is_none_or(|p| p.speaker().is_none()) {
                let Some(at) = self.warn_at(allow, Code::Isolated, def, "id") else {
                    continue;
                };
                let d = Diagnostic::warning(
                    Code::Isolated,
                    format!("{} `{id}` takes part in no relation", def.kind.name()),
                )
                .at(at, "not connected")
                .help("connect it with a relation, or remove it");
                self.diags.push(d);
                continue;
            }
            if def.kind == NodeKind::Recommendation
                && !supported[n]
                && let Some(at) = self.warn_at(allow, Code::Unsupported, def, "id")
            {
                let d = Diagnostic::warning(
                    Code::Unsupported,
                    format!("recommendation `{id}` has no support"),
                )
                .at(at, "nothing supports this")
                .help(format!(
                    "add `Supports(\"<claim>\", \"{id}\")` or an argument that concludes it"
                ));
                self.diags.push(d);
            }
            if def.kind == NodeKind::Recommendation
                && !addressed[n]
                && let Some(at) = self.warn_at(allow, Code::Unaddressed, def, "id")
            {
                let d = Diagnostic::warning(
                    Code::Unaddressed,
                    format!("recommendation `{id}` is addressed to no one"),
                )
                .at(at, "who is to act?")
                .help(format!("add `AddressedTo(\"{id}\", \"<actor>\")`"));
                self.diags.push(d);
            }
            let Some(p) = prop else {
                continue;
            };
            let author = author_of(p.source());
            let has_source = p.source().is_some() || only.is_some();
            let holder = held[n];
            // A goal is someone's: it needs a holder of its own. Any other
            // claim of a text is at least its author's or speaker's words.
            let unattributed = if p.goal() {
                !holder
            } else {
                has_source && !holder && p.speaker().is_none() && author.is_none()
            };
            if unattributed && let Some(at) = self.warn_at(allow, Code::Unattributed, def, "id") {
                let (msg, help) = if p.goal() {
                    (
                        format!("goal `{id}` is nobody's"),
                        format!("say whose goal it is: `Asserts(\"<actor>\", \"{id}\")`"),
                    )
                } else {
                    (
                        format!("{} `{id}` is held or said by no one", def.kind.name()),
                        format!(
                            "name the source's author (`author: \"<actor>\"` in its `Source`), a `speaker`, or a holder: `Asserts(\"<actor>\", \"{id}\")`"
                        ),
                    )
                };
                let d = Diagnostic::warning(Code::Unattributed, msg)
                    .at(at, "whose words are these?")
                    .help(help);
                self.diags.push(d);
            }
            let reported = p.speaker().is_some_and(|s| Some(s) != author);
            if reported && !p.has_stance() {
                let d = Diagnostic::warning(
                    Code::UnplacedReport,
                    format!(
                        "`{id}` reports what `{}` says, but not where the author stands",
                        p.speaker().unwrap_or_default()
                    ),
                )
                .at(self.def_span(def, "speaker"), "reported speech")
                .help("add `stance: Endorses`, `Concedes`, `Rejects` or `Relays`");
                self.warn(allow, d);
            }
        }
        // Per node: Some(true) endorsed by its author, Some(false) conceded
        // or rejected, None otherwise (relayed, no author, not a claim).
        let side: Vec<Option<bool>> = (0..count)
            .map(|n| {
                let p = self.prop_of(n)?;
                let author = author_of(p.source())?;
                match p.stance() {
                    Some(crate::model::Stance::Concedes | crate::model::Stance::Rejects) => {
                        Some(false)
                    }
                    Some(crate::model::Stance::Relays) => None,
                    Some(crate::model::Stance::Endorses) | None => {
                        p.speaker().is_none_or(|s| s == author).then_some(true)
                    }
                }
            })
            .collect();
        self.unresolved(&side);
        // Most KBs have no cycle at all, which peeling nodes with no
        // support left (Kahn's order, over one table) shows; only then is
        // the graph built and its components looked for. Kosaraju's search
        // is iterative: a chain of 10^6 supports cannot overflow the stack.
        let cycles = if acyclic(count, &support) {
            Vec::new()
        } else {
            let mut graph: petgraph::Graph<(), (), petgraph::Directed, u32> =
                petgraph::Graph::with_capacity(count, support.len());
            for _ in 0..count {
                graph.add_node(());
            }
            for &(a, b) in &support {
                graph.add_edge(a.into(), b.into(), ());
            }
            kosaraju_scc(&graph)
        };
        for scc in cycles {
            if scc.len() < 2 {
                continue;
            }
            let mut members: Vec<&str> = scc.into_iter().map(|ix| self.id(ix.index())).collect();
            members.sort_unstable();
            let first = members[0];
            let def = self.def(first);
            let span = def.and_then(|def| self.def_span(def, "id"));
            let allow = def.map(|d| self.allowed_of(d)).unwrap_or_default();
            let d = Diagnostic::warning(Code::SupportCycle, format!("support runs in a cycle through {}", members.iter().map(|m| format!("`{m}`")).collect::<Vec<_>>().join(", ")))
                .at(span, "part of the cycle")
                .help("circular support proves nothing; break the cycle or model the mutual dependence as linked premises");
            self.warn(allow, d);
        }
    }

    /// Unknown names in `allow` lists (errors).
    pub(super) fn allow_lists(&mut self) {
        for p in Self::prop_list(self.kbs) {
            for (j, a) in p.allow().iter().enumerate() {
                if !Code::warnings().any(|w| w.name() == a) {
                    let names = || Code::warnings().map(Code::name);
                    let hint = crate::diagnostic::suggest::did_you_mean(a, names())
                        .map(|b| format!("did you mean `{b}`?"))
                        .unwrap_or_else(|| {
                            format!(
                                "warnings that can be allowed: {}",
                                names().collect::<Vec<_>>().join(", ")
                            )
                        });
                    let d = Diagnostic::error(
                        Code::UnknownWarning,
                        format!("`{a}` is not a warning argkb gives"),
                    )
                    .at(
                        self.span(
                            p.def.file,
                            &[
                                Seg::Field(p.def.section()),
                                Seg::Index(p.def.index),
                                Seg::Field("allow"),
                                Seg::Index(j),
                            ],
                        ),
                        "unknown warning",
                    )
                    .help(hint);
                    self.diags.push(d);
                }
            }
        }
    }
}

/// Whether the graph of `nodes` nodes and `edges` has no cycle (a node
/// supporting itself is one): every node can be taken once nothing left
/// points into it.
fn acyclic(nodes: usize, edges: &[(u32, u32)]) -> bool {
    Grouped::new(nodes, edges.iter().map(|&(a, b)| (a as usize, b))).acyclic()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `acyclic` agrees with petgraph's topological sort on random graphs,
    /// sparse and dense, with and without self-loops.
    #[test]
    fn acyclic_agrees_with_a_topological_sort() {
        let mut rng = crate::model::synth::Rng::new(7);
        let mut cyclic = 0;
        for round in 0..400 {
            let nodes = 1 + rng.below(30);
            let count = rng.below(nodes * (1 + round % 3));
            let mut edges: Vec<(u32, u32)> = Vec::new();
            for _ in 0..count {
                let (a, b) = (rng.below(nodes) as u32, rng.below(nodes) as u32);
                // Mostly forward, so that many graphs have no cycle.
                if a < b || rng.chance(10) {
                    edges.push((a, b));
                }
            }
            let mut graph: petgraph::Graph<(), (), petgraph::Directed, u32> =
                petgraph::Graph::new();
            for _ in 0..nodes {
                graph.add_node(());
            }
            for &(a, b) in &edges {
                graph.add_edge(a.into(), b.into(), ());
            }
            let expected = petgraph::algo::toposort(&graph, None).is_ok();
            assert_eq!(acyclic(nodes, &edges), expected, "{nodes} nodes, {edges:?}");
            cyclic += usize::from(!expected);
        }
        assert!((50..350).contains(&cyclic), "{cyclic} of 400 cyclic");
    }
}
