/*
 * clawbot.h: what the open API's clawBot/... and the person's ClawBot
 * page share (api/clawbot.c): asking the poller for a bind code and
 * unbinding, each with the request parked until it is done.
 */
#ifndef FG_API_CLAWBOT_H
#define FG_API_CLAWBOT_H

#include <stdint.h>

#include "queue/clawbot.h"

struct http_req;

/*
 * Park r and ask the poller for a new bind code for user; reply() then
 * answers r (rc 0 and q, or an enum fg_err with q->why) and r is
 * unparked.  The poller must exist (api_ctx(r)->clawbot).
 */
void api_clawbot_qr(struct http_req *r, int64_t user,
    void (*reply)(struct http_req *, int rc, const struct clawbot_qr *q));
/*
 * Park r and remove user's bot and its device through the writer;
 * reply() answers r (rc 0, FG_ENOENT when none was bound, or another
 * enum fg_err), then the poller drops the person's long poll.
 */
void api_clawbot_unbind(struct http_req *r, int64_t user,
    void (*reply)(struct http_req *, int rc));

#endif
