// Methods other than GET, POST, PUT and DELETE, and requests whose line or
// headers are too large (issue 9 items 6 and 7, docs/pushplus.md "Wire").
// HEAD, OPTIONS and PATCH never create a message; HEAD of a read-only path
// is GET without the body; OPTIONS is 204 with Allow; PATCH is 405 with
// Allow and the API's envelope; an oversized request line or headers get
// 414 or 431 in the API's envelope and the connection is closed.
import assert from 'node:assert/strict';
import { suite } from './lib/feige.mjs';
import { request, expectOk, SUCCESS_CT } from './lib/http.mjs';
import { RawConn, head, rawRequest } from './lib/raw.mjs';
import { enableOpen, accessKey, open, ok } from './lib/open.mjs';
import { newApp, followers } from './lib/wx.mjs';

const S = suite();

const SEND_ALLOW = 'GET, HEAD, POST, PUT, DELETE, OPTIONS';

async function messageCount(srv) {
  return (await srv.cli(['message', 'list'])).messages.length;
}

/** Assert the pushplus envelope of a refusal. */
function ppErr(r, status, code) {
  assert.equal(r.status, status, r.text);
  assert.equal(r.headers['content-type'], SUCCESS_CT);
  assert.ok(r.json, `JSON body: ${r.text}`);
  assert.deepEqual(Object.keys(r.json), ['code', 'msg', 'data']);
  assert.equal(r.json.code, code);
  assert.equal(r.json.data, null);
  assert.ok(r.json.msg.length > 0);
  return r.json.msg;
}

/** Assert the WxPusher envelope of a refusal. */
function wxErr(r, status, code) {
  assert.equal(r.status, status, r.text);
  assert.equal(r.headers['content-type'], SUCCESS_CT);
  assert.ok(r.json, `JSON body: ${r.text}`);
  assert.deepEqual(Object.keys(r.json), ['code', 'msg', 'data', 'success']);
  assert.equal(r.json.code, code);
  assert.equal(r.json.success, false);
  assert.equal(r.json.data, null);
  return r.json.msg;
}

S.test('HEAD /send with a token and content creates no message; it answers with a GET reply\'s headers', async (t, srv) => {
  const before = await messageCount(srv);
  const q = `token=${srv.admin.token}&title=head&content=x`;
  for (const p of [`/send?${q}`, `/send/?${q}`, `/send/${srv.admin.token}?content=x`]) {
    const r = await request(srv.base + p, { method: 'HEAD' });
    assert.equal(r.status, 200, p);
    assert.equal(r.headers['content-type'], SUCCESS_CT, p);
    assert.ok(Number(r.headers['content-length']) > 0, 'a Content-Length as a GET has');
    assert.equal(r.headers.allow, undefined, 'no Allow: the headers of a GET reply');
    assert.equal(r.raw.length, 0, 'no body');
  }
  // the same on a raw socket: no body bytes, and the connection stays usable
  const c = await RawConn.open(srv.port);
  try {
    await c.write(head('HEAD', `/send?${q}`, [['Host', 'x']]));
    const h = await c.readResponse(5000, { headOnly: true });
    assert.equal(h.status, 200);
    await c.write(head('GET', `/healthz`, [['Host', 'x']]));
    const g = await c.readResponse();
    assert.equal(g.status, 200, 'the next reply starts right after the HEAD reply');
  } finally {
    c.close();
  }
  assert.equal(await messageCount(srv), before, 'no message created');
  expectOk(await request(`${srv.base}/send?${q}`));
  assert.equal(await messageCount(srv), before + 1, 'the GET does create one');
});

S.test('HEAD of a read-only path is its GET without the body', async (t, srv) => {
  for (const p of ['/healthz', `/inbox/messages?token=${srv.admin.token}`, '/nowhere']) {
    const g = await request(srv.base + p);
    const h = await request(srv.base + p, { method: 'HEAD' });
    assert.equal(h.status, g.status, p);
    assert.equal(h.headers['content-type'], g.headers['content-type'], p);
    assert.equal(h.headers['content-length'], g.headers['content-length'], p);
    assert.equal(h.raw.length, 0, p);
  }
});

S.test('HEAD never acts on the WxPusher GET forms, the open API or a join link', async (t, srv) => {
  const app = await newApp(srv, 'head');
  const [p] = await followers(srv, 1, { app: app.appId });
  const spt = (await srv.cli(['user', 'spt', p.uid])).spt;
  const u = await srv.addUser('headopen');
  await enableOpen(srv, u.uid);
  const key = await accessKey(srv, u.token);
  const before = await messageCount(srv);
  const paths = [
    `/api/send/message?appToken=${app.appToken}&content=x&uid=${p.uid}`,
    `/api/send/message/?appToken=${app.appToken}&content=x&uid=${p.uid}`,
    `/api/send/message/${spt}/hello`,
    `/api/fun/remove?appToken=${app.appToken}&id=${p.followId}`,
  ];
  for (const path of paths) {
    const r = await request(srv.base + path, { method: 'HEAD' });
    assert.equal(r.status, 200, path);
    assert.equal(r.headers['content-type'], SUCCESS_CT, path);
    assert.equal(r.raw.length, 0, path);
  }
  const add = `${srv.base}/api/open/topic/add?topicName=head&topicCode=headcode&contact=ops&introduction=intro`;
  const r = await request(add, { method: 'HEAD', headers: { 'access-key': key } });
  assert.equal(r.status, 200);
  assert.equal(r.raw.length, 0);
  assert.equal(await messageCount(srv), before, 'no message created');
  const topics = async () => ok(await open(srv, key, 'POST', 'topic/list', { body: { current: 1, pageSize: 10 } })).total;
  assert.equal(await topics(), 0, 'no topic created');
  const created = await request(add, { headers: { 'access-key': key } });
  assert.equal(created.json.code, 200, created.text);
  assert.equal(await topics(), 1, 'the GET does create it');
  // a join link's page is a GET that reads: HEAD runs it and joins nobody
  const topicId = created.json.data;
  const qr = ok(await open(srv, key, 'GET', 'topic/qrCode', { query: { topicId } }));
  const link = qr.qrCodeImgUrl.replace(/\.png$/, '') + `?token=${p.token}`;
  for (const method of ['HEAD', 'PATCH', 'OPTIONS']) {
    const j = await request(link, { method });
    assert.equal(j.status, { HEAD: 200, PATCH: 405, OPTIONS: 204 }[method], method);
    assert.equal(j.raw.length > 0, method === 'PATCH', method);
  }
  const det = ok(await open(srv, key, 'GET', 'topic/detail', { query: { topicId } }));
  assert.equal(det.topicUserCount, 0, 'nobody joined');
  const fl = await request(`${srv.base}/api/fun/wxuser/v2?appToken=${app.appToken}`);
  assert.equal(fl.json.data.total, 1, 'the follower is still there');
});

S.test('OPTIONS answers 204 with Allow and changes nothing', async (t, srv) => {
  const before = await messageCount(srv);
  const cases = [
    [`/send?token=${srv.admin.token}&content=x`, SEND_ALLOW],
    [`/send/${srv.admin.token}?content=x`, SEND_ALLOW],
    ['/api/send/message', SEND_ALLOW],
    ['/api/open/message/list', SEND_ALLOW],
    ['/inbox', 'GET, HEAD, OPTIONS'],
    ['/api/fun/wxuser/v2', 'GET, HEAD, OPTIONS'],
    ['/follow/app/1', 'GET, HEAD, POST, OPTIONS'],
    ['/me/unfollow', 'POST, OPTIONS'],
  ];
  for (const [p, allow] of cases) {
    const r = await rawRequest(srv.port, head('OPTIONS', p, [['Host', 'x']]));
    assert.equal(r.status, 204, `${p} ${r.rawHead}`);
    assert.equal(r.headers.allow, allow, p);
    assert.equal(r.body.length, 0, p);
    assert.equal(r.headers['content-length'], undefined, p);
  }
  assert.equal(await messageCount(srv), before, 'no message created');
});

S.test('PATCH gets 405, Allow and the envelope of the API; nothing is sent', async (t, srv) => {
  const app = await newApp(srv, 'patch');
  const [p] = await followers(srv, 1, { app: app.appId });
  const before = await messageCount(srv);
  const json = { 'Content-Type': 'application/json' };
  const body = JSON.stringify({ token: srv.admin.token, content: 'patch' });
  let r = await request(`${srv.base}/send`, { method: 'PATCH', headers: json, body });
  assert.match(ppErr(r, 405, 405), /PATCH/);
  assert.equal(r.headers.allow, SEND_ALLOW);
  r = await request(`${srv.base}/send/${srv.admin.token}?content=x`, { method: 'PATCH' });
  ppErr(r, 405, 405);
  r = await request(`${srv.base}/api/open/message/list`, { method: 'PATCH', headers: json, body: '{}' });
  ppErr(r, 405, 405);
  r = await request(`${srv.base}/api/common/openApi/getAccessKey`, { method: 'PATCH', headers: json, body: '{}' });
  ppErr(r, 405, 405);
  r = await request(`${srv.base}/follow/app/${app.appId}`, { method: 'PATCH' });
  ppErr(r, 405, 405);
  assert.equal(r.headers.allow, 'GET, HEAD, POST, OPTIONS');
  const wxBody = JSON.stringify({ appToken: app.appToken, content: 'patch', uids: [p.uid] });
  r = await request(`${srv.base}/api/send/message`, { method: 'PATCH', headers: json, body: wxBody });
  assert.match(wxErr(r, 405, 1001), /PATCH/);
  assert.equal(r.headers.allow, SEND_ALLOW);
  r = await request(`${srv.base}/api/fun/wxuser/v2?appToken=${app.appToken}`, { method: 'PATCH' });
  wxErr(r, 405, 1001);
  assert.equal(r.headers.allow, 'GET, HEAD, OPTIONS');
  // any other method is refused the same way
  r = await rawRequest(srv.port, head('FOO', `/send?token=${srv.admin.token}&content=x`, [['Host', 'x']]));
  assert.equal(r.status, 405);
  assert.equal(r.json.code, 405);
  assert.equal(await messageCount(srv), before, 'no message created');
});

S.test('a request line over http.header_kb gets 414 in the API\'s envelope and the connection is closed', async (t, srv) => {
  const before = await messageCount(srv);
  const long = 'a'.repeat(40 * 1024);
  for (const [p, wx] of [[`/send?token=${srv.admin.token}&content=${long}`, false], [`/api/send/message?content=${long}`, true]]) {
    const c = await RawConn.open(srv.port);
    try {
      await c.write(head('GET', p, [['Host', 'x']]));
      const r = await c.readResponse();
      assert.ok(r, 'a reply');
      const msg = wx ? wxErr(r, 414, 1001) : ppErr(r, 414, 999);
      assert.match(msg, /32 KB/);
      assert.equal(r.headers.connection, 'close');
      await c.readResponse(3000);
      assert.ok(c.closed, 'closed after the refusal');
    } finally {
      c.close();
    }
  }
  // far past the limit MHD itself refuses (its own HTML body): still a 414
  const r = await rawRequest(srv.port, head('GET', `/send?token=${srv.admin.token}&content=${'b'.repeat(200 * 1024)}`, [['Host', 'x']]));
  assert.equal(r.status, 414);
  assert.equal(await messageCount(srv), before, 'no message created');
});

S.test('headers over http.header_kb get 431 in the API\'s envelope; below it they pass', async (t, srv) => {
  const before = await messageCount(srv);
  const big = 'h'.repeat(40 * 1024);
  let r = await rawRequest(srv.port, head('GET', `/send?token=${srv.admin.token}&content=x`, [['Host', 'x'], ['X-Big', big]]));
  assert.match(ppErr(r, 431, 999), /32 KB/);
  assert.equal(r.headers.connection, 'close');
  r = await rawRequest(srv.port, head('GET', '/api/fun/wxuser', [['Host', 'x'], ['X-A', big.slice(20000)], ['X-B', big.slice(20000)]]));
  wxErr(r, 431, 1001);
  assert.equal(await messageCount(srv), before, 'no message created');
  const fits = 'f'.repeat(28 * 1024);
  r = await rawRequest(srv.port, head('GET', `/send?token=${srv.admin.token}&content=fits`, [['Host', 'x'], ['X-Fits', fits]]));
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.code, 200);
  assert.equal(await messageCount(srv), before + 1);
});
