// pushplus /send: every parameter source, method and path form.
import assert from 'node:assert/strict';
import { suite } from './lib/feige.mjs';
import { send, request, expectOk, expectErr, multipart, HEX32 } from './lib/http.mjs';

const S = suite();
let n = 0;
const uniq = (p = 't') => `${p}-${process.pid}-${++n}`;

async function page(srv, sc) {
  const r = await request(`${srv.base}/message/${sc}`);
  assert.equal(r.status, 200, `GET /message/${sc}: ${r.status} ${r.text.slice(0, 200)}`);
  return r.text;
}

/** Sent message is stored with this title and shows this content, and lands in the sender's inbox. */
async function checkStored(srv, sc, { title, content, template = 'html', channel = 'wechat' }) {
  const m = await srv.showMessage(sc);
  assert.equal(m.shortCode, sc);
  if (title !== undefined) assert.equal(m.title, title);
  assert.equal(String(m.template).toLowerCase(), template.toLowerCase());
  assert.equal(m.channel, channel);
  if (content !== undefined) assert.ok((await page(srv, sc)).includes(content), `message page shows ${content}`);
  const done = await srv.waitStatus(sc, [2]);
  assert.equal(done.status, 2);
  const list = await srv.inbox(srv.admin.token);
  assert.ok(list.some((x) => x.shortCode === sc), 'in sender inbox');
}

for (const method of ['GET', 'POST', 'PUT', 'DELETE']) {
  S.test(`${method} with every param in the query string`, async (t, srv) => {
    const title = uniq(method + 'q');
    const res = await send(srv.base, { token: srv.admin.token, title, content: `c-${title}` }, { method, as: 'query' });
    await checkStored(srv, expectOk(res), { title, content: `c-${title}` });
  });
}

for (const method of ['POST', 'PUT', 'DELETE']) {
  for (const as of ['json', 'form', 'multipart']) {
    S.test(`${method} with every param in a ${as} body`, async (t, srv) => {
      const title = uniq(method + as);
      const res = await send(srv.base, { token: srv.admin.token, title, content: `c-${title}` }, { method, as });
      await checkStored(srv, expectOk(res), { title, content: `c-${title}` });
    });
  }
}

S.test('response is exactly the pushplus success envelope', async (t, srv) => {
  const res = await send(srv.base, { token: srv.admin.token, content: 'envelope' });
  const sc = expectOk(res);
  assert.deepEqual(Object.keys(res.json), ['code', 'msg', 'data']);
  assert.equal(res.text, `{"code":200,"msg":"请求成功","data":"${sc}"}`);
  assert.equal(Number(res.headers['content-length']), res.raw.length, 'exact Content-Length');
  assert.equal(res.headers['content-encoding'], undefined);
});

S.test('path token /send/{token} with JSON body', async (t, srv) => {
  const title = uniq('path');
  const res = await send(srv.base, { title, content: 'via path token' }, { path: `/send/${srv.admin.token}` });
  await checkStored(srv, expectOk(res), { title, content: 'via path token' });
});

S.test('path token /send/{token} with GET query', async (t, srv) => {
  const title = uniq('pathget');
  const res = await send(srv.base, { title, content: 'via path token GET' }, { method: 'GET', path: `/send/${srv.admin.token}` });
  await checkStored(srv, expectOk(res), { title });
});

S.test('token param wins over the path token', async (t, srv) => {
  const res = await send(srv.base, { token: srv.admin.token, content: 'param token' }, { path: '/send/' + '0'.repeat(32) });
  expectOk(res);
});

S.test('/send/ (trailing slash) works the same, no redirect', async (t, srv) => {
  const title = uniq('slash');
  for (const method of ['GET', 'POST']) {
    const res = await send(srv.base, { token: srv.admin.token, title: title + method, content: 'slash' }, { method, path: '/send/' });
    await checkStored(srv, expectOk(res), { title: title + method });
  }
});

S.test('/send? (empty query) with a JSON body', async (t, srv) => {
  const title = uniq('emptyq');
  const r = await request(`${srv.base}/send?`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ token: srv.admin.token, title, content: 'x' }),
  });
  await checkStored(srv, expectOk(r), { title });
});

S.test('mixed sources: token in query, content and title in JSON body', async (t, srv) => {
  const title = uniq('mixed');
  const res = await send(srv.base, { title, content: 'mixed body' }, { query: { token: srv.admin.token } });
  await checkStored(srv, expectOk(res), { title, content: 'mixed body' });
});

S.test('mixed sources: token in query, content in form body', async (t, srv) => {
  const title = uniq('mixedform');
  const res = await send(srv.base, { title, content: 'mixed form' }, { as: 'form', query: { token: srv.admin.token } });
  await checkStored(srv, expectOk(res), { title, content: 'mixed form' });
});

S.test('mixed sources: title in query, rest in multipart body', async (t, srv) => {
  const title = uniq('mixedmp');
  const res = await send(srv.base, { token: srv.admin.token, content: 'mixed mp' }, { as: 'multipart', query: { title } });
  await checkStored(srv, expectOk(res), { title, content: 'mixed mp' });
});

S.test('body overrides query (JSON)', async (t, srv) => {
  const title = uniq('override');
  const res = await send(
    srv.base,
    { token: srv.admin.token, title, content: 'from-body' },
    { query: { title: 'QUERY-TITLE', content: 'from-query' } },
  );
  // note: template is not in the query, so this is not raw-body mode
  await checkStored(srv, expectOk(res), { title, content: 'from-body' });
  assert.ok(!(await page(srv, res.json.data)).includes('from-query'));
});

S.test('body overrides query (form)', async (t, srv) => {
  const title = uniq('overrideform');
  const res = await send(srv.base, { title, content: 'from-form' }, { as: 'form', query: { token: srv.admin.token, title: 'QUERY-TITLE' } });
  await checkStored(srv, expectOk(res), { title, content: 'from-form' });
});

S.test('empty strings and null mean "not set"', async (t, srv) => {
  const title = uniq('empties');
  const res = await send(srv.base, {
    token: srv.admin.token,
    title,
    content: 'empties',
    topic: '',
    to: '',
    webhook: '',
    callbackUrl: '',
    timestamp: '',
    template: '',
    channel: '',
    pre: '',
  });
  await checkStored(srv, expectOk(res), { title, content: 'empties', template: 'html', channel: 'wechat' });

  const title2 = uniq('nulls');
  const res2 = await send(srv.base, {
    token: srv.admin.token,
    title: title2,
    content: 'nulls',
    topic: null,
    to: null,
    webhook: null,
    callbackUrl: null,
    timestamp: null,
    template: null,
    channel: null,
  });
  await checkStored(srv, expectOk(res2), { title: title2, content: 'nulls' });

  const title3 = uniq('emptyquery');
  const r3 = await request(
    `${srv.base}/send?token=${srv.admin.token}&title=${title3}&content=q&topic=&to=&webhook=&callbackUrl=&timestamp=&template=&channel=&pre`,
  );
  await checkStored(srv, expectOk(r3), { title: title3 });
});

S.test('template and channel defaults are html and wechat', async (t, srv) => {
  const sc = expectOk(await send(srv.base, { token: srv.admin.token, content: 'defaults' }));
  const m = await srv.showMessage(sc);
  assert.equal(m.template.toLowerCase(), 'html');
  assert.equal(m.channel, 'wechat');
});

for (const tpl of ['html', 'txt', 'json', 'markdown', 'cloudMonitor', 'jenkins', 'route', 'pay', 'MARKDOWN', 'cloudmonitor', 'Txt']) {
  S.test(`template=${tpl} is accepted (case-insensitive)`, async (t, srv) => {
    const res = await send(srv.base, { token: srv.admin.token, title: uniq(tpl), content: '{"a":1}', template: tpl });
    const sc = expectOk(res);
    const m = await srv.showMessage(sc);
    assert.equal(m.template.toLowerCase(), tpl.toLowerCase());
  });
}

S.test('channel=wechat explicit and WECHAT upper-case', async (t, srv) => {
  for (const ch of ['wechat', 'WECHAT']) {
    const sc = expectOk(await send(srv.base, { token: srv.admin.token, content: 'ch ' + ch, channel: ch }));
    await srv.waitStatus(sc, [2]);
  }
});

// pre names one of the sender's pre-processing scripts (open API pre/add,
// tests in openapi-pre.test.mjs): an unknown one is a clear 999, never a
// silent send of the unprocessed content; an empty one means none.
S.test('pre: an unknown script code is 999 with the reason; empty pre is none', async (t, srv) => {
  const r = await send(srv.base, { token: srv.admin.token, content: 'pre param', pre: 'somePre' });
  expectErr(r, 999);
  assert.match(r.json.msg, /somePre/);
  const sc = expectOk(await send(srv.base, { token: srv.admin.token, content: 'pre param', pre: '' }));
  assert.match(sc, HEX32);
});

S.test('future timestamp (number and digit string) is delivered', async (t, srv) => {
  const ts = Date.now() + 3600_000;
  for (const v of [ts, String(ts)]) {
    const title = uniq('future');
    const sc = expectOk(await send(srv.base, { token: srv.admin.token, title, content: 'future', timestamp: v }));
    await srv.waitStatus(sc, [2]);
  }
  const title = uniq('futureq');
  const sc = expectOk(await send(srv.base, { token: srv.admin.token, title, content: 'future', timestamp: ts }, { method: 'GET' }));
  await srv.waitStatus(sc, [2]);
});

S.test('"+" is a space and UTF-8 is percent-decoded in query and form', async (t, srv) => {
  const r = await request(`${srv.base}/send?token=${srv.admin.token}&title=hello+world+%E4%BD%A0%E5%A5%BD&content=a+b`);
  const sc = expectOk(r);
  assert.equal((await srv.showMessage(sc)).title, 'hello world 你好');
  const r2 = await request(`${srv.base}/send`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: `token=${srv.admin.token}&title=form+title+%E4%BD%A0&content=x`,
  });
  assert.equal((await srv.showMessage(expectOk(r2))).title, 'form title 你');
});

S.test('unknown JSON keys are ignored; string fields take numbers', async (t, srv) => {
  const sc = expectOk(await send(srv.base, { token: srv.admin.token, title: 12345, content: 678, save: true, verifyPayload: { x: 1 } }));
  const m = await srv.showMessage(sc);
  assert.equal(m.title, '12345');
});

S.test('duplicate JSON keys: last wins', async (t, srv) => {
  const r = await request(`${srv.base}/send`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: `{"token":"${srv.admin.token}","title":"first","title":"last-wins","content":"dup"}`,
  });
  assert.equal((await srv.showMessage(expectOk(r))).title, 'last-wins');
});

S.test('Host header of the real service is accepted (route by path only)', async (t, srv) => {
  for (const host of ['www.pushplus.plus', 'pushplus.hxtrip.com']) {
    const r = await request(`${srv.base}/send?token=${srv.admin.token}&content=host`, { headers: { Host: host } });
    expectOk(r);
  }
});

S.test('multipart with a charset parameter before the boundary', async (t, srv) => {
  const mp = multipart({ token: srv.admin.token, title: '多部分', content: 'mp-utf8' }, 'XyZ123');
  const r = await request(`${srv.base}/send`, {
    method: 'POST',
    headers: { 'Content-Type': 'multipart/form-data; charset=utf-8; boundary=XyZ123' },
    body: mp.body,
  });
  assert.equal((await srv.showMessage(expectOk(r))).title, '多部分');
});

S.test('broken UTF-8 in a form body is stored with U+FFFD; every reply stays valid JSON', async (t, srv) => {
  const body = Buffer.concat([
    Buffer.from(`token=${srv.admin.token}&title=bad-utf8&content=`),
    Buffer.from('%FF%C0%AFok%E4%BD%A0%ED%A0%80'),
  ]);
  const res = await request(srv.base + '/send', { method: 'POST', body, headers: { 'Content-Type': 'application/x-www-form-urlencoded' } });
  expectOk(res);
  const raw = await request(`${srv.base}/inbox/messages?token=${srv.admin.token}&limit=5`);
  new TextDecoder('utf-8', { fatal: true }).decode(raw.raw);	// throws on broken bytes
  const item = raw.json.data.list.find((m) => m.title === 'bad-utf8');
  assert.ok(item, raw.text.slice(0, 300));
  assert.equal(item.content, '\ufffd\ufffd\ufffdok你\ufffd\ufffd\ufffd');
});
