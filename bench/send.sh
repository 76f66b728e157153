#!/bin/sh
# bench/send.sh: durable POST /send throughput and latency, against nginx
# returning a fixed 200 on the same machine with the same wrk settings,
# measured in the same run.
#
#   bench/send.sh [SECONDS] [CONNECTIONS]      (defaults 10 and 64)
#
# FEIGE_BIN=path measures another build of feige (say, the previous
# commit's) instead of building ./feige, for before/after comparisons on
# the same machine in the same session.
#
# Prints one line per target and the ratio; see docs/performance.md.
set -eu
cd "$(dirname "$0")/.."
. bench/lib.sh
secs=${1:-10}
conns=${2:-64}
scripts/install-deps.sh --bench
bench_bin
bench_tmp

# nginx: one worker, a fixed JSON 200 for any POST
nport=$(free_port)
nginx_fixed "$nport"

# feige: fresh data dir, default durability (synchronous=FULL)
fport=$(free_port)
"$bin" serve --listen "127.0.0.1:$fport" --data "$tmp/var" \
    > "$tmp/feige.out" 2> "$tmp/feige.err" &
fpid=$!
# the first-run token is printed just after the port opens
wait_line "$tmp/feige.out" '^  token: ' 100 "$tmp/feige.err"
token=$(sed -n 's/^  token: //p' "$tmp/feige.out")
export FEIGE_TOKEN="$token"

run() {
	# warm-up, then the measured run
	wrk -t1 -c"$conns" -d2s -s bench/send.lua "$1" >/dev/null 2>&1
	wrk -t1 -c"$conns" -d"${secs}s" --latency -s bench/send.lua "$1" |
	    sed -n 's/^RESULT //p'
}
n=$(run "http://127.0.0.1:$nport/send")
f=$(run "http://127.0.0.1:$fport/send")
kill "$fpid"; wait "$fpid" 2>/dev/null || true; fpid=
stored=$("$bin" message list --json --data "$tmp/var" | python3 -c \
    'import json,sys; print(len(json.load(sys.stdin)["messages"]))')
get() { echo "$1" | tr ' ' '\n' | sed -n "s/^$2=//p"; }
echo "machine: $(nproc) cores, $(uname -r); wrk -t1 -c$conns -d${secs}s"
echo "nginx fixed 200:  $n"
echo "feige POST /send: $f"
awk -v a="$(get "$f" rps)" -v b="$(get "$n" rps)" \
    'BEGIN { printf "ratio feige/nginx: %.1f%%\n", 100 * a / b }'
grep 'writer stopped' "$tmp/feige.err" | sed 's/.*msg="writer stopped" /writer: /'
echo "messages listed after the run (capped at 1000 by the CLI): $stored"
