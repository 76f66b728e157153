// pushplus open API clawBot/... (1.12) and qqBot/... (1.17) on a server
// without clawbot.enable (ClawBot itself: clawbot.test.mjs) and without a QQ
// bot: each call answers in the envelope with 999 and a reason (never a
// success), except qqBot/list, an empty page.
import assert from 'node:assert/strict';
import { suite } from './lib/feige.mjs';
import { openUser, open, ok, err } from './lib/open.mjs';

const S = suite();

const user = openUser;

S.test('clawBot/*: 999 ClawBot未配置; getQrcodeStatus takes getQrcodeStatus= or qrcode=', async (t, srv) => {
  const u = await user(srv, 'claw');
  const qr = '0123456789abcdef0123456789abcdef';
  for (const [path, query] of [['getBotQrcode'], ['getQrcodeStatus', { getQrcodeStatus: qr }], ['getQrcodeStatus', { qrcode: qr }], ['botInfo'], ['unbind'], ['getMsg']]) {
    const e = await open(srv, u.key, 'GET', 'clawBot/' + path, { query });
    assert.match(err(e, 999), /^ClawBot未配置/, path);
    assert.equal(e.data, null);
  }
  assert.match(err(await open(srv, u.key, 'GET', 'clawBot/getQrcodeStatus'), 999), /getQrcodeStatus/);
  // still behind the access-key
  err(await open(srv, null, 'GET', 'clawBot/botInfo'), 401);
});

S.test('qqBot/*: 999 with the reason; qqBot/list an empty page', async (t, srv) => {
  const u = await user(srv, 'qq');
  const calls = [
    ['GET', 'getBindLink', { query: { refresh: 'true' } }],
    ['GET', 'botInfo', {}],
    ['GET', 'unbind', {}],
    ['GET', 'groupList', {}],
    ['POST', 'add', { body: { qqName: 'g', qqCode: 'g1', qqGroupId: 1 } }],
    ['POST', 'edit', { body: { id: 1, qqName: 'g', qqGroupId: 1 } }],
    ['DELETE', 'delete', { query: { id: 1 } }],
  ];
  for (const [m, path, opts] of calls) {
    const e = await open(srv, u.key, m, 'qqBot/' + path, opts);
    assert.match(err(e, 999), /QQ机器人不可用/, path);
    assert.match(e.msg, /proactive-message permission/);
  }
  const page = ok(await open(srv, u.key, 'POST', 'qqBot/list', { body: { current: 1, pageSize: 10, params: {} } }));
  assert.deepEqual(page, { pageNum: 1, pageSize: 10, total: 0, pages: 0, list: [] });
});
