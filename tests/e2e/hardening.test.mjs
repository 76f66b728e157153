// Hardening of the wire, the files and the log: the data dir and the
// database are the owner's alone (0700/0600, whatever the umask); a body of ambiguous length is
// refused (RFC 9112 6.3) in the API's envelope and the connection closed;
// credentials in a callbackUrl never reach the log (that a logged value
// cannot forge a line is tests/unit/test_log.c: no client value reaches
// an info line unchecked today).
import assert from 'node:assert/strict';
import fs from 'node:fs';
import net from 'node:net';
import { before } from 'node:test';
import { suite } from './lib/feige.mjs';
import { send, expectOk } from './lib/http.mjs';
import { addWebhook, sinkPool } from './lib/sink.mjs';
import { ON_PG } from './lib/pg.mjs';

const newSink = sinkPool();
// Proxy variables in feige's environment must not route deliveries
// (the address guard would check the proxy instead of the target): a
// recording "proxy" that must never see a request.
let proxy;
before(async () => {
  proxy = await newSink();
  for (const v of ['http_proxy', 'HTTP_PROXY', 'https_proxy', 'HTTPS_PROXY', 'all_proxy', 'ALL_PROXY'])
    process.env[v] = proxy.url('');
  process.env.no_proxy = process.env.NO_PROXY = '';
});
const S = suite({ config: { 'channel.allow_private': 'yes' } });

function raw(base, text) {
  const u = new URL(base);
  return new Promise((resolve, reject) => {
    const s = net.connect(Number(u.port), u.hostname, () => s.end(text));
    let got = '';
    s.setEncoding('utf8');
    s.on('data', (d) => (got += d));
    s.on('end', () => resolve(got));
    s.on('error', reject);
    s.setTimeout(5000, () => { s.destroy(); reject(new Error('no reply, got: ' + got)); });
  });
}

S.test('two Content-Length headers: 400 in the envelope, connection closed', async (t, srv) => {
  for (const [path, code] of [['/send', 999], ['/api/send/message', 1001]]) {
    for (const second of ['7', '3']) {   // differing and equal values alike
      const reply = await raw(srv.base, `POST ${path} HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n` +
        `Content-Length: 3\r\nContent-Length: ${second}\r\n\r\n{}\n`);
      assert.match(reply, /^HTTP\/1\.1 400 /);
      assert.match(reply, /\r\nConnection: close\r\n/i);
      const body = JSON.parse(reply.slice(reply.indexOf('\r\n\r\n') + 4));
      assert.equal(body.code, code);
      assert.match(body.msg, /Content-Length/);
    }
  }
  // one Content-Length still works
  const ok = await raw(srv.base, `POST /send HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nConnection: close\r\n` +
    `Content-Length: 2\r\n\r\n{}`);
  assert.match(ok, /^HTTP\/1\.1 200 /);
});

S.test('callbackUrl credentials are masked in the log', async (t, srv) => {
  const sink = await newSink();
  const url = sink.url('/cb').replace('http://', 'http://alice:s3cret-pw@');
  const sc = expectOk(await send(srv.base, { token: srv.admin.token, content: 'masked', callbackUrl: url }));
  await sink.waitForRequest((r) => r.json && r.json.messageInfo && r.json.messageInfo.shortCode === sc);
  const deadline = Date.now() + 5000;
  while (!/callback id=\d+ url=/.test(srv.stderr) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  assert.match(srv.stderr, /callback id=\d+ url="http:\/\/\*\*\*@127\.0\.0\.1:\d+\/cb"/);
  assert.doesNotMatch(srv.stderr, /s3cret-pw/);
});

S.test('data dir 0700, database files 0600', async (t, srv) => {
  expectOk(await send(srv.base, { token: srv.admin.token, content: 'files' }));
  assert.equal(fs.statSync(srv.dataDir).mode & 0o777, 0o700);
  const files = fs.readdirSync(srv.dataDir).filter((f) => f.startsWith('feige.db'));
  // on PostgreSQL the data dir holds no database (only uploads)
  assert.ok(ON_PG ? files.length === 0 : files.includes('feige.db'), files.join());
  for (const f of files) assert.equal(fs.statSync(`${srv.dataDir}/${f}`).mode & 0o777, 0o600, f);
  // a CLI command under a permissive umask makes nothing readable by others either
  await srv.cli(['user', 'add', 'perm-check']);
  for (const f of fs.readdirSync(srv.dataDir)) assert.equal(fs.statSync(`${srv.dataDir}/${f}`).mode & 0o077, 0, f);
});

S.test('proxy variables in the environment are ignored by deliveries and callbacks', async (t, srv) => {
  const target = await newSink({ body: '{"errcode":0,"errmsg":"ok"}' });
  const code = await addWebhook(srv, 'px', 1, target.url('/wecom'));
  const sc = expectOk(await send(srv.base, { token: srv.admin.token, content: 'direct', channel: 'webhook', option: code, callbackUrl: target.url('/cb') }));
  const m = await srv.waitStatus(sc, [2, 3]);
  assert.equal(m.status, 2, JSON.stringify(m));
  await target.waitForRequest((r) => r.path === '/wecom');
  await target.waitForRequest((r) => r.path === '/cb' && r.json && r.json.messageInfo.shortCode === sc);
  assert.equal(proxy.requests.length, 0, 'nothing went through the proxy');
});
