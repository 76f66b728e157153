// pushplus open API: groups (topic/*), their members (topicUser/*) and
// friends (friend/*), with the join links and QR codes feige serves.
import assert from 'node:assert/strict';
import { suite } from './lib/feige.mjs';
import { request, send, expectOk, expectErr } from './lib/http.mjs';
import { sleep } from './lib/wait.mjs';
import { startSink } from './lib/sink.mjs';
import { openUser, joinLink, open, ok, err, DATE_RE } from './lib/open.mjs';

const S = suite();

const user = openUser;

const join = joinLink;

S.test('topic/add, list, detail, qrCode + join page, subscriberList, joinTopicDetail, exitTopic, deleteTopicUser', async (t, srv) => {
  const sink = await startSink();
  t.after(() => sink.close());
  const owner = await user(srv, 'owner');
  await srv.cli(['user', 'callback', owner.uid, sink.url('/cb')]);
  const m1 = await user(srv, 'member1');
  const m2 = await user(srv, 'member2');

  const id = ok(await open(srv, owner.key, 'POST', 'topic/add', { body: { topicCode: 'ops', topicName: '运维', contact: 'ops@x', introduction: '告警群', receiptMessage: '欢迎' } }), '执行成功');
  assert.equal(typeof id, 'number');
  assert.match(err(await open(srv, owner.key, 'POST', 'topic/add', { body: { topicCode: 'ops', topicName: 'again', contact: 'c', introduction: 'i' } }), 999), /topicCode/);
  err(await open(srv, owner.key, 'POST', 'topic/add', { body: { topicName: 'no code' } }), 999);
  err(await open(srv, owner.key, 'POST', 'topic/add', { body: { topicCode: 'x', topicName: 'y'.repeat(200) } }), 999);

  let d = ok(await open(srv, owner.key, 'POST', 'topic/list', { body: { current: 0, pageSize: 0, params: { topicType: 0 } } }));
  assert.deepEqual([d.total, d.pages, d.list.length], [1, 1, 1]);
  // V1.13 added fields: openapi-topics-v117.test.mjs checks them
  assert.deepEqual(Object.keys(d.list[0]).sort(), ['approveReason', 'createTime', 'firstIsApproved', 'icon', 'isApproved', 'isOpen', 'nickName', 'topicCode', 'topicId', 'topicName', 'topicType', 'topicUserCount']);
  assert.deepEqual([d.list[0].topicId, d.list[0].topicCode, d.list[0].topicName, d.list[0].nickName], [id, 'ops', '运维', 'owner']);
  err(await open(srv, owner.key, 'POST', 'topic/list', { body: { params: { topicType: 7 } } }), 999);

  let det = ok(await open(srv, owner.key, 'GET', 'topic/detail', { query: { topicId: id } }));
  const V113 = { icon: '', appId: '', topicType: 0, price: 0, topicDescribe: '', userNickName: 'owner', isApproved: 2, firstIsApproved: 2, approveReason: '', isOpen: 0 };
  assert.match(det.qrCodeImgUrl, new RegExp(`/join/p${id}-[0-9a-f]{16}\\.png$`), 'the permanent join link');
  assert.deepEqual(det, { topicId: id, topicName: '运维', topicCode: 'ops', qrCodeImgUrl: det.qrCodeImgUrl, contact: 'ops@x', introduction: '告警群', receiptMessage: '欢迎', nickName: 'owner', createTime: det.createTime, topicUserCount: 0, ...V113 });
  assert.match(det.createTime, DATE_RE);
  err(await open(srv, m1.key, 'GET', 'topic/detail', { query: { topicId: id } }), 805);
  err(await open(srv, owner.key, 'GET', 'topic/detail', { query: { topicId: 999999 } }), 999);
  err(await open(srv, owner.key, 'GET', 'topic/detail'), 999);

  const qr = ok(await open(srv, owner.key, 'GET', 'topic/qrCode', { query: { topicId: id, second: 99999999 } }));
  assert.equal(qr.forever, 0);
  assert.match(qr.qrCodeImgUrl, /\/join\/[0-9a-f]{32}\.png$/);
  const img = await request(qr.qrCodeImgUrl);
  assert.equal(img.status, 200);
  assert.equal(img.headers['content-type'], 'image/png');
  const svg = await request(qr.qrCodeImgUrl.replace(/\.png$/, '.svg'));
  assert.match(svg.headers['content-type'], /image\/svg\+xml/);
  assert.match(svg.text, /<svg/);
  err(await open(srv, m1.key, 'GET', 'topic/qrCode', { query: { topicId: id } }), 805);

  let page = await join(qr.qrCodeImgUrl, m1.token);
  assert.equal(page.status, 200);
  assert.match(page.text, /已加入群组/);
  assert.match(page.text, /欢迎/);
  const cb = await sink.waitForRequest((r) => r.json && r.json.event === 'add_topic_user', 10000, 'add_topic_user');
  assert.equal(cb.json.topicUserInfo.openId, m1.uid);
  assert.equal(cb.json.topicUserInfo.topicId, id);
  page = await join(qr.qrCodeImgUrl, m1.token);
  assert.match(page.text, /你已在群组/);
  await join(qr.qrCodeImgUrl, m2.token);
  // a link preview or scanner opening the link joins nobody
  const look = await request(qr.qrCodeImgUrl.replace(/\.png$/, ''));
  assert.equal(look.status, 200);
  assert.ok(!(look.headers['set-cookie'] || []).some((c) => !c.startsWith('feige_csrf=')), 'no session, nobody');
  assert.match(look.text, /<form method="post" action="\/join\/[0-9a-f]{32}">/);
  assert.match(look.text, /加入 \(join\)/);
  assert.equal((await request(qr.qrCodeImgUrl.replace(/\.png$/, ''), { method: 'PUT' })).status, 405);
  const anon = await join(qr.qrCodeImgUrl);
  assert.equal(anon.status, 200);
  assert.match(anon.headers['set-cookie'][0], /^feige_session=[0-9a-f]{32};/);
  assert.ok(!anon.headers['set-cookie'].join().includes('feige_token'), 'the token is in no cookie');

  det = ok(await open(srv, owner.key, 'GET', 'topic/detail', { query: { topicId: id } }));
  assert.equal(det.topicUserCount, 3);
  await srv.cli(['user', 'email', m1.uid, 'member1@example.com']);
  d = ok(await open(srv, owner.key, 'POST', 'topicUser/subscriberList', { body: { current: 1, pageSize: 2, params: { topicId: id } } }));
  assert.deepEqual([d.total, d.pages, d.pageSize, d.list.length], [3, 2, 2, 2]);
  assert.deepEqual(d.list.map((x) => x.emailStatus), [2, 0], 'emailStatus 2 where the person has an address');
  assert.deepEqual(Object.keys(d.list[0]).sort(), ['emailStatus', 'followTime', 'havePhone', 'headImgUrl', 'id', 'isFollow', 'nickName', 'openId', 'remark', 'userSex']);
  assert.equal(d.list[0].openId, m1.uid);
  assert.equal(d.list[0].nickName, 'member1');
  assert.match(d.list[0].followTime, DATE_RE);
  err(await open(srv, m1.key, 'POST', 'topicUser/subscriberList', { body: { params: { topicId: id } } }), 805);
  err(await open(srv, owner.key, 'POST', 'topicUser/subscriberList', { body: { params: {} } }), 999);

  // the members get group messages
  const sc = expectOk(await send(srv.base, { token: owner.token, topic: 'ops', content: 'to the group' }));
  await srv.waitStatus(sc, [2]);
  assert.ok((await srv.inbox(m1.token)).some((x) => x.shortCode === sc));

  // the member's view
  d = ok(await open(srv, m1.key, 'POST', 'topic/list', { body: { params: { topicType: 1 } } }));
  assert.deepEqual(d.list.map((x) => x.topicId), [id]);
  const jd = ok(await open(srv, m1.key, 'GET', 'topic/joinTopicDetail', { query: { topicId: id } }));
  assert.deepEqual([jd.topicId, jd.topicCode, jd.topicName, jd.contact, jd.introduction, jd.nickName], [id, 'ops', '运维', 'ops@x', '告警群', 'owner']);
  assert.match(jd.createTime, DATE_RE);
  err(await open(srv, owner.key, 'GET', 'topic/joinTopicDetail', { query: { topicId: id } }), 999);
  assert.equal(ok(await open(srv, m1.key, 'GET', 'topic/exitTopic', { query: { topicId: id } })), '退订成功');
  err(await open(srv, m1.key, 'GET', 'topic/exitTopic', { query: { topicId: id } }), 999);
  d = ok(await open(srv, m1.key, 'POST', 'topic/list', { body: { params: { topicType: 1 } } }));
  assert.equal(d.total, 0);

  // the owner removes member2
  d = ok(await open(srv, owner.key, 'POST', 'topicUser/subscriberList', { body: { params: { topicId: id } } }));
  const rel = d.list.find((x) => x.openId === m2.uid).id;
  err(await open(srv, m2.key, 'POST', 'topicUser/deleteTopicUser', { query: { topicRelationId: rel } }), 805);
  assert.equal(ok(await open(srv, owner.key, 'POST', 'topicUser/deleteTopicUser', { query: { topicRelationId: rel } })), '删除成功');
  err(await open(srv, owner.key, 'POST', 'topicUser/deleteTopicUser', { query: { topicRelationId: rel } }), 999);
  d = ok(await open(srv, owner.key, 'POST', 'topicUser/subscriberList', { body: { params: { topicId: id } } }));
  assert.equal(d.total, 1);
});

S.test('a join link expires after `second`; unknown links are 404', async (t, srv) => {
  const owner = await user(srv, 'short');
  const id = ok(await open(srv, owner.key, 'POST', 'topic/add', { body: { topicCode: 'brief', topicName: 'brief', contact: 'c', introduction: 'i' } }), '执行成功');
  const qr = ok(await open(srv, owner.key, 'GET', 'topic/qrCode', { query: { topicId: id, second: 1 } }));
  await sleep(1200);
  assert.equal((await join(qr.qrCodeImgUrl)).status, 404);
  assert.equal((await request(qr.qrCodeImgUrl)).status, 404);
  const nf = await request(srv.base + '/join/' + 'a'.repeat(32));
  assert.equal(nf.status, 404);
  err(await open(srv, owner.key, 'GET', 'topic/qrCode', { query: { topicId: id, second: 'soon' } }), 999);
});

S.test('friend/getQrCode, list, editRemark, deleteFriend; friend tokens work in `to`', async (t, srv) => {
  const sink = await startSink();
  t.after(() => sink.close());
  const owner = await user(srv, 'fowner');
  await srv.cli(['user', 'callback', owner.uid, sink.url('/f')]);
  const fr = await user(srv, 'buddy');
  const qr = ok(await open(srv, owner.key, 'GET', 'friend/getQrCode', { query: { content: 'x' } }), '执行成功');
  assert.deepEqual(Object.keys(qr), ['qrCodeImgUrl']);
  const self = await join(qr.qrCodeImgUrl, owner.token);
  assert.match(self.text, /你自己/);
  const page = await join(qr.qrCodeImgUrl, fr.token);
  assert.match(page.text, /已成为好友/);
  const cb = await sink.waitForRequest((r) => r.json && r.json.event === 'add_friend', 10000, 'add_friend');
  assert.equal(cb.json.friendInfo.nickName, 'buddy');

  let d = ok(await open(srv, owner.key, 'POST', 'friend/list', { body: { current: 1, pageSize: 20 } }), '执行成功');
  assert.deepEqual([d.total, d.pages, d.list.length], [1, 1, 1]);
  const f = d.list[0];
  assert.deepEqual(Object.keys(f).sort(), ['createTime', 'emailStatus', 'friendId', 'havePhone', 'headImgUrl', 'id', 'isFollow', 'nickName', 'remark', 'token']);
  assert.equal(f.nickName, 'buddy');
  assert.equal(f.emailStatus, 0);
  assert.equal(f.token, cb.json.friendInfo.token);
  assert.match(f.createTime, DATE_RE);

  const sc = expectOk(await send(srv.base, { token: owner.token, to: f.token, content: 'hi friend' }));
  await srv.waitStatus(sc, [2]);
  assert.ok((await srv.inbox(fr.token)).some((x) => x.shortCode === sc));

  assert.equal(ok(await open(srv, owner.key, 'POST', 'friend/editRemark', { body: { id: f.id, remark: '老王' } }), '执行成功'), null);
  d = ok(await open(srv, owner.key, 'POST', 'friend/list', { body: {} }), '执行成功');
  assert.equal(d.list[0].remark, '老王');
  err(await open(srv, fr.key, 'POST', 'friend/editRemark', { body: { id: f.id, remark: 'mine' } }), 999);
  err(await open(srv, owner.key, 'POST', 'friend/editRemark', { body: { id: f.id } }), 999);
  err(await open(srv, owner.key, 'GET', 'friend/deleteFriend', { query: { friendId: 987654 } }), 999);
  assert.equal(ok(await open(srv, owner.key, 'GET', 'friend/deleteFriend', { query: { friendId: f.friendId } }), '执行成功'), null);
  d = ok(await open(srv, owner.key, 'POST', 'friend/list', { body: {} }), '执行成功');
  assert.equal(d.total, 0);
  expectErr(await send(srv.base, { token: owner.token, to: f.token, content: 'gone' }), 999);
});
