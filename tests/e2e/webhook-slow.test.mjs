// One slow upstream host holds at most half the delivery workers: eight
// webhooks to a host that never answers leave workers for another
// user's webhook to a healthy host, which is delivered while the
// tarpit's requests are still hanging; the deferred ones are attempted
// later and each counts one attempt, not one per deferral.
import assert from 'node:assert/strict';
import { suite } from './lib/feige.mjs';
import { send, expectOk } from './lib/http.mjs';
import { addWebhook, sinkPool } from './lib/sink.mjs';

const S = suite({ config: { 'channel.allow_private': 'yes', 'channel.timeout_ms': 3000, 'queue.workers': 4, 'queue.retry_max': 1 } });
const newSink = sinkPool();
const OK = '{"errcode":0,"errmsg":"ok"}';

S.test('eight tarpit webhooks do not hold up a webhook to another host', async (t, srv) => {
  const tarpit = await newSink({ delayMs: 60000, body: OK });
  const quick = await newSink({ body: OK });
  const slowHook = await addWebhook(srv, 'tp', 1, tarpit.url('/slow'));
  const other = await srv.addUser('bystander');
  const quickHook = await addWebhook({ ...srv, admin: other, cli: (a, o) => srv.cli(a, o) }, 'qk', 1, quick.url('/quick').replace('127.0.0.1', 'localhost'));
  const slow = [];
  for (let i = 0; i < 8; i++)
    slow.push(expectOk(await send(srv.base, { token: srv.admin.token, content: 'slow ' + i, channel: 'webhook', option: slowHook })));
  await tarpit.waitForCount(2);
  const sc = expectOk(await send(srv.base, { token: other.token, content: 'quick', channel: 'webhook', option: quickHook }));
  const m = await srv.waitStatus(sc, [2, 3]);
  assert.equal(m.status, 2, JSON.stringify(m));
  assert.equal(quick.on('/quick').length, 1);
  assert.equal(tarpit.requests.length, 2, 'two of the eight in flight: half of the four workers');
  for (const s of slow) {
    const r = await srv.cli(['message', 'show', s]);
    assert.notEqual(r.status, 3, 'no tarpit delivery has failed yet');
  }
  // the tarpit's deliveries are each tried once, then fail on their timeout
  for (const s of slow) {
    const r = await srv.waitStatus(s, [3], 60000);
    assert.equal(r.deliveries[0].attempts, 1, JSON.stringify(r));
  }
  assert.equal(tarpit.requests.length, 8);
});
