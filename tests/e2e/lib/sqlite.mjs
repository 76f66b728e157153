// SQL against a running server's store, for tests that set up or read
// back rows no API reaches (backdating rows for the retention purges,
// reading what a purge left): the sqlite3 CLI on feige.db (WAL mode
// lets it write next to the running server, as the admin CLI does;
// `.timeout` waits for the writer's lock instead of failing), or psql
// when the store is PostgreSQL (make test-pg, lib/pg.mjs storeSql).
// Tests that need it skip when neither is there (HAVE_SQLITE3). SQL
// both accept: 64-bit arithmetic done in JS (PostgreSQL's integer
// literals are 32-bit).
import { HAVE_STORE_SQL, storeSql } from './pg.mjs';

export const HAVE_SQLITE3 = HAVE_STORE_SQL;

// Run SQL on srv's store; returns stdout (trimmed unless raw).
export function sql(srv, text, { raw = false } = {}) {
  const out = storeSql(srv.dataDir, text);
  return raw ? out : out.trim();
}
