// The PostgreSQL store for end-to-end runs (make test-pg): when
// FEIGE_TEST_PG names a test cluster's maintenance database
// (tests/pg/start.sh), every feige data dir gets a database of its own,
// named from the dir's path, made on first use and dropped when the dir
// is cleaned up. A server and the CLI calls on its data dir reach it
// through FEIGE_STORE_URL (store.url), so tests stay as independent as
// with SQLite and a restart on the same dir finds its data again.
// Without FEIGE_TEST_PG nothing changes: the store is SQLite's feige.db.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import path from 'node:path';

export const PG_BASE = process.env.FEIGE_TEST_PG || '';
/** For tests about SQLite's own file (feige.db, its lock, sqlite3). */
export const ON_PG = PG_BASE !== '';

const made = new Set();

function dbName(dir) {
  return 'fg_' + createHash('sha1').update(path.resolve(dir)).digest('hex').slice(0, 24);
}

function psql(sql) {
  const r = spawnSync('psql', [PG_BASE, '-qXc', sql], { encoding: 'utf8', timeout: 30000 });
  return r;
}

/** The store.url of a data dir (its database made if need be), or ''. */
export function pgUrlFor(dir) {
  if (!ON_PG) return '';
  const name = dbName(dir);
  if (!made.has(name)) {
    const r = psql(`CREATE DATABASE ${name}`);
    if (r.status !== 0 && !/already exists/.test(r.stderr)) throw new Error(`CREATE DATABASE ${name}: ${r.stderr}`);
    made.add(name);
  }
  const u = new URL(PG_BASE);
  u.pathname = '/' + name;
  return u.toString();
}

/** The environment of a feige process on data dir dir. */
export function storeEnv(dir, env = process.env) {
  if (!ON_PG || !dir) return env;
  return { ...env, FEIGE_STORE_URL: pgUrlFor(dir) };
}

/**
 * An outage of a data dir's database for the connections running query
 * (their last statement, as pg_stat_activity shows it): they are ended,
 * and no new connection is let in (superusers neither: datallowconn)
 * until pgOutageEnd(dir); the other connections made already stay.
 */
export function pgOutage(dir, query) {
  const name = dbName(dir);
  const r = psql(`ALTER DATABASE ${name} ALLOW_CONNECTIONS false; ` +
    `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '${name}' AND query = '${query.replace(/'/g, "''")}'`);
  if (r.status !== 0 || r.stderr) throw new Error(`outage: ${r.stderr}`);
}

/** The end of pgOutage(dir): connections are let in again. */
export function pgOutageEnd(dir) {
  const r = psql(`ALTER DATABASE ${dbName(dir)} ALLOW_CONNECTIONS true`);
  if (r.status !== 0 || r.stderr) throw new Error(`outage end: ${r.stderr}`);
}

/** Drop the database of a data dir (cleanup). */
export function pgDrop(dir) {
  if (!ON_PG) return;
  const name = dbName(dir);
  if (!made.has(name)) return;
  psql(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  made.delete(name);
}

/**
 * Whether a data dir holds feige data: SQLite's feige.db there, or on
 * PostgreSQL the schema in the dir's database (made by init or serve).
 */
export function hasData(dir, fs) {
  if (!ON_PG) return fs.existsSync(dir + '/feige.db');
  const u = new URL(PG_BASE);
  u.pathname = '/' + dbName(dir);
  const r = spawnSync('psql', [u.toString(), '-AtXc', "SELECT to_regclass('schema_version') IS NOT NULL"], { encoding: 'utf8', timeout: 30000 });
  return r.status === 0 && r.stdout.trim() === 't';
}

/** Whether storeSql can run here: psql on PostgreSQL, else the sqlite3 CLI. */
export const HAVE_STORE_SQL = ON_PG || spawnSync('sqlite3', ['-version']).status === 0;

/**
 * Run SQL on a data dir's store behind the server's back (to age rows,
 * to look at what is stored): psql on PostgreSQL, the sqlite3 CLI on
 * SQLite (WAL mode: it writes next to the running server). The text
 * must be SQL both accept (64-bit arithmetic done in JS: PostgreSQL's
 * integer literals are 32-bit). Its output, rows one a line.
 */
export function storeSql(dir, text) {
  const r = ON_PG
    ? spawnSync('psql', ['-XAtq', '-v', 'ON_ERROR_STOP=1', pgUrlFor(dir)], { input: `${text}\n`, encoding: 'utf8' })
    : spawnSync('sqlite3', [path.join(dir, 'feige.db')], { input: `.timeout 5000\n${text}\n`, encoding: 'utf8' });
  if (r.status !== 0 || r.stderr) throw new Error(`${ON_PG ? 'psql' : 'sqlite3'}: ${r.status} ${r.stderr}`);
  return r.stdout;
}
