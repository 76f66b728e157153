// A recording stand-in for a Web Push service (RFC 8030), holding the
// private side of the subscriptions it hands out, as a browser would.
//
//   const ps = await pushService();
//   const sub = ps.subscribe();      // {endpoint, keys:{p256dh, auth}}
//   ps.answer(sub, 410);             // next answers (default 201)
//   ... feige POSTs to sub.endpoint ...
//   ps.received[0] -> {path, headers, vapid:{ok, claims, why}, plain, error, at}
//   ps.discovered                    // the GETs of UnifiedPush discovery
//   ps.hold();                       // a tarpit: record, answer nothing
//   ps.release();                    // answer what was held, stop holding
//   await ps.close();
//
// Each POST is checked as a real push service checks it: the VAPID header
// (RFC 8292: `vapid t=<ES256 JWT>, k=<public key>`, aud = this origin,
// exp at most 24 h ahead, sub mailto: or https:), then the aes128gcm body
// (RFC 8188/8291) is decrypted with the subscription's private key and
// the plaintext recorded.  Answers are queued per subscription: 201, or
// 404/410 (gone), 413 (too big), 429 with Retry-After.  A GET of a
// subscription's endpoint answers UnifiedPush's discovery JSON
// {"unifiedpush":{"version":1}}, as a UnifiedPush push server does
// (SERV_1.2.0), and is recorded in discovered, not received.
import http from 'node:http';
import crypto from 'node:crypto';
import assert from 'node:assert/strict';
import { request } from './http.mjs';

const b64u = (b) => Buffer.from(b).toString('base64url');
const unb64u = (s) => Buffer.from(s, 'base64url');
const hmac = (key, ...data) => {
  const h = crypto.createHmac('sha256', key);
  for (const d of data) h.update(d);
  return h.digest();
};

/** The raw 65-byte public key as a Node KeyObject. */
export function p256Public(raw) {
  return crypto.createPublicKey({
    key: { kty: 'EC', crv: 'P-256', x: b64u(raw.subarray(1, 33)), y: b64u(raw.subarray(33, 65)) },
    format: 'jwk',
  });
}

/** Check an Authorization header against origin; {ok, claims, why, k}. */
export function checkVapid(header, origin, nowS = Math.floor(Date.now() / 1000)) {
  const m = /^vapid t=([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+), k=([A-Za-z0-9_-]+)$/.exec(header || '');
  if (!m) return { ok: false, why: `not "vapid t=..., k=...": ${header}` };
  const [h, p, s] = m[1].split('.');
  const k = unb64u(m[2]);
  let claims, head;
  try {
    head = JSON.parse(unb64u(h).toString());
    claims = JSON.parse(unb64u(p).toString());
  } catch (e) {
    return { ok: false, why: 'JWT not JSON' };
  }
  if (head.alg !== 'ES256') return { ok: false, why: `alg ${head.alg}` };
  const sig = unb64u(s);
  if (k.length !== 65 || sig.length !== 64) return { ok: false, why: 'key or signature length' };
  const good = crypto.verify('sha256', Buffer.from(`${h}.${p}`), { key: p256Public(k), dsaEncoding: 'ieee-p1363' }, sig);
  if (!good) return { ok: false, why: 'bad signature', claims };
  if (claims.aud !== origin) return { ok: false, why: `aud ${claims.aud} != ${origin}`, claims };
  if (!(claims.exp > nowS && claims.exp <= nowS + 24 * 3600 + 60)) return { ok: false, why: `exp ${claims.exp}`, claims };
  if (!/^(mailto:|https:)/.test(claims.sub || '')) return { ok: false, why: `sub ${claims.sub}`, claims };
  return { ok: true, claims, k: m[2] };
}

/** Decrypt an aes128gcm Web Push body for {ecdh, auth}; the plaintext Buffer. */
export function decrypt(body, { ecdh, auth }) {
  const salt = body.subarray(0, 16);
  const rs = body.readUInt32BE(16);
  const idlen = body[20];
  const asPublic = body.subarray(21, 21 + idlen);
  const ct = body.subarray(21 + idlen);
  if (idlen !== 65) throw new Error(`keyid length ${idlen}`);
  if (ct.length > rs) throw new Error(`one record expected (rs ${rs}, ${ct.length} bytes)`);
  const uaPublic = ecdh.getPublicKey();
  const secret = ecdh.computeSecret(asPublic);
  const prkKey = hmac(auth, secret);
  const ikm = hmac(prkKey, Buffer.from('WebPush: info\0'), uaPublic, asPublic, Buffer.from([1]));
  const prk = hmac(salt, ikm);
  const cek = hmac(prk, Buffer.from('Content-Encoding: aes128gcm\0'), Buffer.from([1])).subarray(0, 16);
  const nonce = hmac(prk, Buffer.from('Content-Encoding: nonce\0'), Buffer.from([1])).subarray(0, 12);
  const d = crypto.createDecipheriv('aes-128-gcm', cek, nonce);
  d.setAuthTag(ct.subarray(ct.length - 16));
  const padded = Buffer.concat([d.update(ct.subarray(0, ct.length - 16)), d.final()]);
  let end = padded.length - 1;
  while (end >= 0 && padded[end] === 0) end--;
  if (end < 0 || padded[end] !== 2) throw new Error('no last-record delimiter 0x02');
  return padded.subarray(0, end);
}

export async function pushService({ host = '127.0.0.1' } = {}) {
  const subs = new Map(); // id -> {ecdh, auth, answers: []}
  const received = [];
  const discovered = [];
  const sockets = new Set();
  let held = null; // [] while holding: the answers not given yet
  let origin = '';
  let n = 0;
  const server = http.createServer((req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const id = req.url.replace(/^\/push\//, '');
      const sub = subs.get(id);
      if (req.method === 'GET') {
        discovered.push({ path: req.url, headers: req.headers });
        res.writeHead(sub ? 200 : 404, { 'Content-Type': 'application/json' });
        res.end(sub ? '{"unifiedpush":{"version":1}}' : '{"error":"not found"}');
        return;
      }
      const rec = { path: req.url, method: req.method, headers: req.headers, body, at: Date.now() };
      rec.vapid = checkVapid(req.headers.authorization, origin);
      if (sub) {
        try {
          rec.plain = decrypt(body, sub).toString('utf8');
        } catch (e) {
          rec.error = String(e.message || e);
        }
      }
      received.push(rec);
      const reply = () => {
        const a = sub ? sub.answers.shift() || { status: 201 } : { status: 404 };
        const headers = a.retryAfter !== undefined ? { 'Retry-After': String(a.retryAfter) } : {};
        if (a.status === 201) headers.Location = `${origin}/msg/${received.length}`;
        rec.answered = a.status;
        res.writeHead(a.status, headers);
        res.end();
      };
      if (held) held.push(reply);
      else reply();
    });
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise((r) => server.listen(0, host, r));
  origin = `http://${host}:${server.address().port}`;
  return {
    origin,
    received,
    discovered,
    /** A new subscription: what PushSubscription.toJSON() gives. */
    subscribe() {
      const ecdh = crypto.createECDH('prime256v1');
      ecdh.generateKeys();
      const auth = crypto.randomBytes(16);
      const id = `s${++n}`;
      subs.set(id, { ecdh, auth, answers: [] });
      return { endpoint: `${origin}/push/${id}`, keys: { p256dh: b64u(ecdh.getPublicKey()), auth: b64u(auth) } };
    },
    /** Queue answers for a subscription's next POSTs. */
    answer(sub, status, retryAfter) {
      subs.get(sub.endpoint.split('/push/')[1]).answers.push({ status, retryAfter });
    },
    /** Decrypt a body for a subscription (for bodies made elsewhere). */
    open(sub, body) {
      return decrypt(body, subs.get(sub.endpoint.split('/push/')[1])).toString('utf8');
    },
    /** Hold every answer (a tarpit) until release(). */
    hold() {
      held = held || [];
    },
    release() {
      const h = held || [];
      held = null;
      for (const reply of h) reply();
    },
    close: () =>
      new Promise((r) => {
        held = null;
        server.close(r);
        for (const s of sockets) s.destroy();
      }),
  };
}

/** A new subscription of ps as person token's Web Push device: {sub, id}. */
export async function addWebPush(srv, token, ps) {
  const sub = ps.subscribe();
  const r = await request(`${srv.base}/api/devices`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ type: 'webpush', subscription: sub }),
  });
  assert.equal(r.json.code, 200, r.text);
  return { sub, id: r.json.data.id };
}
