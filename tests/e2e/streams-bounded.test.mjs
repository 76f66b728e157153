// Streams whose client does not read (issue 14 item 3, docs/devices.md
// "Live streams"): each gets a bounded backlog (stream.buffer_kb, here
// 64 KiB) and is then cut off; what it had received ends at its last
// whole event, and it resumes from that id (SSE Last-Event-ID, ntfy
// since=, WebSocket ?since=) with no gap and no repeat.  No timing is
// asserted: a stream that were never cut off would never end.
import assert from 'node:assert/strict';
import net from 'node:net';
import { readFile } from 'node:fs/promises';
import { suite } from './lib/feige.mjs';
import { send, expectOk } from './lib/http.mjs';
import { decodeFrames, openWS } from './lib/ws.mjs';
import { openSSE } from './lib/sse.mjs';
import { openNtfy } from './lib/ntfy.mjs';
import { waitFor } from './lib/wait.mjs';

const N = 2000;
const S = suite({ config: { 'stream.buffer_kb': 64 }, timeoutMs: 240000 });

async function rssKb(srv) {
  const t = await readFile(`/proc/${srv.proc.pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(t)[1]);
}

/** ASan keeps freed memory in quarantine: RSS says nothing there. */
async function sanitized(srv) {
  return /libasan|libtsan/.test(await readFile(`/proc/${srv.proc.pid}/maps`, 'utf8'));
}

/** A client that sends its request and then reads nothing at all. */
function deaf(srv, path, headers = {}) {
  return new Promise((resolve, reject) => {
    const u = new URL(srv.base);
    const sock = net.connect({ host: u.hostname, port: Number(u.port) });
    const c = { sock, data: Buffer.alloc(0), ended: false };
    sock.on('error', reject);
    sock.on('connect', () => {
      let req = `GET ${path} HTTP/1.1\r\nHost: ${u.host}\r\n`;
      for (const [k, v] of Object.entries(headers)) req += `${k}: ${v}\r\n`;
      sock.write(req + '\r\n');
      sock.pause();
      resolve(c);
    });
    sock.on('data', (d) => {
      c.data = Buffer.concat([c.data, d]);
    });
    sock.on('end', () => {
      c.ended = true;
    });
    sock.on('close', () => {
      c.ended = true;
    });
  });
}

/** Body after the response head. */
function body(c) {
  const i = c.data.indexOf('\r\n\r\n');
  assert.ok(i > 0, 'a response head');
  return c.data.subarray(i + 4);
}

// Each kind: its path, how to read whole events from a cut-off body, and
// once(pos, until): one reconnection from pos, read until `until` arrives
// or the server ends it after a full replay page -> [{title, pos}].
const WS_HEADERS = { Upgrade: 'websocket', Connection: 'Upgrade', 'Sec-WebSocket-Key': 'dGhlIHNhbXBsZSBub25jZQ==', 'Sec-WebSocket-Version': '13' };
const upTo = (until, done) => waitFor(() => done(), 60000, { what: until });
const KINDS = {
  sse: {
    path: (u) => `/inbox/stream?token=${u.token}`,
    parse: (b) => b.toString('utf8').split('\n\n').slice(0, -1)
      .map((e) => ({ id: /^id: (\d+)$/m.exec(e)?.[1], data: /^data: (.*)$/m.exec(e)?.[1] }))
      .filter((e) => e.id).map((e) => ({ title: JSON.parse(e.data).title, pos: e.id })),
    once: async (srv, u, pos, until) => {
      const s = await openSSE(`${srv.base}/inbox/stream?token=${u.token}`, { headers: { 'Last-Event-ID': pos } });
      const items = () => s.events.filter((e) => e.event === 'message').map((e) => ({ title: e.json.title, pos: e.id }));
      try {
        await upTo(until, () => s.ended || items().some((x) => x.title === until));
        return items();
      } finally {
        s.close();
      }
    },
  },
  ws: {
    path: (u) => `/inbox/ws?token=${u.token}`,
    headers: WS_HEADERS,
    parse: (b) => decodeFrames(b).frames.map((f) => JSON.parse(f.payload.toString('utf8')))
      .filter((m) => m.event === 'message').map((m) => ({ title: m.data.title, pos: String(m.id) })),
    once: async (srv, u, pos, until) => {
      const w = await openWS(`${srv.base}/inbox/ws?token=${u.token}&since=${pos}`);
      const items = () => w.json.filter((m) => m.event === 'message').map((m) => ({ title: m.data.title, pos: String(m.id) }));
      try {
        await upTo(until, () => w.closed || items().some((x) => x.title === until));
        return items();
      } finally {
        w.destroy();
      }
    },
  },
  ntfy: {
    path: (u) => `/${u.uid}/json`,
    auth: true,
    parse: (b) => b.toString('utf8').split('\n').slice(0, -1).map((l) => JSON.parse(l))
      .filter((m) => m.event === 'message').map((m) => ({ title: m.title, pos: m.id })),
    once: async (srv, u, pos, until) => {
      const s = await openNtfy(`${srv.base}/${u.uid}/json?since=${pos}`, { headers: { Authorization: `Bearer ${u.token}` } });
      const items = () => s.events.filter((m) => m.event === 'message').map((m) => ({ title: m.title, pos: m.id }));
      try {
        await upTo(until, () => s.ended || items().some((x) => x.title === until));
        return items();
      } finally {
        s.close();
      }
    },
  },
};

/** Reconnect from pos until `until` has come: every title, in order. */
async function resume(kind, srv, u, pos, until) {
  const titles = [];
  for (let pages = 0; pages < 50; pages++) {
    const got = await kind.once(srv, u, pos, until);
    titles.push(...got.map((x) => x.title));
    if (got.some((x) => x.title === until)) return titles;
    assert.ok(got.length > 0, `each page brings something (${kind.path({ token: 't', uid: 'u' })} from ${pos})`);
    pos = got[got.length - 1].pos;
  }
  throw new Error(`${until} never came`);
}

const title = (i) => `n${i} ${'y'.repeat(90)}`;

S.test(`clients that never read while ${N} messages are sent: cut off, bounded, resumed with no gap`, async (t, srv) => {
  const u = await srv.addUser('deaf');
  const clients = {};
  for (const [k, kind] of Object.entries(KINDS)) {
    const h = { ...(kind.headers || {}), ...(kind.auth ? { Authorization: `Bearer ${u.token}` } : {}) };
    clients[k] = await deaf(srv, kind.path(u), h);
  }
  // a client that reads: once it has the last message, every event was
  // handed to the deaf ones too (on PostgreSQL the live listener
  // publishes them after the commit, a little behind the sends)
  const reader = await openSSE(`${srv.base}/inbox/stream?token=${u.token}`);
  const rss0 = await rssKb(srv);
  let sc;
  for (let i = 0; i < N; i++) sc = expectOk(await send(srv.base, { token: u.token, title: title(i), content: `m${i} ${'z'.repeat(300)}` }));
  await srv.waitStatus(sc, [2]);
  await waitFor(() => reader.ended || reader.events.some((e) => e.json?.title === title(N - 1)), 60000, { what: 'the reading client: the last message' });
  reader.close();
  const rss1 = await rssKb(srv);
  // no timing: well under what the unread events would take if kept,
  // plus room for the store's caches
  if (!(await sanitized(srv))) assert.ok(rss1 - rss0 < 48 * 1024, `RSS grew by ${rss1 - rss0} KiB`);
  for (const [k, kind] of Object.entries(KINDS)) {
    const c = clients[k];
    c.sock.resume();
    await waitFor(() => c.ended, 60000, { what: `${k}: the server to cut the deaf client off` });
    const got = kind.parse(body(c));
    assert.ok(got.length > 0 && got.length < N, `${k}: received ${got.length} of ${N} before the cut`);
    got.forEach((g, i) => assert.equal(g.title, title(i), `${k}: in order, no gap, before the cut`));
    const rest = await resume(kind, srv, u, got[got.length - 1].pos, title(N - 1));
    const all = got.map((g) => g.title).concat(rest);
    assert.equal(all.length, N, `${k}: every message exactly once`);
    all.forEach((x, i) => assert.equal(x, title(i), `${k}: no gap and no repeat at the resume`));
  }
});
