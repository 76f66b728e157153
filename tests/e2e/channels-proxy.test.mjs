// channel.proxy: every upstream request (webhooks on the outbound loop,
// callbacks) goes through the configured proxy, in absolute form; the
// address guard checks the target, not the proxy (a private target is
// refused even though the proxy itself is on loopback); and proxy
// environment variables are ignored when channel.proxy is not set.
// The proxy stand-in is a recording server that answers as the upstream
// would (no CONNECT: the targets are http://).
import assert from 'node:assert/strict';
import { after } from 'node:test';
import { suite } from './lib/feige.mjs';
import { send, expectOk } from './lib/http.mjs';
import { startSink } from './lib/sink.mjs';

const OK = '{"errcode":0,"errmsg":"ok"}';
const proxy = await startSink({ body: OK });
const target = await startSink({ body: OK });
after(() => Promise.all([proxy.close(), target.close()]));
// set for every feige these suites start: must be ignored
process.env.http_proxy = process.env.HTTP_PROXY = process.env.ALL_PROXY = `http://127.0.0.1:${proxy.port}`;

const viaProxy = suite({ config: { 'channel.proxy': `http://127.0.0.1:${proxy.port}`, 'channel.allow_private': 'yes', 'callback.allow_private': 'yes' } });

viaProxy.test('a webhook and a callback go through channel.proxy, to the target named in absolute form', async (t, srv) => {
  const url = target.url('/cgi-bin/webhook/send?key=viaproxy');
  await srv.cli(['webhook', 'add', srv.admin.uid, 'px', 'px', '1', url]);
  const cb = target.url('/callback-px');
  const sc = expectOk(await send(srv.base, { token: srv.admin.token, title: 't', content: 'through the proxy', channel: 'webhook', webhook: 'px', callbackUrl: cb }));
  const m = await srv.waitStatus(sc, [2, 3]);
  assert.equal(m.status, 2, JSON.stringify(m));
  const hook = await proxy.waitForRequest((r) => r.url === url);
  assert.equal(hook.method, 'POST');
  assert.deepEqual(hook.json, { msgtype: 'markdown', markdown: { content: '### t\n\nthrough the proxy' } });
  const back = await proxy.waitForRequest((r) => r.url === cb);
  assert.equal(back.json.messageInfo.shortCode, sc);
  assert.equal(target.requests.length, 0, 'nothing went to the target directly');
});

const guarded = suite({ config: { 'channel.proxy': `http://127.0.0.1:${proxy.port}` } });

guarded.test('with a proxy, a private target is still refused (by its own address), and the proxy sees nothing', async (t, srv) => {
  const before = proxy.requests.length;
  for (const [code, url] of [['pxlo', target.url('/private')], ['pxname', `http://localhost:${target.port}/private`], ['pxten', 'http://10.1.2.3/private']]) {
    await srv.cli(['webhook', 'add', srv.admin.uid, code, code, '1', url]);
    const sc = expectOk(await send(srv.base, { token: srv.admin.token, content: 'x', channel: 'webhook', webhook: code }));
    const m = await srv.waitStatus(sc, [3]);
    assert.match(m.error, /address not allowed/);
    assert.equal(m.deliveries[0].attempts, 1, 'final at once');
  }
  assert.equal(proxy.requests.length, before);
  assert.equal(target.on('/private').length, 0);
});

const direct = suite({ config: { 'channel.allow_private': 'yes' } });

direct.test('without channel.proxy, proxy environment variables are ignored', async (t, srv) => {
  const before = proxy.requests.length;
  await srv.cli(['webhook', 'add', srv.admin.uid, 'dr', 'dr', '1', target.url('/direct')]);
  const sc = expectOk(await send(srv.base, { token: srv.admin.token, content: 'direct', channel: 'webhook', webhook: 'dr' }));
  const m = await srv.waitStatus(sc, [2, 3]);
  assert.equal(m.status, 2, JSON.stringify(m));
  assert.equal(target.on('/direct').length, 1);
  assert.equal(proxy.requests.length, before);
});
