#!/usr/bin/env bash
# SPARQL benchmark: argkb's embedded store against pyoxigraph (the same
# engine, driven from Python on N-Triples), in one run on the same KBs.
#
#   bash benches/sparql.sh [SIZE...]        (default: 10000 100000)
#   bash benches/sparql.sh 10000 100000 1000000
#
# For each size it writes a KB with examples/synth.rs, then times, with
# /usr/bin/time (wall time and peak RSS; release build):
#
#   argkb export --format ntriples        (KB -> RDF, written out)
#   argkb sparql Q, for three queries     (read RON, validate, build the
#                                           graph, load the store, run Q)
#   pyoxigraph: load the N-Triples, then the same three queries, each timed
#     inside Python (load once; per query only the query)
#
# The queries come from docs/QUERIES.md's recipes, adapted to the synthetic
# KB: attacks from paragraph 8 on; unsupported premises that are not facts;
# actors whose claims attack each other.
set -euo pipefail
cd "$(dirname "$0")/.."
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(10000 100000)

cargo build --quiet --release --bin argkb --example synth
argkb=target/release/argkb
work=$(mktemp -d "${TMPDIR:-/tmp}/argkb-sparql.XXXXXX")
trap 'rm -rf "$work"' EXIT

q_attacks='SELECT (COUNT(*) AS ?n) WHERE { ?a argkb:attacks ?t ; argkb:para ?p . FILTER(?p >= 8) }'
q_unsupported='SELECT (COUNT(DISTINCT ?p) AS ?n) WHERE { ?arg aif:Premise ?p . ?p argkb:kind ?k . FILTER(?k NOT IN ("fact", "event")) FILTER NOT EXISTS { ?x argkb:supports ?p } FILTER NOT EXISTS { ?y aif:Conclusion ?p } }'
q_actors='SELECT (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?a ?b WHERE { ?ca argkb:attacks ?cb . ?a argkb:asserts ?ca . ?b argkb:asserts ?cb . FILTER(?a != ?b) } }'

measure() {
    local name=$1
    shift
    if /usr/bin/time -f '%e %M' -o "$work/time" "$@" >"$work/out" 2>"$work/err"; then
        read -r wall rss <"$work/time"
        printf '%s\t%s\t%s\t%s\n' "$name" "$wall" "$((rss / 1024))" "$(tail -n 1 "$work/out" | tr -d '\r')"
    else
        printf '%s\tfailed\t-\t-\n' "$name"
        tail -n 3 "$work/err" >&2
    fi
}

has_pyoxigraph=0
python3 -c 'import pyoxigraph' 2>/dev/null && has_pyoxigraph=1
cat >"$work/py.py" <<'EOF'
import sys, time
import pyoxigraph as ox
prefixes = """PREFIX argkb: <https://w3id.org/argkb/ns#>
PREFIX aif: <http://www.arg.dundee.ac.uk/aif#>
"""
t = time.perf_counter()
store = ox.Store()
store.bulk_load(path=sys.argv[1], format=ox.RdfFormat.N_TRIPLES)
print(f"load\t{time.perf_counter() - t:.2f}\t{len(store)}")
for name, q in zip(["attacks", "unsupported", "actors"], sys.argv[2:]):
    t = time.perf_counter()
    rows = list(store.query(prefixes + q))
    print(f"{name}\t{time.perf_counter() - t:.2f}\t{rows[0][0].value}")
EOF

printf '%-9s %-36s %9s %9s %12s\n' nodes operation "wall s" "RSS MB" answer
for n in "${sizes[@]}"; do
    kb=$work/kb$n.ron
    target/release/examples/synth "$n" >"$kb"
    rows=()
    rows+=("$(measure 'argkb export ntriples' "$argkb" --kb "$kb" export --format ntriples -o "$work/kb$n.nt")")
    rows+=("$(measure 'argkb sparql attacks >= para 8' "$argkb" --kb "$kb" sparql --format csv "$q_attacks")")
    rows+=("$(measure 'argkb sparql unsupported premises' "$argkb" --kb "$kb" sparql --format csv "$q_unsupported")")
    rows+=("$(measure 'argkb sparql actors in conflict' "$argkb" --kb "$kb" sparql --format csv --timeout 3600 "$q_actors")")
    for r in "${rows[@]}"; do
        IFS=$'\t' read -r name wall rss answer <<<"$r"
        printf '%-9s %-36s %9s %9s %12s\n' "$n" "$name" "$wall" "$rss" "$answer"
    done
    if [ "$has_pyoxigraph" = 1 ]; then
        /usr/bin/time -f '%e %M' -o "$work/time" python3 "$work/py.py" "$work/kb$n.nt" \
            "$q_attacks" "$q_unsupported" "$q_actors" >"$work/py.out"
        read -r wall rss <"$work/time"
        while IFS=$'\t' read -r name secs answer; do
            printf '%-9s %-36s %9s %9s %12s\n' "$n" "pyoxigraph $name" "$secs" "" "$answer"
        done <"$work/py.out"
        printf '%-9s %-36s %9s %9s\n' "$n" "pyoxigraph (whole run)" "$wall" "$((rss / 1024))"
    else
        printf '%-9s %-36s %9s\n' "$n" "pyoxigraph" "missing"
    fi
done
echo "argkb sparql rows are whole runs (read, validate, load, query); pyoxigraph rows time the load and each query alone."
