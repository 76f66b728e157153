#!/bin/sh
# bench/webhook.sh: webhook deliveries per second to a local nginx that
# answers as a WeCom bot does ({"errcode":0,"errmsg":"ok"}), with
# connections kept alive (issue 14, reliability figures).
#
#   bench/webhook.sh [N] [WORKERS]          (defaults 50000 and 4)
#   TARPIT=1 bench/webhook.sh [N] [WORKERS]
#
# Each run: a fresh data dir; feige with queue.workers = 0 accepts N
# sends (channel=webhook, type 1 WeCom bot) so the deliveries wait in
# the store; then feige restarts with WORKERS workers and delivers them
# all.  The rate is taken from the count of delivered rows (status 2),
# polled every 250 ms, between 10% and 90% of the run, so start-up and
# the tail do not count.  Beside it, feige's CPU time (user + system)
# per delivery over the whole delivering run: on a shared machine the
# rate moves with the other load, the CPU a delivery costs much less.
# With TARPIT=1 a second run follows in which every tenth send goes to
# a webhook on another host (127.0.0.2) whose server accepts every connection and never answers: the rate of the
# other deliveries in that run against the first is the tarpit's cost.
# FEIGE_BIN=path measures another build.  Loopback only; bounded by N.
set -eu
cd "$(dirname "$0")/.."
n=${1:-50000}
workers=${2:-4}
scripts/install-deps.sh --bench
bin=${FEIGE_BIN:-./feige}
[ -n "${FEIGE_BIN:-}" ] || make -s -j2
tmp=$(mktemp -d)
cleanup() {
	[ -n "${fpid:-}" ] && kill "$fpid" 2>/dev/null || true
	[ -n "${tpid:-}" ] && kill "$tpid" 2>/dev/null || true
	[ -f "$tmp/nginx.pid" ] && kill "$(cat "$tmp/nginx.pid")" 2>/dev/null || true
	wait 2>/dev/null || true
	rm -rf "$tmp"
}
trap cleanup EXIT INT TERM

# the sink: nginx, one worker, a WeCom bot's success reply, keep-alive
. bench/wecom_sink.sh
wecom_sink

# the tarpit: takes every connection, reads, never answers
tport=$(freeport)
node -e '
const net = require("net"); const held = [];
net.createServer((s) => { held.push(s); s.on("error", () => {}); })
  .listen(Number(process.argv[1]), "127.0.0.2");
' "$tport" &
tpid=$!

serve() {	# serve WORKERS: start feige on $data, wait for it
	printf 'channel.allow_private = yes\nqueue.workers = %s\n' "$1" \
	    >"$tmp/conf"
	"$bin" serve --listen "127.0.0.1:$fport" --data "$data" \
	    --config "$tmp/conf" >"$tmp/log" 2>&1 &
	fpid=$!
	until curl -sf "http://127.0.0.1:$fport/healthz" >/dev/null 2>&1; do
		sleep 0.1
	done
}
stop() {
	kill "$fpid"
	wait "$fpid" 2>/dev/null || true
	fpid=
}

# run TARPIT_EVERY: one measured run; prints "rate conns"
run() {
	data=$tmp/data.$1
	fport=$(freeport)
	bench_owner "$data"
	"$bin" webhook add "$owner" tarpit tarpit 1 \
	    "http://127.0.0.2:$tport/cgi-bin/webhook/send?key=k" \
	    --data "$data" >/dev/null
	serve 0
	node bench/webhook_load.mjs "http://127.0.0.1:$fport" "$token" sink \
	    fill "$n" tarpit "$1" >"$tmp/fill"
	stop
	want=$n
	[ "$1" -gt 0 ] && want=$((n - n / $1))
	serve "$workers"
	if [ -n "${PERF:-}" ]; then	# PERF=file: a profile of 5 s
		perf record -g -o "$PERF" -p "$fpid" -- sleep 5 \
		    >/dev/null 2>&1 &
	fi
	: >"$tmp/samples"
	conns=0
	while :; do
		set -- $(sqlite3 -separator ' ' "$data/feige.db" \
		    "SELECT count(*) FILTER (WHERE status = 2), count(*) FILTER (WHERE status = 3 AND error NOT LIKE '%tarpit%') FROM deliveries" \
		    2>/dev/null || echo 0 0)
		c=$1
		echo "$(date +%s%3N) $c" >>"$tmp/samples"
		[ "$c" -ge "$want" ] && break
		if [ "$2" -gt 0 ] && [ $(($1 + $2)) -ge "$want" ]; then
			echo "$2 deliveries failed:" >&2
			sqlite3 "$data/feige.db" "SELECT error, count(*) FROM deliveries WHERE status = 3 GROUP BY 1 LIMIT 5" >&2
			break
		fi
		if [ "$c" -gt $((want / 2)) ] && [ "$conns" -eq 0 ]; then
			conns=$(ss -Htn state established \
			    "( dport = :$nport )" | wc -l)
		fi
		sleep 0.25
	done
	# feige's CPU (user + system, clock ticks) over the delivering run
	cpu=$(awk '{ print $14 + $15 }' "/proc/$fpid/stat")
	stop
	awk -v want="$want" -v conns="$conns" -v cpu="$cpu" \
	    -v hz="$(getconf CLK_TCK)" '
	    { t[NR] = $1; c[NR] = $2 }
	    END {
		for (i = 1; i <= NR; i++) {
			if (!a && c[i] >= want * 0.1) a = i
			if (!b && c[i] >= want * 0.9) b = i
		}
		printf "%.0f %d %.1f\n", (c[b] - c[a]) / ((t[b] - t[a]) / 1000),
		    conns, 1e6 * cpu / hz / want
	    }' "$tmp/samples"
}

echo "machine: $(nproc) cores (shared with other work), $(uname -r); N=$n, queue.workers=$workers"
set -- $(run 0)
base=$1
echo "webhook deliveries/s (nginx as WeCom bot): $1; connections to the sink mid-run: $2"
echo "feige CPU per delivery (user + system, whole delivering run): $3 us"
if [ "${TARPIT:-0}" = 1 ]; then
	set -- $(run 10)
	echo "with a tarpit host taking every 10th webhook: $1 deliveries/s to the sink; connections $2"
	awk -v a="$base" -v b="$1" \
	    'BEGIN { printf "drop of the other hosts'"'"' rate: %.1f%%\n", 100 * (a - b) / a }'
fi
