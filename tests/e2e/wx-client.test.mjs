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
