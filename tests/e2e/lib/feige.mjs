// Harness: start the real feige binary on a free loopback port with a temp
// data dir and config, drive its admin CLI, stop it with SIGTERM (asserting
// exit 0) or kill -9 it.
import { spawn } from 'node:child_process';
import { mkdtemp, mkdir, writeFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test as nodeTest } from 'node:test';
import { before, after } from 'node:test';
import { request } from './http.mjs';
import { waitFor, sleep } from './wait.mjs';
import { storeEnv, pgDrop } from './pg.mjs';

export const FEIGE_BIN = path.resolve(process.env.FEIGE_BIN || './feige');
const KEEP = !!process.env.FEIGE_E2E_KEEP; // keep temp dirs for post-mortem

export const DEFAULT_CONFIG = {
  'callback.allow_private': 'yes',
  'callback.timeout_ms': 2000,
  'callback.tries': 3,
};

function configText(config) {
  return (
    '# written by tests/e2e/lib/feige.mjs\n' +
    Object.entries(config)
      .filter(([, v]) => v !== undefined && v !== null)
      .map(([k, v]) => `${k} = ${v}`)
      .join('\n') +
    '\n'
  );
}

function tail(s, n = 6000) {
  return s.length > n ? '…' + s.slice(-n) : s;
}

class Feige {
  constructor({ root, dataDir, configFile, config }) {
    this.root = root;
    this.dataDir = dataDir;
    this.configFile = configFile;
    this.config = config;
    this.stdout = '';
    this.stderr = '';
    this.allStderr = ''; // across restarts
    this.admin = null;
    this.proc = null;
    this.port = 0;
    this.base = '';
    this.exit = null; // {code, signal}
  }

  async start({ timeoutMs = 15000 } = {}) {
    this.stdout = '';
    this.stderr = '';
    this.exit = null;
    const args = ['serve', '--listen', '127.0.0.1:0', '--data', this.dataDir, '--config', this.configFile];
    const proc = spawn(FEIGE_BIN, args, { stdio: ['ignore', 'pipe', 'pipe'], env: storeEnv(this.storeDir || this.dataDir) });
    this.proc = proc;
    let spawnErr = null;
    this.exited = new Promise((resolve) => {
      proc.on('exit', (code, signal) => {
        const ex = { code, signal };
        if (this.proc === proc) this.exit = ex;
        resolve(ex);
      });
      // spawn failures (ENOENT, EACCES) emit 'error' and no 'exit'
      proc.on('error', (e) => {
        spawnErr = e;
        if (proc.pid === undefined) {
          const ex = { code: null, signal: null, error: e.message };
          if (this.proc === proc) this.exit = ex;
          resolve(ex);
        }
      });
    });
    proc.stdout.setEncoding('utf8');
    proc.stderr.setEncoding('utf8');
    proc.stdout.on('data', (d) => {
      if (this.proc === proc) this.stdout += d;
    });
    proc.stderr.on('data', (d) => {
      if (this.proc === proc) this.stderr += d;
      this.allStderr += d;
    });

    const port = await waitFor(
      () => {
        if (spawnErr) throw Object.assign(new Error(`cannot spawn ${FEIGE_BIN}: ${spawnErr.message}`), { fatal: true });
        if (this.exit) throw Object.assign(new Error(`feige exited early ${JSON.stringify(this.exit)}`), { fatal: true });
        const m = /addr=127\.0\.0\.1:(\d+)/.exec(this.stderr) || /addr=127\.0\.0\.1:(\d+)/.exec(this.stdout);
        return m && Number(m[1]);
      },
      timeoutMs,
      { what: 'listening line' },
    ).catch((e) => {
      throw this.annotate(e);
    });
    this.port = port;
    this.base = `http://127.0.0.1:${port}`;
    await waitFor(
      async () => {
        if (this.exit) throw new Error(`feige exited early ${JSON.stringify(this.exit)}`);
        const r = await request(this.base + '/healthz', { timeoutMs: 2000 });
        return r.status === 200 && r.json && r.json.status === 'ok';
      },
      timeoutMs,
      { what: 'GET /healthz' },
    ).catch((e) => {
      throw this.annotate(e);
    });
    if (!this.admin) {
      // first run: admin credentials on stdout
      const adm = await waitFor(
        () => {
          const uid = /uid:\s+(UID_\S+)/.exec(this.stdout);
          const tok = /token:\s+([0-9a-f]{32})\b/.exec(this.stdout);
          const inbox = /inbox:\s+(\S+)/.exec(this.stdout);
          return uid && tok && { uid: uid[1], token: tok[1], inbox: inbox && inbox[1] };
        },
        5000,
        { what: 'first-run admin block on stdout' },
      ).catch((e) => {
        throw this.annotate(e);
      });
      this.admin = adm;
    }
    return this;
  }

  /** SIGTERM, wait, assert exit 0. */
  async stop({ timeoutMs = 15000 } = {}) {
    if (!this.proc || this.exit) return this.exit;
    this.proc.kill('SIGTERM');
    let timer;
    const timeout = new Promise((r) => { timer = setTimeout(() => r(null), timeoutMs); });
    const ex = await Promise.race([this.exited, timeout]);
    clearTimeout(timer); // a pending timer would keep the test file alive
    if (!ex) {
      this.proc.kill('SIGKILL');
      await this.exited;
      throw this.annotate(new Error(`feige did not exit within ${timeoutMs} ms of SIGTERM`));
    }
    if (ex.code !== 0) throw this.annotate(new Error(`feige exited ${JSON.stringify(ex)} after SIGTERM, expected code 0`));
    return ex;
  }

  async kill9() {
    if (!this.proc || this.exit) return this.exit;
    this.proc.kill('SIGKILL');
    return this.exited;
  }

  async restart() {
    await this.stop();
    return this.start();
  }

  async cleanup() {
    if (this.proc && !this.exit) {
      this.proc.kill('SIGKILL');
      await this.exited;
    }
    if (!KEEP) {
      await rm(this.root, { recursive: true, force: true });
      pgDrop(this.dataDir);
    }
  }

  stderrTail(n) {
    return tail(this.allStderr, n);
  }

  /** Append the server's stderr (tail) to an error's message. */
  annotate(e) {
    if (e && !e.feigeAnnotated) {
      const add = `\n--- feige stderr (tail) ---\n${this.stderrTail()}\n--- feige stdout (tail) ---\n${tail(this.stdout, 1500)}\n---`;
      try {
        e.message += add;
      } catch {
        /* frozen */
      }
      e.feigeAnnotated = true;
    }
    return e;
  }

  /**
   * Run the admin CLI against this data dir. Adds --data and --json.
   * Returns parsed JSON (or {stdout, stderr, code} with raw: true).
   */
  cli(args, opts) {
    return cli(args, { dataDir: this.dataDir, ...opts });
  }

  async showMessage(shortCode) {
    return this.cli(['message', 'show', shortCode]);
  }

  async waitStatus(shortCode, statuses = [2], timeoutMs = 10000) {
    const want = Array.isArray(statuses) ? statuses : [statuses];
    let last;
    try {
      return await waitFor(
        async () => {
          last = await this.showMessage(shortCode);
          return want.includes(last.status) && last;
        },
        timeoutMs,
        { what: `message ${shortCode} status in ${want}` },
      );
    } catch (e) {
      e.message += `\nlast message show: ${JSON.stringify(last)}`;
      throw this.annotate(e);
    }
  }

  async addUser(name) {
    return this.cli(['user', 'add', name]);
  }

  /** GET /inbox/messages for a token; returns data.list */
  async inbox(token, { since, limit } = {}) {
    const q = new URLSearchParams({ token });
    if (since !== undefined) q.set('since', String(since));
    if (limit !== undefined) q.set('limit', String(limit));
    const r = await request(`${this.base}/inbox/messages?${q}`);
    if (r.status !== 200 || !r.json || r.json.code !== 200 || !r.json.data || !Array.isArray(r.json.data.list)) {
      throw new Error(`GET /inbox/messages: HTTP ${r.status} ${r.text.slice(0, 300)}`);
    }
    return r.json.data.list;
  }
}

export async function cli(args, { dataDir, json = true, raw = false, timeoutMs = 20000 } = {}) {
  const full = [...args];
  if (dataDir && !full.includes('--data')) full.push('--data', dataDir);
  if (json && !full.includes('--json')) full.push('--json');
  const res = await new Promise((resolve, reject) => {
    const di = full.indexOf('--data');
    const p = spawn(FEIGE_BIN, full, { stdio: ['ignore', 'pipe', 'pipe'], env: storeEnv(di >= 0 ? full[di + 1] : null) });
    let out = '';
    let err = '';
    p.stdout.setEncoding('utf8');
    p.stderr.setEncoding('utf8');
    p.stdout.on('data', (d) => (out += d));
    p.stderr.on('data', (d) => (err += d));
    const timer = setTimeout(() => p.kill('SIGKILL'), timeoutMs);
    p.on('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    p.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout: out, stderr: err });
    });
  });
  if (raw) return res;
  const cmd = `feige ${full.join(' ')}`;
  if (res.code !== 0) throw new Error(`${cmd} exited ${res.code}${res.signal ? ' ' + res.signal : ''}\nstdout: ${res.stdout}\nstderr: ${res.stderr}`);
  if (!json) return res.stdout;
  const text = res.stdout.trim();
  try {
    return JSON.parse(text);
  } catch {
    // tolerate log lines before the JSON object: take the last line that parses
    const lines = text.split('\n').reverse();
    for (const l of lines) {
      try {
        return JSON.parse(l);
      } catch {
        /* next */
      }
    }
    throw new Error(`${cmd}: stdout is not JSON: ${res.stdout}\nstderr: ${res.stderr}`);
  }
}

/** Create (but do not start) a server with a fresh temp root. */
export async function createFeige({ config = {} } = {}) {
  const root = await mkdtemp(path.join(tmpdir(), 'feige-e2e-'));
  const dataDir = path.join(root, 'data');
  await mkdir(dataDir);
  const configFile = path.join(root, 'feige.conf');
  const cfg = { ...DEFAULT_CONFIG, ...config };
  await writeFile(configFile, configText(cfg));
  return new Feige({ root, dataDir, configFile, config: cfg });
}

export async function startFeige(opts = {}) {
  const f = await createFeige(opts);
  try {
    await f.start();
  } catch (e) {
    await f.cleanup().catch(() => {});
    throw e;
  }
  return f;
}

/**
 * One server per test file: registers before/after hooks.
 *   const S = suite({config});
 *   S.test('name', async (t, srv) => {...});
 * A failing test gets the server's stderr tail appended to its error.
 * after(): SIGTERM and assert exit 0, then remove the temp dir.
 */
export function suite({ config = {}, timeoutMs = 60000 } = {}) {
  const S = {
    srv: null,
    test(name, fn, opts = {}) {
      return nodeTest(name, { timeout: timeoutMs, ...opts }, async (t) => {
        if (!S.srv) throw new Error('feige did not start (see before hook failure)');
        try {
          await fn(t, S.srv);
        } catch (e) {
          throw S.srv.annotate(e);
        }
      });
    },
  };
  before(async () => {
    S.srv = await startFeige({ config });
  });
  after(async () => {
    if (!S.srv) return;
    try {
      await S.srv.stop();
    } finally {
      await S.srv.cleanup();
    }
  });
  return S;
}

/** Wrap a test body so failures carry the given server's stderr. */
export async function withStderr(srv, fn) {
  try {
    return await fn();
  } catch (e) {
    throw srv ? srv.annotate(e) : e;
  }
}
