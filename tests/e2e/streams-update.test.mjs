// The "update" event of the inbox's live streams (docs/devices.md
// "Live streams"): when one of the person's devices answers an item's
// push, /inbox/stream (SSE, `event: update`) and /inbox/ws ({"event":
// "update"}) get {"id":<inbox item>,"device":{"id","type","status",
// "error"}}; ntfy's streams do not (its protocol has no such event).
// The device is a Bark server stand-in (tests/e2e/lib/sink.mjs) that
// answers 200, then 400 (an unknown device key: the device is gone).
import assert from 'node:assert/strict';
import { suite } from './lib/feige.mjs';
import { send, request, expectOk } from './lib/http.mjs';
import { openSSE } from './lib/sse.mjs';
import { openWS } from './lib/ws.mjs';
import { openNtfy } from './lib/ntfy.mjs';
import { sinkPool } from './lib/sink.mjs';
import { waitFor } from './lib/wait.mjs';

const newSink = sinkPool();
const S = suite({ config: { 'channel.allow_private': 'yes' } });

async function addBark(srv, token, url) {
  const r = await request(`${srv.base}/api/devices`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ type: 'bark', server: url, key: 'UpdKey_1' }),
  });
  assert.equal(r.json.code, 200, r.text);
  return r.json.data.id;
}

const updates = (sse) => sse.events.filter((e) => e.event === 'update').map((e) => e.json);

S.test('a device\'s answer to a push is an update on /inbox/stream and /inbox/ws, not on ntfy', async (t, srv) => {
  const bark = await newSink({ body: '{"code":200,"message":"success","timestamp":1700000000}' });
  const u = await srv.addUser('upd-live');
  const dev = await addBark(srv, u.token, bark.url(''));
  const sse = await openSSE(`${srv.base}/inbox/stream?token=${u.token}`);
  const ws = await openWS(`${srv.base}/inbox/ws?token=${u.token}`);
  const ntfy = await openNtfy(`${srv.base}/${u.uid}/json`, { headers: { Authorization: `Bearer ${u.token}` } });
  t.after(() => { sse.close(); ws.destroy(); ntfy.close(); });
  assert.equal(sse.status, 200);
  await ws.waitMessage((m) => m.event === 'open');
  await ntfy.waitEvent((e) => e.event === 'open');

  const sc = expectOk(await send(srv.base, { token: u.token, title: 'upd 1', content: 'first' }));
  const msg = (await waitFor(() => sse.events.find((e) => e.event === 'message'), 10000, { what: 'the message' })).json;
  assert.equal(msg.shortCode, sc);
  const up = await waitFor(() => updates(sse)[0], 10000, { what: 'the update' });
  assert.deepEqual(Object.keys(up), ['id', 'device']);
  assert.equal(up.id, msg.id, 'the inbox item of the message event');
  assert.deepEqual({ ...up.device, error: undefined }, { id: dev, type: 'bark', status: 'sent', error: undefined });
  assert.equal(typeof up.device.error, 'string');
  const wsUp = await ws.waitMessage((m) => m.event === 'update');
  assert.deepEqual(wsUp, { event: 'update', data: up });
  const sseEv = sse.events.find((e) => e.event === 'update');
  assert.equal(sseEv.id, undefined, 'no id: line, so Last-Event-ID stays the last message');

  bark.script.push({ status: 400, body: '{"code":400,"message":"failed to get device token: not found"}' });
  expectOk(await send(srv.base, { token: u.token, title: 'upd 2', content: 'second' }));
  const gone = await waitFor(() => updates(sse)[1], 10000, { what: 'the second update' });
  assert.equal(gone.device.id, dev);
  assert.equal(gone.device.status, 'gone');
  assert.match(gone.device.error, /400/);
  assert.notEqual(gone.id, up.id);
  await ws.waitMessage((m) => m.event === 'update' && m.data.device.status === 'gone');

  await ntfy.waitEvent((e) => e.event === 'message' && e.title === 'upd 2');
  assert.deepEqual([...new Set(ntfy.events.map((e) => e.event))].sort(), ['message', 'open']);
  assert.doesNotMatch(ntfy.text, /update|"device"/);
});
