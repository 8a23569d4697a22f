//! The solver behind every semantics but grounded: extensions enumerated
//! by SAT calls (maximality by growing, ideal from the preferred ones), and
//! the credulous and sceptical decisions.

use super::*;

/// A solver for one framework: answers the ICCMA questions.
pub struct Solver<'a> {
    pub(super) af: &'a Framework,
}

impl<'a> Solver<'a> {
    pub fn new(af: &'a Framework) -> Solver<'a> {
        Solver { af }
    }

    /// Some extension (SE), or None when there is none (only stable can
    /// have none).
    pub fn some_extension(&self, sem: Semantics) -> Result<Option<Set>, SolverError> {
        match sem {
            Semantics::Grounded => Ok(Some(grounded(self.af).0)),
            Semantics::Ideal => self.ideal().map(Some),
            Semantics::Complete => Ok(Some(grounded(self.af).0)),
            Semantics::Stable => self.find(Base::Stable, &[]),
            Semantics::Preferred => {
                // A stable extension is a preferred one, and one SAT call
                // finds it where there are many (growing a complete set
                // there takes a call per argument added).
                if self.stable_possible()
                    && let Some(s) = self.find(Base::Stable, &[])?
                {
                    return Ok(Some(s));
                }
                let mut e = Encoding::leaning_in(self.af, Base::Complete)?;
                if !e.solve(&[])? {
                    return Ok(None);
                }
                let start = e.set();
                self.maximise(&mut e, start).map(Some)
            }
            Semantics::SemiStable | Semantics::Stage => {
                let base = range_base(sem);
                let mut e = Encoding::new(self.af, base)?;
                if !e.solve(&[])? {
                    return Ok(None);
                }
                let (set, _) = self.maximise_range(&mut e)?;
                Ok(Some(set))
            }
        }
    }

    /// Credulous acceptance (DC): an extension containing `q`, if any.
    pub fn credulous(&self, sem: Semantics, q: usize) -> Result<Option<Set>, SolverError> {
        match sem {
            Semantics::Grounded | Semantics::Ideal => {
                let ext = self.some_extension(sem)?.unwrap_or_default();
                Ok(ext.get(q).copied().unwrap_or(false).then_some(ext))
            }
            // In some complete (equivalently admissible, preferred) set:
            // grow it to a preferred one for PR's witness.
            Semantics::Complete => self.find_with(Base::Complete, q, true),
            Semantics::Preferred => match self.find_with(Base::Complete, q, true)? {
                None => Ok(None),
                Some(s) => {
                    let mut e = Encoding::new(self.af, Base::Complete)?;
                    self.maximise(&mut e, s).map(Some)
                }
            },
            Semantics::Stable => self.find_with(Base::Stable, q, true),
            Semantics::SemiStable | Semantics::Stage => self.range_acceptance(sem, q, true),
        }
    }

    /// Sceptical acceptance (DS): `None` if `q` is in every extension,
    /// else an extension without it.
    pub fn sceptical(&self, sem: Semantics, q: usize) -> Result<Option<Set>, SolverError> {
        match sem {
            Semantics::Grounded | Semantics::Ideal | Semantics::Complete => {
                // Complete: sceptical = in the grounded extension (the
                // least complete one), which is itself the counterexample.
                let s = if sem == Semantics::Ideal {
                    self.ideal()?
                } else {
                    grounded(self.af).0
                };
                Ok((!s[q]).then_some(s))
            }
            Semantics::Stable => self.find_with(Base::Stable, q, false),
            Semantics::Preferred => {
                // A stable extension without q is a preferred one.
                if self.stable_possible()
                    && let Some(s) = self.find_with(Base::Stable, q, false)?
                {
                    return Ok(Some(s));
                }
                // Loop over preferred extensions, each outside the subsets
                // of those found before, until one lacks q.
                let mut e = Encoding::leaning_in(self.af, Base::Complete)?;
                let mut grow = Encoding::leaning_in(self.af, Base::Complete)?;
                // A complete set that attacks q grows into a preferred
                // extension without q: often the answer at once.
                let attacked = e.d(q);
                if e.solve(&[attacked])? {
                    let start = e.set();
                    return self.maximise(&mut grow, start).map(Some);
                }
                loop {
                    if !e.solve(&[])? {
                        return Ok(None);
                    }
                    let start = e.set();
                    let p = self.maximise(&mut grow, start)?;
                    if !p[q] {
                        return Ok(Some(p));
                    }
                    let outside: Vec<Lit> = (0..self.af.len())
                        .filter(|&a| !p[a])
                        .map(|a| e.x(a))
                        .collect();
                    if outside.is_empty() {
                        return Ok(None);
                    }
                    e.add(&outside)?;
                }
            }
            Semantics::SemiStable | Semantics::Stage => self.range_acceptance(sem, q, false),
        }
    }

    /// Every extension, up to `limit` (semantics with one extension give
    /// it; others enumerate with blocking clauses). Also says whether the
    /// limit cut the list.
    pub fn extensions(
        &self,
        sem: Semantics,
        limit: usize,
    ) -> Result<(Vec<Set>, bool), SolverError> {
        let n = self.af.len();
        let mut found: Vec<Set> = Vec::new();
        if sem.is_unique() {
            return Ok((self.some_extension(sem)?.into_iter().collect(), false));
        }
        let base = match sem {
            Semantics::Complete => Base::Complete,
            Semantics::Stable => Base::Stable,
            Semantics::Preferred => Base::Complete,
            Semantics::SemiStable => Base::Complete,
            _ => Base::ConflictFree,
        };
        let mut e = Encoding::new(self.af, base)?;
        loop {
            if found.len() >= limit {
                // One more would overflow: is there one?
                return Ok((found, e.solve(&[])?));
            }
            if !e.solve(&[])? {
                return Ok((found, false));
            }
            let candidate = e.set();
            let ext = match sem {
                Semantics::Preferred => {
                    let mut grow = Encoding::new(self.af, Base::Complete)?;
                    self.maximise(&mut grow, candidate)?
                }
                Semantics::SemiStable | Semantics::Stage => {
                    // Maximise the range from here, then take every set
                    // with that exact range in turn.
                    let (range, mut exact, with_range) = self.exact_range_from(&candidate, base)?;
                    let mut batch = Vec::new();
                    while exact.solve(&with_range)? {
                        let s = exact.set();
                        exact.add(&block(&exact, &s))?;
                        batch.push(s);
                    }
                    // No later candidate's range may lie within this one,
                    // so each round reaches a new maximal range.
                    let mut outside = Vec::new();
                    for (a, &inr) in range.iter().enumerate() {
                        if !inr {
                            outside.push(e.range_lit(a)?);
                        }
                    }
                    if outside.is_empty() {
                        for s in batch {
                            if found.len() >= limit {
                                return Ok((found, true));
                            }
                            if !found.contains(&s) {
                                found.push(s);
                            }
                        }
                        return Ok((found, false));
                    }
                    e.add(&outside)?;
                    for s in batch {
                        if found.len() < limit && !found.contains(&s) {
                            found.push(s);
                        } else if found.len() >= limit {
                            return Ok((found, true));
                        }
                    }
                    continue;
                }
                _ => candidate,
            };
            let blocking = if sem == Semantics::Preferred {
                // No subset of a preferred extension again.
                (0..n).filter(|&a| !ext[a]).map(|a| e.x(a)).collect()
            } else {
                block(&e, &ext)
            };
            if !found.contains(&ext) {
                found.push(ext);
            }
            if blocking.is_empty() {
                return Ok((found, false));
            }
            e.add(&blocking)?;
        }
    }

    pub(super) fn find(&self, base: Base, assume: &[Lit]) -> Result<Option<Set>, SolverError> {
        let mut e = Encoding::new(self.af, base)?;
        Ok(e.solve(assume)?.then(|| e.set()))
    }

    pub(super) fn find_with(
        &self,
        base: Base,
        q: usize,
        inside: bool,
    ) -> Result<Option<Set>, SolverError> {
        let mut e = Encoding::new(self.af, base)?;
        let l = if inside { e.x(q) } else { !e.x(q) };
        Ok(e.solve(&[l])?.then(|| e.set()))
    }

    /// Grows the complete set `start` into a preferred extension.
    pub(super) fn maximise(&self, e: &mut Encoding, start: Set) -> Result<Set, SolverError> {
        let n = self.af.len();
        let mut current = start;
        loop {
            let keep: Vec<Lit> = (0..n).filter(|&a| current[a]).map(|a| e.x(a)).collect();
            // Only an argument that neither attacks the set nor is
            // attacked by it can join a conflict-free superset: when there
            // is none (a stable set, say), the set is maximal without a
            // call, and the last call's proof covers only the candidates.
            let more: Vec<Lit> = self
                .candidates(&current)
                .into_iter()
                .map(|a| e.x(a))
                .collect();
            if more.is_empty() {
                return Ok(current);
            }
            // Strictly larger: the same and one more argument.
            match e.solve_beyond(keep, more, Encoding::set)? {
                None => return Ok(current),
                Some(s) => current = s,
            }
        }
    }

    /// False when no stable extension can exist because some argument is
    /// attacked by itself alone (it can be neither in nor defeated): the
    /// stable encoding is then not worth building.
    pub(super) fn stable_possible(&self) -> bool {
        !(0..self.af.len()).any(|a| self.af.attackers[a] == [a as u32])
    }

    /// The arguments outside `set` in no conflict with it (neither
    /// attacking nor attacked by a member).
    fn candidates(&self, set: &Set) -> Vec<usize> {
        let mut conflict = set.clone();
        for a in (0..self.af.len()).filter(|&a| set[a]) {
            for &b in self.af.attackers[a].iter().chain(&self.af.targets[a]) {
                conflict[b as usize] = true;
            }
        }
        (0..self.af.len()).filter(|&a| !conflict[a]).collect()
    }

    /// From the solver's current model, grows the range until maximal;
    /// returns the set and its range.
    pub(super) fn maximise_range(&self, e: &mut Encoding) -> Result<(Set, Set), SolverError> {
        let n = self.af.len();
        let mut set = e.set();
        let mut range = e.range();
        let ranges: Vec<Lit> = (0..n).map(|a| e.range_lit(a)).collect::<Result<_, _>>()?;
        loop {
            let keep: Vec<Lit> = (0..n).filter(|&a| range[a]).map(|a| ranges[a]).collect();
            let more: Vec<Lit> = (0..n).filter(|&a| !range[a]).map(|a| ranges[a]).collect();
            if more.is_empty() {
                return Ok((set, range));
            }
            match e.solve_beyond(keep, more, |e| (e.set(), e.range()))? {
                None => return Ok((set, range)),
                Some((s, r)) => (set, range) = (s, r),
            }
        }
    }

    /// Credulous (`inside`) or sceptical acceptance under semi-stable or
    /// stage semantics: over each maximal range in turn, is there a set of
    /// exactly that range with (or without) q?
    pub(super) fn range_acceptance(
        &self,
        sem: Semantics,
        q: usize,
        inside: bool,
    ) -> Result<Option<Set>, SolverError> {
        let n = self.af.len();
        let base = range_base(sem);
        let mut outer = Encoding::new(self.af, base)?;
        let outer_ranges: Vec<Lit> = (0..n)
            .map(|a| outer.range_lit(a))
            .collect::<Result<_, _>>()?;
        loop {
            if !outer.solve(&[])? {
                return Ok(None);
            }
            let (range, mut exact, mut assume) = self.exact_range_from(&outer.set(), base)?;
            assume.push(if inside { exact.x(q) } else { !exact.x(q) });
            if exact.solve(&assume)? {
                return Ok(Some(exact.set()));
            }
            // No later range may be within this one.
            let outside: Vec<Lit> = (0..n)
                .filter(|&a| !range[a])
                .map(|a| outer_ranges[a])
                .collect();
            if outside.is_empty() {
                return Ok(None);
            }
            outer.add(&outside)?;
        }
    }

    /// The maximal range reached by growing from the set `candidate`, an
    /// encoding, and the assumptions that pin a set's range to exactly it.
    pub(super) fn exact_range_from(
        &self,
        candidate: &Set,
        base: Base,
    ) -> Result<(Set, Encoding, Vec<Lit>), SolverError> {
        let n = self.af.len();
        let mut grow = Encoding::new(self.af, base)?;
        let assume: Vec<Lit> = (0..n)
            .map(|a| if candidate[a] { grow.x(a) } else { !grow.x(a) })
            .collect();
        grow.solve(&assume)?;
        let (_, range) = self.maximise_range(&mut grow)?;
        let mut exact = Encoding::new(self.af, base)?;
        let mut pin = Vec::with_capacity(n + 1);
        for (a, &inr) in range.iter().enumerate() {
            let r = exact.range_lit(a)?;
            pin.push(if inr { r } else { !r });
        }
        Ok((range, exact, pin))
    }

    /// The ideal extension.
    pub(super) fn ideal(&self) -> Result<Set, SolverError> {
        let n = self.af.len();
        // Credulously accepted (in some admissible set): grow a union.
        let mut e = Encoding::new(self.af, Base::Admissible)?;
        let mut accepted = vec![false; n];
        loop {
            let rest: Vec<Lit> = (0..n).filter(|&a| !accepted[a]).map(|a| e.x(a)).collect();
            if rest.is_empty() {
                break;
            }
            let Some(found) = e.solve_beyond(Vec::new(), rest, Encoding::set)? else {
                break;
            };
            for (a, inside) in found.into_iter().enumerate() {
                accepted[a] |= inside;
            }
        }
        // Candidates: accepted, with no accepted attacker; then the
        // greatest admissible subset, by removing the undefended.
        let mut set: Set = (0..n)
            .map(|a| accepted[a] && self.af.attackers[a].iter().all(|&b| !accepted[b as usize]))
            .collect();
        loop {
            let keep: Set = (0..n)
                .map(|a| {
                    set[a]
                        && self.af.attackers[a].iter().all(|&b| {
                            self.af.attackers[b as usize]
                                .iter()
                                .any(|&c| set[c as usize])
                        })
                })
                .collect();
            if keep == set {
                return Ok(set);
            }
            set = keep;
        }
    }
}
