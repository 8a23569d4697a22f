//! Writes a synthetic KB shaped like the essay (`argkb::model::synth::essay_like`)
//! to stdout: `cargo run --release --example synth -- NODES [SEED]`.
//! Used by `benches/scale.sh` to build the 10k/100k/1M-node KBs.

use std::io::Write as _;

fn main() {
    let mut args = std::env::args().skip(1);
    let nodes: usize = match args.next().and_then(|n| n.parse().ok()) {
        Some(n) => n,
        None => {
            eprintln!("usage: synth NODES [SEED]");
            std::process::exit(2);
        }
    };
    let seed: u64 = args.next().and_then(|s| s.parse().ok()).unwrap_or(1);
    let text = argkb::model::synth::essay_like(nodes, seed);
    let mut out = std::io::stdout().lock();
    if out
        .write_all(text.as_bytes())
        .and_then(|_| out.flush())
        .is_err()
    {
        std::process::exit(2);
    }
}
