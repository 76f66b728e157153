// The inbox as an installable web app (issue 10 §2) over HTTP: the
// service worker at /sw.js and the manifest with the headers browsers
// require, every icon the manifest and the page name served as a PNG of
// its size, the page's CSP allowing its worker and manifest and nothing
// inline, and who sent each item (group, friend, WxPusher app) in the
// inbox JSON and page.
import assert from 'node:assert/strict';
import { suite } from './lib/feige.mjs';
import { request, send, expectOk } from './lib/http.mjs';

const S = suite();

function pngSize(buf) {
  assert.equal(buf.subarray(0, 8).toString('hex'), '89504e470d0a1a0a', 'a PNG signature');
  assert.equal(buf.subarray(12, 16).toString('latin1'), 'IHDR');
  return [buf.readUInt32BE(16), buf.readUInt32BE(20)];
}

function getBytes(url, method = 'GET') {
  return fetch(url, { method }).then(async (r) => ({ status: r.status, headers: r.headers, body: Buffer.from(await r.arrayBuffer()) }));
}

S.test('/sw.js: JavaScript from the root, revalidated, its own strict CSP; not under /static/', async (t, srv) => {
  const r = await request(`${srv.base}/sw.js`);
  assert.equal(r.status, 200);
  assert.equal(r.headers['content-type'], 'text/javascript; charset=utf-8');
  assert.equal(r.headers['cache-control'], 'no-cache');
  assert.equal(r.headers['service-worker-allowed'], '/');
  assert.equal(r.headers['x-content-type-options'], 'nosniff');
  assert.equal(r.headers['content-security-policy'], "default-src 'none'; connect-src 'self'; img-src 'self'");
  for (const ev of ['push', 'notificationclick', 'pushsubscriptionchange', 'fetch', 'install', 'activate'])
    assert.ok(r.text.includes(`addEventListener('${ev}'`), `handles ${ev}`);
  assert.ok(r.text.includes('showNotification('), 'shows notifications');
  const head = await request(`${srv.base}/sw.js`, { method: 'HEAD' });
  assert.equal(head.status, 200);
  assert.equal(head.headers['content-type'], 'text/javascript; charset=utf-8');
  assert.equal(head.text, '');
  // a worker under /static/ could never control /inbox: there is none
  assert.equal((await request(`${srv.base}/static/sw.js`)).status, 404);
  assert.equal((await request(`${srv.base}/sw.js/`)).status, 404);
});

S.test('/manifest.webmanifest: its media type, the fields an install needs, every icon a PNG of its size', async (t, srv) => {
  const r = await request(`${srv.base}/manifest.webmanifest`);
  assert.equal(r.status, 200);
  assert.equal(r.headers['content-type'], 'application/manifest+json; charset=utf-8');
  assert.equal(r.headers['x-content-type-options'], 'nosniff');
  const m = JSON.parse(r.text);
  assert.equal(m.name, '飞鸽 feige');
  assert.equal(m.short_name, '飞鸽');
  assert.equal(m.start_url, '/inbox');
  assert.equal(m.display, 'standalone');
  assert.match(m.theme_color, /^#[0-9a-f]{6}$/);
  assert.match(m.background_color, /^#[0-9a-f]{6}$/);
  const purposes = new Set();
  for (const icon of m.icons) {
    const g = await getBytes(`${srv.base}${icon.src}`);
    assert.equal(g.status, 200, icon.src);
    assert.equal(g.headers.get('content-type'), 'image/png');
    assert.equal(g.headers.get('cache-control'), 'public, max-age=86400');
    const [w, h] = pngSize(g.body);
    assert.equal(`${w}x${h}`, icon.sizes, icon.src);
    assert.equal(icon.type, 'image/png');
    purposes.add(`${icon.purpose} ${icon.sizes}`);
  }
  for (const want of ['any 192x192', 'any 512x512', 'maskable 512x512']) assert.ok(purposes.has(want), want);
  const apple = await getBytes(`${srv.base}/static/apple-touch-icon.png`);
  assert.deepEqual(pngSize(apple.body), [180, 180]);
  assert.equal((await request(`${srv.base}/static/icon-1024.png`)).status, 404);
});

S.test('the inbox page: links the manifest, worker and manifest allowed by its CSP, no inline script', async (t, srv) => {
  const u = await srv.addUser('webapp-page');
  const r = await request(`${srv.base}/inbox?token=${u.token}`);
  assert.equal(r.status, 200);
  const csp = r.headers['content-security-policy'];
  assert.match(csp, /(^|; )default-src 'none'(;|$)/);
  assert.match(csp, /(^|; )script-src 'self'(;|$)/, 'scripts: feige\'s files only');
  assert.match(csp, /(^|; )worker-src 'self'(;|$)/);
  assert.match(csp, /(^|; )manifest-src 'self'(;|$)/);
  assert.doesNotMatch(csp, /unsafe-eval|script-src[^;]*unsafe-inline/);
  assert.ok(r.text.includes('<link rel="manifest" href="/manifest.webmanifest">'));
  assert.ok(r.text.includes('<meta name="theme-color" content="#1664ff">'));
  const scripts = [...r.text.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)];
  assert.deepEqual(scripts.map((m) => m[1].trim()), ['type="module" src="/static/inbox.js"', 'type="module" src="/static/device.js"']);
  for (const m of scripts) assert.equal(m[2], '');
  // every module they import is served, as JavaScript
  for (const f of ['inbox.js', 'device.js', 'i18n.js', 'dom.js']) {
    const js = await request(`${srv.base}/static/${f}`);
    assert.equal(js.status, 200, f);
    assert.equal(js.headers['content-type'], 'text/javascript; charset=utf-8');
    for (const imp of js.text.matchAll(/^import .* from '\.\/([a-z0-9]+\.js)';$/gm))
      assert.equal((await request(`${srv.base}/static/${imp[1]}`)).status, 200, `${f} imports ${imp[1]}`);
  }
});

S.test('who sent it: the group, the friend, nobody for one\'s own, in the JSON and on the page', async (t, srv) => {
  const owner = await srv.addUser('老王');
  const member = await srv.addUser('webapp-member');
  const code = 'wa' + process.pid;
  await srv.cli(['group', 'add', owner.uid, code, '家人群']);
  await srv.cli(['group', 'join', code, member.uid]);
  const friendToken = (await srv.cli(['friend', 'add', owner.uid, member.uid])).token;
  const scGroup = expectOk(await send(srv.base, { token: owner.token, title: 'to-group', content: 'g', topic: code }));
  const scFriend = expectOk(await send(srv.base, { token: owner.token, title: 'to-friend', content: 'f', to: friendToken }));
  const scSelf = expectOk(await send(srv.base, { token: member.token, title: 'to-self', content: 'self **bold** text', template: 'markdown' }));
  for (const sc of [scGroup, scFriend, scSelf]) await srv.waitStatus(sc, [2]);
  const list = await srv.inbox(member.token);
  const by = Object.fromEntries(list.map((x) => [x.title, x]));
  assert.deepEqual([by['to-group'].from, by['to-group'].groupName, by['to-group'].senderName], ['家人群', '家人群', '']);
  assert.deepEqual([by['to-friend'].from, by['to-friend'].groupName, by['to-friend'].senderName], ['老王', '', '老王']);
  assert.deepEqual([by['to-self'].from, by['to-self'].groupName, by['to-self'].senderName], ['', '', '']);
  assert.equal(by['to-self'].preview, 'self bold text', 'a plain-text preview, as the page shows');
  const page = await request(`${srv.base}/inbox?token=${member.token}`);
  assert.ok(page.text.includes('<span class="fg-li-from">家人群</span>'));
  assert.ok(page.text.includes('<span class="fg-li-from">老王</span>'));
  assert.equal(page.text.match(/fg-li-from/g).length, 2, 'one\'s own send has no sender line');
});

S.test('the message catalog: every data-i18n key of the page is in it with the Chinese the page shows, and English beside', async (t, srv) => {
  const u = await srv.addUser('webapp-i18n');
  const js = await request(`${srv.base}/static/i18n.js`);
  const { MESSAGES } = await import('data:text/javascript;base64,' + Buffer.from(js.text).toString('base64'));
  for (const [k, v] of Object.entries(MESSAGES)) {
    assert.ok(v.zh && v.en, `${k} has zh and en`);
    assert.equal(Array.isArray(v.zh), Array.isArray(v.en), `${k}: the same shape in both`);
    if (Array.isArray(v.zh)) assert.equal(v.zh.length, v.en.length, `${k}: as many steps`);
  }
  const page = (await request(`${srv.base}/inbox?token=${u.token}`)).text;
  const keys = [...page.matchAll(/<(\w+)[^>]* data-i18n="([^"]+)"[^>]*>([^<]*)</g)];
  assert.ok(keys.length >= 3, 'the page marks its texts');
  for (const [, , key, text] of keys) {
    assert.ok(MESSAGES[key], `${key} is in the catalog`);
    assert.equal(text, MESSAGES[key].zh, `${key}: the page's Chinese is the catalog's`);
  }
  // the scripts name only keys the catalog has
  for (const f of ['inbox.js', 'device.js']) {
    const src = (await request(`${srv.base}/static/${f}`)).text;
    for (const m of src.matchAll(/\bt\('([a-z.]+)'\)/g)) assert.ok(MESSAGES[m[1]], `${f}: ${m[1]} is in the catalog`);
  }
});
