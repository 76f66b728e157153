// bench/live.mjs: the load driver of bench/live.sh (issue 10: "Send ->
// live client p99 <= 5 ms at 2 000 messages/s").
//
//   node bench/live.mjs BASE TOKEN UID [RATE] [SECONDS]
//
// LIVE_STREAM_BASE=url opens the streams on another node than the one
// sent to (bench/live-pg.sh: two nodes on one PostgreSQL).
//
// Opens two live streams of the person, the inbox's Server-Sent Events
// (/inbox/stream) and ntfy's JSON stream (/<UID>/json), then sends
// pushplus POST /send to that person open-loop: message i is due at
// start + i/RATE and goes out when due whether or not earlier replies
// came back (keep-alive sockets, as many as in flight).  Each title
// carries the message's number and the time its request started; an
// event's latency is its arrival on a stream minus that time, both on
// this process's clock (performance.timeOrigin + now(), sub-ms).
// Because the driver is also the receiver, its own event-loop delays
// count against feige: the figures are an upper bound.  "sched" is the
// same measured from when the message was due, so a driver that falls
// behind shows there (coordinated omission is not hidden).
//
// Prints one line per stream with p50/p99/max and what was lost, and
// the achieved send rate; exit 1 if a reply was not code 200 or
// anything was missing after waiting 10 s.
import http from 'node:http';
import { performance } from 'node:perf_hooks';

const [base, token, uid, rateArg, secsArg] = process.argv.slice(2);
const rate = Number(rateArg || 2000);
const secs = Number(secsArg || 10);
const total = Math.round(rate * secs);
const now = () => performance.timeOrigin + performance.now();
const agent = new http.Agent({ keepAlive: true, maxSockets: 128 });

const due = new Float64Array(total);
const lat = { sse: new Float64Array(total).fill(NaN), ntfy: new Float64Array(total).fill(NaN) };
const fromDue = { sse: new Float64Array(total).fill(NaN), ntfy: new Float64Array(total).fill(NaN) };
let replies = 0, bad = 0, firstBad = '';

function onTitle(kind, title, at) {
  const m = /^L(\d+) ([\d.]+)$/.exec(title || '');
  if (!m) return;
  const i = Number(m[1]);
  if (i >= total || !Number.isNaN(lat[kind][i])) return;
  lat[kind][i] = at - Number(m[2]);
  fromDue[kind][i] = at - due[i];
}

// A stream as lines; resolves once the server has answered 200.
function stream(path, onLine) {
  return new Promise((resolve, reject) => {
    const req = http.get(`${process.env.LIVE_STREAM_BASE || base}${path}`, { headers: { Authorization: `Bearer ${token}` } }, (res) => {
      if (res.statusCode !== 200) return reject(new Error(`${path}: HTTP ${res.statusCode}`));
      res.setEncoding('utf8');
      let buf = '';
      res.on('data', (c) => {
        const at = now();
        buf += c;
        let k;
        while ((k = buf.indexOf('\n')) >= 0) {
          onLine(buf.slice(0, k), at);
          buf = buf.slice(k + 1);
        }
      });
      resolve(req);
    });
    req.on('error', reject);
  });
}

function send(i) {
  const t = now();
  const body = JSON.stringify({ token, title: `L${i} ${t.toFixed(3)}`, content: 'live bench' });
  const req = http.request(`${base}/send`, {
    method: 'POST', agent,
    headers: { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) },
  }, (res) => {
    let text = '';
    res.setEncoding('utf8');
    res.on('data', (c) => (text += c));
    res.on('end', () => {
      replies++;
      if (res.statusCode !== 200 || !text.includes('"code":200')) {
        if (!bad++) firstBad = `${res.statusCode} ${text}`;
      }
    });
  });
  req.on('error', (e) => { replies++; if (!bad++) firstBad = String(e); });
  req.end(body);
}

function pct(a, p) {
  return a.length ? a[Math.min(a.length - 1, Math.ceil((p / 100) * a.length) - 1)] : NaN;
}

function report(kind) {
  const got = Array.from(lat[kind]).filter((x) => !Number.isNaN(x)).sort((a, b) => a - b);
  const d = Array.from(fromDue[kind]).filter((x) => !Number.isNaN(x)).sort((a, b) => a - b);
  const f = (x) => x.toFixed(2);
  console.log(`${kind.padEnd(4)} ${got.length}/${total} events: p50 ${f(pct(got, 50))} ms, p99 ${f(pct(got, 99))} ms, ` +
    `max ${f(got.at(-1) ?? NaN)} ms (from due: p99 ${f(pct(d, 99))} ms, max ${f(d.at(-1) ?? NaN)} ms)`);
}

const sse = await stream('/inbox/stream', (line, at) => {
  if (line.startsWith('data: ')) onTitle('sse', JSON.parse(line.slice(6)).title, at);
});
const ntfy = await stream(`/${uid}/json`, (line, at) => {
  if (!line) return;
  const e = JSON.parse(line);
  if (e.event === 'message') onTitle('ntfy', e.title, at);
});

const start = now() + 50;
for (let i = 0; i < total; i++) due[i] = start + (i * 1000) / rate;
let next = 0;
await new Promise((resolve) => {
  const tick = () => {
    const t = now();
    while (next < total && due[next] <= t) send(next++);
    if (next < total) setTimeout(tick, Math.max(0, Math.min(1, due[next] - now())));
    else resolve();
  };
  tick();
});
const sentSpan = now() - start;
const deadline = now() + 10000;
const seen = (k) => lat[k].filter((x) => !Number.isNaN(x)).length;
while ((replies < total || seen('sse') < total || seen('ntfy') < total) && now() < deadline)
  await new Promise((r) => setTimeout(r, 20));
console.log(`sent ${total} in ${(sentSpan / 1000).toFixed(2)} s: ${(total / (sentSpan / 1000)).toFixed(0)} messages/s ` +
  `(target ${rate}); ${replies} replies, ${bad} not code 200${bad ? `: ${firstBad.slice(0, 200)}` : ''}`);
report('sse');
report('ntfy');
sse.destroy();
ntfy.destroy();
agent.destroy();
process.exit(bad || replies < total || seen('sse') < total || seen('ntfy') < total ? 1 : 0);
