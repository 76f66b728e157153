// A minimal RFC 6455 WebSocket client over node:net, written for the tests
// (node 20 has no global WebSocket without a flag, and the tests need to
// send what a browser never would: unmasked, oversized and broken frames).
//
// openWS(url, {headers}) → resolves after the server's answer:
//   {status, headers, body (non-101 answers), messages: [text],
//    json: [parsed], pongs: [Buffer], closeCode, closeReason, closed,
//    waitMessage(pred, what), waitClose(), send(text), ping(buf),
//    close(code), frame({opcode, payload, fin, mask, rsv}), raw(buf),
//    destroy()}
// The connection is closed by the server when the stream ends (closed is
// then true); a close frame it sent sets closeCode.
import net from 'node:net';
import crypto from 'node:crypto';
import { waitFor } from './wait.mjs';

const GUID = '258EAFA5-E914-47DA-95CA-C5AB0DC85B11';

/** One client frame: masked unless mask === false. */
export function encodeFrame({ opcode = 1, payload = Buffer.alloc(0), fin = true, mask = true, rsv = 0 } = {}) {
  const p = Buffer.isBuffer(payload) ? payload : Buffer.from(payload);
  const head = [((fin ? 0x80 : 0) | (rsv << 4) | opcode) & 0xff];
  const m = mask ? 0x80 : 0;
  if (p.length < 126) head.push(m | p.length);
  else if (p.length < 65536) head.push(m | 126, p.length >> 8, p.length & 0xff);
  else {
    head.push(m | 127);
    const b = Buffer.alloc(8);
    b.writeBigUInt64BE(BigInt(p.length));
    head.push(...b);
  }
  if (!mask) return Buffer.concat([Buffer.from(head), p]);
  const key = crypto.randomBytes(4);
  const body = Buffer.from(p.map((x, i) => x ^ key[i & 3]));
  return Buffer.concat([Buffer.from(head), key, body]);
}

/** Parse server frames from buf: {frames, rest}. */
export function decodeFrames(buf) {
  const frames = [];
  let off = 0;
  for (;;) {
    if (buf.length - off < 2) break;
    const b0 = buf[off];
    const b1 = buf[off + 1];
    let len = b1 & 0x7f;
    let hl = 2;
    if (len === 126) {
      if (buf.length - off < 4) break;
      len = buf.readUInt16BE(off + 2);
      hl = 4;
    } else if (len === 127) {
      if (buf.length - off < 10) break;
      len = Number(buf.readBigUInt64BE(off + 2));
      hl = 10;
    }
    const masked = (b1 & 0x80) !== 0;
    if (masked) hl += 4;
    if (buf.length - off < hl + len) break;
    frames.push({ fin: (b0 & 0x80) !== 0, rsv: (b0 >> 4) & 7, opcode: b0 & 0x0f, masked, payload: buf.subarray(off + hl, off + hl + len) });
    off += hl + len;
  }
  return { frames, rest: buf.subarray(off) };
}

export function openWS(url, { headers = {}, timeoutMs = 10000, key = crypto.randomBytes(16).toString('base64') } = {}) {
  return new Promise((resolve, reject) => {
    const u = new URL(url);
    const sock = net.connect({ host: u.hostname, port: Number(u.port) });
    const ws = {
      status: 0,
      headers: {},
      body: '',
      messages: [],
      json: [],
      pongs: [],
      frames: [],
      closeCode: undefined,
      closeReason: '',
      closed: false,
      sock,
      waitMessage(pred, what = 'a WebSocket message', ms = 10000) {
        return waitFor(() => {
          const m = ws.json.find(pred);
          if (m) return m;
          if (ws.closed) throw Object.assign(new Error(`closed (${ws.closeCode}) waiting for ${what}`), { fatal: true });
          return false;
        }, ms, { what });
      },
      waitClose(ms = 10000) {
        return waitFor(() => ws.closed, ms, { what: 'the connection to close' });
      },
      raw(b) {
        sock.write(b);
      },
      frame(f) {
        sock.write(encodeFrame(f));
      },
      send(text) {
        ws.frame({ opcode: 1, payload: Buffer.from(text) });
      },
      ping(payload = Buffer.from('hi')) {
        ws.frame({ opcode: 9, payload });
      },
      close(code = 1000) {
        const p = Buffer.alloc(2);
        p.writeUInt16BE(code);
        ws.frame({ opcode: 8, payload: p });
      },
      destroy() {
        sock.destroy();
      },
    };
    let buf = Buffer.alloc(0);
    let upgraded = false;
    const timer = setTimeout(() => {
      sock.destroy();
      reject(new Error(`no answer from ${url} in ${timeoutMs} ms`));
    }, timeoutMs);
    const onFrames = () => {
      const { frames, rest } = decodeFrames(buf);
      buf = rest;
      for (const f of frames) {
        ws.frames.push(f);
        if (f.opcode === 1) {
          const text = f.payload.toString('utf8');
          ws.messages.push(text);
          try {
            ws.json.push(JSON.parse(text));
          } catch {
            ws.json.push({ unparsed: text });
          }
        } else if (f.opcode === 10) ws.pongs.push(Buffer.from(f.payload));
        else if (f.opcode === 8) {
          ws.closeCode = f.payload.length >= 2 ? f.payload.readUInt16BE(0) : 1005;
          ws.closeReason = f.payload.subarray(2).toString('utf8');
        }
      }
    };
    sock.on('data', (d) => {
      buf = Buffer.concat([buf, d]);
      if (upgraded) return onFrames();
      const end = buf.indexOf('\r\n\r\n');
      if (end < 0) return;
      const lines = buf.subarray(0, end).toString('latin1').split('\r\n');
      buf = buf.subarray(end + 4);
      ws.status = Number(lines[0].split(' ')[1]);
      for (const l of lines.slice(1)) {
        const i = l.indexOf(':');
        ws.headers[l.slice(0, i).trim().toLowerCase()] = l.slice(i + 1).trim();
      }
      clearTimeout(timer);
      if (ws.status === 101) {
        const want = crypto.createHash('sha1').update(key + GUID).digest('base64');
        if (ws.headers['sec-websocket-accept'] !== want) return reject(new Error(`bad Sec-WebSocket-Accept ${ws.headers['sec-websocket-accept']}`));
        upgraded = true;
        onFrames();
        return resolve(ws);
      }
      // a refusal: read its body (Content-Length), then hand it back
      const n = Number(ws.headers['content-length'] || 0);
      const finish = () => {
        if (buf.length < n) return false;
        ws.body = buf.subarray(0, n).toString('utf8');
        try {
          ws.json = JSON.parse(ws.body);
        } catch {}
        sock.destroy();
        resolve(ws);
        return true;
      };
      if (!finish()) sock.on('data', finish);
    });
    sock.on('close', () => {
      ws.closed = true;
      clearTimeout(timer);
      if (!ws.status) reject(new Error(`connection to ${url} closed before an answer`));
    });
    sock.on('error', () => {});
    sock.on('connect', () => {
      const h = {
        Host: u.host,
        Upgrade: 'websocket',
        Connection: 'Upgrade',
        'Sec-WebSocket-Key': key,
        'Sec-WebSocket-Version': '13',
        ...headers,
      };
      let req = `GET ${u.pathname}${u.search} HTTP/1.1\r\n`;
      for (const [k, v] of Object.entries(h)) if (v !== null) req += `${k}: ${v}\r\n`;
      sock.write(req + '\r\n');
    });
  });
}
