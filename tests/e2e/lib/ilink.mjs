// Stand-in for WeChat ClawBot's iLink bot API (phones.md §2.7):
//   POST /ilink/bot/get_bot_qrcode?bot_type=3   -> {qrcode, qrcode_img_content}
//   GET  /ilink/bot/get_qrcode_status?qrcode=   -> a scripted status sequence
//   POST /ilink/bot/getupdates                  -> long poll (held up to holdMs),
//        messages the test makes the person send, each with a new context_token
//   POST /ilink/bot/sendmessage                 -> records exact bytes; enforces
//        10 sends per inbound message and 24 h (ret -2 "prepare failed"),
//        (with holdSends, answered only at close: a tarpit)
//        and answers -14 while the bot's session is expired; with burstMs, a
//        send less than burstMs after the bot's previous one gets -2 too
// Headers are checked as the plugin sends them: AuthorizationType, Bearer
// token of a bound bot, X-WECHAT-UIN base64 of a decimal uint32, iLink-App-Id,
// iLink-App-ClientVersion; every violation lands in ilink.errors.
import http from 'node:http';
import crypto from 'node:crypto';
import { after } from 'node:test';
import { waitFor } from './wait.mjs';

export async function startIlink({ holdMs = 1500, appId = 'bot', clientVersion = '132104', burstMs = 0 } = {}) {
  const il = {
    port: 0,
    base: '',
    requests: [], // {method, path, query, headers, raw, json}
    errors: [],
    bursts: 0, // sends refused for coming less than burstMs after the previous
    qrs: new Map(), // qrcode -> {script: [status...], polls}
    bots: new Map(), // token -> bot
    holdMs,
    /** get_qrcode_status answers for qrcode, in order; the last repeats. */
    script(qrcode, statuses) {
      il.qrs.get(qrcode).script = [...statuses];
    },
    /**
     * The person scans and confirms: the next polls answer scaned, then
     * confirmed with a new bot (token, ids, baseurl = this stand-in).
     */
    confirm(qrcode, { userId = `u${il.bots.size + 1}@im.wechat`, extra = {} } = {}) {
      const n = il.bots.size + 1;
      const bot = {
        token: `bot-token-${n}-${crypto.randomBytes(4).toString('hex')}`,
        botId: `bot${n}@im.bot`,
        userId,
        queue: [], // messages waiting for getupdates
        waiter: null,
        seq: 0,
        cursor: 0,
        ctx: '',
        sentSinceInbound: 0,
        lastInbound: 0,
        expired: false,
        sends: [],
      };
      il.bots.set(bot.token, bot);
      const body = { status: 'confirmed', bot_token: bot.token, ilink_bot_id: bot.botId, baseurl: il.base, ilink_user_id: userId, ...extra };
      il.qrs.get(qrcode).script = ['scaned', body];
      return bot;
    },
    bot(botIdOrUser) {
      for (const b of il.bots.values()) if (b.botId === botIdOrUser || b.userId === botIdOrUser) return b;
      return undefined;
    },
    /** The person sends text to their bot (a new context token). */
    say(bot, text, { type = 1 } = {}) {
      bot.seq++;
      const ctx = `ctx-${bot.botId}-${bot.seq}`;
      const item = type === 3 ? { type: 3, voice_item: { text } } : { type: 1, text_item: { text } };
      bot.queue.push({
        seq: bot.seq, message_id: 1000 + bot.seq, from_user_id: bot.userId, to_user_id: bot.botId,
        client_id: `c${bot.seq}`, create_time_ms: Date.now(), message_type: 1, message_state: 2,
        item_list: [item], context_token: ctx,
      });
      bot.ctx = ctx;
      bot.sentSinceInbound = 0;
      bot.lastInbound = Date.now();
      if (bot.waiter) bot.waiter();
      return ctx;
    },
    /** Session expiry (-14) on or off for bot. */
    expire(bot, on = true) {
      bot.expired = on;
      if (bot.waiter) bot.waiter();
    },
    on(p) {
      return il.requests.filter((r) => r.path === p);
    },
    async waitFor(fn, timeoutMs = 10000, what = 'ilink') {
      return waitFor(fn, timeoutMs, { what });
    },
    /** when set, sendmessage is recorded and its answer held until close */
    holdSends: false,
    held: [],
    close() {
      for (const b of il.bots.values()) if (b.waiter) b.waiter();
      for (const release of il.held.splice(0)) release();
      return new Promise((resolve) => {
        il.server.closeAllConnections?.();
        il.server.close(() => resolve());
      });
    },
  };

  function check(req, { auth }) {
    const h = req.headers;
    const bad = (m) => il.errors.push(`${req.path}: ${m}`);
    if (h['ilink-app-id'] !== appId) bad(`iLink-App-Id ${h['ilink-app-id']}`);
    if (h['ilink-app-clientversion'] !== clientVersion) bad(`iLink-App-ClientVersion ${h['ilink-app-clientversion']}`);
    if (req.method !== 'POST') return null;
    if (h['content-type'] !== 'application/json') bad(`Content-Type ${h['content-type']}`);
    if (h['authorizationtype'] !== 'ilink_bot_token') bad(`AuthorizationType ${h['authorizationtype']}`);
    const uin = Buffer.from(h['x-wechat-uin'] || '', 'base64').toString('utf8');
    if (!/^\d{1,10}$/.test(uin) || Number(uin) > 4294967295) bad(`X-WECHAT-UIN ${h['x-wechat-uin']}`);
    if (!auth) {
      if (h.authorization) bad('Authorization on a QR call');
      return null;
    }
    const m = /^Bearer (.+)$/.exec(h.authorization || '');
    const bot = m && il.bots.get(m[1]);
    if (!bot) bad(`Authorization ${h.authorization}`);
    const bi = req.json && req.json.base_info;
    if (!bi || bi.channel_version !== '2.4.8' || bi.bot_agent !== 'Feige/1.0') bad(`base_info ${JSON.stringify(bi)}`);
    return bot;
  }

  // bot.polling: getupdates of this bot held now; bot.maxPolling: the
  // most at once (one poller: 1; a poller per node would overlap)
  async function updates(req, bot) {
    bot.polling = (bot.polling || 0) + 1;
    bot.maxPolling = Math.max(bot.maxPolling || 0, bot.polling);
    try {
      return await heldUpdates(req, bot);
    } finally {
      bot.polling--;
    }
  }

  async function heldUpdates(req, bot) {
    if (!bot.expired && bot.queue.length === 0) {
      await new Promise((resolve) => {
        const t = setTimeout(resolve, il.holdMs);
        bot.waiter = () => {
          clearTimeout(t);
          resolve();
        };
      });
      bot.waiter = null;
    }
    if (bot.expired) return { ret: -14, errcode: -14, errmsg: 'session timeout' };
    const msgs = bot.queue.splice(0);
    if (msgs.length) bot.cursor++;
    return { ret: 0, msgs, get_updates_buf: bot.cursor ? `cursor-${bot.cursor}` : '', longpolling_timeout_ms: il.holdMs };
  }

  function sendmessage(req, bot) {
    const now = Date.now();
    const last = bot.lastSendAt || 0;
    bot.lastSendAt = now;
    bot.sends.push(req);
    if (burstMs && now - last < burstMs) {
      il.bursts++;
      return { ret: -2, errmsg: 'prepare failed' };
    }
    if (bot.expired) return { ret: -14, errcode: -14, errmsg: 'session timeout' };
    const msg = req.json && req.json.msg;
    if (!bot.lastInbound || Date.now() - bot.lastInbound > 24 * 3600 * 1000 || bot.sentSinceInbound >= 10 || !msg || msg.context_token !== bot.ctx) {
      return { ret: -2, errmsg: 'prepare failed' };
    }
    bot.sentSinceInbound++;
    return { ret: 0, errmsg: '' };
  }

  async function route(req) {
    if (req.path === '/ilink/bot/get_bot_qrcode') {
      check(req, { auth: false });
      if (req.query.bot_type !== '3') il.errors.push(`bot_type ${req.query.bot_type}`);
      const q = crypto.randomBytes(16).toString('hex');
      il.qrs.set(q, { script: ['wait'], polls: 0 });
      return { qrcode: q, qrcode_img_content: `https://liteapp.weixin.qq.com/q/7GiQu1?qrcode=${q}&bot_type=3` };
    }
    if (req.path === '/ilink/bot/get_qrcode_status') {
      check(req, { auth: false });
      const qr = il.qrs.get(req.query.qrcode);
      if (!qr) return { status: 'expired' };
      qr.polls++;
      const s = qr.script.length > 1 ? qr.script.shift() : qr.script[0];
      return typeof s === 'string' ? { status: s } : s;
    }
    const bot = check(req, { auth: true });
    if (!bot) return { status: 401, body: { ret: -1, errmsg: 'unauthorized' } };
    if (req.path === '/ilink/bot/getupdates') return updates(req, bot);
    if (req.path === '/ilink/bot/sendmessage') {
      const out = sendmessage(req, bot);
      if (il.holdSends) await new Promise((release) => il.held.push(release));
      return out;
    }
    return { status: 404, body: {} };
  }

  il.server = http.createServer((hreq, res) => {
    const chunks = [];
    hreq.on('data', (c) => chunks.push(c));
    hreq.on('end', async () => {
      const raw = Buffer.concat(chunks);
      const u = new URL(hreq.url, 'http://x');
      let json;
      try {
        json = JSON.parse(raw.toString('utf8'));
      } catch {
        json = undefined;
      }
      const req = { method: hreq.method, path: u.pathname, query: Object.fromEntries(u.searchParams), headers: hreq.headers, raw, json };
      il.requests.push(req);
      let out = await route(req);
      let status = 200;
      if (out && out.status !== undefined && typeof out.status === 'number') {
        status = out.status;
        out = out.body;
      }
      if (res.destroyed) return;
      res.writeHead(status, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify(out));
    });
  });
  await new Promise((resolve) => il.server.listen(0, '127.0.0.1', resolve));
  il.port = il.server.address().port;
  il.base = `http://127.0.0.1:${il.port}`;
  after(() => il.close());
  return il;
}
