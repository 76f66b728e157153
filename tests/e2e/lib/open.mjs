// Helpers for the pushplus open API (docs/openapi.md): enable a user with
// the CLI, fetch an AccessKey, call /api/open/* with the access-key header.
import assert from 'node:assert/strict';
import { request } from './http.mjs';
import { followLink } from './wx.mjs';

export const SECRET = 'qLcS3cr3tKeyForTests0123456789ab';

/** Enable the open API for uid (secret + allowlist) via the CLI. */
export async function enableOpen(srv, uid, { secret = SECRET, ip = '127.0.0.1,::1' } = {}) {
  return srv.cli(['user', 'openapi', uid, '--enable', '--secret', secret, '--ip', ip]);
}

export async function getAccessKey(srv, token, secretKey = SECRET, { headers = {} } = {}) {
  return request(srv.base + '/api/common/openApi/getAccessKey', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...headers },
    body: JSON.stringify({ token, secretKey }),
  });
}

/** A new user (name) with the open API enabled and an AccessKey in .key. */
export async function openUser(srv, name) {
  const u = await srv.addUser(name);
  await enableOpen(srv, u.uid);
  u.key = await accessKey(srv, u.token);
  return u;
}

/** A fresh AccessKey for token; asserts success. */
export async function accessKey(srv, token, secretKey = SECRET) {
  const r = await getAccessKey(srv, token, secretKey);
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.code, 200, r.text);
  assert.equal(r.json.msg, '请求成功');
  assert.equal(r.json.data.expiresIn, 7200);
  assert.match(r.json.data.accessKey, /^[0-9a-f]{32}$/);
  return r.json.data.accessKey;
}

/**
 * open(srv, key, method, path, {query, body}): a call below /api/open/.
 * body (object) goes as JSON. Returns the parsed envelope (asserting HTTP
 * 200, a JSON object with a numeric code).
 */
export async function open(srv, key, method, path, { query, body, headers = {} } = {}) {
  const q = query ? '?' + new URLSearchParams(query).toString() : '';
  const h = { ...headers };
  if (key !== undefined && key !== null) h['access-key'] = key;
  let b;
  if (body !== undefined) {
    h['Content-Type'] = 'application/json';
    b = typeof body === 'string' ? body : JSON.stringify(body);
  }
  const r = await request(`${srv.base}/api/open/${path}${q}`, { method, headers: h, body: b });
  assert.equal(r.status, 200, `${method} ${path}: HTTP ${r.status} ${r.text}`);
  assert.ok(r.json && typeof r.json === 'object', `${path}: not JSON: ${r.text}`);
  assert.equal(typeof r.json.code, 'number', r.text);
  assert.ok('msg' in r.json && 'data' in r.json, r.text);
  return r.json;
}

/** Assert a success envelope and return data. */
export function ok(env, msg = '请求成功') {
  assert.equal(env.code, 200, JSON.stringify(env));
  assert.equal(env.msg, msg, JSON.stringify(env));
  return env.data;
}

/** Assert an error envelope with code. */
export function err(env, code) {
  assert.equal(env.code, code, JSON.stringify(env));
  assert.equal(typeof env.msg, 'string');
  assert.ok(env.msg.length > 0);
  return env.msg;
}

export const DATE_RE = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/;

/**
 * Configure webhook `code` for uid when this build has channel configs
 * (`feige webhook add`); without them /send takes any webhook code.
 */
export async function ensureWebhook(srv, uid, code) {
  const r = await srv.cli(['webhook', 'add', uid, code, code, '1', 'https://example.com/' + code], { raw: true });
  return r.code === 0;
}

/**
 * Open a join link (topic/qrCode, friend/getQrCode; the .svg of its QR
 * code works too) as token's person, or as a new person without one, and
 * press its button: GET alone changes nothing.
 */
export async function joinLink(url, token) {
  const u = new URL(url.replace(/\.(svg|png)$/, ''));
  if (token) u.searchParams.set('token', token);
  return followLink(u.toString());
}
