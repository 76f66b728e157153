// ntfy's subscriber protocol (docs/devices.md, src/stream/ntfy.h): a person's
// topic is their UID, read with their token. A client that speaks ntfy's
// wire format subscribes to the JSON stream, SSE and raw forms and polls
// with since=; recalls arrive as ntfy's message_delete; keepalives come
// every ntfy.keepalive_s (1 s here).
import assert from 'node:assert/strict';
import { suite } from './lib/feige.mjs';
import { send, request, expectOk } from './lib/http.mjs';
import { openSSE } from './lib/sse.mjs';
import { openNtfy, basic, authParam } from './lib/ntfy.mjs';
import { enableOpen, accessKey, open, ok } from './lib/open.mjs';
import { wxGet, newApp, followers, sendWx } from './lib/wx.mjs';

const S = suite({ config: { 'ntfy.keepalive_s': 1 } });

const ID = /^[0-9A-Za-z]{12}$/;
const UNAUTHORIZED = '{"code":40101,"http":401,"error":"unauthorized","link":"https://ntfy.sh/docs/publish/#authentication"}\n';

function bearer(u) {
  return { Authorization: `Bearer ${u.token}` };
}

async function sent(srv, u, params) {
  const sc = expectOk(await send(srv.base, { token: u.token, ...params }));
  await srv.waitStatus(sc, [2]);
  return sc;
}

async function poll(srv, u, query) {
  const r = await request(`${srv.base}/${u.uid}/json?poll=1&${query}`, { headers: bearer(u) });
  assert.equal(r.status, 200, `${query}: ${r.text}`);
  return r.text.split('\n').filter((l) => l !== '').map((l) => JSON.parse(l));
}

S.test('GET /v1/health and /<topic>/auth as the ntfy app probes them', async (t, srv) => {
  const h = await request(`${srv.base}/v1/health`);
  assert.equal(h.status, 200);
  assert.equal(h.text, '{"healthy":true}\n');
  const u = await srv.addUser('ntfy-auth');
  const other = await srv.addUser('ntfy-other');
  const a = await request(`${srv.base}/${u.uid}/auth`, { headers: { Authorization: basic('anyone', u.token) } });
  assert.equal(a.status, 200);
  assert.equal(a.text, '{"success":true}\n');
  const none = await request(`${srv.base}/${u.uid}/auth`);
  assert.equal(none.status, 401);
  assert.equal(none.headers['content-type'], 'application/json');
  assert.equal(none.text, UNAUTHORIZED);
  const wrong = await request(`${srv.base}/${u.uid}/auth`, { headers: { Authorization: basic('x', '0'.repeat(32)) } });
  assert.equal(wrong.status, 401);
  const theirs = await request(`${srv.base}/${u.uid}/auth`, { headers: bearer(other) });
  assert.equal(theirs.status, 403);
  assert.equal(theirs.json.code, 40301);
  assert.equal(theirs.json.http, 403);
  const unknown = await request(`${srv.base}/someone-else/auth`, { headers: bearer(u) });
  assert.equal(unknown.status, 403, 'a topic that is not the person’s');
});

S.test('JSON stream: open first, then messages as sends arrive, then keepalives', async (t, srv) => {
  const u = await srv.addUser('ntfy-json');
  const s = await openNtfy(`${srv.base}/${u.uid}/json`, { headers: bearer(u) });
  try {
    assert.equal(s.status, 200);
    assert.equal(s.headers['content-type'], 'application/x-ndjson; charset=utf-8');
    const opened = await s.waitEvent((e) => e.event === 'open', 'open');
    assert.equal(s.events[0], opened, 'open is the first line');
    assert.match(opened.id, ID);
    assert.equal(opened.topic, u.uid);
    assert.equal(typeof opened.time, 'number');
    assert.deepEqual(Object.keys(opened), ['id', 'time', 'event', 'topic']);

    const sc = await sent(srv, u, { title: '磁盘告警', content: '<p><b>/data</b> 95% full</p>', template: 'html' });
    const m = await s.waitEvent((e) => e.event === 'message', 'message');
    assert.match(m.id, /^m[0-9A-Za-z]{11}$/);
    assert.equal(m.topic, u.uid);
    assert.equal(m.title, '磁盘告警');
    assert.equal(m.message, '/data 95% full', 'plain text of the content');
    assert.equal(m.priority, 3);
    assert.equal(m.click, `${srv.base}/message/${sc}`);
    assert.equal(m.sequence_id, sc);
    assert.ok(Math.abs(m.time - Date.now() / 1000) < 120);
    assert.deepEqual(Object.keys(m), ['id', 'time', 'event', 'topic', 'title', 'message', 'priority', 'click', 'sequence_id']);

    const k = await s.waitEvent((e) => e.event === 'keepalive', 'keepalive');
    assert.match(k.id, ID);
    assert.equal(k.topic, u.uid);
    // the stream stays open: a second message still arrives
    const sc2 = await sent(srv, u, { content: 'second' });
    const m2 = await s.waitEvent((e) => e.event === 'message' && e.sequence_id === sc2, 'second message');
    assert.equal(m2.title, undefined, 'no title: left out');
    assert.equal(m2.message, 'second');
    assert.ok(m2.id > m.id, 'ids sort in inbox order');
  } finally {
    s.close();
  }
});

S.test('poll=1 with since=all, an id, a duration, a time, latest, none; bad since is 400', async (t, srv) => {
  const u = await srv.addUser('ntfy-poll');
  const scs = [];
  for (let i = 0; i < 3; i++) scs.push(await sent(srv, u, { title: `p${i}`, content: `poll ${i}` }));
  const all = await poll(srv, u, 'since=all');
  assert.deepEqual(all.map((e) => e.sequence_id), scs, 'oldest first, no open event');
  assert.ok(all.every((e) => e.event === 'message'));
  assert.deepEqual((await poll(srv, u, '')).map((e) => e.sequence_id), scs, 'poll without since is all');
  assert.deepEqual((await poll(srv, u, `since=${all[0].id}`)).map((e) => e.sequence_id), scs.slice(1));
  assert.deepEqual((await poll(srv, u, `since=${all[2].id}`)), []);
  assert.deepEqual((await poll(srv, u, 'since=10m')).map((e) => e.sequence_id), scs);
  assert.deepEqual((await poll(srv, u, 'since=1h30m')).map((e) => e.sequence_id), scs);
  assert.deepEqual((await poll(srv, u, `since=${Math.floor(Date.now() / 1000) - 600}`)).map((e) => e.sequence_id), scs);
  assert.deepEqual((await poll(srv, u, `since=${Math.floor(Date.now() / 1000) + 3600}`)), []);
  assert.deepEqual((await poll(srv, u, 'since=latest')).map((e) => e.sequence_id), [scs[2]]);
  assert.deepEqual((await poll(srv, u, 'since=none')), []);
  assert.deepEqual((await poll(srv, u, 'since=ABCDEFGHIJKL')).map((e) => e.sequence_id), scs, 'an id feige did not make: all');
  const bad = await request(`${srv.base}/${u.uid}/json?poll=1&since=yesterday`, { headers: bearer(u) });
  assert.equal(bad.status, 400);
  assert.equal(bad.json.code, 40008);
  // a stream with since=<id> replays after it, then goes live
  const s = await openNtfy(`${srv.base}/${u.uid}/json?since=${all[1].id}`, { headers: bearer(u) });
  try {
    await s.waitEvent((e) => e.sequence_id === scs[2], 'replayed item');
    assert.deepEqual(s.events.filter((e) => e.event !== 'keepalive').map((e) => e.event), ['open', 'message']);
  } finally {
    s.close();
  }
});

S.test('credentials: Bearer, Basic with the token as password, ?auth=; none is 401; another person’s is 403', async (t, srv) => {
  const u = await srv.addUser('ntfy-cred');
  const other = await srv.addUser('ntfy-cred-other');
  await sent(srv, u, { content: 'secret' });
  const url = `${srv.base}/${u.uid}/json?poll=1`;
  for (const headers of [bearer(u), { Authorization: basic(u.uid, u.token) }, { Authorization: basic('', u.token) }]) {
    const r = await request(url, { headers });
    assert.equal(r.status, 200, JSON.stringify(headers));
    assert.match(r.text, /"message":"secret"/);
  }
  for (const value of [`Bearer ${u.token}`, basic('me', u.token)]) {
    const r = await request(`${url}&auth=${authParam(value)}`);
    assert.equal(r.status, 200, value);
    assert.match(r.text, /"message":"secret"/);
  }
  const none = await request(url);
  assert.equal(none.status, 401);
  assert.equal(none.text, UNAUTHORIZED);
  assert.equal((await request(`${url}&auth=${authParam('Bearer nope')}`)).status, 401);
  assert.equal((await request(url, { headers: { Authorization: basic(u.uid, 'wrong') } })).status, 401);
  const theirs = await request(url, { headers: bearer(other) });
  assert.equal(theirs.status, 403);
  assert.ok(!theirs.text.includes('secret'));
  const mixed = await request(`${srv.base}/${other.uid},${u.uid}/json?poll=1`, { headers: bearer(other) });
  assert.equal(mixed.status, 403, 'every topic in a list must be the person’s');
  const own = await request(`${srv.base}/${other.uid}/json?poll=1`, { headers: bearer(other) });
  assert.equal(own.status, 200);
  assert.equal(own.text, '', 'the other person has nothing');
});

S.test('SSE and raw forms', async (t, srv) => {
  const u = await srv.addUser('ntfy-sse');
  const s = await openSSE(`${srv.base}/${u.uid}/sse?auth=${authParam(basic('', u.token))}`);
  const r = await openNtfy(`${srv.base}/${u.uid}/raw`, { headers: bearer(u), raw: true });
  try {
    assert.equal(s.status, 200);
    assert.equal(s.headers['content-type'], 'text/event-stream; charset=utf-8');
    const [opened] = await s.waitForEvents(1);
    assert.equal(opened.event, 'open');
    assert.equal(opened.json.topic, u.uid);
    const sc = await sent(srv, u, { title: 'T', content: 'line one\nline two', template: 'txt' });
    const [, m] = await s.waitForEvents(2);
    assert.equal(m.event, 'message', 'a message has no event: line');
    assert.equal(m.json.sequence_id, sc);
    assert.equal(m.json.message, 'line one line two');
    await r.waitText(/line one line two\n/);
    assert.equal(r.headers['content-type'], 'text/plain; charset=utf-8');
    assert.ok(r.text.startsWith('\n'), 'open is an empty line');
  } finally {
    s.close();
    r.close();
  }
});

S.test('recall: WxPusher delete and open API deleteMessage reach ntfy as message_delete', async (t, srv) => {
  const app = await newApp(srv, 'ntfy-recall');
  const [p] = await followers(srv, 1, { app: app.appId, prefix: 'nt' });
  const s = await openNtfy(`${srv.base}/${p.uid}/json?since=none`, { headers: { Authorization: basic(p.uid, p.token) } });
  try {
    const r = await sendWx(srv.base, { appToken: app.appToken, content: 'recall me ntfy', uids: [p.uid] });
    assert.equal(r.code, 1000);
    const m = await s.waitEvent((e) => e.event === 'message' && e.message === 'recall me ntfy', 'wx message');
    const del = await wxGet(srv.base, '/api/send/message', { messageContentId: r.data[0].messageContentId, appToken: app.appToken }, { method: 'DELETE' });
    assert.equal(del.code, 1000);
    const d = await s.waitEvent((e) => e.event === 'message_delete', 'message_delete');
    assert.match(d.id, /^d[0-9A-Za-z]{11}$/);
    assert.equal(d.topic, p.uid);
    assert.equal(d.sequence_id, m.sequence_id, 'names the recalled message');
    assert.deepEqual(Object.keys(d), ['id', 'time', 'event', 'topic', 'sequence_id']);
    // ntfy-android keeps a delete's id as its last id: resuming from it works
    const again = await request(`${srv.base}/${p.uid}/json?poll=1&since=${d.id}`, { headers: bearer(p) });
    assert.equal(again.status, 200);
    assert.ok(!again.text.includes('recall me ntfy'), 'the recalled message is not replayed');
  } finally {
    s.close();
  }

  const u = await srv.addUser('ntfy-recall-open');
  await enableOpen(srv, u.uid);
  const key = await accessKey(srv, u.token);
  const sc = await sent(srv, u, { content: 'open recall' });
  const s2 = await openNtfy(`${srv.base}/${u.uid}/json?since=all`, { headers: bearer(u) });
  try {
    await s2.waitEvent((e) => e.sequence_id === sc && e.event === 'message', 'replayed');
    assert.equal(ok(await open(srv, key, 'DELETE', 'message/deleteMessage', { query: { shortCode: sc } })), null);
    await s2.waitEvent((e) => e.event === 'message_delete' && e.sequence_id === sc, 'open API delete');
  } finally {
    s2.close();
  }
});

S.test('publishing to a person’s topic is refused; fixed routes still win', async (t, srv) => {
  const u = await srv.addUser('ntfy-pub');
  for (const method of ['POST', 'PUT']) {
    const r = await request(`${srv.base}/${u.uid}`, { method, headers: bearer(u), body: 'hi' });
    assert.equal(r.status, 403, method);
    assert.equal(r.json.code, 40301);
    assert.equal(r.json.http, 403);
    assert.match(r.json.error, /pushplus or WxPusher/);
  }
  assert.equal((await srv.inbox(u.token)).length, 0, 'nothing was stored');
  assert.equal((await request(`${srv.base}/healthz`)).status, 200);
  const nope = await request(`${srv.base}/nope`, { method: 'POST', body: '{}' });
  assert.equal(nope.status, 404, 'other paths keep pushplus’s 404');
  assert.equal(nope.json.code, 404);
  const ws = await request(`${srv.base}/${u.uid}/ws?since=all`, { headers: bearer(u) });
  assert.equal(ws.status, 400, 'a WebSocket path wants an upgrade');
  assert.equal(ws.json.code, 40016);
  assert.match(ws.json.error, /websocket protocol/);
  const page = await request(`${srv.base}/${u.uid}`);
  assert.equal(page.status, 404);
  assert.equal(page.json.code, 40401);
});
