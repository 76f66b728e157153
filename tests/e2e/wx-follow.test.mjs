// WxPusher following from a browser: follow links (session identity,
// follow tip, app_subscribe), the me page and unfollow, QR codes (SVG,
// parametric create/scan/poll), uplink commands (send_up_cmd), paid
// subscriptions (order_pay, verifyPay) and SPT sends. Every callback body
// is checked key by key as the sink received it.
import assert from 'node:assert/strict';
import { suite, startFeige } from './lib/feige.mjs';
import { request } from './lib/http.mjs';
import { sinkPool } from './lib/sink.mjs';
import { sleep } from './lib/wait.mjs';
import { wxPost, wxGet, wxEnvelope, newApp, followers, sendWx, followLink } from './lib/wx.mjs';
import { signIn, submit } from './lib/person.mjs';

// many people are made here from one address by the "create my inbox"
// button; the per-address limit itself is tested in persons.test.mjs
const S = suite({ config: { 'person.new_per_hour': 1000 } });
const newSink = sinkPool();

/** The session a new person got (never their token), checked. */
function cookieOf(res) {
  const sc = res.headers['set-cookie'];
  assert.ok(sc && sc.length, 'Set-Cookie present');
  const c = sc.find((x) => x.startsWith('feige_session='));
  assert.ok(c, sc.join('\n'));
  assert.match(c, /HttpOnly/);
  assert.match(c, /SameSite=Lax/);
  return /feige_session=([0-9a-f]{32})/.exec(c)[1];
}

const asSession = (sid) => ({ Cookie: `feige_session=${sid}` });

/** The token of the person signed in with sid, as their /me page shows it. */
async function tokenOf(srv, sid) {
  const me = await request(srv.base + '/me', { headers: asSession(sid) });
  return /id="fg-token" readonly value="([0-9a-f]{32})"/.exec(me.text)[1];
}

async function open(srv, path, sid) {
  return followLink(srv.base + path, { headers: sid ? asSession(sid) : {} });
}

/** POST a form of the me page (its CSRF token) as the person of sid. */
async function mePost(srv, sid, action, fields) {
  const me = await request(srv.base + '/me', { headers: asSession(sid) });
  const csrf = /name="csrf" value="([0-9a-f]{32})"/.exec(me.text)[1];
  return request(srv.base + action, { method: 'POST', body: new URLSearchParams({ csrf, ...fields }).toString(), headers: { ...asSession(sid), 'Content-Type': 'application/x-www-form-urlencoded' } });
}

function checkSubscribe(req, app, { uid, source, extra = '' }) {
  assert.equal(req.method, 'POST');
  assert.match(req.headers['content-type'], /^application\/json/);
  assert.deepEqual(Object.keys(req.json), ['action', 'data']);
  assert.equal(req.json.action, 'app_subscribe');
  const d = req.json.data;
  assert.deepEqual(Object.keys(d), ['appId', 'appKey', 'appName', 'source', 'userName', 'userHeadImg', 'time', 'uid', 'extra']);
  assert.equal(d.appId, app.appId);
  assert.equal(d.appKey, app.appKey);
  assert.equal(d.appName, app.name);
  assert.equal(d.source, source);
  assert.equal(d.userName, '');
  assert.equal(d.userHeadImg, '');
  assert.ok(Number.isSafeInteger(d.time) && Math.abs(d.time - Date.now()) < 60000);
  assert.equal(d.uid, uid);
  assert.equal(d.extra, extra);
}

const uidIn = (text) => /UID_[0-9A-Za-z]{28}/.exec(text)[0];

S.test('follow link: creates the person, sets the cookie, tip in the inbox, app_subscribe (link)', async (t, srv) => {
  const sink = await newSink();
  const app = await newApp(srv, 'flink', sink.url('/cb'));
  await srv.cli(['app', 'set', String(app.appId), 'follow_tip', '欢迎关注！']);
  const res = await open(srv, `/follow/app/${app.appId}`);
  assert.equal(res.status, 200);
  assert.match(res.headers['content-type'], /text\/html/);
  assert.match(res.headers['content-security-policy'], /default-src 'none'/);
  assert.doesNotMatch(res.text, /<script/i);
  assert.match(res.text, /关注成功/);
  const sid = cookieOf(res);
  const token = await tokenOf(srv, sid);
  assert.ok(!res.headers['set-cookie'].join().includes(token), 'the token is in no cookie');
  const uid = uidIn(res.text);
  const req = await sink.waitForRequest((r) => r.json && r.json.data && r.json.data.uid === uid);
  checkSubscribe(req, app, { uid, source: 'link' });
  const inbox = await srv.inbox(token);
  assert.ok(inbox.some((m) => m.content === '欢迎关注！' && m.title === 'flink'), JSON.stringify(inbox));
  // opening it again: already following, no second callback
  const again = await open(srv, `/follow/app/${app.appId}`, sid);
  assert.match(again.text, /已经关注/);
  assert.equal(uidIn(again.text), uid);
  const s = await sendWx(srv.base, { appToken: app.appToken, content: 'after link', uids: [uid] });
  assert.equal(s.data[0].code, 1000);
  assert.ok((await srv.inbox(token)).some((m) => m.content === 'after link'));
  await sleep(300);
  assert.equal(sink.requests.filter((r) => r.json.data.uid === uid).length, 1);
  // the follow is listed with source-independent fields
  const list = await wxGet(srv.base, '/api/fun/wxuser/v2', { appToken: app.appToken, uid });
  assert.equal(list.data.total, 1);
});

S.test('app QR code (src=scan) gives source scan; topic link follows the topic without a callback', async (t, srv) => {
  const sink = await newSink();
  const app = await newApp(srv, 'fscan', sink.url('/cb'));
  const topic = await srv.cli(['topic', 'add', String(app.appId), 'tp']);
  const res = await open(srv, `/follow/app/${app.appId}?src=scan`);
  const uid = uidIn(res.text);
  const sid = cookieOf(res);
  const token = await tokenOf(srv, sid);
  checkSubscribe(await sink.waitForRequest((r) => r.json.data.uid === uid), app, { uid, source: 'scan' });
  const tr = await open(srv, `/follow/topic/${topic.topicId}`, sid);
  assert.equal(tr.status, 200);
  assert.match(tr.text, /tp/);
  const s = await sendWx(srv.base, { appToken: app.appToken, content: 'topic after link', topicIds: [topic.topicId] });
  assert.equal(s.data[0].code, 1000);
  assert.ok((await srv.inbox(token)).some((m) => m.content === 'topic after link'));
  const list = await wxGet(srv.base, '/api/fun/wxuser/v2', { appToken: app.appToken, uid, type: 1 });
  assert.equal(list.data.total, 1);
  await sleep(300);
  assert.equal(sink.requests.length, 1, 'a topic follow fires no callback');
  for (const p of ['/follow/app/999999', '/follow/topic/999999', '/follow/app/abc']) {
    assert.equal((await open(srv, p)).status, 404, p);
  }
});

S.test('QR code images are SVG (and PNG) encoding the follow link', async (t, srv) => {
  const app = await newApp(srv, 'svg');
  const topic = await srv.cli(['topic', 'add', String(app.appId), 'svg']);
  for (const p of [`/qrcode/app-${app.appId}.svg`, `/qrcode/topic-${topic.topicId}.svg`]) {
    const r = await request(srv.base + p);
    assert.equal(r.status, 200, p);
    assert.equal(r.headers['content-type'], 'image/svg+xml');
    assert.match(r.text, /^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
    assert.match(r.text, /<path fill="#000" d="M\d+ \d+h1v1h-1z/);
  }
  assert.equal((await request(srv.base + '/qrcode/nope.svg')).status, 404);
  assert.equal((await request(srv.base + '/qrcode/app-999999.png')).status, 404);
  assert.equal((await request(srv.base + `/qrcode/app-${app.appId}.gif`)).status, 404);
  assert.equal((await request(srv.base + `/qrcode/app-${app.appId}.png`)).headers['content-type'], 'image/png');
});

S.test('me page: UID, follows, unfollow by form; blocked people cannot follow again', async (t, srv) => {
  const sink = await newSink();
  const app = await newApp(srv, 'me', sink.url('/cb'));
  const res = await open(srv, `/follow/app/${app.appId}`);
  const sid = cookieOf(res);
  const uid = uidIn(res.text);
  const me = await open(srv, '/me', sid);
  assert.equal(me.status, 200);
  assert.match(me.text, new RegExp(uid));
  assert.match(me.text, /<form method="post" action="\/me\/unfollow"/);
  assert.doesNotMatch(me.text, /<script(?! src="\/static\/copy\.js")/i, 'no inline script');
  const fid = Number(/name="id" value="(\d+)"/.exec(me.text)[1]);
  const un = await mePost(srv, sid, '/me/unfollow', { id: fid });
  assert.equal(un.status, 200);
  assert.match(un.text, /取消关注/);
  assert.equal((await wxGet(srv.base, '/api/fun/wxuser/v2', { appToken: app.appToken, uid })).data.total, 0);
  // someone else's follow cannot be removed
  const other = await open(srv, `/follow/app/${app.appId}`);
  const otherFid = (await wxGet(srv.base, '/api/fun/wxuser/v2', { appToken: app.appToken, uid: uidIn(other.text) })).data.records[0].id;
  const bad = await mePost(srv, sid, '/me/unfollow', { id: otherFid });
  assert.equal(bad.status, 404);
  // block the other person: the link cannot follow again, no callback
  await wxGet(srv.base, '/api/fun/reject', { appToken: app.appToken, id: otherFid, reject: 'true' }, { method: 'PUT' });
  // the other person's app_subscribe may still be on its way: count after it
  await sink.waitForRequest((r) => r.json && r.json.data && r.json.data.uid === uidIn(other.text));
  const n = sink.requests.length;
  const blocked = await open(srv, `/follow/app/${app.appId}`, cookieOf(other));
  assert.match(blocked.text, /拉黑/);
  await sleep(300);
  assert.equal(sink.requests.length, n);
  const noCookie = await open(srv, '/me');
  assert.equal(noCookie.status, 200);
  assert.match(noCookie.text, /还没有登录/);
});

S.test('parametric QR: create, scan (source scan + extra), scan-qrcode-uid, poll limit', async (t, srv) => {
  const sink = await newSink();
  const app = await newApp(srv, 'pqr', sink.url('/cb'));
  const before = Date.now();
  const c = await wxPost(srv.base, '/api/fun/create/qrcode', { appToken: app.appToken, extra: 'user-42', validTime: 600 });
  assert.equal(c.code, 1000);
  assert.deepEqual(Object.keys(c.data), ['expires', 'code', 'shortUrl', 'url', 'extra']);
  assert.ok(c.data.expires >= before + 600000 && c.data.expires <= Date.now() + 600000);
  assert.equal(c.data.extra, 'user-42');
  assert.ok(c.data.shortUrl.startsWith('http://127.0.0.1:'));
  // as upstream: shortUrl is the picture, url what the code says; the
  // code (the poll secret) is in neither
  const qrId = new URL(c.data.url).searchParams.get('qr');
  assert.match(qrId, /^[0-9A-Za-z]{32}$/);
  assert.notEqual(qrId, c.data.code);
  assert.equal(new URL(c.data.shortUrl).pathname, `/qrcode/${qrId}.png`);
  assert.equal(c.data.url, `${srv.base}/follow/app/${app.appId}?qr=${qrId}`);
  assert.ok(!c.data.shortUrl.includes(c.data.code) && !c.data.url.includes(c.data.code));
  const img = await request(c.data.shortUrl);
  assert.equal(img.headers['content-type'], 'image/png');
  const svg = await request(c.data.shortUrl.replace(/\.png$/, '.svg'));
  assert.equal(svg.headers['content-type'], 'image/svg+xml');
  const d = await wxPost(srv.base, '/api/fun/create/qrcode', { appToken: app.appToken, extra: 'x' });
  assert.ok(Math.abs(d.data.expires - (Date.now() + 1800000)) < 60000, 'validTime defaults to 1800 s');

  // before any scan: data null; a second poll within 10 s is refused
  const p0 = await wxGet(srv.base, '/api/fun/scan-qrcode-uid', { code: d.data.code });
  assert.deepEqual(p0, { code: 1000, msg: '处理成功', data: null, success: true });
  const p1 = await wxGet(srv.base, '/api/fun/scan-qrcode-uid', { code: d.data.code });
  assert.equal(p1.code, 1001);
  assert.match(p1.msg, /10/);

  // scanning = opening the code's link
  const u = new URL(c.data.url);
  const res = await open(srv, u.pathname + u.search);
  assert.equal(res.status, 200);
  const uid = uidIn(res.text);
  checkSubscribe(await sink.waitForRequest((r) => r.json.data.uid === uid), app, { uid, source: 'scan', extra: 'user-42' });
  const got = await wxGet(srv.base, '/api/fun/scan-qrcode-uid', { code: c.data.code, appToken: app.appToken });
  assert.deepEqual(got, { code: 1000, msg: '处理成功', data: uid, success: true });
  // an existing follower scanning again: callback again, with the extra
  const e = await wxPost(srv.base, '/api/fun/create/qrcode', { appToken: app.appToken, extra: 'again' });
  const u2 = new URL(e.data.url);
  await open(srv, u2.pathname + u2.search, cookieOf(res));
  checkSubscribe(await sink.waitForRequest((r) => r.json.data.extra === 'again'), app, { uid, source: 'scan', extra: 'again' });

  for (const body of [{ appToken: app.appToken }, { appToken: app.appToken, extra: '' }, { appToken: app.appToken, extra: 'x'.repeat(65) },
    { appToken: app.appToken, extra: 'x', validTime: 2592001 }, { appToken: app.appToken, extra: 'x', validTime: 0 }]) {
    const r = await wxPost(srv.base, '/api/fun/create/qrcode', body);
    assert.equal(r.code, 1001, JSON.stringify(body));
  }
  assert.equal((await wxPost(srv.base, '/api/fun/create/qrcode', { appToken: app.appToken, extra: '字'.repeat(64), validTime: 2592000 })).code, 1000);
  assert.equal((await wxPost(srv.base, '/api/fun/create/qrcode', { appToken: 'AT_bad', extra: 'x' })).msg, 'appToken不正确');
  assert.equal((await wxGet(srv.base, '/api/fun/scan-qrcode-uid', { code: 'nope' })).code, 1001);
  assert.equal((await open(srv, `/follow/app/${app.appId}?qr=nope`)).status, 404);
});

S.test('uplink: "#appId text" -> send_up_cmd; bare "#appId" follows (source command); the form too', async (t, srv) => {
  const sink = await newSink();
  const app = await newApp(srv, 'up', sink.url('/cb'));
  const [a] = await followers(srv, 1, { app: app.appId, prefix: 'up' });
  const r = await wxPost(srv.base, '/api/uplink', { content: `#${app.appId} 测试 hello` }, { headers: { Authorization: `Bearer ${a.token}` } });
  assert.deepEqual(r, { code: 1000, msg: '处理成功', data: '已发送', success: true });
  const req = await sink.waitForRequest((x) => x.json.action === 'send_up_cmd');
  assert.deepEqual(Object.keys(req.json.data), ['uid', 'appId', 'appKey', 'appName', 'userName', 'userHeadImg', 'time', 'content']);
  assert.equal(req.json.data.uid, a.uid);
  assert.equal(req.json.data.appId, app.appId);
  assert.equal(req.json.data.appKey, null);
  assert.equal(req.json.data.appName, 'up');
  assert.equal(req.json.data.userName, '');
  assert.equal(req.json.data.userHeadImg, '');
  assert.equal(req.json.data.content, '测试 hello');

  const b = await srv.addUser('upb');
  const f = await wxPost(srv.base, '/api/uplink', { token: b.token, content: `#${app.appId}` });
  assert.equal(f.code, 1000);
  checkSubscribe(await sink.waitForRequest((x) => x.json.data.uid === b.uid), app, { uid: b.uid, source: 'command' });
  assert.equal((await sendWx(srv.base, { appToken: app.appToken, content: 'cmd follow', uids: [b.uid] })).data[0].code, 1000);

  // the form on the me page
  const form = await submit(srv, await signIn(srv, b.uid), '/me', '/me/uplink', { content: `#${app.appId} via form` });
  assert.equal(form.status, 200);
  await sink.waitForRequest((x) => x.json.action === 'send_up_cmd' && x.json.data.content === 'via form');

  for (const content of ['hello', '#', '#abc x', `#${app.appId}x`, '#999999 hi']) {
    const e = await wxPost(srv.base, '/api/uplink', { content }, { headers: { Authorization: `Bearer ${a.token}` } });
    assert.equal(e.code, 1001, content);
  }
  const noauth = await wxPost(srv.base, '/api/uplink', { content: `#${app.appId} x` });
  assert.equal(noauth.code, 1002);
});

S.test('paid subscriptions: pay grant -> order_pay, payEndTime, verifyPay / verifyPayType', async (t, srv) => {
  const sink = await newSink();
  const app = await newApp(srv, 'pay', sink.url('/cb'));
  const [paid, free] = await followers(srv, 2, { app: app.appId, prefix: 'pay' });
  const prod = await srv.cli(['product', 'add', String(app.appId), 'vip', '--price', '300']);
  const g = await srv.cli(['pay', 'grant', paid.uid, String(prod.prodId), '30']);
  const req = await sink.waitForRequest((x) => x.json.action === 'order_pay');
  assert.deepEqual(Object.keys(req.json.data), ['addTime', 'amount', 'appId', 'createTime', 'prodId', 'tradeNo', 'type', 'uid']);
  assert.deepEqual({ ...req.json.data, createTime: 0 }, { addTime: 30 * 86400000, amount: 300, appId: app.appId, createTime: 0, prodId: prod.prodId, tradeNo: g.tradeNo, type: 1, uid: paid.uid });
  const list = await wxGet(srv.base, '/api/fun/wxuser/v2', { appToken: app.appToken, uid: paid.uid });
  assert.equal(list.data.records[0].payEndTime, g.payEndTime);
  assert.ok(g.payEndTime > Date.now() + 29 * 86400000);

  const v = await sendWx(srv.base, { appToken: app.appToken, content: 'paid only', uids: [paid.uid, free.uid], verifyPay: true });
  assert.equal(v.data[0].code, 1000);
  assert.equal(v.data[1].code, 1001);
  const v2 = await sendWx(srv.base, { appToken: app.appToken, content: 'unpaid only', uids: [paid.uid, free.uid], verifyPayType: 2 });
  assert.equal(v2.data[0].code, 1001);
  assert.equal(v2.data[1].code, 1000);
  const v0 = await sendWx(srv.base, { appToken: app.appToken, content: 'all', uids: [paid.uid, free.uid], verifyPay: false });
  assert.deepEqual(v0.data.map((x) => x.code), [1000, 1000]);
  // an app that no product covers: verifyPay is ignored (WxPusher's rule)
  const plain = await newApp(srv, 'nopay');
  const [np] = await followers(srv, 1, { app: plain.appId, prefix: 'np' });
  const nv = await sendWx(srv.base, { appToken: plain.appToken, content: 'no product', uids: [np.uid], verifyPay: true });
  assert.equal(nv.data[0].code, 1000);

  // topic products: verifyPay filters the fan-out
  const topic = await srv.cli(['topic', 'add', String(app.appId), 'vt']);
  await srv.cli(['follow', paid.uid, '--topic', String(topic.topicId)]);
  await srv.cli(['follow', free.uid, '--topic', String(topic.topicId)]);
  const tprod = await srv.cli(['product', 'add', String(app.appId), 'tvip', '--topic', String(topic.topicId), '--price', '30']);
  await srv.cli(['pay', 'grant', paid.uid, String(tprod.prodId), '1']);
  await sendWx(srv.base, { appToken: app.appToken, content: 'topic paid', topicIds: [topic.topicId], verifyPay: true });
  assert.ok((await srv.inbox(paid.token)).some((m) => m.content === 'topic paid'));
  assert.ok(!(await srv.inbox(free.token)).some((m) => m.content === 'topic paid'));

  // refund
  const rf = await srv.cli(['pay', 'grant', paid.uid, String(prod.prodId), '-10']);
  const rreq = await sink.waitForRequest((x) => x.json.action === 'order_pay' && x.json.data.type === 2);
  assert.equal(rreq.json.data.addTime, -10 * 86400000);
  assert.equal(rreq.json.data.amount, -100);
  assert.equal(rf.payEndTime, g.payEndTime - 10 * 86400000);
});

S.test('SPT: GET /api/send/message/{SPT}/{content} and simple-push with spt / sptList', async (t, srv) => {
  const a = await srv.addUser('spta');
  const b = await srv.addUser('sptb');
  const sa = (await srv.cli(['user', 'spt', a.uid])).spt;
  const sb = (await srv.cli(['user', 'spt', b.uid])).spt;
  assert.match(sa, /^SPT_[0-9A-Za-z]{32}$/);
  assert.equal((await srv.cli(['user', 'spt', a.uid])).spt, sa, 'stable');
  const g = wxEnvelope(await request(`${srv.base}/api/send/message/${sa}/${encodeURIComponent('你好 spt')}`));
  assert.equal(g.code, 1000);
  assert.equal(g.data[0].code, 1000);
  assert.ok((await srv.inbox(a.token)).some((m) => m.content === '你好 spt'));
  const p = await wxPost(srv.base, '/api/send/message/simple-push', { content: '<b>both</b>', contentType: 2, summary: 's', sptList: [sa, sb, 'SPT_unknown'] });
  assert.equal(p.code, 1000);
  assert.deepEqual(p.data.map((x) => x.code), [1000, 1000, 1001]);
  assert.ok((await srv.inbox(b.token)).some((m) => m.content === '<b>both</b>' && m.template === 'html'));
  const one = await wxPost(srv.base, '/api/send/message/simple-push', { content: 'one', spt: sb });
  assert.equal(one.data.length, 1);
  const many = await wxPost(srv.base, '/api/send/message/simple-push', { content: 'x', sptList: Array.from({ length: 11 }, (_, i) => 'SPT_' + i) });
  assert.equal(many.code, 1001);
  const none = await wxPost(srv.base, '/api/send/message/simple-push', { content: 'x' });
  assert.equal(none.code, 1001);
  const empty = await wxPost(srv.base, '/api/send/message/simple-push', { spt: sa });
  assert.equal(empty.code, 1001);
});

S.test('identity cookie: Secure only when public_url is https', async (t, srv) => {
  const app = await newApp(srv, 'plain');
  const res = await open(srv, `/follow/app/${app.appId}`);
  assert.doesNotMatch(res.headers['set-cookie'][0], /Secure/);
  const tls = await startFeige({ config: { public_url: 'https://push.example.com' } });
  try {
    const a2 = await newApp(tls, 'behind-tls');
    const r2 = await open(tls, `/follow/app/${a2.appId}`);
    assert.equal(r2.status, 200);
    cookieOf(r2);
    assert.match(r2.headers['set-cookie'][0], /; Secure$/);
  } finally {
    await tls.stop();
  }
});

S.test('GET of a follow link changes nothing: no person, no follow, no callback (link previews, scanners)', async (t, srv) => {
  const sink = await newSink();
  const app = await newApp(srv, 'preview', sink.url('/cb'));
  const topic = await srv.cli(['topic', 'add', String(app.appId), 'pt']);
  const usersBefore = (await srv.cli(['user', 'list'])).users.length;
  for (const p of [`/follow/app/${app.appId}`, `/follow/app/${app.appId}?src=scan`, `/follow/topic/${topic.topicId}`]) {
    const res = await request(srv.base + p);
    assert.equal(res.status, 200, p);
    // at most the CSRF cookie of the form: no session, no person
    assert.ok(!(res.headers['set-cookie'] || []).some((c) => !c.startsWith('feige_csrf=')), p);
    assert.match(res.text, new RegExp(`<form method="post" action="${p.split('?')[0]}">`), p);
    assert.match(res.text, /关注 \(follow\)/);
    assert.doesNotMatch(res.text, /关注成功|UID_/);
    const head = await request(srv.base + p, { method: 'HEAD' });
    assert.equal(head.status, 200);
  }
  assert.equal((await srv.cli(['user', 'list'])).users.length, usersBefore, 'nobody created');
  assert.equal((await wxGet(srv.base, '/api/fun/wxuser/v2', { appToken: app.appToken })).data.total, 0);
  // a known person who already follows sees that, read-only; the page offers no button
  const done = await open(srv, `/follow/app/${app.appId}`);
  const sid = cookieOf(done);
  const again = await request(srv.base + `/follow/app/${app.appId}`, { headers: asSession(sid) });
  assert.match(again.text, /你已经关注过了。/);
  assert.doesNotMatch(again.text, /<form/);
  // the topic page for that person offers the button with their UID
  const tp = await request(srv.base + `/follow/topic/${topic.topicId}`, { headers: asSession(sid) });
  assert.match(tp.text, /你的UID：UID_/);
  assert.equal((await request(srv.base + `/follow/app/${app.appId}`, { method: 'PUT' })).status, 405);
  for (const p of ['/me/unfollow', '/me/uplink']) assert.equal((await request(srv.base + p)).status, 405, p);
  await sleep(300);
  assert.equal(sink.requests.length, 1, 'only the POST fired app_subscribe');
});
