// channel=webhook, the types beyond the four bots: Bark (50), Gotify (10),
// IFTTT (8), WxPusher (11), Tencent Qinglian (7) and Jijianyun (9). Each
// test points a config at a recording stand-in that answers as the service
// documents, and checks the exact request feige sends (method, path and
// query, Content-Type, body bytes) and the outcome, including a service
// error where the service has its own code. Types feige cannot deliver
// (6 WeCom application, pointed to channel=cp; unknown numbers) are refused by
// webhook/add, webhook/edit and `feige webhook add`.
import assert from 'node:assert/strict';
import { suite } from './lib/feige.mjs';
import { send, expectOk } from './lib/http.mjs';
import { sinkPool, addWebhook } from './lib/sink.mjs';
import { enableOpen, accessKey, open, ok, err } from './lib/open.mjs';

const S = suite({
  config: {
    'channel.allow_private': 'yes',
    'channel.timeout_ms': 1000,
    'queue.retry_base_ms': 300,
    'queue.retry_max': 2,
  },
});
const newSink = sinkPool();

const hook = (srv, type, url) => addWebhook(srv, 'more', type, url);

// One send through a fresh config of type at path; the request the
// stand-in saw and the message once final.
async function deliver(srv, sink, type, path, msg, status = [2]) {
  const code = await hook(srv, type, sink.url(path));
  const before = sink.requests.length;
  const sc = expectOk(await send(srv.base, { token: srv.admin.token, channel: 'webhook', webhook: code, ...msg }));
  const [req] = (await sink.waitForCount(before + 1)).slice(before);
  assert.equal(req.method, 'POST');
  assert.match(req.headers['content-type'], /^application\/json;charset=UTF-8$/);
  return { req, m: await srv.waitStatus(sc, status) };
}

const HTML = '<p>你好<b>世界</b></p><p>第二段 &amp; 更多</p>';
const HTML_TEXT = '你好世界\n第二段 & 更多';

S.test('type 50 Bark: {title, body} as text to the device URL; code 200 is success, another code final', async (t, srv) => {
  const sink = await newSink({ body: '{"code":200,"message":"success","timestamp":1700000000}' });
  let { req, m } = await deliver(srv, sink, 50, '/DEVICEKEY', { title: '告警', content: HTML, template: 'html' });
  assert.equal(req.path, '/DEVICEKEY');
  assert.equal(req.body, JSON.stringify({ title: '告警', body: HTML_TEXT }));
  assert.equal(m.deliveries[0].attempts, 1);
  ({ req } = await deliver(srv, sink, 50, '/k2', { content: '**粗**', template: 'markdown' }));
  assert.equal(req.body, JSON.stringify({ body: '**粗**' }));
  sink.setReply({ body: '{"code":400,"message":"failed to get device token: not found","timestamp":1}' });
  ({ m } = await deliver(srv, sink, 50, '/k3', { content: 'x' }, [3]));
  assert.match(m.deliveries[0].error, /\(Bark\): upstream 200, code 400: failed to get device token/);
});

S.test('type 10 Gotify: /message?token=… with title, message and the Markdown display extra; txt plain', async (t, srv) => {
  const sink = await newSink({ body: '{"id":25,"appid":5,"message":"x","title":"t","priority":2,"date":"2018-02-27T19:36:10.5045044+01:00"}' });
  const code = await hook(srv, 10, sink.url('/message?token=AbCdEf'));
  for (const [msg, want] of [
    [{ title: '标题', content: '# 大标题\n- 第一项', template: 'markdown' }, { title: '标题', message: '# 大标题\n- 第一项', extras: { 'client::display': { contentType: 'text/markdown' } } }],
    [{ content: '第一行\n<b>不转义</b>', template: 'txt' }, { message: '第一行\n<b>不转义</b>' }],
  ]) {
    const before = sink.requests.length;
    const sc = expectOk(await send(srv.base, { token: srv.admin.token, channel: 'webhook', webhook: code, ...msg }));
    const [req] = (await sink.waitForCount(before + 1)).slice(before);
    assert.equal(req.method, 'POST');
    assert.equal(req.url, '/message?token=AbCdEf');
    assert.equal(req.body, JSON.stringify(want));
    await srv.waitStatus(sc, [2]);
  }
  sink.setReply({ status: 401, body: '{"error":"Unauthorized","errorCode":401,"errorDescription":"you need to provide a valid access token or user credentials to access this api"}' });
  const { m } = await deliver(srv, sink, 10, '/message?token=bad', { content: 'x' }, [3]);
  assert.match(m.deliveries[0].error, /\(Gotify\): upstream 401, .*valid access token/);
});

S.test('type 8 IFTTT: value1 title, value2 content as text to the trigger URL; the text reply is success', async (t, srv) => {
  const sink = await newSink({ body: "Congratulations! You've fired the feige event", contentType: 'text/html; charset=utf-8' });
  const { req } = await deliver(srv, sink, 8, '/trigger/feige/with/key/KEY', { title: '告警', content: HTML, template: 'html' });
  assert.equal(req.path, '/trigger/feige/with/key/KEY');
  assert.equal(req.body, JSON.stringify({ value1: '告警', value2: HTML_TEXT }));
  const j = await deliver(srv, sink, 8, '/trigger/e/with/key/K', { content: '{"a":1}', template: 'json' });
  assert.equal(j.req.body, JSON.stringify({ value1: '', value2: '{\n  "a": 1\n}' }));
});

S.test('type 11 WxPusher: appToken, uids and topicIds from the URL into the documented send body; code 1000 is success', async (t, srv) => {
  const sink = await newSink({ body: '{"code":1000,"msg":"处理成功","data":[{"uid":"UID_a","topicId":null,"messageId":1,"messageContentId":1,"sendRecordId":1,"code":1000,"status":"创建发送任务成功"}],"success":true}' });
  const url = '/api/send/message/?appToken=AT_xyz&uid=UID_a,UID_b&topicId=123';
  let { req } = await deliver(srv, sink, 11, url, { title: '告警', content: '**CPU** 95%', template: 'markdown' });
  assert.equal(req.url, url);
  assert.equal(req.body, JSON.stringify({ appToken: 'AT_xyz', content: '**CPU** 95%', summary: '告警', contentType: 3, uids: ['UID_a', 'UID_b'], topicIds: [123] }));
  ({ req } = await deliver(srv, sink, 11, url, { content: HTML, template: 'html' }));
  assert.equal(req.body, JSON.stringify({ appToken: 'AT_xyz', content: HTML, summary: '你好世界 第二段 & 更多', contentType: 2, uids: ['UID_a', 'UID_b'], topicIds: [123] }));
  ({ req } = await deliver(srv, sink, 11, url, { title: 't', content: '<b>x</b>', template: 'txt' }));
  assert.equal(req.json.contentType, 1);
  assert.equal(req.json.content, '<b>x</b>');
  sink.setReply({ body: '{"code":1001,"msg":"appToken不正确","data":null,"success":false}' });
  const { m } = await deliver(srv, sink, 11, '/api/send/message/?appToken=AT_bad&uid=UID_a', { content: 'x' }, [3]);
  assert.match(m.deliveries[0].error, /\(WxPusher\): upstream 200, code 1001: appToken不正确/);
});

S.test('types 7 Qinglian and 9 Jijianyun: the generic JSON body, content as sent; any 2xx is success', async (t, srv) => {
  const sink = await newSink({ body: '{"status":"success"}' });
  for (const [type, path] of [[7, '/hiflow/hook'], [9, '/v1/accept/data/webhook_accept_first?apikey=K']]) {
    const code = await hook(srv, type, sink.url(path));
    const before = sink.requests.length;
    const sc = expectOk(await send(srv.base, { token: srv.admin.token, title: 't', content: HTML, template: 'html', channel: 'webhook', webhook: code }));
    const [req] = (await sink.waitForCount(before + 1)).slice(before);
    assert.equal(req.url, path);
    assert.equal(req.body, JSON.stringify({ title: 't', content: HTML, template: 'html', shortCode: sc }));
    await srv.waitStatus(sc, [2]);
  }
});

S.test('types feige cannot deliver are refused: webhook/add and webhook/edit (999) and the CLI', async (t, srv) => {
  const u = await srv.addUser('morehooks');
  await enableOpen(srv, u.uid);
  const key = await accessKey(srv, u.token);
  const HOOK = { webhookCode: 'c', webhookName: 'n', webhookUrl: 'https://hook.example/x' };
  for (const type of [6, 13, 5000]) {
    const msg = err(await open(srv, key, 'POST', 'webhook/add', { body: { ...HOOK, webhookType: type } }), 999);
    assert.match(msg, /暂不支持该webhookType/);
    // 6, the WeCom application, points to the channel that serves it
    assert.match(msg, type === 6 ? /企业微信应用请使用channel=cp/ : new RegExp(`webhookType ${type} is not supported`));
    const r = await srv.cli(['webhook', 'add', u.uid, `c${type}`, 'n', String(type), 'https://hook.example/x'], { raw: true });
    assert.notEqual(r.code, 0);
    assert.match(r.stderr, new RegExp(`TYPE ${type} is not supported`));
  }
  const id = ok(await open(srv, key, 'POST', 'webhook/add', { body: { ...HOOK, webhookType: 50 } }));
  assert.match(err(await open(srv, key, 'POST', 'webhook/edit', { body: { ...HOOK, id, webhookType: 6 } }), 999), /暂不支持/);
  const d = ok(await open(srv, key, 'GET', 'webhook/detail', { query: { webhookId: id } }));
  assert.equal(d.webhookType, 50);
  const list = await srv.cli(['webhook', 'list', u.uid]);
  assert.deepEqual(list.map((w) => [w.code, w.type]), [['c', 50]]);
});
