// The operator's WeChat official account (issue 11 §1, docs/wechat.md)
// against the stand-in of tests/e2e/lib/wechat.mjs: the server URL's
// verification and signed events, binding a person by a scanned bind
// code (feige wechat bind), forged and unsigned events changing
// nothing, WeChat's retries handled once, unsubscribe, "#appId text"
// reaching the app's callback, the follower limit, feige wechat status.
import assert from 'node:assert/strict';
import { suite, startFeige } from './lib/feige.mjs';
import { request } from './lib/http.mjs';
import { sinkPool } from './lib/sink.mjs';
import { newApp } from './lib/wx.mjs';
import { openUser, open, ok } from './lib/open.mjs';
import { openSSE } from './lib/sse.mjs';
import { startWechat, wechatConfig, signature, signedQuery, pushEvent, replyText, eventXml, bindPerson, TOKEN } from './lib/wechat.mjs';

const W = await startWechat();
const S = suite({ config: wechatConfig(W, { 'wechat.follower_limit': 0 }) });
const newSink = sinkPool();

const wcli = (srv, args, opts) => srv.cli([...args, '--config', srv.configFile], opts);

async function devices(srv, token) {
  const r = await request(`${srv.base}/api/devices`, { headers: { Authorization: `Bearer ${token}` } });
  assert.equal(r.status, 200, r.text);
  return r.json.data;
}

let openids = 0;
const newOpenid = () => `oFeige${String(++openids).padStart(4, '0')}_${Math.random().toString(36).slice(2, 10)}`;

/** A person bound to a fresh openid by a scan of their bind code. */
async function bound(srv, name, event = 'subscribe') {
  const u = await srv.addUser(name);
  const openid = newOpenid();
  const { b, r } = await bindPerson(srv, u, openid, event);
  assert.equal(r.status, 200, r.text);
  assert.match(replyText(r), /已绑定/);
  return { u, openid, b };
}

S.test('GET /wechat/mp: echostr only for the right signature', async (t, srv) => {
  const q = signedQuery(TOKEN, { echostr: 'echo_1234567890' });
  const ok = await request(`${srv.base}/wechat/mp?${q}`);
  assert.equal(ok.status, 200);
  assert.equal(ok.text, 'echo_1234567890');
  const ts = '1700000000';
  const nonce = '42';
  for (const bad of [signature('wrongToken', ts, nonce), signature(TOKEN, ts, '43'), '', 'x'.repeat(40)]) {
    const r = await request(`${srv.base}/wechat/mp?signature=${bad}&timestamp=${ts}&nonce=${nonce}&echostr=e1`);
    assert.equal(r.status, 403, bad);
    assert.equal(r.text, '');
  }
  const none = await request(`${srv.base}/wechat/mp?echostr=e1`);
  assert.equal(none.status, 403);
});

S.test('feige wechat bind: a QR_STR_SCENE code from qrcode/create, the scan binds the openid to the person', async (t, srv) => {
  const u = await srv.addUser('bindme');
  const b = await wcli(srv, ['wechat', 'bind', u.uid]);
  assert.match(b.scene, /^fg[0-9a-f]{32}$/);
  const create = W.on('/cgi-bin/qrcode/create').at(-1);
  assert.deepEqual(create.json, { expire_seconds: 1800, action_name: 'QR_STR_SCENE', action_info: { scene: { scene_str: b.scene } } });
  assert.ok(W.valid.has(create.query.access_token), 'a token from stable_token');
  const tok = W.on('/cgi-bin/stable_token').at(-1).json;
  assert.deepEqual(tok, { grant_type: 'client_credential', appid: 'wx_test_appid', secret: 'test_secret_0123456789', force_refresh: false });
  assert.equal(b.qrUrl, `${W.qrBase}?ticket=${encodeURIComponent(`gQ${Buffer.from(b.scene).toString('base64')}==`)}`);
  assert.equal(b.url, `http://weixin.qq.com/q/${b.scene}`);
  assert.deepEqual(await devices(srv, u.token), []);

  const openid = newOpenid();
  const r = await pushEvent(srv.base, { from: openid, to: 'gh_acc', event: 'subscribe', key: `qrscene_${b.scene}`, ticket: 'T' });
  assert.equal(r.status, 200);
  assert.match(r.headers['content-type'], /xml/);
  assert.match(r.text, new RegExp(`^<xml><ToUserName><!\\[CDATA\\[${openid}\\]\\]></ToUserName><FromUserName><!\\[CDATA\\[gh_acc\\]\\]></FromUserName><CreateTime>\\d+</CreateTime><MsgType><!\\[CDATA\\[text\\]\\]></MsgType><Content>`));
  assert.match(replyText(r), new RegExp(`已绑定.*${u.uid}`));
  const d = await devices(srv, u.token);
  assert.equal(d.length, 1);
  assert.equal(d[0].type, 'wechat');
  assert.equal(d[0].endpoint, openid);

  // the code is used up: another scan of it binds nobody
  const other = newOpenid();
  const again = await pushEvent(srv.base, { from: other, event: 'SCAN', key: b.scene });
  assert.match(replyText(again), /已失效/);
  assert.equal((await devices(srv, u.token)).length, 1);
});

S.test('SCAN by a follower binds too; a bind moves the openid from one person to the next', async (t, srv) => {
  const { u, openid } = await bound(srv, 'scan1', 'SCAN');
  const v = await srv.addUser('scan2');
  const b = await wcli(srv, ['wechat', 'bind', v.uid]);
  // a later scan (another CreateTime: the same one would be a retry)
  const r = await pushEvent(srv.base, { from: openid, event: 'SCAN', key: b.scene, time: Math.floor(Date.now() / 1000) + 1 });
  assert.match(replyText(r), /已绑定/);
  assert.deepEqual(await devices(srv, u.token), []);
  assert.equal((await devices(srv, v.token))[0].endpoint, openid);
});

S.test('forged, unsigned and malformed events are refused and change nothing', async (t, srv) => {
  const u = await srv.addUser('forged');
  const b = await wcli(srv, ['wechat', 'bind', u.uid]);
  const ev = { from: newOpenid(), event: 'subscribe', key: `qrscene_${b.scene}` };
  const ts = String(Math.floor(Date.now() / 1000));
  for (const query of ['', `signature=${signature('nope', ts, '1')}&timestamp=${ts}&nonce=1`, `signature=${signature(TOKEN, ts, '1')}&timestamp=${ts}&nonce=2`]) {
    const r = await pushEvent(srv.base, ev, { query });
    assert.equal(r.status, 403, query);
    assert.equal(r.text, '');
  }
  for (const body of ['', 'not xml', '<xml><FromUserName>a</FromUserName>', '<!DOCTYPE x [<!ENTITY a "b">]><xml><FromUserName>&a;</FromUserName><MsgType>event</MsgType></xml>', '<root><FromUserName>a</FromUserName><MsgType>event</MsgType></root>', `<xml>${'<a>'.repeat(10)}${'</a>'.repeat(10)}<FromUserName>a</FromUserName><MsgType>event</MsgType></xml>`]) {
    const r = await pushEvent(srv.base, body);
    assert.equal(r.status, 400, body);
  }
  const big = await pushEvent(srv.base, eventXml({ ...ev, content: 'x'.repeat(70 * 1024), type: 'text' }));
  assert.equal(big.status, 413);
  assert.deepEqual(await devices(srv, u.token), []);
  // the code is still good: the genuine scan binds
  const ok = await pushEvent(srv.base, ev);
  assert.match(replyText(ok), /已绑定/);
});

S.test('a repeated MsgId (WeChat retrying) is handled once and answered alike; "#appId text" reaches the callback', async (t, srv) => {
  const sink = await newSink();
  const app = await newApp(srv, 'wcup', sink.url('/cb'));
  const { u, openid } = await bound(srv, 'uplinker');
  await srv.cli(['follow', u.uid, '--app', String(app.appId)]);
  const ev = { from: openid, type: 'text', content: `#${app.appId} 开灯 now`, msgId: '6912345678901234567' };
  const first = await pushEvent(srv.base, ev);
  const second = await pushEvent(srv.base, ev);
  const third = await pushEvent(srv.base, ev);
  assert.equal(replyText(first), '指令已发送给应用。');
  assert.equal(second.text.replace(/<CreateTime>\d+</, ''), first.text.replace(/<CreateTime>\d+</, ''));
  assert.equal(replyText(third), replyText(first));
  const cb = await sink.waitForRequest((x) => x.json?.action === 'send_up_cmd');
  assert.equal(cb.json.data.uid, u.uid);
  assert.equal(cb.json.data.appId, app.appId);
  assert.equal(cb.json.data.content, '开灯 now');
  await new Promise((ok) => setTimeout(ok, 300));
  assert.equal(sink.requests.filter((x) => x.json?.action === 'send_up_cmd').length, 1);

  // other text: the help; an unknown app, a non-follower: said so
  assert.match(replyText(await pushEvent(srv.base, { from: openid, type: 'text', content: 'hello', msgId: '1' })), /绑定/);
  assert.match(replyText(await pushEvent(srv.base, { from: openid, type: 'text', content: '#999999 x', msgId: '2' })), /应用不存在/);
  const other = await newApp(srv, 'wcother', sink.url('/cb2'));
  assert.match(replyText(await pushEvent(srv.base, { from: openid, type: 'text', content: `#${other.appId} x`, msgId: '3' })), /还没有关注/);
  // an event repeated (same sender and CreateTime) is handled once too
  const v = await srv.addUser('evdup');
  const b = await wcli(srv, ['wechat', 'bind', v.uid]);
  const oid = newOpenid();
  const sub = { from: oid, event: 'subscribe', key: `qrscene_${b.scene}`, time: 1700000123 };
  const s1 = await pushEvent(srv.base, sub);
  const s2 = await pushEvent(srv.base, sub);
  assert.match(replyText(s1), /已绑定/);
  assert.equal(replyText(s2), replyText(s1), 'the retry gets the first answer, not "code used"');
});

S.test('unsubscribe removes the WeChat device; a receipt is recorded; status counts them', async (t, srv) => {
  const { u, openid } = await bound(srv, 'leaver');
  assert.equal((await devices(srv, u.token)).length, 1);
  const r = await pushEvent(srv.base, { from: openid, event: 'unsubscribe' });
  assert.equal(r.status, 200);
  assert.equal(r.text, 'success');
  assert.deepEqual(await devices(srv, u.token), []);
  // two receipts of one person in one second are two receipts
  const before = (await wcli(srv, ['wechat', 'status'])).receipts;
  const rcpt = { from: openid, event: 'TEMPLATESENDJOBFINISH', time: 1700000999 };
  const rc = await pushEvent(srv.base, { ...rcpt, msgId: '200163836', status: 'failed:user block' });
  assert.equal(rc.text, 'success');
  await pushEvent(srv.base, { ...rcpt, msgId: '200163837', status: 'success' });
  await pushEvent(srv.base, { ...rcpt, msgId: '200163837', status: 'success' });
  const st = await wcli(srv, ['wechat', 'status']);
  assert.equal(st.receipts, before + 2);
  assert.equal(st.appid, 'wx_test_appid');
  assert.equal(st.followerLimit, 0);
  assert.equal(st.token, 'ok');
  assert.ok(st.receipts >= 1);
  assert.ok(st.bound >= 1);
});

S.test('"#appId" in WeChat follows the app (source command); the follow tip reaches the open inbox live', async (t, srv) => {
  const sink = await newSink();
  const app = await newApp(srv, 'wctip', sink.url('/cb'));
  const { u, openid } = await bound(srv, 'tipper');
  const s = await openSSE(`${srv.base}/inbox/stream?token=${u.token}`);
  t.after(() => s.close());
  const had = s.events.length;
  const r = await pushEvent(srv.base, { from: openid, type: 'text', content: `#${app.appId}`, msgId: '77001' });
  assert.equal(replyText(r), '已关注「wctip」。');
  const cb = await sink.waitForRequest((x) => x.json?.action === 'app_subscribe');
  assert.equal(cb.json.data.source, 'command');
  assert.equal(cb.json.data.uid, u.uid);
  const evs = await s.waitForEvents(had + 1);
  assert.match(JSON.stringify(evs.at(-1).json), /wctip/);
});

S.test('a device the person cannot have is told in WeChat, not retried: an openid that is not one', async (t, srv) => {
  const u = await srv.addUser('badopenid');
  const b = await wcli(srv, ['wechat', 'bind', u.uid]);
  const r = await pushEvent(srv.base, { from: 'o bad<id>', event: 'subscribe', key: `qrscene_${b.scene}` });
  assert.equal(r.status, 200);
  assert.match(replyText(r), /无法绑定：openid不正确/);
  assert.deepEqual(await devices(srv, u.token), []);
});

S.test('pushplus mp/list shows the configured account', async (t, srv) => {
  const u = await openUser(srv, 'mplist');
  let d = ok(await open(srv, u.key, 'POST', 'mp/list', { body: {} }));
  assert.deepEqual(d, { pageNum: 1, pageSize: 20, total: 1, pages: 1, list: [{ id: 1, nickName: 'feige', headImg: '', principalName: '', authorizationAppid: 'wx_test_appid', funcInfo: '', serviceType: 2, verifyType: -1, alias: '', updateTime: null }] });
  d = ok(await open(srv, u.key, 'POST', 'mp/list', { body: { current: 2, pageSize: 10 } }));
  assert.deepEqual([d.total, d.list], [1, []]);
});

S.test('a WeChat device cannot be added through the device API', async (t, srv) => {
  const u = await srv.addUser('nowechat');
  const r = await request(`${srv.base}/api/devices`, { method: 'POST', headers: { Authorization: `Bearer ${u.token}`, 'Content-Type': 'application/json' }, body: JSON.stringify({ type: 'wechat', endpoint: 'oAAA' }) });
  assert.equal(r.json.code, 999);
  assert.match(r.json.msg, /扫码绑定/);
  assert.deepEqual(await devices(srv, u.token), []);
});

S.test('follower limit: a follow beyond it is refused with a message, visible in feige wechat status', async (t) => {
  const srv = await startFeige({ config: wechatConfig(W, { 'wechat.follower_limit': 2 }) });
  try {
    const people = [];
    for (let i = 0; i < 3; i++) {
      const u = await srv.addUser(`lim${i}`);
      const b = await wcli(srv, ['wechat', 'bind', u.uid]);
      const r = await pushEvent(srv.base, { from: newOpenid(), event: 'subscribe', key: `qrscene_${b.scene}` });
      people.push({ u, reply: replyText(r) });
    }
    assert.match(people[0].reply, /已绑定/);
    assert.match(people[1].reply, /已绑定/);
    assert.match(people[2].reply, /关注人数已达上限（2人）/);
    assert.deepEqual(await devices(srv, people[2].u.token), []);
    const st = await wcli(srv, ['wechat', 'status']);
    assert.equal(st.followers, 2);
    assert.equal(st.followerLimit, 2);
    assert.equal(st.refused, 1);
    const text = await wcli(srv, ['wechat', 'status'], { json: false });
    assert.match(text.replace(/ --json/, ''), /followers 2 of 2/);
  } finally {
    await srv.stop();
    await srv.cleanup();
  }
});

S.test('without wechat.* the server URL does not exist', async (t) => {
  const srv = await startFeige();
  try {
    const r = await request(`${srv.base}/wechat/mp?${signedQuery(TOKEN, { echostr: 'x' })}`);
    assert.equal(r.status, 404);
    const c = await srv.cli(['wechat', 'bind', srv.admin.uid], { raw: true });
    assert.notEqual(c.code, 0);
    assert.match(c.stderr, /not configured/);
  } finally {
    await srv.stop();
    await srv.cleanup();
  }
});
