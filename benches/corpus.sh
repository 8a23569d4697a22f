#!/usr/bin/env bash
# Corpus benchmark: a folder of AIF maps imported as one KB, then checked,
# at 700 and 10,000 maps, to see that both grow linearly with the corpus.
#
#   bash benches/corpus.sh [SAMPLE_DIR]   (default: ../shared/corpora/aif-araucaria-sample)
#
# The corpora are the sample's real AIFdb maps repeated under new names
# (map00001.json, …) until there are 700 and 10,000 of them: real maps,
# but each recurring many times, so the claims' texts repeat far more than
# in a real corpus. Each command runs three times, alternating the sizes;
# the medians of wall and CPU (user + sys) time and the peak RSS are
# printed. No peer imports a folder of AIF maps into one KB, so the figure
# is the ratio between the sizes: 10000/700 = 14.3 for linear growth.
set -euo pipefail
cd "$(dirname "$0")/.."
sample=${1:-../shared/corpora/aif-araucaria-sample}
cargo build --quiet --release --bin argkb
argkb=target/release/argkb
work=$(mktemp -d "${TMPDIR:-/tmp}/argkb-corpus.XXXXXX")
trap 'rm -rf "$work"' EXIT

maps=("$sample"/*.json)
for n in 700 10000; do
    mkdir -p "$work/c$n"
    for ((i = 0; i < n; i++)); do
        cp "${maps[i % ${#maps[@]}]}" "$work/c$n/map$(printf %05d "$i").json"
    done
done

# One timed run: "wall cpu rss_kb".
timed() {
    /usr/bin/time -f "%e %U %S %M" -o "$work/t" "$@" >/dev/null 2>&1 || true
    awk '{ printf "%s %.2f %s\n", $1, $2 + $3, $4 }' "$work/t"
}
median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

declare -A wall cpu rss
for round in 1 2 3; do
    for n in 700 10000; do
        rm -f "$work/c$n.ron"
        read -r w c r < <(timed "$argkb" import aif "$work/c$n" -o "$work/c$n.ron")
        wall[import-$n]+="$w "; cpu[import-$n]+="$c "; rss[import-$n]=$r
        read -r w c r < <(timed "$argkb" --kb "$work/c$n.ron" check)
        wall[check-$n]+="$w "; cpu[check-$n]+="$c "; rss[check-$n]=$r
    done
done
printf '%-14s %10s %10s %10s\n' "run" "wall (s)" "cpu (s)" "rss (MB)"
for what in import check; do
    for n in 700 10000; do
        k=$what-$n
        w=$(tr ' ' '\n' <<<"${wall[$k]}" | grep . | median)
        c=$(tr ' ' '\n' <<<"${cpu[$k]}" | grep . | median)
        printf '%-14s %10s %10s %10d\n' "$k" "$w" "$c" $((rss[$k] / 1024))
    done
done
