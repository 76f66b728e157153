// `make install` with DESTDIR and PREFIX puts the binary, the man page and
// the sample configuration in place; the installed binary runs and knows
// its version; `feige backup` copies a running server's database.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { suite, FEIGE_BIN } from './lib/feige.mjs';
import { send, expectOk } from './lib/http.mjs';
import { ON_PG } from './lib/pg.mjs';

const S = suite();
const version = fs.readFileSync('VERSION', 'utf8').trim();

S.test('make install DESTDIR=… PREFIX=/usr', async () => {
  const dest = fs.mkdtempSync(path.join(os.tmpdir(), 'feige-install-'));
  try {
    execFileSync('make', ['-s', 'install', `BIN=${FEIGE_BIN}`, `DESTDIR=${dest}`, 'PREFIX=/usr'], { stdio: 'pipe' });
    const bin = path.join(dest, 'usr/bin/feige');
    assert.equal(fs.statSync(bin).mode & 0o777, 0o755);
    assert.equal(execFileSync(bin, ['--version']).toString(), `feige ${version}\n`);
    const man = fs.readFileSync(path.join(dest, 'usr/share/man/man1/feige.1'), 'utf8');
    assert.match(man, /^\.TH FEIGE 1 /m);
    for (const f of ['feige.conf', 'LICENSE', 'README.md', 'README.zh-CN.md'])
      assert.ok(fs.existsSync(path.join(dest, 'usr/share/doc/feige', f)), f);
  } finally {
    fs.rmSync(dest, { recursive: true, force: true });
  }
});

S.test('feige version --json', async (t, srv) => {
  assert.deepEqual(await srv.cli(['version']), { version });
});

S.test('feige backup on PostgreSQL: refused, pg_dump named', async (t, srv) => {
  const file = path.join(srv.root, 'backup.db');
  const r = await srv.cli(['backup', file], { raw: true });
  assert.notEqual(r.code, 0);
  assert.match(r.stderr, /pg_dump/);
  assert.ok(!fs.existsSync(file));
}, { skip: !ON_PG && 'the store is SQLite' });

S.test('feige backup: a consistent copy while serving, never over an existing file', async (t, srv) => {
  for (let i = 0; i < 20; i++) expectOk(await send(srv.base, { token: srv.admin.token, title: 'b' + i, content: 'backup' }));
  const file = path.join(srv.root, 'backup.db');
  const r = await srv.cli(['backup', file]);
  assert.equal(r.file, file);
  assert.ok(r.bytes > 0);
  assert.equal(fs.statSync(file).mode & 0o077, 0);
  assert.ok(!fs.existsSync(file + '.partial'));
  // the copy is a data dir's database: the CLI reads the messages from it
  const dir = path.join(srv.root, 'restored');
  fs.mkdirSync(dir);
  fs.copyFileSync(file, path.join(dir, 'feige.db'));
  const list = JSON.parse(execFileSync(FEIGE_BIN, ['message', 'list', '--json', '--data', dir]).toString());
  const got = list.messages.map((m) => m.title).filter((c) => /^b\d+$/.test(c)).sort();
  assert.deepEqual(got, Array.from({ length: 20 }, (_, i) => 'b' + i).sort());
  const again = await srv.cli(['backup', file], { raw: true });
  assert.notEqual(again.code, 0);
  assert.match(again.stderr, /exists/);
}, { skip: ON_PG && 'SQLite\'s file copy; PostgreSQL is backed up with pg_dump' });
