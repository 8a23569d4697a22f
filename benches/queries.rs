//! Benchmark harness: argkb's load and queries on synthetic KBs of growing
//! size, against networkx (the graph library our users reach for) on the
//! same graph, in the same run. Run with `cargo bench`.
//!
//! Reports, per operation, the median time at each size, the growth factor
//! when the graph grows 4× (≈4 means linear), and the ratio argkb/networkx
//! where networkx does the same job.

use std::fmt::Write as _;
use std::io::Write as _;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use argkb::export::Format;
use argkb::export::dot::DotOptions;
use argkb::graph::select::View;
use argkb::load::load_text;
use argkb::query::{challenges, neighbors, path, rank, search, weak, why};
use argkb::sys::input::SourceText;

/// A deterministic pseudo-random sequence (no dependency needed).
struct Lcg(u64);
impl Lcg {
    fn next(&mut self, n: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((self.0 >> 33) as usize) % n.max(1)
    }
}

/// A KB of `n` claims: a support tree towards `c0` (each claim supports the
/// one a third of its index), extra supports, attacks, linked arguments with
/// undercuts, and actors asserting claims.
fn synthetic_kb(n: usize) -> String {
    let mut rng = Lcg(42);
    let mut s = String::from(
        "KnowledgeBase(meta: Meta(title: \"synthetic\", source: Source(publication: \"bench\", date: \"2026\"), author: \"bench\"),\n actors: [\n",
    );
    let actors = (n / 100).max(1);
    for a in 0..actors {
        writeln!(
            s,
            "  Actor(id: \"a{a}\", name: \"Actor number {a}\", kind: State),"
        )
        .unwrap();
    }
    s.push_str(" ],\n claims: [\n");
    for i in 0..n {
        writeln!(s, "  Claim(id: \"c{i}\", kind: Assessment, para: {}, text: \"Claim {i} about policy number {}\", quote: \"q{i}\", tags: [\"t{}\"]),", 1 + i % 40, i % 97, i % 13).unwrap();
    }
    s.push_str(" ],\n arguments: [\n");
    let mut args = Vec::new();
    for i in (10..n).step_by(10) {
        let conclusion = i / 3;
        writeln!(s, "  Argument(id: \"arg{i}\", premises: [\"c{i}\", \"c{}\"], conclusion: \"c{conclusion}\"),", i + 1).unwrap();
        args.push(i);
    }
    s.push_str(" ],\n relations: [\n");
    let mut seen = std::collections::HashSet::new();
    for i in 1..n {
        if i % 10 != 0 && i % 10 != 1 || i < 10 {
            writeln!(s, "  Supports(\"c{i}\", \"c{}\"),", i / 3).unwrap();
            seen.insert((0, i, i / 3));
        }
    }
    for _ in 0..n {
        let (a, b) = (rng.next(n), rng.next(n));
        let kind = rng.next(3);
        let target = if kind == 2 {
            args.get(b % args.len().max(1)).copied().unwrap_or(0)
        } else {
            b
        };
        if a == b || !seen.insert((kind + 1, a, target)) {
            continue;
        }
        match kind {
            0 if a > b => writeln!(s, "  Supports(\"c{a}\", \"c{b}\"),").unwrap(),
            1 => writeln!(s, "  Attacks(\"c{a}\", \"c{b}\"),").unwrap(),
            2 if !args.is_empty() => {
                writeln!(s, "  Undercuts(\"c{a}\", \"arg{target}\"),").unwrap()
            }
            _ => {}
        }
    }
    for i in 0..n {
        writeln!(s, "  Asserts(\"a{}\", \"c{i}\"),", i % actors).unwrap();
    }
    s.push_str(" ],\n)\n");
    s
}

fn median(mut f: impl FnMut(), runs: usize) -> Duration {
    let mut times: Vec<Duration> = (0..runs)
        .map(|_| {
            let t = Instant::now();
            f();
            t.elapsed()
        })
        .collect();
    times.sort();
    times[runs / 2]
}

/// Times networkx on the node-link JSON of the same graph.
fn networkx(
    json_path: &std::path::Path,
    from: &str,
    to: &str,
    center: &str,
) -> Option<Vec<(String, Duration)>> {
    let script = r#"
import json, sys, time, statistics
import networkx as nx
path, src, dst, center = sys.argv[1:5]
def med(f, runs):
    ts = []
    for _ in range(runs):
        t = time.perf_counter(); f(); ts.append(time.perf_counter() - t)
    return statistics.median(ts)
data = json.load(open(path))
out = {}
out["load"] = med(lambda: nx.node_link_graph(json.load(open(path)), edges="links"), 3)
g = nx.node_link_graph(data, edges="links")
out["path (shortest)"] = med(lambda: nx.shortest_path(g, src, dst), 9)
out["neighbors (depth 3, out)"] = med(lambda: nx.single_source_shortest_path_length(g, center, cutoff=3), 9)
support = nx.DiGraph([(l["target"], l["source"]) for l in data["links"] if l["kind"] in ("supports", "premise", "conclusion")])
support.add_nodes_from(n["id"] for n in data["nodes"])
try:
    out["rank (pagerank)"] = med(lambda: nx.pagerank(support, alpha=0.85, max_iter=100, tol=1e-12), 3)
except ImportError:
    pass  # networkx's pagerank needs scipy
print(json.dumps(out))
"#;
    let out = Command::new("python3")
        .args(["-c", script])
        .arg(json_path)
        .args([from, to, center])
        .stderr(Stdio::null())
        .output()
        .ok()?;
    if !out.status.success() {
        return None;
    }
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).ok()?;
    Some(
        v.as_object()?
            .iter()
            .map(|(k, t)| {
                (
                    k.clone(),
                    Duration::from_secs_f64(t.as_f64().unwrap_or(0.0)),
                )
            })
            .collect(),
    )
}

fn main() {
    let sizes = [2_500usize, 10_000];
    let mut table: Vec<(String, Vec<Duration>)> = Vec::new();
    let mut peer: Vec<(String, Duration)> = Vec::new();
    let record = |name: &str, d: Duration, table: &mut Vec<(String, Vec<Duration>)>| match table
        .iter_mut()
        .find(|(n, _)| n == name)
    {
        Some((_, v)) => v.push(d),
        None => table.push((name.to_string(), vec![d])),
    };
    for (k, &n) in sizes.iter().enumerate() {
        let text = synthetic_kb(n);
        let source = SourceText::new("synthetic.ron", text);
        record(
            "load (parse+validate+build)",
            median(
                || {
                    load_text(source.clone()).unwrap_or_else(|e| panic!("{e}"));
                },
                3,
            ),
            &mut table,
        );
        let loaded = load_text(source.clone()).unwrap_or_else(|e| panic!("{e}"));
        let g = &loaded.graph;
        let (from, to, center) = (
            format!("c{}", n - 1),
            "c0".to_string(),
            format!("c{}", n / 2),
        );
        record(
            "path (shortest)",
            median(
                || {
                    path::shortest(g, &from, &to, &[]).unwrap();
                },
                9,
            ),
            &mut table,
        );
        record(
            "path --all (max 6, limit 100)",
            median(
                || {
                    let _ = path::all(g, &from, &to, &[], 6, 100);
                },
                3,
            ),
            &mut table,
        );
        record(
            "neighbors (depth 3, out)",
            median(
                || {
                    neighbors::neighbors(g, &center, 3, &[], neighbors::Dir::Out).unwrap();
                },
                9,
            ),
            &mut table,
        );
        record(
            "neighbors (depth 3, both ways)",
            median(
                || {
                    neighbors::neighbors(g, &center, 3, &[], neighbors::Dir::Both).unwrap();
                },
                9,
            ),
            &mut table,
        );
        record(
            "why (whole tree of c0)",
            median(
                || {
                    why::why(g, "c0", None, 0).unwrap();
                },
                5,
            ),
            &mut table,
        );
        record(
            "challenges (c0)",
            median(
                || {
                    challenges::challenges(g, "c0", 0, argkb::query::side::Side::All, false)
                        .unwrap();
                },
                5,
            ),
            &mut table,
        );
        record(
            "search (two words)",
            median(
                || {
                    search::search(g, "policy 42").unwrap();
                },
                5,
            ),
            &mut table,
        );
        record(
            "weak-points",
            median(
                || {
                    weak::weak_points(g, argkb::query::side::Side::All).unwrap();
                },
                3,
            ),
            &mut table,
        );
        record(
            "rank (pagerank)",
            median(
                || {
                    rank::rank(g, rank::Measure::Pagerank, 10).unwrap();
                },
                3,
            ),
            &mut table,
        );
        let view = View::default();
        let sel = view.select(g).unwrap();
        record(
            "export json",
            median(
                || {
                    let mut v = Vec::new();
                    Format::Json
                        .exporter(&DotOptions::default())
                        .export(g, &sel, &mut v)
                        .unwrap();
                },
                3,
            ),
            &mut table,
        );
        record(
            "export dot",
            median(
                || {
                    let mut v = Vec::new();
                    Format::Dot
                        .exporter(&DotOptions::default())
                        .export(g, &sel, &mut v)
                        .unwrap();
                },
                3,
            ),
            &mut table,
        );
        if k == sizes.len() - 1 {
            let mut json = Vec::new();
            Format::Json
                .exporter(&DotOptions::default())
                .export(g, &sel, &mut json)
                .unwrap();
            let dir = std::env::temp_dir().join(format!("argkb-bench-{}", std::process::id()));
            std::fs::create_dir_all(&dir).unwrap();
            let json_path = dir.join("graph.json");
            std::fs::File::create(&json_path)
                .unwrap()
                .write_all(&json)
                .unwrap();
            peer = networkx(&json_path, &from, &to, &center).unwrap_or_default();
            std::fs::remove_dir_all(&dir).unwrap();
        }
    }
    println!(
        "argkb benchmarks: synthetic KBs of {} and {} claims (median times)",
        sizes[0], sizes[1]
    );
    println!(
        "{:<32} {:>12} {:>12} {:>8} {:>12} {:>10}",
        "operation", "small", "large", "growth", "networkx", "ratio"
    );
    for (name, times) in &table {
        let growth = times[1].as_secs_f64() / times[0].as_secs_f64().max(1e-9);
        let peer_key = if name.starts_with("load") {
            Some("load")
        } else {
            Some(name.as_str())
        };
        let p = peer_key
            .and_then(|k| peer.iter().find(|(n, _)| n == k))
            .map(|(_, d)| *d);
        let (pt, ratio) = match p {
            Some(d) => (
                format!("{:.3?}", d),
                format!("{:.2}", times[1].as_secs_f64() / d.as_secs_f64()),
            ),
            None => ("-".into(), "-".into()),
        };
        println!(
            "{:<32} {:>12} {:>12} {:>8.1} {:>12} {:>10}",
            name,
            format!("{:.3?}", times[0]),
            format!("{:.3?}", times[1]),
            growth,
            pt,
            ratio
        );
    }
    if peer.is_empty() {
        println!("(networkx not available: `pip install networkx scipy` to compare)");
    } else {
        println!(
            "ratio = argkb time / networkx time on the large graph (below 1: argkb is faster)."
        );
        println!("networkx 'load' reads node-link JSON; argkb's parses RON, validates and builds.");
    }
}
