// Slow and half-open clients cannot hold the server: at most
// http.max_per_ip connections per address, each request's headers within
// http.header_timeout_s however slowly they trickle in; another address
// is served meanwhile, and streams past their headers are left alone.
import assert from 'node:assert/strict';
import net from 'node:net';
import { suite } from './lib/feige.mjs';
import { send, expectOk } from './lib/http.mjs';
import { waitFor } from './lib/wait.mjs';

const S = suite({ config: { 'http.max_per_ip': 4, 'http.header_timeout_s': 2 } });

function connect(srv, localAddress = '127.0.0.1') {
  const u = new URL(srv.base);
  return new Promise((resolve, reject) => {
    const s = net.connect({ port: Number(u.port), host: '127.0.0.1', localAddress }, () => resolve(s));
    s.on('error', reject);
  });
}

// resolves with what the server sent before it closed the connection
function closed(s, ms = 15000) {
  return new Promise((resolve, reject) => {
    let got = '';
    const timer = setTimeout(() => reject(new Error('still open after ' + ms + ' ms')), ms);
    s.on('data', (d) => (got += d));
    s.on('close', () => { clearTimeout(timer); resolve(got); });
    s.on('error', () => {});
  });
}

async function get(srv, path, localAddress) {
  const s = await connect(srv, localAddress);
  const done = closed(s);
  s.write(`GET ${path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`);
  return done;
}

S.test('half-sent requests: capped per address, cut at the head deadline, others served', async (t, srv) => {
  const slow = [];
  for (let i = 0; i < 4; i++) {
    const s = await connect(srv);
    s.write('GET /healthz HTTP/1.1\r\nHost: x\r\n');
    slow.push({ s, done: closed(s) });
  }
  // trickling bytes does not extend the deadline
  const drip = setInterval(() => slow[0].s.writable && slow[0].s.write('X-A: b\r\n'), 300);
  try {
    // a fifth from the same address is refused without an answer
    const fifth = await connect(srv).catch(() => null);
    if (fifth) assert.equal(await closed(fifth), '');
    // another address is served at once
    assert.match(await get(srv, '/healthz', '127.0.0.2'), /^HTTP\/1\.1 200 /);
    for (const { done } of slow) assert.equal(await done, '', 'closed without a reply');
  } finally {
    clearInterval(drip);
  }
  // the address may connect again once the server has reaped its
  // connections (the client sees the close before the server counts it)
  let again = '';
  await waitFor(async () => /^HTTP\/1\.1 200 /.test(again = await get(srv, '/healthz')), 10000, { what: 'a new connection served' });
  assert.match(again, /^HTTP\/1\.1 200 /);
});

S.test('an idle keep-alive connection is closed at the head deadline; a stream is not', async (t, srv) => {
  const ka = await connect(srv);
  const kaDone = closed(ka);
  ka.write('GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n');
  const stream = await connect(srv);
  let streamed = '';
  let streamClosed = false;
  stream.on('data', (d) => (streamed += d));
  stream.on('close', () => (streamClosed = true));
  stream.write(`GET /inbox/stream?token=${srv.admin.token} HTTP/1.1\r\nHost: x\r\nAccept: text/event-stream\r\n\r\n`);
  assert.match(await kaDone, /^HTTP\/1\.1 200 /);   // answered, then closed when idle
  // the stream outlived the keep-alive connection and still delivers
  assert.equal(streamClosed, false);
  expectOk(await send(srv.base, { token: srv.admin.token, title: 'after the deadline', content: 'x' }));
  const deadline = Date.now() + 10000;
  while (!streamed.includes('after the deadline') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  assert.match(streamed, /after the deadline/);
  stream.destroy();
});
