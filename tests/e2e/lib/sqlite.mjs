// The sqlite3 CLI against a running server's database, for tests that
// set up or read back rows no API reaches (backdating rows for the
// retention purges, reading what a purge left).  WAL mode lets it write
// next to the running server, as the admin CLI does; `.timeout` waits
// for the writer's lock instead of failing.  Tests that need it skip
// when the CLI is missing (HAVE_SQLITE3).
import { spawnSync } from 'node:child_process';
import path from 'node:path';

export const HAVE_SQLITE3 = spawnSync('sqlite3', ['-version']).status === 0;

// Run SQL on srv's feige.db; returns stdout (trimmed unless raw).
export function sql(srv, text, { raw = false } = {}) {
  const r = spawnSync('sqlite3', [path.join(srv.dataDir, 'feige.db')], { input: `.timeout 5000\n${text}\n`, encoding: 'utf8' });
  if (r.status !== 0 || r.stderr) throw new Error(`sqlite3: ${r.status} ${r.stderr}`);
  return raw ? r.stdout : r.stdout.trim();
}
