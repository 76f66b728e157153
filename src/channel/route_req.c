/*
 * route_req.c: the request a route driver fills (route.h).
 *
 * Header lines live one after another in hbuf, each ended by a NUL, and
 * headers[] points at them; since hbuf may move when it grows, the
 * pointers are laid again after every append, so a driver never holds
 * a stale one.  (Written on the WeChat branch before the push sender's
 * route.c: if that file has these three, this one goes at the merge.)
 */
#include <stdarg.h>
#include <string.h>

#include "channel/route.h"
#include "util/errors.h"

void
route_req_init(struct route_req *req)
{
	memset(req, 0, sizeof(*req));
	req->method = "POST";
	strbuf_init(&req->hbuf, 16 * 1024);
	strbuf_init(&req->body, 0);
}

void
route_req_free(struct route_req *req)
{
	strbuf_release(&req->hbuf);
	strbuf_release(&req->body);
	memset(req->headers, 0, sizeof(req->headers));
}

int
route_req_header(struct route_req *req, const char *name, const char *fmt,
    ...)
{
	va_list ap;
	size_t n = 0, off = 0, len = req->hbuf.len;
	int rc;

	while (n < ROUTE_NHEADERS && req->headers[n])
		n++;
	if (n == ROUTE_NHEADERS)
		return FG_ETOOBIG;
	va_start(ap, fmt);
	rc = strbuf_addf(&req->hbuf, "%s: ", name);
	if (rc == 0)
		rc = strbuf_vaddf(&req->hbuf, fmt, ap);
	va_end(ap);
	if (rc == 0)
		rc = strbuf_add(&req->hbuf, "", 1);
	if (rc != 0) {
		strbuf_setlen(&req->hbuf, len);
		return rc;
	}
	for (n = 0; off < req->hbuf.len; n++) {
		req->headers[n] = req->hbuf.buf + off;
		off += strlen(req->hbuf.buf + off) + 1;
	}
	req->headers[n] = NULL;
	return 0;
}
