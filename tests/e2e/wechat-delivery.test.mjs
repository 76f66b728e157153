// Delivery to a person's WeChat (issue 11 §1, docs/wechat.md "Delivery"):
// a pushplus /send and a WxPusher send to a bound person produce the
// exact template-message request WeChat documents (checked byte for
// byte at the stand-in); a token that expired (42001) is fetched again
// and the push retried; errcodes become honest push statuses (43004
// removes the binding, 40003 fails with the reason); a receipt
// (TEMPLATESENDJOBFINISH) sets the push's final status whether it comes
// before or after feige stored the send; after unsubscribe nothing goes
// to WeChat; a slow token endpoint holds up WeChat pushes only, never a
// Web Push beside them.
import assert from 'node:assert/strict';
import { suite, startFeige } from './lib/feige.mjs';
import { send, request, expectOk } from './lib/http.mjs';
import { waitFor } from './lib/wait.mjs';
import { newApp, followers, sendWx } from './lib/wx.mjs';
import { startWechat, wechatConfig, pushEvent, bindPerson, TEMPLATE } from './lib/wechat.mjs';
import { pushService, addWebPush } from './lib/pushsvc.mjs';

const W = await startWechat();
const S = suite({ config: wechatConfig(W, { 'queue.retry_base_ms': 200 }) });

async function devices(srv, token) {
  const r = await request(`${srv.base}/api/devices`, { headers: { Authorization: `Bearer ${token}` } });
  assert.equal(r.json.code, 200, r.text);
  return r.json.data;
}

let n = 0;
async function boundPerson(srv, name) {
  const u = await srv.addUser(name);
  const openid = `oDeliver_${++n}_${Math.random().toString(36).slice(2, 10)}`;
  const { r } = await bindPerson(srv, u, openid);
  assert.match(r.text, /已绑定/);
  return { u, openid };
}

const sendsTo = (openid) => W.on('/cgi-bin/message/template/send').filter((x) => x.json?.touser === openid);

async function lastStatus(srv, token, want) {
  let d;
  await waitFor(async () => {
    d = (await devices(srv, token))[0];
    return d && d.lastStatus === want;
  }, 10000, { what: `lastStatus ${want}` }).catch((e) => {
    e.message += ` (device: ${JSON.stringify(d)})`;
    throw e;
  });
  return d;
}

S.test('pushplus /send to a bound person: the exact template message', async (t, srv) => {
  const { u, openid } = await boundPerson(srv, 'tplself');
  const sc = expectOk(await send(srv.base, { token: u.token, title: '磁盘告警：/ 使用率 95%，请尽快处理！', content: 'disk <b>full</b> on host-1' }));
  await waitFor(() => sendsTo(openid).length === 1, 10000, { what: 'the template message' });
  const req = sendsTo(openid)[0];
  assert.equal(req.method, 'POST');
  assert.ok(W.valid.has(req.query.access_token), 'a valid token');
  assert.deepEqual(Object.keys(req.query), ['access_token']);
  assert.equal(req.headers['content-type'], 'application/json');
  const want = {
    touser: openid,
    template_id: TEMPLATE,
    url: `${srv.base}/message/${sc}`,
    data: { title: { value: '磁盘告警：/ 使用率 95%，请尽快处…' }, content: { value: 'disk full on host-1' }, source: { value: 'feige' } },
  };
  assert.equal(req.body, JSON.stringify(want));
  const d = await lastStatus(srv, u.token, 'sent');
  assert.equal(d.type, 'wechat');
});

S.test('a WxPusher send to a bound follower: the template names the app', async (t, srv) => {
  const app = await newApp(srv, 'tplapp');
  const { u, openid } = await boundPerson(srv, 'tplwx');
  await srv.cli(['follow', u.uid, '--app', String(app.appId)]);
  const r = await sendWx(srv.base, { appToken: app.appToken, content: 'wx body text', summary: '构建成功', uids: [u.uid] });
  assert.equal(r.code, 1000, JSON.stringify(r));
  await waitFor(() => sendsTo(openid).length === 1, 10000, { what: 'the template message' });
  const body = sendsTo(openid)[0].json;
  assert.equal(body.template_id, TEMPLATE);
  assert.match(body.url, new RegExp(`^${srv.base}/message/[0-9a-f]{32}$`));
  assert.equal(body.data.title.value, '构建成功');
  assert.equal(body.data.source.value, 'tplapp');
  // others following without WeChat: nothing sent for them
  const [other] = await followers(srv, 1, { app: app.appId, prefix: 'tplnowc' });
  const before = W.on('/cgi-bin/message/template/send').length;
  assert.equal((await sendWx(srv.base, { appToken: app.appToken, content: 'only inbox', uids: [other.uid] })).code, 1000);
  await new Promise((ok) => setTimeout(ok, 500));
  assert.equal(W.on('/cgi-bin/message/template/send').length, before);
});

S.test('42001: the token is fetched again and the push retried with it', async (t, srv) => {
  const { u, openid } = await boundPerson(srv, 'tplexpiry');
  const tokens = W.tokens.length;
  W.expireOnce = 1;
  expectOk(await send(srv.base, { token: u.token, title: 'after expiry', content: 'x' }));
  await waitFor(() => sendsTo(openid).length === 2, 10000, { what: 'the retried template message' });
  const [first, second] = sendsTo(openid);
  assert.notEqual(first.query.access_token, second.query.access_token);
  assert.equal(W.tokens.length, tokens + 1);
  assert.equal(second.query.access_token, W.tokens.at(-1));
  assert.equal(second.body, first.body, 'the same request');
  await lastStatus(srv, u.token, 'sent');
});

S.test('errcodes: 43004 removes the WeChat device, 40003 fails with the reason, -1 is retried', async (t, srv) => {
  const a = await boundPerson(srv, 'tpl43004');
  W.template.push({ errcode: 43004, errmsg: 'require subscribe' });
  expectOk(await send(srv.base, { token: a.u.token, title: 't', content: 'x' }));
  await waitFor(async () => (await devices(srv, a.u.token)).length === 0, 10000, { what: 'the device removed' });

  const b = await boundPerson(srv, 'tpl40003');
  W.template.push({ errcode: 40003, errmsg: 'invalid openid' });
  expectOk(await send(srv.base, { token: b.u.token, title: 't', content: 'x' }));
  const d = await lastStatus(srv, b.u.token, 'failed');
  assert.match(d.lastError, /errcode 40003 invalid openid/);
  assert.equal(sendsTo(b.openid).length, 1, 'not retried');

  const c = await boundPerson(srv, 'tplbusy');
  W.template.push({ errcode: -1, errmsg: 'system error' });
  expectOk(await send(srv.base, { token: c.u.token, title: 't', content: 'x' }));
  await waitFor(() => sendsTo(c.openid).length === 2, 10000, { what: 'the retry' });
  await lastStatus(srv, c.u.token, 'sent');
});

S.test('TEMPLATESENDJOBFINISH sets the final status, after the send is stored or before', async (t, srv) => {
  const { u, openid } = await boundPerson(srv, 'tplreceipt');
  expectOk(await send(srv.base, { token: u.token, title: 'r1', content: 'x' }));
  await lastStatus(srv, u.token, 'sent');
  const msgid = String(W.msgid);
  const r = await pushEvent(srv.base, { from: openid, event: 'TEMPLATESENDJOBFINISH', msgId: msgid, status: 'failed:user block' });
  assert.equal(r.text, 'success');
  const d = await lastStatus(srv, u.token, 'failed');
  assert.match(d.lastError, /failed:user block.*用户拒收/);

  // the receipt comes before feige has stored WeChat's answer
  W.beforeTemplateReply = async (id) => {
    const e = await pushEvent(srv.base, { from: openid, event: 'TEMPLATESENDJOBFINISH', msgId: String(id), status: 'failed: system failed' });
    assert.equal(e.text, 'success');
  };
  expectOk(await send(srv.base, { token: u.token, title: 'r2', content: 'x' }));
  await waitFor(async () => /system failed/.test((await devices(srv, u.token))[0].lastError), 10000, { what: 'the early receipt applied' });
  assert.equal((await devices(srv, u.token))[0].lastStatus, 'failed');

  // success keeps it sent
  expectOk(await send(srv.base, { token: u.token, title: 'r3', content: 'x' }));
  await waitFor(async () => sendsTo(openid).length === 3, 10000, { what: 'the third send' });
  await lastStatus(srv, u.token, 'sent');
  await pushEvent(srv.base, { from: openid, event: 'TEMPLATESENDJOBFINISH', msgId: String(W.msgid), status: 'success' });
  await waitFor(async () => /receipt success: delivered/.test((await devices(srv, u.token))[0].lastError), 10000, { what: 'success recorded' });
  assert.equal((await devices(srv, u.token))[0].lastStatus, 'sent');
});

S.test('after unsubscribe nothing goes to WeChat; the inbox still gets it', async (t, srv) => {
  const { u, openid } = await boundPerson(srv, 'tplgone');
  await pushEvent(srv.base, { from: openid, event: 'unsubscribe' });
  assert.deepEqual(await devices(srv, u.token), []);
  const sc = expectOk(await send(srv.base, { token: u.token, title: 'after', content: 'x' }));
  await srv.waitStatus(sc, [2]);
  await new Promise((ok) => setTimeout(ok, 500));
  assert.equal(sendsTo(openid).length, 0);
  assert.ok((await srv.inbox(u.token)).some((x) => x.shortCode === sc));
});

S.test('credentials WeChat refuses: feige wechat status and bind say so, with the errcode', async (t) => {
  const srv = await startFeige({ config: wechatConfig(W, { 'wechat.secret': 'wrong_secret', 'queue.retry_base_ms': 200 }) });
  try {
    const u = await srv.addUser('badsecret');
    const st = await srv.cli(['wechat', 'status', '--config', srv.configFile]);
    assert.match(st.token, /errcode 40013/);
    const b = await srv.cli(['wechat', 'bind', u.uid, '--config', srv.configFile], { raw: true });
    assert.notEqual(b.code, 0);
    assert.match(b.stderr, /errcode 40013/);
  } finally {
    await srv.stop();
    await srv.cleanup();
  }
});

S.test('a slow token endpoint delays only the WeChat push: a Web Push sent after it arrives before the token answer', async (t) => {
  // channel.timeout_ms far beyond the test: the token call ends only when
  // the test lets it, so nothing here depends on a timeout
  const srv = await startFeige({ config: wechatConfig(W, { 'channel.allow_private': 'yes', 'channel.timeout_ms': 120000 }) });
  const ps = await pushService();
  let release;
  try {
    const { u, openid } = await boundPerson(srv, 'slowtoken');
    const other = await srv.addUser('slowtoken-wp');
    const { sub } = await addWebPush(srv, other.token, ps);
    W.holdToken = new Promise((ok) => (release = ok));
    const held = W.tokenHeld;
    expectOk(await send(srv.base, { token: u.token, title: 'to WeChat', content: 'waits for the token' }));
    await waitFor(() => W.tokenHeld > held, 10000, { what: 'feige asking for a token' });
    const sc = expectOk(await send(srv.base, { token: other.token, title: 'to the browser', content: 'must not wait' }));
    const path = new URL(sub.endpoint).pathname;
    await waitFor(() => ps.received.some((x) => x.path === path), 10000, { what: 'the Web Push while the token call is held' });
    assert.equal(JSON.parse(ps.received.find((x) => x.path === path).plain).id, sc);
    assert.ok(W.tokenHeld > held, 'the token call is still unanswered');
    assert.equal(sendsTo(openid).length, 0, 'no template message without the token');
    W.holdToken = null;
    release();
    await waitFor(() => sendsTo(openid).length === 1, 10000, { what: 'the template message once the token came' });
    assert.ok(W.valid.has(sendsTo(openid)[0].query.access_token), 'sent with the token');
    await lastStatus(srv, u.token, 'sent');
  } finally {
    W.holdToken = null;
    release?.();
    await ps.close();
    await srv.stop();
    await srv.cleanup();
  }
});
