// A minimal ntfy subscriber, speaking ntfy's JSON stream the way the ntfy
// Android app does (ntfy-android JsonConnection: GET /<topics>/json?since=…,
// one JSON object per line), plus helpers for ntfy's credentials.
import http from 'node:http';
import { waitFor } from './wait.mjs';

/** ntfy-android's header: Basic base64(user:password). */
export function basic(user, password) {
  return 'Basic ' + Buffer.from(`${user}:${password}`).toString('base64');
}

/** ntfy's ?auth=: the Authorization value, base64url without padding. */
export function authParam(value) {
  return Buffer.from(value).toString('base64url');
}

/**
 * openNtfy(url, {headers}) → resolves once the response headers arrive
 * (or, for a non-200 answer, once its body has ended):
 * {status, headers, text, events: [parsed lines], waitEvent(pred, what),
 *  waitText(re), close()}; raw: lines are not parsed (/raw)
 */
export function openNtfy(url, { headers = {}, timeoutMs = 10000, raw = false } = {}) {
  return new Promise((resolve, reject) => {
    const u = new URL(url);
    const s = {
      status: 0,
      headers: {},
      text: '',
      events: [],
      ended: false,
      close() {
        s.req.destroy();
      },
      waitEvent(pred, what = 'ntfy event', ms = 10000) {
        return waitFor(() => {
          const e = s.events.find(pred);
          if (e) return e;
          if (s.ended) throw new Error(`stream ended waiting for ${what}: ${s.text.slice(-500)}`);
          return false;
        }, ms, { what });
      },
      waitText(re, ms = 10000) {
        return waitFor(() => re.test(s.text), ms, { what: `text ${re}` });
      },
    };
    let buf = '';
    const req = http.request(
      { host: u.hostname, port: u.port, path: u.pathname + u.search, method: 'GET', headers, agent: false },
      (res) => {
        s.status = res.statusCode;
        s.headers = res.headers;
        res.setEncoding('utf8');
        res.on('data', (d) => {
          s.text += d;
          buf += d;
          let i;
          while ((i = buf.indexOf('\n')) >= 0) {
            const line = buf.slice(0, i);
            buf = buf.slice(i + 1);
            if (!raw && line.trim() !== '') s.events.push(JSON.parse(line));
          }
        });
        const end = () => (s.ended = true);
        res.on('end', end);
        res.on('error', end);
        res.on('close', end);
        if (res.statusCode === 200) resolve(s);
        else res.on('end', () => resolve(s));
      },
    );
    s.req = req;
    req.setTimeout(timeoutMs, () => {
      if (!s.status) req.destroy(new Error('ntfy connect timed out'));
    });
    req.on('error', (e) => {
      s.ended = true;
      if (!s.status) reject(e);
    });
    req.end();
  });
}
