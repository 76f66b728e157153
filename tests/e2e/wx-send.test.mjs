// WxPusher send: per-target records for mixed uid/topic sends, refused
// targets (non-followers, blocked, foreign topics), topic fan-out into
// inboxes, the GET variant, every request-level error, status by both
// paths, and delete.
import assert from 'node:assert/strict';
import { suite } from './lib/feige.mjs';
import { request } from './lib/http.mjs';
import { wxPost, wxGet, wxEnvelope, newApp, followers, sendWx } from './lib/wx.mjs';

const S = suite();

function checkRecord(rec, { uid = null, topicId = null, code = 1000 }, contentId) {
  assert.deepEqual(Object.keys(rec), ['uid', 'topicId', 'messageId', 'messageContentId', 'sendRecordId', 'code', 'status']);
  assert.equal(rec.uid, uid);
  assert.equal(rec.topicId, topicId);
  assert.equal(rec.code, code);
  assert.ok(Number.isSafeInteger(rec.sendRecordId) && rec.sendRecordId > 0);
  assert.equal(rec.messageId, rec.sendRecordId);
  assert.equal(rec.messageContentId, contentId);
  assert.equal(typeof rec.status, 'string');
  if (code === 1000) assert.equal(rec.status, '创建发送任务成功');
}

S.test('mixed uids and topics: one record per target, in request order, shared messageContentId', async (t, srv) => {
  const app = await newApp(srv, 'mixed');
  const topic = await srv.cli(['topic', 'add', String(app.appId), 'news']);
  const other = await newApp(srv, 'other');
  const otherTopic = await srv.cli(['topic', 'add', String(other.appId), 'x']);
  const [a, b] = await followers(srv, 2, { app: app.appId, prefix: 'mx' });
  const stranger = await srv.addUser('stranger');
  const [tf] = await followers(srv, 1, { topic: topic.topicId, prefix: 'mxt' });
  const r = await sendWx(srv.base, {
    appToken: app.appToken, content: 'hello mixed', contentType: 1,
    uids: [a.uid, stranger.uid, b.uid, a.uid, 'UID_doesnotexist'],
    topicIds: [topic.topicId, String(topic.topicId), otherTopic.topicId],
  });
  assert.equal(r.code, 1000);
  assert.equal(r.msg, '处理成功');
  assert.equal(r.data.length, 6, JSON.stringify(r.data));
  const cid = r.data[0].messageContentId;
  assert.ok(Number.isSafeInteger(cid) && cid > 0);
  checkRecord(r.data[0], { uid: a.uid }, cid);
  checkRecord(r.data[1], { uid: stranger.uid, code: 1001 }, cid);
  assert.match(r.data[1].status, /未关注/);
  checkRecord(r.data[2], { uid: b.uid }, cid);
  checkRecord(r.data[3], { uid: 'UID_doesnotexist', code: 1001 }, cid);
  checkRecord(r.data[4], { topicId: topic.topicId }, cid);
  checkRecord(r.data[5], { topicId: otherTopic.topicId, code: 1001 }, cid);
  assert.equal(new Set(r.data.map((x) => x.sendRecordId)).size, 6);
  // delivered: a, b and the topic follower; not the stranger
  for (const u of [a, b, tf]) {
    const items = await srv.inbox(u.token);
    assert.ok(items.some((m) => m.content === 'hello mixed'), `${u.uid} got it`);
  }
  assert.ok(!(await srv.inbox(stranger.token)).some((m) => m.content === 'hello mixed'));
});

S.test('topic fan-out: every follower gets it in their inbox, one record for the topic', async (t, srv) => {
  const app = await newApp(srv, 'fan');
  const topic = await srv.cli(['topic', 'add', String(app.appId), 'fan']);
  const fs = await followers(srv, 3, { topic: topic.topicId, prefix: 'fan' });
  const appOnly = (await followers(srv, 1, { app: app.appId, prefix: 'fanapp' }))[0];
  const r = await sendWx(srv.base, { appToken: app.appToken, content: '# fan out', contentType: 3, topicIds: [topic.topicId] });
  assert.equal(r.data.length, 1);
  checkRecord(r.data[0], { topicId: topic.topicId }, r.data[0].messageContentId);
  for (const u of fs) {
    const items = await srv.inbox(u.token);
    const m = items.find((x) => x.content === '# fan out');
    assert.ok(m, `${u.uid} got the topic message`);
    assert.equal(m.template, 'markdown');
    const page = await request(`${srv.base}/message/${m.shortCode}`);
    assert.equal(page.status, 200);
    assert.match(page.text, /<h1[^>]*>fan out<\/h1>/);
  }
  assert.ok(!(await srv.inbox(appOnly.token)).some((x) => x.content === '# fan out'), 'app follower is not a topic follower');
  const st = await wxGet(srv.base, '/api/send/query/status', { sendRecordId: r.data[0].sendRecordId });
  assert.deepEqual(st, { code: 1000, msg: '发送成功', data: 2, success: true });
});

S.test('a topic with no followers is sent to nobody, record still ok', async (t, srv) => {
  const app = await newApp(srv, 'empty');
  const topic = await srv.cli(['topic', 'add', String(app.appId), 'empty']);
  const r = await sendWx(srv.base, { appToken: app.appToken, content: 'nobody', topicIds: [topic.topicId] });
  checkRecord(r.data[0], { topicId: topic.topicId }, r.data[0].messageContentId);
});

S.test('blocked follower: own record code, nothing delivered; unblocked gets it again', async (t, srv) => {
  const app = await newApp(srv, 'block');
  const [a, b] = await followers(srv, 2, { app: app.appId, prefix: 'blk' });
  const rj = await wxGet(srv.base, '/api/fun/reject', { appToken: app.appToken, id: a.followId, reject: 'true' }, { method: 'PUT' });
  assert.deepEqual(rj, { code: 1000, msg: '处理成功', data: '删除成功', success: true });
  const r = await sendWx(srv.base, { appToken: app.appToken, content: 'blocked?', uids: [a.uid, b.uid] });
  assert.equal(r.data[0].code, 1001);
  assert.match(r.data[0].status, /拉黑/);
  assert.equal(r.data[1].code, 1000);
  assert.ok(!(await srv.inbox(a.token)).some((m) => m.content === 'blocked?'));
  assert.ok((await srv.inbox(b.token)).some((m) => m.content === 'blocked?'));
  const st = await wxGet(srv.base, '/api/send/query/status', { sendRecordId: r.data[0].sendRecordId });
  assert.equal(st.code, 1000);
  assert.equal(st.data, 3);
  assert.match(st.msg, /拉黑/);
  await wxGet(srv.base, '/api/fun/reject', { appToken: app.appToken, id: a.followId, reject: 'false' }, { method: 'PUT' });
  const r2 = await sendWx(srv.base, { appToken: app.appToken, content: 'unblocked', uids: [a.uid] });
  assert.equal(r2.data[0].code, 1000);
  assert.ok((await srv.inbox(a.token)).some((m) => m.content === 'unblocked'));
});

S.test('GET send: with and without the slash, text only, uid or topicId', async (t, srv) => {
  const app = await newApp(srv, 'get');
  const topic = await srv.cli(['topic', 'add', String(app.appId), 'g']);
  const [a] = await followers(srv, 1, { app: app.appId, prefix: 'get' });
  const [tf] = await followers(srv, 1, { topic: topic.topicId, prefix: 'gett' });
  for (const path of ['/api/send/message/', '/api/send/message']) {
    const r = await wxGet(srv.base, path, { appToken: app.appToken, content: `<b>get ${path}</b>`, uid: a.uid, url: 'https://example.com/a?b=1' });
    assert.equal(r.code, 1000);
    assert.equal(r.data.length, 1);
    checkRecord(r.data[0], { uid: a.uid }, r.data[0].messageContentId);
    const m = (await srv.inbox(a.token)).find((x) => x.content === `<b>get ${path}</b>`);
    assert.equal(m.template, 'txt', 'GET is text only');
    const page = await request(`${srv.base}/message/${m.shortCode}`);
    assert.match(page.text, /&lt;b&gt;get/);
    assert.match(page.text, /href="https:\/\/example\.com\/a\?b=1"/);
  }
  const r = await wxGet(srv.base, '/api/send/message/', { appToken: app.appToken, content: 'to topic', topicId: String(topic.topicId) });
  checkRecord(r.data[0], { topicId: topic.topicId }, r.data[0].messageContentId);
  assert.ok((await srv.inbox(tf.token)).some((x) => x.content === 'to topic'));
});

S.test('wrong or missing appToken: error envelope, never an empty body', async (t, srv) => {
  const bad = { code: 1001, msg: 'appToken不正确', data: null, success: false };
  assert.deepEqual(await sendWx(srv.base, { appToken: 'AT_nope', content: 'x', uids: ['UID_x'] }), bad);
  assert.deepEqual(await sendWx(srv.base, { content: 'x', uids: ['UID_x'] }), bad);
  assert.deepEqual(await wxGet(srv.base, '/api/send/message/', { appToken: 'AT_nope', content: 'x', uid: 'UID_x' }), bad);
  const raw = await request(srv.base + '/api/send/message', { method: 'POST', body: '', headers: { 'Content-Type': 'application/json' } });
  assert.ok(raw.text.length > 0);
  assert.deepEqual(wxEnvelope(raw), bad);
  assert.deepEqual(await wxGet(srv.base, '/api/fun/wxuser/v2', { appToken: 'x' }), bad);
  assert.deepEqual(await wxGet(srv.base, '/api/fun/remove', { appToken: 'x', id: 1 }, { method: 'DELETE' }), bad);
  assert.deepEqual(await wxGet(srv.base, '/api/send/message', { appToken: 'x', messageContentId: 1 }, { method: 'DELETE' }), bad);
});

S.test('request errors: malformed JSON 1005, no content, no target, limits, contentType', async (t, srv) => {
  const app = await newApp(srv, 'err');
  const [a] = await followers(srv, 1, { app: app.appId, prefix: 'err' });
  const tok = app.appToken;
  const m = await wxPost(srv.base, '/api/send/message', '{"appToken":');
  assert.equal(m.code, 1005);
  assert.equal(m.data, null);
  const cases = [
    [{ appToken: tok, uids: [a.uid] }, /内容不能为空/],
    [{ appToken: tok, content: '', uids: [a.uid] }, /内容不能为空/],
    [{ appToken: tok, content: 'x' }, /不能同时为空/],
    [{ appToken: tok, content: 'x', uids: [], topicIds: null }, /不能同时为空/],
    [{ appToken: tok, content: 'x'.repeat(40000), uids: [a.uid] }, /content/],
    [{ appToken: tok, content: 'x', summary: 's'.repeat(100), uids: [a.uid] }, /summary/],
    [{ appToken: tok, content: 'x', url: 'https://e.com/' + 'u'.repeat(1000), uids: [a.uid] }, /url/],
    [{ appToken: tok, content: 'x', uids: Array.from({ length: 2000 }, (_, i) => 'UID_' + i) }, /uids/],
    [{ appToken: tok, content: 'x', topicIds: [1, 2, 3, 4, 5] }, /topicIds/],
    [{ appToken: tok, content: 'x', topicIds: ['abc'] }, /topicIds/],
    [{ appToken: tok, content: 'x', uids: 'UID_x', contentType: 9 }, /contentType/],
  ];
  for (const [body, re] of cases) {
    const r = await sendWx(srv.base, body);
    assert.equal(r.code, 1001, JSON.stringify(body).slice(0, 100) + ' -> ' + JSON.stringify(r));
    assert.match(r.msg, re);
    assert.equal(r.data, null);
  }
  // at the limits: accepted
  const ok = await sendWx(srv.base, {
    appToken: tok, content: '字'.repeat(39999), summary: 's'.repeat(99), url: 'https://e.com/' + 'u'.repeat(986),
    uids: [a.uid, ...Array.from({ length: 1998 }, (_, i) => 'UID_n' + i)], topicIds: [1, 2, 3, 4], contentType: '2',
  });
  assert.equal(ok.code, 1000, ok.msg);
  assert.equal(ok.data.length, 1999 + 4);
  assert.equal(ok.data[0].code, 1000);
});

S.test('summary defaults to the start of the content; html is shown on the page', async (t, srv) => {
  const app = await newApp(srv, 'sum');
  const [a] = await followers(srv, 1, { app: app.appId, prefix: 'sum' });
  const r = await sendWx(srv.base, { appToken: app.appToken, content: '<p>hello <b>html</b></p>', contentType: 2, uids: [a.uid] });
  assert.equal(r.code, 1000);
  const m = (await srv.inbox(a.token)).find((x) => x.content === '<p>hello <b>html</b></p>');
  assert.equal(m.template, 'html');
  const page = await request(`${srv.base}/message/${m.shortCode}`);
  assert.match(page.text, /<b>html<\/b>/);
  assert.match(page.headers['content-security-policy'], /sandbox/);
});

S.test('status: both query paths, legacy with an empty ?, unknown id', async (t, srv) => {
  const app = await newApp(srv, 'status');
  const [a] = await followers(srv, 1, { app: app.appId, prefix: 'st' });
  const r = await sendWx(srv.base, { appToken: app.appToken, content: 'status', uids: [a.uid] });
  const id = r.data[0].sendRecordId;
  const want = { code: 1000, msg: '发送成功', data: 2, success: true };
  assert.deepEqual(await wxGet(srv.base, '/api/send/query/status', { sendRecordId: id }), want);
  assert.deepEqual(wxEnvelope(await request(`${srv.base}/api/send/query/${r.data[0].messageId}`)), want);
  assert.deepEqual(wxEnvelope(await request(`${srv.base}/api/send/query/${id}?`)), want);
  for (const path of ['/api/send/query/status?sendRecordId=99999999', '/api/send/query/99999999', '/api/send/query/abc', '/api/send/query/status']) {
    const nf = wxEnvelope(await request(srv.base + path));
    assert.equal(nf.code, 1001, path);
    assert.equal(nf.data, null);
  }
});

S.test('delete: the page is gone for everyone; another app is refused', async (t, srv) => {
  const app = await newApp(srv, 'del');
  const other = await newApp(srv, 'del2');
  const [a, b] = await followers(srv, 2, { app: app.appId, prefix: 'del' });
  const r = await sendWx(srv.base, { appToken: app.appToken, content: 'delete me', uids: [a.uid, b.uid] });
  const cid = r.data[0].messageContentId;
  const m = (await srv.inbox(a.token)).find((x) => x.content === 'delete me');
  assert.equal((await request(`${srv.base}/message/${m.shortCode}`)).status, 200);
  const refused = await wxGet(srv.base, '/api/send/message', { messageContentId: cid, appToken: other.appToken }, { method: 'DELETE' });
  assert.equal(refused.code, 1001);
  assert.equal((await request(`${srv.base}/message/${m.shortCode}`)).status, 200);
  const del = await wxGet(srv.base, '/api/send/message', { messageContentId: cid, appToken: app.appToken }, { method: 'DELETE' });
  assert.deepEqual(del, { code: 1000, msg: '处理成功', data: true, success: true });
  const page = await request(`${srv.base}/message/${m.shortCode}`);
  assert.equal(page.status, 404);
  assert.match(page.text, /删除/);
  const again = await wxGet(srv.base, '/api/send/message', { messageContentId: cid, appToken: app.appToken }, { method: 'DELETE' });
  assert.equal(again.code, 1001);
  // the status stays queryable
  const st = await wxGet(srv.base, '/api/send/query/status', { sendRecordId: r.data[0].sendRecordId });
  assert.equal(st.code, 1000);
});

S.test('reset-token: the old appToken stops working at once', async (t, srv) => {
  const app = await newApp(srv, 'reset');
  const [a] = await followers(srv, 1, { app: app.appId, prefix: 'rs' });
  const nt = await srv.cli(['app', 'reset-token', String(app.appId)]);
  assert.notEqual(nt.appToken, app.appToken);
  assert.equal((await sendWx(srv.base, { appToken: app.appToken, content: 'x', uids: [a.uid] })).code, 1001);
  assert.equal((await sendWx(srv.base, { appToken: nt.appToken, content: 'x', uids: [a.uid] })).code, 1000);
});

S.test('unknown WxPusher paths: 1004 envelope', async (t, srv) => {
  for (const p of ['/api/send/nothing', '/api/fun/nothing', '/api/send/message/a/b']) {
    const r = wxEnvelope(await request(srv.base + p));
    assert.equal(r.code, 1004, p);
  }
});
