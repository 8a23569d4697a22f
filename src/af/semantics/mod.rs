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

mod encoding;
mod solver;
use encoding::*;
pub use solver::Solver;

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

    /// Every task the solver answers on `af`, for every semantics and
    /// argument, against the brute-force extensions.
    fn agrees_with_brute_force(af: &Framework, round: &str) {
        let solver = Solver::new(af);
        for sem in Semantics::ALL {
            let truth = brute(af, sem);
            let ctx = || format!("{round}, {}, {:?}", sem.name(), af.attackers);
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

    #[test]
    fn every_task_agrees_with_brute_force_on_600_random_frameworks() {
        let mut rng = Rng::new(2023);
        for round in 0..600 {
            let af = random_af(&mut rng);
            agrees_with_brute_force(&af, &format!("round {round}"));
        }
    }

    #[test]
    fn every_task_agrees_with_brute_force_on_every_benchmark_family() {
        // The generator the benchmarks use, small enough for the oracle.
        use crate::model::synth::{AfShape, framework};
        let shapes = [
            AfShape::Random,
            AfShape::Grid,
            AfShape::ScaleFree,
            AfShape::Scc,
            AfShape::Stable,
        ];
        let mut stable_counts = Vec::new();
        for shape in shapes {
            for seed in 1..=25u64 {
                let n = 4 + seed as usize % 9;
                let text = framework(n, shape, seed);
                let af =
                    crate::af::formats::parse(&text, crate::af::formats::AfFormat::Iccma).unwrap();
                assert_eq!(af.len(), n);
                agrees_with_brute_force(&af, &format!("{shape:?} n={n} seed={seed}"));
                if shape == AfShape::Stable {
                    stable_counts.push(brute(&af, Semantics::Stable).len());
                }
            }
        }
        // The SCC family is what its name says: at 2,000 arguments, at
        // least one cyclic component per 40 arguments.
        let text = framework(2000, AfShape::Scc, 7);
        let af = crate::af::formats::parse(&text, crate::af::formats::AfFormat::Iccma).unwrap();
        let graph = petgraph::graph::DiGraph::<(), ()>::from_edges(af.attacks());
        let cyclic = petgraph::algo::tarjan_scc(&graph)
            .iter()
            .filter(|c| c.len() > 1)
            .count();
        assert!(cyclic >= 50, "{cyclic} cyclic components");
        // The stable family is what its name says: never without a stable
        // extension, and mostly with several.
        assert!(stable_counts.iter().all(|&k| k >= 1), "{stable_counts:?}");
        assert!(
            stable_counts.iter().filter(|&&k| k >= 2).count() >= 20,
            "{stable_counts:?}"
        );
    }

    #[test]
    fn a_lone_self_attacker_rules_out_stable_extensions_but_not_preferred_ones() {
        // 1 attacks itself only; 2 and 3 attack each other.
        let mut attacks = vec![(0, 0), (1, 2), (2, 1)];
        let af = Framework::with_attacks(vec!["1".into(), "2".into(), "3".into()], &mut attacks);
        let solver = Solver::new(&af);
        assert!(!solver.stable_possible());
        assert_eq!(solver.some_extension(Semantics::Stable).unwrap(), None);
        let p = solver
            .some_extension(Semantics::Preferred)
            .unwrap()
            .unwrap();
        assert!(!p[0] && p[1] != p[2], "{p:?}");
        // Attacked by another argument too, it no longer rules them out.
        let mut attacks = vec![(0, 0), (1, 0)];
        let af = Framework::with_attacks(vec!["1".into(), "2".into()], &mut attacks);
        let solver = Solver::new(&af);
        assert!(solver.stable_possible());
        assert_eq!(
            solver.some_extension(Semantics::Stable).unwrap(),
            Some(vec![false, true])
        );
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
