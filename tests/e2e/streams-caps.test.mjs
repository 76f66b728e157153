// Live streams leave libmicrohttpd for the stream loop (http/take.c) but
// keep their place in the per-address cap (http.max_per_ip, here 3): a
// fourth connection from the address is refused while three streams are
// open, and served again once one of them has ended.
import assert from 'node:assert/strict';
import net from 'node:net';
import { suite } from './lib/feige.mjs';
import { openSSE } from './lib/sse.mjs';
import { openWS } from './lib/ws.mjs';
import { openNtfy } from './lib/ntfy.mjs';
import { waitFor } from './lib/wait.mjs';

const S = suite({ config: { 'http.max_per_ip': 3 } });

// what the server answers to a GET /healthz (empty: refused)
function healthz(srv, localAddress = '127.0.0.1') {
  const u = new URL(srv.base);
  return new Promise((resolve) => {
    let got = '';
    const s = net.connect({ port: Number(u.port), host: '127.0.0.1', localAddress }, () =>
      s.write('GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n'));
    s.on('data', (d) => (got += d));
    s.on('close', () => resolve(got));
    s.on('error', () => resolve(got));
  });
}

S.test('streams count against http.max_per_ip while they are open', async (t, srv) => {
  const u = await srv.addUser('caps');
  const sse = await openSSE(`${srv.base}/inbox/stream?token=${u.token}`);
  const ws = await openWS(`${srv.base}/inbox/ws?token=${u.token}`);
  const nt = await openNtfy(`${srv.base}/${u.uid}/json`, { headers: { Authorization: `Bearer ${u.token}` } });
  try {
    await ws.waitMessage((m) => m.event === 'open');
    await nt.waitEvent((m) => m.event === 'open');
    assert.equal(await healthz(srv), '', 'a fourth connection is refused');
    assert.match(await healthz(srv, '127.0.0.2'), /^HTTP\/1\.1 200 /, 'another address is served');
    ws.close();
    await ws.waitClose();
    await waitFor(async () => /^HTTP\/1\.1 200 /.test(await healthz(srv)), 10000, { what: 'a place freed by the closed stream' });
  } finally {
    sse.close();
    ws.destroy();
    nt.close();
  }
});
