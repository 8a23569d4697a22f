//! Benchmark of `argkb diff` against `git diff --no-index --stat` on the
//! same two files: a synthetic KB and the same KB with 1% of its claims
//! reworded and a few relations gone. Both run as programs (the release
//! binary), alternating, median of 3, with the children's CPU time beside
//! wall time. Run with `cargo bench --bench diff` (ARGKB_DIFF_SIZES=100000
//! for fewer sizes).

use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// CPU time of the finished children so far.
fn children_cpu() -> Duration {
    // SAFETY: getrusage writes into the struct it is given.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    unsafe { libc::getrusage(libc::RUSAGE_CHILDREN, &mut usage) };
    let tv = |t: libc::timeval| Duration::new(t.tv_sec as u64, t.tv_usec as u32 * 1000);
    tv(usage.ru_utime) + tv(usage.ru_stime)
}

fn timed(cmd: &mut Command) -> (Duration, Duration) {
    let (t, c) = (Instant::now(), children_cpu());
    let status = cmd
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .expect("runs");
    assert!(status.code().is_some_and(|c| c <= 1), "{cmd:?}: {status}");
    (t.elapsed(), children_cpu() - c)
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn main() {
    let sizes: Vec<usize> = std::env::var("ARGKB_DIFF_SIZES")
        .ok()
        .map(|s| s.split(',').filter_map(|n| n.parse().ok()).collect())
        .unwrap_or_else(|| vec![100_000, 1_000_000]);
    let dir = std::env::temp_dir().join(format!("argkb-bench-diff-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    println!("argkb diff vs git diff --stat (medians of 3, alternating)\n");
    println!(
        "{:>9} {:>8} {:>24} {:>24} {:>20} {:>7} {:>7}",
        "nodes",
        "MB",
        "argkb diff (wall/cpu)",
        "--no-labels (wall/cpu)",
        "git diff --stat",
        "ratio",
        "no-lab"
    );
    for n in sizes {
        let old = argkb::model::synth::essay_like(n, 7);
        // Every hundredth claim reworded (its `text:`), a few lines dropped.
        let mut changed = 0;
        let new: String = old
            .lines()
            .enumerate()
            .filter(|(i, l)| !(l.trim_start().starts_with("Supports(") && i % 997 == 0))
            .map(|(_, l)| {
                let l = if l.contains("text: \"") {
                    changed += 1;
                    if changed % 100 == 0 {
                        l.replacen("text: \"", "text: \"Reworded: ", 1)
                    } else {
                        l.to_string()
                    }
                } else {
                    l.to_string()
                };
                l + "\n"
            })
            .collect();
        let (a, b) = (dir.join("old.ron"), dir.join("new.ron"));
        std::fs::write(&a, &old).unwrap();
        std::fs::write(&b, &new).unwrap();
        let (mut aw, mut ac, mut gw, mut gc) = (vec![], vec![], vec![], vec![]);
        let (mut nw, mut nc) = (vec![], vec![]);
        for _ in 0..3 {
            let (w, c) = timed(
                Command::new(env!("CARGO_BIN_EXE_argkb"))
                    .arg("diff")
                    .arg(&a)
                    .arg(&b),
            );
            aw.push(w);
            ac.push(c);
            let (w, c) = timed(
                Command::new(env!("CARGO_BIN_EXE_argkb"))
                    .args(["diff", "--no-labels"])
                    .arg(&a)
                    .arg(&b),
            );
            nw.push(w);
            nc.push(c);
            let (w, c) = timed(
                Command::new("git")
                    .args(["diff", "--no-index", "--stat"])
                    .arg(&a)
                    .arg(&b),
            );
            gw.push(w);
            gc.push(c);
        }
        let (aw, ac, gw, gc) = (median(aw), median(ac), median(gw), median(gc));
        let (nw, nc) = (median(nw), median(nc));
        let ms = |d: Duration| format!("{:.0} ms", d.as_secs_f64() * 1000.0);
        println!(
            "{n:>9} {:>8.1} {:>24} {:>24} {:>20} {:>6.1}× {:>6.1}×",
            old.len() as f64 / 1e6,
            format!("{} / {}", ms(aw), ms(ac)),
            format!("{} / {}", ms(nw), ms(nc)),
            format!("{} / {}", ms(gw), ms(gc)),
            aw.as_secs_f64() / gw.as_secs_f64(),
            nw.as_secs_f64() / gw.as_secs_f64()
        );
    }
    let _ = std::fs::remove_dir_all(&dir);
}
