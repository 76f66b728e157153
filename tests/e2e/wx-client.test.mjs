// Real client trial: push-all-in-one's WxPusher class (npm) sends to feige.
//
// The class posts to the hard-coded https://wxpusher.zjiecode.com/api/send/message
// and honours HTTPS_PROXY (its README's proxy section) through
// https-proxy-agent, i.e. a CONNECT tunnel. The test's proxy accepts the
// CONNECT, terminates TLS itself with a throw-away self-signed certificate
// (made with openssl for this run; the client is told to accept it with
// NODE_TLS_REJECT_UNAUTHORIZED=0, in this test process only) and forwards the
// plain bytes to feige. The library's request reaches feige unchanged: Host
// wxpusher.zjiecode.com, its JSON body with its extra keys. Nothing leaves
// the machine. See docs/clients.md.
import assert from 'node:assert/strict';
import { before, after } from 'node:test';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import http from 'node:http';
import net from 'node:net';
import tls from 'node:tls';
import { suite } from './lib/feige.mjs';
import { newApp, followers, wxGet } from './lib/wx.mjs';

const S = suite();
let WxPusher = null;
let skipReason = null;
let proxy;
let certDir;
const connects = [];

before(async () => {
  try {
    ({ WxPusher } = await import('push-all-in-one'));
  } catch (e) {
    skipReason = `push-all-in-one not installed: ${e.message}`;
    return;
  }
  let key, cert;
  try {
    certDir = mkdtempSync(path.join(tmpdir(), 'feige-tls-'));
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', path.join(certDir, 'k.pem'),
      '-out', path.join(certDir, 'c.pem'), '-days', '1', '-subj', '/CN=wxpusher.zjiecode.com'], { stdio: 'ignore' });
    key = readFileSync(path.join(certDir, 'k.pem'));
    cert = readFileSync(path.join(certDir, 'c.pem'));
  } catch (e) {
    skipReason = `openssl could not make a test certificate: ${e.message}`;
    return;
  }
  proxy = http.createServer((req, res) => {
    res.writeHead(502);
    res.end();
  });
  proxy.on('connect', (req, client, head) => {
    connects.push(req.url);
    client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
    const secure = new tls.TLSSocket(client, { isServer: true, key, cert });
    const up = net.connect(S.srv.port, '127.0.0.1');
    if (head && head.length) client.unshift(head);
    secure.pipe(up);
    up.pipe(secure);
    up.on('error', () => secure.destroy());
    secure.on('error', () => up.destroy());
  });
  await new Promise((r) => proxy.listen(0, '127.0.0.1', r));
  process.env.HTTPS_PROXY = `http://127.0.0.1:${proxy.address().port}`;
  process.env.NODE_TLS_REJECT_UNAUTHORIZED = '0';
  delete process.env.NO_PROXY;
});

after(async () => {
  if (proxy) {
    proxy.closeAllConnections?.();
    await new Promise((r) => proxy.close(r));
  }
  if (certDir) rmSync(certDir, { recursive: true, force: true });
});

S.test('push-all-in-one WxPusher: uid + topic send, markdown, through its own HTTPS request', async (t, srv) => {
  if (skipReason) return t.skip(skipReason);
  const app = await newApp(srv, 'paio');
  const topic = await srv.cli(['topic', 'add', String(app.appId), 'paio-topic']);
  const [a] = await followers(srv, 1, { app: app.appId, prefix: 'paio' });
  const [tf] = await followers(srv, 1, { topic: topic.topicId, prefix: 'paiot' });
  const client = new WxPusher({ WX_PUSHER_APP_TOKEN: app.appToken, WX_PUSHER_UID: a.uid });
  const res = await client.send('标题', '**正文**', { contentType: 3, topicIds: [topic.topicId], url: 'https://example.com/x', save: 0, verifyPayload: 'v' });
  assert.equal(res.status, 200);
  assert.equal(res.data.code, 1000, JSON.stringify(res.data));
  assert.equal(res.data.success, true);
  assert.equal(res.data.data.length, 2);
  assert.equal(res.data.data[0].uid, a.uid);
  assert.equal(res.data.data[1].topicId, topic.topicId);
  assert.ok(connects.includes('wxpusher.zjiecode.com:443'), JSON.stringify(connects));
  for (const u of [a, tf]) {
    const m = (await srv.inbox(u.token)).find((x) => x.content === '标题\n**正文**');
    assert.ok(m, u.uid);
    assert.equal(m.template, 'markdown');
  }
  const st = await wxGet(srv.base, `/api/send/query/${res.data.data[0].messageId}`);
  assert.equal(st.data, 2);
  const bad = await new WxPusher({ WX_PUSHER_APP_TOKEN: 'AT_wrong', WX_PUSHER_UID: a.uid }).send('x', '', {});
  assert.deepEqual(bad.data, { code: 1001, msg: 'appToken不正确', data: null, success: false });
});

// The request shapes of the official SDKs (Python requests, Java, Go) and of
// a chunked Node client, replayed byte for byte over a raw socket: headers,
// ASCII-escaped JSON, nulls and empty arrays, bodyless GETs with a JSON
// Content-Type, unencoded UTF-8 in the query.
import { head, rawRequest, chunked } from './lib/raw.mjs';

S.test('SDK request shapes: Python requests, Java, Go, chunked Node', async (t, srv) => {
  const app = await newApp(srv, 'shapes');
  const [a] = await followers(srv, 1, { app: app.appId, prefix: 'shp' });
  const ok = (r) => {
    assert.equal(r.status, 200);
    assert.match(r.headers['content-type'], /^application\/json/);
    assert.equal(r.json.success, r.json.code === 1000);
    return r.json;
  };
  // Python SDK: requests.post(json=...) -> ASCII escapes, ", " separators, url null, topicIds []
  const py = `{"appToken": "${app.appToken}", "content": "\\u4f60\\u597d \\ud83d\\ude00", "contentType": 1, "topicIds": [], "uids": ["${a.uid}"], "url": null}`;
  const pyHead = (m, target, len) => head(m, target, [['Host', 'wxpusher.zjiecode.com'], ['User-Agent', 'python-requests/2.31.0'],
    ['Accept-Encoding', 'gzip, deflate'], ['Accept', '*/*'], ['Connection', 'keep-alive'], ...(len !== undefined ? [['Content-Length', String(len)], ['Content-Type', 'application/json']] : [])]);
  const s = ok(await rawRequest(srv.port, pyHead('POST', '/api/send/message', Buffer.byteLength(py)) + py));
  assert.equal(s.code, 1000);
  assert.equal(s.data[0].uid, a.uid);
  assert.ok((await srv.inbox(a.token)).some((m) => m.content === '你好 😀'));
  const q = ok(await rawRequest(srv.port, pyHead('GET', `/api/send/query/${s.data[0].messageId}`)));
  assert.equal(q.data, 2);
  const qr = `{"appToken": "${app.appToken}", "extra": "py", "validTime": 1800}`;
  assert.equal(ok(await rawRequest(srv.port, pyHead('POST', '/api/fun/create/qrcode', qr.length) + qr)).data.extra, 'py');
  const users = ok(await rawRequest(srv.port, pyHead('GET', `/api/fun/wxuser?appToken=${app.appToken}&page=1&pageSize=100`)));
  assert.equal(users.data.total, 1);

  // Java SDK: JSON Content-Type on bodyless GET/DELETE/PUT, empty params, unencoded query
  const jh = (m, target) => head(m, target, [['Content-Type', 'application/json'], ['Charset', 'UTF-8'], ['Host', 'wxpusher.zjiecode.com'], ['Connection', 'Keep-Alive'], ['User-Agent', 'Apache-HttpClient/4.5.13 (Java/1.8.0_292)']]);
  const v2 = ok(await rawRequest(srv.port, jh('GET', `/api/fun/wxuser/v2?appToken=${app.appToken}&page=1&pageSize=20&uid=&isBlock=&type=`)));
  assert.equal(v2.data.total, 1);
  const code = (await wxGet(srv.base, '/api/fun/create/qrcode', {})).code; // GET without a body: appToken error
  assert.equal(code, 1001);
  const jsend = Buffer.from(`{"appToken":"${app.appToken}","content":"java 内容","summary":"摘要","contentType":1,"topicIds":null,"uids":["${a.uid}"],"url":null,"verifyPay":false}`);
  const js = ok(await rawRequest(srv.port, Buffer.concat([Buffer.from(head('POST', '/api/send/message', [['Content-Type', 'application/json; charset=UTF-8'], ['Content-Length', String(jsend.length)], ['Host', 'wxpusher.zjiecode.com']])), jsend])));
  assert.equal(js.data[0].code, 1000);
  const st = ok(await rawRequest(srv.port, jh('GET', `/api/send/query/status?sendRecordId=${js.data[0].sendRecordId}`)));
  assert.equal(st.data, 2);
  const del = ok(await rawRequest(srv.port, jh('DELETE', `/api/send/message?messageContentId=${js.data[0].messageContentId}&appToken=${app.appToken}`)));
  assert.equal(del.data, true);
  // unencoded UTF-8 GET send (Java builds the query by hand)
  const raw = Buffer.concat([Buffer.from(`GET /api/send/message/?appToken=${app.appToken}&uid=${a.uid}&content=`), Buffer.from('不编码 ok', 'utf8'), Buffer.from(' HTTP/1.1\r\nHost: x\r\n\r\n')]);
  assert.equal(ok(await rawRequest(srv.port, raw)).code, 1000);
  assert.ok((await srv.inbox(a.token)).some((m) => m.content === '不编码 ok'));

  // Go SDK: Go-http-client, topicIds null; chunked Node client without User-Agent
  const go = `{"appToken":"${app.appToken}","content":"go","summary":"","contentType":1,"topicIds":null,"uids":["${a.uid}"],"url":""}`;
  assert.equal(ok(await rawRequest(srv.port, head('POST', '/api/send/message', [['Host', 'wxpusher.zjiecode.com'], ['User-Agent', 'Go-http-client/1.1'], ['Content-Length', String(go.length)], ['Content-Type', 'application/json'], ['Accept-Encoding', 'gzip']]) + go)).data[0].code, 1000);
  const node = `{"appToken":"${app.appToken}","content":"chunked node","uids":["${a.uid}"],"contentType":3}`;
  const nr = ok(await rawRequest(srv.port, Buffer.concat([Buffer.from(head('POST', '/api/send/message', [['Content-Type', 'application/json'], ['Host', 'wxpusher.zjiecode.com'], ['Connection', 'keep-alive'], ['Transfer-Encoding', 'chunked']])), chunked(node, [5, 11, 3])])));
  assert.equal(nr.data[0].code, 1000);
});
