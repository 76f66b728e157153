// The limits form of the console's users page (ops/user_limits.h): an
// operator sets a user's own per-minute limit; a value out of range comes
// back inline (422, the form open, the field marked, the typed value kept)
// and changes nothing; the saved limit is in force at once (the third
// send of the minute gets the pushplus over-limit answer) and the CLI
// shows it; axe-core finds no serious or critical violation on the page
// with the refused form open, in Chinese and in English.
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { send, expectOk } from '../e2e/lib/http.mjs';
import { minuteAhead } from '../e2e/lib/wait.mjs';
import { pageSuite, withPageLog } from './lib/browser.mjs';

const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
const { S, B } = pageSuite({ config: {}, timeoutMs: 60000 });

async function signIn(srv, page, uid) {
  const { url } = await srv.cli(['user', 'login-link', uid]);
  await page.goto(srv.base + new URL(url).pathname);
  await Promise.all([page.waitForURL(`${srv.base}/me`), page.locator('button.fg-follow').click()]);
}

S.test('set a user\'s rate limit from the users page; a bad value is refused inline', async (t, srv) => {
  const u = await srv.addUser('limits-browser');
  const page = await B.page(t, { viewport: { width: 1280, height: 800 }, bypassCSP: true });
  await withPageLog(page, async () => {
    await signIn(srv, page, srv.admin.uid);
    await page.goto(`${srv.base}/console/admin/users`);
    const row = page.locator('tr', { hasText: u.uid });
    await row.locator('details', { hasText: '每日接收上限' }).locator('summary').click();
    assert.match(await row.locator('summary', { hasText: '默认' }).innerText(), /默认 \/ 默认/);
    await row.getByLabel('每日接收上限').fill('1000001');
    await row.getByLabel('每分钟发送上限').fill('2');
    const [resp] = await Promise.all([page.waitForNavigation(), row.getByRole('button', { name: '保存限额' }).click()]);
    assert.equal(resp.status(), 422);
    const again = page.locator('tr', { hasText: u.uid });
    const daily = again.getByLabel('每日接收上限');
    assert.equal(await daily.getAttribute('aria-invalid'), 'true');
    assert.equal(await daily.inputValue(), '1000001');
    assert.equal(await again.getByLabel('每分钟发送上限').inputValue(), '2');
    assert.match(await again.locator('.con-fielderr').innerText(), /0 到 1000000/);
    assert.equal(await again.locator('details[open]').count(), 1);
    assert.equal((await srv.cli(['user', 'show', u.uid])).rateLimit, null, 'nothing stored');
    for (const lang of ['zh', 'en']) {
      if (lang === 'en') {
        await page.goto(`${srv.base}/console/admin/users?lang=en`);
        const en = page.locator('tr', { hasText: u.uid });
        await en.locator('summary', { hasText: 'default / default' }).click();
        await en.getByRole('button', { name: 'Save limits' }).waitFor();
      }
      await page.addScriptTag({ path: AXE });
      const r = await page.evaluate(() => axe.run(document, { resultTypes: ['violations'] }));
      const bad = r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
      assert.deepEqual(bad.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`), [], lang);
    }
    await page.goto(`${srv.base}/console/admin/users?lang=zh`);
    const row2 = page.locator('tr', { hasText: u.uid });
    await row2.locator('summary', { hasText: '默认' }).click();
    await row2.getByLabel('每日接收上限').fill('');
    await row2.getByLabel('每分钟发送上限').fill('2');
    await Promise.all([page.waitForURL(/done=adm\.lim\.saved/), row2.getByRole('button', { name: '保存限额' }).click()]);
    assert.match(await page.locator('[role=status]').innerText(), /已保存限额/);
    assert.match(await page.locator('tr', { hasText: u.uid }).locator('summary', { hasText: '默认' }).innerText(), /默认 \/ 2/);
  });
  const shown = await srv.cli(['user', 'show', u.uid]);
  assert.deepEqual([shown.dailyLimit, shown.rateLimit], [null, 2]);
  await minuteAhead(); // the count is per calendar minute
  expectOk(await send(srv.base, { token: u.token, content: 'one' }));
  expectOk(await send(srv.base, { token: u.token, content: 'two' }));
  assert.deepEqual((await send(srv.base, { token: u.token, content: 'three' })).json,
    { code: 999, msg: '请求过于频繁，每分钟最多2次，请稍后再试 (rate limit)', data: null });
});
