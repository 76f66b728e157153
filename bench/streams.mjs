// bench/streams.mjs PORT TOKEN UID KIND N: opens N idle streams of one kind
// (sse, ws, ntfy; ws-ping: a WebSocket whose client has sent one ping, so
// the server holds its wslay session; mix: sse, ws and ntfy in turn, a
// third each) on raw sockets, waits until each has its first event (so
// the server has subscribed, replayed nothing and gone idle), then prints
// "ready" and keeps them open until stdin closes.  Driven by
// bench/streams.sh, which reads the server's RSS around it.
import net from 'node:net';

const [port, token, uid, kind, nArg] = process.argv.slice(2);
const n = Number(nArg);
const reqs = {
  sse: `GET /inbox/stream?token=${token} HTTP/1.1\r\nHost: b\r\n\r\n`,
  ws: `GET /inbox/ws?token=${token} HTTP/1.1\r\nHost: b\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
    'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n',
  ntfy: `GET /${uid}/json HTTP/1.1\r\nHost: b\r\nAuthorization: Bearer ${token}\r\n\r\n`,
};
const MIX = ['sse', 'ws', 'ntfy'];
const reqOf = (i) => reqs[kind === 'mix' ? MIX[i % 3] : kind === 'ws-ping' ? 'ws' : kind];
const req = reqOf(0);
// a masked ping with an empty payload (mask key 0)
const PING = Buffer.from([0x89, 0x80, 0, 0, 0, 0]);
if (!req || !n) {
  console.error('usage: streams.mjs PORT TOKEN UID sse|ws|ws-ping|ntfy|mix N');
  process.exit(2);
}
// past ~28 000 connections one source address runs out of ports, and the
// previous run's ports linger in TIME_WAIT: each run takes its own
// 127.x.0.0/16 (x from the pid) and 20 000 streams per source address
const net16 = 1 + (process.pid % 250);
const local = (i) => `127.${net16}.${1 + Math.floor(i / 20000)}.1`;
let ready = 0;
let failed = 0;
const socks = [];
function open(i) {
  return new Promise((resolve) => {
    const s = net.connect({ host: '127.0.0.1', port: Number(port), localAddress: local(i) });
    let got = '';
    s.on('connect', () => s.write(reqOf(i)));
    s.on('data', (d) => {
      if (got === null) return;
      got += d.toString('latin1');
      // the head and the first event: open / hello
      if (/(connected|"open")/.test(got)) {
        got = null;
        if (kind === 'ws-ping') s.write(PING);
        ready++;
        resolve();
      }
    });
    s.on('error', () => {
      failed++;
      resolve();
    });
    s.on('close', () => {
      if (got !== null) {
        failed++;
        resolve();
      }
    });
    socks.push(s);
  });
}
const batch = 200;
for (let i = 0; i < n; i += batch) {
  const p = [];
  for (let j = i; j < Math.min(n, i + batch); j++) p.push(open(j));
  await Promise.all(p);
}
console.log(`ready ${ready} failed ${failed}`);
process.stdin.resume();
process.stdin.on('end', () => {
  for (const s of socks) s.destroy();
  process.exit(0);
});
