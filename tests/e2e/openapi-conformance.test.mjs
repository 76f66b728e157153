// pushplus open API conformance (issue 9 item 10): what a client that
// tries every endpoint as the document describes it found wrong.  Each
// test pins one documented rule: the add_friend callback's friendId and
// qrCode, emailStatus in the callbacks, changeDefaultChannel refusing a
// channel that cannot send, userLimitTime and getUserSettings reporting
// the real send limit, sendMessageResult of another user's message, and
// topic/add's required contact and introduction.
import assert from 'node:assert/strict';
import { suite } from './lib/feige.mjs';
import { send, expectOk, expectErr } from './lib/http.mjs';
import { startSink } from './lib/sink.mjs';
import { minuteAhead } from './lib/wait.mjs';
import { followLink } from './lib/wx.mjs';
import { enableOpen, accessKey, open, ok, err, DATE_RE } from './lib/open.mjs';

const S = suite({ config: { 'pushplus.rate_limit': 2 } });

async function user(srv, name) {
  const u = await srv.addUser(name);
  await enableOpen(srv, u.uid);
  u.key = await accessKey(srv, u.token);
  return u;
}

// open a join link and press its button as the user with token
async function join(url, token) {
  const u = new URL(url.replace(/\.png$/, ''));
  u.searchParams.set('token', token);
  return followLink(u.toString());
}

S.test('add_friend: friendId is friend/list\'s friendId (deleteFriend\'s), qrCode echoes getQrCode\'s content, emailStatus is myInfo\'s', async (t, srv) => {
  const sink = await startSink();
  t.after(() => sink.close());
  const owner = await user(srv, 'conf-owner');
  await srv.cli(['user', 'callback', owner.uid, sink.url('/f')]);
  // a few friendships first, so a friendship number and a user number differ
  for (const n of ['conf-pad1', 'conf-pad2', 'conf-pad3']) {
    const p = await srv.addUser(n);
    await srv.cli(['friend', 'add', owner.uid, p.uid]);
  }
  const fr = await user(srv, 'conf-buddy');
  await srv.cli(['user', 'email', fr.uid, 'buddy@example.test']);
  assert.equal(ok(await open(srv, fr.key, 'GET', 'user/myInfo')).emailStatus, 2);
  const qr = ok(await open(srv, owner.key, 'GET', 'friend/getQrCode', { query: { content: '渠道A' } }), '执行成功');
  assert.match((await join(qr.qrCodeImgUrl, fr.token)).text, /已成为好友/);
  const cb = await sink.waitForRequest((r) => r.json && r.json.event === 'add_friend' &&
    r.json.friendInfo.nickName === 'conf-buddy', 10000, 'add_friend');
  assert.deepEqual(Object.keys(cb.json), ['event', 'qrCode', 'friendInfo']);
  assert.equal(cb.json.qrCode, '渠道A');
  const info = cb.json.friendInfo;
  assert.equal(info.emailStatus, 2, 'the friend has an address: emailStatus as myInfo');
  assert.match(info.createTime, DATE_RE);

  const d = ok(await open(srv, owner.key, 'POST', 'friend/list', { body: { pageSize: 50 } }), '执行成功');
  const f = d.list.find((x) => x.nickName === 'conf-buddy');
  assert.ok(f, JSON.stringify(d));
  assert.notEqual(f.id, f.friendId, 'the test needs the two numbers to differ');
  assert.equal(info.friendId, f.friendId, 'callback friendId = friend/list friendId');
  assert.equal(f.emailStatus, 2);
  ok(await open(srv, owner.key, 'GET', 'friend/deleteFriend', { query: { friendId: info.friendId } }), '执行成功');
  const after = ok(await open(srv, owner.key, 'POST', 'friend/list', { body: { pageSize: 50 } }), '执行成功');
  assert.ok(!after.list.some((x) => x.nickName === 'conf-buddy'), 'deleteFriend with the callback\'s friendId removed the friend');
});

S.test('add_topic_user: emailStatus 2 when the member has an address', async (t, srv) => {
  const sink = await startSink();
  t.after(() => sink.close());
  const owner = await user(srv, 'conf-gowner');
  await srv.cli(['user', 'callback', owner.uid, sink.url('/g')]);
  const id = ok(await open(srv, owner.key, 'POST', 'topic/add', { body: { topicCode: 'conf', topicName: 'conf', contact: 'c', introduction: 'i' } }), '执行成功');
  const m = await user(srv, 'conf-member');
  await srv.cli(['user', 'email', m.uid, 'member@example.test']);
  const qr = ok(await open(srv, owner.key, 'GET', 'topic/qrCode', { query: { topicId: id } }));
  await join(qr.qrCodeImgUrl, m.token);
  const cb = await sink.waitForRequest((r) => r.json && r.json.event === 'add_topic_user', 10000, 'add_topic_user');
  assert.equal(cb.json.topicUserInfo.openId, m.uid);
  assert.equal(cb.json.topicUserInfo.emailStatus, 2);
  const l = ok(await open(srv, owner.key, 'POST', 'topicUser/subscriberList', { body: { params: { topicId: id } } }));
  assert.equal(l.list[0].emailStatus, cb.json.topicUserInfo.emailStatus);
});

S.test('changeDefaultChannel: a webhook by code or number; unknown, missing or unsendable refused with 999', async (t, srv) => {
  const u = await user(srv, 'conf-def');
  const other = await user(srv, 'conf-def-other');
  const hook = { webhookCode: 'h1', webhookName: 'h', webhookType: 5, webhookUrl: 'http://127.0.0.1:9/x' };
  const hid = ok(await open(srv, u.key, 'POST', 'webhook/add', { body: hook }));
  const oid = ok(await open(srv, other.key, 'POST', 'webhook/add', { body: { ...hook, webhookCode: 'theirs' } }));
  const change = (body) => open(srv, u.key, 'POST', 'setting/changeDefaultChannel', { body });
  const settings = async () => ok(await open(srv, u.key, 'GET', 'setting/getUserSettings'));

  assert.match(err(await change({ defaultChannel: 'webhook', defaultWebhook: 'nope' }), 999), /defaultWebhook/);
  assert.match(err(await change({ defaultChannel: 'webhook' }), 999), /defaultWebhook/);
  assert.match(err(await change({ defaultChannel: 'cp' }), 999), /defaultWebhook/);
  err(await change({ defaultChannel: 'webhook', defaultWebhook: String(oid) }), 999);
  err(await change({ defaultChannel: 'webhook', defaultWebhook: 'theirs' }), 999);
  assert.match(err(await change({ defaultChannel: 'sms' }), 999), /默认渠道/);
  assert.equal((await settings()).defaultChannel, 'wechat', 'a refused change writes nothing');
  expectOk(await send(srv.base, { token: u.token, content: 'still fine' }));

  // the number, as the document allows, is stored as the code
  assert.equal(ok(await change({ defaultChannel: 'webhook', defaultWebhook: hid }), '执行成功'), null);
  const s = await settings();
  assert.deepEqual([s.defaultChannel, s.defaultWebhook], ['webhook', 'h1']);
  const sc = expectOk(await send(srv.base, { token: u.token, content: 'by id' }));
  assert.equal((await srv.showMessage(sc)).channel, 'webhook');
  // mail needs no config (the default sender); wechat keeps no webhook
  ok(await change({ defaultChannel: 'mail' }), '执行成功');
  ok(await change({ defaultChannel: 'wechat', defaultWebhook: 'h1' }), '执行成功');
  assert.deepEqual([(await settings()).defaultChannel, (await settings()).defaultWebhook], ['wechat', '']);
});

S.test('userLimitTime and getUserSettings report isSend off and a spent rate limit', async (t, srv) => {
  const u = await user(srv, 'conf-limit');
  const limit = async () => ok(await open(srv, u.key, 'GET', 'user/userLimitTime'));
  const setLimit = async () => (ok(await open(srv, u.key, 'GET', 'setting/getUserSettings'))).sendLimit;
  assert.deepEqual(await limit(), { sendLimit: 1, userLimitTime: '' });
  assert.equal(await setLimit(), 0);

  ok(await open(srv, u.key, 'GET', 'setting/changeIsSend', { query: { isSend: 0 } }), '执行成功');
  assert.deepEqual(await limit(), { sendLimit: 3, userLimitTime: '' });
  assert.equal(await setLimit(), 1);
  ok(await open(srv, u.key, 'GET', 'setting/changeIsSend', { query: { isSend: 1 } }), '执行成功');
  assert.deepEqual(await limit(), { sendLimit: 1, userLimitTime: '' });

  // pushplus.rate_limit 2: the third send in a minute bites
  await minuteAhead(); // the count is per calendar minute
  expectOk(await send(srv.base, { token: u.token, content: 'a' }));
  expectOk(await send(srv.base, { token: u.token, content: 'b' }));
  expectErr(await send(srv.base, { token: u.token, content: 'c' }), 999);
  const l = await limit();
  assert.equal(l.sendLimit, 2);
  assert.match(l.userLimitTime, DATE_RE);
  assert.equal(await setLimit(), 1);
});

S.test('sendMessageResult: another user\'s shortCode is 805, an unknown one 999', async (t, srv) => {
  const u = await user(srv, 'conf-res');
  const other = await user(srv, 'conf-res-other');
  const sc = expectOk(await send(srv.base, { token: u.token, content: 'mine' }));
  ok(await open(srv, u.key, 'GET', 'message/sendMessageResult', { query: { shortCode: sc } }));
  const e = await open(srv, other.key, 'GET', 'message/sendMessageResult', { query: { shortCode: sc } });
  err(e, 805);
  assert.equal(e.data, null);
  err(await open(srv, other.key, 'GET', 'message/sendMessageResult', { query: { shortCode: 'e'.repeat(32) } }), 999);
});

S.test('topic/add: contact and introduction are required (999 naming the field)', async (t, srv) => {
  const u = await user(srv, 'conf-topic');
  assert.match(err(await open(srv, u.key, 'POST', 'topic/add', { body: { topicCode: 'a', topicName: 'a', introduction: 'i' } }), 999), /contact不能为空/);
  assert.match(err(await open(srv, u.key, 'POST', 'topic/add', { body: { topicCode: 'a', topicName: 'a', contact: 'c' } }), 999), /introduction不能为空/);
  const d = ok(await open(srv, u.key, 'POST', 'topic/list', { body: { params: { topicType: 0 } } }));
  assert.equal(d.total, 0, 'nothing created');
  assert.equal(typeof ok(await open(srv, u.key, 'POST', 'topic/add', { body: { topicCode: 'a', topicName: 'a', contact: 'c', introduction: 'i' } }), '执行成功'), 'number');
});
