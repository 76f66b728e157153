// Recalling a message (docs/wxpusher.md "delete", docs/openapi.md
// message/deleteMessage): after WxPusher's DELETE /api/send/message or the
// open API's message/deleteMessage the content is gone from every
// recipient's /inbox, /inbox/messages and message page, and an open
// /inbox/stream gets `event: delete` with {"shortCode"} (no id: line); a
// recalled pushplus message also leaves the sender's message/list.
import assert from 'node:assert/strict';
import { suite } from './lib/feige.mjs';
import { send, request, expectOk } from './lib/http.mjs';
import { openSSE } from './lib/sse.mjs';
import { waitFor } from './lib/wait.mjs';
import { enableOpen, accessKey, open, ok, err } from './lib/open.mjs';
import { wxGet, newApp, followers, sendWx } from './lib/wx.mjs';

const S = suite();

function deleteEvent(s, sc) {
  return waitFor(() => s.events.find((e) => e.event === 'delete' && e.json && e.json.shortCode === sc), 10000,
    { what: `delete event for ${sc}` });
}

async function gone(srv, u, sc, content) {
  const list = await srv.inbox(u.token);
  assert.ok(!list.some((x) => x.shortCode === sc || x.content === content), 'left /inbox/messages');
  const html = await request(`${srv.base}/inbox?token=${u.token}`);
  assert.equal(html.status, 200);
  assert.ok(!html.text.includes(`/message/${sc}`), 'left the /inbox page');
  const page = await request(`${srv.base}/message/${sc}`);
  assert.equal(page.status, 404);
  assert.ok(!page.text.includes(content), 'the page shows no content');
}

S.test('WxPusher delete: content leaves every inbox; streams get event: delete', async (t, srv) => {
  const app = await newApp(srv, 'recall');
  const [a, b] = await followers(srv, 2, { app: app.appId, prefix: 'rc' });
  const r = await sendWx(srv.base, { appToken: app.appToken, content: 'recall me wx', uids: [a.uid, b.uid] });
  assert.equal(r.code, 1000);
  const m = (await srv.inbox(a.token)).find((x) => x.content === 'recall me wx');
  assert.ok(m);
  const keep = await sendWx(srv.base, { appToken: app.appToken, content: 'keep me wx', uids: [a.uid] });
  assert.equal(keep.code, 1000);
  const sa = await openSSE(`${srv.base}/inbox/stream?token=${a.token}`);
  const sb = await openSSE(`${srv.base}/inbox/stream?token=${b.token}`);
  try {
    const del = await wxGet(srv.base, '/api/send/message', { messageContentId: r.data[0].messageContentId, appToken: app.appToken }, { method: 'DELETE' });
    assert.deepEqual(del, { code: 1000, msg: '处理成功', data: true, success: true });
    for (const s of [sa, sb]) {
      const ev = await deleteEvent(s, m.shortCode);
      assert.equal(ev.id, undefined, 'a delete event has no id');
      assert.equal(ev.data, JSON.stringify({ shortCode: m.shortCode }));
    }
  } finally {
    sa.close();
    sb.close();
  }
  await gone(srv, a, m.shortCode, 'recall me wx');
  await gone(srv, b, m.shortCode, 'recall me wx');
  assert.ok((await srv.inbox(a.token)).some((x) => x.content === 'keep me wx'), 'other messages stay');
  // the send record keeps its status, as WxPusher documents
  const st = await wxGet(srv.base, '/api/send/query/status', { sendRecordId: r.data[0].sendRecordId });
  assert.equal(st.code, 1000);
});

S.test('open API message/deleteMessage: sender only; gone for recipients; event: delete', async (t, srv) => {
  const u = await srv.addUser('recall-open');
  const other = await srv.addUser('recall-other');
  for (const x of [u, other]) {
    await enableOpen(srv, x.uid);
    x.key = await accessKey(srv, x.token);
  }
  const sc = expectOk(await send(srv.base, { token: u.token, title: 'recall title', content: 'recall me open' }));
  await srv.waitStatus(sc, [2]);
  const kept = expectOk(await send(srv.base, { token: u.token, title: 'kept', content: 'keep me open' }));
  await srv.waitStatus(kept, [2]);
  assert.equal((await request(`${srv.base}/message/${sc}`)).status, 200);

  err(await open(srv, u.key, 'DELETE', 'message/deleteMessage'), 999);
  err(await open(srv, u.key, 'DELETE', 'message/deleteMessage', { query: { shortCode: 'nosuchcode' } }), 999);
  err(await open(srv, other.key, 'DELETE', 'message/deleteMessage', { query: { shortCode: sc } }), 805);
  assert.equal((await request(`${srv.base}/message/${sc}`)).status, 200, 'a refused delete changes nothing');

  const s = await openSSE(`${srv.base}/inbox/stream?token=${u.token}`);
  try {
    assert.equal(ok(await open(srv, u.key, 'DELETE', 'message/deleteMessage', { query: { shortCode: sc } })), null);
    const ev = await deleteEvent(s, sc);
    assert.equal(ev.id, undefined);
    assert.equal(ev.data, `{"shortCode":"${sc}"}`);
  } finally {
    s.close();
  }
  await gone(srv, u, sc, 'recall me open');
  assert.ok((await srv.inbox(u.token)).some((x) => x.shortCode === kept), 'other messages stay');
  const mine = ok(await open(srv, u.key, 'POST', 'message/list', { body: { current: 1, pageSize: 50 } }));
  assert.deepEqual(mine.list.map((x) => x.shortCode), [kept], 'message/list drops it too');
  assert.equal(mine.total, 1);
  // gone for good: a second delete is 999, and a replay skips it
  err(await open(srv, u.key, 'DELETE', 'message/deleteMessage', { query: { shortCode: sc } }), 999);
  const r = await openSSE(`${srv.base}/inbox/stream?token=${u.token}&since=0`);
  try {
    await r.waitForEvents(1);
    await waitFor(() => r.events.some((e) => e.json && e.json.shortCode === kept), 10000, { what: 'replay' });
    assert.ok(!r.events.some((e) => e.json && e.json.shortCode === sc), 'replay skips the recalled message');
  } finally {
    r.close();
  }
});
