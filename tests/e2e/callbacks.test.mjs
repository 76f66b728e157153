// Callbacks: message_complate to callbackUrl or the default callback URL,
// add_topic_user and add_friend to the default URL. Bodies are checked
// byte-for-byte in key order, since receivers are often naive.
import assert from 'node:assert/strict';
import { suite } from './lib/feige.mjs';
import { send, expectOk } from './lib/http.mjs';
import { sinkPool } from './lib/sink.mjs';

const S = suite();
const newSink = sinkPool();

const isCb = (sc) => (r) => r.json && r.json.messageInfo && r.json.messageInfo.shortCode === sc;

function checkCompleteCallback(req, sc, sendStatus) {
  assert.equal(req.method, 'POST');
  assert.match(req.headers['content-type'] || '', /^application\/json/);
  assert.deepEqual(req.json, { event: 'message_complate', messageInfo: { message: req.json.messageInfo.message, shortCode: sc, sendStatus } });
  assert.equal(typeof req.json.messageInfo.message, 'string');
  // exact key order: {"event":…,"messageInfo":{"message":…,"shortCode":…,"sendStatus":…}}
  assert.deepEqual(Object.keys(req.json), ['event', 'messageInfo']);
  assert.deepEqual(Object.keys(req.json.messageInfo), ['message', 'shortCode', 'sendStatus']);
  assert.match(req.body, /^\s*\{\s*"event"\s*:\s*"message_complate"\s*,\s*"messageInfo"\s*:\s*\{\s*"message"\s*:\s*"(?:[^"\\]|\\.)*"\s*,\s*"shortCode"\s*:\s*"[0-9a-f]{32}"\s*,\s*"sendStatus"\s*:\s*[0-3]\s*\}\s*\}\s*$/);
}

S.test('callbackUrl receives exactly the message_complate body', async (t, srv) => {
  const sink = await newSink();
  const sc = expectOk(await send(srv.base, { token: srv.admin.token, content: 'cb', callbackUrl: sink.url('/done?x=1') }));
  const req = await sink.waitForRequest(isCb(sc));
  checkCompleteCallback(req, sc, 2);
  assert.equal(req.json.messageInfo.message, '');
  assert.equal(req.path, '/done');
  assert.equal(req.query.x, '1', 'query string of the callback URL kept');
  assert.equal(req.body, `{"event":"message_complate","messageInfo":{"message":"","shortCode":"${sc}","sendStatus":2}}`);
});

S.test('callbackUrl from query, form and multipart', async (t, srv) => {
  const sink = await newSink();
  for (const as of ['query', 'form', 'multipart']) {
    const sc = expectOk(await send(srv.base, { token: srv.admin.token, content: 'cb ' + as, callbackUrl: sink.url('/' + as) }, { as, method: as === 'query' ? 'GET' : 'POST' }));
    const req = await sink.waitForRequest(isCb(sc));
    checkCompleteCallback(req, sc, 2);
    assert.equal(req.path, '/' + as);
  }
});

S.test('callback is sent once per message', async (t, srv) => {
  const sink = await newSink();
  const sc = expectOk(await send(srv.base, { token: srv.admin.token, content: 'once', callbackUrl: sink.url('/once') }));
  await sink.waitForRequest(isCb(sc));
  // a second message's callback arriving after it gives the first time to repeat
  const sc2 = expectOk(await send(srv.base, { token: srv.admin.token, content: 'once-2', callbackUrl: sink.url('/once') }));
  await sink.waitForRequest(isCb(sc2));
  assert.equal(sink.requests.filter(isCb(sc)).length, 1);
});

S.test('group fan-out: one callback with the final status', async (t, srv) => {
  const sink = await newSink();
  const code = 'cbgrp' + process.pid;
  await srv.cli(['group', 'add', srv.admin.uid, code, 'cb group']);
  for (let i = 0; i < 3; i++) {
    const u = await srv.addUser('cbm' + i);
    await srv.cli(['group', 'join', code, u.uid]);
  }
  const sc = expectOk(await send(srv.base, { token: srv.admin.token, content: 'fan cb', topic: code, callbackUrl: sink.url('/grp') }));
  const req = await sink.waitForRequest(isCb(sc));
  checkCompleteCallback(req, sc, 2);
  await srv.waitStatus(sc, [2]);
  const sc2 = expectOk(await send(srv.base, { token: srv.admin.token, content: 'marker', callbackUrl: sink.url('/grp') }));
  await sink.waitForRequest(isCb(sc2));
  assert.equal(sink.requests.filter(isCb(sc)).length, 1, 'not one callback per recipient');
});

S.test('default callback URL: used when no callbackUrl; explicit callbackUrl wins', async (t, srv) => {
  const def = await newSink();
  const explicit = await newSink();
  const u = await srv.addUser('cb-default');
  const set = await srv.cli(['user', 'callback', u.uid, def.url('/default')]);
  assert.equal(set.uid, u.uid);
  assert.equal(set.callbackUrl, def.url('/default'));

  const scA = expectOk(await send(srv.base, { token: u.token, content: 'explicit', callbackUrl: explicit.url('/explicit') }));
  checkCompleteCallback(await explicit.waitForRequest(isCb(scA)), scA, 2);

  const scB = expectOk(await send(srv.base, { token: u.token, content: 'default' }));
  const reqB = await def.waitForRequest(isCb(scB));
  checkCompleteCallback(reqB, scB, 2);
  assert.equal(reqB.path, '/default');
  assert.equal(def.requests.filter(isCb(scA)).length, 0, 'explicit callbackUrl replaces the default');
  assert.equal(explicit.requests.filter(isCb(scB)).length, 0);
});

S.test('receiver errors and slow receivers do not affect the message', async (t, srv) => {
  const sink500 = await newSink({ status: 500, body: 'boom', contentType: 'text/plain' });
  const sc = expectOk(await send(srv.base, { token: srv.admin.token, content: 'cb 500', callbackUrl: sink500.url('/500') }));
  checkCompleteCallback(await sink500.waitForRequest(isCb(sc)), sc, 2);
  assert.equal((await srv.waitStatus(sc, [2])).status, 2);

  const slow = await newSink({ delayMs: 800 });
  const sc2 = expectOk(await send(srv.base, { token: srv.admin.token, content: 'cb slow', callbackUrl: slow.url('/slow') }));
  checkCompleteCallback(await slow.waitForRequest(isCb(sc2)), sc2, 2);

  const html = await newSink({ body: '<html>not json</html>', contentType: 'text/html' });
  const sc3 = expectOk(await send(srv.base, { token: srv.admin.token, content: 'cb html', callbackUrl: html.url('/h') }));
  checkCompleteCallback(await html.waitForRequest(isCb(sc3)), sc3, 2);
});

S.test('add_topic_user goes to the group owner\'s default callback URL', async (t, srv) => {
  const sink = await newSink();
  const owner = await srv.addUser('grp-owner');
  await srv.cli(['user', 'callback', owner.uid, sink.url('/owner')]);
  const code = 'cbjoin' + process.pid;
  const g = await srv.cli(['group', 'add', owner.uid, code, '加群测试']);
  const member = await srv.addUser('joiner');
  const j = await srv.cli(['group', 'join', code, member.uid]);
  const req = await sink.waitForRequest((r) => r.json && r.json.event === 'add_topic_user');
  assert.equal(req.method, 'POST');
  assert.match(req.headers['content-type'] || '', /^application\/json/);
  assert.deepEqual(Object.keys(req.json), ['event', 'topicUserInfo']);
  const info = req.json.topicUserInfo;
  for (const k of ['id', 'openId', 'topicId', 'userSex', 'isFollow', 'nickName', 'havePhone', 'topicCode', 'topicName', 'headImgUrl', 'emailStatus']) {
    assert.ok(k in info, `topicUserInfo.${k} present: ${req.body}`);
  }
  assert.equal(info.id, j.id);
  assert.equal(info.topicId, g.topicId);
  assert.equal(info.topicCode, code);
  assert.equal(info.topicName, '加群测试');
  for (const k of ['id', 'topicId', 'userSex', 'isFollow', 'havePhone', 'emailStatus']) assert.equal(typeof info[k], 'number', `${k} is a number`);
  for (const k of ['openId', 'nickName', 'topicCode', 'topicName', 'headImgUrl']) assert.equal(typeof info[k], 'string', `${k} is a string`);
});

S.test('add_friend goes to the owner\'s default callback URL', async (t, srv) => {
  const sink = await newSink();
  const owner = await srv.addUser('friend-owner');
  await srv.cli(['user', 'callback', owner.uid, sink.url('/friend')]);
  const fu = await srv.addUser('new-friend');
  const f = await srv.cli(['friend', 'add', owner.uid, fu.uid]);
  const req = await sink.waitForRequest((r) => r.json && r.json.event === 'add_friend');
  assert.equal(req.method, 'POST');
  const info = req.json.friendInfo;
  assert.ok(info, 'friendInfo present: ' + req.body);
  for (const k of ['token', 'friendId', 'isFollow', 'nickName', 'havePhone', 'createTime', 'emailStatus']) {
    assert.ok(k in info, `friendInfo.${k} present: ${req.body}`);
  }
  assert.equal(info.token, f.token);
  assert.equal(typeof info.friendId, 'number');
  assert.match(info.createTime, /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);
  for (const k of ['isFollow', 'havePhone', 'emailStatus']) assert.equal(typeof info[k], 'number');
  assert.equal(req.json.event, 'add_friend');
  assert.equal(Object.keys(req.json)[0], 'event');
});

S.test('no default callback URL: joins and friends still work', async (t, srv) => {
  const a = await srv.addUser('nocb-a');
  const b = await srv.addUser('nocb-b');
  const code = 'nocb' + process.pid;
  await srv.cli(['group', 'add', a.uid, code, 'n']);
  await srv.cli(['group', 'join', code, b.uid]);
  await srv.cli(['friend', 'add', a.uid, b.uid]);
  expectOk(await send(srv.base, { token: a.token, content: 'x', topic: code }));
});
