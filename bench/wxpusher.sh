#!/bin/sh
# bench/wxpusher.sh: WxPusher sends to many targets (issue 4's benchmark).
#
#   bench/wxpusher.sh [ROUNDS]        (default 20)
#
# Sets up one app with 1999 app followers and 4 topics of 10 000
# followers each (rows written straight into a fresh data dir with
# sqlite3, before the server starts), then measures, one request at a
# time: the durable reply of a send to 1999 uids, and of a send to the 4
# topics (40 000 deliveries), and the time until the last follower's
# inbox has it (read back with the inbox API).  Loopback only.
set -eu
cd "$(dirname "$0")/.."
rounds=${1:-20}
make -s -j2
tmp=$(mktemp -d)
cleanup() {
	[ -n "${fpid:-}" ] && kill "$fpid" 2>/dev/null || true
	wait 2>/dev/null || true
	rm -rf "$tmp"
}
trap cleanup EXIT INT TERM
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
data=$tmp/data
mkdir -p "$data"
dev=$(./feige user add dev --data "$data" --json | sed 's/.*"uid":"\([^"]*\)".*/\1/')
at=$(./feige app add "$dev" bench --data "$data" --json | sed 's/.*"appToken":"\([^"]*\)".*/\1/')
for t in 1 2 3 4; do ./feige topic add 1 "t$t" --data "$data" >/dev/null; done
sqlite3 "$data/feige.db" <<SQL
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 41999)
INSERT INTO users(uid, token, name, created_ms)
SELECT printf('UID_bench%019d', i), lower(hex(randomblob(16))), 'b' || i, 0 FROM n;
INSERT INTO wx_follows(user_id, app_id, topic_id, source, created_ms)
SELECT id, 1, 0, 'link', 0 FROM users WHERE uid LIKE 'UID_bench%' AND id <= 2000 + 1;
INSERT INTO wx_follows(user_id, app_id, topic_id, source, created_ms)
SELECT id, 1, 1 + (id % 4), 'link', 0 FROM users WHERE uid LIKE 'UID_bench%' AND id > 2001;
SQL
cat > "$tmp/feige.conf" <<CONF
wxpusher.daily_max = 0
CONF
./feige serve --listen "127.0.0.1:$port" --data "$data" --config "$tmp/feige.conf" >"$tmp/log" 2>&1 &
fpid=$!
sleep 1
last=$(sqlite3 "$data/feige.db" "SELECT token FROM users ORDER BY id DESC LIMIT 1")
node - "$port" "$at" "$rounds" "$last" <<'JS'
const [port, at, rounds, lastTok] = process.argv.slice(2);
const base = `http://127.0.0.1:${port}`;
const uids = Array.from({ length: 1999 }, (_, i) => 'UID_bench' + String(i + 1).padStart(19, '0'));
const post = (b) => fetch(base + '/api/send/message', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(b) }).then((r) => r.json());
const pct = (a, p) => a.slice().sort((x, y) => x - y)[Math.min(a.length - 1, Math.floor(a.length * p))].toFixed(1);
async function run(name, body, checkLast) {
  const reply = [], inbox = [];
  for (let i = 0; i < Number(rounds); i++) {
    const content = `${name} ${i} ${Date.now()}`;
    const t0 = performance.now();
    const r = await post({ ...body, appToken: at, content });
    const t1 = performance.now();
    if (r.code !== 1000) throw new Error(JSON.stringify(r).slice(0, 300));
    reply.push(t1 - t0);
    if (checkLast) {
      for (;;) {
        const l = await fetch(`${base}/inbox/messages?token=${lastTok}&limit=1`).then((x) => x.json());
        if (l.data.list[0] && l.data.list[0].content === content) break;
      }
      inbox.push(performance.now() - t0);
    }
  }
  console.log(`${name}: reply p50 ${pct(reply, 0.5)} ms p99 ${pct(reply, 0.99)} ms` + (checkLast ? `; last inbox p50 ${pct(inbox, 0.5)} ms max ${pct(inbox, 1)} ms` : ''));
}
await run('1999 uids', { uids }, false);
await run('4 topics x 10000', { topicIds: [1, 2, 3, 4] }, true);
JS
