// Send-time limits of pushplus /send and /batchSend (issue 9):
// - a callbackUrl feige would never call (not http(s), or a loopback,
//   private or link-local literal or localhost while
//   callback.allow_private is off) is a 999 that names the setting,
//   instead of a 200 and a callback silently refused at delivery; host
//   names are left to the connect-time guard;
// - recevieLimit=1 (open API setting/changeRecevieLimit) stops the
//   friend and topic messages of others, not the user's own sends.
import assert from 'node:assert/strict';
import { suite } from './lib/feige.mjs';
import { send, expectOk, expectErr } from './lib/http.mjs';
import { enableOpen, accessKey, open, ok } from './lib/open.mjs';
import { waitFor } from './lib/wait.mjs';

const S = suite({ config: { 'callback.allow_private': 'no' } });

const PRIVATE = [
  'http://127.0.0.1:9/cb',
  'http://127.1/cb',
  'http://2130706433/cb',
  'http://[::1]:8080/cb',
  'http://[::ffff:127.0.0.1]/cb',
  'https://10.1.2.3/cb',
  'http://172.16.0.1/cb',
  'http://192.168.1.1/cb',
  'http://169.254.169.254/latest/meta-data/',
  'http://[fe80::1]/cb',
  'http://0.0.0.0/cb',
  'http://localhost:8080/cb',
  'http://LOCALHOST./cb',
  'http://app.localhost/cb',
  'http://user:pw@127.0.0.1/cb',
];

S.test('callbackUrl on a private or loopback literal: 999 naming callback.allow_private', async (t, srv) => {
  for (const callbackUrl of PRIVATE) {
    const r = expectErr(await send(srv.base, { token: srv.admin.token, content: 'cb', callbackUrl }), 999);
    assert.match(r.msg, /^callbackUrl指向本机、内网或链路本地地址/, callbackUrl);
    assert.match(r.msg, /callback\.allow_private = yes/, callbackUrl);
    assert.match(r.msg, /\(callbackUrl is a loopback, private or link-local address; set callback\.allow_private = yes to allow it\)$/);
    assert.equal(r.data, null);
  }
  // from the query string and a form body alike
  for (const as of ['query', 'form']) {
    const r = expectErr(await send(srv.base, { token: srv.admin.token, content: 'cb', callbackUrl: 'http://127.0.0.1/x' }, { as, method: as === 'query' ? 'GET' : 'POST' }), 999);
    assert.match(r.msg, /callback\.allow_private/);
  }
});

S.test('callbackUrl that is not http(s) or not a URL: 999 invalid callbackUrl', async (t, srv) => {
  for (const callbackUrl of ['ftp://example.com/cb', 'file:///etc/passwd', 'gopher://127.0.0.1/', 'example.com/cb', 'http://', 'http://exa mple.com/']) {
    const r = expectErr(await send(srv.base, { token: srv.admin.token, content: 'cb', callbackUrl }), 999);
    assert.equal(r.msg, 'callbackUrl格式不正确，须为http(s)地址 (invalid callbackUrl)', callbackUrl);
  }
});

S.test('callbackUrl with a public literal or a host name is accepted (names: connect-time guard)', async (t, srv) => {
  for (const callbackUrl of ['http://example.invalid/cb', 'https://cb.example.com:8443/x?y=1', 'http://203.0.113.7/cb', 'http://[2001:db8::1]/cb']) {
    expectOk(await send(srv.base, { token: srv.admin.token, content: 'cb ok', callbackUrl }));
  }
});

S.test('/batchSend refuses the same callbackUrl with the same 999', async (t, srv) => {
  const r = expectErr(await send(srv.base, { token: srv.admin.token, content: 'b', channel: 'wechat,wechat', callbackUrl: 'http://192.168.0.10/cb' }, { path: '/batchSend' }), 999);
  assert.match(r.msg, /callback\.allow_private = yes/);
});

// recevieLimit

let seq = 0;
async function limited(srv, name) {
  const u = await srv.addUser(name + ++seq);
  await enableOpen(srv, u.uid);
  const key = await accessKey(srv, u.token);
  ok(await open(srv, key, 'GET', 'setting/changeRecevieLimit', { query: { recevieLimit: 1 } }), '执行成功');
  const st = ok(await open(srv, key, 'GET', 'setting/getUserSettings'));
  assert.equal(st.recevieLimit, 1);
  return { ...u, key };
}

const inInbox = async (srv, token, sc) => (await srv.inbox(token)).some((x) => x.shortCode === sc);

S.test('recevieLimit=1: topic messages of others skip the user, the other members get them', async (t, srv) => {
  const owner = await srv.addUser('rl-owner');
  const code = 'rltopic' + process.pid;
  await srv.cli(['group', 'add', owner.uid, code, '接收限制']);
  const quiet = await limited(srv, 'rl-quiet');
  const loud = await srv.addUser('rl-loud');
  for (const u of [quiet, loud]) await srv.cli(['group', 'join', code, u.uid]);

  const sc = expectOk(await send(srv.base, { token: owner.token, content: 'to the topic', topic: code }));
  const m = await srv.waitStatus(sc, [2]);
  assert.deepEqual(m.deliveries.map((d) => d.uid), [loud.uid], JSON.stringify(m.deliveries));
  await waitFor(() => inInbox(srv, loud.token, sc), 10000, { what: 'loud member inbox' });
  assert.ok(!(await inInbox(srv, quiet.token, sc)), 'recevieLimit=1 member does not get it');

  // their own send still arrives
  const own = expectOk(await send(srv.base, { token: quiet.token, content: 'to myself' }));
  const mo = await srv.waitStatus(own, [2]);
  assert.deepEqual(mo.deliveries.map((d) => d.uid), [quiet.uid]);

  // back to 0: topic messages arrive again
  ok(await open(srv, quiet.key, 'GET', 'setting/changeRecevieLimit', { query: { recevieLimit: 0 } }), '执行成功');
  const sc2 = expectOk(await send(srv.base, { token: owner.token, content: 'again', topic: code }));
  const m2 = await srv.waitStatus(sc2, [2]);
  assert.deepEqual(m2.deliveries.map((d) => d.uid).sort(), [quiet.uid, loud.uid].sort());
});

S.test('recevieLimit=1: a topic whose only member refuses is treated like an empty topic', async (t, srv) => {
  const owner = await srv.addUser('rl-owner2');
  const code = 'rlonly' + process.pid;
  await srv.cli(['group', 'add', owner.uid, code, '只有一人']);
  const quiet = await limited(srv, 'rl-only');
  await srv.cli(['group', 'join', code, quiet.uid]);
  const sc = expectOk(await send(srv.base, { token: owner.token, content: 'nobody', topic: code }));
  const m = await srv.waitStatus(sc, [3]);
  assert.equal(m.deliveries.length, 0, JSON.stringify(m));
  assert.match(m.error, /recevieLimit/);
  assert.ok(!(await inInbox(srv, quiet.token, sc)));
});

S.test('recevieLimit=1: friend messages via to skip the user, other friends get them', async (t, srv) => {
  const owner = await srv.addUser('rl-friend-owner');
  const quiet = await limited(srv, 'rl-fq');
  const loud = await srv.addUser('rl-fl');
  const tq = (await srv.cli(['friend', 'add', owner.uid, quiet.uid])).token;
  const tl = (await srv.cli(['friend', 'add', owner.uid, loud.uid])).token;

  const sc = expectOk(await send(srv.base, { token: owner.token, content: 'friends', to: `${tq},${tl}` }));
  const m = await srv.waitStatus(sc, [2]);
  assert.deepEqual(m.deliveries.map((d) => d.uid), [loud.uid], JSON.stringify(m.deliveries));
  assert.ok(!(await inInbox(srv, quiet.token, sc)));

  const sc2 = expectOk(await send(srv.base, { token: owner.token, content: 'only quiet', to: tq }));
  const m2 = await srv.waitStatus(sc2, [3]);
  assert.equal(m2.deliveries.length, 0);
  assert.match(m2.error, /recevieLimit/);
});
