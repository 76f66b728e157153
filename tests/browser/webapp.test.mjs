// The inbox as an installable web app in real Chromium (issue 10 §2):
// the manifest as the browser reads it, the service worker registered
// and in control, "receive on this device" ending in a subscription the
// server stores, pushes shown and recalled by the worker, the offline
// list, the sender line, both languages, a phone at 390 px and 200 %
// text, the keyboard, and axe-core on the page.
//
// Headless Chromium here has no Google services, so PushManager.subscribe
// never answers (it waits for FCM).  The tests give the page a
// subscription of the stand-in push service instead (an init script in
// place of subscribe/getSubscription, as the browser would return it);
// everything after it (the POST, the server's upsert, the push event in
// the real worker) is real.
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { send, expectOk, request } from '../e2e/lib/http.mjs';
import { pushService } from '../e2e/lib/pushsvc.mjs';
import { pageSuite, withPageLog, shotDir, screenshot, overflow } from './lib/browser.mjs';

const { S, B } = pageSuite({ config: { 'channel.allow_private': 'yes' } });
const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
const ZH = { locale: 'zh-CN' };

/* A subscription of the stand-in in place of the browser's (see the top). */
function fakePush(sub) {
  return ([s]) => {
    let current = null;
    const calls = (window.__fgPush = { subscribe: 0, prompts: 0 });
    const make = () => ({
      endpoint: s.endpoint,
      options: { applicationServerKey: null, userVisibleOnly: true },
      toJSON: () => ({ endpoint: s.endpoint, expirationTime: null, keys: s.keys }),
      unsubscribe: async () => ((current = null), true),
    });
    PushManager.prototype.subscribe = async function (opts) {
      calls.subscribe++;
      calls.key = opts && opts.applicationServerKey && opts.applicationServerKey.length;
      calls.visible = opts && opts.userVisibleOnly;
      return (current = make());
    };
    PushManager.prototype.getSubscription = async function () {
      return current;
    };
    const ask = Notification.requestPermission.bind(Notification);
    Notification.requestPermission = (cb) => {
      calls.prompts++;
      return ask(cb);
    };
  };
}

async function devices(srv, token) {
  const r = await request(`${srv.base}/api/devices`, { headers: { Authorization: `Bearer ${token}` } });
  assert.equal(r.status, 200, r.text);
  return r.json.data;
}

/*
 * Poll fn (may be async) in the page until it returns something truthy:
 * page.waitForFunction() takes a returned promise itself for "truthy".
 */
async function until(page, fn, arg, what = String(fn)) {
  // up to 30 s: a loaded machine (CI beside a fuzzer) was seen to need more than 10
  for (let i = 0; i < 600; i++) {
    const v = await page.evaluate(fn, arg);
    if (v) return v;
    await page.waitForTimeout(50);
  }
  throw new Error(`timed out waiting for ${what}`);
}

async function ready(page) {
  // the worker is active and controls the page (clients.claim)
  await until(page, async () => {
    const r = await navigator.serviceWorker.getRegistration();
    return !!(r && r.active && r.active.state === 'activated' && navigator.serviceWorker.controller);
  });
}

/* Until the page's worker has n notifications shown (pred: extra test). */
function shownCount(page, n, body) {
  return until(page, async ([n, body]) => {
    const ns = await (await navigator.serviceWorker.ready).getNotifications();
    return ns.length === n && (!body || ns.some((x) => x.body === body));
  }, [n, body], `${n} notifications${body ? ' with ' + body : ''}`);
}

/* The CDP session of page and the id of its service worker registration. */
async function workerCdp(page) {
  const cdp = await page.context().newCDPSession(page);
  let id = null;
  cdp.on('ServiceWorker.workerRegistrationUpdated', (e) => {
    for (const r of e.registrations) if (!r.isDeleted) id = r.registrationId;
  });
  await cdp.send('ServiceWorker.enable');
  for (let i = 0; i < 100 && id === null; i++) await new Promise((r) => setTimeout(r, 50));
  assert.ok(id !== null, 'a service worker registration');
  return { cdp, id };
}

function notifications(page) {
  return page.evaluate(async () => {
    const reg = await navigator.serviceWorker.ready;
    return (await reg.getNotifications()).map((n) => ({ title: n.title, body: n.body, tag: n.tag, url: n.data && n.data.url }));
  });
}

S.test('manifest: linked, read by Chromium without errors; the service worker registers, activates and controls the inbox', async (t, srv) => {
  const u = await srv.addUser('pwa-manifest');
  const page = await B.page(t, ZH);
  await withPageLog(page, async () => {
    await page.goto(`${srv.base}/inbox?token=${u.token}`);
    const cdp = await page.context().newCDPSession(page);
    const m = await cdp.send('Page.getAppManifest');
    assert.equal(m.url, `${srv.base}/manifest.webmanifest`);
    assert.deepEqual(m.errors, [], JSON.stringify(m.errors));
    const parsed = JSON.parse(m.data);
    assert.equal(parsed.start_url, '/inbox');
    assert.equal(parsed.display, 'standalone');
    await ready(page);
    const sw = await page.evaluate(async () => {
      const r = await navigator.serviceWorker.getRegistration();
      return { scope: r.scope, script: r.active.scriptURL };
    });
    assert.deepEqual(sw, { scope: `${srv.base}/`, script: `${srv.base}/sw.js` });
    // no CSP report: the page's policy allows its worker and manifest
    assert.ok(!page.pwLog.some((l) => /Content Security Policy/i.test(l.text)), JSON.stringify(page.pwLog));
  });
});

S.test('receive on this device: no prompt on load; a click, the stand-in subscription POSTed and stored; sent again at every start', async (t, srv) => {
  const ps = await pushService();
  t.after(() => ps.close());
  const u = await srv.addUser('pwa-subscribe');
  const sub = ps.subscribe();
  const page = await B.page(t, ZH);
  await withPageLog(page, async () => {
    await page.context().grantPermissions(['notifications'], { origin: srv.base });
    await page.context().addInitScript(fakePush(sub), [sub]);
    // permission granted already but no subscription yet: the start
    // subscribes on its own (re-subscribe on every start)
    const posts = [];
    page.on('request', (r) => r.method() === 'POST' && r.url().endsWith('/api/devices') && posts.push(r.postDataJSON()));
    await page.goto(`${srv.base}/inbox?token=${u.token}`);
    const box = page.locator('#fg-device[data-state="on"]');
    await box.waitFor({ state: 'visible' });
    assert.equal(await page.evaluate(() => window.__fgPush.prompts), 0, 'no permission prompt without a click');
    assert.equal(await page.evaluate(() => window.__fgPush.visible), true, 'userVisibleOnly');
    assert.equal(await page.evaluate(() => window.__fgPush.key), 65, 'the server key as 65 bytes');
    assert.deepEqual(posts, [{ type: 'webpush', subscription: { endpoint: sub.endpoint, expirationTime: null, keys: sub.keys } }]);
    let list = await devices(srv, u.token);
    assert.equal(list.length, 1);
    assert.equal(list[0].type, 'webpush');
    assert.equal(list[0].endpoint, sub.endpoint);
    const id = list[0].id;
    assert.equal(await page.locator('#fg-push').innerText(), '此设备已开启通知');
    assert.equal(await page.locator('#fg-push').getAttribute('aria-pressed'), 'true');

    // the button: a click asks (granted) and posts again
    await page.locator('#fg-push').click();
    await page.waitForFunction(() => window.__fgPush.prompts === 1);
    await box.waitFor({ state: 'visible' });
    // the next start sends it once more; the server keeps one row
    await page.reload();
    await page.locator('#fg-device[data-state="on"]').waitFor({ state: 'visible' });
    for (let i = 0; i < 100 && posts.length < 3; i++) await page.waitForTimeout(50);
    assert.equal(posts.length, 3, 'load, click, reload');
    list = await devices(srv, u.token);
    assert.deepEqual(list.map((d) => d.id), [id], 'upserted, not added');
  });
});

S.test('without permission: nothing is asked or sent on load; a denial is explained', async (t, srv) => {
  const u = await srv.addUser('pwa-deny');
  const page = await B.page(t, ZH);
  await withPageLog(page, async () => {
    const sub = { endpoint: 'http://127.0.0.1:9/push/none', keys: { p256dh: 'x', auth: 'y' } };
    await page.context().addInitScript(fakePush(sub), [sub]);
    // the prompt answers "denied" (headless Chromium's default for a prompt)
    await page.context().addInitScript(() => {
      Object.defineProperty(Notification, 'permission', { get: () => window.__fgPerm || 'default' });
      const orig = Notification.requestPermission;
      Notification.requestPermission = (cb) => {
        orig.call(Notification);	/* counted by fakePush */
        window.__fgPerm = 'denied';
        if (cb) cb('denied');
        return Promise.resolve('denied');
      };
    });
    let posts = 0;
    page.on('request', (r) => r.method() === 'POST' && r.url().endsWith('/api/devices') && posts++);
    await page.goto(`${srv.base}/inbox?token=${u.token}`);
    await page.locator('#fg-device[data-state="idle"]').waitFor({ state: 'visible' });
    await ready(page);
    assert.equal(await page.evaluate(() => window.__fgPush.prompts), 0);
    assert.equal(await page.locator('#fg-push').innerText(), '在此设备接收通知');
    await page.locator('#fg-push').click();
    await page.locator('#fg-device[data-state="denied"]').waitFor({ state: 'visible' });
    assert.match(await page.locator('#fg-push-msg').innerText(), /通知已被拒绝/);
    assert.equal(posts, 0);
    assert.deepEqual(await devices(srv, u.token), []);
  });
});

S.test('a subscription the server refuses: the button says why, nothing is stored', async (t, srv) => {
  const u = await srv.addUser('pwa-refused');
  const page = await B.page(t, ZH);
  await withPageLog(page, async () => {
    const sub = { endpoint: 'http://127.0.0.1:9/push/bad', keys: { p256dh: 'not-a-key', auth: 'short' } };
    await page.context().grantPermissions(['notifications'], { origin: srv.base });
    await page.context().addInitScript(fakePush(sub), [sub]);
    await page.goto(`${srv.base}/inbox?token=${u.token}`);
    await page.locator('#fg-device[data-state="failed"]').waitFor({ state: 'visible' });
    assert.match(await page.locator('#fg-push-msg').innerText(), /^开启失败：.+/);
    assert.equal(await page.locator('#fg-push').innerText(), '在此设备接收通知', 'the button offers another try');
    assert.deepEqual(await devices(srv, u.token), []);
  });
});

S.test('push: the worker shows every push as a notification, tagged by id; a recall closes it and shows nothing', async (t, srv) => {
  const u = await srv.addUser('pwa-push');
  const page = await B.page(t, ZH);
  await withPageLog(page, async () => {
    await page.context().grantPermissions(['notifications'], { origin: srv.base });
    await page.goto(`${srv.base}/inbox?token=${u.token}`);
    await ready(page);
    const { cdp, id } = await workerCdp(page);
    const push = (data) => cdp.send('ServiceWorker.deliverPushMessage', { origin: srv.base, registrationId: id, data: JSON.stringify(data) });
    const url = `${srv.base}/message/abc123`;
    await push({ title: '服务器告警', body: 'CPU 95%', url, id: 'abc123' });
    await push({ title: '第二条', body: 'two', url: `${srv.base}/message/def456`, id: 'def456' });
    await shownCount(page, 2);
    let shown = await notifications(page);
    assert.deepEqual(shown.find((n) => n.tag === 'abc123'), { title: '服务器告警', body: 'CPU 95%', tag: 'abc123', url });
    // the same id again replaces, never doubles
    await push({ title: '服务器告警', body: 'CPU 96%', url, id: 'abc123' });
    await shownCount(page, 2, 'CPU 96%');
    assert.equal((await notifications(page)).length, 2);
    // recall: that one goes, the other stays, nothing new is shown
    await push({ id: 'abc123', recall: true });
    await shownCount(page, 1);
    shown = await notifications(page);
    assert.deepEqual(shown.map((n) => n.tag), ['def456']);
    // a payload that is no JSON still shows a notification
    await push('plain words');
    await shownCount(page, 2);
    assert.ok((await notifications(page)).some((n) => n.title === '飞鸽'));
  });
});

S.test('offline: the worker\'s copy of the page and the last messages show the list without a network; a recall push leaves nothing of its message there', async (t, srv) => {
  const u = await srv.addUser('pwa-offline');
  const codes = {};
  for (const title of ['offline-1', 'offline-2', 'offline-x']) {
    codes[title] = expectOk(await send(srv.base, { token: u.token, title, content: title + '-body' }));
    await srv.waitStatus(codes[title], [2]);
  }
  const page = await B.page(t, ZH);
  await withPageLog(page, async () => {
    await page.context().grantPermissions(['notifications'], { origin: srv.base });
    await page.goto(`${srv.base}/inbox?token=${u.token}`);
    await ready(page);
    // controlled now: this load goes through the worker, which keeps it
    await page.reload();
    await page.locator('#fg-live.on').waitFor({ state: 'visible' });
    const live = expectOk(await send(srv.base, { token: u.token, title: 'offline-3', content: 'c' }));
    await page.locator(`#fg-list a[href="/message/${live}"]`).waitFor({ state: 'visible' });
    // the list sync after the event refreshed the worker's copy
    await until(page, async () => {
      const r = await (await caches.open('feige-data-v1')).match('/inbox/messages');
      return !!r && (await r.text()).includes('offline-3');
    });
    // the sender recalls offline-x while the phone is online but the
    // page closed: the worker's recall push cleans both copies
    const { cdp, id } = await workerCdp(page);
    await cdp.send('ServiceWorker.deliverPushMessage', { origin: srv.base, registrationId: id, data: JSON.stringify({ id: codes['offline-x'], recall: true }) });
    await until(page, async () => {
      const c = await caches.open('feige-data-v1');
      const [list, html] = await Promise.all(['/inbox/messages', '/inbox'].map(async (k) => (await c.match(k)).text()));
      return !list.includes('offline-x') && !html.includes('offline-x') && html.includes('offline-1');
    }, null, 'the recalled message gone from both offline copies');
    await page.context().setOffline(true);
    await page.reload();
    await page.locator('#fg-list li').first().waitFor({ state: 'visible' });
    await page.waitForFunction(() => document.querySelectorAll('#fg-list li').length === 3);
    assert.deepEqual(await page.locator('#fg-list .fg-li-t').allInnerTexts(), ['offline-3', 'offline-2', 'offline-1']);
    assert.equal((await page.locator('#fg-live').innerText()).trim(), '离线');
    await page.context().setOffline(false);
  });
});

S.test('the sender line: a group send shows the group, a live one gains it from the list', async (t, srv) => {
  const owner = await srv.addUser('pwa-owner');
  const u = await srv.addUser('pwa-member');
  const code = 'pwa' + process.pid;
  await srv.cli(['group', 'add', owner.uid, code, '运维群']);
  await srv.cli(['group', 'join', code, u.uid]);
  await srv.waitStatus(expectOk(await send(srv.base, { token: owner.token, title: 'before', content: 'b', topic: code })), [2]);
  const page = await B.page(t, ZH);
  await withPageLog(page, async () => {
    await page.goto(`${srv.base}/inbox?token=${u.token}`);
    await page.locator('#fg-live.on').waitFor({ state: 'visible' });
    const first = page.locator('#fg-list li').first();
    assert.equal(await first.locator('.fg-li-from').innerText(), '运维群');
    const sc = expectOk(await send(srv.base, { token: owner.token, title: 'live-group', content: 'l', topic: code }));
    const item = page.locator(`#fg-list li:has(a[href="/message/${sc}"])`);
    await item.locator('.fg-li-from').waitFor({ state: 'visible' });
    assert.equal(await item.locator('.fg-li-from').innerText(), '运维群');
    assert.equal(await page.locator('#fg-list li').count(), 2, 'nothing doubled');
  });
});

S.test('languages: Chinese first, the toggle switches to English and is remembered; an English browser starts in English', async (t, srv) => {
  const u = await srv.addUser('pwa-lang');
  const page = await B.page(t, ZH);
  await withPageLog(page, async () => {
    await page.goto(`${srv.base}/inbox?token=${u.token}`);
    await page.locator('#fg-live.on').waitFor({ state: 'visible' });
    assert.equal(await page.locator('h1').innerText(), '收件箱');
    assert.equal(await page.getAttribute('html', 'lang'), 'zh-CN');
    assert.equal(await page.locator('#fg-install summary').innerText(), '添加到主屏幕');
    // the keyboard reaches the toggle and Enter switches
    for (let i = 0; i < 5 && (await page.evaluate(() => document.activeElement.id)) !== 'fg-lang'; i++) await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement.id), 'fg-lang', 'Tab reaches the toggle');
    await page.keyboard.press('Enter');
    await page.locator('h1', { hasText: 'Inbox' }).waitFor();
    assert.equal(await page.getAttribute('html', 'lang'), 'en');
    assert.equal(await page.locator('#fg-lang').innerText(), '中文');
    assert.equal(await page.locator('#fg-live').innerText(), 'Live');
    assert.equal(await page.locator('#fg-empty').innerText(), 'No messages yet');
    assert.equal(await page.locator('#fg-install summary').innerText(), 'Add to Home Screen');
    await page.reload();
    await page.locator('h1', { hasText: 'Inbox' }).waitFor();
    await page.locator('#fg-lang').click();
    await page.locator('h1', { hasText: '收件箱' }).waitFor();
  });
  const en = await B.page(t, { locale: 'en-US' });
  await withPageLog(en, async () => {
    await en.goto(`${srv.base}/inbox?token=${u.token}`);
    await en.locator('h1', { hasText: 'Inbox' }).waitFor();
    assert.equal(await en.locator('#fg-push').innerText(), 'Receive on this device');
  });
});

S.test('a phone at 390x844, at 200 % text and at 200 % zoom: no sideways scrolling; the guidance opens by keyboard', async (t, srv) => {
  const u = await srv.addUser('pwa-phone-' + 'n'.repeat(30));
  await srv.waitStatus(expectOk(await send(srv.base, { token: u.token, title: 'phone ' + 'T'.repeat(80), content: 'C'.repeat(300) })), [2]);
  const page = await B.page(t, { ...ZH, viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 });
  await withPageLog(page, async () => {
    await page.goto(`${srv.base}/inbox?token=${u.token}`);
    await page.locator('#fg-device').waitFor({ state: 'visible' });
    await page.locator('#fg-install summary').focus();
    await page.keyboard.press('Enter');
    assert.equal(await page.locator('#fg-install').getAttribute('open'), '');
    const shots = await shotDir(srv);
    for (const [name, how] of [['phone', () => {}], ['phone-text-200', () => (document.documentElement.style.fontSize = '200%')]]) {
      await page.evaluate(how);
      const o = await overflow(page);
      await screenshot(page, shots, name);
      assert.ok(o.scrollWidth <= o.clientWidth + 1, `${name}: no sideways scrolling: ${JSON.stringify(o)}`);
    }
    const h = await page.locator('h1').evaluate((e) => parseFloat(getComputedStyle(e).fontSize));
    assert.equal(h, 36, 'the inbox text follows the root size (rem)');
  });
  // 200 % browser zoom of a 780 px window is a 390 px layout at twice the size
  const zoom = await B.page(t, { ...ZH, viewport: { width: 780, height: 900 } });
  await withPageLog(zoom, async () => {
    await zoom.goto(`${srv.base}/inbox?token=${u.token}`);
    await zoom.locator('#fg-device').waitFor({ state: 'visible' });
    await zoom.evaluate(() => (document.documentElement.style.zoom = '2'));
    const o = await overflow(zoom);
    await screenshot(zoom, await shotDir(srv), 'zoom-200');
    assert.ok(o.scrollWidth <= o.clientWidth + 1, `zoom 200 %: ${JSON.stringify(o)}`);
  });
});

S.test('axe-core: no serious or critical violation on the inbox, in Chinese and in English, guidance open', async (t, srv) => {
  const u = await srv.addUser('pwa-axe');
  await srv.waitStatus(expectOk(await send(srv.base, { token: u.token, title: 'axe message', content: 'body text' })), [2]);
  // axe is injected as a script of the test: the page's CSP would refuse it
  const page = await B.page(t, { ...ZH, bypassCSP: true });
  await withPageLog(page, async () => {
    await page.goto(`${srv.base}/inbox?token=${u.token}`);
    await page.locator('#fg-live.on').waitFor({ state: 'visible' });
    await page.locator('#fg-install summary').click();
    await page.addScriptTag({ path: AXE });
    for (const lang of ['zh', 'en']) {
      if (lang === 'en') await page.locator('#fg-lang').click();
      const r = await page.evaluate(() => axe.run(document, { resultTypes: ['violations'] }));
      assert.equal(r.testEngine.name, 'axe-core');
      const bad = r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
      assert.deepEqual(bad.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`), [], lang);
    }
  });
});
