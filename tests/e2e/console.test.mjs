// The web console (issue 12) against the binary: sign-in gate, CSRF,
// the frame (CSP, language), and the token page's forms: inline
// validation that keeps what was typed, add/delete message tokens,
// rotate (the old token refused by /send).
import assert from 'node:assert/strict';
import { suite } from './lib/feige.mjs';
import { send, request, expectOk, expectErr } from './lib/http.mjs';
import { signIn, get, post, formFields, submit, jar } from './lib/person.mjs';
import { sinkPool } from './lib/sink.mjs';
import { getAccessKey } from './lib/open.mjs';
import { waitFor } from './lib/wait.mjs';

const S = suite({ config: { 'channel.allow_private': 'yes', 'channel.timeout_ms': 1000, 'queue.retry_max': 1, 'queue.retry_base_ms': 300,
  // e-mail devices need an SMTP server to be added; nothing listens here
  'mail.host': '127.0.0.1', 'mail.port': 9 } });
const sink = sinkPool();

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

S.test('send a test message: through /send itself; refused sends keep the form and say why; preview under the sandbox CSP', async (t, srv) => {
  const u = await srv.addUser('con-send');
  const j = await signIn(srv, u.uid);
  const page = await get(j, srv.base + '/console/send');
  assert.equal(page.status, 200, page.text);
  assert.match(page.text, /<option value="markdown">markdown<\/option>/);
  assert.match(page.text, /<iframe name="preview"/);
  let r = await submit(srv, j, '/console/send', '/console/send', { channel: 'webhook', webhook: 'nope', template: 'txt', title: 'kept <t>', content: 'hello' });
  assert.equal(r.status, 422, r.text);
  assert.match(r.text, /aria-invalid="true"/);
  assert.match(r.text, /name="title"[^>]*value="kept &lt;t&gt;"/);
  assert.match(r.text, /<option value="webhook" selected>/);
  r = await submit(srv, j, '/console/send', '/console/send', { channel: 'wechat', template: 'markdown', title: 'console test', content: '**hi**' });
  assert.equal(r.status, 303, r.text);
  const sc = r.headers.location.match(/^\/console\/send\?sent=(\w+)$/)[1];
  await srv.waitStatus(sc, [2]);
  const hist = await get(j, srv.base + '/console/history?q=console');
  assert.ok(hist.text.includes(`/console/history/${sc}`));
  const none = await get(j, srv.base + '/console/history?q=zzz');
  assert.ok(!none.text.includes(`/console/history/${sc}`));
  const failed = await get(j, srv.base + '/console/history?status=3');
  assert.ok(!failed.text.includes(`/console/history/${sc}`));
  const one = await get(j, srv.base + `/console/history/${sc}`);
  assert.equal(one.status, 200);
  assert.match(one.text, new RegExp(`<code>${u.uid}</code></td><td>wechat</td><td>已发送`));
  // another person cannot see or recall it
  const v = await srv.addUser('con-send-other');
  const jv = await signIn(srv, v.uid);
  assert.equal((await get(jv, srv.base + `/console/history/${sc}`)).status, 404);
  const pv = await get(jv, srv.base + '/console/history');
  const fv = formFields(pv.text, null) || { fields: {} };
  r = await post(jv, srv.base + `/console/history/${sc}/recall`, { csrf: fv.fields.csrf || '' });
  assert.equal(r.status, 404);
  r = await submit(srv, j, `/console/history/${sc}`, `/console/history/${sc}/recall`);
  assert.equal(r.status, 303, r.text);
  assert.equal((await request(`${srv.base}/message/${sc}`)).status, 404);
  // the preview frame
  const form = formFields(page.text, '/console/send');
  r = await post(j, srv.base + '/console/send/preview', { ...form.fields, template: 'markdown', title: 'T', content: '# big' });
  assert.equal(r.status, 200);
  assert.match(r.headers['content-security-policy'], /^sandbox/);
  assert.match(r.text, /<h1>big<\/h1>/);
});

S.test('groups: create (refused form kept), edit, join link + PNG QR, a member joins, remove and block, delete', async (t, srv) => {
  const u = await srv.addUser('con-grp');
  const j = await signIn(srv, u.uid);
  let r = await submit(srv, j, '/console/groups', '/console/groups/add', { code: 'g1', name: '' });
  assert.equal(r.status, 422);
  assert.match(r.text, /name="code"[^>]*value="g1"/);
  assert.match(r.text, /id="f-add-name-err">请填写这一项/);
  r = await submit(srv, j, '/console/groups', '/console/groups/add', { code: 'g1', name: '一组' });
  assert.equal(r.status, 303, r.text);
  const gpath = r.headers.location.replace(/\?.*/, '');
  assert.match(gpath, /^\/console\/groups\/\d+$/);
  r = await submit(srv, j, '/console/groups', '/console/groups/add', { code: 'g1', name: 'again' });
  assert.equal(r.status, 422, 'a taken code: the operation says why');
  r = await submit(srv, j, gpath, `${gpath}/edit`, { name: '二组', contact: 'me', intro: 'hi' });
  assert.equal(r.status, 303);
  assert.match((await get(j, srv.base + gpath)).text, /value="二组"/);
  r = await submit(srv, j, gpath, `${gpath}/link`);
  assert.equal(r.status, 303);
  const page = await get(j, srv.base + r.headers.location);
  const link = page.text.match(/id="con-join" value="([^"]+)"/)[1];
  assert.match(link, /\/join\/[0-9a-f]+$/);
  const png = await request(new URL(link).origin + new URL(link).pathname + '.png');
  assert.equal(png.headers['content-type'], 'image/png');
  // a second person joins by the link and gets the group's sends
  const v = await srv.addUser('con-grp-member');
  const jv = await signIn(srv, v.uid);
  r = await submit(srv, jv, new URL(link).pathname, new URL(link).pathname);
  assert.ok([200, 303].includes(r.status), r.text);
  let g = await get(j, srv.base + gpath);
  assert.ok(g.text.includes(v.uid), 'the member is listed');
  const forms = [...g.text.matchAll(/<form method="post" action="([^"]+\/member)"[^>]*>(.*?)<\/form>/gs)];
  const block = forms.find((m) => m[2].includes('name="block"'));
  const fields = Object.fromEntries([...block[2].matchAll(/name="([^"]+)" value="([^"]*)"/g)].map((m) => [m[1], m[2]]));
  r = await post(j, srv.base + block[1], fields);
  assert.equal(r.status, 303);
  g = await get(j, srv.base + gpath);
  assert.ok(!g.text.includes(v.uid), 'removed');
  // someone else's group: 404
  assert.equal((await get(jv, srv.base + gpath)).status, 404);
  r = await submit(srv, j, gpath, `${gpath}/delete`);
  assert.equal(r.status, 303);
  assert.equal((await get(j, srv.base + gpath)).status, 404);
});

S.test('channel configs: add a webhook (refused form kept), send a test to a recording stand-in, see the upstream answer, delete', async (t, srv) => {
  const good = await sink({ body: '{"errcode":0,"errmsg":"ok"}' });
  const bad = await sink({ body: '{"errcode":93000,"errmsg":"invalid webhook url"}' });
  const u = await srv.addUser('con-chan');
  const j = await signIn(srv, u.uid);
  let r = await submit(srv, j, '/console/channels', '/console/channels/add', { code: 'w1', name: 'robot', type: '1', url: 'ftp://x' });
  assert.equal(r.status, 422);
  assert.match(r.text, /name="url"[^>]*value="ftp:\/\/x"/);
  assert.match(r.text, /id="f-add-url-err">请填写以 http/);
  r = await submit(srv, j, '/console/channels', '/console/channels/add', { code: 'w1', name: 'robot', type: '1', url: good.url('/wecom') });
  assert.equal(r.status, 303, r.text);
  r = await submit(srv, j, '/console/channels', '/console/channels/add', { code: 'w2', name: 'broken', type: '1', url: bad.url('/wecom') });
  assert.equal(r.status, 303, r.text);
  const page = await get(j, srv.base + '/console/channels');
  const tests = [...page.text.matchAll(/<form method="post" action="\/console\/channels\/test"[^>]*>(.*?)<\/form>/gs)]
    .map((m) => Object.fromEntries([...m[1].matchAll(/name="([^"]+)" value="([^"]*)"/g)].map((x) => [x[1], x[2]])));
  assert.equal(tests.length, 2);
  const ids = [...page.text.matchAll(/<code>(w[12])<\/code>/g)].map((m) => m[1]);
  const byCode = Object.fromEntries(ids.map((c, i) => [c, tests[i]]));
  // the answer comes back on the page: status and body, nothing stored
  r = await post(j, srv.base + '/console/channels/test', byCode.w1);
  assert.equal(r.status, 200, r.text);
  const req = await good.waitForRequest((q) => q.path === '/wecom');
  assert.equal(req.body, '{"msgtype":"text","text":{"content":"feige 测试消息\\n\\n这是一条来自 feige 控制台的测试消息。"}}');
  assert.match(r.text, /id="test-status">200</);
  assert.match(r.text, /id="test-reply">\{&quot;errcode&quot;:0,&quot;errmsg&quot;:&quot;ok&quot;\}</);
  r = await post(j, srv.base + '/console/channels/test', byCode.w2);
  assert.equal(r.status, 200);
  assert.match(r.text, /id="test-detail">[^<]*errcode 93000: invalid webhook url/);
  assert.match(r.text, /上游没有接受/);
  assert.doesNotMatch((await get(j, srv.base + '/console/history')).text, /feige 测试消息/);
  // delete
  const del = formFields(page.text, '/console/channels/delete');
  r = await post(j, srv.base + '/console/channels/delete', del.fields);
  assert.equal(r.status, 303);
  assert.equal([...(await get(j, srv.base + '/console/channels')).text.matchAll(/action="\/console\/channels\/test"/g)].length, 1);
});

S.test('settings: a bad callback URL is refused with the form kept; isSend off stops /send at once, on again sends', async (t, srv) => {
  const u = await srv.addUser('con-set');
  const j = await signIn(srv, u.uid);
  const page = await get(j, srv.base + '/console/settings');
  assert.match(page.text, /name="isSend"[^>]*value="1" checked>/);
  let r = await submit(srv, j, '/console/settings', '/console/settings', { channel: 'wechat', isSend: '1', callback: 'javascript:x' });
  assert.equal(r.status, 422);
  assert.match(r.text, /name="callback"[^>]*value="javascript:x"/);
  r = await submit(srv, j, '/console/settings', '/console/settings', { channel: 'wechat', callback: 'https://cb.example/x' });
  assert.equal(r.status, 303, r.text);
  expectErr(await send(srv.base, { token: u.token, content: 'off' }), 999);
  const after = await get(j, srv.base + '/console/settings');
  assert.match(after.text, /name="isSend"[^>]*value="1">/, 'unchecked now');
  assert.match(after.text, /value="https:\/\/cb\.example\/x"/);
  r = await submit(srv, j, '/console/settings', '/console/settings', { channel: 'webhook', webhook: 'none', isSend: '1' });
  assert.equal(r.status, 422, 'a default channel that cannot send: the operation refuses it');
  expectErr(await send(srv.base, { token: u.token, content: 'still off' }), 999);
  r = await submit(srv, j, '/console/settings', '/console/settings', { channel: 'wechat', isSend: '1' });
  assert.equal(r.status, 303);
  expectOk(await send(srv.base, { token: u.token, content: 'on' }));
});

S.test('friends: a friend link with its QR code, a second person becomes a friend by it, remark, remove; the SPT on the token page', async (t, srv) => {
  const u = await srv.addUser('con-fr');
  const j = await signIn(srv, u.uid);
  let r = await submit(srv, j, '/console/friends', '/console/friends/link');
  assert.equal(r.status, 303, r.text);
  const page = await get(j, srv.base + r.headers.location);
  const link = page.text.match(/id="con-join" value="([^"]+)"/)[1];
  const v = await srv.addUser('con-fr-2');
  const jv = await signIn(srv, v.uid);
  r = await submit(srv, jv, new URL(link).pathname, new URL(link).pathname);
  assert.ok([200, 303].includes(r.status), r.text);
  let f = await get(j, srv.base + '/console/friends');
  assert.ok(f.text.includes(v.uid));
  const remark = formFields(f.text, '/console/friends/remark');
  r = await post(j, srv.base + '/console/friends/remark', { ...remark.fields, remark: '老朋友 <3' });
  assert.equal(r.status, 303);
  f = await get(j, srv.base + '/console/friends');
  assert.match(f.text, /value="老朋友 &lt;3"/);
  // not someone else's friendship
  r = await post(jv, srv.base + '/console/friends/remove', { ...formFields((await get(jv, srv.base + '/console/friends')).text, '/console/friends/link').fields, id: remark.fields.id });
  assert.equal(r.status, 404);
  r = await post(j, srv.base + '/console/friends/remove', formFields(f.text, '/console/friends/remove').fields);
  assert.equal(r.status, 303);
  assert.ok(!(await get(j, srv.base + '/console/friends')).text.includes(v.uid));
  // the SPT on the token page (/me's button makes one when there is none)
  let tp = await get(j, srv.base + '/console/token');
  const made = formFields(tp.text, '/me/spt');
  if (made) {
    r = await post(j, srv.base + '/me/spt', made.fields);
    assert.ok(r.status < 400, r.text);
    tp = await get(j, srv.base + '/console/token');
  }
  const spt = tp.text.match(/id="con-spt" value="(SPT_\w+)"/)[1];
  const sent = await request(`${srv.base}/api/send/message/${spt}/from%20the%20console`);
  assert.equal(sent.json.code, 1000, sent.text);
});

S.test('open API: a short secretKey and a bad allowlist are refused with the form kept; on with both, getAccessKey works; off again', async (t, srv) => {
  const u = await srv.addUser('con-oa');
  const j = await signIn(srv, u.uid);
  let r = await submit(srv, j, '/console/openapi', '/console/openapi', { enable: '1', secret: 'short', ips: 'not an ip' });
  assert.equal(r.status, 422);
  assert.match(r.text, /id="f-oa-secret-err">secretKey 须为 16 到 128 个字节/);
  assert.match(r.text, /name="ips"[^>]*value="not an ip"/);
  assert.doesNotMatch(r.text, /value="short"/, 'a secret is never written back into the page');
  r = await submit(srv, j, '/console/openapi', '/console/openapi', { enable: '1', ips: '127.0.0.1' });
  assert.equal(r.status, 422, 'on without a secretKey: the operation refuses');
  const secret = 'a'.repeat(8) + 'B'.repeat(8) + '0123456789';
  r = await submit(srv, j, '/console/openapi', '/console/openapi', { enable: '1', secret, ips: '127.0.0.1' });
  assert.equal(r.status, 303, r.text);
  const page = await get(j, srv.base + '/console/openapi');
  assert.match(page.text, /开放接口已打开。 已设置 secretKey。/);
  assert.ok(!page.text.includes(secret));
  const k = await getAccessKey(srv, u.token, secret);
  assert.equal(JSON.parse(k.text).code, 200, k.text);
  r = await submit(srv, j, '/console/openapi', '/console/openapi', { ips: '127.0.0.1' });
  assert.equal(r.status, 303);
  assert.match((await get(j, srv.base + '/console/openapi')).text, /开放接口已关闭。/);
});

S.test('WxPusher apps: create (refused form kept), follow link and PNG QR, a follower gets a WxPusher send, reset the appToken, edit', async (t, srv) => {
  const u = await srv.addUser('con-wx');
  const j = await signIn(srv, u.uid);
  let r = await submit(srv, j, '/console/wx', '/console/wx/add', { name: '', callback: 'nope' });
  assert.equal(r.status, 422);
  assert.match(r.text, /name="callback"[^>]*value="nope"/);
  r = await submit(srv, j, '/console/wx', '/console/wx/add', { name: '我的应用' });
  assert.equal(r.status, 303, r.text);
  const apath = r.headers.location.replace(/\?.*/, '');
  const id = apath.match(/\/console\/wx\/(\d+)$/)[1];
  let page = await get(j, srv.base + apath);
  const token = page.text.match(/id="con-apptoken" value="(AT_\w+)"/)[1];
  const follow = page.text.match(/id="con-follow" value="([^"]+)"/)[1];
  assert.equal(new URL(follow).pathname, `/follow/app/${id}`);
  const png = await request(`${srv.base}/qrcode/app-${id}.png`);
  assert.equal(png.headers['content-type'], 'image/png');
  // a follower, then a WxPusher send with the appToken
  const v = await srv.addUser('con-wx-fan');
  const jv = await signIn(srv, v.uid);
  r = await submit(srv, jv, `/follow/app/${id}`, `/follow/app/${id}`);
  assert.ok(r.status < 400, r.text);
  const s1 = await request(`${srv.base}/api/send/message`, { method: 'POST', headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ appToken: token, content: 'hi fans', uids: [v.uid] }) });
  assert.equal(s1.json.code, 1000, s1.text);
  assert.equal(s1.json.data[0].code, 1000, s1.text);
  // someone else cannot see or reset it
  assert.equal((await get(jv, srv.base + apath)).status, 404);
  r = await submit(srv, j, apath, `${apath}/reset`);
  assert.equal(r.status, 303);
  page = await get(j, srv.base + apath);
  assert.ok(!page.text.includes(token), 'a new appToken');
  const s2 = await request(`${srv.base}/api/send/message`, { method: 'POST', headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ appToken: token, content: 'old token', uids: [v.uid] }) });
  assert.notEqual(s2.json.code, 1000, 'the old appToken is refused');
  r = await submit(srv, j, apath, `${apath}/edit`, { name: '新名字', description: 'd', callback_url: '', settings_url: 'https://x.example/s' });
  assert.equal(r.status, 303, r.text);
  assert.match((await get(j, srv.base + apath)).text, /value="新名字"/);
});

S.test('devices: listed with their type, an e-mail device waiting for its confirmation, delete (own devices only)', async (t, srv) => {
  const u = await srv.addUser('con-dev');
  const j = await signIn(srv, u.uid);
  const add = (body) => request(`${srv.base}/api/devices`, { method: 'POST',
    headers: { Authorization: `Bearer ${u.token}`, 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
  assert.equal((await add({ type: 'bark', key: 'AbC_12-x' })).json.code, 200);
  assert.equal((await add({ type: 'email', address: 'me@example.com' })).json.code, 200);
  let page = await get(j, srv.base + '/console/devices');
  assert.match(page.text, /<td>bark<\/td>/);
  assert.match(page.text, /<td>email （等待邮件确认）<\/td>/);
  assert.match(page.text, /href="\/me"/);
  const v = await srv.addUser('con-dev-other');
  const jv = await signIn(srv, v.uid);
  const del = formFields(page.text, '/console/devices/delete');
  const vp = await get(jv, srv.base + '/console/devices');
  let r = await post(jv, srv.base + '/console/devices/delete', { csrf: vp.text.match(/name="csrf" value="(\w+)"/)[1], id: del.fields.id });
  assert.equal(r.status, 404, 'not their device');
  r = await post(j, srv.base + '/console/devices/delete', del.fields);
  assert.equal(r.status, 303);
  page = await get(j, srv.base + '/console/devices');
  assert.equal([...page.text.matchAll(/action="\/console\/devices\/delete"/g)].length, 1);
});
