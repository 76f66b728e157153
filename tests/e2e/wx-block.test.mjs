// WxPusher: a block on the app (PUT /api/fun/reject on the person's app
// follow) covers the app's topics: topic sends skip the person, the
// topic follow link and `feige follow --topic` refuse them with the
// "blocked" outcome, and unblocking restores both. The topic follow
// rows keep their own reject flag in the follower listings.
import assert from 'node:assert/strict';
import { suite } from './lib/feige.mjs';
import { request } from './lib/http.mjs';
import { wxGet, newApp, followers, sendWx, followLink } from './lib/wx.mjs';

const S = suite();

async function reject(srv, app, id, on) {
  const r = await wxGet(srv.base, '/api/fun/reject', { appToken: app.appToken, id, reject: String(on) }, { method: 'PUT' });
  assert.deepEqual(r, { code: 1000, msg: '处理成功', data: '删除成功', success: true });
}

async function has(srv, person, content) {
  return (await srv.inbox(person.token)).some((m) => m.content === content);
}

async function follows(srv, app, uid, type) {
  return (await wxGet(srv.base, '/api/fun/wxuser/v2', { appToken: app.appToken, uid, type })).data;
}

S.test('topic sends skip a person blocked on the app; unblocking restores them', async (t, srv) => {
  const app = await newApp(srv, 'cover');
  const topic = await srv.cli(['topic', 'add', String(app.appId), 'news']);
  const [a, b] = await followers(srv, 2, { app: app.appId, prefix: 'cv' });
  for (const p of [a, b]) await srv.cli(['follow', p.uid, '--topic', String(topic.topicId)]);
  await reject(srv, app, a.followId, true);

  const r = await sendWx(srv.base, { appToken: app.appToken, content: 'while blocked', topicIds: [topic.topicId] });
  assert.equal(r.data.length, 1);
  assert.equal(r.data[0].code, 1000);
  assert.ok(!(await has(srv, a, 'while blocked')), 'blocked on the app: no topic message');
  assert.ok(await has(srv, b, 'while blocked'));
  const st = await wxGet(srv.base, '/api/send/query/status', { sendRecordId: r.data[0].sendRecordId });
  assert.equal(st.data, 2);
  // the topic follow row itself is not blocked; the app follow is
  const tf = await follows(srv, app, a.uid, 1);
  assert.equal(tf.total, 1);
  assert.equal(tf.records[0].reject, false);
  assert.equal((await follows(srv, app, a.uid, 0)).records[0].reject, true);

  await reject(srv, app, a.followId, false);
  const r2 = await sendWx(srv.base, { appToken: app.appToken, content: 'after unblock', topicIds: [topic.topicId] });
  assert.equal(r2.data[0].code, 1000);
  assert.ok(await has(srv, a, 'after unblock'));
  assert.ok(await has(srv, b, 'after unblock'));
  assert.ok(!(await has(srv, a, 'while blocked')), 'nothing is replayed');
});

S.test('a person blocked on the app cannot follow its topics (link and CLI); unblocking lets them', async (t, srv) => {
  const app = await newApp(srv, 'nofollow');
  const topic = await srv.cli(['topic', 'add', String(app.appId), 'deals']);
  const other = await newApp(srv, 'elsewhere');
  const otherTopic = await srv.cli(['topic', 'add', String(other.appId), 'x']);
  const [a] = await followers(srv, 1, { app: app.appId, prefix: 'nf' });
  await reject(srv, app, a.followId, true);
  const inboxBefore = (await srv.inbox(a.token)).length;

  // the follow page shows the same "blocked" outcome as for the app
  const page = await followLink(`${srv.base}/follow/topic/${topic.topicId}?token=${a.token}`);
  assert.equal(page.status, 200);
  assert.match(page.text, /你已被该应用拉黑，无法关注。/);
  assert.doesNotMatch(page.text, /关注成功/);
  const scan = await followLink(`${srv.base}/follow/topic/${topic.topicId}?src=scan&token=${a.token}`);
  assert.match(scan.text, /拉黑/);
  assert.equal((await follows(srv, app, a.uid, 1)).total, 0, 'no topic follow row');
  assert.equal((await srv.inbox(a.token)).length, inboxBefore, 'no follow tip');
  const cli = await srv.cli(['follow', a.uid, '--topic', String(topic.topicId)], { raw: true });
  assert.notEqual(cli.code, 0);
  assert.match(cli.stderr, /blocked/);
  assert.equal((await follows(srv, app, a.uid, 1)).total, 0);

  // another app's topics are not affected
  const ok = await followLink(`${srv.base}/follow/topic/${otherTopic.topicId}?token=${a.token}`);
  assert.match(ok.text, /关注成功/);

  await reject(srv, app, a.followId, false);
  const again = await followLink(`${srv.base}/follow/topic/${topic.topicId}?token=${a.token}`);
  assert.match(again.text, /关注成功/);
  assert.equal((await follows(srv, app, a.uid, 1)).total, 1);
  const r = await sendWx(srv.base, { appToken: app.appToken, content: 'deal', topicIds: [topic.topicId] });
  assert.equal(r.data[0].code, 1000);
  assert.ok(await has(srv, a, 'deal'));
});

S.test('an existing topic follower blocked on the app sees "blocked" on the topic link', async (t, srv) => {
  const app = await newApp(srv, 'existing');
  const topic = await srv.cli(['topic', 'add', String(app.appId), 't']);
  const [a] = await followers(srv, 1, { app: app.appId, prefix: 'ex' });
  await srv.cli(['follow', a.uid, '--topic', String(topic.topicId)]);
  await reject(srv, app, a.followId, true);
  const page = await followLink(`${srv.base}/follow/topic/${topic.topicId}?token=${a.token}`);
  assert.match(page.text, /你已被该应用拉黑，无法关注。/);
  await reject(srv, app, a.followId, false);
  const back = await followLink(`${srv.base}/follow/topic/${topic.topicId}?token=${a.token}`);
  assert.match(back.text, /你已经关注过了。/);
});
