#!/usr/bin/env bash
# Scale benchmark: argkb against its peers on generated KBs, in one run.
#
#   bash benches/scale.sh [SIZE...]        (default: 10000 100000)
#   bash benches/scale.sh 10000 100000 1000000
#
# For each size it writes a KB shaped like the essay (examples/synth.rs:
# ~2% actors, claims with ~80-character texts, quotes, paragraphs and tags,
# arguments with 2-3 linked premises, supports, attacks, undercuts and
# stances), then times, with /usr/bin/time (wall time and peak RSS):
#
#   argkb check / export json / export dot / a few queries (release build);
#   networkx: read the node-link JSON argkb exports, write DOT;
#   the Argdown CLI: `argdown map --format dot` on the KB's Argdown export
#     (same statements, arguments and relations), when it is installed
#     (target/argdown, $ARGKB_ARGDOWN or PATH; skipped above 100,000 nodes,
#     where it needs more than 10 minutes).
#
# With ARGKB_BASE=/path/to/an/older/argkb, that build's check and exports
# are timed too, in the same run ("before" rows).
#
# Prints one table; ratios are peer time / argkb time (above 1: argkb is
# faster). Results go to docs/BENCHMARKS.md by hand, with the machine.
set -euo pipefail
cd "$(dirname "$0")/.."
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(10000 100000)

cargo build --quiet --release --bin argkb --example synth
argkb=target/release/argkb
work=$(mktemp -d "${TMPDIR:-/tmp}/argkb-scale.XXXXXX")
trap 'rm -rf "$work"' EXIT

argdown=${ARGKB_ARGDOWN:-}
if [ -z "$argdown" ]; then
    if [ -x target/argdown/node_modules/.bin/argdown ]; then
        argdown=target/argdown/node_modules/.bin/argdown
    elif command -v argdown >/dev/null 2>&1; then
        argdown=argdown
    fi
fi
has_networkx=0
python3 -c 'import networkx' 2>/dev/null && has_networkx=1

# measure NAME CMD...: runs CMD once, prints "NAME<tab>wall_s<tab>rss_mb".
measure() {
    local name=$1
    shift
    if /usr/bin/time -f '%e %M' -o "$work/time" "$@" >/dev/null 2>"$work/err"; then
        read -r wall rss <"$work/time"
        printf '%s\t%s\t%s\n' "$name" "$wall" "$((rss / 1024))"
    else
        printf '%s\tfailed\t-\n' "$name"
        tail -n 3 "$work/err" >&2
    fi
}

# networkx's side: the node-link JSON in, DOT out (a plain writer: node
# and edge lines with quoted ids and labels, as argkb's DOT has).
cat >"$work/nx.py" <<'EOF'
import json, sys
import networkx as nx
g = nx.node_link_graph(json.load(open(sys.argv[1])), edges="links")
q = lambda s: '"' + str(s).replace("\\", "\\\\").replace('"', '\\"') + '"'
with open(sys.argv[2], "w") as out:
    out.write("digraph argkb {\n")
    for n, d in g.nodes(data=True):
        out.write(f"  {q(n)} [label={q(d.get('text') or d.get('name') or n)}];\n")
    for a, b, d in g.edges(data=True):
        out.write(f"  {q(a)} -> {q(b)} [label={q(d.get('kind'))}];\n")
    out.write("}\n")
EOF

printf '%-9s %-34s %9s %9s %9s\n' nodes operation "wall s" "RSS MB" "vs argkb"
for n in "${sizes[@]}"; do
    kb=$work/kb$n.ron
    target/release/examples/synth "$n" >"$kb"
    "$argkb" --kb "$kb" export --format json -o "$work/kb$n.json" 2>/dev/null
    results=()
    results+=("$(measure 'argkb check' "$argkb" --kb "$kb" check)")
    results+=("$(measure 'argkb export json' "$argkb" --kb "$kb" export --format json -o "$work/o.json")")
    results+=("$(measure 'argkb export dot' "$argkb" --kb "$kb" export --format dot -o "$work/o.dot")")
    results+=("$(measure 'argkb why c1 --depth 3' "$argkb" --kb "$kb" why c1 --depth 3)")
    results+=("$(measure 'argkb neighbors --depth 3' "$argkb" --kb "$kb" neighbors c5 --depth 3)")
    results+=("$(measure 'argkb path c100 c0' "$argkb" --kb "$kb" path c100 c0)")
    results+=("$(measure 'argkb challenges c0' "$argkb" --kb "$kb" challenges c0)")
    results+=("$(measure 'argkb rank (support-reach)' "$argkb" --kb "$kb" rank)")
    results+=("$(measure 'argkb rank --by betweenness' "$argkb" --kb "$kb" rank --by betweenness)")
    if [ -n "${ARGKB_BASE:-}" ]; then
        results+=("$(measure 'before: argkb check' "$ARGKB_BASE" --kb "$kb" check)")
        results+=("$(measure 'before: argkb export json' "$ARGKB_BASE" --kb "$kb" export --format json -o "$work/o.json")")
        results+=("$(measure 'before: argkb export dot' "$ARGKB_BASE" --kb "$kb" export --format dot -o "$work/o.dot")")
    fi
    dot_time=$(printf '%s\n' "${results[2]}" | cut -f2)
    if [ "$has_networkx" = 1 ]; then
        results+=("$(measure 'networkx json->dot' python3 "$work/nx.py" "$work/kb$n.json" "$work/nx.dot")")
    else
        results+=($'networkx json->dot\tmissing\t-')
    fi
    if [ -n "$argdown" ] && [ "$n" -le 100000 ]; then
        "$argkb" --kb "$kb" export --format argdown -o "$work/kb$n.argdown" 2>/dev/null
        # Argdown's parser recurses per statement: raise node's stack.
        results+=("$(measure 'argdown map --format dot' node --stack-size=65500 "$(readlink -f "$argdown")" map "$work/kb$n.argdown" "$work/ad" --format dot)")
    else
        results+=($'argdown map --format dot\tskipped\t-')
    fi
    for r in "${results[@]}"; do
        IFS=$'\t' read -r name wall rss <<<"$r"
        ratio=""
        case $name in
        networkx* | argdown*)
            if [[ $wall =~ ^[0-9.]+$ ]]; then
                ratio=$(awk -v a="$wall" -v b="$dot_time" 'BEGIN { if (b > 0) printf "%.1fx", a / b }')
            fi
            ;;
        esac
        printf '%-9s %-34s %9s %9s %9s\n' "$n" "$name" "$wall" "$rss" "$ratio"
    done
done
echo "vs argkb: the peer's time over argkb's 'export dot' time on the same KB (above 1: argkb is faster)."
