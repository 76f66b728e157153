// Three feige nodes on one PostgreSQL database behind nginx on
// loopback (issue 13, docs/scale.md "Phase 2"), only under make
// test-pg: a burst of /send through nginx, which spreads it over the
// nodes, a webhook channel pointed at a recording stand-in that answers
// slowly (so each node has deliveries queued), and one node kill -9ed
// mid-burst.  A send nginx could not complete (the killed node's
// requests in flight: 502) is not a 200 and not counted; the node's
// next ones go to the others (tests/e2e/lib/nginx.mjs).  The killed
// node's claims stop being renewed; once their lease (store.lease_s)
// runs out the other two take its deliveries and callbacks over.
// Every send that got 200 is delivered at least once, every repeat
// carries the same X-Feige-Delivery id (counted and reported), and
// every message's callback fires with sendStatus 2.  The recipient has
// an SSE stream and an ntfy JSON stream open on each surviving node
// from before the burst: each gets every accepted message, the killed
// node's included (LISTEN/NOTIFY), once and in id order.
import assert from 'node:assert/strict';
import { test, after } from 'node:test';
import { createFeige } from './lib/feige.mjs';
import { send } from './lib/http.mjs';
import { startNginx } from './lib/nginx.mjs';
import { openSSE } from './lib/sse.mjs';
import { openNtfy } from './lib/ntfy.mjs';
import { ON_PG } from './lib/pg.mjs';
import { sinkPool, addWebhook } from './lib/sink.mjs';
import { waitFor } from './lib/wait.mjs';

const newSink = sinkPool();
const SENDS = 90; // 30 per node
const KILL_AFTER = 12; // 200s from the victim before it is killed
const INFLIGHT = 6;

const CONFIG = {
  'channel.allow_private': 'yes',
  'store.lease_s': 2,
  'queue.workers': 2,
  'callback.tries': 5,
};

/**
 * Send i of the burst through nginx: an even one to the webhook (the
 * admin's), an odd one to rcpt's inbox (the streams). {sc, port} of
 * the node that took it, or null.
 */
async function sendOne(lb, admin, rcpt, code, i, cb) {
  const p = i % 2 === 0
    ? { token: admin.token, channel: 'webhook', webhook: code }
    : { token: rcpt.token };
  try {
    const r = await send(lb.base, { ...p, title: `t${i}`, content: `burst ${i}`, callbackUrl: cb });
    if (r.status !== 200 || !r.json || r.json.code !== 200) return null;
    // "addr" or "addr, addr" when nginx had to try another node
    const port = Number(/:(\d+)$/.exec(r.headers['x-upstream'] || '')?.[1]);
    return { sc: r.json.data, port };
  } catch {
    return null; // no reply: not accepted
  }
}

/**
 * The recipient's streams on node n: SSE and ntfy JSON. Each one's
 * messages as [{sc, id}] (id comparable in order: the inbox id).
 */
async function openStreams(n, user) {
  const sse = await openSSE(`${n.base}/inbox/stream?token=${user.token}`);
  const nt = await openNtfy(`${n.base}/${user.uid}/json`, { headers: { Authorization: `Bearer ${user.token}` } });
  assert.equal(sse.status, 200);
  assert.equal(nt.status, 200);
  await nt.waitEvent((e) => e.event === 'open', 'ntfy open');
  return [
    { name: `node ${n.port} SSE`, s: sse, got: () => sse.events.filter((e) => e.event === 'message').map((e) => ({ sc: e.json.shortCode, id: Number(e.id) })) },
    // ntfy ids are "m" + the inbox id in fixed-width base 62: ordered as strings
    { name: `node ${n.port} ntfy`, s: nt, got: () => nt.events.filter((e) => e.event === 'message').map((e) => ({ sc: e.sequence_id, id: e.id })) },
  ];
}

test('three nodes on one PostgreSQL behind nginx: a node kill -9ed mid-burst loses nothing; repeats carry one delivery id; streams on the survivors get every message once', { skip: !ON_PG && 'PostgreSQL only (make test-pg)', timeout: 90000 }, async (t) => {
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
  const rcpt = await first.addUser('cluster-streams');
  const victim = nodes[2];
  const lb = await startNginx(nodes);
  const streams = [...await openStreams(nodes[0], rcpt), ...await openStreams(nodes[1], rcpt)];
  after(async () => {
    for (const st of streams) st.s.close();
    await lb.stop();
  });

  // the burst through nginx, INFLIGHT at a time; the victim is killed
  // as soon as it has answered KILL_AFTER, with requests in flight
  const accepted = new Map(); // shortCode -> i
  const tookBy = new Map(); // shortCode -> port of the node that answered
  const byNode = new Map(nodes.map((n) => [n.port, 0]));
  let killed = null;
  let next = 0;
  const worker = async () => {
    while (next < SENDS) {
      const i = next++;
      const r = await sendOne(lb, first.admin, rcpt, code, i, cbs.url('/cb'));
      if (!r) continue;
      accepted.set(r.sc, i);
      tookBy.set(r.sc, r.port);
      byNode.set(r.port, (byNode.get(r.port) || 0) + 1);
      if (!killed && byNode.get(victim.port) >= KILL_AFTER) killed = victim.kill9();
    }
  };
  await Promise.all(Array.from({ length: INFLIGHT }, worker));
  await killed;
  const victimOk = byNode.get(victim.port);
  assert.ok(victimOk >= KILL_AFTER, `the victim accepted ${victimOk}`);
  assert.ok(accepted.size >= SENDS * 2 / 3, `accepted ${accepted.size}`);
  assert.equal(byNode.size, 3, `replies from ${[...byNode.keys()]}`);
  const queuedAtKill = hook.requests.length;

  // every accepted webhook send reaches the stand-in, the victim's after its lease
  const want = new Set([...accepted.values()].filter((i) => i % 2 === 0).map((i) => `burst ${i}`));
  const seen = () => new Set(hook.requests.map((r) => (/burst \d+/.exec(r.body) || [''])[0]));
  const missing = () => [...want].filter((w) => !seen().has(w));
  await waitFor(() => missing().length === 0, 40000, { what: 'every accepted send delivered' })
    .catch((e) => { e.message += `; missing ${missing().slice(0, 10)}`; throw e; });
  // every accepted message's callback fires, sendStatus 2
  const cbDone = () => new Set(cbs.requests.filter((r) => r.json && r.json.messageInfo.sendStatus === 2).map((r) => r.json.messageInfo.shortCode));
  const cbMissing = () => [...accepted.keys()].filter((sc) => !cbDone().has(sc));
  await waitFor(() => cbMissing().length === 0, 20000, { what: 'every callback fired' })
    .catch((e) => { e.message += `; missing ${cbMissing().length}`; throw e; });
  for (const r of cbs.requests) assert.match(r.headers['x-feige-delivery'] || '', /^cb-[1-9]\d*$/);
  const cbRepeats = cbs.requests.length - new Set(cbs.requests.map((r) => r.headers['x-feige-delivery'])).size;
  const taken = nodes.slice(0, 2).map((n) => [...n.allStderr.matchAll(/msg="deliveries taken over" count=(\d+)/g)].reduce((a, m) => a + Number(m[1]), 0));

  // every stream on a surviving node got every accepted message, once, in order
  const wantSc = new Set([...accepted].filter(([, i]) => i % 2 === 1).map(([sc]) => sc));
  let extra = 0;
  for (const st of streams) {
    const mine = () => st.got().filter((m) => wantSc.has(m.sc));
    await waitFor(() => new Set(mine().map((m) => m.sc)).size === wantSc.size, 20000, { what: `${st.name}: every accepted message` })
      .catch((e) => {
        const has = new Set(mine().map((m) => m.sc));
        const lost = [...wantSc].filter((sc) => !has.has(sc)).map((sc) => `t${accepted.get(sc)} by ${tookBy.get(sc)}`);
        e.message += `; has ${has.size} of ${wantSc.size}, missing ${lost}; got ${st.got().map((m) => `${m.id}:t${accepted.get(m.sc)}`)}`;
        throw e;
      });
    const got = st.got();
    assert.equal(got.length, new Set(got.map((m) => m.sc)).size, `${st.name}: a message twice`);
    // a send the killed node committed but never answered is on the streams too
    extra = Math.max(extra, got.length - wantSc.size);
    assert.ok(got.every((m, k) => k === 0 || m.id > got[k - 1].id), `${st.name}: ids in order`);
    assert.equal(st.s.ended, false, `${st.name}: the same stream throughout`);
  }

  // one delivery id per message, however often it arrived (repeats after
  // a takeover come late: counted once everything else has arrived)
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

  const line = `cluster: ${SENDS} sends through nginx, ${accepted.size} accepted (${[...byNode.values()].join('/')} by node; ` +
    `${victimOk} by the killed node), ${SENDS - accepted.size} refused or failed at nginx; ` +
    `${hook.requests.length} webhook requests for ${idsAll.size} deliveries (${repeats} repeats, same id), ` +
    `${queuedAtKill} before the kill; ${cbs.requests.length} callbacks (${cbRepeats} repeats); ` +
    `taken over: ${taken.join(', ')}; ${streams.length} streams on the survivors with ${wantSc.size} messages each (+${extra} not answered)`;
  t.diagnostic(line);
  console.log(line);

  // the survivors stop cleanly
  for (const st of streams) st.s.close();
  for (const n of nodes.slice(0, 2)) await n.stop();
});
