// The web console's second round of sender pages (issue 12) against the
// binary: pre-processing scripts (add with inline validation, edit,
// delete, a test run through the sandboxed pool shown on the page).
import assert from 'node:assert/strict';
import { suite } from './lib/feige.mjs';
import { send, request, expectOk, expectErr } from './lib/http.mjs';
import { signIn, get, post, submit } from './lib/person.mjs';
import { openUser, accessKey, open } from './lib/open.mjs';

const S = suite();

S.test('pre scripts: add (refused form kept), list, edit, used by /send, test run result and error inline, delete', async (t, srv) => {
  const u = await srv.addUser('con-pre');
  const j = await signIn(srv, u.uid);
  let r = await get(j, srv.base + '/console/pre');
  assert.equal(r.status, 200, r.text);
  assert.match(r.text, /<h1>预处理脚本<\/h1>/);
  r = await submit(srv, j, '/console/pre', '/console/pre', { name: 'up <b>', code: '', script: 'content = content.toUpperCase();' });
  assert.equal(r.status, 422);
  assert.match(r.text, /name="name"[^>]*value="up &lt;b&gt;"/);
  assert.match(r.text, /content = content\.toUpperCase\(\);<\/textarea>/);
  assert.match(r.text, /id="f-pre-code-err">请填写这一项/);
  r = await submit(srv, j, '/console/pre', '/console/pre', { name: 'up <b>', code: 'up', script: 'content = content.toUpperCase();' });
  assert.equal(r.status, 303, r.text);
  r = await submit(srv, j, '/console/pre', '/console/pre', { name: 'again', code: 'up', script: 'content = 1;' });
  assert.notEqual(r.status, 303, 'a taken code is refused');
  let page = await get(j, srv.base + '/console/pre');
  assert.match(page.text, /<td>up &lt;b&gt;<\/td><td><code>up<\/code>/);
  const id = page.text.match(/href="\/console\/pre\?edit=(\d+)#pre"/)[1];
  expectOk(await send(srv.base, { token: u.token, content: 'hello', pre: 'up' }));

  // edit: the form carries the script; save a new one
  page = await get(j, srv.base + `/console/pre?edit=${id}`);
  assert.match(page.text, /content = content\.toUpperCase\(\);<\/textarea>/);
  r = await submit(srv, j, `/console/pre?edit=${id}`, '/console/pre', { id, name: 'up <b>', code: 'up', script: 'content = "[" + content + "]";' });
  assert.equal(r.status, 303, r.text);
  page = await get(j, srv.base + `/console/pre?edit=${id}`);
  assert.match(page.text, /content = &quot;\[&quot; \+ content/);

  // another person's script is no such script
  const v = await srv.addUser('con-pre-other');
  const jv = await signIn(srv, v.uid);
  assert.equal((await get(jv, srv.base + `/console/pre?edit=${id}`)).status, 404);

  // test run: the result, then a script error, both inline with the form kept
  r = await submit(srv, j, '/console/pre', '/console/pre/test', { script: 'content = content + " <ok>";', message: 'hi' });
  assert.equal(r.status, 200, r.text);
  assert.match(r.text, /<pre class="con-code">hi &lt;ok&gt;<\/pre>/);
  assert.match(r.text, /name="message"[^>]*>hi<\/textarea>/);
  r = await submit(srv, j, '/console/pre', '/console/pre/test', { script: 'throw new Error("boom7");', message: 'hi' });
  assert.equal(r.status, 200, r.text);
  assert.match(r.text, /<pre class="con-err">[^<]*boom7/);
  r = await submit(srv, j, '/console/pre', '/console/pre/test', { script: '', message: 'hi' });
  assert.equal(r.status, 422);

  // delete: another person cannot; the owner can, then /send names it in vain
  const del = (await get(j, srv.base + '/console/pre')).text;
  const csrfV = (await get(jv, srv.base + '/console/pre')).text.match(/name="csrf" value="(\w+)"/)[1];
  r = await post(jv, srv.base + '/console/pre/delete', { csrf: csrfV, id });
  assert.equal(r.status, 404);
  r = await submit(srv, j, '/console/pre', '/console/pre/delete');
  assert.equal(r.status, 303, r.text);
  assert.ok(del.includes(`value="${id}"`));
  page = await get(j, srv.base + '/console/pre');
  assert.doesNotMatch(page.text, /<code>up<\/code>/);
  expectErr(await send(srv.base, { token: u.token, content: 'hello', pre: 'up' }), 999);

  // without the CSRF field: 403
  r = await post(j, srv.base + '/console/pre/test', { script: 'content = 1;', message: 'x' });
  assert.equal(r.status, 403);
});

S.test('WeCom app and mail config forms: refused forms keep what was typed, good ones listed on the channels page, a taken code refused', async (t, srv) => {
  const u = await srv.addUser('con-chanadd');
  const j = await signIn(srv, u.uid);
  let r = await get(j, srv.base + '/console/chanadd?lang=en');
  assert.equal(r.status, 200, r.text);
  assert.match(r.text, /<h2>Add a WeCom app<\/h2>/);
  r = await submit(srv, j, '/console/chanadd', '/console/chanadd/cp', { code: 'c1', name: 'corp <x>', corpid: 'ww1', agentid: 'abc', secret: 's3cret' });
  assert.equal(r.status, 422);
  assert.match(r.text, /name="name"[^>]*value="corp &lt;x&gt;"/);
  assert.match(r.text, /id="f-cacp-agentid-err">/);
  r = await submit(srv, j, '/console/chanadd', '/console/chanadd/cp', { code: 'c1', name: 'corp', corpid: 'ww1', agentid: '1000002', secret: 's3cret' });
  assert.equal(r.status, 303, r.text);
  assert.match(r.headers.location, /^\/console\/channels\?done=/);
  r = await submit(srv, j, '/console/chanadd', '/console/chanadd/mail', { code: 'm1', name: 'mail', host: 'smtp.example', port: '70000', account: 'me@example.com', password: 'pw' });
  assert.equal(r.status, 422);
  assert.match(r.text, /name="host"[^>]*value="smtp.example"/);
  assert.match(r.text, /id="f-camail-port-err">/);
  r = await submit(srv, j, '/console/chanadd', '/console/chanadd/mail', { code: 'm1', name: 'mail', host: 'smtp.example', port: '465', ssl: '1', account: 'me@example.com', password: 'pw' });
  assert.equal(r.status, 303, r.text);
  r = await submit(srv, j, '/console/chanadd', '/console/chanadd/mail', { code: 'm1', name: 'again', host: 'smtp.example', port: '25', account: 'me@example.com', password: 'pw' });
  assert.notEqual(r.status, 303, 'a taken code');
  const page = await get(j, srv.base + '/console/channels');
  assert.match(page.text, /<td>cp<\/td><td><code>c1<\/code><\/td><td>corp<\/td><td>ww1<\/td>/);
  assert.match(page.text, /<td>mail<\/td><td><code>m1<\/code><\/td><td>mail<\/td><td>smtp.example<\/td>/);
  assert.doesNotMatch(page.text, /s3cret/);
  const cli = await srv.cli(['mail', 'show', u.uid, 'm1']);
  assert.equal(cli.port, 465);
  assert.equal(cli.ssl, 1);
  assert.equal((await post(j, srv.base + '/console/chanadd/sms', {})).status, 403);
});

S.test('AccessKeys: the live keys listed by a short hash id (never the key), revoke one, another person cannot, revoke all', async (t, srv) => {
  const u = await openUser(srv, 'con-keys');
  const k2 = await accessKey(srv, u.token);
  const j = await signIn(srv, u.uid);
  const call = async (key) => (await open(srv, key, 'POST', 'pre/list', { body: { current: 1, pageSize: 10 } })).code;
  assert.equal(await call(u.key), 200);
  assert.equal(await call(k2), 200);
  let page = await get(j, srv.base + '/console/keys');
  assert.equal(page.status, 200, page.text);
  const ids = [...page.text.matchAll(/<tr><td><code>([0-9a-f]{12})…<\/code>/g)].map((m) => m[1]);
  assert.equal(ids.length, 2, page.text);
  assert.ok(!page.text.includes(u.key) && !page.text.includes(k2), 'no key on the page');
  const rows = [...page.text.matchAll(/action="\/console\/keys\/revoke"[^>]*>.*?name="id" value="(\d+)"/g)].map((m) => m[1]);
  assert.deepEqual(rows.length, 2, 'a button a key');
  assert.match(page.text, /action="\/console\/keys\/revoke-all"/);
  // another person's revoke of this person's key: no such key, the key lives
  const v = await srv.addUser('con-keys-other');
  const jv = await signIn(srv, v.uid);
  const csrfV = (await get(jv, srv.base + '/console/keys')).text.match(/name="csrf" value="(\w+)"/)[1];
  let r = await post(jv, srv.base + '/console/keys/revoke', { csrf: csrfV, id: rows[0] });
  assert.notEqual(r.status, 303);
  assert.equal(await call(u.key), 200);
  // revoke the first key: it is refused, the second still works
  const csrf = page.text.match(/name="csrf" value="(\w+)"/)[1];
  r = await post(j, srv.base + '/console/keys/revoke', { csrf, id: rows[0] });
  assert.equal(r.status, 303, r.text);
  assert.notEqual(await call(u.key), 200);
  assert.equal(await call(k2), 200);
  page = await get(j, srv.base + '/console/keys');
  assert.equal([...page.text.matchAll(/<tr><td><code>/g)].length, 1);
  r = await post(j, srv.base + '/console/keys/revoke', { csrf, id: '0' });
  assert.equal(r.status, 404, 'id 0 is no key');
  r = await post(j, srv.base + '/console/keys/revoke-all', { csrf });
  assert.equal(r.status, 303, r.text);
  assert.notEqual(await call(k2), 200);
  page = await get(j, srv.base + '/console/keys?lang=en');
  assert.match(page.text, /No live AccessKeys\./);
  assert.equal((await post(j, srv.base + '/console/keys/revoke-all', {})).status, 403);
});

S.test('WxPusher topics: add to an own app (refused name kept), listed with its id, not another person\'s, delete', async (t, srv) => {
  const u = await srv.addUser('con-wt');
  const app = await srv.cli(['app', 'add', u.uid, '我的应用']);
  const appId = String(app.appId ?? app.id);
  const j = await signIn(srv, u.uid);
  let page = await get(j, srv.base + '/console/wxtopics');
  assert.equal(page.status, 200, page.text);
  assert.match(page.text, new RegExp(`appId ${appId}`));
  let r = await submit(srv, j, '/console/wxtopics', '/console/wxtopics/add', { name: 'x'.repeat(300) });
  assert.equal(r.status, 422);
  assert.match(r.text, /value="x{300}"/);
  r = await submit(srv, j, '/console/wxtopics', '/console/wxtopics/add', { name: '天气 <早报>' });
  assert.equal(r.status, 303, r.text);
  page = await get(j, srv.base + '/console/wxtopics');
  const m = page.text.match(/<tr><td><code>(\d+)<\/code><\/td><td>天气 &lt;早报&gt;<\/td>/);
  assert.ok(m, page.text);
  const v = await srv.addUser('con-wt-other');
  const jv = await signIn(srv, v.uid);
  const pv = await get(jv, srv.base + '/console/wxtopics');
  assert.match(pv.text, /还没有 WxPusher 应用/);
  const csrfV = pv.text.match(/name="csrf" value="(\w+)"/)[1];
  assert.equal((await post(jv, srv.base + '/console/wxtopics/delete', { csrf: csrfV, id: m[1] })).status, 404);
  assert.equal((await post(jv, srv.base + '/console/wxtopics/add', { csrf: csrfV, app: appId, name: 'mine' })).status, 404);
  r = await submit(srv, j, '/console/wxtopics', '/console/wxtopics/delete');
  assert.equal(r.status, 303, r.text);
  page = await get(j, srv.base + '/console/wxtopics');
  assert.doesNotMatch(page.text, /天气/);
});

S.test('WxPusher followers: listed per app with state, searched by UID, block (sends refused) and unblock, remove; not another person\'s', async (t, srv) => {
  const u = await srv.addUser('con-wf');
  const j = await signIn(srv, u.uid);
  let r = await submit(srv, j, '/console/wx', '/console/wx/add', { name: '粉丝应用' });
  assert.equal(r.status, 303, r.text);
  const apath = r.headers.location.replace(/\?.*/, '');
  const id = apath.match(/\/console\/wx\/(\d+)$/)[1];
  const token = (await get(j, srv.base + apath)).text.match(/id="con-apptoken" value="(AT_\w+)"/)[1];
  const fans = [];
  for (const n of ['a', 'b']) {
    const v = await srv.addUser(`con-wf-${n}`);
    const jv = await signIn(srv, v.uid);
    r = await submit(srv, jv, `/follow/app/${id}`, `/follow/app/${id}`);
    assert.ok(r.status < 400, r.text);
    fans.push({ v, jv });
  }
  const sendTo = async (uid) => (await request(`${srv.base}/api/send/message`, { method: 'POST', headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ appToken: token, content: 'hi', uids: [uid] }) })).json.data[0].code;
  let page = await get(j, srv.base + `/console/wxfollowers?app=${id}`);
  assert.equal(page.status, 200, page.text);
  for (const f of fans) assert.ok(page.text.includes(`<code>${f.v.uid}</code>`));
  assert.match(page.text, /未付费/);
  page = await get(j, srv.base + `/console/wxfollowers?app=${id}&uid=${fans[0].v.uid}`);
  assert.ok(page.text.includes(fans[0].v.uid) && !page.text.includes(`<code>${fans[1].v.uid}</code>`));
  assert.match(page.text, new RegExp(`id="f-wf-uid" name="uid" maxlength="40" value="${fans[0].v.uid}"`));
  page = await get(j, srv.base + `/console/wxfollowers?app=${id}&uid=UID_nobody`);
  assert.match(page.text, /<p class="con-hint">（无）<\/p>/);
  // block: a send to them is refused; unblock: delivered again
  const target = `/console/wxfollowers?app=${id}&uid=${fans[0].v.uid}`;
  assert.equal(await sendTo(fans[0].v.uid), 1000);
  r = await submit(srv, j, target, '/console/wxfollowers/block');
  assert.equal(r.status, 303, r.text);
  assert.equal(r.headers.location, `/console/wxfollowers?app=${id}&done=wf.blocked.done`);
  assert.notEqual(await sendTo(fans[0].v.uid), 1000);
  assert.match((await get(j, srv.base + target)).text, /已拉黑/);
  r = await submit(srv, j, target, '/console/wxfollowers/unblock');
  assert.equal(r.status, 303, r.text);
  assert.equal(await sendTo(fans[0].v.uid), 1000);
  // another person: not their app, not their follow
  const other = fans[1];
  assert.equal((await get(other.jv, srv.base + `/console/wxfollowers?app=${id}`)).status, 404);
  const fid = (await get(j, srv.base + target)).text.match(/action="\/console\/wxfollowers\/remove"[^>]*>.*?name="id" value="(\d+)"/)[1];
  const csrfO = (await get(other.jv, srv.base + '/console/wxfollowers')).text.match(/name="csrf" value="(\w+)"/)[1];
  assert.equal((await post(other.jv, srv.base + '/console/wxfollowers/remove', { csrf: csrfO, id: fid })).status, 404);
  // remove
  r = await submit(srv, j, target, '/console/wxfollowers/remove');
  assert.equal(r.status, 303, r.text);
  page = await get(j, srv.base + `/console/wxfollowers?app=${id}`);
  assert.ok(!page.text.includes(`<code>${fans[0].v.uid}</code>`));
  assert.ok(page.text.includes(`<code>${fans[1].v.uid}</code>`));
});

S.test('WxPusher parametric QR codes: refused form kept, made for an own app, PNG and link shown, a follow through it is scanned, owner only', async (t, srv) => {
  const u = await srv.addUser('con-wq');
  const app = await srv.cli(['app', 'add', u.uid, '二维码应用']);
  const appId = String(app.appId ?? app.id);
  const j = await signIn(srv, u.uid);
  let r = await submit(srv, j, '/console/wxqr', '/console/wxqr', { app: appId, extra: 'e'.repeat(65), valid: '0' });
  assert.equal(r.status, 422);
  assert.match(r.text, /value="e{65}"/);
  assert.match(r.text, /id="f-wq-valid-err">/);
  r = await submit(srv, j, '/console/wxqr', '/console/wxqr', { app: appId, extra: 'order-42', valid: '600' });
  assert.equal(r.status, 303, r.text);
  assert.match(r.headers.location, /^\/console\/wxqr\?qr=\w+&done=wq\.created$/);
  const page = await get(j, srv.base + r.headers.location);
  assert.equal(page.status, 200, page.text);
  const code = page.text.match(/src="\/qrcode\/(\w+)\.png"/)[1];
  const link = page.text.match(/id="con-qrlink" value="([^"]+)"/)[1];
  const secret = page.text.match(/id="con-qrsecret" value="([^"]+)"/)[1];
  assert.equal(new URL(link).pathname + new URL(link).search, `/follow/app/${appId}?qr=${code}`);
  const png = await request(`${srv.base}/qrcode/${code}.png`);
  assert.equal(png.headers['content-type'], 'image/png');
  // someone follows through it: the poll with the secret names them
  const v = await srv.addUser('con-wq-fan');
  const jv = await signIn(srv, v.uid);
  r = await submit(srv, jv, new URL(link).pathname + new URL(link).search, new URL(link).pathname);
  assert.ok(r.status < 400, r.text);
  const poll = await request(`${srv.base}/api/fun/scan-qrcode-uid?code=${secret}`);
  assert.equal(poll.json.data, v.uid, poll.text);
  // not another person's page, nor their app
  assert.equal((await get(jv, srv.base + `/console/wxqr?qr=${code}`)).status, 404);
  const csrfV = (await get(jv, srv.base + '/console/wxqr')).text.match(/name="csrf" value="(\w+)"/)[1];
  r = await post(jv, srv.base + '/console/wxqr', { csrf: csrfV, app: appId, extra: 'x', valid: '60' });
  assert.equal(r.status, 422);
});

S.test('webhook types are named in English in the English view, in Chinese by default; the CLI keeps pushplus\'s names', async (t, srv) => {
  const u = await srv.addUser('con-when');
  const j = await signIn(srv, u.uid);
  const zh = await get(j, srv.base + '/console/channels?lang=zh');
  assert.match(zh.text, /<option value="1"[^>]*>企业微信机器人<\/option>/);
  assert.match(zh.text, /<option value="2"[^>]*>钉钉机器人<\/option>/);
  const en = await get(j, srv.base + '/console/channels?lang=en');
  assert.match(en.text, /<option value="1"[^>]*>WeCom bot<\/option>/);
  assert.match(en.text, /<option value="2"[^>]*>DingTalk bot<\/option>/);
  assert.match(en.text, /<option value="12"[^>]*>Custom<\/option>/);
  assert.doesNotMatch(en.text, /机器人<\/option>/);
  await srv.cli(['webhook', 'add', u.uid, 'w1', 'robot', '1', 'https://example.com/x']);
  assert.equal((await srv.cli(['webhook', 'show', u.uid, 'w1'])).typeName, '企业微信机器人');
});
