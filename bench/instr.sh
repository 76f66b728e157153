#!/bin/sh
# bench/instr.sh: CPU instructions the server spends per durable
# POST /send, counted by callgrind over a fixed number of requests.
#
#   bench/instr.sh [REQUESTS] [BIN...]      (defaults 3000 and ./feige)
#
# Throughput on a shared VM moves by 30% from run to run (bench/send.sh
# measures nginx itself anywhere between 115k and 165k req/s here), which
# hides a 5% change in feige.  Instructions do not depend on the
# neighbours; they still move by about 3% between runs of one binary,
# because the number of requests sharing a group commit depends on
# timing.  So compare binaries in one invocation, and repeat it.  Large
# memsets weigh more than they cost: callgrind counts each byte of a
# `rep stosb` (glibc's memset for big blocks) as an instruction.
# Before/after comparisons of a change to the request path, e.g.
#
#   git stash; make; cp feige /tmp/feige-before; git stash pop; make
#   bench/instr.sh 3000 /tmp/feige-before ./feige
#
# Each binary gets a fresh data dir and the same requests (8 concurrent
# keep-alive clients, the body of bench/send.lua); the figure is the
# server's total instruction count (startup and shutdown included,
# measured once with 0 requests and subtracted) divided by the requests.
set -eu
cd "$(dirname "$0")/.."
. bench/lib.sh
n=${1:-3000}
shift 2>/dev/null || true
[ $# -gt 0 ] || { make -s -j2; set -- ./feige; }
command -v valgrind >/dev/null || {
	echo "bench/instr.sh needs valgrind (apt-get install valgrind)" >&2
	exit 1
}
bench_tmp

# instr BIN REQUESTS: total instructions of one server run
instr() {
	p=$(free_port)
	rm -rf "$tmp/var" "$tmp/cg.out"
	valgrind --tool=callgrind --callgrind-out-file="$tmp/cg.out" \
	    "$1" serve --listen "127.0.0.1:$p" --data "$tmp/var" \
	    >"$tmp/out" 2>"$tmp/err" &
	vpid=$!
	# the first-run token is printed just after the port opens
	wait_line "$tmp/out" '^  token: ' 600 "$tmp/err"
	tok=$(sed -n 's/^  token: //p' "$tmp/out")
	node - "$p" "$tok" "$2" <<'JS'
const [port, token, n] = process.argv.slice(2);
const http = require('http');
const agent = new http.Agent({ keepAlive: true, maxSockets: 8 });
const body = JSON.stringify({ token, title: 'bench',
    content: 'hello from wrk: 服务器负载 42%' });
let sent = 0, bad = 0;
function one() {
  return new Promise((res) => {
    const r = http.request({ host: '127.0.0.1', port, path: '/send',
      method: 'POST', agent, headers: { 'Content-Type': 'application/json',
      'Content-Length': Buffer.byteLength(body) } }, (rep) => {
      let d = ''; rep.on('data', (c) => d += c);
      rep.on('end', () => { if (!d.includes('"code":200')) bad++; res(); });
    });
    r.end(body);
  });
}
async function worker() { while (sent < Number(n)) { sent++; await one(); } }
Promise.all(Array.from({ length: 8 }, worker)).then(() => {
  agent.destroy();
  if (bad) { console.error(`${bad} replies were not code 200`); process.exit(1); }
});
JS
	kill -TERM "$vpid"
	wait "$vpid" 2>/dev/null || true
	sed -n 's/^summary: //p' "$tmp/cg.out" | awk '{print $1}'
}

echo "requests per binary: $n (8 concurrent clients), callgrind"
for bin in "$@"; do
	base=$(instr "$bin" 0)
	total=$(instr "$bin" "$n")
	awk -v b="$bin" -v t="$total" -v z="$base" -v n="$n" 'BEGIN {
		printf "%s: %.0f instructions per send (%.0f total, %.0f at 0 requests)\n",
		    b, (t - z) / n, t, z }'
done
