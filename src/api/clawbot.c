/*
 * clawbot.c: the two ClawBot actions that wait for something else, for
 * the open API (openapi/open_bot.c) and the person's page
 * (pages/clawbot_page.c): a new bind code waits for iLink through the
 * poller's loop (queue/clawbot.h), an unbind for the writer's commit.
 * Either way the HTTP thread never waits: the request is parked
 * (api/commit.h) and answered from the poller's or the writer's thread.
 */
#include <stdlib.h>

#include "api/clawbot.h"
#include "api/commit.h"
#include "api/ctx.h"
#include "ops/clawbot.h"
#include "util/xmalloc.h"

struct qr_wait {
	struct http_req *http;
	void (*reply)(struct http_req *, int, const struct clawbot_qr *);
};

static void
qr_done(void *arg, int rc, const struct clawbot_qr *q)
{
	struct qr_wait *w = arg;
	struct http_req *r = w->http;

	w->reply(r, rc, q);
	api_unpark(r);
}

void
api_clawbot_qr(struct http_req *r, int64_t user,
    void (*reply)(struct http_req *, int, const struct clawbot_qr *))
{
	struct qr_wait *w = xcalloc(1, sizeof(*w));

	w->http = r;
	w->reply = reply;
	api_park(r, w, free);
	clawbot_qr_new(api_ctx(r)->clawbot, user, qr_done, w);
}

struct unbind_op {
	struct api_op o; /* first */
	int64_t user;
	void (*reply)(struct http_req *, int);
};

static int
unbind_apply(struct api_op *o, struct store *s)
{
	struct unbind_op *u = (struct unbind_op *)o;

	return ops_clawbot_unbind(s, u->user, NULL);
}

static void
unbind_reply(struct api_op *o, int rc)
{
	struct unbind_op *u = (struct unbind_op *)o;

	clawbot_kick(api_ctx(o->http)->clawbot);
	u->reply(o->http, rc);
}

void
api_clawbot_unbind(struct http_req *r, int64_t user,
    void (*reply)(struct http_req *, int))
{
	struct unbind_op *u = xcalloc(1, sizeof(*u));

	u->user = user;
	u->reply = reply;
	u->o.apply = unbind_apply;
	u->o.reply = unbind_reply;
	api_op_submit(r, &u->o);
}
