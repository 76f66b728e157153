// Pre-processing scripts run off the request path (src/pre/pool.c): a
// looping script sent by two clients in a loop costs only its own
// requests; another user's plain /send and pre/test still answer; the
// loop gets its time-limit error and the pool recovers; the memory limit
// is the configured one; ES2015+ syntax gets an ES5.1 hint.
import assert from 'node:assert/strict';
import { suite } from './lib/feige.mjs';
import { send, expectOk, expectErr } from './lib/http.mjs';
import { openUser, open, ok, err } from './lib/open.mjs';
import { sleep } from './lib/wait.mjs';

const TIMEOUT_MS = 3000;
const S = suite({
  config: { 'pre.timeout_ms': TIMEOUT_MS, 'pre.memory_kb': 16384, 'pre.workers': 2, 'pre.per_user': 2 },
});

const preTest = (srv, key, content, message = 'x') =>
  open(srv, key, 'POST', 'pre/test', { body: { content, contentType: 1, message } });

async function timed(fn) {
  const t0 = Date.now();
  const res = await fn();
  return { res, ms: Date.now() - t0 };
}

S.test("a looping script sent by two clients: another user's send still answers well under the script time limit", async (t, srv) => {
  const bad = await openUser(srv, 'looper');
  const good = await openUser(srv, 'bystander');
  ok(await open(srv, bad.key, 'POST', 'pre/add', { body: { content: 'while (true) {}', preName: 'loop', preCode: 'loop', contentType: 1 } }));

  let stop = false;
  const answers = [];
  const client = async () => {
    while (!stop) answers.push((await send(srv.base, { token: bad.token, content: 'x', pre: 'loop' })).json);
  };
  const clients = [client(), client()];
  await sleep(300); // both clients have a script running or queued

  for (let i = 0; i < 5; i++) {
    const { res, ms } = await timed(() => send(srv.base, { token: good.token, content: `plain ${i}` }));
    expectOk(res);
    assert.ok(ms < TIMEOUT_MS / 2, `plain send took ${ms} ms while scripts loop`);
  }
  // the other user's own script runs on the other worker meanwhile
  const { res: mine, ms } = await timed(() => preTest(srv, good.key, 'content = content + "!"', 'hi'));
  assert.equal(ok(mine), 'hi!');
  assert.ok(ms < TIMEOUT_MS / 2, `another user's script took ${ms} ms`);

  stop = true;
  await Promise.all(clients);
  assert.ok(answers.length >= 2);
  for (const a of answers) {
    assert.equal(a.code, 999, JSON.stringify(a));
    assert.match(a.msg, /time limit: script ran longer than 3000 ms|预处理脚本繁忙/, a.msg);
  }
  assert.ok(answers.some((a) => /time limit/.test(a.msg)), 'the loop got its time-limit error');

  // the pool recovers: the looping user's next script works
  assert.equal(ok(await preTest(srv, bad.key, 'content = "recovered"')), 'recovered');
  expectOk(await send(srv.base, { token: bad.token, content: 'after' }));
});

S.test('one user past pre.per_user is refused at once', async (t, srv) => {
  const u = await openUser(srv, 'greedy');
  const loops = [preTest(srv, u.key, 'for (;;) {}'), preTest(srv, u.key, 'for (;;) {}')];
  await sleep(200);
  const { res, ms } = await timed(() => preTest(srv, u.key, 'content = 1'));
  const m = err(res, 999);
  assert.match(m, /预处理脚本繁忙/);
  assert.ok(ms < TIMEOUT_MS / 2, `the refusal took ${ms} ms`);
  for (const l of await Promise.all(loops)) assert.match(err(l, 999), /time limit/);
  assert.equal(ok(await preTest(srv, u.key, 'content = "free again"')), 'free again');
});

S.test('memory: pre.memory_kb is the limit the script gets', async (t, srv) => {
  const u = await openUser(srv, 'memory');
  const grow = (n) => `var s = "x"; while (s.length < ${n}) s += s; content = "" + s.length`;
  assert.equal(ok(await preTest(srv, u.key, grow(128 * 1024))), '131072');
  assert.equal(ok(await preTest(srv, u.key, grow(1024 * 1024))), '1048576');
  const m = err(await preTest(srv, u.key, 'var s = "x", a = []; while (s.length < 65536) s += s; for (var i = 0; ; i++) a.push(s + i);'), 999);
  assert.match(m, /memory limit of 16384 KiB exceeded \(pre\.memory_kb\)/);
  // through /send too, and the worker is fine afterwards
  ok(await open(srv, u.key, 'POST', 'pre/add', { body: { content: grow(1024 * 1024), preName: 'big', preCode: 'big', contentType: 1 } }));
  const sc = expectOk(await send(srv.base, { token: u.token, content: 'x', pre: 'big' }));
  await srv.waitStatus(sc, [2]);
  const item = (await srv.inbox(u.token)).find((x) => x.shortCode === sc);
  assert.equal(item.content, '1048576');
});

S.test('/batchSend with pre: every channel gets the rewritten content; a failing script fails the request', async (t, srv) => {
  const u = await openUser(srv, 'batchpre');
  ok(await open(srv, u.key, 'POST', 'pre/add', { body: { content: 'content = "[" + title + "] " + content', preName: 'tag', preCode: 'tag', contentType: 1 } }));
  ok(await open(srv, u.key, 'POST', 'pre/add', { body: { content: 'x => x', preName: 'es6', preCode: 'es6', contentType: 1 } }));
  const res = await send(srv.base, { token: u.token, title: 'T', content: 'body', pre: 'tag', channel: 'wechat' }, { path: '/batchSend' });
  assert.equal(res.json.code, 200, res.text);
  const sc = res.json.data[0].shortCode;
  await srv.waitStatus(sc, [2]);
  assert.equal((await srv.inbox(u.token)).find((x) => x.shortCode === sc).content, '[T] body');
  const bad = expectErr(await send(srv.base, { token: u.token, content: 'x', pre: 'es6', channel: 'wechat' }, { path: '/batchSend' }), 999);
  assert.match(bad.msg, /预处理代码执行失败: SyntaxError.*\(ES5\.1\): arrow functions/);
});

S.test('ES2015+ syntax: the error names what ES5.1 lacks', async (t, srv) => {
  const u = await openUser(srv, 'es6');
  const cases = [
    ['content = [1, 2].map(x => x * 2).join()', 'arrow functions'],
    ['content = `<b>${content}</b>`', 'template literals'],
    ['let a = content; content = a + 1', 'let/const declarations'],
    ['class A {} content = "a"', 'classes'],
    ['async function f() { return 1 } content = "a"', 'async functions'],
  ];
  for (const [script, what] of cases) {
    const m = err(await preTest(srv, u.key, script), 999);
    assert.match(m, /SyntaxError/, m);
    assert.ok(m.includes(`not supported by this engine (ES5.1): ${what}`), m);
  }
  // a plain syntax error gets no hint
  const m = err(await preTest(srv, u.key, 'content = ('), 999);
  assert.match(m, /SyntaxError/);
  assert.ok(!m.includes('ES5.1'), m);
  // ES5 that looks like it (words in strings, identifiers) runs
  assert.equal(ok(await preTest(srv, u.key, 'var letter = "=> `class`"; content = letter')), '=> `class`');
});
