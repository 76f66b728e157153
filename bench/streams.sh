#!/bin/sh
# bench/streams.sh: server memory per idle live stream, for each kind:
# inbox SSE (/inbox/stream), inbox WebSocket (/inbox/ws) and ntfy's JSON
# stream (/<uid>/json).
#
#   bench/streams.sh [N] [KINDS]       (defaults 2000 and "sse ws ntfy")
#   bench/streams.sh 100000 mix         issue 10's 100 000, mixed
#
# KINDS may also name ws-ping: WebSockets whose client sent one ping,
# which makes the server keep a wslay session for them (ws_conn.c), and
# mix: SSE, WebSocket and ntfy JSON streams in turn, a third each.
# For each kind a fresh server is started; its RSS (VmRSS) is read after
# a warm-up stream, then N streams are opened by bench/streams.mjs (raw
# sockets, each waits for its first event), and after a second of
# quiet the RSS is read again: (after - before) / N is the figure, in
# bytes.  Kernel socket buffers are not in the RSS and not counted.
# FEIGE_BIN=path measures another build (say main's, for before/after).
# RLIMIT_NOFILE: the server and the client each hold one descriptor per
# stream, so each needs N + 600 (the server's own files, and a stream
# holds two descriptors for a moment while it leaves libmicrohttpd,
# http/take.c, up to the client's 200 connects in flight).  The soft limit is raised to the hard
# one; if that is still too low the bench tries to raise the hard limit
# (root, up to fs.nr_open) and otherwise stops and says which limit
# stopped it and the largest N that fits.  The client spreads its source
# addresses over 127.0.0.0/8 (ports), and http.max_connections is set
# above N.  See docs/performance.md for figures.
set -eu
cd "$(dirname "$0")/.."
. bench/lib.sh
n=${1:-2000}
kinds=${2:-"sse ws ntfy"}
bench_bin
need=$((n + 600))
hard=$(ulimit -Hn)
[ "$hard" = unlimited ] && hard=$need
if [ "$hard" -lt "$need" ] && ! ulimit -n "$need" 2>/dev/null; then
	echo "bench/streams.sh: $n streams need RLIMIT_NOFILE $need in the" \
	    "server and in the client; the hard limit is $hard and raising" \
	    "it is not permitted here (fs.nr_open $(cat \
	    /proc/sys/fs/nr_open 2>/dev/null || echo ?)):" \
	    "at most $((hard - 600)) streams" >&2
	exit 1
fi
[ "$hard" -ge "$need" ] && ulimit -n "$hard"
echo "RLIMIT_NOFILE $(ulimit -Sn) (hard $(ulimit -Hn)); fs.file-max" \
    "$(cat /proc/sys/fs/file-max 2>/dev/null || echo ?)"
bench_tmp

rss() {
	sed -n 's/^VmRSS:[[:space:]]*\([0-9]*\) kB/\1/p' "/proc/$1/status"
}

cat >"$tmp/feige.conf" <<EOC
http.max_connections = $((n + 1000))
http.max_per_ip = $((n + 1000))
log.access = no
EOC

for kind in $kinds; do
	rm -rf "$tmp/var"
	"$bin" serve --listen 127.0.0.1:0 --data "$tmp/var" \
	    --config "$tmp/feige.conf" >"$tmp/out" 2>"$tmp/err" &
	fpid=$!
	wait_line "$tmp/out" '^  send: ' 99 "$tmp/err"
	tok=$(sed -n 's/^  token: //p' "$tmp/out")
	uid=$(sed -n 's/^  uid:   //p' "$tmp/out")
	port=$(sed -n 's|^  inbox: http://[^:]*:\([0-9]*\)/.*|\1|p' "$tmp/out")
	# warm-up: one stream of the kind, so first-use allocations are in
	# the baseline
	node bench/streams.mjs "$port" "$tok" "$uid" "$kind" 1 \
	    </dev/null >/dev/null
	sleep 1
	before=$(rss $fpid)
	mkfifo "$tmp/hold"
	node bench/streams.mjs "$port" "$tok" "$uid" "$kind" "$n" \
	    <"$tmp/hold" >"$tmp/client" &
	cpid=$!
	exec 3>"$tmp/hold"
	until grep -q '^ready' "$tmp/client" 2>/dev/null; do
		sleep 0.2
	done
	sleep 1
	after=$(rss $fpid)
	ready=$(sed -n 's/^ready \([0-9]*\).*/\1/p' "$tmp/client")
	echo "$kind: $(cat "$tmp/client"); RSS $before kB -> $after kB:" \
	    "$(( (after - before) * 1024 / (ready > 0 ? ready : 1) ))" \
	    "bytes per idle stream (of those ready)"
	exec 3>&-
	wait $cpid || true
	rm -f "$tmp/hold"
	kill $fpid
	wait $fpid || true
	fpid=
done
