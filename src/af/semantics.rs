//! Extension semantics on a `Framework`.
//!
//! Grounded is computed directly, in time linear in the attacks: an
//! argument is in once all its attackers are out, out once an attacker is
//! in. Every other semantics is reduced to SAT with the standard
//! encodings (Besnard & Doutre 2004; Cerutti et al. 2013; the ICCMA
//! solvers' CEGAR loops), solved by an incremental CDCL solver (BatSat,
//! through `rustsat`):
//!
//! - variable x_a: a is in the set; d_a ⇔ some attacker of a is in;
//! - conflict-free: ¬x_a ∨ ¬x_b for each attack; admissible: x_a → d_b for
//!   each attacker b of a; complete: also (all attackers of a defeated) →
//!   x_a; stable: conflict-free and x_a ∨ d_a for every a;
//! - preferred: a complete set grown until no strictly larger complete set
//!   exists; sceptical acceptance by a loop over preferred extensions,
//!   each found outside the subsets of those before;
//! - semi-stable and stage: complete (or conflict-free) sets whose range
//!   (the set and what it attacks) is grown until maximal; acceptance
//!   by a loop over maximal ranges;
//! - ideal: the greatest admissible set within the credulously accepted
//!   arguments none of whose attackers is credulously accepted (Dunne 2009).

use rustsat::solvers::{Solve, SolveIncremental, SolverResult};
use rustsat::types::{Clause, Lit, TernaryVal, Var};
use rustsat_batsat::BasicSolver;

use super::Framework;

/// The semantics argkb computes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, clap::ValueEnum)]
pub enum Semantics {
    Grounded,
    Complete,
    Preferred,
    Stable,
    SemiStable,
    Stage,
    Ideal,
}

impl Semantics {
    pub const ALL: [Semantics; 7] = [
        Semantics::Grounded,
        Semantics::Complete,
        Semantics::Preferred,
        Semantics::Stable,
        Semantics::SemiStable,
        Semantics::Stage,
        Semantics::Ideal,
    ];

    /// The ICCMA abbreviation.
    pub fn code(self) -> &'static str {
        match self {
            Semantics::Grounded => "GR",
            Semantics::Complete => "CO",
            Semantics::Preferred => "PR",
            Semantics::Stable => "ST",
            Semantics::SemiStable => "SST",
            Semantics::Stage => "STG",
            Semantics::Ideal => "ID",
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Semantics::Grounded => "grounded",
            Semantics::Complete => "complete",
            Semantics::Preferred => "preferred",
            Semantics::Stable => "stable",
            Semantics::SemiStable => "semi-stable",
            Semantics::Stage => "stage",
            Semantics::Ideal => "ideal",
        }
    }

    /// Whether the semantics always has exactly one extension.
    pub fn is_unique(self) -> bool {
        matches!(self, Semantics::Grounded | Semantics::Ideal)
    }
}

/// The SAT solver failed (out of memory or interrupted).
#[derive(Debug, Clone, thiserror::Error)]
#[error("the SAT solver failed: {0}")]
pub struct SolverError(String);

fn fail(e: impl std::fmt::Display) -> SolverError {
    SolverError(e.to_string())
}

/// A set of arguments, as a membership vector.
pub type Set = Vec<bool>;

/// The grounded extension, and the arguments it defeats.
pub fn grounded(af: &Framework) -> (Set, Set) {
    let n = af.len();
    let mut inn = vec![false; n];
    let mut out = vec![false; n];
    // Attackers not yet out, per argument.
    let mut alive: Vec<u32> = af.attackers.iter().map(|a| a.len() as u32).collect();
    let mut queue: Vec<u32> = (0..n as u32).filter(|&a| alive[a as usize] == 0).collect();
    while let Some(a) = queue.pop() {
        if inn[a as usize] || out[a as usize] {
            continue;
        }
        inn[a as usize] = true;
        for &b in &af.targets[a as usize] {
            if !out[b as usize] {
                out[b as usize] = true;
                for &c in &af.targets[b as usize] {
                    alive[c as usize] -= 1;
                    if alive[c as usize] == 0 && !out[c as usize] {
                        queue.push(c);
                    }
                }
            }
        }
    }
    (inn, out)
}

/// The base encoding of one query: x_a for membership, d_a for "attacked
/// by the set".
struct Encoding {
    solver: BasicSolver,
    n: usize,
    next: u32,
}

impl Encoding {
    fn x(&self, a: usize) -> Lit {
        Var::new(a as u32).pos_lit()
    }
    fn d(&self, a: usize) -> Lit {
        Var::new((self.n + a) as u32).pos_lit()
    }
    fn fresh(&mut self) -> Lit {
        let v = Var::new(self.next);
        self.next += 1;
        v.pos_lit()
    }
    fn add(&mut self, lits: &[Lit]) -> Result<(), SolverError> {
        self.solver.add_clause(Clause::from(lits)).map_err(fail)
    }

    /// Conflict-free sets, with d defined; `base` adds admissibility or
    /// completeness.
    fn new(af: &Framework, base: Base) -> Result<Encoding, SolverError> {
        let n = af.len();
        let mut e = Encoding {
            solver: BasicSolver::default(),
            n,
            next: (2 * n) as u32,
        };
        for a in 0..n {
            // d_a ⇔ ∨ x_b over attackers b.
            let mut def = vec![!e.d(a)];
            for &b in &af.attackers[a] {
                let b = b as usize;
                def.push(e.x(b));
                e.add(&[!e.x(b), e.d(a)])?;
                // Conflict-free.
                e.add(&[!e.x(a), !e.x(b)])?;
            }
            e.add(&def)?;
            match base {
                Base::ConflictFree => {}
                Base::Admissible | Base::Complete => {
                    for &b in &af.attackers[a] {
                        e.add(&[!e.x(a), e.d(b as usize)])?;
                    }
                    if base == Base::Complete {
                        let mut c = vec![e.x(a)];
                        c.extend(af.attackers[a].iter().map(|&b| !e.d(b as usize)));
                        e.add(&c)?;
                    }
                }
                Base::Stable => {
                    e.add(&[e.x(a), e.d(a)])?;
                }
            }
        }
        Ok(e)
    }

    fn solve(&mut self, assumptions: &[Lit]) -> Result<bool, SolverError> {
        match self.solver.solve_assumps(assumptions).map_err(fail)? {
            SolverResult::Sat => Ok(true),
            SolverResult::Unsat => Ok(false),
            SolverResult::Interrupted => Err(SolverError("interrupted".into())),
        }
    }

    /// Solves with every `keep` literal true and at least one of `more`
    /// (a clause behind a fresh selector, switched off afterwards); the
    /// model, read by `read` before the clause is switched off (adding a
    /// clause ends the model), if there is one.
    fn solve_beyond<T>(
        &mut self,
        mut keep: Vec<Lit>,
        more: Vec<Lit>,
        read: impl Fn(&Self) -> T,
    ) -> Result<Option<T>, SolverError> {
        let sel = self.fresh();
        let mut clause = vec![!sel];
        clause.extend(more);
        self.add(&clause)?;
        keep.push(sel);
        let model = self.solve(&keep)?.then(|| read(self));
        self.add(&[!sel])?;
        Ok(model)
    }

    fn value(&self, l: Lit) -> bool {
        matches!(self.solver.lit_val(l), Ok(TernaryVal::True))
    }

    fn set(&self) -> Set {
        (0..self.n).map(|a| self.value(self.x(a))).collect()
    }

    fn range(&self) -> Set {
        (0..self.n)
            .map(|a| self.value(self.x(a)) || self.value(self.d(a)))
            .collect()
    }

    /// A literal true iff a is in the set's range.
    fn range_lit(&mut self, a: usize) -> Result<Lit, SolverError> {
        let r = self.fresh();
        let (x, d) = (self.x(a), self.d(a));
        self.add(&[!r, x, d])?;
        self.add(&[r, !x])?;
        self.add(&[r, !d])?;
        Ok(r)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Base {
    ConflictFree,
    Admissible,
    Complete,
    Stable,
}

/// A solver for one framework: answers the ICCMA questions.
pub struct Solver<'a> {
    af: &'a Framework,
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
                let mut e = Encoding::new(self.af, Base::Complete)?;
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
                // Loop over preferred extensions, each outside the subsets
                // of those found before, until one lacks q.
                let mut e = Encoding::new(self.af, Base::Complete)?;
                loop {
                    if !e.solve(&[])? {
                        return Ok(None);
                    }
                    let start = e.set();
                    let mut grow = Encoding::new(self.af, Base::Complete)?;
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

    fn find(&self, base: Base, assume: &[Lit]) -> Result<Option<Set>, SolverError> {
        let mut e = Encoding::new(self.af, base)?;
        Ok(e.solve(assume)?.then(|| e.set()))
    }

    fn find_with(&self, base: Base, q: usize, inside: bool) -> Result<Option<Set>, SolverError> {
        let mut e = Encoding::new(self.af, base)?;
        let l = if inside { e.x(q) } else { !e.x(q) };
        Ok(e.solve(&[l])?.then(|| e.set()))
    }

    /// Grows the complete set `start` into a preferred extension.
    fn maximise(&self, e: &mut Encoding, start: Set) -> Result<Set, SolverError> {
        let n = self.af.len();
        let mut current = start;
        loop {
            let keep: Vec<Lit> = (0..n).filter(|&a| current[a]).map(|a| e.x(a)).collect();
            let more: Vec<Lit> = (0..n).filter(|&a| !current[a]).map(|a| e.x(a)).collect();
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

    /// From the solver's current model, grows the range until maximal;
    /// returns the set and its range.
    fn maximise_range(&self, e: &mut Encoding) -> Result<(Set, Set), SolverError> {
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
    fn range_acceptance(
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
    fn exact_range_from(
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
    fn ideal(&self) -> Result<Set, SolverError> {
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

/// The clause that rules `set` out exactly.
fn block(e: &Encoding, set: &Set) -> Vec<Lit> {
    (0..set.len())
        .map(|a| if set[a] { !e.x(a) } else { e.x(a) })
        .collect()
}

fn range_base(sem: Semantics) -> Base {
    if sem == Semantics::Stage {
        Base::ConflictFree
    } else {
        Base::Complete
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::synth::Rng;

    /// Every extension of `sem`, by brute force over all subsets (as bit
    /// masks), from the definitions, written here independently of the
    /// solver.
    fn brute(af: &Framework, sem: Semantics) -> Vec<Set> {
        let n = af.len();
        let mut attackers = vec![0u32; n];
        let mut targets = vec![0u32; n];
        for (a, b) in af.attacks() {
            attackers[b as usize] |= 1 << a;
            targets[a as usize] |= 1 << b;
        }
        let members = |s: u32| (0..n).filter(move |&a| s >> a & 1 == 1);
        let attacked = |s: u32| members(s).fold(0u32, |m, a| m | targets[a]);
        let cf = |s: u32| s & attacked(s) == 0;
        // What s defends: arguments all of whose attackers s attacks.
        let defended = |s: u32| {
            let hit = attacked(s);
            (0..n).fold(0u32, |m, a| {
                if attackers[a] & !hit == 0 {
                    m | 1 << a
                } else {
                    m
                }
            })
        };
        let adm = |s: u32| cf(s) && s & !defended(s) == 0;
        let complete = |s: u32| adm(s) && defended(s) == s;
        let range = |s: u32| s | attacked(s);
        let all: Vec<u32> = (0..1u32 << n).collect();
        let maximal = |sets: &[u32], key: &dyn Fn(u32) -> u32| -> Vec<u32> {
            sets.iter()
                .copied()
                .filter(|&s| {
                    let k = key(s);
                    !sets.iter().any(|&t| {
                        let kt = key(t);
                        kt != k && k & !kt == 0
                    })
                })
                .collect()
        };
        let complete_sets: Vec<u32> = all.iter().copied().filter(|&s| complete(s)).collect();
        let masks: Vec<u32> = match sem {
            Semantics::Complete => complete_sets,
            Semantics::Grounded => complete_sets
                .iter()
                .copied()
                .filter(|&s| complete_sets.iter().all(|&t| s & !t == 0))
                .collect(),
            Semantics::Stable => all
                .iter()
                .copied()
                .filter(|&s| cf(s) && range(s).count_ones() as usize == n)
                .collect(),
            Semantics::Preferred => maximal(&complete_sets, &|s| s),
            Semantics::SemiStable => maximal(&complete_sets, &range),
            Semantics::Stage => {
                let free: Vec<u32> = all.iter().copied().filter(|&s| cf(s)).collect();
                maximal(&free, &range)
            }
            Semantics::Ideal => {
                let preferred = maximal(&complete_sets, &|s| s);
                let within: Vec<u32> = all
                    .iter()
                    .copied()
                    .filter(|&s| adm(s) && preferred.iter().all(|&p| s & !p == 0))
                    .collect();
                maximal(&within, &|s| s)
            }
        };
        masks
            .into_iter()
            .map(|m| (0..n).map(|a| m >> a & 1 == 1).collect())
            .collect()
    }

    fn random_af(rng: &mut Rng) -> Framework {
        let n = rng.below(13);
        let density = rng.pick(&[0, 5, 10, 20, 35, 60]);
        let mut attacks = Vec::new();
        for a in 0..n as u32 {
            for b in 0..n as u32 {
                if (a != b || rng.chance(15)) && rng.chance(density) {
                    attacks.push((a, b));
                }
            }
        }
        // Now and then an odd or even cycle through every argument.
        if n > 1 && rng.chance(20) {
            for a in 0..n as u32 {
                attacks.push((a, (a + 1) % n as u32));
            }
        }
        Framework::with_attacks((1..=n).map(|k| k.to_string()).collect(), &mut attacks)
    }

    #[test]
    fn every_task_agrees_with_brute_force_on_600_random_frameworks() {
        let mut rng = Rng::new(2023);
        for round in 0..600 {
            let af = random_af(&mut rng);
            let solver = Solver::new(&af);
            for sem in Semantics::ALL {
                let truth = brute(&af, sem);
                let ctx = || format!("round {round}, {}, {:?}", sem.name(), af.attackers);
                if sem.is_unique() {
                    assert_eq!(truth.len(), 1, "{}", ctx());
                }
                match solver.some_extension(sem).unwrap() {
                    Some(s) => assert!(truth.contains(&s), "SE {}: {s:?}", ctx()),
                    None => assert!(truth.is_empty(), "SE {}: said none", ctx()),
                }
                for q in 0..af.len() {
                    let credulous = truth.iter().any(|s| s[q]);
                    match solver.credulous(sem, q).unwrap() {
                        Some(w) => {
                            assert!(
                                credulous && w[q] && truth.contains(&w),
                                "DC {q} {}: {w:?}",
                                ctx()
                            )
                        }
                        None => assert!(!credulous, "DC {q} {}", ctx()),
                    }
                    let sceptical = truth.iter().all(|s| s[q]);
                    match solver.sceptical(sem, q).unwrap() {
                        Some(w) => {
                            assert!(
                                !sceptical && !w[q] && truth.contains(&w),
                                "DS {q} {}: {w:?}",
                                ctx()
                            )
                        }
                        None => assert!(sceptical, "DS {q} {}", ctx()),
                    }
                }
                let (mut all, cut) = solver.extensions(sem, 10_000).unwrap();
                assert!(!cut);
                all.sort();
                let mut want = truth.clone();
                want.sort();
                assert_eq!(all, want, "extensions {}", ctx());
            }
        }
    }

    #[test]
    fn grounded_is_linear_on_a_long_chain() {
        // a1 ← a2 ← … : alternating in and out; no recursion, no SAT.
        let n = 200_000u32;
        let mut attacks: Vec<(u32, u32)> = (1..n).map(|a| (a, a - 1)).collect();
        let af = Framework::with_attacks((0..n).map(|k| k.to_string()).collect(), &mut attacks);
        let (inn, out) = grounded(&af);
        assert!(inn[n as usize - 1] && out[n as usize - 2]);
        assert_eq!(inn.iter().filter(|x| **x).count(), n as usize / 2);
    }
}
