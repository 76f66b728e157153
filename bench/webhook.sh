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
# the tail do not count.
#
# TARPIT=1 adds two runs in which every tenth send goes to a webhook on
# another host, and the rate counted is that of the other 90% (the
# sink's deliveries only).  In the baseline that host is fast (the same
# nginx, also listening on 127.0.0.3), so the work per job is the same
# as in the tarpit run; in the tarpit run the host (127.0.0.2) accepts
# every connection and never answers.  The drop of the sink's rate from
# the baseline to the tarpit run is the tarpit's cost to everyone else.
# (Against the all-sink run the comparison would be unfair: there every
# job is sink work.)  RUNS=k repeats the pair k times.
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

# run OTHER EVERY: one measured run in which every EVERY-th send (0:
# none) goes to the webhook "other" at OTHER (fast: 127.0.0.3 on the
# sink's nginx; tarpit: 127.0.0.2); prints "rate conns", the rate of
# the sink's deliveries alone
run() {
	kind=$1
	data=$tmp/data.$1.$2.$$.$(date +%s%N)
	fport=$(freeport)
	bench_owner "$data"
	case $1 in
	fast)	ourl="http://127.0.0.3:$nport/cgi-bin/webhook/send?key=o" ;;
	*)	ourl="http://127.0.0.2:$tport/cgi-bin/webhook/send?key=o" ;;
	esac
	"$bin" webhook add "$owner" other "$1" 1 "$ourl" \
	    --data "$data" >/dev/null
	serve 0
	node bench/webhook_load.mjs "http://127.0.0.1:$fport" "$token" sink \
	    fill "$n" other "$2" >"$tmp/fill"
	stop
	want=$n
	[ "$2" -gt 0 ] && want=$((n - n / $2))
	shift
	serve "$workers"
	if [ -n "${PERF:-}" ]; then	# PERF=file: 5 s profiles, file.none/fast/tarpit
		perf record -g -o "$PERF.$kind" -p "$fpid" -- sleep 5 \
		    >/dev/null 2>&1 &
	fi
	: >"$tmp/samples"
	conns=0
	while :; do
		set -- $(sqlite3 -separator ' ' "$data/feige.db" \
		    "SELECT count(*) FILTER (WHERE status = 2 AND message_id NOT IN (SELECT message_id FROM message_channels WHERE chan_id = (SELECT id FROM channel_configs WHERE code = 'other'))), count(*) FILTER (WHERE status = 3 AND error NOT LIKE '%other%') FROM deliveries" \
		    2>/dev/null || echo 0 0)
		c=$1
		echo "$(date +%s%3N) $c $(awk '{ print $14 + $15 }' \
		    "/proc/$fpid/stat")" >>"$tmp/samples"
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
	stop
	awk -v want="$want" -v conns="$conns" -v hz="$(getconf CLK_TCK)" '
	    { t[NR] = $1; c[NR] = $2; cpu[NR] = $3 }
	    END {
		for (i = 1; i <= NR; i++) {
			if (!a && c[i] >= want * 0.1) a = i
			if (!b && c[i] >= want * 0.9) b = i
		}
		printf "%.0f %d %.1f\n", (c[b] - c[a]) / ((t[b] - t[a]) / 1000),
		    conns, (cpu[b] - cpu[a]) * 1e6 / hz / (c[b] - c[a])
	    }' "$tmp/samples"
}

echo "machine: $(nproc) cores (shared with other work), $(uname -r); N=$n, queue.workers=$workers; $(uptime | sed 's/.*load/load/')"
if [ "${TARPIT:-0}" != 1 ]; then
	set -- $(run none 0)
	echo "webhook deliveries/s (nginx as WeCom bot): $1; connections to the sink mid-run: $2; CPU per delivery: $3 us"
	exit 0
fi
i=0
while [ "$i" -lt "${RUNS:-1}" ]; do
	i=$((i + 1))
	set -- $(run fast 10)
	base=$1 bcpu=$3
	set -- $(run tarpit 10)
	echo "run $i: the sink's deliveries/s (CPU us each) with every 10th webhook to a fast host: $base ($bcpu); to a tarpit: $1 ($3)"
	awk -v a="$base" -v b="$1" -v x="$bcpu" -v y="$3" \
	    'BEGIN { printf "drop of the other hosts'"'"' rate: %.1f%%; CPU per delivery: %+.1f%%\n", 100 * (a - b) / a, 100 * (y - x) / x }'
done
echo "$(uptime | sed 's/.*load/load/')"
