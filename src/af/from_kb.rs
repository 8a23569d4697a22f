//! The abstract framework of a KB: which nodes are arguments of it, and
//! which relations become attacks (docs/SEMANTICS.md explains it on the
//! essay).
//!
//! Every claim, recommendation and argument node is an argument of the
//! framework (actors are not: they hold positions, they are not ones).
//! Attacks:
//! - `Attacks(a, b)`: a attacks b;
//! - `Undercuts(c, A)`: c attacks the inference node A;
//! - an attack on a premise of A also attacks A (the argument rests on
//!   it).
//!
//! Named conflicts: a conflict is an argument of the framework too. It
//! attacks its target (and its attackers do not, except through it), an
//! attack on one of its attackers attacks it (as with an argument's
//! premises), and `Undercuts(c, conflict)` attacks it: the attack on the
//! target is then disputed, and the target may be reinstated.
//!
//! Preferences: `Prefers(b, a)` makes every attack of a on b fail
//! (attack as defeat, as in preference-based argumentation, Amgoud &
//! Cayrol 2002); undercuts succeed whatever the preferences (as in
//! ASPIC+). A conflict's attack fails when its target is preferred to
//! any one of its attackers (weakest link).
//!
//! Support, by `Support`:
//! - `None`: support plays no part (Dung's semantics on the attacks);
//! - `Deductive`: support read as deductive support in bipolar
//!   argumentation (Boella, Gabbay, van der Torre & Villata 2010; Cayrol &
//!   Lagasquie-Schiex 2013): "a ⇒ b" means accepting a commits one to b.
//!   `Supports(a, b)` is a ⇒ b; an argument commits one to its premises
//!   (A ⇒ p) and to its conclusion (A ⇒ c). Along chains of ⇒, the
//!   supported attack (a ⇒ … ⇒ b, b attacks c: a attacks c) and the
//!   mediated attack (a ⇒ … ⇒ b, c attacks b: c attacks a) are added; so
//!   rebutting an argument's conclusion attacks the argument, and an
//!   attack on a claim reaches whatever commits one to it.

use std::collections::BTreeSet;

use super::Framework;
use crate::graph::{ArgGraph, Node};
use crate::model::{NodeKind, RelKind};

/// How support takes part in evaluation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum Support {
    /// support is ignored: Dung's semantics on attacks and undercuts
    #[default]
    None,
    /// deductive support, with supported and mediated attacks
    Deductive,
}

/// The framework of `graph`; argument names are the KB ids, in id order.
/// `removed` ids are left out (with their attacks), for what-if questions.
pub fn framework(graph: &ArgGraph, support: Support, removed: &BTreeSet<&str>) -> Framework {
    let nodes: Vec<&Node> = graph
        .nodes()
        .into_iter()
        .filter(|n| n.kind() != NodeKind::Actor && !removed.contains(n.id()))
        .collect();
    let index = |id: &str| {
        nodes
            .binary_search_by(|n| n.id().cmp(id))
            .ok()
            .map(|i| i as u32)
    };
    let names: Vec<String> = nodes.iter().map(|n| n.id().to_string()).collect();
    let n = names.len();
    let mut attacks: Vec<(u32, u32)> = Vec::new();
    // Undercuts always succeed; other attacks fail against a preferred
    // target (`Prefers(b, a)` defeats the attack of a on b).
    let mut undercuts: BTreeSet<(u32, u32)> = BTreeSet::new();
    let mut prefers: BTreeSet<(u32, u32)> = BTreeSet::new();
    // Commitments (a ⇒ b), for the support closure and premise attacks.
    let mut commits: Vec<Vec<u32>> = vec![Vec::new(); n];
    // The arguments resting on each premise.
    let mut rests_on: Vec<Vec<u32>> = vec![Vec::new(); n];
    // The attackers of each named conflict, for preferences.
    let mut attackers_of: Vec<Vec<u32>> = vec![Vec::new(); n];
    for e in graph.edges() {
        let (Some(a), Some(b)) = (index(e.source), index(e.target)) else {
            continue;
        };
        match e.kind {
            RelKind::Attacks => attacks.push((a, b)),
            RelKind::Undercuts => {
                attacks.push((a, b));
                undercuts.insert((a, b));
            }
            RelKind::Prefers => {
                prefers.insert((a, b));
            }
            RelKind::Supports => commits[a as usize].push(b),
            // premise p → argument A: A commits one to p.
            RelKind::Premise => {
                commits[b as usize].push(a);
                rests_on[a as usize].push(b);
                if nodes[b as usize].kind() == NodeKind::Conflict {
                    attackers_of[b as usize].push(a);
                }
            }
            RelKind::Conclusion => commits[a as usize].push(b),
            _ => {}
        }
    }
    let direct = attacks.clone();
    match support {
        Support::None => {
            // An attack on a premise attacks the argument.
            for &(x, p) in &direct {
                for &arg in &rests_on[p as usize] {
                    attacks.push((x, arg));
                }
            }
        }
        Support::Deductive => {
            // Who commits one to each node, transitively (reverse reach).
            let mut committed_by: Vec<Vec<u32>> = vec![Vec::new(); n];
            for (a, bs) in commits.iter().enumerate() {
                for &b in bs {
                    committed_by[b as usize].push(a as u32);
                }
            }
            let ancestors = |start: u32| -> Vec<u32> {
                let mut seen = vec![false; n];
                let mut stack = vec![start];
                let mut out = Vec::new();
                while let Some(x) = stack.pop() {
                    for &y in &committed_by[x as usize] {
                        if !seen[y as usize] {
                            seen[y as usize] = true;
                            out.push(y);
                            stack.push(y);
                        }
                    }
                }
                out
            };
            for &(b, c) in &direct {
                // Supported: whoever commits to b attacks c.
                for a in ancestors(b) {
                    attacks.push((a, c));
                }
                // Mediated: b attacks whoever commits to c.
                for a in ancestors(c) {
                    attacks.push((b, a));
                }
            }
        }
    }
    // A named conflict's attack fails when the target is preferred to one
    // of its attackers (the weakest link decides).
    let fails = |a: u32, b: u32| {
        prefers.contains(&(b, a))
            || attackers_of[a as usize]
                .iter()
                .any(|&x| prefers.contains(&(b, x)))
    };
    attacks.retain(|&(a, b)| undercuts.contains(&(a, b)) || !fails(a, b));
    Framework::with_attacks(names, &mut attacks)
}
