#!/bin/sh
# bench/send.sh: durable POST /send throughput and latency, against nginx
# returning a fixed 200 on the same machine with the same wrk settings,
# measured in the same run.
#
#   bench/send.sh [SECONDS] [CONNECTIONS] [pg]   (defaults 10 and 64)
#
# With "pg" the same run goes on with the store in PostgreSQL (a private
# cluster, tests/pg/start.sh, fsync on): one node, one node with
# pushplus.rate_limit on (each send counted in the database, by the
# writer, in the transaction that stores it), then two
# and three nodes behind a second nginx (one worker, proxy_pass with
# keep-alive upstreams), all against the same nginx baseline.
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
pg=${3:-}
scripts/install-deps.sh --bench
bench_bin
bench_tmp
send_cleanup() {
	[ -f "$tmp/lb.pid" ] && kill "$(cat "$tmp/lb.pid")" 2>/dev/null || true
	for p in ${pgpids:-}; do kill "$p" 2>/dev/null || true; done
	[ -n "${FEIGE_PG_DIR:-}" ] && tests/pg/stop.sh "$FEIGE_PG_DIR"
	bench_cleanup
}
trap send_cleanup EXIT INT TERM

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

[ "$pg" = pg ] || exit 0

# PostgreSQL: nodes on one database, nginx in front of two and three
chmod 755 "$tmp"
eval "$(FEIGE_PG_FSYNC=on tests/pg/start.sh)"
psql "$FEIGE_TEST_PG" -qXc 'CREATE DATABASE bench' >/dev/null
FEIGE_STORE_URL=$(echo "$FEIGE_TEST_PG" | sed 's|/postgres?|/bench?|')
export FEIGE_STORE_URL
pgpids=
node_start() { # name config-lines -> port (first node: its token)
	printf '%s\n' "$2" > "$tmp/$1.conf"
	p=$(free_port)
	"$bin" serve --listen "127.0.0.1:$p" --data "$tmp/$1" \
	    --config "$tmp/$1.conf" > "$tmp/$1.out" 2> "$tmp/$1.err" &
	pgpids="$pgpids $!"
	until curl -sf "http://127.0.0.1:$p/healthz" >/dev/null 2>&1; do
		sleep 0.1
	done
	echo "$p"
}
nodes_stop() {
	for p in $pgpids; do kill "$p" 2>/dev/null || true; done
	for p in $pgpids; do wait "$p" 2>/dev/null || true; done
	pgpids=
}
balancer() { # ports...
	[ -f "$tmp/lb.pid" ] && kill "$(cat "$tmp/lb.pid")" && sleep 0.5
	lport=$(free_port)
	mkdir -p "$tmp/lb"
	{
		echo "worker_processes 1; pid $tmp/lb.pid;"
		echo "error_log $tmp/lb/error.log; events { worker_connections 4096; }"
		echo "http { access_log off; client_body_temp_path $tmp/lb;"
		echo "proxy_temp_path $tmp/lb; fastcgi_temp_path $tmp/lb;"
		echo "uwsgi_temp_path $tmp/lb; scgi_temp_path $tmp/lb;"
		echo "upstream feige { keepalive 128;"
		for p in "$@"; do echo "server 127.0.0.1:$p;"; done
		echo "} server { listen 127.0.0.1:$lport; location / {"
		echo "proxy_pass http://feige; proxy_http_version 1.1;"
		echo "proxy_set_header Connection \"\"; } } }"
	} > "$tmp/lb.conf"
	nginx -c "$tmp/lb.conf"
	echo "$lport"
}
p1=$(node_start pg1 "")
FEIGE_TOKEN=$(sed -n 's/^  token: //p' "$tmp/pg1.out")
export FEIGE_TOKEN
r1=$(run "http://127.0.0.1:$p1/send")
nodes_stop
p1=$(node_start pg1 "pushplus.rate_limit = 100000000")
rl=$(run "http://127.0.0.1:$p1/send")
p2=$(node_start pg2 "")
r2=$(run "http://127.0.0.1:$(balancer "$p1" "$p2")/send")
p3=$(node_start pg3 "")
r3=$(run "http://127.0.0.1:$(balancer "$p1" "$p2" "$p3")/send")
nodes_stop
echo "PostgreSQL $(postgres -V 2>/dev/null || ls /usr/lib/postgresql), fsync on:"
echo "pg 1 node:               $r1"
echo "pg 1 node, rate limit:   $rl"
echo "pg 2 nodes behind nginx: $r2"
echo "pg 3 nodes behind nginx: $r3"
for r in "$r1" "$rl" "$r2" "$r3"; do
	awk -v a="$(get "$r" rps)" -v b="$(get "$n" rps)" -v s="$(get "$f" rps)" \
	    'BEGIN { printf "  %.1f%% of nginx, %.1f%% of SQLite\n", 100 * a / b, 100 * a / s }'
done
