// Console helpers of the browser tests: sign in by a one-time link,
// and axe-core's serious or critical violations of a page.
import { createRequire } from 'node:module';

const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

/** Sign uid in on page by a fresh link (its button), then open path. */
export async function signIn(srv, page, uid, path = '/console') {
  const { url } = await srv.cli(['user', 'login-link', uid]);
  await page.goto(`${srv.base}${new URL(url).pathname}`);
  await Promise.all([page.waitForNavigation(), page.locator('button.fg-follow').click()]);
  await page.goto(`${srv.base}${path}`);
}

/** Every serious or critical axe violation of the page, as text. */
export async function axeBad(page) {
  await page.addScriptTag({ path: AXE });
  const r = await page.evaluate(() => axe.run(document, { resultTypes: ['violations'] }));
  return r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}
