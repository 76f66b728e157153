// E-mail devices (docs/devices.md "E-mail"): a new address gets a
// confirmation mail through the operator's SMTP server (a real one,
// aiosmtpd); nothing else is mailed to it until the link's button is
// pressed; then every message the person receives is mailed as plain
// text with the message page link.  A recall mails nothing.
import assert from 'node:assert/strict';
import { after } from 'node:test';
import { suite } from './lib/feige.mjs';
import { send, request, expectOk } from './lib/http.mjs';
import { startSmtp, parseMail, decodeWords } from './lib/smtp.mjs';
import { enableOpen, accessKey, open } from './lib/open.mjs';
import { waitFor } from './lib/wait.mjs';

const smtp = await startSmtp();
after(() => smtp.stop());

const S = suite({
  config: {
    'mail.host': '127.0.0.1',
    'mail.port': smtp.port,
    'mail.from': 'feige@example.test',
    'channel.allow_private': 'yes',
  },
});

const b64 = (body) => Buffer.from(body.replace(/\r\n/g, ''), 'base64').toString('utf8');
const mailsTo = async (addr) => (await smtp.messages()).filter((m) => m.rcpt_tos.includes(addr));

function api(srv, token, method, path, body) {
  const headers = { Authorization: `Bearer ${token}` };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  return request(`${srv.base}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
}

S.test('an e-mail device: confirmation mail, button, then messages mailed; recall mails nothing', async (t, srv) => {
  const u = await srv.addUser('mail-dev');
  const addr = 'phone@example.test';
  const r = await api(srv, u.token, 'POST', '/api/devices', { type: 'email', address: addr });
  assert.equal(r.json.code, 200, r.text);
  let l = (await api(srv, u.token, 'GET', '/api/devices')).json.data;
  assert.equal(l[0].active, false);
  const conf = await smtp.waitFor((m) => m.rcpt_tos.includes(addr));
  assert.equal(conf.mail_from, 'feige@example.test');
  const { headers, body } = parseMail(conf.data);
  assert.match(decodeWords(headers.subject), /确认邮箱地址/);
  const text = b64(body);
  const link = text.match(/http:\/\/\S+\/api\/devices\/verify\?secret=[0-9a-f]+/)[0];
  assert.ok(link.startsWith(srv.base));
  // not confirmed: a message goes to the inbox only
  const sc0 = expectOk(await send(srv.base, { token: u.token, title: 'before', content: 'not mailed' }));
  await srv.waitStatus(sc0, [2]);
  // the link shows a button; opening it confirms nothing
  const page = await request(link);
  assert.equal(page.status, 200);
  assert.match(page.text, /<form method="post" action="\/api\/devices\/verify">/);
  l = (await api(srv, u.token, 'GET', '/api/devices')).json.data;
  assert.equal(l[0].active, false, 'a GET (a link scanner) does not confirm');
  const secret = new URL(link).searchParams.get('secret');
  const ok = await request(`${srv.base}/api/devices/verify`, {
    method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: `secret=${secret}`,
  });
  assert.equal(ok.status, 200);
  assert.match(ok.text, /已确认/);
  const again = await request(`${srv.base}/api/devices/verify`, {
    method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: `secret=${secret}`,
  });
  assert.equal(again.status, 404, 'a used link');
  l = (await api(srv, u.token, 'GET', '/api/devices')).json.data;
  assert.equal(l[0].active, true);
  await waitFor(async () => (await api(srv, u.token, 'GET', '/api/devices')).json.data[0].lastStatus === 'sent', 10000,
    { what: 'the confirmation mail recorded as sent' });
  // confirmed: the next message is mailed
  const sc = expectOk(await send(srv.base, { token: u.token, title: '服务器告警', content: 'cpu <b>99%</b>' }));
  const mails = await waitFor(async () => {
    const m = await mailsTo(addr);
    return m.length === 2 && m;
  }, 10000, { what: 'the message mail' });
  const msg = parseMail(mails[1].data);
  assert.equal(decodeWords(msg.headers.subject), '服务器告警');
  assert.equal(msg.headers['content-type'], 'text/plain; charset=UTF-8');
  assert.equal(msg.headers.to, `<${addr}>`);
  const mtext = b64(msg.body);
  assert.match(mtext, /cpu 99%/);
  assert.ok(mtext.includes(`${srv.base}/message/${sc}`), mtext);
  assert.equal((await mailsTo(addr)).some((m) => b64(parseMail(m.data).body).includes('not mailed')), false);
  // a recall cannot unsend a mail: nothing more is mailed
  await enableOpen(srv, u.uid);
  const key = await accessKey(srv, u.token);
  assert.equal((await open(srv, key, 'DELETE', 'message/deleteMessage', { query: { shortCode: sc } })).code, 200);
  // the next mail is the next message, not a recall
  const sc2 = expectOk(await send(srv.base, { token: u.token, title: 'after', content: 'the next one' }));
  const all = await waitFor(async () => {
    const m = await mailsTo(addr);
    return m.length >= 3 && m;
  }, 10000, { what: 'the next mail' });
  assert.equal(all.length, 3);
  assert.ok(b64(parseMail(all[2].data).body).includes(`/message/${sc2}`));
});
