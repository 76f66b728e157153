// The WeChat bind code on the person's page in real Chromium (issue 11
// §1): /me shows the 绑定微信 button, pressing it shows the code that
// the stand-in's qrcode/create issued (read back from the rendered
// image, under the page's CSP), and scanning it binds.
import assert from 'node:assert/strict';
import { pageSuite, withPageLog, shotDir, screenshot } from './lib/browser.mjs';
import { decodeQr, qrMatrix } from './lib/qr.mjs';
import { request } from '../e2e/lib/http.mjs';
import { startWechat, wechatConfig, pushEvent, replyText } from '../e2e/lib/wechat.mjs';

const W = await startWechat();
const { S, B } = pageSuite({ config: wechatConfig(W) });

S.test('/me: bind WeChat, the shown QR code decodes to the code WeChat issued; its scan binds', async (t, srv) => {
  const u = await srv.addUser('browser wechat');
  const page = await B.page(t, { viewport: { width: 390, height: 844 }, isMobile: true });
  await withPageLog(page, async () => {
    // signed in as a person is: a sign-in link, its button, then /me
    const { url } = await srv.cli(['user', 'login-link', u.uid]);
    await page.goto(srv.base + new URL(url).pathname);
    await Promise.all([page.waitForURL(`${srv.base}/me`), page.locator('button.fg-follow').click()]);
    const [res] = await Promise.all([page.waitForNavigation(), page.locator('button.fg-wechat-bind').click()]);
    assert.equal(res.request().method(), 'POST');
    assert.equal(res.status(), 200);
    const scene = W.scenes.at(-1);
    assert.match(scene, /^fg[0-9a-f]{32}$/);
    const src = await page.locator('#fg-wechat-qr').getAttribute('src');
    assert.ok(await page.locator('#fg-wechat-qr').evaluate((img) => img.complete && img.naturalWidth > 0), 'the image shows (CSP allows it)');
    assert.equal(decodeQr(await qrMatrix(page, src)), `http://weixin.qq.com/q/${scene}`);
    await screenshot(page, await shotDir(srv), 'wechat-bind');
  });
  const r = await pushEvent(srv.base, { from: 'oBrowser1', event: 'subscribe', key: `qrscene_${W.scenes.at(-1)}` });
  assert.match(replyText(r), /已绑定/);
  const d = await request(`${srv.base}/api/devices`, { headers: { Authorization: `Bearer ${u.token}` } });
  assert.deepEqual(d.json.data.map((x) => x.endpoint), ['oBrowser1']);
});
