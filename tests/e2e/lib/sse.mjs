// Minimal Server-Sent Events client on node:http.
import http from 'node:http';
import { waitFor } from './wait.mjs';

/**
 * openSSE(url, {headers}) → resolves once response headers arrive:
 * {status, headers, events: [{id, event, data, json}], comments: [..],
 *  waitForEvents(n, timeoutMs), close(), body (for non-SSE error responses)}
 */
export function openSSE(url, { headers = {}, timeoutMs = 10000 } = {}) {
  return new Promise((resolve, reject) => {
    const u = new URL(url);
    const s = {
      events: [],
      comments: [],
      status: 0,
      headers: {},
      body: '',
      ended: false,
      req: null,
      close() {
        s.req.destroy();
      },
      waitForEvents(n, ms = 10000) {
        return waitFor(() => {
          if (s.events.length >= n) return s.events.slice(0, n);
          if (s.ended) throw new Error(`stream ended with ${s.events.length} events`);
          return false;
        }, ms, { what: `${n} SSE events (have ${s.events.length})` });
      },
    };
    let buf = '';
    let cur = { data: [] };
    const dispatch = () => {
      if (cur.data.length || cur.id !== undefined || cur.event !== undefined) {
        if (cur.data.length) {
          const data = cur.data.join('\n');
          let json;
          try {
            json = JSON.parse(data);
          } catch {
            json = undefined;
          }
          s.events.push({ id: cur.id, event: cur.event ?? 'message', data, json });
        }
      }
      cur = { data: [] };
    };
    const feed = (text) => {
      buf += text;
      let i;
      while ((i = buf.search(/\r\n|\n|\r/)) >= 0) {
        const line = buf.slice(0, i);
        buf = buf.slice(i + (buf.startsWith('\r\n', i) ? 2 : 1));
        if (line === '') {
          dispatch();
          continue;
        }
        if (line.startsWith(':')) {
          s.comments.push(line.slice(1).trim());
          continue;
        }
        const c = line.indexOf(':');
        const field = c < 0 ? line : line.slice(0, c);
        let value = c < 0 ? '' : line.slice(c + 1);
        if (value.startsWith(' ')) value = value.slice(1);
        if (field === 'data') cur.data.push(value);
        else if (field === 'id') cur.id = value;
        else if (field === 'event') cur.event = value;
      }
    };
    const req = http.request(
      { host: u.hostname, port: u.port, path: u.pathname + u.search, method: 'GET', headers: { Accept: 'text/event-stream', ...headers }, agent: false },
      (res) => {
        s.status = res.statusCode;
        s.headers = res.headers;
        res.setEncoding('utf8');
        const isSse = (res.headers['content-type'] || '').startsWith('text/event-stream');
        res.on('data', (d) => {
          if (isSse) feed(d);
          else s.body += d;
        });
        res.on('end', () => (s.ended = true));
        res.on('error', () => (s.ended = true));
        res.on('close', () => (s.ended = true));
        if (isSse) resolve(s);
        else res.on('end', () => resolve(s));
      },
    );
    s.req = req;
    req.setTimeout(timeoutMs, () => {
      if (!s.status) req.destroy(new Error('SSE connect timed out'));
    });
    req.on('error', (e) => {
      s.ended = true;
      if (!s.status) reject(e);
    });
    req.end();
  });
}
