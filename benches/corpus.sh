#!/usr/bin/env bash
# Corpus benchmark: a folder of AIF maps imported as one KB, then checked,
# at 700 and 10,000 maps, to see that both grow linearly with the corpus.
#
#   bash benches/corpus.sh [SAMPLE_DIR]   (default: ../shared/corpora/aif-araucaria-sample)
#   SIZES="2000 5000 10000" bash benches/corpus.sh   (other sizes; default 700 10000)
#
# Two kinds of corpus, each at 700 and 10,000 maps:
# - `real`: the sample's real AIFdb maps repeated under new names
#   (map00001.json, …): real maps, but each recurring many times, so the
#   claims' texts repeat far more than in a real corpus;
# - `gen`: distinct maps from `examples/aifcorpus.rs` (a quarter xAIF,
#   speakers, about 12% of propositions shared between maps in varied
#   writing, 3% of nodes shared AIFdb-style), imported with
#   --link-identical.
# Each command runs three times, alternating the sizes; the medians of
# wall and CPU (user + sys) time and the peak RSS are printed. No peer
# imports a folder of AIF maps into one KB, so the figure is the ratio
# between the sizes: 10000/700 = 14.3 for linear growth.
set -euo pipefail
cd "$(dirname "$0")/.."
sample=${1:-../shared/corpora/aif-araucaria-sample}
read -r -a sizes <<<"${SIZES:-700 10000}"
cargo build --quiet --release --bin argkb --example aifcorpus
argkb=target/release/argkb
work=$(mktemp -d "${TMPDIR:-/tmp}/argkb-corpus.XXXXXX")
trap 'rm -rf "$work"' EXIT

maps=("$sample"/*.json)
for n in "${sizes[@]}"; do
    mkdir -p "$work/real$n"
    for ((i = 0; i < n; i++)); do
        cp "${maps[i % ${#maps[@]}]}" "$work/real$n/map$(printf %05d "$i").json"
    done
    target/release/examples/aifcorpus "$work/gen$n" "$n" 1
done

# One timed run: "wall cpu rss_kb".
timed() {
    /usr/bin/time -f "%e %U %S %M" -o "$work/t" "$@" >/dev/null 2>&1 || true
    awk '{ printf "%s %.2f %s\n", $1, $2 + $3, $4 }' "$work/t"
}
median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

declare -A wall cpu rss
for round in 1 2 3; do
    for n in "${sizes[@]}"; do
        for kind in real gen; do
            link=()
            [[ $kind == gen ]] && link=(--link-identical)
            rm -f "$work/$kind$n.ron"
            read -r w c r < <(timed "$argkb" import aif "$work/$kind$n" "${link[@]}" -o "$work/$kind$n.ron")
            k=import-$kind-$n
            wall[$k]+="$w "; cpu[$k]+="$c "; rss[$k]=$r
            read -r w c r < <(timed "$argkb" --kb "$work/$kind$n.ron" check)
            k=check-$kind-$n
            wall[$k]+="$w "; cpu[$k]+="$c "; rss[$k]=$r
        done
    done
done
printf '%-18s %10s %10s %10s\n' "run" "wall (s)" "cpu (s)" "rss (MB)"
for what in import check; do
    for kind in real gen; do
        for n in "${sizes[@]}"; do
            k=$what-$kind-$n
            w=$(tr ' ' '\n' <<<"${wall[$k]}" | grep . | median)
            c=$(tr ' ' '\n' <<<"${cpu[$k]}" | grep . | median)
            printf '%-18s %10s %10s %10d\n' "$k" "$w" "$c" $((rss[$k] / 1024))
        done
    done
done
for n in "${sizes[@]}"; do
    "$argkb" --kb "$work/gen$n.ron" stats 2>/dev/null | grep '^cross-text' || true
done
