//! The SAT encoding of a framework: one variable an argument for `in`
//! (and for its range where a semantics needs it), the clauses of
//! conflict-freeness, defence and completeness, and the blocking clauses
//! that move enumeration on.

use super::*;

/// The base encoding of one query: x_a for membership, d_a for "attacked
/// by the set".
pub(super) struct Encoding {
    pub(super) solver: BasicSolver,
    pub(super) n: usize,
    pub(super) next: u32,
}

impl Encoding {
    pub(super) fn x(&self, a: usize) -> Lit {
        Var::new(a as u32).pos_lit()
    }
    pub(super) fn d(&self, a: usize) -> Lit {
        Var::new((self.n + a) as u32).pos_lit()
    }
    pub(super) fn fresh(&mut self) -> Lit {
        let v = Var::new(self.next);
        self.next += 1;
        v.pos_lit()
    }
    pub(super) fn add(&mut self, lits: &[Lit]) -> Result<(), SolverError> {
        self.solver.add_clause(Clause::from(lits)).map_err(fail)
    }

    /// Conflict-free sets, with d defined; `base` adds admissibility or
    /// completeness.
    pub(super) fn new(af: &Framework, base: Base) -> Result<Encoding, SolverError> {
        Encoding::build(af, base, false)
    }

    /// `new`, with the solver deciding each argument `in` first: its
    /// models lean towards large sets, so that growing one to a preferred
    /// extension takes few further calls.
    pub(super) fn leaning_in(af: &Framework, base: Base) -> Result<Encoding, SolverError> {
        Encoding::build(af, base, true)
    }

    fn build(af: &Framework, base: Base, lean_in: bool) -> Result<Encoding, SolverError> {
        let n = af.len();
        let mut e = Encoding {
            solver: BasicSolver::default(),
            n,
            next: (2 * n) as u32,
        };
        if lean_in {
            // The x variables are 0..n: made first, with their polarity.
            use batsat::SolverInterface as _;
            let inner = e.solver.batsat_mut();
            for _ in 0..n {
                inner.new_var(batsat::lbool::TRUE, true);
            }
        }
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

    pub(super) fn solve(&mut self, assumptions: &[Lit]) -> Result<bool, SolverError> {
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
    pub(super) fn solve_beyond<T>(
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

    pub(super) fn value(&self, l: Lit) -> bool {
        matches!(self.solver.lit_val(l), Ok(TernaryVal::True))
    }

    pub(super) fn set(&self) -> Set {
        (0..self.n).map(|a| self.value(self.x(a))).collect()
    }

    pub(super) fn range(&self) -> Set {
        (0..self.n)
            .map(|a| self.value(self.x(a)) || self.value(self.d(a)))
            .collect()
    }

    /// A literal true iff a is in the set's range.
    pub(super) fn range_lit(&mut self, a: usize) -> Result<Lit, SolverError> {
        let r = self.fresh();
        let (x, d) = (self.x(a), self.d(a));
        self.add(&[!r, x, d])?;
        self.add(&[r, !x])?;
        self.add(&[r, !d])?;
        Ok(r)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Base {
    ConflictFree,
    Admissible,
    Complete,
    Stable,
}

/// The clause that rules `set` out exactly.
pub(super) fn block(e: &Encoding, set: &Set) -> Vec<Lit> {
    (0..set.len())
        .map(|a| if set[a] { !e.x(a) } else { e.x(a) })
        .collect()
}

pub(super) fn range_base(sem: Semantics) -> Base {
    if sem == Semantics::Stage {
        Base::ConflictFree
    } else {
        Base::Complete
    }
}
