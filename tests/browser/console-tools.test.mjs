// The console's tools beyond the lists (issue 12): a channel config's
// "send a test" (one request to a recording stand-in now, the exact
// bytes it got, its answer on the page, escaped), with axe-core on
// every page it draws.
import assert from 'node:assert/strict';
import { after } from 'node:test';
import { sinkPool, addWebhook, startSink } from '../e2e/lib/sink.mjs';
import { send, expectOk } from '../e2e/lib/http.mjs';
import { waitFor } from '../e2e/lib/wait.mjs';
import { pageSuite, withPageLog, shotDir, screenshot, overflow } from './lib/browser.mjs';
import { signIn, axeBad } from './lib/console.mjs';

// a stand-in of Tencent Cloud's SMS API for the operator's SMS page
const tencent = await startSink({ body: '{"Response":{"SendStatusSet":[{"Code":"Ok","Message":"send success"}],"RequestId":"r-1"}}' });
after(() => tencent.close());
const { S, B } = pageSuite({
  config: {
    'channel.allow_private': 'yes',
    'channel.timeout_ms': 3000,
    'sms.provider': 'tencent',
    'sms.secret_id': 'AKIDconsole',
    'sms.secret_key': 'console-secret-key-not-shown',
    'sms.sdk_app_id': '1400000001',
    'sms.sign_name': '飞鸽',
    'sms.template_id': '100001',
    'sms.endpoint': `http://127.0.0.1:${tencent.port}/`,
  },
});
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
    await screenshot(page, await shotDir(srv), 'console-channels-test-zh-desktop');
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

S.test('WxPusher products: add (a bad price refused inline, typed kept), edit, grant a follower paid time (refusals inline), the pay query sees it, delete; axe in zh and en', async (t, srv) => {
  const u = await srv.addUser('product owner');
  const app = await srv.cli(['app', 'add', u.uid, '付费应用']);
  const appId = app.appId ?? app.id;
  await srv.cli(['topic', 'add', String(appId), '早报']);
  const page = await B.page(t, DESK);
  await withPageLog(page, async () => {
    await signIn(srv, page, u.uid, '/console/wxproducts');
    assert.deepEqual(await axeBad(page), [], 'products empty zh');
    const form = `#wp${appId}`;
    await page.locator(`${form} [name=name]`).fill('月度会员');
    await page.locator(`${form} [name=price]`).fill('9.999');
    await Promise.all([page.waitForNavigation(), page.locator(`${form} button[type=submit]`).click()]);
    assert.equal(await page.locator(`${form} [name=price]`).inputValue(), '9.999');
    assert.equal(await page.locator(`${form} [name=name]`).inputValue(), '月度会员');
    assert.match(await page.locator(`${form} [name=price] ~ .con-err, #f-wp${appId}-price-err`).first().textContent(), /最多两位小数/);
    assert.deepEqual(await axeBad(page), [], 'products refused zh');
    await page.locator(`${form} [name=price]`).fill('9.9');
    await Promise.all([page.waitForNavigation(), page.locator(`${form} button[type=submit]`).click()]);
    assert.match(await page.locator('table').textContent(), /月度会员.*整个应用.*¥9\.90/s);
    const prodId = (await page.locator('table code').first().textContent()).trim();
    const listed = await srv.cli(['product', 'show', prodId]);
    assert.equal(listed.price_fen ?? listed.priceFen ?? listed.price, 990);
    // edit: the row's link opens the form with the stored values
    await page.getByRole('link', { name: '编辑' }).click();
    await page.waitForURL(/edit=/);
    await page.locator(`#we${prodId} [name=price]`).fill('19');
    await page.locator(`#we${prodId} [name=name]`).fill('月度会员 Pro');
    await Promise.all([page.waitForNavigation(), page.locator(`#we${prodId} button[type=submit]`).click()]);
    assert.match(await page.locator('table').textContent(), /月度会员 Pro.*¥19\.00/s);
    // paid time for a follower: an unknown UID and 0 days refused inline, then granted
    const fan = await srv.addUser('paying follower');
    await srv.cli(['follow', fan.uid, '--app', String(appId)]);
    const g = `#wg${appId}`;
    await page.locator(`${g} [name=uid]`).fill('UID_nobody');
    await page.locator(`${g} [name=days]`).fill('0');
    await Promise.all([page.waitForNavigation(), page.locator(`${g} button[type=submit]`).click()]);
    assert.match(await page.locator(`#f-wg${appId}-uid-err`).textContent(), /没有这个 UID/);
    assert.match(await page.locator(`#f-wg${appId}-days-err`).textContent(), /不为 0/);
    assert.equal(await page.locator(`${g} [name=uid]`).inputValue(), 'UID_nobody');
    assert.deepEqual(await axeBad(page), [], 'grant refused zh');
    await page.locator(`${g} [name=uid]`).fill(fan.uid);
    await page.locator(`${g} [name=days]`).fill('30');
    const before = Date.now();
    await Promise.all([page.waitForNavigation(), page.locator(`${g} button[type=submit]`).click()]);
    assert.match(page.url(), /done=wp\.granted/);
    const r = await page.request.get(`${srv.base}/api/product/query-pay-end-time?uid=${fan.uid}&prodId=${prodId}`).then((x) => x.json());
    assert.equal(r.code, 1000);
    const end = r.data[0].payEndTime;
    assert.ok(end >= before + 30 * 86400e3 - 5000 && end <= Date.now() + 30 * 86400e3, `paid 30 days: ${end}`);
    await page.goto(`${srv.base}/console/wxproducts?lang=en`);
    assert.deepEqual(await axeBad(page), [], 'products en');
    await screenshot(page, await shotDir(srv), 'console-wxproducts-en-desktop');
    page.once('dialog', (d) => d.accept());
    await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Delete' }).click()]);
    assert.equal(await page.locator('table').count(), 0);
  });
});

S.test('devices: a test push through the outbox reaches the Bark stand-in; the page reloads until the answer is in the row', async (t, srv) => {
  const bark = await newSink({ body: '{"code":200,"message":"success"}' });
  const u = await srv.addUser('device tester');
  const add = await fetch(`${srv.base}/api/devices`, { method: 'POST', headers: { Authorization: `Bearer ${u.token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ type: 'bark', server: bark.url(''), key: 'TestKey_1' }) }).then((r) => r.json());
  assert.equal(add.code, 200);
  const id = add.data.id;
  const page = await B.page(t, DESK);
  await withPageLog(page, async () => {
    await signIn(srv, page, u.uid, '/console/devices');
    assert.match(await page.locator(`#dev-last-${id}`).textContent(), /还没有推送/);
    await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: '发送测试推送' }).click()]);
    assert.match(page.url(), new RegExp(`testing=${id}&since=\\d+`));
    await page.locator(`#dev-last-${id}`, { hasText: '已送达推送服务' }).waitFor({ timeout: 10000 });
    const got = await bark.waitForRequest((r) => r.path === '/push');
    assert.equal(got.body.replace(/"id":"test-\d+"/, '"id":"test-N"'), `{"device_key":"TestKey_1","title":"feige 测试推送 (test push)","body":"这台设备能收到 feige 的推送。(this device gets feige's pushes)","url":"${srv.base}/me","group":"feige","id":"test-N"}`);
    assert.equal(await page.locator('[data-refresh]').count(), 0, 'no more reloading');
    assert.deepEqual(await axeBad(page), [], 'devices after a test zh');
    await screenshot(page, await shotDir(srv), 'console-devices-test-zh-desktop');
    const api = await fetch(`${srv.base}/api/devices`, { headers: { Authorization: `Bearer ${u.token}` } }).then((r) => r.json());
    assert.equal(api.data[0].lastStatus, 'sent');
    // someone else's device: 404, nothing sent
    const other = await srv.addUser('not the owner');
    const p2 = await B.page(t, DESK);
    await signIn(srv, p2, other.uid, '/console/devices');
    const csrf = await p2.locator('input[name=csrf]').first().inputValue();
    const r = await p2.request.post(`${srv.base}/console/devices/test`, { form: { csrf, id: String(id) } });
    assert.equal(r.status(), 404);
    assert.equal(bark.on('/push').length, 1);
  });
});

S.test('join callbacks: set the URL (a bad one refused inline), a join and a new friend post to the stand-in, both listed delivered with their bodies', async (t, srv) => {
  const hook = await newSink({ body: 'ok' });
  const u = await srv.addUser('group owner');
  const m = await srv.addUser('joiner');
  await srv.cli(['group', 'add', u.uid, 'club', '俱乐部']);
  const page = await B.page(t, DESK);
  await withPageLog(page, async () => {
    await signIn(srv, page, u.uid, '/console/callbacks');
    assert.deepEqual(await axeBad(page), [], 'callbacks empty zh');
    await page.locator('#f-cb-url').fill('ftp://nope');
    await Promise.all([page.waitForNavigation(), page.locator('#cb button[type=submit]').click()]);
    assert.equal(await page.locator('#f-cb-url').inputValue(), 'ftp://nope');
    assert.match(await page.locator('#f-cb-url-err').textContent(), /http/);
    await page.locator('#f-cb-url').fill(hook.url('/join'));
    await Promise.all([page.waitForNavigation(), page.locator('#cb button[type=submit]').click()]);
    assert.equal(await page.locator('#f-cb-url').inputValue(), hook.url('/join'));
    await srv.cli(['group', 'join', `${u.uid}:club`, m.uid]);
    await srv.cli(['friend', 'add', u.uid, m.uid]);
    const got = await hook.waitForCount(2);
    const join = got.find((r) => r.json.event === 'add_topic_user');
    assert.equal(join.json.topicUserInfo.openId, m.uid);
    const rows = page.locator('tbody tr');
    // the sender records its verdict after the stand-in answered
    await waitFor(async () => {
      await page.reload();
      return (await rows.count()) === 2 && (await page.locator('tbody tr', { hasText: '已送达' }).count()) === 2;
    }, 10000, { what: 'both callbacks delivered on the page' });
    assert.match(await rows.nth(0).textContent(), /已送达/);
    assert.match(await rows.nth(1).textContent(), /已送达/);
    assert.equal(await rows.nth(0).locator('pre').textContent(), join.body);
    assert.deepEqual(await axeBad(page), [], 'callbacks listed zh');
    await screenshot(page, await shotDir(srv), 'console-callbacks-zh-desktop');
  });
});

S.test('operator: the upstreams page lists each host with its good and failed answers and the last error; WeChat and ClawBot off; 403 for others', async (t, srv) => {
  const good = await newSink({ body: '{"code":0}' });
  const bad = await newSink({ status: 403, body: '{"code":403,"msg":"bad key <x>"}' });
  const ok = await addWebhook(srv, 'up', 5, good.url('/ok'));
  const no = await addWebhook(srv, 'up', 5, bad.url('/no'));
  const s1 = expectOk(await send(srv.base, { token: srv.admin.token, title: 'up ok', content: 'x', channel: 'webhook', webhook: ok }));
  const s2 = expectOk(await send(srv.base, { token: srv.admin.token, title: 'up no', content: 'x', channel: 'webhook', webhook: no }));
  await srv.waitStatus(s1, [2]);
  await srv.waitStatus(s2, [3]);
  const page = await B.page(t, DESK);
  await withPageLog(page, async () => {
    await signIn(srv, page, srv.admin.uid, '/console/admin/upstreams');
    const badRow = page.locator('tbody tr', { hasText: `127.0.0.1:${bad.port}` });
    const goodRow = page.locator('tbody tr', { hasText: `127.0.0.1:${good.port}` });
    const cells = async (row) => (await row.locator('td').allTextContents()).map((s) => s.trim());
    const b = await cells(badRow);
    assert.deepEqual([b[1], b[2], b[5]], ['0', '1', 'HTTP 403: {"code":403,"msg":"bad key <x>"}']);
    const g = await cells(goodRow);
    assert.deepEqual([g[1], g[2], g[5]], ['1', '0', '']);
    assert.equal(await page.locator('tbody tr').first().textContent().then((s) => s.includes(`${bad.port}`)), true, 'newest failure first');
    assert.match(await page.locator('main').textContent(), /没有配置（wechat\.appid）/);
    assert.match(await page.locator('main').textContent(), /没有启用（clawbot\.enable）/);
    assert.deepEqual(await axeBad(page), [], 'upstreams zh');
    await screenshot(page, await shotDir(srv), 'console-admin-upstreams-zh-desktop');
    await page.goto(`${srv.base}/console/admin/upstreams?lang=en`);
    assert.deepEqual(await axeBad(page), [], 'upstreams en');
    const u = await srv.addUser('not an operator');
    const p2 = await B.page(t, DESK);
    await signIn(srv, p2, u.uid, '/console/token');
    assert.equal((await p2.request.get(`${srv.base}/console/admin/upstreams`)).status(), 403);
  });
});

S.test('operator: the SMS provider page shows the settings (secrets masked), voice not ready with the reason; a bad phone refused inline; a test SMS reaches the stand-in, its answer shown', async (t, srv) => {
  const page = await B.page(t, DESK);
  await withPageLog(page, async () => {
    await signIn(srv, page, srv.admin.uid, '/console/admin/sms');
    const text = await page.locator('main').textContent();
    assert.match(text, /短信 \(sms\)： 可以发送。/);
    assert.match(text, /语音 \(voice\)：.*sms\.voice_app_id/s);
    assert.doesNotMatch(text, /console-secret-key-not-shown/);
    assert.match(text, /sms\.secret_key（已设置，不显示）/);
    assert.deepEqual(await axeBad(page), [], 'sms zh');
    await page.locator('#f-smstest-phone').fill('12345');
    await Promise.all([page.waitForNavigation(), page.locator('#smstest button[type=submit]').click()]);
    assert.equal(await page.locator('#f-smstest-phone').inputValue(), '12345');
    assert.match(await page.locator('#f-smstest-phone-err').textContent(), /E\.164/);
    await page.locator('#f-smstest-phone').fill('138 0013 8000');
    await Promise.all([page.waitForNavigation(), page.locator('#smstest button[type=submit]').click()]);
    const req = await tencent.waitForRequest((r) => r.headers['x-tc-action'] === 'SendSms');
    assert.equal(req.body, JSON.stringify({ PhoneNumberSet: ['+8613800138000'], SignName: '飞鸽', SmsSdkAppId: '1400000001', TemplateId: '100001', TemplateParamSet: ['feige测试'] }));
    assert.equal(await page.locator('#test-status').textContent(), '200');
    assert.match(await page.locator('#test-reply').textContent(), /send success/);
    assert.match(await page.locator('#test-result').textContent(), /\+8613800138000.*上游已接受/s);
    assert.deepEqual(await axeBad(page), [], 'sms tested zh');
    await screenshot(page, await shotDir(srv), 'console-admin-sms-test-zh-desktop');
  });
});

S.test('the new pages on a phone (390x844) with content: no sideways scrolling, axe in zh and en, screenshots', async (t, srv) => {
  const u = await srv.addUser('phone pages');
  const app = await srv.cli(['app', 'add', u.uid, '手机上的应用']);
  await srv.cli(['product', 'add', String(app.appId ?? app.id), '一个相当长的产品名称用来看换行']);
  await srv.cli(['webhook', 'add', u.uid, 'robot', '机器人', '1', 'http://127.0.0.1:9/x']);
  const page = await B.page(t, { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2, locale: 'zh-CN', bypassCSP: true });
  await withPageLog(page, async () => {
    await signIn(srv, page, u.uid, '/console/channels');
    // a test result on the channels page: connection refused, the reason shown
    await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: '发送测试' }).click()]);
    await page.locator('#test-detail').waitFor();
    const dir = await shotDir(srv);
    for (const [name, p] of [['channels-test', null], ['wxproducts', '/console/wxproducts'], ['callbacks', '/console/callbacks'], ['devices', '/console/devices']]) {
      for (const lang of ['zh', 'en']) {
        if (p) await page.goto(`${srv.base}${p}?lang=${lang}`);
        assert.deepEqual(await axeBad(page), [], `${name} ${lang} phone`);
        const o = await overflow(page);
        assert.ok(o.scrollWidth <= o.clientWidth, `${name} fits 390 px: ${o.wide.join(', ')}`);
        await screenshot(page, dir, `console-${name}-${lang}-phone`);
        if (!p) break;
      }
    }
  });
});
