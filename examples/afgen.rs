//! Writes a generated argumentation framework (ICCMA 2023 format,
//! `argkb::model::synth::framework`) to stdout:
//! `cargo run --release --example afgen -- N random|grid|scale-free|scc|stable [SEED]`.
//! Used by `benches/af.sh`.

use std::io::Write as _;

fn main() {
    let mut args = std::env::args().skip(1);
    let n: Option<usize> = args.next().and_then(|n| n.parse().ok());
    let shape = args
        .next()
        .and_then(|s| argkb::model::synth::AfShape::parse(&s));
    let (Some(n), Some(shape)) = (n, shape) else {
        eprintln!("usage: afgen N random|grid|scale-free|scc|stable [SEED]");
        std::process::exit(2);
    };
    let seed: u64 = args.next().and_then(|s| s.parse().ok()).unwrap_or(1);
    let text = argkb::model::synth::framework(n, shape, seed);
    let mut out = std::io::stdout().lock();
    if out
        .write_all(text.as_bytes())
        .and_then(|_| out.flush())
        .is_err()
    {
        std::process::exit(2);
    }
}
