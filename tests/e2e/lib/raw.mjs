// Raw-socket HTTP/1.1 client for exact framing: pipelining, keep-alive,
// chunked request bodies, Expect: 100-continue, HTTP/1.0, missing headers.
import net from 'node:net';

export class RawConn {
  static open(port, host = '127.0.0.1') {
    return new Promise((resolve, reject) => {
      const c = new RawConn();
      c.sock = net.connect(port, host, () => resolve(c));
      c.attach();
      c.sock.on('error', (e) => {
        c.error = e;
        c.wake();
        reject(e);
      });
    });
  }

  constructor() {
    this.buf = Buffer.alloc(0);
    this.closed = false;
    this.waiters = [];
    this.sock = null;
  }

  attach() {
    this.sock.on('data', (d) => {
      this.buf = Buffer.concat([this.buf, d]);
      this.wake();
    });
    this.sock.on('close', () => {
      this.closed = true;
      this.wake();
    });
    this.sock.on('end', () => {
      this.closed = true;
      this.wake();
    });
  }

  wake() {
    const w = this.waiters;
    this.waiters = [];
    w.forEach((f) => f());
  }

  write(data) {
    return new Promise((resolve, reject) => this.sock.write(typeof data === 'string' ? Buffer.from(data, 'utf8') : data, (e) => (e ? reject(e) : resolve())));
  }

  async waitData(timeoutMs) {
    await new Promise((resolve) => {
      const t = setTimeout(resolve, timeoutMs);
      this.waiters.push(() => {
        clearTimeout(t);
        resolve();
      });
    });
  }

  /**
   * Read one response (including interim 1xx). Resolves
   * {status, reason, version, headers (lower-case keys), rawHead, body (Buffer), text, json}
   * or null if the connection closed / timed out before a full response.
   */
  async readResponse(timeoutMs = 10000, { headOnly = false } = {}) {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const r = this.tryParse(headOnly);
      if (r) return r;
      if (this.closed || this.error) {
        // a response without length ends at close
        const r2 = this.tryParse(headOnly, true);
        return r2 || null;
      }
      const left = deadline - Date.now();
      if (left <= 0) return null;
      await this.waitData(left);
    }
  }

  tryParse(headOnly, atEof = false) {
    const sep = this.buf.indexOf('\r\n\r\n');
    if (sep < 0) return null;
    const rawHead = this.buf.subarray(0, sep).toString('latin1');
    const lines = rawHead.split('\r\n');
    const m = /^(HTTP\/\d\.\d) (\d{3}) ?(.*)$/.exec(lines[0]);
    if (!m) throw new Error('bad status line: ' + JSON.stringify(lines[0]));
    const headers = {};
    for (const l of lines.slice(1)) {
      const i = l.indexOf(':');
      if (i < 0) continue;
      const k = l.slice(0, i).trim().toLowerCase();
      const v = l.slice(i + 1).trim();
      headers[k] = k in headers ? headers[k] + ', ' + v : v;
    }
    const status = Number(m[2]);
    const start = sep + 4;
    const mk = (body, consumed) => {
      this.buf = this.buf.subarray(consumed);
      const text = body.toString('utf8');
      let json;
      try {
        json = JSON.parse(text);
      } catch {
        json = undefined;
      }
      return { version: m[1], status, reason: m[3], headers, rawHead, body, text, json };
    };
    if (status >= 100 && status < 200) return mk(Buffer.alloc(0), start);
    if (headOnly) return mk(Buffer.alloc(0), start);
    const te = (headers['transfer-encoding'] || '').toLowerCase();
    if (te.includes('chunked')) {
      let pos = start;
      const parts = [];
      for (;;) {
        const le = this.buf.indexOf('\r\n', pos);
        if (le < 0) return null;
        const size = parseInt(this.buf.subarray(pos, le).toString('latin1').split(';')[0], 16);
        if (Number.isNaN(size)) throw new Error('bad chunk size');
        if (size === 0) {
          // skip trailers until empty line
          let p = le + 2;
          for (;;) {
            const e2 = this.buf.indexOf('\r\n', p);
            if (e2 < 0) return null;
            if (e2 === p) return mk(Buffer.concat(parts), e2 + 2);
            p = e2 + 2;
          }
        }
        if (this.buf.length < le + 2 + size + 2) return null;
        parts.push(this.buf.subarray(le + 2, le + 2 + size));
        pos = le + 2 + size + 2;
      }
    }
    if (headers['content-length'] !== undefined) {
      const n = Number(headers['content-length']);
      if (this.buf.length < start + n) return null;
      return mk(this.buf.subarray(start, start + n), start + n);
    }
    if (status === 204 || status === 304) return mk(Buffer.alloc(0), start);
    if (atEof) return mk(this.buf.subarray(start), this.buf.length);
    return null;
  }

  close() {
    this.sock.destroy();
  }
}

/** Build a request head. headers: array of [name, value] or object. */
export function head(method, target, headers = [], version = 'HTTP/1.1') {
  const list = Array.isArray(headers) ? headers : Object.entries(headers);
  return `${method} ${target} ${version}\r\n` + list.map(([k, v]) => `${k}: ${v}\r\n`).join('') + '\r\n';
}

/** One request on a fresh connection; returns the (final) response. */
export async function rawRequest(port, bytes, timeoutMs = 10000) {
  const c = await RawConn.open(port);
  try {
    await c.write(bytes);
    let r;
    do {
      r = await c.readResponse(timeoutMs);
    } while (r && r.status >= 100 && r.status < 200);
    return r;
  } finally {
    c.close();
  }
}

/** Encode a body as chunked with the given chunk sizes (rest in one chunk). */
export function chunked(body, sizes = [7, 13], { ext = false, trailer = false } = {}) {
  const b = Buffer.isBuffer(body) ? body : Buffer.from(body, 'utf8');
  const out = [];
  let pos = 0;
  let i = 0;
  while (pos < b.length) {
    const n = Math.min(sizes[i] ?? b.length, b.length - pos);
    i++;
    out.push(Buffer.from(n.toString(16) + (ext && i === 1 ? ';foo=bar' : '') + '\r\n', 'latin1'));
    out.push(b.subarray(pos, pos + n));
    out.push(Buffer.from('\r\n'));
    pos += n;
  }
  out.push(Buffer.from('0\r\n' + (trailer ? 'X-Trailer: yes\r\n' : '') + '\r\n'));
  return Buffer.concat(out);
}
