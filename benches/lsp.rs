//! Benchmark of `argkb lsp`: how long after an edit the editor sees the
//! diagnostics, on the essay and on a synthetic KB of 100k nodes, and
//! whether a request made while the KB is being checked waits for the
//! check. Run with `cargo bench --bench lsp`.
//!
//! Two measures, each the median of alternating runs with CPU time beside
//! wall time:
//! - in process, `lsp::analysis::analyse` (what the server runs after an
//!   edit: load, validate, symbols, quote checks, grounded labels) against
//!   its peer, the load `argkb check` runs (`load_texts_with`, warnings
//!   reported): the ratio is what the editor features cost on top of a
//!   check;
//! - end to end, the release binary over stdio: the time from sending
//!   `didChange` to receiving `publishDiagnostics` (the 150 ms quiet spell
//!   included), and the time a completion request sent right after the
//!   edit takes to be answered.

use std::io::{BufRead, BufReader, Read, Write};
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use argkb::load::{Warnings, load_texts_with};
use argkb::lsp::analysis::analyse;
use argkb::sys::input::{BUILTIN_KB, SourceText};
use serde_json::{Value, json};

/// CPU time of this process so far (user + system).
fn cpu() -> Duration {
    // SAFETY: getrusage writes into the struct it is given.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    unsafe { libc::getrusage(libc::RUSAGE_SELF, &mut usage) };
    let tv = |t: libc::timeval| Duration::new(t.tv_sec as u64, t.tv_usec as u32 * 1000);
    tv(usage.ru_utime) + tv(usage.ru_stime)
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

/// Wall and CPU medians of `a` and `b`, run alternately `runs` times each.
fn alternate(runs: usize, mut a: impl FnMut(), mut b: impl FnMut()) -> [(Duration, Duration); 2] {
    let (mut wa, mut ca, mut wb, mut cb) = (vec![], vec![], vec![], vec![]);
    for _ in 0..runs {
        let (t, c) = (Instant::now(), cpu());
        a();
        wa.push(t.elapsed());
        ca.push(cpu() - c);
        let (t, c) = (Instant::now(), cpu());
        b();
        wb.push(t.elapsed());
        cb.push(cpu() - c);
    }
    [(median(wa), median(ca)), (median(wb), median(cb))]
}

struct Server {
    stdin: std::process::ChildStdin,
    rx: mpsc::Receiver<Value>,
    child: std::process::Child,
}

impl Server {
    fn start() -> Server {
        let mut child = Command::new(env!("CARGO_BIN_EXE_argkb"))
            .arg("lsp")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .spawn()
            .expect("argkb runs");
        let stdin = child.stdin.take().unwrap();
        let mut out = BufReader::new(child.stdout.take().unwrap());
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || {
            loop {
                let mut len = 0;
                let mut line = String::new();
                loop {
                    line.clear();
                    if out.read_line(&mut line).unwrap_or(0) == 0 {
                        return;
                    }
                    if line.trim().is_empty() {
                        break;
                    }
                    if let Some(n) = line.trim().strip_prefix("Content-Length: ") {
                        len = n.parse().unwrap();
                    }
                }
                let mut body = vec![0; len];
                out.read_exact(&mut body).unwrap();
                if tx.send(serde_json::from_slice(&body).unwrap()).is_err() {
                    return;
                }
            }
        });
        Server { stdin, rx, child }
    }

    fn send(&mut self, v: Value) {
        let body = serde_json::to_vec(&v).unwrap();
        write!(self.stdin, "Content-Length: {}\r\n\r\n", body.len()).unwrap();
        self.stdin.write_all(&body).unwrap();
        self.stdin.flush().unwrap();
    }

    fn wait(&mut self, what: impl Fn(&Value) -> bool) -> Value {
        loop {
            let m = self
                .rx
                .recv_timeout(Duration::from_secs(600))
                .expect("an answer");
            if what(&m) {
                return m;
            }
        }
    }
}

/// End to end on `text`: (diagnostics after an edit, a completion's reply
/// during the check), medians over `runs` edits.
fn end_to_end(text: &str, runs: usize) -> (Duration, Duration) {
    let mut s = Server::start();
    let path: PathBuf =
        std::env::temp_dir().join(format!("argkb-bench-{}.ron", std::process::id()));
    let uri = format!("file://{}", path.display());
    s.send(
        json!({"jsonrpc": "2.0", "id": 0, "method": "initialize", "params": {"capabilities": {}}}),
    );
    s.wait(|m| m["id"] == 0);
    s.send(json!({"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": {"uri": uri, "languageId": "ron", "version": 0, "text": text}}}));
    s.wait(|m| m["method"] == "textDocument/publishDiagnostics");
    let (mut diag, mut reply) = (Vec::new(), Vec::new());
    for i in 0..runs {
        // An edit: a comment appended, so the KB stays as it was.
        let edited = format!("{text}\n// edit {i}\n");
        let t = Instant::now();
        s.send(json!({"jsonrpc": "2.0", "method": "textDocument/didChange", "params": {"textDocument": {"uri": uri, "version": i + 1}, "contentChanges": [{"text": edited}]}}));
        let id = 1000 + i;
        let r = Instant::now();
        s.send(json!({"jsonrpc": "2.0", "id": id, "method": "textDocument/completion", "params": {"textDocument": {"uri": uri}, "position": {"line": 0, "character": 0}}}));
        let mut replied = None;
        loop {
            let m = s.wait(|_| true);
            if m["id"] == id {
                replied = Some(r.elapsed());
            }
            if m["method"] == "textDocument/publishDiagnostics" {
                diag.push(t.elapsed());
                if replied.is_none() {
                    s.wait(|m| m["id"] == id);
                    replied = Some(r.elapsed());
                }
                break;
            }
        }
        reply.push(replied.unwrap());
    }
    s.send(json!({"jsonrpc": "2.0", "id": 9, "method": "shutdown"}));
    s.wait(|m| m["id"] == 9);
    s.send(json!({"jsonrpc": "2.0", "method": "exit"}));
    let _ = s.child.wait();
    (median(diag), median(reply))
}

fn ms(d: Duration) -> String {
    format!("{:.1} ms", d.as_secs_f64() * 1000.0)
}

fn main() {
    let big = argkb::model::synth::essay_like(100_000, 1);
    let cases = [("essay", BUILTIN_KB.to_string(), 7), ("100k nodes", big, 3)];
    println!("argkb lsp: after an edit (medians, alternating runs)\n");
    println!(
        "{:<12} {:>22} {:>22} {:>7}",
        "KB", "analyse (wall / cpu)", "check load (wall / cpu)", "ratio"
    );
    for (name, text, runs) in &cases {
        let path = PathBuf::from("bench.ron");
        let [(wa, ca), (wb, cb)] = alternate(
            *runs,
            || {
                analyse(vec![(path.clone(), text.clone())]);
            },
            || {
                let _ = load_texts_with(
                    vec![SourceText::new("bench.ron", text.clone())],
                    Warnings::Report,
                );
            },
        );
        println!(
            "{name:<12} {:>22} {:>22} {:>6.2}×",
            format!("{} / {}", ms(wa), ms(ca)),
            format!("{} / {}", ms(wb), ms(cb)),
            wa.as_secs_f64() / wb.as_secs_f64()
        );
    }
    println!("\nend to end over stdio (release binary):\n");
    println!(
        "{:<12} {:>28} {:>34}",
        "KB", "didChange → diagnostics", "completion sent during the check"
    );
    for (name, text, runs) in &cases {
        let (diag, reply) = end_to_end(text, *runs);
        println!("{name:<12} {:>28} {:>34}", ms(diag), ms(reply));
    }
}
