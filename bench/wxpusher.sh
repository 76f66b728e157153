#!/bin/sh
# bench/wxpusher.sh: WxPusher sends to many targets (issue 4's benchmark).
#
#   bench/wxpusher.sh [ROUNDS]        (default 20)
#
# Sets up one app with 1999 app followers and 4 topics of 10 000
# followers each (rows written straight into a fresh data dir with
# sqlite3, before the server starts; default configuration, so the daily
# receive limit is checked and counted), then measures, one request at a
# time:
#   - the durable reply of a send to 1999 uids and of a send to the 4
#     topics (40 000 deliveries), timed by curl (time_total: connect,
#     upload, server work including the fsync'ed commit, download);
#   - the time until the last topic follower's inbox has the message,
#     from node (send, then poll the inbox API).
# Each series starts with one untimed warm-up request.  Loopback only.
# FEIGE_BIN=path measures another build (before/after comparisons).
set -eu
cd "$(dirname "$0")/.."
. bench/lib.sh
rounds=${1:-20}
bench_bin
bench_tmp
port=$(free_port)
data=$tmp/data
mkdir -p "$data"
"$bin" init --data "$data" >/dev/null
dev=$("$bin" user add dev --data "$data" --json | sed 's/.*"uid":"\([^"]*\)".*/\1/')
at=$("$bin" app add "$dev" bench --data "$data" --json | sed 's/.*"appToken":"\([^"]*\)".*/\1/')
for t in 1 2 3 4; do "$bin" topic add 1 "t$t" --data "$data" >/dev/null; done
sqlite3 "$data/feige.db" <<SQL
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 41999)
INSERT INTO users(uid, token, name, created_ms)
SELECT printf('UID_bench%019d', i), lower(hex(randomblob(16))), 'b' || i, 0 FROM n;
INSERT INTO wx_follows(user_id, app_id, topic_id, source, created_ms)
SELECT id, 1, 0, 'link', 0 FROM users WHERE uid LIKE 'UID_bench%' AND id <= 2000 + 1;
INSERT INTO wx_follows(user_id, app_id, topic_id, source, created_ms)
SELECT id, 1, 1 + (id % 4), 'link', 0 FROM users WHERE uid LIKE 'UID_bench%' AND id > 2001;
SQL
"$bin" serve --listen "127.0.0.1:$port" --data "$data" >"$tmp/log" 2>&1 &
fpid=$!
sleep 1
last=$(sqlite3 "$data/feige.db" "SELECT token FROM users ORDER BY id DESC LIMIT 1")
node -e '
const [at, n] = process.argv.slice(1);
const uids = Array.from({ length: Number(n) }, (_, i) => "UID_bench" + String(i + 1).padStart(19, "0"));
console.log(JSON.stringify({ appToken: at, content: "bench uids", uids }));' "$at" 1999 >"$tmp/uids.json"
printf '{"appToken":"%s","content":"bench topics","topicIds":[1,2,3,4]}\n' "$at" >"$tmp/topics.json"
# curl_series NAME BODYFILE: ROUNDS timed sends after one warm-up.
curl_series() {
	for i in $(seq 0 "$rounds"); do
		curl -sS -o "$tmp/reply" -w '%{http_code} %{time_total}\n' \
		    -H 'Content-Type: application/json' --data-binary "@$2" \
		    "http://127.0.0.1:$port/api/send/message"
		grep -q '"code":1000' "$tmp/reply" || { cat "$tmp/reply"; exit 1; }
	done | awk 'NR > 1 { print $2 * 1000 }' | sort -n >"$tmp/times"
	awk -v name="$1" '{ a[NR] = $1 } END {
		p50 = a[int(NR * 0.5) + 1]; i = int(NR * 0.99) + 1; if (i > NR) i = NR
		printf "%s: reply p50 %.1f ms p99 %.1f ms max %.1f ms (%d sends, curl)\n",
		    name, p50, a[i], a[NR], NR }' "$tmp/times"
}
curl_series '1999 uids' "$tmp/uids.json"
curl_series '4 topics x 10000' "$tmp/topics.json"
node - "$port" "$at" "$rounds" "$last" <<'JS'
const [port, at, rounds, lastTok] = process.argv.slice(2);
const base = `http://127.0.0.1:${port}`;
const post = (b) => fetch(base + '/api/send/message', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(b) }).then((r) => r.json());
const pct = (a, p) => a.slice().sort((x, y) => x - y)[Math.min(a.length - 1, Math.floor(a.length * p))].toFixed(1);
const inbox = [];
for (let i = 0; i <= Number(rounds); i++) {
  const content = `topics ${i} ${Date.now()}`;
  const t0 = performance.now();
  const r = await post({ appToken: at, content, topicIds: [1, 2, 3, 4] });
  if (r.code !== 1000) throw new Error(JSON.stringify(r).slice(0, 300));
  for (;;) {
    const l = await fetch(`${base}/inbox/messages?token=${lastTok}&limit=1`).then((x) => x.json());
    if (l.data.list[0] && l.data.list[0].content === content) break;
  }
  if (i > 0) inbox.push(performance.now() - t0);	// round 0 warms up
}
console.log(`4 topics x 10000: last inbox has it p50 ${pct(inbox, 0.5)} ms max ${pct(inbox, 1)} ms (${inbox.length} sends, node)`);
JS
