/*
 * pushplus.c: the pushplus send API, `/send`, `/send/`, `/send/{token}`
 * with any method (seed 000, compat.md §3).
 *
 * One request, one message: the steps of pp_send.h with the channel and
 * option parameters as given (or the token's defaults), every failure
 * answered at once as the envelope's code and msg.  The accepted
 * message goes to the queue and the connection is parked until the
 * writer has committed it and its deliveries; only then is it answered
 * with the shortCode, so a 200 means on disk.
 */
#include <stdio.h>
#include <stdlib.h>

#include "api/api.h"
#include "api/commit.h"
#include "api/ctx.h"
#include "api/pushplus/pp_send.h"
#include "queue/queue.h"
#include "util/log.h"
#include "util/xmalloc.h"

struct pp_send {
	struct pp_item	 item;	/* first: the queue's handle */
	struct pp_req	 req;
};

static void
send_free(void *arg)
{
	struct pp_send *s = arg;

	pp_item_release(&s->item);
	pp_req_release(&s->req);
	free(s);
}

static void
send_done(struct send_request *req, int rc)
{
	struct pp_item *it = (struct pp_item *)req;
	struct http_req *r = it->owner->http;
	char data[64];

	if (rc == 0) {
		snprintf(data, sizeof(data), "\"%s\"", req->msg.short_code);
		api_pp_reply(r, 200, 200, PP_OK_MSG, data);
	} else {
		log_error("msg=\"send not stored\" rc=%d", rc);
		api_pp_reply(r, 200, 500, PP_ERR_500, NULL);
	}
	api_unpark(r);
}

/* Answer a refused request; reason is in s, so reply before freeing. */
static void
fail(struct http_req *r, struct pp_send *s, int code, const char *reason)
{
	api_pp_reply(r, 200, code, reason, NULL);
	send_free(s);
}

void
api_pushplus_send(struct http_req *r, const char *path_token)
{
	struct pp_send *s = xcalloc(1, sizeof(*s));
	struct pp_req *q = &s->req;
	int rc;

	if ((rc = pp_req_open(q, r, path_token)) != 0)
		return fail(r, s, rc, q->msg);
	if ((rc = pp_item_count(q, &s->item)) != 0)
		return fail(r, s, rc, s->item.error);
	if ((rc = pp_req_fields(q)) != 0)
		return fail(r, s, rc, q->msg);
	if ((rc = pp_item_build(q, &s->item, params_get(&q->p, "channel",
	    NULL), pp_req_option(q))) != 0)
		return fail(r, s, rc, s->item.error);
	s->item.req.on_done = send_done;
	api_park(r, s, send_free);
	queue_submit(api_ctx(r)->queue, &s->item.req);
}
