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
 *   api_commit(r, op, ...)     park, then submit op to the writer
 */
#ifndef FG_API_COMMIT_H
#define FG_API_COMMIT_H

struct http_req;
struct writer_op;

void	api_park(struct http_req *, void *state, void (*state_free)(void *));
void	api_unpark(struct http_req *);
void	api_commit(struct http_req *, struct writer_op *, void *state,
	    void (*state_free)(void *));

#endif
