// Templates form, doc and excel with pushId (pushplus send API 1.16/1.17,
// pushplus-today.md §1.5) and the push form/doc/sheet open APIs (§2.13):
// accepted on /send and /batchSend with a pushId, refused with 999 without
// one; the message page shows the title, the content as HTML and a note
// that the form lives on pushplus under that code, with a share link only
// when pushplus.form_base is set; every /push/api path answers the JSON
// envelope with 999, never an HTML 404.
import assert from 'node:assert/strict';
import { suite } from './lib/feige.mjs';
import { send, request, expectOk, expectErr } from './lib/http.mjs';

const S = suite({ config: { 'pushplus.form_base': 'https://www.pushplus.plus/' } });
const N = suite();

async function page(srv, sc) {
  const r = await request(`${srv.base}/message/${sc}`);
  assert.equal(r.status, 200);
  assert.match(r.headers['content-security-policy'], /sandbox/);
  return r.text;
}

const KINDS = [['form', '表单'], ['doc', '文档'], ['excel', '表格']];

S.test('form, doc, excel with pushId: accepted; page shows title, HTML content, the note and the share link', async (t, srv) => {
  for (const [tpl, zh] of KINDS) {
    const sc = expectOk(await send(srv.base, { token: srv.admin.token, title: `周报${tpl}`, content: '<p>请填写<b>本周</b>进度</p>', template: tpl, pushId: `Ab-${tpl}_9` }));
    const m = await srv.waitStatus(sc, [2]);
    assert.equal(m.template, tpl);
    const html = await page(srv, sc);
    assert.ok(html.includes(`周报${tpl}`), 'title');
    assert.ok(html.includes('<p>请填写<b>本周</b>进度</p>'), 'content as HTML');
    assert.ok(html.includes(`fg-tpl-${tpl}`));
    assert.ok(html.includes(`这条消息关联一份 pushplus 推送${zh}，编码 <code>Ab-${tpl}_9</code>`), 'note with the code');
    assert.ok(html.includes(`本服务器不托管${zh}`));
    assert.ok(html.includes(`<a class="fg-push-link" href="https://www.pushplus.plus/push/${tpl}/Ab-${tpl}_9" rel="noopener noreferrer" target="_blank">在 pushplus 打开${zh}`), 'share link');
    // the note sits in the header, before the sender's HTML
    assert.ok(html.indexOf('class="fg-push"') < html.indexOf('请填写'));
  }
});

S.test('missing or bad pushId: 999 on /send (GET and POST) and per channel on /batchSend; nothing stored', async (t, srv) => {
  const before = (await srv.cli(['message', 'list'])).length;
  for (const [tpl] of KINDS) {
    let e = expectErr(await send(srv.base, { token: srv.admin.token, content: 'x', template: tpl }), 999);
    assert.match(e.msg, new RegExp(`^pushId不能为空，模板${tpl}需要已发布的${tpl}编码`));
    e = expectErr(await send(srv.base, { token: srv.admin.token, content: 'x', template: tpl, pushId: '' }, { method: 'GET' }), 999);
    assert.match(e.msg, /pushId不能为空/);
  }
  let e = expectErr(await send(srv.base, { token: srv.admin.token, content: 'x', template: 'form', pushId: 'a"b<c' }), 999);
  assert.match(e.msg, /^pushId格式不正确/);
  e = expectErr(await send(srv.base, { token: srv.admin.token, content: 'x', template: 'Form', pushId: 'x'.repeat(65) }), 999);
  assert.match(e.msg, /^pushId格式不正确/);
  const r = await send(srv.base, { token: srv.admin.token, content: 'x', template: 'doc', channel: 'wechat,mail' }, { path: '/batchSend' });
  assert.equal(r.json.code, 999, JSON.stringify(r.json));
  assert.match(r.json.msg, /pushId不能为空/);
  assert.equal((await srv.cli(['message', 'list'])).length, before);
  // other templates do not need it, and ignore one
  const sc = expectOk(await send(srv.base, { token: srv.admin.token, content: '<i>x</i>', pushId: 'ignored' }));
  assert.doesNotMatch(await page(srv, sc), /class="fg-push"/);
});

S.test('/batchSend with pushId: one message per channel, each with the note', async (t, srv) => {
  const r = await send(srv.base, { token: srv.admin.token, title: '表单', content: 'c', template: 'excel', pushId: 'sheet1', channel: 'wechat' }, { path: '/batchSend' });
  assert.equal(r.json.code, 200, JSON.stringify(r.json));
  const [item] = r.json.data;
  assert.equal(item.code, 200);
  const html = await page(srv, item.shortCode);
  assert.ok(html.includes('编码 <code>sheet1</code>'));
  assert.ok(html.includes('href="https://www.pushplus.plus/push/excel/sheet1"'));
});

N.test('without pushplus.form_base: the note, and no link', async (t, srv) => {
  const sc = expectOk(await send(srv.base, { token: srv.admin.token, title: 't', content: '<p>c</p>', template: 'form', pushId: 'F1' }));
  const html = await page(srv, sc);
  assert.ok(html.includes('编码 <code>F1</code>'));
  assert.ok(html.includes('This message refers to pushplus form F1'));
  assert.doesNotMatch(html, /fg-push-link|pushplus\.plus/);
});

N.test('/push/api/**: the JSON envelope with 999 for every path and method, never an HTML 404', async (t, srv) => {
  for (const [method, path, body] of [
    ['POST', '/push/api/open/form/list', '{"current":1,"pageSize":20,"params":{}}'],
    ['GET', '/push/api/open/form/detail?id=3', undefined],
    ['POST', '/push/api/open/doc/saveContent', '{"docCode":"d","content":"<p>x</p>"}'],
    ['GET', '/push/api/open/excel/folder/tree', undefined],
    ['DELETE', '/push/api', undefined],
    ['PUT', '/push/api/anything/else', 'x'],
  ]) {
    const r = await request(`${srv.base}${path}`, { method, body, headers: { 'access-key': 'k', 'Content-Type': 'application/json' } });
    assert.equal(r.status, 200, `${method} ${path}`);
    assert.match(r.headers['content-type'], /^application\/json/);
    const j = JSON.parse(r.text);
    assert.deepEqual(Object.keys(j), ['code', 'msg', 'data']);
    assert.equal(j.code, 999);
    assert.equal(j.data, null);
    assert.match(j.msg, /不支持推送表单、推送文档和推送表格的开放接口/);
  }
});
