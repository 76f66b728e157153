// WxPusher followers: /api/fun/wxuser (v1) and /v2 with paging and
// filters (empty parameters ignored), remove and reject; the daily
// receive limit (a small wxpusher.daily_max here).
import assert from 'node:assert/strict';
import { suite } from './lib/feige.mjs';
import { wxGet, newApp, followers, sendWx } from './lib/wx.mjs';

const S = suite({ config: { 'wxpusher.daily_max': 3 } });

S.test('v2: one record per follow with every field; paging; filters; empty params ignored', async (t, srv) => {
  const app = await newApp(srv, 'users');
  const topic = await srv.cli(['topic', 'add', String(app.appId), '主题一']);
  const ps = await followers(srv, 3, { app: app.appId, prefix: 'u' });
  await srv.cli(['follow', ps[0].uid, '--topic', String(topic.topicId)]);
  const other = await newApp(srv, 'users-other');
  await followers(srv, 1, { app: other.appId, prefix: 'o' });

  const all = await wxGet(srv.base, '/api/fun/wxuser/v2', { appToken: app.appToken, page: '1', pageSize: '10', uid: '', isBlock: '', type: '' });
  assert.equal(all.code, 1000);
  assert.deepEqual(Object.keys(all.data), ['total', 'page', 'pageSize', 'records']);
  assert.equal(all.data.total, 4);
  assert.equal(all.data.page, 1);
  assert.equal(all.data.pageSize, 10);
  assert.equal(all.data.records.length, 4);
  const r0 = all.data.records[0];
  assert.deepEqual(Object.keys(r0), ['uid', 'appOrTopicId', 'headImg', 'createTime', 'nickName', 'reject', 'id', 'type', 'target', 'payEndTime']);
  assert.equal(r0.uid, ps[0].uid);
  assert.equal(r0.appOrTopicId, app.appId);
  assert.equal(r0.type, 0);
  assert.equal(r0.target, 'users');
  assert.equal(r0.reject, false);
  assert.equal(r0.payEndTime, 0);
  assert.equal(r0.headImg, '');
  assert.equal(r0.nickName, '');
  assert.ok(r0.createTime > 1.6e12);
  const tr = all.data.records.find((r) => r.type === 1);
  assert.equal(tr.appOrTopicId, topic.topicId);
  assert.equal(tr.target, '主题一');
  assert.equal(tr.uid, ps[0].uid);

  const p2 = await wxGet(srv.base, '/api/fun/wxuser/v2', { appToken: app.appToken, page: 2, pageSize: 3 });
  assert.equal(p2.data.total, 4);
  assert.equal(p2.data.records.length, 1);
  const past = await wxGet(srv.base, '/api/fun/wxuser/v2', { appToken: app.appToken, page: 9, pageSize: 3 });
  assert.equal(past.data.records.length, 0);
  assert.equal(past.data.total, 4);

  const byUid = await wxGet(srv.base, '/api/fun/wxuser/v2', { appToken: app.appToken, uid: ps[0].uid });
  assert.equal(byUid.data.total, 2);
  const nobody = await wxGet(srv.base, '/api/fun/wxuser/v2', { appToken: app.appToken, uid: 'UID_nobody' });
  assert.equal(nobody.data.total, 0);
  assert.deepEqual(nobody.data.records, []);
  const topics = await wxGet(srv.base, '/api/fun/wxuser/v2', { appToken: app.appToken, type: 1 });
  assert.equal(topics.data.total, 1);
  const apps = await wxGet(srv.base, '/api/fun/wxuser/v2', { appToken: app.appToken, type: 0 });
  assert.equal(apps.data.total, 3);

  await wxGet(srv.base, '/api/fun/reject', { appToken: app.appToken, id: ps[1].followId, reject: 'true' }, { method: 'PUT' });
  const blocked = await wxGet(srv.base, '/api/fun/wxuser/v2', { appToken: app.appToken, isBlock: 'true' });
  assert.equal(blocked.data.total, 1);
  assert.equal(blocked.data.records[0].uid, ps[1].uid);
  assert.equal(blocked.data.records[0].reject, true);
  const unblocked = await wxGet(srv.base, '/api/fun/wxuser/v2', { appToken: app.appToken, isBlock: 'false' });
  assert.equal(unblocked.data.total, 3);

  const tooBig = await wxGet(srv.base, '/api/fun/wxuser/v2', { appToken: app.appToken, pageSize: 101 });
  assert.equal(tooBig.code, 1001);
  const max = await wxGet(srv.base, '/api/fun/wxuser/v2', { appToken: app.appToken, pageSize: 100 });
  assert.equal(max.code, 1000);
});

S.test('v1: app followers only, with enable', async (t, srv) => {
  const app = await newApp(srv, 'v1');
  const topic = await srv.cli(['topic', 'add', String(app.appId), 't']);
  const ps = await followers(srv, 2, { app: app.appId, prefix: 'v' });
  await followers(srv, 1, { topic: topic.topicId, prefix: 'vt' });
  await wxGet(srv.base, '/api/fun/reject', { appToken: app.appToken, id: ps[1].followId, reject: 'true' }, { method: 'PUT' });
  const r = await wxGet(srv.base, '/api/fun/wxuser', { appToken: app.appToken, page: 1, pageSize: 50 });
  assert.equal(r.code, 1000);
  assert.deepEqual(Object.keys(r.data), ['total', 'page', 'pageSize', 'records']);
  assert.equal(r.data.total, 2);
  assert.deepEqual(Object.keys(r.data.records[0]), ['createTime', 'enable', 'headImg', 'nickName', 'uid']);
  assert.equal(r.data.records[0].enable, true);
  assert.equal(r.data.records[1].enable, false);
  const one = await wxGet(srv.base, '/api/fun/wxuser', { appToken: app.appToken, uid: ps[0].uid });
  assert.equal(one.data.total, 1);
  assert.equal(one.data.records[0].uid, ps[0].uid);
});

S.test('remove: the follow is gone and the person may follow again; other apps refused', async (t, srv) => {
  const app = await newApp(srv, 'rm');
  const other = await newApp(srv, 'rm2');
  const [a] = await followers(srv, 1, { app: app.appId, prefix: 'rm' });
  const refused = await wxGet(srv.base, '/api/fun/remove', { appToken: other.appToken, id: a.followId }, { method: 'DELETE' });
  assert.equal(refused.code, 1001);
  const ok = await wxGet(srv.base, '/api/fun/remove', { appToken: app.appToken, id: a.followId }, { method: 'DELETE' });
  assert.deepEqual(ok, { code: 1000, msg: '处理成功', data: '删除成功', success: true });
  const list = await wxGet(srv.base, '/api/fun/wxuser/v2', { appToken: app.appToken });
  assert.equal(list.data.total, 0);
  const s = await sendWx(srv.base, { appToken: app.appToken, content: 'gone', uids: [a.uid] });
  assert.equal(s.data[0].code, 1001);
  const again = await srv.cli(['follow', a.uid, '--app', String(app.appId)]);
  assert.notEqual(again.id, a.followId);
  const s2 = await sendWx(srv.base, { appToken: app.appToken, content: 'back', uids: [a.uid] });
  assert.equal(s2.data[0].code, 1000);
  const missing = await wxGet(srv.base, '/api/fun/remove', { appToken: app.appToken, id: a.followId }, { method: 'DELETE' });
  assert.equal(missing.code, 1001);
});

S.test('reject: bad values refused; a blocked person cannot follow again', async (t, srv) => {
  const app = await newApp(srv, 'rj');
  const [a] = await followers(srv, 1, { app: app.appId, prefix: 'rj' });
  const bad = await wxGet(srv.base, '/api/fun/reject', { appToken: app.appToken, id: a.followId, reject: 'maybe' }, { method: 'PUT' });
  assert.equal(bad.code, 1001);
  await wxGet(srv.base, '/api/fun/reject', { appToken: app.appToken, id: a.followId, reject: 'true' }, { method: 'PUT' });
  const res = await srv.cli(['follow', a.uid, '--app', String(app.appId)], { raw: true });
  assert.notEqual(res.code, 0);
  assert.match(res.stderr, /blocked/);
});

S.test('daily receive limit per UID (wxpusher.daily_max = 3)', async (t, srv) => {
  const app = await newApp(srv, 'daily');
  const topic = await srv.cli(['topic', 'add', String(app.appId), 'd']);
  const [a, b] = await followers(srv, 2, { app: app.appId, prefix: 'day' });
  await srv.cli(['follow', b.uid, '--topic', String(topic.topicId)]);
  for (let i = 0; i < 3; i++) {
    const r = await sendWx(srv.base, { appToken: app.appToken, content: 'd' + i, uids: [a.uid] });
    assert.equal(r.data[0].code, 1000);
  }
  const over = await sendWx(srv.base, { appToken: app.appToken, content: 'd3', uids: [a.uid, b.uid] });
  assert.equal(over.data[0].code, 1001);
  assert.match(over.data[0].status, /上限/);
  assert.equal(over.data[1].code, 1000);
  // b: follow tip is not counted; d3 was 1, two topic sends reach 3, the next topic send skips b
  await sendWx(srv.base, { appToken: app.appToken, content: 't1', topicIds: [topic.topicId] });
  await sendWx(srv.base, { appToken: app.appToken, content: 't2', topicIds: [topic.topicId] });
  await sendWx(srv.base, { appToken: app.appToken, content: 't3', topicIds: [topic.topicId] });
  const got = (await srv.inbox(b.token)).map((m) => m.content);
  assert.ok(got.includes('t2') && !got.includes('t3'), JSON.stringify(got));
});
