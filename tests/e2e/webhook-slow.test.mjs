// One slow upstream host holds at most channel.per_host requests on the
// outbound loop: eight webhooks to a host that never answers leave room
// for another user's webhook to a healthy host, which is delivered while
// the tarpit's requests are still hanging; the ones waiting or deferred
// are attempted later and each counts one attempt, not one per deferral.
import assert from 'node:assert/strict';
import { suite } from './lib/feige.mjs';
import { send, expectOk } from './lib/http.mjs';
import { addWebhook, sinkPool } from './lib/sink.mjs';

const S = suite({ config: { 'channel.allow_private': 'yes', 'channel.timeout_ms': 3000, 'queue.workers': 4, 'channel.per_host': 2, 'queue.retry_max': 1 } });
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
  assert.equal(tarpit.requests.length, 2, 'two of the eight in flight: channel.per_host');
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

// With a single queue worker, deliveries still do not wait for a tarpit:
// the worker only builds requests and hands them to the outbound loop.
const S1 = suite({ config: { 'channel.allow_private': 'yes', 'channel.timeout_ms': 20000, 'queue.workers': 1 } });

S1.test('one worker, eight tarpit webhooks in flight, another host still delivered', async (t, srv) => {
  const tarpit = await newSink({ delayMs: 60000, body: OK });
  const quick = await newSink({ body: OK });
  const slowHook = await addWebhook(srv, 'tp', 1, tarpit.url('/slow'));
  const quickHook = await addWebhook(srv, 'qk', 1, quick.url('/quick').replace('127.0.0.1', 'localhost'));
  for (let i = 0; i < 8; i++)
    expectOk(await send(srv.base, { token: srv.admin.token, content: 'slow ' + i, channel: 'webhook', option: slowHook }));
  await tarpit.waitForCount(8);
  const sc = expectOk(await send(srv.base, { token: srv.admin.token, content: 'quick', channel: 'webhook', option: quickHook }));
  const m = await srv.waitStatus(sc, [2, 3]);
  assert.equal(m.status, 2, JSON.stringify(m));
  assert.equal(quick.on('/quick').length, 1);
  assert.equal(tarpit.requests.length, 8, 'all eight on the wire at once');
});

// Requests waiting on the loop for their host's turn start as soon as a
// turn is free, not when something else wakes the loop: with one request
// to a host at a time and a host that takes 200 ms to answer, fifteen
// webhooks are all delivered in about 3 s.  The loop used to sleep after
// each reply until its poll timeout (1 s) when no other request was in
// flight, so the same fifteen took over 15 s.
const S2 = suite({ config: { 'channel.allow_private': 'yes', 'queue.workers': 2, 'channel.per_host': 1 } });

S2.test('one request to a host at a time: the next starts when the last is answered', async (t, srv) => {
  const slowish = await newSink({ delayMs: 200, body: OK });
  const hook = await addWebhook(srv, 'sl', 1, slowish.url('/s'));
  const ids = [];
  const t0 = Date.now();
  for (let i = 0; i < 15; i++)
    ids.push(expectOk(await send(srv.base, { token: srv.admin.token, content: 'm ' + i, channel: 'webhook', option: hook })));
  await slowish.waitForCount(15, () => true, 30000);
  const took = Date.now() - t0;
  for (const s of ids)
    assert.equal((await srv.waitStatus(s, [2, 3])).status, 2);
  assert.ok(took < 9000, `fifteen 200 ms requests, one at a time, took ${took} ms`);
});
