// The "update" event in real Chromium: with the inbox page open, the
// person's Bark device (a stand-in Bark server) answers the message's
// push, the stream sends `event: update`, and inbox.js writes the item's
// device line ("Bark 已送达"), then "Bark 已失效，设备已移除" on the
// next message when the Bark server no longer knows the key; the
// language switch rewrites it.
import assert from 'node:assert/strict';
import { send, request, expectOk } from '../e2e/lib/http.mjs';
import { sinkPool } from '../e2e/lib/sink.mjs';
import { pageSuite, withPageLog } from './lib/browser.mjs';

const newSink = sinkPool();
const { S, B } = pageSuite({ config: { 'channel.allow_private': 'yes' } });

S.test('inbox: a device\'s answer shows on the item, live', async (t, srv) => {
  const bark = await newSink({ body: '{"code":200,"message":"success","timestamp":1700000000}' });
  const u = await srv.addUser('browser-update');
  const r = await request(`${srv.base}/api/devices`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${u.token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ type: 'bark', server: bark.url(''), key: 'BrowserKey' }),
  });
  assert.equal(r.json.code, 200, r.text);

  const page = await B.page(t);
  await withPageLog(page, async () => {
    await page.goto(`${srv.base}/inbox?token=${u.token}`);
    const list = page.locator('#fg-list');
    await page.locator('#fg-live.on').waitFor({ state: 'visible', timeout: 10000 });

    const sc = expectOk(await send(srv.base, { token: u.token, title: 'upd-one', content: 'body' }));
    const line = list.locator(`li:has(a[href="/message/${sc}"]) .fg-li-dev`);
    await line.waitFor({ state: 'visible', timeout: 10000 });
    assert.equal(await line.innerText(), 'Bark 已送达');

    bark.script.push({ status: 400, body: '{"code":400,"message":"failed to get device token: not found"}' });
    const sc2 = expectOk(await send(srv.base, { token: u.token, title: 'upd-two', content: 'body' }));
    const line2 = list.locator(`li:has(a[href="/message/${sc2}"]) .fg-li-dev`);
    await line2.waitFor({ state: 'visible', timeout: 10000 });
    assert.equal(await line2.innerText(), 'Bark 已失效，设备已移除');
    assert.equal(await line.innerText(), 'Bark 已送达', 'the first item keeps its own');

    await page.locator('#fg-lang').click();
    await page.waitForFunction((s) => {
      const el = document.querySelector(`li a[href="/message/${s}"] .fg-li-dev`);
      return el && el.textContent === 'Bark delivered';
    }, sc, { timeout: 10000 });
  });
});
