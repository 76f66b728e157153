// A person signed in, as a browser does it: a cookie jar, the forms of
// feige's pages with their CSRF field, sign-in by a one-time link.
import assert from 'node:assert/strict';
import { request } from './http.mjs';

/** A tiny cookie jar: keeps name=value of every Set-Cookie (Max-Age=0 drops). */
export function jar(init = {}) {
  const c = { ...init };
  return {
    cookies: c,
    take(res) {
      for (const sc of res.headers['set-cookie'] || []) {
        const [nv] = sc.split(';');
        const i = nv.indexOf('=');
        const name = nv.slice(0, i);
        if (/;\s*Max-Age=0\b/i.test(sc)) delete c[name];
        else c[name] = nv.slice(i + 1);
      }
      return res;
    },
    header() {
      return Object.entries(c).map(([k, v]) => `${k}=${v}`).join('; ');
    },
  };
}

/** GET with the jar's cookies (and its Set-Cookie kept). */
export async function get(j, url, headers = {}) {
  return j.take(await request(url, { headers: { Cookie: j.header(), ...headers } }));
}

/** The hidden fields of the form posting to action (the first when none named). */
export function formFields(html, action) {
  for (const m of html.matchAll(/<form method="post" action="([^"]+)"[^>]*>(.*?)<\/form>/gs)) {
    if (action && m[1] !== action) continue;
    const fields = {};
    for (const f of m[2].matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)) fields[f[1]] = f[2];
    return { action: m[1], fields };
  }
  return null;
}

/** POST a form with the jar's cookies. */
export async function post(j, url, fields, headers = {}) {
  return j.take(
    await request(url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Cookie: j.header(), ...headers },
      body: new URLSearchParams(fields).toString(),
    }),
  );
}

/** A fresh sign-in link of uid (the CLI), as a path /login/<code>. */
export async function loginLink(srv, uid) {
  const l = await srv.cli(['user', 'login-link', uid]);
  assert.match(l.url, /\/login\/[0-9a-f]{32}$/);
  return new URL(l.url).pathname;
}

/**
 * Sign uid in with a fresh link in a new jar (or j): GET the link's
 * page, press its button.  Returns the jar holding the session.
 */
export async function signIn(srv, uid, j = jar()) {
  const path = await loginLink(srv, uid);
  const page = await get(j, srv.base + path);
  assert.equal(page.status, 200, page.text);
  const form = formFields(page.text, path);
  assert.ok(form, 'the link page has its button');
  const res = await post(j, srv.base + path, form.fields);
  assert.equal(res.status, 303, res.text);
  assert.ok(j.cookies.feige_session, 'a session cookie');
  return j;
}

/** Submit the form of page path posting to action, with extra fields. */
export async function submit(srv, j, pagePath, action, extra = {}) {
  const page = await get(j, srv.base + pagePath);
  const form = formFields(page.text, action);
  assert.ok(form, `a form posting to ${action} on ${pagePath}`);
  return post(j, srv.base + action, { ...form.fields, ...extra });
}
