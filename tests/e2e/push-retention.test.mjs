// Retention of the push outbox (docs/devices.md "Delivery"): the purge
// thread of the WxPusher retention (store/wx_purge.c) also deletes final
// pushes (sent, failed, gone) created more than push.retention_days ago,
// in bounded steps of 2000 rows; pending and waiting pushes stay however
// old, and do not stall the walk behind them.  Rows are made old with the
// sqlite3 CLI, as in wx-retention.test.mjs, and the database is read back.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { startFeige } from './lib/feige.mjs';
import { send, request, expectOk } from './lib/http.mjs';
import { pushService } from './lib/pushsvc.mjs';
import { waitFor, sleep } from './lib/wait.mjs';
import { HAVE_SQLITE3, sql } from './lib/sqlite.mjs';

const DAY = 86400000;
const skip = HAVE_SQLITE3 ? false : 'needs the sqlite3 CLI to backdate rows';

const count = (srv, where) => Number(sql(srv, `SELECT count(*) FROM pushes WHERE ${where};`));

function purgeLine(srv, after) {
  const line = srv.allStderr.slice(after).split('\n').find((l) => l.includes('msg="push purge"'));
  if (!line) return null;
  const m = /pushes=(\d+) batches=(\d+)/.exec(line);
  assert.ok(m, line);
  return { pushes: +m[1], batches: +m[2] };
}

async function withServer(config, fn) {
  const srv = await startFeige({ config: { 'channel.allow_private': 'yes', 'wxpusher.purge_interval_s': 1, ...config } });
  const ps = await pushService();
  try {
    await fn(srv, ps);
    await srv.stop();
  } catch (e) {
    throw srv.annotate(e);
  } finally {
    await ps.close();
    await srv.cleanup();
  }
}

// A person with a Web Push device and one push sent to it; returns the device id.
async function sentPush(srv, ps) {
  const u = await srv.addUser('ret-push');
  const r = await request(`${srv.base}/api/devices`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${u.token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ type: 'webpush', subscription: ps.subscribe() }),
  });
  assert.equal(r.json.code, 200, r.text);
  const sc = expectOk(await send(srv.base, { token: u.token, title: 't', content: 'old push' }));
  await srv.waitStatus(sc, [2]);
  await waitFor(() => count(srv, "status = 'sent'") === 1, 10000, { what: 'the push sent' });
  return { device: r.json.data.id, user: Number(sql(srv, 'SELECT user_id FROM pushes LIMIT 1;')) };
}

// n rows of one status created at `at` (ids after every row so far).
const rows = (n, status, at, { device, user }) => `INSERT INTO pushes (device_id, user_id, message_id, status, next_ms, created_ms, updated_ms)
  SELECT ${device}, ${user}, 0, '${status}', ${Date.now() + 30 * DAY}, ${at}, ${at}
  FROM (WITH RECURSIVE c(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM c WHERE i < ${n}) SELECT i FROM c) AS r;`;

test('final pushes older than push.retention_days go in bounded steps; pending, waiting and young ones stay', { skip, timeout: 60000 }, async () => {
  await withServer({ 'push.retention_days': 1 }, async (srv, ps) => {
    const dev = await sentPush(srv, ps);
    const old = Date.now() - 2 * DAY;
    const mark = srv.allStderr.length;
    sql(srv, `BEGIN;
      UPDATE pushes SET created_ms = ${old};
      ${rows(2500, 'waiting', old, dev)}
      ${rows(1, 'pending', old, dev)}
      ${rows(1500, 'failed', old, dev)}
      ${rows(1000, 'sent', old, dev)}
      ${rows(3, 'gone', old, dev)}
      ${rows(5, 'sent', Date.now(), dev)}
      ${rows(2, 'failed', old, dev)}
      COMMIT;`);
    const line = await waitFor(() => purgeLine(srv, mark), 15000, { what: 'push purge log line' });
    // 1 real + 1500 + 1000 + 3; the two old rows after the young ones wait
    assert.equal(line.pushes, 2504);
    assert.ok(line.batches >= 3, `2000 rows per step: ${line.batches}`);
    assert.equal(count(srv, "status = 'waiting'"), 2500);
    assert.equal(count(srv, "status = 'pending'"), 1);
    assert.equal(count(srv, "status = 'sent'"), 5);
    assert.equal(count(srv, "status = 'gone'"), 0);
    assert.equal(count(srv, "status = 'failed'"), 2, 'behind a young row: waits for it');
    assert.equal(count(srv, 'true'), 2508);
  });
});

test('push.retention_days = 0 keeps every push', { skip, timeout: 60000 }, async () => {
  await withServer({ 'push.retention_days': 0 }, async (srv, ps) => {
    const dev = await sentPush(srv, ps);
    const old = Date.now() - 4000 * DAY;
    sql(srv, `UPDATE pushes SET created_ms = ${old}; ${rows(10, 'failed', old, dev)}`);
    await sleep(2500); // two purge runs at 1 s
    assert.equal(count(srv, 'true'), 11);
    assert.ok(!srv.allStderr.includes('msg="push purge"'));
  });
});
