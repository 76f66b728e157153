// pushplus open API 1.14 image service: userImage/uploadToken hands out
// feige's own upload target, which takes multipart `token` + `file` (no
// access-key) and answers Qiniu-style; the image is served at its url
// with its type and nosniff; userImage/list and userImage/delete.
import assert from 'node:assert/strict';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { suite } from './lib/feige.mjs';
import { openUser, open, ok, err, DATE_RE } from './lib/open.mjs';

const S = suite();

const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');
const GIF = Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64');

const user = openUser;

async function upload(url, token, bytes, { name = 'a.png', type = 'image/png', field = 'file' } = {}) {
  const fd = new FormData();
  if (token !== undefined) fd.append('token', token);
  if (bytes) fd.append(field, new Blob([bytes], { type }), name);
  const r = await fetch(url, { method: 'POST', body: fd });
  assert.equal(r.status, 200);
  return r.json();
}

S.test('uploadToken, upload, fetch back, list, delete', async (t, srv) => {
  const u = await user(srv, 'img');
  const tk = ok(await open(srv, u.key, 'GET', 'userImage/uploadToken'), '执行成功');
  assert.deepEqual(Object.keys(tk).sort(), ['bucket', 'expiresIn', 'uploadHost', 'uploadToken', 'uploadUrl']);
  assert.equal(tk.expiresIn, 600);
  assert.equal(tk.uploadUrl, srv.base + '/api/open/userImage/upload');
  assert.equal(tk.uploadHost, srv.base);

  const up = await upload(tk.uploadUrl, tk.uploadToken, PNG, { name: '截图.png' });
  assert.deepEqual(Object.keys(up).sort(), ['errno', 'ext', 'fname', 'fsize', 'hash', 'key', 'mimeType', 'msg', 'thumbnail', 'url']);
  assert.equal(up.errno, 0);
  assert.equal(up.msg, 'ok');
  assert.equal(up.ext, '.png');
  assert.equal(up.fname, '截图.png');
  assert.equal(up.fsize, PNG.length);
  assert.equal(up.mimeType, 'image/png');
  assert.match(up.hash, /^[0-9a-f]{64}$/);
  assert.equal(up.url, `${srv.base}/img/${up.key}.png`);

  // the bytes come back with their type and nosniff, no access-key needed
  const img = await fetch(up.url);
  assert.equal(img.status, 200);
  assert.equal(img.headers.get('content-type'), 'image/png');
  assert.equal(img.headers.get('x-content-type-options'), 'nosniff');
  assert.deepEqual(Buffer.from(await img.arrayBuffer()), PNG);
  // on disk, under the data dir, 0600
  const st = await stat(path.join(srv.dataDir, 'images', `${up.key}.png`));
  assert.equal(st.mode & 0o777, 0o600);

  // a GIF too; the list is newest first, 10 per page by default
  const up2 = await upload(tk.uploadUrl, tk.uploadToken, GIF, { name: 'x.gif', type: 'image/gif' });
  assert.equal(up2.mimeType, 'image/gif');
  const page = ok(await open(srv, u.key, 'POST', 'userImage/list', { body: { current: 1, params: {} } }), '执行成功');
  assert.deepEqual([page.pageNum, page.pageSize, page.total, page.pages], [1, 10, 2, 1]);
  assert.deepEqual(Object.keys(page.list[0]).sort(), ['createTime', 'id', 'imgUrl', 'thumbnail']);
  assert.equal(page.list[0].imgUrl, up2.url);
  assert.equal(page.list[1].imgUrl, up.url);
  assert.match(page.list[0].createTime, DATE_RE);
  assert.equal(ok(await open(srv, u.key, 'POST', 'userImage/list', { body: { pageSize: 99 } }), '执行成功').pageSize, 50);

  // another user sees none and cannot delete
  const v = await user(srv, 'img2');
  assert.equal(ok(await open(srv, v.key, 'POST', 'userImage/list', { body: {} }), '执行成功').total, 0);
  err(await open(srv, v.key, 'DELETE', 'userImage/delete', { query: { id: page.list[1].id } }), 999);

  // delete: gone from the list and from /img/
  assert.equal(ok(await open(srv, u.key, 'DELETE', 'userImage/delete', { query: { id: String(page.list[1].id) } }), '执行成功'), null);
  assert.equal((await fetch(up.url)).status, 404);
  assert.equal(ok(await open(srv, u.key, 'POST', 'userImage/list', { body: {} }), '执行成功').total, 1);
  err(await open(srv, u.key, 'DELETE', 'userImage/delete', { query: { id: page.list[1].id } }), 999);
  await assert.rejects(stat(path.join(srv.dataDir, 'images', `${up.key}.png`)));
});

S.test('upload refusals: bad token, no file, not an image, too big', async (t, srv) => {
  const u = await user(srv, 'img3');
  const tk = ok(await open(srv, u.key, 'GET', 'userImage/uploadToken'), '执行成功');
  let r = await upload(tk.uploadUrl, 'nope', PNG);
  assert.equal(r.errno, 401);
  assert.match(r.msg, /上传凭证无效/);
  r = await upload(tk.uploadUrl, undefined, PNG);
  assert.equal(r.errno, 401);
  // a token with a forged user id
  const forged = tk.uploadToken.replace(/^\d+/, (n) => String(Number(n) + 1));
  assert.equal((await upload(tk.uploadUrl, forged, PNG)).errno, 401);
  r = await upload(tk.uploadUrl, tk.uploadToken, null);
  assert.equal(r.errno, 400);
  r = await upload(tk.uploadUrl, tk.uploadToken, Buffer.from('<html><script>alert(1)</script>'), { name: 'x.png' });
  assert.equal(r.errno, 415);
  assert.match(r.msg, /只能上传图片/);
  const big = Buffer.alloc(10 * 1024 * 1024 + 1, 0);
  PNG.copy(big);
  r = await upload(tk.uploadUrl, tk.uploadToken, big);
  assert.equal(r.errno, 413);
  assert.match(r.msg, /10MB/);
  // just under the cap is fine
  r = await upload(tk.uploadUrl, tk.uploadToken, big.subarray(0, 10 * 1024 * 1024));
  assert.equal(r.errno, 0, JSON.stringify(r));
  assert.equal(r.fsize, 10 * 1024 * 1024);
  assert.equal(ok(await open(srv, u.key, 'POST', 'userImage/list', { body: {} }), '执行成功').total, 1);
  // an unknown key
  assert.equal((await fetch(srv.base + '/img/0123456789abcdef0123456789abcdef.png')).status, 404);
});
