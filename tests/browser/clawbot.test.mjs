// The person's WeChat ClawBot page (/me/clawbot) in real Chromium: the
// bind button asks iLink (the stand-in, tests/e2e/lib/ilink.mjs) for a
// code, the page shows it as an image that decodes to exactly what the
// stand-in issued, reloads itself (Refresh) while the code is out, and
// says "bound" once the person confirms in WeChat; a message from the
// person makes it say "receiving"; unbind brings the bind button back.
import assert from 'node:assert/strict';
import { pageSuite, withPageLog } from './lib/browser.mjs';
import { decodeQr, qrMatrix } from './lib/qr.mjs';
import { startIlink } from '../e2e/lib/ilink.mjs';

const il = await startIlink();
const { S, B } = pageSuite({ config: { 'clawbot.enable': 'yes', 'clawbot.api_base': il.base } });

S.test('bind from /me/clawbot: the QR decodes to the code iLink issued; the page follows the bind by itself', async (t, srv) => {
  const u = await srv.addUser('claw browser');
  const page = await B.page(t, { viewport: { width: 390, height: 844 }, isMobile: true });
  const { url } = await srv.cli(['user', 'login-link', u.uid]);
  await withPageLog(page, async () => {
    // signed in by a sign-in link, as a person is: the session and its CSRF
    await page.goto(srv.base + new URL(url).pathname);
    await Promise.all([page.waitForURL(`${srv.base}/me`), page.locator('button.fg-follow').click()]);
    await Promise.all([page.waitForNavigation(), page.locator('a[href="/me/clawbot"]').click()]);
    const [res] = await Promise.all([page.waitForNavigation(), page.locator('form[action="/me/clawbot/bind"] button').click()]);
    assert.equal(res.url(), srv.base + '/me/clawbot');
    const qrcode = [...il.qrs.keys()].pop();
    const issued = `https://liteapp.weixin.qq.com/q/7GiQu1?qrcode=${qrcode}&bot_type=3`;
    const src = await page.locator('img.fg-qr').getAttribute('src');
    assert.equal(decodeQr(await qrMatrix(page, src)), issued, 'the image is the code iLink issued');
    assert.equal(await page.locator('a.fg-clawbot-link').getAttribute('href'), issued);
    assert.match(await page.locator('.fg-clawbot-status').innerText(), /等待扫码/);
    const bot = il.confirm(qrcode, { userId: 'browser@im.wechat' });
    // no click: the page reloads itself until the bind is done
    await page.waitForFunction(() => /已绑定/.test(document.body.innerText), null, { timeout: 15000 });
    assert.match(await page.locator('.fg-clawbot-status').innerText(), /请回复机器人以继续接收/);
    il.say(bot, '你好');
    await il.waitFor(async () => {
      await page.reload();
      return /正在接收：本轮还可推送10条/.test(await page.locator('.fg-clawbot-status').innerText());
    }, 10000, 'receiving');
    await Promise.all([page.waitForNavigation(), page.locator('form[action="/me/clawbot/unbind"] button').click()]);
    assert.equal(await page.locator('form[action="/me/clawbot/bind"] button').count(), 1);
  });
});
