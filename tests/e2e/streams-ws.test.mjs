// WebSocket streams (docs/devices.md "WebSocket"): GET /inbox/ws (the
// inbox's events as JSON text frames) and ntfy's GET /<topic>/ws (ntfy's
// message JSON, one per frame), spoken to by tests/e2e/lib/ws.mjs, an
// RFC 6455 client that can also send what a browser never would.
import assert from 'node:assert/strict';
import { suite } from './lib/feige.mjs';
import { send, request, expectOk } from './lib/http.mjs';
import { openWS, encodeFrame } from './lib/ws.mjs';
import { basic, authParam } from './lib/ntfy.mjs';
import { enableOpen, accessKey, open, ok } from './lib/open.mjs';

const S = suite();

async function sent(srv, u, params) {
  const sc = expectOk(await send(srv.base, { token: u.token, ...params }));
  await srv.waitStatus(sc, [2]);
  return sc;
}

function inboxWS(srv, u, query = '') {
  return openWS(`${srv.base}/inbox/ws?token=${u.token}${query}`);
}

S.test('/inbox/ws: open, then a message, then its delete, as JSON text frames', async (t, srv) => {
  const u = await srv.addUser('ws-live');
  await enableOpen(srv, u.uid);
  const key = await accessKey(srv, u.token);
  const ws = await inboxWS(srv, u);
  try {
    assert.equal(ws.status, 101);
    await ws.waitMessage((m) => m.event === 'open');
    const sc = await sent(srv, u, { title: 'ws title', content: 'ws **body**', template: 'markdown' });
    const m = await ws.waitMessage((x) => x.event === 'message');
    assert.equal(typeof m.id, 'number');
    assert.equal(m.data.id, m.id);
    assert.equal(m.data.shortCode, sc);
    assert.equal(m.data.title, 'ws title');
    assert.equal(typeof m.data.preview, 'string');
    assert.equal(ok(await open(srv, key, 'DELETE', 'message/deleteMessage', { query: { shortCode: sc } })), null);
    const d = await ws.waitMessage((x) => x.event === 'delete');
    assert.deepEqual(d, { event: 'delete', data: { shortCode: sc } });
    assert.ok(ws.frames.every((f) => f.fin && f.opcode === 1 && !f.masked && f.rsv === 0), 'unmasked final text frames');
    ws.close(1000);
    await ws.waitClose();
    assert.equal(ws.closeCode, 1000, 'the close is echoed');
  } finally {
    ws.destroy();
  }
});

S.test('/inbox/ws?since=ID replays what came after ID, then goes live', async (t, srv) => {
  const u = await srv.addUser('ws-replay');
  for (let i = 0; i < 3; i++) await sent(srv, u, { title: `r${i}`, content: `replay ${i}` });
  const list = await srv.inbox(u.token);
  const ids = list.map((x) => x.id).sort((a, b) => a - b);
  const ws = await inboxWS(srv, u, `&since=${ids[0]}`);
  try {
    const got = await ws.waitMessage(() => ws.json.filter((x) => x.event === 'message').length >= 2 && true, 'the replay');
    assert.ok(got);
    await sent(srv, u, { title: 'r3', content: 'live 3' });
    await ws.waitMessage((x) => x.event === 'message' && x.data.title === 'r3');
    const msgs = ws.json.filter((x) => x.event === 'message');
    assert.deepEqual(msgs.map((x) => x.data.title), ['r1', 'r2', 'r3'], 'after the id, in order, no repeat');
    assert.equal(ws.json[0].event, 'open');
  } finally {
    ws.destroy();
  }
});

S.test('two WebSockets of one person both get every event; one closing leaves the other', async (t, srv) => {
  const u = await srv.addUser('ws-two');
  const a = await inboxWS(srv, u);
  const b = await inboxWS(srv, u);
  try {
    await sent(srv, u, { title: 'both', content: 'to both' });
    await a.waitMessage((x) => x.event === 'message' && x.data.title === 'both');
    await b.waitMessage((x) => x.event === 'message' && x.data.title === 'both');
    a.close();
    await a.waitClose();
    await sent(srv, u, { title: 'b only', content: 'still there' });
    await b.waitMessage((x) => x.event === 'message' && x.data.title === 'b only');
  } finally {
    a.destroy();
    b.destroy();
  }
});

S.test('ntfy /<topic>/ws: ntfy JSON per frame, with Bearer, Basic or ?auth=', async (t, srv) => {
  const u = await srv.addUser('ws-ntfy');
  const url = `${srv.base}/${u.uid}/ws`;
  const clients = [
    await openWS(url, { headers: { Authorization: `Bearer ${u.token}` } }),
    await openWS(url, { headers: { Authorization: basic(u.uid, u.token) } }),
    await openWS(`${url}?auth=${authParam(`Bearer ${u.token}`)}`),
  ];
  try {
    for (const ws of clients) {
      assert.equal(ws.status, 101);
      const o = await ws.waitMessage((m) => m.event === 'open');
      assert.equal(o.topic, u.uid);
      assert.match(o.id, /^[0-9A-Za-z]{12}$/);
    }
    const sc = await sent(srv, u, { title: 'ntfy ws', content: 'over a socket' });
    for (const ws of clients) {
      const m = await ws.waitMessage((x) => x.event === 'message');
      assert.equal(m.topic, u.uid);
      assert.equal(m.title, 'ntfy ws');
      assert.equal(m.message, 'over a socket');
      assert.equal(m.sequence_id, sc);
      assert.match(m.id, /^m[0-9A-Za-z]{11}$/);
    }
    // since=<id> resumes after it, as ntfy's clients do on reconnect
    const first = clients[0].json.find((x) => x.event === 'message');
    await sent(srv, u, { title: 'later', content: 'after the first' });
    const again = await openWS(`${url}?since=${first.id}`, { headers: { Authorization: `Bearer ${u.token}` } });
    try {
      const m = await again.waitMessage((x) => x.event === 'message');
      assert.equal(m.title, 'later');
    } finally {
      again.destroy();
    }
  } finally {
    for (const ws of clients) ws.destroy();
  }
});

S.test('refusals: no credentials, someone else’s topic, no upgrade', async (t, srv) => {
  const u = await srv.addUser('ws-refuse');
  const other = await srv.addUser('ws-other');
  const anon = await openWS(`${srv.base}/inbox/ws`);
  assert.equal(anon.status, 401);
  assert.equal(anon.json.code, 401);
  const bad = await openWS(`${srv.base}/inbox/ws?token=${'0'.repeat(32)}`);
  assert.equal(bad.status, 401);
  const nt = await openWS(`${srv.base}/${u.uid}/ws`);
  assert.equal(nt.status, 401);
  assert.equal(nt.json.code, 40101);
  const theirs = await openWS(`${srv.base}/${u.uid}/ws`, { headers: { Authorization: `Bearer ${other.token}` } });
  assert.equal(theirs.status, 403);
  // a plain GET (no Upgrade) gets a JSON 400 that says what is missing
  const plain = await request(`${srv.base}/inbox/ws?token=${u.token}`);
  assert.equal(plain.status, 400);
  assert.equal(plain.json.code, 400);
  assert.match(plain.json.msg, /WebSocket upgrade is required/);
  assert.equal(plain.headers['sec-websocket-version'], '13');
  const v8 = await openWS(`${srv.base}/inbox/ws?token=${u.token}`, { headers: { 'Sec-WebSocket-Version': '8' } });
  assert.equal(v8.status, 400);
  const nokey = await openWS(`${srv.base}/inbox/ws?token=${u.token}`, { headers: { 'Sec-WebSocket-Key': 'short' } });
  assert.equal(nokey.status, 400);
  const np = await request(`${srv.base}/${u.uid}/ws`, { headers: { Authorization: `Bearer ${u.token}` } });
  assert.equal(np.status, 400);
  assert.equal(np.json.code, 40016);
});

// The server frees its wslay session whenever it holds nothing (ws_conn.c):
// a frame split over several TCP writes, or a message in fragments with a
// ping between them, must not lose the parser's place.
S.test('client frames across packets and fragments keep the session', async (t, srv) => {
  const u = await srv.addUser('ws-split');
  const ws = await inboxWS(srv, u);
  const pause = () => new Promise((r) => setTimeout(r, 100));
  try {
    await ws.waitMessage((m) => m.event === 'open');
    // a ping in three writes: first byte, the rest of the header, payload
    const ping = encodeFrame({ opcode: 9, payload: Buffer.from('split') });
    ws.raw(ping.subarray(0, 1));
    await pause();
    ws.raw(ping.subarray(1, 6));
    await pause();
    ws.raw(ping.subarray(6));
    await ws.waitMessage(() => ws.pongs.length === 1 && true, 'the pong');
    assert.equal(ws.pongs[0].toString(), 'split');
    // a text message in two fragments, a ping between them
    ws.frame({ opcode: 1, payload: 'frag', fin: false });
    await pause();
    ws.ping(Buffer.from('mid'));
    await ws.waitMessage(() => ws.pongs.length === 2 && true, 'the second pong');
    ws.frame({ opcode: 0, payload: 'ment', fin: true });
    await pause();
    // a 126-length (2-byte) frame in two writes
    const long = encodeFrame({ opcode: 1, payload: Buffer.alloc(300, 98) });
    ws.raw(long.subarray(0, 3));
    await pause();
    ws.raw(long.subarray(3));
    ws.ping(Buffer.from('end'));
    await ws.waitMessage(() => ws.pongs.length === 3 && true, 'the third pong');
    assert.equal(ws.closeCode, undefined, 'no close: the session kept its place');
    await sent(srv, u, { title: 'after', content: 'fragments' });
    await ws.waitMessage((x) => x.event === 'message' && x.data.title === 'after');
  } finally {
    ws.destroy();
  }
});

// What a client sends: pings are answered, its messages dropped, and a
// broken or oversized frame closes with RFC 6455's code (7.4.1).
const BROKEN = [
  ['an unmasked frame', { opcode: 1, payload: 'hi', mask: false }, 1002],
  ['a reserved opcode', { opcode: 3, payload: 'x' }, 1002],
  ['a reserved bit', { opcode: 1, payload: 'x', rsv: 4 }, 1002],
  ['a ping over 125 bytes', { opcode: 9, payload: Buffer.alloc(126, 97) }, 1002],
  ['a fragmented ping', { opcode: 9, payload: 'x', fin: false }, 1002],
  ['text that is not UTF-8', { opcode: 1, payload: Buffer.from([0xc3, 0x28]) }, 1007],
  ['a message over 4 KiB', { opcode: 2, payload: Buffer.alloc(4097) }, 1009],
];

S.test('client frames: ping answered, text dropped, broken frames closed with their code', async (t, srv) => {
  const u = await srv.addUser('ws-frames');
  const ws = await inboxWS(srv, u);
  try {
    await ws.waitMessage((m) => m.event === 'open');
    ws.send('hello server');
    ws.ping(Buffer.from('p1'));
    await ws.waitMessage(() => ws.pongs.length === 1 && true, 'a pong');
    assert.equal(ws.pongs[0].toString(), 'p1');
    ws.frame({ opcode: 1, payload: Buffer.alloc(4096, 97) });	// at the limit: fine
    await sent(srv, u, { title: 'still', content: 'alive' });
    await ws.waitMessage((x) => x.event === 'message' && x.data.title === 'still');
  } finally {
    ws.destroy();
  }
  for (const [what, frame, code] of BROKEN) {
    const w = await inboxWS(srv, u);
    try {
      await w.waitMessage((m) => m.event === 'open');
      w.frame(frame);
      await w.waitClose();
      assert.equal(w.closeCode, code, what);
    } finally {
      w.destroy();
    }
  }
});
