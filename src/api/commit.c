/*
 * commit.c: parking a request on a commit (commit.h).
 *
 * Order matters in api_op_submit(): the request is parked before the op
 * reaches the writer, because done() may run on the writer thread
 * before writer_submit() returns, and it must find the request parked.
 */
#include <stdatomic.h>
#include <stdlib.h>

#include "api/commit.h"
#include "api/ctx.h"
#include "channel/callback.h"

void
api_park(struct http_req *r, void *state, void (*state_free)(void *))
{
	r->hstate = state;
	r->hstate_free = state_free;
	atomic_fetch_add(api_ctx(r)->inflight, 1);
	http_req_park(r);
}

void
api_unpark(struct http_req *r)
{
	atomic_fetch_sub(api_ctx(r)->inflight, 1);
	http_req_unpark(r);
}

/* ---- struct api_op ---- */

static int
op_apply(struct writer_op *op, struct store *s)
{
	struct api_op *o = (struct api_op *)op;

	o->cb_added = 0;
	return o->apply(o, s);
}

static void
op_done(struct writer_op *op, int rc)
{
	struct api_op *o = (struct api_op *)op;
	struct http_req *r = o->http;

	if (rc == 0 && o->cb_added && api_ctx(r)->callbacks)
		callback_kick(api_ctx(r)->callbacks);
	o->reply(o, rc);
	api_unpark(r);
}

static void
op_free(void *arg)
{
	struct api_op *o = arg;

	if (o->release)
		o->release(o);
	free(o);
}

void
api_op_park(struct http_req *r, struct api_op *o)
{
	o->http = r;
	o->op.apply = op_apply;
	o->op.done = op_done;
	api_park(r, o, op_free);
}

void
api_op_submit_parked(struct api_op *o)
{
	writer_submit(api_ctx(o->http)->writer, &o->op);
}

void
api_op_submit(struct http_req *r, struct api_op *o)
{
	api_op_park(r, o);
	api_op_submit_parked(o);
}
