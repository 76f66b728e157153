/*
 * commit.c: parking a request on a commit (commit.h).
 *
 * Order matters in api_commit(): the request is parked before the op
 * reaches the writer, because done() may run on the writer thread
 * before writer_submit() returns, and it must find the request parked.
 */
#include <stdatomic.h>

#include "api/commit.h"
#include "api/ctx.h"
#include "store/writer.h"

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

void
api_commit(struct http_req *r, struct writer_op *op, void *state,
    void (*state_free)(void *))
{
	api_park(r, state, state_free);
	writer_submit(api_ctx(r)->writer, op);
}
