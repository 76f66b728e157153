// The console's operator pages in Chromium (issue 12, "Operators"): an
// operator retries a failed webhook delivery from the queue page (the
// stand-in answers 500 until told otherwise, then the retry delivers it);
// a person who is not an operator gets the console's 403 page; axe-core
// finds no serious or critical violation on any operator page, in Chinese
// and in English; screenshots of every operator page at 1280x800 and
// 390x844 (FEIGE_BROWSER_SHOTS keeps them), and no page scrolls sideways
// on the phone.
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { send, expectOk } from '../e2e/lib/http.mjs';
import { sinkPool, addWebhook } from '../e2e/lib/sink.mjs';
import { pageSuite, withPageLog, shotDir, screenshot, overflow } from './lib/browser.mjs';

const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
const { S, B } = pageSuite({
  config: {
    'channel.allow_private': 'yes',
    'channel.timeout_ms': 1000,
    'queue.retry_base_ms': 50,
    'queue.retry_max': 1,
    'mail.password': 'not-shown-anywhere',
  },
  // six pages twice (zh, en) at two sizes with axe: long on shared cores
  timeoutMs: 115000,
});
const newSink = sinkPool();

const DESKTOP = { viewport: { width: 1280, height: 800 } };
const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 };
const PAGES = ['users', 'queue', 'health', 'upstreams', 'sms', 'system'];

/** Sign uid in on page through a one-time link and its button. */
async function signIn(srv, page, uid) {
  const { url } = await srv.cli(['user', 'login-link', uid]);
  await page.goto(srv.base + new URL(url).pathname);
  await Promise.all([page.waitForURL(`${srv.base}/me`), page.locator('button.fg-follow').click()]);
}

async function failedDelivery(srv, sink, title) {
  const code = await addWebhook(srv, 'brw', 8, sink.url('/hook'));
  const sc = expectOk(await send(srv.base, { token: srv.admin.token, title, content: 'from the browser test', channel: 'webhook', webhook: code }));
  const m = await srv.waitStatus(sc, [3]);
  return { sc, id: m.deliveries[0].id };
}

S.test('an operator retries a failed delivery from the queue page; it is delivered', async (t, srv) => {
  const sink = await newSink({ status: 500, body: '{"code":500,"msg":"down"}' });
  const { sc, id } = await failedDelivery(srv, sink, 'retry from the console');
  const page = await B.page(t, DESKTOP);
  await withPageLog(page, async () => {
    await signIn(srv, page, srv.admin.uid);
    await page.goto(`${srv.base}/console/admin/queue`);
    const row = page.locator('tr', { hasText: 'retry from the console' });
    await row.waitFor();
    assert.match(await row.innerText(), /500/);
    await screenshot(page, await shotDir(srv), 'console-admin-queue-failed-1280');
    sink.setReply({ status: 200, body: '{"code":0}' });
    const before = sink.requests.length;
    await Promise.all([page.waitForURL(/\/console\/admin\/queue\?done=adm\.retried$/), row.getByRole('button', { name: '重试' }).click()]);
    assert.match(await page.locator('[role=status]').innerText(), /已请求重试/);
    const m = await srv.waitStatus(sc, [2]);
    assert.equal(m.deliveries[0].id, id);
    assert.equal(sink.requests.length, before + 1, 'delivered once by the retry');
    await page.reload();
    assert.equal(await page.locator('tr', { hasText: 'retry from the console' }).count(), 0, 'no longer failed');
  });
});

S.test('retry all of a channel asks first, then delivers every failed one', async (t, srv) => {
  const sink = await newSink({ status: 500, body: '{"code":500}' });
  const a = await failedDelivery(srv, sink, 'all one');
  const b = await failedDelivery(srv, sink, 'all two');
  const page = await B.page(t, DESKTOP);
  await withPageLog(page, async () => {
    await signIn(srv, page, srv.admin.uid);
    await page.goto(`${srv.base}/console/admin/queue`);
    sink.setReply({ status: 200, body: '{"code":0}' });
    const asked = [];
    page.on('dialog', (d) => {
      asked.push(d.message());
      d.accept();
    });
    const cell = page.locator('tr', { hasText: 'webhook' }).filter({ has: page.getByRole('button', { name: '全部重试' }) });
    await Promise.all([page.waitForURL(/done=adm\.retried/), cell.getByRole('button', { name: '全部重试' }).click()]);
    assert.equal(asked.length, 1, 'console.js asked before retrying all');
    await srv.waitStatus(a.sc, [2]);
    await srv.waitStatus(b.sc, [2]);
  });
});

S.test('a person who is not an operator: no operator links, 403 pages', async (t, srv) => {
  const u = await srv.addUser('browser non-admin');
  const page = await B.page(t, PHONE);
  await withPageLog(page, async () => {
    await signIn(srv, page, u.uid);
    await page.goto(`${srv.base}/console/token`);
    assert.equal(await page.locator('a[href^="/console/admin/"]').count(), 0);
    for (const p of PAGES) {
      const r = await page.goto(`${srv.base}/console/admin/${p}`);
      assert.equal(r.status(), 403, p);
      assert.match(await page.locator('main').innerText(), /这个页面只对管理员开放/);
    }
    await screenshot(page, await shotDir(srv), 'console-admin-403-390');
  });
});

S.test('axe-core on every operator page (zh, en); screenshots at 1280x800 and 390x844; no sideways scroll on the phone', async (t, srv) => {
  const sink = await newSink({ status: 500, body: '{"code":500}' });
  await failedDelivery(srv, sink, 'shown on the pages');
  const dir = await shotDir(srv);
  for (const [name, opts] of [['1280', DESKTOP], ['390', PHONE]]) {
    // axe is injected as a script of the test: the page's CSP would refuse it
    const page = await B.page(t, { ...opts, bypassCSP: true });
    await withPageLog(page, async () => {
      await signIn(srv, page, srv.admin.uid);
      for (const lang of ['zh', 'en']) {
        for (const p of PAGES) {
          await page.goto(`${srv.base}/console/admin/${p}?lang=${lang}`);
          assert.equal(await page.locator('h1').count(), 1);
          if (name === '390') {
            const o = await overflow(page);
            assert.ok(o.scrollWidth <= o.clientWidth + 1, `${p} fits 390 px: ${o.wide.join(', ')}`);
          }
          const shot = await screenshot(page, dir, `console-admin-${p}-${lang}-${name}`);
          assert.ok(shot.size > 5000, shot.file);
          await page.addScriptTag({ path: AXE });
          const r = await page.evaluate(() => axe.run(document, { resultTypes: ['violations'] }));
          const bad = r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
          assert.deepEqual(bad.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`), [], `${p} ${lang} ${name}`);
        }
      }
      const body = await page.locator('body').innerText();
      assert.ok(!body.includes('not-shown-anywhere'), 'the secret is never shown');
    });
  }
});
