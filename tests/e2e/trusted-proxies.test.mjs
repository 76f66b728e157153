// http.trusted_proxies: only when the TCP peer is a listed proxy are
// X-Forwarded-For (read from the right) and X-Real-IP believed; the open
// API's allowlist sees the address they name.  The option is set through
// the environment (FEIGE_HTTP_TRUSTED_PROXIES), which also tests
// configuration from the environment.
import assert from 'node:assert/strict';
import { suite, startFeige } from './lib/feige.mjs';
import { SECRET, enableOpen, getAccessKey, err } from './lib/open.mjs';

process.env.FEIGE_HTTP_TRUSTED_PROXIES = '127.0.0.1, ::1, 10.9.0.0/16';
const S = suite();

const viaProxy = (srv, token, headers) => getAccessKey(srv, token, SECRET, { headers });

S.test('X-Forwarded-For from a trusted proxy names the client for the allowlist', async (t, srv) => {
  const u = await srv.addUser('xff');
  await enableOpen(srv, u.uid, { ip: '203.0.113.7' });
  let r = await viaProxy(srv, u.token, { 'X-Forwarded-For': '203.0.113.7' });
  assert.equal(r.json.code, 200, r.text);
  // our own proxy chain on the right is skipped
  r = await viaProxy(srv, u.token, { 'X-Forwarded-For': '203.0.113.7, 10.9.1.1' });
  assert.equal(r.json.code, 200, r.text);
  // what the client wrote left of the real address is ignored
  r = await viaProxy(srv, u.token, { 'X-Forwarded-For': '203.0.113.7, 198.51.100.9' });
  err(r.json, 403);
  assert.match(r.json.msg, /198\.51\.100\.9/);
  // a garbled entry stops the walk at the last trusted hop
  r = await viaProxy(srv, u.token, { 'X-Forwarded-For': '203.0.113.7, not-an-ip, 127.0.0.1' });
  err(r.json, 403);
  assert.match(r.json.msg, /127\.0\.0\.1/);
  r = await viaProxy(srv, u.token, { 'X-Real-IP': '203.0.113.7' });
  assert.equal(r.json.code, 200, r.text);
  r = await viaProxy(srv, u.token, { 'X-Real-IP': '::ffff:203.0.113.7' });
  assert.equal(r.json.code, 200, r.text);
});

S.test('without trusted proxies the headers are ignored', async (t) => {
  delete process.env.FEIGE_HTTP_TRUSTED_PROXIES;
  const srv = await startFeige();
  try {
    const u = await srv.addUser('plain');
    await enableOpen(srv, u.uid, { ip: '203.0.113.7' });
    for (const h of [{ 'X-Forwarded-For': '203.0.113.7' }, { 'X-Real-IP': '203.0.113.7' }]) {
      const r = await viaProxy(srv, u.token, h);
      err(r.json, 403);
      assert.match(r.json.msg, /127\.0\.0\.1/);
    }
  } finally {
    await srv.stop();
    await srv.cleanup();
  }
});

S.test('a bad list in the environment is refused with the variable named', async (t, srv) => {
  process.env.FEIGE_HTTP_TRUSTED_PROXIES = '10.0.0.0/33';
  const r = await srv.cli(['check-config'], { raw: true }).finally(() => delete process.env.FEIGE_HTTP_TRUSTED_PROXIES);
  assert.notEqual(r.code, 0);
  assert.match(r.stderr, /FEIGE_HTTP_TRUSTED_PROXIES/);
});
