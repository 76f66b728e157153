// pushplus open API 1.10: per-token default channel configs
// (setting/*UserDefault, token/selectTokenList), the old
// changeDefaultChannel/getUserSettings on top of them, and what /send and
// /batchSend do with them: a request without `channel` goes where the
// config of the token it came with says (a message token's own, else the
// user token's), field by field, explicit values winning. Webhooks point
// at a recording stand-in, so the delivery itself is checked.
import assert from 'node:assert/strict';
import { suite } from './lib/feige.mjs';
import { request, send, expectOk } from './lib/http.mjs';
import { openUser, open, ok, err, DATE_RE } from './lib/open.mjs';
import { sinkPool } from './lib/sink.mjs';

const S = suite({ config: { 'channel.allow_private': 'yes' } });
const newSink = sinkPool();

const user = openUser;

/** A webhook config `code` of u (type 1) delivering to sink path /code. */
async function hook(srv, u, sink, code) {
  await srv.cli(['webhook', 'add', u.uid, code, code, '1', sink.url('/' + code)]);
  return code;
}

async function tokenAdd(srv, u, name) {
  const tok = ok(await open(srv, u.key, 'POST', 'token/add', { body: { name } }), '执行成功');
  const list = ok(await open(srv, u.key, 'POST', 'token/list', { body: { current: 1, pageSize: 50 } }));
  return { token: tok, id: list.list.find((t) => t.token === tok).id, name };
}

S.test('setting/*UserDefault: add, list, detail, edit, delete with the documented envelopes', async (t, srv) => {
  const u = await user(srv, 'ud1');
  const sink = await newSink();
  await hook(srv, u, sink, 'h1');
  await hook(srv, u, sink, 'h2');
  const mt = await tokenAdd(srv, u, 'mtok');

  // add: 请求成功, no data; ids as numeric strings
  assert.equal(ok(await open(srv, u.key, 'POST', 'setting/addUserDefault', { body: { channel: 'webhook', option: 'h1', pre: '', tokenId: String(mt.id) } })), null);
  assert.equal(ok(await open(srv, u.key, 'POST', 'setting/addUserDefault', { body: { channel: 'mail', option: '', pre: '', tokenId: '0' } })), null);
  // one config per token
  const dup = err(await open(srv, u.key, 'POST', 'setting/addUserDefault', { body: { channel: 'wechat', tokenId: 0 } }), 999);
  assert.match(dup, /已有默认配置/);

  const page = ok(await open(srv, u.key, 'POST', 'setting/listUserDefault', { body: { current: 1, pageSize: 20, params: {} } }));
  assert.deepEqual([page.pageNum, page.pageSize, page.total, page.pages], [1, 20, 2, 1]);
  assert.deepEqual(Object.keys(page.list[0]).sort(), ['channel', 'channelTxt', 'id', 'name', 'updateTime']);
  const [userCfg, tokCfg] = page.list;
  assert.deepEqual([userCfg.channel, userCfg.channelTxt, userCfg.name], ['mail', '邮箱', '用户token']);
  assert.deepEqual([tokCfg.channel, tokCfg.channelTxt, tokCfg.name], ['webhook', '第三方webhook', 'mtok']);
  assert.match(tokCfg.updateTime, DATE_RE);

  const d = ok(await open(srv, u.key, 'GET', 'setting/detailUserDefault', { query: { id: String(tokCfg.id) } }), '执行成功');
  assert.deepEqual(d, { id: tokCfg.id, channel: 'webhook', option: 'h1', pre: '', updateTime: d.updateTime, name: 'mtok', tokenId: mt.id });
  assert.match(d.updateTime, DATE_RE);

  // edit: 执行成功, "修改成功"
  assert.equal(ok(await open(srv, u.key, 'POST', 'setting/editUserDefault', { body: { id: String(tokCfg.id), channel: 'webhook', option: 'h2', pre: '', tokenId: String(mt.id) } }), '执行成功'), '修改成功');
  assert.equal(ok(await open(srv, u.key, 'GET', 'setting/detailUserDefault', { query: { id: tokCfg.id } }), '执行成功').option, 'h2');

  // selectTokenList: 0 all message tokens, 1 those without a config
  const mt2 = await tokenAdd(srv, u, 'second');
  assert.deepEqual(ok(await open(srv, u.key, 'GET', 'token/selectTokenList', { query: { type: 0 } }), '执行成功'), [{ id: mt.id, name: 'mtok' }, { id: mt2.id, name: 'second' }]);
  assert.deepEqual(ok(await open(srv, u.key, 'GET', 'token/selectTokenList'), '执行成功').length, 2);
  assert.deepEqual(ok(await open(srv, u.key, 'GET', 'token/selectTokenList', { query: { type: 1 } }), '执行成功'), [{ id: mt2.id, name: 'second' }]);
  err(await open(srv, u.key, 'GET', 'token/selectTokenList', { query: { type: 2 } }), 999);

  // delete: 请求成功, "默认配置删除成功"
  assert.equal(ok(await open(srv, u.key, 'DELETE', 'setting/deleteUserDefault', { query: { id: String(userCfg.id) } })), '默认配置删除成功');
  err(await open(srv, u.key, 'GET', 'setting/detailUserDefault', { query: { id: userCfg.id } }), 999);
  err(await open(srv, u.key, 'DELETE', 'setting/deleteUserDefault', { query: { id: userCfg.id } }), 999);

  // someone else's config is not there for another user
  const v = await user(srv, 'ud1b');
  err(await open(srv, v.key, 'GET', 'setting/detailUserDefault', { query: { id: tokCfg.id } }), 999);
  err(await open(srv, v.key, 'DELETE', 'setting/deleteUserDefault', { query: { id: tokCfg.id } }), 999);
  err(await open(srv, v.key, 'POST', 'setting/editUserDefault', { body: { id: tokCfg.id, channel: 'wechat', tokenId: 0 } }), 999);
  // nor is its message token
  err(await open(srv, v.key, 'POST', 'setting/addUserDefault', { body: { channel: 'wechat', tokenId: mt.id } }), 999);
  // deleting the token takes its config along
  ok(await open(srv, u.key, 'GET', 'token/deleteToken', { query: { id: mt.id } }));
  assert.equal(ok(await open(srv, u.key, 'POST', 'setting/listUserDefault', { body: {} })).total, 0);
});

S.test('add/edit refuse what cannot send, with 999 and a reason', async (t, srv) => {
  const u = await user(srv, 'ud2');
  const add = (body) => open(srv, u.key, 'POST', 'setting/addUserDefault', { body });
  assert.match(err(await add({ tokenId: 0 }), 999), /channel/);
  assert.match(err(await add({ channel: 'pigeon', tokenId: 0 }), 999), /不支持的渠道/);
  assert.match(err(await add({ channel: 'wechat' }), 999), /tokenId/);
  assert.match(err(await add({ channel: 'webhook', option: '', tokenId: 0 }), 999), /option/);
  assert.match(err(await add({ channel: 'webhook', option: 'nope', tokenId: 0 }), 999), /渠道配置不存在/);
  assert.match(err(await add({ channel: 'sms', tokenId: 0 }), 999), /不能作为默认渠道/);
  assert.match(err(await add({ channel: 'wechat', tokenId: 424242 }), 999), /消息token不存在/);
  assert.match(err(await add({ channel: 'wechat', tokenId: 0, pre: 'nosuch' }), 999), /预处理编码不存在/);
  err(await open(srv, u.key, 'POST', 'setting/editUserDefault', { body: { channel: 'wechat', tokenId: 0 } }), 999);
  err(await open(srv, u.key, 'GET', 'setting/detailUserDefault'), 999);
  assert.equal(ok(await open(srv, u.key, 'POST', 'setting/listUserDefault', { body: {} })).total, 0);
});

S.test('changeDefaultChannel writes the user token config; getUserSettings reports it', async (t, srv) => {
  const u = await user(srv, 'ud3');
  const sink = await newSink();
  await hook(srv, u, sink, 'hk');
  let s = ok(await open(srv, u.key, 'GET', 'setting/getUserSettings'));
  assert.deepEqual([s.defaultChannel, s.defaultWebhook], ['wechat', '']);
  ok(await open(srv, u.key, 'POST', 'setting/changeDefaultChannel', { body: { defaultChannel: 'webhook', defaultWebhook: 'hk' } }), '执行成功');
  const page = ok(await open(srv, u.key, 'POST', 'setting/listUserDefault', { body: {} }));
  assert.equal(page.total, 1);
  const d = ok(await open(srv, u.key, 'GET', 'setting/detailUserDefault', { query: { id: page.list[0].id } }), '执行成功');
  assert.deepEqual([d.tokenId, d.channel, d.option, d.name], [0, 'webhook', 'hk', '用户token']);
  // editing the config shows in getUserSettings
  ok(await open(srv, u.key, 'POST', 'setting/editUserDefault', { body: { id: d.id, channel: 'mail', tokenId: 0 } }), '执行成功');
  s = ok(await open(srv, u.key, 'GET', 'setting/getUserSettings'));
  assert.deepEqual([s.defaultChannel, s.defaultChannelTxt, s.defaultWebhook], ['mail', '邮箱', '']);
  // a second changeDefaultChannel changes the same config
  ok(await open(srv, u.key, 'POST', 'setting/changeDefaultChannel', { body: { defaultChannel: 'wechat' } }), '执行成功');
  assert.equal(ok(await open(srv, u.key, 'POST', 'setting/listUserDefault', { body: {} })).total, 1);
  assert.equal(ok(await open(srv, u.key, 'GET', 'setting/getUserSettings')).defaultChannel, 'wechat');
});

S.test('/send without channel: the message token config, else the user token config; explicit values win', async (t, srv) => {
  const u = await user(srv, 'ud4');
  const sink = await newSink();
  await hook(srv, u, sink, 'userhook');
  await hook(srv, u, sink, 'tokhook');
  await hook(srv, u, sink, 'other');
  const mt = await tokenAdd(srv, u, 'withcfg');
  const bare = await tokenAdd(srv, u, 'nocfg');
  ok(await open(srv, u.key, 'POST', 'setting/addUserDefault', { body: { channel: 'webhook', option: 'userhook', pre: '', tokenId: 0 } }));
  ok(await open(srv, u.key, 'POST', 'setting/addUserDefault', { body: { channel: 'webhook', option: 'tokhook', pre: '', tokenId: String(mt.id) } }));

  const via = async (token, extra, path) => {
    const sc = expectOk(await send(srv.base, { token, title: 'T', content: 'via ' + path, ...extra }));
    await sink.waitForRequest((r) => r.path === '/' + path && r.body.includes('via ' + path));
    return sc;
  };
  // user token -> user token config
  await via(u.token, {}, 'userhook');
  // message token -> its own config
  await via(mt.token, {}, 'tokhook');
  // message token without a config -> the user token config
  const sc = expectOk(await send(srv.base, { token: bare.token, content: 'bare token' }));
  await sink.waitForRequest((r) => r.path === '/userhook' && r.body.includes('bare token'));
  assert.equal((await srv.showMessage(sc)).channel, 'webhook');
  // explicit option wins over the config's (same channel)
  await via(mt.token, { channel: 'webhook', option: 'other' }, 'other');
  // the config's option fills an explicit same channel without option
  await via(mt.token, { channel: 'webhook' }, 'tokhook');
  // an explicit other channel wins entirely
  const sc2 = expectOk(await send(srv.base, { token: mt.token, content: 'to wechat', channel: 'wechat' }));
  assert.equal((await srv.showMessage(sc2)).channel, 'wechat');
  // /batchSend without channel uses the token config too
  const b = await request(srv.base + '/batchSend', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ token: mt.token, content: 'batch default' }) });
  assert.equal(b.json.code, 200, b.text);
  assert.equal(b.json.data[0].channel, 'webhook');
  await sink.waitForRequest((r) => r.path === '/tokhook' && r.body.includes('batch default'));
  // a changed config applies to the next send at once
  const cfg = ok(await open(srv, u.key, 'POST', 'setting/listUserDefault', { body: {} })).list.find((c) => c.name === 'withcfg');
  ok(await open(srv, u.key, 'POST', 'setting/editUserDefault', { body: { id: cfg.id, channel: 'webhook', option: 'other', tokenId: mt.id } }), '执行成功');
  await via(mt.token, {}, 'other');
});

S.test('the config pre script applies to sends without pre', async (t, srv) => {
  const u = await user(srv, 'ud5');
  const sink = await newSink();
  await hook(srv, u, sink, 'prehook');
  const add = await open(srv, u.key, 'POST', 'pre/add', { body: { preName: 'up', preCode: 'upper', contentType: 1, content: 'content = content.toUpperCase()' } });
  if (add.code !== 200) {
    t.skip('pre scripts unavailable in this build: ' + add.msg);
    return;
  }
  ok(await open(srv, u.key, 'POST', 'setting/addUserDefault', { body: { channel: 'webhook', option: 'prehook', pre: 'upper', tokenId: 0 } }));
  expectOk(await send(srv.base, { token: u.token, content: 'shout it' }));
  await sink.waitForRequest((r) => r.path === '/prehook' && r.body.includes('SHOUT IT'));
});
