//! Abstract argumentation frameworks (Dung 1995): arguments 0..n and an
//! attack relation, with the file formats solvers exchange them in and
//! the semantics computed on them.
//!
//! - `Framework`: the arguments' names and, for each argument, who attacks
//!   it and whom it attacks (deduplicated, sorted);
//! - `formats`: reading the ICCMA 2023 numeric format, APX and TGF, and
//!   writing ICCMA and APX;
//! - `semantics`: grounded (linear time) and, by SAT encodings, complete,
//!   preferred, stable, semi-stable, stage and ideal;
//! - `iccma`: the ICCMA 2023 solver interface (tasks, answers);
//! - `from_kb`: the framework of a KB (which nodes, which attacks).

pub mod cone;
pub mod formats;
pub mod from_kb;
pub mod iccma;
pub mod semantics;

/// An argumentation framework. Arguments are `0..len()`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Framework {
    /// Each argument's name (its ICCMA number, APX name, or KB id).
    pub names: Vec<String>,
    /// `attackers[a]`: the arguments attacking `a`, sorted.
    pub attackers: Vec<Vec<u32>>,
    /// `targets[a]`: the arguments `a` attacks, sorted.
    pub targets: Vec<Vec<u32>>,
}

impl Framework {
    /// A framework with these arguments and no attacks.
    pub fn new(names: Vec<String>) -> Framework {
        let n = names.len();
        Framework {
            names,
            attackers: vec![Vec::new(); n],
            targets: vec![Vec::new(); n],
        }
    }

    pub fn len(&self) -> usize {
        self.names.len()
    }

    pub fn is_empty(&self) -> bool {
        self.names.is_empty()
    }

    /// Adds `a` attacks `b`; false if it was there already.
    pub fn attack(&mut self, a: u32, b: u32) -> bool {
        let list = &mut self.targets[a as usize];
        match list.binary_search(&b) {
            Ok(_) => false,
            Err(i) => {
                list.insert(i, b);
                let back = &mut self.attackers[b as usize];
                let j = back.binary_search(&a).unwrap_or_else(|j| j);
                back.insert(j, a);
                true
            }
        }
    }

    /// Builds from a list of attacks (duplicates ignored), sorting once:
    /// linear-logarithmic for millions of attacks, where `attack` would be
    /// quadratic on a dense argument.
    pub fn with_attacks(names: Vec<String>, attacks: &mut [(u32, u32)]) -> Framework {
        let mut af = Framework::new(names);
        attacks.sort_unstable();
        let mut last = None;
        for &(a, b) in attacks.iter() {
            if last == Some((a, b)) {
                continue;
            }
            last = Some((a, b));
            af.targets[a as usize].push(b);
            af.attackers[b as usize].push(a);
        }
        for list in &mut af.attackers {
            list.sort_unstable();
        }
        af
    }

    /// Drops every attack on `a` (it is granted: nothing can defeat it).
    pub fn unattack(&mut self, a: u32) {
        for b in std::mem::take(&mut self.attackers[a as usize]) {
            let list = &mut self.targets[b as usize];
            if let Ok(i) = list.binary_search(&a) {
                list.remove(i);
            }
        }
    }

    pub fn attack_count(&self) -> usize {
        self.targets.iter().map(Vec::len).sum()
    }

    /// Every attack, in order.
    pub fn attacks(&self) -> impl Iterator<Item = (u32, u32)> + '_ {
        self.targets
            .iter()
            .enumerate()
            .flat_map(|(a, ts)| ts.iter().map(move |&b| (a as u32, b)))
    }

    /// Whether `set` (a membership vector) is an admissible set: conflict
    /// free, and attacking every attacker of its members.
    pub fn is_admissible(&self, set: &[bool]) -> bool {
        self.is_conflict_free(set)
            && (0..self.len()).filter(|&a| set[a]).all(|a| {
                self.attackers[a]
                    .iter()
                    .all(|&b| self.attackers[b as usize].iter().any(|&c| set[c as usize]))
            })
    }

    pub fn is_conflict_free(&self, set: &[bool]) -> bool {
        self.attacks()
            .all(|(a, b)| !(set[a as usize] && set[b as usize]))
    }
}

#[cfg(test)]
mod tests {
    use super::Framework;

    #[test]
    fn unattack_drops_the_attacks_on_one_argument_both_ways() {
        let mut af = Framework::with_attacks(
            vec!["a".into(), "b".into(), "c".into()],
            &mut [(0, 1), (2, 1), (1, 2)],
        );
        af.unattack(1);
        assert_eq!(af.attacks().collect::<Vec<_>>(), [(1, 2)]);
        assert!(af.attackers[1].is_empty());
        assert!(af.targets[0].is_empty());
    }
}
