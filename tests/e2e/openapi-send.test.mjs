// pushplus open API: message/*, user/*, token/* (message tokens on /send)
// and setting/* (isSend, default channel) against the real server.
import assert from 'node:assert/strict';
import { suite } from './lib/feige.mjs';
import { request, send, expectOk, expectErr } from './lib/http.mjs';
import { sleep } from './lib/wait.mjs';
import { enableOpen, accessKey, open, ok, err, DATE_RE, ensureWebhook } from './lib/open.mjs';

const S = suite();

async function user(srv, name) {
  const u = await srv.addUser(name);
  await enableOpen(srv, u.uid);
  u.key = await accessKey(srv, u.token);
  return u;
}

/** "yyyy-MM-dd HH:mm:ss" in UTC+8 for epoch ms. */
function cnDate(ms) {
  return new Date(ms + 8 * 3600e3).toISOString().replace('T', ' ').slice(0, 19);
}

S.test('user/token, user/myInfo, user/userLimitTime, user/sendCount', async (t, srv) => {
  const u = await user(srv, 'me');
  assert.equal(ok(await open(srv, u.key, 'GET', 'user/token')), u.token);
  const info = ok(await open(srv, u.key, 'GET', 'user/myInfo'));
  assert.equal(info.token, u.token);
  assert.equal(info.nickName, 'me');
  assert.equal(info.openId, u.uid);
  for (const k of ['unionId', 'headImgUrl', 'phoneNumber', 'email', 'birthday']) assert.equal(typeof info[k], 'string', k);
  for (const k of ['userSex', 'emailStatus', 'points']) assert.equal(typeof info[k], 'number', k);
  // 1.15: a self-hosted account is verified and a member that never expires
  assert.equal(info.verifyStatus, 1);
  assert.deepEqual(info.vipInfo, { isVip: 1, lastDay: '9999-12-31' });
  assert.deepEqual(ok(await open(srv, u.key, 'GET', 'user/userLimitTime')), { sendLimit: 1, userLimitTime: '' });
  assert.deepEqual(ok(await open(srv, u.key, 'GET', 'user/sendCount')), { wechatSendCount: 0, cpSendCount: 0, webhookSendCount: 0, mailSendCount: 0, qqBotSendCount: 0 });
  expectOk(await send(srv.base, { token: u.token, content: 'a' }));
  expectOk(await send(srv.base, { token: u.token, content: 'b' }));
  await ensureWebhook(srv, u.uid, 'x');
  expectOk(await send(srv.base, { token: u.token, content: 'c', channel: 'webhook', webhook: 'x' }));
  assert.deepEqual(ok(await open(srv, u.key, 'GET', 'user/sendCount')), { wechatSendCount: 2, cpSendCount: 0, webhookSendCount: 1, mailSendCount: 0, qqBotSendCount: 0 });
});

S.test('message/list: newest first, page fields, clamps, past-the-end; sendMessageResult', async (t, srv) => {
  const u = await user(srv, 'lister');
  const other = await user(srv, 'other');
  await srv.cli(['group', 'add', u.uid, 'grp1', '群一']);
  const codes = [];
  for (let i = 0; i < 53; i++) codes.push(expectOk(await send(srv.base, { token: u.token, title: 't' + i, content: 'c' + i })));
  codes.push(expectOk(await send(srv.base, { token: u.token, title: 'topic', content: 'to group', topic: 'grp1' })));
  expectOk(await send(srv.base, { token: other.token, content: 'not mine' }));

  let d = ok(await open(srv, u.key, 'POST', 'message/list', { body: { current: 0, pageSize: 0, params: {} } }));
  assert.deepEqual([d.pageNum, d.pageSize, d.total, d.pages, d.list.length], [1, 20, 54, 3, 20]);
  const first = d.list[0];
  assert.deepEqual(Object.keys(first).sort(), ['channel', 'messageType', 'shortCode', 'title', 'topicName', 'updateTime']);
  assert.equal(first.shortCode, codes[53]);
  assert.equal(first.messageType, 2);
  assert.equal(first.topicName, '群一');
  assert.equal(first.channel, 'wechat');
  assert.match(first.updateTime, DATE_RE);
  assert.equal(d.list[1].messageType, 1);
  assert.equal(d.list[1].topicName, '');
  assert.equal(d.list[1].title, 't52');

  d = ok(await open(srv, u.key, 'POST', 'message/list', { body: { current: 2, pageSize: 500 } }));
  assert.deepEqual([d.pageNum, d.pageSize, d.total, d.pages, d.list.length], [2, 50, 54, 2, 4]);
  d = ok(await open(srv, u.key, 'POST', 'message/list', { body: { current: 9, pageSize: 10 } }));
  assert.deepEqual([d.pageNum, d.pageSize, d.total, d.pages, d.list], [9, 10, 54, 6, []]);
  d = ok(await open(srv, u.key, 'POST', 'message/list', { body: { current: 99999999999, pageSize: 10 } }));
  assert.deepEqual([d.total, d.list], [54, []]);
  d = ok(await open(srv, u.key, 'POST', 'message/list', { body: { current: -3, pageSize: '7' } }));
  assert.deepEqual([d.pageNum, d.pageSize, d.list.length], [1, 7, 7]);
  d = ok(await open(srv, u.key, 'POST', 'message/list'));
  assert.deepEqual([d.pageNum, d.pageSize], [1, 20]);
  err(await open(srv, u.key, 'POST', 'message/list', { body: '{"current":' }), 999);
  // a title stored with invalid UTF-8 (a form body with %ff) still lists, repaired
  const bad = await request(srv.base + '/send', { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: `token=${u.token}&content=x&title=%ff%fe-bad` });
  assert.equal(bad.json.code, 200);
  d = ok(await open(srv, u.key, 'POST', 'message/list', { body: { pageSize: 1 } }));
  assert.equal(d.list[0].title, '\ufffd\ufffd-bad');
  codes.push(bad.json.data);

  await srv.waitStatus(codes[0], [2]);
  const r = ok(await open(srv, u.key, 'GET', 'message/sendMessageResult', { query: { shortCode: codes[0] } }));
  assert.equal(r.status, 2);
  assert.equal(r.errorMessage, '');
  assert.match(r.updateTime, DATE_RE);
  const late = expectOk(await send(srv.base, { token: u.token, content: 'late', timestamp: 1000 }));
  await srv.waitStatus(late, [3]);
  const r3 = ok(await open(srv, u.key, 'GET', 'message/sendMessageResult', { query: { shortCode: late } }));
  assert.equal(r3.status, 3);
  assert.ok(r3.errorMessage.length > 0);
  err(await open(srv, u.key, 'GET', 'message/sendMessageResult'), 999);
  err(await open(srv, u.key, 'GET', 'message/sendMessageResult', { query: { shortCode: 'f'.repeat(32) } }), 999);
  err(await open(srv, other.key, 'GET', 'message/sendMessageResult', { query: { shortCode: codes[0] } }), 805);
});

S.test('token/add, list, edit, deleteToken; message tokens send until deleted', async (t, srv) => {
  const u = await user(srv, 'tok');
  const mt = ok(await open(srv, u.key, 'POST', 'token/add', { body: { name: 'ci' } }), '执行成功');
  assert.match(mt, /^[0-9a-f]{32}$/);
  const mt2 = ok(await open(srv, u.key, 'POST', 'token/add', { body: { name: 'two', expireTime: '2035-05-09 22:34:00' } }), '执行成功');
  const d = ok(await open(srv, u.key, 'POST', 'token/list', { body: { current: 0, pageSize: 0, params: {} } }));
  assert.deepEqual([d.pageNum, d.pageSize, d.total, d.pages], [1, 20, 2, 1]);
  assert.deepEqual(d.list.map((x) => [x.name, x.token, x.expireTime]), [['ci', mt, '2999-12-31 23:59:59'], ['two', mt2, '2035-05-09 22:34:00']]);
  assert.equal(typeof d.list[0].id, 'number');

  // a message token sends as its user
  const sc = expectOk(await send(srv.base, { token: mt, title: 'via mt', content: 'hello' }));
  const m = await srv.waitStatus(sc, [2]);
  assert.ok(m);
  const inbox = await srv.inbox(u.token);
  assert.ok(inbox.some((x) => x.shortCode === sc));
  // ... but opens no inbox
  const r = await fetch(`${srv.base}/inbox/messages?token=${mt}`);
  assert.notEqual((await r.json()).code, 200);

  assert.equal(ok(await open(srv, u.key, 'POST', 'token/edit', { body: { id: d.list[0].id, name: 'renamed', expireTime: '2030-01-02' } })), '修改成功');
  const d2 = ok(await open(srv, u.key, 'POST', 'token/list', { body: {} }));
  assert.deepEqual([d2.list[0].name, d2.list[0].expireTime], ['renamed', '2030-01-02 23:59:59']);

  assert.equal(ok(await open(srv, u.key, 'DELETE', 'token/deleteToken', { query: { id: d.list[0].id } })), '删除成功');
  expectErr(await send(srv.base, { token: mt, content: 'dead' }), 903);
  expectOk(await send(srv.base, { token: mt2, content: 'alive' }));

  // errors: no name, bad date, unknown id, someone else's id
  err(await open(srv, u.key, 'POST', 'token/add', { body: {} }), 999);
  err(await open(srv, u.key, 'POST', 'token/add', { body: { name: 'x', expireTime: '2035-13-01' } }), 999);
  err(await open(srv, u.key, 'POST', 'token/add', { body: { name: 'x'.repeat(65) } }), 999);
  err(await open(srv, u.key, 'DELETE', 'token/deleteToken', { query: { id: d.list[0].id } }), 999);
  err(await open(srv, u.key, 'DELETE', 'token/deleteToken'), 999);
  const o = await user(srv, 'tok-other');
  err(await open(srv, o.key, 'POST', 'token/edit', { body: { id: d.list[1].id, name: 'steal' } }), 999);
  err(await open(srv, o.key, 'DELETE', 'token/deleteToken', { query: { id: d.list[1].id } }), 999);
  expectOk(await send(srv.base, { token: mt2, content: 'still alive' }));
});

S.test('message token dies at its expireTime', async (t, srv) => {
  const u = await user(srv, 'tokexp');
  const mt = ok(await open(srv, u.key, 'POST', 'token/add', { body: { name: 'short', expireTime: cnDate(Date.now() + 2000) } }), '执行成功');
  expectOk(await send(srv.base, { token: mt, content: 'in time' }));
  await sleep(3200); // past the expiry and the 1 s token cache
  expectErr(await send(srv.base, { token: mt, content: 'too late' }), 903);
  const past = ok(await open(srv, u.key, 'POST', 'token/add', { body: { name: 'past', expireTime: '2001-01-01 00:00:00' } }), '执行成功');
  expectErr(await send(srv.base, { token: past, content: 'never' }), 903);
});

S.test('setting/getUserSettings and the change* switches', async (t, srv) => {
  const u = await user(srv, 'set');
  assert.deepEqual(ok(await open(srv, u.key, 'GET', 'setting/getUserSettings')), {
    defaultChannel: 'wechat', defaultChannelTxt: '微信公众号', defaultWebhook: '', sendLimit: 0,
    recevieLimit: 0, sendType: 0, isSend: 1, showIp: 0, extension: 0,
  });
  assert.equal(ok(await open(srv, u.key, 'GET', 'setting/changeRecevieLimit', { query: { recevieLimit: 1 } }), '执行成功'), null);
  assert.equal(ok(await open(srv, u.key, 'GET', 'setting/changeOpenMessageType', { query: { openMessageType: 1 } }), '执行成功'), null);
  assert.equal(ok(await open(srv, u.key, 'GET', 'setting/extension', { query: { forward: 1 } }), '执行成功'), null);
  const s = ok(await open(srv, u.key, 'GET', 'setting/getUserSettings'));
  assert.deepEqual([s.recevieLimit, s.sendType, s.extension], [1, 1, 1]);
  err(await open(srv, u.key, 'GET', 'setting/changeRecevieLimit', { query: { recevieLimit: 2 } }), 999);
  err(await open(srv, u.key, 'GET', 'setting/changeIsSend'), 999);
  err(await open(srv, u.key, 'GET', 'setting/extension', { query: { forward: 'yes' } }), 999);
  err(await open(srv, u.key, 'POST', 'setting/changeDefaultChannel', { body: { defaultChannel: 'pigeon' } }), 999);
  err(await open(srv, u.key, 'POST', 'setting/changeDefaultChannel', { body: {} }), 999);
});

S.test('isSend 0: /send refuses (user and message tokens) with 999 and a reason; 1 sends again', async (t, srv) => {
  const u = await user(srv, 'nosend');
  const mt = ok(await open(srv, u.key, 'POST', 'token/add', { body: { name: 'm' } }), '执行成功');
  ok(await open(srv, u.key, 'GET', 'setting/changeIsSend', { query: { isSend: 0 } }), '执行成功');
  const e = expectErr(await send(srv.base, { token: u.token, content: 'x' }), 999);
  assert.ok(e);
  await sleep(1100); // message tokens follow within the 1 s cache
  expectErr(await send(srv.base, { token: mt, content: 'x' }), 999);
  assert.equal(ok(await open(srv, u.key, 'GET', 'setting/getUserSettings')).isSend, 0);
  ok(await open(srv, u.key, 'GET', 'setting/changeIsSend', { query: { isSend: 1 } }), '执行成功');
  expectOk(await send(srv.base, { token: u.token, content: 'back' }));
});

S.test('changeDefaultChannel: /send without channel uses the default channel and webhook', async (t, srv) => {
  const u = await user(srv, 'defch');
  await ensureWebhook(srv, u.uid, 'hook7');
  ok(await open(srv, u.key, 'POST', 'setting/changeDefaultChannel', { body: { defaultChannel: 'webhook', defaultWebhook: 'hook7' } }), '执行成功');
  const s = ok(await open(srv, u.key, 'GET', 'setting/getUserSettings'));
  assert.deepEqual([s.defaultChannel, s.defaultChannelTxt, s.defaultWebhook], ['webhook', '第三方webhook', 'hook7']);
  const sc = expectOk(await send(srv.base, { token: u.token, content: 'default' }));
  const m = await srv.showMessage(sc);
  assert.equal(m.channel, 'webhook');
  // an explicit channel wins
  const sc2 = expectOk(await send(srv.base, { token: u.token, content: 'explicit', channel: 'wechat' }));
  assert.equal((await srv.showMessage(sc2)).channel, 'wechat');
  ok(await open(srv, u.key, 'POST', 'setting/changeDefaultChannel', { body: { defaultChannel: 'wechat' } }), '执行成功');
  const sc3 = expectOk(await send(srv.base, { token: u.token, content: 'back' }));
  assert.equal((await srv.showMessage(sc3)).channel, 'wechat');
});
