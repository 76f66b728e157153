// channel=mail through a real SMTP server (aiosmtpd, lib/smtpd.py): the
// server's default sender (feige.conf mail.*) and a user's own mail config
// with login; UTF-8 subject (RFC 2047), From/To, HTML and text bodies;
// friends in `to`; recipients without an address; SMTP 5xx and 4xx.
import assert from 'node:assert/strict';
import { after } from 'node:test';
import { suite } from './lib/feige.mjs';
import { send, expectOk, expectErr } from './lib/http.mjs';
import { startSmtp, parseMail, decodeWords } from './lib/smtp.mjs';

const smtp = await startSmtp();
after(() => smtp.stop());

const S = suite({
  config: {
    'mail.host': '127.0.0.1',
    'mail.port': smtp.port,
    'mail.from': 'feige@example.test',
    'channel.allow_private': 'yes',
    'queue.retry_base_ms': 200,
    'queue.retry_max': 3,
  },
});

const toAddr = (addr) => (m) => m.rcpt_tos.includes(addr);
const b64 = (body) => Buffer.from(body.replace(/\r\n/g, ''), 'base64').toString('utf8');

S.test('default sender: UTF-8 subject, From/To, HTML body; status 2', async (t, srv) => {
  const u = await srv.addUser('mailer');
  const e = await srv.cli(['user', 'email', u.uid, 'mailer@example.test']);
  assert.equal(e.email, 'mailer@example.test');
  const title = '告警：磁盘使用率 95% ✓ — a long subject that needs several encoded words 测试测试';
  const sc = expectOk(await send(srv.base, { token: u.token, title, content: '<p>你好 <b>世界</b></p>', channel: 'mail' }));
  const m = await srv.waitStatus(sc, [2]);
  assert.equal(m.deliveries[0].channel, 'mail');
  const got = await smtp.waitFor(toAddr('mailer@example.test'));
  assert.equal(got.mail_from, 'feige@example.test');
  assert.deepEqual(got.rcpt_tos, ['mailer@example.test']);
  assert.equal(got.login, null, 'no login without mail.account');
  const { headers, body } = parseMail(got.data);
  assert.equal(headers.from, '<feige@example.test>');
  assert.equal(headers.to, '<mailer@example.test>');
  assert.match(headers.subject, /^=\?UTF-8\?B\?/);
  assert.equal(decodeWords(headers.subject), title);
  for (const line of got.data.split('\r\n\r\n')[0].split('\r\n')) assert.ok(line.length <= 78, `header line too long: ${line}`);
  assert.equal(headers['mime-version'], '1.0');
  assert.equal(headers['content-type'], 'text/html; charset=UTF-8');
  assert.equal(headers['content-transfer-encoding'], 'base64');
  assert.match(headers['message-id'], new RegExp(`^<${sc}\\.\\d+@feige>$`));
  assert.ok(headers.date);
  const html = b64(body);
  assert.match(html, /<p>你好 <b>世界<\/b><\/p>/);
  assert.match(html, /<meta charset="utf-8">/);
});

S.test('txt template → text/plain; markdown → HTML; no title → subject from the content', async (t, srv) => {
  const u = await srv.addUser('mailer2');
  await srv.cli(['user', 'email', u.uid, 'm2@example.test']);
  let sc = expectOk(await send(srv.base, { token: u.token, title: 'plain', content: '第一行\n<b>不转义</b>', template: 'txt', channel: 'mail' }));
  await srv.waitStatus(sc, [2]);
  let got = await smtp.waitFor((m) => m.rcpt_tos.includes('m2@example.test') && m.data.includes('Subject: plain'));
  let p = parseMail(got.data);
  assert.equal(p.headers['content-type'], 'text/plain; charset=UTF-8');
  assert.equal(b64(p.body), '第一行\n<b>不转义</b>');
  sc = expectOk(await send(srv.base, { token: u.token, content: '# 周报\n\n- 完成 **三项**', template: 'markdown', channel: 'mail' }));
  await srv.waitStatus(sc, [2]);
  got = await smtp.waitFor((m) => m.rcpt_tos.includes('m2@example.test') && m.data.includes(sc));
  p = parseMail(got.data);
  assert.equal(decodeWords(p.headers.subject), '周报 完成 三项');
  assert.match(b64(p.body), /<h1>周报<\/h1>/);
  assert.match(b64(p.body), /<strong>三项<\/strong>/);
});

S.test('to with friends: one mail per friend; a friend without an address fails with that reason', async (t, srv) => {
  const owner = await srv.addUser('mailowner');
  const f1 = await srv.addUser('mf1');
  const f2 = await srv.addUser('mf2');
  await srv.cli(['user', 'email', f1.uid, 'f1@example.test']);
  const t1 = (await srv.cli(['friend', 'add', owner.uid, f1.uid])).token;
  const t2 = (await srv.cli(['friend', 'add', owner.uid, f2.uid])).token;
  const sc = expectOk(await send(srv.base, { token: owner.token, title: 'to friends', content: 'hi', channel: 'mail', to: `${t1},${t2}` }));
  const m = await srv.waitStatus(sc, [3]);
  assert.equal(m.deliveries.length, 2);
  const d1 = m.deliveries.find((d) => d.uid === f1.uid);
  const d2 = m.deliveries.find((d) => d.uid === f2.uid);
  assert.equal(d1.status, 2);
  assert.equal(d2.status, 3);
  assert.match(d2.error, /no e-mail address/);
  assert.equal(d2.attempts, 1, 'not retried');
  await smtp.waitFor(toAddr('f1@example.test'));
});

S.test('a user mail config: its SMTP login and account as sender', async (t, srv) => {
  const u = await srv.addUser('mailcfg');
  await srv.cli(['user', 'email', u.uid, 'cfg-rcpt@example.test']);
  const c = await srv.cli(['mail', 'add', u.uid, '163', '我的邮箱', '--smtp', '127.0.0.1', '--port', String(smtp.port), '--ssl', '0', '--account', 'bot@corp.test', '--password', 'pw']);
  assert.equal(c.account, 'bot@corp.test');
  assert.ok(!JSON.stringify(c).includes('"pw"'), 'password not printed');
  const list = await srv.cli(['mail', 'list', u.uid]);
  assert.deepEqual(list.map((x) => x.code), ['163']);
  const sc = expectOk(await send(srv.base, { token: u.token, title: 'via config', content: 'x', channel: 'mail', webhook: '163' }));
  await srv.waitStatus(sc, [2]);
  const got = await smtp.waitFor(toAddr('cfg-rcpt@example.test'));
  assert.equal(got.mail_from, 'bot@corp.test');
  assert.equal(got.login, 'bot@corp.test');
  assert.equal(parseMail(got.data).headers.from, '<bot@corp.test>');
});

S.test('SMTP 550 → status 3 with the reply; 451 → retried, then failed after retry_max', async (t, srv) => {
  const u = await srv.addUser('mailrej');
  await srv.cli(['user', 'email', u.uid, 'reject-me@example.test']);
  let sc = expectOk(await send(srv.base, { token: u.token, content: 'x', channel: 'mail' }));
  let m = await srv.waitStatus(sc, [3]);
  assert.match(m.error, /smtp 550/);
  assert.equal(m.deliveries[0].attempts, 1);
  const v = await srv.addUser('maillater');
  await srv.cli(['user', 'email', v.uid, 'later@example.test']);
  sc = expectOk(await send(srv.base, { token: v.token, content: 'x', channel: 'mail' }));
  const mid = await srv.waitStatus(sc, [1, 3]);
  if (mid.status === 1) assert.match(mid.deliveries[0].error, /smtp 451/);
  m = await srv.waitStatus(sc, [3], 10000);
  assert.equal(m.deliveries[0].attempts, 3);
  assert.match(m.error, /smtp 451/);
});

S.test('accept-time errors: unknown mail code → 999; bad address refused by the CLI', async (t, srv) => {
  const r = await send(srv.base, { token: srv.admin.token, content: 'x', channel: 'mail', webhook: 'nomail' });
  expectErr(r, 999);
  assert.match(r.json.msg, /nomail/);
  const bad = await srv.cli(['user', 'email', srv.admin.uid, 'not an address'], { raw: true });
  assert.notEqual(bad.code, 0);
});

S.test('fan-out with one recipient retrying: the message is status 1 until every delivery is final', async (t, srv) => {
  const owner = await srv.addUser('fanowner');
  const a = await srv.addUser('fana');
  const b = await srv.addUser('fanb');
  await srv.cli(['user', 'email', a.uid, 'fan-a@example.test']);
  await srv.cli(['user', 'email', b.uid, 'later-b@example.test']);
  const ta = (await srv.cli(['friend', 'add', owner.uid, a.uid])).token;
  const tb = (await srv.cli(['friend', 'add', owner.uid, b.uid])).token;
  const sc = expectOk(await send(srv.base, { token: owner.token, content: 'fan', channel: 'mail', to: `${ta},${tb}` }));
  const mid = await srv.waitStatus(sc, [1]);
  assert.equal(mid.deliveries.find((d) => d.uid === b.uid).status, 1);
  const m = await srv.waitStatus(sc, [3], 10000);
  assert.match(m.error, /smtp 451/);
  assert.equal(m.deliveries.find((d) => d.uid === a.uid).status, 2);
  assert.equal(m.deliveries.find((d) => d.uid === b.uid).attempts, 3);
});
