// A stand-in for api.weixin.qq.com (phones.md §1.9) and WeChat's side of
// the server URL: the token calls (stable_token, token), qrcode/create,
// showqrcode, message/template/send recording the exact bytes with
// scripted errcodes, a token that expires once (42001), and signed
// events POSTed to feige's /wechat/mp as WeChat sends them.
import crypto from 'node:crypto';
import http from 'node:http';
import { after } from 'node:test';
import { request } from './http.mjs';

export const APPID = 'wx_test_appid';
export const SECRET = 'test_secret_0123456789';
export const TOKEN = 'feigeMpToken';
export const TEMPLATE = 'TPL_feige_1';

function rid() {
  return ` rid: ${crypto.randomBytes(4).toString('hex')}-${crypto.randomBytes(4).toString('hex')}`;
}

/** Start the stand-in; it closes itself after the test file. */
export async function startWechat({ appid = APPID, secret = SECRET } = {}) {
  const w = {
    requests: [], // {method, path, query, body, json}
    tokens: [], // every token issued, in order
    valid: new Set(),
    expireOnce: 0, // the next n API calls with a valid token answer 42001 (and kill it)
    template: [], // scripted template/send replies: {errcode, errmsg} used once each
    // awaited (with the msgid about to be answered) before a successful
    // template/send reply goes out: a test pushes the receipt first
    beforeTemplateReply: null,
    // a promise: stable_token answers wait for it (a slow token
    // endpoint); tokenHeld counts the calls waiting
    holdToken: null,
    tokenHeld: 0,
    scenes: [], // scene_str of each qrcode/create
    msgid: 1000,
    port: 0,
    get base() {
      return `http://127.0.0.1:${w.port}`;
    },
    get qrBase() {
      return `http://127.0.0.1:${w.port}/cgi-bin/showqrcode`;
    },
    on(p) {
      return w.requests.filter((r) => r.path === p);
    },
    issue() {
      const t = `ACCESS_${w.tokens.length + 1}_${crypto.randomBytes(12).toString('hex')}`;
      w.tokens.push(t);
      w.valid.add(t);
      return t;
    },
    current() {
      const t = w.tokens[w.tokens.length - 1];
      return t && w.valid.has(t) ? t : w.issue();
    },
  };
  const err = (errcode, errmsg) => ({ errcode, errmsg: errmsg + rid() });
  // a call with ?access_token: 0 when good, or the error reply
  const tokenCheck = (q) => {
    if (!w.valid.has(q.access_token)) return err(40001, 'invalid credential, access_token is invalid or not latest');
    if (w.expireOnce > 0) {
      w.expireOnce--;
      w.valid.delete(q.access_token);
      return err(42001, 'access_token expired');
    }
    return 0;
  };
  const stableToken = (r) => {
    const j = r.json || {};
    if (j.appid !== appid || j.secret !== secret || j.grant_type !== 'client_credential') return err(40013, 'invalid appid');
    if (j.force_refresh) {
      for (const t of w.valid) w.valid.delete(t);
      return { access_token: w.issue(), expires_in: 7200 };
    }
    return { access_token: w.current(), expires_in: 7200 };
  };
  const routes = {
    'POST /cgi-bin/stable_token': (r) => {
      if (!w.holdToken) return stableToken(r);
      w.tokenHeld++;
      return w.holdToken.then(() => {
        w.tokenHeld--;
        return stableToken(r);
      });
    },
    'GET /cgi-bin/token': (r) => {
      if (r.query.appid !== appid || r.query.secret !== secret) return err(40013, 'invalid appid');
      for (const t of w.valid) w.valid.delete(t);
      return { access_token: w.issue(), expires_in: 7200 };
    },
    'POST /cgi-bin/qrcode/create': (r) => {
      const bad = tokenCheck(r.query);
      if (bad) return bad;
      const j = r.json || {};
      const scene = j.action_info?.scene?.scene_str;
      if (j.action_name !== 'QR_STR_SCENE' || !scene || scene.length > 64) return err(40053, 'invalid action info');
      w.scenes.push(scene);
      const ticket = `gQ${Buffer.from(scene).toString('base64')}==`;
      return { ticket, expire_seconds: j.expire_seconds ?? 30, url: `http://weixin.qq.com/q/${scene}` };
    },
    'POST /cgi-bin/message/template/send': (r) => {
      const bad = tokenCheck(r.query);
      if (bad) return bad;
      const s = w.template.shift();
      if (s) return err(s.errcode, s.errmsg || 'scripted');
      const msgid = ++w.msgid;
      const hook = w.beforeTemplateReply;
      if (hook) {
        w.beforeTemplateReply = null;
        return hook(msgid).then(() => ({ errcode: 0, errmsg: 'ok', msgid }));
      }
      return { errcode: 0, errmsg: 'ok', msgid };
    },
  };
  const server = http.createServer((req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', async () => {
      const raw = Buffer.concat(chunks);
      const u = new URL(req.url, 'http://x');
      const rec = { method: req.method, path: u.pathname, query: Object.fromEntries(u.searchParams), headers: req.headers, raw, body: raw.toString('utf8') };
      try {
        rec.json = JSON.parse(rec.body);
      } catch {
        rec.json = undefined;
      }
      w.requests.push(rec);
      if (req.method === 'GET' && u.pathname === '/cgi-bin/showqrcode') {
        res.writeHead(rec.query.ticket ? 200 : 404, { 'Content-Type': 'image/jpeg' });
        res.end(rec.query.ticket || '');
        return;
      }
      const h = routes[`${req.method} ${u.pathname}`];
      const body = h ? await h(rec) : err(-1, 'no such api');
      res.writeHead(h ? 200 : 404, { 'Content-Type': 'application/json; encoding=utf-8' });
      res.end(JSON.stringify(body));
    });
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  w.port = server.address().port;
  w.close = () =>
    new Promise((ok) => {
      server.closeAllConnections?.();
      server.close(() => ok());
    });
  after(() => w.close());
  return w;
}

/** feige's wechat.* for this stand-in. */
export function wechatConfig(w, extra = {}) {
  return {
    'wechat.appid': APPID,
    'wechat.secret': SECRET,
    'wechat.token': TOKEN,
    'wechat.template_id': TEMPLATE,
    'wechat.api_base': w.base,
    'wechat.qr_base': w.qrBase,
    ...extra,
  };
}

/** The signature WeChat puts on the server URL (sorted, SHA-1, hex). */
export function signature(token, timestamp, nonce) {
  return crypto.createHash('sha1').update([token, timestamp, nonce].sort().join('')).digest('hex');
}

export function signedQuery(token = TOKEN, extra = {}) {
  const timestamp = String(Math.floor(Date.now() / 1000));
  const nonce = String(crypto.randomInt(1e9));
  return new URLSearchParams({ signature: signature(token, timestamp, nonce), timestamp, nonce, ...extra }).toString();
}

const cdata = (s) => `<![CDATA[${s}]]>`;

/** WeChat's event XML (phones.md §1.6). */
export function eventXml({ from, to = 'gh_feige', time = Math.floor(Date.now() / 1000), type = 'event', event, key, ticket, msgId, status, content }) {
  let x = `<xml><ToUserName>${cdata(to)}</ToUserName><FromUserName>${cdata(from)}</FromUserName><CreateTime>${time}</CreateTime><MsgType>${cdata(type)}</MsgType>`;
  if (event) x += `<Event>${cdata(event)}</Event>`;
  if (key !== undefined) x += `<EventKey>${cdata(key)}</EventKey>`;
  if (ticket) x += `<Ticket>${cdata(ticket)}</Ticket>`;
  if (content !== undefined) x += `<Content>${cdata(content)}</Content>`;
  if (msgId !== undefined) x += type === 'event' ? `<MsgID>${msgId}</MsgID>` : `<MsgId>${msgId}</MsgId>`;
  if (status) x += `<Status>${cdata(status)}</Status>`;
  return x + '</xml>';
}

/** POST an event to feige as WeChat does (signed unless query given). */
export async function pushEvent(base, ev, { query, token = TOKEN } = {}) {
  const q = query ?? signedQuery(token);
  return request(`${base}/wechat/mp?${q}`, {
    method: 'POST',
    headers: { 'Content-Type': 'text/xml' },
    body: typeof ev === 'string' ? ev : eventXml(ev),
  });
}

/** The text of a passive reply, or '' for "success"/empty. */
export function replyText(res) {
  const m = /<Content><!\[CDATA\[([\s\S]*?)\]\]><\/Content>/.exec(res.text);
  return m ? m[1] : '';
}

/**
 * Bind person u (from srv.addUser) to openid as a scan does: a code from
 * `feige wechat bind`, then the signed subscribe (or SCAN) event.
 * Returns the code and feige's reply.
 */
export async function bindPerson(srv, u, openid, event = 'subscribe') {
  const b = await srv.cli(['wechat', 'bind', u.uid, '--config', srv.configFile]);
  const key = event === 'subscribe' ? `qrscene_${b.scene}` : b.scene;
  const r = await pushEvent(srv.base, { from: openid, event, key, ticket: 'T' });
  return { b, r };
}
