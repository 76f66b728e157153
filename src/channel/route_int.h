/*
 * route_int.h: what the route drivers (route_*.c) share besides
 * route.h: copying built header lines into a request, the detail and
 * Retry-After of an answer, and the Web Push request and verdicts that
 * UnifiedPush reuses (route_webpush.c).
 */
#ifndef FG_ROUTE_INT_H
#define FG_ROUTE_INT_H

#include "channel/channel_int.h"
#include "channel/route.h"

/* Add "Name: value" lines (NULL-terminated) to req; 0 or FG_EINVAL. */
int route_req_lines(struct route_req *, const char *const *lines);
/*
 * The verdict's detail from an answer: "HTTP <status>: <start of the
 * body>" or the transport's message; and retry_after_ms from a
 * Retry-After header (seconds or an HTTP date).
 */
void route_answer_detail(const struct route_answer *,
    struct route_verdict_out *);
/* Retry-After (delta seconds or HTTP date) in ms from now; 0 if none. */
int64_t route_retry_after_ms(const char *value, int64_t now_ms);

int route_webpush_request(const struct store_device *,
    const struct route_msg *, struct route_req *, struct strbuf *err);
void route_webpush_judge(const struct route_answer *,
    struct route_verdict_out *);

#endif
