// channel=mail over TLS, against real SMTP servers (aiosmtpd) with a
// throwaway self-signed certificate that feige trusts through
// channel.ca_file: ssl 0 upgrades with STARTTLS (the server requires it),
// ssl 1 speaks TLS from the first byte (smtps). A server whose certificate
// feige does not trust fails the delivery at once with the reason.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after } from 'node:test';
import { suite } from './lib/feige.mjs';
import { send, expectOk } from './lib/http.mjs';
import { startSmtp, parseMail, decodeWords } from './lib/smtp.mjs';

const certDir = await mkdtemp(path.join(tmpdir(), 'feige-cert-'));
const tls = { cert: path.join(certDir, 'cert.pem'), key: path.join(certDir, 'key.pem') };
// an untrusted one: same names, not in channel.ca_file
const other = { cert: path.join(certDir, 'other.pem'), key: path.join(certDir, 'other-key.pem') };
for (const c of [tls, other]) {
  execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', c.key, '-out', c.cert,
    '-days', '1', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1,DNS:localhost'], { stdio: 'ignore' });
}
const starttls = await startSmtp({ mode: 'starttls', tls });
const implicit = await startSmtp({ mode: 'tls', tls });
const untrusted = await startSmtp({ mode: 'tls', tls: other });
after(async () => {
  await starttls.stop();
  await implicit.stop();
  await untrusted.stop();
  await rm(certDir, { recursive: true, force: true });
});

const S = suite({ config: { 'channel.ca_file': tls.cert, 'channel.allow_private': 'yes', 'queue.retry_base_ms': 200 } });

async function mailTo(srv, name) {
  const u = await srv.addUser(name);
  await srv.cli(['user', 'email', u.uid, `${name}@example.test`]);
  return u;
}

S.test('ssl 0: STARTTLS, then login and the message over TLS', async (t, srv) => {
  const u = await mailTo(srv, 'starttls');
  await srv.cli(['mail', 'add', u.uid, 'st', 'starttls', '--smtp', '127.0.0.1', '--port', String(starttls.port), '--ssl', '0', '--account', 'st@corp.test', '--password', 'pw']);
  const sc = expectOk(await send(srv.base, { token: u.token, title: '加密 STARTTLS', content: 'x', channel: 'mail', webhook: 'st' }));
  await srv.waitStatus(sc, [2]);
  const got = await starttls.waitFor((m) => m.rcpt_tos.includes('starttls@example.test'));
  assert.equal(got.tls, true);
  assert.equal(got.login, 'st@corp.test');
  assert.equal(decodeWords(parseMail(got.data).headers.subject), '加密 STARTTLS');
});

S.test('ssl 1: implicit TLS (smtps)', async (t, srv) => {
  const u = await mailTo(srv, 'smtps');
  await srv.cli(['mail', 'add', u.uid, 'tl', 'smtps', '--smtp', '127.0.0.1', '--port', String(implicit.port), '--ssl', '1', '--account', 'tl@corp.test', '--password', 'pw']);
  const sc = expectOk(await send(srv.base, { token: u.token, content: 'over smtps', channel: 'mail', webhook: 'tl' }));
  await srv.waitStatus(sc, [2]);
  const got = await implicit.waitFor((m) => m.rcpt_tos.includes('smtps@example.test'));
  assert.equal(got.tls, true);
  assert.equal(got.login, 'tl@corp.test');
});

S.test('an untrusted certificate fails at once with the reason; nothing is sent', async (t, srv) => {
  const u = await mailTo(srv, 'badtls');
  await srv.cli(['mail', 'add', u.uid, 'untrusted', 'x', '--smtp', '127.0.0.1', '--port', String(untrusted.port), '--ssl', '1', '--account', 'a@b.test', '--password', 'p']);
  const sc = expectOk(await send(srv.base, { token: u.token, content: 'x', channel: 'mail', webhook: 'untrusted' }));
  const m = await srv.waitStatus(sc, [3], 15000);
  assert.match(m.error, /certificate/i);
  assert.equal(m.deliveries[0].attempts, 1, 'not retried');
  assert.equal((await untrusted.messages()).length, 0);
});
