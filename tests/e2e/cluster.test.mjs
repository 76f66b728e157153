// Three feige nodes on one PostgreSQL database (issue 13, docs/scale.md
// "Phase 2"), only under make test-pg: a burst of /send spread across
// them, a webhook channel pointed at a recording stand-in that answers
// slowly (so each node has deliveries queued), and one node kill -9ed
// mid-burst.  Its claims stop being renewed; once their lease
// (store.lease_s) runs out the other two take its deliveries and
// callbacks over.  Every send that got 200 is delivered at least once,
// every repeat carries the same X-Feige-Delivery id (counted and
// reported), and every message's callback fires with sendStatus 2.
import assert from 'node:assert/strict';
import { test, after } from 'node:test';
import { createFeige } from './lib/feige.mjs';
import { send } from './lib/http.mjs';
import { ON_PG } from './lib/pg.mjs';
import { sinkPool, addWebhook } from './lib/sink.mjs';
import { waitFor } from './lib/wait.mjs';

const newSink = sinkPool();
const SENDS = 90; // 30 per node
const KILL_AFTER = 12; // 200s from the victim before it is killed

const CONFIG = {
  'channel.allow_private': 'yes',
  'store.lease_s': 2,
  'queue.workers': 2,
  'callback.tries': 5,
};

async function sendOne(node, token, code, i, cb) {
  try {
    const r = await send(node.base, { token, channel: 'webhook', webhook: code, title: `t${i}`, content: `burst ${i}`, callbackUrl: cb });
    return r.status === 200 && r.json && r.json.code === 200 ? r.json.data : null;
  } catch {
    return null; // the killed node: no reply, not accepted
  }
}

test('three nodes on one PostgreSQL: a node kill -9ed mid-burst loses nothing; repeats carry one delivery id', { skip: !ON_PG && 'PostgreSQL only (make test-pg)', timeout: 60000 }, async (t) => {
  const nodes = [];
  after(async () => {
    for (const n of nodes.slice(1)) await n.cleanup();
    if (nodes[0]) await nodes[0].cleanup(); // drops the shared database
  });
  const first = await createFeige({ config: CONFIG });
  nodes.push(first);
  await first.start();
  for (let i = 0; i < 2; i++) {
    const n = await createFeige({ config: CONFIG, storeDir: first.dataDir });
    n.admin = first.admin; // the store has its admin already: no first-run block
    nodes.push(n);
    await n.start();
  }
  const hook = await newSink({ body: '{"errcode":0,"errmsg":"ok"}', delayMs: 150 });
  const cbs = await newSink();
  const code = await addWebhook(first, 'cl', 1, hook.url('/hook'));
  const token = first.admin.token;
  const victim = nodes[2];

  // the burst: round-robin over the nodes, a few in flight at a time
  const accepted = new Map(); // shortCode -> i
  let victimOk = 0;
  let killed = null;
  for (let i = 0; i < SENDS; i += 3) {
    const batch = [0, 1, 2].map(async (k) => {
      const sc = await sendOne(nodes[k], token, code, i + k, cbs.url('/cb'));
      if (sc) {
        accepted.set(sc, i + k);
        if (k === 2) victimOk++;
      }
    });
    await Promise.all(batch);
    if (!killed && victimOk >= KILL_AFTER) killed = victim.kill9();
  }
  await killed;
  assert.ok(victimOk >= KILL_AFTER, `the victim accepted ${victimOk}`);
  assert.ok(accepted.size >= SENDS * 2 / 3, `accepted ${accepted.size}`);
  const queuedAtKill = hook.requests.length;

  // every accepted send reaches the stand-in, the victim's after its lease
  const want = new Set([...accepted.values()].map((i) => `burst ${i}`));
  const seen = () => new Set(hook.requests.map((r) => (/burst \d+/.exec(r.body) || [''])[0]));
  const missing = () => [...want].filter((w) => !seen().has(w));
  await waitFor(() => missing().length === 0, 40000, { what: 'every accepted send delivered' })
    .catch((e) => { e.message += `; missing ${missing().slice(0, 10)}`; throw e; });
  // one delivery id per message, however often it arrived
  const ids = new Map(); // content -> Set of ids
  for (const r of hook.requests) {
    const w = (/burst \d+/.exec(r.body) || [''])[0];
    assert.match(r.headers['x-feige-delivery'] || '', /^[1-9]\d*$/, 'every request carries its delivery id');
    if (!ids.has(w)) ids.set(w, new Set());
    ids.get(w).add(r.headers['x-feige-delivery']);
  }
  for (const [w, s] of ids) assert.equal(s.size, 1, `${w}: delivery ids ${[...s]}`);
  const idsAll = new Set(hook.requests.map((r) => r.headers['x-feige-delivery']));
  const repeats = hook.requests.length - idsAll.size;

  // every accepted message's callback fires, sendStatus 2
  const cbDone = () => new Set(cbs.requests.filter((r) => r.json && r.json.messageInfo.sendStatus === 2).map((r) => r.json.messageInfo.shortCode));
  const cbMissing = () => [...accepted.keys()].filter((sc) => !cbDone().has(sc));
  await waitFor(() => cbMissing().length === 0, 20000, { what: 'every callback fired' })
    .catch((e) => { e.message += `; missing ${cbMissing().length}`; throw e; });
  for (const r of cbs.requests) assert.match(r.headers['x-feige-delivery'] || '', /^cb-[1-9]\d*$/);
  const cbRepeats = cbs.requests.length - new Set(cbs.requests.map((r) => r.headers['x-feige-delivery'])).size;
  const taken = nodes.slice(0, 2).map((n) => [...n.allStderr.matchAll(/msg="deliveries taken over" count=(\d+)/g)].reduce((a, m) => a + Number(m[1]), 0));

  const line = `cluster: ${SENDS} sends, ${accepted.size} accepted (${victimOk} by the killed node), ` +
    `${hook.requests.length} webhook requests for ${idsAll.size} deliveries (${repeats} repeats, same id), ` +
    `${queuedAtKill} before the kill; ${cbs.requests.length} callbacks (${cbRepeats} repeats); ` +
    `taken over: ${taken.join(', ')}`;
  t.diagnostic(line);
  console.log(line);

  // the survivors stop cleanly
  for (const n of nodes.slice(0, 2)) await n.stop();
});
