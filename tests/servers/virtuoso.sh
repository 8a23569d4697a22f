#!/usr/bin/env bash
# Starts a private Virtuoso Open Source server (Debian's virtuoso-opensource)
# for the push tests: its own database in DIR, SPARQL at
# http://127.0.0.1:HTTP/sparql and the Graph Store at
# http://127.0.0.1:HTTP/sparql-graph-crud, writable without credentials
# (a throwaway server on loopback). Prints the server's pid when it
# answers; stops it with `kill PID`.
#
#   bash tests/servers/virtuoso.sh DIR HTTP_PORT SQL_PORT
set -euo pipefail
dir=$1 http=$2 sql=$3
mkdir -p "$dir"
ini="$dir/virtuoso.ini"
sed -e "s|/var/lib/virtuoso-opensource-7/db|$dir|g" \
    -e "s|^ServerPort *= *1111|ServerPort = $sql|" \
    -e "s|^ServerPort *= *8890|ServerPort = $http|" \
    -e "s|^ResultSetMaxRows.*|ResultSetMaxRows = 1000000|" \
    /etc/virtuoso-opensource-7/virtuoso.ini >"$ini"
cd "$dir"
virtuoso-t +foreground +configfile "$ini" >"$dir/server.out" 2>&1 &
pid=$!
for _ in $(seq 1 120); do
    if isql-vt "$sql" dba dba exec="status();" >/dev/null 2>&1; then
        break
    fi
    if ! kill -0 "$pid" 2>/dev/null; then
        echo "virtuoso exited early:" >&2
        cat "$dir/server.out" "$dir/virtuoso.log" >&2 2>/dev/null || true
        exit 1
    fi
    sleep 0.5
done
isql-vt "$sql" dba dba exec="grant SPARQL_UPDATE to \"SPARQL\"; DB.DBA.RDF_DEFAULT_USER_PERMS_SET ('nobody', 7);" >"$dir/grant.out" 2>&1 || {
    cat "$dir/grant.out" >&2
    kill "$pid"
    exit 1
}
for _ in $(seq 1 60); do
    if curl -sf "http://127.0.0.1:$http/sparql?query=ASK%7B%7D" >/dev/null; then
        echo "$pid"
        exit 0
    fi
    sleep 0.5
done
echo "virtuoso's HTTP server did not answer on port $http" >&2
kill "$pid"
exit 1
