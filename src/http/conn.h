/*
 * conn.h: the server's per-connection state, internal to src/http/
 * (server.c keeps it as MHD's socket context; take.c moves its guard
 * to a taken socket's struct http_hold).
 */
#ifndef FG_HTTP_CONN_H
#define FG_HTTP_CONN_H

#include "http/connguard.h"
#include "util/strbuf.h"

struct http_conn {
	struct strbuf		 uri;	/* raw target of the current request */
	struct connguard_conn	 guard;
	struct connguard	*cg;
	/*
	 * the socket was taken (take.c): its place in the counts moved to
	 * the stream's hold; MHD still frees this struct when it is done
	 */
	int			 taken;
};

struct http_conn	*http_conn_of(struct MHD_Connection *);

/*
 * fn(arg, name, value) for each header added before the reply existed
 * (http_reply_header(), kept in r->early; reply.c), in order, until fn
 * returns non-zero: that value, else 0.
 */
struct http_req;
int http_early_each(const struct http_req *,
    int (*fn)(void *, const char *, const char *), void *arg);

#endif
