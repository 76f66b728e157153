#!/bin/sh
# bench/live.sh: send -> live client latency (issue 10: "Send -> live
# client p99 <= 5 ms at 2 000 messages/s").
#
#   bench/live.sh [RATE] [SECONDS]      (defaults 2000 and 10)
#   LIVE_CLIENT=node bench/live.sh ...  (the node driver instead of C)
#
# Starts feige on a free loopback port with a fresh data dir (default
# durability, synchronous=FULL), adds one person, and runs a driver:
# bench/livec.c (built here with cc; the default) or bench/live.mjs
# (node). Either opens the person's /inbox/stream (SSE) and
# ntfy JSON stream, sends pushplus POST /send to that person open-loop
# at RATE messages/s, and prints p50/p99/max from the start of each
# send to the event's arrival on each stream, the achieved rate, and
# feige's CPU time (user + system, /proc) over the run per message.
# FEIGE_BIN=path measures another build.  Loopback only; bounded by
# RATE x SECONDS messages.
set -eu
cd "$(dirname "$0")/.."
. bench/lib.sh
rate=${1:-2000}
secs=${2:-10}
bench_bin
bench_tmp
${CC:-cc} -O2 -Wall -Wextra -pthread -o "$tmp/livec" bench/livec.c
port=$(free_port)
data=$tmp/data
mkdir -p "$data"
"$bin" init --data "$data" >/dev/null
uid=$("$bin" user add live --data "$data" --json | sed 's/.*"uid":"\([^"]*\)".*/\1/')
token=$(sqlite3 "$data/feige.db" "SELECT token FROM users WHERE uid = '$uid'")
"$bin" serve --listen "127.0.0.1:$port" --data "$data" >"$tmp/log" 2>&1 &
fpid=$!
wait_healthz "$port"
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg), $(nproc) cores"
cpu() { awk '{ print $14 + $15 }' "/proc/$fpid/stat"; }
c0=$(cpu)
rc=0
if [ "${LIVE_CLIENT:-c}" = node ]; then
	node bench/live.mjs "http://127.0.0.1:$port" "$token" "$uid" \
	    "$rate" "$secs" || rc=$?
else
	"$tmp/livec" "$port" "$token" "$uid" "$rate" "$secs" || rc=$?
fi
awk -v c0="$c0" -v c1="$(cpu)" -v hz="$(getconf CLK_TCK)" \
    -v n="$((rate * secs))" 'BEGIN {
	printf "feige CPU %.2f s: %.0f us per message\n", (c1 - c0) / hz,
	    (c1 - c0) / hz / n * 1e6 }'
echo "load average after the run: $(cut -d' ' -f1-3 /proc/loadavg)"
[ "$rc" = 0 ] || { echo "feige's log (tail):"; tail -20 "$tmp/log"; }
exit $rc
