// channel=cp on the outbound loop: a WeCom API host that holds every
// message/send (a tarpit stand-in at channel.wecom_base) costs only its
// own deliveries.  With one queue worker, three cp sends are all on the
// wire at once and a webhook to another host is still delivered while
// they hang; the held request's bytes are those of a blocking send.
import assert from 'node:assert/strict';
import { suite } from './lib/feige.mjs';
import { send, expectOk } from './lib/http.mjs';
import { addWebhook, sinkPool } from './lib/sink.mjs';

const newSink = sinkPool();
const wecom = await newSink();
wecom.route = (req) => {
  if (req.path === '/cgi-bin/gettoken')
    return { body: JSON.stringify({ errcode: 0, errmsg: 'ok', access_token: 'tok-1', expires_in: 7200 }) };
  if (req.path === '/cgi-bin/message/send') return { delayMs: 60000, body: '{"errcode":0,"errmsg":"ok"}' };
  return { status: 404, body: '{}' };
};

const S = suite({ config: { 'channel.wecom_base': `http://127.0.0.1:${wecom.port}`, 'channel.allow_private': 'yes',
  'channel.timeout_ms': 30000, 'queue.workers': 1 } });

S.test('one worker, three cp sends held by the WeCom API, a webhook to another host still delivered', async (t, srv) => {
  await srv.cli(['cp', 'add', srv.admin.uid, 'cp1', '告警应用', '--corpid', 'ww123', '--agentid', '1000002', '--secret', 's3cr3t']);
  const quick = await newSink({ body: '{"errcode":0,"errmsg":"ok"}' });
  const hook = await addWebhook(srv, 'qk', 1, quick.url('/quick').replace('127.0.0.1', 'localhost'));
  const held = [];
  for (let i = 0; i < 3; i++)
    held.push(expectOk(await send(srv.base, { token: srv.admin.token, title: '标题', content: `**内容 ${i}**`, template: 'markdown', channel: 'cp', webhook: 'cp1' })));
  const sends = await wecom.waitForCount(3, (r) => r.path === '/cgi-bin/message/send');
  assert.equal(wecom.on('/cgi-bin/gettoken').length, 1, 'one gettoken, the token cached');

  // the exact request of a blocking send
  const s0 = sends.find((r) => r.body.includes('内容 0'));
  assert.equal(s0.method, 'POST');
  assert.equal(s0.url, '/cgi-bin/message/send?access_token=tok-1');
  assert.equal(s0.body, JSON.stringify({ touser: '@all', msgtype: 'markdown', agentid: 1000002, markdown: { content: '### 标题\n\n**内容 0**' } }));
  assert.equal(s0.headers['content-type'], 'application/json;charset=UTF-8');
  assert.equal(s0.headers['user-agent'], 'feige');
  assert.match(s0.headers['x-feige-delivery'], /^[1-9][0-9]*$/);
  assert.equal(s0.headers.expect, undefined);

  const sc = expectOk(await send(srv.base, { token: srv.admin.token, content: 'quick', channel: 'webhook', option: hook }));
  const m = await srv.waitStatus(sc, [2, 3]);
  assert.equal(m.status, 2, JSON.stringify(m));
  assert.equal(quick.on('/quick').length, 1);
  for (const h of held) {
    const r = await srv.showMessage(h);
    assert.ok(r.status !== 2 && r.status !== 3, `cp ${h} still held: ${JSON.stringify(r)}`);
  }
  assert.equal(wecom.on('/cgi-bin/message/send').length, 3, 'each held send made once');
});
