/*
 * pp_pre.c: the `pre` step of a pushplus send (pp_send.h, pp_req_pre()),
 * shared by /send and /batchSend.
 *
 * `pre` names one of the sender's pre-processing scripts (the open
 * API's pre/add), also taken from the token's default config.  A send
 * without content skips the step, so it fails as before with "发送内容
 * 不能为空"; an unknown code is refused before anything waits.  The
 * script then runs in the worker pool while the request is parked
 * (api/prewait.h): the HTTP thread goes on serving others, and the rest
 * of the send (pp_req_fields(), the items, the queue) continues from
 * the pool's thread, through the caller's next().
 *
 * A script that empties the content gets a reason of its own rather
 * than "发送内容不能为空": the sender did send content.
 */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>

#include "api/api.h"
#include "api/pushplus/pp_send.h"

static void
pre_resume(struct api_pre_wait *w, int rc, const char *text, size_t len)
{
	struct pp_req *q = (struct pp_req *)((char *)w -
	    offsetof(struct pp_req, pre_wait));

	if (rc != 0) {
		api_pre_reason(rc, text, len, q->msg, sizeof(q->msg));
		return q->pre_next(q, 999);
	}
	if (len == 0) {
		snprintf(q->msg, sizeof(q->msg), "预处理后内容为空 (the pre "
		    "script left no content)");
		return q->pre_next(q, 999);
	}
	if (params_set(&q->p, "content", 7, text, len) != 0) {
		snprintf(q->msg, sizeof(q->msg), "预处理结果过长 (pre result "
		    "too long)");
		return q->pre_next(q, 999);
	}
	q->pre_next(q, 0);
}

int
pp_req_pre(struct pp_req *q, void *state, void (*state_free)(void *),
    void (*next)(struct pp_req *, int code))
{
	const char *code = params_get(&q->p, "pre", NULL);
	const char *content = params_get(&q->p, "content", NULL);
	char *script;
	int rc;

	if (code == NULL || content == NULL)
		return 0;
	if ((rc = api_open_pre_script(q->u.id, code, &script, q->msg,
	    sizeof(q->msg))) != 0)
		return rc;
	q->pre_wait.http = q->http;
	q->pre_wait.resume = pre_resume;
	q->pre_state = state;
	q->pre_next = next;
	api_pre_run(&q->pre_wait, state, state_free, q->u.id, script, content,
	    params_get(&q->p, "title", NULL));
	free(script);
	return PP_PARKED;
}
