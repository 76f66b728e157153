// Recording HTTP server: a stand-in for callback receivers and upstreams.
// Records method, path, headers (lower-cased), raw headers, raw body.
// Reply is configurable: status, body, content type, delay, or drop.
import http from 'node:http';
import { after } from 'node:test';
import { waitFor } from './wait.mjs';

export async function startSink({ status = 200, body = '{"ok":true}', contentType = 'application/json', delayMs = 0, drop = false } = {}) {
  const sink = {
    requests: [],
    reply: { status, body, contentType, delayMs, drop },
    server: null,
    port: 0,
    url(p = '/cb') {
      return `http://127.0.0.1:${sink.port}${p}`;
    },
    setReply(r) {
      Object.assign(sink.reply, r);
    },
    /** replies used once each, in order, before falling back to reply */
    script: [],
    /** per-path reply function (req) => reply or undefined */
    route: null,
    /** requests whose path starts with prefix (or all) */
    on(prefix) {
      return prefix ? sink.requests.filter((r) => r.path.startsWith(prefix)) : sink.requests;
    },
    /** JSON-parsed bodies of requests matching a predicate */
    jsonBodies(prefix) {
      return sink.on(prefix).map((r) => r.json).filter(Boolean);
    },
    async waitForRequest(pred, timeoutMs = 10000, what = 'sink request') {
      return waitFor(() => sink.requests.find(pred), timeoutMs, { what });
    },
    async waitForCount(n, pred = () => true, timeoutMs = 10000) {
      return waitFor(() => {
        const m = sink.requests.filter(pred);
        return m.length >= n && m;
      }, timeoutMs, { what: `${n} sink requests` });
    },
    close() {
      return new Promise((resolve) => {
        sink.server.closeAllConnections?.();
        sink.server.close(() => resolve());
      });
    },
  };
  sink.server = http.createServer((req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', async () => {
      const raw = Buffer.concat(chunks);
      const text = raw.toString('utf8');
      let json;
      try {
        json = JSON.parse(text);
      } catch {
        json = undefined;
      }
      const u = new URL(req.url, 'http://x');
      sink.requests.push({
        method: req.method,
        url: req.url,
        path: u.pathname,
        query: Object.fromEntries(u.searchParams),
        headers: req.headers,
        rawHeaders: req.rawHeaders,
        raw,
        body: text,
        json,
        at: Date.now(),
      });
      const routed = sink.route && sink.route(sink.requests[sink.requests.length - 1]);
      const r = routed ? { ...sink.reply, delayMs: 0, drop: false, ...routed } : sink.script.length ? { ...sink.reply, delayMs: 0, drop: false, ...sink.script.shift() } : sink.reply;
      if (r.delayMs) await new Promise((ok) => setTimeout(ok, r.delayMs));
      if (r.drop) {
        req.socket.destroy();
        return;
      }
      res.writeHead(r.status, { 'Content-Type': r.contentType });
      res.end(r.body);
    });
  });
  await new Promise((resolve) => sink.server.listen(0, '127.0.0.1', resolve));
  sink.port = sink.server.address().port;
  return sink;
}

/**
 * A sink starter for one test file: every sink it starts is closed after
 * the file's tests.  const newSink = sinkPool(); await newSink({ ... })
 */
export function sinkPool() {
  const sinks = [];
  after(() => Promise.all(sinks.map((s) => s.close())));
  return async (opts) => {
    const s = await startSink(opts);
    sinks.push(s);
    return s;
  };
}

/**
 * `feige webhook add` of the admin user: a new code (prefix + a counter),
 * the type and the URL; returns the code after checking the CLI's reply.
 */
let hookSeq = 0;
export async function addWebhook(srv, prefix, type, url) {
  const code = `${prefix}${type}_${++hookSeq}`;
  const c = await srv.cli(['webhook', 'add', srv.admin.uid, code, `hook ${hookSeq}`, String(type), url]);
  if (c.code !== code || c.type !== type)
    throw new Error(`webhook add: ${JSON.stringify(c)}`);
  return code;
}
