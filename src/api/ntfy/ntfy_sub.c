/*
 * ntfy_sub.c: GET /<topic>/json, /<topic>/sse, /<topic>/raw and
 * /<topic>/ws, a person's inbox as an ntfy subscription (stream/ntfy.h
 * has the wire form and the id scheme, stream/ws.c the WebSocket's).
 *
 * A stream answers with ntfy's `open` event, then the inbox items that
 * since= asks for, then live items, recalls and keepalives from the hub,
 * exactly like /inbox/stream (api/pages/stream.c): the hub's replay
 * protocol keeps the stored and the live part free of gaps and repeats,
 * and api_live_start() moves the connection to the stream loop, where
 * an idle stream has an empty backlog (the per-subscriber state is the
 * hub's plus this file's struct; no buffer is allocated until an event
 * is queued).  Credentials for the WebSocket come as for the others:
 * Authorization, or ?auth= (a browser's WebSocket cannot set headers).
 *
 * poll=1 answers the same items as one body and ends, without `open`
 * (ntfy's poll, which the ntfy app uses on start and from its poll
 * worker); on /ws it is ignored, as ntfy's server does.
 *
 * since= resolves to an inbox id to list after (ntfy's "since" kinds,
 * ntfy_since_parse()): an id of a message is that position; "all", a
 * time or a duration, and "latest" look at the newest LIM_SSE_REPLAY
 * items (ntfy keeps 12 hours of messages; feige keeps the inbox) and
 * start at the oldest of them that qualifies.
 */
#include <stdlib.h>
#include <string.h>

#include "api/api.h"
#include "api/ctx.h"
#include "api/live.h"
#include "api/ntfy/ntfy_int.h"
#include "core/limits.h"
#include "http/http.h"
#include "store/readers.h"
#include "store/store.h"
#include "stream/hub.h"
#include "stream/ntfy.h"
#include "util/ids.h"
#include "util/params.h"
#include "util/strbuf.h"
#include "util/xmalloc.h"

struct ntfy_stream {
	struct hub_sub *sub;
	struct store *db;
	const struct hub_receiver *rcv;
	int64_t user;
	int64_t after; /* list inbox ids above; -1 none */
	int n; /* items replayed */
	int full; /* the backlog took no more: a page */
	struct ntfy_sub ns;
	struct strbuf *poll; /* poll=1: the body */
};

/* The oldest qualifying id among the newest items (since= kinds). */
struct scan {
	int64_t min_ms;
	int64_t first;
};

static int
scan_item(void *arg, const struct store_inbox_item *it)
{
	struct scan *sc = arg;

	if (it->msg.created_ms >= sc->min_ms)
		sc->first = it->id;
	return 0;
}

/* since -> the inbox id to list after; -1: nothing to replay. */
static int
resolve(struct store *db, int64_t user, const struct ntfy_since *since,
    int64_t *after)
{
	struct scan sc = { 0, 0 };
	int limit = LIM_SSE_REPLAY, rc;

	*after = -1;
	switch (since->kind) {
	case NTFY_SINCE_NONE:
		return 0;
	case NTFY_SINCE_ID:
		*after = since->v;
		return 0;
	case NTFY_SINCE_LATEST:
		limit = 1;
		break;
	case NTFY_SINCE_TIME:
		sc.min_ms = since->v;
		break;
	case NTFY_SINCE_ALL:
		break;
	}
	if ((rc = spool_inbox_list(db, user, 0, limit, 1, scan_item, &sc)) !=
	    0)
		return rc;
	if (sc.first > 0)
		*after = sc.first - 1;
	return 0;
}

static int
replay_item(void *arg, const struct store_inbox_item *it)
{
	struct ntfy_stream *s = arg;
	struct hub_event ev = { HUB_EVENT_MESSAGE, it->id, s->user, &it->msg };
	size_t len;

	s->n++;
	if (s->poll == NULL)
		return s->full = hub_sub_replay(s->sub, &ev);
	len = s->poll->len;
	if (s->rcv->format(s->poll, &ev, &s->ns) != 0) {
		strbuf_setlen(s->poll, len); /* full: the client polls on */
		return 1;
	}
	return 0;
}

static int
replay_items(struct ntfy_stream *s)
{
	int rc;

	if (s->after < 0)
		return 0;
	rc = spool_inbox_list(s->db, s->user, s->after, LIM_SSE_REPLAY, 0,
	    replay_item, s);
	return rc < 0 ? rc : 0;
}

/* Runs under the hub lock right after the subscription is registered. */
static int
replay(void *arg, struct hub_sub *sub)
{
	static const struct hub_event open = { HUB_EVENT_HELLO, 0, 0, NULL };
	struct ntfy_stream *s = arg;

	s->sub = sub; /* hub_subscribe() has not returned it yet */
	hub_sub_push(sub, &open);
	if (replay_items(s) != 0)
		return -1;
	/* a full page: end after it, the client pages on (hub.h) */
	return s->full || s->n >= LIM_SSE_REPLAY ? 1 : 0;
}

static void
ntfy_release(void *arg)
{
	free(arg);
}

/* ntfy's boolean parameter: 1, yes or true. */
static int
is_true(const char *v)
{
	return v &&
	    (strcmp(v, "1") == 0 || strcmp(v, "yes") == 0 ||
		strcmp(v, "true") == 0);
}

/* poll and since from the query (poll, po; since, si) or X- headers. */
static int
read_params(struct http_req *r, struct ntfy_since *since, int *poll)
{
	struct params p;
	const char *v;
	int rc;

	params_init(&p, LIM_PARAMS);
	(void)params_parse_form(&p, r->query, r->query_len);
	if ((v = http_header(r, "X-Poll")) == NULL &&
	    (v = params_get(&p, "poll", NULL)) == NULL)
		v = params_get(&p, "po", NULL);
	*poll = is_true(v);
	if ((v = http_header(r, "X-Since")) == NULL &&
	    (v = params_get(&p, "since", NULL)) == NULL)
		v = params_get(&p, "si", NULL);
	rc = ntfy_since_parse(v, *poll, clock_ms(), since);
	params_release(&p);
	return rc;
}

static void
answer_poll(struct http_req *r, struct ntfy_stream *s, const char *ctype)
{
	struct strbuf body;

	strbuf_init(&body, LIM_SSE_BACKLOG_BYTES);
	s->poll = &body;
	if (replay_items(s) != 0)
		ntfy_error(r, 500, 50001, "internal server error", NULL);
	else {
		http_reply(r, 200, ctype, body.buf, body.len);
		http_reply_header(r, "Access-Control-Allow-Origin", "*");
	}
	strbuf_release(&body);
	free(s);
}

static void
subscribe(struct http_req *r, const char *topics,
    const struct hub_receiver *rcv, const char *ctype)
{
	struct store_user u;
	struct ntfy_since since;
	struct ntfy_stream *s;
	struct api_live lv = { 0 };
	int poll;

	if (ntfy_reader(r, topics, &u) != 0)
		return;
	if (read_params(r, &since, &poll) != 0)
		return ntfy_error(r, 400, 40008, "invalid since parameter",
		    "https://ntfy.sh/docs/subscribe/api/"
		    "#fetch-cached-messages");
	s = xcalloc(1, sizeof(*s));
	s->db = store_reader();
	s->rcv = rcv;
	s->user = u.id;
	snprintf(s->ns.topic, sizeof(s->ns.topic), "%s", u.uid);
	s->ns.base_url = api_ctx(r)->base_url;
	if (resolve(s->db, u.id, &since, &s->after) != 0) {
		free(s);
		return ntfy_error(r, 500, 50001, "internal server error",
		    NULL);
	}
	if (poll && ctype)
		return answer_poll(r, s, ctype);
	lv.rcv = rcv;
	lv.rcv_arg = &s->ns;
	lv.replay = replay;
	lv.arg = s;
	lv.release = ntfy_release;
	lv.ws = ctype == NULL;
	lv.ctype = ctype;
	lv.headers = "Access-Control-Allow-Origin: *\r\n";
	switch (api_live_start(r, u.id, &lv)) {
	case API_LIVE_NOT_WS:
		ntfy_error(r, 400, 40016, "invalid request: client not "
		    "using the websocket protocol (Upgrade: websocket, "
		    "Connection: Upgrade, Sec-WebSocket-Version: 13)",
		    "https://ntfy.sh/docs/subscribe/api/#websockets");
		http_reply_header(r, "Sec-WebSocket-Version", "13");
		break;
	case API_LIVE_FULL:
		ntfy_error(r, 503, 50301, "service unavailable: too many "
		    "subscriptions", NULL);
		break;
	default:
		break;
	}
}

void
api_ntfy_json(struct http_req *r, const char *topics)
{
	subscribe(r, topics, &hub_ntfy_json,
	    "application/x-ndjson; charset=utf-8");
}

void
api_ntfy_sse(struct http_req *r, const char *topics)
{
	subscribe(r, topics, &hub_ntfy_sse,
	    "text/event-stream; charset=utf-8");
}

void
api_ntfy_raw(struct http_req *r, const char *topics)
{
	subscribe(r, topics, &hub_ntfy_raw, "text/plain; charset=utf-8");
}

/* ntfy's WebSocket form: one message JSON per text frame (ws.c). */
void
api_ntfy_ws(struct http_req *r, const char *topics)
{
	subscribe(r, topics, &hub_ntfy_ws, NULL);
}
