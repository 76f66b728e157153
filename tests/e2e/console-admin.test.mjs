// The console's operator pages (issue 12, "Operators") against the binary:
// only admins (users.is_admin) see them in the navigation and may open them
// (others: 403 in the console's frame); users (add with inline validation,
// disable -> /send 903 at once, enable, reset token); queue and deliveries
// (a failed webhook delivery listed with its error, retried from the page
// with the CSRF field and delivered; retry all of a channel); channel
// health (counters since the start, newest errors); storage, version and
// the configuration with secrets masked.
import assert from 'node:assert/strict';
import { suite } from './lib/feige.mjs';
import { send, expectOk, expectErr } from './lib/http.mjs';
import { signIn, get, post, formFields, submit } from './lib/person.mjs';
import { sinkPool, addWebhook } from './lib/sink.mjs';

const S = suite({
  config: {
    'channel.allow_private': 'yes',
    'channel.timeout_ms': 1000,
    'queue.retry_base_ms': 50,
    'queue.retry_max': 1,
    'mail.password': 'hunter2-secret',
  },
});
const newSink = sinkPool();
const PAGES = ['/console/admin/users', '/console/admin/queue', '/console/admin/health', '/console/admin/system'];

S.test('non-admins: no operator links, 403 on every operator page and action', async (t, srv) => {
  const u = await srv.addUser('not-an-operator');
  const j = await signIn(srv, u.uid);
  const tok = await get(j, srv.base + '/console/token');
  assert.equal(tok.status, 200);
  assert.doesNotMatch(tok.text, /\/console\/admin\//);
  for (const p of PAGES) {
    const r = await get(j, srv.base + p);
    assert.equal(r.status, 403, p);
    assert.match(r.text, /这个页面只对管理员开放/);
    assert.match(r.text, /<html lang="zh-CN">/, 'in the console frame');
  }
  const csrf = formFields(tok.text, '/console/token/rotate').fields.csrf;
  const r = await post(j, srv.base + '/console/admin/users/add', { csrf, name: 'sneaky' });
  assert.equal(r.status, 403);
  const users = await srv.cli(['user', 'list']);
  assert.equal(users.users.find((x) => x.name === 'sneaky'), undefined);
});

S.test('admins: the operator pages in the navigation, each page answers', async (t, srv) => {
  const j = await signIn(srv, srv.admin.uid);
  const r = await get(j, srv.base + '/console/admin/queue');
  assert.equal(r.status, 200, r.text);
  for (const p of PAGES) assert.match(r.text, new RegExp(`<a href="${p}"`));
  assert.match(r.text, /<a href="\/console\/admin\/queue" aria-current="page">/);
  for (const p of PAGES) {
    const x = await get(j, srv.base + p + '?lang=en');
    assert.equal(x.status, 200, p);
    assert.match(x.headers['content-security-policy'], /script-src 'self'/);
  }
});

S.test('users: add (inline error keeps the form), disable refuses /send at once, enable, reset token', async (t, srv) => {
  const j = await signIn(srv, srv.admin.uid);
  let r = await submit(srv, j, '/console/admin/users', '/console/admin/users/add', { name: '' });
  assert.equal(r.status, 422);
  assert.match(r.text, /aria-invalid="true"/);
  r = await submit(srv, j, '/console/admin/users', '/console/admin/users/add', { name: 'x'.repeat(129) });
  assert.equal(r.status, 422);
  assert.match(r.text, /value="x{129}"/, 'what was typed is kept');
  r = await submit(srv, j, '/console/admin/users', '/console/admin/users/add', { name: 'made in the console' });
  assert.equal(r.status, 303);
  assert.equal(r.headers.location, '/console/admin/users?done=adm.user.added');
  const u = (await srv.cli(['user', 'list'])).users.find((x) => x.name === 'made in the console');
  assert.ok(u);
  expectOk(await send(srv.base, { token: u.token, content: 'before' }));
  r = await submit(srv, j, '/console/admin/users', '/console/admin/users/disable', { id: String(u.id) });
  assert.equal(r.status, 303);
  expectErr(await send(srv.base, { token: u.token, content: 'while disabled' }), 903);
  const page = await get(j, srv.base + '/console/admin/users');
  assert.match(page.text, /已停用/);
  r = await submit(srv, j, '/console/admin/users', '/console/admin/users/enable', { id: String(u.id) });
  assert.equal(r.status, 303);
  expectOk(await send(srv.base, { token: u.token, content: 'enabled again' }));
  r = await submit(srv, j, '/console/admin/users', '/console/admin/users/reset', { id: String(u.id) });
  assert.equal(r.status, 303);
  expectErr(await send(srv.base, { token: u.token, content: 'old token' }), 903);
  const nu = await srv.cli(['user', 'show', u.uid]);
  assert.notEqual(nu.token, u.token);
  expectOk(await send(srv.base, { token: nu.token, content: 'new token' }));
  r = await submit(srv, j, '/console/admin/users', '/console/admin/users/disable', { id: '999999' });
  assert.equal(r.status, 404);
});

S.test('queue: a failed delivery is listed and retried from the page; retry all of a channel', async (t, srv) => {
  const sink = await newSink({ status: 500, body: '{"code":500}' });
  const code = await addWebhook(srv, 'cadm', 8, sink.url('/hook'));
  const sc = expectOk(await send(srv.base, { token: srv.admin.token, title: 'console retry', content: 'retry me', channel: 'webhook', webhook: code }));
  const m = await srv.waitStatus(sc, [3]);
  const did = m.deliveries[0].id;
  const j = await signIn(srv, srv.admin.uid);
  let page = await get(j, srv.base + '/console/admin/queue?channel=webhook');
  assert.equal(page.status, 200);
  assert.match(page.text, new RegExp(`href="/message/${sc}"`));
  assert.match(page.text, /console retry/);
  assert.match(page.text, /500/);
  // a bad filter is refused, not echoed
  const bad = await get(j, srv.base + '/console/admin/queue?channel=%3Cb%3E');
  assert.equal(bad.status, 400);
  assert.doesNotMatch(bad.text, /<b>/);
  // without the CSRF field: refused, nothing retried
  let r = await post(j, srv.base + '/console/admin/queue/retry', { id: String(did) });
  assert.equal(r.status, 403);
  assert.equal((await srv.showMessage(sc)).status, 3);

  sink.setReply({ status: 200, body: '{"code":0}' });
  const n = sink.requests.length;
  r = await submit(srv, j, '/console/admin/queue?channel=webhook', '/console/admin/queue/retry', { id: String(did) });
  assert.equal(r.status, 303, r.text);
  assert.equal(r.headers.location, '/console/admin/queue?done=adm.retried');
  await srv.waitStatus(sc, [2]);
  assert.equal(sink.requests.length, n + 1);
  // retrying it again: it has not failed
  page = await get(j, srv.base + '/console/admin/queue');
  const csrf = formFields(page.text, '/logout').fields.csrf;
  r = await post(j, srv.base + '/console/admin/queue/retry', { csrf, id: String(did) });
  assert.equal(r.status, 404);
  assert.match(r.text, /has not failed/);

  // retry all of a channel
  sink.setReply({ status: 500, body: '{"code":500}' });
  const codes = [];
  for (let i = 0; i < 2; i++) codes.push(expectOk(await send(srv.base, { token: srv.admin.token, content: `all ${i}`, channel: 'webhook', webhook: code })));
  for (const c of codes) await srv.waitStatus(c, [3]);
  page = await get(j, srv.base + '/console/admin/queue');
  const all = formFields(page.text, '/console/admin/queue/retry');
  assert.ok(all, 'a retry form');
  assert.match(page.text, /name="channel" value="webhook"/);
  sink.setReply({ status: 200, body: '{"code":0}' });
  r = await post(j, srv.base + '/console/admin/queue/retry', { csrf: all.fields.csrf, channel: 'webhook' });
  assert.equal(r.status, 303);
  for (const c of codes) await srv.waitStatus(c, [2]);
  page = await get(j, srv.base + '/console/admin/queue');
  assert.match(page.text, /没有失败或等待重试的投递/);
});

S.test('health and system: counters since start, version, storage, secrets masked', async (t, srv) => {
  const j = await signIn(srv, srv.admin.uid);
  const h = await get(j, srv.base + '/console/admin/health?lang=en');
  assert.equal(h.status, 200);
  assert.match(h.text, /Deliveries \(since start\)/);
  assert.match(h.text, /<td>webhook<\/td><td>ok<\/td>/);
  assert.match(h.text, /<td>webhook<\/td><td>failed<\/td>/);
  const s = await get(j, srv.base + '/console/admin/system?lang=en');
  assert.equal(s.status, 200);
  const { version } = await srv.cli(['version']);
  assert.match(s.text, new RegExp(`feige <code>${version.replace(/\./g, '\\.')}</code>`));
  assert.match(s.text, /Database feige\.db/);
  assert.match(s.text, /<code>mail\.password<\/code> = <code>\(set, not shown\)<\/code>/);
  assert.match(s.text, /<code>sms\.secret_key<\/code> = <code>\(not set\)<\/code>/);
  assert.doesNotMatch(s.text, /hunter2/);
  assert.match(s.text, /<code>queue\.retry_max<\/code> = <code>1<\/code>/);
});
