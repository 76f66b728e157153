// WxPusher edge cases (issue 9): the v2 `type` other than 0/1, huge page
// and pageSize (no overflow), v1 pageSize clamped to 100, an upper-case
// url scheme, simple-push's contentType, a non-string uid failing only
// its own record; unknown /api/product paths and the pay end-time query;
// error `msg`s in Chinese only, with the English detail in the log.
import assert from 'node:assert/strict';
import { suite } from './lib/feige.mjs';
import { request } from './lib/http.mjs';
import { wxEnvelope, wxGet, wxPost, newApp, followers, sendWx } from './lib/wx.mjs';

const S = suite();

/** No English detail in a msg: WxPusher writes its errors in Chinese. */
function chineseOnly(msg) {
  assert.doesNotMatch(msg, /\([A-Za-z ]+|[A-Za-z]{4,} [a-z]{2,}/, msg);
}

S.test('v2 type other than 0/1 → 1001 with a Chinese msg; 0, 1 and empty still filter', async (t, srv) => {
  const app = await newApp(srv, 'type');
  const topic = await srv.cli(['topic', 'add', String(app.appId), 'tt']);
  const [a] = await followers(srv, 1, { app: app.appId, prefix: 'ty' });
  await srv.cli(['follow', a.uid, '--topic', String(topic.topicId)]);
  for (const type of ['2', '-1', 'app', '1x', '99999999999999999999']) {
    const r = await wxGet(srv.base, '/api/fun/wxuser/v2', { appToken: app.appToken, type });
    assert.equal(r.code, 1001, type);
    assert.equal(r.msg, 'type须为0（应用）或1（主题）');
    assert.equal(r.data, null);
  }
  const apps = await wxGet(srv.base, '/api/fun/wxuser/v2', { appToken: app.appToken, type: 0 });
  assert.deepEqual(apps.data.records.map((x) => x.type), [0]);
  const topics = await wxGet(srv.base, '/api/fun/wxuser/v2', { appToken: app.appToken, type: 1 });
  assert.deepEqual(topics.data.records.map((x) => x.type), [1]);
  assert.equal((await wxGet(srv.base, '/api/fun/wxuser/v2', { appToken: app.appToken, type: '' })).data.total, 2);
  // v1 lists app follows only and ignores type, as before
  assert.equal((await wxGet(srv.base, '/api/fun/wxuser', { appToken: app.appToken, type: '7' })).code, 1000);
});

S.test('huge page and pageSize do not overflow; v1 pageSize above 100 clamps to 100', async (t, srv) => {
  const app = await newApp(srv, 'pages');
  await followers(srv, 2, { app: app.appId, prefix: 'pg' });
  const huge = ['9223372036854775807', '9223372036854775808', '99999999999999999999999', '1000000001'];
  for (const path of ['/api/fun/wxuser', '/api/fun/wxuser/v2']) {
    for (const page of huge) {
      const r = await wxGet(srv.base, path, { appToken: app.appToken, page, pageSize: 100 });
      assert.equal(r.code, 1001, `${path} page=${page}`);
      assert.equal(r.msg, 'page超出范围');
    }
    const last = await wxGet(srv.base, path, { appToken: app.appToken, page: 1000000000, pageSize: 100 });
    assert.equal(last.code, 1000);
    assert.equal(last.data.page, 1000000000);
    assert.deepEqual(last.data.records, []);
    assert.equal(last.data.total, 2);
    for (const page of ['0', '-9223372036854775808', 'x']) {
      const r = await wxGet(srv.base, path, { appToken: app.appToken, page });
      assert.equal(r.data.page, 1, `${path} page=${page} reads page 1`);
    }
  }
  for (const pageSize of ['9223372036854775807', '99999999999999999999999', '101']) {
    const v2 = await wxGet(srv.base, '/api/fun/wxuser/v2', { appToken: app.appToken, pageSize });
    assert.equal(v2.code, 1001, pageSize);
    assert.equal(v2.msg, 'pageSize不能超过100');
    const v1 = await wxGet(srv.base, '/api/fun/wxuser', { appToken: app.appToken, pageSize });
    assert.equal(v1.code, 1000, pageSize);
    assert.equal(v1.data.pageSize, 100);
    assert.equal(v1.data.records.length, 2);
  }
  const def = await wxGet(srv.base, '/api/fun/wxuser', { appToken: app.appToken, pageSize: '-9223372036854775808' });
  assert.equal(def.data.pageSize, 50);
  // other numeric parameters: ids and validTime far out of range
  for (const [path, q] of [
    ['/api/send/query/status', { sendRecordId: '99999999999999999999999' }],
    ['/api/send/query/9223372036854775808', {}],
    ['/api/fun/remove', { appToken: app.appToken, id: '-9223372036854775809' }],
    ['/api/fun/reject', { appToken: app.appToken, id: '9223372036854775807', reject: 'true' }],
  ]) {
    const r = await wxGet(srv.base, path, q);
    assert.equal(r.code, 1001, path);
  }
  for (const validTime of ['9223372036854775807', '99999999999999999999', '-1', '2592001']) {
    const r = await wxPost(srv.base, '/api/fun/create/qrcode', { appToken: app.appToken, extra: 'x', validTime });
    assert.equal(r.code, 1001, validTime);
    assert.equal(r.msg, 'validTime须在1到2592000秒之间');
  }
  const del = await wxGet(srv.base, '/api/send/message', { appToken: app.appToken, messageContentId: '99999999999999999999' }, { method: 'DELETE' });
  assert.equal(del.code, 1001);
});

S.test('an upper- or mixed-case http(s) scheme gets the 查看原文 link', async (t, srv) => {
  const app = await newApp(srv, 'scheme');
  const [a] = await followers(srv, 1, { app: app.appId, prefix: 'sc' });
  const cases = [
    ['HTTPS://example.com/Path?Q=1', 'https://example.com/Path?Q=1'],
    ['HtTp://example.com/x', 'http://example.com/x'],
    ['https://example.com/lower', 'https://example.com/lower'],
  ];
  for (const [url, href] of cases) {
    const content = 'scheme ' + url;
    const r = await sendWx(srv.base, { appToken: app.appToken, content, uids: [a.uid], url });
    assert.equal(r.code, 1000);
    const m = (await srv.inbox(a.token)).find((x) => x.content === content);
    assert.ok(m, content);
    const page = await request(`${srv.base}/message/${m.shortCode}`);
    assert.equal(page.status, 200);
    assert.ok(page.text.includes(`<a href="${href.replace('&', '&amp;')}"`), `${url}: ${page.text.slice(0, 600)}`);
    assert.match(page.text, /查看原文/);
  }
  // other schemes still get no link
  const r = await sendWx(srv.base, { appToken: app.appToken, content: 'js scheme', uids: [a.uid], url: 'JAVASCRIPT:alert(1)' });
  assert.equal(r.code, 1000);
  const m = (await srv.inbox(a.token)).find((x) => x.content === 'js scheme');
  const page = await request(`${srv.base}/message/${m.shortCode}`);
  assert.doesNotMatch(page.text, /查看原文/);
});

S.test('simple-push: a bad contentType is 1001 like the app send; 1, 2, 3 work', async (t, srv) => {
  const u = await srv.addUser('ctp');
  const spt = (await srv.cli(['user', 'spt', u.uid])).spt;
  for (const contentType of [9, 0, '2x', 'html', -1]) {
    const r = await wxPost(srv.base, '/api/send/message/simple-push', { content: 'bad ct', contentType, spt });
    assert.deepEqual(r, { code: 1001, msg: 'contentType须为1、2或3', data: null, success: false }, String(contentType));
  }
  assert.ok(!(await srv.inbox(u.token)).some((m) => m.content === 'bad ct'));
  for (const [contentType, template] of [[1, 'txt'], ['2', 'html'], [3, 'markdown']]) {
    const content = 'ct ' + contentType;
    const r = await wxPost(srv.base, '/api/send/message/simple-push', { content, contentType, spt });
    assert.equal(r.code, 1000);
    const m = (await srv.inbox(u.token)).find((x) => x.content === content);
    assert.equal(m.template, template);
  }
  const app = await newApp(srv, 'ct-app');
  const [a] = await followers(srv, 1, { app: app.appId, prefix: 'cta' });
  const std = await sendWx(srv.base, { appToken: app.appToken, content: 'x', uids: [a.uid], contentType: '2x' });
  assert.equal(std.msg, 'contentType须为1、2或3');
});

S.test('a non-string uid fails its own record, the others go out', async (t, srv) => {
  const app = await newApp(srv, 'baduid');
  const [a, b] = await followers(srv, 2, { app: app.appId, prefix: 'bu' });
  const long = 'UID_' + 'x'.repeat(60);
  const r = await sendWx(srv.base, { appToken: app.appToken, content: 'mixed uids', uids: [a.uid, 123, { x: 1 }, long, true, b.uid] });
  assert.equal(r.code, 1000, r.msg);
  assert.deepEqual(r.data.map((x) => [x.uid, x.code, x.status]), [
    [a.uid, 1000, '创建发送任务成功'],
    ['123', 1001, 'uid格式不正确'],
    ['{"x":1}', 1001, 'uid格式不正确'],
    ['', 1001, 'uid格式不正确'],
    ['true', 1001, 'uid格式不正确'],
    [b.uid, 1000, '创建发送任务成功'],
  ]);
  for (const rec of r.data) assert.equal(rec.topicId, null);
  for (const u of [a, b]) assert.ok((await srv.inbox(u.token)).some((m) => m.content === 'mixed uids'));
  const st = await wxGet(srv.base, '/api/send/query/status', { sendRecordId: r.data[1].sendRecordId });
  assert.equal(st.msg, 'uid格式不正确');
  // only bad uids: still one record each, nothing delivered
  const only = await sendWx(srv.base, { appToken: app.appToken, content: 'only bad', uids: [7] });
  assert.equal(only.code, 1000);
  assert.deepEqual(only.data.map((x) => x.code), [1001]);
  // a uids value that is not even JSON is still a request error
  const bad = await sendWx(srv.base, { appToken: app.appToken, content: 'x', uids: '[1,' });
  assert.equal(bad.code, 1001);
  assert.equal(bad.msg, 'uids格式不正确，须为字符串数组');
});

S.test('unknown /api/product paths → WxPusher 1004 envelope, Chinese msg', async (t, srv) => {
  for (const p of ['/api/product', '/api/product/nothing', '/api/product/query-pay-end-time/x', '/api/send/nothing', '/api/fun/nothing']) {
    const r = wxEnvelope(await request(srv.base + p));
    assert.deepEqual(r, { code: 1004, msg: '接口不存在', data: null, success: false }, p);
  }
});

S.test('GET /api/product/query-pay-end-time: the person\'s paid-until time on the product\'s app or topic', async (t, srv) => {
  const app = await newApp(srv, 'prod');
  const topic = await srv.cli(['topic', 'add', String(app.appId), 'pt']);
  const [paid, free] = await followers(srv, 2, { app: app.appId, prefix: 'pe' });
  await srv.cli(['follow', paid.uid, '--topic', String(topic.topicId)]);
  const prodApp = await srv.cli(['product', 'add', String(app.appId), 'vip', '--price', '300']);
  const prodTopic = await srv.cli(['product', 'add', String(app.appId), 'tv', '--topic', String(topic.topicId)]);
  const g = await srv.cli(['pay', 'grant', paid.uid, String(prodApp.prodId), '30']);
  const gt = await srv.cli(['pay', 'grant', paid.uid, String(prodTopic.prodId), '5']);
  const q = (uid, prodId) => wxGet(srv.base, '/api/product/query-pay-end-time', { uid, prodId: String(prodId) });

  assert.deepEqual(await q(paid.uid, prodApp.prodId), {
    code: 1000, msg: '处理成功', data: [{ resourceType: 1, resourceID: app.appId, payEndTime: g.payEndTime }], success: true,
  });
  assert.deepEqual((await q(paid.uid, prodTopic.prodId)).data,
    [{ resourceType: 2, resourceID: topic.topicId, payEndTime: gt.payEndTime }]);
  // a follower who never paid, and a person who does not follow the topic: 0
  assert.deepEqual((await q(free.uid, prodApp.prodId)).data, [{ resourceType: 1, resourceID: app.appId, payEndTime: 0 }]);
  assert.deepEqual((await q(free.uid, prodTopic.prodId)).data, [{ resourceType: 2, resourceID: topic.topicId, payEndTime: 0 }]);
  // the same time as the follower list's payEndTime
  const list = await wxGet(srv.base, '/api/fun/wxuser/v2', { appToken: app.appToken, uid: paid.uid, type: 0 });
  assert.equal(list.data.records[0].payEndTime, g.payEndTime);

  for (const [uid, prodId, msg] of [
    [paid.uid, 999999, '产品不存在'],
    [paid.uid, '99999999999999999999', '产品不存在'],
    [paid.uid, 'x', '产品不存在'],
    ['UID_nobody', prodApp.prodId, '用户不存在'],
  ]) {
    assert.deepEqual(await q(uid, prodId), { code: 1001, msg, data: null, success: false }, `${uid} ${prodId}`);
  }
  assert.equal((await wxGet(srv.base, '/api/product/query-pay-end-time', { prodId: String(prodApp.prodId) })).msg, '用户不存在');
  assert.equal((await wxGet(srv.base, '/api/product/query-pay-end-time', { uid: paid.uid })).msg, '产品不存在');
});

S.test('error msgs are the Chinese text only; the English detail goes to the log', async (t, srv) => {
  const app = await newApp(srv, 'zh');
  const [a] = await followers(srv, 1, { app: app.appId, prefix: 'zh' });
  const tok = app.appToken;
  const mark = srv.allStderr.length;
  const cases = [
    [await wxPost(srv.base, '/api/send/message', '{"appToken":'), 1005, '请求数据格式错误'],
    [await sendWx(srv.base, { appToken: tok, uids: [a.uid] }), 1001, '内容不能为空'],
    [await sendWx(srv.base, { appToken: tok, content: 'x' }), 1001, 'uids和topicIds不能同时为空'],
    [await sendWx(srv.base, { appToken: tok, content: 'x'.repeat(40000), uids: [a.uid] }), 1001, 'content长度须少于40000个字符'],
    [await sendWx(srv.base, { appToken: tok, content: 'x', summary: 's'.repeat(100), uids: [a.uid] }), 1001, 'summary长度须少于100个字符'],
    [await sendWx(srv.base, { appToken: tok, content: 'x', url: 'https://e.com/' + 'u'.repeat(1000), uids: [a.uid] }), 1001, 'url长度不能超过1000个字符'],
    [await sendWx(srv.base, { appToken: tok, content: 'x', topicIds: ['abc'] }), 1001, 'topicIds格式不正确，须为整数数组'],
    [await sendWx(srv.base, { appToken: tok, content: 'x', topicIds: [1, 2, 3, 4, 5] }), 1001, 'topicIds数量须少于5'],
    [await wxGet(srv.base, '/api/send/query/status', { sendRecordId: '424242' }), 1001, '消息不存在或已过期'],
    [await wxGet(srv.base, '/api/send/message', { appToken: tok, messageContentId: '424242' }, { method: 'DELETE' }), 1001, '消息不存在或不属于该应用'],
    [await wxGet(srv.base, '/api/fun/remove', { appToken: tok, id: '424242' }, { method: 'DELETE' }), 1001, '用户不存在'],
    [await wxGet(srv.base, '/api/fun/reject', { appToken: tok, id: String(a.followId), reject: 'maybe' }, { method: 'PUT' }), 1001, 'reject须为true或false'],
    [await wxPost(srv.base, '/api/fun/create/qrcode', { appToken: tok }), 1001, 'extra不能为空且最长64个字符'],
    [await wxGet(srv.base, '/api/fun/scan-qrcode-uid', { code: 'nope' }), 1001, '二维码不存在'],
    [await wxPost(srv.base, '/api/send/message/simple-push', { content: 'x', spt: 'x'.repeat(50) }), 1001, 'spt格式不正确'],
    [await wxPost(srv.base, '/api/send/message/simple-push', { content: 'x' }), 1001, 'spt不能为空'],
    [await wxPost(srv.base, '/api/send/message/simple-push', { content: 'x', sptList: 'nope' }), 1001, 'sptList须为字符串数组'],
    [await wxPost(srv.base, '/api/uplink', { content: '#1 x' }), 1002, '未认证'],
    [await wxPost(srv.base, '/api/uplink', { content: 'no hash', token: a.token }), 1001, '指令格式：#{appId} 内容'],
    [wxEnvelope(await request(srv.base + '/api/send/message/a/b')), 1004, '接口不存在'],
  ];
  for (const [r, code, msg] of cases) {
    assert.deepEqual([r.code, r.msg, r.data], [code, msg, null], JSON.stringify(r).slice(0, 200));
    chineseOnly(r.msg);
  }
  // the polling limit's msg keeps its number, not the English
  const qr = await wxPost(srv.base, '/api/fun/create/qrcode', { appToken: tok, extra: 'poll' });
  await wxGet(srv.base, '/api/fun/scan-qrcode-uid', { code: qr.data.code });
  const fast = await wxGet(srv.base, '/api/fun/scan-qrcode-uid', { code: qr.data.code });
  assert.equal(fast.msg, '轮询间隔不能小于10秒');
  // per-target reasons too
  const rec = await sendWx(srv.base, { appToken: tok, content: 'x', uids: ['UID_stranger'], topicIds: [987654] });
  assert.deepEqual(rec.data.map((x) => x.status), ['用户未关注该应用', '主题不存在或不属于该应用']);
  // the detail is in the log
  await new Promise((res) => setTimeout(res, 100));
  const log = srv.allStderr.slice(mark);
  for (const why of ['content is empty', 'malformed JSON body', 'send record not found', 'a valid user token is required']) {
    assert.ok(log.includes(`why="${why}"`), why);
  }
});
