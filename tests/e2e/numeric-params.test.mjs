// Issue 14 item 6: every numeric request parameter is range-checked.
// Table-driven: each endpoint's numeric parameters get INT64_MAX, -1,
// 1e309, "9223372036854775808" (INT64_MAX + 1), "0x10", " 12 ", a float
// and garbage, in the query and (where the API reads JSON) as raw JSON
// literals. Every reply must be the API's own JSON envelope with a
// numeric code: never a 5xx, an empty reply or a dead server (run it on
// the ASan+UBSan build, `make asan`, where undefined behaviour aborts).
import assert from 'node:assert/strict';
import { suite } from './lib/feige.mjs';
import { request } from './lib/http.mjs';
import { openUser } from './lib/open.mjs';
import { newApp } from './lib/wx.mjs';

const S = suite();

// [query text, raw JSON literal]
const BAD = [
  ['9223372036854775807', '9223372036854775807'],
  ['-1', '-1'],
  ['1e309', '1e309'],
  ['9223372036854775808', '9223372036854775808'],
  ['-9223372036854775809', '-9223372036854775809'],
  ['0x10', '"0x10"'],
  [' 12 ', '" 12 "'],
  ['1.5', '1.5'],
  ['abc', '"abc"'],
  ['99999999999999999999999999', '"99999999999999999999999999"'],
];

/*
 * api: pp (pushplus envelope), open (open API, access-key), wx (WxPusher)
 * base: the other parameters; nums: the numeric ones; json: also as a
 * JSON body; params: numbers inside open API "params".
 */
function table(u, app) {
  const tok = { token: u.token };
  const at = { appToken: app.appToken };
  return [
    { api: 'pp', path: '/send', base: { ...tok, content: 'n' }, nums: ['timestamp'], json: true },
    { api: 'pp', path: '/inbox/messages', method: 'GET', base: tok, nums: ['since', 'limit'] },
    { api: 'open', path: 'message/list', base: {}, nums: ['current', 'pageSize'], json: true },
    { api: 'open', path: 'topic/list', base: {}, nums: ['current', 'pageSize'], params: ['topicType'], json: true },
    { api: 'open', path: 'topic/detail', method: 'GET', base: {}, nums: ['topicId'] },
    { api: 'open', path: 'topic/joinTopicDetail', method: 'GET', base: {}, nums: ['topicId'] },
    { api: 'open', path: 'topic/qrCode', method: 'GET', base: { topicId: '1' }, nums: ['topicId', 'second', 'scanCount'] },
    { api: 'open', path: 'topic/delete', method: 'GET', base: {}, nums: ['topicId'] },
    { api: 'open', path: 'topic/exitTopic', method: 'GET', base: {}, nums: ['topicId'] },
    { api: 'open', path: 'topic/editTopic', base: { topicCode: 'c', topicName: 'n' }, nums: ['topic', 'price'], json: true },
    { api: 'open', path: 'topic/isOpen', base: { topic: 1 }, nums: ['topic', 'isOpen'], json: true },
    { api: 'open', path: 'topicUser/subscriberList', base: {}, nums: ['current', 'pageSize'], params: ['topicId'], json: true },
    { api: 'open', path: 'topicUser/deleteTopicUser', base: {}, nums: ['topicRelationId'] },
    { api: 'open', path: 'topicUser/editRemark', base: { remark: 'r' }, nums: ['id'], json: true },
    { api: 'open', path: 'friend/getQrCode', method: 'GET', base: {}, nums: ['second', 'scanCount'] },
    { api: 'open', path: 'friend/list', base: {}, nums: ['current', 'pageSize'], json: true },
    { api: 'open', path: 'friend/deleteFriend', method: 'GET', base: {}, nums: ['friendId'] },
    { api: 'open', path: 'token/list', base: {}, nums: ['current', 'pageSize'], json: true },
    { api: 'open', path: 'token/edit', base: { name: 'n', expireTime: '2030-01-01' }, nums: ['id'], json: true },
    { api: 'open', path: 'token/deleteToken', method: 'GET', base: {}, nums: ['id'] },
    { api: 'open', path: 'webhook/detail', method: 'GET', base: {}, nums: ['webhookId'] },
    { api: 'open', path: 'webhook/add', base: { webhookCode: 'w', webhookName: 'w', webhookUrl: 'https://example.com/' }, nums: ['webhookType'], json: true },
    { api: 'open', path: 'setting/changeRecevieLimit', base: {}, nums: ['recevieLimit'], json: true },
    { api: 'open', path: 'setting/detailUserDefault', method: 'GET', base: {}, nums: ['id'] },
    { api: 'open', path: 'pre/detail', method: 'GET', base: {}, nums: ['id'] },
    { api: 'open', path: 'userImage/list', base: {}, nums: ['current', 'pageSize'], json: true },
    { api: 'wx', path: '/api/fun/wxuser/v2', method: 'GET', base: at, nums: ['page', 'pageSize', 'type'] },
    { api: 'wx', path: '/api/fun/wxuser', method: 'GET', base: at, nums: ['page', 'pageSize'] },
    { api: 'wx', path: '/api/send/query/status', method: 'GET', base: {}, nums: ['sendRecordId'] },
    { api: 'wx', path: '/api/fun/create/qrcode', base: { ...at, extra: 'x' }, nums: ['validTime'], json: true },
    { api: 'wx', path: '/api/fun/remove', method: 'GET', base: at, nums: ['id'] },
    { api: 'wx', path: '/api/fun/reject', method: 'GET', base: { ...at, reject: 'true' }, nums: ['id'] },
    { api: 'wx', path: '/api/product/query-pay-end-time', method: 'GET', base: { uid: 'UID_x' }, nums: ['prodId'] },
    { api: 'wx', path: '/api/send/message', base: { ...at, content: 'x', uids: [] }, nums: ['contentType', 'verifyPayType'], arrays: ['topicIds'], json: true },
  ];
}

function url(srv, e, query) {
  const q = new URLSearchParams(query).toString();
  const p = e.api === 'open' ? `/api/open/${e.path}` : e.path;
  return `${srv.base}${p}${q ? '?' + q : ''}`;
}

function rawJson(obj, key, literal, { inParams = false, inArray = false } = {}) {
  const v = inArray ? `[${literal}]` : literal;
  const rest = JSON.stringify(obj).slice(1, -1);
  const field = `${JSON.stringify(key)}:${v}`;
  if (inParams) return `{${rest}${rest ? ',' : ''}"params":{${field}}}`;
  return `{${rest}${rest ? ',' : ''}${field}}`;
}

function check(res, what) {
  assert.ok(res.status < 500, `${what}: HTTP ${res.status} ${res.text.slice(0, 200)}`);
  assert.ok(res.text.length > 0, `${what}: empty reply`);
  assert.match(res.headers['content-type'] || '', /json/, `${what}: ${res.headers['content-type']}`);
  const j = JSON.parse(res.text);
  assert.equal(typeof j.code, 'number', `${what}: ${res.text.slice(0, 200)}`);
  assert.ok(j.code !== 500 && j.code !== 1005, `${what}: a server error for a client's number: ${res.text.slice(0, 200)}`);
  return j;
}

S.test('numeric parameters: huge, negative, non-numeric, float and overflowing values get a JSON envelope', async (t, srv) => {
  const u = await openUser(srv, 'numeric');
  const app = await newApp(srv, 'numeric');
  const hdr = (e) => (e.api === 'open' ? { 'access-key': u.key } : {});
  let n = 0;
  for (const e of table(u, app)) {
    const method = e.method || 'POST';
    for (const [q, lit] of BAD) {
      for (const name of e.nums || []) {
        const what = `${method} ${e.path} ${name}=${JSON.stringify(q)}`;
        const flat = Object.fromEntries(Object.entries(e.base).filter(([, v]) => typeof v !== 'object'));
        check(await request(url(srv, e, { ...flat, [name]: q }), { method, headers: hdr(e) }), what + ' (query)');
        n++;
        if (e.json && method === 'POST') {
          const body = rawJson(e.base, name, lit);
          check(await request(url(srv, e, {}), { method, headers: { ...hdr(e), 'Content-Type': 'application/json' }, body }), what + ' (JSON ' + body + ')');
          n++;
        }
      }
      for (const name of e.params || []) {
        const body = rawJson(e.base, name, lit, { inParams: true });
        check(await request(url(srv, e, {}), { method, headers: { ...hdr(e), 'Content-Type': 'application/json' }, body }), `${e.path} params.${name} ${body}`);
        n++;
      }
      for (const name of e.arrays || []) {
        const body = rawJson(e.base, name, lit, { inArray: true });
        check(await request(url(srv, e, {}), { method, headers: { ...hdr(e), 'Content-Type': 'application/json' }, body }), `${e.path} ${name}[] ${body}`);
        n++;
      }
    }
  }
  assert.ok(n > 300, `${n} requests`);
  // the server is alive and well after all of it
  const h = await request(`${srv.base}/healthz`);
  assert.equal(h.status, 200);
});

S.test('numeric parameters: what is refused is refused in the API\'s words, what is clamped still answers', async (t, srv) => {
  const u = await openUser(srv, 'numeric2');
  // /inbox/messages: not a number -> 400 envelope; out of range -> clamped
  const bad = check(await request(`${srv.base}/inbox/messages?token=${u.token}&limit=0x10`), 'limit=0x10');
  assert.equal(bad.code, 400);
  const big = check(await request(`${srv.base}/inbox/messages?token=${u.token}&limit=9223372036854775807&since=-1`), 'limit huge');
  assert.equal(big.code, 200);
  const over = check(await request(`${srv.base}/inbox/messages?token=${u.token}&since=9223372036854775808`), 'since overflow');
  assert.equal(over.code, 400);
  // WxPusher: a page past the range is refused with 1001
  const app = await newApp(srv, 'numeric2');
  const w = check(await request(`${srv.base}/api/fun/wxuser/v2?appToken=${app.appToken}&page=9223372036854775807`), 'page');
  assert.equal(w.code, 1001);
  const w2 = check(await request(`${srv.base}/api/fun/create/qrcode?appToken=${app.appToken}&extra=x&validTime=9223372036854775808`, { method: 'POST' }), 'validTime');
  assert.equal(w2.code, 1001);
  // open API: an id that overflows is an invalid argument, not a lookup
  const o = check(await request(`${srv.base}/api/open/topic/detail?topicId=9223372036854775808`, { headers: { 'access-key': u.key } }), 'topicId');
  assert.notEqual(o.code, 200);
});
