// pushplus open API V1.8-V1.16 for groups and friends (pushplus-today.md
// §2.5, §2.6, §2.11): topic/editTopic, delete, isOpen and the V1.13 fields;
// topicUser/editRemark and the subscriber blacklist; the friend blacklist;
// QR `second` and `scanCount`. Calls go as the official SDKs send them:
// JSON bodies, or POST with the ids in the query and an empty body.
import assert from 'node:assert/strict';
import { suite } from './lib/feige.mjs';
import { request, send, expectOk } from './lib/http.mjs';
import { startSink } from './lib/sink.mjs';
import { openUser, joinLink, open, ok, err, DATE_RE } from './lib/open.mjs';

const S = suite();

const user = openUser;

const page = (url) => url.replace(/\.(svg|png)$/, '');

const join = joinLink;

/** POST the join link straight away (what the button does), skipping the page. */
async function joinPost(url, token) {
  const u = new URL(page(url));
  u.searchParams.set('token', token);
  return request(u.toString(), { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: '' });
}

/** The raw reply text of a call (exact envelope bytes). */
async function raw(srv, key, method, path, query) {
  const q = query ? '?' + new URLSearchParams(query).toString() : '';
  const r = await request(`${srv.base}/api/open/${path}${q}`, { method, headers: { 'access-key': key } });
  assert.equal(r.status, 200, r.text);
  return r.text;
}

const DONE_NULL = '{"code":200,"msg":"执行成功","data":null}';

async function addTopic(srv, u, code, extra = {}) {
  return ok(await open(srv, u.key, 'POST', 'topic/add', { body: { topicCode: code, topicName: code + '群', contact: 'c', introduction: 'i', ...extra } }), '执行成功');
}

async function members(srv, u, id) {
  return ok(await open(srv, u.key, 'POST', 'topicUser/subscriberList', { body: { params: { topicId: id } } }));
}

S.test('topic/add V1.13 fields; list, detail and joinTopicDetail show them; points topics refused', async (t, srv) => {
  const owner = await user(srv, 'owner13');
  const m = await user(srv, 'member13');
  const id = await addTopic(srv, owner, 'pub', { icon: 'https://img.example/i.png', topicType: 2, price: '12.5', topicDescribe: '公开群' });
  err(await open(srv, owner.key, 'POST', 'topic/add', { body: { topicCode: 'pts', topicName: 'p', contact: 'c', introduction: 'i', topicType: 1, price: 100 } }), 999);
  assert.match(err(await open(srv, owner.key, 'POST', 'topic/add', { body: { topicCode: 'pts', topicName: 'p', contact: 'c', introduction: 'i', topicType: 1 } }), 999), /积分/);
  err(await open(srv, owner.key, 'POST', 'topic/add', { body: { topicCode: 'bad', topicName: 'p', contact: 'c', introduction: 'i', topicType: 5 } }), 999);
  err(await open(srv, owner.key, 'POST', 'topic/add', { body: { topicCode: 'bad', topicName: 'p', contact: 'c', introduction: 'i', price: 'cheap' } }), 999);
  err(await open(srv, owner.key, 'POST', 'topic/add', { body: { topicCode: 'bad', topicName: 'p', contact: 'c', introduction: 'i', price: -1 } }), 999);
  // contact and introduction are required at add
  err(await open(srv, owner.key, 'POST', 'topic/add', { body: { topicCode: 'bad', topicName: 'p', introduction: 'i' } }), 999);
  const plain = await addTopic(srv, owner, 'plain');

  const list = ok(await open(srv, owner.key, 'POST', 'topic/list', { body: { params: { topicType: 0 } } }));
  assert.equal(list.total, 2);
  const item = list.list.find((x) => x.topicId === id);
  assert.deepEqual(
    { icon: item.icon, topicUserCount: item.topicUserCount, topicType: item.topicType, isApproved: item.isApproved, firstIsApproved: item.firstIsApproved, approveReason: item.approveReason, isOpen: item.isOpen },
    { icon: 'https://img.example/i.png', topicUserCount: 0, topicType: 2, isApproved: 2, firstIsApproved: 2, approveReason: '', isOpen: 0 },
  );
  assert.equal(list.list.find((x) => x.topicId === plain).topicType, 0);

  const det = ok(await open(srv, owner.key, 'GET', 'topic/detail', { query: { topicId: id } }));
  assert.deepEqual(
    [det.icon, det.appId, det.topicType, det.price, det.topicDescribe, det.userNickName, det.isApproved, det.firstIsApproved, det.approveReason, det.isOpen],
    ['https://img.example/i.png', '', 2, 12.5, '公开群', 'owner13', 2, 2, '', 0],
  );
  assert.equal(typeof det.topicUserCount, 'number');

  const qr = ok(await open(srv, owner.key, 'GET', 'topic/qrCode', { query: { topicId: id } }));
  assert.equal((await join(qr.qrCodeImgUrl, m.token)).status, 200);
  const jd = ok(await open(srv, m.key, 'GET', 'topic/joinTopicDetail', { query: { topicId: id } }));
  assert.deepEqual(
    [jd.icon, jd.topicUserCount, jd.topicType, jd.price, jd.topicDescribe, jd.userNickName],
    ['https://img.example/i.png', 1, 2, 12.5, '公开群', 'owner13'],
  );
  assert.match(jd.createTime, DATE_RE);
  const joined = ok(await open(srv, m.key, 'POST', 'topic/list', { body: { params: { topicType: 1 } } }));
  assert.equal(joined.list[0].topicUserCount, 1);
});

S.test('topic/editTopic and topic/isOpen: id field `topic`, msgs, kept fields, owner only', async (t, srv) => {
  const owner = await user(srv, 'editor');
  const other = await user(srv, 'stranger');
  const id = await addTopic(srv, owner, 'ed', { receiptMessage: '欢迎', icon: 'a.png' });
  await addTopic(srv, owner, 'taken');

  const body = { topic: id, topicCode: 'ed2', topicName: '新名字', contact: 'new@x', price: 3, topicDescribe: 'd' };
  assert.equal(ok(await open(srv, owner.key, 'POST', 'topic/editTopic', { body }), '执行成功'), '修改成功');
  let det = ok(await open(srv, owner.key, 'GET', 'topic/detail', { query: { topicId: id } }));
  assert.deepEqual(
    [det.topicCode, det.topicName, det.contact, det.introduction, det.receiptMessage, det.icon, det.price, det.topicDescribe],
    ['ed2', '新名字', 'new@x', 'i', '欢迎', 'a.png', 3, 'd'],
    'given fields replaced, the others kept',
  );
  // the id as a digit string; "" is "not set" (compat.md §3) and keeps the field
  assert.equal(ok(await open(srv, owner.key, 'POST', 'topic/editTopic', { body: { topic: String(id), topicCode: 'ed2', topicName: 'n', receiptMessage: '', icon: 'b.png' } }), '执行成功'), '修改成功');
  det = ok(await open(srv, owner.key, 'GET', 'topic/detail', { query: { topicId: id } }));
  assert.deepEqual([det.topicName, det.receiptMessage, det.icon], ['n', '欢迎', 'b.png']);
  // the new code works for /send, the old one is free
  expectOk(await send(srv.base, { token: owner.token, topic: 'ed2', content: 'x' }));

  // topicId is not the name of the id field
  assert.match(err(await open(srv, owner.key, 'POST', 'topic/editTopic', { body: { topicId: id, topicCode: 'ed2', topicName: 'n' } }), 999), /topic/);
  err(await open(srv, owner.key, 'POST', 'topic/editTopic', { body: { topic: id, topicName: 'n' } }), 999);
  assert.match(err(await open(srv, owner.key, 'POST', 'topic/editTopic', { body: { topic: id, topicCode: 'taken', topicName: 'n' } }), 999), /topicCode/);
  err(await open(srv, other.key, 'POST', 'topic/editTopic', { body: { topic: id, topicCode: 'mine', topicName: 'n' } }), 805);
  err(await open(srv, owner.key, 'POST', 'topic/editTopic', { body: { topic: 999999, topicCode: 'x', topicName: 'n' } }), 999);

  assert.equal(ok(await open(srv, owner.key, 'POST', 'topic/isOpen', { body: { topic: id, isOpen: 1 } })), '操作成功');
  det = ok(await open(srv, owner.key, 'GET', 'topic/detail', { query: { topicId: id } }));
  assert.equal(det.isOpen, 1);
  const l = ok(await open(srv, owner.key, 'POST', 'topic/list', { body: {} }));
  assert.equal(l.list.find((x) => x.topicId === id).isOpen, 1);
  assert.equal(ok(await open(srv, owner.key, 'POST', 'topic/isOpen', { body: { topic: id, isOpen: '0' } })), '操作成功');
  err(await open(srv, owner.key, 'POST', 'topic/isOpen', { body: { topic: id, isOpen: 2 } }), 999);
  err(await open(srv, owner.key, 'POST', 'topic/isOpen', { body: { topic: id } }), 999);
  err(await open(srv, other.key, 'POST', 'topic/isOpen', { body: { topic: id, isOpen: 1 } }), 805);
});

S.test('topic/delete removes the group, its subscriptions and QR codes; sent messages stay readable', async (t, srv) => {
  const owner = await user(srv, 'deleter');
  const other = await user(srv, 'notmine');
  const m = await user(srv, 'sub');
  const id = await addTopic(srv, owner, 'gone');
  const qr = ok(await open(srv, owner.key, 'GET', 'topic/qrCode', { query: { topicId: id } }));
  assert.equal((await join(qr.qrCodeImgUrl, m.token)).status, 200);
  const sc = expectOk(await send(srv.base, { token: owner.token, topic: 'gone', content: 'before the delete' }));
  await srv.waitStatus(sc, [2]);

  err(await open(srv, other.key, 'GET', 'topic/delete', { query: { topicId: id } }), 805);
  err(await open(srv, owner.key, 'GET', 'topic/delete'), 999);
  assert.equal(await raw(srv, owner.key, 'GET', 'topic/delete', { topicId: id }), '{"code":200,"msg":"请求成功","data":"群组删除成功"}');

  err(await open(srv, owner.key, 'GET', 'topic/detail', { query: { topicId: id } }), 999);
  err(await open(srv, owner.key, 'GET', 'topic/delete', { query: { topicId: id } }), 999);
  assert.equal(ok(await open(srv, owner.key, 'POST', 'topic/list', { body: {} })).total, 0);
  assert.equal(ok(await open(srv, m.key, 'POST', 'topic/list', { body: { params: { topicType: 1 } } })).total, 0, 'the subscription is gone');
  assert.equal((await join(qr.qrCodeImgUrl, m.token)).status, 404, 'its join link is gone');
  assert.equal((await request(qr.qrCodeImgUrl)).status, 404, 'and its QR code');
  // the code is free again and /send no longer reaches the old members
  assert.equal((await send(srv.base, { token: owner.token, topic: 'gone', content: 'after' })).json.code, 999);
  // what was sent stays in the member's inbox
  assert.ok((await srv.inbox(m.token)).some((x) => x.shortCode === sc));
  const again = await addTopic(srv, owner, 'gone');
  assert.ok(again > id, 'a deleted group\'s id is not given again');
  assert.equal(ok(await open(srv, owner.key, 'GET', 'topic/detail', { query: { topicId: again } })).topicUserCount, 0);
});

S.test('topicUser/editRemark: 执行成功 and no data; 20 characters; owner only', async (t, srv) => {
  const owner = await user(srv, 'remarker');
  const other = await user(srv, 'other2');
  const m = await user(srv, 'remarked');
  const id = await addTopic(srv, owner, 'rm');
  const qr = ok(await open(srv, owner.key, 'GET', 'topic/qrCode', { query: { topicId: id } }));
  await join(qr.qrCodeImgUrl, m.token);
  const rel = (await members(srv, owner, id)).list[0].id;

  const r = await open(srv, owner.key, 'POST', 'topicUser/editRemark', { body: { id: rel, remark: '二十个字以内的备注' } });
  assert.deepEqual(r, { code: 200, msg: '执行成功', data: null });
  assert.equal((await members(srv, owner, id)).list[0].remark, '二十个字以内的备注');
  ok(await open(srv, owner.key, 'POST', 'topicUser/editRemark', { body: { id: rel, remark: '字'.repeat(20) } }), '执行成功');
  assert.match(err(await open(srv, owner.key, 'POST', 'topicUser/editRemark', { body: { id: rel, remark: '字'.repeat(21) } }), 999), /20/);
  err(await open(srv, owner.key, 'POST', 'topicUser/editRemark', { body: { id: rel } }), 999);
  err(await open(srv, owner.key, 'POST', 'topicUser/editRemark', { body: { remark: 'x' } }), 999);
  err(await open(srv, owner.key, 'POST', 'topicUser/editRemark', { body: { id: 987654, remark: 'x' } }), 999);
  err(await open(srv, other.key, 'POST', 'topicUser/editRemark', { body: { id: rel, remark: 'x' } }), 805);
  // remark is required ("" is not set, as for friend/editRemark)
  err(await open(srv, owner.key, 'POST', 'topicUser/editRemark', { body: { id: rel, remark: '' } }), 999);
  assert.equal((await members(srv, owner, id)).list[0].remark, '字'.repeat(20));
});

S.test('topicUser blacklist: removes the subscriber, stops rejoining through the real join flow, removal does not re-subscribe', async (t, srv) => {
  const sink = await startSink();
  t.after(() => sink.close());
  const owner = await user(srv, 'bouncer');
  await srv.cli(['user', 'callback', owner.uid, sink.url('/cb')]);
  const other = await user(srv, 'nosy');
  const m = await user(srv, 'troll');
  const id = await addTopic(srv, owner, 'club');
  const qr = ok(await open(srv, owner.key, 'GET', 'topic/qrCode', { query: { topicId: id } }));
  await join(qr.qrCodeImgUrl, m.token);
  await join(qr.qrCodeImgUrl, owner.token);	// the owner subscribes to their own group
  const subs = (await members(srv, owner, id)).list;
  const rel = subs.find((x) => x.openId === m.uid).id;
  const selfRel = subs.find((x) => x.openId === owner.uid).id;

  // wrong callers and wrong ids
  err(await open(srv, other.key, 'POST', 'topicUser/addBlacklist', { query: { topicRelationId: rel } }), 805);
  err(await open(srv, owner.key, 'POST', 'topicUser/addBlacklist', { query: { topicRelationId: 987654 } }), 999);
  err(await open(srv, owner.key, 'POST', 'topicUser/addBlacklist'), 999);
  assert.match(err(await open(srv, owner.key, 'POST', 'topicUser/addBlacklist', { query: { topicRelationId: selfRel } }), 999), /自己/);

  // as the SDKs send it: POST, query, empty body
  assert.equal(await raw(srv, owner.key, 'POST', 'topicUser/addBlacklist', { topicRelationId: rel }), DONE_NULL);
  let s = await members(srv, owner, id);
  assert.deepEqual(s.list.map((x) => x.openId), [owner.uid], 'the subscriber is gone');
  assert.equal(ok(await open(srv, m.key, 'POST', 'topic/list', { body: { params: { topicType: 1 } } })).total, 0);

  let bl = ok(await open(srv, owner.key, 'POST', 'topicUser/blacklistList', { body: { current: 1, pageSize: 10, params: { topicId: id } } }));
  assert.deepEqual([bl.total, bl.pages, bl.list.length], [1, 1, 1]);
  const e = bl.list[0];
  assert.deepEqual(Object.keys(e).sort(), ['createTime', 'headImgUrl', 'id', 'nickName', 'openId', 'userId']);
  assert.deepEqual([e.nickName, e.openId, typeof e.id, typeof e.userId], ['troll', m.uid, 'number', 'number']);
  assert.match(e.createTime, DATE_RE);
  err(await open(srv, other.key, 'POST', 'topicUser/blacklistList', { body: { params: { topicId: id } } }), 805);
  err(await open(srv, owner.key, 'POST', 'topicUser/blacklistList', { body: { params: {} } }), 999);

  // the join page refuses the blacklisted person, on the GET and on the POST
  const look = await request(page(qr.qrCodeImgUrl) + '?token=' + m.token);
  assert.equal(look.status, 403);
  assert.match(look.text, /黑名单/);
  assert.doesNotMatch(look.text, /<form method="post"/);
  const post = await joinPost(qr.qrCodeImgUrl, m.token);
  assert.equal(post.status, 403);
  assert.match(post.text, /黑名单/);
  // also through a fresh link, and the CLI's join
  const qr2 = ok(await open(srv, owner.key, 'GET', 'topic/qrCode', { query: { topicId: id } }));
  assert.equal((await joinPost(qr2.qrCodeImgUrl, m.token)).status, 403);
  const cliJoin = await srv.cli(['group', 'join', 'club', m.uid], { raw: true });
  assert.notEqual(cliJoin.code, 0);
  assert.match(cliJoin.stderr, /blacklist/);
  assert.equal((await members(srv, owner, id)).total, 1);
  // nobody else is turned away
  const newcomer = await user(srv, 'newcomer');
  assert.match((await join(qr.qrCodeImgUrl, newcomer.token)).text, /已加入群组/);

  // removal: wrong kinds of id, other owners, then the record id
  err(await open(srv, owner.key, 'POST', 'topicUser/removeBlacklist', { query: { id: 987654 } }), 999);
  err(await open(srv, other.key, 'POST', 'topicUser/removeBlacklist', { query: { id: e.id } }), 805);
  err(await open(srv, owner.key, 'POST', 'friend/removeBlacklist', { query: { id: e.id } }), 999);
  assert.equal(await raw(srv, owner.key, 'POST', 'topicUser/removeBlacklist', { id: e.id }), DONE_NULL);
  err(await open(srv, owner.key, 'POST', 'topicUser/removeBlacklist', { query: { id: e.id } }), 999);
  bl = ok(await open(srv, owner.key, 'POST', 'topicUser/blacklistList', { body: { params: { topicId: id } } }));
  assert.equal(bl.total, 0);
  s = await members(srv, owner, id);
  assert.ok(!s.list.some((x) => x.openId === m.uid), 'removal does not re-subscribe');
  // ... but they may join again
  assert.match((await join(qr.qrCodeImgUrl, m.token)).text, /已加入群组/);
  assert.ok((await members(srv, owner, id)).list.some((x) => x.openId === m.uid));
});

S.test('friend blacklist: ends the friendship both ways, stops re-adding through friend links, list and removal', async (t, srv) => {
  const a = await user(srv, 'alice');
  const b = await user(srv, 'bob');
  const c = await user(srv, 'carol');
  const qa = ok(await open(srv, a.key, 'GET', 'friend/getQrCode', {}), '执行成功');
  const qb = ok(await open(srv, b.key, 'GET', 'friend/getQrCode', {}), '执行成功');
  assert.match((await join(qa.qrCodeImgUrl, b.token)).text, /已成为好友/);	// b is a's friend
  assert.match((await join(qb.qrCodeImgUrl, a.token)).text, /已成为好友/);	// a is b's friend
  let fl = ok(await open(srv, a.key, 'POST', 'friend/list', { body: {} }), '执行成功');
  const fb = fl.list[0];

  err(await open(srv, a.key, 'POST', 'friend/addBlacklist', { query: { friendId: 987654 } }), 999);
  assert.match(err(await open(srv, a.key, 'POST', 'friend/addBlacklist', { query: { friendId: 0 } }), 999), /friendId/);
  err(await open(srv, a.key, 'POST', 'friend/addBlacklist'), 999);
  // the friend list's id (the friendship) is not the friendId
  if (fb.id !== fb.friendId) err(await open(srv, a.key, 'POST', 'friend/addBlacklist', { query: { friendId: fb.id + 1000 } }), 999);
  err(await open(srv, c.key, 'POST', 'friend/addBlacklist', { query: { friendId: fb.friendId } }), 999);

  assert.equal(await raw(srv, a.key, 'POST', 'friend/addBlacklist', { friendId: fb.friendId }), DONE_NULL);
  assert.equal(ok(await open(srv, a.key, 'POST', 'friend/list', { body: {} }), '执行成功').total, 0);
  assert.equal(ok(await open(srv, b.key, 'POST', 'friend/list', { body: {} }), '执行成功').total, 0, 'both ways');
  expectErrCode(await send(srv.base, { token: a.token, to: fb.token, content: 'x' }), 999);

  const bl = ok(await open(srv, a.key, 'POST', 'friend/blacklistList', { body: { current: 1, pageSize: 20 } }), '执行成功');
  assert.deepEqual([bl.total, bl.pages, bl.list.length], [1, 1, 1]);
  const e = bl.list[0];
  assert.deepEqual(Object.keys(e).sort(), ['createTime', 'friendId', 'headImgUrl', 'id', 'nickName']);
  assert.deepEqual([e.friendId, e.nickName], [fb.friendId, 'bob']);
  assert.match(e.createTime, DATE_RE);
  assert.equal(ok(await open(srv, b.key, 'POST', 'friend/blacklistList', { body: {} }), '执行成功').total, 0);

  // b cannot add a again through a's link (GET and POST), nor a add b through b's
  const look = await request(page(qa.qrCodeImgUrl) + '?token=' + b.token);
  assert.equal(look.status, 403);
  assert.match(look.text, /黑名单/);
  assert.equal((await joinPost(qa.qrCodeImgUrl, b.token)).status, 403);
  assert.equal((await joinPost(qb.qrCodeImgUrl, a.token)).status, 403);
  const cliAdd = await srv.cli(['friend', 'add', a.uid, b.uid], { raw: true });
  assert.notEqual(cliAdd.code, 0);
  // a friend already blacklisted cannot be blacklisted again: not a friend
  err(await open(srv, a.key, 'POST', 'friend/addBlacklist', { query: { friendId: fb.friendId } }), 999);
  // others still can befriend a
  assert.match((await join(qa.qrCodeImgUrl, c.token)).text, /已成为好友/);

  // removal: other user's record, the topic kind, then the record id
  err(await open(srv, b.key, 'POST', 'friend/removeBlacklist', { query: { id: e.id } }), 999);
  err(await open(srv, a.key, 'POST', 'topicUser/removeBlacklist', { query: { id: e.id } }), 999);
  err(await open(srv, a.key, 'POST', 'friend/removeBlacklist', { query: { id: 987654 } }), 999);
  assert.equal(await raw(srv, a.key, 'POST', 'friend/removeBlacklist', { id: e.id }), DONE_NULL);
  fl = ok(await open(srv, a.key, 'POST', 'friend/list', { body: {} }), '执行成功');
  assert.ok(!fl.list.some((x) => x.friendId === fb.friendId), 'removal does not restore the friendship');
  assert.match((await join(qa.qrCodeImgUrl, b.token)).text, /已成为好友/, 'but b may add a again');
});

S.test('friend/addBlacklist: not yourself', async (t, srv) => {
  const a = await user(srv, 'solo');
  // the caller's own user number, found through a friendship seen from the other side
  const b = await user(srv, 'mirror');
  const qb = ok(await open(srv, b.key, 'GET', 'friend/getQrCode', {}), '执行成功');
  await join(qb.qrCodeImgUrl, a.token);
  const selfId = ok(await open(srv, b.key, 'POST', 'friend/list', { body: {} }), '执行成功').list[0].friendId;
  assert.match(err(await open(srv, a.key, 'POST', 'friend/addBlacklist', { query: { friendId: selfId } }), 999), /自己/);
});

S.test('QR scanCount: a link stops after that many successful scans; second default, clamp and refusals', async (t, srv) => {
  const owner = await user(srv, 'counter');
  const id = await addTopic(srv, owner, 'few');
  const people = [];
  for (let i = 0; i < 3; i++) people.push(await user(srv, 'p' + i));

  const qr = ok(await open(srv, owner.key, 'GET', 'topic/qrCode', { query: { topicId: id, scanCount: 2 } }));
  assert.deepEqual(Object.keys(qr).sort(), ['forever', 'qrCodeImgUrl']);
  assert.match((await join(qr.qrCodeImgUrl, people[0].token)).text, /已加入群组/);
  // a repeat is not a successful scan
  assert.match((await join(qr.qrCodeImgUrl, people[0].token)).text, /你已在群组/);
  assert.match((await join(qr.qrCodeImgUrl, people[1].token)).text, /已加入群组/);
  const look = await request(page(qr.qrCodeImgUrl) + '?token=' + people[2].token);
  assert.equal(look.status, 410);
  assert.match(look.text, /扫码次数已用完/);
  const post = await joinPost(qr.qrCodeImgUrl, people[2].token);
  assert.equal(post.status, 410);
  assert.match(post.text, /扫码次数已用完/);
  assert.equal((await members(srv, owner, id)).total, 2);
  // an unlimited link (default) still works
  const free = ok(await open(srv, owner.key, 'GET', 'topic/qrCode', { query: { topicId: id, scanCount: -1 } }));
  assert.match((await join(free.qrCodeImgUrl, people[2].token)).text, /已加入群组/);

  for (const bad of [0, 1000, -2, 'many']) {
    assert.match(err(await open(srv, owner.key, 'GET', 'topic/qrCode', { query: { topicId: id, scanCount: bad } }), 999), /scanCount/);
    assert.match(err(await open(srv, owner.key, 'GET', 'friend/getQrCode', { query: { scanCount: bad } }), 999), /scanCount/);
  }
  for (const bad of [0, -7, 'soon']) {
    assert.match(err(await open(srv, owner.key, 'GET', 'topic/qrCode', { query: { topicId: id, second: bad } }), 999), /second/);
    assert.match(err(await open(srv, owner.key, 'GET', 'friend/getQrCode', { query: { second: bad } }), 999), /second/);
  }
  // above 30 days is cut to 30 days; 999 is accepted
  ok(await open(srv, owner.key, 'GET', 'topic/qrCode', { query: { topicId: id, second: 99999999, scanCount: 999 } }));

  // friend links count new friendships; the owner's own scan does not count
  const fq = ok(await open(srv, owner.key, 'GET', 'friend/getQrCode', { query: { second: 3600, scanCount: 1, content: 'once' } }), '执行成功');
  assert.deepEqual(Object.keys(fq), ['qrCodeImgUrl']);
  assert.match((await join(fq.qrCodeImgUrl, owner.token)).text, /你自己/);
  assert.match((await join(fq.qrCodeImgUrl, people[0].token)).text, /已成为好友/);
  assert.equal((await joinPost(fq.qrCodeImgUrl, people[1].token)).status, 410);
  assert.equal(ok(await open(srv, owner.key, 'POST', 'friend/list', { body: {} }), '执行成功').total, 1);
});

function expectErrCode(res, code) {
  assert.equal(res.json && res.json.code, code, res.text);
}

S.test('CLI: group delete, group and friend blacklist / unblacklist (the same operations)', async (t, srv) => {
  const owner = await user(srv, 'cliowner');
  const m = await user(srv, 'climember');
  const id = await addTopic(srv, owner, 'clig');
  await srv.cli(['group', 'join', 'clig', m.uid]);
  const bl = await srv.cli(['group', 'blacklist', 'clig', m.uid]);
  assert.equal(typeof bl.id, 'number');
  assert.equal((await members(srv, owner, id)).total, 0);
  const e = ok(await open(srv, owner.key, 'POST', 'topicUser/blacklistList', { body: { params: { topicId: id } } })).list[0];
  assert.deepEqual([e.id, e.openId], [bl.id, m.uid]);
  assert.notEqual((await srv.cli(['group', 'blacklist', 'clig', m.uid], { raw: true })).code, 0, 'not a member any more');
  await srv.cli(['group', 'unblacklist', 'clig', m.uid]);
  assert.notEqual((await srv.cli(['group', 'unblacklist', 'clig', m.uid], { raw: true })).code, 0);
  assert.equal((await members(srv, owner, id)).total, 0);
  await srv.cli(['group', 'join', 'clig', m.uid]);
  assert.equal((await members(srv, owner, id)).total, 1);

  await srv.cli(['friend', 'add', owner.uid, m.uid]);
  const fb = await srv.cli(['friend', 'blacklist', owner.uid, m.uid]);
  assert.equal(ok(await open(srv, owner.key, 'POST', 'friend/blacklistList', { body: {} }), '执行成功').list[0].id, fb.id);
  assert.notEqual((await srv.cli(['friend', 'add', owner.uid, m.uid], { raw: true })).code, 0);
  await srv.cli(['friend', 'unblacklist', owner.uid, m.uid]);
  assert.equal(ok(await open(srv, owner.key, 'POST', 'friend/list', { body: {} }), '执行成功').total, 0);
  await srv.cli(['friend', 'add', owner.uid, m.uid]);

  const del = await srv.cli(['group', 'delete', 'clig']);
  assert.deepEqual(del, { topicId: id, topicCode: 'clig' });
  err(await open(srv, owner.key, 'GET', 'topic/detail', { query: { topicId: id } }), 999);
  assert.notEqual((await srv.cli(['group', 'delete', 'clig'], { raw: true })).code, 0);
});
