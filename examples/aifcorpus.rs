//! Writes a generated corpus of AIF maps into a folder, for the corpus
//! benchmark (`benches/corpus.sh`):
//! `cargo run --release --example aifcorpus -- DIR MAPS [SEED]`.
//!
//! Each map holds 5–34 I-nodes joined by RA-nodes (one or two premises)
//! and CA-nodes, and a speaker (an L-node and a YA-node) for about a third
//! of them. Three maps in four are classic AIFdb JSON with database-wide
//! ids; the fourth is OVA3/xAIF, numbered from 1 like OVA numbers a map.
//! Overlap, as in AIFdb's corpora: about 12% of I-nodes state a proposition
//! of a shared pool (twice as many propositions as maps), written as is,
//! in lower case, with a final period or in capitals; about 3% of a
//! classic map's I-nodes are nodes of an earlier classic map (same id and
//! text: one node in two nodesets). The same arguments give the same
//! files.

use std::io::Write as _;
use std::path::{Path, PathBuf};

use argkb::model::synth::Rng;
use serde_json::{Value, json};

const WORDS: &[&str] = &[
    "energy",
    "policy",
    "nuclear",
    "reactors",
    "waste",
    "coal",
    "prices",
    "jobs",
    "climate",
    "future",
    "safety",
    "cost",
    "the",
    "state",
    "should",
    "will",
    "never",
    "always",
    "cheap",
    "dangerous",
    "renewable",
    "solar",
    "wind",
    "taxes",
    "people",
    "market",
    "growth",
    "risk",
    "plants",
    "power",
    "grid",
    "storage",
    "imports",
    "security",
    "industry",
    "health",
    "air",
    "water",
    "land",
    "research",
    "subsidies",
    "voters",
    "government",
    "investment",
    "emissions",
    "targets",
    "households",
    "bills",
    "demand",
    "supply",
];

fn sentence(rng: &mut Rng, words: usize) -> String {
    let s = argkb::model::synth::sentence_of(rng, words, WORDS);
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => s,
    }
}

/// The `k`th proposition of the shared pool, in one of its writings.
fn pooled(k: usize, rng: &mut Rng) -> String {
    let mut own = Rng::new(0x9e37_79b9 ^ k as u64);
    let words = 5 + own.below(9);
    let text = sentence(&mut own, words);
    match rng.below(4) {
        0 => text,
        1 => text.to_lowercase(),
        2 => format!("{text}."),
        _ => text.to_uppercase(),
    }
}

struct Ids {
    /// The next database-wide id (classic maps).
    global: u64,
}

fn write_map(
    dir: &Path,
    i: usize,
    maps: usize,
    rng: &mut Rng,
    ids: &mut Ids,
    shared: &mut Vec<(u64, String)>,
) -> std::io::Result<()> {
    let xaif = i % 4 == 3;
    let mut local = 0u64;
    let mut next = |ids: &mut Ids| {
        if xaif {
            local += 1;
            local
        } else {
            ids.global += 1;
            ids.global
        }
    };
    let mut nodes: Vec<Value> = Vec::new();
    let mut edges: Vec<Value> = Vec::new();
    let mut locutions: Vec<Value> = Vec::new();
    let mut participants: Vec<Value> = Vec::new();
    let mut inodes: Vec<u64> = Vec::new();
    let edge = |from: u64,
                to: u64,
                ids: &mut Ids,
                edges: &mut Vec<Value>,
                next: &mut dyn FnMut(&mut Ids) -> u64| {
        let id = next(ids);
        edges.push(
            json!({"edgeID": id.to_string(), "fromID": from.to_string(), "toID": to.to_string()}),
        );
    };
    let count = 5 + rng.below(30);
    let mut mine: Vec<(u64, String)> = Vec::new();
    for _ in 0..count {
        // A node of an earlier classic map, shared as AIFdb shares nodes
        // between nodesets.
        if !xaif && !shared.is_empty() && rng.chance(3) {
            let (id, text) = shared[shared.len() - 1 - rng.below(shared.len().min(2000))].clone();
            if !inodes.contains(&id) {
                nodes.push(json!({"nodeID": id.to_string(), "text": text, "type": "I"}));
                inodes.push(id);
                continue;
            }
        }
        let text = if rng.chance(12) {
            pooled(rng.below(2 * maps), rng)
        } else {
            let words = 6 + rng.below(9);
            sentence(rng, words)
        };
        let id = next(ids);
        nodes.push(json!({"nodeID": id.to_string(), "text": text, "type": "I"}));
        inodes.push(id);
        if !xaif {
            mine.push((id, text));
        }
    }
    for k in 1..inodes.len() {
        let target = inodes[rng.below(k)];
        let premise = inodes[k];
        let attack = rng.chance(25);
        let (kind, text) = if attack {
            ("CA", "Default Conflict")
        } else {
            ("RA", "Default Inference")
        };
        let s = next(ids);
        nodes.push(json!({"nodeID": s.to_string(), "text": text, "type": kind}));
        edge(premise, s, ids, &mut edges, &mut next);
        if !attack && k >= 2 && rng.chance(30) {
            // A second, linked premise.
            let other = inodes[rng.below(k)];
            if other != target {
                edge(other, s, ids, &mut edges, &mut next);
            }
        }
        edge(s, target, ids, &mut edges, &mut next);
    }
    for (k, &id) in inodes.iter().enumerate() {
        if !rng.chance(33) {
            continue;
        }
        let who = rng.below(40);
        let name = format!("Speaker{who}");
        let text = nodes[k]["text"].as_str().unwrap_or_default().to_string();
        let l = next(ids);
        let ya = next(ids);
        nodes.push(
            json!({"nodeID": l.to_string(), "text": format!("{name} : {text}"), "type": "L"}),
        );
        nodes.push(json!({"nodeID": ya.to_string(), "text": "Asserting", "type": "YA"}));
        edge(l, ya, ids, &mut edges, &mut next);
        edge(ya, id, ids, &mut edges, &mut next);
        locutions.push(json!({"nodeID": l.to_string(), "personID": who.to_string()}));
        if !participants
            .iter()
            .any(|p| p["participantID"] == json!(who.to_string()))
        {
            participants.push(json!({"participantID": who.to_string(), "firstname": "Speaker", "surname": who.to_string()}));
        }
    }
    shared.extend(mine);
    let aif = json!({"nodes": nodes, "edges": edges, "locutions": locutions, "participants": participants});
    let doc = if xaif {
        json!({"AIF": aif, "text": "", "OVA": {}})
    } else {
        aif
    };
    let path: PathBuf = dir.join(format!("map{i:05}.json"));
    let mut f = std::io::BufWriter::new(std::fs::File::create(path)?);
    serde_json::to_writer(&mut f, &doc)?;
    f.flush()
}

fn main() {
    let mut args = std::env::args().skip(1);
    let (Some(dir), Some(maps)) = (
        args.next(),
        args.next().and_then(|n| n.parse::<usize>().ok()),
    ) else {
        eprintln!("usage: aifcorpus DIR MAPS [SEED]");
        std::process::exit(2);
    };
    let seed: u64 = args.next().and_then(|s| s.parse().ok()).unwrap_or(1);
    let dir = PathBuf::from(dir);
    let mut rng = Rng::new(seed);
    let mut ids = Ids { global: 100_000 };
    let mut shared = Vec::new();
    let made = std::fs::create_dir_all(&dir).and_then(|_| {
        (0..maps).try_for_each(|i| write_map(&dir, i, maps, &mut rng, &mut ids, &mut shared))
    });
    if let Err(e) = made {
        eprintln!("aifcorpus: {}: {e}", dir.display());
        std::process::exit(2);
    }
}
