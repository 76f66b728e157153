// Pre-processing scripts (pre/*) and the `pre` parameter of /send:
// JavaScript in a sandboxed child process with time and memory limits.
import assert from 'node:assert/strict';
import { suite } from './lib/feige.mjs';
import { send, expectOk, expectErr } from './lib/http.mjs';
import { enableOpen, accessKey, open, ok, err, DATE_RE } from './lib/open.mjs';

// A generous wall clock: under ASan on a loaded machine even a short
// script must not reach it; only the looping one below does.
const S = suite({ config: { 'pre.timeout_ms': 5000 } });

async function user(srv, name) {
  const u = await srv.addUser(name);
  await enableOpen(srv, u.uid);
  u.key = await accessKey(srv, u.token);
  return u;
}

const test = (srv, key, content, message) => open(srv, key, 'POST', 'pre/test', { body: { content, contentType: 1, message } });

S.test('pre/test: the documented example, title, errors, limits', async (t, srv) => {
  const u = await user(srv, 'pretest');
  assert.equal(ok(await test(srv, u.key, 'content = content + 123', 'this is content')), 'this is content123');
  assert.equal(ok(await test(srv, u.key, 'content = content.toUpperCase().split("").reverse().join("")', 'abc')), 'CBA');
  assert.equal(ok(await test(srv, u.key, 'var o = JSON.parse(content); content = o.a + "-" + o.b.length', '{"a":"x","b":[1,2,3]}')), 'x-3');
  assert.equal(ok(await test(srv, u.key, 'content = "告警: " + content', '磁盘满')), '告警: 磁盘满');
  // errors are 999 with the script's message
  let m = err(await test(srv, u.key, 'content = (', 'x'), 999);
  assert.match(m, /SyntaxError/);
  m = err(await test(srv, u.key, 'throw new Error("boom")', 'x'), 999);
  assert.match(m, /boom/);
  // no I/O bindings, no require
  m = err(await test(srv, u.key, 'require("fs")', 'x'), 999);
  assert.match(m, /ReferenceError|require/);
  // time and memory limits end the child; the server lives on
  m = err(await test(srv, u.key, 'while (true) {}', 'x'), 999);
  assert.match(m, /time limit: script ran longer than 5000 ms/);
  m = err(await test(srv, u.key, 'var s = "x", a = []; while (s.length < 65536) s += s; while (true) a.push(s + a.length);', 'x'), 999);
  assert.match(m, /memory limit of \d+ KiB exceeded/);
  err(await open(srv, u.key, 'POST', 'pre/test', { body: { content: 'content = 1', contentType: 2, message: 'x' } }), 999);
  err(await open(srv, u.key, 'POST', 'pre/test', { body: { contentType: 1, message: 'x' } }), 999);
  assert.equal(ok(await open(srv, u.key, 'GET', 'user/token')), u.token);
});

S.test('pre/add, list, detail, edit, delete', async (t, srv) => {
  const u = await user(srv, 'precrud');
  const o = await user(srv, 'preother');
  const id = ok(await open(srv, u.key, 'POST', 'pre/add', { body: { content: 'content = content + 123', preName: 'test', preCode: 'test', contentType: 1 } }));
  assert.equal(typeof id, 'number');
  err(await open(srv, u.key, 'POST', 'pre/add', { body: { content: 'x', preName: 'dup', preCode: 'test', contentType: 1 } }), 999);
  err(await open(srv, u.key, 'POST', 'pre/add', { body: { content: 'x', preName: 'n', preCode: 'c', contentType: 3 } }), 999);
  err(await open(srv, u.key, 'POST', 'pre/add', { body: { preName: 'n', preCode: 'c', contentType: 1 } }), 999);
  // another user may use the same code
  ok(await open(srv, o.key, 'POST', 'pre/add', { body: { content: 'content = "other"', preName: 'test', preCode: 'test', contentType: 1 } }));

  const d = ok(await open(srv, u.key, 'POST', 'pre/list', { body: { current: 1, pageSize: 20 } }), '执行成功');
  assert.deepEqual([d.total, d.pages, d.list.length], [1, 1, 1]);
  assert.deepEqual({ ...d.list[0], createTime: 0 }, { id, preName: 'test', preCode: 'test', contentType: 1, createTime: 0 });
  assert.match(d.list[0].createTime, DATE_RE);
  assert.deepEqual(ok(await open(srv, u.key, 'GET', 'pre/detail', { query: { preId: id } })), { id, preName: 'test', preCode: 'test', contentType: 1, content: 'content = content + 123' });
  err(await open(srv, o.key, 'GET', 'pre/detail', { query: { preId: id } }), 999);

  assert.equal(ok(await open(srv, u.key, 'POST', 'pre/edit', { body: { id, content: 'content = "[" + title + "] " + content', preName: 'tagged', preCode: 'tag', contentType: 1 } })), '修改成功');
  const det = ok(await open(srv, u.key, 'GET', 'pre/detail', { query: { preId: id } }));
  assert.deepEqual([det.preName, det.preCode], ['tagged', 'tag']);
  err(await open(srv, o.key, 'POST', 'pre/edit', { body: { id, content: 'x', preName: 'x', preCode: 'x', contentType: 1 } }), 999);
  err(await open(srv, o.key, 'DELETE', 'pre/delete', { query: { preId: id } }), 999);
  assert.equal(ok(await open(srv, u.key, 'DELETE', 'pre/delete', { query: { preId: id } }), '执行成功'), '删除成功');
  err(await open(srv, u.key, 'GET', 'pre/detail', { query: { preId: id } }), 999);
});

S.test('/send with pre: the stored content is the script\'s result; unknown code or failing script → 999', async (t, srv) => {
  const u = await user(srv, 'presend');
  ok(await open(srv, u.key, 'POST', 'pre/add', { body: { content: 'content = "[" + title + "] " + content + 123', preName: 'p', preCode: 'p1', contentType: 1 } }));
  ok(await open(srv, u.key, 'POST', 'pre/add', { body: { content: 'throw new Error("nope")', preName: 'bad', preCode: 'bad', contentType: 1 } }));
  ok(await open(srv, u.key, 'POST', 'pre/add', { body: { content: 'content = ""', preName: 'empty', preCode: 'empty', contentType: 1 } }));
  const sc = expectOk(await send(srv.base, { token: u.token, title: 'T', content: 'body', pre: 'p1' }));
  await srv.waitStatus(sc, [2]);
  const item = (await srv.inbox(u.token)).find((x) => x.shortCode === sc);
  assert.ok(item, 'in the inbox');
  assert.equal(item.content, '[T] body123');
  expectErr(await send(srv.base, { token: u.token, content: 'x', pre: 'nosuch' }), 999);
  expectErr(await send(srv.base, { token: u.token, content: 'x', pre: 'bad' }), 999);
  expectErr(await send(srv.base, { token: u.token, content: 'x', pre: 'empty' }), 999);
  // empty pre = not set
  expectOk(await send(srv.base, { token: u.token, content: 'plain', pre: '' }));
});
