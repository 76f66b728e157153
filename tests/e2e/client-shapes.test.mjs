// The exact request shapes popular pushplus clients put on the wire (copied
// from what they send, not their code), replayed over a raw socket so every
// header, its spelling and the framing are as the client makes them.
import assert from 'node:assert/strict';
import { suite } from './lib/feige.mjs';
import { request } from './lib/http.mjs';
import { rawRequest, RawConn, chunked } from './lib/raw.mjs';

const S = suite();

const lines = (...ls) => ls.join('\r\n') + '\r\n\r\n';

// Python's json.dumps default: ASCII only, \uXXXX escapes incl. surrogate pairs.
function pyDumps(obj) {
  return JSON.stringify(obj)
    .replace(/[\u007f-\uffff]/g, (c) => '\\u' + c.charCodeAt(0).toString(16).padStart(4, '0'))
    .replace(/","/g, '", "')
    .replace(/":/g, '": ');
}

async function check(srv, r, { title, content }) {
  assert.ok(r, 'got a response');
  assert.equal(r.status, 200, r.rawHead);
  assert.equal(r.json && r.json.code, 200, r.text);
  const sc = r.json.data;
  const m = await srv.waitStatus(sc, [2]);
  if (title !== undefined) assert.equal(m.title, title);
  if (content !== undefined) {
    const page = await request(`${srv.base}/message/${sc}`);
    assert.ok(page.text.includes(content), `page shows ${content}`);
  }
  return sc;
}

S.test('push-all-in-one / axios shape (JSON, Host www.pushplus.plus, empty defaults)', async (t, srv) => {
  const body = JSON.stringify({ token: srv.admin.token, title: 'axios 形状', content: 'axios body', template: 'html', channel: 'wechat', topic: '', webhook: '', callbackUrl: '' });
  const r = await rawRequest(
    srv.port,
    lines(
      'POST /send HTTP/1.1',
      'Accept: application/json, text/plain, */*',
      'Content-Type: application/json',
      'User-Agent: axios/1.7.9',
      `Content-Length: ${Buffer.byteLength(body)}`,
      'Accept-Encoding: gzip, compress, deflate, br',
      'Host: www.pushplus.plus',
      'Connection: close',
    ) + body,
  );
  assert.equal(r.headers['content-encoding'], undefined, 'not compressed');
  await check(srv, r, { title: 'axios 形状', content: 'axios body' });
});

S.test('Qinglong sendNotify shape (Content-Type with a leading space, all keys, empty strings)', async (t, srv) => {
  const body = JSON.stringify({ token: srv.admin.token, title: '青龙通知', content: '任务完成\n第二行'.replace(/\n/g, '<br>'), topic: '', template: 'html', channel: 'wechat', webhook: '', callbackUrl: '', to: '' });
  const r = await rawRequest(
    srv.port,
    lines('POST /send HTTP/1.1', 'user-agent: got (https://github.com/sindresorhus/got)', 'content-type:  application/json', `content-length: ${Buffer.byteLength(body)}`, 'accept-encoding: gzip, deflate, br', 'Host: www.pushplus.plus', 'Connection: close') + body,
  );
  await check(srv, r, { title: '青龙通知', content: '任务完成<br>第二行' });
});

S.test('Python requests json= shape (\\u escapes, surrogate pair, keep-alive)', async (t, srv) => {
  const body = pyDumps({ token: srv.admin.token, title: 'Python 标题 😀', content: '来自 Python 的内容', template: 'txt' });
  assert.ok(body.includes('\\ud83d\\ude00'), 'escaped as Python does');
  const r = await rawRequest(
    srv.port,
    lines(
      'POST /send HTTP/1.1',
      'Host: www.pushplus.plus',
      'User-Agent: python-requests/2.31.0',
      'Accept-Encoding: gzip, deflate',
      'Accept: */*',
      'Connection: keep-alive',
      `Content-Length: ${Buffer.byteLength(body)}`,
      'Content-Type: application/json',
    ) + body,
  );
  await check(srv, r, { title: 'Python 标题 😀', content: '来自 Python 的内容' });
});

S.test('Python requests data= shape (form-urlencoded, utf-8 percent-encoded)', async (t, srv) => {
  const body = new URLSearchParams({ token: srv.admin.token, title: 'py form 表单', content: 'a&b=c 内容' }).toString();
  const r = await rawRequest(
    srv.port,
    lines('POST /send/ HTTP/1.1', 'Host: www.pushplus.plus', 'User-Agent: python-requests/2.31.0', 'Accept: */*', `Content-Length: ${Buffer.byteLength(body)}`, 'Content-Type: application/x-www-form-urlencoded') + body,
  );
  await check(srv, r, { title: 'py form 表单' });
});

S.test('curl GET shape (doc example 1)', async (t, srv) => {
  const q = `token=${srv.admin.token}&title=${encodeURIComponent('curl 标题')}&content=${encodeURIComponent('pushplus消息内容')}`;
  const r = await rawRequest(srv.port, lines(`GET /send?${q} HTTP/1.1`, 'Host: www.pushplus.plus', 'User-Agent: curl/7.88.1', 'Accept: */*'));
  await check(srv, r, { title: 'curl 标题', content: 'pushplus消息内容' });
});

S.test('curl -d JSON over 1 KiB (Expect: 100-continue)', async (t, srv) => {
  const content = '长内容'.repeat(400);
  const body = JSON.stringify({ token: srv.admin.token, title: 'curl expect', content });
  const c = await RawConn.open(srv.port);
  try {
    await c.write(lines('POST /send HTTP/1.1', 'Host: www.pushplus.plus', 'User-Agent: curl/7.88.1', 'Accept: */*', 'Content-Type: application/json', `Content-Length: ${Buffer.byteLength(body)}`, 'Expect: 100-continue'));
    const interim = await c.readResponse(1000);
    if (interim) assert.equal(interim.status, 100);
    await c.write(body);
    await check(srv, await c.readResponse(), { title: 'curl expect', content: '长内容长内容' });
  } finally {
    c.close();
  }
});

S.test('Node SDK chunked shape (no Content-Length, no User-Agent)', async (t, srv) => {
  const body = JSON.stringify({ token: srv.admin.token, title: 'chunked sdk', content: 'chunked sdk content' });
  const r = await rawRequest(
    srv.port,
    Buffer.concat([Buffer.from(lines('POST /send HTTP/1.1', 'Content-Type: application/json', 'Host: www.pushplus.plus', 'Connection: close', 'Transfer-Encoding: chunked')), chunked(body, [body.length])]),
  );
  await check(srv, r, { title: 'chunked sdk', content: 'chunked sdk content' });
});

S.test('Java SDK GET shape (Content-Type: application/json, no body, unencoded query)', async (t, srv) => {
  const target = Buffer.from(`/send?token=${srv.admin.token}&title=Java标题&content=Java内容&template=html`, 'utf8');
  const r = await rawRequest(
    srv.port,
    Buffer.concat([Buffer.from('GET '), target, Buffer.from(lines(' HTTP/1.1', 'Content-Type: application/json', 'Charset: UTF-8', 'User-Agent: Java/1.8.0_382', 'Host: www.pushplus.plus', 'Accept: text/html, image/gif, image/jpeg, *; q=.2, */*; q=.2', 'Connection: keep-alive'))]),
  );
  await check(srv, r, { title: 'Java标题', content: 'Java内容' });
});

S.test('Go net/http shape (http.Post with a JSON body, timestamp as number)', async (t, srv) => {
  const body = JSON.stringify({ token: srv.admin.token, title: 'go client', content: 'from go', template: 'markdown', timestamp: Date.now() + 600000, topic: null, to: null });
  const r = await rawRequest(
    srv.port,
    lines('POST /send HTTP/1.1', 'Host: www.pushplus.plus', 'User-Agent: Go-http-client/1.1', `Content-Length: ${Buffer.byteLength(body)}`, 'Content-Type: application/json', 'Accept-Encoding: gzip') + body,
  );
  await check(srv, r, { title: 'go client' });
});

S.test('webhook sender shape: raw JSON to /send/{token}?template=json', async (t, srv) => {
  const body = JSON.stringify({ userName: 'pushplus', updateTime: '2020-04-29 14:59:35', projectId: 82 });
  const r = await rawRequest(srv.port, lines(`POST /send/${srv.admin.token}?template=json HTTP/1.1`, 'Host: www.pushplus.plus', 'User-Agent: GitLab/16.0', 'Content-Type: application/json', `Content-Length: ${Buffer.byteLength(body)}`) + body);
  await check(srv, r, { content: 'updateTime' });
});

S.test('wget --post-data shape (form, HTTP/1.1, Connection: Keep-Alive)', async (t, srv) => {
  const body = `token=${srv.admin.token}&title=wget&content=hello+from+wget`;
  const r = await rawRequest(
    srv.port,
    lines('POST /send HTTP/1.1', 'User-Agent: Wget/1.21.3', 'Accept: */*', 'Accept-Encoding: identity', 'Host: www.pushplus.plus', 'Connection: Keep-Alive', 'Content-Type: application/x-www-form-urlencoded', `Content-Length: ${body.length}`) + body,
  );
  await check(srv, r, { title: 'wget', content: 'hello from wget' });
});
