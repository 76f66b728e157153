/*
 * reply.c: what a handler does with its request (http.h): read a
 * header, set the reply (status, type, body, headers) and park or unpark
 * the request while a writer op runs.  The reply is an MHD response;
 * headers added before it exists (a Set-Cookie the session code sets
 * before the handler answers) wait in r->early and go onto it when it is
 * made, or onto a taken stream's head (take.c) when there is none.
 */
#include <microhttpd.h>
#include <stdint.h>
#include <string.h>

#include "http/conn.h"
#include "http/http.h"

int
http_early_each(const struct http_req *r,
    int (*fn)(void *, const char *, const char *), void *arg)
{
	const char *p = r->early.buf, *end = p + r->early.len, *v;
	int rc;

	for (; p && p < end; p = v + strlen(v) + 1) {
		v = p + strlen(p) + 1;
		if ((rc = fn(arg, p, v)) != 0)
			return rc;
	}
	return 0;
}

static int
add_header(void *resp, const char *name, const char *value)
{
	(void)MHD_add_response_header(resp, name, value);
	return 0;
}

const char *
http_header(struct http_req *r, const char *name)
{
	return MHD_lookup_connection_value(r->conn, MHD_HEADER_KIND, name);
}

void
http_reply(struct http_req *r, unsigned int status, const char *ctype,
    const char *body, size_t len)
{
	struct MHD_Response *resp = MHD_create_response_from_buffer(len,
	    (void *)(uintptr_t)body, MHD_RESPMEM_MUST_COPY);

	if (resp == NULL)
		return;
	if (ctype != NULL)
		MHD_add_response_header(resp, "Content-Type", ctype);
	http_early_each(r, add_header, resp);
	if (r->reply)
		MHD_destroy_response(r->reply);
	r->reply = resp;
	r->reply_status = status;
	r->reply_bytes = (long long)len;
	r->has_code = 0;
}

void
http_reply_json(struct http_req *r, unsigned int status,
    const struct strbuf *body)
{
	http_reply(r, status, "application/json;charset=UTF-8", body->buf,
	    body->len);
}

void
http_reply_header(struct http_req *r, const char *name, const char *value)
{
	if (r->reply) {
		MHD_add_response_header(r->reply, name, value);
		return;
	}
	if (r->early.buf == NULL)
		strbuf_init(&r->early, 4096);
	(void)strbuf_add(&r->early, name, strlen(name) + 1);
	(void)strbuf_add(&r->early, value, strlen(value) + 1);
}

void
http_req_park(struct http_req *r)
{
	r->parked = 1;
	MHD_suspend_connection(r->conn);
}

void
http_req_unpark(struct http_req *r)
{
	MHD_resume_connection(r->conn);
}
