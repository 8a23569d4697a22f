//! `rank`: which claims and recommendations carry the most weight.
//!
//! - `support-reach`: how many claims and recommendations a node supports,
//!   directly or through chains of support and arguments;
//! - `pagerank`: PageRank on the support graph reversed, so that weight
//!   flows from conclusions down to what they rest on;
//! - `betweenness`: how often a node lies on shortest chains of support,
//!   attack and undercut between other nodes (Brandes' algorithm).

use std::collections::{BTreeMap, HashMap, VecDeque};

use petgraph::algo::kosaraju_scc;
use petgraph::graph::{DiGraph, NodeIndex};
use std::io::{self, Write};

use petgraph::Direction;
use serde_json::json;

use super::{OutputFormat, QueryError, brief, non_empty, one_line, write_json};
use crate::graph::{ArgGraph, Node};
use crate::model::{NodeKind, RelKind};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum Measure {
    /// claims and recommendations resting on the node
    #[default]
    SupportReach,
    /// PageRank with weight flowing from conclusions to their support
    Pagerank,
    /// betweenness centrality over support, attack and undercut
    Betweenness,
}

/// Nodes with their scores, highest first.
pub type Ranked<'g> = Vec<(&'g Node, f64)>;

/// Betweenness is computed exactly up to this many nodes; past it, from a
/// sample of source nodes (Brandes' pivot sampling).
pub const EXACT_BETWEENNESS_LIMIT: usize = 2_000;
/// Source nodes sampled by default past the limit, at most...
pub const DEFAULT_SAMPLES: usize = 256;
/// ...and fewer on large graphs: about this many node and edge visits in
/// all (each sample is one breadth-first search), but never below
/// `MIN_SAMPLES`. On 10^6 nodes that is 16 searches, some 10 s.
pub const SAMPLED_WORK: usize = 50_000_000;
pub const MIN_SAMPLES: usize = 16;
/// Support-reach is exact while the bitset union costs at most this many
/// word operations (condensed edges × targets / 64); past it, estimated.
pub const EXACT_REACH_WORK: usize = 1 << 31;
/// Sketch size of the support-reach estimate by default (relative standard
/// error about 1/sqrt(k - 2), 13%; nodes reaching fewer than k are exact).
pub const DEFAULT_SKETCH: usize = 64;

/// How a ranking was approximated, when it was.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Approximation {
    /// Betweenness from this many sampled source nodes.
    SampledSources(usize),
    /// Support-reach from bottom-k sketches of this size.
    Sketches(usize),
}

/// Claims and recommendations with their scores, highest first (ties by id).
pub fn rank(graph: &ArgGraph, by: Measure, top: usize) -> Result<Vec<(&Node, f64)>, QueryError> {
    rank_with(graph, by, top, None).map(|(r, _)| r)
}

/// Like `rank`, with control over estimation. `samples` is, for
/// betweenness, the number of sampled source nodes (`None`: exact up to
/// `EXACT_BETWEENNESS_LIMIT` nodes, else `DEFAULT_SAMPLES`) and, for
/// support-reach, the sketch size (`None`: exact while cheap, see
/// `EXACT_REACH_WORK`, else `DEFAULT_SKETCH`); `Some(0)` is exact for
/// both. Also says how the scores were approximated, if they were.
pub fn rank_with(
    graph: &ArgGraph,
    by: Measure,
    top: usize,
    samples: Option<usize>,
) -> Result<(Ranked<'_>, Option<Approximation>), QueryError> {
    let ids = graph.ids();
    let mut sampled = None;
    let scores: BTreeMap<&str, f64> = match by {
        Measure::SupportReach => {
            let (scores, k) = support_reach(graph, &ids, samples);
            sampled = k.map(Approximation::Sketches);
            scores
        }
        Measure::Pagerank => pagerank(graph, &ids),
        Measure::Betweenness => {
            let k = match samples {
                Some(0) => ids.len(),
                Some(k) => k.min(ids.len()),
                None if ids.len() <= EXACT_BETWEENNESS_LIMIT => ids.len(),
                None => (SAMPLED_WORK / (graph.node_count() + graph.edge_count()).max(1))
                    .clamp(MIN_SAMPLES, DEFAULT_SAMPLES),
            };
            if k < ids.len() {
                sampled = Some(Approximation::SampledSources(k));
            }
            betweenness(graph, &ids, k)
        }
    };
    let mut ranked: Vec<(&Node, f64)> = scores
        .into_iter()
        .filter_map(|(id, s)| graph.node(id).map(|n| (n, s)))
        .filter(|(n, _)| matches!(n.kind(), NodeKind::Claim | NodeKind::Recommendation))
        .collect();
    ranked.sort_by(|a, b| b.1.total_cmp(&a.1).then_with(|| a.0.id().cmp(b.0.id())));
    ranked.truncate(top);
    non_empty(ranked, || {
        "the graph has no claims or recommendations".into()
    })
    .map(|r| (r, sampled))
}

fn forward<'g>(graph: &'g ArgGraph, id: &str, argumentative: bool) -> Vec<&'g str> {
    graph
        .edges_of(id, Direction::Outgoing)
        .into_iter()
        .filter(|e| {
            e.kind.is_support()
                || argumentative && matches!(e.kind, RelKind::Attacks | RelKind::Undercuts)
        })
        .map(|e| e.target)
        .collect()
}

/// For each id, how many claims and recommendations it supports directly
/// or through chains of support (itself excluded), not by a search from
/// every node.
///
/// Nodes in one cycle of support reach the same nodes, so the support
/// graph is condensed into its strongly connected components (iteratively,
/// by Kosaraju's algorithm); a component reaches its own members and what
/// its successors reach. Where each component has at most one successor,
/// those sets are disjoint and their sizes add up (exact, linear).
/// Otherwise, counting reachable sets exactly has no known near-linear
/// algorithm: the sets are unioned as bitsets, a block of targets at a time
/// (O(E·V/64)), while that stays under `EXACT_REACH_WORK`; past it, or when
/// `samples` asks for it, each component keeps a bottom-k sketch of its
/// reachable targets (Cohen's size-estimation framework, 1997: the k
/// smallest of seeded random ranks; the size is about (k − 1)/r_k), in
/// O(E·k). Sets smaller than k are counted exactly either way. Returns
/// the scores and, when they are estimates, k.
fn support_reach<'g>(
    graph: &'g ArgGraph,
    ids: &[&'g str],
    samples: Option<usize>,
) -> (BTreeMap<&'g str, f64>, Option<usize>) {
    let index: HashMap<&str, usize> = ids.iter().enumerate().map(|(i, id)| (*id, i)).collect();
    let is_target: Vec<bool> = ids
        .iter()
        .map(|id| {
            graph
                .node(id)
                .is_some_and(|n| matches!(n.kind(), NodeKind::Claim | NodeKind::Recommendation))
        })
        .collect();
    let mut support: DiGraph<(), ()> = DiGraph::with_capacity(ids.len(), ids.len());
    for _ in ids {
        support.add_node(());
    }
    for (i, id) in ids.iter().enumerate() {
        for t in forward(graph, id, false) {
            support.add_edge(NodeIndex::new(i), NodeIndex::new(index[t]), ());
        }
    }
    // Kosaraju lists components sinks first when following edges forward:
    // every successor of a component comes before it.
    let sccs = kosaraju_scc(&support);
    let mut comp = vec![0usize; ids.len()];
    for (c, members) in sccs.iter().enumerate() {
        for m in members {
            comp[m.index()] = c;
        }
    }
    let mut succ: Vec<Vec<usize>> = vec![Vec::new(); sccs.len()];
    for e in support.raw_edges() {
        let (a, b) = (comp[e.source().index()], comp[e.target().index()]);
        if a != b {
            succ[a].push(b);
        }
    }
    for s in &mut succ {
        s.sort_unstable();
        s.dedup();
    }
    let own: Vec<usize> = sccs
        .iter()
        .map(|m| m.iter().filter(|n| is_target[n.index()]).count())
        .collect();
    let mut reach = vec![0usize; sccs.len()];
    let targets = is_target.iter().filter(|t| **t).count();
    let edges: usize = succ.iter().map(Vec::len).sum();
    let sketch = match samples {
        Some(0) => None,
        Some(k) => Some(k.max(2)),
        None if edges.saturating_mul(targets.div_ceil(64)) > EXACT_REACH_WORK => {
            Some(DEFAULT_SKETCH)
        }
        None => None,
    };
    let mut estimate = None;
    if succ.iter().all(|s| s.len() <= 1) {
        for c in 0..sccs.len() {
            reach[c] = own[c] + succ[c].first().map_or(0, |&d| reach[d]);
        }
    } else if let Some(k) = sketch {
        estimate = Some(k);
        let ranks: Vec<u64> = (0..ids.len() as u64).map(splitmix).collect();
        let estimates = bottom_k_sizes(&sccs, &succ, &is_target, &ranks, k);
        for (c, e) in estimates.into_iter().enumerate() {
            reach[c] = e;
        }
    } else {
        // Targets numbered 0..; each pass unions the bits of one block.
        let mut target_no = vec![usize::MAX; ids.len()];
        let mut targets = 0;
        for (i, t) in is_target.iter().enumerate() {
            if *t {
                target_no[i] = targets;
                targets += 1;
            }
        }
        const MEMORY_WORDS: usize = 8 << 20; // 64 MiB of u64 at most
        let words = (targets.div_ceil(64)).clamp(1, (MEMORY_WORDS / sccs.len().max(1)).max(1));
        let block = words * 64;
        let mut bits = vec![0u64; sccs.len() * words];
        for start in (0..targets).step_by(block) {
            bits.fill(0);
            for c in 0..sccs.len() {
                for m in &sccs[c] {
                    let t = target_no[m.index()];
                    if t != usize::MAX && (start..start + block).contains(&t) {
                        let k = t - start;
                        bits[c * words + k / 64] |= 1 << (k % 64);
                    }
                }
                for &d in &succ[c] {
                    for w in 0..words {
                        bits[c * words + w] |= bits[d * words + w];
                    }
                }
                reach[c] += bits[c * words..(c + 1) * words]
                    .iter()
                    .map(|w| w.count_ones() as usize)
                    .sum::<usize>();
            }
        }
    }
    let scores = ids
        .iter()
        .enumerate()
        .map(|(i, id)| {
            let r = reach[comp[i]].saturating_sub(usize::from(is_target[i]));
            (*id, r as f64)
        })
        .collect();
    (scores, estimate)
}

/// A seeded 64-bit mix of `x` (SplitMix64's finaliser): the random rank of
/// node `x`, the same on every run.
fn splitmix(x: u64) -> u64 {
    let mut z = x.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// For each component (`sccs` listed successors first), the estimated
/// number of targets it reaches, from bottom-k sketches of target ranks:
/// exact below k, about (k − 1)/r_k above, with r_k the k-th smallest rank
/// scaled into (0, 1]. A sketch is freed once every component that
/// reads it has been built.
fn bottom_k_sizes(
    sccs: &[Vec<NodeIndex>],
    succ: &[Vec<usize>],
    is_target: &[bool],
    ranks: &[u64],
    k: usize,
) -> Vec<usize> {
    let mut readers = vec![0usize; sccs.len()];
    for s in succ {
        for &d in s {
            readers[d] += 1;
        }
    }
    let mut sketches: Vec<Vec<u64>> = vec![Vec::new(); sccs.len()];
    let mut sizes = vec![0usize; sccs.len()];
    let mut merged: Vec<u64> = Vec::new();
    for c in 0..sccs.len() {
        merged.clear();
        merged.extend(
            sccs[c]
                .iter()
                .filter(|m| is_target[m.index()])
                .map(|m| ranks[m.index()]),
        );
        for &d in &succ[c] {
            merged.extend_from_slice(&sketches[d]);
            readers[d] -= 1;
            if readers[d] == 0 {
                sketches[d] = Vec::new();
            }
        }
        merged.sort_unstable();
        merged.dedup();
        merged.truncate(k);
        sizes[c] = if merged.len() < k {
            merged.len()
        } else {
            let r = (merged[k - 1] as f64 + 1.0) / (u64::MAX as f64 + 1.0);
            (((k - 1) as f64) / r).round() as usize
        };
        if readers[c] > 0 {
            sketches[c] = merged.clone();
        }
    }
    sizes
}

fn pagerank<'g>(graph: &'g ArgGraph, ids: &[&'g str]) -> BTreeMap<&'g str, f64> {
    const DAMPING: f64 = 0.85;
    let n = ids.len() as f64;
    let index: BTreeMap<&str, usize> = ids.iter().enumerate().map(|(i, id)| (*id, i)).collect();
    // Reversed support: each node passes its weight to its supporters.
    let out: Vec<Vec<usize>> = ids
        .iter()
        .map(|id| {
            graph
                .edges_of(id, Direction::Incoming)
                .into_iter()
                .filter(|e| e.kind.is_support())
                .map(|e| index[e.source])
                .collect()
        })
        .collect();
    let mut rank = vec![1.0 / n; ids.len()];
    for _ in 0..100 {
        let dangling: f64 = (0..ids.len())
            .filter(|&i| out[i].is_empty())
            .map(|i| rank[i])
            .sum();
        let mut next = vec![(1.0 - DAMPING) / n + DAMPING * dangling / n; ids.len()];
        for (i, targets) in out.iter().enumerate() {
            for &t in targets {
                next[t] += DAMPING * rank[i] / targets.len() as f64;
            }
        }
        let delta: f64 = next.iter().zip(&rank).map(|(a, b)| (a - b).abs()).sum();
        rank = next;
        if delta < 1e-12 {
            break;
        }
    }
    ids.iter().zip(rank).map(|(id, r)| (*id, r)).collect()
}

/// Brandes' betweenness from `k` source nodes: all of them (exact), or a
/// seeded random sample scaled by n/k (an unbiased estimate; Brandes and
/// Pich, "Centrality estimation in large networks", 2007).
fn betweenness<'g>(graph: &'g ArgGraph, ids: &[&'g str], k: usize) -> BTreeMap<&'g str, f64> {
    let index: BTreeMap<&str, usize> = ids.iter().enumerate().map(|(i, id)| (*id, i)).collect();
    let adj: Vec<Vec<usize>> = ids
        .iter()
        .map(|id| {
            forward(graph, id, true)
                .into_iter()
                .map(|t| index[t])
                .collect()
        })
        .collect();
    let mut cb = vec![0.0; ids.len()];
    let sources: Vec<usize> = if k >= ids.len() {
        (0..ids.len()).collect()
    } else {
        // A partial Fisher–Yates shuffle with a fixed seed: the same KB
        // gives the same estimate on every run.
        let mut order: Vec<usize> = (0..ids.len()).collect();
        let mut rng = crate::model::synth::Rng::new(0xB7A2_D35E);
        for i in 0..k {
            let j = i + rng.below(ids.len() - i);
            order.swap(i, j);
        }
        order.truncate(k);
        order.sort_unstable();
        order
    };
    let scale = ids.len() as f64 / sources.len().max(1) as f64;
    for s in sources {
        let mut stack = Vec::new();
        let mut preds: Vec<Vec<usize>> = vec![Vec::new(); ids.len()];
        let mut sigma = vec![0.0; ids.len()];
        let mut dist = vec![-1i64; ids.len()];
        sigma[s] = 1.0;
        dist[s] = 0;
        let mut queue = VecDeque::from([s]);
        while let Some(v) = queue.pop_front() {
            stack.push(v);
            for &w in &adj[v] {
                if dist[w] < 0 {
                    dist[w] = dist[v] + 1;
                    queue.push_back(w);
                }
                if dist[w] == dist[v] + 1 {
                    sigma[w] += sigma[v];
                    preds[w].push(v);
                }
            }
        }
        let mut delta = vec![0.0; ids.len()];
        while let Some(w) = stack.pop() {
            for &v in &preds[w] {
                delta[v] += sigma[v] / sigma[w] * (1.0 + delta[w]);
            }
            if w != s {
                cb[w] += delta[w];
            }
        }
    }
    ids.iter().zip(cb).map(|(id, c)| (*id, c * scale)).collect()
}

/// What a measure counts, for a note beside its table.
pub fn explain(by: Measure) -> &'static str {
    match by {
        Measure::SupportReach => {
            "support-reach counts the claims and recommendations that rest on each node, directly or through chains of support; conclusions such as the thesis rest on nothing below them and score 0"
        }
        Measure::Pagerank => {
            "pagerank lets weight flow from conclusions down to what they rest on: what the argument leans on most scores highest"
        }
        Measure::Betweenness => {
            "betweenness counts the shortest chains of support, attack and undercut between other nodes that pass through each node"
        }
    }
}

pub fn write(
    ranked: &[(&Node, f64)],
    by: Measure,
    format: OutputFormat,
    out: &mut dyn Write,
) -> io::Result<()> {
    let shown = |s: f64| match by {
        Measure::SupportReach => format!("{s:.0}"),
        Measure::Pagerank => format!("{s:.4}"),
        Measure::Betweenness => format!("{s:.1}"),
    };
    match format {
        OutputFormat::Json => write_json(
            out,
            &json!(
                ranked
                    .iter()
                    .enumerate()
                    .map(|(i, (n, s))| {
                        let mut v = brief(n);
                        v["rank"] = json!(i + 1);
                        v["score"] = json!((s * 1e6).round() / 1e6);
                        v
                    })
                    .collect::<Vec<_>>()
            ),
        ),
        OutputFormat::Text => {
            let w = ranked
                .iter()
                .map(|(n, _)| n.id().chars().count())
                .max()
                .unwrap_or(0)
                .clamp(2, super::MAX_COLUMN);
            let column = match by {
                Measure::SupportReach => "rest on it",
                Measure::Pagerank => "pagerank",
                Measure::Betweenness => "between",
            };
            writeln!(out, "{:>4}  {column:>10}  {:<w$}  text", "rank", "id")?;
            for (i, (n, s)) in ranked.iter().enumerate() {
                writeln!(
                    out,
                    "{:>4}  {:>10}  {:<w$}  {}",
                    i + 1,
                    shown(*s),
                    n.id(),
                    one_line(n.text())
                )?;
            }
            Ok(())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::load_text;
    use crate::sys::input::SourceText;

    #[test]
    fn sampled_betweenness_is_exact_with_every_source_and_repeatable() {
        let g = load_text(SourceText::new(
            "s",
            crate::model::synth::essay_like(400, 3),
        ))
        .unwrap()
        .graph;
        let n = g.node_count();
        let all = |k| rank_with(&g, Measure::Betweenness, usize::MAX, Some(k)).unwrap();
        let (exact, sampled) = all(0);
        assert_eq!(sampled, None);
        assert_eq!(all(n).0, exact, "every source sampled is the exact value");
        let (a, k) = all(40);
        assert_eq!(k, Some(Approximation::SampledSources(40)));
        assert_eq!(all(40).0, a, "the same seed gives the same estimate");
        assert_ne!(a, exact, "40 of {n} sources is an estimate");
        // Scaled by n/k, the estimate is of the same size as the value.
        let total = |r: &Ranked<'_>| r.iter().map(|(_, s)| s).sum::<f64>();
        let ratio = total(&a) / total(&exact);
        assert!((0.5..2.0).contains(&ratio), "estimate/exact = {ratio}");
    }

    #[test]
    fn sketched_support_reach_is_exact_below_k_and_close_above() {
        let g = load_text(SourceText::new(
            "s",
            crate::model::synth::essay_like(3000, 5),
        ))
        .unwrap()
        .graph;
        let run = |k| rank_with(&g, Measure::SupportReach, usize::MAX, Some(k)).unwrap();
        let (exact, none) = run(0);
        assert_eq!(none, None);
        let (estimate, how) = run(32);
        assert_eq!(how, Some(Approximation::Sketches(32)));
        assert_eq!(run(32).0, estimate, "the same seed gives the same estimate");
        let exact: BTreeMap<&str, f64> = exact.iter().map(|(n, s)| (n.id(), *s)).collect();
        let mut large = 0;
        for (n, e) in &estimate {
            let x = exact[n.id()];
            // A node that is a target counts itself in its sketch: below k
            // members in all, the count is exact.
            if x + 1.0 < 32.0 {
                assert_eq!(*e, x, "{} reaches {x}, fewer than k", n.id());
            } else {
                large += 1;
                // Standard error 1/sqrt(30) ~ 18%; allow about 4 sigma.
                assert!((e / x - 1.0).abs() < 0.75, "{}: {e} for {x}", n.id());
            }
        }
        assert!(
            large > 5,
            "the KB has nodes that reach more than k ({large})"
        );
        // Over all large nodes the estimate is unbiased to within a few %.
        let (se, sx) = estimate
            .iter()
            .filter(|(n, _)| exact[n.id()] + 1.0 >= 32.0)
            .fold((0.0, 0.0), |(a, b), (n, e)| (a + e, b + exact[n.id()]));
        assert!((se / sx - 1.0).abs() < 0.15, "total {se} vs {sx}");
    }
}
