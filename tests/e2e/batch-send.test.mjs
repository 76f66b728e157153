// pushplus `option` (the current name of `webhook`) on /send, and the
// multi-channel /batchSend (pushplus-today.md §1.2, §1.7): option and
// webhook are one parameter (option wins), channel and option are comma
// lists paired by position, one message per channel, each counted against
// the rate limit, a bad entry fails only its own element.
import assert from 'node:assert/strict';
import { after } from 'node:test';
import { suite } from './lib/feige.mjs';
import { send, request, expectOk, expectErr, HEX32, SUCCESS_CT } from './lib/http.mjs';
import { startSink } from './lib/sink.mjs';
import { minuteAhead } from './lib/wait.mjs';

// One stand-in for the webhook receivers (/hook/…) and WeCom's API (/cgi-bin/…).
const sink = await startSink();
sink.route = (req) => {
  if (req.path === '/cgi-bin/gettoken') return { body: '{"errcode":0,"errmsg":"ok","access_token":"tok","expires_in":7200}' };
  if (req.path === '/cgi-bin/message/send') return { body: '{"errcode":0,"errmsg":"ok","invaliduser":""}' };
  return undefined;
};
after(() => sink.close());

const RATE = 6;
const S = suite({
  config: {
    'channel.allow_private': 'yes',
    'channel.wecom_base': `http://127.0.0.1:${sink.port}`,
    'pushplus.rate_limit': RATE,
  },
});

const ITEM_OK = '请求成功，请用流水号查询最终发送结果';
let seq = 0;

// A fresh user (its own rate budget) with webhook configs of type 5 (the
// generic JSON hook: it carries the shortCode) pointing at /hook/{code}.
async function user(...codes) {
  const u = await S.srv.addUser(`bs${++seq}`);
  for (const c of codes) {
    await S.srv.cli(['webhook', 'add', u.uid, c, `hook ${c}`, '5', sink.url(`/hook/${c}`)]);
  }
  return u;
}

const hooked = (code, sc) => sink.waitForRequest((r) => r.path === `/hook/${code}` && r.json?.shortCode === sc);

/** Assert the /batchSend envelope; returns data. */
function expectBatch(res, n) {
  assert.equal(res.status, 200, res.text);
  assert.equal(res.headers['content-type'], SUCCESS_CT);
  assert.ok(res.json, res.text);
  assert.deepEqual(Object.keys(res.json), ['code', 'msg', 'data']);
  assert.equal(res.json.code, 200, res.text);
  assert.equal(res.json.msg, '执行成功', res.text);
  assert.ok(Array.isArray(res.json.data), res.text);
  assert.equal(res.json.data.length, n, res.text);
  for (const e of res.json.data) assert.deepEqual(Object.keys(e), ['shortCode', 'message', 'code', 'channel']);
  return res.json.data;
}

function itemOk(e, channel) {
  assert.equal(e.code, 200, JSON.stringify(e));
  assert.match(e.shortCode, HEX32);
  assert.equal(e.message, ITEM_OK);
  assert.equal(e.channel, channel);
  return e.shortCode;
}

function itemErr(e, code, channel, re) {
  assert.equal(e.code, code, JSON.stringify(e));
  assert.equal(e.shortCode, null);
  assert.equal(e.channel, channel);
  if (re) assert.match(e.message, re);
}

// ---- /send: option ----

S.test('/send: option alone selects the webhook (official SDK JSON shape)', async (t, srv) => {
  const u = await user('opt1');
  // what the Python/Java/Node/Go SDKs send: JSON with charset, option never webhook
  const res = await request(`${srv.base}/send`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json;charset=UTF-8' },
    body: JSON.stringify({ token: u.token, title: 'sdk', content: 'via option', template: 'txt', channel: 'webhook', option: 'opt1' }),
  });
  const sc = expectOk(res);
  const req = await hooked('opt1', sc);
  assert.equal(req.json.content, 'via option');
  const m = await srv.waitStatus(sc, [2]);
  assert.equal(m.channel, 'webhook');
});

S.test('/send: webhook alone (legacy name), option and webhook equal', async (t, srv) => {
  const u = await user('leg1');
  let sc = expectOk(await send(srv.base, { token: u.token, content: 'legacy', channel: 'webhook', webhook: 'leg1' }));
  await hooked('leg1', sc);
  sc = expectOk(await send(srv.base, { token: u.token, content: 'both', channel: 'webhook', webhook: 'leg1', option: 'leg1' }));
  await hooked('leg1', sc);
});

S.test('/send: option and webhook differ → option wins (query, form and JSON)', async (t, srv) => {
  const u = await user('win', 'lose');
  let sc = expectOk(await send(srv.base, { token: u.token, content: 'q', channel: 'webhook', option: 'win', webhook: 'lose' }, { method: 'GET' }));
  await hooked('win', sc);
  sc = expectOk(await send(srv.base, { token: u.token, content: 'f', channel: 'webhook', option: 'win', webhook: 'lose' }, { as: 'form' }));
  await hooked('win', sc);
  // option in the query, webhook in the body: still option
  sc = expectOk(await send(srv.base, { token: u.token, content: 'j', channel: 'webhook', webhook: 'lose' }, { query: { option: 'win' } }));
  await hooked('win', sc);
  assert.equal(sink.on('/hook/lose').length, 0, 'the webhook code lost every time');
  // an unknown option is not rescued by a good webhook
  const r = await send(srv.base, { token: u.token, content: 'x', channel: 'webhook', option: 'nosuch', webhook: 'win' });
  expectErr(r, 999);
  assert.match(r.json.msg, /nosuch/);
});

S.test('/send: option applies to cp and mail; missing option names it', async (t, srv) => {
  const u = await user();
  await srv.cli(['cp', 'add', u.uid, 'cpo', 'app', '--corpid', 'ww1', '--agentid', '1000002', '--secret', 's']);
  const sc = expectOk(await send(srv.base, { token: u.token, content: 'to wecom', channel: 'cp', option: 'cpo' }));
  await srv.waitStatus(sc, [2]);
  let r = await send(srv.base, { token: u.token, content: 'x', channel: 'mail', option: 'nomail' });
  expectErr(r, 999);
  assert.match(r.json.msg, /nomail/);
  r = await send(srv.base, { token: u.token, content: 'x', channel: 'cp' });
  expectErr(r, 999);
  assert.match(r.json.msg, /option/);
});

// ---- /batchSend ----

S.test('/batchSend: one message per channel, reply exactly as documented, stored before the 200', async (t, srv) => {
  const u = await user('b1');
  const res = await send(srv.base, { token: u.token, title: 'multi', content: 'to all', channel: 'wechat,webhook', option: ',b1' }, { path: '/batchSend' });
  const data = expectBatch(res, 2);
  const [sw, sh] = [itemOk(data[0], 'wechat'), itemOk(data[1], 'webhook')];
  assert.notEqual(sw, sh, 'one shortCode per channel');
  assert.equal(
    res.text,
    `{"code":200,"msg":"执行成功","data":[{"shortCode":"${sw}","message":"${ITEM_OK}","code":200,"channel":"wechat"},` +
      `{"shortCode":"${sh}","message":"${ITEM_OK}","code":200,"channel":"webhook"}]}`,
  );
  // committed before the reply: both are there at once
  const [mw, mh] = [await srv.showMessage(sw), await srv.showMessage(sh)];
  assert.equal(mw.channel, 'wechat');
  assert.equal(mh.channel, 'webhook');
  assert.equal(mw.title, 'multi');
  await hooked('b1', sh);
  await srv.waitStatus(sw, [2]);
  assert.ok((await srv.inbox(u.token)).some((x) => x.shortCode === sw), 'wechat message in the inbox');
});

S.test('/batchSend: mixed good and bad entries fail only their own element', async (t, srv) => {
  const u = await user('mx');
  const res = await send(srv.base, { token: u.token, content: 'mixed', channel: 'wechat, nope ,webhook,webhook,mail,cp', option: ' , ,mx, ,nomail' }, { path: '/batchSend' });
  const d = expectBatch(res, 6);
  itemOk(d[0], 'wechat');
  itemErr(d[1], 999, 'nope', /nope/);
  const sc = itemOk(d[2], 'webhook');
  itemErr(d[3], 999, 'webhook', /option/);
  itemErr(d[4], 999, 'mail', /nomail/);
  itemErr(d[5], 999, 'cp', /option/);
  await hooked('mx', sc);
  const list = await srv.cli(['message', 'list']);
  assert.equal(list.messages.filter((m) => m.shortCode === d[0].shortCode || m.shortCode === sc).length, 2);
});

S.test('/batchSend: every method and body form; webhook alias; option wins', async (t, srv) => {
  const shapes = [
    { method: 'GET' },
    { method: 'POST', as: 'json' },
    { method: 'POST', as: 'form' },
    { method: 'PUT', as: 'multipart' },
    { method: 'DELETE', as: 'query' },
  ];
  for (const [i, shape] of shapes.entries()) {
    const u = await user(`m${i}`, `l${i}`);
    const p = { token: u.token, content: `shape ${i}`, channel: 'webhook,wechat' };
    if (i % 2) p.option = `m${i},`;
    else Object.assign(p, { option: `m${i}`, webhook: `l${i},` });
    const d = expectBatch(await send(srv.base, p, { ...shape, path: '/batchSend' }), 2);
    const sc = itemOk(d[0], 'webhook');
    itemOk(d[1], 'wechat');
    await hooked(`m${i}`, sc);
    assert.equal(sink.on(`/hook/l${i}`).length, 0);
  }
  // the legacy name alone
  const u = await user('alias');
  const d = expectBatch(await send(srv.base, { token: u.token, content: 'alias', channel: 'webhook', webhook: 'alias' }, { path: '/batchSend' }), 1);
  await hooked('alias', itemOk(d[0], 'webhook'));
});

S.test('/batchSend/{token}, /batchSend/ and the default channel', async (t, srv) => {
  const u = await user('pt');
  let d = expectBatch(await send(srv.base, { content: 'path token', channel: 'webhook,wechat', option: 'pt' }, { path: `/batchSend/${u.token}` }), 2);
  await hooked('pt', itemOk(d[0], 'webhook'));
  itemOk(d[1], 'wechat');
  d = expectBatch(await send(srv.base, { token: u.token, content: 'slash', channel: 'wechat' }, { method: 'GET', path: '/batchSend/' }), 1);
  itemOk(d[0], 'wechat');
  // no channel: one message on the token's default (wechat)
  d = expectBatch(await send(srv.base, { token: u.token, content: 'default' }, { path: '/batchSend' }), 1);
  itemOk(d[0], 'wechat');
});

S.test('/batchSend: request-level errors use the /send envelope', async (t, srv) => {
  const u = await user();
  expectErr(await send(srv.base, { token: '0'.repeat(32), content: 'x', channel: 'wechat,mail' }, { path: '/batchSend' }), 903);
  let r = await send(srv.base, { token: u.token, channel: 'wechat,wechat' }, { path: '/batchSend' });
  expectErr(r, 999);
  assert.equal(r.json.msg, '发送内容不能为空');
  r = await send(srv.base, { token: u.token, content: 'x', channel: Array(17).fill('wechat').join(',') }, { path: '/batchSend' });
  expectErr(r, 999);
  assert.match(r.json.msg, /16/);
});

S.test('/batchSend: each channel counts as one request against the rate limit', async (t, srv) => {
  const u = await user();
  const five = { token: u.token, content: 'rate', channel: 'wechat,wechat,wechat,wechat,wechat' };
  await minuteAhead(); // the count is per calendar minute
  for (const e of expectBatch(await send(srv.base, five, { path: '/batchSend' }), 5)) itemOk(e, 'wechat');
  // budget RATE = 6: one left
  const three = { token: u.token, title: 'rl-over', content: 'rate', channel: 'wechat,wechat,wechat' };
  const d = expectBatch(await send(srv.base, three, { path: '/batchSend' }), 3);
  itemOk(d[0], 'wechat');
  itemErr(d[1], 999, 'wechat', /rate limit/);
  itemErr(d[2], 999, 'wechat', /rate limit/);
  const r = await send(srv.base, { token: u.token, content: 'after' });
  expectErr(r, 999);
  assert.match(r.json.msg, /rate limit/);
  const list = await srv.cli(['message', 'list']);
  assert.equal(list.messages.filter((m) => m.title === 'rl-over').length, 1, 'refused elements store nothing');
});
