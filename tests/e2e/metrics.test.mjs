// Operations: Prometheus /metrics (parsed strictly as text exposition
// format 0.0.4), who may read it (metrics.allow, metrics.enable,
// metrics.listen), the access log (one line per request, no token in it),
// failed deliveries at warn with their reason, and /healthz (ok, workers
// disabled, store failing while another process holds the write lock).
import assert from 'node:assert/strict';
import http from 'node:http';
import { spawn } from 'node:child_process';
import path from 'node:path';
import { test, after } from 'node:test';
import { suite, startFeige } from './lib/feige.mjs';
import { request, send, expectOk } from './lib/http.mjs';
import { sinkPool, addWebhook } from './lib/sink.mjs';
import { waitFor } from './lib/wait.mjs';
import { openSSE } from './lib/sse.mjs';
import { ON_PG, pgUrlFor } from './lib/pg.mjs';

const S = suite({
  config: {
    'metrics.enable': 'yes',
    'channel.allow_private': 'yes',
    'channel.timeout_ms': 1000,
    'queue.retry_base_ms': 100,
    'queue.retry_max': 2,
  },
});
const newSink = sinkPool();

const servers = [];
after(async () => {
  for (const f of servers) {
    try {
      await f.stop();
    } finally {
      await f.cleanup();
    }
  }
});
async function another(config) {
  const f = await startFeige({ config });
  servers.push(f);
  return f;
}

// ---- a strict parser of the text exposition format 0.0.4 ----

const NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const LABEL = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

function parseValue(s, line) {
  if (s === '+Inf' || s === '-Inf' || s === 'NaN') return s === 'NaN' ? NaN : s === '+Inf' ? Infinity : -Infinity;
  assert.match(s, /^-?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$/, `bad value in: ${line}`);
  return Number(s);
}

/* name{a="x",b="y"} value -> {name, labels, value} */
function parseSample(line) {
  let i = 0;
  while (i < line.length && line[i] !== '{' && line[i] !== ' ') i++;
  const name = line.slice(0, i);
  assert.match(name, NAME, `bad metric name in: ${line}`);
  const labels = {};
  if (line[i] === '{') {
    i++;
    while (line[i] !== '}') {
      const eq = line.indexOf('=', i);
      assert.ok(eq > i, `bad label in: ${line}`);
      const lname = line.slice(i, eq);
      assert.match(lname, LABEL, `bad label name in: ${line}`);
      assert.equal(line[eq + 1], '"', `unquoted label value in: ${line}`);
      let v = '';
      let j = eq + 2;
      for (; j < line.length && line[j] !== '"'; j++) {
        if (line[j] === '\\') {
          const e = line[++j];
          assert.ok(e === '\\' || e === '"' || e === 'n', `bad escape in: ${line}`);
          v += e === 'n' ? '\n' : e;
        } else {
          v += line[j];
        }
      }
      assert.equal(line[j], '"', `unterminated label value in: ${line}`);
      assert.ok(!(lname in labels), `label twice in: ${line}`);
      labels[lname] = v;
      i = j + 1;
      if (line[i] === ',') i++;
      else assert.equal(line[i], '}', `bad label list in: ${line}`);
    }
    i++;
  }
  assert.equal(line[i], ' ', `no space before the value in: ${line}`);
  const rest = line.slice(i + 1);
  assert.ok(!rest.includes(' '), `timestamps or junk after the value in: ${line}`);
  return { name, labels, value: parseValue(rest, line) };
}

/** families: name -> {type, help, samples: [{name, labels, value}]} */
function parseExposition(text) {
  assert.ok(text.endsWith('\n'), 'exposition ends with a newline');
  const families = new Map();
  const seen = new Set();
  let current = null;
  for (const line of text.slice(0, -1).split('\n')) {
    assert.notEqual(line, '', 'no empty lines');
    const m = /^# (HELP|TYPE) (\S+) (.*)$/.exec(line);
    if (m) {
      assert.match(m[2], NAME);
      const f = families.get(m[2]) || { type: null, help: null, samples: [] };
      if (m[1] === 'HELP') {
        assert.equal(f.help, null, `HELP twice for ${m[2]}`);
        assert.ok(!/\\[^\\n]/.test(m[3].replace(/\\\\/g, '')), `bad escape in HELP of ${m[2]}`);
        f.help = m[3];
      } else {
        assert.equal(f.type, null, `TYPE twice for ${m[2]}`);
        assert.equal(f.samples.length, 0, `TYPE after samples of ${m[2]}`);
        assert.ok(['counter', 'gauge', 'histogram', 'summary', 'untyped'].includes(m[3]), line);
        f.type = m[3];
      }
      families.set(m[2], f);
      current = m[2];
      continue;
    }
    assert.ok(!line.startsWith('#'), `stray comment: ${line}`);
    const s = parseSample(line);
    const fam = [current, current + '_bucket', current + '_sum', current + '_count'].includes(s.name) ? current : null;
    assert.ok(fam, `sample ${s.name} outside its family (current ${current})`);
    const f = families.get(fam);
    assert.ok(f.type, `sample of ${fam} before its TYPE`);
    if (f.type !== 'histogram') assert.equal(s.name, fam, line);
    if (f.type === 'counter') {
      assert.ok(fam.endsWith('_total'), `counter ${fam} ends in _total`);
      assert.ok(s.value >= 0, line);
    }
    const key = s.name + JSON.stringify(Object.entries(s.labels).sort());
    assert.ok(!seen.has(key), `series twice: ${line}`);
    seen.add(key);
    f.samples.push(s);
  }
  for (const [name, f] of families) {
    assert.ok(f.type && f.help !== null, `${name} has HELP and TYPE`);
    if (f.type === 'histogram') checkHistogram(name, f);
  }
  return families;
}

function checkHistogram(name, f) {
  const bySeries = new Map();
  for (const s of f.samples) {
    const { le, ...rest } = s.labels;
    const k = JSON.stringify(Object.entries(rest).sort());
    if (!bySeries.has(k)) bySeries.set(k, { buckets: [], sum: null, count: null });
    const h = bySeries.get(k);
    if (s.name === name + '_bucket') h.buckets.push([le === '+Inf' ? Infinity : parseValue(le, le), s.value]);
    else if (s.name === name + '_sum') h.sum = s.value;
    else if (s.name === name + '_count') h.count = s.value;
  }
  for (const [k, h] of bySeries) {
    assert.ok(h.buckets.length > 0 && h.sum !== null && h.count !== null, `${name}${k} complete`);
    for (let i = 1; i < h.buckets.length; i++) {
      assert.ok(h.buckets[i][0] > h.buckets[i - 1][0], `${name}${k} bounds ascend`);
      assert.ok(h.buckets[i][1] >= h.buckets[i - 1][1], `${name}${k} buckets are cumulative`);
    }
    const last = h.buckets[h.buckets.length - 1];
    assert.equal(last[0], Infinity, `${name}${k} ends with +Inf`);
    assert.equal(last[1], h.count, `${name}${k} +Inf bucket equals _count`);
  }
}

/** The value of one series (0 when absent). */
function value(fams, name, labels = {}) {
  const base = name.replace(/_(bucket|sum|count)$/, '');
  const f = fams.get(name) || fams.get(base);
  if (!f) return 0;
  const s = f.samples.find((x) => x.name === name && Object.entries(labels).every(([k, v]) => x.labels[k] === v));
  return s ? s.value : 0;
}

async function scrape(base) {
  const r = await request(base + '/metrics');
  assert.equal(r.status, 200, r.text);
  assert.equal(r.headers['content-type'], 'text/plain; version=0.0.4; charset=utf-8');
  return parseExposition(r.text);
}

/** GET from a given local address (127.0.0.2 is loopback, but not 127.0.0.1). */
function getFrom(url, localAddress) {
  return new Promise((resolve, reject) => {
    const req = http.get(url, { localAddress, agent: false }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (d) => (body += d));
      res.on('end', () => resolve({ status: res.statusCode, text: body }));
    });
    req.on('error', reject);
  });
}

// access log lines of the server, by path
function accessLines(srv, re) {
  return srv.stderr.split('\n').filter((l) => l.includes('msg=access') && re.test(l));
}

// ---- the tests ----

S.test('scrape: every family parses, unlabelled ones from the first scrape', async (t, srv) => {
  const fams = await scrape(srv.base);
  for (const n of [
    'feige_http_requests_total', 'feige_messages_accepted_total', 'feige_queue_deliveries',
    'feige_queue_oldest_due_seconds', 'feige_deliveries_total', 'feige_delivery_retries_total',
    'feige_callbacks_total', 'feige_live_streams', 'feige_upstream_request_seconds',
    'feige_writer_batch_ops', 'feige_writer_commit_seconds', 'process_resident_memory_bytes',
    'process_open_fds', 'feige_metrics_dropped_total',
  ])
    assert.ok(fams.has(n), `family ${n}`);
  assert.equal(fams.get('feige_writer_commit_seconds').type, 'histogram');
  assert.ok(value(fams, 'process_resident_memory_bytes') > 0);
  assert.ok(value(fams, 'process_open_fds') > 0);
  assert.ok(value(fams, 'feige_writer_batch_ops_count') > 0, 'the first run wrote through the writer');
});

S.test('counters rise after sends, deliveries and a failed webhook', async (t, srv) => {
  const ok = await newSink({ status: 200, body: '{"code":0}' });
  const bad = await newSink({ status: 404, body: 'no such hook', contentType: 'text/plain' });
  const okCode = await addWebhook(srv, 'mt', 4, ok.url('/ok'));
  const badCode = await addWebhook(srv, 'mt', 4, bad.url('/bad'));
  const before = await scrape(srv.base);

  const sc1 = expectOk(await send(srv.base, { token: srv.admin.token, title: 't', content: 'c' }));
  const sc2 = expectOk(await send(srv.base, { token: srv.admin.token, content: 'ok', channel: 'webhook', webhook: okCode }));
  const sc3 = expectOk(await send(srv.base, { token: srv.admin.token, content: 'bad', channel: 'webhook', webhook: badCode }));
  await srv.waitStatus(sc1, [2]);
  await srv.waitStatus(sc2, [2]);
  await srv.waitStatus(sc3, [3]);
  const after = await scrape(srv.base);

  const d = (name, labels) => value(after, name, labels) - value(before, name, labels);
  assert.equal(d('feige_http_requests_total', { api: 'pushplus', route: '/send', status: '200', code: '200' }), 3);
  assert.equal(d('feige_messages_accepted_total', { channel: 'wechat' }), 1);
  assert.equal(d('feige_messages_accepted_total', { channel: 'webhook' }), 2);
  assert.equal(d('feige_deliveries_total', { channel: 'wechat', outcome: 'ok' }), 1);
  assert.equal(d('feige_deliveries_total', { channel: 'webhook', outcome: 'ok' }), 1);
  assert.equal(d('feige_deliveries_total', { channel: 'webhook', outcome: 'failed' }), 1);
  assert.equal(d('feige_upstream_request_seconds_count', { channel: 'webhook' }), 2);
  assert.ok(d('feige_writer_batch_ops_count') >= 3);
  assert.ok(d('feige_writer_commit_seconds_count') >= 3);
  assert.equal(value(after, 'feige_queue_deliveries'), 0);
  // the failed delivery at warn, with the upstream's reason
  const warn = srv.stderr.split('\n').filter((l) => l.includes('msg="delivery failed"'));
  assert.equal(warn.length, 1, srv.stderr);
  assert.match(warn[0], /level=warn/);
  assert.match(warn[0], /channel=webhook/);
  assert.match(warn[0], /reason="[^"]*404/);
});

S.test('a retried webhook counts its retry', async (t, srv) => {
  const sink = await newSink({ status: 200, body: '{"code":0}' });
  sink.script.push({ status: 503, body: 'busy' });
  const code = await addWebhook(srv, 'mr', 4, sink.url('/r'));
  const before = await scrape(srv.base);
  const sc = expectOk(await send(srv.base, { token: srv.admin.token, content: 'r', channel: 'webhook', webhook: code }));
  await srv.waitStatus(sc, [2]);
  const after = await scrape(srv.base);
  assert.equal(value(after, 'feige_delivery_retries_total', { channel: 'webhook' }) - value(before, 'feige_delivery_retries_total', { channel: 'webhook' }), 1);
  assert.equal(value(after, 'feige_deliveries_total', { channel: 'webhook', outcome: 'retry' }) - value(before, 'feige_deliveries_total', { channel: 'webhook', outcome: 'retry' }), 1);
});

S.test('callbacks by outcome; live streams counted while open', async (t, srv) => {
  const sink = await newSink({ status: 200 });
  const before = await scrape(srv.base);
  expectOk(await send(srv.base, { token: srv.admin.token, content: 'cb', callbackUrl: sink.url('/cb') }));
  await waitFor(() => sink.requests.length === 1, 10000, { what: 'the callback' });
  const cbOk = (f) => value(f, 'feige_callbacks_total', { outcome: 'ok' });
  await waitFor(async () => cbOk(await scrape(srv.base)) === cbOk(before) + 1, 5000, { what: 'callbacks_total{outcome="ok"} + 1' });

  const s = await openSSE(`${srv.base}/inbox/stream?token=${srv.admin.token}`);
  try {
    assert.equal(s.status, 200);
    await waitFor(async () => value(await scrape(srv.base), 'feige_live_streams', { kind: 'sse' }) === 1, 5000, { what: 'the stream gauge at 1' });
  } finally {
    s.close();
  }
  // the server notices a closed stream when a write to it fails (the
  // first write after the peer's close may still be accepted by TCP)
  await waitFor(async () => {
    await srv.waitStatus(expectOk(await send(srv.base, { token: srv.admin.token, content: 'wake' })), [2]);
    return value(await scrape(srv.base), 'feige_live_streams', { kind: 'sse' }) === 0;
  }, 20000, { intervalMs: 200, what: 'the stream gauge back to 0' });
});

S.test('1000 random paths do not make 1000 series', async (t, srv) => {
  const before = await scrape(srv.base);
  const n0 = before.get('feige_http_requests_total').samples.length;
  for (let i = 0; i < 1000; i += 50)
    await Promise.all(Array.from({ length: 50 }, (_, k) => request(`${srv.base}/x${Math.random().toString(36).slice(2)}/${i + k}`)));
  const after = await scrape(srv.base);
  const series = after.get('feige_http_requests_total').samples;
  assert.ok(series.length <= n0 + 3, `${series.length} series after 1000 random paths (had ${n0})`);
  assert.equal(value(after, 'feige_http_requests_total', { api: 'other', route: 'other', status: '404', code: '404' }) -
    value(before, 'feige_http_requests_total', { api: 'other', route: 'other', status: '404', code: '404' }), 1000);
  for (const s of series) assert.ok(!/^\/x[a-z0-9]+\//.test(s.labels.route), `raw path as a label: ${s.labels.route}`);
  assert.equal(value(after, 'feige_metrics_dropped_total'), 0);
});

S.test('access log: one line per request, no token from the query or the path', async (t, srv) => {
  const tok = srv.admin.token;
  const mark = `/probe-${Date.now()}`;
  await request(`${srv.base}${mark}?token=${tok}`);
  let r = await request(`${srv.base}/send?token=${tok}&title=a&content=b`);
  assert.equal(r.status, 200);
  r = await request(`${srv.base}/send/${tok}?title=a&content=b`);
  assert.equal(r.status, 200);
  await waitFor(() => accessLines(srv, /path="\/send\/\*"/).length >= 1, 5000, { what: 'access line' });
  const probe = accessLines(srv, new RegExp(`path="${mark}"`));
  assert.equal(probe.length, 1, srv.stderr);
  assert.match(probe[0], /level=info msg=access method="GET" path="\/probe-\d+" route="other" api=other status=404 code=404 bytes=\d+ duration_ms=\d+ ip="127\.0\.0\.1"/);
  const sends = accessLines(srv, /route="\/send"/);
  assert.ok(sends.length >= 1);
  assert.match(sends.at(-1), /method="GET" path="\/send" route="\/send" api=pushplus status=200 code=200 bytes=\d+/);
  assert.match(accessLines(srv, /route="\/send\/\*"/).at(-1), /path="\/send\/\*" route="\/send\/\*" api=pushplus status=200/);
  for (const l of srv.stderr.split('\n')) assert.ok(!l.includes(tok), `token in a log line: ${l}`);
  // one line per request: the 1000 random paths of the previous test
  assert.equal(accessLines(srv, /path="\/x[a-z0-9]+\/\d+"/).length, 1000);
});

S.test('metrics.allow: a client outside the list gets the 404 of an unknown path', async (t, srv) => {
  const r = await getFrom(srv.base + '/metrics', '127.0.0.2');
  assert.equal(r.status, 404);
  assert.ok(!r.text.includes('# TYPE'));
  const unknown = await getFrom(srv.base + '/nothing-here', '127.0.0.2');
  assert.equal(r.text, unknown.text);
});

S.test('/healthz: ok with every check', async (t, srv) => {
  const r = await request(srv.base + '/healthz');
  assert.equal(r.status, 200);
  assert.deepEqual(r.json, { status: 'ok', checks: { store: 'ok', writer: 'ok', workers: 'ok' } });
});

S.test('/healthz: 503 while another process holds the write lock, ok after', async (t, srv) => {
  // SQLite: the sqlite3 CLI takes the write lock; PostgreSQL: psql locks
  // the table the probe writes (feige waits lock_timeout, 10 s, for it)
  const db = path.join(srv.dataDir, 'feige.db');
  const lock = ON_PG
    ? spawn('psql', ['-Xq', pgUrlFor(srv.dataDir)], { stdio: ['pipe', 'pipe', 'pipe'] })
    : spawn('/usr/bin/sqlite3', [db], { stdio: ['pipe', 'pipe', 'pipe'] });
  let out = '';
  lock.stdout.setEncoding('utf8');
  lock.stdout.on('data', (d) => (out += d));
  const exited = new Promise((r) => lock.on('exit', r));
  try {
    lock.stdin.write(ON_PG
      ? 'BEGIN;\nLOCK TABLE meta IN EXCLUSIVE MODE;\n\\echo locked\n'
      : ".timeout 5000\nBEGIN IMMEDIATE;\nINSERT INTO meta(key, value) VALUES ('test_lock', '1');\n.print locked\n");
    await waitFor(() => out.includes('locked'), 10000, { what: 'another process holding the write lock' });
    const r = await request(srv.base + '/healthz', { timeoutMs: 30000 });
    assert.equal(r.status, 503, r.text);
    assert.equal(r.json.status, 'fail');
    assert.match(r.json.checks.store, /^fail: /);
    assert.equal(r.json.checks.writer, 'ok');
    assert.equal(r.json.checks.workers, 'ok');
  } finally {
    lock.stdin.end(ON_PG ? 'ROLLBACK;\n\\q\n' : 'ROLLBACK;\n.quit\n');
    await exited;
  }
  const r = await request(srv.base + '/healthz');
  assert.equal(r.status, 200, r.text);
});

test('queue.workers = 0: /healthz says workers "disabled" and stays 200; log.access = no', async () => {
  const f = await another({ 'queue.workers': 0, 'log.access': 'no', 'metrics.enable': 'yes' });
  const r = await request(f.base + '/healthz');
  assert.equal(r.status, 200, r.text);
  assert.deepEqual(r.json, { status: 'ok', checks: { store: 'ok', writer: 'ok', workers: 'disabled' } });
  // the queue holds the accepted delivery: it is due, and waits
  const sink = await newSink({});
  const code = await addWebhook(f, 'mw', 4, sink.url('/w'));
  expectOk(await send(f.base, { token: f.admin.token, content: 'held', channel: 'webhook', webhook: code }));
  const fams = await scrape(f.base);
  assert.equal(value(fams, 'feige_queue_deliveries'), 1);
  assert.ok(value(fams, 'feige_queue_oldest_due_seconds') >= 0);
  assert.equal(sink.requests.length, 0);
  assert.ok(!f.stderr.includes('msg=access'), f.stderr);
});

test('metrics.listen: /metrics on its own port only, with /healthz; the main port has none', async () => {
  const f = await another({ 'metrics.listen': '127.0.0.1:0' }); // metrics.enable: no (default)
  const m = await waitFor(() => /msg="metrics listening" metrics=127\.0\.0\.1:(\d+)/.exec(f.stderr), 5000, { what: 'metrics listener line' });
  const mbase = `http://127.0.0.1:${m[1]}`;
  assert.equal((await request(f.base + '/metrics')).status, 404);
  const fams = await scrape(mbase);
  assert.ok(fams.has('feige_http_requests_total'));
  const h = await request(mbase + '/healthz');
  assert.equal(h.status, 200);
  assert.equal(h.json.status, 'ok');
  // nothing else is served there
  const s = await request(`${mbase}/send?token=${f.admin.token}&content=x`);
  assert.equal(s.status, 404);
  assert.equal((await getFrom(mbase + '/metrics', '127.0.0.2')).status, 404);
});
