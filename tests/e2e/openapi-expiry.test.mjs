// AccessKey lifetime and refresh overlap with short settings
// (openapi.key_ttl_s = 3, openapi.key_overlap_s = 1): a key dies at its
// expiry, and an old key dies when the overlap after a refresh ends.
import assert from 'node:assert/strict';
import { suite } from './lib/feige.mjs';
import { sleep } from './lib/wait.mjs';
import { enableOpen, getAccessKey, open, ok, err } from './lib/open.mjs';

const S = suite({ config: { 'openapi.key_ttl_s': 3, 'openapi.key_overlap_s': 1 } });

async function key(srv, token) {
  const r = await getAccessKey(srv, token);
  assert.equal(r.json.code, 200, r.text);
  assert.equal(r.json.data.expiresIn, 3);
  return r.json.data.accessKey;
}

S.test('an expired key → code 401', async (t, srv) => {
  const u = await srv.addUser('exp');
  await enableOpen(srv, u.uid);
  const k = await key(srv, u.token);
  ok(await open(srv, k, 'GET', 'user/token'));
  await sleep(3300);
  err(await open(srv, k, 'GET', 'user/token'), 401);
});

S.test('refresh: the old key works during the overlap, then 401; the new one lives on', async (t, srv) => {
  const u = await srv.addUser('ovl');
  await enableOpen(srv, u.uid);
  const k1 = await key(srv, u.token);
  const k2 = await key(srv, u.token);
  ok(await open(srv, k1, 'GET', 'user/token'));
  await sleep(1300);
  err(await open(srv, k1, 'GET', 'user/token'), 401);
  ok(await open(srv, k2, 'GET', 'user/token'));
});
