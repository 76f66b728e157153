/*
 * pushplus.c: the pushplus send API, `/send`, `/send/`, `/send/{token}`
 * with any method (seed 000, compat.md §3).
 *
 * One request, one message: the steps of pp_send.h with the channel and
 * option parameters as given (or the token's defaults), every failure
 * answered at once as the envelope's code and msg.  The accepted
 * message goes to the queue and the connection is parked until the
 * writer has committed it and its deliveries; only then is it answered
 * with the shortCode, so a 200 means on disk.  A send with a `pre`
 * script is parked while the script runs (pp_req_pre()) and goes on
 * from the script pool's thread.
 */
#include <stdio.h>
#include <stdlib.h>

#include "api/api.h"
#include "api/commit.h"
#include "api/ctx.h"
#include "api/pushplus/pp_send.h"
#include "queue/queue.h"
#include "util/errors.h"
#include "util/log.h"
#include "util/xmalloc.h"

struct pp_send {
	struct pp_item	 item;	/* first: the queue's handle */
	struct pp_req	 req;
	api_pp_answer answer; /* NULL: the JSON envelope */
	void *arg;
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
	struct pp_send *s = (struct pp_send *)it;
	char data[64];

	if (rc == FG_EBUSY) { /* over the rate limit (the writer's count) */
		rc = pp_item_limited(it, req->rate_limit);
		if (s->answer)
			s->answer(r, s->arg, &s->req.p, rc, it->error, NULL);
		else
			api_pp_reply(r, 200, rc, it->error, NULL);
	} else if (s->answer) {
		if (rc != 0)
			log_error("msg=\"send not stored\" rc=%d", rc);
		s->answer(r, s->arg, &s->req.p, rc == 0 ? 200 : 500,
		    rc == 0 ? PP_OK_MSG : PP_ERR_500,
		    rc == 0 ? req->msg.short_code : NULL);
	} else if (rc == 0) {
		snprintf(data, sizeof(data), "\"%s\"", req->msg.short_code);
		api_pp_reply(r, 200, 200, PP_OK_MSG, data);
	} else {
		log_error("msg=\"send not stored\" rc=%d", rc);
		api_pp_reply(r, 200, 500, PP_ERR_500, NULL);
	}
	api_unpark(r);
}

/*
 * Answer a refused request; reason is in s, so reply before freeing (or
 * before unparking: the HTTP layer frees a parked request's s).
 */
static void
fail(struct http_req *r, struct pp_send *s, int parked, int code,
    const char *reason)
{
	if (s->answer)
		s->answer(r, s->arg, &s->req.p, code, reason, NULL);
	else
		api_pp_reply(r, 200, code, reason, NULL);
	if (parked)
		api_unpark(r);
	else
		send_free(s);
}

/* After `pre` (if any): the fields, the item, the queue. */
static void
send_rest(struct http_req *r, struct pp_send *s, int parked)
{
	struct pp_req *q = &s->req;
	int rc;

	if ((rc = pp_req_fields(q)) != 0)
		return fail(r, s, parked, rc, q->msg);
	if ((rc = pp_item_build(q, &s->item, params_get(&q->p, "channel",
	    NULL), pp_req_option(q))) != 0)
		return fail(r, s, parked, rc, s->item.error);
	s->item.req.on_done = send_done;
	if (!parked)
		api_park(r, s, send_free);
	queue_submit(api_ctx(r)->queue, &s->item.req);
}

/* The pre script has run (pp_req_pre()); on the pool's thread. */
static void
send_pre_next(struct pp_req *q, int code)
{
	struct pp_send *s = q->pre_state;

	if (code != 0)
		return fail(q->http, s, 1, code, q->msg);
	send_rest(q->http, s, 1);
}

void
api_pushplus_send(struct http_req *r, const char *path_token)
{
	api_pushplus_send_as(r, path_token, NULL, NULL);
}

void
api_pushplus_send_as(struct http_req *r, const char *path_token,
    api_pp_answer answer, void *arg)
{
	struct pp_send *s = xcalloc(1, sizeof(*s));
	struct pp_req *q = &s->req;
	int rc;

	s->answer = answer;
	s->arg = arg;
	if ((rc = pp_req_open(q, r, path_token)) != 0)
		return fail(r, s, 0, rc, q->msg);
	pp_item_count(q, &s->item);
	if ((rc = pp_req_pre(q, s, send_free, send_pre_next)) == PP_PARKED)
		return;
	if (rc != 0)
		return fail(r, s, 0, rc, q->msg);
	send_rest(r, s, 0);
}
