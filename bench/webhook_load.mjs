// bench/webhook_load.mjs: POST /send with channel=webhook, for
// bench/webhook.sh and bench/soak.sh.
//
//   node bench/webhook_load.mjs BASE TOKEN HOOK fill N [TARPIT_HOOK EVERY]
//     N sends as fast as 64 connections take them; with TARPIT_HOOK,
//     every EVERY-th send goes to that webhook instead.
//   node bench/webhook_load.mjs BASE TOKEN HOOK rate PER_SECOND SECONDS
//     a steady rate, in 100 ms slices; at most 512 sends in flight, the
//     sends due beyond that are not made but counted as "behind".
// Prints "sent N errors E behind B" at the end (an error: no reply or
// not code 200).
import http from 'node:http';

const [base, token, hook, mode, a, b, c] = process.argv.slice(2);
const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
let sent = 0, errors = 0, behind = 0;

function send(option, i) {
  const body = JSON.stringify({ token, title: 'bench', content: 'delivery ' + i,
    channel: 'webhook', option });
  return new Promise((resolve) => {
    const req = http.request(base + '/send', { method: 'POST', agent,
      headers: { 'Content-Type': 'application/json' } }, (res) => {
      let d = '';
      res.on('data', (x) => (d += x));
      res.on('end', () => {
        sent++;
        if (!d.includes('"code":200')) errors++;
        resolve();
      });
    });
    req.on('error', () => { sent++; errors++; resolve(); });
    req.end(body);
  });
}

if (mode === 'fill') {
  const n = Number(a), every = Number(c || 0);
  let next = 0;
  const lane = async () => {
    while (next < n) {
      const i = next++;
      await send(b && every && i % every === every - 1 ? b : hook, i);
    }
  };
  await Promise.all(Array.from({ length: 64 }, lane));
} else {
  const rate = Number(a), secs = Number(b), t0 = Date.now();
  let i = 0;
  const inflight = new Set();
  while (Date.now() - t0 < secs * 1000) {
    const due = Math.floor(((Date.now() - t0) / 1000) * rate);
    while (i < due) {
      if (inflight.size >= 512) {	/* feige is behind: count, do not pile up */
        behind += due - i;
        i = due;
        break;
      }
      const p = send(hook, i++);
      inflight.add(p);
      p.then(() => inflight.delete(p));
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  await Promise.all(inflight);
}
console.log(`sent ${sent} errors ${errors} behind ${behind}`);
agent.destroy();
