#!/usr/bin/env bash
# Argumentation-framework benchmark: `argkb af` against pygarg (Mailly's
# SAT-based Python solver of the same ICCMA tasks, from PyPI), in one run,
# on the same generated frameworks.
#
#   bash benches/af.sh [SIZE...]          (default: 1000 10000 100000 1000000)
#
# Frameworks come from examples/afgen.rs (argkb::model::synth::framework): random
# (two attacks per argument), grid (neighbours attack each other, each way
# with probability 1/2) and scale-free (preferential attachment), in the
# ICCMA 2023 format. Each task runs once through the binary (release
# build), with /usr/bin/time (wall time, reading the file included) and a
# time limit of $LIMIT seconds (default 120). pygarg runs the same tasks
# up to $PEER_MAX arguments (default 100000); its answer to SE-GR and the
# existence of a stable extension are compared with argkb's.
set -euo pipefail
cd "$(dirname "$0")/.."
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(1000 10000 100000 1000000)
limit=${LIMIT:-120}
peer_max=${PEER_MAX:-100000}
tasks=(SE-GR SE-PR SE-ST SE-SST DC-PR DS-PR)

cargo build --quiet --release --bin argkb --example afgen
argkb=target/release/argkb
work=$(mktemp -d "${TMPDIR:-/tmp}/argkb-af.XXXXXX")
trap 'rm -rf "$work"' EXIT
has_peer=0
python3 -c 'import pygarg, pysat' 2>/dev/null && has_peer=1

# run NAME CMD...: prints "wall" (or "timeout"/"failed"); output in $work/out.
run() {
    if /usr/bin/time -f '%e' -o "$work/time" timeout "$limit" "$@" >"$work/out" 2>"$work/err"; then
        cat "$work/time"
    elif [ "$(tail -n 1 "$work/time" 2>/dev/null)" != "" ] && grep -q "status 124" "$work/time"; then
        echo "timeout"
    else
        echo "failed"
    fi
}
# The answer's first line's words, sorted (YES/NO first), for comparisons.
norm() { head -n 1 "$work/out" | tr -s ' ' '\n' | sed '/^$/d' | sort | tr '\n' ' '; }

printf '%-10s %-8s %-6s %10s %10s %8s %s\n' shape args task "argkb s" "pygarg s" ratio agree
for n in "${sizes[@]}"; do
    for shape in random grid scale-free; do
        af=$work/$shape$n.af
        target/release/examples/afgen "$n" "$shape" >"$af"
        for task in "${tasks[@]}"; do
            query=()
            case $task in DC-* | DS-*) query=(-a 1) ;; esac
            a=$(run "$argkb" af -p "$task" -f "$af" "${query[@]}")
            p="-"
            agree=""
            if [ "$has_peer" = 1 ] && [ "$n" -le "$peer_max" ]; then
                mine=$(norm || true)
                p=$(run python3 -m pygarg -p "$task" -f "$af" -fo dimacs "${query[@]}")
                theirs=$(norm || true)
                case $task in
                SE-GR)
                    if [[ $a =~ ^[0-9.]+$ && $p =~ ^[0-9.]+$ ]]; then
                        [ "$mine" = "$theirs" ] && agree=yes || agree=NO
                    fi
                    ;;
                DC-* | DS-*)
                    # The answer only: witnesses may differ and both be right.
                    if [[ $a =~ ^[0-9.]+$ && $p =~ ^[0-9.]+$ ]]; then
                        [ "${mine%% *}" = "${theirs%% *}" ] && agree=yes || agree=NO
                    fi
                    ;;
                SE-ST)
                    if [[ $a =~ ^[0-9.]+$ && $p =~ ^[0-9.]+$ ]]; then
                        [ "${mine%% *}" = NO ] && m=none || m=some
                        [ "${theirs%% *}" = NO ] && t=none || t=some
                        [ "$m" = "$t" ] && agree=yes || agree=NO
                    fi
                    ;;
                esac
            fi
            ratio=""
            if [[ $a =~ ^[0-9.]+$ && $p =~ ^[0-9.]+$ ]]; then
                ratio=$(awk -v a="$a" -v b="$p" 'BEGIN { printf "%.1fx", b / (a > 0.005 ? a : 0.005) }')
            fi
            printf '%-10s %-8s %-6s %10s %10s %8s %s\n' "$shape" "$n" "$task" "$a" "$p" "$ratio" "$agree"
        done
    done
done
echo "ratio: pygarg's time over argkb's (above 1: argkb is faster); agree: same grounded extension, same DC/DS answer, both or neither finding a stable extension."
