// HTTP wire details real clients depend on, checked with a raw socket.
import assert from 'node:assert/strict';
import { suite } from './lib/feige.mjs';
import { request, expectOk, expectErr, SUCCESS_CT } from './lib/http.mjs';
import { RawConn, head, rawRequest, chunked } from './lib/raw.mjs';

const S = suite();

const jsonBody = (srv, extra = {}) => JSON.stringify({ token: srv.admin.token, content: 'wire', ...extra });

function okRaw(r, what = '') {
  assert.ok(r, `got a response ${what}`);
  assert.equal(r.status, 200, `${what} ${r.rawHead} ${r.text}`);
  assert.ok(r.json, `${what} JSON body: ${r.text}`);
  assert.equal(r.json.code, 200, `${what} ${r.text}`);
  assert.match(r.json.data, /^[0-9a-f]{32}$/);
  assert.equal(r.headers['content-type'], SUCCESS_CT);
  assert.equal(Number(r.headers['content-length']), r.body.length, 'exact Content-Length');
  return r.json.data;
}

async function page(srv, sc) {
  return (await request(`${srv.base}/message/${sc}`)).text;
}

S.test('keep-alive: two requests one after the other on one socket', async (t, srv) => {
  const c = await RawConn.open(srv.port);
  try {
    for (let i = 0; i < 3; i++) {
      const b = jsonBody(srv, { title: 'ka' + i });
      await c.write(head('POST', '/send', [['Host', 'x'], ['Content-Type', 'application/json'], ['Content-Length', Buffer.byteLength(b)], ['Connection', 'keep-alive']]) + b);
      okRaw(await c.readResponse(), 'request ' + i);
      assert.ok(!c.closed, 'connection stays open');
    }
  } finally {
    c.close();
  }
});

S.test('keep-alive: two pipelined requests in one write', async (t, srv) => {
  const c = await RawConn.open(srv.port);
  try {
    const b1 = jsonBody(srv, { title: 'pipe1' });
    const b2 = jsonBody(srv, { title: 'pipe2' });
    await c.write(
      head('POST', '/send', [['Host', 'x'], ['Content-Type', 'application/json'], ['Content-Length', Buffer.byteLength(b1)]]) +
        b1 +
        head('GET', `/send?token=${srv.admin.token}&title=pipe3&content=x`, [['Host', 'x']]) +
        head('POST', '/send', [['Host', 'x'], ['Content-Type', 'application/json'], ['Content-Length', Buffer.byteLength(b2)]]) +
        b2,
    );
    const scs = [];
    for (let i = 0; i < 3; i++) scs.push(okRaw(await c.readResponse(), 'pipelined ' + i));
    const titles = [];
    for (const sc of scs) titles.push((await srv.showMessage(sc)).title);
    assert.deepEqual(titles, ['pipe1', 'pipe3', 'pipe2'], 'responses in request order');
  } finally {
    c.close();
  }
});

S.test('Connection: close and HTTP/1.0 close the connection after the reply', async (t, srv) => {
  const c = await RawConn.open(srv.port);
  try {
    await c.write(head('GET', `/send?token=${srv.admin.token}&content=close`, [['Host', 'x'], ['Connection', 'close']]));
    okRaw(await c.readResponse());
    await c.readResponse(3000);
    assert.ok(c.closed, 'server closed after Connection: close');
  } finally {
    c.close();
  }
  const r = await rawRequest(srv.port, head('GET', `/send?token=${srv.admin.token}&content=http10`, [], 'HTTP/1.0'));
  assert.ok(r);
  assert.equal(r.status, 200);
  assert.equal(r.json.code, 200);
});

S.test('no Host, no User-Agent, no Accept headers at all', async (t, srv) => {
  const b = jsonBody(srv, { title: 'bare' });
  okRaw(await rawRequest(srv.port, head('POST', '/send', [['Content-Type', 'application/json'], ['Content-Length', Buffer.byteLength(b)]]) + b));
});

S.test('chunked request body without Content-Length (with extension and trailer)', async (t, srv) => {
  const b = jsonBody(srv, { title: '分块 chunked', content: '分块内容 chunked body' });
  for (const opts of [{}, { ext: true, trailer: true }]) {
    const r = await rawRequest(
      srv.port,
      Buffer.concat([Buffer.from(head('POST', '/send', [['Host', 'x'], ['Content-Type', 'application/json'], ['Transfer-Encoding', 'chunked']])), chunked(b, [1, 5, 3, 11], opts)]),
    );
    const sc = okRaw(r, JSON.stringify(opts));
    assert.equal((await srv.showMessage(sc)).title, '分块 chunked');
    assert.ok((await page(srv, sc)).includes('分块内容'));
  }
});

S.test('chunked form body, chunks split mid UTF-8 sequence', async (t, srv) => {
  const b = `token=${srv.admin.token}&title=${encodeURIComponent('表单')}&content=${encodeURIComponent('正文')}`;
  const bodyBuf = Buffer.from(b);
  const r = await rawRequest(
    srv.port,
    Buffer.concat([Buffer.from(head('POST', '/send', [['Host', 'x'], ['Content-Type', 'application/x-www-form-urlencoded'], ['Transfer-Encoding', 'chunked']])), chunked(bodyBuf, [2, 2, 2, 1])]),
  );
  assert.equal((await srv.showMessage(okRaw(r))).title, '表单');
});

S.test('chunked body arriving slowly in separate writes', async (t, srv) => {
  const c = await RawConn.open(srv.port);
  try {
    const b = jsonBody(srv, { title: 'slow-chunks' });
    await c.write(head('POST', '/send', [['Host', 'x'], ['Content-Type', 'application/json'], ['Transfer-Encoding', 'chunked']]));
    const enc = chunked(b, [10, 10, 10]);
    for (let i = 0; i < enc.length; i += 16) {
      await c.write(enc.subarray(i, i + 16));
      await new Promise((r) => setTimeout(r, 5));
    }
    okRaw(await c.readResponse());
  } finally {
    c.close();
  }
});

S.test('Expect: 100-continue: 100 Continue (or nothing), then the final reply', async (t, srv) => {
  const c = await RawConn.open(srv.port);
  try {
    const b = jsonBody(srv, { title: 'expect' });
    await c.write(head('POST', '/send', [['Host', 'x'], ['Content-Type', 'application/json'], ['Content-Length', Buffer.byteLength(b)], ['Expect', '100-continue']]));
    const interim = await c.readResponse(1500);
    if (interim) assert.equal(interim.status, 100, 'only 100 Continue before the body: ' + interim.rawHead);
    await c.write(b);
    const r = await c.readResponse();
    okRaw(r);
  } finally {
    c.close();
  }
});

S.test('Expect: 100-continue with a chunked body (curl style)', async (t, srv) => {
  const c = await RawConn.open(srv.port);
  try {
    const b = jsonBody(srv, { title: 'expect-chunked' });
    await c.write(head('POST', '/send', [['Host', 'x'], ['Content-Type', 'application/json'], ['Transfer-Encoding', 'chunked'], ['Expect', '100-continue']]));
    const interim = await c.readResponse(1500);
    if (interim) assert.equal(interim.status, 100);
    await c.write(chunked(b));
    okRaw(await c.readResponse());
  } finally {
    c.close();
  }
});

const ctVariants = [
  ['application/json', 'json'],
  [' application/json', 'json'],
  ['application/json; charset=utf-8', 'json'],
  ['application/json;charset=UTF-8', 'json'],
  ['Application/JSON', 'json'],
  ['text/json', 'json'],
  ['application/vnd.feige+json', 'json'],
  [null, 'json'],
  ['text/plain', 'json'],
  ['text/plain;charset=UTF-8', 'json'],
  ['application/x-www-form-urlencoded', 'form'],
  ['application/x-www-form-urlencoded; charset=UTF-8', 'form'],
  [' application/x-www-form-urlencoded', 'form'],
  [null, 'form'],
  ['text/plain', 'form'],
];
for (const [ct, kind] of ctVariants) {
  S.test(`Content-Type ${JSON.stringify(ct)} with a ${kind} body`, async (t, srv) => {
    const title = `ct-${kind}-${ct}`.replace(/[^a-zA-Z0-9-]/g, '_');
    const body = kind === 'json' ? `\n  ${jsonBody(srv, { title })}` : `token=${srv.admin.token}&title=${title}&content=ct`;
    const hdrs = [['Host', 'x'], ['Content-Length', Buffer.byteLength(body)]];
    if (ct !== null) hdrs.push(['Content-Type', ct]);
    const sc = okRaw(await rawRequest(srv.port, head('POST', '/send', hdrs) + body));
    assert.equal((await srv.showMessage(sc)).title, title);
  });
}

S.test('header names are case-insensitive', async (t, srv) => {
  const b = jsonBody(srv, { title: 'lc-headers' });
  const sc = okRaw(await rawRequest(srv.port, head('POST', '/send', [['host', 'x'], ['content-type', 'application/json'], ['content-length', Buffer.byteLength(b)]]) + b));
  assert.equal((await srv.showMessage(sc)).title, 'lc-headers');
  const b2 = jsonBody(srv, { title: 'mixed-headers' });
  okRaw(await rawRequest(srv.port, head('POST', '/send', [['HOST', 'x'], ['Content-type', 'application/json'], ['CONTENT-LENGTH', Buffer.byteLength(b2)], ['Charset', 'UTF-8']]) + b2));
});

S.test('UTF-8 BOM before a JSON body', async (t, srv) => {
  const body = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(jsonBody(srv, { title: 'bom' }))]);
  for (const ct of ['application/json', null]) {
    const hdrs = [['Host', 'x'], ['Content-Length', body.length]];
    if (ct) hdrs.push(['Content-Type', ct]);
    const sc = okRaw(await rawRequest(srv.port, Buffer.concat([Buffer.from(head('POST', '/send', hdrs)), body])), `ct=${ct}`);
    assert.equal((await srv.showMessage(sc)).title, 'bom');
  }
});

S.test('\\u escapes incl. surrogate pair: \\ud83d\\ude00 → 😀 on the message page', async (t, srv) => {
  const body = `{"token":"${srv.admin.token}","title":"\\u8868\\u60c5 \\ud83d\\ude00","content":"smile \\ud83d\\ude00 \\u4f60\\u597d"}`;
  const r = await request(`${srv.base}/send`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body });
  const sc = expectOk(r);
  assert.equal((await srv.showMessage(sc)).title, '表情 😀');
  const html = await page(srv, sc);
  assert.ok(html.includes('smile 😀 你好'), 'page shows the decoded emoji as 4-byte UTF-8');
  assert.ok(Buffer.from(html).includes(Buffer.from([0xf0, 0x9f, 0x98, 0x80])));
});

S.test('lone surrogate does not crash the server', async (t, srv) => {
  for (const esc of ['\\ud83d', '\\ude00', '\\ud83dx', '\\ud83d\\u0041']) {
    const body = `{"token":"${srv.admin.token}","title":"lone","content":"a${esc}b"}`;
    const r = await request(`${srv.base}/send`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body });
    assert.ok(r.json && typeof r.json.code === 'number', `JSON reply for ${esc}: ${r.text}`);
    if (r.json.code === 200) {
      const html = await page(srv, r.json.data);
      assert.ok(html.includes('a'), 'page renders');
    }
  }
  const h = await request(`${srv.base}/healthz`);
  assert.equal(h.status, 200);
});

S.test('invalid UTF-8 bytes in a body do not crash the server', async (t, srv) => {
  const body = Buffer.concat([Buffer.from(`{"token":"${srv.admin.token}","content":"x`), Buffer.from([0xff, 0xfe, 0xc3]), Buffer.from('"}')]);
  const r = await request(`${srv.base}/send`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body });
  assert.ok(r.json && typeof r.json.code === 'number', r.text);
  assert.equal((await request(`${srv.base}/healthz`)).status, 200);
});

S.test('raw (unencoded) UTF-8 in the query string, as the Java SDK sends', async (t, srv) => {
  const target = Buffer.from(`/send?token=${srv.admin.token}&title=原始标题&content=原始内容`, 'utf8');
  const req = Buffer.concat([Buffer.from('GET '), target, Buffer.from(' HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n\r\n')]);
  const sc = okRaw(await rawRequest(srv.port, req));
  assert.equal((await srv.showMessage(sc)).title, '原始标题');
});

S.test('malformed percent sequences are kept literally', async (t, srv) => {
  const sc = okRaw(await rawRequest(srv.port, head('GET', `/send?token=${srv.admin.token}&title=100%25+sure+%zz+%&content=x`, [['Host', 'x']])));
  assert.equal((await srv.showMessage(sc)).title, '100% sure %zz %');
});

S.test('GET/PUT/DELETE with Content-Type: application/json and no body (Java SDK)', async (t, srv) => {
  for (const m of ['GET', 'DELETE', 'PUT']) {
    okRaw(
      await rawRequest(srv.port, head(m, `/send?token=${srv.admin.token}&title=nobody-${m}&content=x`, [['Host', 'x'], ['Content-Type', 'application/json'], ...(m === 'GET' ? [] : [['Content-Length', 0]])])),
      m,
    );
  }
});

S.test('GET with a JSON body', async (t, srv) => {
  const b = jsonBody(srv, { title: 'get-body' });
  const sc = okRaw(await rawRequest(srv.port, head('GET', '/send', [['Host', 'x'], ['Content-Type', 'application/json'], ['Content-Length', Buffer.byteLength(b)]]) + b));
  assert.equal((await srv.showMessage(sc)).title, 'get-body');
});

S.test('2 MiB body → a JSON error, and the server lives on', async (t, srv) => {
  const big = jsonBody(srv, { content: 'y'.repeat(2 * 1024 * 1024) });
  const c = await RawConn.open(srv.port);
  try {
    await c.write(head('POST', '/send', [['Host', 'x'], ['Content-Type', 'application/json'], ['Content-Length', Buffer.byteLength(big)]]) + big).catch(() => {});
    const r = await c.readResponse(15000);
    assert.ok(r, 'a response, not a dropped socket');
    assert.ok(r.json && typeof r.json.code === 'number' && r.json.code !== 200, `${r.rawHead}\n${r.text.slice(0, 300)}`);
  } finally {
    c.close();
  }
  expectOk(await request(`${srv.base}/send?token=${srv.admin.token}&content=alive`));
});

S.test('malformed JSON → 999', async (t, srv) => {
  expectErr(await request(`${srv.base}/send`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: `{"token":"${srv.admin.token}","content":"x"` }), 999);
  expectErr(await request(`${srv.base}/send`, { method: 'POST', body: `{"token":"${srv.admin.token}", content: x}` }), 999);
});

S.test('unknown paths answer a JSON body, never empty, never a redirect', async (t, srv) => {
  for (const p of ['/nope', '/sendx', '/send/a/b', '/api', '/favicon.ico.json', '/api/open/nosuch']) {
    for (const method of ['GET', 'POST']) {
      const r = await request(srv.base + p, { method, headers: method === 'POST' ? { 'Content-Type': 'application/json' } : {}, body: method === 'POST' ? '{}' : undefined });
      assert.ok(r.status < 300 || r.status >= 400, `no redirect for ${p}: ${r.status}`);
      assert.ok(r.text.length > 0, `${method} ${p}: non-empty body`);
      assert.ok(r.json && typeof r.json === 'object', `${method} ${p}: JSON body: ${r.text.slice(0, 200)}`);
      assert.equal(typeof r.json.code, 'number');
      assert.notEqual(r.json.code, 200);
    }
  }
});

S.test('unknown /api/send and /api/fun paths → WxPusher 1004 envelope', async (t, srv) => {
  for (const p of ['/api/send/nosuchthing', '/api/fun/nosuchthing', '/api/send/a/b/c', '/api/fun/x?y=1']) {
    const r = await request(srv.base + p);
    assert.ok(r.json, `${p}: JSON body: ${r.text}`);
    assert.equal(r.json.code, 1004, p);
    assert.equal(r.json.success, false, p);
    assert.equal(typeof r.json.msg, 'string');
  }
});

S.test('no compression even when the client accepts gzip', async (t, srv) => {
  const r = await request(`${srv.base}/send?token=${srv.admin.token}&content=gz`, { headers: { 'Accept-Encoding': 'gzip, deflate, br' } });
  assert.equal(r.headers['content-encoding'], undefined);
  expectOk(r);
});

S.test('/healthz', async (t, srv) => {
  const r = await request(`${srv.base}/healthz`);
  assert.equal(r.status, 200);
  assert.deepEqual(r.json, { status: 'ok', checks: { store: 'ok', writer: 'ok', workers: 'ok' } });
});
