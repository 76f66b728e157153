/*
 * prewait.c: parking a request on a pre-processing script (prewait.h).
 *
 * As in commit.c, the request is parked before the job reaches the
 * pool, because the pool's thread may answer before
 * pre_pool_submit() returns and must find the request parked.
 */
#include <stdio.h>

#include "api/commit.h"
#include "api/ctx.h"
#include "api/prewait.h"
#include "pre/pre.h"
#include "util/errors.h"

static void
pre_done(void *arg, int rc, const char *text, size_t len)
{
	struct api_pre_wait *w = arg;

	w->resume(w, rc, text, len);
}

void
api_pre_run(struct api_pre_wait *w, void *state, void (*state_free)(void *),
    int64_t user, const char *script, const char *content, const char *title)
{
	struct pre_pool *pool = api_ctx(w->http)->pre;
	int rc = FG_EIO;

	api_park(w->http, state, state_free);
	if (pool)
		rc = pre_pool_submit(pool, user, script, content, title,
		    pre_done, w);
	if (rc != 0)
		w->resume(w, rc, "no script workers", 17);
}

void
api_pre_reason(int rc, const char *text, size_t len, char *msg, size_t size)
{
	if (rc == FG_EBUSY)
		snprintf(msg, size, "预处理脚本繁忙，请稍后再试 (too many of "
		    "this user's scripts queued or running: pre.per_user)");
	else if (rc == FG_ETOOBIG)
		snprintf(msg, size, "预处理内容过长 (content or script too "
		    "long for a pre script)");
	else {
		/* cut at 220 bytes, on a UTF-8 character's start */
		if (len > 220)
			for (len = 220; len && (text[len] & 0xc0) == 0x80;
			    len--)
				;
		snprintf(msg, size, "预处理代码执行失败: %.*s (pre script "
		    "failed)", (int)len, text);
	}
}
