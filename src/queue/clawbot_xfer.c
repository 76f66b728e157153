/*
 * clawbot_xfer.c: one iLink call on the ClawBot poller's multi handle
 * (struct cb_xfer): made, started, freed; and clawbot_kick(), the wake-up
 * any thread may send the loop.  Both the getupdates pollers (clawbot.c)
 * and the bind codes (clawbot_qr.c) run their calls through these, so
 * they sit in a file of their own below both: the loop calls the bind
 * codes, and the bind codes never call back up into the loop.
 */
#include <stdlib.h>

#include "channel/ilink.h"
#include "queue/clawbot_int.h"
#include "util/strbuf.h"
#include "util/xmalloc.h"

#define CB_REPLY_MAX (256 * 1024)

struct cb_xfer *
cb_xfer_new(int kind, void *owner)
{
	struct cb_xfer *x = xcalloc(1, sizeof(*x));

	x->kind = kind;
	x->owner = owner;
	route_req_init(&x->req);
	strbuf_init(&x->reply, CB_REPLY_MAX);
	return x;
}

void
cb_xfer_go(struct clawbot *c, struct cb_xfer *x, long timeout_ms)
{
	x->easy = curl_easy_init();
	ilink_easy(x->easy, &x->req, &x->hdrs, timeout_ms, &x->reply);
	curl_easy_setopt(x->easy, CURLOPT_ERRORBUFFER, x->errbuf);
	curl_easy_setopt(x->easy, CURLOPT_PRIVATE, x);
	curl_multi_add_handle(c->multi, x->easy);
}

void
cb_xfer_free(struct clawbot *c, struct cb_xfer *x)
{
	if (x == NULL)
		return;
	if (x->easy) {
		curl_multi_remove_handle(c->multi, x->easy);
		curl_easy_cleanup(x->easy);
	}
	curl_slist_free_all(x->hdrs);
	route_req_free(&x->req);
	strbuf_release(&x->reply);
	free(x);
}

void
clawbot_kick(struct clawbot *c)
{
	if (c == NULL)
		return;
	atomic_store(&c->kicked, 1);
	curl_multi_wakeup(c->multi);
}
