// The web console (issue 12) in real Chromium: sign in by a link, the
// main flows end to end (a group joined from a second browser context,
// a token rotated and the
// old one refused by /send), the keyboard, 390 px and 200 % text, and
// axe-core on every console page in Chinese and English (no serious or
// critical violation).  Every page is photographed at 1280x800 and
// 390x844 into the screenshot directory (FEIGE_BROWSER_SHOTS; the
// script scripts/console-shots.sh copies the ones docs/console.md shows).
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { send, expectOk, expectErr } from '../e2e/lib/http.mjs';
import { pageSuite, withPageLog, shotDir, screenshot, overflow } from './lib/browser.mjs';

const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
// every page twice (zh, en) with axe: a long test on two shared cores
const { S, B } = pageSuite({ config: { 'channel.allow_private': 'yes', 'channel.timeout_ms': 1000 }, timeoutMs: 280000 });
const DESK = { viewport: { width: 1280, height: 800 }, locale: 'zh-CN' };
const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2, locale: 'zh-CN' };

/** Sign uid in on page by a fresh link: open it, press its button. */
async function signIn(srv, page, uid) {
  const { url } = await srv.cli(['user', 'login-link', uid]);
  await page.goto(`${srv.base}${new URL(url).pathname}`);
  await Promise.all([page.waitForNavigation(), page.locator('button.fg-follow').click()]);
  await page.goto(`${srv.base}/console`);
}

/** Every serious or critical axe violation of the page, as text. */
async function axeBad(page) {
  await page.addScriptTag({ path: AXE });
  const r = await page.evaluate(() => axe.run(document, { resultTypes: ['violations'] }));
  return r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

for (const [tag, opts] of [['desktop', DESK], ['phone', PHONE]]) S.test(`sign in by link, then every console page (${tag}): axe in zh and en, no sideways scrolling at 390 px, screenshots`, async (t, srv) => {
  const u = await srv.addUser(`console shots ${tag}`);
  // something on every page: a message, a group, a webhook
  const sc = expectOk(await send(srv.base, { token: u.token, title: '第一条消息', content: 'hello' }));
  await srv.waitStatus(sc, [2]);
  await srv.cli(['group', 'add', u.uid, `team${tag}`, '我的小组']);
  await srv.cli(['webhook', 'add', u.uid, 'robot', '机器人', '1', 'http://127.0.0.1:9/x']);
  await srv.cli(['app', 'add', u.uid, '我的应用']);
  const dir = await shotDir(srv);
  {
    const page = await B.page(t, { ...opts, bypassCSP: true });
    await withPageLog(page, async () => {
      await signIn(srv, page, u.uid);
      assert.match(page.url(), /\/console\/token$/);
      const group = await page.request.get(`${srv.base}/console/groups`).then((r) => r.text());
      const gpath = group.match(/href="(\/console\/groups\/\d+)"/)[1];
      const apps = await page.request.get(`${srv.base}/console/wx`).then((r) => r.text());
      const apath = apps.match(/href="(\/console\/wx\/\d+)"/)[1];
      const pages = [['landing', '/'], ['token', '/console/token'], ['send', '/console/send'],
        ['history', '/console/history'], ['message', `/console/history/${sc}`],
        ['groups', '/console/groups'], ['group', gpath], ['channels', '/console/channels'],
        ['friends', '/console/friends'], ['settings', '/console/settings'],
        ['openapi', '/console/openapi'], ['wx', '/console/wx'], ['wxapp', apath],
        ['devices', '/console/devices'], ['pre', '/console/pre'], ['chanadd', '/console/chanadd'], ['keys', '/console/keys'], ['wxtopics', '/console/wxtopics'], ['wxfollowers', '/console/wxfollowers'], ['wxqr', '/console/wxqr']];
      for (const [name, p] of pages) {
        for (const lang of ['zh', 'en']) {
          const res = await page.goto(`${srv.base}${p}?lang=${lang}`);
          assert.equal(res.status(), 200, p);
          assert.equal(await page.locator('html').getAttribute('lang'), lang === 'en' ? 'en' : 'zh-CN');
          assert.deepEqual(await axeBad(page), [], `${p} ${lang} ${tag}`);
          if (tag === 'phone') {
            const o = await overflow(page);
            assert.ok(o.scrollWidth <= o.clientWidth, `${p} fits 390 px: ${o.wide.join(', ')}`);
          }
          await screenshot(page, dir, `console-${name}-${lang}-${tag}`);
        }
      }
      // a pre script's test run: the result inline, still no violations
      await page.goto(`${srv.base}/console/pre?lang=en`);
      await page.locator('#f-pretest-script').fill('content = content + "!"');
      await page.locator('#f-pretest-message').fill('hi');
      await Promise.all([page.waitForNavigation(), page.locator('#pretest button[type=submit]').click()]);
      assert.equal(await page.locator('#pre-result pre').innerText(), 'hi!');
      assert.deepEqual(await axeBad(page), [], `pre test run ${tag}`);
      await page.goto(`${srv.base}/console/token?lang=zh`);
    });
  }
});

S.test('keyboard and 200 % text: skip link, tab to a form, submit with Enter; the page reflows at 390 px', async (t, srv) => {
  const u = await srv.addUser('console keys');
  const page = await B.page(t, PHONE);
  await withPageLog(page, async () => {
    await signIn(srv, page, u.uid);
    await page.keyboard.press('Tab');
    const first = await page.evaluate(() => document.activeElement.textContent);
    assert.equal(first, '跳到正文');
    await page.keyboard.press('Enter');
    assert.equal(await page.evaluate(() => location.hash), '#main');
    // the add form by keyboard alone: a refused submit keeps what was typed
    await page.locator('#f-add-expire').focus();
    await page.keyboard.type('not a date');
    await page.locator('#f-add-name').focus();
    await page.keyboard.type('keys');
    await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
    assert.equal(await page.locator('#f-add-expire').inputValue(), 'not a date');
    assert.equal(await page.locator('#f-add-expire').getAttribute('aria-invalid'), 'true');
    assert.match(await page.locator('#f-add-expire-err').innerText(), /日期格式不正确/);
    // 200 % text
    await page.evaluate(() => { document.documentElement.style.fontSize = '200%'; });
    const o = await overflow(page);
    assert.ok(o.scrollWidth <= o.clientWidth, `200 % text fits 390 px: ${o.wide.join(', ')}`);
    await screenshot(page, await shotDir(srv), 'console-token-200pct-phone');
  });
});

S.test('a group: created in the console, joined from a second browser context by its link, the member listed', async (t, srv) => {
  const u = await srv.addUser('group owner');
  const page = await B.page(t, DESK);
  await withPageLog(page, async () => {
    await signIn(srv, page, u.uid);
    await page.goto(`${srv.base}/console/groups`);
    await page.locator('#f-add-code').fill('family');
    await page.locator('#f-add-name').fill('家人');
    await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: '新建群组' }).click()]);
    assert.match(page.url(), /\/console\/groups\/\d+/);
    await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: '生成加入链接和二维码' }).click()]);
    const link = await page.locator('#con-join').inputValue();
    assert.ok(await page.locator('img.con-qr').evaluate((i) => i.complete && i.naturalWidth > 0), 'the QR code image loads');
    // a second browser context: nobody signed in; "create my inbox" joins
    const other = await B.page(t, PHONE);
    await other.goto(link);
    await Promise.all([other.waitForNavigation(), other.locator('button.fg-follow').click()]);
    await page.reload();
    assert.equal(await page.locator('table code').count() >= 1, true);
    expectOk(await send(srv.base, { token: u.token, topic: 'family', content: 'to the family' }));
  });
});

S.test('rotate the token in the console: the old one refused by /send, the new one shown and working', async (t, srv) => {
  const u = await srv.addUser('rotator');
  const page = await B.page(t, DESK);
  await withPageLog(page, async () => {
    await signIn(srv, page, u.uid);
    page.once('dialog', (d) => d.accept());
    await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: '更换令牌' }).click()]);
    assert.match(await page.locator('[role=status]').innerText(), /令牌已更换/);
    await page.locator('details summary').click();
    const fresh = await page.locator('#con-token').inputValue();
    assert.notEqual(fresh, u.token);
    expectErr(await send(srv.base, { token: u.token, content: 'old' }), 903);
    expectOk(await send(srv.base, { token: fresh, content: 'new' }));
  });
});

S.test('a WxPusher app: created in the console, followed from a second browser context by its link, a send reaches the follower', async (t, srv) => {
  const u = await srv.addUser('app owner');
  const page = await B.page(t, DESK);
  await withPageLog(page, async () => {
    await signIn(srv, page, u.uid);
    await page.goto(`${srv.base}/console/wx`);
    await page.locator('#f-add-name').fill('天气提醒');
    await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: '创建应用' }).click()]);
    const token = await page.locator('#con-apptoken').inputValue();
    const follow = await page.locator('#con-follow').inputValue();
    assert.ok(await page.locator('img.con-qr').evaluate((i) => i.complete && i.naturalWidth > 0), 'the QR code image loads');
    const other = await B.page(t, PHONE);
    await other.goto(follow);
    await Promise.all([other.waitForNavigation(), other.locator('button.fg-follow').click()]);
    const who = await other.context().cookies();
    assert.ok(who.some((c) => c.name === 'feige_session'), 'the follower is signed in');
    const uids = await fetch(`${srv.base}/api/fun/wxuser/v2?appToken=${token}&page=1&pageSize=10`).then((r) => r.json());
    assert.equal(uids.code, 1000, JSON.stringify(uids));
    assert.equal(uids.data.records.length, 1, JSON.stringify(uids));
    const s = await fetch(`${srv.base}/api/send/message`, { method: 'POST', headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ appToken: token, content: 'sunny', uids: [uids.data.records[0].uid] }) }).then((r) => r.json());
    assert.equal(s.data[0].code, 1000, JSON.stringify(s));
  });
});
