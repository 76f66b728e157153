// Issue 14 item 14: pushplus group codes are unique per owner, as in
// pushplus. topic/add never says "code taken" for another user's group;
// /send topic=CODE names the sender's own group first, else one they
// joined (only the owner sends to it); the CLI takes OWNER_UID:CODE and a
// bare CODE while only one owner has it.
import assert from 'node:assert/strict';
import { suite } from './lib/feige.mjs';
import { send, expectOk, expectErr } from './lib/http.mjs';
import { openUser, open, ok, err } from './lib/open.mjs';

const S = suite();

const add = (srv, u, code) => open(srv, u.key, 'POST', 'topic/add', {
  body: { topicCode: code, topicName: code, contact: 'c', introduction: 'i' },
});

S.test('topic/add: two owners may use one code; the same owner may not', async (t, srv) => {
  const a = await openUser(srv, 'gc-a');
  const b = await openUser(srv, 'gc-b');
  const idA = ok(await add(srv, a, 'shared'), '执行成功');
  const idB = ok(await add(srv, b, 'shared'), '执行成功');
  assert.notEqual(idA, idB);
  assert.match(err(await add(srv, a, 'shared'), 999), /topicCode/);
  // each owner sends to their own group
  expectOk(await send(srv.base, { token: a.token, topic: 'shared', content: 'to A' }));
  expectOk(await send(srv.base, { token: b.token, topic: 'shared', content: 'to B' }));
  // editing a code onto another owner's code is fine, onto one's own is not
  const idA2 = ok(await add(srv, a, 'other'), '执行成功');
  assert.match(err(await open(srv, a.key, 'POST', 'topic/editTopic', { body: { topic: idA2, topicCode: 'shared', topicName: 'n' } }), 999), /topicCode/);
  const idB2 = ok(await add(srv, b, 'bonly'), '执行成功');
  ok(await open(srv, b.key, 'POST', 'topic/editTopic', { body: { topic: idB2, topicCode: 'other', topicName: 'n' } }), '执行成功');
});

S.test('/send topic: a stranger learns nothing; a member is told only the owner sends', async (t, srv) => {
  const owner = await srv.addUser('gc-owner');
  const member = await srv.addUser('gc-member');
  const stranger = await srv.addUser('gc-stranger');
  await srv.cli(['group', 'add', owner.uid, 'ops1', 'ops']);
  await srv.cli(['group', 'join', 'ops1', member.uid]);
  const s = expectErr(await send(srv.base, { token: stranger.token, topic: 'ops1', content: 'x' }), 999);
  assert.match(s.msg, /群组不存在/);
  const m = expectErr(await send(srv.base, { token: member.token, topic: 'ops1', content: 'x' }), 999);
  assert.match(m.msg, /只有群组创建者/);
  const code = expectOk(await send(srv.base, { token: owner.token, topic: 'ops1', content: 'to all' }));
  const st = await srv.waitStatus(code);
  assert.equal(st.status, 2);
  const got = await srv.inbox(member.token);
  assert.ok(got.some((x) => x.content === 'to all' || (x.title || '').includes('to all')), JSON.stringify(got));
  // a second owner's group with the same code, which the member also joined
  const owner2 = await srv.addUser('gc-owner2');
  await srv.cli(['group', 'add', owner2.uid, 'ops1', 'ops too']);
  await srv.cli(['group', 'join', `${owner2.uid}:ops1`, member.uid]);
  const amb = expectErr(await send(srv.base, { token: member.token, topic: 'ops1', content: 'x' }), 999);
  assert.match(amb.msg, /群组编码不唯一/);
  // the member's own group with that code wins over the joined ones
  await srv.cli(['group', 'add', member.uid, 'ops1', 'mine']);
  expectOk(await send(srv.base, { token: member.token, topic: 'ops1', content: 'own' }));
});

S.test('CLI: OWNER_UID:CODE names the group; a bare code shared by owners is refused', async (t, srv) => {
  const o1 = await srv.addUser('cli-o1');
  const o2 = await srv.addUser('cli-o2');
  const u = await srv.addUser('cli-u');
  const g1 = await srv.cli(['group', 'add', o1.uid, 'clicode', 'one']);
  // one owner: the bare code still works
  const j = await srv.cli(['group', 'join', 'clicode', u.uid]);
  assert.equal(j.topicId, g1.topicId);
  const g2 = await srv.cli(['group', 'add', o2.uid, 'clicode', 'two']);
  assert.notEqual(g2.topicId, g1.topicId);
  const amb = await srv.cli(['group', 'join', 'clicode', u.uid], { raw: true });
  assert.notEqual(amb.code, 0);
  assert.match(amb.stderr, /OWNER_UID:CODE/);
  const j2 = await srv.cli(['group', 'join', `${o2.uid}:clicode`, u.uid]);
  assert.equal(j2.topicId, g2.topicId);
  const none = await srv.cli(['group', 'join', `${o1.uid}:nope`, u.uid], { raw: true });
  assert.notEqual(none.code, 0);
  assert.match(none.stderr, /no group/);
  const d = await srv.cli(['group', 'delete', `${o2.uid}:clicode`]);
  assert.equal(d.topicId, g2.topicId);
  // the bare code is unambiguous again
  const d1 = await srv.cli(['group', 'delete', 'clicode']);
  assert.equal(d1.topicId, g1.topicId);
});
