// The WxPusher recipient pages in real Chromium: a follow link opened in a
// fresh browser creates the person ("create my inbox": a session cookie,
// never the token), says so, puts
// the follow tip in their inbox and tells the app (app_subscribe, source
// link); the browser keeps the identity; the me page lists the follows and
// its own buttons unfollow; a blocked follower is told so; QR codes render
// and read back as the follow link; WxPusher html is shown without running
// its script, markdown renders; the command form reaches the app; a
// message names the app and topic that sent it (never 微信公众号); the me
// page links the app's settings page with the UID; the person gets their
// SPT there, copies it, and a simple-push with it arrives; and every page
// fits a phone.
import assert from 'node:assert/strict';
import { after } from 'node:test';
import { startSink } from '../e2e/lib/sink.mjs';
import { sleep } from '../e2e/lib/wait.mjs';
import { newApp, wxGet, sendWx } from '../e2e/lib/wx.mjs';
import { request } from '../e2e/lib/http.mjs';
import { pageSuite, withPageLog, shotDir, screenshot, overflow } from './lib/browser.mjs';
import { decodeQr, qrImage } from './lib/qr.mjs';

// persons are made here from one address by the "create my inbox" button;
// the per-address limit is tested in tests/e2e/persons.test.mjs
const { S, B } = pageSuite({ config: { 'person.new_per_hour': 1000 } });

const sinks = [];
after(() => Promise.all(sinks.map((s) => s.close())));
async function newSink() {
  const s = await startSink();
  sinks.push(s);
  return s;
}

const DESKTOP = { viewport: { width: 1280, height: 900 } };
const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 };
const UID_RE = /UID_[0-9A-Za-z]{28}/;

/** A fresh browser context (its own cookie jar) with one page. */
async function freshPage(t, opts = DESKTOP) {
  return B.page(t, opts);
}

async function text(loc) {
  await loc.first().waitFor({ state: 'visible' });
  return (await loc.first().innerText()).trim();
}

/**
 * Open a follow link and press its 关注 button when the page offers one
 * (GET only shows it; the button's POST follows); returns {res, uid}
 * after checking the resulting page's frame.
 */
async function openFollow(page, url) {
  let res = await page.goto(url);
  assert.ok(res, `navigation to ${url}`);
  assert.equal(res.status(), 200, url);
  const button = page.locator('button.fg-follow');
  if (await button.count()) {
    [res] = await Promise.all([page.waitForNavigation(), button.click()]);
    assert.ok(res, `the follow button of ${url} navigates`);
    assert.equal(res.request().method(), 'POST');
  }
  assert.equal(res.status(), 200, url);
  assert.match(res.headers()['content-type'], /^text\/html/);
  assert.match(res.headers()['content-security-policy'] || '', /default-src 'none'/);
  const uid = UID_RE.exec(await text(page.locator('.fg-uid')));
  assert.ok(uid, 'the page shows the person their UID');
  return { res, uid: uid[0] };
}

async function feigeCookie(page) {
  const all = await page.context().cookies();
  return all.filter((c) => c.name === 'feige_session');
}

/** The token of the browser's person, as their /me page shows it. */
async function tokenOf(srv, page) {
  const [c] = await feigeCookie(page);
  const me = await request(srv.base + '/me', { headers: { Cookie: `feige_session=${c.value}` } });
  return /id="fg-token" readonly value="([0-9a-f]{32})"/.exec(me.text)[1];
}

/** The follows of one person as the app sees them (GET /api/fun/wxuser/v2). */
async function followsOf(srv, app, uid, query = {}) {
  const r = await wxGet(srv.base, '/api/fun/wxuser/v2', { appToken: app.appToken, uid, ...query });
  assert.equal(r.code, 1000, JSON.stringify(r));
  return r.data;
}

const subscribes = (sink, uid) => sink.requests.filter((r) => r.json && r.json.action === 'app_subscribe' && r.json.data.uid === uid);

/** The page does not scroll sideways and its text keeps off the window edge. */
async function fitsPhone(page, what) {
  const o = await overflow(page);
  const w = await page.evaluate(() => ({ scroll: document.scrollingElement.scrollWidth, inner: window.innerWidth }));
  assert.ok(w.scroll <= w.inner, `${what}: no sideways scrolling (scrollWidth ${w.scroll} > innerWidth ${w.inner}); wide: ${o.wide.join(', ')}`);
  return o;
}

S.test('follow link in a fresh browser: new UID, success page, tip in the inbox, app_subscribe (link); reopening keeps the UID', async (t, srv) => {
  const sink = await newSink();
  const app = await newApp(srv, 'wxb-link', sink.url('/cb'));
  const page = await freshPage(t);
  await withPageLog(page, async () => {
    assert.deepEqual(await feigeCookie(page), [], 'a fresh context has no identity');
    const { res, uid } = await openFollow(page, `${srv.base}/follow/app/${app.appId}`);
    assert.equal(await page.title(), 'wxb-link');
    assert.equal(await text(page.locator('h1')), 'wxb-link');
    assert.match(await text(page.locator('.fg-ok')), /关注成功/, 'the page says the follow happened');
    assert.equal(await page.locator('.fg-status').count(), 0, 'no blocked/error status');
    const okBg = await page.locator('.fg-ok').evaluate((e) => getComputedStyle(e).backgroundColor);
    assert.notEqual(okBg, 'rgba(0, 0, 0, 0)', 'the success reads as a status, not as body text');
    assert.equal(await page.locator('script').count(), 0, 'the page has no script');
    assert.equal(res.headers()['cache-control'], 'no-store');

    // the identity: an HttpOnly, SameSite=Lax cookie the page's script cannot read
    const [c, ...more] = await feigeCookie(page);
    assert.equal(more.length, 0);
    assert.ok(c, 'feige_session cookie set');
    assert.match(c.value, /^[0-9a-f]{32}$/);
    const token = await tokenOf(srv, page);
    assert.notEqual(c.value, token, 'the cookie is not the token');
    assert.equal(c.httpOnly, true, 'HttpOnly');
    assert.equal(c.sameSite, 'Lax', 'SameSite=Lax');
    assert.equal(c.path, '/');
    assert.ok(c.expires > Date.now() / 1000 + 29 * 86400, `remembered for person.session_days (30): ${c.expires}`);
    assert.doesNotMatch(await page.evaluate(() => document.cookie), /feige_session/, 'not visible to scripts');

    // the app was told: app_subscribe, source link
    const req = await sink.waitForRequest((r) => r.json && r.json.data && r.json.data.uid === uid);
    assert.equal(req.json.action, 'app_subscribe');
    assert.equal(req.json.data.source, 'link');
    assert.equal(req.json.data.appId, app.appId);
    assert.equal(req.json.data.extra, '');

    // the follow tip, in the inbox the page links to (same browser)
    await Promise.all([page.waitForURL(/\/inbox$/), page.locator('a', { hasText: '收件箱' }).click()]);
    const tip = page.locator('#fg-list li', { has: page.locator('.fg-li-t', { hasText: 'wxb-link' }) });
    await tip.waitFor({ state: 'visible' });
    assert.equal(await page.locator('#fg-list li').count(), 1, 'exactly the tip');
    await Promise.all([page.waitForURL(/\/message\//), tip.locator('a').click()]);
    const tipText = await text(page.locator('.fg-body'));
    assert.match(tipText, /你已关注「wxb-link」/);
    assert.ok(tipText.includes(uid), `the default tip names the UID: ${tipText}`);
    // and through the API, with the person's token
    const inbox = await srv.inbox(token);
    assert.equal(inbox.length, 1, JSON.stringify(inbox));
    assert.equal(inbox[0].title, 'wxb-link');
    await screenshot(page, await shotDir(srv), 'wx-follow-tip');

    // reopening the link in the same browser: the same person, no second follow
    const again = await openFollow(page, `${srv.base}/follow/app/${app.appId}`);
    assert.equal(again.uid, uid, 'the cookie was remembered');
    assert.match(await text(page.locator('.fg-ok')), /已经关注/);
    assert.equal((await feigeCookie(page))[0].value, c.value, 'same session');
    await sleep(300);
    assert.equal(subscribes(sink, uid).length, 1, 'no second app_subscribe');
    assert.equal((await srv.inbox(token)).length, 1, 'no second tip');
    const f = await followsOf(srv, app, uid);
    assert.equal(f.total, 1, JSON.stringify(f));
    assert.equal(f.records[0].type, 0);
    assert.equal(f.records[0].reject, false);
  });
});

S.test('topic follow; the me page lists both by name; its button unfollows the topic', async (t, srv) => {
  const sink = await newSink();
  const app = await newApp(srv, 'wxb-me', sink.url('/cb'));
  const topic = await srv.cli(['topic', 'add', String(app.appId), '主题-晨报']);
  const page = await freshPage(t);
  await withPageLog(page, async () => {
    const { uid } = await openFollow(page, `${srv.base}/follow/app/${app.appId}`);
    const tp = await openFollow(page, `${srv.base}/follow/topic/${topic.topicId}`);
    assert.equal(tp.uid, uid, 'the same person follows the topic');
    assert.equal(await text(page.locator('h1')), 'wxb-me · 主题-晨报');
    assert.match(await text(page.locator('.fg-ok')), /关注成功/);
    await sink.waitForRequest((r) => r.json && r.json.data.uid === uid);

    await Promise.all([page.waitForURL(`${srv.base}/me`), page.locator('a', { hasText: '我的关注' }).click()]);
    assert.equal(await text(page.locator('h1')), '我的关注');
    assert.ok((await text(page.locator('.fg-uid'))).includes(uid), 'the me page shows the UID');
    const items = page.locator('ul.fg-follows > li');
    assert.equal(await items.count(), 2);
    const appItem = items.filter({ hasText: 'wxb-me' });
    const topicItem = items.filter({ hasText: '主题-晨报' });
    assert.equal(await text(appItem.locator('.fg-tag')), `应用 ${app.appId}`);
    assert.equal(await text(topicItem.locator('.fg-tag')), `主题 ${topic.topicId}`);
    assert.equal(await appItem.getByRole('button', { name: '取消关注' }).count(), 1);
    await screenshot(page, await shotDir(srv), 'wx-me-two');

    const before = await followsOf(srv, app, uid);
    assert.equal(before.total, 2);
    assert.deepEqual(before.records.map((r) => r.type).sort(), [0, 1]);

    // the topic's own button
    const [nav] = await Promise.all([page.waitForNavigation(), topicItem.getByRole('button', { name: '取消关注' }).click()]);
    assert.equal(nav.status(), 200);
    assert.equal(new URL(page.url()).pathname, '/me/unfollow');
    assert.equal(await text(page.locator('h1')), '已取消关注');

    await page.goto(`${srv.base}/me`);
    assert.deepEqual(
      (await page.locator('ul.fg-follows > li').allInnerTexts()).map((s) => s.replace(/\s+/g, ' ').trim()),
      [`应用 ${app.appId} wxb-me 取消关注`],
      'the page lists the app only',
    );
    const after_ = await followsOf(srv, app, uid);
    assert.equal(after_.total, 1, JSON.stringify(after_));
    assert.equal(after_.records[0].type, 0, 'the app follow is the one left');
    assert.equal((await followsOf(srv, app, uid, { type: 1 })).total, 0, 'the topic follow is gone');
    await sleep(200);
    assert.equal(subscribes(sink, uid).length, 1, 'the topic follow fired no callback');
  });
});

S.test('a blocked follower opening the link is told they are blocked, not welcomed', async (t, srv) => {
  const sink = await newSink();
  const app = await newApp(srv, 'wxb-block', sink.url('/cb'));
  const page = await freshPage(t);
  await withPageLog(page, async () => {
    const { uid } = await openFollow(page, `${srv.base}/follow/app/${app.appId}`);
    await sink.waitForRequest((r) => r.json && r.json.data.uid === uid);
    const id = (await followsOf(srv, app, uid)).records[0].id;
    const rej = await wxGet(srv.base, '/api/fun/reject', { appToken: app.appToken, id, reject: 'true' }, { method: 'PUT' });
    assert.equal(rej.code, 1000, JSON.stringify(rej));

    const again = await openFollow(page, `${srv.base}/follow/app/${app.appId}`);
    assert.equal(again.uid, uid);
    const status = await text(page.locator('.fg-status'));
    assert.match(status, /拉黑/, 'the page says blocked');
    assert.equal(await page.locator('.fg-ok').count(), 0, 'no success message');
    const body = await page.locator('body').innerText();
    assert.doesNotMatch(body, /关注成功|已经关注/);
    // it reads as a warning, not as the success text
    const bg = await page.locator('.fg-status').evaluate((e) => getComputedStyle(e).backgroundColor);
    assert.notEqual(bg, 'rgba(0, 0, 0, 0)', 'the blocked status is highlighted');
    await screenshot(page, await shotDir(srv), 'wx-blocked');

    await page.goto(`${srv.base}/me`);
    const item = page.locator('ul.fg-follows > li', { hasText: 'wxb-block' });
    assert.match(await text(item), /已被拉黑/);
    assert.equal(await item.getByRole('button').count(), 0, 'no unfollow button for a blocked follow');
    await sleep(300);
    assert.equal(subscribes(sink, uid).length, 1, 'no callback for the blocked visit');
    const f = await followsOf(srv, app, uid);
    assert.equal(f.total, 1);
    assert.equal(f.records[0].reject, true, 'still blocked');
  });
});

S.test('QR codes render in Chromium and read back as the follow link; scanning one follows (source scan)', async (t, srv) => {
  const sink = await newSink();
  const app = await newApp(srv, 'wxb-qr', sink.url('/cb'));
  const topic = await srv.cli(['topic', 'add', String(app.appId), 'qr-topic']);
  const code = await (async () => {
    const r = await fetch(`${srv.base}/api/fun/create/qrcode`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ appToken: app.appToken, extra: 'scene-7', validTime: 600 }),
    });
    const j = await r.json();
    assert.equal(j.code, 1000, JSON.stringify(j));
    return j.data;
  })();
  // SVG and PNG alike; create/qrcode's shortUrl is the picture, url the link
  const cases = [
    [`/qrcode/app-${app.appId}.svg`, `${srv.base}/follow/app/${app.appId}?src=scan`],
    [`/qrcode/topic-${topic.topicId}.svg`, `${srv.base}/follow/topic/${topic.topicId}?src=scan`],
    [new URL(code.shortUrl).pathname, code.url],
    [`/qrcode/app-${app.appId}.png`, `${srv.base}/follow/app/${app.appId}?src=scan`],
    [`/qrcode/topic-${topic.topicId}.png`, `${srv.base}/follow/topic/${topic.topicId}?src=scan`],
    // the QR's id is in its link; code is the poll secret, in no URL
    [`/qrcode/${new URL(code.url).searchParams.get('qr')}.svg`, code.url],
  ];
  assert.ok(!code.url.includes(code.code) && !code.shortUrl.includes(code.code));
  assert.match(code.shortUrl, /\.png$/);
  const page = await freshPage(t);
  await withPageLog(page, async () => {
    // direct navigation: Chromium shows the SVG document itself
    const res = await page.goto(`${srv.base}/qrcode/app-${app.appId}.svg`);
    assert.equal(res.status(), 200);
    assert.equal(res.headers()['content-type'], 'image/svg+xml');
    const doc = await page.evaluate(() => {
      const r = document.documentElement.getBoundingClientRect();
      return { tag: document.documentElement.localName, ns: document.documentElement.namespaceURI, w: r.width, h: r.height };
    });
    assert.deepEqual([doc.tag, doc.ns], ['svg', 'http://www.w3.org/2000/svg']);
    assert.ok(doc.w > 100 && doc.w === doc.h, `a square of real size: ${JSON.stringify(doc)}`);
    // (not a full-page shot: Chromium never finishes one of an SVG document)
    await page.screenshot({ path: `${await shotDir(srv)}/wx-qr-direct.png` });

    // as an <img> on a feige page, read back module by module
    await page.goto(`${srv.base}/me`);
    for (const [src, want] of cases) {
      const q = await qrImage(page, src);
      assert.ok(q.natural[0] > 0 && q.natural[0] === q.natural[1], `${src}: non-zero square natural size ${q.natural}`);
      assert.ok(q.matrix, `${src}: the image has dark modules`);
      assert.equal(decodeQr(q.matrix), want, `${src} encodes the follow link`);
    }
    // the follow page shows the QR code of its own link, to scan from a phone
    for (const [path, want] of [[`/follow/app/${app.appId}`, cases[3][1]], [`/follow/topic/${topic.topicId}`, cases[4][1]],
      [new URL(code.url).pathname + new URL(code.url).search, code.url]]) {
      await page.goto(srv.base + path);
      const src = await page.locator('.fg-qr img').getAttribute('src');
      assert.match(src, /\.png$/, path);
      const q = await qrImage(page, src);
      assert.equal(decodeQr(q.matrix), want, `${path} shows its own code`);
      const shown = await page.locator('.fg-qr img').boundingBox();
      assert.deepEqual([shown.width, shown.height], [160, 160]);
    }
    await page.goto(`${srv.base}/me`);
    // no code for an app or topic that does not exist (it would lead to a 404)
    for (const src of ['/qrcode/app-999999.svg', '/qrcode/topic-999999.svg', '/qrcode/app-999999.png']) {
      const loaded = await page.evaluate((url) => new Promise((ok) => {
        const img = new Image();
        img.onload = () => ok(true);
        img.onerror = () => ok(false);
        img.src = url;
      }), src);
      assert.equal(loaded, false, `${src} is not an image`);
    }
  });

  // scanning: a phone opens what the code says
  const phone = await freshPage(t, PHONE);
  await withPageLog(phone, async () => {
    const { uid } = await openFollow(phone, cases[0][1]);
    assert.match(await text(phone.locator('.fg-ok')), /关注成功/);
    const req = await sink.waitForRequest((r) => r.json && r.json.data.uid === uid);
    assert.equal(req.json.data.source, 'scan');
    // the parametric code passes its extra, and its scanner can be polled
    await openFollow(phone, cases[2][1]);
    const again = await sink.waitForRequest((r) => r.json && r.json.data.uid === uid && r.json.data.extra === 'scene-7');
    assert.equal(again.json.data.source, 'scan');
    const polled = await wxGet(srv.base, '/api/fun/scan-qrcode-uid', { code: code.code });
    assert.equal(polled.data, uid);
  });
});

S.test('WxPusher html (contentType 2) shows without running its script; markdown (contentType 3) renders', async (t, srv) => {
  const app = await newApp(srv, 'wxb-msg');
  const page = await freshPage(t);
  await withPageLog(page, async () => {
    const { uid } = await openFollow(page, `${srv.base}/follow/app/${app.appId}`);
    const html = await sendWx(srv.base, {
      appToken: app.appToken,
      uids: [uid],
      contentType: 2,
      summary: 'wx-html-title',
      content: `<p class="wx-p">wx-html-body <b>bold-wx</b></p><script>window.__pwned=1;document.title='pwned'</script><img src="x" onerror="window.__pwned2=1;document.title='pwned2'">`,
    });
    assert.equal(html.data[0].code, 1000, JSON.stringify(html));
    const md = await sendWx(srv.base, {
      appToken: app.appToken,
      uids: [uid],
      contentType: 3,
      summary: 'wx-md-title',
      content: '# 标题 wx-md-h1\n\n## 小节 wx-md-h2\n\n- wx-li-1\n- wx-li-2\n\n1. wx-ol-1\n\n正文 **wx-strong**\n',
    });
    assert.equal(md.data[0].code, 1000, JSON.stringify(md));

    // open them from the inbox, as the person would
    await page.locator('a', { hasText: '收件箱' }).click();
    await page.waitForURL(/\/inbox$/);
    const item = (title) => page.locator('#fg-list li a', { has: page.locator('.fg-li-t', { hasText: title }) });
    await item('wx-html-title').waitFor({ state: 'visible' });

    // the img src=x is fetched and fails before its error event would fire
    const imgDone = new Promise((resolve) => {
      const done = (r) => /\/x$/.test(r.url()) && resolve(r.url());
      page.on('requestfinished', done);
      page.on('requestfailed', done);
    });
    const [res] = await Promise.all([page.waitForNavigation(), item('wx-html-title').click()]);
    assert.match(res.headers()['content-security-policy'] || '', /sandbox/);
    await page.locator('.fg-tpl-html p.wx-p', { hasText: 'wx-html-body' }).waitFor({ state: 'visible' });
    assert.ok(await page.locator('.fg-tpl-html b', { hasText: 'bold-wx' }).isVisible(), 'the html is rendered as elements');
    assert.ok(await Promise.race([imgDone, sleep(5000).then(() => null)]), 'the <img src=x> was requested');
    await page.waitForLoadState('load');
    await sleep(200);
    const state = await page.evaluate(() => ({ title: document.title, p1: typeof window.__pwned, p2: typeof window.__pwned2 }));
    assert.deepEqual(state, { title: 'wx-html-title', p1: 'undefined', p2: 'undefined' }, 'neither the script nor the onerror handler ran');
    await screenshot(page, await shotDir(srv), 'wx-message-html');

    await page.goBack();
    await Promise.all([page.waitForURL(/\/message\//), item('wx-md-title').click()]);
    const h1 = page.locator('.fg-tpl-markdown h1');
    assert.equal(await text(h1), '标题 wx-md-h1');
    assert.equal(await text(page.locator('.fg-tpl-markdown h2')), '小节 wx-md-h2');
    assert.deepEqual(await page.locator('.fg-tpl-markdown ul > li').allInnerTexts(), ['wx-li-1', 'wx-li-2']);
    assert.deepEqual(await page.locator('.fg-tpl-markdown ol > li').allInnerTexts(), ['wx-ol-1']);
    assert.ok(await page.locator('.fg-tpl-markdown strong', { hasText: 'wx-strong' }).isVisible());
    const sizes = await page.evaluate(() => ['h1', 'p'].map((s) => parseFloat(getComputedStyle(document.querySelector(`.fg-tpl-markdown ${s}`)).fontSize)));
    assert.ok(sizes[0] > sizes[1], `the heading is larger than the text: ${sizes}`);
    assert.equal(await page.locator('.fg-tpl-markdown').evaluate((e) => e.textContent.includes('#')), false, 'no markdown syntax left over');
  });
});

S.test('the me page\'s command form: "#appId text" reaches the app as send_up_cmd, "#appId" follows', async (t, srv) => {
  const sink = await newSink();
  const app = await newApp(srv, 'wxb-cmd', sink.url('/cb'));
  const other = await newApp(srv, 'wxb-cmd2', sink.url('/cb2'));
  const page = await freshPage(t);
  await withPageLog(page, async () => {
    const { uid } = await openFollow(page, `${srv.base}/follow/app/${app.appId}`);
    await page.goto(`${srv.base}/me`);
    const form = page.locator('form[action="/me/uplink"]');
    await form.locator('input[name="content"]').fill(`#${app.appId} 查询 余额`);
    const [nav] = await Promise.all([page.waitForNavigation(), form.getByRole('button', { name: '发送' }).click()]);
    assert.equal(nav.status(), 200);
    assert.equal(await text(page.locator('h1')), '已发送');
    const up = await sink.waitForRequest((r) => r.json && r.json.action === 'send_up_cmd');
    assert.equal(up.path, '/cb');
    assert.equal(up.json.data.uid, uid);
    assert.equal(up.json.data.content, '查询 余额');

    // a bad command is refused on a page that says how to write one
    await page.goto(`${srv.base}/me`);
    await form.locator('input[name="content"]').fill('hello');
    const [bad] = await Promise.all([page.waitForNavigation(), form.getByRole('button', { name: '发送' }).click()]);
    assert.equal(bad.status(), 400);
    assert.match(await page.locator('body').innerText(), /#\{appId\}/);

    // a bare "#appId" follows that app (source command)
    await page.goto(`${srv.base}/me`);
    await form.locator('input[name="content"]').fill(`#${other.appId}`);
    await Promise.all([page.waitForNavigation(), form.getByRole('button', { name: '发送' }).click()]);
    assert.match(await text(page.locator('.fg-ok')), /关注成功/);
    const sub = await sink.waitForRequest((r) => r.path === '/cb2' && r.json && r.json.action === 'app_subscribe');
    assert.equal(sub.json.data.uid, uid);
    assert.equal(sub.json.data.source, 'command');
    await page.goto(`${srv.base}/me`);
    assert.equal(await page.locator('ul.fg-follows > li').count(), 2);
    assert.ok(await page.locator('ul.fg-follows > li', { hasText: 'wxb-cmd2' }).isVisible());
  });
});

S.test('a message names its app and topic (no 微信公众号); the settings link carries the UID; the SPT from /me copies and delivers', async (t, srv) => {
  const app = await newApp(srv, '天气应用');
  await srv.cli(['app', 'set', String(app.appId), 'settings_url', 'https://example.invalid/prefs?lang=zh#main']);
  const topic = await srv.cli(['topic', 'add', String(app.appId), '晨报主题']);
  const page = await freshPage(t);
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: srv.base });
  await withPageLog(page, async () => {
    const { uid } = await openFollow(page, `${srv.base}/follow/app/${app.appId}`);
    await openFollow(page, `${srv.base}/follow/topic/${topic.topicId}`);
    const r = await sendWx(srv.base, { appToken: app.appToken, topicIds: [topic.topicId], contentType: 1, content: 'from the topic', summary: 'topic-news' });
    assert.equal(r.code, 1000, JSON.stringify(r));

    // the inbox line and the message page say who sent it
    await page.goto(`${srv.base}/me`);
    await Promise.all([page.waitForURL(/\/inbox$/), page.locator('a', { hasText: '收件箱' }).click()]);
    const item = page.locator('#fg-list li', { has: page.locator('.fg-li-t', { hasText: 'topic-news' }) });
    assert.equal(await text(item.locator('.fg-li-from')), '天气应用 · 晨报主题');
    await Promise.all([page.waitForURL(/\/message\//), item.locator('a').click()]);
    assert.equal(await text(page.locator('.fg-sender')), '天气应用');
    assert.equal(await text(page.locator('.fg-topic')), '主题：晨报主题');
    assert.equal(await text(page.locator('.fg-meta .fg-tag')), '收件箱');
    const body = await page.locator('body').innerText();
    assert.doesNotMatch(body, /微信公众号/);
    assert.doesNotMatch(body, /dev-天气应用/, 'not the developer account');
    await screenshot(page, await shotDir(srv), 'wx-message-from');

    // the settings page of the app, with the UID
    await page.goto(`${srv.base}/me`);
    const links = page.locator('a.fg-settings');
    assert.equal(await links.count(), 2, 'the app and its topic');
    const href = new URL(await links.first().getAttribute('href'));
    assert.equal(href.origin + href.pathname, 'https://example.invalid/prefs');
    assert.equal(href.searchParams.get('lang'), 'zh');
    assert.equal(href.searchParams.get('uid'), uid);
    assert.equal(href.hash, '#main');

    // the SPT: a button on the page, a field and a copy button
    await Promise.all([page.waitForURL(`${srv.base}/me/spt`), page.getByRole('button', { name: '获取我的SPT' }).click()]);
    assert.equal(await text(page.locator('h1')), '我的SPT');
    const spt = await page.locator('#fg-spt').inputValue();
    assert.match(spt, /^SPT_[0-9A-Za-z]+$/);
    await page.locator('button.fg-copy').click();
    await page.locator('button.fg-copy', { hasText: '已复制' }).waitFor();
    assert.equal(await page.evaluate(() => navigator.clipboard.readText()), spt, 'the clipboard holds the SPT');
    await screenshot(page, await shotDir(srv), 'wx-spt');

    const sent = await fetch(`${srv.base}/api/send/message/simple-push`, {
      method: 'POST', headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ content: 'note to self', summary: 'spt-self', spt }),
    }).then((x) => x.json());
    assert.equal(sent.code, 1000, JSON.stringify(sent));
    await page.goto(`${srv.base}/me`);
    await Promise.all([page.waitForURL(/\/inbox$/), page.locator('a', { hasText: '收件箱' }).click()]);
    await page.locator('#fg-list .fg-li-t', { hasText: 'spt-self' }).waitFor({ state: 'visible' });
  });
});

S.test('phone 390x844: the follow, topic, blocked, me and notice pages and WxPusher messages fit the screen', async (t, srv) => {
  const long = 'L'.repeat(60);
  const app = await newApp(srv, 'wxb-phone');
  await srv.cli(['app', 'set', String(app.appId), 'name', `手机应用-${'长'.repeat(20)}-${long}`]);
  await srv.cli(['app', 'set', String(app.appId), 'description', `介绍 ${'D'.repeat(300)} https://example.invalid/${'seg/'.repeat(40)}`]);
  await srv.cli(['app', 'set', String(app.appId), 'contact', `ops-${'c'.repeat(80)}@example.invalid`]);
  const topic = await srv.cli(['topic', 'add', String(app.appId), `主题-${long}`]);
  const page = await freshPage(t, PHONE);
  const dir = await shotDir(srv);
  await withPageLog(page, async () => {
    const vw = 390;
    const check = async (name) => {
      await screenshot(page, dir, `wx-phone-${name}`);
      await fitsPhone(page, name);
      // text keeps a margin from the window edge, like feige's other pages
      const box = await page.locator('h1').first().boundingBox();
      assert.ok(box && box.x >= 8 && box.x + box.width <= vw - 8, `${name}: the heading has a margin on both sides: ${JSON.stringify(box)}`);
    };

    const { uid } = await openFollow(page, `${srv.base}/follow/app/${app.appId}`);
    assert.equal(await page.evaluate(() => window.innerWidth), vw, 'the page sets a phone viewport');
    await check('follow');
    await openFollow(page, `${srv.base}/follow/topic/${topic.topicId}`);
    await check('topic');

    await page.goto(`${srv.base}/me`);
    await check('me');
    for (const b of await page.locator('ul.fg-follows button').all()) {
      const bb = await b.boundingBox();
      assert.ok(bb && bb.x >= 0 && bb.x + bb.width <= vw, `unfollow button on screen: ${JSON.stringify(bb)}`);
    }
    const input = await page.locator('input[name="content"]').boundingBox();
    const send = await page.locator('form[action="/me/uplink"] button').boundingBox();
    assert.ok(input.x >= 0 && send.x + send.width <= vw, `command form on screen: ${JSON.stringify({ input, send })}`);

    // unfollow the topic: the notice page
    await Promise.all([page.waitForNavigation(), page.locator('ul.fg-follows > li', { hasText: '主题-' }).getByRole('button').click()]);
    await check('notice');

    // blocked
    const id = (await followsOf(srv, app, uid)).records[0].id;
    await wxGet(srv.base, '/api/fun/reject', { appToken: app.appToken, id, reject: 'true' }, { method: 'PUT' });
    await openFollow(page, `${srv.base}/follow/app/${app.appId}`);
    assert.match(await text(page.locator('.fg-status')), /拉黑/);
    await check('blocked');
    await wxGet(srv.base, '/api/fun/reject', { appToken: app.appToken, id, reject: 'false' }, { method: 'PUT' });

    // WxPusher messages
    const wide = 'W'.repeat(300);
    for (const [name, contentType, content] of [
      ['html', 2, `<h2>${wide}</h2><p>https://example.invalid/${'p/'.repeat(80)}</p><pre>${'pre '.repeat(80)}</pre>`],
      ['markdown', 3, `# ${wide}\n\n- ${wide}\n\n\`\`\`\n${'code '.repeat(80)}\n\`\`\`\n`],
      ['text', 1, `${wide}\nhttps://example.invalid/${'q/'.repeat(80)}`],
    ]) {
      const r = await sendWx(srv.base, { appToken: app.appToken, uids: [uid], contentType, content, summary: `phone-${name}` });
      assert.equal(r.data[0].code, 1000, JSON.stringify(r));
      const m = (await srv.inbox(await tokenOf(srv, page))).find((x) => x.title === `phone-${name}`);
      assert.ok(m, `phone-${name} in the inbox`);
      await page.goto(`${srv.base}/message/${m.shortCode}`);
      await page.locator('.fg-body').waitFor({ state: 'visible' });
      await screenshot(page, dir, `wx-phone-message-${name}`);
      await fitsPhone(page, `message ${name}`);
    }
  });
});
