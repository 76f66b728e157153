// Issue 14 item 15 (WxPusher): a parametric QR code's poll code is the
// developer's secret, in neither the QR's link nor its image URL, so
// whoever sees the QR code cannot read who scanned it; and uplink
// commands reach an app's callback only from its followers (of the app or
// one of its topics).
import assert from 'node:assert/strict';
import { suite } from './lib/feige.mjs';
import { request } from './lib/http.mjs';
import { sinkPool } from './lib/sink.mjs';
import { wxPost, wxGet, newApp, followers, followLink } from './lib/wx.mjs';
import { readPng, qrModules } from './lib/png.mjs';
import { decodeQr } from '../browser/lib/qr.mjs';
import { signIn, submit } from './lib/person.mjs';

const S = suite({ config: { 'wxpusher.qr_poll_s': 1 } });
const newSink = sinkPool();

S.test('create/qrcode: code is a secret apart from the link and image; only it polls', async (t, srv) => {
  const app = await newApp(srv, 'qrsecret');
  const c = await wxPost(srv.base, '/api/fun/create/qrcode', { appToken: app.appToken, extra: 'who', validTime: 600 });
  assert.equal(c.code, 1000, JSON.stringify(c));
  const { code, url, shortUrl } = c.data;
  assert.match(code, /^[0-9A-Za-z]{32}$/);
  const id = new URL(url).searchParams.get('qr');
  assert.ok(id && id !== code);
  assert.ok(!url.includes(code) && !shortUrl.includes(code), 'the secret is in no URL');
  // what the image encodes does not hold it either
  const png = await request(shortUrl);
  assert.equal(png.status, 200);
  const text = decodeQr(qrModules(readPng(png.raw)).matrix);
  assert.equal(text, url);
  const svg = await request(shortUrl.replace(/\.png$/, '.svg'));
  assert.ok(!svg.text.includes(code));
  // the public id does not poll; the secret does
  const byId = await wxGet(srv.base, '/api/fun/scan-qrcode-uid', { code: id });
  assert.equal(byId.code, 1001);
  assert.equal(byId.msg, '二维码不存在');
  const p0 = await wxGet(srv.base, '/api/fun/scan-qrcode-uid', { code });
  assert.deepEqual(p0, { code: 1000, msg: '处理成功', data: null, success: true });
  // a scan through the link: the secret's poll names the scanner
  const res = await followLink(url);
  assert.equal(res.status, 200);
  const uid = /UID_[0-9A-Za-z]{28}/.exec(res.text)[0];
  await new Promise((r) => setTimeout(r, 1100));
  const p1 = await wxGet(srv.base, '/api/fun/scan-qrcode-uid', { code });
  assert.deepEqual(p1, { code: 1000, msg: '处理成功', data: uid, success: true });
  // two codes never share a secret or an id
  const d = await wxPost(srv.base, '/api/fun/create/qrcode', { appToken: app.appToken, extra: 'two' });
  assert.notEqual(d.data.code, code);
  assert.notEqual(new URL(d.data.url).searchParams.get('qr'), id);
});

S.test('uplink: followers of the app or a topic reach the callback; others are refused', async (t, srv) => {
  const sink = await newSink();
  const app = await newApp(srv, 'upf', sink.url('/cb'));
  const topic = await srv.cli(['topic', 'add', String(app.appId), 'upf-topic']);
  const [fa] = await followers(srv, 1, { app: app.appId, prefix: 'upf-a' });
  const [ft] = await followers(srv, 1, { topic: topic.topicId, prefix: 'upf-t' });
  const stranger = await srv.addUser('upf-stranger');

  const no = await wxPost(srv.base, '/api/uplink', { token: stranger.token, content: `#${app.appId} let me in` });
  assert.equal(no.code, 1001, JSON.stringify(no));
  assert.match(no.msg, /还没有关注该应用/);
  const form = await submit(srv, await signIn(srv, stranger.uid), '/me', '/me/uplink', { content: `#${app.appId} form stranger` });
  assert.equal(form.status, 400);
  assert.match(form.text, /还没有关注该应用/);

  for (const [u, text] of [[fa, 'from app follower'], [ft, 'from topic follower']]) {
    const r = await wxPost(srv.base, '/api/uplink', { token: u.token, content: `#${app.appId} ${text}` });
    assert.equal(r.code, 1000, JSON.stringify(r));
    await sink.waitForRequest((x) => x.json.action === 'send_up_cmd' && x.json.data.content === text);
  }
  const up = sink.jsonBodies().filter((b) => b.action === 'send_up_cmd');
  assert.ok(!up.some((b) => b.data.uid === stranger.uid), JSON.stringify(up));
  // a bare "#appId" still follows (source command), then commands pass
  assert.equal((await wxPost(srv.base, '/api/uplink', { token: stranger.token, content: `#${app.appId}` })).code, 1000);
  await sink.waitForRequest((x) => x.json.action === 'app_subscribe' && x.json.data.uid === stranger.uid);
  assert.equal((await wxPost(srv.base, '/api/uplink', { token: stranger.token, content: `#${app.appId} now in` })).code, 1000);
  await sink.waitForRequest((x) => x.json.action === 'send_up_cmd' && x.json.data.content === 'now in');
});
