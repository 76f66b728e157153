/*
 * route_unifiedpush.c: the UnifiedPush route (phones.md §4.1): the
 * person's distributor (ntfy, NextPush, ...) gave their app an
 * endpoint, and the app gave it to feige with its Web Push keys.
 *
 * UnifiedPush AND_3.0.0 makes a push a Web Push message, RFC 8291
 * encrypted, so the request is exactly the Web Push route's
 * (route_webpush_request: same payload, headers and VAPID).  A device
 * registered without keys cannot be pushed to (the app could not read
 * the message): such a push fails with the reason, and ops/device.c
 * now refuses to register one.
 *
 * Verdicts follow the server interface SERV_1.2.0: any 2xx taken (ntfy
 * answers 200 with its message JSON, others 201); 3xx final, because
 * redirects are never followed (the address guard turns them off); 404
 * and 410 the endpoint is gone; 400 and 413 final; 429 and everything
 * else again later.  ntfy's 507 "no active subscriber" is such a
 * later.  UnifiedPush rate-limits per endpoint, not per host, so the
 * sender keys its limits and backoff for these devices by endpoint
 * (push.c push_host).
 */
#include "channel/route_int.h"

static int
up_build(const struct route_driver *drv, struct store *rd,
    const struct store_device *d, const struct route_msg *m,
    struct route_req *req, struct strbuf *err)
{
	(void)drv;
	(void)rd;
	return route_webpush_request(d, m, req, err);
}

static void
up_judge(const struct route_driver *drv, const struct store_device *d,
    const struct route_answer *a, struct route_verdict_out *v)
{
	long s = a->status;

	(void)drv;
	(void)d;
	if (s >= 200 && s < 300)
		v->verdict = ROUTE_OK;
	else if (s == 404 || s == 410)
		v->verdict = ROUTE_GONE;
	else if ((s >= 300 && s < 400) || s == 400 || s == 413)
		v->verdict = ROUTE_FAIL;
	else
		v->verdict = ROUTE_RETRY;
	route_answer_detail(a, v);
}

const struct route_driver route_unifiedpush = {
	.type = "unifiedpush",
	.flags = ROUTE_F_RECALL,
	.build = up_build,
	.judge = up_judge,
};
