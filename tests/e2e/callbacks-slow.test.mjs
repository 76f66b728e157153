// A receiver that never answers costs only its own callbacks: the
// callback sender runs every due callback as its own transfer, at most
// two at a time per host, so another receiver's callback arrives while
// the tarpit's are still hanging; the tarpit's are all tried in the end.
import assert from 'node:assert/strict';
import { suite } from './lib/feige.mjs';
import { send, expectOk } from './lib/http.mjs';
import { sinkPool } from './lib/sink.mjs';
import { waitFor } from './lib/wait.mjs';

const S = suite({ config: { 'callback.timeout_ms': 3000, 'callback.tries': 1 } });
const newSink = sinkPool();

S.test('five tarpit callbacks do not hold up another receiver; two per host at a time', async (t, srv) => {
  const tarpit = await newSink({ delayMs: 60000 });
  const quick = await newSink();
  const slow = [];
  for (let i = 0; i < 5; i++)
    slow.push(expectOk(await send(srv.base, { token: srv.admin.token, content: 'slow ' + i, callbackUrl: tarpit.url('/slow') })));
  await tarpit.waitForCount(2);
  // another host (localhost is not 127.0.0.1 to the per-host limit)
  const sc = expectOk(await send(srv.base, { token: srv.admin.token, content: 'quick', callbackUrl: quick.url('/quick').replace('127.0.0.1', 'localhost') }));
  const req = await quick.waitForRequest((r) => r.json && r.json.messageInfo.shortCode === sc);
  assert.equal(req.path, '/quick');
  const tarpitPort = new URL(tarpit.url()).port;
  const slowOutcome = new RegExp(`url="http://127\\.0\\.0\\.1:${tarpitPort}/slow" status=\\d+ attempt=1 outcome=`);
  assert.doesNotMatch(srv.stderr, slowOutcome, 'the quick callback arrived before any tarpit transfer ended');
  assert.equal(tarpit.requests.length, 2, 'two transfers to one host at a time');
  // every tarpit callback is tried once and given up after its timeout
  await waitFor(() => (srv.stderr.match(new RegExp(slowOutcome.source + 'gave_up', 'g')) || []).length === 5, 40000, { what: 'five tarpit outcomes' });
  assert.equal(tarpit.requests.length, 5);
});
