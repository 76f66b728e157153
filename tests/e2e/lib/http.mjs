// Plain HTTP client on node:http, one fresh connection per request (no agent),
// so nothing is pooled across server restarts and every header is ours.
import http from 'node:http';
import assert from 'node:assert/strict';

export const SUCCESS_CT = 'application/json;charset=UTF-8';
export const HEX32 = /^[0-9a-f]{32}$/;

/**
 * request(url, {method, headers, body, timeoutMs})
 * body: string | Buffer | undefined. Content-Length is set for bodies unless
 * headers already has content-length or transfer-encoding.
 * Returns {status, headers, raw (Buffer), text, json (parsed or undefined)}.
 */
export function request(url, { method = 'GET', headers = {}, body, timeoutMs = 15000 } = {}) {
  return new Promise((resolve, reject) => {
    const u = new URL(url);
    const hdrs = { ...headers };
    const lower = Object.fromEntries(Object.keys(hdrs).map((k) => [k.toLowerCase(), k]));
    let buf;
    if (body !== undefined && body !== null) {
      buf = Buffer.isBuffer(body) ? body : Buffer.from(body, 'utf8');
      if (!lower['content-length'] && !lower['transfer-encoding']) hdrs['Content-Length'] = String(buf.length);
    }
    const req = http.request(
      { host: u.hostname, port: u.port, path: u.pathname + u.search, method, headers: hdrs, agent: false },
      (res) => {
        const chunks = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () => {
          const raw = Buffer.concat(chunks);
          const text = raw.toString('utf8');
          let json;
          try {
            json = JSON.parse(text);
          } catch {
            json = undefined;
          }
          resolve({ status: res.statusCode, headers: res.headers, raw, text, json });
        });
        res.on('error', reject);
      },
    );
    req.setTimeout(timeoutMs, () => req.destroy(new Error(`request ${method} ${url} timed out after ${timeoutMs} ms`)));
    req.on('error', reject);
    if (buf) req.write(buf);
    req.end();
  });
}

export function formEncode(params) {
  return new URLSearchParams(
    Object.entries(params)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => [k, v === null ? '' : String(v)]),
  ).toString();
}

export function multipart(params, boundary = '----feigeBoundary' + Math.random().toString(16).slice(2)) {
  let s = '';
  for (const [k, v] of Object.entries(params)) {
    s += `--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`;
  }
  s += `--${boundary}--\r\n`;
  return { body: Buffer.from(s, 'utf8'), contentType: `multipart/form-data; boundary=${boundary}` };
}

/**
 * send(base, params, opts): pushplus send in one of several shapes.
 *  as: 'json' (default) | 'form' | 'multipart' | 'query'
 *  method: POST by default ('GET' implies query)
 *  path: '/send' by default
 *  query: extra query params (object) put on the URL in any mode
 */
export function send(base, params, { as, method = 'POST', path = '/send', query, headers = {} } = {}) {
  if (!as) as = method === 'GET' ? 'query' : 'json';
  let q = query ? { ...query } : {};
  let body;
  const h = { ...headers };
  if (as === 'query') {
    q = { ...q, ...params };
  } else if (as === 'json') {
    body = JSON.stringify(params);
    h['Content-Type'] ??= 'application/json';
  } else if (as === 'form') {
    body = formEncode(params);
    h['Content-Type'] ??= 'application/x-www-form-urlencoded';
  } else if (as === 'multipart') {
    const mp = multipart(params);
    body = mp.body;
    h['Content-Type'] ??= mp.contentType;
  } else {
    throw new Error('bad as: ' + as);
  }
  const qs = formEncode(q);
  return request(base + path + (qs ? '?' + qs : ''), { method, headers: h, body });
}

function describeRes(res) {
  return `HTTP ${res.status} ${res.headers['content-type']} body=${res.text.slice(0, 500)}`;
}

/** Assert a pushplus success envelope; returns the shortCode. */
export function expectOk(res) {
  assert.equal(res.status, 200, describeRes(res));
  assert.ok(res.json, 'body is not JSON: ' + describeRes(res));
  assert.equal(res.json.code, 200, describeRes(res));
  assert.equal(res.json.msg, '请求成功', describeRes(res));
  assert.equal(typeof res.json.data, 'string', describeRes(res));
  assert.match(res.json.data, HEX32, describeRes(res));
  assert.equal(res.headers['content-type'], SUCCESS_CT, describeRes(res));
  return res.json.data;
}

/** Assert a pushplus business error with the given code. Returns the JSON. */
export function expectErr(res, code) {
  assert.equal(res.status, 200, 'business errors are HTTP 200: ' + describeRes(res));
  assert.ok(res.json && typeof res.json === 'object', 'body is not a JSON object: ' + describeRes(res));
  assert.equal(typeof res.json.code, 'number', 'code must be a number: ' + describeRes(res));
  assert.equal(res.json.code, code, describeRes(res));
  assert.equal(typeof res.json.msg, 'string', describeRes(res));
  assert.ok(res.json.msg.length > 0, 'msg must be a non-empty reason: ' + describeRes(res));
  assert.ok(res.json.data === null || typeof res.json.data === 'string', 'error data is null or a string: ' + describeRes(res));
  return res.json;
}

export { describeRes };
