// WxPusher retention: the purge deletes send records past
// wxpusher.retention_days with their deliveries, parametric QR codes
// expired for more than a day and daily counters of the days before
// yesterday, through the writer, at start and every
// wxpusher.purge_interval_s; messages and inbox items stay. Rows are
// made old with the sqlite3 CLI (WAL mode: it writes next to the running
// server, as the admin CLI does), then the database is read back to show
// they are gone, not just hidden by the status query's retention check.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { startFeige } from './lib/feige.mjs';
import { waitFor, sleep } from './lib/wait.mjs';
import { wxGet, wxPost, newApp, followers, sendWx } from './lib/wx.mjs';
import { HAVE_SQLITE3, sql } from './lib/sqlite.mjs';

const DAY = 86400000;
const skip = HAVE_SQLITE3 ? false : 'needs the sqlite3 CLI to backdate rows';

const count = (srv, q) => Number(sql(srv, q));

async function status(srv, id) {
  return wxGet(srv.base, '/api/send/query/status', { sendRecordId: id });
}

function purgeLine(srv, after = 0) {
  const lines = srv.allStderr.slice(after).split('\n').filter((l) => l.includes('msg="wxpusher purge"'));
  if (!lines.length) return null;
  const m = /records=(\d+) deliveries=(\d+) qrcodes=(\d+) daily=(\d+) batches=(\d+) ms=(\d+)/.exec(lines[0]);
  assert.ok(m, lines[0]);
  return { records: +m[1], deliveries: +m[2], qrcodes: +m[3], daily: +m[4], batches: +m[5] };
}

async function withServer(config, fn) {
  const srv = await startFeige({ config });
  try {
    await fn(srv);
    await srv.stop();
  } catch (e) {
    throw srv.annotate(e);
  } finally {
    await srv.cleanup();
  }
}

test('periodic purge: old records and their deliveries and expired QR codes go; fresh ones and the inbox stay', { skip, timeout: 60000 }, async () => {
  await withServer({ 'wxpusher.purge_interval_s': 1 }, async (srv) => {
    const app = await newApp(srv, 'ret');
    const topic = await srv.cli(['topic', 'add', String(app.appId), 'news']);
    const [a, b] = await followers(srv, 2, { app: app.appId, prefix: 'ra' });
    const [c] = await followers(srv, 1, { topic: topic.topicId, prefix: 'rt' });
    const old = await sendWx(srv.base, { appToken: app.appToken, content: 'old send', uids: [a.uid], topicIds: [topic.topicId] });
    const fresh = await sendWx(srv.base, { appToken: app.appToken, content: 'fresh send', uids: [a.uid, b.uid] });
    const oldIds = old.data.map((r) => r.sendRecordId);
    const cid = old.data[0].messageContentId;
    for (const id of [...oldIds, ...fresh.data.map((r) => r.sendRecordId)]) {
      const st = await status(srv, id);
      assert.equal(st.code, 1000);
      assert.equal(st.data, 2);
    }
    assert.equal(count(srv, `SELECT count(*) FROM deliveries WHERE record_id IN (${oldIds})`), 2);
    const gone = await wxPost(srv.base, '/api/fun/create/qrcode', { appToken: app.appToken, extra: 'gone', validTime: 1 });
    const live = await wxPost(srv.base, '/api/fun/create/qrcode', { appToken: app.appToken, extra: 'live', validTime: 600 });

    const mark = srv.allStderr.length;
    sql(srv, `BEGIN;
      UPDATE wx_records SET created_ms = created_ms - ${8 * DAY} WHERE message_id = ${cid};
      UPDATE wx_qrcodes SET expires_ms = expires_ms - ${2 * DAY} WHERE secret = '${gone.data.code}';
      COMMIT;`);
    const line = await waitFor(() => purgeLine(srv, mark), 10000, { what: 'purge log line' });
    assert.deepEqual({ ...line, batches: 0 }, { records: 2, deliveries: 2, qrcodes: 1, daily: 0, batches: 0 });

    // the rows are gone, not just past the status query's retention
    assert.equal(count(srv, `SELECT count(*) FROM wx_records WHERE message_id = ${cid}`), 0);
    assert.equal(count(srv, `SELECT count(*) FROM deliveries WHERE record_id IN (${oldIds})`), 0);
    assert.equal(count(srv, `SELECT count(*) FROM wx_qrcodes WHERE secret = '${gone.data.code}'`), 0);
    assert.equal(count(srv, `SELECT count(*) FROM wx_qrcodes WHERE secret = '${live.data.code}'`), 1);
    for (const id of oldIds) {
      const st = await status(srv, id);
      assert.equal(st.code, 1001);
      assert.equal(st.msg, '消息不存在或已过期');
      assert.equal(st.data, null);
    }
    for (const r of fresh.data) {
      const st = await status(srv, r.sendRecordId);
      assert.equal(st.code, 1000);
      assert.equal(st.data, 2);
    }
    // the message and the inbox items stay
    assert.equal(count(srv, `SELECT count(*) FROM messages WHERE id = ${cid}`), 1);
    assert.ok((await srv.inbox(a.token)).some((m) => m.content === 'old send'));
    assert.ok((await srv.inbox(c.token)).some((m) => m.content === 'old send'));
    // deliveries of other sends (follow tips: record_id 0) are untouched
    assert.ok(count(srv, 'SELECT count(*) FROM deliveries WHERE record_id = 0') >= 3);
  });
});

test('purge at start honours wxpusher.retention_days and drops old daily counters', { skip, timeout: 60000 }, async () => {
  await withServer({ 'wxpusher.retention_days': 2, 'wxpusher.purge_interval_s': 3600 }, async (srv) => {
    const app = await newApp(srv, 'start');
    const [a] = await followers(srv, 1, { app: app.appId, prefix: 'st' });
    const three = await sendWx(srv.base, { appToken: app.appToken, content: 'three days', uids: [a.uid] });
    const one = await sendWx(srv.base, { appToken: app.appToken, content: 'one day', uids: [a.uid] });
    const now = await sendWx(srv.base, { appToken: app.appToken, content: 'now', uids: [a.uid] });
    const id = (r) => r.data[0].sendRecordId;
    await srv.stop();
    const today = Math.floor((Date.now() + 8 * 3600000) / DAY);
    const uid = count(srv, `SELECT id FROM users WHERE uid = '${a.uid}'`);
    sql(srv, `BEGIN;
      UPDATE wx_records SET created_ms = created_ms - ${3 * DAY} WHERE id = ${id(three)};
      UPDATE wx_records SET created_ms = created_ms - ${1 * DAY} WHERE id = ${id(one)};
      INSERT INTO wx_daily(user_id, day, n) VALUES (${uid}, ${today - 5}, 7), (${uid}, ${today - 1}, 2);
      COMMIT;`);
    const mark = srv.allStderr.length;
    await srv.start();
    const line = await waitFor(() => purgeLine(srv, mark), 10000, { what: 'purge log line at start' });
    assert.equal(line.records, 1);
    assert.equal(line.deliveries, 1);
    assert.equal(line.daily, 1);
    assert.equal((await status(srv, id(three))).code, 1001);
    assert.equal((await status(srv, id(one))).code, 1000);
    assert.equal((await status(srv, id(now))).code, 1000);
    assert.equal(count(srv, `SELECT count(*) FROM wx_records WHERE id = ${id(three)}`), 0);
    assert.equal(count(srv, `SELECT count(*) FROM wx_daily WHERE day = ${today - 5}`), 0);
    assert.equal(count(srv, `SELECT n FROM wx_daily WHERE day = ${today - 1}`), 2);
    assert.equal(count(srv, `SELECT n FROM wx_daily WHERE day = ${today}`), 3);
  });
});

test('wxpusher.purge_interval_s = 0 never purges (the status query still hides old records)', { skip, timeout: 60000 }, async () => {
  await withServer({ 'wxpusher.purge_interval_s': 0 }, async (srv) => {
    const app = await newApp(srv, 'off');
    const [a] = await followers(srv, 1, { app: app.appId, prefix: 'off' });
    const r = await sendWx(srv.base, { appToken: app.appToken, content: 'kept', uids: [a.uid] });
    const rid = r.data[0].sendRecordId;
    sql(srv, `UPDATE wx_records SET created_ms = created_ms - ${30 * DAY} WHERE id = ${rid};`);
    await srv.restart();
    await sleep(1000);
    assert.equal(purgeLine(srv), null);
    assert.equal(count(srv, `SELECT count(*) FROM wx_records WHERE id = ${rid}`), 1);
    assert.equal((await status(srv, rid)).code, 1001);
  });
});
