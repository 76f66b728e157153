// Start the real SMTP server (lib/smtpd.py, Debian's python3-aiosmtpd) on a
// free loopback port; read back what it received; decode MIME pieces.
import { spawn } from 'node:child_process';
import net from 'node:net';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { waitFor } from './wait.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
export const PYTHON = process.env.FEIGE_PYTHON || '/usr/bin/python3';

/** A free loopback TCP port (bound, read back, closed). */
export function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

/** mode: 'plain', or 'starttls' / 'tls' with tls = {cert, key} file paths */
export async function startSmtp({ mode = 'plain', tls } = {}) {
  const dir = await mkdtemp(path.join(tmpdir(), 'feige-smtp-'));
  const port = await freePort();
  const args = [path.join(HERE, 'smtpd.py'), dir, String(port)];
  if (mode !== 'plain') args.push(mode, tls.cert, tls.key);
  const proc = spawn(PYTHON, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  proc.stdout.setEncoding('utf8');
  proc.stderr.setEncoding('utf8');
  proc.stdout.on('data', (d) => (out += d));
  proc.stderr.on('data', (d) => (err += d));
  const exited = new Promise((r) => proc.on('exit', r));
  await waitFor(() => {
    if (proc.exitCode !== null) throw Object.assign(new Error(`smtpd.py exited: ${err}`), { fatal: true });
    return out.includes('ready');
  }, 10000, { what: 'smtpd ready' });
  const smtp = {
    port,
    dir,
    async messages() {
      const names = (await readdir(dir)).filter((n) => n.endsWith('.json')).sort();
      return Promise.all(names.map(async (n) => JSON.parse(await readFile(path.join(dir, n), 'utf8'))));
    },
    async waitFor(pred, timeoutMs = 10000) {
      return waitFor(async () => (await smtp.messages()).find(pred), timeoutMs, { what: 'mail received' });
    },
    async stop() {
      proc.kill('SIGTERM');
      await exited;
      await rm(dir, { recursive: true, force: true });
    },
  };
  return smtp;
}

/** Split raw RFC 5322 text into {headers: {lower-name: unfolded value}, body}. */
export function parseMail(raw) {
  const i = raw.indexOf('\r\n\r\n');
  const head = raw.slice(0, i).replace(/\r\n[ \t]/g, ' ');
  const headers = {};
  for (const line of head.split('\r\n')) {
    const c = line.indexOf(':');
    headers[line.slice(0, c).toLowerCase()] = line.slice(c + 1).trim();
  }
  return { headers, body: raw.slice(i + 4) };
}

/** Decode RFC 2047 B-encoded words (UTF-8); whitespace between words drops. */
export function decodeWords(v) {
  return v
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(/=\?UTF-8\?B\?([^?]*)\?=/gi, (m, b) => Buffer.from(b, 'base64').toString('utf8'));
}
