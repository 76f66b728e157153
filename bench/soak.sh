#!/bin/sh
# bench/soak.sh: a soak of webhook deliveries at a steady rate, recording
# feige's RSS and open file descriptors every 10 s (issue 14: RSS growth
# < 5%, fd count flat, no error).
#
#   bench/soak.sh [RATE] [MINUTES]        (defaults 1000/s and 30)
#
# RATE should be half the capacity bench/webhook.sh measured on the same
# machine.  feige (channel.allow_private = yes, defaults otherwise) sends
# every message as a WeCom bot webhook to a local nginx answering
# {"errcode":0,"errmsg":"ok"}.  The first sample is taken after one
# minute of load (warm caches and pools); growth is the last sample
# against it.  Prints the samples to $OUT (default soak.samples in the
# temp dir, kept when OUT is set) and a summary: sends and send errors,
# deliveries not delivered, RSS first/last/max and growth %, fds
# first/last and delta.  FEIGE_BIN=path soaks another build.
set -eu
cd "$(dirname "$0")/.."
rate=${1:-1000}
mins=${2:-30}
scripts/install-deps.sh --bench
bin=${FEIGE_BIN:-./feige}
[ -n "${FEIGE_BIN:-}" ] || make -s -j2
tmp=$(mktemp -d)
out=${OUT:-$tmp/soak.samples}
cleanup() {
	[ -n "${lpid:-}" ] && kill "$lpid" 2>/dev/null || true
	[ -n "${fpid:-}" ] && kill "$fpid" 2>/dev/null || true
	[ -f "$tmp/nginx.pid" ] && kill "$(cat "$tmp/nginx.pid")" 2>/dev/null || true
	wait 2>/dev/null || true
	rm -rf "$tmp"
}
trap cleanup EXIT INT TERM
. bench/wecom_sink.sh
wecom_sink
fport=$(freeport)
data=$tmp/data
bench_owner "$data"
printf 'channel.allow_private = yes\n' >"$tmp/conf"
"$bin" serve --listen "127.0.0.1:$fport" --data "$data" --config "$tmp/conf" \
    >"$tmp/log" 2>&1 &
fpid=$!
until curl -sf "http://127.0.0.1:$fport/healthz" >/dev/null 2>&1; do
	sleep 0.1
done
node bench/webhook_load.mjs "http://127.0.0.1:$fport" "$token" sink rate \
    "$rate" $((mins * 60)) >"$tmp/load" &
lpid=$!
echo "# t_s rss_kb fds" >"$out"
t0=$(date +%s)
while kill -0 "$lpid" 2>/dev/null; do
	sleep 10
	kill -0 "$fpid" 2>/dev/null || { echo "feige died" >&2; tail "$tmp/log" >&2; exit 1; }
	rss=$(awk '/^VmRSS:/ { print $2 }' "/proc/$fpid/status")
	fds=$(ls "/proc/$fpid/fd" | wc -l)
	echo "$(($(date +%s) - t0)) $rss $fds" >>"$out"
done
wait "$lpid" || true
lpid=
sleep 5	# the last deliveries land
kill "$fpid"
wait "$fpid" 2>/dev/null || true
fpid=
set -- $(cat "$tmp/load")	# sent N errors E behind B
sent=$2
errs=$4
behind=$6
set -- $(sqlite3 -separator ' ' "$data/feige.db" \
    "SELECT count(*) FILTER (WHERE status = 2), count(*) FILTER (WHERE status <> 2) FROM deliveries")
echo "machine: $(nproc) cores (shared with other work); $rate sends/s for $mins min"
echo "sends: $sent, send errors: $errs, not made (feige behind): $behind; delivered: $1, not delivered: $2"
awk '!/^#/ && $1 >= 60 { if (!f) { f = $2; fd0 = $3 } l = $2; fd1 = $3
	if ($2 > m) m = $2 }
    END { printf "RSS first %d kB, last %d kB, max %d kB: growth %.1f%%; fds first %d, last %d: delta %d\n",
	f, l, m, 100 * (l - f) / f, fd0, fd1, fd1 - fd0 }' "$out"
errors=$(grep -c 'level=error' "$tmp/log" || true)
echo "error lines in feige's log: $errors"
