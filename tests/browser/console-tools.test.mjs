// The console's tools beyond the lists (issue 12): a channel config's
// "send a test" (one request to a recording stand-in now, the exact
// bytes it got, its answer on the page, escaped), with axe-core on
// every page it draws.
import assert from 'node:assert/strict';
import { sinkPool } from '../e2e/lib/sink.mjs';
import { pageSuite, withPageLog } from './lib/browser.mjs';
import { signIn, axeBad } from './lib/console.mjs';

const { S, B } = pageSuite({ config: { 'channel.allow_private': 'yes', 'channel.timeout_ms': 3000 } });
const newSink = sinkPool();
const DESK = { viewport: { width: 1280, height: 800 }, locale: 'zh-CN', bypassCSP: true };

/** Add a webhook through the console's form. */
async function addHook(page, code, type, url) {
  await page.locator('#f-add-code').fill(code);
  await page.locator('#f-add-name').fill('群机器人');
  await page.locator('#f-add-type').selectOption(String(type));
  await page.locator('#f-add-url').fill(url);
  await Promise.all([page.waitForNavigation(), page.locator('#add button[type=submit]').click()]);
}

S.test('send a test: the stand-in gets the exact request, its status and answer are on the page, escaped', async (t, srv) => {
  const sink = await newSink({ body: '{"errcode":0,"errmsg":"ok <b>bold</b>"}' });
  const u = await srv.addUser('hook tester');
  const page = await B.page(t, DESK);
  await withPageLog(page, async () => {
    await signIn(srv, page, u.uid, '/console/channels');
    await addHook(page, 'bot', 1, sink.url('/robot?key=k1'));
    await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: '发送测试' }).click()]);
    assert.match(page.url(), /\/console\/channels\/test$/);
    const req = await sink.waitForRequest((r) => r.path === '/robot');
    assert.equal(req.method, 'POST');
    assert.equal(req.query.key, 'k1');
    assert.equal(req.body, '{"msgtype":"text","text":{"content":"feige 测试消息\\n\\n这是一条来自 feige 控制台的测试消息。"}}');
    assert.equal(await page.locator('#test-status').textContent(), '200');
    assert.equal(await page.locator('#test-reply').textContent(), '{"errcode":0,"errmsg":"ok <b>bold</b>"}');
    assert.equal(await page.locator('#test-result b').count(), 0, 'the answer is text, not markup');
    assert.match(await page.locator('#test-result').textContent(), /上游已接受/);
    assert.deepEqual(await axeBad(page), [], 'test result zh');
    // nothing was stored: no message in the history
    const hist = await page.request.get(`${srv.base}/console/history`).then((r) => r.text());
    assert.doesNotMatch(hist, /feige 测试消息/);
  });
});

S.test('send a test: a refusal shows the status, the body and the reason; another person\'s config is 404', async (t, srv) => {
  const sink = await newSink({ status: 403, body: 'forbidden: bad key' });
  const u = await srv.addUser('hook refused');
  const other = await srv.addUser('someone else');
  await srv.cli(['webhook', 'add', other.uid, 'theirs', '别人的', '5', sink.url('/theirs')]);
  const page = await B.page(t, { ...DESK, locale: 'en-US' });
  await withPageLog(page, async () => {
    await signIn(srv, page, u.uid, '/console/channels?lang=en');
    await addHook(page, 'json', 5, sink.url('/json'));
    await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Send a test' }).click()]);
    assert.equal(await page.locator('#test-status').textContent(), '403');
    assert.equal(await page.locator('#test-reply').textContent(), 'forbidden: bad key');
    assert.match(await page.locator('#test-detail').textContent(), /upstream 403/);
    assert.match(await page.locator('#test-result').textContent(), /did not accept/);
    assert.deepEqual(await axeBad(page), [], 'test refused en');
    const req = await sink.waitForRequest((r) => r.path === '/json');
    assert.equal(req.json.title, 'feige test message');
    // a config id of another person: 404, no request
    const theirs = (await srv.cli(['webhook', 'list', other.uid, '--json']));
    const id = (Array.isArray(theirs) ? theirs : theirs.list || theirs.webhooks)[0].id;
    const csrf = await page.locator('input[name=csrf]').first().inputValue();
    const r = await page.request.post(`${srv.base}/console/channels/test`, { form: { csrf, id: String(id) } });
    assert.equal(r.status(), 404);
    assert.equal(sink.on('/theirs').length, 0);
  });
});
