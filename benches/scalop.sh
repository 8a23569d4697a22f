#!/usr/bin/env bash
# Dung solver benchmark: `argkb af` against scalop (Lonca, Lagniez et al.,
# an ICCMA solver written in Rust; its ICCMA 2023 interface), on the same
# generated frameworks, in one run.
#
#   bash benches/scalop.sh [SIZE...]        (default: 1000 10000)
#   ROUNDS=5 LIMIT=60 bash benches/scalop.sh 1000
#
# scalop is installed by the script if it is not on PATH or in
# $SCALOP_ROOT (default target/scalop): `cargo install scalop --features
# iccma`, version 2.1.0. Frameworks come from examples/afgen.rs (random:
# two attacks per argument; grid: neighbours attack each other, each way
# with probability 1/2; scale-free: preferential attachment; scc: layers of
# cyclic components of 5-40 arguments; stable: groups of 2-4 mutual
# attackers, many stable extensions), in the ICCMA 2023 format; SHAPES
# picks some (default: all five). For each framework and task both solvers run once per round
# (argkb, then scalop), ROUNDS rounds (default 3), under a time limit of
# LIMIT seconds (default 60); the medians of wall and CPU (user + sys) time
# are printed with scalop's time over argkb's (above 1: argkb is faster).
# The answers are compared where they must agree: the grounded extension,
# the YES/NO of a DC/DS query, whether a stable extension exists.
set -euo pipefail
cd "$(dirname "$0")/.."
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(1000 10000)
rounds=${ROUNDS:-3}
limit=${LIMIT:-60}
tasks=(SE-GR SE-PR DS-PR DC-CO SE-ST)

cargo build --quiet --release --bin argkb --example afgen
argkb=target/release/argkb
root=${SCALOP_ROOT:-target/scalop}
scalop=$(command -v scalop_iccma23 || true)
if [ -z "$scalop" ]; then
    scalop=$root/bin/scalop_iccma23
    [ -x "$scalop" ] || cargo install --quiet --locked scalop@2.1.0 --features iccma --root "$root"
fi
work=$(mktemp -d "${TMPDIR:-/tmp}/argkb-scalop.XXXXXX")
trap 'rm -rf "$work"' EXIT

# run OUT CMD...: prints "wall cpu" (or "timeout"/"failed"); output in OUT.
run() {
    local out=$1
    shift
    if /usr/bin/time -f '%e %U %S' -o "$work/time" timeout "$limit" "$@" >"$out" 2>"$work/err"; then
        awk '{ printf "%s %.2f\n", $1, $2 + $3 }' "$work/time"
    elif grep -q "status 124" "$work/time" 2>/dev/null; then
        echo "timeout timeout"
    else
        echo "failed failed"
    fi
}
median() { tr ' ' '\n' | { grep . || true; } | sort -n | awk '{ v[NR] = $1 } END { if (NR) print v[int((NR + 1) / 2)]; else print "-" }'; }
# The answer's first line's words, sorted, for comparisons.
norm() { head -n 1 "$1" | tr -s ' ' '\n' | sed '/^$/d' | sort | tr '\n' ' '; }

printf '%-10s %-7s %-6s %9s %9s %9s %9s %8s %8s %s\n' shape args task \
    "argkb s" "cpu" "scalop s" "cpu" "wall x" "cpu x" agree
for n in "${sizes[@]}"; do
    for shape in ${SHAPES:-random grid scale-free scc stable}; do
        af=$work/$shape$n.af
        target/release/examples/afgen "$n" "$shape" >"$af"
        for task in "${tasks[@]}"; do
            query=()
            case $task in DC-* | DS-*) query=(-a 1) ;; esac
            aw="" ac="" sw="" sc=""
            for ((round = 1; round <= rounds; round++)); do
                read -r w c < <(run "$work/mine" "$argkb" af -p "$task" -f "$af" "${query[@]}")
                aw+="$w " ac+="$c "
                read -r w c < <(run "$work/theirs" "$scalop" -p "$task" -f "$af" "${query[@]}")
                sw+="$w " sc+="$c "
            done
            a=$(median <<<"$aw") acpu=$(median <<<"$ac")
            s=$(median <<<"$sw") scpu=$(median <<<"$sc")
            mine=$(norm "$work/mine" || true)
            theirs=$(norm "$work/theirs" || true)
            agree=""
            if [[ $a =~ ^[0-9.]+$ && $s =~ ^[0-9.]+$ ]]; then
                case $task in
                SE-GR) [ "$mine" = "$theirs" ] && agree=yes || agree=NO ;;
                DC-* | DS-*) [ "${mine%% *}" = "${theirs%% *}" ] && agree=yes || agree=NO ;;
                SE-ST)
                    [ "${mine%% *}" = NO ] && m=none || m=some
                    [ "${theirs%% *}" = NO ] && t=none || t=some
                    [ "$m" = "$t" ] && agree=yes || agree=NO
                    ;;
                esac
            fi
            ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (a ~ /^[0-9.]+$/ && b ~ /^[0-9.]+$/) printf "%.2fx", b / (a > 0.005 ? a : 0.005) }'; }
            printf '%-10s %-7s %-6s %9s %9s %9s %9s %8s %8s %s\n' "$shape" "$n" "$task" \
                "$a" "$acpu" "$s" "$scpu" "$(ratio "$a" "$s")" "$(ratio "$acpu" "$scpu")" "$agree"
        done
    done
done
echo "Medians of $rounds rounds; x: scalop's time over argkb's (above 1: argkb is faster); agree: same grounded extension, same DC/DS answer, both or neither finding a stable extension."
