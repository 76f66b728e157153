// The web console (issue 12) against the binary: sign-in gate, CSRF,
// the frame (CSP, language), and the token page's forms: inline
// validation that keeps what was typed, add/delete message tokens,
// rotate (the old token refused by /send).
import assert from 'node:assert/strict';
import { suite } from './lib/feige.mjs';
import { send, request, expectOk, expectErr } from './lib/http.mjs';
import { signIn, get, post, formFields, submit, jar } from './lib/person.mjs';

const S = suite();

S.test('/console without a session: 303 to the sign-in page with next=', async (t, srv) => {
  for (const p of ['/console', '/console/token', '/console/token/add']) {
    const r = await request(srv.base + p);
    assert.equal(r.status, 303, p);
    assert.equal(r.headers.location, p === '/console' ? '/login?next=/console' : `/login?next=${p}`);
  }
  const u = await srv.addUser('con-gate');
  // a token is no way into the console
  const r = await request(`${srv.base}/console/token?token=${u.token}`);
  assert.equal(r.status, 303);
});

S.test('the frame: console CSP, no inline script, nav, zh by default, ?lang=en sticks by cookie', async (t, srv) => {
  const u = await srv.addUser('con-frame');
  const j = await signIn(srv, u.uid);
  const root = await get(j, srv.base + '/console');
  assert.equal(root.status, 303);
  const r = await get(j, srv.base + '/console/token');
  assert.equal(r.status, 200, r.text);
  assert.match(r.headers['content-security-policy'], /script-src 'self'/);
  assert.doesNotMatch(r.headers['content-security-policy'], /unsafe-inline/);
  assert.equal(r.headers['cache-control'], 'no-store');
  assert.match(r.text, /<html lang="zh-CN">/);
  assert.match(r.text, /<h1>我的令牌<\/h1>/);
  assert.match(r.text, /<a href="\/console\/token" aria-current="page">/);
  for (const m of r.text.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)) {
    assert.match(m[1], /type="module" src="\/static\/console\.js"/);
    assert.equal(m[2], '');
  }
  assert.doesNotMatch(r.text, /style="/, 'no inline style');
  const en = await get(j, srv.base + '/console/token?lang=en');
  assert.match(en.text, /<html lang="en">/);
  assert.match(en.text, /<h1>My token<\/h1>/);
  const again = await get(j, srv.base + '/console/token');
  assert.match(again.text, /<h1>My token<\/h1>/, 'the cookie keeps English');
  const js = await request(srv.base + '/static/console.js');
  assert.equal(js.status, 200);
  assert.match(js.headers['content-type'], /^text\/javascript/);
  const css = await request(srv.base + '/static/console.css');
  assert.match(css.headers['content-type'], /^text\/css/);
  const nf = await get(j, srv.base + '/console/nope');
  assert.equal(nf.status, 404);
});

S.test('POST without or with a wrong CSRF field, or cross-site: 403, nothing changes', async (t, srv) => {
  const u = await srv.addUser('con-csrf');
  const j = await signIn(srv, u.uid);
  let r = await post(j, srv.base + '/console/token/rotate', {});
  assert.equal(r.status, 403);
  r = await post(j, srv.base + '/console/token/rotate', { csrf: '0'.repeat(32) });
  assert.equal(r.status, 403);
  const page = await get(j, srv.base + '/console/token');
  const f = formFields(page.text, '/console/token/rotate');
  r = await post(j, srv.base + '/console/token/rotate', f.fields, { Origin: 'https://evil.example' });
  assert.equal(r.status, 403);
  r = await post(j, srv.base + '/console/token/rotate', f.fields, { 'Sec-Fetch-Site': 'cross-site' });
  assert.equal(r.status, 403);
  expectOk(await send(srv.base, { token: u.token, content: 'still mine' }));
  // another person's CSRF token is not this one's
  const v = await srv.addUser('con-csrf-other');
  const jv = await signIn(srv, v.uid);
  const pv = await get(jv, srv.base + '/console/token');
  const fv = formFields(pv.text, '/console/token/rotate');
  r = await post(j, srv.base + '/console/token/rotate', fv.fields);
  assert.equal(r.status, 403);
  expectOk(await send(srv.base, { token: u.token, content: 'still mine' }));
});

S.test('token page: masked token, rotate -> the old token refused by /send, the new one sends', async (t, srv) => {
  const u = await srv.addUser('con-rotate');
  const j = await signIn(srv, u.uid);
  const page = await get(j, srv.base + '/console/token');
  assert.ok(page.text.includes(u.uid));
  assert.ok(page.text.includes(`<code>${u.token.slice(0, 4)}••••`), 'masked');
  expectOk(await send(srv.base, { token: u.token, content: 'before' }));
  const r = await submit(srv, j, '/console/token', '/console/token/rotate');
  assert.equal(r.status, 303, r.text);
  assert.equal(r.headers.location, '/console/token?done=token.rotated');
  const after = await get(j, srv.base + r.headers.location);
  assert.match(after.text, /role="status">令牌已更换/);
  const m = after.text.match(/id="con-token" value="([0-9a-f]{32})"/);
  assert.ok(m, 'the new token on the page');
  assert.notEqual(m[1], u.token);
  expectErr(await send(srv.base, { token: u.token, content: 'old' }), 903);
  expectOk(await send(srv.base, { token: m[1], content: 'new' }));
});

S.test('message tokens: a refused add keeps what was typed and says why; add, send with it, delete', async (t, srv) => {
  const u = await srv.addUser('con-msgtok');
  const j = await signIn(srv, u.uid);
  let r = await submit(srv, j, '/console/token', '/console/token/add', { name: '', expire: '2030-13-45' });
  assert.equal(r.status, 422);
  assert.match(r.text, /role="alert"/);
  assert.match(r.text, /id="f-add-name"[^>]*aria-invalid="true"/);
  assert.match(r.text, /id="f-add-name-err">请填写这一项。/);
  assert.match(r.text, /id="f-add-expire-err">日期格式不正确/);
  assert.match(r.text, /name="expire"[^>]*value="2030-13-45"/, 'typed value kept');
  r = await submit(srv, j, '/console/token', '/console/token/add', { name: 'ci <b>', expire: '2030-01-02' });
  assert.equal(r.status, 303, r.text);
  const page = await get(j, srv.base + '/console/token');
  assert.ok(page.text.includes('ci &lt;b&gt;'), 'escaped');
  const tok = page.text.match(/<td>ci &lt;b&gt;<\/td><td><code>([0-9a-f]{32})<\/code>/)[1];
  expectOk(await send(srv.base, { token: tok, content: 'by message token' }));
  const del = formFields(page.text, '/console/token/delete');
  r = await post(j, srv.base + '/console/token/delete', del.fields);
  assert.equal(r.status, 303);
  expectErr(await send(srv.base, { token: tok, content: 'gone' }), 903);
  // someone else's token id: 404, not deleted
  r = await post(j, srv.base + '/console/token/delete', { ...del.fields, id: '999999' });
  assert.equal(r.status, 404);
});

S.test('/ is a landing page: what this is, sign in, the APIs and docs; signed in it links the console', async (t, srv) => {
  const r = await request(srv.base + '/');
  assert.equal(r.status, 200);
  assert.match(r.text, /自托管推送服务/);
  assert.match(r.text, /href="\/login\?next=\/console"/);
  assert.match(r.text, /docs\/pushplus\.md/);
  const en = await request(srv.base + '/?lang=en');
  assert.match(en.text, /a self-hosted push server/);
  const u = await srv.addUser('con-land');
  const j = await signIn(srv, u.uid, jar());
  const s = await get(j, srv.base + '/');
  assert.match(s.text, /href="\/console"/);
  assert.ok(s.text.includes(u.uid));
});
