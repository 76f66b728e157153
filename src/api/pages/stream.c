/*
 * stream.c: GET /inbox/stream, a user's inbox as Server-Sent Events.
 *
 * On connect the user's inbox items after `Last-Event-ID` (or ?since=)
 * are replayed from the store, then new items follow live from the hub;
 * the hub's replay protocol (hub.h) guarantees no gap and no repeat
 * between the two.  Replayed and live items are the same hub events,
 * written by the hub's SSE receiver (stream/sse.c shows the wire form),
 * so this file only subscribes, replays and hands bytes to HTTP.
 *
 * When there is nothing to send the connection is suspended (hub park)
 * and resumed by the next publish or heartbeat, so an idle stream costs
 * no CPU.  Without ?since= and Last-Event-ID a new client gets no replay
 * (it has the inbox page for history) but the stream starts at "now".
 */
#include <stdlib.h>
#include <string.h>

#include "api/api.h"
#include "api/ctx.h"
#include "api/tokens.h"
#include "core/limits.h"
#include "http/http.h"
#include "store/readers.h"
#include "store/store.h"
#include "stream/hub.h"
#include "util/params.h"
#include "util/xmalloc.h"

struct sse {
	struct api_ctx	*app;
	struct hub_sub	*sub;
	struct store	*db;
	int64_t		 user;
	int64_t		 since;
};

struct replay {
	struct hub_sub	*sub;
	int64_t		 user;
};

static int
replay_item(void *arg, const struct store_inbox_item *it)
{
	struct replay *rp = arg;
	struct hub_event ev = { HUB_EVENT_MESSAGE, it->id, rp->user,
	    &it->msg };

	hub_sub_push(rp->sub, &ev);
	return 0;
}

/* Runs under the hub lock right after the subscription is registered. */
static int
replay(void *arg, struct hub_sub *sub)
{
	static const struct hub_event hello = { HUB_EVENT_HELLO, 0, 0, NULL };
	struct sse *s = arg;
	struct replay rp = { sub, s->user };

	hub_sub_push(sub, &hello);
	if (s->since < 0)
		return 0;
	return spool_inbox_list(s->db, s->user, s->since,
	    LIM_SSE_REPLAY, 0, replay_item, &rp) == 0 ? 0 : -1;
}

static long
sse_read(void *arg, char *buf, size_t max)
{
	struct sse *s = arg;

	return (long)hub_sub_read(s->sub, buf, max);
}

static void
sse_release(void *arg)
{
	struct sse *s = arg;

	hub_unsubscribe(s->app->hub, s->sub);
	free(s);
}

void
api_inbox_stream(struct http_req *r)
{
	struct store_user u;
	struct params p;
	struct sse *s;
	const char *v;

	/* the session cookie (the inbox page's own script) or a token */
	if (api_person(r, &u) != 0)
		return api_pp_reply(r, 401, 401, "请求未授权 (sign in, or a "
		    "valid user token is required)", NULL);
	s = xcalloc(1, sizeof(*s));
	s->app = api_ctx(r);
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
	s->sub = hub_subscribe(api_ctx(r)->hub, u.id, &hub_sse, NULL, replay,
	    s, http_conn_suspend, http_conn_resume, r->conn);
	http_reply_stream(r, "text/event-stream;charset=utf-8", sse_read,
	    sse_release, s);
}
