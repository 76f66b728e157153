// WxPusher pages, issue 9 items 12-14: a message shows the app (and
// topic) that sent it, not the developer's account and no 微信公众号 tag
// (nothing here goes to WeChat); the inbox says the same per item; the
// me page links each app's settings page with uid appended; and a person
// gets their own SPT from their page (POST /me/spt, the operation the CLI
// uses), which simple-push accepts.
import assert from 'node:assert/strict';
import { suite } from './lib/feige.mjs';
import { request } from './lib/http.mjs';
import { signIn, submit } from './lib/person.mjs';
import { newApp, followers, sendWx, wxGet } from './lib/wx.mjs';

const S = suite();

/** A signed-in browser of person p (a session from a sign-in link). */
const asPerson = async (srv, p) => ({ headers: { Cookie: (await signIn(srv, p.uid)).header() } });
const unescape = (s) => s.replace(/&amp;/g, '&');

S.test('message page and inbox name the app and topic, never the developer or 微信公众号', async (t, srv) => {
  const app = await newApp(srv, '天气应用');
  const topic = await srv.cli(['topic', 'add', String(app.appId), '晨报主题']);
  const [p] = await followers(srv, 1, { app: app.appId, prefix: 'reader' });
  await srv.cli(['follow', p.uid, '--topic', String(topic.topicId)]);

  const viaTopic = await sendWx(srv.base, { appToken: app.appToken, topicIds: [topic.topicId], content: 'via-topic', summary: 'topic-msg' });
  assert.equal(viaTopic.code, 1000, JSON.stringify(viaTopic));
  const direct = await sendWx(srv.base, { appToken: app.appToken, uids: [p.uid], content: 'direct', summary: 'uid-msg' });
  assert.equal(direct.code, 1000, JSON.stringify(direct));

  const items = await srv.inbox(p.token);
  const byTitle = Object.fromEntries(items.map((i) => [i.title, i]));
  assert.deepEqual([byTitle['topic-msg'].appName, byTitle['topic-msg'].topicName], ['天气应用', '晨报主题']);
  assert.deepEqual([byTitle['uid-msg'].appName, byTitle['uid-msg'].topicName], ['天气应用', '']);

  const tp = await request(`${srv.base}/message/${byTitle['topic-msg'].shortCode}`);
  assert.equal(tp.status, 200);
  assert.match(tp.text, /<span class="fg-sender">天气应用<\/span>/);
  assert.match(tp.text, /<span class="fg-topic">主题：晨报主题<\/span>/);
  assert.doesNotMatch(tp.text, /微信公众号/);
  assert.doesNotMatch(tp.text, /dev-天气应用/, 'not the developer account');
  assert.match(tp.text, /<span class="fg-tag">收件箱<\/span>/);
  const up = await request(`${srv.base}/message/${byTitle['uid-msg'].shortCode}`);
  assert.match(up.text, /<span class="fg-sender">天气应用<\/span>/);
  assert.doesNotMatch(up.text, /fg-topic/);
  assert.doesNotMatch(up.text, /微信公众号|dev-天气应用/);

  const page = await request(`${srv.base}/inbox?token=${p.token}`);
  assert.match(page.text, /<span class="fg-li-from">天气应用 · 晨报主题<\/span>/);
  assert.match(page.text, /<span class="fg-li-from">天气应用<\/span>/);

  // a pushplus message keeps its sender and has no app line
  const u = await srv.addUser('pp-sender');
  const s = await request(`${srv.base}/send`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ token: u.token, title: 'pp', content: 'x' }) });
  assert.equal(s.json.code, 200, s.text);
  const mine = (await srv.inbox(u.token)).find((i) => i.title === 'pp');
  assert.deepEqual([mine.appName, mine.topicName], ['', '']);
  const pp = await request(`${srv.base}/message/${mine.shortCode}`);
  assert.match(pp.text, /<span class="fg-sender">pp-sender<\/span>/);
  assert.doesNotMatch(pp.text, /微信公众号/);
});

S.test('me page: the app settings page with uid appended (query and fragment kept); none for a blocked follow', async (t, srv) => {
  const a1 = await newApp(srv, 'set-q');
  const a2 = await newApp(srv, 'set-plain');
  const a3 = await newApp(srv, 'set-none');
  await srv.cli(['app', 'set', String(a1.appId), 'settings_url', 'https://example.invalid/s?x=1&y=2#top']);
  await srv.cli(['app', 'set', String(a2.appId), 'settings_url', 'https://example.invalid/settings']);
  const [p] = await followers(srv, 1, { app: a1.appId, prefix: 'setter' });
  await srv.cli(['follow', p.uid, '--app', String(a2.appId)]);
  await srv.cli(['follow', p.uid, '--app', String(a3.appId)]);
  const topic = await srv.cli(['topic', 'add', String(a2.appId), 'set-topic']);
  await srv.cli(['follow', p.uid, '--topic', String(topic.topicId)]);

  const me = await request(`${srv.base}/me`, await asPerson(srv, p));
  assert.equal(me.status, 200);
  const follows = me.text.split('<ul class="fg-follows">')[1].split('</ul>')[0]; // not the sessions list
  const links = [...follows.matchAll(/<li>(.*?)<\/li>/gs)].map((m) => {
    const a = /<a class="fg-settings" rel="noopener noreferrer" href="([^"]+)">/.exec(m[1]);
    return [/<\/span> ([^<]+)/.exec(m[1])[1].trim(), a ? unescape(a[1]) : null];
  });
  assert.deepEqual(links, [
    ['set-q', `https://example.invalid/s?x=1&y=2&uid=${p.uid}#top`],
    ['set-plain', `https://example.invalid/settings?uid=${p.uid}`],
    ['set-none', null],
    ['set-topic', `https://example.invalid/settings?uid=${p.uid}`],
  ]);

  // a URL ending in "?" gets no extra "&"
  await srv.cli(['app', 'set', String(a2.appId), 'settings_url', 'https://example.invalid/x?']);
  const me2 = await request(`${srv.base}/me`, await asPerson(srv, p));
  assert.ok(unescape(me2.text).includes(`href="https://example.invalid/x?uid=${p.uid}"`), 'a bare ? gets no extra &');
  // blocked by the app: no settings link for it
  const rej = await wxGet(srv.base, '/api/fun/reject', { appToken: a1.appToken, id: p.followId, reject: 'true' }, { method: 'PUT' });
  assert.equal(rej.code, 1000, JSON.stringify(rej));
  const me3 = await request(`${srv.base}/me`, await asPerson(srv, p));
  assert.doesNotMatch(me3.text, /example\.invalid\/s\?/);
  assert.match(me3.text, /已被拉黑/);
});

S.test('a person gets their own SPT from their page (POST /me/spt), the same the CLI gives, and simple-push delivers with it', async (t, srv) => {
  const app = await newApp(srv, 'spt-app');
  const [p] = await followers(srv, 1, { app: app.appId, prefix: 'spt' });
  const j = await signIn(srv, p.uid);
  const me = await request(`${srv.base}/me`, { headers: { Cookie: j.header() } });
  assert.match(me.text, /<form method="post" action="\/me\/spt"><input type="hidden" name="csrf" value="[0-9a-f]{32}"><button type="submit">获取我的SPT<\/button><\/form>/);
  assert.doesNotMatch(me.text, /SPT_[0-9A-Za-z]{10}/, 'GET makes no SPT');

  const r = await submit(srv, j, '/me', '/me/spt');
  assert.equal(r.status, 200);
  assert.equal(r.headers['cache-control'], 'no-store');
  assert.match(r.headers['content-security-policy'], /script-src 'self'/);
  assert.doesNotMatch(r.text, /<script>/, 'no inline script');
  assert.match(r.text, /<script src="\/static\/copy\.js" defer><\/script>/);
  const spt = /<input id="fg-spt" readonly value="(SPT_[0-9A-Za-z]+)"/.exec(r.text)[1];
  assert.match(r.text, /class="fg-copy" data-copy="fg-spt"/);
  const again = await submit(srv, j, '/me', '/me/spt');
  assert.ok(again.text.includes(spt), 'the same SPT each time');
  const cli = await srv.cli(['user', 'spt', p.uid]);
  assert.equal(cli.spt, spt, 'the page and the CLI agree');

  const js = await request(`${srv.base}/static/copy.js`);
  assert.equal(js.status, 200);
  assert.match(js.headers['content-type'], /^text\/javascript/);

  const sent = await request(`${srv.base}/api/send/message/simple-push`, {
    method: 'POST', headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ content: 'to myself', summary: 'spt-self', spt }),
  });
  assert.equal(sent.json.code, 1000, sent.text);
  const got = (await srv.inbox(p.token)).find((i) => i.title === 'spt-self');
  assert.ok(got, 'the SPT message is in the person\'s inbox');

  // without a person: refused, nothing made
  const anon = await request(`${srv.base}/me/spt`, { method: 'POST' });
  assert.equal(anon.status, 403);
  assert.equal((await request(`${srv.base}/me/spt`)).status, 405, 'GET is not the way');
});
