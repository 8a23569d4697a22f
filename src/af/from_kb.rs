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
//! any one of its attackers (weakest link). Preferences come first: the
//! attacks derived below (premise, supported, mediated) are derived from
//! the defeats, the attacks that succeed, so a preference that stops an
//! attack stops what follows from it; a derived attack on a node
//! preferred to its attacker fails as well.
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

use petgraph::visit::NodeIndexable;

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

impl Support {
    pub fn name(self) -> &'static str {
        match self {
            Support::None => "none",
            Support::Deductive => "deductive",
        }
    }
}

/// How an attack of the framework arises from the KB.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Reason {
    /// Stated: `Attacks`, `Undercuts`, or a named conflict's attack.
    Stated,
    /// The attacker defeats this premise of the attacked argument.
    Premise(u32),
    /// Supported attack: the attacker commits one to this node, which
    /// defeats the attacked one.
    Supported(u32),
    /// Mediated attack: the attacker defeats this node, to which the
    /// attacked one commits.
    Mediated(u32),
}

/// The framework with, for each of its attacks, how it arises: the
/// attacks in order (`af.attacks()`) and one reason each (a stated attack
/// first, else the first derivation found).
#[derive(Debug, Clone)]
pub struct Explained {
    pub af: Framework,
    pub reasons: Vec<((u32, u32), Reason)>,
}

impl Explained {
    /// Why `a` attacks `b` in the framework, if it does.
    pub fn reason(&self, a: u32, b: u32) -> Option<Reason> {
        self.reasons
            .binary_search_by(|(k, _)| k.cmp(&(a, b)))
            .ok()
            .map(|i| self.reasons[i].1)
    }
}

/// The framework of `graph`; argument names are the KB ids, in id order.
/// `removed` ids are left out (with their attacks), for what-if questions.
pub fn framework(graph: &ArgGraph, support: Support, removed: &BTreeSet<&str>) -> Framework {
    build(graph, support, removed, false).af
}

/// `framework`, with the reason for each attack (for `eval --explain`).
pub fn explained(graph: &ArgGraph, support: Support, removed: &BTreeSet<&str>) -> Explained {
    build(graph, support, removed, true)
}

/// The construction (docs/SEMANTICS.md): preferences first turn the stated
/// attacks into defeats (an attack of a on b fails when `Prefers(b, a)`;
/// undercuts always succeed); premise, supported and mediated attacks are
/// then derived from the defeats only, so that a preference that stops an
/// attack also stops what follows from it; last, a derived attack on a
/// node preferred to its attacker fails too.
fn build(graph: &ArgGraph, support: Support, removed: &BTreeSet<&str>, record: bool) -> Explained {
    let nodes: Vec<&Node> = graph
        .nodes()
        .into_iter()
        .filter(|n| n.kind() != NodeKind::Actor && !removed.contains(n.id()))
        .collect();
    // Each graph node's argument number (nodes are in id order, so the
    // numbers follow the ids), or NONE: one lookup per edge end, with no
    // string comparison.
    const NONE: u32 = u32::MAX;
    let mut number = vec![NONE; graph.petgraph().node_bound()];
    let mut next = 0u32;
    for &ix in graph.sorted_indices() {
        let node = &graph.petgraph()[ix];
        if node.kind() != NodeKind::Actor && !removed.contains(node.id()) {
            number[ix.index()] = next;
            next += 1;
        }
    }
    let names: Vec<String> = nodes.iter().map(|n| n.id().to_string()).collect();
    let n = names.len();
    let mut stated: Vec<(u32, u32)> = Vec::new();
    // Undercuts always succeed; other attacks fail against a preferred
    // target (`Prefers(b, a)` defeats the attack of a on b).
    let mut undercuts: foldhash::HashSet<(u32, u32)> = Default::default();
    let mut prefers: foldhash::HashSet<(u32, u32)> = Default::default();
    // Commitments (a ⇒ b), for the support closure and premise attacks.
    let mut commits: Vec<Vec<u32>> = vec![Vec::new(); n];
    // The arguments resting on each premise.
    let mut rests_on: Vec<Vec<u32>> = vec![Vec::new(); n];
    // The attackers of each named conflict, for preferences.
    let mut attackers_of: Vec<Vec<u32>> = vec![Vec::new(); n];
    for (s, t, e) in graph.indexed_edges() {
        let (a, b) = (number[s.index()], number[t.index()]);
        if a == NONE || b == NONE {
            continue;
        }
        match e.kind {
            RelKind::Attacks => stated.push((a, b)),
            RelKind::Undercuts => {
                stated.push((a, b));
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
    // A (non-undercut) attack of a on b fails when b is preferred to a or,
    // for a named conflict, to one of its attackers (the weakest link).
    let fails = |a: u32, b: u32| {
        !undercuts.contains(&(a, b))
            && (prefers.contains(&(b, a))
                || attackers_of[a as usize]
                    .iter()
                    .any(|&x| prefers.contains(&(b, x))))
    };
    // The defeats: the stated attacks that succeed.
    let defeats: Vec<(u32, u32)> = stated
        .iter()
        .copied()
        .filter(|&(a, b)| !fails(a, b))
        .collect();
    let mut attacks: Vec<((u32, u32), Reason)> =
        defeats.iter().map(|&ab| (ab, Reason::Stated)).collect();
    let mut derived: Vec<((u32, u32), Reason)> = Vec::new();
    match support {
        Support::None => {
            // A defeat of a premise attacks the argument.
            for &(x, p) in &defeats {
                for &arg in &rests_on[p as usize] {
                    derived.push(((x, arg), Reason::Premise(p)));
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
            // One visit mark per node, stamped with the walk it belongs
            // to: a walk costs what it visits, not a cleared array of n.
            let mut stamp: Vec<u32> = vec![0; n];
            let mut walk: u32 = 0;
            let mut ancestors = |start: u32| -> Vec<u32> {
                if walk == u32::MAX {
                    stamp.fill(0);
                    walk = 0;
                }
                walk += 1;
                let mut stack = vec![start];
                let mut out = Vec::new();
                while let Some(x) = stack.pop() {
                    for &y in &committed_by[x as usize] {
                        if stamp[y as usize] != walk {
                            stamp[y as usize] = walk;
                            out.push(y);
                            stack.push(y);
                        }
                    }
                }
                out
            };
            for &(b, c) in &defeats {
                // Supported: whoever commits to b attacks c.
                for a in ancestors(b) {
                    derived.push(((a, c), Reason::Supported(b)));
                }
                // Mediated: b attacks whoever commits to c.
                for a in ancestors(c) {
                    derived.push(((b, a), Reason::Mediated(c)));
                }
            }
        }
    }
    derived.retain(|&((a, b), _)| !fails(a, b));
    attacks.append(&mut derived);
    let mut pairs: Vec<(u32, u32)> = attacks.iter().map(|&(ab, _)| ab).collect();
    let af = Framework::with_attacks(names, &mut pairs);
    let reasons = if record {
        // One reason per attack: stated ones first (the sort puts
        // `Stated` first), then the first derivation.
        attacks.sort_unstable();
        attacks.dedup_by_key(|(ab, _)| *ab);
        attacks
    } else {
        Vec::new()
    };
    Explained { af, reasons }
}

#[cfg(test)]
mod tests {
    //! Small KBs whose frameworks were worked out by hand: which attacks a
    //! preference stops, and what is derived from the attacks that remain.

    use super::*;

    /// The attacks of the KB's framework as (attacker, attacked, reason)
    /// ids, with reasons named.
    fn attacks(
        relations: &str,
        arguments: &str,
        support: Support,
    ) -> Vec<(String, String, String)> {
        let text = format!(
            "KnowledgeBase(meta: Meta(title: \"t\"), claims: [{}], arguments: [{arguments}], relations: [{relations}])",
            ["a", "b", "c", "p", "q", "x", "u"]
                .iter()
                .map(|id| format!("Claim(id: \"{id}\", kind: Assessment, text: \"{id}\")"))
                .collect::<Vec<_>>()
                .join(", ")
        );
        let loaded = crate::load::load_text(crate::sys::input::SourceText::new("t.ron", text))
            .unwrap_or_else(|e| panic!("{e:?}"));
        let ex = explained(&loaded.graph, support, &BTreeSet::new());
        let name = |i: u32| ex.af.names[i as usize].clone();
        ex.af
            .attacks()
            .map(|(a, b)| {
                let why = match ex.reason(a, b).expect("every attack has a reason") {
                    Reason::Stated => "stated".to_string(),
                    Reason::Premise(p) => format!("premise {}", name(p)),
                    Reason::Supported(v) => format!("supported via {}", name(v)),
                    Reason::Mediated(v) => format!("mediated via {}", name(v)),
                };
                (name(a), name(b), why)
            })
            .collect()
    }

    fn t(a: &str, b: &str, why: &str) -> (String, String, String) {
        (a.into(), b.into(), why.into())
    }

    #[test]
    fn a_preference_stops_the_mediated_attack_derived_from_the_attack_it_stops() {
        // a attacks b, b is preferred to a, c supports b. Without the
        // preference, a also attacks c (mediated); with it, nothing.
        let rels = r#"Attacks("a", "b"), Supports("c", "b")"#;
        assert_eq!(
            attacks(rels, "", Support::Deductive),
            vec![t("a", "b", "stated"), t("a", "c", "mediated via b")]
        );
        let rels = format!(r#"{rels}, Prefers("b", "a")"#);
        assert_eq!(attacks(&rels, "", Support::Deductive), vec![]);
        assert_eq!(attacks(&rels, "", Support::None), vec![]);
    }

    #[test]
    fn a_preference_stops_the_supported_attack_derived_from_the_attack_it_stops() {
        let rels = r#"Supports("a", "b"), Attacks("b", "c")"#;
        assert_eq!(
            attacks(rels, "", Support::Deductive),
            vec![t("a", "c", "supported via b"), t("b", "c", "stated")]
        );
        let rels = format!(r#"{rels}, Prefers("c", "b")"#);
        assert_eq!(attacks(&rels, "", Support::Deductive), vec![]);
    }

    #[test]
    fn a_rebuttal_by_a_supporter_is_mutual_under_deductive_support_until_a_preference_settles_it() {
        // a attacks b; c supports b and attacks a. The mediated attack of a
        // on c makes the conflict mutual; preferring c to a leaves c's
        // attack alone (the derived one fails).
        let rels = r#"Attacks("a", "b"), Supports("c", "b"), Attacks("c", "a")"#;
        assert_eq!(
            attacks(rels, "", Support::Deductive),
            vec![
                t("a", "b", "stated"),
                t("a", "c", "mediated via b"),
                t("c", "a", "stated")
            ]
        );
        let rels = format!(r#"{rels}, Prefers("c", "a")"#);
        assert_eq!(
            attacks(&rels, "", Support::Deductive),
            vec![t("a", "b", "stated"), t("c", "a", "stated")]
        );
    }

    #[test]
    fn a_premise_attack_follows_only_a_defeat_of_the_premise() {
        let args = r#"Argument(id: "A", premises: ["p", "q"], conclusion: "c")"#;
        assert_eq!(
            attacks(r#"Attacks("x", "p")"#, args, Support::None),
            vec![t("x", "A", "premise p"), t("x", "p", "stated")]
        );
        assert_eq!(
            attacks(
                r#"Attacks("x", "p"), Prefers("p", "x")"#,
                args,
                Support::None
            ),
            vec![]
        );
        // Under deductive support the argument commits one to its premise:
        // the same attack, now mediated.
        assert_eq!(
            attacks(r#"Attacks("x", "p")"#, args, Support::Deductive),
            vec![t("x", "A", "mediated via p"), t("x", "p", "stated")]
        );
    }

    #[test]
    fn undercuts_succeed_whatever_the_preferences() {
        let args = r#"Argument(id: "A", premises: ["p"], conclusion: "c")"#;
        let rels = r#"Undercuts("u", "A"), Prefers("A", "u")"#;
        assert_eq!(
            attacks(rels, args, Support::None),
            vec![t("u", "A", "stated")]
        );
        // ... and what commits one to the argument's conclusion is not
        // attacked by the undercut, under deductive support: the undercut
        // disputes the inference, not the claim.
        assert_eq!(
            attacks(rels, args, Support::Deductive),
            vec![t("u", "A", "stated")]
        );
    }
}
