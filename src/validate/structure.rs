//! The shape of the argument: each relation joins the kinds of node its
//! kind allows (with a hint naming the relation that fits), arguments have
//! premises and a conclusion, named conflicts attackers and a target, and
//! nothing relates to itself or is stated twice.

use super::*;

/// Which kinds of node a relation may start and end at.
pub fn endpoints(kind: RelKind) -> (&'static [NodeKind], &'static [NodeKind]) {
    use NodeKind::*;
    const PROP: &[NodeKind] = &[Claim, Recommendation];
    const ACTOR: &[NodeKind] = &[Actor];
    match kind {
        RelKind::Supports | RelKind::Attacks => (PROP, PROP),
        RelKind::Undercuts => (&[Claim], &[Argument, Conflict]),
        RelKind::Asserts | RelKind::Opposes => (ACTOR, &[Claim, Recommendation, Argument]),
        RelKind::Says => (ACTOR, PROP),
        RelKind::AddressedTo => (&[Recommendation], ACTOR),
        RelKind::About => (PROP, ACTOR),
        RelKind::MemberOf
        | RelKind::Leads
        | RelKind::Represents
        | RelKind::ClientOf
        | RelKind::AllyOf => (ACTOR, ACTOR),
        RelKind::Rephrases | RelKind::SameAs => (PROP, PROP),
        RelKind::Prefers => (
            &[Claim, Recommendation, Argument],
            &[Claim, Recommendation, Argument],
        ),
        RelKind::Premise => (PROP, &[Argument, Conflict]),
        RelKind::Conclusion => (&[Argument], PROP),
    }
}

/// A pointed hint for the usual endpoint mistakes.
pub(super) fn wrong_end_hint(rel: RelKind, kind: NodeKind, from_end: bool) -> Option<String> {
    let h = match (rel, kind, from_end) {
        (RelKind::Supports | RelKind::Attacks, NodeKind::Actor, true) => {
            "an actor holds a claim with `Asserts(actor, claim)` or rejects it with `Opposes(actor, claim)`"
        }
        (RelKind::Supports | RelKind::Attacks, NodeKind::Actor, false) => {
            "to say a claim concerns an actor, use `About(claim, actor)`"
        }
        (RelKind::Undercuts, NodeKind::Claim | NodeKind::Recommendation, false) => {
            "`Undercuts` attacks an inference (an argument); to rebut a claim use `Attacks`"
        }
        (RelKind::Supports | RelKind::Attacks, NodeKind::Conflict, _) => {
            "a named conflict takes part through its `attackers` and `target`; dispute it with `Undercuts(claim, conflict)`"
        }
        (RelKind::Supports | RelKind::Attacks, NodeKind::Argument, _) => {
            "arguments take part through their `premises` and `conclusion`; attack one with `Undercuts`"
        }
        (RelKind::AddressedTo, NodeKind::Claim, true) => {
            "only recommendations are addressed to an actor; a claim can be `About` one"
        }
        (RelKind::Asserts | RelKind::Opposes, _, true) => {
            "the first id is the actor who holds or rejects the claim"
        }
        (RelKind::Asserts | RelKind::Opposes, NodeKind::Actor, false) => {
            "an actor holds claims, recommendations or arguments; between actors use `AllyOf`, `MemberOf`, `Leads`, `Represents` or `ClientOf`"
        }
        _ => return None,
    };
    Some(h.to_string())
}

/// The longest member list checked for repeats by scanning it.
const SHORT_LIST: usize = 16;

/// A member of an argument or conflict listed for the first time: its
/// position in the list, its id, and its dense index and kind when the id
/// resolves.
pub(super) type Member<'a> = (usize, &'a str, Option<(u32, NodeKind)>);

impl<'a> Checker<'a> {
    #[allow(clippy::too_many_arguments)]
    pub(super) fn check_end(
        &mut self,
        rel: RelKind,
        kind: NodeKind,
        allowed: &[NodeKind],
        id: &str,
        from_end: bool,
        file: FileId,
        path: &[Seg<'_>],
    ) {
        if allowed.contains(&kind) {
            return;
        }
        let names: Vec<String> = allowed
            .iter()
            .map(|k| format!("{} {}", article(*k), k.name()))
            .collect();
        let (verb, what) = if from_end {
            ("start at", "its source")
        } else {
            ("end at", "its target")
        };
        let help = wrong_end_hint(rel, kind, from_end)
            .unwrap_or_else(|| format!("`{}` must {verb} {}", rel.ron_name(), names.join(" or ")));
        let d = Diagnostic::error(
            Code::BadEndpoint,
            format!(
                "`{}` cannot {verb} {} {}",
                rel.ron_name(),
                article(kind),
                kind.name()
            ),
        )
        .at(
            self.span(file, path),
            format!(
                "`{}` is {} {}, as {what}",
                shown_id(id),
                article(kind),
                kind.name()
            ),
        )
        .help(help);
        self.diags.push(d);
    }

    /// The members of an argument (its premises) or a conflict (its
    /// attackers): at least one, each listed once, none the other end.
    /// Gives each member listed for the first time, with its position in
    /// the list and, when it resolves, its dense index and kind, for the
    /// caller's own check of kinds.
    pub(super) fn members(
        &mut self,
        file: FileId,
        index: usize,
        owner: &str,
        members: &'a [String],
        other_end: &str,
        words: &Members,
    ) -> Vec<Member<'a>> {
        let base = [Seg::Field(words.section), Seg::Index(index)];
        let mut resolved = Vec::new();
        if members.is_empty() {
            let path = [base[0], base[1], Seg::Field(words.list)];
            let d = Diagnostic::error(
                Code::NoPremises,
                format!("{} `{owner}` has no {}", words.owner, words.list),
            )
            .at(self.span(file, &path), "empty")
            .help(words.empty_help);
            self.diags.push(d);
        }
        // Lists are short, and a scan of the members before beats a set;
        // a long one (a hostile file's 10^5 premises) gets a set, so that
        // the check stays linear.
        let mut seen: Option<foldhash::HashSet<&str>> =
            (members.len() > SHORT_LIST).then(foldhash::HashSet::default);
        for (j, m) in members.iter().enumerate() {
            let path = [base[0], base[1], Seg::Field(words.list), Seg::Index(j)];
            let again = match &mut seen {
                Some(seen) => !seen.insert(m.as_str()),
                None => members[..j].contains(m),
            };
            if again {
                let d = Diagnostic::error(
                    Code::DuplicateRelation,
                    format!("{} `{}` is listed twice", words.member, shown_id(m)),
                )
                .at(self.span(file, &path), "listed again here");
                self.diags.push(d);
                continue;
            }
            if m == other_end {
                let d = Diagnostic::error(
                    Code::SelfRelation,
                    format!(
                        "`{}` is both {} and the {}",
                        shown_id(m),
                        words.a_member,
                        words.end
                    ),
                )
                .at(self.span(file, &path), words.member)
                .related(
                    self.span(file, &[base[0], base[1], Seg::Field(words.end)]),
                    words.end,
                )
                .help(words.self_help);
                self.diags.push(d);
            }
            let n = self.resolve_n(m, file, &path);
            resolved.push((j, m.as_str(), n.map(|n| (n, self.kinds[n as usize]))));
        }
        resolved
    }

    pub(super) fn arguments(&mut self) {
        const WORDS: Members = Members {
            section: "arguments",
            owner: "argument",
            list: "premises",
            member: "premise",
            a_member: "a premise",
            end: "conclusion",
            empty_help: "list the claims that together support the conclusion",
            self_help: "a claim cannot support itself",
        };
        for (file, kb) in self.kbs.iter().enumerate() {
            let mut links = Links::default();
            for (i, arg) in kb.arguments.iter().enumerate() {
                let base = [Seg::Field("arguments"), Seg::Index(i)];
                let premises =
                    self.members(file, i, &arg.id, &arg.premises, &arg.conclusion, &WORDS);
                for &(j, p, resolved) in &premises {
                    let Some((_, kind)) = resolved else {
                        continue;
                    };
                    let path = [base[0], base[1], Seg::Field("premises"), Seg::Index(j)];
                    let (from, _) = endpoints(RelKind::Premise);
                    self.check_end(RelKind::Premise, kind, from, p, true, file, &path);
                }
                let path = [base[0], base[1], Seg::Field("conclusion")];
                let conclusion = self.resolve_n(&arg.conclusion, file, &path);
                let premises = premises.iter().map(|(_, _, r)| r.map(|(n, _)| n));
                links.push(premises, conclusion);
                if let Some(kind) = conclusion.map(|n| self.kinds[n as usize]) {
                    let (_, to) = endpoints(RelKind::Conclusion);
                    self.check_end(
                        RelKind::Conclusion,
                        kind,
                        to,
                        &arg.conclusion,
                        false,
                        file,
                        &path,
                    );
                }
            }
            self.arg_links.push(links);
        }
    }

    /// Named conflicts: attackers (claims or recommendations, each once,
    /// none the target) and a target that is a claim, recommendation,
    /// argument or another conflict.
    pub(super) fn conflicts(&mut self) {
        const WORDS: Members = Members {
            section: "conflicts",
            owner: "conflict",
            list: "attackers",
            member: "attacker",
            a_member: "an attacker",
            end: "target",
            empty_help: "list the claims that together attack the target",
            self_help: "a claim cannot attack itself",
        };
        for (file, kb) in self.kbs.iter().enumerate() {
            let mut links = Links::default();
            for (i, conflict) in kb.conflicts.iter().enumerate() {
                let base = [Seg::Field("conflicts"), Seg::Index(i)];
                let target_path = [base[0], base[1], Seg::Field("target")];
                let attackers = self.members(
                    file,
                    i,
                    &conflict.id,
                    &conflict.attackers,
                    &conflict.target,
                    &WORDS,
                );
                for &(j, a, resolved) in &attackers {
                    let Some((_, kind)) = resolved else {
                        continue;
                    };
                    let path = [base[0], base[1], Seg::Field("attackers"), Seg::Index(j)];
                    if !matches!(kind, NodeKind::Claim | NodeKind::Recommendation) {
                        let d = Diagnostic::error(
                            Code::BadEndpoint,
                            format!(
                                "a conflict's attacker must be a claim or a recommendation, not {} {}",
                                article(kind),
                                kind.name()
                            ),
                        )
                        .at(
                            self.span(file, &path),
                            format!("`{}` is {} {}", shown_id(a), article(kind), kind.name()),
                        )
                        .help(match kind {
                            NodeKind::Actor => "list what the actor claims; the actor holds it with `Asserts(actor, claim)`",
                            _ => "list the claims the attack rests on",
                        });
                        self.diags.push(d);
                    }
                }
                let attackers = attackers.iter().map(|(_, _, r)| r.map(|(n, _)| n));
                if conflict.target == conflict.id {
                    let d = Diagnostic::error(
                        Code::SelfRelation,
                        format!("conflict `{}` targets itself", shown_id(&conflict.id)),
                    )
                    .at(self.span(file, &target_path), "its own id")
                    .help("a conflict attacks another node");
                    self.diags.push(d);
                    links.push(attackers, self.lookup(&conflict.target));
                    continue;
                }
                let target = self.resolve_n(&conflict.target, file, &target_path);
                links.push(attackers, target);
                if let Some(kind) = target.map(|n| self.kinds[n as usize])
                    && kind == NodeKind::Actor
                {
                    let d = Diagnostic::error(
                        Code::BadEndpoint,
                        "a conflict cannot target an actor".to_string(),
                    )
                    .at(
                        self.span(file, &target_path),
                        format!("`{}` is an actor", shown_id(&conflict.target)),
                    )
                    .help("a conflict attacks a claim, a recommendation, an argument or another conflict; an actor rejects a claim with `Opposes(actor, claim)`");
                    self.diags.push(d);
                }
            }
            self.conflict_links.push(links);
        }
    }

    pub(super) fn relations(&mut self) {
        // Where each relation was first stated: by its ends' dense
        // indices (one u64 key), or by the ids where an end is unknown.
        let mut seen_unknown: foldhash::HashMap<(RelKind, &str, &str), (FileId, usize)> =
            foldhash::HashMap::default();
        self.ends = self
            .kbs
            .iter()
            .map(|kb| {
                let mut ends = Vec::with_capacity(kb.relations.len());
                let mut first = None;
                self.defs.get_each(
                    kb.relations.iter().flat_map(|rel| {
                        let (_, a, b) = rel.parts();
                        [a, b]
                    }),
                    |n| self.id(n as usize),
                    |n| match first.take() {
                        None => first = Some(n),
                        Some(a) => ends.push(Ends::new([a, n])),
                    },
                );
                ends
            })
            .collect();
        // Relations between defined nodes stated more than once: grouped
        // by their first end (a counting sort, no comparisons), each
        // group sorted by kind and other end, the first of each run (by
        // file, then position) is the first statement. Groups are a
        // node's relations, a handful each: sorting them one by one takes
        // a third of the time of sorting 10^6 relations at once.
        let known = self
            .kbs
            .iter()
            .zip(&self.ends)
            .enumerate()
            .flat_map(|(file, (kb, ends))| {
                kb.relations
                    .iter()
                    .zip(ends)
                    .enumerate()
                    .filter_map(move |(i, (rel, ends))| match ends.get() {
                        // A node related to itself is an error of its own.
                        [Some(a), Some(b)] if a != b => {
                            Some((a as usize, (rel.parts().0, b, file as u32, i as u32)))
                        }
                        _ => None,
                    })
            });
        let by_start = Grouped::new(self.order.len(), known);
        let mut first_of: foldhash::HashMap<(FileId, usize), (FileId, usize)> =
            foldhash::HashMap::default();
        let mut group = Vec::new();
        for a in 0..self.order.len() {
            let from_a = by_start.of(a);
            if from_a.len() < 2 {
                continue;
            }
            group.clear();
            group.extend_from_slice(from_a);
            group.sort_unstable();
            for run in group.chunk_by(|x, y| (x.0, x.1) == (y.0, y.1)) {
                let first = (run[0].2 as FileId, run[0].3 as usize);
                for again in &run[1..] {
                    first_of.insert((again.2 as FileId, again.3 as usize), first);
                }
            }
        }
        drop(by_start);
        for (file, kb) in self.kbs.iter().enumerate() {
            for (i, rel) in kb.relations.iter().enumerate() {
                let (kind, from, to) = rel.parts();
                let whole = [Seg::Field("relations"), Seg::Index(i)];
                let from_path = [whole[0], whole[1], Seg::Index(0)];
                let to_path = [whole[0], whole[1], Seg::Index(1)];
                if from == to {
                    let d = Diagnostic::error(
                        Code::SelfRelation,
                        format!("`{}` is related to itself", shown_id(from)),
                    )
                    .at(
                        self.span(file, &whole),
                        format!("`{}` from a node to itself", kind.ron_name()),
                    )
                    .help("a relation joins two different nodes");
                    self.diags.push(d);
                    continue;
                }
                let [a, b] = self.ends[file][i].get();
                let known = a.is_some() && b.is_some();
                let first = if known {
                    first_of.get(&(file, i)).copied()
                } else {
                    seen_unknown.insert((kind, from, to), (file, i))
                };
                if let Some((first_file, first)) = first {
                    let d = Diagnostic::error(
                        Code::DuplicateRelation,
                        format!(
                            "`{}({:?}, {:?})` is stated twice",
                            kind.ron_name(),
                            shown_id(from),
                            shown_id(to)
                        ),
                    )
                    .at(self.span(file, &whole), "stated again here")
                    .related(
                        self.span(first_file, &[whole[0], Seg::Index(first)]),
                        "first stated here",
                    )
                    .help("remove one of them");
                    self.diags.push(d);
                    // The first statement stays the one to point at.
                    if !known {
                        seen_unknown.insert((kind, from, to), (first_file, first));
                    }
                    continue;
                }
                let (from_ok, to_ok) = endpoints(kind);
                let kind_of = |c: &mut Self, n: Option<u32>, id: &str, path: &[Seg<'_>]| match n {
                    Some(n) => Some(c.kinds[n as usize]),
                    None => c.resolve(id, file, path),
                };
                if let Some(k) = kind_of(self, a, from, &from_path) {
                    self.check_end(kind, k, from_ok, from, true, file, &from_path);
                }
                if let Some(k) = kind_of(self, b, to, &to_path) {
                    self.check_end(kind, k, to_ok, to, false, file, &to_path);
                }
            }
        }
    }
}
