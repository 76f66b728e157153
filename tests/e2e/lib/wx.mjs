// WxPusher helpers for the end-to-end tests: set up an app with people
// following it through the admin CLI, and call the WxPusher API.
import assert from 'node:assert/strict';
import { request } from './http.mjs';

/** Check the WxPusher envelope and return the parsed body. */
export function wxEnvelope(res) {
  assert.equal(res.status, 200, `HTTP ${res.status}: ${res.text}`);
  assert.ok(res.json && typeof res.json === 'object', `not JSON: ${res.text}`);
  assert.deepEqual(Object.keys(res.json), ['code', 'msg', 'data', 'success'], res.text);
  assert.equal(typeof res.json.code, 'number');
  assert.equal(res.json.success, res.json.code === 1000);
  return res.json;
}

export async function wxPost(base, path, body, { method = 'POST', headers = {} } = {}) {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  return wxEnvelope(await request(base + path, { method, body: text, headers: { 'Content-Type': 'application/json', ...headers } }));
}

export async function wxGet(base, path, query = {}, { method = 'GET' } = {}) {
  const q = new URLSearchParams(query).toString();
  return wxEnvelope(await request(base + path + (q ? (path.includes('?') ? '&' : '?') + q : ''), { method }));
}

/**
 * Open a follow link as a person does: GET shows the page; when it offers
 * the 关注 button (a form), press it: POST its fields to the same URL.
 * Returns the last response.  GET alone never follows (tested apart).
 */
export async function followLink(url, { headers = {} } = {}) {
  const page = await request(url, { headers });
  const form = /<form method="post" action="([^"]+)">(.*?)<\/form>/s.exec(page.text);
  if (page.status !== 200 || !form || !/class="fg-follow"/.test(form[2])) return page;
  const fields = {};
  for (const m of form[2].matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)) fields[m[1]] = m[2];
  assert.equal(new URL(url).pathname, form[1], 'the form posts to the link itself');
  // a browser sends back what the page set (the CSRF cookie, a session)
  const set = (page.headers['set-cookie'] || []).map((c) => c.split(';')[0]).filter((c) => !/=$/.test(c));
  const cookie = [headers.Cookie, ...set].filter(Boolean).join('; ');
  return request(url, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', ...headers, ...(cookie ? { Cookie: cookie } : {}) },
    body: new URLSearchParams(fields).toString(),
  });
}

/** An app owned by a new developer, with callback URL if given. */
export async function newApp(srv, name = 'app', callback) {
  const dev = await srv.addUser('dev-' + name);
  const args = ['app', 'add', dev.uid, name];
  if (callback) args.push('--callback', callback);
  const app = await srv.cli(args);
  assert.match(app.appToken, /^AT_[0-9A-Za-z]{32}$/);
  return { ...app, dev };
}

/** n new people following the app (or the topic). */
export async function followers(srv, n, { app, topic, prefix = 'p' } = {}) {
  const out = [];
  for (let i = 0; i < n; i++) {
    const u = await srv.addUser(`${prefix}${i}`);
    const f = await srv.cli(['follow', u.uid, ...(topic ? ['--topic', String(topic)] : ['--app', String(app)])]);
    out.push({ ...u, followId: f.id });
  }
  return out;
}

export async function sendWx(base, body) {
  return wxPost(base, '/api/send/message', body);
}
