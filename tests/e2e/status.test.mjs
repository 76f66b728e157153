// Final outcomes: expired timestamp and not-yet-implemented channels end in
// status 3 with a reason (never silently), and are reported by callback.
import assert from 'node:assert/strict';
import { before, after } from 'node:test';
import { suite } from './lib/feige.mjs';
import { send, expectOk } from './lib/http.mjs';
import { startSink } from './lib/sink.mjs';

const S = suite();
let sink;
before(async () => {
  sink = await startSink();
});
after(() => sink && sink.close());

const cbFor = (sc) => sink.waitForRequest((r) => r.json && r.json.messageInfo && r.json.messageInfo.shortCode === sc, 10000, `callback for ${sc}`);

S.test('timestamp in the past → 200, status 3 with reason, callback sendStatus 3, not in inbox', async (t, srv) => {
  for (const ts of [1632993318000, '1632993318000', Date.now() - 60_000]) {
    const sc = expectOk(await send(srv.base, { token: srv.admin.token, title: 'expired', content: 'too late', timestamp: ts, callbackUrl: sink.url('/expired') }));
    const m = await srv.waitStatus(sc, [3]);
    assert.equal(typeof m.error, 'string');
    assert.ok(m.error.length > 0, 'status 3 carries a reason');
    const cb = await cbFor(sc);
    assert.equal(cb.json.event, 'message_complate');
    assert.equal(cb.json.messageInfo.sendStatus, 3);
    assert.ok(cb.json.messageInfo.message.length > 0, 'callback message holds the reason');
    const inbox = await srv.inbox(srv.admin.token);
    assert.ok(!inbox.some((x) => x.shortCode === sc), 'expired message not delivered to the inbox');
  }
});

S.test('timestamp in the past via GET query', async (t, srv) => {
  const sc = expectOk(await send(srv.base, { token: srv.admin.token, content: 'late get', timestamp: 1000 }, { method: 'GET' }));
  await srv.waitStatus(sc, [3]);
});

// Channels feige cannot serve (app, extension, clawbot, qq, cmcc, and sms
// or voice without an SMS provider) are refused at send time with 999 and
// never reach a status: channels-sms.test.mjs.

S.test('delivered message: status 2, empty error, delivery attempts counted', async (t, srv) => {
  const sc = expectOk(await send(srv.base, { token: srv.admin.token, content: 'ok one' }));
  const m = await srv.waitStatus(sc, [2]);
  assert.ok(m.error === '' || m.error === null || m.error === undefined, 'no error: ' + JSON.stringify(m));
  assert.equal(m.deliveries[0].status, 2);
  assert.equal(m.deliveries[0].channel, 'wechat');
  assert.ok(m.deliveries[0].attempts >= 1);
});
