// Per-user limits (feige user limits, ops/user_limits.h): a user's own
// pushplus.rate_limit and wxpusher.daily_max, NULL = the server setting.
import assert from 'node:assert/strict';
import { suite } from './lib/feige.mjs';
import { send, expectOk } from './lib/http.mjs';
import { newApp, followers, sendWx } from './lib/wx.mjs';
import { minuteAhead } from './lib/wait.mjs';

const S = suite({ config: { 'pushplus.rate_limit': 0, 'wxpusher.daily_max': 0 } });

S.test('rate 2/min: the third send gets the over-limit answer; another user is not limited', async (t, srv) => {
  const lim = await srv.addUser('ul-limited');
  const free = await srv.addUser('ul-free');
  const set = await srv.cli(['user', 'limits', lim.uid, '--rate', '2']);
  assert.deepEqual(set, { uid: lim.uid, dailyLimit: null, rateLimit: 2 });
  await minuteAhead();
  expectOk(await send(srv.base, { token: lim.token, content: 'one' }));
  expectOk(await send(srv.base, { token: lim.token, content: 'two' }, { method: 'GET' }));
  const r3 = await send(srv.base, { token: lim.token, content: 'three' });
  assert.deepEqual(r3.json, { code: 999, msg: '请求过于频繁，每分钟最多2次，请稍后再试 (rate limit)', data: null });
  for (let i = 0; i < 4; i++)
    expectOk(await send(srv.base, { token: free.token, content: 'free ' + i }));
  const shown = await srv.cli(['user', 'show', lim.uid]);
  assert.equal(shown.rateLimit, 2);
  assert.equal(shown.dailyLimit, null);
});

S.test('back to default: the server setting (unlimited here) applies again', async (t, srv) => {
  const u = await srv.addUser('ul-back');
  await srv.cli(['user', 'limits', u.uid, '--rate', '1']);
  await minuteAhead();
  expectOk(await send(srv.base, { token: u.token, content: 'a' }));
  assert.equal((await send(srv.base, { token: u.token, content: 'b' })).json.code, 999);
  const set = await srv.cli(['user', 'limits', u.uid, '--rate', 'default']);
  assert.equal(set.rateLimit, null);
  await new Promise((r) => setTimeout(r, 1100)); // the send cache's TTL (api/tokens.h)
  expectOk(await send(srv.base, { token: u.token, content: 'c' }));
});

S.test('invalid values are refused and change nothing', async (t, srv) => {
  const u = await srv.addUser('ul-bad');
  for (const v of ['1000001', '-1', 'x', '1.5']) {
    const r = await srv.cli(['user', 'limits', u.uid, '--daily', v], { raw: true });
    assert.notEqual(r.code, 0, v);
    assert.match(r.stderr, /0\.\.1000000/);
  }
  const text = await srv.cli(['user', 'show', u.uid], { json: false });
  assert.match(text, /daily: +default\nrate: +default/);
});

S.test('daily 2: a UID receives two messages a day, by uid and by topic; others unlimited', async (t, srv) => {
  const app = await newApp(srv, 'ul-daily');
  const topic = await srv.cli(['topic', 'add', String(app.appId), 'ul']);
  const [a, b] = await followers(srv, 2, { app: app.appId, prefix: 'uld' });
  await srv.cli(['follow', a.uid, '--topic', String(topic.topicId)]);
  await srv.cli(['follow', b.uid, '--topic', String(topic.topicId)]);
  await srv.cli(['user', 'limits', a.uid, '--daily', '2']);
  for (let i = 0; i < 2; i++) {
    const r = await sendWx(srv.base, { appToken: app.appToken, content: 'u' + i, uids: [a.uid, b.uid] });
    assert.deepEqual(r.data.map((d) => d.code), [1000, 1000]);
  }
  const over = await sendWx(srv.base, { appToken: app.appToken, content: 'u2', uids: [a.uid, b.uid] });
  assert.equal(over.data[0].code, 1001);
  assert.equal(over.data[0].status, '用户今日接收消息已达上限');
  assert.equal(over.data[1].code, 1000);
  await sendWx(srv.base, { appToken: app.appToken, content: 't0', topicIds: [topic.topicId] });
  const ga = (await srv.inbox(a.token)).map((m) => m.content);
  const gb = (await srv.inbox(b.token)).map((m) => m.content);
  assert.ok(!ga.includes('u2') && !ga.includes('t0'), JSON.stringify(ga));
  assert.ok(gb.includes('u2') && gb.includes('t0'), JSON.stringify(gb));
});
