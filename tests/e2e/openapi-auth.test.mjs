// pushplus open API authentication (compat.md §4, docs/openapi.md):
// getAccessKey with the user token and secretKey, the IP allowlist, the
// per-user switch, the access-key header on every /api/open/* call, the
// 5-minute overlap on refresh, keys surviving a restart.
import assert from 'node:assert/strict';
import { suite } from './lib/feige.mjs';
import { request } from './lib/http.mjs';
import { SECRET, enableOpen, getAccessKey, accessKey, open, ok, err } from './lib/open.mjs';

const S = suite();

S.test('disabled by default: getAccessKey → 401 envelope', async (t, srv) => {
  const u = await srv.addUser('off');
  const r = await getAccessKey(srv, u.token);
  assert.equal(r.status, 200);
  err(r.json, 401);
  assert.equal(r.json.data, null);
});

S.test('enable needs a secret and an allowlist; bad entries are refused', async (t, srv) => {
  const u = await srv.addUser('cfg');
  let r = await srv.cli(['user', 'openapi', u.uid, '--enable'], { raw: true });
  assert.notEqual(r.code, 0);
  assert.match(r.stderr, /secretKey/);
  r = await srv.cli(['user', 'openapi', u.uid, '--ip', '10.0.0.0/33'], { raw: true });
  assert.notEqual(r.code, 0);
  assert.match(r.stderr, /10\.0\.0\.0\/33/);
  r = await srv.cli(['user', 'openapi', u.uid, '--secret', 'short'], { raw: true });
  assert.notEqual(r.code, 0);
  const j = await enableOpen(srv, u.uid, { ip: '127.0.0.0/8, 2001:db8::/32' });
  assert.deepEqual(j, { uid: u.uid, enabled: true, secret: true, ips: '127.0.0.0/8, 2001:db8::/32' });
  const show = await srv.cli(['user', 'openapi', u.uid]);
  assert.equal(show.enabled, true);
});

S.test('getAccessKey: success, errors for missing fields, unknown token, wrong secret', async (t, srv) => {
  const u = await srv.addUser('keys');
  await enableOpen(srv, u.uid);
  const key = await accessKey(srv, u.token);
  ok(await open(srv, key, 'GET', 'user/token'));

  let r = await getAccessKey(srv, u.token, 'wrong-secret-wrong-secret');
  err(r.json, 999);
  assert.match(r.json.msg, /secretKey/);
  r = await getAccessKey(srv, 'f'.repeat(32));
  err(r.json, 903);
  r = await request(srv.base + '/api/common/openApi/getAccessKey', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"token":"' + u.token + '"}' });
  err(r.json, 999);
  r = await request(srv.base + '/api/common/openApi/getAccessKey', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"token": ' });
  err(r.json, 999);
  // form body and query work too
  r = await request(srv.base + '/api/common/openApi/getAccessKey?' + new URLSearchParams({ token: u.token, secretKey: SECRET }), { method: 'POST' });
  assert.equal(r.json.code, 200, r.text);
});

S.test('caller IP not on the allowlist → 403', async (t, srv) => {
  const u = await srv.addUser('ip');
  await enableOpen(srv, u.uid, { ip: '10.1.2.3, 192.168.0.0/16, 2001:db8::/32' });
  const r = await getAccessKey(srv, u.token);
  err(r.json, 403);
  assert.match(r.json.msg, /127\.0\.0\.1/);
  await srv.cli(['user', 'openapi', u.uid, '--ip', '10.0.0.0/8 127.0.0.0/24']);
  await accessKey(srv, u.token);
});

S.test('a message token cannot get an AccessKey', async (t, srv) => {
  const u = await srv.addUser('mt');
  await enableOpen(srv, u.uid);
  const key = await accessKey(srv, u.token);
  const mt = ok(await open(srv, key, 'POST', 'token/add', { body: { name: 'ci' } }), '执行成功');
  const r = await getAccessKey(srv, mt);
  err(r.json, 903);
  assert.match(r.json.msg, /消息token/);
});

S.test('access-key header: missing, unknown, wrong user state → code 401 with HTTP 200', async (t, srv) => {
  let e = await open(srv, null, 'GET', 'user/token');
  err(e, 401);
  e = await open(srv, '0'.repeat(32), 'GET', 'user/myInfo');
  err(e, 401);
  e = await open(srv, 'x'.repeat(500), 'POST', 'message/list', { body: {} });
  err(e, 401);
  const u = await srv.addUser('dis');
  await enableOpen(srv, u.uid);
  const key = await accessKey(srv, u.token);
  ok(await open(srv, key, 'GET', 'user/token'));
  await srv.cli(['user', 'openapi', u.uid, '--disable']);
  err(await open(srv, key, 'GET', 'user/token'), 401);
  await srv.cli(['user', 'openapi', u.uid, '--enable']);
  err(await open(srv, key, 'GET', 'user/token'), 401);   // revoked, not suspended
});

S.test('unknown /api/open path → 404 in the pushplus envelope (after auth)', async (t, srv) => {
  const u = await srv.addUser('nf');
  await enableOpen(srv, u.uid);
  const key = await accessKey(srv, u.token);
  err(await open(srv, key, 'GET', 'nope/nothing'), 404);
  err(await open(srv, null, 'GET', 'nope/nothing'), 401);
});

S.test('refresh: the previous key keeps working (overlap), keys survive a restart', async (t, srv) => {
  const u = await srv.addUser('refresh');
  await enableOpen(srv, u.uid);
  const k1 = await accessKey(srv, u.token);
  const k2 = await accessKey(srv, u.token);
  assert.notEqual(k1, k2);
  ok(await open(srv, k1, 'GET', 'user/token'));
  ok(await open(srv, k2, 'GET', 'user/token'));
  await srv.restart();
  assert.equal(ok(await open(srv, k1, 'GET', 'user/token')), u.token);
  assert.equal(ok(await open(srv, k2, 'GET', 'user/token')), u.token);
});

S.test('disabling the open API or a new secretKey revokes every AccessKey', async (t, srv) => {
  const u = await srv.addUser('revoke');
  await enableOpen(srv, u.uid);
  const k1 = await accessKey(srv, u.token);
  ok(await open(srv, k1, 'GET', 'user/token'));
  await srv.cli(['user', 'openapi', u.uid, '--disable']);
  await srv.cli(['user', 'openapi', u.uid, '--enable']);
  err((await open(srv, k1, 'GET', 'user/token')), 401);   // not back after re-enabling
  const k2 = await accessKey(srv, u.token);
  ok(await open(srv, k2, 'GET', 'user/token'));
  const secret2 = 'An0therS3cretKeyForTests0123456';
  await srv.cli(['user', 'openapi', u.uid, '--secret', secret2]);
  err((await open(srv, k2, 'GET', 'user/token')), 401);
  ok(await open(srv, await accessKey(srv, u.token, secret2), 'GET', 'user/token'));
  // a new allowlist alone keeps the keys
  const k3 = await accessKey(srv, u.token, secret2);
  await srv.cli(['user', 'openapi', u.uid, '--ip', '127.0.0.1,::1,10.0.0.1']);
  ok(await open(srv, k3, 'GET', 'user/token'));
});

S.test('secrets shorter than 16 bytes are refused by the CLI', async (t, srv) => {
  const u = await srv.addUser('minlen');
  const r = await srv.cli(['user', 'openapi', u.uid, '--secret', '8bytes!!'], { raw: true });
  assert.notEqual(r.code, 0);
  assert.match(r.stderr, /16 to 128/);
});

S.test('five wrong secrets block the user for 15 minutes, before argon2 runs', async (t, srv) => {
  const u = await srv.addUser('guess');
  const other = await srv.addUser('bystander');
  await enableOpen(srv, u.uid);
  await enableOpen(srv, other.uid);
  for (let i = 0; i < 5; i++) {
    const r = await getAccessKey(srv, u.token, 'wrong-guess-' + i + '-xxxxxxxxxx');
    err(r.json, 999);
    assert.match(r.json.msg, /secretKey错误/);
  }
  let r = await getAccessKey(srv, u.token);   // even the right secret now
  err(r.json, 999);
  assert.match(r.json.msg, /次数过多/);
  // another user from the same address is not affected by five failures
  await accessKey(srv, other.token);
  // blocked attempts are not counted against the address
  for (let i = 0; i < 20; i++) assert.match((await getAccessKey(srv, u.token, 'x' + i)).json.msg, /次数过多/);
  await accessKey(srv, other.token);
});

S.test('feige user reset-token: the old token stops working, AccessKeys are revoked', async (t, srv) => {
  const u = await srv.addUser('rotate');
  await enableOpen(srv, u.uid);
  const key = await accessKey(srv, u.token);
  const r = await srv.cli(['user', 'reset-token', u.uid, '--json']);
  assert.equal(r.uid, u.uid);
  assert.match(r.token, /^[0-9a-f]{32}$/);
  assert.notEqual(r.token, u.token);
  err(await open(srv, key, 'GET', 'user/token'), 401);
  err((await getAccessKey(srv, u.token)).json, 903);
  const k2 = await accessKey(srv, r.token);
  assert.equal(ok(await open(srv, k2, 'GET', 'user/token')), r.token);
  await new Promise((res) => setTimeout(res, 1100));   // past the send cache's 1 s TTL
  const sent = await request(srv.base + '/send', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ token: u.token, content: 'old' }) });
  err(sent.json, 903);
  const bad = await srv.cli(['user', 'reset-token', 'UID_nobody'], { raw: true });
  assert.notEqual(bad.code, 0);
});
