// Issue 14 item 20: the CLI is complete and safe. Every command has
// --help on stdout (exit 0); against a directory without data every
// command but serve and init says so and exits non-zero, creating
// nothing; list/show/edit/delete exist for what the CLI creates; a
// disabled user's token is refused by /send (903) and the open API (401).
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import os from 'node:os';
import { suite, cli, FEIGE_BIN } from './lib/feige.mjs';
import { send, expectOk, expectErr, request } from './lib/http.mjs';
import { openUser, open, ok } from './lib/open.mjs';
import { newApp, followers } from './lib/wx.mjs';
import { spawnSync } from 'node:child_process';
import { storeEnv, hasData } from './lib/pg.mjs';

const S = suite();

function run(args) {
  const d = args.indexOf('--data');
  return spawnSync(FEIGE_BIN, args, { encoding: 'utf8', timeout: 20000, env: storeEnv(d >= 0 ? args[d + 1] : null) });
}

// every command's words, from `feige --help`
function commands() {
  const r = run(['--help']);
  assert.equal(r.status, 0, r.stderr);
  const words = [];
  for (const line of r.stdout.split('\n')) {
    const m = /^ {2}feige ((?:[a-z-]+)(?: [a-z-]+)?)/.exec(line);
    if (m) words.push(m[1].split(' '));
  }
  return words;
}

S.test('--help on stdout, exit 0, for every command and family', async () => {
  const cmds = commands();
  assert.ok(cmds.length > 40, `${cmds.length} commands`);
  for (const w of cmds) {
    const r = run([...w, '--help']);
    assert.equal(r.status, 0, `${w.join(' ')} --help: ${r.stderr}`);
    assert.match(r.stdout, new RegExp(`usage: feige ${w.join(' ')}`), w.join(' '));
    assert.equal(r.stderr, '');
  }
  for (const fam of ['user', 'group', 'friend', 'app', 'topic', 'token', 'webhook']) {
    const r = run([fam, '--help']);
    assert.equal(r.status, 0, fam);
    assert.match(r.stdout, new RegExp(`feige ${fam} `));
  }
  const h = run(['help', 'token']);
  assert.equal(h.status, 0);
  assert.match(h.stdout, /feige token add/);
  // a mistake still goes to stderr with a non-zero exit
  const bad = run(['user', 'frobnicate']);
  assert.notEqual(bad.status, 0);
  assert.match(bad.stderr, /unknown command/);
});

S.test('a directory without data: every command but serve and init refuses, nothing is created', async () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'feige-nodata-'));
  const dir = path.join(root, 'data');
  try {
    const skip = new Set(['serve', 'init', 'version', 'check-config']);
    let n = 0;
    for (const w of commands()) {
      if (skip.has(w[0])) continue;
      const args = [...w, 'UID_x', 'b', 'c', 'd', 'e', '--data', dir].slice(0, w.length + 8);
      const r = run(args);
      // a usage error (wrong argument count) is also non-zero: what matters
      // is that no command made a database
      assert.notEqual(r.status, 0, `${args.join(' ')}: ${r.stdout}`);
      assert.ok(!hasData(dir, fs), `${w.join(' ')} created a database`);
      n++;
    }
    assert.ok(n > 30);
    // with the right argument count the reason is named
    for (const args of [['user', 'list'], ['message', 'list'], ['user', 'show', 'UID_x'], ['group', 'list', 'UID_x'], ['backup', path.join(root, 'b.db')]]) {
      const r = run([...args, '--data', dir]);
      assert.equal(r.status, 1, args.join(' '));
      assert.match(r.stderr, /no feige data in .*feige init/, args.join(' '));
      assert.equal(r.stdout, '');
    }
    assert.ok(!hasData(dir, fs));
    // init makes it; then the commands work; init again says so
    const i = await cli(['init'], { dataDir: dir });
    assert.deepEqual(i, { data: dir, created: true });
    assert.ok(hasData(dir, fs));
    assert.deepEqual(await cli(['user', 'list'], { dataDir: dir }), { users: [] });
    assert.equal((await cli(['init'], { dataDir: dir })).created, false);
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
});

S.test('user show, disable and enable: /send 903 and the open API 401 while disabled', async (t, srv) => {
  const u = await openUser(srv, 'dis');
  const mt = await srv.cli(['token', 'add', u.uid, 'dis-mt']);
  expectOk(await send(srv.base, { token: u.token, content: 'before' }));
  expectOk(await send(srv.base, { token: mt.token, content: 'before (message token)' }));
  const shown = await srv.cli(['user', 'show', u.uid]);
  assert.equal(shown.uid, u.uid);
  assert.equal(shown.disabled, false);
  assert.deepEqual(await srv.cli(['user', 'disable', u.uid]), { uid: u.uid, disabled: true });
  assert.equal((await srv.cli(['user', 'show', u.uid])).disabled, true);
  const listed = (await srv.cli(['user', 'list'])).users.find((x) => x.uid === u.uid);
  assert.equal(listed.disabled, true);
  // within the send cache's TTL (1 s) the token stops
  await new Promise((r) => setTimeout(r, 1200));
  expectErr(await send(srv.base, { token: u.token, content: 'while disabled' }), 903);
  expectErr(await send(srv.base, { token: mt.token, content: 'while disabled' }), 903);
  const o = await open(srv, u.key, 'GET', 'user/myInfo');
  assert.equal(o.code, 401); // disabling revoked the AccessKeys
  const o2 = await open(srv, u.key, 'POST', 'message/list', { body: {} });
  assert.equal(o2.code, 401);
  const k = await request(srv.base + '/api/common/openApi/getAccessKey', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ token: u.token, secretKey: 'qLcS3cr3tKeyForTests0123456789ab' }) });
  assert.equal(k.json.code, 401);
  assert.match(k.json.msg, /停用/); // no new key while disabled
  assert.deepEqual(await srv.cli(['user', 'enable', u.uid]), { uid: u.uid, disabled: false });
  await new Promise((r) => setTimeout(r, 1200));
  expectOk(await send(srv.base, { token: u.token, content: 'after' }));
  // disabling revoked the AccessKeys: a new one works
  assert.equal((await open(srv, u.key, 'GET', 'user/myInfo')).code, 401);
  const k2 = await request(srv.base + '/api/common/openApi/getAccessKey', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ token: u.token, secretKey: 'qLcS3cr3tKeyForTests0123456789ab' }) });
  assert.equal(k2.json.code, 200);
  const bad = await srv.cli(['user', 'disable', 'UID_nobody'], { raw: true });
  assert.notEqual(bad.code, 0);
});

S.test('groups, members and friends: list, show, edit, remark, leave, delete', async (t, srv) => {
  const owner = await srv.addUser('cli-owner');
  const m = await srv.addUser('cli-member');
  const g = await srv.cli(['group', 'add', owner.uid, 'cligrp', 'CLI group']);
  await srv.cli(['group', 'join', 'cligrp', m.uid]);
  const list = await srv.cli(['group', 'list', owner.uid]);
  assert.deepEqual(list.groups.map((x) => [x.topicId, x.topicCode, x.members]), [[g.topicId, 'cligrp', 1]]);
  const show = await srv.cli(['group', 'show', `${owner.uid}:cligrp`]);
  assert.equal(show.owner, owner.uid);
  assert.deepEqual(show.members.map((x) => x.uid), [m.uid]);
  const ed = await srv.cli(['group', 'edit', 'cligrp', '--name', 'renamed', '--code', 'cligrp2']);
  assert.deepEqual([ed.topicCode, ed.topicName], ['cligrp2', 'renamed']);
  await srv.cli(['group', 'remark', 'cligrp2', m.uid, 'the member']);
  assert.equal((await srv.cli(['group', 'show', 'cligrp2'])).members[0].remark, 'the member');
  await srv.cli(['group', 'leave', 'cligrp2', m.uid]);
  assert.equal((await srv.cli(['group', 'show', 'cligrp2'])).members.length, 0);
  const notm = await srv.cli(['group', 'leave', 'cligrp2', m.uid], { raw: true });
  assert.notEqual(notm.code, 0);
  assert.match(notm.stderr, /not a member/);
  await srv.cli(['group', 'delete', 'cligrp2']);
  assert.deepEqual((await srv.cli(['group', 'list', owner.uid])).groups, []);

  await srv.cli(['friend', 'add', owner.uid, m.uid]);
  const fl = await srv.cli(['friend', 'list', owner.uid]);
  assert.deepEqual(fl.friends.map((x) => x.uid), [m.uid]);
  await srv.cli(['friend', 'remark', owner.uid, m.uid, 'pal']);
  assert.equal((await srv.cli(['friend', 'list', owner.uid])).friends[0].remark, 'pal');
  await srv.cli(['friend', 'delete', owner.uid, m.uid]);
  assert.deepEqual((await srv.cli(['friend', 'list', owner.uid])).friends, []);
  const nf = await srv.cli(['friend', 'delete', owner.uid, m.uid], { raw: true });
  assert.notEqual(nf.code, 0);
});

S.test('apps, topics, products, follows, channel configs and message tokens', async (t, srv) => {
  const app = await newApp(srv, 'cliapp');
  const shown = await srv.cli(['app', 'show', String(app.appId)]);
  assert.equal(shown.appToken, app.appToken);
  const tp = await srv.cli(['topic', 'add', String(app.appId), 'cli-topic']);
  assert.deepEqual((await srv.cli(['topic', 'list', String(app.appId)])).topics.map((x) => x.topicId), [tp.topicId]);
  assert.equal((await srv.cli(['topic', 'show', String(tp.topicId)])).name, 'cli-topic');
  const pr = await srv.cli(['product', 'add', String(app.appId), 'vip', '--price', '300']);
  const pl = await srv.cli(['product', 'list', String(app.appId)]);
  assert.deepEqual(pl.products.map((x) => [x.prodId, x.priceFen]), [[pr.prodId ?? pl.products[0].prodId, 300]]);
  assert.equal((await srv.cli(['product', 'show', String(pl.products[0].prodId)])).name, 'vip');
  const [f] = await followers(srv, 1, { app: app.appId, prefix: 'cli-f' });
  const fls = await srv.cli(['follow', 'list', String(app.appId)]);
  assert.deepEqual(fls.follows.map((x) => x.uid), [f.uid]);
  await srv.cli(['follow', 'delete', String(f.followId)]);
  assert.deepEqual((await srv.cli(['follow', 'list', String(app.appId)])).follows, []);
  // edit and delete topics and products; a topic goes with its follows and products
  const pe = await srv.cli(['product', 'edit', String(pl.products[0].prodId), '--name', 'vip2', '--price', '0']);
  assert.deepEqual([pe.name, pe.priceFen], ['vip2', 0]);
  assert.notEqual((await srv.cli(['product', 'edit', String(pl.products[0].prodId), '--price', '-5'], { raw: true })).code, 0);
  await srv.cli(['product', 'delete', String(pl.products[0].prodId)]);
  assert.deepEqual((await srv.cli(['product', 'list', String(app.appId)])).products, []);
  assert.equal((await srv.cli(['topic', 'edit', String(tp.topicId), '--name', 'renamed'])).name, 'renamed');
  const tprod = await srv.cli(['product', 'add', String(app.appId), 'tvip', '--topic', String(tp.topicId)]);
  assert.ok(tprod);
  const [tf] = await followers(srv, 1, { topic: tp.topicId, prefix: 'cli-tf' });
  assert.equal((await srv.cli(['follow', 'list', String(app.appId)])).follows.length, 1);
  await srv.cli(['topic', 'delete', String(tp.topicId)]);
  assert.deepEqual((await srv.cli(['topic', 'list', String(app.appId)])).topics, []);
  assert.deepEqual((await srv.cli(['follow', 'list', String(app.appId)])).follows, []);
  assert.deepEqual((await srv.cli(['product', 'list', String(app.appId)])).products, []);
  assert.notEqual((await srv.cli(['topic', 'show', String(tp.topicId)], { raw: true })).code, 0);
  assert.ok(tf.uid);
  assert.notEqual((await srv.cli(['app', 'show', '999999'], { raw: true })).code, 0);

  const u = await srv.addUser('cli-chan');
  await srv.cli(['webhook', 'add', u.uid, 'hk', 'hook', '1', 'https://example.com/a']);
  assert.equal((await srv.cli(['webhook', 'show', u.uid, 'hk'])).url, 'https://example.com/a');
  const we = await srv.cli(['webhook', 'edit', u.uid, 'hk', 'hook2', '1', 'https://example.com/b', '--code', 'hk2']);
  assert.deepEqual([we.code, we.name, we.url], ['hk2', 'hook2', 'https://example.com/b']);
  assert.notEqual((await srv.cli(['webhook', 'show', u.uid, 'hk'], { raw: true })).code, 0);
  assert.equal((await srv.cli(['webhook', 'show', u.uid, 'hk2'])).name, 'hook2');

  const mt = await srv.cli(['token', 'add', u.uid, 'ci', '--days', '30']);
  assert.match(mt.token, /^[0-9a-f]{32}$/);
  assert.ok(mt.expireAt > Date.now() + 29 * 86400000);
  assert.deepEqual((await srv.cli(['token', 'list', u.uid])).tokens.map((x) => x.id), [mt.id]);
  const te = await srv.cli(['token', 'edit', String(mt.id), '--name', 'ci2']);
  assert.equal(te.name, 'ci2');
  assert.equal((await srv.cli(['token', 'show', String(mt.id)])).name, 'ci2');
  expectOk(await send(srv.base, { token: mt.token, content: 'via message token' }));
  await srv.cli(['token', 'delete', String(mt.id)]);
  assert.deepEqual((await srv.cli(['token', 'list', u.uid])).tokens, []);
  await new Promise((r) => setTimeout(r, 1200));
  expectErr(await send(srv.base, { token: mt.token, content: 'revoked' }), 903);
});
