// The open API's join links in real Chromium: topic/qrCode's QR code
// renders and reads back as the join link; opening the link in a fresh
// browser creates the person ("create my inbox": a session cookie), joins the group and
// says so with the receipt message; the browser keeps the identity (a
// second visit says "already"); the owner sees the member; a friend
// link makes the visitor a friend; an expired link is a 404 page.  The
// QR images are PNGs (topic/qrCode, friend/getQrCode, topic/detail's
// permanent code) and their SVG twins, all read back in Chromium.
import assert from 'node:assert/strict';
import { pageSuite, withPageLog } from './lib/browser.mjs';
import { decodeQr, qrMatrix } from './lib/qr.mjs';
import { sleep } from '../e2e/lib/wait.mjs';
import { enableOpen, accessKey, open, ok } from '../e2e/lib/open.mjs';

// persons are made here by the "create my inbox" button from one address
const { S, B } = pageSuite({ config: { 'person.new_per_hour': 1000 } });

/**
 * Open a join link (the page only shows the group or the owner and a
 * button; opening changes nothing) and press the button; the POST's
 * response.
 */
async function pressJoin(page, link) {
  const sessions = async () => (await page.context().cookies()).filter((c) => c.name === 'feige_session').map((c) => c.value);
  const before = await sessions();
  const shown = await page.goto(link);
  assert.equal(shown.status(), 200);
  // at most the CSRF cookie of its form: nobody made, nobody signed in
  assert.ok(!(shown.headers()['set-cookie'] || '').includes('feige_session'), 'opening the link signs nobody in');
  assert.deepEqual(await sessions(), before);
  const [res] = await Promise.all([page.waitForNavigation(), page.locator('button.fg-follow').click()]);
  assert.equal(res.request().method(), 'POST');
  assert.equal(res.status(), 200);
  return res;
}

S.test('join a group by its QR code in a fresh browser; the identity sticks; the owner sees the member', async (t, srv) => {
  const owner = await srv.addUser('group owner');
  await enableOpen(srv, owner.uid);
  const key = await accessKey(srv, owner.token);
  const id = ok(await open(srv, key, 'POST', 'topic/add', { body: { topicCode: 'alerts', topicName: '告警群', contact: 'ops', introduction: 'x', receiptMessage: '欢迎加入' } }), '执行成功');
  const qr = ok(await open(srv, key, 'GET', 'topic/qrCode', { query: { topicId: id } }));
  const link = qr.qrCodeImgUrl.replace(/\.png$/, '');

  const page = await B.page(t, { viewport: { width: 390, height: 844 }, isMobile: true });
  await withPageLog(page, async () => {
    await page.goto(srv.base + '/healthz');
    const m = await qrMatrix(page, new URL(qr.qrCodeImgUrl).pathname);
    assert.ok(m, 'the QR image has dark modules');
    assert.equal(decodeQr(m), link, 'the QR code encodes the join link');

    let res = await pressJoin(page, link);
    assert.match(res.headers()['content-security-policy'] || '', /default-src 'none'/);
    let body = await page.locator('body').innerText();
    assert.match(body, /已加入群组「告警群」/);
    assert.match(body, /欢迎加入/);
    const cookies = (await page.context().cookies()).filter((c) => c.name === 'feige_session');
    assert.equal(cookies.length, 1);
    assert.ok(cookies[0].httpOnly);

    res = await pressJoin(page, link);
    body = await page.locator('body').innerText();
    assert.match(body, /你已在群组/);
  });
  const d = ok(await open(srv, key, 'POST', 'topicUser/subscriberList', { body: { params: { topicId: id } } }));
  assert.equal(d.total, 1);
  assert.equal(d.list[0].nickName, 'pushplus follower');
});

S.test('PNG QR codes in <img>: topic/qrCode, friend/getQrCode and topic/detail read back as their join links; the permanent one joins', async (t, srv) => {
  const owner = await srv.addUser('png owner');
  await enableOpen(srv, owner.uid);
  const key = await accessKey(srv, owner.token);
  const id = ok(await open(srv, key, 'POST', 'topic/add', { body: { topicCode: 'pngb', topicName: '图片群', contact: 'c', introduction: 'i' } }), '执行成功');
  const urls = [
    ok(await open(srv, key, 'GET', 'topic/qrCode', { query: { topicId: id } })).qrCodeImgUrl,
    ok(await open(srv, key, 'GET', 'friend/getQrCode', { query: { content: 'c' } }), '执行成功').qrCodeImgUrl,
    ok(await open(srv, key, 'GET', 'topic/detail', { query: { topicId: id } })).qrCodeImgUrl,
  ];
  const page = await B.page(t, {});
  await withPageLog(page, async () => {
    await page.goto(srv.base + '/healthz');
    for (const url of urls) {
      assert.match(url, /\.png$/);
      const link = url.replace(/\.png$/, '');
      const png = await page.evaluate(async (u) => {
        const r = await fetch(u);
        return { type: r.headers.get('content-type'), sig: [...new Uint8Array(await r.arrayBuffer()).slice(0, 4)] };
      }, new URL(url).pathname);
      assert.deepEqual(png, { type: 'image/png', sig: [137, 80, 78, 71] });
      assert.equal(decodeQr(await qrMatrix(page, new URL(url).pathname)), link, `${url} in an <img>`);
      assert.equal(decodeQr(await qrMatrix(page, new URL(link).pathname + '.svg')), link, 'its SVG twin');
    }
    // the permanent code of topic/detail: a fresh browser joins through it
    await pressJoin(page, urls[2].replace(/\.png$/, ''));
    assert.match(await page.locator('body').innerText(), /已加入群组「图片群」/);
  });
  const d = ok(await open(srv, key, 'POST', 'topicUser/subscriberList', { body: { params: { topicId: id } } }));
  assert.equal(d.total, 1);
});

S.test('a friend link makes the visitor a friend; an expired group link is a 404 page', async (t, srv) => {
  const owner = await srv.addUser('friendly');
  await enableOpen(srv, owner.uid);
  const key = await accessKey(srv, owner.token);
  const fq = ok(await open(srv, key, 'GET', 'friend/getQrCode'), '执行成功');
  const page = await B.page(t, {});
  await withPageLog(page, async () => {
    await pressJoin(page, fq.qrCodeImgUrl.replace(/\.png$/, ''));
    assert.match(await page.locator('body').innerText(), /已成为好友/);
  });
  const f = ok(await open(srv, key, 'POST', 'friend/list', { body: {} }), '执行成功');
  assert.equal(f.total, 1);

  const id = ok(await open(srv, key, 'POST', 'topic/add', { body: { topicCode: 'brief', topicName: 'brief', contact: 'c', introduction: 'i' } }), '执行成功');
  const qr = ok(await open(srv, key, 'GET', 'topic/qrCode', { query: { topicId: id, second: 1 } }));
  await sleep(1200);
  const page2 = await B.page(t, {});
  const res = await page2.goto(qr.qrCodeImgUrl.replace(/\.png$/, ''));
  assert.equal(res.status(), 404);
  assert.match(await page2.locator('body').innerText(), /已失效/);
});
