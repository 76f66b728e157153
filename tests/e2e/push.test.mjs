// Delivery to a person's devices (issue 10 §3, docs/devices.md
// "Delivery"): every message that reaches a person's inbox is pushed to
// each of their devices by the push sender.  The stand-in push service
// (lib/pushsvc.mjs) holds the subscription's private keys as a browser
// would: it verifies VAPID and decrypts every push, so the tests check
// what a phone would show.
import assert from 'node:assert/strict';
import { suite } from './lib/feige.mjs';
import { send, request, expectOk } from './lib/http.mjs';
import { pushService } from './lib/pushsvc.mjs';
import { waitFor } from './lib/wait.mjs';

const S = suite({ config: { 'channel.allow_private': 'yes', 'queue.retry_base_ms': 200 } });

function api(srv, token, method, path, body) {
  const headers = token ? { Authorization: `Bearer ${token}` } : {};
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  return request(`${srv.base}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
}

export async function addWebPush(srv, token, ps) {
  const sub = ps.subscribe();
  const r = await api(srv, token, 'POST', '/api/devices', { type: 'webpush', subscription: sub });
  assert.equal(r.json.code, 200, r.text);
  return { sub, id: r.json.data.id };
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
  const p = JSON.parse(got.plain);
  assert.equal(p.title, '磁盘告警');
  assert.match(p.body, /disk full on host-1/);
  assert.equal(p.url, `${srv.base}/message/${sc}`);
  assert.equal(p.id, sc);
  await waitFor(async () => (await devices(srv, u.token))[0].lastStatus === 'sent', 10000, { what: 'lastStatus sent' });
});
