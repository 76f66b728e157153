// channel=cp: a WeCom application message through a stand-in of WeCom's
// server API (channel.wecom_base points at it). gettoken is called once
// and the token reused; an expired or invalid token (42001, 40014) is
// refreshed and the send retried once; `to` becomes touser.
import assert from 'node:assert/strict';
import { after } from 'node:test';
import { suite } from './lib/feige.mjs';
import { send, expectOk, expectErr } from './lib/http.mjs';
import { startSink } from './lib/sink.mjs';

// The stand-in: tokens tok-1, tok-2, ...; message/send accepts only the
// newest token unless told to answer something else next.
const wecom = await startSink();
let issued = 0;
const sendReplies = [];
wecom.route = (req) => {
  if (req.path === '/cgi-bin/gettoken') {
    if (req.query.corpsecret === 'wrong') return { body: '{"errcode":40001,"errmsg":"invalid credential"}' };
    issued++;
    return { body: JSON.stringify({ errcode: 0, errmsg: 'ok', access_token: `tok-${issued}`, expires_in: 7200 }) };
  }
  if (req.path === '/cgi-bin/message/send') {
    if (sendReplies.length) return sendReplies.shift();
    if (req.query.access_token !== `tok-${issued}`) return { body: '{"errcode":40014,"errmsg":"invalid access_token"}' };
    return { body: '{"errcode":0,"errmsg":"ok","invaliduser":""}' };
  }
  return { status: 404, body: '{}' };
};
after(() => wecom.close());

const S = suite({ config: { 'channel.wecom_base': `http://127.0.0.1:${wecom.port}`, 'queue.retry_base_ms': 200 } });

const sends = () => wecom.on('/cgi-bin/message/send');
const gettokens = () => wecom.on('/cgi-bin/gettoken');

S.test('CLI: cp add and list (the secret is not listed)', async (t, srv) => {
  const c = await srv.cli(['cp', 'add', srv.admin.uid, 'cp1', '告警应用', '--corpid', 'ww123', '--agentid', '1000002', '--secret', 's3cr3t']);
  assert.equal(c.corpid, 'ww123');
  assert.equal(c.agentid, 1000002);
  const list = await srv.cli(['cp', 'list', srv.admin.uid]);
  assert.equal(list.length, 1);
  assert.equal(list[0].code, 'cp1');
  assert.ok(!JSON.stringify(list).includes('s3cr3t'));
  const r = await srv.cli(['cp', 'add', srv.admin.uid, 'cp2', 'x', '--corpid', 'ww1'], { raw: true });
  assert.notEqual(r.code, 0, 'secret and agentid are required');
});

S.test('send: gettoken once, then message/send with the exact body; token reused', async (t, srv) => {
  const sc = expectOk(await send(srv.base, { token: srv.admin.token, title: '标题', content: '**内容**', template: 'markdown', channel: 'cp', webhook: 'cp1' }));
  await srv.waitStatus(sc, [2]);
  assert.equal(gettokens().length, 1);
  assert.deepEqual(gettokens()[0].query, { corpid: 'ww123', corpsecret: 's3cr3t' });
  assert.equal(gettokens()[0].method, 'GET');
  const s1 = sends()[0];
  assert.equal(s1.method, 'POST');
  assert.equal(s1.query.access_token, 'tok-1');
  assert.equal(s1.body, JSON.stringify({ touser: '@all', msgtype: 'markdown', agentid: 1000002, markdown: { content: '### 标题\n\n**内容**' } }));

  const sc2 = expectOk(await send(srv.base, { token: srv.admin.token, content: '纯文本', template: 'txt', channel: 'cp', webhook: 'cp1', to: 'zhangsan, lisi' }));
  await srv.waitStatus(sc2, [2]);
  assert.equal(gettokens().length, 1, 'cached token reused');
  assert.equal(sends()[1].query.access_token, 'tok-1');
  assert.equal(sends()[1].body, JSON.stringify({ touser: 'zhangsan|lisi', msgtype: 'text', agentid: 1000002, text: { content: '纯文本' } }));
});

S.test('token expired (42001) → new token and the send repeated, in one attempt', async (t, srv) => {
  const before = gettokens().length;
  sendReplies.push({ body: '{"errcode":42001,"errmsg":"access_token expired"}' });
  const sc = expectOk(await send(srv.base, { token: srv.admin.token, content: 'after expiry', channel: 'cp', webhook: 'cp1' }));
  const m = await srv.waitStatus(sc, [2]);
  assert.equal(m.deliveries[0].attempts, 1);
  assert.equal(gettokens().length, before + 1);
  const last = sends().slice(-2);
  assert.equal(last[0].body, last[1].body);
  assert.equal(last[1].query.access_token, `tok-${issued}`);
});

S.test('a token the server no longer knows (40014) is refreshed too', async (t, srv) => {
  issued++; // the stand-in moves on: the cached token is now stale
  const before = gettokens().length;
  const sc = expectOk(await send(srv.base, { token: srv.admin.token, content: 'stale', channel: 'cp', webhook: 'cp1' }));
  await srv.waitStatus(sc, [2]);
  assert.equal(gettokens().length, before + 1);
});

S.test('bad secret → status 3 with the gettoken error; WeCom error on send → status 3 with its text', async (t, srv) => {
  await srv.cli(['cp', 'add', srv.admin.uid, 'cpbad', 'bad', '--corpid', 'ww9', '--agentid', '7', '--secret', 'wrong']);
  let sc = expectOk(await send(srv.base, { token: srv.admin.token, content: 'x', channel: 'cp', webhook: 'cpbad' }));
  let m = await srv.waitStatus(sc, [3]);
  assert.match(m.error, /gettoken.*errcode 40001: invalid credential/);
  sendReplies.push({ body: '{"errcode":81013,"errmsg":"user & party & tag all invalid"}' });
  sc = expectOk(await send(srv.base, { token: srv.admin.token, content: 'x', channel: 'cp', webhook: 'cp1', to: 'ghost' }));
  m = await srv.waitStatus(sc, [3]);
  assert.match(m.error, /errcode 81013: user & party & tag all invalid/);
  assert.equal(m.deliveries[0].attempts, 1);
});

S.test('WeCom 5xx is retried', async (t, srv) => {
  sendReplies.push({ status: 502, body: 'bad gateway' });
  const sc = expectOk(await send(srv.base, { token: srv.admin.token, content: 'x', channel: 'cp', webhook: 'cp1' }));
  const m = await srv.waitStatus(sc, [2], 10000);
  assert.equal(m.deliveries[0].attempts, 2);
});

S.test('accept-time errors: cp without or with an unknown code → 999', async (t, srv) => {
  expectErr(await send(srv.base, { token: srv.admin.token, content: 'x', channel: 'cp' }), 999);
  const r = await send(srv.base, { token: srv.admin.token, content: 'x', channel: 'cp', webhook: 'nocp' });
  expectErr(r, 999);
  assert.match(r.json.msg, /nocp/);
});
