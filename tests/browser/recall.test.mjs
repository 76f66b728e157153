// A recalled message in real Chromium: with the inbox page open, the
// sender's message/deleteMessage sends `event: delete` down the stream and
// inbox.js removes the item, server-rendered or added live, without a
// reload; when none is left "暂无消息" shows again.
import assert from 'node:assert/strict';
import { send, expectOk } from '../e2e/lib/http.mjs';
import { enableOpen, accessKey, open, ok } from '../e2e/lib/open.mjs';
import { pageSuite, withPageLog } from './lib/browser.mjs';

const { S, B } = pageSuite();

S.test('inbox: a recalled message disappears from the open page', async (t, srv) => {
  const u = await srv.addUser('browser-recall');
  await enableOpen(srv, u.uid);
  const key = await accessKey(srv, u.token);
  const oldSc = expectOk(await send(srv.base, { token: u.token, title: 'old-recall', content: 'old body' }));
  await srv.waitStatus(oldSc, [2]);

  const page = await B.page(t);
  await withPageLog(page, async () => {
    await page.goto(`${srv.base}/inbox?token=${u.token}`);
    const list = page.locator('#fg-list');
    const empty = page.locator('#fg-empty');
    await page.locator('#fg-live.on').waitFor({ state: 'visible', timeout: 10000 });
    await page.evaluate(() => document.documentElement.setAttribute('data-pw-mark', 'same-document'));

    const liveSc = expectOk(await send(srv.base, { token: u.token, title: 'live-recall', content: 'live body' }));
    const liveItem = list.locator(`li a[href="/message/${liveSc}"]`);
    await liveItem.waitFor({ state: 'visible', timeout: 10000 });
    assert.deepEqual(await list.locator('li .fg-li-t').allInnerTexts(), ['live-recall', 'old-recall']);

    ok(await open(srv, key, 'DELETE', 'message/deleteMessage', { query: { shortCode: oldSc } }));
    await list.locator(`li a[href="/message/${oldSc}"]`).waitFor({ state: 'detached', timeout: 10000 });
    assert.deepEqual(await list.locator('li .fg-li-t').allInnerTexts(), ['live-recall'], 'the server-rendered item is gone');
    assert.equal(await empty.isVisible(), false);

    ok(await open(srv, key, 'DELETE', 'message/deleteMessage', { query: { shortCode: liveSc } }));
    await liveItem.waitFor({ state: 'detached', timeout: 10000 });
    await empty.waitFor({ state: 'visible' });
    assert.equal(await list.locator('li').count(), 0);
    assert.equal(await page.evaluate(() => document.documentElement.getAttribute('data-pw-mark')), 'same-document', 'no reload');
  });
});
