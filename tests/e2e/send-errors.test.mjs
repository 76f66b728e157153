// pushplus /send: every documented error path answers HTTP 200 with a JSON
// envelope {code:N, msg:"<reason>", data:null|string}.
import assert from 'node:assert/strict';
import { suite } from './lib/feige.mjs';
import { send, request, expectOk, expectErr } from './lib/http.mjs';
import { RawConn, head } from './lib/raw.mjs';

const S = suite({
  config: { 'pushplus.title_max': 100, 'pushplus.content_max': 20000, 'pushplus.to_max': 10 },
});

S.test('invalid, unknown and missing token → 903', async (t, srv) => {
  expectErr(await send(srv.base, { token: '0123456789abcdef0123456789abcdef', content: 'x' }), 903);
  expectErr(await send(srv.base, { token: 'nope', content: 'x' }), 903);
  expectErr(await send(srv.base, { content: 'x' }), 903);
  expectErr(await send(srv.base, { token: '', content: 'x' }), 903);
  expectErr(await send(srv.base, { content: 'x' }, { method: 'GET' }), 903);
  expectErr(await send(srv.base, { content: 'x' }, { path: '/send/ffffffffffffffffffffffffffffffff' }), 903);
  expectErr(await request(`${srv.base}/send`), 903);
  // the user token of a real user with a case change is not that token
  expectErr(await send(srv.base, { token: srv.admin.token.toUpperCase(), content: 'x' }), 903);
});

S.test('missing or empty content → 999 发送内容不能为空', async (t, srv) => {
  for (const params of [{}, { content: '' }, { content: null }, { title: 'only a title' }]) {
    const j = expectErr(await send(srv.base, { token: srv.admin.token, ...params }), 999);
    assert.equal(j.msg, '发送内容不能为空');
  }
  const j = expectErr(await send(srv.base, { token: srv.admin.token, title: 't' }, { method: 'GET' }), 999);
  assert.equal(j.msg, '发送内容不能为空');
  const j2 = expectErr(await send(srv.base, { token: srv.admin.token, content: '' }, { as: 'form' }), 999);
  assert.equal(j2.msg, '发送内容不能为空');
});

S.test('title length counts Unicode characters, limit 100', async (t, srv) => {
  expectOk(await send(srv.base, { token: srv.admin.token, title: '标'.repeat(100), content: 'x' }));
  expectOk(await send(srv.base, { token: srv.admin.token, title: 'a'.repeat(100), content: 'x' }));
  expectOk(await send(srv.base, { token: srv.admin.token, title: '😀'.repeat(100), content: 'x' }));
  expectErr(await send(srv.base, { token: srv.admin.token, title: 'a'.repeat(101), content: 'x' }), 999);
  expectErr(await send(srv.base, { token: srv.admin.token, title: '标'.repeat(101), content: 'x' }), 999);
  expectErr(await send(srv.base, { token: srv.admin.token, title: 'a'.repeat(101), content: 'x' }, { method: 'GET' }), 999);
});

S.test('content length counts Unicode characters, limit 20000', async (t, srv) => {
  expectOk(await send(srv.base, { token: srv.admin.token, content: '内'.repeat(20000) }));
  expectErr(await send(srv.base, { token: srv.admin.token, content: '内'.repeat(20001) }), 999);
  expectErr(await send(srv.base, { token: srv.admin.token, content: 'x'.repeat(20001) }, { as: 'form' }), 999);
});

S.test('unknown template → 999', async (t, srv) => {
  expectErr(await send(srv.base, { token: srv.admin.token, content: 'x', template: 'nosuch' }), 999);
  expectErr(await send(srv.base, { token: srv.admin.token, content: 'x', template: 'htm' }), 999);
});

S.test('unknown channel → 999', async (t, srv) => {
  expectErr(await send(srv.base, { token: srv.admin.token, content: 'x', channel: 'pigeon' }), 999);
  expectErr(await send(srv.base, { token: srv.admin.token, content: 'x', channel: 'pigeon' }, { method: 'GET' }), 999);
});

S.test('non-numeric timestamp → 999', async (t, srv) => {
  for (const ts of ['abc', '12a', '1632993318000x', 'yesterday']) {
    expectErr(await send(srv.base, { token: srv.admin.token, content: 'x', timestamp: ts }), 999);
  }
  expectErr(await send(srv.base, { token: srv.admin.token, content: 'x', timestamp: 'abc' }, { method: 'GET' }), 999);
});

S.test('unknown topic → 999, topic of another user → 999', async (t, srv) => {
  expectErr(await send(srv.base, { token: srv.admin.token, content: 'x', topic: 'no-such-topic' }), 999);
  const other = await srv.addUser('err-other');
  const code = 'errgrp' + process.pid;
  await srv.cli(['group', 'add', srv.admin.uid, code, 'Admin group']);
  await srv.cli(['group', 'join', code, other.uid]);
  // other is a member, not the owner
  expectErr(await send(srv.base, { token: other.token, content: 'x', topic: code }), 999);
  // the owner can send
  expectOk(await send(srv.base, { token: srv.admin.token, content: 'x', topic: code }));
});

S.test('to: unknown friend token → 999; another user\'s friend → 999', async (t, srv) => {
  expectErr(await send(srv.base, { token: srv.admin.token, content: 'x', to: 'deadbeefdeadbeefdeadbeefdeadbeef' }), 999);
  const u1 = await srv.addUser('err-u1');
  const u2 = await srv.addUser('err-u2');
  const f = await srv.cli(['friend', 'add', u1.uid, u2.uid]);
  assert.match(f.token, /^[0-9a-f]{32}$/);
  // u1's friend token is not admin's
  expectErr(await send(srv.base, { token: srv.admin.token, content: 'x', to: f.token }), 999);
  // but u1 can use it
  expectOk(await send(srv.base, { token: u1.token, content: 'x', to: f.token }));
  // one good and one bad: the whole request is refused, nothing dropped silently
  expectErr(await send(srv.base, { token: u1.token, content: 'x', to: `${f.token},deadbeefdeadbeefdeadbeefdeadbeef` }), 999);
});

S.test('to: more than to_max (10) friend tokens → 999; exactly 10 ok', async (t, srv) => {
  const tokens = [];
  for (let i = 0; i < 11; i++) {
    const u = await srv.addUser(`tomax-${i}`);
    const f = await srv.cli(['friend', 'add', srv.admin.uid, u.uid]);
    tokens.push(f.token);
  }
  expectOk(await send(srv.base, { token: srv.admin.token, content: 'ten', to: tokens.slice(0, 10).join(',') }));
  const j = expectErr(await send(srv.base, { token: srv.admin.token, content: 'eleven', to: tokens.join(',') }), 999);
  assert.match(j.msg, /10/, 'the reason names the limit');
});

S.test('malformed JSON body → 999', async (t, srv) => {
  for (const body of ['{"token":', '{"token":"x",}', '{token:1}', '{"content":"a"']) {
    expectErr(await request(`${srv.base}/send`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body }), 999);
  }
  // token in the query does not make a broken JSON body valid
  expectErr(
    await request(`${srv.base}/send?token=${srv.admin.token}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"content":' }),
    999,
  );
});

S.test('body over 1 MiB → a complete JSON error, not a dropped socket', async (t, srv) => {
  const big = JSON.stringify({ token: srv.admin.token, title: 'big', content: 'x'.repeat(2 * 1024 * 1024) });
  const c = await RawConn.open(srv.port);
  try {
    const bytes = Buffer.from(head('POST', '/send', [['Host', 'x'], ['Content-Type', 'application/json'], ['Content-Length', Buffer.byteLength(big)]]) + big);
    // write and tolerate the server closing its read side early
    await c.write(bytes).catch(() => {});
    const r = await c.readResponse(15000);
    assert.ok(r, 'got a response before the connection closed');
    assert.ok(r.json && typeof r.json === 'object', `JSON body: ${r && r.rawHead} ${r && r.text.slice(0, 300)}`);
    assert.equal(typeof r.json.code, 'number');
    assert.notEqual(r.json.code, 200);
    assert.ok(typeof r.json.msg === 'string' && r.json.msg.length > 0);
    assert.match(r.headers['content-type'] || '', /application\/json/);
  } finally {
    c.close();
  }
  // server is still fine
  expectOk(await send(srv.base, { token: srv.admin.token, content: 'after big' }));
});

S.test('chunked body over 1 MiB → JSON error too', async (t, srv) => {
  const c = await RawConn.open(srv.port);
  try {
    await c.write(head('POST', '/send', [['Host', 'x'], ['Content-Type', 'application/json'], ['Transfer-Encoding', 'chunked']]));
    const piece = 'x'.repeat(64 * 1024);
    let wrote = 0;
    try {
      await c.write(Buffer.from(`{"token":"${srv.admin.token}","content":"`.length.toString(16) + '\r\n' + `{"token":"${srv.admin.token}","content":"` + '\r\n'));
      while (wrote < 2 * 1024 * 1024 && !c.closed) {
        await c.write(piece.length.toString(16) + '\r\n' + piece + '\r\n');
        wrote += piece.length;
      }
      await c.write('2\r\n"}\r\n0\r\n\r\n');
    } catch {
      /* server may stop reading */
    }
    const r = await c.readResponse(15000);
    assert.ok(r, 'got a response');
    assert.ok(r.json && typeof r.json.code === 'number' && r.json.code !== 200, `JSON error: ${r.rawHead} ${r.text.slice(0, 300)}`);
  } finally {
    c.close();
  }
});

S.test('every error reply has the JSON content type and exact length', async (t, srv) => {
  const r = await send(srv.base, { token: 'bad', content: 'x' });
  expectErr(r, 903);
  assert.match(r.headers['content-type'], /^application\/json/);
  assert.equal(Number(r.headers['content-length']), r.raw.length);
});
