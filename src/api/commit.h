/*
 * commit.h: waiting for a group commit, written once.
 *
 * A handler whose answer depends on a write (a send, an open API edit,
 * a follow) parks its request, hands the write to the writer thread (or
 * the queue, which hands it to the writer), and answers from the done()
 * callback once the batch is on disk.  Parking counts the request in
 * the context's inflight counter, which the HTTP layer waits on at
 * shutdown, so no accepted write is answered by a closing server.
 *
 *   api_park(r, state, free)   take state (freed with the request),
 *                              count r in flight, suspend it
 *   api_unpark(r)              from done(), after the reply is set:
 *                              uncount r and resume it (any thread)
 *   api_op_submit(r, o)        park, then submit o to the writer
 *   api_op_park(r, o)          the two halves, for a request that
 *   api_op_submit_parked(o)    waits for something else first (a
 *                              check on another thread); a request
 *                              refused there is answered and unparked
 *
 * Most writes are one call of src/ops/ and one reply: struct api_op is
 * that parked request.  apply() runs in the writer's group commit with
 * a copy of what the handler parsed and checked; reply() sets the HTTP
 * reply after the commit (any thread); release() frees what the op
 * owns, before the op itself is freed with the request.  An apply()
 * that queued callback rows sets cb_added, and the callback sender is
 * kicked after a good commit, before reply().  Adapters embed it first
 * in their own op and cast back in the callbacks.
 */
#ifndef FG_API_COMMIT_H
#define FG_API_COMMIT_H

#include "store/writer.h"

struct http_req;
struct store;

void	api_park(struct http_req *, void *state, void (*state_free)(void *));
void	api_unpark(struct http_req *);

struct api_op {
	struct writer_op	 op;	/* first: the writer's handle */
	struct http_req		*http;
	int	(*apply)(struct api_op *, struct store *);
	void	(*reply)(struct api_op *, int rc);
	void	(*release)(struct api_op *);	/* optional, before free */
	int	 cb_added;
};

/* Park r and submit o (heap, freed with the request). */
void	api_op_submit(struct http_req *, struct api_op *);
void	api_op_park(struct http_req *, struct api_op *);
void	api_op_submit_parked(struct api_op *);

#endif
