//! Questions asked of a validated `ArgGraph`, each answered as a value that
//! renders either as text for people or as JSON for programs.
//!
//! An empty answer or an unknown id is a `QueryError`, never an empty
//! success, so the CLI can exit 1 with a message.

use std::io::{self, Write};

use crate::graph::Node;
pub use crate::graph::find::{QueryError, find};

pub mod challenges;
pub mod coverage;
pub mod eval;
pub mod list;
pub mod neighbors;
pub mod path;
pub mod rank;
pub mod search;
pub mod show;
pub mod side;
pub mod stance;
pub mod stats;
pub mod weak;
pub mod why;

/// How an answer is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum OutputFormat {
    /// aligned text for people
    #[default]
    Text,
    /// pretty-printed JSON for programs
    Json,
}

/// Writes a JSON value pretty-printed with a final newline.
pub fn write_json(out: &mut dyn Write, value: &serde_json::Value) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, value)?;
    out.write_all(b"\n")
}

/// A node in brief, as query answers list it.
pub fn brief(node: &Node) -> serde_json::Value {
    serde_json::json!({
        "id": node.id(),
        "kind": node.kind().name(),
        "subkind": node.subkind(),
        "text": one_line(node.text()),
        "para": node.para(),
    })
}

/// An edge as JSON: `{"source", "kind", "target"}`.
pub fn edge_json(e: &crate::graph::Edge<'_>) -> serde_json::Value {
    serde_json::json!({"source": e.source, "kind": e.kind.name(), "target": e.target})
}

/// `—supports→`: how a relation is drawn in text answers.
pub fn arrow(kind: crate::model::RelKind) -> String {
    format!("—{}→", kind.name())
}

/// Fails with `NothingFound` when an answer is empty.
pub fn non_empty<T>(items: Vec<T>, what: impl FnOnce() -> String) -> Result<Vec<T>, QueryError> {
    if items.is_empty() {
        Err(QueryError::NothingFound(what()))
    } else {
        Ok(items)
    }
}

/// The widest a padded column of text output gets, in characters: longer
/// values are written in full and push the rest of their line right, and a
/// user-controlled length never reaches the formatter as a width.
pub const MAX_COLUMN: usize = 80;

/// Collapses runs of whitespace so that one node's text stays on one line.
pub fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod properties {
    //! Query answers checked against the graph on random KBs with cycles,
    //! linked premises and undercuts.

    use std::collections::BTreeSet;

    use proptest::prelude::*;

    use super::*;
    use crate::graph::ArgGraph;
    use crate::model::*;

    fn kb(
        n: usize,
        rels: Vec<(u8, usize, usize)>,
        args: Vec<(Vec<usize>, usize)>,
    ) -> KnowledgeBase {
        let id = |i: usize| format!("c{}", i % n);
        let claims = (0..n)
            .map(|i| Claim {
                quote: Some("q".into()),
                para: Some(1),
                ..Claim::new(id(i), format!("claim {i}"), ClaimKind::Assessment)
            })
            .collect();
        let arguments: Vec<Argument> = args
            .into_iter()
            .enumerate()
            .filter_map(|(k, (premises, conclusion))| {
                let premises: BTreeSet<String> = premises.into_iter().map(id).collect();
                let conclusion = id(conclusion);
                (!premises.contains(&conclusion)).then(|| Argument {
                    id: format!("arg{k}"),
                    premises: premises.into_iter().collect(),
                    conclusion,
                    scheme: None,
                    note: None,
                })
            })
            .collect();
        let mut seen = BTreeSet::new();
        let relations = rels
            .into_iter()
            .filter_map(|(k, a, b)| {
                let (a, b) = (id(a), id(b));
                if a == b || !seen.insert((k % 3, a.clone(), b.clone())) {
                    return None;
                }
                Some(match k % 3 {
                    0 => Relation::Supports(a, b),
                    1 => Relation::Attacks(a, b),
                    _ if !arguments.is_empty() => {
                        Relation::Undercuts(a, arguments[b.len() % arguments.len()].id.clone())
                    }
                    _ => Relation::Supports(a, b),
                })
            })
            .collect();
        KnowledgeBase {
            meta: Some(Meta {
                title: "random".into(),
                source: Some(Source {
                    publication: Some("p".into()),
                    date: Some("d".into()),
                    ..Source::default()
                }),
                author: Some("a".into()),
                thesis: None,
                notes: None,
            }),
            claims,
            arguments,
            relations,
            ..KnowledgeBase::default()
        }
    }

    fn graphs() -> impl Strategy<Value = ArgGraph> {
        (2usize..10).prop_flat_map(|n| {
            (
                proptest::collection::vec((0u8..3, 0..n, 0..n), 0..25),
                proptest::collection::vec((proptest::collection::vec(0..n, 1..4), 0..n), 0..4),
            )
                .prop_map(move |(rels, args)| ArgGraph::from_validated(kb(n, rels, args)))
        })
    }

    proptest! {
        // No regression files: the top level holds only the project's own
        // folders; cases found once become fixtures (tests/fixtures/good).
        #![proptest_config(ProptestConfig { cases: 128, failure_persistence: None, ..ProptestConfig::default() })]

        #[test]
        fn printed_paths_are_real_simple_and_shortest_first(g in graphs(), a in 0usize..10, b in 0usize..10) {
            let n = g.ids().iter().filter(|i| i.starts_with('c')).count();
            let (from, to) = (format!("c{}", a % n), format!("c{}", b % n));
            prop_assume!(from != to);
            let edges: BTreeSet<_> = g.edges().into_iter().collect();
            let real = |p: &[crate::graph::Edge<'_>]| {
                p.first().is_some_and(|e| e.source == from)
                    && p.last().is_some_and(|e| e.target == to)
                    && p.windows(2).all(|w| w[0].target == w[1].source)
                    && p.iter().all(|e| edges.contains(e))
            };
            let shortest = path::shortest(&g, &from, &to, &[]);
            let reach = neighbors::neighbors(&g, &from, usize::MAX, &[], neighbors::Dir::Out);
            let distance = reach.ok().and_then(|r| r.iter().find(|x| x.node.id() == to).map(|x| x.distance));
            match &shortest {
                Ok(p) => {
                    prop_assert!(real(p));
                    prop_assert_eq!(Some(p.len()), distance);
                }
                Err(_) => prop_assert_eq!(distance, None),
            }
            if let Ok((paths, complete)) = path::all(&g, &from, &to, &[], 5, 10_000) {
                prop_assert!(complete);
                for p in &paths {
                    prop_assert!(real(p) && p.len() <= 5);
                    let mut nodes: Vec<&str> = p.iter().map(|e| e.target).collect();
                    nodes.push(p[0].source);
                    let unique: BTreeSet<&str> = nodes.iter().copied().collect();
                    prop_assert_eq!(unique.len(), nodes.len(), "not simple");
                }
                prop_assert!(paths.windows(2).all(|w| w[0].len() <= w[1].len()));
                let s = shortest.as_ref().expect("all found a path, so a shortest exists");
                prop_assert_eq!(paths[0].len(), s.len());
            }
        }

        #[test]
        fn support_reach_counts_what_a_search_from_each_node_finds(g in graphs()) {
            let ranked = rank::rank(&g, rank::Measure::SupportReach, usize::MAX).unwrap();
            for (node, score) in ranked {
                let mut seen = BTreeSet::from([node.id()]);
                let mut stack = vec![node.id()];
                while let Some(at) = stack.pop() {
                    for e in g.edges_of(at, petgraph::Direction::Outgoing) {
                        if e.kind.is_support() && seen.insert(e.target) {
                            stack.push(e.target);
                        }
                    }
                }
                let expected = seen
                    .iter()
                    .filter(|&&id| id != node.id() && g.node(id).unwrap().kind() == NodeKind::Claim)
                    .count();
                prop_assert_eq!(score as usize, expected, "{}", node.id());
            }
        }

        #[test]
        fn why_never_repeats_a_node_on_a_branch(g in graphs(), a in 0usize..10) {
            let n = g.ids().iter().filter(|i| i.starts_with('c')).count();
            let id = format!("c{}", a % n);
            if let Ok(answer) = why::why(&g, &id, None, 0) {
                for branch in std::iter::once(&answer.root).chain(&answer.continued).flat_map(|t| t.branches()) {
                    let unique: BTreeSet<&str> = branch.iter().copied().collect();
                    prop_assert_eq!(unique.len(), branch.len(), "{:?}", branch);
                }
            }
        }

        #[test]
        fn challenge_routes_are_real_and_end_at_the_node(g in graphs(), a in 0usize..10) {
            let n = g.ids().iter().filter(|i| i.starts_with('c')).count();
            let id = format!("c{}", a % n);
            let edges: BTreeSet<_> = g.edges().into_iter().collect();
            if let Ok(found) = challenges::challenges(&g, &id, 0, side::Side::All, false) {
                for c in found.found {
                    prop_assert!(matches!(c.route[0].kind, RelKind::Attacks | RelKind::Undercuts));
                    prop_assert!(c.route[1..].iter().all(|e| e.kind.is_support()));
                    prop_assert_eq!(c.route.last().unwrap().target, id.as_str());
                    prop_assert!(c.route.windows(2).all(|w| w[0].target == w[1].source));
                    prop_assert!(c.route.iter().all(|e| edges.contains(e)));
                }
            }
        }
    }
}
