// channel=webhook, type 12 (custom, pushplus extend/diy.md): the config's
// httpMethod, headers and body through webhook/add, edit and detail, and
// the exact request a recording stand-in receives: a JSON body with the
// placeholders JSON-escaped, a form body percent-encoded, a text body as
// it is, a GET with the placeholders percent-encoded in the URL, headers
// given as a JSON object or as lines; bad methods and headers refused at
// add with 999; webhookTypeName for every type in list and detail; the
// CLI's --method/--headers/--body; the address guard as for any webhook.
import assert from 'node:assert/strict';
import { suite } from './lib/feige.mjs';
import { send, expectOk } from './lib/http.mjs';
import { sinkPool } from './lib/sink.mjs';
import { enableOpen, accessKey, open, ok, err } from './lib/open.mjs';

const S = suite({
  config: {
    'channel.allow_private': 'yes',
    'channel.timeout_ms': 1000,
    'queue.retry_base_ms': 300,
    'queue.retry_max': 2,
    public_url: 'https://push.example.com/',
  },
});
const newSink = sinkPool();

async function user(srv, name) {
  const u = await srv.addUser(name);
  await enableOpen(srv, u.uid);
  u.key = await accessKey(srv, u.token);
  return u;
}

let seq = 0;
// webhook/add of a custom config; its code.
async function addCustom(srv, u, url, fields) {
  const webhookCode = `cu${++seq}`;
  ok(await open(srv, u.key, 'POST', 'webhook/add', { body: { webhookCode, webhookName: '自定义', webhookType: 12, webhookUrl: url, ...fields } }));
  return webhookCode;
}

// One send through code; the request the stand-in saw and the message.
async function deliver(srv, u, sink, code, msg, status = [2]) {
  const before = sink.requests.length;
  const sc = expectOk(await send(srv.base, { token: u.token, channel: 'webhook', webhook: code, ...msg }));
  const [req] = (await sink.waitForCount(before + 1)).slice(before);
  return { req, sc, m: await srv.waitStatus(sc, status) };
}

// The headers the stand-in saw, less the transport's own and the
// delivery id feige adds to every upstream request (checked once below).
function userHeaders(req) {
  const out = {};
  for (let i = 0; i < req.rawHeaders.length; i += 2) {
    const k = req.rawHeaders[i];
    if (!/^(host|content-length|user-agent|accept|x-feige-delivery)$/i.test(k)) out[k] = req.rawHeaders[i + 1];
  }
  return out;
}

const TITLE = '告警 "A&B"';
const CONTENT = '第一行\n第二行 <b>粗</b> 100% \\ done';

S.test('POST JSON body: placeholders JSON-escaped, {url} the message page; headers as a JSON object', async (t, srv) => {
  const u = await user(srv, 'cjson');
  const sink = await newSink({ body: 'ok', contentType: 'text/plain' });
  const body = '{"msgtype":"text","text":{"content":"{title}\\n{content}"},"link":"{url}","n":1}';
  const headers = '{"Authorization":"Bearer abc","X-Trace":"7"}';
  const code = await addCustom(srv, u, sink.url('/hook/json'), { httpMethod: 'post', headers, body });
  const { req, sc } = await deliver(srv, u, sink, code, { title: TITLE, content: CONTENT, template: 'txt' });
  assert.equal(req.method, 'POST');
  assert.equal(req.url, '/hook/json');
  assert.deepEqual(userHeaders(req), { Authorization: 'Bearer abc', 'X-Trace': '7', 'Content-Type': 'application/json;charset=UTF-8' });
  assert.match(req.headers['x-feige-delivery'], /^[1-9]\d*$/);
  const want = JSON.stringify({ msgtype: 'text', text: { content: `${TITLE}\n${CONTENT}` }, link: `https://push.example.com/message/${sc}`, n: 1 });
  assert.equal(req.body, want);
  // detail returns what was stored, the method upper-cased
  const list = ok(await open(srv, u.key, 'POST', 'webhook/list', { body: {} }));
  const item = list.list.find((w) => w.webhookCode === code);
  assert.equal(item.webhookTypeName, '自定义');
  const d = ok(await open(srv, u.key, 'GET', 'webhook/detail', { query: { webhookId: item.id } }));
  assert.deepEqual([d.webhookType, d.webhookTypeName, d.httpMethod, d.headers, d.body], [12, '自定义', 'POST', headers, body]);
  // headers given as a JSON object (not a string) in the request body
  const code2 = await addCustom(srv, u, sink.url('/hook/obj'), { headers: { 'X-Obj': 'yes' }, body: '{"c":"{content}"}' });
  const r2 = (await deliver(srv, u, sink, code2, { content: 'x' })).req;
  assert.equal(r2.headers['x-obj'], 'yes');
  assert.equal(r2.body, '{"c":"x"}');
});

S.test('form body (Content-Type x-www-form-urlencoded) percent-encoded; header lines; PUT', async (t, srv) => {
  const u = await user(srv, 'cform');
  const sink = await newSink({ status: 204, body: '' });
  const headers = 'Content-Type: application/x-www-form-urlencoded\r\nX-Key:  k1 \n\nX-Two: a: b';
  const code = await addCustom(srv, u, sink.url('/form'), { httpMethod: 'PUT', headers, body: 'title={title}&desp={content}' });
  const { req } = await deliver(srv, u, sink, code, { title: TITLE, content: CONTENT });
  assert.equal(req.method, 'PUT');
  assert.deepEqual(userHeaders(req), { 'Content-Type': 'application/x-www-form-urlencoded', 'X-Key': 'k1', 'X-Two': 'a: b' });
  const enc = (s) => encodeURIComponent(s).replace(/[!'()*]/g, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase());
  assert.equal(req.body, `title=${enc(TITLE)}&desp=${enc(CONTENT)}`);
  assert.deepEqual(new URLSearchParams(req.body).get('desp'), CONTENT);
});

S.test('text body as it is (text/plain), a leading placeholder is not JSON; PATCH and DELETE; [ is JSON', async (t, srv) => {
  const u = await user(srv, 'ctext');
  const sink = await newSink({ body: 'fine' });
  for (const [method, body, ctype, want] of [
    ['PATCH', '{title}: {content}', 'text/plain;charset=UTF-8', `${TITLE}: ${CONTENT}`],
    ['DELETE', 'Alert <{title}> {content}', 'text/plain;charset=UTF-8', `Alert <${TITLE}> ${CONTENT}`],
    ['POST', '["{title}"]', 'application/json;charset=UTF-8', JSON.stringify([TITLE])],
  ]) {
    const code = await addCustom(srv, u, sink.url(`/t/${method}`), { httpMethod: method, body });
    const { req } = await deliver(srv, u, sink, code, { title: TITLE, content: CONTENT });
    assert.equal(req.method, method);
    assert.equal(req.headers['content-type'], ctype);
    assert.equal(req.body, want);
  }
});

S.test('GET: placeholders percent-encoded in the URL, no body; a 4xx is a final failure', async (t, srv) => {
  const u = await user(srv, 'cget');
  const sink = await newSink({ body: '{"ok":1}' });
  const code = await addCustom(srv, u, sink.url('/push/{title}?text={content}&u={url}&k=1'), { httpMethod: 'GET', headers: 'X-Api-Key: s3cret' });
  const { req, sc } = await deliver(srv, u, sink, code, { title: 'a b/c', content: '你好&x=1#frag' });
  assert.equal(req.method, 'GET');
  assert.equal(req.url, `/push/a%20b%2Fc?text=%E4%BD%A0%E5%A5%BD%26x%3D1%23frag&u=https%3A%2F%2Fpush.example.com%2Fmessage%2F${sc}&k=1`);
  assert.equal(req.query.text, '你好&x=1#frag');
  assert.equal(req.headers['x-api-key'], 's3cret');
  assert.equal(req.headers['content-type'], undefined);
  assert.equal(req.body, '');
  sink.setReply({ status: 403, body: 'denied' });
  const { m } = await deliver(srv, u, sink, code, { title: 't', content: 'c' }, [3]);
  assert.match(m.deliveries[0].error, /\(custom\): upstream 403, denied/);
});

S.test('bad method, headers and body are refused at add and edit with 999; other types take none of them', async (t, srv) => {
  const u = await user(srv, 'cbad');
  const base = { webhookCode: 'x', webhookName: 'x', webhookType: 12, webhookUrl: 'https://hook.example/x' };
  const bad = async (fields, re, path = 'webhook/add', extra = {}) =>
    assert.match(err(await open(srv, u.key, 'POST', path, { body: { ...base, ...fields, ...extra } }), 999), re);
  await bad({ httpMethod: 'HEAD' }, /httpMethod须为GET、POST、PUT、PATCH或DELETE/);
  await bad({ httpMethod: 'GET', body: '{content}' }, /GET请求不能设置body/);
  await bad({ headers: 'X-A: 1\nno colon here' }, /headers第2行缺少冒号/);
  await bad({ headers: 'Host: evil.example' }, /headers不能设置Host/);
  await bad({ headers: '{"content-length":"5"}' }, /headers不能设置Content-Length/);
  await bad({ headers: 'Transfer-Encoding: chunked' }, /headers不能设置Transfer-Encoding/);
  await bad({ headers: '{"X-A":"1\\r\\nX-Injected: 1"}' }, /含有换行或控制字符/);
  await bad({ headers: 'X-A: 1\rX-Injected: 1' }, /含有换行或控制字符/);
  await bad({ headers: 'Bad Name: 1' }, /headers中的名称不合法/);
  await bad({ headers: '{"X-A":{"nested":1}}' }, /值须为字符串/);
  await bad({ headers: '{"X-A":' }, /headers须为JSON对象/);
  await bad({ webhookType: 1, body: '{content}' }, /仅适用于自定义类型/);
  // edit checks the same way and leaves the row as it was
  const id = ok(await open(srv, u.key, 'POST', 'webhook/add', { body: { ...base, headers: 'X-Ok: 1' } }));
  await bad({ headers: 'Host: a' }, /headers不能设置Host/, 'webhook/edit', { id });
  const d = ok(await open(srv, u.key, 'GET', 'webhook/detail', { query: { webhookId: id } }));
  assert.deepEqual([d.httpMethod, d.headers, d.body], ['POST', 'X-Ok: 1', '']);
  assert.equal(ok(await open(srv, u.key, 'POST', 'webhook/edit', { body: { ...base, id, httpMethod: 'delete', headers: '', body: 'b' } })), '修改成功');
  const e = ok(await open(srv, u.key, 'GET', 'webhook/detail', { query: { webhookId: id } }));
  assert.deepEqual([e.httpMethod, e.headers, e.body], ['DELETE', '', 'b']);
});

S.test('webhookTypeName for every type feige delivers (list and detail)', async (t, srv) => {
  const u = await user(srv, 'cnames');
  const names = { 1: '企业微信机器人', 2: '钉钉机器人', 3: '飞书机器人', 4: 'Server酱', 7: '腾讯轻联', 8: 'IFTTT', 9: '集简云', 10: 'Gotify', 11: 'WxPusher', 12: '自定义', 50: 'bark' };
  for (const type of Object.keys(names))
    ok(await open(srv, u.key, 'POST', 'webhook/add', { body: { webhookCode: `n${type}`, webhookName: 'n', webhookType: Number(type), webhookUrl: 'https://hook.example/' } }));
  const d = ok(await open(srv, u.key, 'POST', 'webhook/list', { body: { pageSize: 50 } }));
  assert.deepEqual(Object.fromEntries(d.list.map((w) => [w.webhookType, w.webhookTypeName])), names);
  for (const w of d.list) {
    const one = ok(await open(srv, u.key, 'GET', 'webhook/detail', { query: { webhookId: w.id } }));
    assert.equal(one.webhookTypeName, names[w.webhookType]);
  }
});

S.test('CLI: webhook add --method --headers --body; a bad header refused; the stand-in sees the request', async (t, srv) => {
  const sink = await newSink({ body: 'ok' });
  const c = await srv.cli(['webhook', 'add', srv.admin.uid, 'clicu', 'n', '12', sink.url('/cli'), '--method', 'put', '--headers', 'X-From: cli', '--body', '{"t":"{title}"}']);
  assert.deepEqual([c.type, c.typeName, c.method, c.headers, c.body], [12, '自定义', 'PUT', 'X-From: cli', '{"t":"{title}"}']);
  const r = await srv.cli(['webhook', 'add', srv.admin.uid, 'clibad', 'n', '12', sink.url('/cli'), '--headers', 'Host: x'], { raw: true });
  assert.notEqual(r.code, 0);
  assert.match(r.stderr, /headers不能设置Host/);
  const sc = expectOk(await send(srv.base, { token: srv.admin.token, channel: 'webhook', webhook: 'clicu', title: 'q"t', content: 'x' }));
  const req = await sink.waitForRequest((q) => q.path === '/cli');
  assert.deepEqual([req.method, req.headers['x-from'], req.body], ['PUT', 'cli', '{"t":"q\\"t"}']);
  await srv.waitStatus(sc, [2]);
});

S.test('a message whose custom request would pass the 256 KiB cap is refused at send with 999, nothing stored; a short one is sent', async (t, srv) => {
  const u = await user(srv, 'cbig');
  const sink = await newSink({ body: 'ok' });
  const code = await addCustom(srv, u, sink.url('/big'), { body: 'c={content}&'.repeat(20) });
  const r = await send(srv.base, { token: u.token, channel: 'webhook', webhook: code, title: 't', content: 'x'.repeat(15000) });
  assert.equal(r.json.code, 999);
  assert.match(r.json.msg, /自定义webhook请求过大.*over 256 KiB/);
  assert.equal(sink.requests.length, 0);
  const { req } = await deliver(srv, u, sink, code, { title: 't', content: 'y'.repeat(100) });
  assert.equal(req.body, ('c=' + 'y'.repeat(100) + '&').repeat(20));
});
