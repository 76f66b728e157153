// A 200 means "stored durably": messages survive a graceful restart and a
// kill -9 in the middle of a burst, and reach their final status afterwards.
import assert from 'node:assert/strict';
import { test, after } from 'node:test';
import http from 'node:http';
import { startFeige } from './lib/feige.mjs';
import { send, expectOk } from './lib/http.mjs';
import { waitFor } from './lib/wait.mjs';
import { writeFile } from 'node:fs/promises';

const servers = [];
after(async () => {
  for (const s of servers) await s.cleanup();
});

// Status of each shortCode: from `message list`, falling back to
// `message show` for codes the list does not include (it may be paged).
async function statusesOf(srv, scs) {
  const { messages } = await srv.cli(['message', 'list']);
  const by = new Map(messages.map((m) => [m.shortCode, m.status]));
  for (const sc of scs) {
    if (by.has(sc)) continue;
    const r = await srv.cli(['message', 'show', sc], { raw: true });
    if (r.code === 0) {
      try {
        by.set(sc, JSON.parse(r.stdout).status);
      } catch {
        /* not stored */
      }
    }
  }
  return by;
}

async function run(srv, fn) {
  try {
    await fn();
  } catch (e) {
    throw srv ? srv.annotate(e) : e;
  }
}

test('graceful restart: 50 messages sent, SIGTERM, restart, all reach status 2', { timeout: 120000 }, async () => {
  const srv = await startFeige();
  servers.push(srv);
  await run(srv, async () => {
    const scs = [];
    for (let i = 0; i < 50; i++) {
      scs.push(expectOk(await send(srv.base, { token: srv.admin.token, title: `restart-${i}`, content: `restart body ${i}` })));
    }
    await srv.stop(); // asserts exit 0
    await srv.start();
    // the first-run block is not printed again
    assert.ok(!/first run/.test(srv.stdout), 'second start is not a first run');
    // old token still valid
    expectOk(await send(srv.base, { token: srv.admin.token, content: 'after restart' }));
    await waitFor(
      async () => {
        const by = await statusesOf(srv, scs);
        return scs.every((sc) => by.get(sc) === 2);
      },
      15000,
      { what: 'all 50 at status 2 after restart', intervalMs: 200 },
    );
    const inbox = await srv.inbox(srv.admin.token, { limit: 20 });
    assert.ok(inbox.some((x) => x.shortCode === scs[49]), 'last message before the restart is in the inbox');
    await srv.stop();
  });
});

test('SIGTERM with requests in flight: answered replies are complete, acked sends stored, exit 0', { timeout: 60000 }, async (t) => {
  const srv = await startFeige();
  servers.push(srv);
  await run(srv, async () => {
    // keep ~32 sends in flight and SIGTERM in the middle of the stream
    const N = 300;
    const results = [];
    let next = 0;
    let acked = 0;
    let stopping = null;
    async function worker() {
      while (next < N && !srv.exit) {
        const i = next++;
        const r = await rawSend(srv.port, JSON.stringify({ token: srv.admin.token, title: `term-${i}`, content: `term-${i}` }));
        r.title = `term-${i}`;
        results.push(r);
        if (r.json && r.json.code === 200) acked++;
        if (!stopping && acked >= 100) stopping = srv.stop().catch((e) => e); // asserts exit 0
      }
    }
    await Promise.all(Array.from({ length: 32 }, worker));
    const stopErr = await (stopping || srv.stop().catch((e) => e));
    if (stopErr instanceof Error) throw stopErr;
    const answered = results.filter((r) => !r.error);
    // replies given before exit are complete JSON (no truncated bodies)
    for (const r of answered) assert.ok(r.json && typeof r.json.code === 'number', `complete reply: ${JSON.stringify(r)}`);
    const errs = {};
    for (const r of results) if (r.error) errs[r.error.code || r.error.message] = (errs[r.error.code || r.error.message] || 0) + 1;
    t.diagnostic(`${answered.length} answered; not answered while stopping: ${JSON.stringify(errs)}`);
    // A reset can be a connection still in the kernel's accept backlog when
    // the listener closed (never seen by the server): allowed. A request the
    // server processed (its message is stored) must have been answered.
    const unanswered = results.filter((r) => r.error).map((r) => r.title);
    await srv.start();
    const ackedCodes = answered.filter((r) => r.json.code === 200).map((r) => r.json.data);
    const by = await statusesOf(srv, ackedCodes);
    const lost = ackedCodes.filter((sc) => !by.has(sc));
    assert.deepEqual(lost, [], 'every acknowledged send is stored');
    const { messages } = await srv.cli(['message', 'list']);
    const storedTitles = new Set(messages.map((m) => m.title));
    const droppedReplies = unanswered.filter((title) => storedTitles.has(title));
    assert.deepEqual(droppedReplies, [], 'in-flight requests that were stored but never answered');
    await srv.stop();
  });
});

test('SIGTERM right after a burst of concurrent sends (5 rounds): exit 0, every acked send stored', { timeout: 120000 }, async () => {
  for (let round = 0; round < 5; round++) {
    const srv = await startFeige();
    servers.push(srv);
    await run(srv, async () => {
      const inflight = [];
      for (let i = 0; i < 40; i++) inflight.push(rawSend(srv.port, JSON.stringify({ token: srv.admin.token, content: `burst-term-${round}-${i}` })));
      await new Promise((r) => setTimeout(r, 3 + round));
      const stopped = srv.stop(); // asserts exit 0 (an abort on shutdown fails here)
      const results = await Promise.all(inflight);
      await stopped;
      const acked = results.filter((r) => r.json && r.json.code === 200).map((r) => r.json.data);
      await srv.start();
      const by = await statusesOf(srv, acked);
      assert.deepEqual(acked.filter((sc) => !by.has(sc)), [], `round ${round}: acked sends stored`);
      await srv.stop();
    });
  }
});

function rawSend(port, body) {
  return new Promise((resolve) => {
    const req = http.request(
      { host: '127.0.0.1', port, path: '/send', method: 'POST', agent: false, headers: { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) } },
      (res) => {
        const chunks = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () => {
          let json;
          try {
            json = JSON.parse(Buffer.concat(chunks).toString('utf8'));
          } catch {
            json = undefined;
          }
          resolve({ status: res.statusCode, json });
        });
        res.on('error', (e) => resolve({ error: e }));
      },
    );
    req.setTimeout(20000, () => req.destroy(new Error('timeout')));
    req.on('error', (e) => resolve({ error: e }));
    req.end(body);
  });
}

test('crash: kill -9 during a burst of 500 sends; every acked send survives and completes', { timeout: 180000 }, async (t) => {
  const srv = await startFeige();
  servers.push(srv);
  await run(srv, async () => {
    // 500 sends kept ~64 in flight at a time, so the kill lands while many
    // requests are mid-way (parsed, queued for commit, or being answered).
    const N = 500;
    const CONC = 64;
    const killAt = 250;
    let done = 0;
    let killed = false;
    const port = srv.port;
    const results = new Array(N);
    let next = 0;
    async function worker() {
      while (next < N) {
        const i = next++;
        const r = await rawSend(port, JSON.stringify({ token: srv.admin.token, title: `burst-${i}`, content: `burst ${i}` }));
        results[i] = r;
        if (r.json && r.json.code === 200) done++;
        if (!killed && done >= killAt) {
          killed = true;
          srv.kill9();
        }
      }
    }
    await Promise.all(Array.from({ length: CONC }, worker));
    if (!killed) await srv.kill9(); // all answered before the kill point: still a crash test of the store
    await srv.exited;
    const acked = results.filter((r) => r.json && r.json.code === 200).map((r) => r.json.data);
    const refused = results.filter((r) => r.json && r.json.code !== 200);
    assert.ok(acked.length >= Math.min(killAt, N), `at least ${killAt} acked before the kill (got ${acked.length})`);
    assert.equal(refused.length, 0, `no send was refused: ${JSON.stringify(refused.slice(0, 3))}`);
    t.diagnostic(`acked ${acked.length} of ${N}, ${results.filter((r) => r.error).length} cut off by the kill (killed mid-burst: ${killed})`);
    // restart on the same data dir
    await srv.start();
    const stored = await statusesOf(srv, acked);
    const lost = acked.filter((sc) => !stored.has(sc));
    assert.deepEqual(lost, [], `${lost.length} of ${acked.length} acknowledged messages lost after kill -9`);
    await waitFor(
      async () => {
        const by = await statusesOf(srv, acked);
        return acked.every((sc) => by.get(sc) === 2);
      },
      20000,
      { what: 'all acked messages at status 2 after the crash', intervalMs: 250 },
    );
    await srv.stop();
  });
});

test('deliveries still queued at shutdown are resumed at the next start', { timeout: 120000 }, async () => {
  // workers = 0 and no inline inbox: accepted messages stay queued (status 0)
  const srv = await startFeige({ config: { 'queue.inline_inbox': 'no', 'queue.workers': 0 } });
  servers.push(srv);
  await run(srv, async () => {
    const scs = [];
    for (let i = 0; i < 20; i++) {
      scs.push(expectOk(await send(srv.base, { token: srv.admin.token, title: `queued-${i}`, content: `queued ${i}` })));
    }
    const shown = await srv.showMessage(scs[0]);
    assert.equal(shown.status, 0, 'not delivered while there are no workers');
    assert.ok(shown.deliveries.length === 1 && shown.deliveries[0].status === 0, 'delivery queued');
    assert.equal((await srv.inbox(srv.admin.token)).filter((x) => scs.includes(x.shortCode)).length, 0);
    await srv.stop();
    // same data dir, workers back: the queue is rebuilt from the store
    await writeFile(srv.configFile, 'callback.allow_private = yes\nqueue.inline_inbox = no\nqueue.workers = 2\n');
    await srv.start();
    await waitFor(
      async () => {
        const by = await statusesOf(srv, scs);
        return scs.every((sc) => by.get(sc) === 2);
      },
      15000,
      { what: 'all 20 queued deliveries delivered after restart', intervalMs: 200 },
    );
    const inbox = await srv.inbox(srv.admin.token, { limit: 50 });
    assert.equal(inbox.filter((x) => scs.includes(x.shortCode)).length, 20, 'all 20 in the inbox');
    assert.match(srv.stderr, /resuming deliveries" count=20/);
    await srv.stop();
  });
});
