// Browser harness: Debian's Chromium (/usr/bin/chromium) driven by
// playwright-core, the library only (it never downloads a browser).
//
//   const { S, B } = pageSuite();      // one feige and one Chromium per file
//   S.test('name', async (t, srv) => {
//     const page = await B.page(t);    // fresh page, closed when t ends
//   });
//
// Each run gets a fresh temp user-data-dir. Console messages, page errors
// and failed requests of every page are recorded (attachPageLog) and added
// to the error of a test body wrapped in withPageLog(page, fn); screenshots
// go to shotDir(srv) (see below).
import { existsSync } from 'node:fs';
import { mkdtemp, mkdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { before, after } from 'node:test';
import { suite } from '../../e2e/lib/feige.mjs';

export const CHROMIUM = process.env.FEIGE_CHROMIUM || '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

// Page default timeout; every wait in these tests is bounded by it.
export const PAGE_TIMEOUT_MS = 10000;

async function loadPlaywright() {
  try {
    return await import('playwright-core');
  } catch (e) {
    throw new Error(`playwright-core is not installed (npm ci): ${e.message}`);
  }
}

/** Launch Chromium with a fresh temp profile. Returns {context, browser, profile, close}. */
export async function launch({ viewport = { width: 1280, height: 900 } } = {}) {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium`);
  const { chromium } = await loadPlaywright();
  const profile = await mkdtemp(path.join(tmpdir(), 'feige-chromium-'));
  let context;
  try {
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      args: CHROMIUM_ARGS,
      viewport,
      // the inbox picks its language from navigator.language: Chinese,
      // as the pages are written; a test that wants English says so
      locale: 'zh-CN',
      timeout: 30000,
    });
  } catch (e) {
    await rm(profile, { recursive: true, force: true });
    throw e;
  }
  context.setDefaultTimeout(PAGE_TIMEOUT_MS);
  context.setDefaultNavigationTimeout(PAGE_TIMEOUT_MS);
  // the persistent context opens with one blank page: close it
  for (const p of context.pages()) await p.close().catch(() => {});
  return {
    context,
    browser: context.browser(),
    profile,
    async close() {
      try {
        await context.close();
      } finally {
        await rm(profile, { recursive: true, force: true });
      }
    },
  };
}

/** Record a page's console messages, page errors and failed requests. */
export function attachPageLog(page) {
  const log = [];
  page.on('console', (m) => log.push({ kind: 'console', type: m.type(), text: m.text() }));
  page.on('pageerror', (e) => log.push({ kind: 'pageerror', text: String(e && e.message) }));
  page.on('requestfailed', (r) => log.push({ kind: 'requestfailed', text: `${r.method()} ${r.url()} ${r.failure()?.errorText}` }));
  page.pwLog = log;
  return log;
}

export function formatLog(log) {
  return log.map((l) => `  [${l.kind}${l.type ? ':' + l.type : ''}] ${l.text}`).join('\n');
}

/**
 * One Chromium per test file (registered as before/after hooks).
 * B.page(t, opts) opens a page in the shared context, or in a context of
 * its own when opts has viewport/isMobile/etc.; the page is closed after t.
 * B.wrap(page, fn) appends that page's console log to a failing fn's error.
 */
export function browserSuite() {
  const B = {
    b: null,
    async page(t, ctxOpts) {
      if (!B.b) throw new Error('Chromium did not start (see the before hook failure)');
      let page, ownCtx = null;
      if (ctxOpts) {
        // a separate context with its own viewport/device settings, in the same browser
        ownCtx = await B.b.browser.newContext(ctxOpts);
        ownCtx.setDefaultTimeout(PAGE_TIMEOUT_MS);
        ownCtx.setDefaultNavigationTimeout(PAGE_TIMEOUT_MS);
        page = await ownCtx.newPage();
      } else {
        page = await B.b.context.newPage();
      }
      attachPageLog(page);
      t.after(async () => {
        await page.close().catch(() => {});
        if (ownCtx) await ownCtx.close().catch(() => {});
      });
      return page;
    },
  };
  before(async () => {
    B.b = await launch();
  });
  after(async () => {
    if (B.b) await B.b.close();
  });
  return B;
}

/** Run fn; on failure add the page's console log and URL to the error. */
export async function withPageLog(page, fn) {
  try {
    return await fn();
  } catch (e) {
    try {
      const add = `\n--- page ${page.url()} log ---\n${formatLog(page.pwLog || [])}\n---`;
      e.message += add;
      // the reporter prints the stack, which was fixed when e was made
      if (typeof e.stack === 'string') e.stack += add;
    } catch {
      /* frozen */
    }
    throw e;
  }
}

/**
 * Where screenshots go: $FEIGE_BROWSER_SHOTS when set (kept, for looking
 * at them), else a shots/ dir under the server's temp root (removed with
 * it unless FEIGE_E2E_KEEP=1).
 */
export async function shotDir(srv) {
  const dir = process.env.FEIGE_BROWSER_SHOTS ? path.resolve(process.env.FEIGE_BROWSER_SHOTS) : path.join(srv.root, 'shots');
  await mkdir(dir, { recursive: true });
  return dir;
}

/** Full-page screenshot to dir/name.png; returns {file, size}. */
export async function screenshot(page, dir, name) {
  const file = path.join(dir, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return { file, size: (await stat(file)).size };
}

/** Horizontal overflow of the document: {scrollWidth, clientWidth, wide: [...]}. */
export async function overflow(page) {
  return page.evaluate(() => {
    const de = document.documentElement;
    const cw = de.clientWidth;
    const wide = [];
    for (const el of document.querySelectorAll('body *')) {
      const r = el.getBoundingClientRect();
      if (r.right > cw + 1 && wide.length < 8) {
        wide.push(`${el.tagName.toLowerCase()}${el.className ? '.' + String(el.className).trim().split(/\s+/).join('.') : ''} right=${Math.round(r.right)}`);
      }
    }
    return { scrollWidth: de.scrollWidth, clientWidth: cw, wide };
  });
}

/**
 * One feige (tests/e2e/lib/feige.mjs suite) and one Chromium per test file.
 * Hooks run in this order: Chromium starts, feige starts; at the end
 * Chromium closes first (so no browser connection is open at shutdown),
 * then feige gets SIGTERM and must exit 0, then its temp dir goes.
 *
 * The SIGTERM is sent here rather than left to the harness's Feige.stop():
 * that one races the exit against a 15 s sleep() whose timer it never
 * clears, which keeps node (and so the whole file) alive 15 s after the
 * last test. Once the server has exited, Feige.stop() returns at once.
 */
export function pageSuite({ config = {}, timeoutMs = 60000 } = {}) {
  const B = browserSuite();
  let S = null;
  after(async () => {
    const srv = S && S.srv;
    if (!srv || !srv.proc) return;
    if (srv.exit) {
      // Feige.stop() would return quietly: a server that died under the tests is a failure
      throw new Error(`feige exited during the tests: ${JSON.stringify(srv.exit)}\n--- feige stderr (tail) ---\n${srv.stderrTail()}\n---`);
    }
    srv.proc.kill('SIGTERM');
    let timer;
    const ex = await Promise.race([srv.exited, new Promise((r) => (timer = setTimeout(() => r(null), 15000)))]);
    clearTimeout(timer);
    if (!ex) {
      srv.proc.kill('SIGKILL');
      await srv.exited;
      throw srv.annotate(new Error('feige did not exit within 15000 ms of SIGTERM'));
    }
    if (ex.code !== 0) throw srv.annotate(new Error(`feige exited ${JSON.stringify(ex)} after SIGTERM, expected code 0`));
  });
  S = suite({ config, timeoutMs });
  return { S, B };
}
