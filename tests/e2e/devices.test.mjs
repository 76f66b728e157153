// The device API (docs/devices.md "Device API"): the VAPID public key,
// registering a person's Web Push subscription (the recording stand-in
// push service's, whose private keys it holds), Bark, e-mail and
// UnifiedPush devices; upsert on re-subscribe, the 50-device cap, own
// devices only, and refused keys and URLs.  Delivery is not wired yet.
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import http from 'node:http';
import { suite, startFeige } from './lib/feige.mjs';
import { request } from './lib/http.mjs';
import { pushService, p256Public, checkVapid } from './lib/pushsvc.mjs';
import { signIn } from './lib/person.mjs';

// an SMTP server that is not there: e-mail devices need one configured
// (their confirmation mails fail here, which these tests do not look at)
const S = suite({ config: { 'channel.allow_private': 'yes', 'mail.host': '127.0.0.1', 'mail.port': 9, 'mail.from': 'feige@example.test' } });

function api(srv, token, method, path, body) {
  const headers = token ? { Authorization: `Bearer ${token}` } : {};
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  return request(`${srv.base}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
}

async function add(srv, token, body) {
  const r = await api(srv, token, 'POST', '/api/devices', body);
  assert.equal(r.status, 200, r.text);
  return r.json;
}

async function list(srv, token) {
  const r = await api(srv, token, 'GET', '/api/devices');
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.code, 200, r.text);
  return r.json.data;
}

// Web Push keys as a UnifiedPush app gives them with its endpoint
function upKeys() {
  const ecdh = crypto.createECDH('prime256v1');
  ecdh.generateKeys();
  return { p256dh: ecdh.getPublicKey().toString('base64url'), auth: crypto.randomBytes(16).toString('base64url') };
}

function refused(env, re) {
  assert.equal(env.code, 999, JSON.stringify(env));
  assert.match(env.msg, re);
}

S.test('VAPID public key: 65 bytes on P-256, no token needed, the same after a restart', async (t, srv) => {
  const r = await request(`${srv.base}/api/webpush/vapid`);
  assert.equal(r.status, 200);
  assert.match(r.headers['content-type'], /application\/json/);
  const raw = Buffer.from(r.json.publicKey, 'base64url');
  assert.equal(raw.length, 65);
  assert.equal(raw[0], 4);
  assert.doesNotThrow(() => p256Public(raw));
  await srv.restart();
  const again = await request(`${srv.base}/api/webpush/vapid`);
  assert.equal(again.json.publicKey, r.json.publicKey);
});

S.test('no person: 401 in the envelope', async (t, srv) => {
  for (const token of [null, 'not-a-token']) {
    const r = await api(srv, token, 'GET', '/api/devices');
    assert.equal(r.status, 401);
    assert.equal(r.json.code, 401);
    assert.match(r.json.msg, /未登录/);
  }
  const d = await api(srv, null, 'DELETE', '/api/devices/1');
  assert.equal(d.status, 401);
});

S.test('a Web Push subscription: added, upserted on re-subscribe, listed without its keys, deleted', async (t, srv) => {
  const ps = await pushService();
  t.after(() => ps.close());
  const u = await srv.addUser('dev-wp');
  const sub = ps.subscribe();
  const a = await add(srv, u.token, { type: 'webpush', subscription: sub });
  assert.equal(a.code, 200, JSON.stringify(a));
  assert.ok(Number.isInteger(a.data.id) && a.data.id > 0);
  // the app starts again and re-subscribes: same row, same id
  const b = await add(srv, u.token, { type: 'webpush', subscription: sub });
  assert.equal(b.data.id, a.data.id);
  // new keys for the same endpoint replace the old ones
  const fresh = ps.subscribe();
  const c = await add(srv, u.token, { type: 'webpush', subscription: { endpoint: sub.endpoint, keys: fresh.keys } });
  assert.equal(c.data.id, a.data.id);
  const l = await list(srv, u.token);
  assert.equal(l.length, 1);
  assert.equal(l[0].id, a.data.id);
  assert.equal(l[0].type, 'webpush');
  assert.equal(l[0].endpoint, sub.endpoint);
  assert.ok(l[0].createdMs > 0 && l[0].lastSeenMs >= l[0].createdMs);
  assert.ok(!JSON.stringify(l).includes(sub.keys.auth), 'the auth secret is not listed');
  // the session of the person pages works too
  const ck = await request(`${srv.base}/api/devices`, { headers: { Cookie: (await signIn(srv, u.uid)).header() } });
  assert.equal(ck.json.data.length, 1);
  // another person can neither see nor delete it
  const v = await srv.addUser('dev-other');
  assert.deepEqual(await list(srv, v.token), []);
  const other = await api(srv, v.token, 'DELETE', `/api/devices/${a.data.id}`);
  assert.equal(other.status, 404);
  assert.equal(other.json.code, 404);
  assert.equal((await list(srv, u.token)).length, 1);
  const del = await api(srv, u.token, 'DELETE', `/api/devices/${a.data.id}`);
  assert.equal(del.status, 200);
  assert.equal(del.json.code, 200);
  assert.deepEqual(await list(srv, u.token), []);
  const twice = await api(srv, u.token, 'DELETE', `/api/devices/${a.data.id}`);
  assert.equal(twice.status, 404);
  assert.equal((await api(srv, u.token, 'DELETE', '/api/devices/x1')).status, 404);
  assert.equal(ps.received.length, 0, 'nothing is pushed yet');
});

S.test('bad Web Push keys and unknown types are refused with 999 and a reason', async (t, srv) => {
  const ps = await pushService();
  t.after(() => ps.close());
  const u = await srv.addUser('dev-bad');
  const sub = ps.subscribe();
  const offCurve = Buffer.concat([Buffer.from([4]), crypto.randomBytes(64)]);
  const cases = [
    { ...sub, keys: { ...sub.keys, p256dh: sub.keys.p256dh.slice(0, -4) } },
    { ...sub, keys: { ...sub.keys, p256dh: offCurve.toString('base64url') } },
    { ...sub, keys: { ...sub.keys, auth: crypto.randomBytes(15).toString('base64url') } },
    { ...sub, keys: { p256dh: sub.keys.p256dh } },
    { endpoint: 'ftp://push.example/x', keys: sub.keys },
    { keys: sub.keys },
  ];
  for (const s of cases) {
    const r = await add(srv, u.token, { type: 'webpush', subscription: s });
    refused(r, /不正确/);
  }
  refused(await add(srv, u.token, { type: 'fcm', endpoint: sub.endpoint }), /设备类型/);
  refused(await add(srv, u.token, {}), /设备类型/);
  const notJson = await request(`${srv.base}/api/devices`, {
    method: 'POST', headers: { Authorization: `Bearer ${u.token}` }, body: 'type=webpush',
  });
  refused(notJson.json, /JSON/);
  assert.deepEqual(await list(srv, u.token), []);
});

S.test('Bark, e-mail and UnifiedPush devices', async (t, srv) => {
  const u = await srv.addUser('dev-types');
  const bark = await add(srv, u.token, { type: 'bark', key: 'AbC_12-x' });
  assert.equal(bark.code, 200);
  const bark2 = await add(srv, u.token, { type: 'bark', server: 'https://bark.example.com/', key: 'AbC_12-x' });
  assert.notEqual(bark2.data.id, bark.data.id);
  assert.equal((await add(srv, u.token, { type: 'bark', key: 'AbC_12-x' })).data.id, bark.data.id);
  refused(await add(srv, u.token, { type: 'bark', key: 'a/b' }), /Bark/);
  refused(await add(srv, u.token, { type: 'bark', server: 'api.day.app', key: 'k' }), /https/);
  const mail = await add(srv, u.token, { type: 'email', address: 'me@example.com' });
  assert.equal(mail.code, 200);
  for (const address of ['me', 'a@b', 'a b@example.com', '@example.com', undefined])
    refused(await add(srv, u.token, { type: 'email', address }), /邮箱/);
  refused(await add(srv, u.token, { type: 'unifiedpush', endpoint: 'https://ntfy.example.com/upAbc?up=1' }), /p256dh/);
  const ps = await pushService();
  t.after(() => ps.close());
  const upEndpoint = ps.subscribe().endpoint;
  const up = await add(srv, u.token, { type: 'unifiedpush', endpoint: upEndpoint, keys: upKeys() });
  assert.equal(up.code, 200, JSON.stringify(up));
  const l = await list(srv, u.token);
  assert.deepEqual(l.map((d) => d.type), ['bark', 'bark', 'email', 'unifiedpush']);
  assert.equal(l[0].server, 'https://api.day.app');
  assert.equal(l[0].key, 'AbC_12-x');
  assert.equal(l[1].server, 'https://bark.example.com');
  assert.equal(l[2].address, 'me@example.com');
  assert.equal(l[3].endpoint, upEndpoint);
});

S.test('at most 50 devices per person; a known one can still be refreshed', async (t, srv) => {
  const u = await srv.addUser('dev-cap');
  const keys = upKeys();
  const ps = await pushService();
  t.after(() => ps.close());
  const eps = Array.from({ length: 51 }, () => ps.subscribe().endpoint);
  const ep = (i) => ({ type: 'unifiedpush', endpoint: eps[i], keys });
  for (let i = 0; i < 50; i++) assert.equal((await add(srv, u.token, ep(i))).code, 200);
  const over = await add(srv, u.token, ep(50));
  refused(over, /上限/);
  assert.equal((await add(srv, u.token, ep(7))).code, 200);
  assert.equal((await list(srv, u.token)).length, 50);
  const v = await srv.addUser('dev-cap2');
  assert.equal((await add(srv, v.token, ep(50))).code, 200, 'the cap is per person');
});

S.test('without channel.allow_private: http and private endpoints are refused', async () => {
  const srv = await startFeige();
  try {
    const ps = await pushService();
    try {
      const u = await srv.addUser('dev-priv');
      refused(await add(srv, u.token, { type: 'webpush', subscription: ps.subscribe() }), /allow_private/);
      const sub = ps.subscribe();
      const https = { endpoint: sub.endpoint.replace('http:', 'https:'), keys: sub.keys };
      refused(await add(srv, u.token, { type: 'webpush', subscription: https }), /allow_private/);
      const pub = { endpoint: 'https://push.example.net/x', keys: sub.keys };
      assert.equal((await add(srv, u.token, { type: 'webpush', subscription: pub })).code, 200);
      // no mail.host here: an e-mail device could never be mailed
      refused(await add(srv, u.token, { type: 'email', address: 'me@example.com' }), /mail\.host/);
    } finally {
      await ps.close();
    }
  } finally {
    await srv.stop();
    await srv.cleanup();
  }
});

S.test('feige device test-push: one Web Push the stand-in service verifies and decrypts', async (t, srv) => {
  const ps = await pushService();
  t.after(() => ps.close());
  const u = await srv.addUser('dev-push');
  const sub = ps.subscribe();
  const { data } = await add(srv, u.token, { type: 'webpush', subscription: sub });
  const vapid = (await request(`${srv.base}/api/webpush/vapid`)).json.publicKey;
  const push = (extra = {}) => srv.cli(['device', 'test-push', u.uid, String(data.id), '--config', srv.configFile], extra);
  const out = await push();
  assert.deepEqual(out, { device: data.id, status: 201 });
  assert.equal(ps.received.length, 1);
  const got = ps.received[0];
  assert.equal(got.method, 'POST');
  assert.equal(got.path, new URL(sub.endpoint).pathname);
  assert.equal(got.headers.ttl, '60');
  assert.equal(got.headers['content-encoding'], 'aes128gcm');
  assert.equal(got.headers['content-type'], 'application/octet-stream');
  assert.ok(got.vapid.ok, got.vapid.why);
  assert.equal(got.vapid.k, vapid);
  assert.equal(got.vapid.claims.sub, 'mailto:feige@localhost');
  assert.equal(got.error, undefined);
  const plain = JSON.parse(got.plain);
  assert.equal(plain.title, 'feige');
  assert.match(plain.body, /test push/);
  // the service's refusals come back as a failed command with the status
  for (const [status, retry] of [[410], [404], [413], [429, 30]]) {
    ps.answer(sub, status, retry);
    const r = await push({ raw: true });
    assert.equal(r.code, 1, r.stdout);
    assert.match(r.stderr, new RegExp(`answered ${status}`));
  }
  assert.equal(ps.received.length, 5);
  // the stand-in's own checks can fail: a foreign audience, a changed
  // signature, another subscription's keys
  assert.equal(checkVapid(got.headers.authorization, 'https://other.example').ok, false);
  const bad = got.headers.authorization.replace(/t=([^.]+\.[^.]+\.)(.)/, (m, a, c) => `t=${a}${c === 'A' ? 'B' : 'A'}`);
  assert.equal(checkVapid(bad, ps.origin).ok, false);
  assert.throws(() => ps.open(ps.subscribe(), got.body));
  assert.equal(JSON.parse(ps.open(sub, got.body)).title, 'feige');
  assert.ok(ps.received.every((x) => x.vapid.ok && x.error === undefined));
  // not a webpush device, someone else's, or unknown
  const mail = await add(srv, u.token, { type: 'email', address: 'me@example.com' });
  const other = await srv.addUser('dev-push2');
  for (const [uid, id, re] of [[u.uid, mail.data.id, /not webpush/], [other.uid, data.id, /no device/], [u.uid, 99999, /no device/]]) {
    const r = await srv.cli(['device', 'test-push', uid, String(id)], { raw: true });
    assert.equal(r.code, 1);
    assert.match(r.stderr, re);
  }
});

// A stand-in for what a client may hand in as a UnifiedPush endpoint:
// a real push server (the discovery JSON), and servers that are not.
async function upStandIn() {
  const gets = [];
  const server = http.createServer((req, res) => {
    gets.push({ method: req.method, url: req.url });
    const path = req.url.split('?')[0];
    if (path === '/up/good') {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end('{"unifiedpush":{"version":1}}');
    } else if (path === '/up/other') {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end('{"ok":true,"version":1}');
    } else if (path === '/up/html') {
      res.writeHead(200, { 'Content-Type': 'text/html' });
      res.end('<html>{"unifiedpush":{"version":1}}</html>');
    } else if (path === '/up/moved') {
      res.writeHead(302, { Location: '/up/good' });
      res.end();
    } else if (path === '/up/slow') {
      // never answers: the check's timeout ends it
    } else {
      res.writeHead(404);
      res.end();
    }
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  const base = `http://127.0.0.1:${server.address().port}`;
  return {
    gets,
    url: (p) => `${base}${p}`,
    close: () => new Promise((r) => { server.closeAllConnections(); server.close(r); }),
  };
}

S.test('UnifiedPush: the endpoint must answer the discovery JSON; redirects are not followed', async (t, srv) => {
  const up = await upStandIn();
  t.after(() => up.close());
  const u = await srv.addUser('dev-up-discovery');
  const keys = upKeys();
  const good = await add(srv, u.token, { type: 'unifiedpush', endpoint: up.url('/up/good?up=1'), keys });
  assert.equal(good.code, 200, JSON.stringify(good));
  assert.deepEqual(up.gets, [{ method: 'GET', url: '/up/good?up=1' }], 'one GET of the full URL, query included');
  refused(await add(srv, u.token, { type: 'unifiedpush', endpoint: up.url('/up/other'), keys }), /不是UnifiedPush推送服务器.*unifiedpush/);
  refused(await add(srv, u.token, { type: 'unifiedpush', endpoint: up.url('/up/html'), keys }), /不是UnifiedPush推送服务器/);
  refused(await add(srv, u.token, { type: 'unifiedpush', endpoint: up.url('/up/gone'), keys }), /answered 404/);
  up.gets.length = 0;
  refused(await add(srv, u.token, { type: 'unifiedpush', endpoint: up.url('/up/moved'), keys }), /answered 302; redirects are not followed/);
  assert.deepEqual(up.gets, [{ method: 'GET', url: '/up/moved' }], 'the redirect was not followed');
  const closed = up.url('/x').replace(/:\d+\//, ':9/');
  refused(await add(srv, u.token, { type: 'unifiedpush', endpoint: closed, keys }), /无法连接UnifiedPush推送服务器/);
  const l = await list(srv, u.token);
  assert.deepEqual(l.map((d) => d.endpoint), [up.url('/up/good?up=1')], 'only the push server became a device');
});

S.test('UnifiedPush discovery: a server that never answers is refused after channel.timeout_ms', async () => {
  const srv = await startFeige({ config: { 'channel.allow_private': 'yes', 'channel.timeout_ms': 500 } });
  const up = await upStandIn();
  try {
    const u = await srv.addUser('dev-up-slow');
    const env = await add(srv, u.token, { type: 'unifiedpush', endpoint: up.url('/up/slow'), keys: upKeys() });
    refused(env, /无法连接UnifiedPush推送服务器.*(timed out|Timeout)/i);
    assert.deepEqual(await list(srv, u.token), []);
  } finally {
    await up.close();
    await srv.stop();
    await srv.cleanup();
  }
});
