// A person signing in on a phone in real Chromium (issue 10 §1): the
// one-time link's page (opening it signs nobody in), its button signs in
// with an HttpOnly session cookie no script can read, /me at 390 px shows
// the UID, the token masked (revealed on demand, never in a URL), the
// sessions and the sign-out buttons without sideways scrolling, and the
// inbox goes live on the session alone (no token anywhere in its URLs).
import assert from 'node:assert/strict';
import { send, expectOk } from '../e2e/lib/http.mjs';
import { pageSuite, withPageLog, shotDir, screenshot, overflow } from './lib/browser.mjs';

const { S, B } = pageSuite();

const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 };

async function sessions(page) {
  return (await page.context().cookies()).filter((c) => c.name === 'feige_session');
}

S.test('sign in by link on a phone; /me at 390 px; the inbox live on the session alone', async (t, srv) => {
  const u = await srv.addUser('phone person');
  const { url } = await srv.cli(['user', 'login-link', u.uid]);
  const link = srv.base + new URL(url).pathname;
  const page = await B.page(t, PHONE);
  const urls = [];
  page.on('request', (r) => urls.push(r.url()));
  await withPageLog(page, async () => {
    const shown = await page.goto(link);
    assert.equal(shown.status(), 200);
    assert.deepEqual(await sessions(page), [], 'opening the link signs nobody in');
    assert.match(await page.locator('body').innerText(), new RegExp(u.uid));
    const dir = await shotDir(srv);
    await screenshot(page, dir, 'login-link-phone');

    const [res] = await Promise.all([page.waitForURL(`${srv.base}/me`), page.locator('button.fg-follow').click()]);
    void res;
    const [c, ...more] = await sessions(page);
    assert.ok(c && more.length === 0, 'one session cookie');
    assert.equal(c.httpOnly, true);
    assert.equal(c.sameSite, 'Lax');
    assert.notEqual(c.value, u.token, 'the cookie is not the token');
    assert.equal(await page.evaluate(() => document.cookie.includes('feige_session')), false, 'not readable by scripts');

    // /me: UID, masked token, reveal, sessions, sign-out; fits the phone
    assert.match(await page.locator('.fg-uid').first().innerText(), new RegExp(u.uid));
    const masked = await page.locator('p.fg-uid code').innerText();
    assert.ok(!masked.includes(u.token), 'masked');
    assert.equal(await page.locator('#fg-token').isVisible(), false, 'hidden until revealed');
    await page.locator('details.fg-reveal summary').click();
    assert.equal(await page.locator('#fg-token').inputValue(), u.token);
    assert.equal(await page.getByRole('button', { name: /rotate my token/ }).count(), 1);
    assert.equal(await page.getByRole('button', { name: /sign out other sessions/ }).count(), 1);
    assert.equal(await page.locator('ul.fg-sessions > li').count(), 1);
    const o = await overflow(page);
    assert.ok(o.scrollWidth <= o.clientWidth, `/me fits 390 px: ${o.wide.join(', ')}`);
    await screenshot(page, dir, 'me-phone');

    // the inbox on the session: live without any token in a URL
    await Promise.all([page.waitForURL(`${srv.base}/inbox`), page.locator('a', { hasText: '收件箱' }).first().click()]);
    await page.locator('#fg-live.on').waitFor({ state: 'visible', timeout: 10000 });
    expectOk(await send(srv.base, { token: u.token, title: 'to my phone', content: 'hello' }));
    await page.locator('#fg-list li', { hasText: 'to my phone' }).waitFor({ state: 'visible', timeout: 10000 });
    await screenshot(page, dir, 'inbox-phone-session');
    for (const x of urls) assert.ok(!x.includes(u.token), `no URL carries the token: ${x}`);

    // add this phone: a QR code of a fresh link
    await page.goto(`${srv.base}/me/phone`);
    assert.equal(await page.locator('figure.fg-qr-login svg').count(), 1);
    const q = await overflow(page);
    assert.ok(q.scrollWidth <= q.clientWidth, `the QR page fits: ${q.wide.join(', ')}`);
  });
});
