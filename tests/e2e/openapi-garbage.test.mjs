// Every open API endpoint answers bad input with a JSON envelope (HTTP
// 200, numeric code, msg, data), never a crash, an empty body or a
// non-JSON reply: wrong types, huge numbers, nested junk, non-JSON bodies.
import assert from 'node:assert/strict';
import { suite } from './lib/feige.mjs';
import { request } from './lib/http.mjs';
import { enableOpen, accessKey } from './lib/open.mjs';

const S = suite();

const PATHS = [
  'message/list', 'message/sendMessageResult', 'user/token', 'user/myInfo', 'user/userLimitTime', 'user/sendCount',
  'token/list', 'token/add', 'token/edit', 'token/deleteToken',
  'topic/list', 'topic/detail', 'topic/joinTopicDetail', 'topic/add', 'topic/qrCode', 'topic/exitTopic',
  'topicUser/subscriberList', 'topicUser/deleteTopicUser',
  'setting/getUserSettings', 'setting/changeDefaultChannel', 'setting/changeRecevieLimit', 'setting/changeIsSend',
  'setting/changeOpenMessageType', 'setting/extension',
  'friend/getQrCode', 'friend/list', 'friend/deleteFriend', 'friend/editRemark',
  'pre/list', 'pre/detail', 'pre/add', 'pre/edit', 'pre/delete', 'pre/test',
  'webhook/list', 'webhook/detail', 'webhook/add', 'webhook/edit', 'mp/list', 'cp/list', 'mail/list', 'mail/detail',
];

const BODIES = [
  '{"current":"x","pageSize":{"a":1},"params":"junk","id":[1,2],"topicId":-5,"name":null}',
  '{"current":1e308,"pageSize":-1e308,"params":{"topicId":"abc","topicType":"9"},"id":"9999999999999999999999"}',
  '[1,2,3]',
  'not json at all',
  '{"content":"' + 'x'.repeat(70000) + '","preName":"n","preCode":"c","contentType":1}',
  '{"name":"\\ud800","remark":"\\u0000","topicCode":"","expireTime":"9999-99-99"}',
  '{"webhookCode":"\\ud800","webhookName":"\\u0000","webhookType":"1","webhookUrl":"http://\\u0000/","id":1}',
];

const QUERIES = ['', '?id=abc&topicId=1e9&preId=-1&friendId=0&shortCode=%ff%fe', '?topicRelationId=99999999999999999999&second=-7&isSend=2', '?webhookId=1&mailId=99999999999999999999999'];

S.test('bad input on every endpoint → a JSON envelope', async (t, srv) => {
  const u = await srv.addUser('garbage');
  await enableOpen(srv, u.uid);
  const key = await accessKey(srv, u.token);
  for (const p of PATHS) {
    for (const q of QUERIES) {
      for (const [method, body] of [['GET', undefined], ...BODIES.map((b) => ['POST', b])]) {
        const r = await request(`${srv.base}/api/open/${p}${q}`, {
          method,
          headers: { 'access-key': key, ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}) },
          body,
        });
        const what = `${method} ${p}${q} ${body ? body.slice(0, 60) : ''}`;
        assert.equal(r.status, 200, what);
        assert.ok(r.json && typeof r.json === 'object' && !Array.isArray(r.json), `${what}: ${r.text.slice(0, 200)}`);
        assert.equal(typeof r.json.code, 'number', what);
        assert.equal(typeof r.json.msg, 'string', what);
        assert.ok('data' in r.json, what);
      }
    }
  }
  // still serving
  const r = await request(`${srv.base}/api/open/user/token`, { headers: { 'access-key': key } });
  assert.equal(r.json.data, u.token);
});
