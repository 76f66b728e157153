#!/bin/sh
# bench/send-pg-ab.sh: two builds of feige on one PostgreSQL node, taken
# in turns against the same private cluster (tests/pg/start.sh, fsync
# on), each with pushplus.rate_limit off and on: durable sends/s and the
# CPU each send costs, in feige and in the PostgreSQL server processes.
#
#   bench/send-pg-ab.sh OLD_BIN NEW_BIN [ROUNDS] [SECONDS]  (2 and 6)
#
# On a machine others share, sends/s moves with their load; the CPU per
# send (the processes' user + system time over the sends answered
# "code":200) moves much less, so it says what a change saves.  Same
# wrk command and script as bench/send.sh (64 connections, one token).
set -eu
cd "$(dirname "$0")/.."
. bench/lib.sh
[ $# -ge 2 ] || { echo "usage: $0 OLD_BIN NEW_BIN [ROUNDS] [SECONDS]" >&2; exit 2; }
old=$1 new=$2 rounds=${3:-2} secs=${4:-6}
scripts/install-deps.sh --bench
bench_tmp
ab_cleanup() {
	[ -n "${FEIGE_PG_DIR:-}" ] && tests/pg/stop.sh "$FEIGE_PG_DIR"
	bench_cleanup
}
trap ab_cleanup EXIT INT TERM
chmod 755 "$tmp"
eval "$(FEIGE_PG_FSYNC=on tests/pg/start.sh)"
pm=$(head -1 "$(find "$FEIGE_PG_DIR" -name postmaster.pid | head -1)")
tick=$(getconf CLK_TCK)
ticks() { # pids... -> their user + system ticks (children's too)
	for p in "$@"; do awk '{ print $14 + $15 + $16 + $17 }' \
	    "/proc/$p/stat" 2>/dev/null || true; done | awk '{ t += $1 } END { print t + 0 }'
}
i=0
for r in $(seq "$rounds"); do
	for b in old new; do
		eval "bin=\$$b"
		for rl in "" "pushplus.rate_limit = 100000000"; do
			i=$((i + 1))
			psql "$FEIGE_TEST_PG" -qXc "CREATE DATABASE ab$i" >/dev/null
			FEIGE_STORE_URL=$(echo "$FEIGE_TEST_PG" | sed "s|/postgres?|/ab$i?|")
			export FEIGE_STORE_URL
			printf '%s\n' "$rl" > "$tmp/$i.conf"
			p=$(free_port)
			"$bin" serve --listen "127.0.0.1:$p" --data "$tmp/$i" \
			    --config "$tmp/$i.conf" > "$tmp/$i.out" 2> "$tmp/$i.err" &
			fpid=$!
			wait_line "$tmp/$i.out" '^  token: ' 100 "$tmp/$i.err"
			FEIGE_TOKEN=$(sed -n 's/^  token: //p' "$tmp/$i.out")
			export FEIGE_TOKEN
			u="http://127.0.0.1:$p/send"
			wrk -t1 -c64 -d2s -s bench/send.lua "$u" >/dev/null 2>&1
			f0=$(ticks "$fpid") g0=$(ticks "$pm" $(pgrep -P "$pm"))
			res=$(wrk -t1 -c64 -d"${secs}s" --latency -s bench/send.lua "$u" |
			    sed -n 's/^RESULT //p')
			f1=$(ticks "$fpid") g1=$(ticks "$pm" $(pgrep -P "$pm"))
			kill "$fpid"; wait "$fpid" 2>/dev/null || true; fpid=
			ok=$(echo "$res" | tr ' ' '\n' | sed -n 's/^ok=//p')
			awk -v b="$b" -v rl="${rl:+on}" -v ok="$ok" -v t="$tick" \
			    -v f=$((f1 - f0)) -v g=$((g1 - g0)) -v res="$res" \
			    -v l="$(cut -d' ' -f1 /proc/loadavg)" 'BEGIN {
				printf "%s rate_limit=%-3s load %s: feige %.0f us/send, " \
				    "postgres %.0f us/send; %s\n", b, rl ? rl : "off", l,
				    1e6 * f / t / ok, 1e6 * g / t / ok, res }'
		done
	done
done
