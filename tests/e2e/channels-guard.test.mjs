// The address guard on user-supplied webhook URLs and SMTP servers: with
// channel.allow_private off (the default) a webhook on loopback is refused
// without a request (status 3, reason), while the operator's own WeCom base
// URL is not guarded. The custom type (12) is guarded like the others.
import assert from 'node:assert/strict';
import { after } from 'node:test';
import { suite } from './lib/feige.mjs';
import { send, expectOk } from './lib/http.mjs';
import { startSink } from './lib/sink.mjs';

const sink = await startSink({ body: '{"errcode":0,"errmsg":"ok","access_token":"t","expires_in":7200}' });
after(() => sink.close());

const S = suite({ config: { 'channel.wecom_base': `http://127.0.0.1:${sink.port}` } });

S.test('webhook to 127.0.0.1 and to localhost: refused, status 3, nothing sent', async (t, srv) => {
  for (const [code, url] of [['lo', sink.url('/hook')], ['lo6', `http://localhost:${sink.port}/hook`], ['ten', 'http://10.255.255.1:9/hook']]) {
    await srv.cli(['webhook', 'add', srv.admin.uid, code, code, '1', url]);
    const sc = expectOk(await send(srv.base, { token: srv.admin.token, content: 'x', channel: 'webhook', webhook: code }));
    const m = await srv.waitStatus(sc, [3]);
    assert.match(m.error, /address not allowed/);
    assert.equal(m.deliveries[0].attempts, 1, 'final at once');
  }
  assert.equal(sink.on('/hook').length, 0);
});

S.test('a user SMTP server on loopback is refused too', async (t, srv) => {
  await srv.cli(['user', 'email', srv.admin.uid, 'a@example.test']);
  await srv.cli(['mail', 'add', srv.admin.uid, 'lomail', 'lo', '--smtp', '127.0.0.1', '--port', String(sink.port), '--account', 'a@b.test', '--password', 'p']);
  const sc = expectOk(await send(srv.base, { token: srv.admin.token, content: 'x', channel: 'mail', webhook: 'lomail' }));
  const m = await srv.waitStatus(sc, [3]);
  assert.match(m.error, /address not allowed/);
});

S.test('cp uses the operator-configured WeCom base on loopback', async (t, srv) => {
  await srv.cli(['cp', 'add', srv.admin.uid, 'cpg', 'cp', '--corpid', 'c', '--agentid', '1', '--secret', 's']);
  const sc = expectOk(await send(srv.base, { token: srv.admin.token, content: 'x', channel: 'cp', webhook: 'cpg' }));
  await srv.waitStatus(sc, [2]);
  assert.equal(sink.on('/cgi-bin/message/send').length, 1);
});

S.test('a custom webhook (type 12) on loopback is refused the same way, for GET and POST', async (t, srv) => {
  for (const [code, method] of [['cuget', 'GET'], ['cupost', 'POST']]) {
    await srv.cli(['webhook', 'add', srv.admin.uid, code, code, '12', sink.url('/custom?t={title}'), '--method', method]);
    const sc = expectOk(await send(srv.base, { token: srv.admin.token, title: 't', content: 'x', channel: 'webhook', webhook: code }));
    const m = await srv.waitStatus(sc, [3]);
    assert.match(m.error, /\(custom\): address not allowed/);
    assert.equal(m.deliveries[0].attempts, 1, 'final at once');
  }
  assert.equal(sink.on('/custom').length, 0);
});
