// A person, signed in (issue 10 §1): one-time sign-in links (CLI, mail,
// "add this phone"), the session cookie (never the token), CSRF on every
// form, cross-site POSTs refused, the follow flood refused, token
// rotation, signing out other sessions, passwords with throttling.
import assert from 'node:assert/strict';
import { after } from 'node:test';
import { spawnSync } from 'node:child_process';
import { suite, startFeige } from './lib/feige.mjs';
import { request } from './lib/http.mjs';
import { openSSE } from './lib/sse.mjs';
import { startSmtp, parseMail } from './lib/smtp.mjs';
import { jar, get, post, formFields, loginLink, signIn, submit } from './lib/person.mjs';
import { newApp, wxGet } from './lib/wx.mjs';
import { HAVE_STORE_SQL, storeSql, storeEnv } from './lib/pg.mjs';

const smtp = await startSmtp();
after(() => smtp.stop());

const NEW_PER_HOUR = 3;
const S = suite({
  config: {
    'mail.host': '127.0.0.1',
    'mail.port': smtp.port,
    'mail.from': 'feige@example.test',
    'person.new_per_hour': NEW_PER_HOUR,
  },
});

const HAVE_SQLITE3 = HAVE_STORE_SQL; // psql on PostgreSQL (lib/pg.mjs)
const sql = (srv, text) => storeSql(srv.dataDir, text);

const sessionCookie = (res) => (res.headers['set-cookie'] || []).find((c) => c.startsWith('feige_session='));

/** Every href/src/action and every URL-looking text of a page. */
const urlsOf = (html) => [...html.matchAll(/(?:href|src|action)="([^"]*)"|(https?:\/\/[^\s"<]+)/g)].map((m) => m[1] || m[2]);

async function sendTo(srv, token, title) {
  return request(`${srv.base}/send`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ token, title, content: 'x' }) });
}

S.test('sign-in link: GET does not use it, POST sets an HttpOnly SameSite=Lax session; /me and /inbox with only the cookie', async (t, srv) => {
  const u = await srv.addUser('linker');
  const link = await loginLink(srv, u.uid);
  const j = jar();
  // link scanners and previews fetch links: a GET (twice) changes nothing
  for (let i = 0; i < 2; i++) {
    const page = await get(j, srv.base + link);
    assert.equal(page.status, 200, page.text);
    assert.match(page.text, new RegExp(u.uid));
    assert.equal(sessionCookie(page), undefined, 'GET signs nobody in');
  }
  const page = await get(j, srv.base + link);
  const form = formFields(page.text, link);
  assert.match(form.fields.csrf, /^[0-9a-f]{32}$/);
  const res = await post(j, srv.base + link, form.fields);
  assert.equal(res.status, 303);
  assert.equal(res.headers.location, '/me');
  const sc = sessionCookie(res);
  assert.match(sc, /^feige_session=[0-9a-f]{32}; Path=\/; Max-Age=\d+; HttpOnly; SameSite=Lax$/);
  assert.ok(!sc.includes(u.token), 'the cookie is not the token');
  assert.doesNotMatch(sc, /Secure/, 'plain http: no Secure');

  // only the session cookie from now on
  const only = jar({ feige_session: j.cookies.feige_session });
  const me = await get(only, srv.base + '/me');
  assert.equal(me.status, 200);
  assert.match(me.text, new RegExp(`你的UID：${u.uid}`));
  assert.match(me.text, /id="fg-token" readonly value="[0-9a-f]{32}"/, 'the token, to reveal and copy');
  assert.match(me.text, new RegExp(`<code>${u.token.slice(0, 4)}•+${u.token.slice(-4)}</code>`), 'masked');
  for (const url of urlsOf(me.text)) assert.ok(!url.includes(u.token), `no URL with the token: ${url}`);
  assert.ok(await sendTo(srv, u.token, 'for-the-inbox'));
  const inbox = await get(only, srv.base + '/inbox');
  assert.equal(inbox.status, 200, inbox.text);
  assert.match(inbox.text, /for-the-inbox/);
  assert.ok(!inbox.text.includes(u.token), 'the inbox page holds no token when reached by a session');
  const json = await get(only, srv.base + '/inbox/messages');
  assert.equal(json.json.code, 200);
  assert.ok(json.json.data.list.some((m) => m.title === 'for-the-inbox'));
  // the live stream follows with the cookie too
  const ctl = new AbortController();
  const stream = await fetch(srv.base + '/inbox/stream', { headers: { Cookie: only.header() }, signal: ctl.signal });
  assert.equal(stream.status, 200);
  ctl.abort();
  // without any cookie: 401, and the page says to sign in
  assert.equal((await request(srv.base + '/inbox')).status, 401);
  assert.equal((await request(srv.base + '/inbox/messages')).status, 401);

  // used: a second POST and a later GET are refused
  const again = await post(jar(), srv.base + link, form.fields, { Cookie: `feige_csrf=${form.fields.csrf}` });
  assert.equal(again.status, 410);
  assert.match(again.text, /已经用过或已过期/);
  assert.equal((await request(srv.base + link)).status, 410);
  // a made-up link too
  assert.equal((await request(srv.base + '/login/' + '0'.repeat(32))).status, 410);
});

S.test('an expired sign-in link is refused', async (t, srv) => {
  const u = await srv.addUser('late');
  const link = await loginLink(srv, u.uid);
  sql(srv, 'UPDATE login_links SET expires_ms = 1;');
  const j = jar();
  const page = await get(j, srv.base + link);
  assert.equal(page.status, 410);
  // the POST too, with a valid CSRF pair
  await get(j, srv.base + '/login');
  const res = await post(j, srv.base + link, { csrf: j.cookies.feige_csrf });
  assert.equal(res.status, 410);
  assert.equal(sessionCookie(res), undefined);
  // and the database holds hashes only
  if (HAVE_SQLITE3) {
    const code = link.split('/').pop();
    assert.ok(!sql(srv, 'SELECT * FROM login_links; SELECT * FROM sessions;').includes(code));
  }
}, { skip: HAVE_SQLITE3 ? false : 'needs the sqlite3 CLI' });

S.test('next: a same-origin path only', async (t, srv) => {
  const u = await srv.addUser('nexter');
  for (const [next, want] of [['/inbox', '/inbox'], ['//evil.example/x', '/me'], ['https://evil.example/', '/me']]) {
    const j = jar();
    const login = await get(j, srv.base + '/login?next=' + encodeURIComponent(next));
    const form = formFields(login.text, '/login/password');
    assert.equal(form.fields.next, want === '/inbox' ? '/inbox' : '/me', next);
    const link = await loginLink(srv, u.uid);
    const page = await get(j, srv.base + link);
    const res = await post(j, srv.base + link, { ...formFields(page.text, link).fields, next });
    assert.equal(res.status, 303);
    assert.equal(res.headers.location, want, next);
  }
});

S.test('CSRF: a form POST without the token, with a wrong one, or cross-site is refused and changes nothing', async (t, srv) => {
  const u = await srv.addUser('csrf');
  const j = await signIn(srv, u.uid);
  const me = await get(j, srv.base + '/me');
  const tokenForm = formFields(me.text, '/me/token');
  assert.match(tokenForm.fields.csrf, /^[0-9a-f]{32}$/);
  const cases = [
    [{}, {}, /CSRF token missing/],
    [{ csrf: 'f'.repeat(32) }, {}, /CSRF token wrong/],
    [tokenForm.fields, { Origin: 'https://evil.example' }, /cross-site/],
    [tokenForm.fields, { 'Sec-Fetch-Site': 'cross-site' }, /cross-site/],
  ];
  for (const [fields, headers, why] of cases) {
    for (const action of ['/me/token', '/me/sessions/end', '/logout', '/me/spt']) {
      const res = await post(j, srv.base + action, fields, headers);
      assert.equal(res.status, 403, `${action} ${JSON.stringify(headers)}`);
      assert.match(res.text, why);
    }
  }
  // the device API with the session: not from another site either
  const dev = await request(srv.base + '/api/devices', { method: 'POST', headers: { Cookie: j.header(), Origin: 'https://evil.example', 'Content-Type': 'application/json' }, body: JSON.stringify({ type: 'email', address: 'x@example.test' }) });
  assert.equal(dev.status, 403);
  assert.equal(dev.json.code, 403);
  assert.deepEqual((await get(j, srv.base + '/api/devices')).json.data, []);
  // nothing changed: same token, still signed in
  const show = await srv.cli(['user', 'show', u.uid]);
  assert.equal(show.token, u.token);
  assert.equal((await get(j, srv.base + '/me')).status, 200);
  assert.match((await get(j, srv.base + '/me')).text, /退出登录/);
  // the same origin (Origin of this server) with the right token works
  const ok = await post(j, srv.base + '/me/spt', formFields(me.text, '/me/spt').fields, { Origin: srv.base, 'Sec-Fetch-Site': 'same-origin' });
  assert.equal(ok.status, 200);
  assert.match(ok.text, /SPT_/);
  // the sign-in forms need the double-submit pair
  const link = await loginLink(srv, u.uid);
  const noPair = await post(jar(), srv.base + link, { csrf: 'a'.repeat(32) });
  assert.equal(noPair.status, 403);
  assert.equal((await request(srv.base + link)).status, 200, 'the refused POST did not use the link');
});

S.test('rotate my token: the old token is refused by /send, the new one works; the session stays', async (t, srv) => {
  const u = await srv.addUser('rotator');
  assert.equal((await sendTo(srv, u.token, 'before')).json.code, 200);
  const j = await signIn(srv, u.uid);
  const res = await submit(srv, j, '/me', '/me/token');
  assert.equal(res.status, 303);
  const nu = await srv.cli(['user', 'show', u.uid]);
  assert.notEqual(nu.token, u.token);
  const old = await sendTo(srv, u.token, 'old');
  assert.notEqual(old.json.code, 200, 'old token refused');
  assert.equal((await sendTo(srv, nu.token, 'new')).json.code, 200);
  const me = await get(j, srv.base + '/me');
  assert.equal(me.status, 200);
  assert.ok(me.text.includes(`value="${nu.token}"`));
});

S.test('sessions: listed on /me; sign out other sessions ends them, sign out ends this one', async (t, srv) => {
  const u = await srv.addUser('many');
  const phone = await signIn(srv, u.uid);
  const laptop = await signIn(srv, u.uid);
  // signing in again in one browser replaces its session, adds none
  const first = laptop.cookies.feige_session;
  await signIn(srv, u.uid, laptop);
  assert.notEqual(laptop.cookies.feige_session, first);
  assert.equal((await get(jar({ feige_session: first }), srv.base + '/inbox')).status, 401);
  const me = await get(laptop, srv.base + '/me', { 'User-Agent': 'Laptop/1.0' });
  assert.equal((me.text.match(/<li><span class="fg-agent">/g) || []).length, 2);
  assert.match(me.text, /当前 \(this browser\)/);
  assert.equal((await get(phone, srv.base + '/inbox')).status, 200);
  const end = await submit(srv, laptop, '/me', '/me/sessions/end');
  assert.equal(end.status, 303);
  assert.equal((await get(phone, srv.base + '/inbox')).status, 401, 'the other session is over');
  assert.equal((await get(laptop, srv.base + '/inbox')).status, 200, 'this one stays');
  const sid = laptop.cookies.feige_session;
  const out = await submit(srv, laptop, '/me', '/logout');
  assert.equal(out.status, 200);
  assert.match(out.headers['set-cookie'].join('\n'), /feige_session=; Path=\/; Max-Age=0/);
  // even a browser that kept the cookie is out: the row is gone
  const kept = jar({ feige_session: sid });
  assert.equal((await get(kept, srv.base + '/inbox')).status, 401);
});

S.test('the old feige_token cookie is accepted once more: it becomes a session and is cleared', async (t, srv) => {
  const u = await srv.addUser('legacy');
  const res = await request(srv.base + '/me', { headers: { Cookie: `feige_token=${u.token}` } });
  assert.equal(res.status, 200);
  assert.match(res.text, new RegExp(u.uid));
  const set = res.headers['set-cookie'].join('\n');
  assert.match(set, /feige_token=; Path=\/; Max-Age=0/);
  const sid = /feige_session=([0-9a-f]{32})/.exec(set)[1];
  const j = jar({ feige_session: sid });
  assert.equal((await get(j, srv.base + '/inbox')).status, 200);
  // a POST with only the old cookie is a forgery candidate: refused
  const p = await request(srv.base + '/me/spt', { method: 'POST', headers: { Cookie: `feige_token=${u.token}` } });
  assert.equal(p.status, 403);
});

S.test('the old cookie on a live stream: the head of the stream carries the Set-Cookies too', async (t, srv) => {
  const u = await srv.addUser('legacy-live');
  const s = await openSSE(srv.base + '/inbox/stream', { headers: { Cookie: `feige_token=${u.token}` } });
  t.after(() => s.close());
  assert.equal(s.status, 200);
  assert.match(s.headers['content-type'], /^text\/event-stream/);
  const set = (s.headers['set-cookie'] || []).join('\n');
  assert.match(set, /feige_token=; Path=\/; Max-Age=0/);
  const sid = /feige_session=([0-9a-f]{32})/.exec(set)?.[1];
  assert.ok(sid, `a session cookie in: ${set}`);
  assert.equal((await get(jar({ feige_session: sid }), srv.base + '/inbox')).status, 200);
  // and the stream is live: a message to the person arrives on it
  assert.equal((await sendTo(srv, u.token, 'after migration')).json.code, 200);
  const [ev] = await s.waitForEvents(1);
  assert.match(ev.data, /after migration/);
});

S.test('follow as the signed-in person; anonymous follow needs "create my inbox" and is rate-limited per address', async (t, srv) => {
  const app = await newApp(srv, 'flood');
  const u = await srv.addUser('follower');
  const j = await signIn(srv, u.uid);
  const page = await get(j, srv.base + `/follow/app/${app.appId}`);
  assert.doesNotMatch(page.text, /create my inbox/);
  const fields = formFields(page.text, `/follow/app/${app.appId}`).fields;
  assert.equal(fields.new, undefined);
  const res = await post(j, srv.base + `/follow/app/${app.appId}`, fields);
  assert.equal(res.status, 200);
  assert.match(res.text, /关注成功/);
  assert.match(res.text, new RegExp(u.uid), 'followed as the signed-in person');
  assert.equal(sessionCookie(res), undefined, 'no new session');
  for (const url of urlsOf(res.text)) assert.ok(!url.includes(u.token), url);
  const users = (await wxGet(srv.base, '/api/fun/wxuser/v2', { appToken: app.appToken })).data;
  assert.deepEqual(users.records.map((r) => r.uid), [u.uid]);

  // anonymous: a POST without the button's new=1 creates nobody
  const before = (await srv.cli(['user', 'list'])).users.length;
  const a = jar();
  const anon = await get(a, srv.base + `/follow/app/${app.appId}`);
  assert.match(anon.text, /create my inbox/);
  assert.match(anon.text, /href="\/login\?next=\/follow\/app\//);
  const af = formFields(anon.text, `/follow/app/${app.appId}`).fields;
  assert.equal(af.new, '1');
  const noNew = await post(a, srv.base + `/follow/app/${app.appId}`, { ...af, new: '' });
  assert.equal(noNew.status, 403);
  // a flood of browsers from one address: NEW_PER_HOUR persons, then refused
  const codes = [];
  for (let i = 0; i < NEW_PER_HOUR + 3; i++) {
    const b = jar();
    const p = await get(b, srv.base + `/follow/app/${app.appId}`);
    const r = await post(b, srv.base + `/follow/app/${app.appId}`, formFields(p.text, `/follow/app/${app.appId}`).fields);
    codes.push(r.status);
    if (r.status === 200) {
      assert.ok(b.cookies.feige_session, 'the new person is signed in');
      assert.equal((await get(b, srv.base + '/inbox')).status, 200);
    } else assert.match(r.text, /创建的收件箱太多了.*too many new inboxes/s);
  }
  assert.deepEqual(codes, [...Array(NEW_PER_HOUR).fill(200), 429, 429, 429]);
  assert.equal((await srv.cli(['user', 'list'])).users.length, before + NEW_PER_HOUR);
  // without the CSRF pair, an anonymous POST is refused before anything
  const forged = await request(srv.base + `/follow/app/${app.appId}`, { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: 'src=link&new=1' });
  assert.equal(forged.status, 403);
});

S.test('password: sign in with UID or e-mail; wrong passwords are throttled per person', async (t, srv) => {
  const u = await srv.addUser('pw');
  await srv.cli(['user', 'email', u.uid, 'Pw.Person@example.test']);
  // the password comes on stdin, never argv
  const r = spawnSync(process.env.FEIGE_BIN || './feige', ['user', 'password', u.uid, '--data', srv.dataDir, '--json'], { input: 'correct horse battery\n', encoding: 'utf8', env: storeEnv(srv.dataDir) });
  assert.equal(r.status, 0, r.stderr);
  assert.deepEqual(JSON.parse(r.stdout), { uid: u.uid, password: true });
  const short = spawnSync(process.env.FEIGE_BIN || './feige', ['user', 'password', u.uid, '--data', srv.dataDir], { input: 'short\n', encoding: 'utf8', env: storeEnv(srv.dataDir) });
  assert.notEqual(short.status, 0);
  if (HAVE_SQLITE3) assert.match(sql(srv, 'SELECT hash FROM passwords;'), /^\$argon2id\$/);

  const tryPw = async (user, password) => {
    const j = jar();
    const page = await get(j, srv.base + '/login');
    const res = await post(j, srv.base + '/login/password', { ...formFields(page.text, '/login/password').fields, user, password });
    return { res, j };
  };
  const good = await tryPw(u.uid, 'correct horse battery');
  assert.equal(good.res.status, 303);
  assert.equal((await get(good.j, srv.base + '/inbox')).status, 200);
  const byMail = await tryPw('pw.person@EXAMPLE.test', 'correct horse battery');
  assert.equal(byMail.res.status, 303);
  const wrong = await tryPw(u.uid, 'wrong');
  assert.equal(wrong.res.status, 401);
  assert.match(wrong.res.text, /wrong user or password/);
  assert.equal((await tryPw('UID_nobody', 'x')).res.status, 401, 'an unknown person: the same answer');
  for (let i = 0; i < 4; i++) await tryPw(u.uid, 'wrong' + i);
  const blocked = await tryPw(u.uid, 'correct horse battery');
  assert.equal(blocked.res.status, 429, 'throttled even with the right password');
  assert.match(blocked.res.text, /too many wrong passwords/);
  assert.equal(sessionCookie(blocked.res), undefined);
});

S.test('mail sign-in: a link through the real SMTP server; the same answer for an unknown address; rate-limited', async (t, srv) => {
  const u = await srv.addUser('mailer');
  await srv.cli(['user', 'email', u.uid, 'mailer@example.test']);
  const ask = async (email) => {
    const j = jar();
    const page = await get(j, srv.base + '/login');
    return post(j, srv.base + '/login/mail', { ...formFields(page.text, '/login/mail').fields, email });
  };
  const known = await ask('mailer@example.test');
  const unknown = await ask('nobody@example.test');
  assert.equal(known.status, 200);
  assert.equal(unknown.status, known.status);
  const strip = (s) => s.replace(/value="[0-9a-f]{32}"/g, '');
  assert.equal(strip(unknown.text), strip(known.text), 'the same page either way');
  const m = await smtp.waitFor((x) => x.rcpt_tos.includes('mailer@example.test'));
  const body = Buffer.from(parseMail(m.data).body.replace(/\r\n/g, ''), 'base64').toString('utf8');
  const link = new URL(/https?:\/\/\S+\/login\/[0-9a-f]{32}/.exec(body)[0]).pathname;
  const j = jar();
  const page = await get(j, srv.base + link);
  assert.equal(page.status, 200);
  const res = await post(j, srv.base + link, formFields(page.text, link).fields);
  assert.equal(res.status, 303);
  assert.equal((await get(j, srv.base + '/inbox')).status, 200);
  assert.ok(!(await smtp.messages()).some((x) => x.rcpt_tos.includes('nobody@example.test')), 'no mail to an unknown address');
  // per address: the third link within the hour is the last
  await ask('mailer@example.test');
  await ask('mailer@example.test');
  const limited = await ask('mailer@example.test');
  assert.equal(limited.status, 429);
});

S.test('add this phone: a QR code of a fresh one-time link', async (t, srv) => {
  const u = await srv.addUser('phone');
  const j = await signIn(srv, u.uid);
  const page = await get(j, srv.base + '/me/phone');
  assert.equal(page.status, 200);
  assert.match(page.text, /<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
  assert.equal((await request(srv.base + '/me/phone')).status, 401, 'only signed in');
});

S.test('Secure cookies under an https public_url', async () => {
  const tls = await startFeige({ config: { public_url: 'https://push.example.com' } });
  try {
    const u = await tls.addUser('tls');
    const link = await loginLink(tls, u.uid);
    const j = jar();
    const page = await get(j, tls.base + link);
    assert.match(page.headers['set-cookie'].join('\n'), /feige_csrf=[0-9a-f]{32}; Path=\/; HttpOnly; SameSite=Lax; Secure/);
    const res = await post(j, tls.base + link, formFields(page.text, link).fields, { Origin: 'https://push.example.com' });
    assert.equal(res.status, 303);
    assert.match(sessionCookie(res), /; HttpOnly; SameSite=Lax; Secure$/);
  } finally {
    await tls.stop();
    await tls.cleanup();
  }
});
