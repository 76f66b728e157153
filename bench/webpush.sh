#!/bin/sh
# bench/webpush.sh: one pushplus group message to N persons (default
# 10 000) who each have one Web Push subscription, at a local stand-in
# push service (issue 10's benchmark).
#
#   bench/webpush.sh [N]
#
# Sets up the group, its members and their devices with sqlite3 in a
# fresh data dir before the server starts (every device has its own
# endpoint on the stand-in; one key pair for all, so each push is still
# encrypted and signed on its own), starts feige with
# channel.allow_private = yes, sends the message once and reports:
#   - the time from the send until the stand-in has answered the last
#     push (201 to each), and pushes per second over that time;
#   - feige's CPU time (user + system, /proc) over the same span,
#     divided by N: the cost of one push (encrypt, sign, HTTP, record);
#   - the connections the stand-in saw (reuse: far fewer than N).
# The stand-in speaks HTTP/1.1 on loopback (no TLS), so this measures
# feige's side, not TLS handshakes.  FEIGE_BIN=path measures another
# build.  Loopback only; bounded by N.
set -eu
cd "$(dirname "$0")/.."
. bench/lib.sh
n=${1:-10000}
bench_bin
bench_tmp
port=$(free_port)
sport=$(free_port)
data=$tmp/data
mkdir -p "$data"

# the stand-in push service: 201 to every POST, counts, notes the last
node - "$sport" "$n" >"$tmp/svc" 2>&1 <<'JS' &
const http = require('http');
const [port, n] = process.argv.slice(2).map(Number);
let got = 0, conns = 0, bytes = 0;
const srv = http.createServer((req, res) => {
  req.on('data', (c) => (bytes += c.length));
  req.on('end', () => {
    res.writeHead(201, { Location: '/m' });
    res.end();
    if (++got === n) console.log(`done ${Date.now()} ${conns} ${bytes}`);
  });
});
srv.on('connection', () => conns++);
srv.keepAliveTimeout = 60000;
srv.listen(port, '127.0.0.1', () => console.log('ready'));
JS
spid=$!

"$bin" init --data "$data" >/dev/null
owner=$("$bin" user add owner --data "$data" --json | sed 's/.*"uid":"\([^"]*\)".*/\1/')
token=$(sqlite3 "$data/feige.db" "SELECT token FROM users WHERE uid = '$owner'")
"$bin" group add "$owner" benchgrp bench --data "$data" >/dev/null
# one subscription's keys (RFC 8291's user agent), N endpoints
p256dh=BCVxsr7N_eNgVRqvHtD0zTZsEc6-VV-JvLexhqUzORcxaOzi6-AYWXvTBHm4bjyPjs7Vd8pZGH6SRpkNtoIAiw4
auth=BTBZMqHH6r4Tts7J_aSIgg
sqlite3 "$data/feige.db" <<SQL
WITH RECURSIVE s(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM s WHERE i < $n)
INSERT INTO users(uid, token, name, created_ms)
SELECT printf('UID_wp%022d', i), lower(hex(randomblob(16))), 'p' || i, 0 FROM s;
INSERT INTO topic_members(topic_id, user_id, created_ms)
SELECT (SELECT id FROM topics WHERE code = 'benchgrp'), id, 0 FROM users
WHERE uid LIKE 'UID_wp%';
INSERT INTO devices(user_id, type, endpoint, p256dh, auth, created_ms,
    last_seen_ms)
SELECT id, 'webpush', 'http://127.0.0.1:$sport/push/' || id, '$p256dh',
    '$auth', 0, 0 FROM users WHERE uid LIKE 'UID_wp%';
SQL
until grep -q ready "$tmp/svc"; do sleep 0.1; done
cat >"$tmp/conf" <<EOC
channel.allow_private = yes
EOC
"$bin" serve --listen "127.0.0.1:$port" --data "$data" --config "$tmp/conf" \
    >"$tmp/log" 2>&1 &
fpid=$!
wait_healthz "$port"
cpu() { awk '{ print $14 + $15 }' "/proc/$fpid/stat"; }
hz=$(getconf CLK_TCK)
c0=$(cpu)
t0=$(date +%s%3N)
curl -sS -o "$tmp/reply" -H 'Content-Type: application/json' \
    --data "{\"token\":\"$token\",\"title\":\"bench\",\"content\":\"one message to the group\",\"topic\":\"benchgrp\"}" \
    "http://127.0.0.1:$port/send"
grep -q '"code":200' "$tmp/reply" || { cat "$tmp/reply"; exit 1; }
until grep -q '^done' "$tmp/svc"; do sleep 0.05; done
c1=$(cpu)
set -- $(grep '^done' "$tmp/svc")
awk -v n="$n" -v t0="$t0" -v t1="$2" -v c0="$c0" -v c1="$c1" -v hz="$hz" \
    -v conns="$3" -v bytes="$4" 'BEGIN {
	s = (t1 - t0) / 1000
	printf "%d pushes: last answered %.2f s after the send, %.0f pushes/s\n", n, s, n / s
	printf "feige CPU %.2f s: %.0f us per push; %d connections, %.0f bytes per push\n",
	    (c1 - c0) / hz, (c1 - c0) / hz / n * 1e6, conns, bytes / n }'
