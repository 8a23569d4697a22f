#!/usr/bin/env bash
# Scale benchmark: argkb against its peers on generated KBs, in one run.
#
#   bash benches/scale.sh [SIZE...]        (default: 10000 100000)
#   bash benches/scale.sh 10000 100000 1000000
#
# For each size it writes a KB shaped like the essay (examples/synth.rs:
# ~2% actors, claims with ~80-character texts, quotes, paragraphs and tags,
# arguments with 2-3 linked premises, supports, attacks, undercuts and
# stances), then times, with /usr/bin/time (wall time, CPU time = user +
# sys, peak RSS), every command once per round for ROUNDS rounds (default
# 3), peers and argkb alternating, and prints the medians. With python3,
# times are read to the millisecond (wait4's rusage) instead of the 10 ms
# steps of /usr/bin/time, which an argkb run at 10k nodes is close to:
#
#   argkb check / export json / export dot / a few queries (release build);
#   networkx: read the node-link JSON argkb exports, write DOT; and, each
#     in its own process (reading the JSON included, as argkb reads its
#     RON), the queries argkb answers: load alone, `why` (reasons to depth
#     3: support, premise and conclusion edges backwards), `challenges`
#     (attacks and undercuts on the claim or anything leading to it),
#     `path` (shortest path) and `neighbors` (depth 3, outgoing);
#   the Argdown CLI: `argdown map --format dot` on the KB's Argdown export
#     (same statements, arguments and relations), when it is installed
#     (target/argdown, $ARGKB_ARGDOWN or PATH; skipped above 100,000 nodes,
#     where it needs more than 10 minutes).
#
# With ARGKB_BASE=/path/to/an/older/argkb, that build's check and exports
# are timed too, in the same run ("before" rows).
#
# Prints one table; ratios are peer time / argkb time on the same job,
# wall and CPU (above 1: argkb is faster). Results go to docs/BENCHMARKS.md by hand, with the machine.
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

# The timer: wall time around the child, its user and system time and
# peak RSS from wait4, in the format of `/usr/bin/time -f '%e %U %S %M'`.
cat >"$work/timer.py" <<'EOF'
import os, subprocess, sys, time
with open(os.devnull, "w") as out, open(sys.argv[2], "w") as err:
    start = time.perf_counter()
    child = subprocess.Popen(sys.argv[3:], stdout=out, stderr=err)
    _, status, usage = os.wait4(child.pid, 0)
    wall = time.perf_counter() - start
with open(sys.argv[1], "w") as f:
    f.write(f"{wall:.4f} {usage.ru_utime:.4f} {usage.ru_stime:.4f} {usage.ru_maxrss}\n")
sys.exit(os.waitstatus_to_exitcode(status))
EOF
timed() {
    if command -v python3 >/dev/null 2>&1; then
        python3 "$work/timer.py" "$work/time" "$work/err" "$@"
    else
        /usr/bin/time -f '%e %U %S %M' -o "$work/time" "$@" >/dev/null 2>"$work/err"
    fi
}

# run NAME CMD...: runs CMD once, adding its wall and CPU (user + sys)
# time to NAME's samples and keeping its peak RSS.
declare -A wall cpu rss
names=()
run() {
    local name=$1
    shift
    [[ -v "wall[$name]" ]] || names+=("$name")
    if timed "$@"; then
        read -r w u s r <"$work/time"
        wall[$name]+="$w "
        cpu[$name]+="$(awk -v u="$u" -v s="$s" 'BEGIN { printf "%.3f", u + s }') "
        rss[$name]=$((r / 1024))
    else
        wall[$name]+="failed "
        tail -n 3 "$work/err" >&2
    fi
}
median() { tr ' ' '\n' | { grep . || true; } | sort -n | awk '{ v[NR] = $1 } END { if (NR) print v[int((NR + 1) / 2)]; else print "-" }'; }

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

# networkx's side of the queries: one script, the query named on the
# command line, the answer printed (as argkb prints its own).
cat >"$work/nxq.py" <<'EOF'
import json, sys
import networkx as nx
g = nx.node_link_graph(json.load(open(sys.argv[1])), edges="links")
query = sys.argv[2]
reason = {"supports", "premise", "conclusion"}
attack = {"attacks", "undercuts"}
def back(start, kinds, depth=None):
    seen, frontier, d = {start}, [start], 0
    while frontier and (depth is None or d < depth):
        nxt = []
        for n in frontier:
            for p, _, k in g.in_edges(n, data="kind"):
                if k in kinds and p not in seen:
                    seen.add(p)
                    nxt.append(p)
        frontier, d = nxt, d + 1
    return seen
if query == "load":
    print(g.number_of_nodes(), g.number_of_edges())
elif query == "why":
    for n in sorted(back(sys.argv[3], reason, 3)):
        print(n)
elif query == "challenges":
    for n in sorted(back(sys.argv[3], reason)):
        for a, _, k in g.in_edges(n, data="kind"):
            if k in attack:
                print(a, k, n)
elif query == "path":
    print(" -> ".join(nx.shortest_path(g, sys.argv[3], sys.argv[4])))
elif query == "neighbors":
    for n in sorted(nx.ego_graph(g, sys.argv[3], radius=3).nodes):
        print(n)
EOF

rounds=${ROUNDS:-3}
printf '%-9s %-34s %8s %8s %8s %10s %10s\n' nodes operation "wall s" "cpu s" "RSS MB" "vs (wall)" "vs (cpu)"
for n in "${sizes[@]}"; do
    kb=$work/kb$n.ron
    target/release/examples/synth "$n" >"$kb"
    "$argkb" --kb "$kb" export --format json -o "$work/kb$n.json" 2>/dev/null
    with_argdown=0
    if [ -n "$argdown" ] && [ "$n" -le 100000 ]; then
        "$argkb" --kb "$kb" export --format argdown -o "$work/kb$n.argdown" 2>/dev/null
        with_argdown=1
    fi
    unset wall cpu rss
    declare -A wall cpu rss
    names=()
    # Every command once per round, the peers between argkb's runs, so
    # that a slow spell of the shared machine falls on all of them.
    for ((round = 1; round <= rounds; round++)); do
        run 'argkb check' "$argkb" --kb "$kb" check
        # The load row first, away from the Argdown CLI's 1.4 GB.
        run 'argkb show c100 (load)' "$argkb" --kb "$kb" show c100
        run 'argkb export json' "$argkb" --kb "$kb" export --format json -o "$work/o.json"
        run 'argkb export dot' "$argkb" --kb "$kb" export --format dot -o "$work/o.dot"
        if [ "$has_networkx" = 1 ]; then
            run 'networkx json->dot' python3 "$work/nx.py" "$work/kb$n.json" "$work/nx.dot"
        fi
        if [ "$with_argdown" = 1 ]; then
            # Argdown's parser recurses per statement: raise node's stack.
            run 'argdown map --format dot' node --stack-size=65500 "$(readlink -f "$argdown")" map "$work/kb$n.argdown" "$work/ad" --format dot
        fi
        run 'argkb why c0' "$argkb" --kb "$kb" why c0
        run 'argkb why c1 --depth 3' "$argkb" --kb "$kb" why c1 --depth 3
        run 'argkb neighbors --depth 3' "$argkb" --kb "$kb" neighbors c5 --depth 3
        run 'argkb path c100 c0' "$argkb" --kb "$kb" path c100 c0
        run 'argkb challenges c0' "$argkb" --kb "$kb" challenges c0
        if [ "$has_networkx" = 1 ]; then
            run 'networkx load' python3 "$work/nxq.py" "$work/kb$n.json" load
            run 'networkx why c1 --depth 3' python3 "$work/nxq.py" "$work/kb$n.json" why c1
            run 'networkx neighbors --depth 3' python3 "$work/nxq.py" "$work/kb$n.json" neighbors c5
            run 'networkx path c100 c0' python3 "$work/nxq.py" "$work/kb$n.json" path c100 c0
            run 'networkx challenges c0' python3 "$work/nxq.py" "$work/kb$n.json" challenges c0
        fi
        run 'argkb rank (support-reach)' "$argkb" --kb "$kb" rank
        if [ -n "${ARGKB_BASE:-}" ]; then
            run 'before: argkb check' "$ARGKB_BASE" --kb "$kb" check
            run 'before: argkb export json' "$ARGKB_BASE" --kb "$kb" export --format json -o "$work/o.json"
            run 'before: argkb export dot' "$ARGKB_BASE" --kb "$kb" export --format dot -o "$work/o.dot"
        fi
    done
    [ "$has_networkx" = 1 ] || { names+=('networkx json->dot'); wall['networkx json->dot']="missing"; }
    [ "$with_argdown" = 1 ] || { names+=('argdown map --format dot'); wall['argdown map --format dot']="skipped"; }
    for name in "${names[@]}"; do
        w=$(median <<<"${wall[$name]}")
        c=$(median <<<"${cpu[$name]:-}")
        vw="" vc=""
        # A peer's row is compared with argkb's row doing the same job:
        # DOT output with `export dot`, loading with `show c100` (a node
        # with few links), a networkx query with the same argkb query.
        case $name in
        'networkx json->dot' | argdown*) mine='argkb export dot' ;;
        'networkx load') mine='argkb show c100 (load)' ;;
        networkx\ *) mine="argkb ${name#networkx }" ;;
        *) mine='' ;;
        esac
        if [ -n "$mine" ] && [[ $w =~ ^[0-9.]+$ ]] && [[ -v "wall[$mine]" ]]; then
            mw=$(median <<<"${wall[$mine]}")
            mc=$(median <<<"${cpu[$mine]}")
            vw=$(awk -v a="$w" -v b="$mw" 'BEGIN { if (b > 0) printf "%.1fx", a / b }')
            vc=$(awk -v a="$c" -v b="$mc" 'BEGIN { if (b > 0) printf "%.1fx", a / b }')
        fi
        printf '%-9s %-34s %8s %8s %8s %10s %10s\n' "$n" "$name" "$w" "$c" "${rss[$name]:--}" "$vw" "$vc"
    done
done
echo "Medians of $rounds rounds. vs: the peer's time over argkb's on the same job and KB (DOT: 'export dot'; loading: 'show c100'; a query: the same query); above 1, argkb is faster."
