/*
 * prewait.h: a request that waits for a pre-processing script, written
 * once for /send, /batchSend and the open API's pre/test.
 *
 * The handler embeds a struct api_pre_wait in the state it parks with,
 * sets http and resume, and calls api_pre_run(): the request is parked
 * (counted in flight like a commit, api/commit.h) and the script goes
 * to the pool (pre/pre.h).  resume() runs exactly once, on the pool's
 * thread, or before api_pre_run() returns when the pool refuses the
 * job (the user's scripts are at pre.per_user): rc 0 and the new
 * content, or an error that api_pre_reason() turns into the envelope's
 * message.  resume() must answer and api_unpark() the request, or hand
 * it on (to the queue) to be answered later.  The HTTP thread never
 * waits for a script.
 */
#ifndef FG_API_PREWAIT_H
#define FG_API_PREWAIT_H

#include <stddef.h>
#include <stdint.h>

struct http_req;

struct api_pre_wait {
	struct http_req	*http;
	void	(*resume)(struct api_pre_wait *, int rc, const char *text,
		    size_t len);
};

/* Park w->http with (state, state_free) and run script for user. */
void	api_pre_run(struct api_pre_wait *w, void *state,
	    void (*state_free)(void *), int64_t user, const char *script,
	    const char *content, const char *title);

/* The 999 message of a script that did not end well (rc, text). */
void	api_pre_reason(int rc, const char *text, size_t len, char *msg,
	    size_t size);

#endif
