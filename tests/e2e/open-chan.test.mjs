// pushplus open API: channel configurations (webhook/*, mp/list, cp/list,
// mail/*) and user/myInfo's e-mail: the exact field names and values of
// the seed's section 七, pagination, validation errors in the envelope,
// other users' ids answered as missing, the masked mail password, and a
// webhook added through the open API used at once by /send.
import assert from 'node:assert/strict';
import { suite } from './lib/feige.mjs';
import { send, expectOk, expectErr } from './lib/http.mjs';
import { startSink } from './lib/sink.mjs';
import { enableOpen, accessKey, open, ok, err, DATE_RE } from './lib/open.mjs';

const S = suite({ config: { 'channel.allow_private': 'yes', 'channel.timeout_ms': 2000 } });

async function user(srv, name) {
  const u = await srv.addUser(name);
  await enableOpen(srv, u.uid);
  u.key = await accessKey(srv, u.token);
  return u;
}

const HOOK = { webhookCode: 'pushplus', webhookName: '推送加', webhookType: 1, webhookUrl: 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=63f' };

S.test('webhook/add, list, detail, edit: the seed\'s fields and values', async (t, srv) => {
  const u = await user(srv, 'hooks');
  let d = ok(await open(srv, u.key, 'POST', 'webhook/list', { body: { current: 1, pageSize: 20 } }));
  assert.deepEqual(d, { pageNum: 1, pageSize: 20, total: 0, pages: 0, list: [] });

  const id = ok(await open(srv, u.key, 'POST', 'webhook/add', { body: HOOK }));
  assert.equal(typeof id, 'number');
  assert.ok(id > 0);

  d = ok(await open(srv, u.key, 'POST', 'webhook/list', { body: { current: 0, pageSize: 0 } }));
  assert.deepEqual([d.pageNum, d.pageSize, d.total, d.pages, d.list.length], [1, 20, 1, 1, 1]);
  const item = d.list[0];
  // webhookTypeName: open API 1.7 (pushplus-today.md §2.7)
  assert.deepEqual(Object.keys(item), ['id', 'webhookCode', 'webhookName', 'webhookType', 'webhookTypeName', 'webhookUrl', 'createTime']);
  assert.deepEqual(item, { id, ...HOOK, webhookTypeName: '企业微信机器人', createTime: item.createTime });
  assert.match(item.createTime, DATE_RE);

  // detail adds the custom type's fields, "" for the other types
  const det = ok(await open(srv, u.key, 'GET', 'webhook/detail', { query: { webhookId: id } }));
  assert.deepEqual(det, { ...item, httpMethod: '', headers: '', body: '' });

  const edit = { id, webhookCode: 'pushplus2', webhookName: '企业微信', webhookType: 2, webhookUrl: 'https://url.example/x' };
  assert.equal(ok(await open(srv, u.key, 'POST', 'webhook/edit', { body: edit })), '修改成功');
  const after = ok(await open(srv, u.key, 'GET', 'webhook/detail', { query: { webhookId: String(id) } }));
  assert.deepEqual(after, { ...edit, webhookTypeName: '钉钉机器人', httpMethod: '', headers: '', body: '', createTime: item.createTime });
  // the CLI sees the same row
  const cli = await srv.cli(['webhook', 'list', u.uid]);
  assert.deepEqual(cli.map((c) => [c.id, c.code, c.name, c.type, c.url]), [[id, 'pushplus2', '企业微信', 2, 'https://url.example/x']]);
  // edit keeping its own code is fine; numbers as digit strings too
  assert.equal(ok(await open(srv, u.key, 'POST', 'webhook/edit', { body: { ...edit, id: String(id), webhookType: '4' } })), '修改成功');
  assert.equal(ok(await open(srv, u.key, 'GET', 'webhook/detail', { query: { webhookId: id } })).webhookType, 4);
});

S.test('webhook/list pages: 7 rows by 3, past the end, pageSize clamp', async (t, srv) => {
  const u = await user(srv, 'pager');
  const ids = [];
  for (let i = 1; i <= 7; i++) {
    ids.push(ok(await open(srv, u.key, 'POST', 'webhook/add', { body: { webhookCode: `c${i}`, webhookName: `n${i}`, webhookType: 5, webhookUrl: `http://h${i}.example/` } })));
  }
  const pages = [];
  for (let p = 1; p <= 3; p++) {
    const d = ok(await open(srv, u.key, 'POST', 'webhook/list', { body: { current: p, pageSize: 3 } }));
    assert.deepEqual([d.pageNum, d.pageSize, d.total, d.pages], [p, 3, 7, 3]);
    pages.push(...d.list.map((x) => x.id));
  }
  assert.deepEqual(pages, ids);
  let d = ok(await open(srv, u.key, 'POST', 'webhook/list', { body: { current: 4, pageSize: 3 } }));
  assert.deepEqual([d.total, d.list.length], [7, 0]);
  d = ok(await open(srv, u.key, 'POST', 'webhook/list', { body: { current: 1, pageSize: 500 } }));
  assert.deepEqual([d.pageSize, d.list.length], [50, 7]);
  // another user sees none of them
  const v = await user(srv, 'other');
  d = ok(await open(srv, v.key, 'POST', 'webhook/list', { body: {} }));
  assert.deepEqual([d.total, d.list.length], [0, 0]);
});

S.test('webhook/add and edit: validation errors in the envelope', async (t, srv) => {
  const u = await user(srv, 'valid');
  const bad = async (path, body, re) => {
    const e = await open(srv, u.key, 'POST', path, { body });
    const msg = err(e, 999);
    assert.equal(e.data, null);
    assert.match(msg, re, JSON.stringify(body));
  };
  for (const k of Object.keys(HOOK)) {
    const b = { ...HOOK };
    delete b[k];
    await bad('webhook/add', b, new RegExp(k));
    await bad('webhook/add', { ...b, [k]: '' }, new RegExp(k));
  }
  for (const type of [0, -1, 'abc', 1.5, '2x', 99999999999]) await bad('webhook/add', { ...HOOK, webhookType: type }, /webhookType/);
  for (const url of ['ftp://x.example/', 'qyapi.weixin.qq.com/x', 'http://', 'https:///path', 'http://a b.example/', 'javascript:alert(1)']) {
    await bad('webhook/add', { ...HOOK, webhookUrl: url }, /webhookUrl/);
  }
  await bad('webhook/add', { ...HOOK, webhookCode: 'c'.repeat(129) }, /webhookCode/);
  await bad('webhook/add', { ...HOOK, webhookName: 'n'.repeat(129) }, /webhookName/);
  await bad('webhook/add', { ...HOOK, webhookUrl: 'https://x.example/' + 'p'.repeat(2100) }, /webhookUrl/);
  // any positive type is accepted (later pushplus versions add types)
  const id = ok(await open(srv, u.key, 'POST', 'webhook/add', { body: { ...HOOK, webhookType: 9 } }));
  // a duplicate code, on add and on edit
  await bad('webhook/add', { ...HOOK, webhookName: 'again' }, /webhookCode/);
  const id2 = ok(await open(srv, u.key, 'POST', 'webhook/add', { body: { ...HOOK, webhookCode: 'second' } }));
  await bad('webhook/edit', { ...HOOK, id: id2 }, /已存在/);
  // edit: id missing or bad, unknown, field errors
  await bad('webhook/edit', { ...HOOK }, /\bid\b/);
  await bad('webhook/edit', { ...HOOK, id: 'x' }, /\bid\b/);
  await bad('webhook/edit', { ...HOOK, id: 0 }, /\bid\b/);
  await bad('webhook/edit', { ...HOOK, id: 99999999 }, /不存在/);
  await bad('webhook/edit', { ...HOOK, id, webhookType: 0 }, /webhookType/);
  await bad('webhook/edit', { ...HOOK, id, webhookUrl: 'file:///etc/passwd' }, /webhookUrl/);
  await bad('webhook/edit', { id, webhookCode: 'x', webhookType: 1, webhookUrl: 'https://x.example/' }, /webhookName/);
  // nothing was changed by the failed calls
  const d = ok(await open(srv, u.key, 'POST', 'webhook/list', { body: {} }));
  assert.deepEqual(d.list.map((x) => [x.id, x.webhookCode, x.webhookType]), [[id, 'pushplus', 9], [id2, 'second', 1]]);
  // detail: missing or bad id, unknown id
  err(await open(srv, u.key, 'GET', 'webhook/detail'), 999);
  err(await open(srv, u.key, 'GET', 'webhook/detail', { query: { webhookId: 'abc' } }), 999);
  assert.match(err(await open(srv, u.key, 'GET', 'webhook/detail', { query: { webhookId: 99999999 } }), 999), /不存在/);
});

S.test('another user\'s webhook or mail id is not found; kinds do not mix', async (t, srv) => {
  const a = await user(srv, 'alice');
  const b = await user(srv, 'bob');
  const id = ok(await open(srv, a.key, 'POST', 'webhook/add', { body: HOOK }));
  assert.match(err(await open(srv, b.key, 'GET', 'webhook/detail', { query: { webhookId: id } }), 999), /不存在/);
  assert.match(err(await open(srv, b.key, 'POST', 'webhook/edit', { body: { ...HOOK, id, webhookName: 'stolen' } }), 999), /不存在/);
  assert.equal(ok(await open(srv, a.key, 'GET', 'webhook/detail', { query: { webhookId: id } })).webhookName, '推送加');
  // the same code for another user is fine (codes are per user)
  assert.equal(typeof ok(await open(srv, b.key, 'POST', 'webhook/add', { body: HOOK })), 'number');

  await srv.cli(['mail', 'add', a.uid, 'm1', '邮箱', '--smtp', 'smtp.163.com', '--port', '465', '--ssl', '1', '--account', 'a@x.test', '--password', 'pw']);
  const mailId = (await srv.cli(['mail', 'list', a.uid]))[0].id;
  assert.match(err(await open(srv, b.key, 'GET', 'mail/detail', { query: { mailId } }), 999), /不存在/);
  // a mail id is not a webhook, a webhook id is not a mail
  assert.match(err(await open(srv, a.key, 'GET', 'webhook/detail', { query: { webhookId: mailId } }), 999), /不存在/);
  assert.match(err(await open(srv, a.key, 'POST', 'webhook/edit', { body: { ...HOOK, id: mailId } }), 999), /不存在/);
  assert.match(err(await open(srv, a.key, 'GET', 'mail/detail', { query: { mailId: id } }), 999), /不存在/);
});

S.test('mail/list, mail/detail (password masked), cp/list, mp/list', async (t, srv) => {
  const u = await user(srv, 'mailer');
  let d = ok(await open(srv, u.key, 'POST', 'mail/list', { body: { current: 1, pageSize: 20 } }));
  assert.deepEqual(d, { pageNum: 1, pageSize: 20, total: 0, pages: 0, list: [] });
  await srv.cli(['mail', 'add', u.uid, 'pushplus', '推送加', '--smtp', 'smtp.163.com', '--port', '465', '--ssl', '1', '--account', 'admin@pushplus.plus', '--password', 'passwd']);
  await srv.cli(['mail', 'add', u.uid, 'plain', '明文', '--smtp', 'mail.example', '--port', '25', '--ssl', '0', '--account', 'bot@example', '--password', 'hunter2']);
  d = ok(await open(srv, u.key, 'POST', 'mail/list', { body: {} }));
  assert.deepEqual([d.total, d.pages, d.list.length], [2, 1, 2]);
  assert.deepEqual(Object.keys(d.list[0]), ['id', 'mailName', 'mailCode']);
  assert.deepEqual(d.list.map((x) => [x.mailName, x.mailCode]), [['推送加', 'pushplus'], ['明文', 'plain']]);
  d = ok(await open(srv, u.key, 'POST', 'mail/list', { body: { current: 2, pageSize: 1 } }));
  assert.deepEqual([d.total, d.pages, d.list.map((x) => x.mailCode)], [2, 2, ['plain']]);

  const [m1, m2] = (await srv.cli(['mail', 'list', u.uid])).map((x) => x.id);
  let det = ok(await open(srv, u.key, 'GET', 'mail/detail', { query: { mailId: m1 } }));
  assert.deepEqual(Object.keys(det), ['id', 'mailName', 'mailCode', 'account', 'password', 'smtpServer', 'smtpSsl', 'smtpPort', 'createTime']);
  assert.deepEqual(det, { id: m1, mailName: '推送加', mailCode: 'pushplus', account: 'admin@pushplus.plus', password: '******', smtpServer: 'smtp.163.com', smtpSsl: 1, smtpPort: 465, createTime: det.createTime });
  assert.match(det.createTime, DATE_RE);
  det = ok(await open(srv, u.key, 'GET', 'mail/detail', { query: { mailId: m2 } }));
  assert.deepEqual([det.smtpSsl, det.smtpPort, det.password], [0, 25, '******']);
  const raw = await open(srv, u.key, 'GET', 'mail/detail', { query: { mailId: m2 } });
  assert.ok(!JSON.stringify(raw).includes('hunter2'), 'the stored password never leaves the server');
  err(await open(srv, u.key, 'GET', 'mail/detail'), 999);
  err(await open(srv, u.key, 'GET', 'mail/detail', { query: { mailId: -3 } }), 999);
  err(await open(srv, u.key, 'GET', 'mail/detail', { query: { mailId: 99999999 } }), 999);

  d = ok(await open(srv, u.key, 'POST', 'cp/list', { body: { current: 1, pageSize: 20 } }));
  assert.deepEqual([d.total, d.list.length], [0, 0]);
  await srv.cli(['cp', 'add', u.uid, 'c001', '企业微信应用名称', '--corpid', 'ww123', '--agentid', '1000002', '--secret', 's3cr3t']);
  d = ok(await open(srv, u.key, 'POST', 'cp/list', { body: {} }));
  assert.deepEqual([d.pageNum, d.pageSize, d.total, d.pages], [1, 20, 1, 1]);
  assert.deepEqual(d.list, [{ id: d.list[0].id, cpName: '企业微信应用名称', cpCode: 'c001' }]);
  assert.ok(!JSON.stringify(d).includes('s3cr3t'));
  // cp and mail rows are not webhooks
  d = ok(await open(srv, u.key, 'POST', 'webhook/list', { body: {} }));
  assert.equal(d.total, 0);

  d = ok(await open(srv, u.key, 'POST', 'mp/list', { body: { current: 2, pageSize: 10 } }));
  assert.deepEqual(d, { pageNum: 2, pageSize: 10, total: 0, pages: 0, list: [] });
  d = ok(await open(srv, u.key, 'POST', 'mp/list'));
  assert.deepEqual(d, { pageNum: 1, pageSize: 20, total: 0, pages: 0, list: [] });
});

S.test('user/myInfo: email and emailStatus from the user\'s address', async (t, srv) => {
  const u = await user(srv, 'info');
  let info = ok(await open(srv, u.key, 'GET', 'user/myInfo'));
  assert.deepEqual([info.email, info.emailStatus], ['', 0]);
  await srv.cli(['user', 'email', u.uid, 'info@example.test']);
  info = ok(await open(srv, u.key, 'GET', 'user/myInfo'));
  assert.deepEqual([info.email, info.emailStatus], ['info@example.test', 2]);
});

S.test('a webhook added or edited through the open API is used at once by /send', async (t, srv) => {
  const sink = await startSink({ body: '{"ok":true}' });
  t.after(() => sink.close());
  const u = await user(srv, 'sender');
  // unknown before it exists
  expectErr(await send(srv.base, { token: u.token, content: 'x', channel: 'webhook', webhook: 'ops' }), 999);
  const id = ok(await open(srv, u.key, 'POST', 'webhook/add', { body: { webhookCode: 'ops', webhookName: '运维', webhookType: 5, webhookUrl: sink.url('/first') } }));
  let sc = expectOk(await send(srv.base, { token: u.token, title: '标题', content: '内容', channel: 'webhook', webhook: 'ops' }));
  let req = await sink.waitForRequest((r) => r.json && r.json.shortCode === sc);
  assert.equal(req.path, '/first');
  assert.deepEqual(req.json, { title: '标题', content: '内容', template: 'html', shortCode: sc });
  await srv.waitStatus(sc, [2]);

  // edit: new URL and code; the old code is gone at once
  assert.equal(ok(await open(srv, u.key, 'POST', 'webhook/edit', { body: { id, webhookCode: 'ops2', webhookName: '运维', webhookType: 5, webhookUrl: sink.url('/second') } })), '修改成功');
  expectErr(await send(srv.base, { token: u.token, content: 'x', channel: 'webhook', webhook: 'ops' }), 999);
  sc = expectOk(await send(srv.base, { token: u.token, content: '二', channel: 'webhook', webhook: 'ops2' }));
  req = await sink.waitForRequest((r) => r.json && r.json.shortCode === sc);
  assert.equal(req.path, '/second');
  await srv.waitStatus(sc, [2]);
  const cnt = ok(await open(srv, u.key, 'GET', 'user/sendCount'));
  assert.equal(cnt.webhookSendCount, 2);

  // the default webhook follows a rename of its code
  ok(await open(srv, u.key, 'POST', 'setting/changeDefaultChannel', { body: { defaultChannel: 'webhook', defaultWebhook: 'ops2' } }), '执行成功');
  sc = expectOk(await send(srv.base, { token: u.token, content: '默认' }));
  assert.equal((await sink.waitForRequest((r) => r.json && r.json.shortCode === sc)).path, '/second');
  ok(await open(srv, u.key, 'POST', 'webhook/edit', { body: { id, webhookCode: 'ops3', webhookName: '运维', webhookType: 5, webhookUrl: sink.url('/third') } }));
  assert.equal(ok(await open(srv, u.key, 'GET', 'setting/getUserSettings')).defaultWebhook, 'ops3');
  sc = expectOk(await send(srv.base, { token: u.token, content: '改名后' }));
  assert.equal((await sink.waitForRequest((r) => r.json && r.json.shortCode === sc)).path, '/third');
});

S.test('concurrent webhook/add: one code wins once; distinct codes all committed', async (t, srv) => {
  const u = await user(srv, 'race');
  const same = await Promise.all(Array.from({ length: 6 }, (_, i) => open(srv, u.key, 'POST', 'webhook/add', { body: { ...HOOK, webhookName: `n${i}` } })));
  assert.equal(same.filter((e) => e.code === 200).length, 1, JSON.stringify(same));
  for (const e of same.filter((x) => x.code !== 200)) assert.match(err(e, 999), /webhookCode/);
  const many = await Promise.all(Array.from({ length: 8 }, (_, i) => open(srv, u.key, 'POST', 'webhook/add', { body: { ...HOOK, webhookCode: `k${i}` } })));
  const ids = many.map((e) => ok(e));
  assert.equal(new Set(ids).size, 8);
  const d = ok(await open(srv, u.key, 'POST', 'webhook/list', { body: { pageSize: 50 } }));
  assert.equal(d.total, 9);
  assert.deepEqual(d.list.slice(1).map((x) => x.id).sort((a, b) => a - b), [...ids].sort((a, b) => a - b));
});
