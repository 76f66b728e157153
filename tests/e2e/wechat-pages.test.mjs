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
import { newApp } from './lib/wx.mjs';
import { jar, get, post, formFields, signIn, submit } from './lib/person.mjs';
import { openUser, open, ok } from './lib/open.mjs';
import { readPng, qrModules } from './lib/png.mjs';
import { decodeQr } from '../browser/lib/qr.mjs';
import { startWechat, wechatConfig, pushEvent, replyText, bindPerson } from './lib/wechat.mjs';

const W = await startWechat();
const S = suite({ config: wechatConfig(W, { 'wechat.bind_ttl_s': 600, 'wechat.follower_limit': 100 }) });
const newSink = sinkPool();

/** The fields of a page's bind form (CSRF token aside), or null. */
function bindForm(html) {
  const f = formFields(html, '/wechat/bind');
  if (!f) return null;
  const { csrf, ...rest } = f.fields;
  assert.match(csrf || '', /^[0-9a-f]{32}$/, 'the form carries its CSRF token');
  return rest;
}

/** Press the bind button of page (GET with jar j): the POST's answer. */
async function press(srv, j, pagePath, extra = {}) {
  return submit(srv, j, pagePath, '/wechat/bind', extra);
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
  const j = await signIn(srv, u.uid);
  const me = await get(j, `${srv.base}/me`);
  assert.equal(me.status, 200);
  assert.deepEqual(bindForm(me.text), { for: 'me', id: '0' });

  const before = W.scenes.length;
  const page = await press(srv, j, '/me');
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

S.test('no person, no app, no CSRF token: refused without asking WeChat; GET makes no code', async (t, srv) => {
  const app = await newApp(srv, 'wcrefuse');
  const n = W.scenes.length;
  const j = jar();
  const page = `/follow/app/${app.appId}`;
  assert.equal((await press(srv, j, page, { for: 'me' })).status, 403, 'nobody to bind');
  assert.equal((await press(srv, j, page, { for: 'app', id: '999999' })).status, 404);
  assert.equal((await press(srv, j, page, { for: 'topic', id: 'x' })).status, 404);
  const forged = await post(j, `${srv.base}/wechat/bind`, { for: 'app', id: String(app.appId), csrf: '0'.repeat(32) });
  assert.equal(forged.status, 403, 'a wrong CSRF token');
  const cross = await post(jar(), `${srv.base}/wechat/bind`, { for: 'app', id: String(app.appId) }, { Origin: 'https://evil.example' });
  assert.equal(cross.status, 403, 'another site');
  const g = await request(`${srv.base}/wechat/bind`);
  assert.equal(g.status, 405);
  assert.equal(W.scenes.length, n);
});

S.test('follow page: "follow in WeChat"; the scan follows as a new person (app_subscribe, source scan) and binds', async (t, srv) => {
  const sink = await newSink();
  const app = await newApp(srv, 'wcfollow', sink.url('/cb'));
  const j = jar();
  const page = await get(j, `${srv.base}/follow/app/${app.appId}`);
  assert.deepEqual(bindForm(page.text), { for: 'app', id: String(app.appId) });
  const qr = await press(srv, j, `/follow/app/${app.appId}`);
  assert.equal(qr.status, 200, qr.text);
  const scene = W.scenes.at(-1);
  assert.equal(shownCode(qr.text).text, `http://weixin.qq.com/q/${scene}`);

  const r = await pushEvent(srv.base, { from: 'oFollower1', event: 'subscribe', key: `qrscene_${scene}` });
  assert.match(replyText(r), /已关注「wcfollow」/);
  const cb = await sink.waitForRequest((x) => x.json?.action === 'app_subscribe');
  assert.equal(cb.json.data.source, 'scan');
  assert.equal(cb.json.data.appId, app.appId);
  // the new person has the WeChat device: the openid is theirs
  const show = await srv.cli(['user', 'show', cb.json.data.uid]);
  const d = await request(`${srv.base}/api/devices`, { headers: { Authorization: `Bearer ${show.token}` } });
  assert.deepEqual(d.json.data.map((x) => [x.type, x.endpoint]), [['wechat', 'oFollower1']]);
});

S.test('after a follow and on a pushplus join page, a signed-in person gets the bind button', async (t, srv) => {
  const app = await newApp(srv, 'wcdone');
  const p = await srv.addUser('wcdoneperson');
  const j = await signIn(srv, p.uid);
  const path = `/follow/app/${app.appId}`;
  const done = await submit(srv, j, path, path);
  assert.equal(done.status, 200, done.text);
  assert.match(done.text, /关注成功/);
  assert.deepEqual(bindForm(done.text), { for: 'me', id: '0' });

  const owner = await openUser(srv, 'wcgroup');
  const created = await open(srv, owner.key, 'POST', 'topic/add', { body: { topicName: '微信群', topicCode: 'wcg1', contact: 'c', introduction: 'i' } });
  const topicId = ok(created, '执行成功');
  const qr = ok(await open(srv, owner.key, 'GET', 'topic/qrCode', { query: { topicId } }));
  const link = qr.qrCodeImgUrl.replace(/\.png$/, '');
  const known = await get(j, link);
  assert.equal(known.status, 200);
  assert.deepEqual(bindForm(known.text), { for: 'me', id: '0' });
  const anon = await get(jar(), link);
  assert.equal(bindForm(anon.text), null, 'nobody to bind yet');
});

S.test('a token that expired (42001) is fetched again and the call retried once', async (t, srv) => {
  const u = await srv.addUser('expiry');
  const j = await signIn(srv, u.uid);
  const tokens = W.tokens.length;
  const fetches = W.on('/cgi-bin/stable_token').length;
  W.expireOnce = 1;
  const page = await press(srv, j, '/me');
  assert.equal(page.status, 200, page.text);
  assert.equal(W.expireOnce, 0);
  assert.equal(W.tokens.length, tokens + 1, 'a new token was issued');
  assert.equal(W.on('/cgi-bin/stable_token').length, fetches + 1);
  const [bad, good] = W.on('/cgi-bin/qrcode/create').slice(-2);
  assert.notEqual(bad.query.access_token, good.query.access_token);
  assert.equal(good.query.access_token, W.tokens.at(-1));
});

S.test('operator upstreams page: followers against wechat.follower_limit, bound persons, the token state', async (t, srv) => {
  const u = await srv.addUser('followed');
  await bindPerson(srv, u, 'oUpstreams1');
  await pushEvent(srv.base, { from: 'oUpstreams2', event: 'subscribe', key: '' });
  const j = await signIn(srv, srv.admin.uid);
  const r = await get(j, `${srv.base}/console/admin/upstreams`);
  assert.equal(r.status, 200, r.text);
  const p = /<p id="wechat-followers">([^<]*)<\/p>/.exec(r.text);
  assert.ok(p, 'the followers line');
  const counts = await srv.cli(['wechat', 'status', '--config', srv.configFile]);
  assert.equal(counts.followerLimit, 100);
  assert.equal(p[1], `关注者（测试号上限）： ${counts.followers} / 100; 已绑定： ${counts.bound}; 因上限拒绝的关注： ${counts.refused}`);
  assert.ok(counts.followers >= 2 && counts.bound >= 1, JSON.stringify(counts));
  const en = await get(j, `${srv.base}/console/admin/upstreams?lang=en`);
  assert.match(en.text, /Followers \(against the test account&#39;s limit\): \d+ \/ 100; bound: \d+; follows refused by the limit: 0/);
});
