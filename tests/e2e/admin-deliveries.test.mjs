// Issue 12, operators: failed deliveries listed per channel with their last
// error, and retried (one, or every failed delivery of a channel) through
// the CLI while the server runs: the CLI writes the request and the
// server's queue claims it (queue/requeue.c); a retry asked for while the
// server is stopped is delivered at its start. `feige status` shows the
// storage, the version and per-channel counts; check-config masks secrets.
import assert from 'node:assert/strict';
import { suite } from './lib/feige.mjs';
import { send, expectOk } from './lib/http.mjs';
import { sinkPool, addWebhook } from './lib/sink.mjs';
import { waitFor } from './lib/wait.mjs';

const S = suite({
  config: {
    'channel.allow_private': 'yes',
    'channel.timeout_ms': 1000,
    'queue.retry_base_ms': 50,
    'queue.retry_max': 1,
    'mail.password': 'hunter2-secret',
  },
});
const newSink = sinkPool();

// a webhook stand-in that answers 500 until told otherwise
async function failingHook(srv) {
  const sink = await newSink({ status: 500, body: '{"code":500,"msg":"down"}' });
  const code = await addWebhook(srv, 'adm', 8, sink.url('/hook'));
  return { sink, code };
}

async function sendTo(srv, code, content) {
  return expectOk(await send(srv.base, { token: srv.admin.token, title: 't', content, channel: 'webhook', webhook: code }));
}

S.test('a failed delivery is listed with its error, retried by id, then delivered', async (t, srv) => {
  const { sink, code } = await failingHook(srv);
  const sc = await sendTo(srv, code, 'first try fails');
  const m = await srv.waitStatus(sc, [3]);
  const did = m.deliveries[0].id;
  const list = await srv.cli(['delivery', 'failed', '--channel', 'webhook']);
  const row = list.failed.find((f) => f.id === did);
  assert.ok(row, JSON.stringify(list));
  assert.equal(row.shortCode, sc);
  assert.equal(row.channel, 'webhook');
  assert.equal(row.uid, srv.admin.uid);
  assert.match(row.error, /500/);
  assert.equal(list.next, 0);
  // another channel's list does not hold it
  const other = await srv.cli(['delivery', 'failed', '--channel', 'mail']);
  assert.equal(other.failed.find((f) => f.id === did), undefined);

  const before = sink.requests.length;
  sink.setReply({ status: 200, body: '{"code":0}' });
  const r = await srv.cli(['delivery', 'retry', String(did)]);
  assert.equal(r.retried, 1);
  const done = await srv.waitStatus(sc, [2]);
  assert.equal(done.deliveries[0].status, 2);
  assert.equal(sink.requests.length, before + 1, 'delivered once');
  assert.match(sink.requests.at(-1).body, /first try fails/);
  // no longer failed: a second retry of it is refused, the list lost it
  const again = await srv.cli(['delivery', 'retry', String(did)], { raw: true });
  assert.equal(again.code, 1);
  assert.match(again.stderr, /has not failed/);
  const after = await srv.cli(['delivery', 'failed']);
  assert.equal(after.failed.find((f) => f.id === did), undefined);
});

S.test('retry all failed deliveries of a channel; paging by --before', async (t, srv) => {
  const { sink, code } = await failingHook(srv);
  const codes = [];
  for (let i = 0; i < 3; i++) codes.push(await sendTo(srv, code, `bulk ${i}`));
  for (const sc of codes) await srv.waitStatus(sc, [3]);
  const p1 = await srv.cli(['delivery', 'failed', '--channel', 'webhook', '--limit', '2']);
  assert.equal(p1.failed.length, 2);
  assert.ok(p1.next > 0);
  const p2 = await srv.cli(['delivery', 'failed', '--channel', 'webhook', '--limit', '2', '--before', String(p1.next)]);
  assert.ok(p2.failed.length >= 1);
  assert.ok(p2.failed.every((f) => f.id < p1.next));
  const st = await srv.cli(['status']);
  const failed = st.deliveries.find((d) => d.channel === 'webhook' && d.state === 'failed');
  assert.ok(failed && failed.count >= 3, JSON.stringify(st));
  assert.match(failed.lastError, /500/);

  sink.setReply({ status: 200, body: '{"code":0}' });
  const r = await srv.cli(['delivery', 'retry', '--channel', 'webhook']);
  assert.ok(r.retried >= 3, JSON.stringify(r));
  for (const sc of codes) await srv.waitStatus(sc, [2]);
  for (let i = 0; i < 3; i++) assert.ok(sink.requests.some((q) => q.body.includes(`bulk ${i}`) && q.at));
  const none = await srv.cli(['delivery', 'failed', '--channel', 'webhook']);
  assert.equal(none.failed.length, 0);
  // nothing left to retry is not an error
  assert.equal((await srv.cli(['delivery', 'retry', '--channel', 'webhook'])).retried, 0);
});

S.test('a retry asked for while the server is stopped is delivered at its start', async (t, srv) => {
  const { sink, code } = await failingHook(srv);
  const sc = await sendTo(srv, code, 'while stopped');
  const m = await srv.waitStatus(sc, [3]);
  await srv.stop();
  sink.setReply({ status: 200, body: '{"code":0}' });
  const r = await srv.cli(['delivery', 'retry', String(m.deliveries[0].id)]);
  assert.equal(r.retried, 1);
  await srv.start();
  await srv.waitStatus(sc, [2]);
  await waitFor(() => sink.requests.filter((q) => q.body.includes('while stopped')).length === 2, 5000, { what: 'one delivery after start' });
});

S.test('status: version and storage; check-config masks secrets', async (t, srv) => {
  const st = await srv.cli(['status']);
  assert.match(st.version, /^\d+\.\d+/);
  assert.ok(st.storage.database > 0);
  assert.equal(st.storage.total, st.storage.database + st.storage.wal + st.storage.shm + st.storage.images);
  const cc = await srv.cli(['check-config', '--config', srv.configFile], { json: false });
  assert.match(cc, /^mail\.password = \*{8}$/m);
  assert.doesNotMatch(cc, /hunter2/);
  assert.match(cc, /^sms\.secret_key = $/m);
  // bad arguments
  const both = await srv.cli(['delivery', 'retry', '5', '--channel', 'webhook'], { raw: true });
  assert.equal(both.code, 1);
  const none = await srv.cli(['delivery', 'retry'], { raw: true });
  assert.equal(none.code, 1);
});
