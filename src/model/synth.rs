//! Synthetic KBs, written as RON text, for benchmarks, tests and fuzzing:
//! KBs shaped like the essay at any size (`essay_like`), KBs full of
//! hostile text (`hostile`), abstract argumentation frameworks of three
//! shapes in the ICCMA format (`framework`), and the seeded random numbers
//! behind them (`Rng`). Every KB is a function of its parameters and seed, so a
//! failure found with one can be regenerated exactly.
//!
//! Strings reach the RON text only through `ron_string`, which asks the
//! `ron` serializer to quote them.

use std::fmt::Write as _;

/// A small seeded generator (SplitMix64): deterministic across platforms
/// and runs, good enough for test data (not for anything secret).
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed ^ 0x9E37_79B9_7F4A_7C15)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (`n` > 0).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n.max(1) as u64) as usize
    }

    /// True with probability `percent`/100.
    pub fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }

    pub fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        items[self.below(items.len())]
    }
}

pub use crate::ron::writer::string as ron_string;

const WORDS: &[&str] = &[
    "China",
    "North",
    "Korea",
    "policy",
    "the",
    "U.S.",
    "should",
    "influence",
    "regime",
    "collapse",
    "alliance",
    "support",
    "pressure",
    "dialogue",
    "sanctions",
    "stability",
    "peninsula",
    "future",
    "strategic",
    "patience",
    "relations",
    "engagement",
    "record",
    "rights",
    "nuclear",
    "deterrence",
    "priority",
    "border",
    "refugees",
    "trade",
];

fn sentence(rng: &mut Rng, words: usize) -> String {
    sentence_of(rng, words, WORDS)
}

/// `words` words drawn from `vocabulary`, separated by spaces.
pub fn sentence_of(rng: &mut Rng, words: usize, vocabulary: &[&str]) -> String {
    let mut s = String::new();
    for i in 0..words {
        if i > 0 {
            s.push(' ');
        }
        s.push_str(rng.pick(vocabulary));
    }
    s
}

/// A KB of about `nodes` nodes shaped like the essay: about 2% actors,
/// claims of about 80 characters with quotes, paragraphs and tags,
/// recommendations, arguments of 2–3 linked premises, and supports,
/// attacks, undercuts and stances between them. The first claim is the
/// thesis; every other claim and recommendation leads to it.
pub fn essay_like(nodes: usize, seed: u64) -> String {
    let mut rng = Rng::new(seed);
    let actors = (nodes / 50).max(1);
    let arguments = nodes / 10;
    let recommendations = nodes / 20;
    let claims = nodes
        .saturating_sub(actors + arguments + recommendations)
        .max(2);
    let mut out = String::with_capacity(nodes * 260);
    let _ = writeln!(
        out,
        "KnowledgeBase(\n    meta: Meta(title: \"Synthetic KB of {nodes} nodes (seed {seed})\", source: Source(publication: \"synthetic\", date: \"2026\"), author: \"argkb synth\", thesis: \"c0\"),"
    );
    out.push_str("    actors: [\n");
    for a in 0..actors {
        let _ = writeln!(
            out,
            "        Actor(id: \"a{a}\", name: {}, kind: {}),",
            ron_string(&format!("Actor {a}")),
            rng.pick(&["State", "Person", "Organisation", "Group"])
        );
    }
    out.push_str("    ],\n    claims: [\n");
    for c in 0..claims {
        let text = sentence(&mut rng, 12);
        let quote: String = text.split(' ').take(5).collect::<Vec<_>>().join(" ");
        let _ = writeln!(
            out,
            "        Claim(id: \"c{c}\", text: {}, kind: {}, quote: {}, para: {}, tags: [\"t{}\"]),",
            ron_string(&text),
            rng.pick(&[
                "Fact",
                "Event",
                "Assessment",
                "Prediction",
                "Assumption",
                "Goal"
            ]),
            ron_string(&quote),
            1 + rng.below(40),
            rng.below(20)
        );
    }
    out.push_str("    ],\n    recommendations: [\n");
    for r in 0..recommendations {
        let text = sentence(&mut rng, 10);
        let _ = writeln!(
            out,
            "        Recommendation(id: \"r{r}\", text: {}, quote: {}, para: {}),",
            ron_string(&text),
            ron_string(&text),
            1 + rng.below(40)
        );
    }
    out.push_str("    ],\n    arguments: [\n");
    for g in 0..arguments {
        // Premises come from later claims than the conclusion, so support
        // flows towards c0 and the graph has no support cycle.
        let conclusion = rng.below(claims - 1);
        let mut premises = std::collections::BTreeSet::new();
        for _ in 0..2 + rng.below(2) {
            premises.insert(conclusion + 1 + rng.below(claims - conclusion - 1));
        }
        let premises: Vec<String> = premises.iter().map(|p| format!("\"c{p}\"")).collect();
        let _ = writeln!(
            out,
            "        Argument(id: \"g{g}\", premises: [{}], conclusion: \"c{conclusion}\", scheme: \"from consequences\"),",
            premises.join(", ")
        );
    }
    out.push_str("    ],\n    relations: [\n");
    let mut seen = std::collections::BTreeSet::new();
    let mut rel = |out: &mut String, kind: &str, a: String, b: String| {
        if a != b && seen.insert((kind.to_string(), a.clone(), b.clone())) {
            let _ = writeln!(out, "        {kind}(\"{a}\", \"{b}\"),");
        }
    };
    for c in 1..claims {
        let to = rng.below(c);
        rel(&mut out, "Supports", format!("c{c}"), format!("c{to}"));
        if rng.chance(15) {
            let to = rng.below(claims);
            rel(&mut out, "Attacks", format!("c{c}"), format!("c{to}"));
        }
        if rng.chance(40) {
            let a = rng.below(actors);
            rel(&mut out, "Asserts", format!("a{a}"), format!("c{c}"));
        }
    }
    for r in 0..recommendations {
        let from = rng.below(claims);
        rel(&mut out, "Supports", format!("r{r}"), "c0".to_string());
        rel(&mut out, "Supports", format!("c{from}"), format!("r{r}"));
        let a = rng.below(actors);
        rel(&mut out, "AddressedTo", format!("r{r}"), format!("a{a}"));
    }
    for g in 0..arguments {
        if rng.chance(10) {
            let c = rng.below(claims);
            rel(&mut out, "Undercuts", format!("c{c}"), format!("g{g}"));
        }
    }
    for a in 1..actors {
        if rng.chance(30) {
            rel(
                &mut out,
                "AllyOf",
                format!("a{a}"),
                format!("a{}", rng.below(a)),
            );
        }
    }
    out.push_str("    ],\n)\n");
    out
}

/// Pieces of text that have broken exporters before: entities, quotes,
/// backslashes and DOT escapes, line breaks, direction marks, emoji,
/// keywords of the output languages, markup and script.
pub const HOSTILE_PIECES: &[&str] = &[
    "&",
    "&amp;",
    "&#55296;",
    "&lt;b&gt;",
    "AT&T",
    "\"",
    "\\",
    "\\N",
    "\\G",
    "\\L",
    "\\l",
    "\\n",
    "\n",
    "\r\n",
    "\t",
    "\u{0}",
    "\u{7}",
    "\u{202E}",
    "\u{200F}",
    "\u{2028}",
    "\u{85}",
    "\u{FEFF}",
    "😀",
    "👩‍👩‍👧",
    "é",
    "İ",
    "\u{A0}",
    "digraph",
    "node",
    "edge",
    "subgraph",
    "strict",
    "->",
    "--",
    "{",
    "}",
    "[",
    "]",
    ";",
    "<",
    ">",
    "<b>",
    "</script>",
    "<img src=x onerror=alert(1)>",
    "//",
    "/*",
    "*/",
    "#",
    "'",
    "`",
    ",",
    "%",
    "${x}",
    "{{x}}",
];

fn hostile_text(rng: &mut Rng) -> String {
    if rng.chance(3) {
        // Past Graphviz's 16 KB string limit.
        return "long &amp; \\ \"text\" ".repeat(1_000 + rng.below(200));
    }
    let mut s = String::new();
    for _ in 0..1 + rng.below(8) {
        if rng.chance(50) {
            s.push_str(rng.pick(HOSTILE_PIECES));
        } else {
            s.push_str(rng.pick(WORDS));
        }
        if rng.chance(50) {
            s.push(' ');
        }
    }
    if s.trim().is_empty() {
        s.push('x');
    }
    s
}

/// A small valid KB whose every text, name, quote and tag is hostile: for
/// checking that exporters and Graphviz take anything a KB can hold.
pub fn hostile(seed: u64) -> String {
    let mut rng = Rng::new(seed);
    let claims = 4 + rng.below(6);
    let mut out = String::new();
    let _ = writeln!(
        out,
        "KnowledgeBase(meta: Meta(title: {}, source: Source(publication: {}, date: {}), author: {}, thesis: \"c0\"),",
        ron_string(&hostile_text(&mut rng)),
        ron_string(&hostile_text(&mut rng)),
        ron_string(&hostile_text(&mut rng)),
        ron_string(&hostile_text(&mut rng)),
    );
    let _ = writeln!(
        out,
        "actors: [Actor(id: \"a0\", name: {}, kind: Person, aliases: [{}])],",
        ron_string(&hostile_text(&mut rng)),
        ron_string(&hostile_text(&mut rng))
    );
    out.push_str("claims: [\n");
    for c in 0..claims {
        let _ = writeln!(
            out,
            "Claim(id: \"c{c}\", text: {}, kind: {}, quote: {}, para: {}, tags: [{}]),",
            ron_string(&hostile_text(&mut rng)),
            rng.pick(&["Fact", "Assessment", "Assumption", "Goal"]),
            ron_string(&hostile_text(&mut rng)),
            1 + rng.below(3),
            ron_string(&hostile_text(&mut rng)),
        );
    }
    out.push_str("],\nrecommendations: [\n");
    let _ = writeln!(
        out,
        "Recommendation(id: \"r0\", text: {}, quote: {}, para: 1),",
        ron_string(&hostile_text(&mut rng)),
        ron_string(&hostile_text(&mut rng))
    );
    out.push_str("],\narguments: [\n");
    let _ = writeln!(
        out,
        "Argument(id: \"g0\", premises: [\"c1\"], conclusion: \"c0\", scheme: {}, note: {}),",
        ron_string(&hostile_text(&mut rng)),
        ron_string(&hostile_text(&mut rng))
    );
    // A named conflict, itself undercut (an attack on an attack).
    let conflict = claims > 3;
    if conflict {
        let _ = writeln!(
            out,
            "],\nconflicts: [\nConflict(id: \"k0\", attackers: [\"c3\"], target: \"c1\", scheme: {}, note: {}),",
            ron_string(&hostile_text(&mut rng)),
            ron_string(&hostile_text(&mut rng))
        );
    }
    out.push_str("],\nrelations: [\n");
    for c in 2..claims {
        let _ = writeln!(out, "Supports(\"c{c}\", \"c{}\"),", rng.below(c));
    }
    if conflict {
        out.push_str("Undercuts(\"c2\", \"k0\"),\n");
    }
    out.push_str(
        "Supports(\"r0\", \"c0\"),\nAddressedTo(\"r0\", \"a0\"),\nAsserts(\"a0\", \"c0\"),\n",
    );
    if claims > 2 {
        out.push_str("Undercuts(\"c2\", \"g0\"),\n");
    }
    out.push_str("],\n)\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::load_text;
    use crate::sys::input::SourceText;

    #[test]
    fn generated_kbs_are_valid_and_deterministic() {
        for seed in 0..50 {
            for text in [essay_like(300, seed), hostile(seed)] {
                let loaded = load_text(SourceText::new("synth.ron", text.clone()));
                assert!(loaded.is_ok(), "seed {seed}: {:?}", loaded.err());
            }
            assert_eq!(essay_like(100, seed), essay_like(100, seed));
            assert_eq!(hostile(seed), hostile(seed));
        }
        // The seeds the CLI tests use draw a named conflict, undercut.
        for seed in [3, 5, 7, 9, 11, 23, 37, 58] {
            let text = hostile(seed);
            assert!(
                text.contains("Conflict(id: \"k0\"") && text.contains("Undercuts(\"c2\", \"k0\")"),
                "seed {seed}"
            );
        }
        let g = load_text(SourceText::new("s", essay_like(1000, 7)))
            .unwrap()
            .graph;
        assert!((900..=1100).contains(&g.node_count()), "{}", g.node_count());
    }
}

/// The shape of a generated argumentation framework.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AfShape {
    /// Uniformly random attacks, two per argument on average (some
    /// self-attacks, as in ICCMA's random instances).
    Random,
    /// A square grid: each argument attacks its right and lower
    /// neighbours, each direction with probability one half, so the
    /// grid holds many even and odd cycles.
    Grid,
    /// Preferential attachment (Barabási–Albert): each new argument is in
    /// conflict with two earlier ones picked in proportion to how many
    /// conflicts they have, in a random direction; a few hubs, many leaves.
    ScaleFree,
    /// Many strongly connected components: blocks of 5 to 40 arguments,
    /// each a cycle through the whole block plus random chords inside it
    /// (up to a tenth of the block's size per argument, at most six; a
    /// chord may be a self-attack), and one attack from each argument to a
    /// later block, never back, so that the components form layers, as in
    /// ICCMA's SCC-rich families.
    Scc,
    /// Many stable extensions: arguments in groups of 2 to 4 that all
    /// attack each other (each stable extension takes at most one of a
    /// group), and one-way attacks from earlier groups to later ones
    /// (about one per argument). Every such framework has a stable
    /// extension (choose group by group, earliest first), and the number
    /// of them grows exponentially with the groups left free.
    Stable,
}

impl AfShape {
    pub fn parse(s: &str) -> Option<AfShape> {
        match s {
            "random" => Some(AfShape::Random),
            "grid" => Some(AfShape::Grid),
            "scale-free" => Some(AfShape::ScaleFree),
            "scc" => Some(AfShape::Scc),
            "stable" => Some(AfShape::Stable),
            _ => None,
        }
    }
}

/// `0..n` cut into consecutive blocks of `min..=max` arguments (the last
/// may be shorter).
fn blocks(rng: &mut Rng, n: usize, min: usize, max: usize) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = 0;
    while start < n {
        let end = (start + min + rng.below(max - min + 1)).min(n);
        out.push((start, end));
        start = end;
    }
    out
}

/// A framework of `n` arguments in the ICCMA 2023 format (`p af n`, then
/// `i j` lines; arguments numbered from 1), each attack once.
pub fn framework(n: usize, shape: AfShape, seed: u64) -> String {
    let mut rng = Rng::new(seed);
    let mut attacks: Vec<(usize, usize)> = Vec::new();
    match shape {
        AfShape::Random => {
            for _ in 0..2 * n {
                let a = rng.below(n);
                let b = if rng.chance(1) { a } else { rng.below(n) };
                attacks.push((a, b));
            }
        }
        AfShape::Grid => {
            let side = (n as f64).sqrt().ceil() as usize;
            for a in 0..n {
                let right = (a % side + 1 < side).then_some(a + 1);
                for b in [right, Some(a + side)]
                    .into_iter()
                    .flatten()
                    .filter(|&b| b < n)
                {
                    if rng.chance(50) {
                        attacks.push((a, b));
                    }
                    if rng.chance(50) {
                        attacks.push((b, a));
                    }
                }
            }
        }
        AfShape::ScaleFree => {
            // Every end of every conflict so far: picking from it picks an
            // argument in proportion to its degree.
            let mut ends: Vec<usize> = Vec::new();
            for a in 0..n {
                for _ in 0..2.min(a) {
                    let b = if ends.is_empty() {
                        rng.below(a)
                    } else {
                        ends[rng.below(ends.len())]
                    };
                    if a == b {
                        continue;
                    }
                    attacks.push(if rng.chance(50) { (a, b) } else { (b, a) });
                    ends.extend([a, b]);
                }
            }
        }
        AfShape::Scc => {
            for (start, end) in blocks(&mut rng, n, 5, 40) {
                let size = end - start;
                for a in start..end {
                    attacks.push((a, start + (a - start + 1) % size));
                    for _ in 0..rng.below(size / 10 + 1).min(6) {
                        attacks.push((a, start + rng.below(size)));
                    }
                    if end < n {
                        attacks.push((a, end + rng.below(n - end)));
                    }
                }
            }
        }
        AfShape::Stable => {
            for (start, end) in blocks(&mut rng, n, 2, 4) {
                for a in start..end {
                    attacks.extend((start..end).filter(|&b| b != a).map(|b| (a, b)));
                    if end < n {
                        attacks.push((a, end + rng.below(n - end)));
                    }
                }
            }
        }
    }
    attacks.sort_unstable();
    attacks.dedup();
    let mut out = String::with_capacity(attacks.len() * 14 + 16);
    let _ = writeln!(out, "p af {n}");
    for (a, b) in attacks {
        let _ = writeln!(out, "{} {}", a + 1, b + 1);
    }
    out
}
