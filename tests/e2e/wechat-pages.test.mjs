// The bind QR codes of the operator's WeChat official account on feige's
// pages (issue 11 §1): the button on /me and on follow pages, the page
// with the code (drawn by feige, decoded here to exactly what the
// stand-in's qrcode/create issued), a scan of a follow page's code
// following the app as a new person with source "scan", and a token that
// expired (42001) being fetched again.
import assert from 'node:assert/strict';
import { suite } from './lib/feige.mjs';
import { request } from './lib/http.mjs';
import { sinkPool } from './lib/sink.mjs';
import { newApp, followLink } from './lib/wx.mjs';
import { openUser, open, ok } from './lib/open.mjs';
import { readPng, qrModules } from './lib/png.mjs';
import { decodeQr } from '../browser/lib/qr.mjs';
import { startWechat, wechatConfig, pushEvent, replyText } from './lib/wechat.mjs';

const W = await startWechat();
const S = suite({ config: wechatConfig(W, { 'wechat.bind_ttl_s': 600 }) });
const newSink = sinkPool();

function press(srv, fields, cookie) {
  const headers = { 'Content-Type': 'application/x-www-form-urlencoded' };
  if (cookie) headers.Cookie = `feige_token=${cookie}`;
  return request(`${srv.base}/wechat/bind`, { method: 'POST', headers, body: new URLSearchParams(fields).toString() });
}

/** The bind form of a page: its hidden fields. */
function bindForm(html) {
  const m = /<form method="post" action="\/wechat\/bind">(.*?)<\/form>/s.exec(html);
  if (!m) return null;
  return Object.fromEntries([...m[1].matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)].map((x) => [x[1], x[2]]));
}

/** The code shown on a QR page: its decoded text and WeChat's image link. */
function shownCode(html) {
  const img = /<img id="fg-wechat-qr" src="data:image\/png;base64,([^"]+)"/.exec(html);
  assert.ok(img, 'the QR image');
  const { matrix } = qrModules(readPng(Buffer.from(img[1], 'base64')));
  const link = /<a class="fg-wechat-img" rel="noopener noreferrer" href="([^"]+)">/.exec(html);
  return { text: decodeQr(matrix), link: link && link[1].replace(/&amp;/g, '&') };
}

S.test('/me: the bind button; pressing it shows the code qrcode/create made; its scan binds', async (t, srv) => {
  const u = await srv.addUser('pageperson');
  const me = await request(`${srv.base}/me`, { headers: { Cookie: `feige_token=${u.token}` } });
  assert.equal(me.status, 200);
  assert.deepEqual(bindForm(me.text), { for: 'me', id: '0' });

  const before = W.scenes.length;
  const page = await press(srv, { for: 'me', id: '0' }, u.token);
  assert.equal(page.status, 200, page.text);
  assert.equal(W.scenes.length, before + 1);
  const scene = W.scenes.at(-1);
  assert.match(scene, /^fg[0-9a-f]{32}$/);
  assert.deepEqual(W.on('/cgi-bin/qrcode/create').at(-1).json, { expire_seconds: 600, action_name: 'QR_STR_SCENE', action_info: { scene: { scene_str: scene } } });
  const shown = shownCode(page.text);
  assert.equal(shown.text, `http://weixin.qq.com/q/${scene}`);
  assert.equal(shown.link, `${W.qrBase}?ticket=${encodeURIComponent(`gQ${Buffer.from(scene).toString('base64')}==`)}`);
  assert.match(page.text, /10分钟内有效/);

  const r = await pushEvent(srv.base, { from: 'oPage1', event: 'subscribe', key: `qrscene_${scene}` });
  assert.match(replyText(r), new RegExp(u.uid));
  const d = await request(`${srv.base}/api/devices`, { headers: { Authorization: `Bearer ${u.token}` } });
  assert.deepEqual(d.json.data.map((x) => [x.type, x.endpoint]), [['wechat', 'oPage1']]);
});

S.test('no person, no app: refused without asking WeChat; GET makes no code', async (t, srv) => {
  const n = W.scenes.length;
  assert.equal((await press(srv, { for: 'me' })).status, 403);
  assert.equal((await press(srv, { for: 'app', id: '999999' })).status, 404);
  assert.equal((await press(srv, { for: 'topic', id: 'x' })).status, 404);
  const get = await request(`${srv.base}/wechat/bind`);
  assert.equal(get.status, 405);
  assert.equal(W.scenes.length, n);
});

S.test('follow page: "follow in WeChat"; the scan follows as a new person (app_subscribe, source scan) and binds', async (t, srv) => {
  const sink = await newSink();
  const app = await newApp(srv, 'wcfollow', sink.url('/cb'));
  const page = await request(`${srv.base}/follow/app/${app.appId}`);
  assert.deepEqual(bindForm(page.text), { for: 'app', id: String(app.appId) });
  const qr = await press(srv, bindForm(page.text));
  assert.equal(qr.status, 200, qr.text);
  const scene = W.scenes.at(-1);
  assert.equal(shownCode(qr.text).text, `http://weixin.qq.com/q/${scene}`);

  const r = await pushEvent(srv.base, { from: 'oFollower1', event: 'subscribe', key: `qrscene_${scene}` });
  assert.match(replyText(r), /已关注「wcfollow」/);
  const cb = await sink.waitForRequest((x) => x.json?.action === 'app_subscribe');
  assert.equal(cb.json.data.source, 'scan');
  assert.equal(cb.json.data.appId, app.appId);
  const uid = cb.json.data.uid;
  // the new person has the WeChat device: the openid is theirs
  const show = await srv.cli(['user', 'show', uid]);
  const d = await request(`${srv.base}/api/devices`, { headers: { Authorization: `Bearer ${show.token}` } });
  assert.deepEqual(d.json.data.map((x) => [x.type, x.endpoint]), [['wechat', 'oFollower1']]);
});

S.test('after a follow and on a pushplus join page, a known person gets the bind button', async (t, srv) => {
  const app = await newApp(srv, 'wcdone');
  const done = await followLink(`${srv.base}/follow/app/${app.appId}`);
  assert.equal(done.status, 200);
  assert.match(done.text, /关注成功/);
  assert.deepEqual(bindForm(done.text), { for: 'me', id: '0' });

  const owner = await openUser(srv, 'wcgroup');
  const created = await open(srv, owner.key, 'POST', 'topic/add', { body: { topicName: '微信群', topicCode: 'wcg1', contact: 'c', introduction: 'i' } });
  const topicId = ok(created, '执行成功');
  const qr = ok(await open(srv, owner.key, 'GET', 'topic/qrCode', { query: { topicId } }));
  const member = await srv.addUser('wcmember');
  const link = qr.qrCodeImgUrl.replace(/\.png$/, '');
  const known = await request(`${link}?token=${member.token}`);
  assert.equal(known.status, 200);
  assert.deepEqual(bindForm(known.text), { for: 'me', id: '0' });
  const anon = await request(link);
  assert.equal(bindForm(anon.text), null, 'nobody to bind yet');
});

S.test('a token that expired (42001) is fetched again and the call retried once', async (t, srv) => {
  const u = await srv.addUser('expiry');
  const tokens = W.tokens.length;
  const fetches = W.on('/cgi-bin/stable_token').length;
  W.expireOnce = 1;
  const page = await press(srv, { for: 'me' }, u.token);
  assert.equal(page.status, 200, page.text);
  assert.equal(W.expireOnce, 0);
  assert.equal(W.tokens.length, tokens + 1, 'a new token was issued');
  assert.equal(W.on('/cgi-bin/stable_token').length, fetches + 1);
  const [bad, good] = W.on('/cgi-bin/qrcode/create').slice(-2);
  assert.notEqual(bad.query.access_token, good.query.access_token);
  assert.equal(good.query.access_token, W.tokens.at(-1));
});
