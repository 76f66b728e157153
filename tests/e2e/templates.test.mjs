// The recipient's message page: every template renders, sender HTML can
// never run script on feige's origin.
import assert from 'node:assert/strict';
import { suite } from './lib/feige.mjs';
import { send, request, expectOk } from './lib/http.mjs';

const S = suite();

async function sendAndPage(srv, params) {
  const sc = expectOk(await send(srv.base, { token: srv.admin.token, ...params }));
  const r = await request(`${srv.base}/message/${sc}`);
  assert.equal(r.status, 200, `GET /message/${sc} → ${r.status}`);
  assert.match(r.headers['content-type'] || '', /^text\/html/i);
  checkSafe(r);
  return { sc, html: r.text, res: r };
}

function checkCsp(r) {
  const csp = r.headers['content-security-policy'];
  assert.ok(csp, 'Content-Security-Policy header present');
  assert.match(csp, /sandbox/, 'CSP contains sandbox');
  const sandbox = /(?:^|;)\s*sandbox([^;]*)/.exec(csp);
  assert.ok(sandbox, 'sandbox directive: ' + csp);
  assert.doesNotMatch(sandbox[1], /allow-scripts/, 'sandbox does not allow scripts: ' + csp);
  assert.doesNotMatch(sandbox[1], /allow-same-origin/, 'sandbox keeps a unique origin: ' + csp);
}

function checkSafe(r) {
  checkCsp(r);
  assert.doesNotMatch(r.text, /<script/i, 'no <script in the page');
}

S.test('html (default): tags render as HTML, title shown', async (t, srv) => {
  const { html } = await sendAndPage(srv, { title: 'Html Title 标题', content: '<b>bold-one</b><p>para</p>' });
  assert.ok(html.includes('<b>bold-one</b>'), 'html content is emitted as markup');
  assert.ok(html.includes('Html Title 标题'), 'title shown');
});

const HOSTILE = 'x<script>alert(document.cookie)</script><SCRIPT src=//evil/x.js></SCRIPT><img src=x onerror=alert(1)>';

async function hostilePage(srv, params) {
  const sc = expectOk(await send(srv.base, { token: srv.admin.token, ...params }));
  const r = await request(`${srv.base}/message/${sc}`);
  assert.equal(r.status, 200);
  return r;
}

S.test('html: sender script cannot run (CSP sandbox without allow-scripts); title escaped', async (t, srv) => {
  const r = await hostilePage(srv, { title: '<script>alert(1)</script>', content: HOSTILE });
  checkCsp(r);
  assert.ok(r.text.includes('&lt;script&gt;alert(1)&lt;/script&gt;'), 'title is escaped');
});

// Decision: html-template content is the sender's HTML as sent (pushplus
// users send full documents with styles); what keeps its scripts inert is
// the CSP sandbox without allow-scripts, checked above and, in a real
// browser, by tests/browser (a sender <script> and onerror never run).

S.test('txt: HTML is escaped, shown literally', async (t, srv) => {
  const { html } = await sendAndPage(srv, { title: 'txt', content: 'a <b>not bold</b> & "q"', template: 'txt' });
  assert.ok(html.includes('&lt;b&gt;not bold&lt;/b&gt;'), 'txt escapes <b>');
  assert.ok(!html.includes('<b>not bold</b>'));
});

S.test('json: keys shown in a table', async (t, srv) => {
  const { html } = await sendAndPage(srv, { title: 'json', content: '{"name":"名称","size":"大小","number":42}', template: 'json' });
  assert.match(html, /<table/i);
  for (const s of ['name', '名称', 'size', '大小', 'number', '42']) assert.ok(html.includes(s), `shows ${s}`);
});

S.test('json: the doc\'s own single-quoted sample is not rejected', async (t, srv) => {
  const { html } = await sendAndPage(srv, { title: 'json sq', content: "{'name':'名称','size':'大小','number':'数量'}", template: 'json' });
  assert.ok(html.includes('名称'));
});

S.test('json: nested objects and arrays', async (t, srv) => {
  const { html } = await sendAndPage(srv, { content: JSON.stringify({ outer: { inner: 'deep-v' }, list: ['l-1', 'l-2'] }), template: 'json' });
  for (const s of ['outer', 'inner', 'deep-v', 'l-1', 'l-2']) assert.ok(html.includes(s), `shows ${s}`);
});

S.test('markdown: headings, lists, emphasis', async (t, srv) => {
  const { html } = await sendAndPage(srv, {
    title: 'md',
    content: '# 大标题 \n ##### 小标题 \n  1. 第一项 \n 2. 第二项 \n\n**strong-x**',
    template: 'markdown',
  });
  assert.match(html, /<h1[^>]*>\s*大标题/);
  assert.match(html, /<h5[^>]*>\s*小标题/);
  assert.match(html, /<li[^>]*>\s*第一项/);
  assert.match(html, /<strong>strong-x<\/strong>/);
});

S.test('markdown: raw script in markdown cannot run (CSP sandbox)', async (t, srv) => {
  const r = await hostilePage(srv, { content: '# hi\n\n<script>alert(1)</script>\n\n[x](javascript:alert(1))', template: 'markdown' });
  checkCsp(r);
  assert.match(r.text, /<h1[^>]*>hi<\/h1>/);
});

S.test('markdown: raw HTML passes through md4c but runs under the same CSP sandbox', async (t, srv) => {
  const r = await hostilePage(srv, { content: '# hi\n\n<script>alert(1)</script>', template: 'markdown' });
  checkCsp(r);
  assert.match(r.text, /<h1>hi<\/h1>/);
});

S.test('cloudMonitor, jenkins, route, pay: payload values shown', async (t, srv) => {
  const cases = {
    cloudMonitor: { alertName: 'cm-alert-1', alertState: 'ALERT', curValue: '91', instanceName: 'i-abc' },
    jenkins: { job: 'jk-job-1', result: 'FAILURE', number: 17 },
    route: { router: 'rt-1', event: 'online' },
    pay: { amount: '9.90', orderNo: 'pay-ord-1' },
  };
  for (const [template, obj] of Object.entries(cases)) {
    const { html } = await sendAndPage(srv, { title: template, content: JSON.stringify(obj), template });
    const v = Object.values(obj)[0];
    assert.ok(html.includes(v), `${template} shows ${v}`);
  }
});

S.test('non-JSON content with a JSON template still renders', async (t, srv) => {
  for (const template of ['json', 'cloudMonitor', 'jenkins', 'route', 'pay']) {
    const { html } = await sendAndPage(srv, { content: `plain <i>words</i> ${template}`, template });
    assert.ok(html.includes(`words`));
  }
});

S.test('message page opens without any token; unknown shortCode → 404 page', async (t, srv) => {
  const { sc } = await sendAndPage(srv, { content: 'alone' });
  const r = await request(`${srv.base}/message/${sc}`, { headers: {} });
  assert.equal(r.status, 200);
  const r404 = await request(`${srv.base}/message/${'0'.repeat(32)}`);
  assert.equal(r404.status, 404);
  assert.ok(r404.text.length > 0, '404 page has a body');
  const bad = await request(`${srv.base}/message/not-a-code`);
  assert.equal(bad.status, 404);
});
