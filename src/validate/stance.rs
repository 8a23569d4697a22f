//! The author's side: a claim or recommendation the author endorses,
//! attacked by one the author concedes or rejects, with nothing settling
//! the attack (`unresolved-conflict`).

use super::*;

impl<'a> Checker<'a> {
    /// `unresolved-conflict`: a node its source's author endorses, attacked
    /// by one the author concedes or rejects, where nothing settles the
    /// attack: no `Prefers(target, attacker)`, and no attack or undercut
    /// on the attacker (on a named conflict: on it or one of its
    /// attackers) from a node the author endorses. Left so, the author's
    /// own verdict is missing from the map and `eval` leaves the target
    /// out or undecided.
    pub(super) fn unresolved(&mut self, side: &[Option<bool>]) {
        use crate::model::Stance;
        let count = self.order.len();
        if !side.contains(&Some(false)) {
            return;
        }
        let mut prefers: std::collections::HashSet<(usize, usize)> = Default::default();
        // Who attacks or undercuts each node, and each conflict's attackers.
        let mut against: Vec<Vec<usize>> = vec![Vec::new(); count];
        let mut attackers_of: Vec<Vec<usize>> = vec![Vec::new(); count];
        for (file, (kb, ends)) in self.kbs.iter().zip(&self.ends).enumerate() {
            for (rel, ends) in kb.relations.iter().zip(ends) {
                let [a, b] = ends.get();
                let (Some(a), Some(b)) = (a.map(|n| n as usize), b.map(|n| n as usize)) else {
                    continue;
                };
                match rel.parts().0 {
                    RelKind::Prefers => {
                        prefers.insert((a, b));
                    }
                    RelKind::Attacks | RelKind::Undercuts => against[b].push(a),
                    _ => {}
                }
            }
            for index in 0..kb.conflicts.len() {
                let def = Def {
                    kind: NodeKind::Conflict,
                    file,
                    index,
                };
                if let Some(k) = self.dense_of(def) {
                    let (attackers, _) = self.conflict_links[file].of(index);
                    attackers_of[k] = attackers.iter().flatten().map(|&a| a as usize).collect();
                }
            }
        }
        // Answered by an endorsed node other than the target (a mutual
        // attack alone settles nothing).
        let countered =
            |x: usize, t: usize| against[x].iter().any(|&y| y != t && side[y] == Some(true));
        // (file, relation index or conflict index, is a conflict, attacker, target)
        let mut found: Vec<(FileId, usize, bool, usize, usize)> = Vec::new();
        for (file, (kb, ends)) in self.kbs.iter().zip(&self.ends).enumerate() {
            for (i, (rel, ends)) in kb.relations.iter().zip(ends).enumerate() {
                let [a, b] = ends.get();
                let (Some(a), Some(b)) = (a.map(|n| n as usize), b.map(|n| n as usize)) else {
                    continue;
                };
                if rel.parts().0 == RelKind::Attacks
                    && side[b] == Some(true)
                    && side[a] == Some(false)
                    && !prefers.contains(&(b, a))
                    && !countered(a, b)
                {
                    found.push((file, i, false, a, b));
                }
            }
            for i in 0..kb.conflicts.len() {
                let def = Def {
                    kind: NodeKind::Conflict,
                    file,
                    index: i,
                };
                let (Some(k), (_, Some(t))) = (self.dense_of(def), self.conflict_links[file].of(i))
                else {
                    continue;
                };
                let t = t as usize;
                let members = &attackers_of[k];
                if side[t] == Some(true)
                    && members.iter().any(|&a| side[a] == Some(false))
                    && !prefers.contains(&(t, k))
                    && !members.iter().any(|&a| prefers.contains(&(t, a)))
                    && !countered(k, t)
                    && !members.iter().any(|&a| countered(a, t))
                {
                    found.push((file, i, true, k, t));
                }
            }
        }
        for (file, i, conflict, a, b) in found {
            let (aid, bid) = (self.id(a), self.id(b));
            let allow = self
                .def(bid)
                .map(|d| self.allowed_of(d))
                .unwrap_or_default();
            let path = if conflict {
                [Seg::Field("conflicts"), Seg::Index(i)]
            } else {
                [Seg::Field("relations"), Seg::Index(i)]
            };
            let at = self.span(file, &path);
            if !self.will_warn(allow, Code::UnresolvedConflict, at.as_ref()) {
                continue;
            }
            let stance = |n: usize| match self.prop_of(n).and_then(|p| p.stance()) {
                Some(Stance::Concedes) => "concedes",
                _ => "rejects",
            };
            let what = if conflict {
                let attacker = attackers_of[a]
                    .iter()
                    .find(|&&x| side[x] == Some(false))
                    .copied()
                    .unwrap_or(a);
                (self.id(attacker), attacker)
            } else {
                (aid, a)
            };
            let d = Diagnostic::warning(
                Code::UnresolvedConflict,
                format!(
                    "`{}` (the author {}) attacks `{}` (the author endorses), and nothing settles it",
                    shown_id(what.0),
                    stance(what.1),
                    shown_id(bid)
                ),
            )
            .at(at, "an unsettled attack on the author's own claim")
            .related(
                self.def(what.0).and_then(|d| self.def_span(d, "id")),
                format!("the author {} this", stance(what.1)),
            )
            .related(
                self.def(bid).and_then(|d| self.def_span(d, "id")),
                "the author endorses this",
            )
            .help(format!(
                "say how the author settles it: `Prefers(\"{}\", \"{}\")` when the author outweighs or overrules it, or an attack or undercut on `{}` from the author's answer",
                shown_id(bid),
                shown_id(what.0),
                shown_id(aid)
            ));
            self.diags.push(d);
        }
    }
}
