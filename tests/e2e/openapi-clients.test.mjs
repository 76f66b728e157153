// Request shapes that open API clients in the wild use (Python requests
// with json=, curl scripts, Node fetch with lowercase headers, a Go
// client that sets access-key as a common header and puts ids in the
// query), replayed against feige; and the /shortMessage/{shortCode}
// page such clients fetch for a listed message's content.
import assert from 'node:assert/strict';
import { suite } from './lib/feige.mjs';
import { request, send, expectOk } from './lib/http.mjs';
import { SECRET, enableOpen } from './lib/open.mjs';

const S = suite();

S.test('the common client flow: getAccessKey, then message/list (also with a trailing slash), then the message page', async (t, srv) => {
  const u = await srv.addUser('client');
  await enableOpen(srv, u.uid);
  const sc = expectOk(await send(srv.base, { token: u.token, title: '验证码 123456', content: '<b>code</b> 123456' }));

  // Python requests: json= sets Content-Type: application/json, UTF-8 body
  let r = await request(srv.base + '/api/common/openApi/getAccessKey', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'User-Agent': 'python-requests/2.31.0', Accept: '*/*' },
    body: JSON.stringify({ token: u.token, secretKey: SECRET }),
  });
  assert.equal(r.json.code, 200);
  const key = r.json.data.accessKey;

  // curl -d @file with a trailing slash on the path
  for (const path of ['/api/open/message/list', '/api/open/message/list/']) {
    r = await request(srv.base + path, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'access-key': key },
      body: '{"current":1,"pageSize":3}',
    });
    assert.equal(r.status, 200);
    assert.equal(r.json.code, 200, r.text);
    assert.equal(r.json.data.list[0].shortCode, sc);
    assert.equal(r.json.data.list[0].title, '验证码 123456');
  }

  // Node fetch: lowercase header names, accept
  const f = await fetch(srv.base + '/api/open/message/list', {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json', 'access-key': key },
    body: JSON.stringify({ current: 1, pageSize: 10 }),
  });
  const fj = await f.json();
  assert.equal(fj.code, 200);
  assert.equal(fj.data.pageSize, 10);

  // the message page those clients scrape
  const page = await request(`${srv.base}/shortMessage/${sc}`);
  assert.equal(page.status, 200);
  assert.match(page.text, /123456/);
});

S.test('Go-style client: ids in the query of GET calls, access-key as a common header, Access-Key case', async (t, srv) => {
  const u = await srv.addUser('goclient');
  await enableOpen(srv, u.uid);
  const auth = await request(srv.base + '/api/common/openApi/getAccessKey', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json; charset=utf-8', 'User-Agent': 'Mozilla/5.0' },
    body: JSON.stringify({ token: u.token, secretKey: SECRET }),
  });
  const key = auth.json.data.accessKey;
  const h = { 'Access-Key': key, 'User-Agent': 'Mozilla/5.0' };
  const add = await request(srv.base + '/api/open/topic/add', { method: 'POST', headers: { ...h, 'Content-Type': 'application/json' }, body: JSON.stringify({ topicCode: 'go', topicName: 'Go', contact: 'c', introduction: 'i' }) });
  assert.equal(add.json.code, 200, add.text);
  const id = add.json.data;
  for (const path of [`/api/open/topic/detail?topicId=${id}`, `/api/open/topic/qrCode?topicId=${id}`, '/api/open/user/userLimitTime', '/api/open/setting/getUserSettings', '/api/open/user/myInfo']) {
    const r = await request(srv.base + path, { headers: h });
    assert.equal(r.json.code, 200, `${path}: ${r.text}`);
  }
  // GET with Content-Type: application/json and no body (Java/Go clients)
  const r = await request(`${srv.base}/api/open/setting/changeRecevieLimit?recevieLimit=1`, { headers: { ...h, 'Content-Type': 'application/json' } });
  assert.equal(r.json.code, 200, r.text);
  assert.equal(r.json.msg, '执行成功');
  // an error envelope decodes into the same shape (data null)
  const bad = await request(srv.base + '/api/open/topic/detail?topicId=0', { headers: h });
  assert.equal(bad.json.code, 999);
  assert.equal(bad.json.data, null);
});
