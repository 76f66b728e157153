/*
 * webpush_post.c: sending one built Web Push request (webpush.c) to its
 * push service, through the upstream client of every channel (http.c):
 * the address guard (a subscription's endpoint is the user's choice, so
 * private addresses need channel.allow_private), the per-host limit and
 * channel.timeout_ms.  The body is binary (aes128gcm), hence body_len.
 *
 * Only `feige device test-push` calls it so far; the delivery worker
 * will, with RFC 8030's outcomes (201 taken; 404/410 subscription gone;
 * 413 too big; 429 with Retry-After), in the next step.
 */
#include <string.h>

#include "channel/channel_int.h"
#include "channel/webpush.h"

int
webpush_post(const struct webpush_request *r, const char *endpoint,
    long *status, struct strbuf *detail)
{
	struct chan_http_req req;
	struct chan_http_reply rep;
	int rc;

	memset(&req, 0, sizeof(req));
	req.url = endpoint;
	req.body = r->body.buf;
	req.body_len = r->body.len;
	req.headers = r->headers;
	req.guard = 1;
	chan_http_reply_init(&rep);
	rc = chan_http_send(&req, &rep);
	*status = rep.status;
	if (rep.refused)
		strbuf_setf(detail,
		    "endpoint refused by the address guard "
		    "(channel.allow_private)");
	else if (rc != 0)
		strbuf_setf(detail, "%s", rep.error);
	else
		strbuf_setf(detail, "push service answered %ld", rep.status);
	chan_http_reply_release(&rep);
	return rc == 0 && rep.status >= 200 && rep.status < 300 ? 0 : -1;
}
