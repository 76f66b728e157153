// The recipient's inbox in real Chromium: the page goes live over SSE,
// new messages appear without a reload and open their message page; no
// token means the 401 page.
import assert from 'node:assert/strict';
import { send, expectOk } from '../e2e/lib/http.mjs';
import { pageSuite, withPageLog, shotDir, screenshot, overflow } from './lib/browser.mjs';

const { S, B } = pageSuite();

const LIVE = '实时';
const OFFLINE = '离线';

S.test('inbox: goes live, a new message appears without reload, clicking opens it', async (t, srv) => {
  const u = await srv.addUser('browser-inbox');
  // one message before the page opens: rendered by the server
  const oldSc = expectOk(await send(srv.base, { token: u.token, title: 'old-item 旧消息', content: 'old content' }));
  await srv.waitStatus(oldSc, [2]);

  const page = await B.page(t);
  await withPageLog(page, async () => {
    const res = await page.goto(`${srv.base}/inbox?token=${u.token}`);
    assert.equal(res.status(), 200);
    assert.equal(await page.title(), '收件箱 · feige');
    const list = page.locator('#fg-list');
    await list.waitFor({ state: 'visible' });
    assert.deepEqual(await list.locator('li .fg-li-t').allInnerTexts(), ['old-item 旧消息'], 'the server-rendered list');
    assert.equal(await page.locator('#fg-empty').isVisible(), false, '"no messages" is hidden');

    // inbox.js opens the stream and the badge turns from 离线 to 实时
    const live = page.locator('#fg-live.on');
    await live.waitFor({ state: 'visible', timeout: 10000 });
    assert.equal((await live.innerText()).trim(), LIVE);

    // mark the document: a reload would lose the mark
    await page.evaluate(() => document.documentElement.setAttribute('data-pw-mark', 'same-document'));
    let navigations = 0;
    page.on('framenavigated', (f) => f === page.mainFrame() && navigations++);

    const title = `live-item ${Date.now()} 新消息`;
    const sc = expectOk(await send(srv.base, { token: u.token, title, content: 'live **content** body-x', template: 'markdown' }));
    const item = list.locator('li', { has: page.locator('.fg-li-t', { hasText: title }) });
    await item.waitFor({ state: 'visible', timeout: 10000 });

    assert.equal(await page.evaluate(() => document.documentElement.getAttribute('data-pw-mark')), 'same-document', 'no reload');
    assert.equal(navigations, 0, 'no navigation');
    const titles = await list.locator('li .fg-li-t').allInnerTexts();
    assert.deepEqual(titles, [title, 'old-item 旧消息'], 'the new item is on top and nothing is duplicated');
    assert.match(await item.getAttribute('class'), /\bfg-new\b/, 'added by inbox.js');
    assert.match(await item.locator('time').innerText(), /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/, 'time shown');
    const preview = item.locator('.fg-li-p');
    if (await preview.count()) assert.match(await preview.innerText(), /body-x/, 'preview shows the content');
    assert.equal(await item.locator('a').getAttribute('href'), `/message/${sc}`);
    assert.equal((await live.innerText()).trim(), LIVE, 'still live');
    await screenshot(page, await shotDir(srv), 'inbox-live');

    await Promise.all([page.waitForURL(`${srv.base}/message/${sc}`), item.locator('a').click()]);
    await page.locator('header.fg-head h1', { hasText: title }).waitFor({ state: 'visible' });
    const body = page.locator('.fg-tpl-markdown');
    await body.waitFor({ state: 'visible' });
    assert.match(await body.innerText(), /live content body-x/);
    assert.ok(await body.locator('strong', { hasText: 'content' }).isVisible(), 'markdown rendered');
  });
});

S.test('inbox: an empty inbox says so, and fills live', async (t, srv) => {
  const u = await srv.addUser('browser-empty');
  const page = await B.page(t);
  await withPageLog(page, async () => {
    await page.goto(`${srv.base}/inbox?token=${u.token}`);
    const empty = page.locator('#fg-empty');
    await empty.waitFor({ state: 'visible' });
    assert.equal((await empty.innerText()).trim(), '暂无消息');
    await page.locator('#fg-live.on').waitFor({ state: 'visible' });
    const sc = expectOk(await send(srv.base, { token: u.token, content: 'untitled-body 无标题内容' }));
    const item = page.locator(`#fg-list li a[href="/message/${sc}"]`);
    await item.waitFor({ state: 'visible', timeout: 10000 });
    assert.match(await item.locator('.fg-li-t').innerText(), /untitled-body/, 'an untitled message shows its content as the title');
    await empty.waitFor({ state: 'hidden' });
  });
});

S.test('inbox: the badge reads 离线 while the stream cannot open', async (t, srv) => {
  const u = await srv.addUser('browser-offline');
  const page = await B.page(t);
  await withPageLog(page, async () => {
    // the browser fails every request for the stream; EventSource keeps retrying
    await page.route('**/inbox/stream**', (route) => route.abort());
    await page.goto(`${srv.base}/inbox?token=${u.token}`);
    const live = page.locator('#fg-live');
    await live.waitFor({ state: 'visible' });
    await page.waitForTimeout(500);
    assert.equal((await live.innerText()).trim(), OFFLINE);
    assert.doesNotMatch((await live.getAttribute('class')) || '', /\bon\b/);
  });
});

S.test('inbox without a session or token: the 401 page is shown', async (t, srv) => {
  const page = await B.page(t);
  await withPageLog(page, async () => {
    for (const q of ['', '?token=', `?token=${'0'.repeat(32)}`]) {
      const res = await page.goto(`${srv.base}/inbox${q}`);
      assert.equal(res.status(), 401, `/inbox${q}`);
      const h1 = page.locator('h1');
      await h1.waitFor({ state: 'visible' });
      assert.equal((await h1.innerText()).trim(), '需要登录');
      const text = await page.locator('body').innerText();
      assert.match(text, /请先登录/, 'explains that signing in is needed');
      assert.match(text, /\/login/, 'shows where');
      assert.equal(await page.locator('#fg-list').count(), 0, 'no list');
    }
    await screenshot(page, await shotDir(srv), 'inbox-401');
  });
});

S.test('inbox on a phone (390x844): no horizontal overflow, long titles ellipsized', async (t, srv) => {
  const u = await srv.addUser('browser-inbox-phone-' + 'n'.repeat(40));
  for (let i = 0; i < 3; i++) {
    const sc = expectOk(await send(srv.base, { token: u.token, title: `phone-${i} ` + 'T'.repeat(90), content: 'C'.repeat(400) }));
    await srv.waitStatus(sc, [2]);
  }
  const page = await B.page(t, { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 });
  await withPageLog(page, async () => {
    await page.goto(`${srv.base}/inbox?token=${u.token}`);
    await page.locator('#fg-live.on').waitFor({ state: 'visible' });
    assert.equal(await page.locator('#fg-list li').count(), 3);
    const o = await overflow(page);
    await screenshot(page, await shotDir(srv), 'mobile-inbox');
    assert.ok(o.scrollWidth <= o.clientWidth + 1, `no sideways scrolling: ${JSON.stringify(o)}`);
    assert.ok(await page.locator('#fg-live').isVisible(), 'the live badge is not pushed off screen');
    const box = await page.locator('#fg-live').boundingBox();
    assert.ok(box.x + box.width <= o.clientWidth + 1, `badge on screen: ${JSON.stringify(box)}`);
    // each long title is cut with an ellipsis inside its own row
    const titles = await page.locator('#fg-list .fg-li-t').evaluateAll((els) =>
      els.map((e) => ({ cut: e.scrollWidth > e.clientWidth, ellipsis: getComputedStyle(e).textOverflow, right: e.getBoundingClientRect().right })),
    );
    for (const ti of titles) {
      assert.ok(ti.cut && ti.ellipsis === 'ellipsis' && ti.right <= o.clientWidth, `title ellipsized on screen: ${JSON.stringify(ti)}`);
    }
  });
});
