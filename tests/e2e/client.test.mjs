// Real client trial: push-all-in-one (npm) sends pushplus messages to feige.
//
// The library hard-codes http://www.pushplus.plus/send and has no base-URL
// option, but it honours the HTTP_PROXY environment variable (documented in
// its README: HTTP_PROXY/HTTPS_PROXY/SOCKS_PROXY) through https-proxy-agent,
// which opens a CONNECT tunnel even for http:// targets. The test runs a tiny
// CONNECT proxy on 127.0.0.1 that tunnels every CONNECT to feige's port, so
// the library's own bytes (Host: www.pushplus.plus) reach feige unchanged.
// Nothing leaves the machine. See docs/clients.md.
import assert from 'node:assert/strict';
import { before, after } from 'node:test';
import http from 'node:http';
import net from 'node:net';
import { suite } from './lib/feige.mjs';
import { startSink } from './lib/sink.mjs';

const S = suite();
let PushPlus = null;
let importError = null;
let proxy;
const tunnels = [];
let sink;

before(async () => {
  try {
    ({ PushPlus } = await import('push-all-in-one'));
  } catch (e) {
    importError = e;
  }
  proxy = http.createServer((req, res) => {
    // plain absolute-URI proxying is not expected from this client
    tunnels.push({ plain: req.url });
    res.writeHead(502, { 'Content-Type': 'application/json' });
    res.end('{"code":502,"msg":"test proxy: CONNECT only","data":null}');
  });
  proxy.on('connect', (req, client, head) => {
    const port = S.srv.port;
    tunnels.push({ connect: req.url });
    const up = net.connect(port, '127.0.0.1', () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      if (head && head.length) up.write(head);
      up.pipe(client);
      client.pipe(up);
    });
    up.on('error', () => client.destroy());
    client.on('error', () => up.destroy());
  });
  await new Promise((r) => proxy.listen(0, '127.0.0.1', r));
  process.env.HTTP_PROXY = `http://127.0.0.1:${proxy.address().port}`;
  delete process.env.HTTPS_PROXY;
  delete process.env.SOCKS_PROXY;
  delete process.env.NO_PROXY;
  sink = await startSink();
});

after(async () => {
  proxy?.closeAllConnections?.();
  await new Promise((r) => (proxy ? proxy.close(r) : r()));
  await sink?.close();
});

function need(t) {
  if (!PushPlus) {
    t.skip(`push-all-in-one not installed (run npm ci): ${importError && importError.message}`);
    return false;
  }
  return true;
}

S.test('push-all-in-one PushPlus.send → 200 + shortCode, delivered to the inbox', async (t, srv) => {
  if (!need(t)) return;
  const pp = new PushPlus({ PUSH_PLUS_TOKEN: srv.admin.token });
  const res = await pp.send('来自 push-all-in-one', '**客户端** 测试内容', { template: 'markdown' });
  assert.equal(res.status, 200);
  assert.equal(res.data.code, 200, JSON.stringify(res.data));
  assert.equal(res.data.msg, '请求成功');
  assert.match(res.data.data, /^[0-9a-f]{32}$/);
  assert.ok(tunnels.some((x) => x.connect === 'www.pushplus.plus:80'), 'went through the CONNECT tunnel: ' + JSON.stringify(tunnels));
  const m = await srv.waitStatus(res.data.data, [2]);
  assert.equal(m.title, '来自 push-all-in-one');
  assert.equal(m.template.toLowerCase(), 'markdown');
  const page = await (await fetch(`${srv.base}/message/${res.data.data}`)).text();
  assert.match(page, /<strong>客户端<\/strong>/);
});

S.test('push-all-in-one with topic, callbackUrl and the empty defaults it sends', async (t, srv) => {
  if (!need(t)) return;
  const code = 'paio' + process.pid;
  await srv.cli(['group', 'add', srv.admin.uid, code, 'paio group']);
  const member = await srv.addUser('paio-member');
  await srv.cli(['group', 'join', code, member.uid]);
  const pp = new PushPlus({ PUSH_PLUS_TOKEN: srv.admin.token });
  const res = await pp.send('群组消息', '', { topic: code, webhook: '', callbackUrl: sink.url('/paio') });
  assert.equal(res.data.code, 200, JSON.stringify(res.data));
  const sc = res.data.data;
  const m = await srv.waitStatus(sc, [2]);
  assert.deepEqual(m.deliveries.map((d) => d.uid), [member.uid]);
  const cb = await sink.waitForRequest((r) => r.json && r.json.messageInfo && r.json.messageInfo.shortCode === sc);
  assert.deepEqual(cb.json, { event: 'message_complate', messageInfo: { message: '', shortCode: sc, sendStatus: 2 } });
});

S.test('push-all-in-one with a bad token gets 903 in the normal envelope', async (t, srv) => {
  if (!need(t)) return;
  const pp = new PushPlus({ PUSH_PLUS_TOKEN: 'not-a-token' });
  const res = await pp.send('x', 'y');
  assert.equal(res.status, 200);
  assert.equal(res.data.code, 903);
  assert.equal(res.data.data, null);
});
