// Several feige nodes on one PostgreSQL database (docs/scale.md, issue
// 13 phase 2): what the nodes share. Runs under make test-pg only (on
// SQLite a store has one node, and these are skipped with the reason).
//   - live fan-out: a message sent to node A reaches an SSE stream and
//     an ntfy subscription open on node B, and so does its recall
//     (delete), through LISTEN/NOTIFY (src/store/pg_live.c);
//     a node whose LISTEN connection is cut makes it again, and its
//     streams get what was sent while it was cut (caught up from the
//     inbox);
//   - pushplus.rate_limit N per minute holds across three nodes: N sends
//     in total pass, not N per node (src/api/tokens.c, counted in the
//     database by calendar minute);
//   - the WeChat access token: sends on three nodes fetch it once (the
//     others read it from the store; src/channel/wechat.c);
//   - a ClawBot person is long-polled by one node at a time (a lease),
//     and by another once that node stops (src/queue/clawbot.c);
//   - failure limits: five wrong getAccessKey secrets spread over three
//     nodes block the user on every node (src/api/fails.c);
//   - a ClawBot bind code asked of node A is seen waiting and then
//     confirmed on node B (src/queue/clawbot_qrshare.c);
//   - an image upload token made on node A is good on nodes B and C
//     (src/api/openapi/open_image.c: the key is kept in meta).
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { startCluster, stopCluster, ON_PG } from './lib/cluster.mjs';
import { send, expectOk } from './lib/http.mjs';
import { openSSE } from './lib/sse.mjs';
import { openNtfy } from './lib/ntfy.mjs';
import { waitFor, sleep, minuteAhead } from './lib/wait.mjs';
import { openUser, open, ok, getAccessKey, accessKey } from './lib/open.mjs';
import { startWechat, wechatConfig, bindPerson } from './lib/wechat.mjs';
import { startIlink } from './lib/ilink.mjs';
import { storeSql, pgOutage, pgOutageEnd } from './lib/pg.mjs';

const skip = ON_PG ? false : 'several nodes need the PostgreSQL store (make test-pg)';
let nodes = [];
const W = skip ? null : await startWechat();
const il = skip ? null : await startIlink({ holdMs: 1500 });

before(async () => {
  if (skip) return;
  nodes = await startCluster(3, {
    config: { 'pushplus.rate_limit': 5, ...wechatConfig(W), 'clawbot.enable': 'yes', 'clawbot.api_base': il.base },
  });
});
after(async () => {
  await stopCluster(nodes);
});

function annotated(fn) {
  return async (t) => {
    try {
      await fn(t);
    } catch (e) {
      for (const [i, n] of nodes.entries()) e.message += `\n--- node ${i} stderr ---\n${n.stderrTail(3000)}`;
      throw e;
    }
  };
}

test('live: a send and its recall on node A reach SSE and ntfy streams on node B', { skip, timeout: 60000 }, annotated(async () => {
  const [a, b] = nodes;
  const u = await openUser(a, 'cluster-live');
  const sse = await openSSE(`${b.base}/inbox/stream?token=${u.token}`);
  const nt = await openNtfy(`${b.base}/${u.uid}/json`, { headers: { Authorization: `Bearer ${u.token}` } });
  try {
    assert.equal(sse.status, 200);
    assert.equal(nt.status, 200);
    await nt.waitEvent((e) => e.event === 'open', 'open');
    const sc = expectOk(await send(a.base, { token: u.token, title: 'from node A', content: 'crosses nodes' }));
    const [ev] = await sse.waitForEvents(1);
    assert.equal(ev.event, 'message');
    assert.equal(ev.json.shortCode, sc);
    assert.equal(ev.json.title, 'from node A');
    assert.equal(String(ev.json.id), ev.id);
    const m = await nt.waitEvent((e) => e.event === 'message', 'ntfy message');
    assert.equal(m.title, 'from node A');
    assert.equal(m.message, 'crosses nodes');

    // a second send on node C keeps the order of ids on node B's stream
    const sc2 = expectOk(await send(nodes[2].base, { token: u.token, title: 'from node C', content: 'second' }));
    const two = await sse.waitForEvents(2);
    assert.equal(two[1].json.shortCode, sc2);
    assert.ok(Number(two[1].id) > Number(two[0].id), 'ids grow');

    assert.equal(ok(await open(a, u.key, 'DELETE', 'message/deleteMessage', { query: { shortCode: sc } })), null);
    const del = await waitFor(() => sse.events.find((e) => e.event === 'delete'), 10000, { what: 'SSE delete on node B' });
    assert.equal(del.data, JSON.stringify({ shortCode: sc }));
    assert.equal(del.id, undefined);
    await nt.waitEvent((e) => e.event === 'message_delete', 'ntfy message_delete');
    assert.equal(sse.events.filter((e) => e.event === 'message').length, 2, 'each message streamed once');
  } finally {
    sse.close();
    nt.close();
  }
}));

test('live: a node whose LISTEN connection was cut listens again and streams what was sent meanwhile', { skip, timeout: 60000 }, annotated(async () => {
  const [a, b] = nodes;
  const u = await a.addUser('cluster-relisten');
  const sse = await openSSE(`${b.base}/inbox/stream?token=${u.token}`);
  const count = (re) => (b.stderr.match(re) || []).length;
  let cut = false;
  try {
    const sent = [expectOk(await send(a.base, { token: u.token, title: 'before the cut', content: 'x' }))];
    await sse.waitForEvents(1);
    // the cut lasts: no node can connect again until it is allowed
    const lost = count(/lost the LISTEN connection/g);
    const again = count(/listening again/g);
    pgOutage(a.dataDir, 'LISTEN feige_live');
    cut = true;
    await waitFor(() => count(/lost the LISTEN connection/g) > lost, 15000, { what: 'node B losing its LISTEN connection' });
    for (let i = 0; i < 3; i++)
      sent.push(expectOk(await send(a.base, { token: u.token, title: `during the cut ${i}`, content: 'x' })));
    assert.equal(count(/listening again/g), again, 'node B was not listening while they were sent');
    const from = b.stderr.length;
    pgOutageEnd(a.dataDir);
    cut = false;
    // caught up from the inbox, not from a reconnect of the client
    const caught = await waitFor(() => /msg="live: caught up" items=(\d+)/.exec(b.stderr.slice(from)), 15000, { what: 'node B catching up' });
    assert.ok(Number(caught[1]) >= 3, caught[0]);
    assert.equal(count(/listening again/g), again + 1);
    sent.push(expectOk(await send(a.base, { token: u.token, title: 'after the cut', content: 'x' })));
    await sse.waitForEvents(sent.length);
    await sleep(300); // a repeat would come right behind
    const got = sse.events.filter((e) => e.event === 'message');
    assert.deepEqual(got.map((e) => e.json.shortCode), sent, 'every message once, in order');
    assert.ok(got.every((e, i) => i === 0 || Number(e.id) > Number(got[i - 1].id)), 'ids grow');
    assert.equal(sse.ended, false, 'the same stream, never reconnected');
  } finally {
    if (cut) pgOutageEnd(a.dataDir);
    sse.close();
  }
}));

test('rate limit: 5 per minute across three nodes allows 5 sends in total', { skip, timeout: 60000 }, annotated(async () => {
  const u = await nodes[0].addUser('cluster-rate');
  // the count is per calendar minute: do not start just before one ends
  await minuteAhead();
  const codes = [];
  for (let i = 0; i < 9; i++) {
    const n = nodes[i % 3];
    const r = await send(n.base, { token: u.token, title: `rate ${i}`, content: 'x' });
    codes.push(r.json.code);
    if (r.json.code !== 200) assert.match(r.json.msg, /每分钟最多5次/);
  }
  assert.equal(codes.filter((c) => c === 200).length, 5, `codes: ${codes}`);
  assert.deepEqual(codes.slice(5), [999, 999, 999, 999]);
  // the open API's user/limitTime reads the same count on any node
  const k = await openUser(nodes[0], 'cluster-rate-open');
  for (let i = 0; i < 5; i++) expectOk(await send(nodes[i % 3].base, { token: k.token, title: 'r', content: 'y' }));
  const lim = ok(await open(nodes[2], k.key, 'GET', 'user/userLimitTime'));
  assert.equal(lim.sendLimit, 2, JSON.stringify(lim));
  assert.match(lim.userLimitTime, /^\d{4}-\d{2}-\d{2} /, JSON.stringify(lim));
}));

test('rate limit across nodes: a refused send is not counted, only stored ones', { skip, timeout: 60000 }, annotated(async () => {
  const u = await nodes[0].addUser('cluster-rate-stored');
  await minuteAhead();
  // refused before the writer (empty content): the writer never counts them
  for (let i = 0; i < 4; i++) {
    const r = await send(nodes[i % 3].base, { token: u.token, title: `empty ${i}` });
    assert.equal(r.json.code, 999);
    assert.match(r.json.msg, /发送内容不能为空/);
  }
  const codes = [];
  for (let i = 0; i < 7; i++) {
    const r = await send(nodes[i % 3].base, { token: u.token, title: `stored ${i}`, content: 'x' });
    codes.push(r.json.code);
  }
  assert.deepEqual(codes, [200, 200, 200, 200, 200, 999, 999]);
}));

test('WeChat: sends on three nodes fetch the access token once', { skip, timeout: 60000 }, annotated(async () => {
  const u = await nodes[0].addUser('cluster-wechat');
  const openid = `oCluster_${Math.random().toString(36).slice(2, 10)}`;
  const { r } = await bindPerson(nodes[0], u, openid);
  assert.match(r.text, /已绑定/);
  const fetches = W.on('/cgi-bin/stable_token').length;
  const sendsTo = () => W.on('/cgi-bin/message/template/send').filter((x) => x.json?.touser === openid);
  // one at a time: each node finds the token the one before stored
  for (const [i, n] of nodes.entries()) {
    expectOk(await send(n.base, { token: u.token, title: `wechat ${i}`, content: 'x' }));
    await waitFor(() => sendsTo().length === i + 1, 10000, { what: `template send ${i}` });
  }
  assert.equal(W.on('/cgi-bin/stable_token').length - fetches, 1, 'one fetch for the three nodes');
  const tokens = new Set(sendsTo().map((x) => x.query.access_token));
  assert.equal(tokens.size, 1, 'every node sent with the same token');
}));

test('ClawBot: a bound person is polled by one node; another takes over when it stops', { skip, timeout: 90000 }, annotated(async () => {
  const u = await openUser(nodes[0], 'cluster-claw');
  const qr = ok(await open(nodes[0], u.key, 'GET', 'clawBot/getBotQrcode'), '执行成功');
  const bot = il.confirm(qr.qrcode, { userId: 'cluster@im.wechat' });
  await waitFor(async () => (await open(nodes[0], u.key, 'GET', 'clawBot/getQrcodeStatus', { query: { qrcode: qr.qrcode } })).code === 200,
    10000, { what: 'bound' });
  const polls = () => il.on('/ilink/bot/getupdates').filter((r) => r.headers.authorization === `Bearer ${bot.token}`).length;
  // several rounds of 1.5 s polls; three nodes reload the bots every 2 s
  await waitFor(() => polls() >= 6, 30000, { what: '6 getupdates' });
  assert.equal(bot.maxPolling, 1, 'never two polls of one person at once');
  const owner = () => storeSql(nodes[0].dataDir, "SELECT owner FROM leases WHERE name LIKE 'clawbot:%';").trim();
  const was = owner();
  const holder = nodes.findIndex((n) => n.stderr.includes(`node=${was} `));
  assert.ok(holder >= 0, `the lease owner ${was} is a node`);
  // the holder stops (and gives the lease up): another node takes over
  await nodes[holder].stop();
  const before = polls();
  await waitFor(() => polls() >= before + 3, 40000, { what: 'getupdates from another node' });
  assert.notEqual(owner(), was);
  assert.equal(bot.maxPolling, 1);
  await nodes[holder].start();
}));

test('getAccessKey: five wrong secrets spread over three nodes block the user, as on one node', { skip, timeout: 60000 }, annotated(async () => {
  const u = await openUser(nodes[0], 'cluster-guess');
  const other = await openUser(nodes[0], 'cluster-bystander');
  // the windows are 15 minutes by the clock: do not start just before one ends
  const into = Date.now() % (15 * 60000);
  if (into > 15 * 60000 - 20000) await sleep(15 * 60000 + 500 - into);
  for (let i = 0; i < 5; i++) {
    const r = await getAccessKey(nodes[i % 3], u.token, `wrong-guess-${i}-xxxxxxxxxx`);
    assert.equal(r.json.code, 999);
    assert.match(r.json.msg, /secretKey错误 \(wrong secretKey\)/);
  }
  // even the right secret, on every node: one node alone saw at most two
  for (const n of nodes) {
    const r = await getAccessKey(n, u.token);
    assert.equal(r.json.code, 999, r.text);
    assert.match(r.json.msg, /次数过多/);
  }
  // another user from the same address is not blocked (5 < the address's 20)
  await accessKey(nodes[2], other.token);
}));

test('ClawBot: a bind code asked of node A is waiting, then confirmed, on node B', { skip, timeout: 60000 }, annotated(async () => {
  const [a, b] = nodes;
  const u = await openUser(a, 'cluster-claw-qr');
  const qr = ok(await open(a, u.key, 'GET', 'clawBot/getBotQrcode'), '执行成功');
  // at once on node B, which never asked iLink for it
  const w = await open(b, u.key, 'GET', 'clawBot/getQrcodeStatus', { query: { qrcode: qr.qrcode } });
  assert.equal(w.code, 999);
  assert.match(w.msg, /等待扫码/);
  const gone = await open(b, u.key, 'GET', 'clawBot/getQrcodeStatus', { query: { qrcode: 'f'.repeat(32) } });
  assert.match(gone.msg, /二维码不存在/);
  il.confirm(qr.qrcode, { userId: 'cluster-qr@im.wechat' });
  const s = await waitFor(async () => {
    const r = await open(b, u.key, 'GET', 'clawBot/getQrcodeStatus', { query: { qrcode: qr.qrcode } });
    return r.code === 200 && r;
  }, 15000, { what: 'getQrcodeStatus 200 on node B' });
  assert.equal(s.msg, '请求成功');
  const info = ok(await open(nodes[2], u.key, 'GET', 'clawBot/botInfo'), '执行成功');
  assert.ok(info, JSON.stringify(info));
}));

test('images: an upload token from node A uploads to node B and C (one key for the cluster)', { skip, timeout: 60000 }, annotated(async () => {
  const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');
  const u = await openUser(nodes[0], 'cluster-img');
  // every node makes its key at its first token: ask node B and C first
  ok(await open(nodes[1], u.key, 'GET', 'userImage/uploadToken'), '执行成功');
  const tk = ok(await open(nodes[0], u.key, 'GET', 'userImage/uploadToken'), '执行成功');
  for (const n of nodes.slice(1)) {
    const fd = new FormData();
    fd.append('token', tk.uploadToken);
    fd.append('file', new Blob([PNG], { type: 'image/png' }), 'a.png');
    const r = await fetch(`${n.base}/api/open/userImage/upload`, { method: 'POST', body: fd });
    const up = await r.json();
    assert.equal(up.errno, 0, JSON.stringify(up));
    assert.equal(up.fsize, PNG.length);
  }
}));
