#!/bin/sh
# bench/live-pg.sh: send -> live client latency across two feige nodes
# on one PostgreSQL (docs/scale.md, issue 13): what LISTEN/NOTIFY adds.
#
#   bench/live-pg.sh [RATE] [SECONDS]      (defaults 500 and 5)
#
# Starts a private PostgreSQL (tests/pg/start.sh, fsync on), two nodes
# A and B on it, and runs bench/live.mjs twice at RATE messages/s:
# sends to A with the person's SSE and ntfy streams on A (one node, the
# baseline), then the same with the streams on B (the event crosses the
# database: commit on A, NOTIFY, B's listener reads the row by id, B's
# hub).  The difference of the two is the added latency.
set -eu
cd "$(dirname "$0")/.."
rate=${1:-500}
secs=${2:-5}
bin=${FEIGE_BIN:-./feige}
[ -n "${FEIGE_BIN:-}" ] || make -s -j2
tmp=$(mktemp -d)
chmod 755 "$tmp"
eval "$(FEIGE_PG_FSYNC=on tests/pg/start.sh)"
cleanup() {
	[ -n "${apid:-}" ] && kill "$apid" 2>/dev/null || true
	[ -n "${bpid:-}" ] && kill "$bpid" 2>/dev/null || true
	wait 2>/dev/null || true
	tests/pg/stop.sh "$FEIGE_PG_DIR"
	rm -rf "$tmp"
}
trap cleanup EXIT INT TERM
psql "$FEIGE_TEST_PG" -qXc 'CREATE DATABASE bench' >/dev/null
FEIGE_STORE_URL=$(echo "$FEIGE_TEST_PG" | sed 's|/postgres?|/bench?|')
export FEIGE_STORE_URL
port() {
	python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'
}
serve() { # name port
	"$bin" serve --listen "127.0.0.1:$2" --data "$tmp/$1" \
	    >"$tmp/$1.out" 2>"$tmp/$1.err" &
	until curl -sf "http://127.0.0.1:$2/healthz" >/dev/null 2>&1; do
		sleep 0.1
	done
}
pa=$(port)
serve a "$pa"
apid=$!
pb=$(port)
serve b "$pb"
bpid=$!
token=$(sed -n 's/^ *token: *//p' "$tmp/a.out")
uid=$(sed -n 's/^ *uid: *//p' "$tmp/a.out")
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg), $(nproc) cores"
echo "== one node: send to A, streams on A"
node bench/live.mjs "http://127.0.0.1:$pa" "$token" "$uid" "$rate" "$secs"
echo "== two nodes: send to A, streams on B"
LIVE_STREAM_BASE="http://127.0.0.1:$pb" \
    node bench/live.mjs "http://127.0.0.1:$pa" "$token" "$uid" "$rate" "$secs"
