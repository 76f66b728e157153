// pushplus.rate_limit: per-token sends per minute. Over the limit → 999,
// never 900 (900 makes the official SDK block the token until midnight).
import assert from 'node:assert/strict';
import { suite } from './lib/feige.mjs';
import { send, expectOk, expectErr } from './lib/http.mjs';

const S = suite({ config: { 'pushplus.rate_limit': 2 } });

S.test('third send within a minute → 999 (not 900); other tokens unaffected', async (t, srv) => {
  const other = await srv.addUser('rl-other');
  expectOk(await send(srv.base, { token: srv.admin.token, content: 'one' }));
  expectOk(await send(srv.base, { token: srv.admin.token, content: 'two' }, { method: 'GET' }));
  const r3 = await send(srv.base, { token: srv.admin.token, content: 'three' });
  assert.notEqual(r3.json && r3.json.code, 900, 'rate limiting must never answer 900');
  expectErr(r3, 999);
  const r4 = await send(srv.base, { token: srv.admin.token, content: 'four' }, { method: 'GET' });
  expectErr(r4, 999);
  // the limit is per token
  expectOk(await send(srv.base, { token: other.token, content: 'other one' }));
});

S.test('a refused send creates no message', async (t, srv) => {
  const u = await srv.addUser('rl-count');
  expectOk(await send(srv.base, { token: u.token, title: 'rl-a', content: 'a' }));
  expectOk(await send(srv.base, { token: u.token, title: 'rl-b', content: 'b' }));
  expectErr(await send(srv.base, { token: u.token, title: 'rl-c', content: 'c' }), 999);
  const list = await srv.cli(['message', 'list']);
  assert.ok(!list.messages.some((m) => m.title === 'rl-c'), 'refused message not stored');
});
