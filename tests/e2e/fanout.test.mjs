// Recipients: the sender by default, every member of a topic, or the
// sender's friends listed in `to`; topic beats to.
import assert from 'node:assert/strict';
import { suite, cli } from './lib/feige.mjs';
import { send, expectOk } from './lib/http.mjs';
import { waitFor } from './lib/wait.mjs';

const S = suite();

const inInbox = async (srv, token, sc) => (await srv.inbox(token)).some((x) => x.shortCode === sc);

S.test('no topic and no to: only the sender gets it', async (t, srv) => {
  const other = await srv.addUser('fan-bystander');
  const sc = expectOk(await send(srv.base, { token: srv.admin.token, title: 'self', content: 'to myself' }));
  const m = await srv.waitStatus(sc, [2]);
  assert.equal(m.deliveries.length, 1);
  assert.equal(m.deliveries[0].uid, srv.admin.uid);
  assert.equal(m.deliveries[0].status, 2);
  assert.ok(await inInbox(srv, srv.admin.token, sc));
  assert.ok(!(await inInbox(srv, other.token, sc)));
});

S.test('topic: all 3 members get it, 3 deliveries with status 2', async (t, srv) => {
  const code = 'fan' + process.pid;
  const g = await srv.cli(['group', 'add', srv.admin.uid, code, '扇出群组']);
  assert.equal(typeof g.topicId, 'number');
  assert.equal(g.topicCode, code);
  const members = [];
  for (let i = 0; i < 3; i++) {
    const u = await srv.addUser(`member-${i}`);
    const j = await srv.cli(['group', 'join', code, u.uid]);
    assert.equal(j.topicId, g.topicId);
    members.push(u);
  }
  const outsider = await srv.addUser('outsider');
  const sc = expectOk(await send(srv.base, { token: srv.admin.token, title: 'group msg', content: 'hello group', topic: code }));
  const m = await srv.waitStatus(sc, [2]);
  assert.equal(m.deliveries.length, 3, JSON.stringify(m.deliveries));
  assert.deepEqual(m.deliveries.map((d) => d.uid).sort(), members.map((u) => u.uid).sort());
  for (const d of m.deliveries) assert.equal(d.status, 2, JSON.stringify(d));
  for (const u of members) {
    await waitFor(() => inInbox(srv, u.token, sc), 10000, { what: `${u.uid} inbox has ${sc}` });
    const item = (await srv.inbox(u.token)).find((x) => x.shortCode === sc);
    assert.equal(item.title, 'group msg');
  }
  assert.ok(!(await inInbox(srv, outsider.token, sc)), 'outsider does not get it');
});

S.test('topic also works from the query string and a form body', async (t, srv) => {
  const code = 'fanq' + process.pid;
  await srv.cli(['group', 'add', srv.admin.uid, code, 'q群']);
  const u = await srv.addUser('fanq-m');
  await srv.cli(['group', 'join', code, u.uid]);
  for (const as of ['query', 'form']) {
    const sc = expectOk(await send(srv.base, { token: srv.admin.token, content: 'q ' + as, topic: code }, { as, method: as === 'query' ? 'GET' : 'POST' }));
    const m = await srv.waitStatus(sc, [2]);
    assert.equal(m.deliveries.length, 1);
    assert.equal(m.deliveries[0].uid, u.uid);
  }
});

S.test('to: comma list of friend tokens (trimmed) → each friend, not the sender', async (t, srv) => {
  const f1 = await srv.addUser('friend-1');
  const f2 = await srv.addUser('friend-2');
  const t1 = (await srv.cli(['friend', 'add', srv.admin.uid, f1.uid])).token;
  const t2 = (await srv.cli(['friend', 'add', srv.admin.uid, f2.uid])).token;
  assert.match(t1, /^[0-9a-f]{32}$/);
  const sc = expectOk(await send(srv.base, { token: srv.admin.token, title: 'friends', content: 'hi friends', to: ` ${t1} , ${t2} ` }));
  const m = await srv.waitStatus(sc, [2]);
  assert.deepEqual(m.deliveries.map((d) => d.uid).sort(), [f1.uid, f2.uid].sort());
  for (const d of m.deliveries) assert.equal(d.status, 2);
  assert.ok(await inInbox(srv, f1.token, sc));
  assert.ok(await inInbox(srv, f2.token, sc));
  assert.ok(!(await inInbox(srv, srv.admin.token, sc)), 'sender is not a recipient of a to-send');

  // single friend via GET
  const sc2 = expectOk(await send(srv.base, { token: srv.admin.token, content: 'one friend', to: t1 }, { method: 'GET' }));
  const m2 = await srv.waitStatus(sc2, [2]);
  assert.deepEqual(m2.deliveries.map((d) => d.uid), [f1.uid]);
});

S.test('topic beats to', async (t, srv) => {
  const code = 'fanbeat' + process.pid;
  await srv.cli(['group', 'add', srv.admin.uid, code, 'beat']);
  const member = await srv.addUser('beat-member');
  await srv.cli(['group', 'join', code, member.uid]);
  const friend = await srv.addUser('beat-friend');
  const ft = (await srv.cli(['friend', 'add', srv.admin.uid, friend.uid])).token;
  const sc = expectOk(await send(srv.base, { token: srv.admin.token, content: 'topic wins', topic: code, to: ft }));
  const m = await srv.waitStatus(sc, [2]);
  assert.deepEqual(m.deliveries.map((d) => d.uid), [member.uid]);
  assert.ok(await inInbox(srv, member.token, sc));
  assert.ok(!(await inInbox(srv, friend.token, sc)));
});

S.test('message list shows sent messages with shortCode, title, status', async (t, srv) => {
  const sc = expectOk(await send(srv.base, { token: srv.admin.token, title: 'listed-1', content: 'x' }));
  await srv.waitStatus(sc, [2]);
  const { messages } = await srv.cli(['message', 'list']);
  const m = messages.find((x) => x.shortCode === sc);
  assert.ok(m, 'listed');
  assert.equal(m.title, 'listed-1');
  assert.equal(m.status, 2);
});

S.test('user list shows created users', async (t, srv) => {
  const u = await srv.addUser('listed-user');
  assert.equal(typeof u.id, 'number');
  assert.match(u.uid, /^UID_/);
  assert.match(u.token, /^[0-9a-f]{32}$/);
  const { users } = await srv.cli(['user', 'list']);
  const found = users.find((x) => x.uid === u.uid);
  assert.ok(found);
  assert.equal(found.name, 'listed-user');
  assert.equal(found.token, u.token);
  assert.ok(users.some((x) => x.uid === srv.admin.uid && x.token === srv.admin.token), 'first-run admin listed');
});

S.test('CLI options may come before the command', async (t, srv) => {
  const u = await cli(['--data', srv.dataDir, '--json', 'user', 'add', 'opts-first']);
  assert.match(u.uid, /^UID_/);
});

S.test('CLI options may come between positionals', async (t, srv) => {
  const u = await cli(['user', 'add', '--json', '--data', srv.dataDir, 'opts-mid']);
  assert.match(u.uid, /^UID_/);
  const g = await cli(['group', 'add', srv.admin.uid, '--data', srv.dataDir, 'optsgrp' + process.pid, '--json', 'opts group']);
  assert.equal(g.topicCode, 'optsgrp' + process.pid);
});
