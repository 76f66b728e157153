// pushplus.rate_limit: per-token sends per minute. Over the limit → 999,
// never 900 (900 makes the official SDK block the token until midnight).
// The writer counts a send in the transaction that stores it, per calendar
// minute, on SQLite (this suite's store) as on PostgreSQL: only accepted
// sends count, an invalid or refused one does not.
import assert from 'node:assert/strict';
import { suite } from './lib/feige.mjs';
import { send, expectOk, expectErr } from './lib/http.mjs';
import { minuteAhead } from './lib/wait.mjs';

const S = suite({ config: { 'pushplus.rate_limit': 5 } });
const LIMITED = '请求过于频繁，每分钟最多5次，请稍后再试 (rate limit)';

S.test('sixth send within a minute → 999 (not 900); other tokens unaffected', async (t, srv) => {
  const u = await srv.addUser('rl-first');
  const other = await srv.addUser('rl-other');
  await minuteAhead();
  for (let i = 0; i < 5; i++)
    expectOk(await send(srv.base, { token: u.token, content: `ok ${i}` }, { method: i % 2 ? 'GET' : 'POST' }));
  const r6 = await send(srv.base, { token: u.token, content: 'six' });
  assert.notEqual(r6.json && r6.json.code, 900, 'rate limiting must never answer 900');
  assert.deepEqual(r6.json, { code: 999, msg: LIMITED, data: null });
  expectErr(await send(srv.base, { token: u.token, content: 'seven' }, { method: 'GET' }), 999);
  // the limit is per token
  expectOk(await send(srv.base, { token: other.token, content: 'other one' }));
});

S.test('a refused send creates no message', async (t, srv) => {
  const u = await srv.addUser('rl-count');
  await minuteAhead();
  for (let i = 0; i < 5; i++) expectOk(await send(srv.base, { token: u.token, title: `rl-${i}`, content: 'a' }));
  expectErr(await send(srv.base, { token: u.token, title: 'rl-over', content: 'c' }), 999);
  const list = await srv.cli(['message', 'list']);
  assert.ok(!list.messages.some((m) => m.title === 'rl-over'), 'refused message not stored');
  assert.equal(list.messages.filter((m) => /^rl-\d$/.test(m.title)).length, 5);
});

S.test('invalid sends are not counted: then exactly 5 × 200 and 999', async (t, srv) => {
  const u = await srv.addUser('rl-invalid');
  await minuteAhead();
  // refused before the writer, each for another reason: none is counted
  const invalid = [
    [{ title: 'empty 1' }, /发送内容不能为空/],
    [{ title: 'empty 2', content: '' }, /发送内容不能为空/],
    [{ content: 'x', channel: 'nosuch' }, /./],
    [{ content: 'x', callbackUrl: 'ftp://x.example/cb' }, /./],
    [{ content: 'x', template: 'nosuch' }, /./],
    [{ title: 'empty 3' }, /发送内容不能为空/],
  ];
  for (const [p, msg] of invalid) {
    const r = await send(srv.base, { token: u.token, ...p });
    assert.equal(r.json.code, 999, `${JSON.stringify(p)}: ${r.text}`);
    assert.match(r.json.msg, msg);
    assert.doesNotMatch(r.json.msg, /rate limit/, 'an invalid send is refused for itself, not the limit');
  }
  const codes = [];
  for (let i = 0; i < 7; i++) {
    const r = await send(srv.base, { token: u.token, title: `valid ${i}`, content: 'x' });
    codes.push(r.json.code);
    if (r.json.code !== 200) assert.equal(r.json.msg, LIMITED);
  }
  assert.deepEqual(codes, [200, 200, 200, 200, 200, 999, 999]);
  // and an invalid send over the limit is still refused for itself
  const r = await send(srv.base, { token: u.token, title: 'empty 4' });
  assert.match(r.json.msg, /发送内容不能为空/);
});

S.test('the count survives a restart (it is in the store, not in memory)', async (t, srv) => {
  const u = await srv.addUser('rl-restart');
  await minuteAhead(25000);
  for (let i = 0; i < 5; i++) expectOk(await send(srv.base, { token: u.token, content: `r ${i}` }));
  await srv.restart();
  expectErr(await send(srv.base, { token: u.token, content: 'after restart' }), 999);
});
