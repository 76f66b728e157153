// Raw-body mode: `template` in the query string makes the whole raw body the
// content (webhooks, Jenkins, CloudMonitor…), unless the body is a JSON object
// with a `content` key. A `title` key in a raw JSON body serves as title.
import assert from 'node:assert/strict';
import { suite } from './lib/feige.mjs';
import { request, expectOk, expectErr } from './lib/http.mjs';

const S = suite();

async function page(srv, sc) {
  const r = await request(`${srv.base}/message/${sc}`);
  assert.equal(r.status, 200);
  return r.text;
}

const post = (srv, p, body, ct = 'application/json') =>
  request(srv.base + p, { method: 'POST', headers: ct ? { 'Content-Type': ct } : {}, body });

S.test('pushplus doc example 5: /send/{token}?template=json with a webhook payload', async (t, srv) => {
  const body = JSON.stringify({ userName: 'pushplus', updateTime: '2020-04-29 14:59:35', projectId: 82 });
  const sc = expectOk(await post(srv, `/send/${srv.admin.token}?template=json`, body));
  const m = await srv.waitStatus(sc, [2]);
  assert.equal(m.template.toLowerCase(), 'json');
  const html = await page(srv, sc);
  assert.match(html, /<table/i, 'json template renders a table');
  for (const s of ['userName', 'pushplus', 'updateTime', '2020-04-29 14:59:35', 'projectId', '82']) assert.ok(html.includes(s), `page shows ${s}`);
  const inbox = await srv.inbox(srv.admin.token);
  assert.ok(inbox.some((x) => x.shortCode === sc));
});

S.test('token in the query string works in raw mode too', async (t, srv) => {
  const sc = expectOk(await post(srv, `/send?token=${srv.admin.token}&template=json`, '{"k":"raw-q"}'));
  assert.ok((await page(srv, sc)).includes('raw-q'));
});

S.test('raw JSON body with a content key is parsed normally', async (t, srv) => {
  const body = JSON.stringify({ title: 'parsed-title', content: '{"inner":"value-in-content"}' });
  const sc = expectOk(await post(srv, `/send/${srv.admin.token}?template=json`, body));
  const m = await srv.showMessage(sc);
  assert.equal(m.title, 'parsed-title');
  const html = await page(srv, sc);
  assert.ok(html.includes('inner') && html.includes('value-in-content'));
  assert.ok(!html.includes('parsed-title"'), 'the title key is not rendered as part of the content');
});

S.test('Jenkins-like raw body: its title key becomes the title', async (t, srv) => {
  const body = JSON.stringify({ title: 'Jenkins build #7 SUCCESS', job: 'feige-ci', result: 'SUCCESS', url: 'http://ci.example/job/feige-ci/7/' });
  const sc = expectOk(await post(srv, `/send/${srv.admin.token}?template=jenkins`, body));
  const m = await srv.waitStatus(sc, [2]);
  assert.equal(m.title, 'Jenkins build #7 SUCCESS');
  assert.equal(m.template.toLowerCase(), 'jenkins');
  const html = await page(srv, sc);
  assert.ok(html.includes('feige-ci'));
});

S.test('a title in the query beats the title key of the raw body', async (t, srv) => {
  const body = JSON.stringify({ title: 'body-title', job: 'x' });
  const sc = expectOk(await post(srv, `/send/${srv.admin.token}?template=jenkins&title=query-title`, body));
  assert.equal((await srv.showMessage(sc)).title, 'query-title');
});

S.test('raw text body with template=txt in the query', async (t, srv) => {
  const sc = expectOk(await post(srv, `/send/${srv.admin.token}?template=txt&title=rawtxt`, 'line one <b>x</b>\nline two', 'text/plain'));
  const html = await page(srv, sc);
  assert.ok(html.includes('line one'));
  assert.ok(html.includes('&lt;b&gt;x&lt;/b&gt;'), 'txt escapes HTML');
  assert.equal((await srv.showMessage(sc)).title, 'rawtxt');
});

S.test('malformed JSON in raw mode is content, not an error', async (t, srv) => {
  const sc = expectOk(await post(srv, `/send/${srv.admin.token}?template=json`, "{'name':'single-quoted','size':'大'}"));
  assert.ok((await page(srv, sc)).includes('single-quoted'));
  const sc2 = expectOk(await post(srv, `/send/${srv.admin.token}?template=json`, '{"broken":'));
  assert.ok((await page(srv, sc2)).includes('broken'));
});

S.test('raw body with no Content-Type at all', async (t, srv) => {
  const sc = expectOk(await post(srv, `/send/${srv.admin.token}?template=json`, '{"noct":"yes"}', null));
  assert.ok((await page(srv, sc)).includes('noct'));
});

S.test('cloudMonitor and route and pay raw payloads', async (t, srv) => {
  const payloads = {
    cloudMonitor: { alertName: 'CPU-high', alertState: 'ALERT', curValue: '97.5', instanceName: 'web-1', metricName: 'CPUUtilization' },
    route: { router: 'r-1', event: 'device-online', mac: '00:11:22:33:44:55' },
    pay: { amount: '12.50', payType: 'wechat', orderNo: 'ORD-778899' },
  };
  for (const [tpl, p] of Object.entries(payloads)) {
    const sc = expectOk(await post(srv, `/send/${srv.admin.token}?template=${tpl}`, JSON.stringify(p)));
    await srv.waitStatus(sc, [2]);
    const html = await page(srv, sc);
    const v = Object.values(p)[0];
    assert.ok(html.includes(v), `${tpl} page shows ${v}`);
  }
});

S.test('raw mode with an empty body → 999 empty content', async (t, srv) => {
  const j = expectErr(await post(srv, `/send/${srv.admin.token}?template=json`, ''), 999);
  assert.equal(j.msg, '发送内容不能为空');
});

S.test('in raw mode a token key inside the body is content, not a credential', async (t, srv) => {
  expectErr(await post(srv, `/send?template=json`, JSON.stringify({ token: srv.admin.token, k: 1 })), 903);
});
