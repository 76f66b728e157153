/*
 * stream.c: GET /inbox/stream, a user's inbox as Server-Sent Events,
 * and GET /inbox/ws, the same events as WebSocket text frames
 * (stream/ws.c shows them).
 *
 * On connect the user's inbox items after `Last-Event-ID` (or ?since=)
 * are replayed from the store, then new items follow live from the hub;
 * the hub's replay protocol (hub.h) guarantees no gap and no repeat
 * between the two.  Replayed and live items are the same hub events,
 * written by the hub's SSE or WebSocket receiver (stream/sse.c and
 * stream/ws.c show the wire forms), so this file only authenticates,
 * reads the position and replays; api_live_start() (api/live.c) moves
 * the connection to the stream loop (stream/loop.c), where an idle
 * stream costs no CPU and a few hundred bytes.  The WebSocket takes the
 * position from ?since= (a browser's WebSocket cannot send
 * Last-Event-ID).  Without ?since= and Last-Event-ID a new client gets no replay
 * (it has the inbox page for history) but the stream starts at "now".
 */
#include <stdlib.h>
#include <string.h>

#include "api/api.h"
#include "api/ctx.h"
#include "api/live.h"
#include "api/tokens.h"
#include "core/limits.h"
#include "http/http.h"
#include "store/readers.h"
#include "store/store.h"
#include "stream/hub.h"
#include "util/params.h"
#include "util/xmalloc.h"

struct sse {
	struct store	*db;
	int64_t		 user;
	int64_t		 since;
};

struct replay {
	struct hub_sub	*sub;
	int64_t		 user;
	int		 n;
};

static int
replay_item(void *arg, const struct store_inbox_item *it)
{
	struct replay *rp = arg;
	struct hub_event ev = { HUB_EVENT_MESSAGE, it->id, rp->user,
	    &it->msg };

	rp->n++;
	return hub_sub_replay(rp->sub, &ev);	/* 1: the page is full */
}

/* Runs under the hub lock right after the subscription is registered. */
static int
replay(void *arg, struct hub_sub *sub)
{
	static const struct hub_event hello = { HUB_EVENT_HELLO, 0, 0, NULL };
	struct sse *s = arg;
	struct replay rp = { sub, s->user, 0 };
	int rc;

	hub_sub_push(sub, &hello);
	if (s->since < 0)
		return 0;
	if ((rc = spool_inbox_list(s->db, s->user, s->since, LIM_SSE_REPLAY,
	    0, replay_item, &rp)) < 0)
		return -1;
	/* a full page: end after it, the client pages on (hub.h) */
	return rc > 0 || rp.n >= LIM_SSE_REPLAY ? 1 : 0;
}

static void
sse_release(void *arg)
{
	free(arg);
}

/* The person and the replay position; NULL when answered (401). */
static struct sse *
inbox_open(struct http_req *r)
{
	struct store_user u;
	struct params p;
	struct sse *s;
	const char *v;

	/* the session cookie (the inbox page's own script) or a token */
	if (api_person(r, &u) != 0) {
		api_pp_reply(r, 401, 401, "请求未授权 (sign in, or a "
		    "valid user token is required)", NULL);
		return NULL;
	}
	s = xcalloc(1, sizeof(*s));
	s->db = store_reader();
	s->user = u.id;
	s->since = -1;
	params_init(&p, LIM_PARAMS);
	(void)params_parse_form(&p, r->query, r->query_len);
	if ((v = http_header(r, "Last-Event-ID")) != NULL && *v)
		s->since = strtoll(v, NULL, 10);
	else if ((v = params_get(&p, "since", NULL)) != NULL)
		s->since = strtoll(v, NULL, 10);
	params_release(&p);
	return s;
}

static void
inbox_live(struct http_req *r, const struct hub_receiver *rcv, int ws)
{
	struct api_live lv = { 0 };
	struct sse *s;

	if ((s = inbox_open(r)) == NULL)
		return;
	lv.rcv = rcv;
	lv.replay = replay;
	lv.arg = s;
	lv.release = sse_release;
	lv.ws = ws;
	lv.ctype = "text/event-stream;charset=utf-8";
	switch (api_live_start(r, s->user, &lv)) {
	case API_LIVE_NOT_WS:
		api_pp_reply(r, 400, 400, "请求参数错误 (a WebSocket upgrade "
		    "is required: GET with Upgrade: websocket, Connection: "
		    "Upgrade, Sec-WebSocket-Version: 13, Sec-WebSocket-Key)",
		    NULL);
		http_reply_header(r, "Sec-WebSocket-Version", "13");
		break;
	case API_LIVE_FULL:
		api_pp_reply(r, 503, 500, "服务器繁忙，请稍后重试 (too many "
		    "live streams)", NULL);
		break;
	default:
		break;
	}
}

void
api_inbox_stream(struct http_req *r)
{
	inbox_live(r, &hub_sse, 0);
}

void
api_inbox_ws(struct http_req *r)
{
	inbox_live(r, &hub_ws, 1);
}
