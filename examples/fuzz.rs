//! The fuzzing harness: seeded mutations of the essay, every fixture and
//! generated hostile KBs, each loaded, validated, built into a graph and run
//! through every exporter and query with default options, its diagnostics
//! rendered. Runs on the stable toolchain:
//!
//! ```text
//! cargo run --release --example fuzz -- --runs 20000 --seed 1
//! ```
//!
//! The inputs run in a worker process watched by this one: a panic, an
//! abort (stack overflow), or an input that takes longer than `--timeout`
//! seconds is written to `target/fuzz-failures/` as the exact bytes that
//! caused it (input `i` of seed `s` is always the same bytes: `--replay i`
//! regenerates it), and the run exits 1. See docs/ROBUSTNESS.md.

use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use argkb::diagnostic::render_plain_limited;
use argkb::export::Format;
use argkb::export::dot::{ClusterBy, DotOptions};
use argkb::graph::ArgGraph;
use argkb::graph::filter::Filter;
use argkb::graph::select::View;
use argkb::load::{LoadError, load_text, load_texts};
use argkb::model::NodeKind;
use argkb::model::synth::{self, Rng};
use argkb::query::{self, OutputFormat, neighbors::Dir, rank::Measure};
use argkb::sys::input::{BUILTIN_KB, SourceText};

struct Options {
    runs: u64,
    seed: u64,
    start: u64,
    timeout: u64,
    worker: bool,
    self_test: bool,
    replay: Option<u64>,
    out: PathBuf,
}

fn parse_args() -> Result<Options, String> {
    let mut o = Options {
        runs: 20_000,
        seed: 1,
        start: 0,
        timeout: 30,
        worker: false,
        self_test: false,
        replay: None,
        out: PathBuf::from("target/fuzz-failures"),
    };
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        let mut num = |name: &str| -> Result<u64, String> {
            args.next()
                .and_then(|v| v.parse().ok())
                .ok_or(format!("{name} needs a number"))
        };
        match a.as_str() {
            "--runs" => o.runs = num("--runs")?,
            "--seed" => o.seed = num("--seed")?,
            "--start" => o.start = num("--start")?,
            "--timeout" => o.timeout = num("--timeout")?,
            "--replay" => o.replay = Some(num("--replay")?),
            "--worker" => o.worker = true,
            "--self-test" => o.self_test = true,
            "--out" => {
                o.out = args
                    .next()
                    .map(PathBuf::from)
                    .ok_or("--out needs a folder")?
            }
            "-h" | "--help" => {
                return Err(
                    "usage: fuzz [--runs N] [--seed S] [--timeout SECS] [--out DIR] [--replay I]"
                        .into(),
                );
            }
            other => return Err(format!("unknown argument `{other}`")),
        }
    }
    Ok(o)
}

/// The seed inputs: the essay, every fixture, and generated KBs.
fn corpus() -> Vec<Vec<u8>> {
    let mut seeds = vec![BUILTIN_KB.as_bytes().to_vec()];
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut files = Vec::new();
    for dir in ["good", "bad", "robustness"] {
        if let Ok(entries) = std::fs::read_dir(root.join(dir)) {
            files.extend(entries.flatten().map(|e| e.path()));
        }
    }
    files.sort();
    seeds.extend(files.iter().filter_map(|f| std::fs::read(f).ok()));
    for s in 0..8 {
        seeds.push(synth::hostile(s).into_bytes());
        seeds.push(synth::essay_like(60, s).into_bytes());
    }
    seeds
}

/// Byte strings the mutator inserts: RON syntax, ids, kinds, and text that
/// broke things before.
const TOKENS: &[&str] = &[
    "(",
    ")",
    "[",
    "]",
    "{",
    "}",
    ",",
    ":",
    "\"",
    "r#\"",
    "\"#",
    "//",
    "/*",
    "*/",
    "\n",
    "Some(",
    "Supports(\"",
    "Attacks(\"",
    "Undercuts(\"",
    "Asserts(\"",
    "\", \"",
    "id: \"",
    "para: 0",
    "para: 4294967296",
    "kind: Goal",
    "quote: \"\"",
    "#![enable(implicit_some)]",
    "\u{FEFF}",
    "\u{2028}",
    "\u{200F}",
    "\u{85}",
    "\u{0}",
    "\\u{0}",
    "\\",
    "é",
    "😀",
    "&amp;",
    "&#55296;",
    "true",
    "-1",
    "1e999",
    "arg-",
    "china",
    "thesis: \"",
    "premises: [\"",
];

/// Input `i` of seed `seed`: always the same bytes.
fn input(corpus: &[Vec<u8>], seed: u64, i: u64) -> Vec<u8> {
    let mut rng = Rng::new(seed.wrapping_mul(1_000_003).wrapping_add(i));
    let mut data = corpus[rng.below(corpus.len())].clone();
    let mutations = if rng.chance(50) { 1 } else { 1 + rng.below(4) };
    for _ in 0..mutations {
        let len = data.len().max(1);
        let at = rng.below(len);
        match rng.below(11) {
            8..=10 => {
                // Text inside a string, escaped so the KB stays valid RON.
                let quotes: Vec<usize> = data
                    .iter()
                    .enumerate()
                    .filter(|(_, b)| **b == b'"')
                    .map(|(i, _)| i)
                    .collect();
                if !quotes.is_empty() {
                    let at = quotes[rng.below(quotes.len())] + 1;
                    let piece = synth::ron_string(rng.pick(synth::HOSTILE_PIECES));
                    let inner = piece.as_bytes()[1..piece.len() - 1].to_vec();
                    data.splice(at..at, inner);
                }
            }
            0 => {
                if let Some(last) = data.len().checked_sub(1) {
                    data[at.min(last)] = rng.next_u64() as u8;
                }
            }
            1 => {
                let end = (at + 1 + rng.below(64)).min(data.len());
                data.drain(at.min(end)..end);
            }
            2 | 3 => {
                let t = rng.pick(TOKENS).as_bytes().to_vec();
                let at = at.min(data.len());
                data.splice(at..at, t);
            }
            4 => {
                // Copy a piece to elsewhere.
                let end = (at + 1 + rng.below(256)).min(data.len());
                let piece = data[at.min(end)..end].to_vec();
                let to = rng.below(len).min(data.len());
                data.splice(to..to, piece);
            }
            5 => {
                // Splice in a piece of another seed.
                let other = &corpus[rng.below(corpus.len())];
                let from = rng.below(other.len().max(1)).min(other.len());
                let end = (from + 1 + rng.below(512)).min(other.len());
                let at = at.min(data.len());
                data.splice(at..at, other[from..end].iter().copied());
            }
            6 => {
                // Repeat a small piece many times (amplification).
                let end = (at + 1 + rng.below(24)).min(data.len());
                let piece = data[at.min(end)..end].to_vec();
                let times = 1 + rng.below(2_000);
                let at = at.min(data.len());
                data.splice(at..at, piece.repeat(times));
            }
            _ => {
                // Nest deeply.
                let at = at.min(data.len());
                let depth = rng.below(400);
                data.splice(at..at, "[".repeat(depth).bytes());
            }
        }
    }
    data
}

/// How far an input got.
#[derive(Clone, Copy)]
enum Reached {
    Unreadable = 0,
    Invalid = 1,
    Loaded = 2,
}

/// A second file for two-file KBs: actors some seeds also define (so
/// duplicate ids across files are exercised) and one they do not.
const SHARED_ACTORS: &str = r#"KnowledgeBase(actors: [
    Actor(id: "china", name: "China", kind: State),
    Actor(id: "fuzz-extra", name: "Extra", kind: Other),
], relations: [About("c0", "fuzz-extra")])"#;

/// Everything a user can run on one input, with default options.
fn exercise(bytes: &[u8]) -> Reached {
    let mut sink = Vec::new();
    let source = match SourceText::from_bytes("fuzz.ron", bytes.to_vec()) {
        Ok(s) => s,
        Err(e) => {
            let _ = e.to_string();
            return Reached::Unreadable;
        }
    };
    // Whatever the fast RON reader accepts, the `ron` crate reads to the
    // same KB (the fast path must never decide a file's meaning alone).
    if let Ok(fast) = argkb::ron::reader::from_str::<argkb::model::KnowledgeBase>(&source.text) {
        let by_ron = argkb::model::parse::ron_options()
            .from_str::<argkb::model::KnowledgeBase>(&source.text)
            .ok();
        assert!(
            by_ron.as_ref() == Some(&fast),
            "the fast RON reader disagrees with the ron crate"
        );
    }
    // The same text as one file of a two-file KB, beside a shared actors
    // file: ids across files, diagnostics in two files.
    match load_texts(vec![
        source.clone(),
        SourceText::new("actors.ron", SHARED_ACTORS),
    ]) {
        Ok(l) => run_queries(&l.graph, &mut sink),
        Err(LoadError::Invalid { files, diagnostics }) => {
            let _ = render_plain_limited(&files, &diagnostics, 100);
        }
        Err(_) => {}
    }
    let loaded = match load_text(source) {
        Ok(l) => l,
        Err(LoadError::Invalid { files, diagnostics }) => {
            let _ = render_plain_limited(&files, &diagnostics, 100);
            return Reached::Invalid;
        }
        Err(e) => {
            let _ = e.to_string();
            return Reached::Unreadable;
        }
    };
    let _ = render_plain_limited(&loaded.files, &loaded.warnings, 100);
    let g = &loaded.graph;
    run_queries(g, &mut sink);
    let view = View::default();
    if let Ok(sel) = view.select(g) {
        for format in [Format::Json, Format::Dot] {
            let _ = format
                .exporter(&DotOptions::default())
                .export(g, &sel, &mut sink);
        }
        let clustered = DotOptions {
            cluster_by: ClusterBy::Paragraph,
            ..DotOptions::default()
        };
        let _ = Format::Dot.exporter(&clustered).export(g, &sel, &mut sink);
    }
    Reached::Loaded
}

fn run_queries(g: &ArgGraph, out: &mut Vec<u8>) {
    let _ = query::stats::stats(g).write(OutputFormat::Text, out);
    if let Ok(nodes) = query::list::list(g, &Filter::default()) {
        let _ = query::list::write(g, &nodes, OutputFormat::Text, out);
    }
    if let Ok(w) = query::weak::weak_points(g, query::side::Side::All) {
        let _ = w.write(g, OutputFormat::Text, out);
    }
    for by in [
        Measure::SupportReach,
        Measure::Pagerank,
        Measure::Betweenness,
    ] {
        if let Ok(r) = query::rank::rank(g, by, 10) {
            let _ = query::rank::write(&r, by, OutputFormat::Text, out);
        }
    }
    let ids = g.ids();
    let (Some(&first), Some(&last)) = (ids.first(), ids.last()) else {
        return;
    };
    let mut picks = vec![first, last, ids[ids.len() / 2]];
    picks.extend(g.meta.thesis.as_deref());
    if let Ok(hits) = query::search::search(g, g.node(first).map_or("x", |n| n.text())) {
        let _ = query::search::write(&hits, OutputFormat::Text, out);
    }
    for id in picks {
        for format in [OutputFormat::Text, OutputFormat::Json] {
            if let Ok(s) = query::show::show(g, id) {
                let _ = s.write(format, out);
            }
            if let Ok(n) = query::neighbors::neighbors(g, id, 1, &[], Dir::Both) {
                let _ = query::neighbors::write(id, &n, format, out);
            }
            if let Ok(w) = query::why::why(g, id, None, 0) {
                let _ = w.write(format, out);
            }
            if let Ok(c) = query::challenges::challenges(
                g,
                id,
                query::challenges::DEFAULT_LIMIT,
                query::side::Side::All,
                false,
            ) {
                let _ = query::challenges::write(g, &c.found, format, out);
            }
            if g.node(id).is_some_and(|n| n.kind() == NodeKind::Actor)
                && let Ok(s) = query::stance::stance(g, id)
            {
                let _ = s.write(g, format, out);
            }
        }
    }
    if let Ok(p) = query::path::shortest(g, first, last, &[]) {
        let _ = query::path::write(&[p], true, OutputFormat::Text, out);
    }
    if let Ok((p, complete)) = query::path::all(g, last, first, &[], 6, 100) {
        let _ = query::path::write(&p, complete, OutputFormat::Json, out);
    }
}

fn save(dir: &Path, seed: u64, i: u64, what: &str, bytes: &[u8]) -> PathBuf {
    let _ = std::fs::create_dir_all(dir);
    let path = dir.join(format!("{what}-seed{seed}-input{i}.ron"));
    let _ = std::fs::write(&path, bytes);
    path
}

/// Runs inputs `start..start + runs` in this process, printing each index
/// before it runs; a panic is saved and counted.
fn worker(o: &Options) -> ExitCode {
    let corpus = corpus();
    std::panic::set_hook(Box::new(|_| {}));
    let stdout = std::io::stdout();
    let mut failures = 0;
    let mut reached = [0u64; 3];
    for i in o.start..o.start + o.runs {
        let bytes = input(&corpus, o.seed, i);
        {
            let mut out = stdout.lock();
            let _ = writeln!(out, "{i}");
            let _ = out.flush();
        }
        // `--self-test`: inputs 3, 5 and 7 panic, abort and hang, to check
        // that the supervisor catches and records each.
        let inject = std::env::var_os("ARGKB_FUZZ_SELF_TEST").is_some();
        match std::panic::catch_unwind(|| match i {
            3 if inject => panic!("injected"),
            5 if inject => std::process::abort(),
            7 if inject => loop {
                std::thread::sleep(Duration::from_secs(1));
            },
            _ => exercise(&bytes),
        }) {
            Ok(r) => reached[r as usize] += 1,
            Err(_) => {
                let path = save(&o.out, o.seed, i, "panic", &bytes);
                eprintln!("fuzz: input {i} panicked; saved as {}", path.display());
                failures += 1;
            }
        }
    }
    println!("reached {} {} {}", reached[0], reached[1], reached[2]);
    ExitCode::from(u8::from(failures > 0))
}

/// What the worker says on its standard output.
enum Msg {
    /// About to run input `i`.
    At(u64),
    /// How many inputs were unreadable, invalid and loaded.
    Reached(Vec<u64>),
}

/// Runs the worker, restarting it after an abort or a hang.
fn supervise(o: &Options) -> ExitCode {
    let corpus = corpus();
    let exe = std::env::current_exe().expect("own path");
    let started = Instant::now();
    let end = o.start + o.runs;
    let mut next = o.start;
    let mut failures = 0;
    let mut reached = [0u64; 3];
    while next < end {
        let mut child = Command::new(&exe)
            .args([
                "--worker",
                "--seed",
                &o.seed.to_string(),
                "--start",
                &next.to_string(),
            ])
            .args(["--runs", &(end - next).to_string(), "--out"])
            .arg(&o.out)
            .stdout(Stdio::piped())
            .spawn()
            .expect("start the fuzz worker");
        let (tx, rx) = mpsc::channel();
        let stdout = child.stdout.take().expect("piped");
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                let msg = match line.strip_prefix("reached ") {
                    Some(counts) => {
                        Msg::Reached(counts.split(' ').filter_map(|n| n.parse().ok()).collect())
                    }
                    None => match line.trim().parse::<u64>() {
                        Ok(i) => Msg::At(i),
                        Err(_) => continue,
                    },
                };
                if tx.send(msg).is_err() {
                    break;
                }
            }
        });
        let mut current = None;
        let hung = loop {
            match rx.recv_timeout(Duration::from_secs(o.timeout)) {
                Ok(Msg::At(i)) => current = Some(i),
                Ok(Msg::Reached(counts)) => {
                    for (total, n) in reached.iter_mut().zip(counts) {
                        *total += n;
                    }
                }
                Err(mpsc::RecvTimeoutError::Disconnected) => break false,
                Err(mpsc::RecvTimeoutError::Timeout) => {
                    let _ = child.kill();
                    break true;
                }
            }
        };
        let status = child.wait().expect("wait for the fuzz worker");
        let Some(i) = current else {
            eprintln!("fuzz: the worker died before its first input ({status})");
            return ExitCode::from(2);
        };
        if hung || !status.success() && status.code().is_none() {
            let what = if hung { "hang" } else { "crash" };
            let path = save(&o.out, o.seed, i, what, &input(&corpus, o.seed, i));
            eprintln!(
                "fuzz: input {i}: {what} ({status}); saved as {}",
                path.display()
            );
            failures += 1;
            next = i + 1;
        } else {
            if status.code() == Some(1) {
                failures += 1;
            }
            next = end;
        }
    }
    let secs = started.elapsed().as_secs_f64();
    println!(
        "fuzz: {} inputs from seed {} in {secs:.1} s ({:.0}/s): {} unreadable, {} invalid (diagnostics rendered), {} loaded (every query and exporter run); {}",
        o.runs,
        o.seed,
        o.runs as f64 / secs,
        reached[0],
        reached[1],
        reached[2],
        if failures == 0 {
            "no failures".to_string()
        } else {
            format!("FAILURES, see {}", o.out.display())
        }
    );
    ExitCode::from(u8::from(failures > 0))
}

fn main() -> ExitCode {
    let o = match parse_args() {
        Ok(o) => o,
        Err(e) => {
            eprintln!("fuzz: {e}");
            return ExitCode::from(2);
        }
    };
    if let Some(i) = o.replay {
        let bytes = input(&corpus(), o.seed, i);
        let path = save(&o.out, o.seed, i, "replay", &bytes);
        println!("{}", path.display());
        exercise(&bytes);
        return ExitCode::SUCCESS;
    }
    if o.self_test {
        return self_test(&o);
    }
    if o.worker { worker(&o) } else { supervise(&o) }
}

/// Checks the harness itself: a panic, an abort and a hang are each
/// caught, saved, and make the run fail.
fn self_test(o: &Options) -> ExitCode {
    let dir = std::env::temp_dir().join(format!("argkb-fuzz-self-test-{}", std::process::id()));
    let out = Command::new(std::env::current_exe().expect("own path"))
        .args([
            "--runs",
            "10",
            "--seed",
            &o.seed.to_string(),
            "--timeout",
            "2",
            "--out",
        ])
        .arg(&dir)
        .env("ARGKB_FUZZ_SELF_TEST", "1")
        .output()
        .expect("run the harness");
    let mut saved: Vec<String> = std::fs::read_dir(&dir)
        .map(|d| {
            d.flatten()
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default();
    saved.sort();
    let _ = std::fs::remove_dir_all(&dir);
    let seed = o.seed;
    let expected = [
        format!("crash-seed{seed}-input5.ron"),
        format!("hang-seed{seed}-input7.ron"),
        format!("panic-seed{seed}-input3.ron"),
    ];
    if out.status.code() == Some(1) && saved == expected {
        println!("fuzz self-test: a panic, an abort and a hang were each caught and saved");
        ExitCode::SUCCESS
    } else {
        eprintln!(
            "fuzz self-test FAILED: exit {:?}, saved {saved:?}\n{}",
            out.status.code(),
            String::from_utf8_lossy(&out.stderr)
        );
        ExitCode::FAILURE
    }
}
