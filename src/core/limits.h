/*
 * limits.h: every size cap in feige, in one list (curl's DYN_* idea).
 * Caps that users may tune are defaults for struct conf fields; the rest
 * are hard limits that protect memory.
 */
#ifndef FG_LIMITS_H
#define FG_LIMITS_H

/* HTTP intake */
#define LIM_HTTP_BODY		(1024 * 1024)	/* request body, bytes */
/* the image service: one image, and the body of its upload (+ form) */
#define LIM_IMAGE_BYTES		(10 * 1024 * 1024)
#define LIM_IMAGE_BODY		(LIM_IMAGE_BYTES + 64 * 1024)
/*
 * The cap on the request line plus headers, default of the
 * http.header_kb option; MHD's per-connection pool is 1.5 times that
 * (src/http/server.c), so that an oversized request still reaches feige
 * and is refused in JSON.  MHD clears the whole pool for
 * every request on a keep-alive connection, so its size is paid on each
 * request: 32 KB cost ~3% of CPU at 30k requests/s, 384 KB cost half.
 * Long GET senders (a 20000-character Chinese content is ~180 KB
 * URL-encoded) should POST, or raise the option.
 */
#define LIM_HTTP_CONN_KB	32
#define LIM_PARAMS		64		/* parameters per request */

/* pushplus defaults (conf.h fields override) */
#define LIM_PP_TITLE_CHARS	100
#define LIM_PP_CONTENT_CHARS	20000
#define LIM_PP_TO_TOKENS	10
#define LIM_PP_FIELD_BYTES	2048		/* token, topic, webhook, ... */
#define LIM_PP_URL_BYTES	2048		/* callbackUrl */

/* names and codes given to the admin CLI */
#define LIM_NAME_BYTES		128
/* custom webhook (type 12): method, header text, body template */
#define LIM_WH_METHOD_BYTES	8
#define LIM_WH_HEADERS_BYTES	2048
#define LIM_WH_BODY_BYTES	8192
#define LIM_PUSH_ID_BYTES	64		/* pushId of form/doc/excel */

/* rendering and replies */
#define LIM_PAGE_BYTES		(8 * 1024 * 1024)
#define LIM_REPLY_BYTES		(4 * 1024 * 1024)

/* SSE: events a slow client may lag behind before it is cut off */
#define LIM_SSE_BACKLOG_BYTES	(1024 * 1024)
#define LIM_SSE_REPLAY		1000
/* WebSocket: the largest message a client may send (it needs none:
 * larger ones are closed with 1009) */
#define LIM_WS_MSG		4096
/*
 * /healthz: a writer batch running this long means the writer is stuck
 * (a batch is one transaction: milliseconds, seconds under the SQLite
 * busy timeout of 10 s); a worker on one delivery attempt this long is
 * stuck (an attempt is bounded by channel.timeout_ms, 300 s at most,
 * plus the SMTP dialogue).
 */
#define LIM_HEALTH_WRITER_MS	(60 * 1000)
#define LIM_HEALTH_WORKER_MS	(15 * 60 * 1000)

/*
 * Retries asked for by an operator (queue/requeue.c): how often the
 * server looks for ones the CLI wrote (the console's are claimed at
 * once), and how many it claims in one writer op.
 */
#define LIM_REQUEUE_POLL_MS 2000
#define LIM_REQUEUE_BATCH 256

/*
 * WxPusher retention purge: most rows one purge step deletes.  A step
 * runs inside a group commit next to live requests; 2000 small deletes
 * take a few milliseconds.
 */
#define LIM_WX_PURGE_BATCH	2000

/* callbacks */
#define LIM_CALLBACK_TIMEOUT_MS	5000
#define LIM_CALLBACK_TRIES	3

#endif
