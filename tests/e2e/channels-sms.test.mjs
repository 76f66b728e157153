// channel=sms and channel=voice through Tencent Cloud (sms.provider =
// tencent), against a recording stand-in of Tencent's API that checks
// each request as Tencent would: the TC3-HMAC-SHA256 signature is
// recomputed here with node:crypto from the request as received. Also
// the send-time refusals (999, nothing stored) of the channels feige
// cannot serve, on /send and /batchSend, on a second server without an
// SMS provider.
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { after, test } from 'node:test';
import { suite, createFeige } from './lib/feige.mjs';
import { send, expectOk, expectErr } from './lib/http.mjs';
import { startSink } from './lib/sink.mjs';
import { enableOpen, accessKey, open, ok as openOk } from './lib/open.mjs';

const SECRET_ID = 'AKIDfeigeE2Esecretid000000000000000';
const SECRET_KEY = 'feigeE2Esecretkey0000000000000000';

const hex = (h) => h.digest('hex');
const sha256 = (s) => hex(crypto.createHash('sha256').update(s));
const hmac = (k, s) => crypto.createHmac('sha256', k).update(s).digest();

// The signature Tencent computes for a request as received (Signature v3).
function tc3Expected(req, service, date) {
  const signed = 'content-type;host;x-tc-action';
  const canon = ['POST', '/', '', `content-type:${req.headers['content-type']}`, `host:${req.headers.host}`, `x-tc-action:${req.headers['x-tc-action'].toLowerCase()}`, '', signed, sha256(req.raw)].join('\n');
  const sts = ['TC3-HMAC-SHA256', req.headers['x-tc-timestamp'], `${date}/${service}/tc3_request`, sha256(canon)].join('\n');
  const k = hmac(hmac(hmac('TC3' + SECRET_KEY, date), service), 'tc3_request');
  return crypto.createHmac('sha256', k).update(sts).digest('hex');
}

// Check one request's signing headers; returns the parsed Authorization.
function checkSigned(req, service, action, version) {
  assert.equal(req.method, 'POST');
  assert.equal(req.url, '/');
  assert.equal(req.headers['content-type'], 'application/json; charset=utf-8');
  assert.equal(req.headers['x-tc-action'], action);
  assert.equal(req.headers['x-tc-version'], version);
  assert.equal(req.headers['x-tc-region'], 'ap-guangzhou');
  assert.match(req.headers['x-tc-timestamp'], /^\d{10}$/);
  const ts = Number(req.headers['x-tc-timestamp']);
  assert.ok(Math.abs(ts - Date.now() / 1000) < 300, 'timestamp is now');
  const date = new Date(ts * 1000).toISOString().slice(0, 10);
  const m = /^TC3-HMAC-SHA256 Credential=([^/]+)\/(\d{4}-\d\d-\d\d)\/([a-z]+)\/tc3_request, SignedHeaders=([a-z;-]+), Signature=([0-9a-f]{64})$/.exec(req.headers.authorization);
  assert.ok(m, 'Authorization shape: ' + req.headers.authorization);
  assert.equal(m[1], SECRET_ID);
  assert.equal(m[2], date, 'credential scope date is the UTC day of X-TC-Timestamp');
  assert.equal(m[3], service);
  assert.equal(m[4], 'content-type;host;x-tc-action');
  assert.equal(m[5], tc3Expected(req, service, date), 'signature verifies');
  return m;
}

// The stand-in answers as Tencent documents; scripted replies first.
const tencent = await startSink();
const script = [];
const ok = (extra) => ({ body: JSON.stringify({ Response: { ...extra, RequestId: crypto.randomUUID() } }) });
tencent.route = (req) => {
  if (script.length) return script.shift();
  if (req.headers['x-tc-action'] === 'SendTtsVoice') return ok({ SendStatus: { CallId: '1234567890', SessionContext: '' } });
  const phone = req.json?.PhoneNumberSet?.[0];
  return ok({ SendStatusSet: [{ SerialNo: '2028:1', PhoneNumber: phone, Fee: 1, SessionContext: '', Code: 'Ok', Message: 'send success', IsoCode: 'CN' }] });
};
after(() => tencent.close());

const S = suite({
  config: {
    'sms.provider': 'tencent',
    'sms.secret_id': SECRET_ID,
    'sms.secret_key': SECRET_KEY,
    'sms.sdk_app_id': '1400000001',
    'sms.sign_name': '飞鸽',
    'sms.template_id': '100001',
    'sms.voice_app_id': '1400000002',
    'sms.voice_template_id': '200002',
    'sms.endpoint': `http://127.0.0.1:${tencent.port}/`,
    'queue.retry_base_ms': 100,
  },
});

const since = () => tencent.requests.length;
const after_ = (n) => tencent.requests.slice(n);

S.test('CLI: user phone normalizes mainland and E.164 numbers, refuses others', async (t, srv) => {
  const u = await srv.addUser('phone-cli');
  assert.equal((await srv.cli(['user', 'phone', u.uid, '138 0013-8000'])).phone, '+8613800138000');
  assert.equal((await srv.cli(['user', 'phone', u.uid, '008613800138000'])).phone, '+8613800138000');
  assert.equal((await srv.cli(['user', 'phone', u.uid, '+4915112345678'])).phone, '+4915112345678');
  for (const bad of ['12345', '23800138000', '+86 010 1234 5678', 'abc', '+0123456789']) {
    const r = await srv.cli(['user', 'phone', u.uid, bad], { raw: true });
    assert.notEqual(r.code, 0, `${bad} refused`);
  }
  assert.equal((await srv.cli(['user', 'phone', u.uid, '-'])).phone, '', '- clears');
});

S.test('sms to the sender: the title only, signed SendSms with the exact body', async (t, srv) => {
  await srv.cli(['user', 'phone', srv.admin.uid, '13800138000']);
  const n = since();
  const sc = expectOk(await send(srv.base, { token: srv.admin.token, title: '磁盘满了', content: '<b>/var 99%</b> details stay home', channel: 'sms' }));
  const m = await srv.waitStatus(sc, [2]);
  assert.equal(m.channel, 'sms');
  assert.equal(m.deliveries.length, 1);
  const reqs = after_(n);
  assert.equal(reqs.length, 1);
  checkSigned(reqs[0], 'sms', 'SendSms', '2021-01-11');
  assert.equal(reqs[0].body, JSON.stringify({ PhoneNumberSet: ['+8613800138000'], SignName: '飞鸽', SmsSdkAppId: '1400000001', TemplateId: '100001', TemplateParamSet: ['磁盘满了'] }));
});

S.test('voice: signed SendTtsVoice (VMS 2020-09-02) reading the title', async (t, srv) => {
  const n = since();
  const sc = expectOk(await send(srv.base, { token: srv.admin.token, title: '机房断电', content: 'ignored', channel: 'voice' }));
  await srv.waitStatus(sc, [2]);
  const reqs = after_(n);
  assert.equal(reqs.length, 1);
  checkSigned(reqs[0], 'vms', 'SendTtsVoice', '2020-09-02');
  assert.equal(reqs[0].body, JSON.stringify({ CalledNumber: '+8613800138000', TemplateId: '200002', TemplateParamSet: ['机房断电'], VoiceSdkAppid: '1400000002' }));
});

S.test('topic and to: members and friends without a phone are skipped', async (t, srv) => {
  const code = 'smsg' + process.pid;
  await srv.cli(['group', 'add', srv.admin.uid, code, '短信群']);
  const [a, b, c] = [await srv.addUser('sms-a'), await srv.addUser('sms-b'), await srv.addUser('sms-c')];
  for (const u of [a, b, c]) await srv.cli(['group', 'join', code, u.uid]);
  await srv.cli(['user', 'phone', a.uid, '13900139000']);
  await srv.cli(['user', 'phone', c.uid, '+4915112345678']);
  let n = since();
  const sc = expectOk(await send(srv.base, { token: srv.admin.token, title: '群短信', content: 'x', channel: 'sms', topic: code }));
  const m = await srv.waitStatus(sc, [2]);
  assert.deepEqual(m.deliveries.map((d) => d.uid).sort(), [a.uid, c.uid].sort(), 'b has no phone');
  const phones = after_(n).map((r) => r.json.PhoneNumberSet[0]).sort();
  assert.deepEqual(phones, ['+4915112345678', '+8613900139000']);

  const fb = await srv.cli(['friend', 'add', srv.admin.uid, b.uid]);
  const fc = await srv.cli(['friend', 'add', srv.admin.uid, c.uid]);
  n = since();
  const sc2 = expectOk(await send(srv.base, { token: srv.admin.token, title: '好友短信', content: 'x', channel: 'sms', to: `${fb.token},${fc.token}` }));
  const m2 = await srv.waitStatus(sc2, [2]);
  assert.deepEqual(m2.deliveries.map((d) => d.uid), [c.uid]);
  assert.equal(after_(n).length, 1);

  // nobody with a phone: refused at send time, nothing sent
  n = since();
  const only = 'smsn' + process.pid;
  await srv.cli(['group', 'add', srv.admin.uid, only, '无手机']);
  await srv.cli(['group', 'join', only, b.uid]);
  assert.match(expectErr(await send(srv.base, { token: srv.admin.token, title: 't', content: 'x', channel: 'sms', topic: only }), 999).msg, /接收人均未绑定手机号/);
  assert.match(expectErr(await send(srv.base, { token: srv.admin.token, title: 't', content: 'x', channel: 'sms', to: fb.token }), 999).msg, /接收人均未绑定手机号/);
  assert.match(expectErr(await send(srv.base, { token: b.token, title: 't', content: 'x', channel: 'voice' }), 999).msg, /未绑定手机号/);
  assert.equal(since(), n);
});

S.test('Tencent errors: Response.Error and a refused number fail the delivery with the code; InternalError is retried', async (t, srv) => {
  script.push({ body: JSON.stringify({ Response: { Error: { Code: 'AuthFailure.SignatureFailure', Message: 'The provided credentials could not be validated.' }, RequestId: 'r1' } }) });
  let sc = expectOk(await send(srv.base, { token: srv.admin.token, title: 'e1', content: 'x', channel: 'sms' }));
  let m = await srv.waitStatus(sc, [3]);
  assert.equal(m.deliveries[0].attempts, 1, 'not retried');
  assert.match(m.deliveries[0].error, /AuthFailure\.SignatureFailure: The provided credentials/);

  script.push({ body: JSON.stringify({ Response: { SendStatusSet: [{ SerialNo: '', PhoneNumber: '+8613800138000', Fee: 0, SessionContext: '', Code: 'LimitExceeded.PhoneNumberDailyLimit', Message: 'the number of SMS messages sent from a single mobile number every day exceeds the upper limit', IsoCode: 'CN' }], RequestId: 'r2' } }) });
  sc = expectOk(await send(srv.base, { token: srv.admin.token, title: 'e2', content: 'x', channel: 'sms' }));
  m = await srv.waitStatus(sc, [3]);
  assert.equal(m.deliveries[0].attempts, 1);
  assert.match(m.deliveries[0].error, /LimitExceeded\.PhoneNumberDailyLimit/);
  assert.match(m.error, /PhoneNumberDailyLimit/);

  script.push({ body: JSON.stringify({ Response: { Error: { Code: 'InternalError.Timeout', Message: 'request timed out' }, RequestId: 'r3' } }) });
  sc = expectOk(await send(srv.base, { token: srv.admin.token, title: 'e3', content: 'x', channel: 'voice' }));
  m = await srv.waitStatus(sc, [2]);
  assert.equal(m.deliveries[0].attempts, 2, 'retried once, then delivered');
});

S.test('/batchSend: sms next to channels feige refuses', async (t, srv) => {
  const res = await send(srv.base, { token: srv.admin.token, title: 'b', content: 'x', channel: 'sms, APP ,wechat', option: '' }, { path: '/batchSend' });
  assert.equal(res.json.code, 200);
  const d = res.json.data;
  assert.deepEqual(d.map((e) => [e.channel, e.code]), [['sms', 200], ['app', 999], ['wechat', 200]]);
  assert.equal(d[1].shortCode, null);
  assert.match(d[1].message, /not available on this server yet/);
  await srv.waitStatus(d[0].shortCode, [2]);
});

S.test('open API: myInfo.phoneNumber, havePhone in friend/list, subscriberList and the callbacks', async (t, srv) => {
  const cb = await startSink();
  t.after(() => cb.close());
  const owner = await srv.addUser('phone-owner');
  await enableOpen(srv, owner.uid);
  await srv.cli(['user', 'callback', owner.uid, cb.url('/cb')]);
  await srv.cli(['user', 'phone', owner.uid, '+4915112345678']);
  const key = await accessKey(srv, owner.token);
  assert.equal(openOk(await open(srv, key, 'GET', 'user/myInfo')).phoneNumber, '+4915112345678');

  const [withP, without] = [await srv.addUser('phone-yes'), await srv.addUser('phone-no')];
  await srv.cli(['user', 'phone', withP.uid, '13700137000']);
  const code = 'php' + process.pid;
  const g = await srv.cli(['group', 'add', owner.uid, code, '手机']);
  for (const u of [withP, without]) {
    await srv.cli(['group', 'join', code, u.uid]);
    await srv.cli(['friend', 'add', owner.uid, u.uid]);
  }
  const want = { 'phone-yes': 1, 'phone-no': 0 };
  const friends = openOk(await open(srv, key, 'POST', 'friend/list', { body: { pageSize: 50 } }), '执行成功').list;
  assert.deepEqual(Object.fromEntries(friends.map((f) => [f.nickName, f.havePhone])), want);
  const subs = openOk(await open(srv, key, 'POST', 'topicUser/subscriberList', { body: { params: { topicId: g.topicId } } })).list;
  assert.deepEqual(Object.fromEntries(subs.map((f) => [f.nickName, f.havePhone])), want);
  const cbs = await cb.waitForCount(4);
  const joined = Object.fromEntries(cbs.filter((r) => r.json.event === 'add_topic_user').map((r) => [r.json.topicUserInfo.nickName, r.json.topicUserInfo.havePhone]));
  const befriended = Object.fromEntries(cbs.filter((r) => r.json.event === 'add_friend').map((r) => [r.json.friendInfo.nickName, r.json.friendInfo.havePhone]));
  assert.deepEqual(joined, want);
  assert.deepEqual(befriended, want);
});

// ---- refusals at send time, on a server without an SMS provider ----

const N = suite();
const REFUSED = [
  ['app', /渠道app暂不可用.*not available on this server yet/],
  ['extension', /渠道extension暂不可用.*not available on this server yet/],
  ['clawbot', /ClawBot 未配置/],
  ['qq', /自建服务器无法获得QQ机器人主动消息权限.*proactive-message permission/],
  ['cmcc', /渠道cmcc不支持.*not supported/],
  ['sms', /未配置短信服务商，无法发送短信.*sms\.provider/],
  ['voice', /未配置短信服务商，无法发送语音通知/],
];

N.test('/send: each channel feige cannot serve answers 999 at once with its reason', async (t, srv) => {
  for (const [channel, re] of REFUSED) {
    for (const ch of [channel, channel.toUpperCase()]) {
      const e = expectErr(await send(srv.base, { token: srv.admin.token, title: 't', content: 'x', channel: ch }), 999);
      assert.match(e.msg, re, ch);
    }
  }
  const { messages } = await srv.cli(['message', 'list']);
  assert.deepEqual(messages, [], 'nothing stored');
});

N.test('qq with a group option and topic or to: 999 naming the conflict', async (t, srv) => {
  for (const extra of [{ topic: 'g1' }, { to: 'f1' }]) {
    const e = expectErr(await send(srv.base, { token: srv.admin.token, content: 'x', channel: 'qq', option: 'qqgroup1', ...extra }), 999);
    assert.match(e.msg, /QQ群消息不能与topic或to同时使用/);
  }
});

N.test('/batchSend: refused channels fail only their own element, names in lower case', async (t, srv) => {
  const chans = ['wechat', ...REFUSED.map(([c]) => c.toUpperCase())];
  const res = await send(srv.base, { token: srv.admin.token, title: 't', content: 'x', channel: chans.join(',') }, { path: '/batchSend' });
  assert.equal(res.json.code, 200);
  assert.equal(res.json.msg, '执行成功');
  const d = res.json.data;
  assert.equal(d.length, chans.length);
  assert.equal(d[0].code, 200);
  assert.equal(d[0].channel, 'wechat');
  REFUSED.forEach(([c, re], i) => {
    const e = d[i + 1];
    assert.deepEqual([e.channel, e.code, e.shortCode], [c, 999, null]);
    assert.match(e.message, re);
  });
});

test('sms.provider naming no provider: the server does not start', async () => {
  const f = await createFeige({ config: { 'sms.provider': 'aliyun-typo' } });
  try {
    await assert.rejects(f.start({ timeoutMs: 5000 }));
    assert.match(f.allStderr + f.stderr, /sms\.provider: unknown provider 'aliyun-typo' \(one of: none tencent\)/);
  } finally {
    await f.cleanup();
  }
});
