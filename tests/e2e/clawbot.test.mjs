// WeChat ClawBot (issue 11 §2, phones.md §2) against the iLink stand-in
// (lib/ilink.mjs): bind through the open API (getBotQrcode ->
// getQrcodeStatus -> confirmed), the poller's getupdates long poll, a
// message from the person opening the 24 h window, channel=clawbot pushes
// with their exact bytes, the 9th push's note, the 11th waiting ("reply to
// the bot") until the person writes again, session expiry pausing the
// poller, getMsg, unbind, and clients unable to add a clawbot device.
import assert from 'node:assert/strict';
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { suite } from './lib/feige.mjs';
import { request, send, expectOk } from './lib/http.mjs';
import { addWebhook, sinkPool } from './lib/sink.mjs';
import { openUser, open, ok, err } from './lib/open.mjs';
import { startIlink } from './lib/ilink.mjs';
import { signIn, get, post, formFields } from './lib/person.mjs';
import { waitFor } from './lib/wait.mjs';
import { ON_PG, storeSql } from './lib/pg.mjs';
import { readPng, qrModules } from './lib/png.mjs';
import { decodeQr } from '../browser/lib/qr.mjs';

const il = await startIlink({ burstMs: 900 });
const S = suite({
  config: {
    'clawbot.enable': 'yes',
    'clawbot.api_base': il.base,
    'queue.retry_base_ms': 100,
    'queue.retry_max': 30,
  },
});

/** Bind a new bot for u through the open API; returns the stand-in's bot
 * (stand: the iLink stand-in the server talks to). */
async function bind(srv, u, userId, stand = il) {
  const qr = ok(await open(srv, u.key, 'GET', 'clawBot/getBotQrcode'), '执行成功');
  assert.deepEqual(Object.keys(qr), ['url', 'qrcode']);
  assert.match(qr.qrcode, /^[0-9a-f]{32}$/);
  assert.equal(qr.url, `https://liteapp.weixin.qq.com/q/7GiQu1?qrcode=${qr.qrcode}&bot_type=3`);
  assert.ok(stand.qrs.has(qr.qrcode), 'the code is the one iLink issued');
  const e = await open(srv, u.key, 'GET', 'clawBot/getQrcodeStatus', { query: { getQrcodeStatus: qr.qrcode } });
  assert.equal(e.code, 999);
  assert.match(e.msg, /等待扫码|正在处理/);
  const bot = stand.confirm(qr.qrcode, { userId });
  await waitFor(async () => {
    const s = await open(srv, u.key, 'GET', 'clawBot/getQrcodeStatus', { query: { qrcode: qr.qrcode } });
    return s.code === 200 && s;
  }, 10000, { what: 'getQrcodeStatus 200' }).then((s) => {
    assert.equal(s.msg, '请求成功');
    assert.equal(s.data, null);
  });
  return bot;
}

const botInfo = async (srv, u) => ok(await open(srv, u.key, 'GET', 'clawBot/botInfo'), '执行成功');
const clawSends = (bot) => bot.sends.length;

S.test('bind via the open API; a message from the person activates; getMsg', async (t, srv) => {
  const u = await openUser(srv, 'claw1');
  err(await open(srv, u.key, 'GET', 'clawBot/botInfo'), 999);
  const bot = await bind(srv, u, 'alice@im.wechat');
  let info = await botInfo(srv, u);
  assert.match(info.createTime, /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);
  assert.equal(info.haveContextToken, 0);
  assert.equal(info.sessionStatus, 'inactive');
  assert.equal(info.pushesLeft, 0);
  // the poller long-polls with the bot's token
  await il.waitFor(() => il.on('/ilink/bot/getupdates').some((r) => r.headers.authorization === `Bearer ${bot.token}`));
  // the device row for the person's routes
  const devs = await request(`${srv.base}/api/devices`, { headers: { Authorization: `Bearer ${u.token}` } });
  const d = devs.json.data.find((x) => x.type === 'clawbot');
  assert.ok(d, devs.text);
  il.say(bot, '你好');
  il.say(bot, '语音转文字', { type: 3 });
  info = await waitFor(async () => {
    const i = await botInfo(srv, u);
    return i.haveContextToken === 1 && i;
  }, 10000, { what: 'haveContextToken 1' });
  assert.equal(info.sessionStatus, 'active');
  assert.equal(info.pushesLeft, 10);
  const msgs = ok(await open(srv, u.key, 'GET', 'clawBot/getMsg'), '执行成功');
  assert.deepEqual(msgs, [{ type: 1, text: '你好' }, { type: 3, text: '语音转文字' }]);
  assert.deepEqual(il.errors, []);
  // the bot token lives in the private data files, never in a log line
  assert.ok(!srv.allStderr.includes(bot.token) && !srv.stdout.includes(bot.token), 'token logged');
  // (on PostgreSQL it is a row of the database, and the data dir holds no store file)
  const files = (await readdir(srv.dataDir)).filter((f) => f.startsWith('feige.db'));
  assert.ok(ON_PG ? files.length === 0 : files.includes('feige.db'), String(files));
  for (const f of files) assert.equal((await stat(path.join(srv.dataDir, f))).mode & 0o077, 0, f);
  if (ON_PG) assert.equal(storeSql(srv.dataDir, 'SELECT count(*) FROM clawbots').trim(), '1');
});

S.test('clients cannot add a clawbot device', async (t, srv) => {
  const u = await srv.addUser('claw-dev');
  const r = await request(`${srv.base}/api/devices`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${u.token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ type: 'clawbot', endpoint: 'x@im.wechat' }),
  });
  assert.equal(r.json.code, 999, r.text);
  assert.match(r.json.msg, /ClawBot设备不能直接添加/);
});

S.test('channel=clawbot: 10 pushes per activation, the 9th with the note, the 11th waits for a reply', async (t, srv) => {
  const u = await openUser(srv, 'claw2');
  const bot = await bind(srv, u, 'bob@im.wechat');
  // not activated yet: the push waits, nothing reaches iLink
  const early = expectOk(await send(srv.base, { token: u.token, title: '早', content: 'early', channel: 'clawbot' }));
  await waitFor(async () => {
    const m = await srv.showMessage(early);
    return /请回复机器人以继续接收/.test(m.deliveries[0].error || '') && m;
  }, 10000, { what: 'early push waiting' });
  assert.equal(clawSends(bot), 0);
  il.say(bot, 'start');
  await srv.waitStatus(early, [2]);
  assert.equal(clawSends(bot), 1);
  const first = bot.sends[0];
  // exact bytes, client_id aside (feige:<ms>-<8 hex>)
  const cid = /"client_id":"(feige:\d{13}-[0-9a-f]{8})"/.exec(first.raw.toString())[1];
  const url = `${srv.base}/message/${early}`;
  assert.equal(first.raw.toString(), JSON.stringify({
    msg: {
      from_user_id: '', to_user_id: 'bob@im.wechat', client_id: cid, message_type: 2, message_state: 2,
      context_token: bot.ctx, item_list: [{ type: 1, text_item: { text: `早\nearly\n详情 (details): ${url}` } }],
    },
    base_info: { channel_version: '2.4.8', bot_agent: 'Feige/1.0' },
  }));
  assert.equal(first.headers.authorization, `Bearer ${bot.token}`);
  const codes = [];
  for (let i = 2; i <= 11; i++) {
    codes.push(expectOk(await send(srv.base, { token: u.token, title: `t${i}`, content: `第${i}条`, channel: 'clawbot', template: 'txt' })));
    if (i <= 10) await srv.waitStatus(codes[codes.length - 1], [2]);
  }
  assert.equal(clawSends(bot), 10);
  assert.equal(il.bursts, 0);
  const ninth = bot.sends[8].json.msg.item_list[0].text_item.text;
  assert.match(ninth, /^t9\n第9条\n详情 \(details\): http.*\n\n还可接收1条：请回复机器人任意消息以继续接收/);
  assert.doesNotMatch(bot.sends[9].json.msg.item_list[0].text_item.text, /还可接收/);
  const eleventh = codes[codes.length - 1];
  const m = await waitFor(async () => {
    const x = await srv.showMessage(eleventh);
    return /请回复机器人以继续接收 \(reply to the bot to receive\)/.test(x.deliveries[0].error || '') && x;
  }, 10000, { what: '11th waiting' });
  assert.notEqual(m.status, 2);
  assert.equal(clawSends(bot), 10, 'feige keeps the 11th from iLink');
  const info = await botInfo(srv, u);
  assert.equal(info.pushesLeft, 0);
  assert.equal(info.haveContextToken, 0);
  // the person replies: the window opens again and the 11th goes out
  const ctx = il.say(bot, '继续');
  await srv.waitStatus(eleventh, [2]);
  assert.equal(clawSends(bot), 11);
  assert.equal(bot.sends[10].json.msg.context_token, ctx);
  assert.match(bot.sends[10].json.msg.item_list[0].text_item.text, /^t11\n第11条\n/);
  assert.deepEqual(il.errors, []);
});

S.test('session expiry (-14) pauses the poller; botInfo says paused', async (t, srv) => {
  const u = await openUser(srv, 'claw3');
  const bot = await bind(srv, u, 'carol@im.wechat');
  il.say(bot, 'hi');
  await waitFor(async () => (await botInfo(srv, u)).sessionStatus === 'active', 10000, { what: 'active' });
  il.expire(bot);
  const info = await waitFor(async () => {
    const i = await botInfo(srv, u);
    return i.sessionStatus === 'paused' && i;
  }, 10000, { what: 'paused' });
  assert.equal(info.haveContextToken, 0);
  const polls = () => il.on('/ilink/bot/getupdates').filter((r) => r.headers.authorization === `Bearer ${bot.token}`).length;
  const n = polls();
  await new Promise((r) => setTimeout(r, 3 * il.holdMs));
  assert.equal(polls(), n, 'no getupdates while paused');
  // a push now waits instead of calling iLink
  const sc = expectOk(await send(srv.base, { token: u.token, content: 'during pause', channel: 'clawbot' }));
  await waitFor(async () => /会话已过期/.test((await srv.showMessage(sc)).deliveries[0].error || ''), 10000, { what: 'paused push' });
  assert.equal(clawSends(bot), 0);
});

S.test('unbind removes the bot and its device; channel=clawbot then fails with the reason', async (t, srv) => {
  const u = await openUser(srv, 'claw4');
  const bot = await bind(srv, u, 'dave@im.wechat');
  il.say(bot, 'x');
  await waitFor(async () => (await botInfo(srv, u)).sessionStatus === 'active', 10000, { what: 'active' });
  const shown = await srv.cli(['clawbot', 'show', u.uid]);
  assert.equal(shown.uid, u.uid);
  assert.equal(shown.botId, bot.botId);
  assert.equal(shown.status, 'active');
  assert.equal(shown.pushesLeft, 10);
  assert.equal(shown.haveContextToken, true);
  assert.ok(!JSON.stringify(shown).includes(bot.token), 'the CLI never shows the token');
  const r = await open(srv, u.key, 'GET', 'clawBot/unbind');
  assert.deepEqual(r, { code: 200, msg: '执行成功', data: null });
  const none = await srv.cli(['clawbot', 'show', u.uid], { raw: true });
  assert.equal(none.code, 1);
  assert.match(none.stderr, /has no ClawBot bound/);
  assert.match(err(await open(srv, u.key, 'GET', 'clawBot/botInfo'), 999), /ClawBot未绑定/);
  const devs = await request(`${srv.base}/api/devices`, { headers: { Authorization: `Bearer ${u.token}` } });
  assert.equal(devs.json.data.filter((x) => x.type === 'clawbot').length, 0, devs.text);
  const sc = expectOk(await send(srv.base, { token: u.token, content: 'after unbind', channel: 'clawbot' }));
  const m = await srv.waitStatus(sc, [3]);
  assert.match(m.deliveries[0].error, /ClawBot未绑定/);
  assert.equal(clawSends(bot), 0);
  // unbind again: the same answer
  assert.equal((await open(srv, u.key, 'GET', 'clawBot/unbind')).code, 200);
});

S.test('bind from the person page (/me/clawbot): the QR decodes to what iLink issued; unbind from the page', async (t, srv) => {
  const u = await srv.addUser('claw-page');
  const auth = { Authorization: `Bearer ${u.token}` };
  const me = await request(`${srv.base}/me`, { headers: auth });
  assert.match(me.text, /href="\/me\/clawbot"/);
  let page = await request(`${srv.base}/me/clawbot`, { headers: auth });
  assert.equal(page.status, 200);
  assert.match(page.text, /action="\/me\/clawbot\/bind"/);
  const n = il.qrs.size;
  const b = await request(`${srv.base}/me/clawbot/bind`, { method: 'POST', headers: auth });
  assert.equal(b.status, 303, b.text);
  assert.equal(b.headers.location, '/me/clawbot');
  assert.equal(il.qrs.size, n + 1);
  const qrcode = [...il.qrs.keys()].pop();
  page = await request(`${srv.base}/me/clawbot`, { headers: auth });
  assert.equal(page.headers.refresh, '2');
  assert.match(page.text, /等待扫码/);
  const src = new RegExp(`src="(/me/clawbot/qr/img\\.svg\\?c=${qrcode})"`).exec(page.text);
  assert.ok(src, page.text);
  assert.ok(page.text.includes(`href="https://liteapp.weixin.qq.com/q/7GiQu1?qrcode=${qrcode}&amp;bot_type=3"`), page.text);
  const png = await request(`${srv.base}/me/clawbot/qr/img.png?c=${qrcode}`, { headers: auth });
  assert.equal(png.headers['content-type'], 'image/png');
  assert.equal(decodeQr(qrModules(readPng(png.raw)).matrix), `https://liteapp.weixin.qq.com/q/7GiQu1?qrcode=${qrcode}&bot_type=3`);
  // someone else's (or no) session sees no image
  const other = await srv.addUser('claw-other');
  assert.equal((await request(`${srv.base}/me/clawbot/qr/img.png?c=${qrcode}`, { headers: { Authorization: `Bearer ${other.token}` } })).status, 404);
  assert.equal((await request(`${srv.base}/me/clawbot/qr/img.png?c=${qrcode}`)).status, 403);
  const bot = il.confirm(qrcode, { userId: 'erin@im.wechat' });
  page = await waitFor(async () => {
    const p = await request(`${srv.base}/me/clawbot`, { headers: auth });
    return /已绑定/.test(p.text) && p;
  }, 10000, { what: 'bound page' });
  assert.match(page.text, /请回复机器人以继续接收/);
  il.say(bot, 'hello');
  page = await waitFor(async () => {
    const p = await request(`${srv.base}/me/clawbot`, { headers: auth });
    return /正在接收：本轮还可推送10条/.test(p.text) && p;
  }, 10000, { what: 'active page' });
  il.expire(bot);
  await waitFor(async () => /已暂停/.test((await request(`${srv.base}/me/clawbot`, { headers: auth })).text), 10000, { what: 'paused page' });
  const ub = await request(`${srv.base}/me/clawbot/unbind`, { method: 'POST', headers: auth });
  assert.equal(ub.status, 303);
  page = await request(`${srv.base}/me/clawbot`, { headers: auth });
  assert.match(page.text, /action="\/me\/clawbot\/bind"/);
});

S.test('pushes to one bot are paced: a burst of sends all arrive, none refused as a burst', async (t, srv) => {
  const u = await openUser(srv, 'claw-burst');
  const bot = await bind(srv, u, 'frank@im.wechat');
  il.say(bot, 'go');
  await waitFor(async () => (await botInfo(srv, u)).sessionStatus === 'active', 10000, { what: 'active' });
  const before = il.bursts;
  const codes = await Promise.all([1, 2, 3, 4].map(async (i) => expectOk(await send(srv.base, { token: u.token, content: `burst ${i}`, channel: 'clawbot' }))));
  for (const sc of codes) await srv.waitStatus(sc, [2], 20000);
  assert.equal(clawSends(bot), 4);
  assert.equal(il.bursts, before, 'no send came within the burst window');
});

S.test('the person route: 10 pushes per reply, the 9th with the note, the 11th waits while the inbox has it, a reply sends it', async (t, srv) => {
  const u = await openUser(srv, 'claw-route');
  const bot = await bind(srv, u, 'grace@im.wechat');
  // before any message from the person, a push waits
  const early = expectOk(await send(srv.base, { token: u.token, title: '早', content: 'route early' }));
  const shown = await waitFor(async () => {
    const m = await srv.showMessage(early);
    return m.pushes && m.pushes.find((p) => p.type === 'clawbot' && p.status === 'waiting') && m;
  }, 10000, { what: 'the early push waiting' });
  assert.equal(shown.status, 2, 'the inbox has it');
  assert.match(shown.pushes.find((p) => p.type === 'clawbot').error, /请回复机器人以继续接收 \(reply to the bot to receive\)/);
  assert.equal(clawSends(bot), 0);
  il.say(bot, 'hi');
  await il.waitFor(() => clawSends(bot) === 1, 10000, 'the early push woken by the reply');
  const url = `${srv.base}/message/${early}`;
  const first = bot.sends[0].json.msg;
  assert.equal(first.to_user_id, 'grace@im.wechat');
  assert.equal(first.context_token, bot.ctx);
  assert.match(first.item_list[0].text_item.text, new RegExp(`^早\\nroute early\\n详情 \\(details\\): ${url.replace(/[.?]/g, '\\$&')}$`));
  const codes = [];
  for (let i = 2; i <= 11; i++) codes.push(expectOk(await send(srv.base, { token: u.token, title: `r${i}`, content: `路线${i}` })));
  await il.waitFor(() => clawSends(bot) === 10, 30000, '10 pushes');
  const eleventh = codes[codes.length - 1];
  const m = await waitFor(async () => {
    const x = await srv.showMessage(eleventh);
    const p = x.pushes.find((q) => q.type === 'clawbot');
    return p && p.status === 'waiting' && x;
  }, 15000, { what: 'the 11th waiting' });
  assert.equal(m.status, 2, 'the inbox still gets the 11th');
  const inbox = await srv.inbox(u.token);
  assert.ok(inbox.some((x) => x.shortCode === eleventh || x.id === eleventh || JSON.stringify(x).includes(eleventh)), 'the 11th is in the inbox');
  assert.equal(clawSends(bot), 10);
  assert.equal(il.bursts, 0, 'paced');
  const texts = bot.sends.map((s) => s.json.msg.item_list[0].text_item.text);
  assert.match(texts[8], /^r9\n路线9\n.*\n\n还可接收1条：请回复机器人任意消息以继续接收/s);
  assert.equal(texts.filter((x) => /还可接收1条/.test(x)).length, 1, 'only the 9th carries the note');
  const ctx = il.say(bot, '继续');
  await il.waitFor(() => clawSends(bot) === 11, 15000, 'the 11th after the reply');
  assert.equal(bot.sends[10].json.msg.context_token, ctx);
  assert.match(bot.sends[10].json.msg.item_list[0].text_item.text, /^r11\n路线11\n/);
  await waitFor(async () => (await srv.showMessage(eleventh)).pushes.find((q) => q.type === 'clawbot').status === 'sent', 10000, { what: 'sent' });
  assert.deepEqual(il.errors, []);
});

S.test('CLI: clawbot unbind drops the bot; the poller stops polling it', async (t, srv) => {
  const u = await openUser(srv, 'claw-cli');
  const bot = await bind(srv, u, 'heidi@im.wechat');
  await il.waitFor(() => il.on('/ilink/bot/getupdates').some((r) => r.headers.authorization === `Bearer ${bot.token}`));
  const out = await srv.cli(['clawbot', 'unbind', u.uid]);
  assert.deepEqual(out, { uid: u.uid, unbound: true });
  assert.match(err(await open(srv, u.key, 'GET', 'clawBot/botInfo'), 999), /ClawBot未绑定/);
  const polls = () => il.on('/ilink/bot/getupdates').filter((r) => r.headers.authorization === `Bearer ${bot.token}`).length;
  // the poller reloads the bound bots every 2 s: after its next reload no poll starts
  await new Promise((r) => setTimeout(r, 2500 + il.holdMs));
  const n = polls();
  await new Promise((r) => setTimeout(r, 2 * il.holdMs));
  assert.equal(polls(), n, 'no getupdates for an unbound bot');
  assert.equal((await srv.cli(['clawbot', 'unbind', u.uid], { raw: true })).code, 1);
});

S.test('the page with a session: its forms carry the CSRF field; a POST without it changes nothing', async (t, srv) => {
  const u = await srv.addUser('claw-session');
  const j = await signIn(srv, u.uid);
  const n = il.qrs.size;
  const bad = await post(j, `${srv.base}/me/clawbot/bind`, {});
  assert.equal(bad.status, 403, bad.text);
  assert.equal(il.qrs.size, n, 'no code asked for');
  const page = await get(j, `${srv.base}/me/clawbot`);
  const form = formFields(page.text, '/me/clawbot/bind');
  assert.ok(form && form.fields.csrf, page.text);
  const good = await post(j, `${srv.base}/me/clawbot/bind`, form.fields, { Origin: srv.base });
  assert.equal(good.status, 303, good.text);
  assert.equal(il.qrs.size, n + 1);
});

// channel=clawbot on the outbound loop: with one queue worker, a push that
// iLink holds (a tarpit) costs only its own delivery, and a webhook to
// another host is delivered while it hangs.
const ilHeld = await startIlink();
const S1 = suite({
  config: {
    'clawbot.enable': 'yes',
    'clawbot.api_base': ilHeld.base,
    'channel.allow_private': 'yes',
    'channel.timeout_ms': 30000,
    'queue.workers': 1,
  },
});
const newSink = sinkPool();

S1.test('one worker, a push held by iLink, a webhook to another host still delivered', async (t, srv) => {
  const u = await openUser(srv, 'claw-held');
  const bot = await bind(srv, u, 'ivan@im.wechat', ilHeld);
  ilHeld.say(bot, 'start');
  await waitFor(async () => (await botInfo(srv, u)).haveContextToken === 1, 10000, { what: 'haveContextToken 1' });
  ilHeld.holdSends = true;
  const held = expectOk(await send(srv.base, { token: u.token, title: '慢', content: 'held', channel: 'clawbot' }));
  await waitFor(() => bot.sends.length === 1, 10000, { what: 'sendmessage on the wire' });
  const cid = /"client_id":"(feige:\d{13}-[0-9a-f]{8})"/.exec(bot.sends[0].raw.toString())[1];
  assert.equal(bot.sends[0].raw.toString(), JSON.stringify({
    msg: {
      from_user_id: '', to_user_id: 'ivan@im.wechat', client_id: cid, message_type: 2, message_state: 2,
      context_token: bot.ctx, item_list: [{ type: 1, text_item: { text: `慢\nheld\n详情 (details): ${srv.base}/message/${held}` } }],
    },
    base_info: { channel_version: '2.4.8', bot_agent: 'Feige/1.0' },
  }));
  assert.match(bot.sends[0].headers['x-feige-delivery'], /^[1-9][0-9]*$/);

  const quick = await newSink({ body: '{"errcode":0,"errmsg":"ok"}' });
  const hook = await addWebhook(srv, 'qk', 1, quick.url('/quick').replace('127.0.0.1', 'localhost'));
  const sc = expectOk(await send(srv.base, { token: srv.admin.token, content: 'quick', channel: 'webhook', option: hook }));
  const m = await srv.waitStatus(sc, [2, 3]);
  assert.equal(m.status, 2, JSON.stringify(m));
  const h = await srv.showMessage(held);
  assert.ok(h.status !== 2 && h.status !== 3, `the held push is not final: ${JSON.stringify(h)}`);
  assert.equal(bot.sends.length, 1, 'sent once');
  assert.deepEqual(ilHeld.errors, []);
});
