// Delivery to a person's devices (issue 10 §3, docs/devices.md
// "Delivery"): every message that reaches a person's inbox is pushed to
// each of their devices by the push sender.  The stand-in push service
// (lib/pushsvc.mjs) holds the subscription's private keys as a browser
// would: it verifies VAPID and decrypts every push, so the tests check
// what a phone would show.
import assert from 'node:assert/strict';
import { suite, startFeige } from './lib/feige.mjs';
import { send, request, expectOk } from './lib/http.mjs';
import { pushService, addWebPush } from './lib/pushsvc.mjs';
import { waitFor } from './lib/wait.mjs';
import { newApp, followers, sendWx, wxGet } from './lib/wx.mjs';
import { sinkPool } from './lib/sink.mjs';
import { enableOpen, accessKey, open } from './lib/open.mjs';

const newSink = sinkPool();
const S = suite({ config: { 'channel.allow_private': 'yes', 'queue.retry_base_ms': 200 } });

function api(srv, token, method, path, body) {
  const headers = token ? { Authorization: `Bearer ${token}` } : {};
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  return request(`${srv.base}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
}

async function devices(srv, token) {
  const r = await api(srv, token, 'GET', '/api/devices');
  assert.equal(r.json.code, 200, r.text);
  return r.json.data;
}

const pushesTo = (ps, sub) => ps.received.filter((x) => x.path === new URL(sub.endpoint).pathname);

S.test('pushplus send to self: the Web Push device gets title, body and the message link, encrypted', async (t, srv) => {
  const ps = await pushService();
  t.after(() => ps.close());
  const u = await srv.addUser('push-self');
  const { sub } = await addWebPush(srv, u.token, ps);
  const sc = expectOk(await send(srv.base, { token: u.token, title: '磁盘告警', content: 'disk <b>full</b> on host-1' }));
  await srv.waitStatus(sc, [2]);
  await waitFor(() => pushesTo(ps, sub).length === 1, 10000, { what: 'the push' });
  const got = pushesTo(ps, sub)[0];
  assert.equal(got.method, 'POST');
  assert.ok(got.vapid.ok, got.vapid.why);
  assert.equal(got.error, undefined);
  assert.equal(got.headers['content-encoding'], 'aes128gcm');
  assert.equal(got.headers.ttl, '86400');
  assert.equal(got.headers.urgency, 'high');
  assert.equal(got.headers.topic, sc);
  assert.equal(got.vapid.claims.sub, 'mailto:feige@localhost', 'no public_url, no webpush.contact');
  const p = JSON.parse(got.plain);
  assert.equal(p.title, '磁盘告警');
  assert.match(p.body, /disk full on host-1/);
  assert.equal(p.url, `${srv.base}/message/${sc}`);
  assert.equal(p.id, sc);
  await waitFor(async () => (await devices(srv, u.token))[0].lastStatus === 'sent', 10000, { what: 'lastStatus sent' });
});

S.test('a pushplus group message reaches each member with a device; members without one just get the inbox', async (t, srv) => {
  const ps = await pushService();
  t.after(() => ps.close());
  const code = 'pushgrp' + process.pid;
  await srv.cli(['group', 'add', srv.admin.uid, code, '推送群组']);
  const members = [];
  for (let i = 0; i < 3; i++) {
    const u = await srv.addUser(`push-m${i}`);
    await srv.cli(['group', 'join', code, u.uid]);
    members.push(u);
  }
  const subs = [await addWebPush(srv, members[0].token, ps), await addWebPush(srv, members[1].token, ps)];
  const sc = expectOk(await send(srv.base, { token: srv.admin.token, title: '群发', content: 'to the group', topic: code }));
  await srv.waitStatus(sc, [2]);
  for (const { sub } of subs) {
    await waitFor(() => pushesTo(ps, sub).length === 1, 10000, { what: 'a member push' });
    const p = JSON.parse(pushesTo(ps, sub)[0].plain);
    assert.equal(p.title, '群发');
    assert.equal(p.url, `${srv.base}/message/${sc}`);
  }
  assert.ok((await srv.inbox(members[2].token)).some((x) => x.shortCode === sc), 'the member without a device has it in the inbox');
  assert.equal(ps.received.length, 2);
});

S.test('a WxPusher send to a uid reaches the follower\'s Web Push device', async (t, srv) => {
  const ps = await pushService();
  t.after(() => ps.close());
  const app = await newApp(srv, 'pushapp');
  const [f] = await followers(srv, 1, { app: app.appId, prefix: 'pwx' });
  const { sub } = await addWebPush(srv, f.token, ps);
  const r = await sendWx(srv.base, { appToken: app.appToken, content: 'wx push body', uids: [f.uid] });
  assert.equal(r.code, 1000, JSON.stringify(r));
  await waitFor(() => pushesTo(ps, sub).length === 1, 10000, { what: 'the WxPusher push' });
  const got = pushesTo(ps, sub)[0];
  assert.ok(got.vapid.ok, got.vapid.why);
  const p = JSON.parse(got.plain);
  assert.equal(p.title, 'pushapp', 'no title: the app name');
  assert.match(p.body, /wx push body/);
  assert.match(p.url, new RegExp(`^${srv.base}/message/[0-9a-f]{32}$`));
});

S.test('410: the subscription is gone and the device is removed', async (t, srv) => {
  const ps = await pushService();
  t.after(() => ps.close());
  const u = await srv.addUser('push-410');
  const { sub } = await addWebPush(srv, u.token, ps);
  ps.answer(sub, 410);
  expectOk(await send(srv.base, { token: u.token, title: 't', content: 'gone' }));
  await waitFor(async () => (await devices(srv, u.token)).length === 0, 10000, { what: 'the device removed' });
  assert.equal(pushesTo(ps, sub).length, 1);
  const sc = expectOk(await send(srv.base, { token: u.token, title: 't2', content: 'after' }));
  await srv.waitStatus(sc, [2]);
  assert.equal(pushesTo(ps, sub).length, 1, 'nothing more is pushed to it');
});

S.test('413: a final failure, shown in GET /api/devices, not retried', async (t, srv) => {
  const ps = await pushService();
  t.after(() => ps.close());
  const u = await srv.addUser('push-413');
  const { sub } = await addWebPush(srv, u.token, ps);
  ps.answer(sub, 413);
  expectOk(await send(srv.base, { token: u.token, title: 't', content: 'too big' }));
  const d = await waitFor(async () => {
    const l = await devices(srv, u.token);
    return l[0].lastStatus === 'failed' && l[0];
  }, 10000, { what: 'lastStatus failed' });
  assert.match(d.lastError, /413/);
  assert.ok(d.lastPushMs > 0);
  // feige message show lists the message's device pushes
  const first = JSON.parse(pushesTo(ps, sub)[0].plain).id;
  const shown = await srv.showMessage(first);
  assert.equal(shown.status, 2, 'the inbox delivery settles the message as before');
  assert.equal(shown.pushes.length, 1);
  assert.equal(shown.pushes[0].type, 'webpush');
  assert.equal(shown.pushes[0].kind, 'push');
  assert.equal(shown.pushes[0].status, 'failed');
  assert.equal(shown.pushes[0].attempts, 1);
  assert.match(shown.pushes[0].error, /^HTTP 413/);
  const text = await srv.cli(['message', 'show', first], { json: false, raw: true });
  assert.match(text.stdout, /push \d+ to device \d+ \(webpush\): failed, 1 attempt\(s\): HTTP 413/);
  // a later message goes out again: the device stays
  const sc = expectOk(await send(srv.base, { token: u.token, title: 't2', content: 'small' }));
  await waitFor(() => pushesTo(ps, sub).length === 2, 10000, { what: 'the next push' });
  assert.equal(JSON.parse(pushesTo(ps, sub)[1].plain).id, sc);
  await waitFor(async () => (await devices(srv, u.token))[0].lastStatus === 'sent', 10000, { what: 'sent' });
});

S.test('429 with Retry-After: no request to that push service before it, then delivered', async (t, srv) => {
  const ps = await pushService();
  t.after(() => ps.close());
  const u = await srv.addUser('push-429');
  const v = await srv.addUser('push-429b');
  const { sub } = await addWebPush(srv, u.token, ps);
  const other = await addWebPush(srv, v.token, ps);
  ps.answer(sub, 429, 2);
  const sc = expectOk(await send(srv.base, { token: u.token, title: 't', content: 'later' }));
  await waitFor(() => pushesTo(ps, sub).length === 1, 10000, { what: 'the first try' });
  const refusedAt = pushesTo(ps, sub)[0].at;
  // the 429 is recorded (and the backoff set) before the next send
  await waitFor(async () => (await srv.showMessage(sc)).pushes[0].attempts === 1, 10000, { what: 'the 429 recorded' });
  // another device on the same push service: held back by the backoff too
  expectOk(await send(srv.base, { token: v.token, title: 't', content: 'same host' }));
  await waitFor(() => pushesTo(ps, sub).length === 2 && pushesTo(ps, other.sub).length === 1, 15000, { what: 'both delivered' });
  assert.ok(pushesTo(ps, sub)[1].at >= refusedAt + 2000, 'the retry waited for Retry-After');
  assert.ok(pushesTo(ps, other.sub)[0].at >= refusedAt + 2000, 'the host got no request during its backoff');
  assert.equal(pushesTo(ps, sub)[1].answered, 201);
  await waitFor(async () => (await devices(srv, u.token))[0].lastStatus === 'sent', 10000, { what: 'sent' });
});

S.test('a push service that never answers does not hold up another one', async (t, srv) => {
  const slow = await pushService();
  const fast = await pushService({ host: '127.0.0.2' });
  t.after(() => slow.close());
  t.after(() => fast.close());
  slow.hold();
  const u = await srv.addUser('push-tarpit');
  const a = await addWebPush(srv, u.token, slow);
  const b = await addWebPush(srv, u.token, fast);
  for (let i = 0; i < 3; i++) expectOk(await send(srv.base, { token: u.token, title: `t${i}`, content: 'x' }));
  await waitFor(() => pushesTo(fast, b.sub).length === 3, 10000, { what: 'the fast service has all three' });
  assert.ok(pushesTo(slow, a.sub).every((x) => x.answered === undefined), 'while the slow one still holds its pushes');
  slow.release();
});

S.test('kill -9 with a push in flight: it is sent after the restart', async (t, srv) => {
  const ps = await pushService();
  t.after(() => ps.close());
  const u = await srv.addUser('push-crash');
  const { sub } = await addWebPush(srv, u.token, ps);
  ps.hold();
  const sc = expectOk(await send(srv.base, { token: u.token, title: 'crash', content: 'survives' }));
  await waitFor(() => pushesTo(ps, sub).length === 1, 10000, { what: 'the push in flight' });
  await srv.kill9();
  ps.release();
  await srv.start();
  // the held push of the killed server is answered on release too: wait
  // for the one the restarted server sent (its link names the new port)
  const fromNew = () => pushesTo(ps, sub).filter((x) => x.answered === 201 && JSON.parse(x.plain).url === `${srv.base}/message/${sc}`);
  await waitFor(() => fromNew().length > 0, 15000, { what: 'the push again after the restart' });
  assert.equal(JSON.parse(fromNew()[0].plain).id, sc);
});

S.test('recall (WxPusher delete): the device gets {"id","recall":true} with the same Topic', async (t, srv) => {
  const ps = await pushService();
  t.after(() => ps.close());
  const app = await newApp(srv, 'pushrecall');
  const [f] = await followers(srv, 1, { app: app.appId, prefix: 'prc' });
  const { sub } = await addWebPush(srv, f.token, ps);
  const r = await sendWx(srv.base, { appToken: app.appToken, content: 'recall me', uids: [f.uid] });
  await waitFor(() => pushesTo(ps, sub).length === 1, 10000, { what: 'the push' });
  const first = JSON.parse(pushesTo(ps, sub)[0].plain);
  const del = await wxGet(srv.base, '/api/send/message', { messageContentId: r.data[0].messageContentId, appToken: app.appToken }, { method: 'DELETE' });
  assert.equal(del.code, 1000);
  await waitFor(() => pushesTo(ps, sub).length === 2, 10000, { what: 'the recall push' });
  const rec = pushesTo(ps, sub)[1];
  assert.ok(rec.vapid.ok, rec.vapid.why);
  assert.deepEqual(JSON.parse(rec.plain), { id: first.id, recall: true });
  assert.equal(rec.headers.topic, first.id);
  assert.ok(!rec.plain.includes('recall me'), 'nothing of the message is in it');
});

S.test('Bark: the exact request at the Bark server; a recall replaces it by the same id', async (t, srv) => {
  const bark = await newSink({ body: '{"code":200,"message":"success","timestamp":1700000000}' });
  const u = await srv.addUser('push-bark');
  const r = await api(srv, u.token, 'POST', '/api/devices', { type: 'bark', server: bark.url(''), key: 'BarkKey_1' });
  assert.equal(r.json.code, 200, r.text);
  await enableOpen(srv, u.uid);
  const key = await accessKey(srv, u.token);
  const sc = expectOk(await send(srv.base, { token: u.token, title: 'Bark 标题 "q"', content: 'line one\nline two' }));
  await bark.waitForCount(1);
  const got = bark.requests[0];
  assert.equal(got.method, 'POST');
  assert.equal(got.path, '/push');
  assert.equal(got.headers['content-type'], 'application/json; charset=utf-8');
  const want =
    '{"device_key":"BarkKey_1","title":"Bark 标题 \\"q\\"","body":"line one line two",' +
    `"url":"${srv.base}/message/${sc}","group":"feige","id":"${sc}"}`;
  assert.equal(got.body, want);
  assert.equal(got.headers['content-length'], String(Buffer.byteLength(want)));
  await waitFor(async () => (await devices(srv, u.token))[0].lastStatus === 'sent', 10000, { what: 'sent' });
  const del = await open(srv, key, 'DELETE', 'message/deleteMessage', { query: { shortCode: sc } });
  assert.equal(del.code, 200, JSON.stringify(del));
  await bark.waitForCount(2);
  assert.equal(bark.requests[1].body,
    '{"device_key":"BarkKey_1","title":"消息已撤回","body":"发送者撤回了这条消息 (the sender took it back)",' +
    `"group":"feige","id":"${sc}","delete":"1"}`);
});

S.test('Bark: an unknown device key is gone; a 500 is retried', async (t, srv) => {
  const bark = await newSink();
  bark.script.push({ status: 500, body: '{"code":500,"message":"push failed: ServiceUnavailable"}' });
  bark.script.push({ status: 400, body: '{"code":400,"message":"failed to get device token: not found"}' });
  const u = await srv.addUser('push-bark-gone');
  await api(srv, u.token, 'POST', '/api/devices', { type: 'bark', server: bark.url(''), key: 'Gone' });
  expectOk(await send(srv.base, { token: u.token, title: 't', content: 'x' }));
  await waitFor(async () => (await devices(srv, u.token)).length === 0, 10000, { what: 'the device removed' });
  assert.equal(bark.requests.length, 2, 'the 500 was tried again, the 400 was final');
});

S.test('UnifiedPush: the same encrypted request; a 200 (ntfy) is taken, a redirect is not followed', async (t, srv) => {
  const ps = await pushService();
  t.after(() => ps.close());
  const u = await srv.addUser('push-up');
  const sub = ps.subscribe();
  const r = await api(srv, u.token, 'POST', '/api/devices', { type: 'unifiedpush', endpoint: sub.endpoint, keys: sub.keys });
  assert.equal(r.json.code, 200, r.text);
  ps.answer(sub, 200);
  const sc = expectOk(await send(srv.base, { token: u.token, title: 'UP', content: 'unified' }));
  await waitFor(() => pushesTo(ps, sub).length === 1, 10000, { what: 'the push' });
  const p = JSON.parse(pushesTo(ps, sub)[0].plain);
  assert.equal(p.title, 'UP');
  assert.equal(p.id, sc);
  await waitFor(async () => (await devices(srv, u.token))[0].lastStatus === 'sent', 10000, { what: 'sent' });
  ps.answer(sub, 307);
  expectOk(await send(srv.base, { token: u.token, title: 'UP2', content: 'moved' }));
  const d = await waitFor(async () => {
    const l = await devices(srv, u.token);
    return l[0].lastStatus === 'failed' && l[0];
  }, 10000, { what: 'failed' });
  assert.match(d.lastError, /307/);
  assert.equal(pushesTo(ps, sub).length, 2);
});

S.test('queue.inline_inbox = no: the worker\'s inbox delivery pushes too; webpush.contact is the VAPID sub', async (t) => {
  const srv = await startFeige({
    config: { 'channel.allow_private': 'yes', 'queue.inline_inbox': 'no', 'webpush.contact': 'https://feige.example.com/about' },
  });
  const ps = await pushService();
  try {
    const u = await srv.addUser('push-worker');
    const { sub } = await addWebPush(srv, u.token, ps);
    const sc = expectOk(await send(srv.base, { token: u.token, title: 'via worker', content: 'w' }));
    await srv.waitStatus(sc, [2]);
    await waitFor(() => pushesTo(ps, sub).length === 1, 10000, { what: 'the push' });
    assert.equal(JSON.parse(pushesTo(ps, sub)[0].plain).id, sc);
    assert.equal(pushesTo(ps, sub)[0].vapid.claims.sub, 'https://feige.example.com/about');
  } finally {
    await ps.close();
    await srv.stop();
    await srv.cleanup();
  }
});

S.test('a device deleted while its push waits for a retry: the push says so and is not sent', async (t, srv) => {
  const ps = await pushService();
  t.after(() => ps.close());
  const u = await srv.addUser('push-del');
  const { sub, id } = await addWebPush(srv, u.token, ps);
  ps.answer(sub, 429, 30);
  const sc = expectOk(await send(srv.base, { token: u.token, title: 't', content: 'wait' }));
  await waitFor(async () => {
    const m = await srv.showMessage(sc);
    return m.pushes[0].attempts === 1 && m.pushes[0].status === 'pending';
  }, 10000, { what: 'the push waiting for its retry' });
  const del = await api(srv, u.token, 'DELETE', `/api/devices/${id}`);
  assert.equal(del.json.code, 200);
  const m = await srv.showMessage(sc);
  assert.equal(m.pushes[0].status, 'gone');
  assert.equal(m.pushes[0].type, '(deleted)');
  assert.match(m.pushes[0].error, /deleted/);
  assert.equal(pushesTo(ps, sub).length, 1);
});
