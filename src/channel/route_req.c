/*
 * route_req.c: the request helpers of route.h (route_req_init, _free,
 * _header), for the ClawBot driver and poller until the push sender's
 * route.c lands on this branch; whichever merges second keeps one copy.
 *
 * Header lines live in hbuf, each ending in NUL; the pointer array is
 * rebuilt after every append, since hbuf may move when it grows.
 */
#include <stdarg.h>
#include <string.h>

#include "channel/route.h"
#include "util/errors.h"

#define ROUTE_BODY_MAX (64 * 1024)
#define ROUTE_HDR_MAX 8192

void
route_req_init(struct route_req *req)
{
	memset(req, 0, sizeof(*req));
	strbuf_init(&req->hbuf, ROUTE_HDR_MAX);
	strbuf_init(&req->body, ROUTE_BODY_MAX);
}

void
route_req_free(struct route_req *req)
{
	strbuf_release(&req->hbuf);
	strbuf_release(&req->body);
}

int
route_req_header(struct route_req *req, const char *name, const char *fmt, ...)
{
	va_list ap;
	size_t n = 0, off = 0;
	int rc;

	while (n < ROUTE_NHEADERS && req->headers[n] != NULL)
		n++;
	if (n == ROUTE_NHEADERS)
		return FG_ETOOBIG;
	strbuf_addf(&req->hbuf, "%s: ", name);
	va_start(ap, fmt);
	rc = strbuf_vaddf(&req->hbuf, fmt, ap);
	va_end(ap);
	if (rc != 0 || strbuf_addch(&req->hbuf, '\0') != 0)
		return FG_ETOOBIG;
	for (n = 0; off < req->hbuf.len; n++) {
		req->headers[n] = req->hbuf.buf + off;
		off += strlen(req->hbuf.buf + off) + 1;
	}
	req->headers[n] = NULL;
	return 0;
}
