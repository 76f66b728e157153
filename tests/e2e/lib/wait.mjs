// Polling helper: call fn until it returns a truthy value (sync or async),
// or throw after timeoutMs. Errors thrown by fn count as "not yet" and the
// last one is reported on timeout.
export async function waitFor(fn, timeoutMs = 10000, { intervalMs = 50, what = '' } = {}) {
  const deadline = Date.now() + timeoutMs;
  let last, lastErr;
  for (;;) {
    try {
      last = await fn();
      lastErr = undefined;
      if (last) return last;
    } catch (e) {
      if (e && e.fatal) throw e; // no point in waiting
      lastErr = e;
    }
    if (Date.now() >= deadline) break;
    await sleep(intervalMs);
  }
  const detail = lastErr ? `last error: ${lastErr.stack || lastErr}` : `last value: ${safeJson(last)}`;
  throw new Error(`waitFor${what ? ` (${what})` : ''} timed out after ${timeoutMs} ms; ${detail}`);
}

export function sleep(ms) {
  return new Promise((r) => setTimeout(r, ms));
}

// The send rate limit (pushplus.rate_limit) is counted per calendar
// minute by the writer, on either store: a test that expects the limit to
// bite after N sends must not straddle a minute's end.  With less than
// needMs left of this minute, wait for the next one to begin.
export async function minuteAhead(needMs = 15000) {
  const into = Date.now() % 60000;
  if (into > 60000 - needMs) await sleep(60500 - into);
}

function safeJson(v) {
  try {
    return JSON.stringify(v);
  } catch {
    return String(v);
  }
}
