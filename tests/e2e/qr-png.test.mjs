// QR codes as PNG (issue 9 item 10): every URL a client gets to load a QR
// code as an image answers image/png, a well-formed PNG (signature, CRCs,
// 1-bit grayscale IHDR, scanlines that inflate) whose modules read back as
// the link to scan: pushplus topic/qrCode, friend/getQrCode, topic/detail
// (the group's permanent link), WxPusher create/qrcode shortUrl, and the
// app and topic follow codes.  The SVG twins keep working.
import assert from 'node:assert/strict';
import { suite } from './lib/feige.mjs';
import { request } from './lib/http.mjs';
import { readPng, qrModules } from './lib/png.mjs';
import { decodeQr } from '../browser/lib/qr.mjs';
import { followLink, newApp, wxPost } from './lib/wx.mjs';
import { openUser as user, open, ok } from './lib/open.mjs';

const S = suite();

/** Fetch a QR PNG and read it back: {png, scale, text, res}. */
async function fetchQr(url) {
  const res = await request(url);
  assert.equal(res.status, 200, url);
  assert.equal(res.headers['content-type'], 'image/png', url);
  assert.equal(res.headers['x-content-type-options'], 'nosniff');
  assert.equal(res.headers['cache-control'], 'public, max-age=3600');
  const png = readPng(res.raw);
  assert.deepEqual([png.depth, png.color, png.compression, png.filter, png.interlace], [1, 0, 0, 0, 0]);
  assert.equal(png.width, png.height, 'square');
  const { scale, matrix } = qrModules(png);
  return { png, scale, text: decodeQr(matrix), res };
}

S.test('pushplus: topic/qrCode, friend/getQrCode and topic/detail answer PNG URLs that decode to their join links', async (t, srv) => {
  const owner = await user(srv, 'png-owner');
  const member = await user(srv, 'png-member');
  const id = ok(await open(srv, owner.key, 'POST', 'topic/add', { body: { topicCode: 'pngs', topicName: 'PNG群', contact: 'c', introduction: 'i' } }), '执行成功');

  const tq = ok(await open(srv, owner.key, 'GET', 'topic/qrCode', { query: { topicId: id } }));
  assert.match(tq.qrCodeImgUrl, /^http:\/\/127\.0\.0\.1:\d+\/join\/[0-9a-f]{32}\.png$/);
  const a = await fetchQr(tq.qrCodeImgUrl);
  assert.equal(a.text, tq.qrCodeImgUrl.replace(/\.png$/, ''));
  assert.equal(a.scale, 8, 'eight pixels a module by default');

  const fq = ok(await open(srv, owner.key, 'GET', 'friend/getQrCode', { query: { content: 'hi' } }), '执行成功');
  assert.match(fq.qrCodeImgUrl, /\/join\/[0-9a-f]{32}\.png$/);
  assert.equal((await fetchQr(fq.qrCodeImgUrl)).text, fq.qrCodeImgUrl.replace(/\.png$/, ''));

  // detail: the permanent link, the same on every call, and it joins
  const d1 = ok(await open(srv, owner.key, 'GET', 'topic/detail', { query: { topicId: id } }));
  const d2 = ok(await open(srv, owner.key, 'GET', 'topic/detail', { query: { topicId: id } }));
  assert.match(d1.qrCodeImgUrl, new RegExp(`/join/p${id}-[0-9a-f]{16}\\.png$`));
  assert.equal(d2.qrCodeImgUrl, d1.qrCodeImgUrl, 'permanent: the same URL each time');
  const link = d1.qrCodeImgUrl.replace(/\.png$/, '');
  assert.equal((await fetchQr(d1.qrCodeImgUrl)).text, link);
  const joined = await followLink(`${link}?token=${member.token}`);
  assert.equal(joined.status, 200);
  assert.match(joined.text, /已加入群组「PNG群」/);
  const subs = ok(await open(srv, owner.key, 'POST', 'topicUser/subscriberList', { body: { params: { topicId: id } } }));
  assert.deepEqual(subs.list.map((s) => s.openId), [member.uid]);
  // a forged permanent code is no link
  const forged = link.replace(/-[0-9a-f]{16}$/, '-0000000000000000');
  assert.equal((await request(forged)).status, 404);
  assert.equal((await request(forged + '.png')).status, 404);
  assert.equal((await request(link.replace(`/p${id}-`, `/p${id + 1}-`))).status, 404);

  // the SVG twin of the same link
  const svg = await request(link + '.svg');
  assert.equal(svg.headers['content-type'], 'image/svg+xml');
  assert.match(svg.text, /^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
});

S.test('?scale= sets pixels per module, clamped to 1..16, not a number the default; unknown suffixes are 404', async (t, srv) => {
  const app = await newApp(srv, 'png-scale');
  const base = `${srv.base}/qrcode/app-${app.appId}.png`;
  const want = `${srv.base}/follow/app/${app.appId}?src=scan`;
  for (const [q, scale] of [['?scale=3', 3], ['?scale=1', 1], ['?scale=999', 16], ['?scale=0', 1], ['?scale=-4', 1], ['?scale=x', 8], ['?scale=0x10', 8], ['?scale=9223372036854775808', 8], ['', 8]]) {
    const r = await fetchQr(base + q);
    assert.equal(r.scale, scale, q);
    assert.equal(r.png.width % scale, 0);
    assert.equal(r.text, want, q);
  }
  for (const p of [`/qrcode/app-${app.appId}.jpg`, `/qrcode/app-${app.appId}`, '/qrcode/app-999999.png', '/qrcode/nope.png', '/join/nope.png']) {
    assert.equal((await request(srv.base + p)).status, 404, p);
  }
});

S.test('WxPusher: app, topic and parametric codes as PNG; create/qrcode shortUrl is the PNG, url the link it encodes', async (t, srv) => {
  const app = await newApp(srv, 'png-wx');
  const topic = await srv.cli(['topic', 'add', String(app.appId), 'png-topic']);
  assert.equal((await fetchQr(`${srv.base}/qrcode/app-${app.appId}.png`)).text, `${srv.base}/follow/app/${app.appId}?src=scan`);
  assert.equal((await fetchQr(`${srv.base}/qrcode/topic-${topic.topicId}.png`)).text, `${srv.base}/follow/topic/${topic.topicId}?src=scan`);

  const c = await wxPost(srv.base, '/api/fun/create/qrcode', { appToken: app.appToken, extra: 'png-extra', validTime: 600 });
  assert.equal(c.code, 1000, JSON.stringify(c));
  const qrId = new URL(c.data.url).searchParams.get('qr');
  assert.notEqual(qrId, c.data.code); // the code is the developer's poll secret
  assert.equal(c.data.shortUrl, `${srv.base}/qrcode/${qrId}.png`);
  assert.equal(c.data.url, `${srv.base}/follow/app/${app.appId}?qr=${qrId}`);
  assert.equal((await fetchQr(c.data.shortUrl)).text, c.data.url);
  const svg = await request(`${srv.base}/qrcode/${qrId}.svg`);
  assert.equal(svg.status, 200);
  assert.equal(svg.headers['content-type'], 'image/svg+xml');
});
