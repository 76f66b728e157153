// Recipient side: inbox page and JSON list (token-protected), the SSE stream
// with live delivery and replay after reconnect (Last-Event-ID and since=).
import assert from 'node:assert/strict';
import { suite } from './lib/feige.mjs';
import { send, request, expectOk } from './lib/http.mjs';
import { openSSE } from './lib/sse.mjs';
import { waitFor } from './lib/wait.mjs';
import { signIn } from './lib/person.mjs';

const S = suite();

S.test('first-run admin block: uid, token and an inbox link (no token in it) that works after the sign-in it names', async (t, srv) => {
  assert.match(srv.admin.uid, /^UID_\S+$/);
  assert.match(srv.admin.token, /^[0-9a-f]{32}$/);
  assert.equal(srv.admin.inbox, `${srv.base}/inbox`);
  assert.ok(srv.stdout.includes(`(sign in: feige user login-link ${srv.admin.uid})`), srv.stdout);
  assert.equal((await request(srv.admin.inbox)).status, 401);
  const j = await signIn(srv, srv.admin.uid);
  const r = await request(srv.admin.inbox, { headers: { Cookie: j.header() } });
  assert.equal(r.status, 200);
});

S.test('/inbox: 401 without or with a bad token; HTML list with /message links', async (t, srv) => {
  assert.equal((await request(`${srv.base}/inbox`)).status, 401);
  assert.equal((await request(`${srv.base}/inbox?token=`)).status, 401);
  assert.equal((await request(`${srv.base}/inbox?token=${'0'.repeat(32)}`)).status, 401);
  const u = await srv.addUser('inbox-html');
  const sc = expectOk(await send(srv.base, { token: u.token, title: '收件箱 <i>t</i>', content: 'inbox item' }));
  await srv.waitStatus(sc, [2]);
  const r = await request(`${srv.base}/inbox?token=${u.token}`);
  assert.equal(r.status, 200);
  assert.match(r.headers['content-type'], /^text\/html/i);
  assert.ok(r.text.includes(`/message/${sc}`), 'links to the message page');
  assert.ok(r.text.includes('收件箱'), 'shows the title');
  assert.ok(!r.text.includes('<i>t</i>'), 'title is escaped in the inbox list');
  // feige's own page may load its own script file, but has no inline script
  for (const m of r.text.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)) {
    assert.match(m[1], /\bsrc="\/static\//, `only feige's own script files: ${m[0]}`);
    assert.equal(m[2].trim(), '', `no inline script: ${m[0]}`);
  }
  // the message page itself needs no token
  assert.equal((await request(`${srv.base}/message/${sc}`)).status, 200);
});

S.test('/inbox/messages: newest first, fields, since and limit; bad token refused', async (t, srv) => {
  const u = await srv.addUser('inbox-json');
  const scs = [];
  for (let i = 0; i < 4; i++) {
    const sc = expectOk(await send(srv.base, { token: u.token, title: `m${i}`, content: `body ${i}`, template: i === 3 ? 'markdown' : 'html' }));
    await srv.waitStatus(sc, [2]);
    scs.push(sc);
  }
  const list = await srv.inbox(u.token);
  assert.equal(list.length, 4);
  assert.deepEqual(list.map((x) => x.shortCode), [...scs].reverse(), 'newest first');
  for (const x of list) {
    assert.equal(typeof x.id, 'number');
    assert.match(x.shortCode, /^[0-9a-f]{32}$/);
    assert.equal(typeof x.title, 'string');
    assert.equal(typeof x.template, 'string');
    assert.equal(typeof x.createdAt, 'number');
  }
  assert.equal(list[0].title, 'm3');
  assert.equal(list[0].template.toLowerCase(), 'markdown');
  const ids = list.map((x) => x.id);
  assert.deepEqual([...ids].sort((a, b) => b - a), ids, 'ids descending');
  const since = list[2].id; // m1
  const newer = await srv.inbox(u.token, { since });
  assert.deepEqual(newer.map((x) => x.title), ['m3', 'm2']);
  const lim = await srv.inbox(u.token, { limit: 2 });
  assert.deepEqual(lim.map((x) => x.title), ['m3', 'm2']);
  const raw = await request(`${srv.base}/inbox/messages?token=${u.token}`);
  assert.equal(raw.json.code, 200);
  assert.equal(raw.json.msg, '请求成功');

  const bad = await request(`${srv.base}/inbox/messages?token=${'1'.repeat(32)}`);
  assert.ok(bad.status === 401 || (bad.json && bad.json.code !== 200), `bad token refused: ${bad.status} ${bad.text}`);
  const none = await request(`${srv.base}/inbox/messages`);
  assert.ok(none.status === 401 || (none.json && none.json.code !== 200));
});

S.test('SSE: live delivery with token in the query', async (t, srv) => {
  const u = await srv.addUser('sse-live');
  const s = await openSSE(`${srv.base}/inbox/stream?token=${u.token}`);
  try {
    assert.equal(s.status, 200);
    assert.match(s.headers['content-type'], /^text\/event-stream/);
    const sc = expectOk(await send(srv.base, { token: u.token, title: 'live title', content: 'live preview text' }));
    const [ev] = await s.waitForEvents(1);
    assert.equal(ev.event, 'message');
    assert.ok(ev.json, 'data is JSON: ' + ev.data);
    assert.equal(ev.json.shortCode, sc);
    assert.equal(ev.json.title, 'live title');
    assert.equal(String(ev.json.id), ev.id, 'id: line equals data.id');
    assert.equal(typeof ev.json.id, 'number');
    assert.equal(typeof ev.json.preview, 'string');
    assert.ok(ev.json.preview.includes('live preview'), 'preview is the start of the content');
    assert.equal(ev.json.template.toLowerCase(), 'html');
    assert.equal(typeof ev.json.createdAt, 'number');
    assert.ok(ev.json.createdAt > 1.6e12, 'createdAt in ms');
    assert.deepEqual(Object.keys(ev.json).sort(), ['createdAt', 'id', 'preview', 'shortCode', 'template', 'title']);
  } finally {
    s.close();
  }
});

S.test('SSE: Authorization: Bearer works; other users\' messages not streamed', async (t, srv) => {
  const u = await srv.addUser('sse-bearer');
  const other = await srv.addUser('sse-other');
  const s = await openSSE(`${srv.base}/inbox/stream`, { headers: { Authorization: `Bearer ${u.token}` } });
  try {
    assert.equal(s.status, 200);
    expectOk(await send(srv.base, { token: other.token, title: 'not for u', content: 'x' }));
    const sc = expectOk(await send(srv.base, { token: u.token, title: 'for u', content: 'y' }));
    const [ev] = await s.waitForEvents(1);
    assert.equal(ev.json.shortCode, sc);
    assert.ok(!s.events.some((e) => e.json && e.json.title === 'not for u'));
  } finally {
    s.close();
  }
});

S.test('SSE: bad or missing token → 401', async (t, srv) => {
  const a = await openSSE(`${srv.base}/inbox/stream?token=${'2'.repeat(32)}`);
  assert.equal(a.status, 401);
  a.close();
  const b = await openSSE(`${srv.base}/inbox/stream`);
  assert.equal(b.status, 401);
  b.close();
  const c = await openSSE(`${srv.base}/inbox/stream`, { headers: { Authorization: 'Bearer nope' } });
  assert.equal(c.status, 401);
  c.close();
});

S.test('SSE: group message streams to every member', async (t, srv) => {
  const code = 'ssegrp' + process.pid;
  await srv.cli(['group', 'add', srv.admin.uid, code, 'sse group']);
  const members = [await srv.addUser('sse-m1'), await srv.addUser('sse-m2')];
  for (const m of members) await srv.cli(['group', 'join', code, m.uid]);
  const streams = await Promise.all(members.map((m) => openSSE(`${srv.base}/inbox/stream?token=${m.token}`)));
  try {
    const sc = expectOk(await send(srv.base, { token: srv.admin.token, content: 'to sse group', topic: code }));
    for (const s of streams) {
      const [ev] = await s.waitForEvents(1);
      assert.equal(ev.json.shortCode, sc);
    }
  } finally {
    streams.forEach((s) => s.close());
  }
});

async function replayCase(srv, name, openWith) {
  const u = await srv.addUser(name);
  const s1 = await openSSE(`${srv.base}/inbox/stream?token=${u.token}`);
  let lastId;
  try {
    const sc1 = expectOk(await send(srv.base, { token: u.token, title: 'r1', content: 'r1' }));
    const [e1] = await s1.waitForEvents(1);
    assert.equal(e1.json.shortCode, sc1);
    lastId = e1.id;
  } finally {
    s1.close();
  }
  // while disconnected
  const missed = [];
  for (const title of ['r2', 'r3']) {
    const sc = expectOk(await send(srv.base, { token: u.token, title, content: title }));
    missed.push(sc);
  }
  await waitFor(async () => (await srv.inbox(u.token)).length === 3, 10000, { what: 'missed messages in inbox' });
  const s2 = await openWith(u, lastId);
  try {
    assert.equal(s2.status, 200);
    const replay = await s2.waitForEvents(2);
    assert.deepEqual(replay.map((e) => e.json.shortCode), missed, 'replays exactly the missed items, oldest first');
    assert.ok(replay.every((e) => Number(e.id) > Number(lastId)));
    const live = expectOk(await send(srv.base, { token: u.token, title: 'r4', content: 'r4' }));
    const all = await s2.waitForEvents(3);
    assert.equal(all[2].json.shortCode, live, 'then streams live');
    assert.equal(s2.events.filter((e) => e.json && e.json.title === 'r1').length, 0, 'no item at or before Last-Event-ID');
  } finally {
    s2.close();
  }
}

S.test('SSE: reconnect with Last-Event-ID replays what was missed, then live', async (t, srv) => {
  await replayCase(srv, 'sse-leid', (u, lastId) => openSSE(`${srv.base}/inbox/stream?token=${u.token}`, { headers: { 'Last-Event-ID': lastId } }));
});

S.test('SSE: reconnect with since= replays what was missed, then live', async (t, srv) => {
  await replayCase(srv, 'sse-since', (u, lastId) => openSSE(`${srv.base}/inbox/stream?token=${u.token}&since=${lastId}`));
});

S.test('SSE: since=0 replays the whole inbox', async (t, srv) => {
  const u = await srv.addUser('sse-zero');
  const scs = [];
  for (let i = 0; i < 3; i++) scs.push(expectOk(await send(srv.base, { token: u.token, title: 'z' + i, content: 'z' })));
  await waitFor(async () => (await srv.inbox(u.token)).length === 3, 10000);
  const s = await openSSE(`${srv.base}/inbox/stream?token=${u.token}&since=0`);
  try {
    const evs = await s.waitForEvents(3);
    assert.deepEqual(evs.map((e) => e.json.shortCode), scs);
  } finally {
    s.close();
  }
});

S.test('SSE: expired (status 3) messages are not streamed', async (t, srv) => {
  const u = await srv.addUser('sse-expired');
  const s = await openSSE(`${srv.base}/inbox/stream?token=${u.token}`);
  try {
    const dead = expectOk(await send(srv.base, { token: u.token, content: 'dead', timestamp: 1000 }));
    await srv.waitStatus(dead, [3]);
    const ok = expectOk(await send(srv.base, { token: u.token, content: 'alive' }));
    const [ev] = await s.waitForEvents(1);
    assert.equal(ev.json.shortCode, ok);
  } finally {
    s.close();
  }
});
