// channel=webhook: configs made with the CLI, the exact JSON each webhook
// type receives for several templates, and how upstream replies become
// outcomes (service error codes, 4xx, 429/5xx retried with backoff, dropped
// connections, slow replies), seen through `message show` and the
// message_complate callback.
import assert from 'node:assert/strict';
import { suite } from './lib/feige.mjs';
import { send, expectOk, expectErr } from './lib/http.mjs';
import { sinkPool, addWebhook } from './lib/sink.mjs';
import { waitFor } from './lib/wait.mjs';

const S = suite({
  config: {
    'channel.allow_private': 'yes',
    'channel.timeout_ms': 1000,
    'queue.retry_base_ms': 300,
    'queue.retry_max': 4,
  },
});
const newSink = sinkPool();

const hook = (srv, type, url) => addWebhook(srv, 'wh', type, url);

const TITLE = '标题';
const CONTENT = {
  markdown: '# 大标题\n- 第一项',
  txt: '第一行\n<b>不转义</b>',
  html: '<p>你好<b>世界</b></p><p>第二段 &amp; 更多</p>',
  json: '{"name":"名称","size":1}',
};
const MD = {
  markdown: CONTENT.markdown,
  html: '你好世界\n第二段 & 更多',
  json: '```json\n{\n  "name": "名称",\n  "size": 1\n}\n```',
};

// What each type must receive, per template (the exact bytes: JSON.stringify
// of these objects, keys in this order).
const EXPECT = {
  1: {
    markdown: { msgtype: 'markdown', markdown: { content: `### ${TITLE}\n\n${MD.markdown}` } },
    html: { msgtype: 'markdown', markdown: { content: `### ${TITLE}\n\n${MD.html}` } },
    json: { msgtype: 'markdown', markdown: { content: `### ${TITLE}\n\n${MD.json}` } },
    txt: { msgtype: 'text', text: { content: `${TITLE}\n\n${CONTENT.txt}` } },
  },
  2: {
    markdown: { msgtype: 'markdown', markdown: { title: TITLE, text: `### ${TITLE}\n\n${MD.markdown}` } },
    html: { msgtype: 'markdown', markdown: { title: TITLE, text: `### ${TITLE}\n\n${MD.html}` } },
    json: { msgtype: 'markdown', markdown: { title: TITLE, text: `### ${TITLE}\n\n${MD.json}` } },
    txt: { msgtype: 'text', text: { content: `${TITLE}\n\n${CONTENT.txt}` } },
  },
  3: {
    markdown: { msg_type: 'interactive', card: { header: { title: { tag: 'plain_text', content: TITLE } }, elements: [{ tag: 'markdown', content: MD.markdown }] } },
    html: { msg_type: 'interactive', card: { header: { title: { tag: 'plain_text', content: TITLE } }, elements: [{ tag: 'markdown', content: MD.html }] } },
    json: { msg_type: 'interactive', card: { header: { title: { tag: 'plain_text', content: TITLE } }, elements: [{ tag: 'markdown', content: MD.json }] } },
    txt: { msg_type: 'text', content: { text: `${TITLE}\n\n${CONTENT.txt}` } },
  },
  4: {
    markdown: { title: TITLE, desp: MD.markdown },
    html: { title: TITLE, desp: MD.html },
    json: { title: TITLE, desp: MD.json },
    txt: { title: TITLE, desp: CONTENT.txt },
  },
  5: Object.fromEntries(Object.keys(CONTENT).map((t) => [t, { title: TITLE, content: CONTENT[t], template: t, shortCode: null }])),
};
const OK_REPLY = {
  1: '{"errcode":0,"errmsg":"ok"}',
  2: '{"errcode":0,"errmsg":"ok"}',
  3: '{"code":0,"msg":"success","data":{}}',
  4: '{"code":0,"message":"","data":{"pushid":"1","readkey":"k","error":"SUCCESS","errno":0}}',
  5: '{"ok":true}',
};

const bySc = (sc) => (r) => r.path.endsWith('/' + sc) || (r.json && r.json.shortCode === sc) || r.query.sc === sc;

for (const type of [1, 2, 3, 4, 5]) {
  S.test(`type ${type}: exact JSON for markdown, txt, html and json templates; status 2`, async (t, srv) => {
    const sink = await newSink({ body: OK_REPLY[type] });
    const code = await hook(srv, type, sink.url('/hook'));
    for (const tpl of ['markdown', 'txt', 'html', 'json']) {
      const before = sink.requests.length;
      const sc = expectOk(await send(srv.base, { token: srv.admin.token, title: TITLE, content: CONTENT[tpl], template: tpl, channel: 'webhook', webhook: code }));
      const [req] = (await sink.waitForCount(before + 1)).slice(before);
      assert.equal(req.method, 'POST');
      assert.equal(req.path, '/hook');
      assert.match(req.headers['content-type'], /^application\/json/);
      const want = { ...EXPECT[type][tpl] };
      if (type === 5) want.shortCode = sc;
      assert.equal(req.body, JSON.stringify(want), `type ${type} template ${tpl}`);
      const m = await srv.waitStatus(sc, [2]);
      assert.equal(m.deliveries.length, 1);
      assert.equal(m.deliveries[0].channel, 'webhook');
      assert.equal(m.deliveries[0].attempts, 1);
    }
  });
}

S.test('no title: DingTalk and ServerChan titles come from the content; WeCom has no heading', async (t, srv) => {
  const sink = await newSink({ body: '{"errcode":0,"errmsg":"ok","code":0}' });
  const ding = await hook(srv, 2, sink.url('/ding'));
  const sc4 = await hook(srv, 4, sink.url('/sc'));
  const we = await hook(srv, 1, sink.url('/we'));
  for (const code of [ding, sc4, we]) {
    const sc = expectOk(await send(srv.base, { token: srv.admin.token, content: '**磁盘** 使用率 95%', template: 'markdown', channel: 'webhook', webhook: code }));
    await srv.waitStatus(sc, [2]);
  }
  assert.equal(sink.on('/ding')[0].body, JSON.stringify({ msgtype: 'markdown', markdown: { title: '磁盘 使用率 95%', text: '**磁盘** 使用率 95%' } }));
  assert.equal(sink.on('/sc')[0].body, JSON.stringify({ title: '磁盘 使用率 95%', desp: '**磁盘** 使用率 95%' }));
  assert.equal(sink.on('/we')[0].body, JSON.stringify({ msgtype: 'markdown', markdown: { content: '**磁盘** 使用率 95%' } }));
});

S.test('long content is cut for the WeCom bot on a character boundary', async (t, srv) => {
  const sink = await newSink({ body: OK_REPLY[1] });
  const code = await hook(srv, 1, sink.url('/long'));
  const sc = expectOk(await send(srv.base, { token: srv.admin.token, content: '长'.repeat(3000), template: 'markdown', channel: 'webhook', webhook: code }));
  await srv.waitStatus(sc, [2]);
  const c = sink.on('/long')[0].json.markdown.content;
  assert.ok(Buffer.byteLength(c) <= 4096, 'within 4096 bytes');
  assert.ok(c.endsWith('长…'), 'ends with an ellipsis after a whole character');
});

S.test('accept-time errors: missing and unknown webhook codes → 999 with a reason', async (t, srv) => {
  let r = await send(srv.base, { token: srv.admin.token, content: 'x', channel: 'webhook' });
  expectErr(r, 999);
  assert.match(r.json.msg, /webhook/);
  r = await send(srv.base, { token: srv.admin.token, content: 'x', channel: 'webhook', webhook: 'nope' });
  expectErr(r, 999);
  assert.match(r.json.msg, /nope/);
  // another user's webhook code is not yours
  const other = await srv.addUser('whother');
  await srv.cli(['webhook', 'add', other.uid, 'theirs', 'theirs', '1', 'http://127.0.0.1:9/x']);
  r = await send(srv.base, { token: srv.admin.token, content: 'x', channel: 'webhook', webhook: 'theirs' });
  expectErr(r, 999);
  // "" means not set
  r = await send(srv.base, { token: srv.admin.token, content: 'x', channel: 'webhook', webhook: '' });
  expectErr(r, 999);
});

S.test('CLI: webhook list, duplicate code, bad type and URL', async (t, srv) => {
  const u = await srv.addUser('whcli');
  const a = await srv.cli(['webhook', 'add', u.uid, 'c1', '群机器人', '1', 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=k']);
  assert.equal(a.type, 1);
  assert.equal(a.name, '群机器人');
  await srv.cli(['--json', 'webhook', 'add', u.uid, 'c2', 'ding', '2', 'https://oapi.dingtalk.com/robot/send?access_token=t']);
  const list = await srv.cli(['webhook', 'list', u.uid]);
  assert.deepEqual(list.map((w) => [w.code, w.type]), [['c1', 1], ['c2', 2]]);
  assert.deepEqual(Object.keys(list[0]), ['id', 'code', 'name', 'created', 'type', 'typeName', 'url']);
  let r = await srv.cli(['webhook', 'add', u.uid, 'c1', 'again', '1', 'https://x.example/'], { raw: true });
  assert.notEqual(r.code, 0);
  assert.match(r.stderr, /already exists/);
  r = await srv.cli(['webhook', 'add', u.uid, 'c3', 'bad', 'zero', 'https://x.example/'], { raw: true });
  assert.notEqual(r.code, 0);
  r = await srv.cli(['webhook', 'add', u.uid, 'c4', 'bad', '1', 'ftp://x.example/'], { raw: true });
  assert.notEqual(r.code, 0);
});

S.test('service error code → status 3 at once with the upstream text; callback sendStatus 3', async (t, srv) => {
  const cb = await newSink();
  const sink = await newSink({ body: '{"errcode":93000,"errmsg":"invalid webhook url, hint: [1700000000_1_abc]"}' });
  const code = await hook(srv, 1, sink.url('/bad'));
  const sc = expectOk(await send(srv.base, { token: srv.admin.token, content: 'x', channel: 'webhook', webhook: code, callbackUrl: cb.url('/cb') }));
  const m = await srv.waitStatus(sc, [3]);
  assert.match(m.error, /errcode 93000: invalid webhook url/);
  assert.match(m.error, new RegExp(`webhook '${code}'`));
  assert.equal(m.deliveries[0].attempts, 1, 'not retried');
  const req = await cb.waitForRequest((r) => r.json?.messageInfo?.shortCode === sc);
  assert.equal(req.json.messageInfo.sendStatus, 3);
  assert.match(req.json.messageInfo.message, /93000/);
  assert.equal(sink.requests.length, 1);
});

S.test('other 4xx → status 3 with the upstream status and body; no retry', async (t, srv) => {
  const sink = await newSink({ status: 404, body: 'no such hook', contentType: 'text/plain' });
  const code = await hook(srv, 5, sink.url('/gone'));
  const sc = expectOk(await send(srv.base, { token: srv.admin.token, content: 'x', channel: 'webhook', webhook: code }));
  const m = await srv.waitStatus(sc, [3]);
  assert.match(m.error, /upstream 404, no such hook/);
  assert.equal(m.deliveries[0].attempts, 1);
});

S.test('503 twice then 200: status 1 while retrying, then sent; one callback with status 2', async (t, srv) => {
  const cb = await newSink();
  const sink = await newSink({ body: OK_REPLY[1] });
  sink.script.push({ status: 503, body: 'busy' }, { status: 503, body: 'busy' });
  const code = await hook(srv, 1, sink.url('/flaky'));
  const sc = expectOk(await send(srv.base, { token: srv.admin.token, content: 'retry me', channel: 'webhook', webhook: code, callbackUrl: cb.url('/cb') }));
  // after the first 503 the delivery waits for its retry: status 1 with a due time
  const mid = await srv.waitStatus(sc, [1]);
  assert.equal(mid.deliveries[0].status, 1);
  assert.match(mid.deliveries[0].error, /upstream 503, busy/);
  assert.ok(mid.deliveries[0].nextAt > 0, 'a retry time is set');
  const m = await srv.waitStatus(sc, [2], 15000);
  assert.equal(m.deliveries[0].attempts, 3);
  assert.equal(m.error, '');
  assert.equal(sink.requests.length, 3);
  const bodies = new Set(sink.requests.map((r) => r.body));
  assert.equal(bodies.size, 1, 'the same payload on every attempt');
  const req = await cb.waitForRequest((r) => r.json?.messageInfo?.shortCode === sc);
  assert.deepEqual(req.json.messageInfo, { message: '', shortCode: sc, sendStatus: 2 });
  // no callback while it was retrying, and only one
  await new Promise((ok) => setTimeout(ok, 300));
  assert.equal(cb.requests.filter((r) => r.json?.messageInfo?.shortCode === sc).length, 1);
});

S.test('429 is retried; a rate-limit errcode (45009) is retried', async (t, srv) => {
  const sink = await newSink({ body: OK_REPLY[1] });
  sink.script.push({ status: 429, body: 'slow down' }, { status: 200, body: '{"errcode":45009,"errmsg":"api freq out of limit"}' });
  const code = await hook(srv, 1, sink.url('/rl'));
  const sc = expectOk(await send(srv.base, { token: srv.admin.token, content: 'x', channel: 'webhook', webhook: code }));
  const m = await srv.waitStatus(sc, [2], 15000);
  assert.equal(m.deliveries[0].attempts, 3);
});

S.test('dropped connection every time → retried to retry_max, then status 3', async (t, srv) => {
  const cb = await newSink();
  const sink = await newSink({ drop: true });
  const code = await hook(srv, 5, sink.url('/drop'));
  const sc = expectOk(await send(srv.base, { token: srv.admin.token, content: 'x', channel: 'webhook', webhook: code, callbackUrl: cb.url('/cb') }));
  const mid = await srv.waitStatus(sc, [1, 3]);
  assert.ok(mid.status === 1 || mid.deliveries[0].attempts === 4);
  const m = await srv.waitStatus(sc, [3], 20000);
  assert.equal(m.deliveries[0].attempts, 4, 'queue.retry_max attempts');
  assert.ok(m.error.length > 0);
  assert.equal(sink.requests.length, 4);
  const req = await cb.waitForRequest((r) => r.json?.messageInfo?.shortCode === sc);
  assert.equal(req.json.messageInfo.sendStatus, 3);
});

S.test('slow reply past channel.timeout_ms → TEMPFAIL "timeout", then sent when it answers in time', async (t, srv) => {
  const sink = await newSink({ body: OK_REPLY[5] });
  sink.script.push({ delayMs: 2500 });
  const code = await hook(srv, 5, sink.url('/slow'));
  const sc = expectOk(await send(srv.base, { token: srv.admin.token, content: 'x', channel: 'webhook', webhook: code }));
  const mid = await srv.waitStatus(sc, [1, 2], 15000);
  if (mid.status === 1) assert.match(mid.deliveries[0].error, /timeout/i);
  const m = await srv.waitStatus(sc, [2], 15000);
  assert.equal(m.deliveries[0].attempts, 2);
});

S.test('topic and to do not fan out a webhook send: one POST to the sender\'s hook', async (t, srv) => {
  const sink = await newSink({ body: OK_REPLY[1] });
  const code = await hook(srv, 1, sink.url('/one'));
  const f = await srv.addUser('whfriend');
  const fr = await srv.cli(['friend', 'add', srv.admin.uid, f.uid]);
  const sc = expectOk(await send(srv.base, { token: srv.admin.token, content: 'x', channel: 'webhook', webhook: code, to: fr.token }));
  const m = await srv.waitStatus(sc, [2]);
  assert.equal(m.deliveries.length, 1);
  await waitFor(() => sink.requests.length === 1, 2000, { what: 'one request' });
});

S.test('kill -9 while a delivery waits for its retry: after restart it is retried and sent', async (t, srv) => {
  const cb = await newSink();
  const sink = await newSink({ status: 503, body: 'down' });
  const code = await hook(srv, 1, sink.url('/restart'));
  const sc = expectOk(await send(srv.base, { token: srv.admin.token, content: 'survive', channel: 'webhook', webhook: code, callbackUrl: cb.url('/cb') }));
  await srv.waitStatus(sc, [1]);
  await srv.kill9();
  sink.setReply({ status: 200, body: OK_REPLY[1] });
  await srv.start();
  const m = await srv.waitStatus(sc, [2], 15000);
  assert.ok(m.deliveries[0].attempts >= 2);
  const req = await cb.waitForRequest((r) => r.json?.messageInfo?.shortCode === sc);
  assert.equal(req.json.messageInfo.sendStatus, 2);
});

S.test('config deleted while a delivery waits for its retry: the retry fails with that reason', async (t, srv) => {
  const sink = await newSink({ status: 503, body: 'down' });
  const code = await hook(srv, 5, sink.url('/del'));
  const sc = expectOk(await send(srv.base, { token: srv.admin.token, content: 'x', channel: 'webhook', webhook: code }));
  await srv.waitStatus(sc, [1]);
  const d = await srv.cli(['webhook', 'delete', srv.admin.uid, code]);
  assert.equal(d.deleted, true);
  sink.setReply({ status: 200, body: OK_REPLY[5] });
  const m = await srv.waitStatus(sc, [3], 15000);
  assert.match(m.error, /config \d+ was deleted/);
  // and new sends with that code are refused at once
  const r = await send(srv.base, { token: srv.admin.token, content: 'x', channel: 'webhook', webhook: code });
  expectErr(r, 999);
  const again = await srv.cli(['webhook', 'delete', srv.admin.uid, code], { raw: true });
  assert.notEqual(again.code, 0);
});
